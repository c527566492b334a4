"""The frame every page shares: its head (title, canonical, hreflang alternates, sharing metadata and JSON-LD),
the header's switches to every other language, and the links to the language's home, topics, search and feed.

A page knows its language and, when it has them, its translations (one address per language of the site);
it never knows "the other language".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from . import urls
from .direction import kept_spaces, spaced
from .fields import Text
from .interface_strings import InterfaceStrings
from .markup import TextRenderer, for_language
from .model import Explainer, Figure, FigureBlock
from .plain_text import plain_in_order
from .settings import Content, Language
from .site_mark import GENERATOR
from .standalone import starts_in
from .structured_data import ShareImage, explainer_json_ld

Item = TypeVar("Item")
_HEADING_ID = re.compile(r'(<h[1-6] id=")([^"]*)(")')  # a heading's anchor, as Markdown's toc writes it
_TOC_AGAIN = re.compile(r"(.+)_[0-9]+")  # toc's id for a heading its text already had (`timeline_1`)

CARD_WIDTH, CARD_HEIGHT = 1200, 630  # the share cards' size (generator/cards.py draws them)


@dataclass(frozen=True)
class Alternate:
    """The same page in one language, for `<link rel=alternate hreflang>` and the sitemap."""

    hreflang: str
    href: str


@dataclass(frozen=True)
class Switch:
    """A link to this page (or one of its sections) in another language, labelled in that language."""

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
    locale_alternates: tuple[str, ...]
    published: str | None
    modified: str | None
    json_ld: Markup | None
    image: ShareImage | None  # the share card: og:image, twitter:card summary_large_image


@dataclass(frozen=True)
class NavLink:
    """A labelled link to another page of the site."""

    href: str
    label: str  # may be Markup (a topic's rendered name)


@dataclass(frozen=True)
class SiteAssets:
    """What every page links to, by site path (content-hashed), and the browser's theme colours."""

    stylesheet: str
    icon: str | None = None  # an SVG favicon
    touch_icon: str | None = None  # a PNG for home screens (180 px)
    favicon: str | None = None  # /favicon.ico, named so that a browser that takes no SVG icon asks the site's own
    fonts: str | None = None  # the web-fonts stylesheet, when the site has fonts
    theme: tuple[str | None, str | None] = (None, None)  # the page background, light and dark
    # Whether the stylesheet draws the Arabic letter mark of a figure shown alone (standalone.as_in_prose): a
    # project's own stylesheet from before it did not, and its figures get the mark written into their text.
    draws_letter_mark: bool = True


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
    switches: tuple[Switch, ...]  # one per other language, in the site's order
    link: urls.Linker
    stylesheet: str
    icon: str | None
    touch_icon: str | None
    favicon: str | None
    theme: tuple[str | None, str | None]  # theme-color for the light and the dark scheme
    home: str
    digits: str
    separator: str  # what stands between the parts of a line (a date · a reading time): Frame.separator
    feed: str
    topics: str  # the topics index, linked from the header
    search: str  # the search page, linked from the header
    archive: str  # the archive's index, linked from the footer
    current: str  # which of the header's links is this page ("home", "topics", "search"), if one is
    fonts: str | None  # the web-fonts stylesheet, when the site has fonts
    social: Social | None
    generator: str = GENERATOR  # what the head names as the site's generator (how a build knows its own folder)


def alternates(
    link: urls.Linker, languages: tuple[Language, ...], url_of: urls.Translations, default: str
) -> tuple[Alternate, ...]:
    """The one rule for hreflang, in pages and in the sitemap: every language's version, then `x-default`:
    the `default` language's version, or, for the homes (and the root page that names them), the root page,
    which lets a reader of none of the languages choose."""
    found = tuple(Alternate(language.code, link.absolute(url_of(language.code))) for language in languages)
    fallback = url_of(default)
    return (*found, Alternate("x-default", link.absolute(urls.ROOT if fallback == urls.home(default) else fallback)))


def _spaced(strings: InterfaceStrings, spaces: re.Pattern[str] | None) -> InterfaceStrings:
    """A language's interface strings with the spaces its typography keeps from breaking kept so (French's)."""
    if spaces is None:
        return strings
    kept = spaces

    def apart(value: object) -> object:
        if isinstance(value, str):
            return spaced(value, kept)
        return {key: apart(item) for key, item in value.items()} if isinstance(value, dict) else value

    return strings.model_copy(update={name: apart(value) for name, value in strings})


class Frame:
    """Builds the frame of each page of one language, and renders that language's texts."""

    def __init__(self, content: Content, language: Language, assets: SiteAssets) -> None:
        self.content = content
        self.language = language
        self.code = language.code
        self.strings = _spaced(content.strings[language.code], kept_spaces(language.locale))
        self.others = tuple(other for other in content.languages if other.code != language.code)
        self.text: TextRenderer = for_language(language, content.languages)
        self.site_url = str(content.settings.site_url)
        self.assets = assets
        # A middle dot; a bar where the digits are Arabic-Indic or Persian, whose zero (٠, ۰) is a dot too:
        # `تحديث · ٢ ديسمبر` read as `تحديث ٢٠ ديسمبر`, the 20th (an outside tester's).
        self.separator = "|" if language.digits in ("arab", "arabext") else "·"

    def inline(self, text: Text) -> Markup:
        return self.text.inline(text[self.code])

    def block(self, text: Text, anchors: str = "", used: set[str] | None = None) -> Markup:
        """Paragraph-level text; with `anchors`, each heading's anchor made its own (`goals--timeline`, once in
        `used`). Converted one text at a time, a `## Timeline` in one was `id="timeline"`, the page's timeline's,
        and took the contents link there (`## Voice Shoigu`, every "according to" link to the voice: an outside
        tester's). Ids have single hyphens (fields.Slug): `--` is no other anchor's."""
        html = self.text.block(text[self.code])
        if not anchors or "<h" not in html:
            return html
        taken = set() if used is None else used
        made: set[str] = set()  # this text's own ids, as Markdown's toc wrote them

        def own(match: re.Match[str]) -> str:
            written = match.group(2)
            again = _TOC_AGAIN.fullmatch(written)  # toc's `timeline_1` for a second in one text: `-2` as in two
            written = again.group(1) if again and again.group(1) in made else written
            made.add(match.group(2))
            name = base = f"{anchors}--{written}"
            number = 1
            while name in taken:  # the same heading twice in a section: `goals--timeline-2`
                number += 1
                name = f"{base}-{number}"
            taken.add(name)
            return f"{match.group(1)}{name}{match.group(3)}"

        return Markup(_HEADING_ID.sub(own, html))

    def paragraphs(
        self, section: str, items: Sequence[Text | FigureBlock], figure: Callable[[Figure], Item]
    ) -> tuple[Markup | Item, ...]:
        """A section's paragraphs, their headings' anchors the section's own, and its pictures (`figure`)."""
        used: set[str] = set()
        return tuple(
            self.block(item, section, used) if isinstance(item, Text) else figure(item.figure) for item in items
        )

    def _sections(self) -> tuple[tuple[str, str], ...]:
        """The pages the header links to, by name: a reader on one is told so (`aria-current`)."""
        return (("home", urls.home(self.code)), ("topics", urls.topics(self.code)), ("search", urls.search(self.code)))

    def plain(self, text: Text) -> str:
        """An inline text as plain text, as the page shows it (plain_text.plain_in_order)."""
        return plain_in_order(self.inline(text))

    def page(
        self,
        url: str,
        template: str,
        title: str,
        description: str,
        url_of: urls.Translations | None,
        explainer: Explainer | None = None,
        switches: bool = True,
        card: str | None = None,
    ) -> Page:
        """A page at `url`; `url_of` gives its address in every language (None: a page of one language), and
        `switches` whether its header links to the other languages (the root page offers them itself)."""
        link = urls.Linker(self.site_url, url)
        title, description = (starts_in(self.language.direction, text) for text in (title, description))
        canonical = None if url.endswith("404.html") else link.absolute(url)
        # A 404 is no page's translation: it names no alternates, but its switches lead to the other homes.
        found = (
            ()
            if url_of is None or canonical is None
            else alternates(link, self.content.languages, url_of, self.content.default_language)
        )
        return Page(
            url=url,
            template=template,
            lang=self.language,
            strings=self.strings,
            title=title,
            description=description,
            canonical=canonical,
            alternates=found,
            switches=self.switches(link, url_of) if url_of is not None and switches else (),
            link=link,
            stylesheet=link(self.assets.stylesheet),
            icon=link(self.assets.icon) if self.assets.icon else None,
            touch_icon=link(self.assets.touch_icon) if self.assets.touch_icon else None,
            favicon=link(self.assets.favicon) if self.assets.favicon else None,
            theme=self.assets.theme,
            home=link(urls.home(self.code)),
            digits=self.language.digits,
            separator=self.separator,
            feed=link(urls.feed(self.code)),
            topics=link(urls.topics(self.code)),
            search=link(urls.search(self.code)),
            archive=link(urls.archive(self.code)),
            current=next((name for name, at in self._sections() if at == url), ""),
            fonts=link(self.assets.fonts) if self.assets.fonts else None,
            social=None if canonical is None else self._social(link, title, description, explainer, card),
        )

    def switches(self, link: urls.Linker, url_of: urls.Translations, fragment: str = "") -> tuple[Switch, ...]:
        """Links to the page (or a section of it) in every other language, each labelled in its own."""
        return tuple(
            Switch(
                link(url_of(other.code), fragment),
                other.code,
                other.direction,
                self.content.strings[other.code].read_in_language,
                other.name,
            )
            for other in self.others
        )

    def _social(
        self, link: urls.Linker, title: str, description: str, explainer: Explainer | None, card: str | None = None
    ) -> Social:
        """Sharing metadata, with the page's share card if it has one; an explainer also gets dates and schema.org
        JSON-LD."""
        site_name = self.strings.site_title
        url = link.absolute(link.page)
        locales = tuple(other.og_locale for other in self.others)
        image = None if card is None else ShareImage(link.absolute(card), CARD_WIDTH, CARD_HEIGHT, title)
        if explainer is None:
            return Social("website", url, site_name, self.language.og_locale, locales, None, None, None, image)
        addresses = {
            language.code: link.absolute(urls.explainer(language.code, explainer.slug))
            for language in self.content.languages
        }
        others = [other.code for other in self.others]
        words = (title, description, site_name, link.absolute(urls.home(self.code)))
        data = explainer_json_ld(explainer, self.code, others, addresses, words, image, self.plain, self.content)
        published, modified = explainer.published.isoformat(), (explainer.updated or explainer.published).isoformat()
        return Social("article", url, site_name, self.language.og_locale, locales, published, modified, data, image)
