"""Render validated content into finished files, in memory: {site-relative path: bytes}.

Python decides every value (frame, explainer_page, lists, machine_readable); this module picks each output's
template and fills it, cuts the lists' pages and feeds from the listings, checks each page as made (its site
mark, its links), and remembers what a live preview need not render again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from operator import attrgetter
from pathlib import Path

from . import urls
from .archive import ArchivePages, by_year
from .cache import ExplainerResult
from .cards import CardStyle, card_fonts
from .document import Document
from .explainer_page import ExplainerPage
from .fields import texts_in
from .fonts import FONTS_STYLESHEET, WebFonts, characters_of
from .frame import Frame, Page
from .i18n import Localizer
from .listing import Listing, Related, Thumbnail, inputs_key, newest_first, related_key
from .lists import ListPages
from .machine_readable import SiteFiles
from .markup import without_links
from .media import Picture
from .model import Explainer
from .moved import moved_pages
from .page_check import check_page, dead_links, own_names
from .plain_text import plain_in_order
from .problems import ContentError, Problem
from .remembered import Remembered
from .settings import Content
from .site_assets import site_assets
from .site_version import Sink
from .stored import Output, contents
from .template_check import environment, rendered_templates, rendering

# Each Atom feed carries the newest explainers only: readers poll it, and all 1,000 were half a megabyte a poll.
FEED_SIZE = 50


class Renderer:
    """Renders pages from validated content; each explainer's pages depend on nothing but the explainer and
    the listings of its related reading (which `build` works out once every listing is known).

    Made from templates `template_check` has compiled without a problem (the pipeline checks them first)."""

    def __init__(
        self,
        content: Content,
        templates: Path,
        assets: dict[str, bytes],
        fonts: dict[str, bytes] | None = None,
        card_cache: Path | None = None,  # where share cards are kept between builds (None: drawn every time)
    ) -> None:
        self.content = content
        self.templates = templates
        self.env = environment(templates)
        self.plain = environment(templates, plain_text=True)
        self.assets, linked, palette = site_assets(assets, FONTS_STYLESHEET if fonts else None, templates)
        self.own = own_names(content.languages, assets)
        self.remembered: Remembered[tuple[str, tuple[str, bytes] | None]] = Remembered()  # digest, output made
        pages = [name for name in self.env.list_templates() if name.endswith((".html", ".xml"))  # (the editor's page,
                 and not name.startswith(("admin/", "static/"))]  # a newsroom's files: no templates)  # fmt: skip
        template_text = "".join(self.env.loader.get_source(self.env, name)[0] for name in pages)  # type: ignore[union-attr]
        self.fonts = WebFonts(content, fonts or {}, template_text)
        self.frames = {language.code: Frame(content, language, linked) for language in content.languages}
        self.explainers: dict[str, ExplainerPage] = {}
        self.lists: dict[str, ListPages] = {}
        self.archive: dict[str, ArchivePages] = {}
        self.localizers = {code: Localizer(frame.language, frame.strings) for code, frame in self.frames.items()}
        for code, frame in self.frames.items():
            localize = self.localizers[code]
            # Topic names in this language, rendered once: every list and explainer page shows them.
            names = {topic.id: without_links(frame.inline(topic.name)) for topic in content.settings.topics}
            faces = card_fonts(frame.language.script, (fonts or {}).get(code))
            style = CardStyle(faces, palette.card_colours(), card_cache)
            self.explainers[code] = ExplainerPage(frame, localize, names, style)
            self.lists[code] = ListPages(frame, localize, names, content.settings.page_size, style)
            self.archive[code] = ArchivePages(self.lists[code], localize)
        self.files = SiteFiles(content, self.env, templates)

    def compile_templates(self) -> None:
        """Compile every template now, not when a page first needs it: the preview does so while the editor
        reads, and the first save that changed a title paid for the list pages' templates (all: 60 ms)."""
        for name in rendered_templates(self.templates):
            (self.plain if name in urls.PLAIN_TEXT_FILES else self.env).get_template(name)

    def _page(self, page: Page, source: Path | None = None, /, **view: object) -> tuple[str, bytes]:
        """A page rendered; its template's problems raised (page_check.py, and its links to no place on it)."""
        with rendering(self.templates):
            html = self.env.get_template(page.template).render(page=page, **view)
        html = check_page(html, page, self.env, self.templates, self.own, explainer="explainer" in view)
        if dead := dead_links(self.templates, page.template, page.url, html, source):
            raise ContentError(dead)
        return urls.output_path(page.url), html.encode("utf-8")

    def explainer_pages(
        self,
        explainer: Explainer,
        pictures: dict[str, Picture],
        related: Sequence[Listing] = (),
        source: Path | None = None,
    ) -> dict[str, Output]:
        """Its page and share card in each language, and a page at each former address sending readers on
        (moved.py): `pictures` by file, `related` what "more on this topic" offers, `source` its file."""
        outputs: dict[str, Output] = {}
        for builder in self.explainers.values():
            page, view, files = builder.build(explainer, pictures, related)
            outputs.update([self._page(page, source, explainer=view)])
            outputs.update(files)
            outputs.update(self._page(old, moved=moved) for old, moved in moved_pages(builder.frame, explainer, page))
        return outputs

    def explainer_result(self, result: ExplainerResult, related: Related, sink: Sink | None) -> ExplainerResult:
        """A validated explainer's pages (and pictures), once the run knows its related reading: handed to
        `sink` (written) with only their names kept, or kept whole without one (`check`, MkDocs)."""
        if not isinstance(result.prepared, tuple) or result.listing is None:
            return result
        explainer, pictures, files = result.prepared
        shown = related[explainer.slug]
        outputs = {**self.explainer_pages(explainer, pictures, shown, result.path), **files}
        written, kept = (sink(outputs), {}) if sink else ({}, {name: contents(out) for name, out in outputs.items()})
        pages, key = tuple(sorted(outputs)), related_key(shown)
        return dataclasses.replace(result, pages=pages, outputs=kept, written=written, related=key, prepared=None)

    def card_problems(self, document: Document, explainer: Explainer) -> list[Problem]:
        """The letters and digits of its title that its share card in some language could not draw."""
        return [found for page in self.explainers.values() for found in page.card_problems(document, explainer)]

    def listing(self, explainer: Explainer, lead: Picture | None = None) -> Listing:
        """What lists and feeds show of an explainer, rendered once (with its lead picture, `lead`, small)."""
        texts = list(texts_in(explainer)) if self.fonts.fonts else []  # characters only for languages with a web font
        return Listing(
            explainer.slug,
            explainer.published,
            explainer.updated,
            tuple(explainer.topics),
            {code: frame.inline(explainer.title) for code, frame in self.frames.items()},
            {code: frame.inline(explainer.dek) for code, frame in self.frames.items()},
            {code: "".join(sorted(characters_of([text[code] for text in texts]))) for code in self.fonts.fonts},
            Thumbnail.of(lead) if lead else None,
            {code: self._names(code, explainer.authors) for code in self.frames},
            {code: self._corrections(code, explainer) for code in self.frames},
            (explainer.former_slugs or [explainer.slug])[0],
        )

    def _names(self, code: str, author_ids: list[str]) -> tuple[str, ...]:
        """An explainer's authors' names in a language, as feeds carry them (plain text)."""
        authors = {author.id: author for author in self.content.authors}
        return tuple(plain_in_order(self.frames[code].inline(authors[author_id].name)) for author_id in author_ids)

    def _corrections(self, code: str, explainer: Explainer) -> tuple[str, ...]:
        """Each correction as feeds carry it: "Correction, 2 December 2026: …", in plain text (the comma the
        language's script writes: `تصحيح، 13 سبتمبر 2023`)."""
        frame, localize = self.frames[code], self.localizers[code]
        comma = frame.language.comma
        return tuple(
            f"{frame.strings.correction}{comma}{localize.date(item.date)}: {plain_in_order(frame.inline(item.text))}"
            for item in explainer.updates
            if item.kind == "correction"
        )

    def site_pages(
        self, listings: Iterable[Listing], on_disk: dict[str, str]
    ) -> tuple[dict[str, bytes], dict[str, str]]:
        """Everything that lists or spans explainers (homes, topics, feeds, sitemap), plus 404s, root and assets;
        and each list output's inputs, as a stable digest, with the file it made.

        Runs on every rebuild of a live preview, so it only slices and files the listings (each rendered once,
        by `listing`); each output is made by its own method from only the inputs it depends on, again only
        when they changed: since the last call, or since the run that left the folder as it is (`on_disk`, the
        previous run's digests, when the folder is trusted). So a title edit makes the one list page showing it."""
        ordered, size = newest_first(listings), self.content.settings.page_size
        by_topic = self.by_topic(ordered)
        counts = tuple((topic_id, len(items)) for topic_id, items in by_topic.items())
        years_listed = by_year(ordered)
        years, year_counts = tuple(years_listed), tuple((year, len(items)) for year, items in years_listed.items())
        outputs = dict(self.assets)
        remembered = self.remembered
        remembered.start()
        made: dict[str, str] = {}

        def kept(method: Callable[..., tuple[str, bytes]], *inputs: object) -> tuple[str, bytes]:
            """An output made again only when its inputs changed since the last call (the live preview)."""
            key = remembered.inputs((method.__name__, *inputs))
            sealed, output = remembered.last.get(key) or ("", None)
            output = output or method(*inputs)
            remembered.keep(key, (sealed, output))
            return output

        def once(method: Callable[..., tuple[str, bytes]], *inputs: object) -> None:
            """A list output, left out when the folder holds it as these very inputs made it."""
            key = remembered.inputs((method.__name__, *inputs))
            sealed, output = remembered.last.get(key) or (inputs_key(key.values), None)
            if output is None and sealed in on_disk:
                made[sealed] = on_disk[sealed]
            else:
                output = output or method(*inputs)
                made[sealed], outputs[output[0]] = output
            remembered.keep(key, (sealed, output))

        for code, language in ((language.code, language) for language in self.content.languages):
            for number, chunk in enumerate(urls.chunks(ordered, size), 1):
                once(self.home_page, code, number, len(ordered), chunk, years)
            once(self.topics_page, code, counts)
            once(self.archive_page, code, year_counts)
            for year, items in years_listed.items():
                once(self.year_page, code, year, items, years)
            for topic_id, items in by_topic.items():
                for number, chunk in enumerate(urls.chunks(items, size), 1):
                    once(self.topic_page, code, topic_id, number, len(items), chunk)
            once(self.not_found_page, code)
            once(self.search_page, code)
            for folder, title in self.lists[code].card_titles() + self.archive[code].card_titles(years):
                once(self.lists[code].card, folder, title)
            once(self.files.feed_file, language, ordered[:FEED_SIZE])
        once(self.files.sitemap_file, tuple(map(attrgetter("in_sitemap"), ordered)), counts)
        outputs.update(self.fixed_files)
        fonts = self.fonts
        shown = {code: fonts.characters(code, [item.characters[code] for item in ordered]) for code in fonts.fonts}
        subsets = {code: kept(fonts.subset, code, shown[code]) for code in sorted(shown)}
        if subsets:
            outputs.update(subsets.values())
            outputs[FONTS_STYLESHEET] = fonts.stylesheet(subsets)
        return outputs, made

    def by_topic(self, ordered: tuple[Listing, ...]) -> dict[str, tuple[Listing, ...]]:
        """Each topic of the site (in site.yml's order) with its explainers, in the order given."""
        filed: dict[str, list[Listing]] = {topic.id: [] for topic in self.content.settings.topics}
        for item in ordered:
            for topic_id in item.topics:
                if topic_id in filed:  # validation has checked every topic exists; a stale listing may not
                    filed[topic_id].append(item)
        return {topic_id: tuple(items) for topic_id, items in filed.items()}

    def home_page(
        self, code: str, number: int, total: int, chunk: Sequence[Listing], years: tuple[int, ...]
    ) -> tuple[str, bytes]:
        """Page `number` of a language's home, listing `chunk` of `total` explainers, and linking every year's."""
        page, view = self.lists[code].home(number, total, chunk)
        return self._page(page, listing=view, years=self.archive[code].links(page, years))

    def topics_page(self, code: str, counts: tuple[tuple[str, int], ...]) -> tuple[str, bytes]:
        """A language's topics index, from each topic's id and number of explainers."""
        page, view = self.lists[code].topics(counts)
        return self._page(page, index=view)

    def topic_page(
        self, code: str, topic_id: str, number: int, total: int, chunk: Sequence[Listing]
    ) -> tuple[str, bytes]:
        """Page `number` of a topic's explainers in a language, listing `chunk` of `total`."""
        page, view = self.lists[code].topic(topic_id, number, total, chunk)
        return self._page(page, listing=view)

    def archive_page(self, code: str, counts: tuple[tuple[int, int], ...]) -> tuple[str, bytes]:
        """A language's archive index, from each year's number of explainers."""
        page, view = self.archive[code].index(counts)
        return self._page(page, index=view)

    def year_page(self, code: str, year: int, items: tuple[Listing, ...], years: tuple[int, ...]) -> tuple[str, bytes]:
        """A year's explainers in a language, by month, linking the other `years`."""
        page, view = self.archive[code].year(year, items, years)
        return self._page(page, year=view)

    def search_page(self, code: str) -> tuple[str, bytes]:
        page, view = self.lists[code].search()
        return self._page(page, search=view)

    def not_found_page(self, code: str) -> tuple[str, bytes]:
        return self._page(self.lists[code].not_found())

    @cached_property
    def fixed_files(self) -> dict[str, bytes]:
        """What depends on the settings alone, made once for the renderer: the host files and root pages."""
        return self.host_files() | self.root_pages()

    def host_files(self) -> dict[str, bytes]:
        """robots.txt and the static hosts' configuration: they depend on the settings alone."""
        values = self.files.host_files()
        with rendering(self.templates):
            return {
                name: self.plain.get_template(name).render(**values).encode("utf-8") for name in urls.PLAIN_TEXT_FILES
            }

    def root_pages(self) -> dict[str, bytes]:
        """The language-neutral root page and root 404: every language offered, the default first."""
        default = self.lists[self.content.default_language]
        outputs: dict[str, bytes] = {}
        for url in (urls.ROOT, urls.not_found()):
            page, view = default.root(url)
            outputs.update([self._page(page, **view)])
        return outputs
