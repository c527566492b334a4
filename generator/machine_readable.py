"""The site's machine-readable files: Atom feeds, the sitemap, robots.txt and static-host configuration.

Each follows the site's languages: a feed per language, and every sitemap entry with all its versions.

Dates come from the content, never from the clock, so two builds of the same content are identical;
only a site with no explainers at all falls back to SOURCE_DATE_EPOCH (or 1970) for its feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from . import urls
from .archive import by_year
from .fonts import build_time
from .frame import Alternate, alternates
from .listing import InSitemap, Listing
from .plain_text import plain_in_order
from .problems import ContentError, Problem
from .settings import Content, Language
from .standalone import starts_in

if TYPE_CHECKING:
    from jinja2 import Environment


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True)
class FeedEntry:
    id: str  # its first address, for good (Atom: an entry's id never changes)
    href: str  # its address now
    title: str
    summary: str
    published: str
    updated: str
    authors: tuple[str, ...]  # the byline's names; none: the feed's author (the site) stands for it
    corrections: tuple[str, ...]  # "Correction, 2 December 2026: …", in the entry's content


@dataclass(frozen=True)
class Feed:
    lang: str
    dir: str  # the entries' content's direction: feed readers lay out xhtml content by its own `dir`
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
    """Builds the feeds and the sitemap from their templates, and the contexts of robots.txt and host files.

    Each method takes the listings it shows, so each output can be rebuilt (or kept) on its own."""

    def __init__(self, content: Content, env: Environment, templates: Path) -> None:
        self.content = content
        self.env = env
        self.templates = templates
        self.link = urls.Linker(str(content.settings.site_url), urls.ROOT)

    def feed_file(self, language: Language, newest: Sequence[Listing]) -> tuple[str, bytes]:
        """A language's Atom feed of the `newest` explainers."""
        xml = self.env.get_template("feed.xml").render(feed=self.feed(language, newest))
        return urls.feed(language.code), well_formed(xml, self.templates / "feed.xml")

    def sitemap_file(self, explainers: Sequence[InSitemap], counts: Sequence[tuple[str, int]]) -> tuple[str, bytes]:
        """The sitemap: every explainer (newest first) and every list page, from each topic's count."""
        xml = self.env.get_template("sitemap.xml").render(entries=self.sitemap(explainers, counts))
        return "sitemap.xml", well_formed(xml, self.templates / "sitemap.xml")

    def feed(self, language: Language, listings: Sequence[Listing]) -> Feed:
        """The language's Atom feed of `listings` (the newest explainers, newest first)."""
        code = language.code
        strings = self.content.strings[code]
        entries = tuple(
            FeedEntry(
                id=self.link.absolute(urls.explainer(code, item.first_slug)),
                href=self.link.absolute(urls.explainer(code, item.slug)),
                title=starts_in(language.direction, plain_in_order(item.title[code])),
                summary=starts_in(language.direction, plain_in_order(item.dek[code])),
                published=_timestamp(item.published),
                updated=_timestamp(item.last_change),
                authors=tuple(starts_in(language.direction, name) for name in item.authors.get(code, ())),
                corrections=tuple(starts_in(language.direction, note) for note in item.corrections.get(code, ())),
            )
            for item in listings
        )
        newest = max((item.last_change for item in listings), default=None)
        return Feed(
            lang=code,
            dir=language.direction,
            title=strings.site_title,
            subtitle=strings.site_description,
            id=self.link.absolute(urls.home(code)),
            self_href=self.link.absolute(urls.feed(code)),
            updated=_timestamp(newest) if newest else _quiet_site_date(),
            entries=entries,
        )

    def sitemap(
        self, explainers: Sequence[InSitemap], topic_counts: Sequence[tuple[str, int]]
    ) -> tuple[SitemapEntry, ...]:
        """Every page a search engine should index, each with its language alternates.

        `explainers` are every explainer's slug, dates and topics, newest first (a new title changes no line
        of the sitemap, so the preview does not make it again); `topic_counts` how many each topic has. A
        list's page last changed when an explainer it shows did or when one published since moved it along
        (its list's newest; the topics index, which counts them, any explainer's publication): the homes and topics
        pages, which change with every explainer, had no date (an outside tester's crawl). A withdrawal changes
        them too, on no day an explainer says: their date stays the newest of those they show."""
        languages, default = self.content.languages, self.content.default_language
        size = self.content.settings.page_size

        def versions(url_of: urls.Translations, lastmod: dt.date | None) -> list[SitemapEntry]:
            """Every language's version of a page, each naming all of them."""
            found, day = alternates(self.link, languages, url_of, default), lastmod.isoformat() if lastmod else None
            return [SitemapEntry(self.link.absolute(url_of(language.code)), day, found) for language in languages]

        def pages(items: Sequence[InSitemap]) -> list[dt.date | None]:
            """When each page of a list last changed."""
            chunks = urls.chunks(items, size)
            moved = [item.published for item in items[:1]]  # the newest: a page moves along as it is published
            return [max([*(item.last_change for item in chunk), *moved], default=None) for chunk in chunks]

        homes = alternates(self.link, languages, urls.home, default)
        entries = [SitemapEntry(self.link.absolute(urls.ROOT), None, homes)]
        for number, lastmod in enumerate(pages(explainers), 1):
            entries += versions(lambda code: urls.home(code, number), lastmod)  # noqa: B023 - used at once
        newest = max((item.published for item in explainers), default=None)  # what the indexes' counts last changed on
        entries += versions(urls.topics, newest)
        for topic_id in (topic_id for topic_id, count in topic_counts if count):  # an empty one's page asks noindex
            for number, lastmod in enumerate(pages([item for item in explainers if topic_id in item.topics]), 1):
                entries += versions(lambda code: urls.topic(code, topic_id, number), lastmod)  # noqa: B023
        entries += versions(urls.archive, newest)
        for year, dated in by_year(explainers).items():
            lastmod = max(item.last_change for item in dated)
            entries += versions(lambda code: urls.year(code, year), lastmod)  # noqa: B023 - used at once
        for item in explainers:
            entries += versions(lambda code: urls.explainer(code, item.slug), item.last_change)  # noqa: B023
        return tuple(entries)

    def host_files(self) -> dict[str, object]:
        """Values for robots.txt, _redirects and _headers: the sitemap's address and the languages. The rules of
        _redirects and _headers name paths inside the published folder, never the site's sub-path: Netlify and
        Cloudflare Pages serve the folder at their site's root, and a newsroom serving it under a sub-path of
        its own domain proxies that sub-path there, so the host sees `/ar/…` (prefixed, as until the thirteenth
        session, no rule ever matched)."""
        return {
            "sitemap": self.link.absolute("sitemap.xml"),
            "languages": tuple(language.code for language in self.content.languages),
            # What a project's copy of those templates from before names its rules' paths from: the folder's
            # root, the rules' own, so such a copy still builds and its rules match too.
            "base_path": "/",
        }


def well_formed(xml: str, template: Path) -> bytes:
    """A feed or sitemap as rendered, if it is XML; else the problem at its template: an emptied `feed.xml`
    passed `check` and published an empty feed and sitemap (an outside tester's). ElementTree, not lxml: the
    standard library's parser is enough to know that a file parses."""
    try:
        ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        message = f"makes a file that is no XML ({error})"
        raise ContentError([Problem(template, 1, 1, "", message, "restore it from the project's history")]) from None
    return xml.encode("utf-8")
