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
inside its run's `<bdi>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from typing import NamedTuple

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

from .bidi_repairs import OBJECT
from .direction import NESTED_CLOSES, NESTED_MARKS, Direction
from .text_rules import TAG_NAME

_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stashed raw HTML
_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)  # a tag that gives its text a language
_VOID = frozenset({"br", "wbr"})  # tags that hold nothing
_ATOMS = {"code", "kbd", "samp", "bdi", "br", "pre", "p", "ul", "ol", "li", "blockquote", "div"}
_CODE = {"code", "kbd", "samp"}  # atoms whose text the bidi algorithm reads (the others are isolates or breaks)
_PARAGRAPHS = {"p", "li", "h3", "h4", "h5", "h6"}
# Elements a run may cut in two (module docstring): Markdown's emphasis and links, whose two parts read as the
# whole did. (The editor's own HTML tags are not elements here but raw text Markdown keeps aside.)
_SPLITTABLE = frozenset({"a", "em", "strong"})
# ("char", "x") | ("open", element) | ("close", element) | ("atom", element) | ("stash", "…")
Token = tuple[str, object]


class Wrap(NamedTuple):
    """A stretch of tokens to wrap, from where it is keyed to `last`: a run read against the page (`outer`), or
    a stretch read the page's way inside one, with its `<bdi>`'s attributes (`Direction.nested_element`)."""

    last: int
    outer: bool
    letters: bool
    element: dict[str, str] | None


class Isolate(Treeprocessor):
    """Wraps each paragraph's opposite-direction runs; demotes headings below the page's own h1 and h2."""

    def __init__(self, md: markdown.Markdown, direction: Direction) -> None:
        super().__init__(md)
        self.direction = direction

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if re.fullmatch(r"h[1-6]", element.tag)]
        if headings:  # the page owns h1 and h2: the text's top heading level becomes h3, the rest follow
            shift = 3 - min(int(element.tag[1]) for element in headings)
            for element in headings:
                element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"
        for element in list(root.iter()):
            if element.tag in _PARAGRAPHS:
                self._paragraph(element)

    def _paragraph(self, block: etree.Element) -> None:
        text = _text(block)  # most paragraphs need nothing: known before any is cut into tokens
        runs, shaped = self.direction.marks(text)
        if not runs and shaped == list(text):
            return
        tokens: list[Token] = []
        _flatten(block, tokens, top=True)
        pieces = [_token_text(token) for token in tokens]
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
                wraps.setdefault(span[0], []).append(Wrap(span[1], True, letters, None))
                outer.append(span)
        for start, end, opening in nested:  # inside a run wrapped, each cutting the emphasis it crosses as a run does
            span = _widened(tokens, owners, start, end, self._raw_tag)
            if span and any(first <= span[0] and span[1] <= last for first, last in outer):
                element = self.direction.nested_element(opening)
                wraps.setdefault(span[0], []).append(Wrap(span[1], False, True, element))
        _rebuild(block, tokens, wraps, self.direction, self._stashed)

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


def _flatten(element: etree.Element, tokens: list[Token], top: bool = False) -> None:
    if not top:
        tokens.append(("open", element))
    tokens.extend(_characters(element.text))
    for child in element:
        if child.tag in _ATOMS:
            tokens.append(("atom", child))
        else:
            _flatten(child, tokens)
        tokens.extend(_characters(child.tail))
    if not top:
        tokens.append(("close", element))


def _text(element: etree.Element) -> str:
    """The element's text as the bidi algorithm reads it: what `_token_text` makes of its tokens, joined."""
    parts = [_PLACEHOLDER.sub(OBJECT, element.text or "")]
    for child in element:
        if child.tag in _ATOMS:
            parts.append(("".join(child.itertext()) or OBJECT) if child.tag in _CODE else OBJECT)
        else:
            parts.append(_text(child))
        parts.append(_PLACEHOLDER.sub(OBJECT, child.tail or ""))
    return "".join(parts)


def _characters(text: str | None) -> list[Token]:
    """Characters as tokens; a stashed raw-HTML placeholder stays one token."""
    tokens: list[Token] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text or ""):
        tokens.extend(("char", char) for char in (text or "")[position : match.start()])
        tokens.append(("stash", match.group()))
        position = match.end()
    tokens.extend(("char", char) for char in (text or "")[position:])
    return tokens


def _token_text(token: Token) -> str:
    """What a token adds to the paragraph's text as the bidi algorithm reads it."""
    kind, value = token
    if kind == "char":
        return str(value)
    if kind == "atom" and isinstance(value, etree.Element) and value.tag in _CODE:
        return "".join(value.itertext()) or OBJECT
    return OBJECT if kind in {"atom", "stash"} else ""


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
            closed, opened = _cut(tokens, first, last)
            cut = [element.tag if isinstance(element, etree.Element) else "" for element in closed + opened]
            written = any(kind == "stash" and raw_tag(value) for kind, value in tokens[first : last + 1])
            return (first, last) if _SPLITTABLE.issuperset(cut) and not written else None
        else:
            return first, last


def _cut(tokens: list[Token], first: int, last: int) -> tuple[list[object], list[object]]:
    """The elements the run of tokens first..last cuts: those open before it that it closes (innermost
    first), and those it opens and leaves open (outermost first)."""
    closed: list[object] = []
    opened: list[object] = []
    for kind, value in tokens[first : last + 1]:
        if kind == "open":
            opened.append(value)
        elif kind == "close":
            if opened:
                opened.pop()
            else:
                closed.append(value)
    return closed, opened


def _rebuild(
    block: etree.Element,
    tokens: list[Token],
    wraps: dict[int, list[Wrap]],
    direction: Direction,
    stashed: Callable[[str], str],
) -> None:
    """Put the paragraph back together from its tokens, with a `<bdi>` around each wrapped run. A run inside
    an element the editor gave a language (`<bdi lang="fr">Nous sommes fiers</bdi>`) is in that language: it
    gets no `lang` of its own, which said `en` inside the editor's `fr` (an outside reader's finding)."""
    block.text = None
    for child in list(block):
        block.remove(child)
    stack = [block]
    raw: list[tuple[str, bool]] = []  # the editor's HTML tags open here (stashed by Markdown): name, language given
    closing: dict[int, list[list[object]]] = {}  # per last token of a run, what each run ending there leaves open
    for index, (kind, value) in enumerate(tokens):
        for last, _, letters, element in sorted(wraps.get(index, []), key=lambda wrap: wrap[:2], reverse=True):
            given = any(given for _, given in raw)  # (the longest outermost, a run around what it holds)
            if element is None:
                name, attributes = direction.mark(_text_of(tokens, index, last), letters and not given)
            else:
                name, attributes = "bdi", {key: value for key, value in element.items() if key != "lang" or not given}
            closed, opened = _cut(tokens, index, last)
            del stack[len(stack) - len(closed) :]  # what the run closes ends before it, and opens again inside it
            stack.append(etree.SubElement(stack[-1], name, attributes))
            _reopen(stack, reversed(closed))
            closing.setdefault(last, []).append(opened)
        parent = stack[-1]
        if kind in {"char", "stash"}:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + str(value)
            else:
                parent.text = (parent.text or "") + str(value)
        elif kind == "atom" and isinstance(value, etree.Element):
            value.tail = None
            parent.append(value)
        elif kind == "open" and isinstance(value, etree.Element):
            stack.append(etree.SubElement(parent, value.tag, dict(value.attrib)))
        elif kind == "close":
            stack.pop()
        if kind == "stash" and (tag := TAG_NAME.match(written := stashed(str(value)))):
            _follow(raw, tag.group(2).lower(), bool(tag.group(1)), bool(_LANG.search(written)))
        for opened in reversed(closing.pop(index, [])):  # what the run opened ends with it, and opens again after
            del stack[len(stack) - len(opened) - 1 :]
            _reopen(stack, opened)


def _reopen(stack: list[etree.Element], elements: Iterable[object]) -> None:
    """Open, inside the top of `stack`, a part of each element (outermost first): a run cut them."""
    for element in elements:
        assert isinstance(element, etree.Element)
        stack.append(etree.SubElement(stack[-1], element.tag, dict(element.attrib)))


def _follow(raw: list[tuple[str, bool]], name: str, closes: bool, language: bool) -> None:
    """The editor's open tags after one more: a closing tag ends the latest of its name and what it holds."""
    if name in _VOID:
        return
    if not closes:
        raw.append((name, language))
        return
    for place in range(len(raw) - 1, -1, -1):
        if raw[place][0] == name:
            del raw[place:]
            return


def _text_of(tokens: list[Token], first: int, last: int) -> str:
    """The characters of tokens first..last: a run's own text, to tell its script."""
    return "".join(str(value) for kind, value in tokens[first : last + 1] if kind == "char")
