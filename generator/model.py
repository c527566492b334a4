"""The content model: what an editor may write, and the single source of the JSON Schema.

Every model forbids unknown keys (a typo is an error, not a field ignored); descriptions, for editors, are tooltips.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator

from .document import FieldPath
from .fields import NewsDay, PartialDate, Slug, StrictModel, Text, WebAddress, first_repeated, site_languages
from .hashing import digest
from .locales import known_locale
from .newsroom import KeyFigure, Update
from .slugs import RESERVED_SLUGS, free_slug
from .text_kinds import Line, Summary


class SourceArticle(StrictModel):
    """A published article the explainer draws its facts from."""

    title: Text = Field(description="The article's headline (or, if it has none, a plain description of it).")
    language: str = Field(
        description="The language the article was published in: one of the site's codes (`ar`) or any other (`he`)."
    )
    date: NewsDay = Field(description="The day the article was published, as YYYY-MM-DD.")
    publisher: Text | None = Field(default=None, description="Who published it, if known.")
    url: WebAddress | None = Field(default=None, description="Where to read it, if it is online.")

    @field_validator("language")
    @classmethod
    def _a_language(cls, code: str, info: ValidationInfo) -> str:
        """One of the site's languages, or any CLDR knows: an English-only desk summarises a Hebrew article (an
        outside tester's, refused until then)."""
        codes = site_languages(info)
        if codes is not None and code not in codes and known_locale(code) is not None:
            raise ValueError(
                f"`{code}` is neither one of the site's languages ({', '.join(codes)}) nor a language CLDR knows"
            )
        return code


class Voice(StrictModel):
    """A person or group the source quotes or cites."""

    id: Slug = Field(description="A short name points use to attribute statements, e.g. `shoigu`.")
    name: Line = Field(description="The name as the source gives it.")
    attributed: Line | None = Field(
        default=None,
        description="The name as it reads after 'according to' (the `said_by` interface string), where a language"
        " inflects it there, without the words before it: Arabic's المسؤولين الأمريكيين (shown بحسب المسؤولين"
        " الأمريكيين) for the name المسؤولون الأمريكيون. Left out, `name`.",
    )
    role: Text | None = Field(default=None, description="Their position, e.g. Russian defence minister.")
    affiliation: Text | None = Field(default=None, description="Their institution or country, if the source gives one.")


class Point(StrictModel):
    """One statement in a section, optionally attributed to a voice."""

    text: Text = Field(description="The statement, faithful to the source.")
    said_by: Slug | None = Field(
        default=None, description="The `id` of the voice this statement comes from, when the source attributes it."
    )


# The page's own anchors, which no section id may take (a section `x` also has `x-heading`; a voice, `voice-<id>`).
PAGE_ANCHORS = frozenset(
    {"main", "takeaways", "voices", "timeline", "sources", "toc", "key-figures", "updates", "related", "share"}
)


class MapLabel(StrictModel):
    """A name on a locator map."""

    at: tuple[float, float] = Field(
        description="Where it is written: longitude, latitude in degrees, e.g. [125.75, 39.02]."
    )
    text: Text
    place: bool = Field(default=False, description="A place (a city): a dot where it is, its name above the dot.")


class LocatorMap(StrictModel):
    """A map the build draws from Natural Earth (public domain), its labels in every language."""

    box: tuple[float, float, float, float] = Field(
        description="What it shows, in degrees: west, south, east, north, e.g. [25, 28, 155, 72]."
    )
    highlight: list[str] = Field(
        default=[], description="Countries coloured, by ISO 3166-1 numeric code, e.g. `408` North Korea, `643` Russia."
    )
    labels: list[MapLabel] = Field(default=[], description="Names written on the map.")

    @model_validator(mode="after")
    def _a_real_box(self) -> LocatorMap:
        west, south, east, north = self.box
        if not (-180 <= west < east <= 360 and -80 <= south < north <= 80):
            raise ValueError("is not a box on the globe: give west, south, east, north, between 80° south and north")
        for number, label in enumerate(self.labels):
            longitude, latitude = label.at
            longitude += 360 if longitude < west - 180 else 0
            if not (west <= longitude <= east and south <= latitude <= north):
                raise ValueError(f"has labels[{number}] at {list(label.at)}, outside its box; move it or widen the box")
        if not (1 <= east - west <= 360 and north - south >= 1 and 0.2 <= (north - south) / (east - west) <= 2):
            raise ValueError(
                "is too small or too narrow for a map: at least a degree each way, at most twice as tall as wide"
            )
        return self


class Figure(StrictModel):
    """A picture, with what it shows, what it adds and whom to credit, in every language."""

    file: str | None = Field(
        default=None,
        description="The picture's path from content/, e.g. `media/kim-putin-2019.jpg`: JPEG, PNG, WebP or AVIF, "
        "at least 800 pixels wide. Its metadata (EXIF, GPS) is never published.",
    )
    map: LocatorMap | None = Field(default=None, description="Instead of a file: a locator map the build draws.")
    alt: Text = Field(description="What the picture shows, for readers who cannot see it (a sentence, not a caption).")
    caption: Text | None = Field(default=None, description="What the picture adds to the text, shown under it.")
    credit: Text = Field(description="Who made it, by name alone (the page writes `Photo:` before it): `Reuters`.")
    kind: Literal["photo", "graphic"] = Field(
        default="photo",
        description="`graphic` for a chart, an infographic or a drawing: its credit reads `Graphic:`, not `Photo:`.",
    )
    license: str | None = Field(
        default=None,
        description="The terms the newsroom may publish it under, for the record (`licensed from Reuters`, "
        "`CC BY 4.0`, `public domain`); not shown on the page.",
    )

    @property
    def key(self) -> str:
        """What the figure's published picture is known by: its file, or its map's digest."""
        return self.file or "map-" + digest(repr(self.map).encode("utf-8"))[:10]

    @field_validator("file")
    @classmethod
    def _a_path(cls, file: str | None) -> str | None:
        if file is not None and not file.strip():
            raise ValueError("is empty; give the picture's path from content/, e.g. media/kim.jpg")
        return file

    @model_validator(mode="after")
    def _file_or_map(self) -> Figure:
        if (self.file is None) == (self.map is None):  # said as it is: an outside tester gave neither, not both
            which = "has both" if self.file is not None else "has neither"
            raise ValueError(f"{which} `file:` (a picture in content/) and `map:` (a map the build draws): give one")
        return self


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

    id: Slug = Field(description="The section's anchor in every language, e.g. `what-russia-wants`.")
    heading: Line = Field(description="The section heading.")
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
    former_slugs: list[Slug] = Field(
        default=[],
        description="The slugs it was published under before, if its slug changed: each old address keeps "
        "working, sending readers to the new one.",
    )
    published: NewsDay = Field(description="The day the explainer was first published, as YYYY-MM-DD.")
    updated: NewsDay | None = Field(
        default=None,
        description="The day of the last real change, as YYYY-MM-DD: the date of the latest entry under `updates`.",
    )
    authors: list[Slug] = Field(
        default=[], description="Who it is credited to: ids from content/authors.yml, e.g. `explainers-desk`."
    )
    updates: list[Update] = Field(
        default=[], description="Each change since publication, oldest first: an update or a correction, dated."
    )
    title: Line = Field(description="The explainer's headline.")
    dek: Summary = Field(description="A one-paragraph summary under the headline.")
    source: SourceArticle = Field(description="The article this explainer summarises.")
    image: Figure | None = Field(default=None, description="The lead picture, shown under the headline and in lists.")
    topics: list[Slug] = Field(default=[], description="Topic ids from site.yml, e.g. `north-korea`.")
    key_figures: list[KeyFigure] = Field(
        default=[], max_length=4, description="Up to four numbers a reader should take away, shown near the top."
    )
    takeaways: list[Takeaway] = Field(min_length=1, description="Key facts, shown first.")
    sections: list[Section] = Field(min_length=1, description="The body of the explainer.")
    voices: list[Voice] = Field(default=[], description="Who said what: people and groups the source quotes.")
    timeline: list[TimelineEvent] = Field(default=[], description="Dated events, oldest first.")
    sources: list[SourceArticle] = Field(default=[], description="Further articles used, besides `source`.")

    @field_validator("slug")
    @classmethod
    def _slug_free(cls, slug: str) -> str:
        return free_slug(slug)

    @field_validator("former_slugs")
    @classmethod
    def _former_slugs_apart(cls, former: list[str], info: ValidationInfo) -> list[str]:
        if repeated := first_repeated(former):
            raise ValueError(f"lists `{repeated}` twice")
        if info.data.get("slug") in former:
            raise ValueError(f"lists `{info.data['slug']}`, the slug it has now")
        if reserved := sorted(RESERVED_SLUGS.intersection(former)):  # (all at once: one a run, an outside tester's)
            named, plural = "`, `".join(reserved), "es" if len(reserved) > 1 else ""
            raise ValueError(f"lists `{named}`, the address{plural} of the site's own pages, never an explainer's")
        return former

    @field_validator("source")
    @classmethod
    def _source_before_published(cls, source: SourceArticle, info: ValidationInfo) -> SourceArticle:
        """The article summarised was out by the explainer's last date (`updated`: a newer source for an update)."""
        name = "updated" if info.data.get("updated") else "published"
        latest = info.data.get(name)
        if latest is not None and source.date > latest:
            raise ValueError(
                f"is dated {source.date.isoformat()}, after the explainer's `{name}` ({latest.isoformat()}):"
                " an explainer summarises an article already published"
            )
        return source

    @field_validator("updated")
    @classmethod
    def _updated_not_before_published(cls, updated: dt.date | None, info: ValidationInfo) -> dt.date | None:
        published = info.data.get("published")
        if updated is not None and published is not None and updated < published:
            raise ValueError("is before `published`; an update cannot precede publication")
        return updated


def figures_of(explainer: Explainer) -> list[tuple[FieldPath, Figure]]:
    """Every figure of an explainer, with its field path: the lead picture, then each section's in order."""
    found: list[tuple[FieldPath, Figure]] = [(("image",), explainer.image)] if explainer.image else []
    for i, section in enumerate(explainer.sections):
        found += [
            (("sections", i, "paragraphs", j, "figure"), block.figure)
            for j, block in enumerate(section.paragraphs)
            if isinstance(block, FigureBlock)
        ]
    return found
