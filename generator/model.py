"""The content model: what an editor may write, and the single source of the JSON Schema.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
Descriptions are written for editors: they show up in their YAML editor as tooltips.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

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

    @model_validator(mode="after")
    def _in_every_language(self, info: ValidationInfo) -> Text:
        codes = site_languages(info)
        if codes is None:
            return self
        missing = [code for code in codes if code not in self.texts]
        unknown = [code for code in self.texts if code not in codes]
        if missing or unknown:  # said one problem per language by `messages`, at the language's key
            raise PydanticCustomError("text_languages", "languages", {"missing": missing, "unknown": unknown})
        return self

    @property
    def texts(self) -> dict[str, str]:
        """The text in each language, by code."""
        return self.__pydantic_extra__ or {}

    def __getitem__(self, code: str) -> str:
        return self.texts[code]


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
    language: str = Field(description="The language the article was published in: one of the site's language codes.")
    date: dt.date = Field(description="The day the article was published, as YYYY-MM-DD.")
    publisher: Text | None = Field(default=None, description="Who published it, if known.")
    url: HttpUrl | None = Field(default=None, description="Where to read it, if it is online.")

    @field_validator("language")
    @classmethod
    def _a_site_language(cls, code: str, info: ValidationInfo) -> str:
        codes = site_languages(info)
        if codes is not None and code not in codes:
            raise ValueError(f"`{code}` is not one of the site's languages ({', '.join(codes)})")
        return code


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


# Addresses under each language's folder (/ar/, /en/) that the site's own pages use, which an explainer's
# slug must not take.
RESERVED_SLUGS = frozenset({"page", "topics", "search"})

# Anchors the explainer page uses itself; a section id must not collide with them (a section `x` also
# gets the anchor `x-heading`, and voices get `voice-<id>`).
PAGE_ANCHORS = frozenset({"main", "takeaways", "voices", "timeline", "sources", "toc"})


class Figure(StrictModel):
    """A picture, with what it shows, what it adds and whom to credit, in every language."""

    file: str = Field(
        description="The picture's path from content/, e.g. `media/kim-putin-2019.jpg`: JPEG, PNG, WebP or AVIF, "
        "at least 800 pixels wide. Its metadata (EXIF, GPS) is never published."
    )
    alt: Text = Field(description="What the picture shows, for readers who cannot see it (a sentence, not a caption).")
    caption: Text | None = Field(default=None, description="What the picture adds to the text, shown under it.")
    credit: Text = Field(description="Who made it, as it must be credited, e.g. `Reuters/Jane Doe` or `Natural Earth`.")
    license: str | None = Field(
        default=None,
        description="The terms the newsroom may publish it under, for the record (`licensed from Reuters`, "
        "`CC BY 4.0`, `public domain`); not shown on the page.",
    )


class FigureBlock(StrictModel):
    """A picture between a section's paragraphs: `- figure: {file: …, alt: …, credit: …}`."""

    figure: Figure


# A section's body is paragraphs and figures in the order they are read. The tags are not field names: a
# problem's field path leaves them out (`messages`), so it reads `sections[0].paragraphs[2].figure.alt`.
TAG = "·"


def _block_kind(value: object) -> str:
    """A mapping with a `figure` key is a figure; anything else is read (and reported) as a paragraph."""
    figure = isinstance(value, FigureBlock) or (isinstance(value, dict) and "figure" in value)
    return f"{TAG}figure" if figure else f"{TAG}text"


Block = Annotated[
    Annotated[Text, Tag(f"{TAG}text")] | Annotated[FigureBlock, Tag(f"{TAG}figure")], Discriminator(_block_kind)
]


class Section(StrictModel):
    """A part of the explainer with its own heading, e.g. what one side wants."""

    id: Slug = Field(description="The section's anchor in both languages, e.g. `what-russia-wants`.")
    heading: Text = Field(description="The section heading.")
    paragraphs: list[Block] = Field(
        default=[], description="Running text, shown before the points; a `figure:` item places a picture between them."
    )
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
        description="The explainer's address in each language, e.g. /ar/<slug>/. Never change it once published."
    )
    published: dt.date = Field(description="The day the explainer was first published, as YYYY-MM-DD.")
    updated: dt.date | None = Field(default=None, description="The day of the last real change, as YYYY-MM-DD.")
    title: Text = Field(description="The explainer's headline.")
    dek: Text = Field(description="A one-paragraph summary under the headline.")
    source: SourceArticle = Field(description="The article this explainer summarises.")
    image: Figure | None = Field(default=None, description="The lead picture, shown under the headline and in lists.")
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
