"""Interface strings checked for what only shows at render time: plural forms, placeholders, date patterns.

Each rule here stands for a build that would otherwise stop half-way with a Python traceback (`{count:x}`,
`{name!z}`, a date pattern Babel cannot use), so `check` refuses it first, at the line of the string.
"""

from __future__ import annotations

import datetime as dt
import difflib
import string
import unicodedata
from functools import partial

from babel import Locale
from babel.dates import format_date

from .document import Document, FieldPath, format_field
from .fields import unseen, written_at
from .interface_strings import InterfaceStrings
from .problems import Problem
from .scripts import leaves
from .settings import Content, Language

# The placeholders each interface string may use; every other string takes none.
PLACEHOLDERS = {
    "said_by": {"name"},
    "see_section": {"section"},
    "reading_time": {"count"},
    "explainer_count": {"count"},
    "search_results": {"count", "query"},
    "search_no_results": {"query"},
    "search_most_words": {"count", "query"},
    "search_other_language": {"query", "language"},
    "searching": {"query"},
    "topic_description": {"topic"},
    "year_description": {"year"},
    "page_of": {"page", "pages"},
    "byline": {"names"},
    "in_section": {"section"},
    "photo_credit": {"credit"},
    "map_credit": {"credit"},
    "graphic_credit": {"credit"},
}
# The placeholders a text must use: without them a translation showed "according to them" under every quotation,
# no voice named, and a credit without its agency (an outside tester's fuzzing).
REQUIRED = {
    "said_by": "name",
    "byline": "names",
    "see_section": "section",
    "in_section": "section",
    "photo_credit": "credit",
    "map_credit": "credit",
    "graphic_credit": "credit",
    "year_description": "year",
}
_BRACES_HINT = "write placeholders as {name}; double a brace to show it"
# A day every date pattern is tried on: a two-digit day and month, so no letter goes untried for its width.
_SAMPLE_DAY = dt.date(2023, 9, 12)


def _problem(document: Document, at: FieldPath, message: str, hint: str = "") -> Problem:
    line, col = document.find(at, partial(written_at, message))
    return Problem(document.path, line, col, format_field(at), message, hint)


def _texts(strings: InterfaceStrings) -> list[tuple[FieldPath, str]]:
    """Every text of the interface with its field path; counted phrases give one text per plural form."""
    found: list[tuple[FieldPath, str]] = []
    for name, value in strings.model_dump().items():
        if isinstance(value, str):
            found.append(((name,), value))
        elif isinstance(value, dict) and name in PLACEHOLDERS:
            found += [((name, key), text) for key, text in value.items()]
    return found


def _every_text(value: object, at: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text of the strings, however deep (language names, share names, custom strings), with its path."""
    if isinstance(value, str):
        return [(at, value)]
    if isinstance(value, dict):
        return [found for key, inner in value.items() for found in _every_text(inner, (*at, key))]
    return []


def _placeholder_problems(document: Document, at: FieldPath, text: str) -> list[Problem]:
    """A placeholder is a bare `{name}` this text may use: a format spec (`{count:x}`, `{topic:>999}`) or a
    conversion (`{name!r}`) would fail the build or fill the page, so it is refused like an unknown name."""
    allowed = PLACEHOLDERS.get(at[0], set()) if isinstance(at[0], str) else set()
    try:
        parts = [(field, spec, conversion) for _, field, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        return [_problem(document, at, "has an unmatched `{` or `}`", _BRACES_HINT)]
    problems = []
    needed = REQUIRED.get(at[0]) if isinstance(at[0], str) and len(at) == 1 else None
    used = {field for field, _, _ in parts if field is not None}
    if needed and not used - allowed and needed not in used:  # (a misspelt one is said below, once)
        message = f"has no `{{{needed}}}`, which shows what it names: without it, the page names nothing"
        problems.append(_problem(document, at, message, f"write `{{{needed}}}` where the {needed} goes"))
    for field, spec, conversion in parts:
        if field is None:
            continue
        if field not in allowed:
            close = difflib.get_close_matches(field, sorted(allowed), n=1)
            usable = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
            hint = f"did you mean `{{{close[0]}}}`?" if close else f"this text can use: {usable}"
            problems.append(_problem(document, at, f"`{{{field}}}` is not a placeholder this text can use", hint))
        elif spec or conversion:
            written = f"{{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            message = f"`{written}` has formatting after the name, which the site cannot apply"
            problems.append(_problem(document, at, message, f"write it as `{{{field}}}`"))
    return problems


def _date_pattern_problem(document: Document, field: str, pattern: str, locale: str) -> Problem | None:
    """A date pattern Babel cannot format a day with (an unknown letter, a time of day, a width CLDR lacks)."""
    try:
        format_date(_SAMPLE_DAY, pattern, locale=locale)
    except AttributeError:  # Babel asks the date for an hour, a second or a time zone it does not have
        reason = "it asks for a time of day or a time zone, and these dates have neither"
    except Exception as error:  # Babel says the other mistakes with ValueError, KeyError, IndexError alike
        said = str(error.args[0]) if error.args else ""  # a KeyError's str() adds quotes around it
        reason = (said[:1].lower() + said[1:]) or "Babel cannot read it"
    else:
        return None
    message = f"`{pattern}` is not a date pattern the site can use: {reason}"
    return _problem(document, ("date_formats", field), message, _DATE_HINT)


_DATE_HINT = "use CLDR date letters for day, month and year, e.g. `d MMMM y`; put other words in 'single quotes'"


def check_strings(
    document: Document, strings: InterfaceStrings, language: Language, languages: tuple[Language, ...]
) -> list[Problem]:
    """Counted phrases need exactly the CLDR plural forms of the language; every language of the site needs
    its name; placeholders must be known and bare; date patterns must format a day in the language's locale."""
    problems = []
    locale = language.locale
    required = set(Locale.parse(locale).plural_form.tags) | {"other"}
    forms = ", ".join(sorted(required))
    for name in ("reading_time", "explainer_count", "search_results"):
        present = set(getattr(strings, name))
        for missing in sorted(required - present):
            message = f"has no `{missing}` form; {language.code} needs the plural forms {forms}"
            problems.append(_problem(document, (name,), message, f"add `{missing}:`"))
        for extra in sorted(present - required):
            message, hint = f"is not a plural form of {language.code}", f"{language.code} uses {forms}"
            problems.append(_problem(document, (name, extra), message, hint))
    for code in [
        other.code for other in languages if other.code not in strings.language_names
    ]:  # pages name every language they link to
        message, hint = f"has no name for `{code}`", f"add `{code}:` with that language's name in this one"
        problems.append(_problem(document, ("language_names",), message, hint))
    for at, text in _texts(strings):
        problems += _placeholder_problems(document, at, text)
    for at, text in _every_text(strings.model_dump()):  # `""` or a zero-width space printed as a heading
        if said := unseen(text):
            problems.append(_problem(document, at, said))
    for field, pattern in strings.date_formats.model_dump().items():
        found = _date_pattern_problem(document, field, pattern, locale)
        if found is not None:
            problems.append(found)
    return problems


def left_out(document: Document) -> list[Problem]:
    """The interface strings a language's file leaves out that the page then says with another (each optional
    field's description says which: "Left out, `search_results` is shown."): a string added to the generator
    after a newsroom wrote its own file showed, say, "12 results" where no page had every word, said nothing
    of (an outside tester's). A warning, as the page still reads in its language."""
    written = document.data if isinstance(document.data, dict) else {}
    problems = []
    for name, field in InterfaceStrings.model_fields.items():
        if field.is_required() or name in written or "Left out, " not in (field.description or ""):
            continue
        what, instead = (field.description or "").rstrip(".").split(". Left out, ", 1)
        hint = f"add it: {what[:1].lower()}{what[1:]}"
        problems.append(Problem(document.path, 1, 1, name, f"is not written: {instead} in its place", hint))
    return problems


def said_twice(document: Document, site: Content | None) -> list[Problem]:
    """A voice's `attributed` that opens with what the `said_by` string writes before the name: the field's own
    example once held `بحسب`, and an editor who followed it got `بحسب بحسب الوزير` on every statement (a tester's)."""
    problems = []
    voices = document.data.get("voices") if isinstance(document.data, dict) else None
    for index, voice in enumerate(voices if site and isinstance(voices, list) else []):
        written = voice.get("attributed") if isinstance(voice, dict) else None
        for code, text in written.items() if isinstance(written, dict) else ():
            said_by = site.strings[code].said_by if site and code in site.strings else "{name}"
            lead = said_by.split("{name}")[0].strip()
            if lead and isinstance(text, str) and _bare(text).startswith(_bare(lead)):
                at, hint = ("voices", index, "attributed", code), f"write the name alone, as it reads after `{lead}`"
                message = f"opens with `{lead}`, which the page writes before it (`{said_by}`)"
                problems.append(Problem(document.path, *document.locate(at), format_field(at), message, hint))
    return problems


# What a credit may open with that the page writes before it (`photo_credit`, `map_credit`, `graphic_credit`) in
# other words.
_CREDIT_WORDS = frozenset(
    {"photo", "photograph", "image", "picture", "credit", "map", "graphic", "chart", "infographic"}
    | {"صورة", "الصورة", "تصوير", "خريطة", "رسم", "إنفوغراف", "انفوجراف"}
)


def credited_twice(document: Document, site: Content | None) -> list[Problem]:
    """A picture's credit that opens with the word the page writes before it: `Photo: AFP` was shown "Photo: Photo:
    AFP", and `تصوير: أ.ف.ب` "صورة: تصوير: أ.ف.ب" (an outside tester's producer), as `said_twice` is for a voice."""
    if site is None:
        return []
    problems = []
    for at, text in leaves(document.data):
        if len(at) < 2 or at[-2] != "credit" or not isinstance(text, str):
            continue
        head, colon, rest = text.replace("：", ":").partition(":")
        strings = site.strings.get(str(at[-1]))
        lines = (strings.photo_credit, strings.map_credit, strings.graphic_credit or "") if strings else ()
        if (
            colon
            and rest.strip()
            and _bare(head) in _CREDIT_WORDS | {_bare(line.split("{credit}")[0]).rstrip(" :") for line in lines}
        ):
            hint = f"write the name alone, `{rest.strip()}`"
            message = f"opens with `{head.strip()}:`, and the page writes its own word before every credit"
            problems.append(Problem(document.path, *document.locate(at), format_field(at), message, hint))
    return problems


def _bare(text: str) -> str:
    """A text as `said_twice` compares it: without marks (`بِحَسَب`), tatweel (`بحسـب`), direction marks or any
    other invisible character pasted before it, in lower case (a retester's spellings of `بحسب` passed)."""
    kept = (char for char in unicodedata.normalize("NFD", text) if unicodedata.category(char)[0] not in "MC")
    return " ".join("".join(kept).replace("\u0640", "").split()).lower()
