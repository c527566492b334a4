"""What an explainer looks like wherever another page shows it (lists, feeds, the sitemap, related reading):
its `Listing`, rendered once per build and cached between builds, and the orders lists take.

Related reading is the one place an explainer's page shows other explainers, so its rule lives here beside
`newest_first`, and its key (`related_key`) is what tells the build that a page must be made again because
its neighbours changed, though its own file did not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from .hashing import digest

if TYPE_CHECKING:  # pages only: a warm build reads listings from its cache without the page machinery
    from .frame import NavLink, Page
    from .i18n import DateView, Localizer
    from .media import Picture

# How many explainers "More on this topic" shows.
RELATED_COUNT = 3


# How wide a card's picture is shown (templates/assets/style.css, `.cards`: columns of at least 16rem in at
# most 72rem), and the newest explainer's, first on the home page (`.featured`: three fifths of 72rem from
# 48rem, the whole width below): each card offers every width, and the browser takes the one these need.
CARD_SIZES = "(min-width: 72rem) 17rem, (min-width: 53rem) 33vw, (min-width: 35rem) 50vw, 100vw"
FEATURED_SIZES = "(min-width: 72rem) 43rem, (min-width: 48rem) 60vw, 100vw"


@dataclass(frozen=True)
class Thumbnail:
    """The lead picture as lists show it: each format at every width, its fallback, and its smallest size."""

    sources: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (MIME type, (site path, width) each)
    fallback: str
    width: int
    height: int
    localized: tuple[tuple[str, str], ...] = ()  # a map: its SVG in each language

    @classmethod
    def of(cls, picture: Picture) -> Thumbnail:
        if not picture.sources:  # a map: one scalable file per language
            return cls((), picture.fallback, 480, round(picture.height * 480 / picture.width), picture.localized)
        width = picture.sources[0].srcset[0][1]
        every = tuple((source.type, source.srcset) for source in picture.sources)
        return cls(every, picture.fallback, width, round(picture.height * width / picture.width))

    @classmethod
    def from_json(cls, sources: Any, fallback: str, width: int, height: int, localized: Any) -> Thumbnail:
        """One read back from JSON (the build cache): its lists made tuples again."""
        every = tuple((kind, tuple((path, size) for path, size in srcset)) for kind, srcset in sources)
        return cls(every, fallback, width, height, tuple((code, path) for code, path in localized))


@dataclass(frozen=True)
class ThumbnailView:
    """A thumbnail on one page: `srcset` of each format linked from it, and how wide a card shows it."""

    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset)
    fallback: str
    width: int
    height: int
    whole: bool  # shown whole rather than cut to the cards' shape: a map's names run to its edges (cut,
    # `Moscow` showed as `cow`); a photograph loses only its margins
    sizes: str = CARD_SIZES
    featured_sizes: str = FEATURED_SIZES


class InSitemap(NamedTuple):
    """An explainer as the sitemap knows it: its page's address and last change, and where lists show it."""

    slug: str
    last_change: dt.date
    published: dt.date
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """An explainer as home pages, feeds and the sitemap show it: rendered once, and cached between builds."""

    slug: str
    published: dt.date
    updated: dt.date | None
    topics: tuple[str, ...]
    title: dict[str, Markup]  # inline HTML, by language
    dek: dict[str, Markup]  # inline HTML, by language
    characters: dict[str, str]  # every character its texts use, in each language with a web font (subsets)
    thumbnail: Thumbnail | None = None  # its lead picture, small
    authors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # its byline's names, plain, by language
    # Its corrections for feeds, plain, by language: "Correction, 2 December 2026: …", oldest first.
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The slug it was first published under (its first former slug, or its slug): its feed entries' id, which
    # must not change with its address, or feed readers show it again as new (an outside tester's).
    first_slug: str = ""

    @property
    def last_change(self) -> dt.date:
        return self.updated or self.published

    @cached_property
    def in_sitemap(self) -> InSitemap:
        """What the sitemap shows of it: the sitemap's inputs are these of every explainer, on every save."""
        return InSitemap(self.slug, self.last_change, self.published, self.topics)

    def __hash__(self) -> int:  # the dict fields keep dataclass from making one; lists are memoised by it
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """Worked out once per listing: the preview's lists hash every listing of the site on every save."""
        texts = (*self.title.values(), *self.dek.values(), *self.authors.values(), *self.corrections.values())
        return hash((self.slug, self.first_slug, self.published, self.updated, self.topics, self.thumbnail, *texts))

    @cached_property
    def digest(self) -> str:
        """A stable digest of everything the listing shows (its hash varies between processes), worked out
        once per listing: the keys of lists, related reading and list pages are made of these."""
        return digest(repr(self).encode("utf-8"))


@dataclass(frozen=True)
class ListItem:
    """An explainer as a card on a page: linked title, dek, date, topics, and its thumbnail if it has a picture."""

    href: str
    title: Markup
    dek: Markup
    published: DateView
    thumbnail: ThumbnailView | None
    topics: tuple[NavLink, ...]


def cards(
    page: Page, listings: Sequence[Listing], localize: Localizer, topic_names: dict[str, Markup]
) -> tuple[ListItem, ...]:
    """The cards of a list page or a related reading, linked by one prefix computed for the page (lists are long)."""
    from . import urls
    from .frame import NavLink
    from .markup import without_links

    code = page.lang.code
    folder = urls.home(code)
    prefix = page.link.prefix(folder)

    def within(url: str) -> str:
        return prefix + url[len(folder) :]

    return tuple(
        ListItem(
            within(urls.explainer(code, item.slug)),
            without_links(item.title[code]),
            item.dek[code],
            localize.dated(item.published),
            _linked(page, item.thumbnail),
            tuple(NavLink(within(urls.topic(code, t)), topic_names[t]) for t in item.topics if t in topic_names),
        )
        for item in listings
    )


def _linked(page: Page, thumbnail: Thumbnail | None) -> ThumbnailView | None:
    """A thumbnail with its files linked from the page it is shown on."""
    if thumbnail is None:
        return None
    link = page.link
    sources = tuple(
        (kind, ", ".join(f"{link(path)} {width}w" for path, width in srcset)) for kind, srcset in thumbnail.sources
    )
    fallback = dict(thumbnail.localized).get(page.lang.code, thumbnail.fallback)
    return ThumbnailView(sources, link(fallback), thumbnail.width, thumbnail.height, bool(thumbnail.localized))


# Each explainer's related reading, by slug.
Related = dict[str, tuple[Listing, ...]]


def published(listings: Iterable[Listing | None]) -> list[Listing]:
    """The listings of published explainers (the others have None), by slug: what the lists are made from."""
    return sorted((listing for listing in listings if listing), key=attrgetter("slug"))


def newest_first(listings: Iterable[Listing]) -> tuple[Listing, ...]:
    """The one order of every list, feed and sitemap: newest published first, then by slug."""
    return tuple(sorted(listings, key=attrgetter("published", "slug"), reverse=True))  # C, not a lambda a listing


def related_reading(listings: Sequence[Listing]) -> Related:
    """Each explainer's "more on this topic": a few that share a topic with it, the nearest first (`_related`)."""
    return _related(listings)[0]


def _related(listings: Sequence[Listing]) -> tuple[Related, dict[str, set[str]]]:
    """Related reading, and for each explainer the explainers whose related reading shows it.

    The explainers that share a topic with it and followed it, the nearest first (what happened next: the
    three newest were not that for a reader of a year-old explainer); fewer than RELATED_COUNT followed it (it
    is among the newest), then those just before it. Why not each topic's newest, as before: then a new
    explainer moved the related reading of every explainer of its topics, and the build made the whole topic
    again (an outside tester's, 753 files for one new explainer in an archive of 2,500; a host that syncs by
    content uploaded them all, every day). Now a new explainer moves the related reading of a few explainers
    per topic, those just before it, and an edited title the few that show it. The topic page, linked from
    the page, has the newest.

    Each topic's explainers are read in order once; an explainer's nearest in the union of its topics are
    among the nearest in each topic, so a few each side of it per topic are all that is compared."""
    ordered = newest_first(listings)
    order = {item.slug: place for place, item in enumerate(ordered)}  # 0: the newest
    shelves: dict[str, list[Listing]] = {}
    places: dict[str, list[tuple[str, int]]] = {}  # each explainer's topics, and its place in each
    for item in ordered:
        for topic in dict.fromkeys(item.topics):
            shelf = shelves.setdefault(topic, [])
            places.setdefault(item.slug, []).append((topic, len(shelf)))
            shelf.append(item)
    related: Related = {}
    shown_by: dict[str, set[str]] = {}
    for item in listings:
        near: dict[str, Listing] = {}
        for topic, place in places.get(item.slug, ()):
            shelf = shelves[topic]
            near.update(
                (other.slug, other) for other in shelf[max(0, place - RELATED_COUNT) : place + RELATED_COUNT + 1]
            )
        near.pop(item.slug, None)
        mine = order[item.slug]
        newer = sorted((other for other in near.values() if order[other.slug] < mine), key=lambda o: -order[o.slug])
        older = sorted((other for other in near.values() if order[other.slug] > mine), key=lambda o: order[o.slug])
        chosen = [*newer, *older][:RELATED_COUNT]  # shown so: what happened next, in order, then what came before
        related[item.slug] = tuple(chosen)
        for other in chosen:
            shown_by.setdefault(other.slug, set()).add(item.slug)
    return related, shown_by


class RelatedReading:
    """`related_reading` across the runs of one process (the preview), worked out again only when a change
    can move it: an explainer added or gone, a date or topics changed. Any other edit (nearly every save)
    only puts the edited explainer's new listing in the related reading of those that show it: at N = 10,000
    working it all out took a fifth of a save."""

    def __init__(self) -> None:
        self.listings: dict[str, Listing] = {}  # by slug, as last seen
        self.related: Related = {}
        self.shown_by: dict[str, set[str]] = {}  # by slug: the explainers whose related reading shows it

    def __call__(self, listings: Sequence[Listing]) -> Related:
        changed = [item for item in listings if self.listings.get(item.slug) is not item]
        if len(listings) != len(self.listings) or not all(map(self._stays, changed)):
            self.related, self.shown_by = _related(listings)
            self.listings = {item.slug: item for item in listings}
        elif changed:  # a new mapping: the build compares it with the last one to find the pages to make again
            self.related = dict(self.related)
            for item in changed:
                self.listings[item.slug] = item
                for holder in self.shown_by.get(item.slug, ()):
                    self.related[holder] = tuple(
                        item if other.slug == item.slug else other for other in self.related[holder]
                    )
        return self.related

    def _stays(self, item: Listing) -> bool:
        """Whether an explainer's place among the others is as it was (the same slug, date and topics)."""
        before = self.listings.get(item.slug)
        return before is not None and (before.published, before.topics) == (item.published, item.topics)


def moved_slugs(related: Related, shown: Related) -> set[str]:
    """The explainers whose related reading is not what their pages show (compared by identity: quick)."""
    return set() if related is shown else {slug for slug, items in related.items() if shown.get(slug) != items}


def related_key(items: Sequence[Listing]) -> str:
    """What a page's related reading shows, as a stable digest."""
    return digest("\n".join(item.digest for item in items).encode("ascii"))


listings_key = related_key  # every listing of a site, one digest: whether the lists on disk are still right


def inputs_key(inputs: tuple[object, ...]) -> str:
    """A stable digest of an output's inputs (a method's name, numbers, texts, tuples, listings), to compare
    with a digest an earlier process worked out (a `Listing`'s hash varies between processes)."""

    def text(value: object) -> str:
        if isinstance(value, Listing):
            return value.digest
        if isinstance(value, tuple):
            return "(" + ",".join(map(text, value)) + ")"
        return repr(value)

    return digest(text(inputs).encode("utf-8"))[:32]
