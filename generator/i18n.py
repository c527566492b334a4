"""Localised dates, numbers and counted phrases, in each language's digits.

Babel formats dates and numbers by CLDR but always with Western digits; whether a language's pages show
native digits (Arabic-Indic ٠-٩, Persian ۰-۹) is a site setting, so `Localizer` maps digits itself, only in
text it formats.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import cast

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.plural import PluralRule
from markupsafe import Markup, escape

from .interface_strings import InterfaceStrings, PluralCategory
from .locales import cldr
from .settings import Language

# The digits of each numbering system a site may choose. Babel knows each system's separators but not its
# digits, so they are listed here, by the code point of their zero.
NUMBERING_SYSTEMS = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0"}


def digit_table(system: str) -> dict[int, str]:
    """ASCII digits → the numbering system's (nothing to map for `latn`)."""
    zero = ord(NUMBERING_SYSTEMS[system])
    return {} if system == "latn" else {ord("0") + n: chr(zero + n) for n in range(10)}


def numbering_problem(locale: str, system: str) -> str | None:
    """Why a language cannot show its numbers in `system`, or None: the system must be one the locale uses."""
    parsed = cldr(locale)
    usable = {"latn", parsed.default_numbering_system, *parsed.other_numbering_systems.values()}
    usable &= set(NUMBERING_SYSTEMS)
    if system in usable:
        return None
    name, known = parsed.get_display_name("en"), ", ".join(sorted(usable))
    return f"is `{system}`, which {name} does not write numbers in (it uses {known})"


@cache
def _plural_rule(locale: str) -> PluralRule:
    return Locale.parse(locale).plural_form


@lru_cache(maxsize=8192)  # a site has few distinct dates, each formatted on many pages
def _format_date(value: dt.date, pattern: str, locale: str) -> str:
    # Babel parses a locale given by name on every call, two thirds of formatting a date (timelines have
    # thousands of distinct ones at N = 1,000): given the parsed locale, it does not.
    said = str(format_date(value, pattern, locale=_locale(locale)))
    if value.day == 1 and _locale(locale).language == "fr":  # French writes the first of a month `1er`,
        said = _FIRST_OF_MONTH.sub("1er", said, count=1)  # which CLDR's patterns leave out (an outside tester's)
    return said


_FIRST_OF_MONTH = re.compile(r"(?<!\w)1(?=[ \u00a0][^\W\d_])")


@cache
def _locale(locale: str) -> Locale:
    return Locale.parse(locale)


@dataclass(frozen=True)
class DateView:
    """A day as a page shows it: its `<time datetime>` and its text in the page's language (Localizer.dated)."""

    datetime: str
    text: str


@dataclass(frozen=True)
class Localizer:
    """Formats dates, numbers and counted phrases for one language, with the site's digit setting."""

    language: Language
    strings: InterfaceStrings

    @cached_property
    def _digits(self) -> dict[int, str]:
        return digit_table(self.language.digits)

    def digits(self, text: str) -> str:
        """Apply the site's digit setting to text we formatted (never to URLs or editor text)."""
        return text.translate(self._digits) if self._digits else text

    def date(self, value: dt.date) -> str:
        return self.digits(_format_date(value, self.strings.date_formats.day, self.language.locale))

    def dated(self, value: dt.date) -> DateView:
        """A day as a `<time>` shows it: in lists, the archive, an explainer's meta line and its updates."""
        return DateView(value.isoformat(), self.date(value))

    def partial_date(self, value: str) -> str:
        """A timeline date given as YYYY, YYYY-MM or YYYY-MM-DD, shown at the precision it has."""
        parts = [int(part) for part in value.split("-")]
        day = dt.date(parts[0], *[*parts[1:], 1, 1][:2])
        pattern = (self.strings.date_formats.year, self.strings.date_formats.month, self.strings.date_formats.day)[
            len(parts) - 1
        ]
        return self.digits(_format_date(day, pattern, self.language.locale))

    def language_name(self, code: str) -> str | None:
        """A language's name in this one, as CLDR has it (`he` on an English page: Hebrew), or None."""
        name = _locale(self.language.locale).languages.get(code.replace("-", "_").split("_")[0])
        return str(name) if name else None

    def number(self, value: int) -> str:
        # Babel picks the separators of the numbering system (٬ for arab); the digits are ours to map.
        return self.digits(
            format_decimal(value, locale=_locale(self.language.locale), numbering_system=self.language.digits)
        )

    def count(self, forms: Mapping[PluralCategory, str], value: int) -> str:
        """A counted phrase in the CLDR plural form the number takes in this language."""
        category = cast(PluralCategory, _plural_rule(self.language.locale)(value))
        return forms[category].format(count=self.number(value))


def label(template: str, **values: Markup) -> Markup:
    """An interface string with rendered HTML filled in; the string itself is escaped. Its placeholders are
    bare names (strings_check refuses any other), so `str.format_map` fills it with the escaped values, as
    `Markup.format` would: its formatter is pure Python, and labels were 4 % of a cold build."""
    return Markup(str(escape(template)).format_map({name: escape(value) for name, value in values.items()}))
