"""The field types every content model uses: a text in each of the site's languages, slugs, partial dates.

A text's rules (not blank, not a leftover placeholder, no markup the page would not show) and its languages
(exactly the site's, given as validation context) are checked here, once, for every model that has texts.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .link_rules import lookalike
from .skeleton import is_placeholder
from .slugs import SLUG_PATTERN
from .text_rules import CUTTING, forbidden, joined_words, refused_markup, shows_nothing, split_words, unseen_in

PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")  # the shape of what `new` writes: "[Headline]" (skeleton.is_placeholder)
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"


# How a zero-width space may be written: raw, as a YAML escape, or as an HTML reference (numeric or named).
_ZERO_WIDTH = re.compile(
    r"\u200b|\\u200b|\\U0000200b|&#0*8203;|&#x0*200b;|&(?:ZeroWidth|Negative(?:Very)?(?:Thin|Medium|Thick))Space;",
    re.IGNORECASE,
)
_NAMED_REFERENCE = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")
UNSEEN_IN_ADDRESS = "holds the invisible U+"
UNSEEN_IN_WORD = "has the invisible format character U+"
ZERO_WIDTH_IN_WORDS = "has an invisible zero-width space U+200B in "
JOINER_IN_WORDS = "has an invisible zero-width joiner or non-joiner (U+200D, U+200C) in "
_JOINER = re.compile(r"[\u200c\u200d]|\\u200[cd]|\\U0000200[cd]|&#0*820[45];|&#x0*200[cd];|&zwn?j;", re.IGNORECASE)
NAMED_REFERENCE_TO = "holds an HTML reference to "


def written_at(message: str, source: str, start: int) -> int | None:
    """Where in a file's `source`, from a text's `start`, the character a text's problem names is written (the
    first such), so it is reported there rather than at the text's field: in a block text it was lines off
    (an outside tester's fuzzing). None for a problem of the whole text."""
    if message.startswith(ZERO_WIDTH_IN_WORDS):
        found = _ZERO_WIDTH.search(source, start)
        return found.start() if found else None
    if message.startswith(JOINER_IN_WORDS):
        found = _JOINER.search(source, start)
        return found.start() if found else None
    if message.startswith((UNSEEN_IN_ADDRESS, UNSEEN_IN_WORD)):  # raw, or as a YAML escape (a tab as `\t`)
        point = int(message.split("U+", 1)[1].split(",")[0].split(" ")[0], 16)
        escapes = [f"\\u{point:04x}", f"\\U{point:08x}", *([f"\\x{point:02x}"] if point < 0x100 else [])]
        written = "|".join(map(re.escape, [chr(point), *escapes, *(["\\t"] if point == 9 else [])]))
        found = re.compile(written, re.IGNORECASE).search(source, start)
        return found.start() if found else None
    if message.startswith(NAMED_REFERENCE_TO):
        named = _NAMED_REFERENCE.finditer(source, start)
        return next((found.start() for found in named if forbidden(html.unescape(found.group()))), None)
    return None


def unseen(value: str) -> str | None:
    """What in a text a reader would not see, said for the editor: nothing shown at all, or a zero-width space
    that cuts a word in two for search; None when it shows as written. (Characters that may not stand in a
    text at all are refused where they are typed, by the loader.)"""
    if shows_nothing(value):
        return (
            "is empty; write the text"
            if not value.strip()
            else "shows nothing (only invisible characters); write the text"
        )
    shown = html.unescape(value) if "&" in value else value  # `&ZeroWidthSpace;`, `&shy;`: the page's characters
    if "\u200b" in shown and (split := split_words(shown)):
        words = ", ".join(f"`{word}`" for word in split)
        return (
            f"{ZERO_WIDTH_IN_WORDS}{words} (pasted from a web page or a word processor,"
            " or written as an HTML reference), which cuts a word in two for search or stands for nothing; delete it"
        )
    if CUTTING.search(shown) and (joined := joined_words(shown)):
        words = ", ".join(f"`{word}`" for word in joined)
        other = next((char for char in shown if CUTTING.match(char) and char not in "\u200c\u200d"), None)
        if other is None:
            return f"{JOINER_IN_WORDS}{words} (pasted), which cuts the word in two for search; delete it"
        return f"{UNSEEN_IN_WORD}{ord(other):04X} in {words}, which cuts the word in two for search; delete it"
    return None


def _check_text(value: str) -> str:
    """Reject texts a reader would see as blank or wordless, and markup the page would not show."""
    if (blank := unseen(value)) and shows_nothing(value):
        raise ValueError(blank)
    # Only punctuation, spaces, tatweel: a title `ـــــ` or `...` passed (an outside tester's); an emoji, a sign pass.
    if all(char == "\u0640" or unicodedata.category(char)[0] in "PZCM" for char in html.unescape(value)):
        raise ValueError("has no word, only punctuation or tatweel (ـ); write the text")
    if is_placeholder(value.strip()):
        raise ValueError(f"is still the placeholder `{value.strip()}` (replace it with the real text)")
    refused = refused_markup(value)
    if refused:
        raise ValueError("; also ".join(refused))
    if blank:
        raise ValueError(blank)
    shown = html.unescape(value) if "&" in value else value
    if shown is not value and (why := next(filter(None, map(forbidden, shown)), None)):  # a named reference
        raise ValueError(f"{NAMED_REFERENCE_TO}{why}")  # (numeric ones are located where written)
    return value


Prose = Annotated[
    str,
    AfterValidator(_check_text),
    Field(description="Text in one language. Markdown is allowed: **bold**, *emphasis*, [links](https://…)."),
]
Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="Lower-case ASCII letters, digits and single hyphens, e.g. `kim-putin-summit`.",
    ),
]


def _check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD, and only dates that exist on a calendar."""
    parts = [int(part) for part in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"is not a real date ({error})") from None
    return value


HIJRI_YEARS = range(1300, 1501)  # this century's Hijri years, which no newspaper's Gregorian day has


def _written_as_a_day(value: object) -> object:
    """A day is written YYYY-MM-DD (YAML's dates are read as text): pydantic takes a number, or a text of digits,
    for seconds since 1970, and `published: 0` printed "1 January 1970" (an outside tester's fuzzing)."""
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"[-+]?[0-9.eE]+", value.strip())):
        raise PydanticCustomError("date_parsing", "not a date")
    return value


def _not_hijri(day: dt.date) -> dt.date:
    """A day on which news was published cannot fall in the years 1300–1500 (print came later): such a year is a
    Hijri one typed into a Gregorian field (1445 AH is 2023–24), which the page then showed as 1445 CE. Nor
    can one fall before print (`0001-01-01`)."""
    if day.year < HIJRI_YEARS.start:
        raise ValueError(f"is in the year {day.year}, before any newspaper; write the day it was, YYYY-MM-DD")
    if day.year in HIJRI_YEARS:
        common = day.year * 0.970224 + 621.5774  # (the mean lengths of the two years)
        raise ValueError(
            f"is in the year {day.year}, a century before any newspaper: a Hijri date? ({day.year} AH is"
            f" {int(common)}–{int(common) + 1}); write the day in the Gregorian calendar, YYYY-MM-DD"
        )
    return day


def _seen(address: object) -> object:
    """An address with a character no one sees (`https://www.exa⠀mple.org`, a Braille blank) is refused: its
    link went to another domain, which anyone may register (an outside tester's)."""
    if isinstance(address, str) and (unseen := unseen_in(address)):
        raise ValueError(f"{UNSEEN_IN_ADDRESS}{ord(unseen):04X}, which sends readers elsewhere; delete it")
    if isinstance(address, str) and (alike := lookalike(address)):  # (`exаmple.com`, its `а` Cyrillic)
        raise ValueError(f"{alike}; type the address again")
    return address


# A web address a reader follows.
WebAddress = Annotated[HttpUrl, BeforeValidator(_seen)]


# A day something was published or changed: a date that news can have.
NewsDay = Annotated[dt.date, BeforeValidator(_written_as_a_day), AfterValidator(_not_hijri)]


PartialDate = Annotated[
    str,
    BeforeValidator(lambda value: str(value) if isinstance(value, int) and not isinstance(value, bool) else value),
    Field(
        pattern=PARTIAL_DATE_PATTERN,
        description="A year (2019), a month (2023-07) or a day (2023-09-12): as precise as the source is.",
        # The pattern again for the JSON schema, which leaves it out behind the validator before it: VS Code and
        # the browser editor accepted `13/09/2023` (an outside editor's finding), which only check then refused.
        json_schema_extra={"pattern": PARTIAL_DATE_PATTERN},
    ),
    AfterValidator(_check_partial_date),
]


def first_repeated(ids: list[str]) -> str | None:
    """The first id (alphabetically) listed more than once: a list of things named by id names each once."""
    repeated = sorted({item for item in ids if ids.count(item) > 1})
    return repeated[0] if repeated else None


class StrictModel(BaseModel):
    """Base for every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def site_languages(info: ValidationInfo) -> tuple[str, ...] | None:
    """The codes of the site's languages, which validation is given as context (None when it is not: a
    model built in code, or site.yml's own languages before they are known)."""
    languages = (info.context or {}).get("languages")
    return tuple(languages) if languages else None


class Text(BaseModel):
    """One human-readable text, written in each of the site's languages side by side: `{ar: …, en: …}`.

    The languages are data (site.yml's `languages`), so a text is a mapping keyed by their codes rather
    than a field per language; each value is checked as prose, and the codes against the site's."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)
    __pydantic_extra__: dict[str, Prose] = Field(init=False)

    @model_validator(mode="wrap")
    @classmethod
    def _in_every_language(cls, data: Any, handler: ModelWrapValidatorHandler[Text], info: ValidationInfo) -> Text:
        """Every site language and no other, said one problem per language by `messages`, at the language's key;
        and with what is wrong in its texts: a leftover placeholder hid a missing language until it was mended,
        two rounds of `check` (an outside tester's)."""
        codes = site_languages(info) if isinstance(data, dict) else None  # (not a mapping: said as such)
        given = list(data) if isinstance(data, dict) else []
        missing = [code for code in codes or () if code not in given]
        unknown = [code for code in given if codes is not None and code not in codes]
        languages = PydanticCustomError("text_languages", "languages", {"missing": missing, "unknown": unknown})
        try:
            text = handler(data)
        except ValidationError as error:
            together = {"type": languages, "loc": (), "input": data}
            raise (with_problem(error, together) if missing or unknown else error) from None
        if missing or unknown:
            raise languages
        return text

    @property
    def texts(self) -> dict[str, str]:
        """The text in each language, by code."""
        return self.__pydantic_extra__ or {}

    def __getitem__(self, code: str) -> str:
        return self.texts[code]


def with_problem(error: ValidationError, detail: dict[str, Any]) -> ValidationError:
    """A text's problems (`error`'s, as pydantic recorded them) and one more (`detail`: its type, place, input,
    context), said together; `error` alone if one of them cannot be made again."""
    details = [_remade(item) for item in error.errors()]
    try:
        return ValidationError.from_exception_data(error.title, [*details, detail])  # type: ignore[list-item]
    except (KeyError, TypeError, ValueError):
        return error


def _remade(item: Any) -> dict[str, Any]:
    """A recorded problem as `from_exception_data` takes it: one of ours (`text_languages`) as our own error again."""
    detail = {key: item[key] for key in ("type", "loc", "input", "ctx") if key in item}
    if item["type"] == "text_languages":
        detail["type"] = PydanticCustomError("text_languages", "languages", item["ctx"])
    return detail


def texts_in(value: object) -> Iterator[Text]:
    """Every bilingual text in a model, however deeply nested."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_in(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts_in(getattr(value, name))


def digits_named(value: str) -> str:
    """What a value is written with that 0–9 and `. , %` are not: Persian digits are not Arabic-Indic ones (an
    outside tester's `۲۰۲۴` was told so), and an Arabic per cent sign alone is neither."""
    if any("\u06f0" <= character <= "\u06f9" for character in value):
        return "Persian (Extended Arabic-Indic) digits"
    if any("\u0660" <= character <= "\u0669" for character in value):
        return "Arabic-Indic digits"
    return "Arabic signs (٫ ٬ ٪)"
