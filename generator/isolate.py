"""Opposite-direction runs wrapped in `<bdi>`, and the page's digits, inside a rendered Markdown tree.

A paragraph's inline content is flattened to tokens (characters, tag opens and closes, whole atoms such
as a code span), the runs are found over the paragraph's whole text (`bidi.opposite_runs`), and the
paragraph is rebuilt with each run wrapped: a run that crosses markup (`**5**G`) is wrapped as one. A run
that cannot be wrapped without cutting an element in two is left as written, which is never worse than
the raw text.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

from .bidi import opposite_runs
from .bidi_repairs import OBJECT
from .settings import script_of
from .text_rules import TAG_NAME

_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stashed raw HTML
_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)  # a tag that gives its text a language
_VOID = frozenset({"br", "wbr"})  # tags that hold nothing
_ATOMS = {"code", "kbd", "samp", "bdi", "br", "pre", "p", "ul", "ol", "li", "blockquote", "div"}
_CODE = {"code", "kbd", "samp"}  # atoms whose text the bidi algorithm reads (the others are isolates or breaks)
_PARAGRAPHS = {"p", "li", "h3", "h4", "h5", "h6"}
# A number in prose: not part of a word, an address, a hashtag or a handle (`زلزال_الحوز_2023`, `/2023/`). A
# date or fraction written with slashes is one (`2023/09/12`, `1/2`): it kept 0–9 beside `١٠:٣٠` (an outside
# tester's finding); a path's numbers (`/2023/09/`) do not stand alone between spaces, and stay as written.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_/#@&=?.,])\d+(?:(?:/\d+)+|(?:[.,]\d+)*)%?(?![A-Za-z0-9_/@])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?%?")
# A hyphen or dash between digits (`2023-09-10`, `9–10`, `0522-334455`) is followed by a word joiner: a line may
# break after a hyphen, and a phone showed `2023-` at a line's end and `09-10` at the next one's start, in the
# other order from the date's (an outside reader's finding). The joiner is invisible, ignored by the bidi
# algorithm, and left out of the plain text (markup.plain) and of search's words. A range of percentages or
# of sums is one too (`1.9%–2.0%`, `$70–$75`: an outside tester's ended a line at `1.9%–`).
_NUMBERS_JOINED = re.compile(r"(?:(?<=\d)|(?<=\d[%٪]))[-–](?=[$€£¥₹]?\d)")
WORD_JOINER = "\u2060"
# French sets its high punctuation apart with a space no line breaks at: a French line began with `?`, `!` or
# `»` where the editor typed an ordinary space (an outside tester's). A narrow one before `;`, `!` and `?`, a
# full one before `:` and inside `« »` (the Imprimerie nationale's rules; Quebec's, `fr-CA`, space only
# the last two). Only a space typed there changes: `Pourquoi?` is the editor's to write, and a code span,
# an address or a time (`10:30`) has none.
_FRENCH_SPACES = re.compile(r" (?=[;!?])| (?=[:»])|(?<=«) ")
_QUEBEC_SPACES = re.compile(r" (?=[:»])|(?<=«) ")
NARROW_NO_BREAK, NO_BREAK = "\u202f", "\u00a0"

# ("char", "x") | ("open", element) | ("close", element) | ("atom", element) | ("stash", "…")
Token = tuple[str, object]


@dataclass(frozen=True)
class Direction:
    """How one page language treats text: its base level, its opposite runs' `dir` and `lang`, its digits."""

    base: int
    run_dir: str
    run_languages: tuple[tuple[str, str], ...]  # (script, language code): the `lang` of a run in that script
    digits: dict[str, str] | None  # ASCII → the page's digits and CLDR separators; None keeps 0-9
    spaces: re.Pattern[str] | None = None  # the spaces the language keeps from breaking (French's), if any
    same_way: frozenset[str] = frozenset()  # other site languages' scripts written in the page's direction

    def marks(self, text: str) -> tuple[list[tuple[int, int, bool]], list[str]]:
        """The runs to isolate (start, end, holds letters), and each character as the page shows it:
        with `digits: arab`, the prose's numbers in Arabic-Indic digits (a Latin run keeps what it has)."""
        runs = [
            (start, end, any(char.isalpha() for char in text[start:end]))
            for start, end in opposite_runs(text, self.base)
        ]
        if self.same_way and not text.isascii():
            runs = sorted(runs + self._same_way_runs(text, runs))
        shaped = list(text)
        if self.digits is not None and any(char.isdigit() for char in text):
            latin = {index for start, end, letters in runs if letters for index in range(start, end)}
            for match in _NUMBER.finditer(text):
                if not latin.intersection(range(match.start(), match.end())):
                    shaped[match.start() : match.end()] = self._native(match.group())
            for start, end, letters in runs:
                if not letters:
                    _groups_in_order(shaped, start, end)
        if "-" in text or "–" in text:
            for match in _NUMBERS_JOINED.finditer(text):
                shaped[match.start()] += WORD_JOINER
        if self.spaces is not None and " " in text:
            for match in self.spaces.finditer(text):
                after = text[match.end() : match.end() + 1]
                shaped[match.start()] = NARROW_NO_BREAK if after and after in ";!?" else NO_BREAK
        return runs, shaped

    def _same_way_runs(self, text: str, runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """Stretches in another site language's script that reads the page's way (Hebrew on an Arabic page):
        the bidi algorithm has nothing to isolate, yet a reader's font and voice need the language (it was
        said to be Arabic: an outside tester's). From a letter of that script to the last before a letter of
        another, or an opposite run."""
        taken = {index for start, end, _ in runs for index in range(start, end)}
        found: list[tuple[int, int, bool]] = []
        start = last = -1
        script = ""
        for index, char in enumerate(text):
            if not char.isalpha() and index not in taken:
                continue
            its = script_of(char) if index not in taken else ""
            if start >= 0 and its == script:
                last = index
                continue
            if start >= 0:
                found.append((start, last + 1, True))
            start, last, script = (index, index, its) if its in self.same_way else (-1, -1, "")
        if start >= 0:
            found.append((start, last + 1, True))
        return found

    def _native(self, number: str) -> list[str]:
        """A number's characters in the page's digits. A comma groups thousands only before three digits
        (`2,946`); otherwise it is a decimal comma (`6,8` in Maghreb usage). A figure with two dots or with
        commas that group nothing (`192.168.1.1`, `17.0.1`, `1,2,3`) is no number and keeps its form."""
        assert self.digits is not None
        if number.count(".") > 1 or (number.count(",") > 1 and not _THOUSANDS.fullmatch(number)):
            return list(number)
        decimal_comma = "," in number and not _THOUSANDS.fullmatch(number)
        return [self.digits["."] if char == "," and decimal_comma else self.digits.get(char, char) for char in number]

    def wrap(self, text: str, has_letters: bool) -> str:
        """A run as HTML: a number gets a direction but no language."""
        language = self.run_language(text) if has_letters else None
        return f'<bdi dir="{self.dir_of(text)}"' + (f' lang="{language}"' if language else "") + f">{text}</bdi>"

    def dir_of(self, run: str) -> str:
        """A run's `dir`: its letters' (the page's own for a same-way run), the opposite's for a number."""
        letter = next((char for char in run if char.isalpha()), None)
        if letter is None:
            return self.run_dir
        return "rtl" if unicodedata.bidirectional(letter) in {"R", "AL"} else "ltr"

    def run_language(self, text: str) -> str | None:
        """The language a run's letters are in: the site's first language of their script (a Latin run on an
        Arabic page is the site's first Latin-script language); None for a script no site language has."""
        script = script_of(next((character for character in text if character.isalpha()), " "))
        return next((code for name, code in self.run_languages if name == script), None)


def kept_spaces(locale: str) -> re.Pattern[str] | None:
    """The spaces a locale's typography keeps from breaking (above): French's, Quebec's, or none."""
    language, _, region = locale.replace("-", "_").partition("_")
    if language != "fr":
        return None
    return _QUEBEC_SPACES if region.upper() == "CA" else _FRENCH_SPACES


def _groups_in_order(shaped: list[str], start: int, end: int) -> None:
    """A run read left to right that holds no letter (a phone number, `+٩٧١ ٤ ١٢٣ ٤٥٦٧`, `٠٥٠-١٢٣-٤٥٦٧`) keeps
    its groups in order once in Arabic-Indic digits: those are Arabic numbers (AN) to the bidi algorithm,
    which counts them as right-to-left letters around a space or hyphen (N1), so inside its isolate the run
    showed its groups reversed. A left-to-right mark before each group after the first holds the separator
    before it to the run's direction. (Latin and Extended Arabic-Indic digits are European numbers, which
    the run's direction takes over: they need none.)"""
    after_group = False
    for index in range(start, end):
        arabic_number = unicodedata.bidirectional(shaped[index]) == "AN"
        if arabic_number and after_group and unicodedata.bidirectional(shaped[index - 1][-1]) != "AN":
            shaped[index] = "\u200e" + shaped[index]
        after_group = after_group or arabic_number


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
        for index, piece in enumerate(pieces):
            if tokens[index][0] == "char":
                tokens[index] = ("char", shaped[position])
            position += len(piece)
        wraps: dict[int, list[tuple[int, bool]]] = {}
        for start, end, letters in runs:
            span = _widened(tokens, owners, start, end)
            if span:
                wraps.setdefault(span[0], []).append((span[1], letters))
        _rebuild(block, tokens, wraps, self.direction, self._stashed)

    def _stashed(self, placeholder: str) -> str:
        """The raw HTML a placeholder stands for (Python-Markdown keeps the editor's tags aside until the end)."""
        found = util.HTML_PLACEHOLDER_RE.fullmatch(placeholder)
        blocks = self.md.htmlStash.rawHtmlBlocks
        return str(blocks[int(found.group(1))]) if found and int(found.group(1)) < len(blocks) else ""


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


def _widened(tokens: list[Token], owners: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The tokens to wrap for the run [start, end), widened over adjacent tag opens and closes so that no
    element is cut; None when that cannot be done (the run starts or ends inside a code span, say)."""
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
            return None
        else:
            return first, last


def _rebuild(
    block: etree.Element,
    tokens: list[Token],
    wraps: dict[int, list[tuple[int, bool]]],
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
    closing: dict[int, int] = {}
    for index, (kind, value) in enumerate(tokens):
        for last, letters in wraps.get(index, []):
            said = letters and not any(given for _, given in raw)
            language = direction.run_language(_text_of(tokens, index, last)) if said else None
            attributes = {"dir": direction.dir_of(_text_of(tokens, index, last))} | (
                {"lang": language} if language else {}
            )
            stack.append(etree.SubElement(stack[-1], "bdi", attributes))
            closing[last] = closing.get(last, 0) + 1
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
        for _ in range(closing.pop(index, 0)):
            stack.pop()


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
