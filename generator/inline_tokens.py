"""A paragraph of a Markdown tree as tokens, and back (isolate.py wraps its runs between the two).

Its inline content is flattened to tokens: characters, tag opens and closes, whole atoms such as a code span,
and the placeholders Python-Markdown stashes the editor's raw HTML in. It is rebuilt from them with each run to
wrap in an element, which cuts an element it starts or ends inside (`Wrap`, `rebuild`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .direction import Direction
from .text_rules import TAG_NAME

PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stashed raw HTML
_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)  # a tag that gives its text a language
_VOID = frozenset({"br", "wbr"})  # tags that hold nothing
ATOMS = {"code", "kbd", "samp", "bdi", "br", "pre", "p", "ul", "ol", "li", "blockquote", "div"}
CODE = {"code", "kbd", "samp"}  # atoms whose text the bidi algorithm reads (the others are isolates or breaks)
# ("char", "x") | ("open", element) | ("close", element) | ("atom", element) | ("stash", "…")
Token = tuple[str, object]


class Wrap(NamedTuple):
    """A stretch of tokens to wrap, from where it is keyed to `last`: a run read against the page (no `element`),
    or a stretch read the page's way inside one, with its `<bdi>`'s attributes (`Direction.nested_element`)."""

    last: int
    letters: bool
    element: dict[str, str] | None = None


def flatten(element: etree.Element, tokens: list[Token], top: bool = False) -> None:
    """An element's inline content as tokens, added to `tokens` (its own open and close too, unless `top`)."""
    if not top:
        tokens.append(("open", element))
    tokens.extend(characters(element.text))
    for child in element:
        if child.tag in ATOMS:
            tokens.append(("atom", child))
        else:
            flatten(child, tokens)
        tokens.extend(characters(child.tail))
    if not top:
        tokens.append(("close", element))


def characters(text: str | None) -> list[Token]:
    """Characters as tokens; a stashed raw-HTML placeholder stays one token."""
    tokens: list[Token] = []
    position = 0
    for match in PLACEHOLDER.finditer(text or ""):
        tokens.extend(("char", char) for char in (text or "")[position : match.start()])
        tokens.append(("stash", match.group()))
        position = match.end()
    tokens.extend(("char", char) for char in (text or "")[position:])
    return tokens


def cut(tokens: list[Token], first: int, last: int) -> tuple[list[object], list[object]]:
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


def rebuild(
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
        ordered = sorted(wraps.get(index, []), key=lambda wrap: (wrap.last, wrap.element is None), reverse=True)
        for last, letters, element in ordered:
            given = any(given for _, given in raw)  # (the longest outermost, a run around what it holds)
            if element is None:
                name, attributes = direction.mark(_text_of(tokens, index, last), letters and not given)
            else:
                name, attributes = "bdi", {key: value for key, value in element.items() if key != "lang" or not given}
            closed, opened = cut(tokens, index, last)
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
