"""The pages that list or lead to explainers, in one language: home pages, the topics index, topic pages, search,
404, and the root page that offers every language.

Lists show `Listing`s: what an explainer looks like in a list, rendered once per build (and cached between
builds), so a list page only slices and links them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import search, urls
from .cards import CardStyle, CardText, card_key, render_card
from .frame import Frame, NavLink, Page
from .i18n import Localizer, label
from .interface_strings import InterfaceStrings
from .listing import Listing, ListItem, cards
from .moved import MovedView
from .plain_text import plain_in_order
from .settings import Language


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
    featured: ListItem | None  # the newest explainer, first and larger on the home page
    items: tuple[ListItem, ...]  # the others
    empty: str | None  # said instead of the list when it has nothing in it
    pagination: Pagination | None  # None when the list fits on one page
    up: NavLink | None  # from a topic's page to the topics index
    # "Page 2 of 3" on a later page, beside the heading: its h1 was the first page's, where a screen reader's
    # user jumps to learn where they are (an outside tester's)
    page_status: str | None = None


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


@dataclass(frozen=True)
class Choice:
    """One language offered on the root page, in itself: the site's name and description and a link to its
    home; on the root 404, that the page was not found and a link to all its explainers."""

    href: str
    lang: Language
    strings: InterfaceStrings
    heading: str
    text: str
    label: str


@dataclass(frozen=True)
class SearchView:
    """Where the search page finds the index and the site's root (result links are made from it), and the
    interface strings its script shows, as JSON (docs/search-index.md)."""

    index: str
    site: str
    strings: str


class ListPages:
    """Builds the context of each list page of one language."""

    def __init__(
        self, frame: Frame, localize: Localizer, topic_names: dict[str, Markup], page_size: int, card_style: CardStyle
    ) -> None:
        self.frame = frame
        self.card_style = card_style
        self._cards: dict[tuple[str, str], str] = {}  # each card's address, by its folder and title
        self.code = frame.code
        self.strings = frame.strings
        self.localize = localize
        self.topic_names = topic_names
        self.page_size = page_size
        # Numbers go through Babel, which is slow next to the rest of a list page; the same few recur on
        # every rebuild ("Page 2 of 50", "1,000 explainers"), so each phrase is made once per language.
        self._statuses: dict[tuple[int, int], str] = {}
        self._counts: dict[int, str] = {}

    def home(self, number: int, total: int, listings: Sequence[Listing]) -> tuple[Page, ListingView]:
        """Page `number` of the language's home: `listings` are the explainers on it, of `total` in all."""
        pages = urls.page_count(total, self.page_size)
        site_title = self.strings.site_title
        title = site_title if number == 1 else f"{site_title} {self.frame.separator} {self._status(number, pages)}"
        page = self.frame.page(
            urls.home(self.code, number),
            "home.html",
            title,
            self.strings.site_description,
            lambda code: urls.home(code, number),
            card=self.card_url(urls.home(self.code), self.strings.site_description),
        )
        items = self._items(page, listings)
        view = ListingView(
            heading=escape(site_title),
            intro=escape(self.strings.site_description),
            count=self.count(total),
            featured=items[0] if number == 1 and items else None,
            items=items[1:] if number == 1 else items,
            empty=None,
            pagination=self._pagination(page, lambda n: urls.home(self.code, n), number, pages),
            up=None,
            page_status=self._status(number, pages) if number > 1 else None,
        )
        return page, view

    def topics(self, counts: Sequence[tuple[str, int]]) -> tuple[Page, TopicsView]:
        """The topics index: every topic of the site (by id, in site.yml's order) with how many explainers it has."""
        folder = urls.topics(self.code)
        card = self.card_url(folder, self.strings.topics)
        page = self.frame.page(
            folder, "topics.html", self.strings.topics, self.strings.topics_description, urls.topics, card=card
        )
        prefix = page.link.prefix(folder)
        items = tuple(
            TopicItem(
                prefix + urls.topic(self.code, topic_id)[len(folder) :], self.topic_names[topic_id], self.count(count)
            )
            for topic_id, count in counts
        )
        return page, TopicsView(escape(self.strings.topics), escape(self.strings.topics_description), items)

    def topic(self, topic_id: str, number: int, total: int, listings: Sequence[Listing]) -> tuple[Page, ListingView]:
        """Page `number` of a topic's explainers: `listings` are those on it, of `total` in all."""
        pages = urls.page_count(total, self.page_size)
        name = self.topic_names[topic_id]
        shown = plain_in_order(name)
        title = shown if number == 1 else f"{shown} {self.frame.separator} {self._status(number, pages)}"
        page = self.frame.page(
            urls.topic(self.code, topic_id, number),
            "topic.html",
            title,
            self.strings.topic_description.format(topic=shown),
            lambda code: urls.topic(code, topic_id, number),
            card=self.card_url(urls.topic(self.code, topic_id), shown),
        )
        view = ListingView(
            heading=name,
            intro=label(self.strings.topic_description, topic=name),
            count=self.count(total),
            featured=None,
            items=self._items(page, listings),
            empty=None if total else self.strings.no_explainers,
            pagination=self._pagination(page, lambda n: urls.topic(self.code, topic_id, n), number, pages),
            up=NavLink(page.link(urls.topics(self.code)), self.strings.all_topics),
            page_status=self._status(number, pages) if number > 1 else None,
        )
        return page, view

    def card_titles(self) -> list[tuple[str, str]]:
        """Each list page's share card, as the folder it is in and the title it shows: the home's (the site's
        description), the topics index's, each topic's and the search page's; a list's later pages show its
        first page's. Shared, these pages previewed with no picture (an outside tester's)."""
        found = [(urls.home(self.code), self.strings.site_description), (urls.topics(self.code), self.strings.topics)]
        found += [(urls.topic(self.code, topic), plain_in_order(name)) for topic, name in self.topic_names.items()]
        return [*found, (urls.search(self.code), self.strings.search)]

    def card(self, folder: str, title: str) -> tuple[str, bytes]:
        """The share card of the list page in `folder`, drawn (a few a language: never kept between builds)."""
        return self.card_url(folder, title), render_card(self._card_text(title))

    def card_url(self, folder: str, title: str) -> str:
        if (folder, title) not in self._cards:
            self._cards[folder, title] = urls.card_beside(folder, card_key(self._card_text(title)))
        return self._cards[folder, title]

    def _card_text(self, title: str) -> CardText:
        style, language = self.card_style, self.frame.language
        return CardText(self.strings.site_title, title, "", language.direction, self.code, style.fonts, style.colours)

    def _items(self, page: Page, listings: Sequence[Listing]) -> tuple[ListItem, ...]:
        return cards(page, listings, self.localize, self.topic_names)

    def _status(self, number: int, pages: int) -> str:
        """ "Page 2 of 3", with the language's digits."""
        if (number, pages) not in self._statuses:
            page, of = self.localize.number(number), self.localize.number(pages)
            self._statuses[number, pages] = self.strings.page_of.format(page=page, pages=of)
        return self._statuses[number, pages]

    def count(self, total: int) -> str:
        """ "45 explainers", in the plural form and digits of the language."""
        if total not in self._counts:
            self._counts[total] = self.localize.count(self.strings.explainer_count, total)
        return self._counts[total]

    def _pagination(self, page: Page, url_of: Callable[[int], str], number: int, pages: int) -> Pagination | None:
        """Links to the newer and older neighbours of page `number` of `pages`; none for a list on one page."""
        if pages == 1:
            return None
        return Pagination(
            self.strings.pagination,
            self._status(number, pages),
            NavLink(page.link(url_of(number - 1)), self.strings.newer) if number > 1 else None,
            NavLink(page.link(url_of(number + 1)), self.strings.older) if number < pages else None,
        )

    def root(self, url: str) -> tuple[Page, dict[str, object]]:
        """The root page (or root 404): every language side by side, this one (the default) first. A site of one
        language has no choice to offer: its root page sends readers to its home at once (an outside tester's
        English-only site opened on a chooser of one button), as a moved explainer's old address does."""
        frame = self.frame
        title, description = self.strings.site_title, self.strings.site_description
        if url == urls.ROOT and not frame.others:
            home = urls.home(self.code)
            page = frame.page(url, "moved.html", title, description, urls.home, switches=False)
            page = dataclasses.replace(page, canonical=page.link.absolute(home))
            return page, {"moved": MovedView(page.link(home), escape(title))}
        # The root page is every home's `x-default`, and names them all in return; the root 404 names none.
        url_of = urls.home if url == urls.ROOT else None
        card = self.card_url(urls.home(self.code), self.strings.site_description) if url_of else None  # the home's:
        page = frame.page(url, "root.html", title, description, url_of, switches=False, card=card)  # shared, no picture
        choices = []
        for other in (frame.language, *frame.others):
            said = frame.content.strings[other.code]
            # The root 404 is every missing address's answer on a host with one 404 page (GitHub Pages): it
            # says so in each language, as the languages' own 404 pages do (an outside tester's finding).
            shown = (
                (said.site_title, said.site_description, said.read_in_language)
                if url_of
                else (said.not_found_title, said.not_found_body, said.all_explainers)
            )
            choices.append(Choice(page.link(urls.home(other.code)), other, said, *shown))
        return page, {"choices": tuple(choices)}

    def search(self) -> tuple[Page, SearchView]:
        """The search page: a search over this language's index (JavaScript, with a fallback)."""
        url = urls.search(self.code)
        strings = self.strings
        card = self.card_url(url, strings.search)
        page = self.frame.page(url, "search.html", strings.search, strings.search_description, urls.search, card=card)
        said = {
            "results": strings.search_results,
            "none": strings.search_no_results,
            "some": strings.search_most_words,
            "searching": strings.searching,
            "failed": strings.search_failed,
            "fromFile": strings.search_from_file or strings.search_failed,
            "elsewhere": strings.search_other_language,
            "languages_named": strings.language_names,
            "spellings": self.frame.content.settings.search_spellings,  # (search_words.js, queryKeys)
            # A query's language by its first letter's script (search_status.js): the site's of each script, the
            # script as JavaScript's `\p{Script=…}` names it (ARABIC → Arabic).
            # The page's own language for its own script: a French query on the French pages was "English".
            "languages": [
                [script.title().replace(" ", "_"), self.code if script == self.frame.language.script else code]
                for script, code in self.frame.text.direction.run_languages
            ],
        }
        text = json.dumps(said, ensure_ascii=False, separators=(",", ":"))
        return page, SearchView(page.link(search.FOLDER + "/"), page.link(urls.ROOT), text)

    def not_found(self) -> Page:
        url = urls.not_found(self.code)
        # Its language switches lead to the other languages' homes: a reader sent here may not read this one.
        strings = self.strings
        return self.frame.page(url, "404.html", strings.not_found_title, strings.not_found_body, urls.home)
