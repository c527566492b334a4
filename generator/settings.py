"""The site's settings, its languages and interface strings, and `Content`: everything validated, together.

Languages are data: site.yml lists them (code, name, direction, locale, digits, font), and every text, page,
switch, feed and alternate follows that list. Nothing in the code knows "Arabic and English"; what a
language needs that CLDR knows (direction, plural forms, month names, likely country) comes from Babel.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from babel import Locale
from babel.core import get_global
from pydantic import AfterValidator, BeforeValidator, Field, HttpUrl, ValidationInfo, field_validator

from .fields import Slug, StrictModel, Text, first_repeated
from .interface_strings import InterfaceStrings
from .link_rules import lookalike
from .locales import cldr
from .model import Explainer
from .newsroom import Author

LANGUAGE_CODE = r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$"  # a BCP 47 tag in lower case: `ar`, `fr`, `pt-br`
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_CODE)]
SpelledWord = Annotated[str, Field(pattern=r"^\S+$")]  # one word: a query is matched word by word
OG_LOCALE = r"^[a-z]{2,3}_[A-Z]{2}$"  # Open Graph's form: a language and a country, `ar_AR`, `en_US`


class LanguageSettings(StrictModel):
    """One language of the site, under its code in site.yml's `languages`."""

    name: str = Field(
        min_length=1, description="The language's name in itself, as readers choose it: العربية, English, Français."
    )
    direction: Literal["rtl", "ltr"] | None = Field(
        default=None, description="`rtl` or `ltr`; by default the direction CLDR gives the locale."
    )
    locale: str | None = Field(
        default=None,
        description="The CLDR locale of dates, numbers and plural forms, e.g. `ar`, `fr`, `fa`; default: the code.",
    )
    og_locale: str | None = Field(
        default=None,
        pattern=OG_LOCALE,
        description="Open Graph's locale for shares, e.g. `ar_AR`; default: the locale's likely country.",
    )
    digits: str = Field(
        default="latn",
        description="`latn` for 0-9; `arab` (٠-٩) or `arabext` (۰-۹) where the locale writes numbers so.",
    )
    font: str | None = Field(
        default=None,
        description="A web font for this language's pages (TrueType, OpenType or WOFF), from the project folder.",
    )


@dataclass(frozen=True)
class Language:
    """A language of the site with every default filled in: what pages, dates and markup use."""

    code: str
    name: str
    direction: str
    locale: str
    og_locale: str
    digits: str
    font: str | None
    script: str  # the Unicode name of its letters' script, e.g. ARABIC, LATIN

    @property
    def english_name(self) -> str:
        """Its name in English, for editors' messages (which are in English)."""
        return cldr(self.locale).get_display_name("en") or self.code

    @property
    def comma(self) -> str:
        """What separates the parts of a list (a voice's role and affiliation): the Arabic comma in Arabic script."""
        return "، " if self.script == "ARABIC" else ", "


def resolve(code: str, settings: LanguageSettings) -> Language:
    """A language's settings with CLDR's defaults for what site.yml leaves out (the locale is known to be valid)."""
    locale = cldr(settings.locale or code)
    subtags = get_global("likely_subtags")
    likely = str(subtags.get(str(locale)) or subtags.get(locale.language) or locale).split("_")
    script_code = locale.script or next((part for part in likely if len(part) == 4), "Latn")
    territory = locale.territory or next((part for part in likely[1:] if len(part) in (2, 3) and part.isupper()), "")
    return Language(
        code=code,
        name=settings.name,
        direction=settings.direction or ("rtl" if locale.character_order == "right-to-left" else "ltr"),
        locale=str(locale),
        og_locale=settings.og_locale or "_".join(filter(None, (locale.language, territory))),
        digits=settings.digits,
        font=settings.font,
        script=str(Locale("en").scripts.get(script_code, script_code)).upper(),
    )


def script_of(character: str) -> str:
    """The script a letter belongs to, as Unicode names it (ARABIC, LATIN, HEBREW…)."""
    return unicodedata.name(character, "").partition(" ")[0]


def _plain_origin_and_path(url: HttpUrl) -> HttpUrl:
    """Only a scheme, host, port and path: the address is printed into feeds, the sitemap, canonical
    links and host files, where a password would be published and a query or fragment would break every
    address built on it. The password itself is never echoed back."""
    extras = [
        words
        for present, words in (
            (url.username is not None or url.password is not None, "a user name or password"),
            (url.query is not None, "a query (`?…`)"),
            (url.fragment is not None, "a fragment (`#…`)"),
        )
        if present
    ]
    if extras:
        found = ", ".join(extras[:-1]) + (" and " if len(extras) > 1 else "") + extras[-1]
        raise ValueError(
            f"has {found}, which a site's address cannot have "
            "(write only https://, the host and a path, e.g. https://explainers.example.org/news/)"
        )
    return url


def _one_token(value: object) -> object:
    """An address as typed, before the URL parser drops a line break and a tab and encodes a space (`https://x/` then
    `Sitemap: …` on the next line became `https://x/Sitemap:%20…` in every canonical link and feed, in silence:
    an outside tester's paste). A space or a control character in it is refused, as typed."""
    if isinstance(value, str) and any(char.isspace() or not char.isprintable() for char in value.strip()):
        raise ValueError(
            "has a space or a line break in it, which a site's address cannot have (a paste that took more than "
            "the address? write only https://, the host and a path)"
        )
    if isinstance(value, str) and (alike := lookalike(value.strip())):  # (every page's links to it: a retester's)
        raise ValueError(alike)
    return value.strip() if isinstance(value, str) else value


SiteAddress = Annotated[HttpUrl, BeforeValidator(_one_token), AfterValidator(_plain_origin_and_path)]


class Topic(StrictModel):
    """A subject explainers can be filed under."""

    id: Slug
    name: Text


class SiteSettings(StrictModel):
    """Site-wide settings, in content/site.yml."""

    site_url: SiteAddress = Field(description="The public address of the site's root, with a sub-path if it has one.")
    languages: dict[LanguageCode, LanguageSettings] = Field(
        min_length=1,
        description=(
            "The site's languages, by code, in the order pages offer them; each gets its folder (/ar/, /en/) and "
            "every text is written in each."
        ),
    )
    default_language: str | None = Field(
        default=None, description="The language for `x-default` links and first on the root page; default: the first."
    )
    translation_source: str | None = Field(
        default=None,
        description=(
            "The language editors write first: `check` tracks every other language's texts against it; "
            "default: the first."
        ),
    )
    topics: list[Topic] = Field(
        default=[],
        description="The topics explainers may name. Each gets a page per language: /<language>/topics/<id>/.",
    )
    page_size: int = Field(
        default=20,
        ge=1,
        description=(
            "How many explainers each home page and topic page lists, newest first; older ones continue on "
            "further pages (/ar/page/2/, /ar/topics/<id>/page/2/ and so on)."
        ),
    )
    editor: bool = Field(
        default=False,
        description="Publish the browser editor at /admin/ (Decap CMS, configured from the content model).",
    )
    search_spellings: list[Annotated[list[SpelledWord], Field(min_length=2)]] = Field(
        default=[],
        description="Words spelt more than one way, each list one word's spellings: a search for any of them finds"
        " every one (a name transliterated two ways: [Zelensky, Zelenskyy], [بوتين, بوتن], [Kyiv, Kiev]).",
    )

    @field_validator("default_language", "translation_source")
    @classmethod
    def _listed(cls, code: str | None, info: ValidationInfo) -> str | None:
        listed = list(info.data.get("languages") or {})
        if code is not None and listed and code not in listed:
            raise ValueError(f"`{code}` is not one of the site's languages ({', '.join(listed)})")
        return code

    @field_validator("topics")
    @classmethod
    def _unique_topic_ids(cls, topics: list[Topic]) -> list[Topic]:
        if (repeated := first_repeated([topic.id for topic in topics])) is not None:
            raise ValueError(f"lists the id `{repeated}` twice; give each topic its own id")
        return topics


Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{10}$")]


class TranslationRecord(StrictModel):
    """content/translations/<explainer>.yml, written by `python -m generator mark-reviewed`; not edited by hand.

    Each entry holds the fingerprints of one text in every language at the moment an editor confirmed
    they say the same: `{ar: 03834a8e6f, en: 80b1357de3}`."""

    reviewed: list[dict[LanguageCode, Fingerprint]] = Field(default_factory=list)


@dataclass(frozen=True)
class Content:
    """Everything the renderer needs, validated: settings, interface strings by language, and explainers."""

    settings: SiteSettings
    strings: dict[str, InterfaceStrings]
    explainers: tuple[Explainer, ...] = ()
    authors: tuple[Author, ...] = ()  # content/authors.yml, when the project has one

    @cached_property
    def languages(self) -> tuple[Language, ...]:
        """The site's languages in site.yml's order."""
        return tuple(resolve(code, settings) for code, settings in self.settings.languages.items())

    @property
    def default_language(self) -> str:
        return self.settings.default_language or self.languages[0].code

    @property
    def translation_source(self) -> str:
        return self.settings.translation_source or self.languages[0].code

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def served_from(self, site_url: str) -> Content:
        """The same content published at another address (a staging host, a sub-path); the address is
        already known to be a web address (the command line checks it)."""
        settings = SiteSettings.model_validate({**self.settings.model_dump(), "site_url": site_url})
        return dataclasses.replace(self, settings=settings)
