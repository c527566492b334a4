"""Markdown in text fields → sanitised HTML, each opposite-direction run isolated, nothing an editor typed lost.

Two kinds of field: inline ones (titles, headings, points, takeaways, names…) take emphasis, links and code
only, so `2023. عام صعب` or `- 5` stay text instead of becoming a list; paragraph fields (the dek and
section paragraphs) take lists, quotes and headings too, and an ordered list keeps the number it starts at.
Raw HTML is limited to the inline tags the sanitiser keeps; anything else that looks like a tag (`<Kim>`) is
shown as written, and `check` reports real HTML the page would not show (`text_rules.refused_markup`).

Direction: each stretch the Unicode Bidirectional Algorithm shows against the page's direction
(`bidi.opposite_runs`) is wrapped in `<bdi lang dir>`, over the whole paragraph, across inline markup.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import cache, lru_cache

import markdown
import nh3
from babel import Locale
from markdown import util
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.inlinepatterns import AUTOMAIL_RE, HTML_RE, AutomailInlineProcessor, HtmlInlineProcessor, InlineProcessor
from markupsafe import Markup

from .direction import WORD_JOINER, Direction, kept_spaces
from .i18n import digit_table
from .isolate import Isolate
from .markdown_lists import as_markdown_reads
from .settings import Language
from .text_rules import ALLOWED_LINK_STARTS, ATTRIBUTE_VALUES, ATTRIBUTES, INLINE_TAGS, TAG_NAME

# What the page keeps: the editor's inline tags, and our `<span lang>` (direction.py, `mark`).
OUTPUT_TAGS = INLINE_TAGS | {"span"}
BLOCK_TAGS = OUTPUT_TAGS | {"p", "pre", "ul", "ol", "li", "blockquote", "hr", "h3", "h4", "h5", "h6"}
URL_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown's inline patterns for reference links, which need a definition (`[id]: url`) to do anything.
UNDEFINED_REFERENCES = ("reference", "short_reference", "image_reference", "short_image_ref")


class _TextHtml(HtmlInlineProcessor):
    """Raw HTML only for the inline tags the sanitiser keeps; anything else that looks like a tag is text."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's API
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        tag = TAG_NAME.match(m.group(1))
        if tag and tag.group(2).lower() in INLINE_TAGS:
            placeholder, _, _ = super().handleMatch(m, data)
            return str(placeholder), m.start(0), m.end(0)
        # A string is kept as text, escaped when written; what Markdown set aside in it (a `\<`, a `\*`) is put
        # back first, or its placeholder reached the page (`<Kim said \<3>` showed `klzzwxh:00003`).
        return self._as_text(m.group(1)), m.start(0), m.end(0)

    def _as_text(self, raw: str) -> str:
        """`raw` with what Markdown set aside in it (an escaped character, a code span) as its text."""
        stash = self.md.treeprocessors["inline"].stashed_nodes  # type: ignore[attr-defined]

        def put_back(found: re.Match[str]) -> str:
            value = stash.get(found.group(1))
            return value if isinstance(value, str) else "".join(value.itertext()) if value is not None else ""

        text = util.INLINE_PLACEHOLDER_RE.sub(put_back, raw)
        return _ESCAPED.sub(lambda escaped: chr(int(escaped.group(1))), text)


_ESCAPED = re.compile(f"{util.STX}([0-9]+){util.ETX}")  # a character a backslash escaped, as Markdown keeps it


class _DigitsApart(InlineProcessor):
    """`5*3*2` is what it says: a `*` or `_` between two digits is no emphasis. Python-Markdown, as CommonMark,
    read `Ratio 5*3*2` as `Ratio 5<em>3</em>2`, shown as 532 (an outside tester's import of old copy); the
    characters are passed on as a backslash would (Python-Markdown's escapes), after code spans are set aside."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's API
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        return "".join(f"{util.STX}{ord(character)}{util.ETX}" for character in m.group()), m.start(0), m.end(0)


class _PlainMail(AutomailInlineProcessor):
    """`<press@example.org>` as its letters: Python-Markdown writes them as character references, which the direction
    rules read as none: the address went unisolated, in the Arabic face (an outside tester's). nh3 unescapes them."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's API
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        address = self.unescape(m.group(1)).removeprefix("mailto:")
        link = etree.Element("a", href=f"mailto:{address}")
        link.text = util.AtomicString(address)
        return link, m.start(0), m.end(0)


class _SpacedHashHeader(HashHeaderProcessor):
    """`# Heading` is a heading; `#G20` at the start of a line is a hashtag (CommonMark wants the space too)."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})[ \t]+(?P<header>(?:\\.|[^\\])*?)#*(?:\n|$)")


class _TextExtension(Extension):
    def __init__(self, direction: Direction, inline: bool) -> None:
        super().__init__()
        self.direction = direction
        self.inline = inline

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(_TextHtml(HTML_RE, md), "html", 90)
        # `\<` is a bracket shown as text, as `check` tells an editor who wrote a tag to write (CommonMark reads
        # it so; Python-Markdown does not, and the page, its title and its card showed the backslash).
        md.ESCAPED_CHARS.append("<")
        md.inlinePatterns.register(_PlainMail(AUTOMAIL_RE, md), "automail", 110)
        md.inlinePatterns.register(_DigitsApart(r"(?<=\d)[*_]+(?=\d)", md), "digits_apart", 175)  # after escapes
        # `[1]: https://…` or `[تحديث]: 2023` is newsroom copy, not a link definition to hide.
        md.parser.blockprocessors.deregister("reference")
        # With no definitions, `[text][id]` and `[id]` are always text: the four patterns that look them up
        # would only be tried on every text, a fifth of the inline patterns (a test holds the output the same).
        for name in UNDEFINED_REFERENCES:
            md.inlinePatterns.deregister(name)
        if self.inline:  # an inline field is one paragraph: no lists, headings, quotes, rules or code blocks
            for name in ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote"):
                md.parser.blockprocessors.deregister(name)
        else:
            md.parser.blockprocessors.register(_SpacedHashHeader(md.parser), "hashheader", 70)
        # After Python-Markdown restores escaped characters (0), so the text is final.
        md.treeprocessors.register(Isolate(md, self.direction), "isolate_runs", -1)


# Text with none of these is plain prose: Markdown would only wrap it in <p> and escape nothing, so the
# renderer skips the parser for it (most texts; a test checks both paths agree). Two patterns: as one, its
# start-of-text branch was tried at every character, four times as long as the class alone.
_MARKDOWN_CHARACTER = re.compile(r"[\\`*_\[\]<>&#!|~\n\x02\x03]")
_MARKDOWN_START = re.compile(r"\s*(?:[-+*>=]|\d+[.)])")


def _no_markdown(text: str) -> bool:
    """Whether a text has no Markdown syntax (above)."""
    return not (_MARKDOWN_CHARACTER.search(text) or _MARKDOWN_START.match(text))


# What would start a list, a quote or a heading at the start of a text; the last character gets a backslash.
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")  # `***`, `- - -`: a rule only between other lines
_BLOCK_MARKER = re.compile(r"^\s*(?:[-+*>]|#{1,6}|\d+[.)])(?=\s|$)")


class TextRenderer:
    """Renders one language's texts: a Markdown instance per kind of field; plain prose skips the parser."""

    def __init__(self, language: Language, languages: tuple[Language, ...]) -> None:
        base = 1 if language.direction == "rtl" else 0
        scripts: dict[str, str] = {}
        for other in languages:  # a run in a script is in the site's first language of that script
            scripts.setdefault(other.script, other.code)
        digits = _digit_table(language.locale, language.digits) if language.digits != "latn" else None
        same_way = {other.script for other in languages if other.direction == language.direction} - {language.script}
        run_dir = "rtl" if base == 0 else "ltr"
        spaces = kept_spaces(language.locale)
        self.direction = Direction(base, run_dir, tuple(scripts.items()), digits, spaces, frozenset(same_way))
        self.block_md = markdown.Markdown(
            extensions=[
                TocExtension(slugify=slugify_unicode, toc_depth="3-6"),
                "sane_lists",
                _TextExtension(self.direction, inline=False),
            ],
            output_format="html",
        )
        self.inline_md = markdown.Markdown(
            extensions=[_TextExtension(self.direction, inline=True)], output_format="html"
        )

    @lru_cache(maxsize=4096)  # noqa: B019 - one renderer per language lives for the whole process
    def block(self, text: str) -> Markup:
        """Paragraph-level Markdown as safe HTML.

        A text of one line is one paragraph, whatever it starts with: a list of one item, a one-line quote
        or heading is not what `1960. عام الاستقلال`, `- 5 درجات` or `> 50%` mean. Structure needs a
        second line (`- a` then `- b`), and then an ordered list keeps the number it starts at."""
        if _no_markdown(text):
            return Markup(f"<p>{self.plain_prose(text)}</p>")
        return self.block_through_markdown(text)

    def block_through_markdown(self, text: str) -> Markup:
        """`block` without the plain-prose shortcut (which a test holds to this)."""
        if "\n" not in text.strip():
            text = _BLOCK_MARKER.sub(lambda marker: f"{marker.group()[:-1]}\\{marker.group()[-1]}", text, count=1)
            text = _RULE.sub(lambda rule: rule.group().replace(rule.group(1), "\\" + rule.group(1), 1), text)
        else:
            text = as_markdown_reads(text)
        self.block_md.reset()
        return Markup(unbroken(sanitize(self.block_md.convert(text), BLOCK_TAGS), self.direction))

    @lru_cache(maxsize=4096)  # noqa: B019
    def inline(self, text: str) -> Markup:
        """Markdown for a heading, list item or name: inline elements only, no wrapping paragraph."""
        if _no_markdown(text):
            return Markup(self.plain_prose(text))
        return self.inline_through_markdown(text)

    def inline_through_markdown(self, text: str) -> Markup:
        """`inline` without the plain-prose shortcut (which a test holds to this)."""
        self.inline_md.reset()
        return Markup(unbroken(sanitize(self.inline_md.convert(text), OUTPUT_TAGS), self.direction).strip())

    def plain_prose(self, text: str) -> str:
        """What Markdown, the isolation extension and nh3 together make of text with no markup in it."""
        runs, shaped = self.direction.marks(text)
        parts, position = [], 0
        for start, end, letters in runs:
            parts += [*shaped[position:start], self.direction.wrap("".join(shaped[start:end]), letters)]
            position = end
        parts += shaped[position:]
        return unbroken("".join(parts), self.direction)


def _digit_table(locale: str, system: str) -> dict[str, str]:
    """ASCII digits and separators → the numbering system's digits with its CLDR separators (Babel's data)."""
    symbols = Locale.parse(locale).number_symbols[system]
    digits = {chr(ascii_code): native for ascii_code, native in digit_table(system).items()}
    return digits | {".": symbols["decimal"], ",": symbols["group"], "%": symbols["percentSign"]}


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Links in content go to other sites or to an anchor; a relative path would break between languages
    and is how obfuscated schemes (`java\tscript:`) slip through, so it is dropped (and `check` says so);
    so is a `lang` that is no language tag, or a `dir` no direction (text_rules.ATTRIBUTE_VALUES)."""
    if attribute == "href" and not value.startswith(ALLOWED_LINK_STARTS):
        return None
    if attribute in ATTRIBUTE_VALUES and not ATTRIBUTE_VALUES[attribute][0].fullmatch(value):
        return None
    return value


def sanitize(fragment: str, tags: frozenset[str]) -> str:
    """Keep only the allowed tags, attributes and URL schemes; outside links get rel=noopener."""
    return _cleaner(tags).clean(fragment)


# Each sanitiser is set up once: `nh3.clean` builds its rules anew on every call, which was two thirds of it.
@cache
def _cleaner(tags: frozenset[str], links: bool = True) -> nh3.Cleaner:
    if not links:  # our own output, inside a link of our own: the class `unbroken` gave is kept
        return nh3.Cleaner(tags=set(tags), attributes=ATTRIBUTES | {"span": {"lang", "class"}})
    return nh3.Cleaner(
        attribute_filter=_only_absolute_links,
        tags=set(tags),
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def without_links(fragment: Markup) -> Markup:
    """Rendered inline HTML to place inside a link of our own: links unwrapped, other markup kept."""
    return Markup(_cleaner(OUTPUT_TAGS - {"a"}, links=False).clean(fragment)) if "<a" in fragment else fragment


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment, for word counts, alternative text and what draws its own order. A
    line break is a space there: `power cut<br>in the capital` read `power cutin the capital` in the browser's
    tab, the link previews, the feed and the share card (an outside tester's import)."""
    if "<br" in fragment:
        fragment = _BREAK.sub(" ", fragment)
    if "<li" in fragment:  # an item keeps a mark: a preview joins the lines (`$85bn Approved on`, a tester's)
        fragment = _ITEM.sub("\\g<0>• ", str(fragment))  # (as a Markup, the tag it puts back is escaped)
    if WORD_JOINER in fragment:  # (one before markup: `-⁠<strong>09`, which `unbroken` leaves)
        fragment = fragment.replace(WORD_JOINER, "")
    return html.unescape(_cleaner(frozenset(), links=False).clean(fragment)).strip()


_BREAK = re.compile(r"[ \t]*<br\s*/?>\s*")
_ITEM = re.compile(r"<li\b[^>]*>\s*")
# A dash direction.py joined to the number after it (`2023-09-10`, `0522-334455`), with the character after it
# or the element there (`2–<bdi>8°C</bdi>`, `2023-<em>09</em>`, `3–<a href=…>4</a>`).
_JOINED = re.compile(
    f"([-–]){WORD_JOINER}(\u200e?(?:<([a-z]+)\\b[^>]*>(?:[^<]|<([a-z]+)\\b[^>]*>[^<]*</\\4>)*</\\3>|[^\\s<&]))"
)  # (an element holding one more: `–<em><bdi>$20</bdi></em>`, a retester's)


def unbroken(fragment: str, direction: Direction) -> str:
    """What direction.py marked in a text, as elements. Each dash joined to a number set, with the character after
    it, in a span the stylesheet keeps on one line (`.unbroken`: no line breaks after the dash), the word joiner
    taken out: left in, it came along when a reader copied a date, a phone number or an identifier
    (`CVE-2023-1234`) into a search box or a dialler (an outside tester's). Only the dash: a long number is still
    cut where it must, not overflow. And each figure with its unit in an Arabic phrase of an English page, in a
    `<bdi dir="ltr">` of its own, and the stretches nested in a quotation (`Direction.nested`)."""
    fragment = direction.nested(fragment)
    if WORD_JOINER not in fragment:
        return fragment
    return _JOINED.sub(r'<span class="unbroken">\1\2</span>', fragment).replace(WORD_JOINER, "")  # (in markup)


@cache
def for_language(language: Language, languages: tuple[Language, ...]) -> TextRenderer:
    """The renderer for a language of a site, built once per process."""
    return TextRenderer(language, languages)
