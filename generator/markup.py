"""Markdown in text fields → sanitised HTML, with opposite-direction runs isolated.

Inside an Arabic sentence, a Latin name followed by punctuation ("Putin!") makes the punctuation jump
to the wrong end of the run; inside an English one an Arabic phrase does the same. Wrapping each such
run in `<bdi>` (with the run's `lang` and `dir`) stops that without any change to what the editor wrote.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_LATIN = "A-Za-z\u00c0-\u024f"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run of the other script: it starts and ends with a letter (or digit), and may hold spaces and
# punctuation in between, so "Kim Jong Un" or "Asan Institute for Policy Studies" is one run.
_OPPOSITE_RUNS = {
    "ar": (re.compile(rf"[{_LATIN}](?:[{_LATIN}0-9 .,'’&/-]*[{_LATIN}0-9])?|\d+(?:[.,:/-]\d+)+"), "en", "ltr"),
    "en": (re.compile(rf"[{_ARABIC}](?:[{_ARABIC}0-9 ]*[{_ARABIC}])?"), "ar", "rtl"),
}
_PLACEHOLDER = re.compile("(\x02[^\x03]*\x03)")  # Python-Markdown's stashed HTML and escapes
_SKIP = {"code", "pre", "bdi", "kbd", "samp"}

BLOCK_TAGS = {
    "p",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "h3",
    "h4",
    "h5",
    "h6",
    "bdi",
    "abbr",
    "sub",
    "sup",
    "del",
    "ins",
}
INLINE_TAGS = {"a", "em", "strong", "code", "br", "bdi", "abbr", "sub", "sup", "del", "ins"}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "bdi": {"lang", "dir"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_LINK_STARTS = ("https://", "http://", "mailto:", "#")


class _IsolateRuns(Treeprocessor):
    """Wraps runs of the opposite script in `<bdi lang dir>`, and demotes headings below the page's h2."""

    def __init__(self, md: markdown.Markdown, language: str) -> None:
        super().__init__(md)
        self.pattern, self.lang, self.dir = _OPPOSITE_RUNS[language]

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if re.fullmatch(r"h[1-6]", element.tag)]
        if headings:  # the page owns h1 and h2: the text's top heading level becomes h3, the rest follow
            shift = 3 - min(int(element.tag[1]) for element in headings)
            for element in headings:
                element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"
        self._isolate(root)

    def _isolate(self, parent: etree.Element) -> None:
        if parent.tag in _SKIP:
            return
        for child in list(parent):
            self._isolate(child)
        parent.text, new_children = self._split(parent.text)
        for offset, element in enumerate(new_children):
            parent.insert(offset, element)
        for child in list(parent):
            if child.tail:
                child.tail, tail_children = self._split(child.tail)
                position = list(parent).index(child) + 1
                for offset, element in enumerate(tail_children):
                    parent.insert(position + offset, element)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """Text before the first run, and `<bdi>` elements (each carrying the text after it as tail)."""
        if not text:
            return text, []
        head, elements = "", list[etree.Element]()
        for chunk in _PLACEHOLDER.split(text):
            pieces = [chunk] if _PLACEHOLDER.fullmatch(chunk) else self.pattern.split(chunk)
            runs = [] if _PLACEHOLDER.fullmatch(chunk) else self.pattern.findall(chunk)
            for index, piece in enumerate(pieces):
                if elements:
                    elements[-1].tail = (elements[-1].tail or "") + piece
                else:
                    head += piece
                if index < len(runs):
                    # Digits belong to no language: a number gets a direction but no `lang`.
                    attributes = {"dir": self.dir} if runs[index][0].isdigit() else {"lang": self.lang, "dir": self.dir}
                    bdi = etree.Element("bdi", attributes)
                    bdi.text = runs[index]
                    elements.append(bdi)
        return head, elements


class _IsolateExtension(Extension):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        # After inline patterns (20) so text is final; before prettify (10) and unescape (0).
        md.treeprocessors.register(_IsolateRuns(md, self.language), "isolate_runs", 15)


# Text with none of these is plain prose: Markdown would only wrap it in <p> and escape nothing, so the
# renderer skips the parser for it (most texts; a test checks both paths agree on every seed text).
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&#!|~\n\x02\x03]|^\s*(?:[-+*>=]|\d+[.)])")


class TextRenderer:
    """Renders one language's texts: one Markdown instance, reset per text; plain prose skips the parser."""

    def __init__(self, language: str) -> None:
        self.pattern, lang, direction = _OPPOSITE_RUNS[language]
        self.word_run = f'<bdi dir="{direction}" lang="{lang}">'
        self.number_run = f'<bdi dir="{direction}">'
        self.md = markdown.Markdown(
            extensions=[
                TocExtension(slugify=slugify_unicode, toc_depth="3-6"),
                "sane_lists",
                _IsolateExtension(language),
            ],
            output_format="html",
        )

    @lru_cache(maxsize=4096)  # noqa: B019 - one renderer per language lives for the whole process
    def block(self, text: str) -> Markup:
        """Paragraph-level Markdown as safe HTML."""
        if not _MARKDOWN_SYNTAX.search(text):
            return Markup(f"<p>{self.plain_prose(text)}</p>")
        self.md.reset()
        return Markup(sanitize(self.md.convert(text), BLOCK_TAGS))

    @lru_cache(maxsize=4096)  # noqa: B019
    def inline(self, text: str) -> Markup:
        """Markdown for a heading, list item or name: inline elements only, no wrapping paragraph."""
        if not _MARKDOWN_SYNTAX.search(text):
            return Markup(self.plain_prose(text))
        self.md.reset()
        return Markup(sanitize(self.md.convert(text), INLINE_TAGS).strip())

    def plain_prose(self, text: str) -> str:
        """What Markdown, the isolation extension and nh3 together make of text with no markup in it."""
        return self.pattern.sub(
            lambda run: f"{self.number_run if run.group()[0].isdigit() else self.word_run}{run.group()}</bdi>",
            text,
        )


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Links in content go to other sites or to an anchor; a relative path would break between languages
    and is how obfuscated schemes (`java\tscript:`) slip through, so it is dropped."""
    if attribute == "href" and not value.startswith(ALLOWED_LINK_STARTS):
        return None
    return value


def sanitize(fragment: str, tags: set[str]) -> str:
    """Keep only the allowed tags, attributes and URL schemes; outside links get rel=noopener."""
    return nh3.clean(
        fragment,
        attribute_filter=_only_absolute_links,
        tags=tags,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def without_links(fragment: Markup) -> Markup:
    """Rendered inline HTML to place inside a link of our own: links unwrapped, other markup kept."""
    return (
        Markup(nh3.clean(fragment, tags=INLINE_TAGS - {"a"}, attributes=ATTRIBUTES)) if "<a" in fragment else fragment
    )


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment, for titles, descriptions and word counts."""
    return html.unescape(nh3.clean(fragment, tags=set())).strip()


@lru_cache(maxsize=2)
def for_language(language: str) -> TextRenderer:
    """The renderer for a language, built once per process."""
    return TextRenderer(language)
