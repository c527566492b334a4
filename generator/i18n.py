"""Languages as data, and localised dates, numbers and counted phrases.

Babel formats dates and numbers by CLDR but always with Western digits; whether Arabic pages show
Arabic-Indic digits is a site setting, so `Localizer` maps digits itself, only in text it formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal, cast

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.plural import PluralRule

from .model import InterfaceStrings, LanguageSettings, PluralCategory

LanguageCode = Literal["ar", "en"]
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class Language:
    """Facts about a language that never vary by site."""

    code: LanguageCode
    direction: Literal["rtl", "ltr"]
    locale: str
    og_locale: str


LANGUAGES: dict[LanguageCode, Language] = {
    "ar": Language("ar", "rtl", "ar", "ar_AR"),
    "en": Language("en", "ltr", "en", "en_US"),
}


def other(code: LanguageCode) -> LanguageCode:
    """The other language of this bilingual site."""
    return "en" if code == "ar" else "ar"


@cache
def _plural_rule(locale: str) -> PluralRule:
    return Locale.parse(locale).plural_form


@lru_cache(maxsize=8192)  # a site has few distinct dates, each formatted on many pages
def _format_date(value: dt.date, pattern: str, locale: str) -> str:
    return str(format_date(value, pattern, locale=locale))


@dataclass(frozen=True)
class Localizer:
    """Formats dates, numbers and counted phrases for one language, with the site's digit setting."""

    language: Language
    strings: InterfaceStrings
    settings: LanguageSettings

    def digits(self, text: str) -> str:
        """Apply the site's digit setting to text we formatted (never to URLs or editor text)."""
        return text.translate(_ARABIC_INDIC) if self.settings.digits == "arab" else text

    def date(self, value: dt.date) -> str:
        return self.digits(_format_date(value, self.strings.date_formats.day, self.language.locale))

    def partial_date(self, value: str) -> str:
        """A timeline date given as YYYY, YYYY-MM or YYYY-MM-DD, shown at the precision it has."""
        parts = [int(part) for part in value.split("-")]
        day = dt.date(parts[0], *[*parts[1:], 1, 1][:2])
        pattern = (self.strings.date_formats.year, self.strings.date_formats.month, self.strings.date_formats.day)[
            len(parts) - 1
        ]
        return self.digits(_format_date(day, pattern, self.language.locale))

    def number(self, value: int) -> str:
        # Babel picks the separators of the numbering system (٬ for arab); the digits are ours to map.
        return self.digits(format_decimal(value, locale=self.language.locale, numbering_system=self.settings.digits))

    def count(self, forms: Mapping[PluralCategory, str], value: int) -> str:
        """A counted phrase in the CLDR plural form the number takes in this language."""
        category = cast(PluralCategory, _plural_rule(self.language.locale)(value))
        return forms[category].format(count=self.number(value))
