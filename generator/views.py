"""The typed contexts templates receive: every value already decided, rendered and localised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from . import urls
from .i18n import Language
from .model import InterfaceStrings


@dataclass(frozen=True)
class Alternate:
    """The same page in one language, for `<link rel=alternate hreflang>`."""

    hreflang: str
    href: str


@dataclass(frozen=True)
class Switch:
    """The link to this page in the other language, labelled in that language."""

    href: str
    lang: str
    dir: str
    label: str
    language_name: str


@dataclass(frozen=True)
class Social:
    """Open Graph and Twitter card values, and the page's JSON-LD if it has one."""

    type: str
    url: str
    site_name: str
    locale: str
    locale_alternate: str
    published: str | None
    modified: str | None
    json_ld: Markup | None


@dataclass(frozen=True)
class Page:
    """What every page has: language, head metadata, and the links of the frame."""

    url: str
    template: str
    lang: Language
    strings: InterfaceStrings
    title: str
    description: str
    canonical: str | None
    alternates: tuple[Alternate, ...]
    switch: Switch | None
    link: urls.Linker
    stylesheet: str
    home: str
    digits: str
    feed: str
    social: Social | None


@dataclass(frozen=True)
class Attribution:
    """ "according to <name>", linked to the voice's entry."""

    label: Markup
    href: str


@dataclass(frozen=True)
class PointView:
    html: Markup
    said_by: Attribution | None


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Markup
    toc_label: Markup  # the heading without its links, to sit inside the contents link
    paragraphs: tuple[Markup, ...]
    points: tuple[PointView, ...]
    other_language_href: str


@dataclass(frozen=True)
class TakeawayView:
    html: Markup
    section_href: str | None
    section_label: Markup | None


@dataclass(frozen=True)
class StatementView:
    html: Markup
    href: str


@dataclass(frozen=True)
class VoiceView:
    anchor: str
    name: Markup
    description: Markup
    statements: tuple[StatementView, ...]


@dataclass(frozen=True)
class EventView:
    datetime: str
    date: str
    html: Markup
    said_by: Attribution | None


@dataclass(frozen=True)
class SourceView:
    title: Markup
    details: str
    url: str | None


@dataclass(frozen=True)
class DateView:
    datetime: str
    text: str


@dataclass(frozen=True)
class ExplainerView:
    title: Markup
    dek: Markup
    published: DateView
    updated: DateView | None
    reading_time: str
    takeaways: tuple[TakeawayView, ...]
    sections: tuple[SectionView, ...]
    voices: tuple[VoiceView, ...]
    timeline: tuple[EventView, ...]
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class Choice:
    """One language offered on the root page, named and described in itself."""

    href: str
    lang: Language
    strings: InterfaceStrings


@dataclass(frozen=True)
class ListItem:
    href: str
    title: Markup
    dek: Markup
    published: DateView


@dataclass(frozen=True)
class Listing:
    """An explainer as home pages, feeds and the sitemap show it: rendered once, and cached between builds."""

    slug: str
    published: dt.date
    updated: dt.date | None
    topics: tuple[str, ...]
    title: dict[str, Markup]  # inline HTML, by language
    dek: dict[str, Markup]  # inline HTML, by language

    @property
    def last_change(self) -> dt.date:
        return self.updated or self.published
