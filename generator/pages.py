"""Page contexts: everything a template prints, decided here in Python.

Templates receive texts already rendered to safe HTML in the page's language, links already relative to
the page, and dates already formatted; they only lay things out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from . import search, urls
from .bidi import starts_in
from .i18n import LANGUAGES, LanguageCode, Localizer, other
from .markup import for_language, plain, without_links
from .metadata import explainer_json_ld
from .model import Explainer, SourceArticle, Text
from .validate import Content
from .views import (
    Alternate,
    Attribution,
    Choice,
    DateView,
    EventView,
    ExplainerView,
    Listing,
    ListingView,
    ListItem,
    NavLink,
    Page,
    Pagination,
    PointView,
    SearchView,
    SectionView,
    Social,
    SourceView,
    StatementView,
    Switch,
    TakeawayView,
    TopicItem,
    TopicsView,
    VoiceView,
)

WORDS_PER_MINUTE = 200


class PageBuilder:
    """Builds the context of each page of one language."""

    def __init__(self, content: Content, code: LanguageCode, stylesheet: str, fonts: str | None = None) -> None:
        self.content = content
        self.fonts = fonts
        self.code = code
        self.strings = content.strings[code]
        self.language = LANGUAGES[code]
        self.localize = Localizer(self.language, self.strings, getattr(content.settings.languages, code))
        self.text = for_language(code, self.localize.settings.digits)
        self.site_url = str(content.settings.site_url)
        self.stylesheet = stylesheet
        self.page_size = content.settings.page_size
        # Topic names in this language, rendered once: every list and explainer page shows them.
        self.topic_names = {topic.id: without_links(self._inline(topic.name)) for topic in content.settings.topics}
        # Numbers go through Babel, which is slow next to the rest of a list page; the same few recur on
        # every rebuild ("Page 2 of 50", "1,000 explainers"), so each phrase is made once per builder.
        self._statuses: dict[tuple[int, int], str] = {}
        self._counts: dict[int, str] = {}

    def _page(
        self,
        url: str,
        template: str,
        title: str,
        description: str,
        other_url: str | None,
        explainer: Explainer | None = None,
    ) -> Page:
        link = urls.Linker(self.site_url, url)
        target = other(self.code)
        title, description = (starts_in(self.language.direction, text) for text in (title, description))
        alternates: tuple[Alternate, ...] = ()
        switch = None
        if other_url is not None:
            by_language = {self.code: url, target: other_url}
            default = by_language[self.content.settings.default_language]
            alternates = tuple(Alternate(code, link.absolute(by_language[code])) for code in sorted(by_language))
            alternates += (Alternate("x-default", link.absolute(default)),)
            target_strings = self.content.strings[target]
            switch = Switch(
                link(other_url),
                target,
                LANGUAGES[target].direction,
                target_strings.read_in_language,
                target_strings.language_name,
            )
        canonical = None if url.endswith("404.html") else link.absolute(url)
        return Page(
            url=url,
            template=template,
            lang=self.language,
            strings=self.strings,
            title=title,
            description=description,
            canonical=canonical,
            alternates=alternates,
            switch=switch,
            link=link,
            stylesheet=link(self.stylesheet),
            home=link(urls.home(self.code)),
            digits=self.localize.settings.digits,
            feed=link(urls.feed(self.code)),
            topics=link(urls.topics(self.code)),
            search=link(urls.search(self.code)),
            fonts=link(self.fonts) if self.fonts else None,
            social=None if canonical is None else self._social(link, title, description, explainer),
        )

    def _social(self, link: urls.Linker, title: str, description: str, explainer: Explainer | None) -> Social:
        """Sharing metadata; an explainer also gets dates and schema.org JSON-LD."""
        code, target = self.code, other(self.code)
        site_name = self.strings.site_title
        url = link.absolute(link.page)
        if explainer is None:
            return Social(
                "website", url, site_name, self.language.og_locale, LANGUAGES[target].og_locale, None, None, None
            )
        addresses = {language: link.absolute(urls.explainer(language, explainer.slug)) for language in (code, target)}
        modified = (explainer.updated or explainer.published).isoformat()
        data = explainer_json_ld(explainer, code, addresses, title, description, site_name)
        published = explainer.published.isoformat()
        return Social(
            "article", url, site_name, self.language.og_locale, LANGUAGES[target].og_locale, published, modified, data
        )

    def home(self, number: int, total: int, listings: Sequence[Listing]) -> tuple[Page, ListingView]:
        """Page `number` of the language's home: `listings` are the explainers on it, of `total` in all."""
        pages = urls.page_count(total, self.page_size)
        site_title = self.strings.site_title
        title = site_title if number == 1 else f"{site_title} · {self._status(number, pages)}"
        page = self._page(
            urls.home(self.code, number),
            "home.html",
            title,
            self.strings.site_description,
            urls.home(other(self.code), number),
        )
        view = ListingView(
            heading=escape(site_title),
            intro=escape(self.strings.site_description),
            count=self._count(total),
            items=self._items(page, listings),
            empty=None,
            pagination=self._pagination(page, lambda n: urls.home(self.code, n), number, pages),
            up=None,
        )
        return page, view

    def topics(self, counts: Sequence[tuple[str, int]]) -> tuple[Page, TopicsView]:
        """The topics index: every topic of the site (by id, in site.yml's order) with how many explainers it has."""
        page = self._page(
            urls.topics(self.code),
            "topics.html",
            self.strings.topics,
            self.strings.topics_description,
            urls.topics(other(self.code)),
        )
        folder = urls.topics(self.code)
        prefix = page.link.prefix(folder)
        items = tuple(
            TopicItem(
                prefix + urls.topic(self.code, topic_id)[len(folder) :],
                self.topic_names[topic_id],
                self._count(count),
            )
            for topic_id, count in counts
        )
        return page, TopicsView(escape(self.strings.topics), escape(self.strings.topics_description), items)

    def topic(self, topic_id: str, number: int, total: int, listings: Sequence[Listing]) -> tuple[Page, ListingView]:
        """Page `number` of a topic's explainers: `listings` are those on it, of `total` in all."""
        pages = urls.page_count(total, self.page_size)
        name = self.topic_names[topic_id]
        title = plain(name) if number == 1 else f"{plain(name)} · {self._status(number, pages)}"
        page = self._page(
            urls.topic(self.code, topic_id, number),
            "topic.html",
            title,
            self.strings.topic_description.format(topic=plain(name)),
            urls.topic(other(self.code), topic_id, number),
        )
        view = ListingView(
            heading=name,
            intro=self._label(self.strings.topic_description, topic=name),
            count=self._count(total),
            items=self._items(page, listings),
            empty=None if total else self.strings.no_explainers,
            pagination=self._pagination(page, lambda n: urls.topic(self.code, topic_id, n), number, pages),
            up=NavLink(page.link(urls.topics(self.code)), self.strings.all_topics),
        )
        return page, view

    def _items(self, page: Page, listings: Sequence[Listing]) -> tuple[ListItem, ...]:
        """The explainers a list page shows, linked by one prefix computed for the page (lists can be long)."""
        folder = urls.home(self.code)
        prefix = page.link.prefix(folder)
        return tuple(
            ListItem(
                prefix + urls.explainer(self.code, item.slug)[len(folder) :],
                without_links(item.title[self.code]),
                item.dek[self.code],
                DateView(item.published.isoformat(), self.localize.date(item.published)),
            )
            for item in listings
        )

    def _status(self, number: int, pages: int) -> str:
        """ "Page 2 of 3", with the language's digits."""
        if (number, pages) not in self._statuses:
            page, of = self.localize.number(number), self.localize.number(pages)
            self._statuses[number, pages] = self.strings.page_of.format(page=page, pages=of)
        return self._statuses[number, pages]

    def _count(self, total: int) -> str:
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

    def root(self, url: str) -> tuple[Page, tuple[Choice, ...]]:
        """The root page (or root 404): both languages side by side, this builder's language first."""
        page = self._page(url, "root.html", self.strings.site_title, self.strings.site_description, None)
        codes = (self.code, other(self.code))
        return page, tuple(
            Choice(page.link(urls.home(code)), LANGUAGES[code], self.content.strings[code]) for code in codes
        )

    def search(self) -> tuple[Page, SearchView]:
        """The search page: Pagefind's interface over this language's index (JavaScript, with a fallback)."""
        url = urls.search(self.code)
        page = self._page(
            url, "search.html", self.strings.search, self.strings.search_description, urls.search(other(self.code))
        )
        return page, SearchView(page.link(search.FOLDER + "/"), page.link.base_path)

    def not_found(self) -> Page:
        url = urls.not_found(self.code)
        return self._page(url, "404.html", self.strings.not_found_title, self.strings.not_found_body, None)

    def listing(self, explainer: Explainer) -> tuple[Markup, Markup]:
        """The explainer's title and dek in this language, as lists and feeds show them."""
        return self._inline(explainer.title), self._inline(explainer.dek)

    def explainer(self, explainer: Explainer) -> tuple[Page, ExplainerView]:
        url = urls.explainer(self.code, explainer.slug)
        other_url = urls.explainer(other(self.code), explainer.slug)
        title = self._inline(explainer.title)
        page = self._page(url, "explainer.html", plain(title), plain(self._block(explainer.dek)), other_url, explainer)
        voices = {voice.id: voice for voice in explainer.voices}
        headings = {section.id: self._inline(section.heading) for section in explainer.sections}

        def attribution(voice_id: str | None) -> Attribution | None:
            if voice_id is None:
                return None
            return Attribution(
                self._label(self.strings.said_by, name=without_links(self._inline(voices[voice_id].name))),
                f"#voice-{voice_id}",
            )

        sections = tuple(
            SectionView(
                section.id,
                headings[section.id],
                without_links(headings[section.id]),
                tuple(self._block(paragraph) for paragraph in section.paragraphs),
                tuple(PointView(self._inline(point.text), attribution(point.said_by)) for point in section.points),
                page.link(other_url, section.id),
            )
            for section in explainer.sections
        )
        folder = urls.home(self.code)
        prefix = page.link.prefix(folder)
        view = ExplainerView(
            title=title,
            dek=self._block(explainer.dek),
            published=self._date(explainer),
            updated=DateView(explainer.updated.isoformat(), self.localize.date(explainer.updated))
            if explainer.updated
            else None,
            reading_time=self.localize.count(self.strings.reading_time, self._minutes(explainer)),
            topics=tuple(
                NavLink(prefix + urls.topic(self.code, topic_id)[len(folder) :], self.topic_names[topic_id])
                for topic_id in explainer.topics
            ),
            takeaways=tuple(
                TakeawayView(
                    self._inline(item.text),
                    f"#{item.section}" if item.section else None,
                    self._label(self.strings.see_section, section=without_links(headings[item.section]))
                    if item.section
                    else None,
                )
                for item in explainer.takeaways
            ),
            sections=sections,
            voices=tuple(self._voice(explainer, voice.id) for voice in explainer.voices),
            timeline=tuple(
                EventView(
                    event.date,
                    self.localize.partial_date(event.date),
                    self._inline(event.text),
                    attribution(event.said_by),
                )
                for event in explainer.timeline
            ),
            sources=tuple(self._source(source) for source in (explainer.source, *explainer.sources)),
        )
        return page, view

    def _voice(self, explainer: Explainer, voice_id: str) -> VoiceView:
        """A voice with every statement the explainer attributes to it, linked to where it stands."""
        voice = next(item for item in explainer.voices if item.id == voice_id)
        statements = [
            StatementView(without_links(self._inline(point.text)), f"#{section.id}")
            for section in explainer.sections
            for point in section.points
            if point.said_by == voice_id
        ]
        statements += [
            StatementView(without_links(self._inline(event.text)), "#timeline")
            for event in explainer.timeline
            if event.said_by == voice_id
        ]
        details = [self._inline(part) for part in (voice.role, voice.affiliation) if part is not None]
        return VoiceView(
            f"voice-{voice_id}",
            self._inline(voice.name),
            Markup("، " if self.code == "ar" else ", ").join(details),
            tuple(statements),
        )

    def _source(self, source: SourceArticle) -> SourceView:
        """The source's title, and its publisher (isolated like every text: `وكالة Reuters`), date and language."""
        details = [without_links(self._inline(source.publisher))] if source.publisher else []
        details += [escape(self.localize.date(source.date)), escape(self.strings.language_names[source.language])]
        url = str(source.url) if source.url else None
        return SourceView(self._inline(source.title), Markup(" · ").join(details), url)

    @staticmethod
    def _label(template: str, **values: Markup) -> Markup:
        """An interface string with rendered HTML filled in; the string itself is escaped."""
        return escape(template).format(**values)

    def _date(self, explainer: Explainer) -> DateView:
        return DateView(explainer.published.isoformat(), self.localize.date(explainer.published))

    def _minutes(self, explainer: Explainer) -> int:
        """Reading time of the body, from the words the editor wrote (markup adds no reading)."""
        texts = [paragraph for section in explainer.sections for paragraph in section.paragraphs]
        texts += [point.text for section in explainer.sections for point in section.points]
        words = sum(len(getattr(text, self.code).split()) for text in texts)
        return max(1, round(words / WORDS_PER_MINUTE))

    def _inline(self, text: Text) -> Markup:
        return self.text.inline(getattr(text, self.code))

    def _block(self, text: Text) -> Markup:
        return self.text.block(getattr(text, self.code))
