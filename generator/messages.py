"""Pydantic's validation errors, located in the YAML and said in plain words for editors."""

from __future__ import annotations

import calendar
import difflib
import re
import types
import typing
import unicodedata
from functools import partial
from typing import Any, TypeVar

import pydantic

from .document import Document, FieldPath, format_field
from .fields import HIJRI_YEARS, PARTIAL_DATE_PATTERN, PLACEHOLDER, Text, digits_named, written_at
from .model import TAG
from .problems import Problem
from .settings import LANGUAGE_CODE, OG_LOCALE
from .slugs import SLUG_PATTERN
from .yaml_layout import colon_words

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)

# Plain words (message, hint) for pydantic's error types; anything not listed keeps pydantic's sentence.
_EMPTY = ("is empty; write the text", "")
_MESSAGES = {
    "missing": ("is missing", "add it"),
    "extra_forbidden": ("is not a field this file can have", ""),
    "string_type": ("must be text", "put the value in double quotes"),
    "list_type": ("must be a list", "write each item on its own line starting with `- `"),
    "dict_type": ("must be a group of fields", "indent the fields under it"),
    "model_type": ("must be a group of fields", "indent the fields under it"),
    "model_attributes_type": ("must be a group of fields", "indent the fields under it"),
    "date_from_datetime_parsing": ("is not a real date: {error}", "check the day and the month"),
    "date_from_datetime_inexact": ("is not a date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "date_parsing": ("is not a date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "date_type": ("must be a date", "write it as YYYY-MM-DD, e.g. 2023-09-12"),
    "too_short": ("needs at least one item", ""),
    "too_long": ("has more than {max_length} items", "keep the ones that matter most"),
    "string_too_long": ("is longer than {max_length} characters", "shorten it"),
    "url_parsing": ("is not a web address", "write the full address, starting with https://"),
    "url_scheme": ("is not a web address", "write the full address, starting with https://"),
    "literal_error": ("must be one of {expected}", "write one of them exactly as shown"),
    "string_too_short": _EMPTY,
    "url_type": ("is not a web address", "write the full address, starting with https://"),
    "url_too_long": ("is longer than {max_length} characters", "a web address that long is not one: check it"),
    "int_parsing": ("must be a whole number", "write it in digits, e.g. 12"),
    "float_parsing": ("must be a number", "write it in digits, with a full stop for a fraction, e.g. 37.5"),
    "float_type": ("must be a number", "write it in digits, with a full stop for a fraction, e.g. 37.5"),
    "int_from_float": ("must be a whole number", "write it in digits, e.g. 12"),
    "int_type": ("must be a whole number", "write it in digits, e.g. 12"),
    "greater_than_equal": ("must be at least {ge}", ""),
    "less_than_equal": ("must be at most {le}", ""),
    "bool_parsing": ("must be true or false", "write `true` or `false`"),
    "bool_type": ("must be true or false", "write `true` or `false`"),
}
_PATTERN_MESSAGES = {
    SLUG_PATTERN: (
        "is not a safe name for an address",
        "use lower-case a–z, 0–9 and single hyphens, e.g. `kim-putin-summit`",
    ),
    PARTIAL_DATE_PATTERN: (
        "is not a date",
        'write YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2023-07"; a year before 1000 with its zero, "0632"',
    ),
    OG_LOCALE: ("is not an Open Graph locale", "write a language and a country, e.g. `ar_AR` or `en_US`"),
    # (`EN:` was told pydantic's regular expression: an outside tester's)
    LANGUAGE_CODE: (
        "is not a language code as the site writes them",
        "write it in lower case, its region or script after a hyphen: `ar`, `ur`, `pt-br`",
    ),
}
_DATE_ERRORS = {"date_from_datetime_parsing", "date_from_datetime_inexact", "date_parsing", "date_type"}
# Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits, as an Arabic keyboard types them.
_WESTERN_DIGITS = str.maketrans({**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}})


def date_words(value: object, partial: bool) -> tuple[str, str] | None:
    """Plain words for the two ways a date goes wrong that a generic "is not a date" would not explain.

    A date typed on an Arabic keyboard looks right on screen but is not 0–9, so the hint shows the
    value retyped; a date still reading `[YYYY-MM-DD]` was left as `new` wrote it, like a text placeholder.
    `partial` is for timeline dates, which may be a year or a month."""
    if not isinstance(value, str):
        return None
    if PLACEHOLDER.fullmatch(value.strip()):
        example = 'YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2023-07"' if partial else "YYYY-MM-DD, e.g. 2023-09-12"
        return f"is still the placeholder `{value.strip()}`", f"replace it with the real date: {example}"
    if invisible := [char for char in value if unicodedata.category(char) == "Cf"]:  # (`2023-09-12‏`, a tester's)
        kept = "".join(char for char in value if char not in invisible).strip()
        return f"holds the invisible character U+{ord(invisible[0]):04X}", f"delete it: write {kept}"
    if found := re.fullmatch(r"\s*([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\s*", value):  # `2024-02-30`, `2023-13`
        number, month, day = (int(part or 1) for part in found.groups())
        if not 1 <= month <= 12:
            return f"is not a real date: there is no month {month:02d}", "write the month as 01 to 12"
        if not 1 <= day <= (days := calendar.monthrange(number, month)[1]):
            named = calendar.month_name[month]  # (English, as every message is: Python keeps the C locale)
            return f"is not a real date: {named} {number} has {days} days", "check the day and the month"
    western = value.translate(_WESTERN_DIGITS)
    if western != value:
        year = western.strip()[:4]
        if not partial and year.isdigit() and int(year) in HIJRI_YEARS:  # (the fix was refused next: a tester's)
            return (
                f"is written with {digits_named(value)}",
                f"type the day in the Gregorian calendar: {year} is a Hijri year",
            )
        return f"is written with {digits_named(value)}", f"type the digits 0–9: write {western.strip()}"
    return None


def _slug_words(value: str) -> tuple[str, str]:
    """A slug or id refused, as written, with the fix for the slips an Arabic keyboard or a name's capitals make:
    `[salma، omar]` (the Arabic comma, which YAML reads as a letter) and `Salma` were told "not a safe name for an
    address" alone, an author's or topic's id being no address to its editor (an outside tester's)."""
    message, hint = _PATTERN_MESSAGES[SLUG_PATTERN]
    said = f"`{value if len(value) <= 40 else value[:39] + '…'}` {message}"
    if "،" in value:
        return said, "separate the items with a comma typed in Latin, `,` (`،` is a letter to YAML)"
    if (lower := value.lower()) != value and re.fullmatch(SLUG_PATTERN, lower):
        return said, f"write it in lower case: `{lower}`"
    return said, hint


def model_at(model: type[pydantic.BaseModel], at: FieldPath) -> type[pydantic.BaseModel] | None:
    """The model expected at a field path (through lists, optional values and mappings), if any."""
    current: Any = model
    for part in at:
        current = _inner(current)
        if typing.get_origin(current) is dict:  # a mapping's key (a language code): its values' type
            current = typing.get_args(current)[1]
            continue
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, pydantic.BaseModel)):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = info.annotation
    current = _inner(current)
    return current if isinstance(current, type) and issubclass(current, pydantic.BaseModel) else None


def _inner(annotation: Any) -> Any:
    """`list[X]`, `X | None`, `Annotated[X, …]` → X; anything else as it is."""
    while typing.get_origin(annotation) in (list, typing.Union, types.UnionType, typing.Annotated):
        arguments = [argument for argument in typing.get_args(annotation) if argument is not type(None)]
        annotation = arguments[0]
    return annotation


def required_fields(model: type[pydantic.BaseModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if info.is_required()]


def _words(model: type[pydantic.BaseModel], error: Any, at: FieldPath) -> tuple[str, str]:
    kind = error["type"]
    if kind == "value_error":  # (a timeline's date that is no day, `2023-13`, said as a day's: `date_words`)
        said = str(error["ctx"]["error"])
        return (said.startswith("is not a real date") and date_words(error["input"], True)) or (said, "")
    if error["input"] in (None, "") and kind in ("string_type", "string_pattern_mismatch"):
        return _EMPTY  # (`said_by: ""` was "not a safe name for an address": a retester's)
    if kind == "string_type" and isinstance(error["input"], dict):  # (quoting a group is no mend: a tester's)
        return "must be text, not a group of fields", "write the text itself after the colon, on the same line"
    partial = kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == PARTIAL_DATE_PATTERN
    found = date_words(error["input"], partial) if kind in _DATE_ERRORS or partial else None
    if found is not None:
        return found
    if kind == "date_from_datetime_parsing" and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(error["input"])):
        return _MESSAGES["date_parsing"]
    if kind in {"model_type", "model_attributes_type"} and model_at(model, at) is Text:
        return (
            "must have a text in each of the site's languages",
            "write each language's code, such as `ar:`, indented under it",
        )
    if (
        kind == "string_pattern_mismatch"
        and error["ctx"]["pattern"] == SLUG_PATTERN
        and isinstance(error["input"], str)
    ):
        return _slug_words(error["input"])
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(error["ctx"]["pattern"], (error["msg"], ""))
    if kind == "extra_forbidden":
        meant = _meant(model, at)
        return _MESSAGES[kind][0], f"did you mean `{meant[-1]}`?" if meant else "check the spelling, or delete it"
    if kind in _MESSAGES:
        message, hint = _MESSAGES[kind]
        return message.format(**error.get("ctx", {})), hint
    said = str(error["msg"])  # pydantic's own words, its capital lowered unless it starts a word in capitals (URL)
    return (said[:1].lower() + said[1:] if said[1:2].islower() else said), ""


def check_model(
    document: Document, model: type[ModelT], languages: tuple[str, ...] | None = None
) -> tuple[ModelT | None, list[Problem]]:
    """Validate one document against a model, turning every error into a located Problem; texts are checked
    against the site's `languages` (codes) when given."""
    if document.data is None and (required := required_fields(model)):
        hint = f"{document.path.name} needs at least {', '.join(required)}"
        return None, [Problem(document.path, 1, 1, "", "is empty", hint)]
    try:  # (an empty file of a model that needs nothing, authors.yml, holds nothing: it said "needs at least ")
        data = {} if document.data is None else document.data
        return model.model_validate(data, context={"languages": languages}), []
    except pydantic.ValidationError as error:
        problems = []
        errors = [
            (item, tuple(part for part in item["loc"] if part != "[key]" and not str(part).startswith(TAG)))
            for item in error.errors()
        ]
        meant = {_meant(model, at) for item, at in errors if item["type"] == "extra_forbidden"}
        for item, at in errors:
            if item["type"] == "missing" and at in meant:
                continue  # said once, at the misspelling (`titel`: did you mean `title`?), not at the file's top
            for where, message, hint, shown in _located_words(model, item, at, languages):
                line, col = document.find(where, partial(written_at, message))
                problems.append(Problem(document.path, line, col, format_field(shown), message, hint))
        return None, problems


def _meant(model: type[pydantic.BaseModel], at: FieldPath) -> FieldPath | None:
    """The field a key no model has most likely stands for (`titel` for `title`), by its spelling; None if none."""
    parent = model_at(model, at[:-1])
    close = difflib.get_close_matches(str(at[-1]), list(parent.model_fields) if parent else [], n=1)
    return (*at[:-1], close[0]) if close else None


def _located_words(
    model: type[pydantic.BaseModel], error: Any, at: FieldPath, languages: tuple[str, ...] | None
) -> list[tuple[FieldPath, str, str, FieldPath]]:
    """An error's field path, plain words and the field to name; a text's missing and unknown languages are one
    problem each, at the language's own key (a missing one is said where the text is)."""
    if error["type"] == "extra_forbidden" and at and at[-1] in (languages or ()):  # `en:` typed at the margin
        message = "is a language's text outside the text it belongs to: YAML reads it as a field of its own"
        return [(at, message, "indent it under that text's field, in line with its other languages", at)]
    if error["type"] != "text_languages":
        return [(at, *_words(model, error, at), at)]
    known, holder = ", ".join(languages or ()), model_at(model, at[:-1]) if at else None
    unknown = [
        (
            (*at, code),
            "is not one of the site's languages",
            f"the site's languages are {known}; delete it or add the language to site.yml",
            (*at, code),
        )
        if (meant := _language_glued(code, languages)) is None and code not in (holder.model_fields if holder else ())
        # `said_by:` indented under the point's `text:` (an outside tester's desk was told to add a language)
        else (
            (*at, code),
            f"is indented under `{at[-1]}:`, whose texts are languages; it is a field beside it",
            f"move it left, in line with `{at[-1]}:`",
            (*at, code),
        )
        if meant is None
        # `en "Kim's visit: arms…"`: the text's own colon made all before it a key (an outside tester's)
        else (
            (*at, code),
            f"`{code.split()[0]}` {colon_words(code.split()[0][-1])}: YAML read it and its text as one key",
            f"write `{meant}: ` and then the text",
            (*at, meant),
        )
        for code in error["ctx"]["unknown"]
    ]
    glued = {_language_glued(other, languages) for other in error["ctx"]["unknown"]}
    missing = [
        ((*at, code), "is missing", "add it", (*at, code)) for code in error["ctx"]["missing"] if code not in glued
    ]
    return missing + unknown


def _language_glued(key: str, languages: tuple[str, ...] | None) -> str | None:
    """The site language a key is, written with its text and no colon (`en "Kim…`, `En "…`, `en; "…`, `en Kim…`)."""
    glued = _GLUED_TEXT.match(key)
    code = glued.group(1).lower() if glued else None
    return code if code in (languages or ()) else None


# A language's key and its text, no colon (or one of its stand-ins, `yaml_layout.colon_words`).
_GLUED_TEXT = re.compile(r"""([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)[;؛：]?\s+\S""")
