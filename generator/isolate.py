"""The runs `Direction.marks` finds (direction.py) wrapped in `<bdi>`, and its characters, in a Markdown tree.

A paragraph's inline content is flattened to tokens (characters, tag opens and closes, whole atoms such
as a code span), the runs are found over the paragraph's whole text (`bidi.opposite_runs`), and the
paragraph is rebuilt with each run wrapped: a run that crosses markup (`**5**G`) is wrapped as one. A run
that ends or starts inside an element the editor marked (`قال *وزير الخارجية Antony* Blinken`: the emphasis
ends inside the name) cuts that element in two, one part on either side of the `<bdi>`, so the run is still
isolated whole; left as written, the name's closing quotation and full stop jumped to its other end (an
outside tester's). Only a run that starts or ends inside a code span, or would cut an element across a tag
the editor wrote (`<sub>`, kept as raw HTML), is left as written. A stretch read the page's way again inside a
run (an English name in an Arabic quotation of an English page: `Direction.nested`) is wrapped the same way,
inside its run's `<bdi>`. The algorithm reads a code span as code reads (left to right whole on an Arabic page,
its Arabic strings isolated) and an entity as its character (`_token_text`); and a text's headings sit under
the page's own (`run`).
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

from .bidi import RTL_SCRIPTS
from .bidi_repairs import OBJECT
from .direction import NESTED_CLOSES, NESTED_MARKS, Direction
from .inline_tokens import ATOMS, CODE, PLACEHOLDER, Token, Wrap, cut, flatten, rebuild
from .text_rules import TAG_NAME

_PARAGRAPHS = {"p", "li", "h3", "h4", "h5", "h6"}
_LATIN = re.compile("[A-Za-z0-9\u00c0-\u024f]")  # code holding these reads left to right (`1 2 3` too)
# In code: a string's words with a right-to-left letter, figures and all (`"جدول 2"`), or else a right-to-left
# stretch, from one such letter to the last before a quote or a Latin letter (`echo مرحبا 2024 بكم`).
_RTL_STRETCH = re.compile(
    f"""(?<=["'])[^"'\n]*[{RTL_SCRIPTS}][^"'\n]*(?=["'])|[{RTL_SCRIPTS}](?:[^"'`A-Za-z\n]*[{RTL_SCRIPTS}])?"""
)
_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "B", "S"})
# Elements a run may cut in two (module docstring): Markdown's emphasis and links, whose two parts read as the
# whole did. (The editor's own HTML tags are not elements here but raw text Markdown keeps aside.)
_SPLITTABLE = frozenset({"a", "em", "strong"})


class Isolate(Treeprocessor):
    """Wraps each paragraph's opposite-direction runs; demotes headings below the page's own h1 and h2."""

    def __init__(self, md: markdown.Markdown, direction: Direction) -> None:
        super().__init__(md)
        self.direction = direction

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if re.fullmatch(r"h[1-6]", element.tag)]
        # The page owns h1 and h2: a text's headings start at h3, each at most one level below the heading it comes
        # under (`#` then `####` made h3 then h6, where a screen reader's user looks for it in vain: an outside
        # tester's), and none deeper than h6.
        above: list[tuple[int, int]] = []  # the headings the next comes under: (level written, level shown)
        for element in headings:
            written = int(element.tag[1])
            while above and above[-1][0] >= written:
                above.pop()
            above.append((written, min(above[-1][1] + 1 if above else 3, 6)))
            element.tag = f"h{above[-1][1]}"
        for element in list(root.iter()):
            if element.tag in _PARAGRAPHS:
                self._paragraph(element)
        for element in list(root.iter("code")):
            self._strings_in_code(element)

    def _strings_in_code(self, code: etree.Element) -> None:
        """Each right-to-left string or stretch of a code span that holds Latin letters or digits (an Arabic
        string in a line of code) in a `<bdi dir="rtl">` of its language: the bidi algorithm read the figure after
        one as Arabic's, and drew it before the string (`x = "سلام" + 5` showed `x = 5 + "سلام"`: a retester's);
        a string's own figures are its (`"جدول 2"`). Code reads in the order typed, each string as its language."""
        text = code.text or ""
        if len(code) or not _LATIN.search(text) or not (found := list(_RTL_STRETCH.finditer(text))):
            return
        code.text, position, last = text[: found[0].start()], 0, None
        for match in found:
            if last is not None:
                last.tail = text[position : match.start()]
            language = self.direction.run_language(match.group(), "rtl")
            last = etree.SubElement(code, "bdi", {"dir": "rtl"} | ({"lang": language} if language else {}))
            last.text, position = match.group(), match.end()
        if last is not None:
            last.tail = text[position:]

    def _paragraph(self, block: etree.Element) -> None:
        text = self._text(block)  # most paragraphs need nothing: known before any is cut into tokens
        runs, shaped = self.direction.marks(text)
        if not runs and shaped == list(text):
            return
        tokens: list[Token] = []
        flatten(block, tokens, top=True)
        pieces = [self._token_text(token) for token in tokens]
        owners = [index for index, piece in enumerate(pieces) for _ in piece]
        position = 0
        nested: list[tuple[int, int, str]] = []  # stretches isolated inside a run (`Direction.nested`)
        opened: list[tuple[int, str]] = []
        for index, piece in enumerate(pieces):
            if tokens[index][0] == "char":
                tokens[index] = ("char", _nested_runs(shaped[position], position, opened, nested))
            position += len(piece)
        wraps: dict[int, list[Wrap]] = {}
        outer: list[tuple[int, int]] = []
        for start, end, letters in runs:
            if span := _widened(tokens, owners, start, end, self._raw_tag):
                wraps.setdefault(span[0], []).append(Wrap(span[1], letters))
                outer.append(span)
        for start, end, opening in nested:  # inside a run wrapped, each cutting the emphasis it crosses as a run does
            span = _widened(tokens, owners, start, end, self._raw_tag)
            if span and any(first <= span[0] and span[1] <= last for first, last in outer):
                element = self.direction.nested_element(opening)
                wraps.setdefault(span[0], []).append(Wrap(span[1], True, element))
        rebuild(block, tokens, wraps, self.direction, self._stashed)

    def _text(self, element: etree.Element) -> str:
        """The element's text as the bidi algorithm reads it: what `_token_text` makes of its tokens, joined."""
        parts = [PLACEHOLDER.sub(self._stand_in, element.text or "")]
        for child in element:
            parts.append(self._token_text(("atom", child)) if child.tag in ATOMS else self._text(child))
            parts.append(PLACEHOLDER.sub(self._stand_in, child.tail or ""))
        return "".join(parts)

    def _token_text(self, token: Token) -> str:
        """What a token adds to the paragraph's text as the bidi algorithm reads it. A code span is its text, and
        on a right-to-left page one holding a Latin letter reads as one left-to-right token, its Arabic strings
        code's (`print("مرحبا")` read `("مرحبا")print`: an outside tester's). An entity is its one character
        (`السعر&nbsp;$5`: a space before `$5` opens the sum as a typed one does; an object, it read `5$`)."""
        kind, value = token
        if kind == "char":
            return str(value)
        if kind == "stash":
            return self._stand_in(str(value))
        if not isinstance(value, etree.Element) or value.tag not in CODE:
            return OBJECT if kind == "atom" else ""
        code = "".join(value.itertext()) or OBJECT
        return "x" * len(code) if self.direction.base and _LATIN.search(code) else code  # (`"مرحبا".upper()`)

    def _stand_in(self, placeholder: str | re.Match[str]) -> str:
        """What the bidi algorithm reads for a stashed placeholder: an entity's character, unless it is one of
        the algorithm's controls; anything else an object, a neutral."""
        written = self._stashed(placeholder if isinstance(placeholder, str) else placeholder.group())
        if written.startswith("&") and len(character := html.unescape(written)) == 1:
            return OBJECT if unicodedata.bidirectional(character) in _CONTROLS else character
        return OBJECT

    def _raw_tag(self, placeholder: object) -> bool:
        """Whether a stashed placeholder stands for a tag the editor wrote (not an entity, say)."""
        return bool(TAG_NAME.match(self._stashed(str(placeholder))))

    def _stashed(self, placeholder: str) -> str:
        """The raw HTML a placeholder stands for (Python-Markdown keeps the editor's tags aside until the end)."""
        found = util.HTML_PLACEHOLDER_RE.fullmatch(placeholder)
        blocks = self.md.htmlStash.rawHtmlBlocks
        return str(blocks[int(found.group(1))]) if found and int(found.group(1)) < len(blocks) else ""


def _nested_runs(shaped: str, position: int, opened: list[tuple[int, str]], found: list[tuple[int, int, str]]) -> str:
    """A character as the page shows it (`Direction.marks`) without the marks of a stretch to be isolated inside
    a run, which open before it and close after it: each such stretch, (start, end, opening mark), is added to
    `found` as it closes. The stretch becomes an element of the tree, cut like a run by the emphasis it crosses:
    as marks turned into tags after Markdown, one that crossed an element (`«شكرًا *Liver*pool»`) could not be
    made, and a phone number's groups read from the right inside its Arabic quotation."""
    if not NESTED_MARKS.search(shaped):
        return shaped
    for mark in NESTED_MARKS.findall(shaped):
        if mark != NESTED_CLOSES:
            opened.append((position, mark))
        elif opened:
            start, opening = opened.pop()
            found.append((start, position + 1, opening))
    return NESTED_MARKS.sub("", shaped)


def _widened(
    tokens: list[Token], owners: list[int], start: int, end: int, raw_tag: Callable[[object], bool]
) -> tuple[int, int] | None:
    """The tokens to wrap for the run [start, end), widened over adjacent tag opens and closes so that no
    element is cut, or cutting emphasis and links (`_SPLITTABLE`); None when that cannot be done (the run
    starts or ends inside a code span, say, or would cut an element across a tag the editor wrote, which
    the sanitiser then emptied: `*وزير <sub>Antony</sub>* Blinken`, the reviewer's)."""
    first, last = owners[start], owners[end - 1]
    if (start and owners[start - 1] == first) or (end < len(owners) and owners[end] == last):
        return None
    while True:
        depth = lowest = 0
        for kind, _ in tokens[first : last + 1]:
            depth += (kind == "open") - (kind == "close")
            lowest = min(lowest, depth)
        if lowest < 0 and first > 0 and tokens[first - 1][0] == "open":
            first -= 1
        elif depth > lowest and last + 1 < len(tokens) and tokens[last + 1][0] == "close":
            last += 1
        elif lowest < 0 or depth > lowest:
            closed, opened = cut(tokens, first, last)
            cuts = [element.tag if isinstance(element, etree.Element) else "" for element in closed + opened]
            written = any(kind == "stash" and raw_tag(value) for kind, value in tokens[first : last + 1])
            return (first, last) if _SPLITTABLE.issuperset(cuts) and not written else None
        else:
            return first, last
