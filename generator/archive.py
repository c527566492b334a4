"""The archive: every explainer by the year it was published, in one language (/en/archive/, /en/archive/2015/).

A newsroom's lists are newest first, twenty a page: an explainer of 2015 in an archive back to 2012 was
fourteen "Older" clicks from the home page (an outside tester's count). A reader looking for an old one
knows roughly when it was: the home page links every year, and a year's page lists its explainers by month,
as titles and dates (a year of a daily newsroom is 365 of them, which cards with pictures and deks would
make a page of megabytes). A year is one page, not cut in pages of twenty: a reader scans a month by eye,
and the browser's find works on the whole year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol, TypeVar

from markupsafe import Markup, escape

from . import urls
from .frame import Page
from .i18n import DateView, Localizer, label
from .listing import Listing
from .lists import ListPages, TopicItem, TopicsView
from .markup import without_links


@dataclass(frozen=True)
class YearLink:
    """A year in the archive's links: the one a page is about is marked, not linked to itself."""

    href: str
    year: str  # in the language's digits
    current: bool


@dataclass(frozen=True)
class Years:
    """Every year the site has explainers of, newest first, as a page links them (a nav and its name)."""

    label: str
    href: str  # the archive's index
    years: tuple[YearLink, ...]


@dataclass(frozen=True)
class Entry:
    """An explainer on its year's page: its date and linked title."""

    href: str
    title: Markup
    published: DateView


@dataclass(frozen=True)
class Month:
    heading: str  # "September 2015", as the language writes a month
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class YearView:
    heading: str
    intro: Markup
    count: str  # "77 explainers"
    months: tuple[Month, ...]  # newest first
    years: Years  # its heading links the archive's index


class _Published(Protocol):
    @property
    def published(self) -> dt.date: ...


_P = TypeVar("_P", bound=_Published)


def by_year(ordered: Sequence[_P]) -> dict[int, tuple[_P, ...]]:
    """The explainers of each year they were published in (listings, or the sitemap's), in the order given:
    newest first, so the newest year first."""
    return {year: tuple(items) for year, items in groupby(ordered, key=lambda item: item.published.year)}


class ArchivePages:
    """The archive's index and its years' pages in one language, and the links to the years other pages show."""

    def __init__(self, lists: ListPages, localize: Localizer) -> None:
        self.lists = lists
        self.frame = lists.frame
        self.code = lists.code
        self.strings = lists.strings
        self.localize = localize

    def year_name(self, year: int) -> str:
        """A year as the language writes one (its date pattern for a year, its digits)."""
        return self.localize.partial_date(f"{year:04d}")

    def title(self, year: int) -> str:
        """A year's page's title, which its share card shows: `Archive · 2015`."""
        return f"{self.strings.archive} {self.frame.separator} {self.year_name(year)}"

    def card_titles(self, years: Sequence[int]) -> list[tuple[str, str]]:
        """The share cards of the archive's pages, as the folder each is in and the title it shows."""
        every = [(urls.year(self.code, year), self.title(year)) for year in years]
        return [(urls.archive(self.code), self.strings.archive), *every]

    def links(self, page: Page, years: Sequence[int], current: int | None = None) -> Years:
        """The years, linked from `page`: the home pages' way into the archive, and a year page's to its neighbours."""
        every = tuple(
            YearLink(page.link(urls.year(self.code, year)), self.year_name(year), year == current) for year in years
        )
        return Years(self.strings.archive, page.link(urls.archive(self.code)), every)

    def index(self, counts: Sequence[tuple[int, int]]) -> tuple[Page, TopicsView]:
        """The archive's index: every year with explainers, newest first, with how many it has (the topics
        index's shape: a heading, its introduction and the items, each a link and a count)."""
        folder, strings = urls.archive(self.code), self.strings
        card = self.lists.card_url(folder, strings.archive)
        page = self.frame.page(
            folder, "archive.html", strings.archive, strings.archive_description, urls.archive, card=card
        )
        items = tuple(
            TopicItem(page.link(urls.year(self.code, year)), escape(self.year_name(year)), self.lists.count(count))
            for year, count in counts
        )
        return page, TopicsView(escape(strings.archive), escape(strings.archive_description), items)

    def year(self, year: int, listings: Sequence[Listing], years: Sequence[int]) -> tuple[Page, YearView]:
        """A year's page: its explainers (`listings`, newest first) by month, and links to the other `years`."""
        strings, shown = self.strings, self.year_name(year)
        folder = urls.year(self.code, year)
        title = self.title(year)
        description = strings.year_description.format(year=shown)
        card = self.lists.card_url(folder, title)
        page = self.frame.page(folder, "year.html", title, description, lambda code: urls.year(code, year), card=card)
        months = tuple(
            Month(
                self.localize.partial_date(f"{year:04d}-{month:02d}"), tuple(self._entry(page, item) for item in items)
            )
            for month, items in groupby(listings, key=lambda item: item.published.month)
        )
        view = YearView(
            heading=shown,
            intro=label(strings.year_description, year=Markup(escape(shown))),
            count=self.lists.count(len(listings)),
            months=months,
            years=self.links(page, years, year),
        )
        return page, view

    def _entry(self, page: Page, item: Listing) -> Entry:
        title = without_links(item.title[self.code])
        return Entry(page.link(urls.explainer(self.code, item.slug)), title, self.localize.dated(item.published))
