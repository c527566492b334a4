"""The site's machine-readable files: Atom feeds, the sitemap, robots.txt and static-host configuration.

Dates come from the content, never from the clock, so two builds of the same content are identical;
only a site with no explainers at all falls back to SOURCE_DATE_EPOCH (or 1970) for its feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from . import urls
from .bidi import starts_in
from .fonts import build_time
from .i18n import LANGUAGES, LanguageCode
from .markup import plain
from .validate import Content
from .views import Alternate, Listing


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    summary: str
    published: str
    updated: str


@dataclass(frozen=True)
class Feed:
    lang: str
    title: str
    subtitle: str
    id: str
    self_href: str
    updated: str
    entries: tuple[FeedEntry, ...]


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _quiet_site_date() -> str:
    """The feed date of a site with nothing in it: the reproducible-builds convention, else 1970."""
    return dt.datetime.fromtimestamp(build_time(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SiteFiles:
    """Builds the contexts of the feeds, sitemap, robots.txt and host files.

    Each method takes the listings it shows, so each output can be rebuilt (or kept) on its own."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.link = urls.Linker(str(content.settings.site_url), urls.ROOT)

    def feed(self, code: LanguageCode, listings: Sequence[Listing]) -> Feed:
        """The language's Atom feed of `listings` (the newest explainers, newest first)."""
        strings = self.content.strings[code]
        entries = tuple(
            FeedEntry(
                id=self.link.absolute(urls.explainer(code, item.slug)),
                title=starts_in(LANGUAGES[code].direction, plain(item.title[code])),
                summary=starts_in(LANGUAGES[code].direction, plain(item.dek[code])),
                published=_timestamp(item.published),
                updated=_timestamp(item.last_change),
            )
            for item in listings
        )
        newest = max((item.last_change for item in listings), default=None)
        return Feed(
            lang=code,
            title=strings.site_title,
            subtitle=strings.site_description,
            id=self.link.absolute(urls.home(code)),
            self_href=self.link.absolute(urls.feed(code)),
            updated=_timestamp(newest) if newest else _quiet_site_date(),
            entries=entries,
        )

    def sitemap(self, listings: Sequence[Listing], topic_counts: Sequence[tuple[str, int]]) -> tuple[SitemapEntry, ...]:
        """Every page a search engine should index, each with its language alternates.

        `listings` are every explainer, newest first; `topic_counts` how many explainers each topic has."""
        default = self.content.settings.default_language
        size = self.content.settings.page_size

        def pair(url_of: dict[str, str], lastmod: str | None) -> list[SitemapEntry]:
            alternates = tuple(Alternate(code, self.link.absolute(url_of[code])) for code in LANGUAGES)
            alternates += (Alternate("x-default", self.link.absolute(url_of[default])),)
            return [SitemapEntry(self.link.absolute(url_of[code]), lastmod, alternates) for code in LANGUAGES]

        entries = [SitemapEntry(self.link.absolute(urls.ROOT), None, ())]
        for number in range(1, urls.page_count(len(listings), size) + 1):
            entries += pair({code: urls.home(code, number) for code in LANGUAGES}, None)
        entries += pair({code: urls.topics(code) for code in LANGUAGES}, None)
        for topic_id, count in topic_counts:
            for number in range(1, urls.page_count(count, size) + 1):
                entries += pair({code: urls.topic(code, topic_id, number) for code in LANGUAGES}, None)
        for item in listings:
            entries += pair({code: urls.explainer(code, item.slug) for code in LANGUAGES}, item.last_change.isoformat())
        return tuple(entries)

    def host_files(self) -> dict[str, object]:
        """Values for robots.txt, _redirects and _headers: the sitemap's address and the site's sub-path."""
        return {
            "sitemap": self.link.absolute("sitemap.xml"),
            "base_path": self.link.base_path,
            "languages": tuple(LANGUAGES),
        }
