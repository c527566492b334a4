"""Check loaded documents against the model and against each other, reporting every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from babel import Locale

from .load import Document, FieldPath, format_field
from .model import Explainer, InterfaceStrings, SiteSettings, StrictModel
from .problems import ContentError, Problem

ModelT = TypeVar("ModelT", bound=StrictModel)


@dataclass(frozen=True)
class Content:
    """Everything the renderer needs, validated: settings, interface strings and explainers."""

    settings: SiteSettings
    strings: dict[str, InterfaceStrings]
    explainers: tuple[Explainer, ...]


# Plain words for pydantic's error types; anything not listed falls back to pydantic's own sentence.
_MESSAGES = {
    "missing": ("is missing", "add it"),
    "extra_forbidden": ("is not a field this file can have", ""),
    "string_type": ("must be text", "put the value in double quotes"),
    "list_type": ("must be a list", "write each item on its own line starting with `- `"),
    "dict_type": ("must be a group of fields", "indent the fields under it"),
    "model_type": ("must be a group of fields", "indent the fields under it"),
    "model_attributes_type": ("must be a group of fields", "indent the fields under it"),
    "date_from_datetime_parsing": ("is not a real date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "date_parsing": ("is not a real date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "date_type": ("must be a date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "too_short": ("needs at least one item", ""),
    "url_parsing": ("is not a web address", "write the full address, starting with https://"),
    "url_scheme": ("is not a web address", "write the full address, starting with https://"),
    "literal_error": ("must be one of {expected}", ""),
}
_PATTERN_HINTS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "is not a safe name for an address",
        "use lower-case a–z, 0–9 and single hyphens, e.g. `kim-putin-summit`",
    ),
    r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$": ("is not a date", 'write YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2023-07"'),
}


def _field_names(model: type[pydantic.BaseModel], at: FieldPath) -> list[str]:
    """The names allowed where an unknown key stands, for a "did you mean" suggestion."""
    current: Any = model
    for part in at[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = info.annotation
        for inner in getattr(current, "__args__", ()):  # list[X], X | None
            if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
                current = inner
    return list(getattr(current, "model_fields", {}))


def _problem_from_error(document: Document, model: type[pydantic.BaseModel], error: Any) -> Problem:
    at: FieldPath = tuple(error["loc"])
    line, col = document.locate(at)
    kind = error["type"]
    if kind == "value_error":
        message, hint = str(error["ctx"]["error"]), ""
    elif kind == "string_pattern_mismatch":
        message, hint = _PATTERN_HINTS.get(error["ctx"]["pattern"], (error["msg"], ""))
    elif kind in _MESSAGES:
        message, hint = _MESSAGES[kind]
        message = message.format(**error.get("ctx", {}))
    else:
        message, hint = error["msg"][0].lower() + error["msg"][1:], ""
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(at[-1]), _field_names(model, at), n=1)
        hint = f"did you mean `{close[0]}`?" if close else "check the spelling, or delete it"
    return Problem(document.path, line, col, format_field(at), message, hint)


def check_model(document: Document, model: type[ModelT]) -> tuple[ModelT | None, list[Problem]]:
    """Validate one document against a model, turning every error into a located Problem."""
    try:
        return model.model_validate(document.data), []
    except pydantic.ValidationError as error:
        return None, [_problem_from_error(document, model, item) for item in error.errors()]


def _duplicates(values: Iterable[tuple[str, FieldPath]]) -> Iterable[tuple[str, FieldPath]]:
    seen: set[str] = set()
    for value, at in values:
        if value in seen:
            yield value, at
        seen.add(value)


def check_references(document: Document, explainer: Explainer, topics: set[str]) -> list[Problem]:
    """Cross-references within an explainer: unique ids, and links that point at something real."""
    problems = []

    def report(at: FieldPath, message: str, hint: str) -> None:
        line, col = document.locate(at)
        problems.append(Problem(document.path, line, col, format_field(at), message, hint))

    section_ids = [(section.id, ("sections", i, "id")) for i, section in enumerate(explainer.sections)]
    voice_ids = [(voice.id, ("voices", i, "id")) for i, voice in enumerate(explainer.voices)]
    for kind, ids in (("section", section_ids), ("voice", voice_ids)):
        for value, at in _duplicates(ids):
            report(at, f"`{value}` is already the id of another {kind}", "give each one its own id")
    known_voices = {value for value, _ in voice_ids}
    known_sections = {value for value, _ in section_ids}
    references: list[tuple[str | None, FieldPath, set[str], str]] = [
        (takeaway.section, ("takeaways", i, "section"), known_sections, "section")
        for i, takeaway in enumerate(explainer.takeaways)
    ]
    for i, section in enumerate(explainer.sections):
        references += [
            (point.said_by, ("sections", i, "points", j, "said_by"), known_voices, "voice")
            for j, point in enumerate(section.points)
        ]
    references += [
        (event.said_by, ("timeline", i, "said_by"), known_voices, "voice") for i, event in enumerate(explainer.timeline)
    ]
    references += [(topic, ("topics", i), topics, "topic in site.yml") for i, topic in enumerate(explainer.topics)]
    for reference, at, known, kind in references:
        if reference is not None and reference not in known:
            close = difflib.get_close_matches(reference, sorted(known), n=1)
            report(
                at,
                f"`{reference}` is not the id of any {kind}",
                f"did you mean `{close[0]}`?" if close else f"known: {', '.join(sorted(known)) or 'none'}",
            )
    return problems


def check_plurals(document: Document, strings: InterfaceStrings, language: str) -> list[Problem]:
    """Counted phrases need exactly the CLDR plural forms of their language."""
    problems = []
    required = set(Locale.parse(language).plural_form.tags) | {"other"}
    for name in ("reading_time", "explainer_count"):
        forms = set(getattr(strings, name))
        for missing in sorted(required - forms):
            line, col = document.locate((name,))
            problems.append(
                Problem(
                    document.path,
                    line,
                    col,
                    f"{name}.{missing}",
                    f"is missing; {language} needs the plural forms {', '.join(sorted(required))}",
                    "add the form for this count",
                )
            )
        for extra in sorted(forms - required):
            line, col = document.locate((name, extra))
            problems.append(
                Problem(
                    document.path,
                    line,
                    col,
                    f"{name}.{extra}",
                    f"is not a plural form of {language}",
                    f"{language} uses {', '.join(sorted(required))}",
                )
            )
    return problems


def validate(settings_doc: Document, string_docs: dict[str, Document], explainer_docs: list[Document]) -> Content:
    """Validate everything, then raise once with every problem found, or return the content."""
    problems: list[Problem] = []
    settings, found = check_model(settings_doc, SiteSettings)
    problems += found
    strings: dict[str, InterfaceStrings] = {}
    for language, document in string_docs.items():
        table, found = check_model(document, InterfaceStrings)
        problems += found
        if table is not None:
            strings[language] = table
            problems += check_plurals(document, table, language)
    topics = {topic.id for topic in settings.topics} if settings else set()
    explainers: list[Explainer] = []
    slugs: dict[str, Path] = {}
    for document in explainer_docs:
        explainer, found = check_model(document, Explainer)
        problems += found
        if explainer is None:
            continue
        problems += check_references(document, explainer, topics)
        if explainer.slug in slugs:
            line, col = document.locate(("slug",))
            problems.append(
                Problem(
                    document.path,
                    line,
                    col,
                    "slug",
                    f"`{explainer.slug}` is already the slug of {slugs[explainer.slug]}",
                    "every explainer needs its own slug",
                )
            )
        slugs[explainer.slug] = document.path
        explainers.append(explainer)
    if problems or settings is None:
        raise ContentError(problems)
    ordered = sorted(explainers, key=lambda item: (item.published, item.slug), reverse=True)
    return Content(settings, strings, tuple(ordered))
