"""The content model: what an editor may write, and the single source of the JSON Schema.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
Descriptions are written for editors: they show up in their YAML editor as tooltips.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .text_rules import refused_markup, shows_nothing

PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")  # what `new` writes: "[Headline]"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"


def _check_text(value: str) -> str:
    """Reject texts a reader would see as blank, and markup the page would not show.

    (Characters that may not stand in a text at all are refused where they are typed, by the loader.)"""
    if shows_nothing(value):
        raise ValueError(
            "is empty; write the text"
            if not value.strip()
            else "shows nothing (only invisible characters); write the text"
        )
    if PLACEHOLDER.fullmatch(value.strip()):
        raise ValueError(f"is still the placeholder `{value.strip()}` (replace it with the real text)")
    refused = refused_markup(value)
    if refused:
        raise ValueError("; also ".join(refused))
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


PartialDate = Annotated[
    str,
    BeforeValidator(lambda value: str(value) if isinstance(value, int) and not isinstance(value, bool) else value),
    Field(
        pattern=PARTIAL_DATE_PATTERN,
        description="A year (2019), a month (2023-07) or a day (2023-09-12): as precise as the source is.",
    ),
    AfterValidator(_check_partial_date),
]


class StrictModel(BaseModel):
    """Base for every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(StrictModel):
    """One human-readable text, written in both languages side by side."""

    ar: Prose = Field(description="The Arabic text.")
    en: Prose = Field(description="The English text.")


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


class SourceArticle(StrictModel):
    """A published article the explainer draws its facts from."""

    title: Text = Field(description="The article's headline (or, if it has none, a plain description of it).")
    language: Literal["ar", "en"] = Field(description="The language the article was published in.")
    date: dt.date = Field(description="The day the article was published, as YYYY-MM-DD.")
    publisher: Text | None = Field(default=None, description="Who published it, if known.")
    url: HttpUrl | None = Field(default=None, description="Where to read it, if it is online.")


class Voice(StrictModel):
    """A person or group the source quotes or cites."""

    id: Slug = Field(description="A short name points use to attribute statements, e.g. `shoigu`.")
    name: Text = Field(description="The name as the source gives it.")
    role: Text | None = Field(default=None, description="Their position, e.g. Russian defence minister.")
    affiliation: Text | None = Field(default=None, description="Their institution or country, if the source gives one.")


class Point(StrictModel):
    """One statement in a section, optionally attributed to a voice."""

    text: Text = Field(description="The statement, faithful to the source.")
    said_by: Slug | None = Field(
        default=None, description="The `id` of the voice this statement comes from, when the source attributes it."
    )


# Addresses under /ar/ and /en/ that the site's own pages use, which an explainer's slug must not take.
RESERVED_SLUGS = frozenset({"page", "topics", "search"})

# Anchors the explainer page uses itself; a section id must not collide with them (a section `x` also
# gets the anchor `x-heading`, and voices get `voice-<id>`).
PAGE_ANCHORS = frozenset({"main", "takeaways", "voices", "timeline", "sources", "toc"})


class Section(StrictModel):
    """A part of the explainer with its own heading, e.g. what one side wants."""

    id: Slug = Field(description="The section's anchor in both languages, e.g. `what-russia-wants`.")
    heading: Text = Field(description="The section heading.")
    paragraphs: list[Text] = Field(default=[], description="Running text, shown before the points.")
    points: list[Point] = Field(default=[], description="Statements shown as a list.")

    @model_validator(mode="after")
    def _has_content(self) -> Section:
        if not self.paragraphs and not self.points:
            raise ValueError("has neither paragraphs nor points; give it at least one")
        return self


class Takeaway(StrictModel):
    """A one-line key fact shown at the top of the page."""

    text: Text = Field(description="The takeaway, one sentence.")
    section: Slug | None = Field(default=None, description="The `id` of the section that explains it further.")


class TimelineEvent(StrictModel):
    """A dated event the source mentions."""

    date: PartialDate
    text: Text = Field(description="What happened.")
    said_by: Slug | None = Field(default=None, description="The `id` of the voice the source credits, if any.")


class Explainer(StrictModel):
    """One explainer: a structured, bilingual summary of a news article."""

    slug: Slug = Field(
        description="The explainer's address: /ar/<slug>/ and /en/<slug>/. Never change it once published."
    )
    published: dt.date = Field(description="The day the explainer was first published, as YYYY-MM-DD.")
    updated: dt.date | None = Field(default=None, description="The day of the last real change, as YYYY-MM-DD.")
    title: Text = Field(description="The explainer's headline.")
    dek: Text = Field(description="A one-paragraph summary under the headline.")
    source: SourceArticle = Field(description="The article this explainer summarises.")
    topics: list[Slug] = Field(default=[], description="Topic ids from site.yml, e.g. `north-korea`.")
    takeaways: list[Takeaway] = Field(min_length=1, description="Key facts, shown first.")
    sections: list[Section] = Field(min_length=1, description="The body of the explainer.")
    voices: list[Voice] = Field(default=[], description="Who said what: people and groups the source quotes.")
    timeline: list[TimelineEvent] = Field(default=[], description="Dated events, oldest first.")
    sources: list[SourceArticle] = Field(default=[], description="Further articles used, besides `source`.")

    @field_validator("slug")
    @classmethod
    def _slug_free(cls, slug: str) -> str:
        if slug in RESERVED_SLUGS:
            raise ValueError(f"`{slug}` is the address of the site's own pages (/ar/{slug}/); choose another slug")
        return slug

    @field_validator("updated")
    @classmethod
    def _updated_not_before_published(cls, updated: dt.date | None, info: ValidationInfo) -> dt.date | None:
        published = info.data.get("published")
        if updated is not None and published is not None and updated < published:
            raise ValueError("is before `published`; an update cannot precede publication")
        return updated


class LanguageSettings(StrictModel):
    """How one language is presented on this site."""

    digits: Literal["latn", "arab"] = Field(
        default="latn", description="`latn` for 0-9, `arab` for Arabic-Indic ٠-٩ in dates and numbers."
    )


class EnglishSettings(LanguageSettings):
    """English pages: Western digits only."""

    @field_validator("digits")
    @classmethod
    def _latin_digits(cls, digits: str) -> str:
        if digits == "arab":
            raise ValueError("is `arab`; Arabic-Indic digits are for Arabic pages only")
        return digits


class Languages(StrictModel):
    """Per-language settings."""

    ar: LanguageSettings = LanguageSettings()
    en: EnglishSettings = EnglishSettings()


class Topic(StrictModel):
    """A subject explainers can be filed under."""

    id: Slug
    name: Text


class FontFiles(StrictModel):
    """Optional web fonts: a font file per language, relative to the project folder (e.g. `fonts/Naskh.ttf`).

    Without them the site uses readers' system fonts and ships no font bytes. With them, the build keeps
    only the glyphs the site uses and ships those as WOFF2."""

    ar: str | None = Field(default=None, description="The Arabic pages' font file (TrueType, OpenType or WOFF).")
    en: str | None = Field(default=None, description="The English pages' font file (TrueType, OpenType or WOFF).")


class SiteSettings(StrictModel):
    """Site-wide settings, in content/site.yml."""

    site_url: HttpUrl = Field(description="The public address of the site's root, with a sub-path if it has one.")
    default_language: Literal["ar", "en"] = Field(default="ar", description="The language for `x-default` links.")
    languages: Languages = Field(default=Languages(), description="Per-language settings.")
    topics: list[Topic] = Field(
        default=[],
        description=(
            "The topics explainers may name. Each gets a page per language: /ar/topics/<id>/ and /en/topics/<id>/."
        ),
    )
    page_size: int = Field(
        default=20,
        ge=1,
        description=(
            "How many explainers each home page and topic page lists, newest first; older ones continue on "
            "further pages (/ar/page/2/, /ar/topics/<id>/page/2/ and so on)."
        ),
    )

    fonts: FontFiles = Field(default=FontFiles(), description="Optional web fonts; by default none are downloaded.")

    @field_validator("site_url")
    @classmethod
    def _plain_origin_and_path(cls, url: HttpUrl) -> HttpUrl:
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

    @field_validator("topics")
    @classmethod
    def _unique_topic_ids(cls, topics: list[Topic]) -> list[Topic]:
        ids = [topic.id for topic in topics]
        repeated = sorted({topic_id for topic_id in ids if ids.count(topic_id) > 1})
        if repeated:
            raise ValueError(f"lists the id `{repeated[0]}` twice; give each topic its own id")
        return topics


PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]


class DateFormats(StrictModel):
    """CLDR date patterns (as Babel reads them) for each precision a date can have."""

    day: str = Field(description="e.g. `d MMMM y` → 12 September 2023.")
    month: str = Field(description="e.g. `MMMM y` → September 2023.")
    year: str = Field(description="e.g. `y` → 2023.")


class InterfaceStrings(StrictModel):
    """Every word of the interface in one language, in content/strings/<language>.yml.

    All fields are required: a missing Arabic string is an error, never English on an Arabic page.
    Counted phrases give one form per CLDR plural category of the language (Arabic has six).
    """

    language_name: str = Field(description="The language's name in itself: العربية, English.")
    language_names: dict[Literal["ar", "en"], str] = Field(
        description="Each language's name in this language, e.g. ar: Arabic."
    )
    read_in_language: str = Field(description="The switcher's label on the other language's pages: Read in English.")
    site_title: str
    site_description: str
    skip_to_content: str
    home: str
    all_explainers: str
    search: str = Field(description="The search page's name and the header link to it.")
    search_description: str
    search_without_javascript: str = Field(description="Shown on the search page when JavaScript is off.")
    topics: str = Field(
        description="The topics index: its heading, the header link to it, and the label of an explainer's topics."
    )
    topics_description: str = Field(description="The topics index's introduction and search-result description.")
    all_topics: str = Field(description="The link from a topic's page back to the topics index.")
    topic_description: str = Field(
        description="A topic page's introduction and search-result description; `{topic}` is the topic's name."
    )
    no_explainers: str = Field(description="A topic page's sentence when no explainer has the topic yet.")
    pagination: str = Field(description="The name screen readers give the links between pages of a list.")
    newer: str = Field(description="The link to the previous page of a list, where the newer explainers are.")
    older: str = Field(description="The link to the next page of a list, where the older explainers are.")
    page_of: str = Field(description="Where a page stands in its list: `{page}` is its number, `{pages}` how many.")
    on_this_page: str
    key_takeaways: str
    timeline: str
    voices: str
    sources: str
    source_article: str
    published: str
    updated: str
    said_by: str = Field(description="Attribution after a statement; `{name}` is the voice's name.")
    see_section: str = Field(description="Link from a takeaway to its section; `{section}` is its heading.")
    choose_language: str
    not_found_title: str
    not_found_body: str
    reading_time: dict[PluralCategory, str] = Field(description="`{count}` minutes of reading, per plural form.")
    explainer_count: dict[PluralCategory, str] = Field(description="`{count}` explainers, per plural form.")
    date_formats: DateFormats


class ReviewedPair(StrictModel):
    """Fingerprints of both sides of a text pair at the moment an editor confirmed they match."""

    ar: str = Field(pattern=r"^[0-9a-f]{10}$")
    en: str = Field(pattern=r"^[0-9a-f]{10}$")


class TranslationRecord(StrictModel):
    """content/translations/<explainer>.yml, written by `python -m generator mark-reviewed`; not edited by hand."""

    reviewed: list[ReviewedPair] = []
