"""Locales as CLDR (Babel) knows them: read the web's way (`ar-MA`) or CLDR's (`ar_MA`), and whether one is known.

Apart from settings.py, which reads site.yml's languages with them, because the content model checks a
source's language with them too, and settings.py imports the model."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError


def cldr(locale: str) -> Locale:
    """A locale as Babel reads it, written the web's way (`ar-MA`) or CLDR's (`ar_MA`)."""
    return Locale.parse(locale.replace("-", "_"))


def known_locale(value: str) -> str | None:
    """Why a locale cannot be used, or None when Babel has it."""
    try:
        cldr(value)
    except (UnknownLocaleError, ValueError):
        return f"`{value}` is not a locale CLDR knows"
    return None
