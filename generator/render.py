"""Render validated content into finished files, in memory: {site-relative path: bytes}."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from babel import Locale

from . import urls
from .feeds import SiteFiles
from .fonts import (
    WebFont,
    characters_of,
    covered,
    css_string,
    family_name,
    font_face,
    subset_woff2,
    unicode_range,
)
from .i18n import LANGUAGES, LanguageCode
from .model import Explainer, texts_in
from .pages import PageBuilder
from .problems import ContentError
from .template_check import PLAIN_TEXT_FILES, template_problems
from .validate import Content
from .views import Listing, Page

FONTS_STYLESHEET = "fonts.css"  # not content-hashed: its name stays while the subsets change
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩٫٬"
LANGUAGE_STACKS = {"ar": "arabic", "en": "latin"}


def month_names(code: str) -> list[str]:
    """Every month and weekday name Babel may print in a language's dates."""
    locale = Locale.parse(code)
    return [
        *locale.months["format"]["wide"].values(),
        *locale.months["stand-alone"]["wide"].values(),
        *locale.days["format"]["wide"].values(),
    ]


# Each Atom feed carries only the newest explainers: feed readers fetch it again and again and only need
# what is recent, and a feed of all 1,000 explainers would be about half a megabyte on every poll.
FEED_SIZE = 50


def one_token(value: object) -> str:
    """A value for a line-based file (robots.txt, _headers, _redirects), refused if it could add a line, a
    header or a field: values there are URLs and paths, which have no spaces or control characters."""
    text = str(value)
    unsafe = [character for character in text if character.isspace() or not character.isprintable()]
    if unsafe:
        raise ValueError(f"refusing to write {text!r} into a host file: it holds {unsafe[0]!r}")
    return text


def environment(templates: Path, plain_text: bool = False) -> jinja2.Environment:
    """One environment per build and format, where an undefined name is an error, never blank text: HTML and
    XML are autoescaped; PLAIN_TEXT_FILES are not, and every value printed into them passes `one_token`."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=not plain_text,
        finalize=one_token if plain_text else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def fingerprint(name: str, data: bytes) -> str:
    """`assets/style.css` → `assets/style.1a2b3c4d.css`, so hosts can cache assets for a year."""
    stem, extension = posixpath.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{extension}"


class Renderer:
    """Renders pages from validated content; each explainer's pages depend on nothing but the explainer."""

    def __init__(
        self, content: Content, templates: Path, assets: dict[str, bytes], fonts: dict[str, bytes] | None = None
    ) -> None:
        broken = template_problems(templates)
        if broken:  # a missing template or a syntax error: located, before any page is rendered
            raise ContentError(broken)
        self.content = content
        self.env = environment(templates)
        self.plain = environment(templates, plain_text=True)
        self.assets = {fingerprint(name, data): data for name, data in assets.items()}
        self.stylesheet = next(name for name in self.assets if name.endswith(".css"))
        self.fonts = fonts or {}
        self.remembered: dict[tuple[object, ...], tuple[str, bytes]] = {}
        fonts_css = FONTS_STYLESHEET if self.fonts else None
        self.builders = {code: PageBuilder(content, code, self.stylesheet, fonts_css) for code in LANGUAGES}
        # Characters every page of a language may show besides the explainers' own: the interface, topic
        # names, Babel's month names, digits, and whatever the templates spell out.
        loader = jinja2.FileSystemLoader(templates)
        names = [name for name in self.env.list_templates() if name.endswith((".html", ".xml"))]
        template_text = "".join(loader.get_source(self.env, name)[0] for name in names)
        self.frame_characters: dict[str, set[str]] = {
            code: characters_of([str(content.strings[code].model_dump()), template_text, DIGITS, *month_names(code)])
            | {character for topic in content.settings.topics for character in getattr(topic.name, code)}
            for code in LANGUAGES
        }
        self.files = SiteFiles(content)

    def _page(self, page: Page, **view: object) -> tuple[str, bytes]:
        html = self.env.get_template(page.template).render(page=page, **view)
        return urls.output_path(page.url), html.encode("utf-8")

    def explainer_pages(self, explainer: Explainer) -> dict[str, bytes]:
        """The explainer's page in each language."""
        pages = (builder.explainer(explainer) for builder in self.builders.values())
        return dict(self._page(page, explainer=view) for page, view in pages)

    def listing(self, explainer: Explainer) -> Listing:
        """What lists and feeds show of an explainer, rendered once."""
        rendered = {code: builder.listing(explainer) for code, builder in self.builders.items()}
        return Listing(
            explainer.slug,
            explainer.published,
            explainer.updated,
            tuple(explainer.topics),
            {code: title for code, (title, _) in rendered.items()},
            {code: dek for code, (_, dek) in rendered.items()},
            {
                code: "".join(sorted(characters_of([getattr(text, code) for text in texts_in(explainer)])))
                for code in LANGUAGES
            },
        )

    def site_pages(self, listings: Iterable[Listing]) -> dict[str, bytes]:
        """Everything that lists or spans explainers (homes, topics, feeds, sitemap), plus 404s, root and assets.

        Runs on every rebuild of a live preview, so it only slices and files the listings (rendered once,
        each by `listing`); every output is made by its own method from only the inputs it depends on."""
        ordered = tuple(sorted(listings, key=lambda item: (item.published, item.slug), reverse=True))
        by_topic = self.by_topic(ordered)
        counts = tuple((topic_id, len(items)) for topic_id, items in by_topic.items())
        outputs = dict(self.assets)
        remembered, self.remembered = self.remembered, {}

        def once(method: Callable[..., tuple[str, bytes]], *inputs: object) -> tuple[str, bytes]:
            """An output made again only when its inputs changed since the last call (the live preview)."""
            key = (method.__name__, *inputs)
            self.remembered[key] = remembered[key] if key in remembered else method(*inputs)
            return self.remembered[key]

        for code in LANGUAGES:
            for number, chunk in enumerate(self.chunks(ordered), 1):
                outputs.update([once(self.home_page, code, number, len(ordered), chunk)])
            outputs.update([once(self.topics_page, code, counts)])
            for topic_id, items in by_topic.items():
                for number, chunk in enumerate(self.chunks(items), 1):
                    outputs.update([once(self.topic_page, code, topic_id, number, len(items), chunk)])
            outputs.update([once(self.not_found_page, code), once(self.search_page, code)])
            outputs.update([once(self.feed, code, ordered[:FEED_SIZE])])
        outputs.update([once(self.sitemap, ordered, counts)])
        outputs.update(self.host_files())
        subsets = {
            language: once(
                self.web_font,
                language,
                frozenset(self.frame_characters[language].union(*(item.characters[language] for item in ordered))),
            )
            for language in sorted(self.fonts)
        }
        if subsets:
            outputs.update(subsets.values())
            outputs[FONTS_STYLESHEET] = self.fonts_stylesheet(subsets)
        outputs.update(self.root_pages())
        return outputs

    def by_topic(self, ordered: tuple[Listing, ...]) -> dict[str, tuple[Listing, ...]]:
        """Each topic of the site (in site.yml's order) with its explainers, in the order given."""
        filed: dict[str, list[Listing]] = {topic.id: [] for topic in self.content.settings.topics}
        for item in ordered:
            for topic_id in item.topics:
                if topic_id in filed:  # validation has checked every topic exists; a stale listing may not
                    filed[topic_id].append(item)
        return {topic_id: tuple(items) for topic_id, items in filed.items()}

    def chunks(self, items: tuple[Listing, ...]) -> list[tuple[Listing, ...]]:
        """A list cut into pages of `page_size`; an empty list still makes one (empty) page."""
        size = self.content.settings.page_size
        return [items[start : start + size] for start in range(0, max(len(items), 1), size)]

    def home_page(self, code: LanguageCode, number: int, total: int, chunk: tuple[Listing, ...]) -> tuple[str, bytes]:
        """Page `number` of a language's home, listing `chunk` of `total` explainers."""
        page, view = self.builders[code].home(number, total, chunk)
        return self._page(page, listing=view)

    def topics_page(self, code: LanguageCode, counts: tuple[tuple[str, int], ...]) -> tuple[str, bytes]:
        """A language's topics index, from each topic's id and number of explainers."""
        page, view = self.builders[code].topics(counts)
        return self._page(page, index=view)

    def topic_page(
        self, code: LanguageCode, topic_id: str, number: int, total: int, chunk: tuple[Listing, ...]
    ) -> tuple[str, bytes]:
        """Page `number` of a topic's explainers in a language, listing `chunk` of `total`."""
        page, view = self.builders[code].topic(topic_id, number, total, chunk)
        return self._page(page, listing=view)

    def search_page(self, code: LanguageCode) -> tuple[str, bytes]:
        page, view = self.builders[code].search()
        return self._page(page, search=view)

    def not_found_page(self, code: LanguageCode) -> tuple[str, bytes]:
        return self._page(self.builders[code].not_found())

    def feed(self, code: LanguageCode, newest: tuple[Listing, ...]) -> tuple[str, bytes]:
        """A language's Atom feed of the `newest` explainers."""
        feed = self.files.feed(code, newest)
        return urls.feed(code), self.env.get_template("feed.xml").render(feed=feed).encode("utf-8")

    def sitemap(self, ordered: tuple[Listing, ...], counts: tuple[tuple[str, int], ...]) -> tuple[str, bytes]:
        """The sitemap: every explainer (newest first) and every list page, from each topic's count."""
        entries = self.files.sitemap(ordered, counts)
        return "sitemap.xml", self.env.get_template("sitemap.xml").render(entries=entries).encode("utf-8")

    def characters(self, code: str, listings: tuple[Listing, ...]) -> frozenset[str]:
        """Every character a language's pages can show: the frame's and every explainer's."""
        return frozenset(self.frame_characters[code].union(*(item.characters[code] for item in listings)))

    def web_font(self, code: LanguageCode, characters: frozenset[str]) -> tuple[str, bytes]:
        """A language's font cut to the characters its pages can show, as content-hashed WOFF2."""
        data = subset_woff2(self.fonts[code], set(characters))
        return fingerprint(f"assets/fonts/{code}.woff2", data), data

    def fonts_stylesheet(self, subsets: dict[str, tuple[str, bytes]]) -> bytes:
        """fonts.css: each subset declared with its unicode-range, and put first in its language's stack."""
        rules = []
        for code, (name, data) in subsets.items():
            family = family_name(code)  # a fixed token: editor text never reaches CSS
            rules.append(font_face(WebFont(family, code, name, data, unicode_range(covered(data))), name))
            rules.append(f":lang({code}) {{ font-family: {css_string(family)}, var(--font-{LANGUAGE_STACKS[code]}); }}")
        return ("\n".join(rules) + "\n").encode("utf-8")

    def host_files(self) -> dict[str, bytes]:
        """robots.txt and the static hosts' configuration: they depend on the settings alone."""
        values = self.files.host_files()
        return {name: self.plain.get_template(name).render(**values).encode("utf-8") for name in PLAIN_TEXT_FILES}

    def root_pages(self) -> dict[str, bytes]:
        """The language-neutral root page and root 404: both languages offered, the default first."""
        default = self.builders[self.content.settings.default_language]
        outputs: dict[str, bytes] = {}
        for url in (urls.ROOT, urls.not_found()):
            page, choices = default.root(url)
            outputs.update([self._page(page, choices=choices)])
        return outputs


def render(
    content: Content, templates: Path, assets: dict[str, bytes], fonts: dict[str, bytes] | None = None
) -> dict[str, bytes]:
    """Every output file of the site, in memory. Nothing is written here."""
    renderer = Renderer(content, templates, assets, fonts)
    outputs = renderer.site_pages(renderer.listing(explainer) for explainer in content.explainers)
    for explainer in content.explainers:
        outputs.update(renderer.explainer_pages(explainer))
    return dict(sorted(outputs.items()))
