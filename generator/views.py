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
    topics: str  # the topics index, linked from the header
    search: str  # the search page, linked from the header
    fonts: str | None  # the web-fonts stylesheet, when the site has fonts
    social: Social | None


@dataclass(frozen=True)
class SearchView:
    """Where the search page finds Pagefind's files, and the site's sub-path for result links."""

    bundle: str
    base_url: str


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
    details: Markup  # publisher, date and language, each in its own direction
    url: str | None


@dataclass(frozen=True)
class DateView:
    datetime: str
    text: str


@dataclass(frozen=True)
class NavLink:
    """A labelled link to another page of the site."""

    href: str
    label: str  # may be Markup (a topic's rendered name)


@dataclass(frozen=True)
class ExplainerView:
    title: Markup
    dek: Markup
    published: DateView
    updated: DateView | None
    reading_time: str
    topics: tuple[NavLink, ...]  # the explainer's topics, named in the page's language
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
    characters: dict[str, str]  # every character its texts use, by language (for web-font subsets)

    @property
    def last_change(self) -> dt.date:
        return self.updated or self.published

    def __hash__(self) -> int:  # the dict fields keep dataclass from making one; lists are memoised by it
        return hash((self.slug, self.published, self.updated, self.topics, *self.title.values(), *self.dek.values()))


@dataclass(frozen=True)
class Pagination:
    """The links between the pages of a long list, newest explainers first."""

    label: str  # the nav's accessible name
    status: str  # "Page 2 of 3", digits as the language shows them
    newer: NavLink | None  # the previous page (rel=prev), None on the first
    older: NavLink | None  # the next page (rel=next), None on the last


@dataclass(frozen=True)
class ListingView:
    """One page of a list of explainers: a home page or a topic's page."""

    heading: Markup
    intro: Markup
    count: str  # how many explainers the whole list has, e.g. "45 explainers"
    items: tuple[ListItem, ...]
    empty: str | None  # said instead of the list when it has nothing in it
    pagination: Pagination | None  # None when the list fits on one page
    up: NavLink | None  # from a topic's page to the topics index


@dataclass(frozen=True)
class TopicItem:
    """A topic on the topics index: its name in the page's language and how many explainers it has."""

    href: str
    name: Markup
    count: str


@dataclass(frozen=True)
class TopicsView:
    heading: Markup
    intro: Markup
    topics: tuple[TopicItem, ...]
