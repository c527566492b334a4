"""A share card's text in lines: runs in the order a reader sees them, lines broken where CSS breaks them.

Runs of one direction and one font are shaped by HarfBuzz and drawn by FreeType (`glyphs`); their fonts
come from `card_faces`. The rest of what a browser does with a line is done here: the order of its
directional runs, by the Unicode Bidirectional Algorithm's levels for the page's text with its isolates, as
the browser resolves them (`bidi_isolates`, rule L2), and where lines break. They break at spaces, never at a
no-break space (U+00A0, U+2007, U+202F) or beside a word joiner, so "1180 km" stays together; a word longer
than a line is broken between grapheme clusters where the page's `overflow-wrap: break-word` would break it,
only once the smallest size is reached (`breaking`); a line that must be shortened drops whole words until it
fits with its "…". Lines fit by their ink (a glyph's overhang) as well as their advance, so a title stays
inside the card's margins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import glyphs
from .bidi_isolates import ISOLATE_CONTROLS, isolated_levels
from .card_faces import KEYCAP, as_the_page, assigned, clusters

ELLIPSIS = " …"
# Where a line may break: a run of spaces other than the no-break ones, unless a word joiner holds it.
_BREAKS = re.compile(r"(?<![\u2060\ufeff])[^\S\u00a0\u2007\u202f]+(?![\u2060\ufeff])")
_CONTROLS = re.compile(f"([{''.join(sorted(ISOLATE_CONTROLS))}])")  # the page's isolates: kept, drawn as nothing


@dataclass(frozen=True)
class Piece:
    """A stretch of one line drawn with one font in one direction, in the order it is seen."""

    text: str
    font: str
    rtl: bool
    width: float


@lru_cache(maxsize=1024)  # words are measured while wrapping; a line is checked against the width, then drawn
def pieces(
    line: str, base_rtl: bool, fonts: tuple[str, ...], size: int, language: str, context: tuple[int, ...] = ()
) -> tuple[Piece, ...]:
    """A line as a reader sees it: runs of one level and one font, in visual order (UAX #9 rule L2), by the
    levels its paragraph resolved (`context`, `line_levels`) or, without them, its own; the isolate controls,
    which order it as the page's `<bdi>` do, drawn as nothing."""
    if ISOLATE_CONTROLS.intersection(line):
        resolved = context if len(context) == len(line) else isolated_levels(line, 1 if base_rtl else 0)
        kept = [index for index, char in enumerate(line) if char not in ISOLATE_CONTROLS]
        line, context = "".join(line[index] for index in kept), tuple(resolved[index] for index in kept)
    covered = KEYCAP not in line and glyphs.face(fonts[0]).coverage.issuperset(map(ord, line))  # the usual
    drawn = () if covered else as_the_page(line, base_rtl, fonts)
    line = line if covered else "".join(character for character, _ in drawn)
    if not line:
        return ()
    resolved = context if len(context) == len(line) else isolated_levels(line, 1 if base_rtl else 0)
    # (level, font, text), in logical order; text of one direction in one font is one run, as the loop would find
    runs = [(resolved[0], fonts[0], line)] if covered and len(set(resolved)) == 1 else []
    chosen = () if runs else drawn or tuple((char, fonts[0]) for char in line)
    for (char, font), level in zip(chosen, resolved, strict=bool(chosen)):
        if char.isspace() and runs and ord(char) in glyphs.face(runs[-1][1]).coverage:
            font = runs[-1][1]  # a space stays with the font before it, as browsers keep a run's font
        if runs and runs[-1][0] == level and runs[-1][1] == font:
            runs[-1] = (level, font, runs[-1][2] + char)
        else:
            runs.append((level, font, char))
    order = list(range(len(runs)))
    for floor in range(max(level for level, _, _ in runs), 0, -1):  # L2: reverse every run at or above each level
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and runs[order[position]][0] >= floor
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    found: list[Piece] = []
    for index in order:
        level, font, text = runs[index]
        rtl = level % 2 == 1
        found.append(Piece(text, font, rtl, glyphs.width(font, size, text, rtl, language)))
    return tuple(found)


def line_levels(lines: list[str], base_rtl: bool) -> list[tuple[int, ...]]:
    """Each line's levels as its paragraph resolves them, the lines joined as the card shows them: levels are
    resolved before lines break (UAX #9), and a line resolved alone lost the Arabic before its first number
    (`عند 2.75%` broken after `عند` drew `2.75%` where the page shows `%2.75`: an outside tester's)."""
    resolved = isolated_levels(" ".join(lines), 1 if base_rtl else 0)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return [resolved[start : start + len(line)] for start, line in zip(starts, lines, strict=False)]


def measure(line: str, base_rtl: bool, fonts: tuple[str, ...], size: int, language: str) -> float:
    return sum(piece.width for piece in pieces(line, base_rtl, fonts, size, language))


def ink(found: tuple[Piece, ...], size: int, language: str) -> tuple[float, float]:
    """Where a line's ink starts and ends, from the left end of its advance: past it where a glyph overhangs."""
    if not found:
        return 0.0, 0.0
    first, last, total = found[0], found[-1], sum(piece.width for piece in found)
    left = glyphs.reach(first.font, size, first.text, first.rtl, language)[0]
    return left, total - last.width + glyphs.reach(last.font, size, last.text, last.rtl, language)[1]


def breadth(line: str, base_rtl: bool, fonts: tuple[str, ...], size: int, language: str) -> float:
    """The room a line takes: its advance, and its ink where that overhangs."""
    found = pieces(line, base_rtl, fonts, size, language)
    left, right = ink(found, size, language)
    return max(right, sum(piece.width for piece in found)) - min(left, 0.0)


def words(text: str, fonts: tuple[str, ...]) -> list[str]:
    """The text's words, split where a line may break, without what no font can draw (a word of emoji
    alone is no word). Punctuation that followed what was left out joins the word before: `Greece 🇬🇷:` read
    `Greece :` (an outside tester's)."""
    coverage = glyphs.face(fonts[0]).coverage
    found: list[str] = []
    for word in _BREAKS.split(text):
        drawn = word if coverage.issuperset(map(ord, word)) else _drawable(word, fonts)
        if found and drawn and drawn[0] != word[0] and unicodedata.category(drawn[0])[0] == "P":
            found[-1] += drawn
        elif drawn:
            found.append(drawn)
    return found


@lru_cache(maxsize=1024)
def _drawable(word: str, fonts: tuple[str, ...]) -> str:
    """The word's characters some font draws, and its isolate controls, which order it (`pieces`)."""
    parts = _CONTROLS.split(word) if ISOLATE_CONTROLS.intersection(word) else [word]
    return "".join(part if part in ISOLATE_CONTROLS else "".join(c for c, _ in assigned(part, fonts)) for part in parts)


def wrap(
    text: str, base_rtl: bool, fonts: tuple[str, ...], size: int, width: float, language: str, breaking: bool = False
) -> list[str]:
    """The text in lines that fit `width`, broken between words; a word longer than a line stands alone,
    or, `breaking`, is broken between grapheme clusters over as many lines as it takes.

    A line is measured as its words and spaces, each set once, not set again whole for every word added: what
    joins across a space (kerning) is a pixel or two, and `title_lines` measures the lines it keeps whole."""
    space = glyphs.width(fonts[0], size, " ", base_rtl, language)

    def fits(line: str, advance: float) -> bool:
        """By its advance, and near the edge by its ink too: a glyph's overhang (a J's hook) could pass it."""
        return advance <= width and (
            advance <= width - size / 2 or breadth(line, base_rtl, fonts, size, language) <= width
        )

    lines: list[str] = []
    used = 0.0
    for word in words(text, fonts):
        own = measure(word, base_rtl, fonts, size, language)
        if lines and fits(f"{lines[-1]} {word}", used + space + own):
            lines[-1] += " " + word
            used += space + own
        elif breaking and not fits(word, own):  # on lines of its own, the last of which later words may follow
            lines += broken(word, base_rtl, fonts, size, width, language)
            used = measure(lines[-1], base_rtl, fonts, size, language)
        else:
            lines.append(word)
            used = own
    return lines


def broken(word: str, base_rtl: bool, fonts: tuple[str, ...], size: int, width: float, language: str) -> list[str]:
    """A word too long for a line as lines that fit, each as many of its grapheme clusters as fit (at least one)."""
    parts = clusters(word)
    lines = []
    while parts:
        count = _fitting(parts, base_rtl, fonts, size, width, language, "")
        lines.append("".join(parts[: max(count, 1)]))
        parts = parts[max(count, 1) :]
    return lines


def _fitting(
    parts: list[str], base_rtl: bool, fonts: tuple[str, ...], size: int, width: float, language: str, tail: str
) -> int:
    """How many of the clusters, from the first, fit `width` with `tail` after them. A word's widths grow
    with its clusters: a galloping search (1, 2, 4… clusters until they overflow, then halving between the
    last two) shapes prefixes of about a line's length. Halving over the whole word shaped half of it first:
    a 40,000-letter word in a title (a pasted address or code) took 17 s and 2 GB, one of 200,000 never
    ended (an outside tester's fuzzing)."""

    def fit(count: int) -> bool:
        return breadth("".join(parts[:count]) + tail, base_rtl, fonts, size, language) <= width

    low, high = 0, 1
    while high <= len(parts) and fit(high):
        low, high = high, high * 2
    high = min(high - 1, len(parts))  # `low` fit, and nothing from `high` on: the answer is in low..high
    while low < high:
        middle = (low + high + 1) // 2
        if fit(middle):
            low = middle
        else:
            high = middle - 1
    return low


def shortened(line: str, base_rtl: bool, fonts: tuple[str, ...], size: int, width: float, language: str) -> str:
    """The line ended in "…" after a whole word, dropping words from its end until the whole fits `width`;
    a line of one word too long for that keeps as many of its grapheme clusters as fit."""
    kept = _BREAKS.split(line)
    while len(kept) > 1 and breadth(" ".join(kept) + ELLIPSIS, base_rtl, fonts, size, language) > width:
        kept.pop()
    if breadth(" ".join(kept) + ELLIPSIS, base_rtl, fonts, size, language) <= width:
        return " ".join(kept) + ELLIPSIS
    parts = clusters(kept[0])
    return "".join(parts[: _fitting(parts, base_rtl, fonts, size, width, language, "…")]) + "…"


@lru_cache(maxsize=64)  # the site name, the same on every card of a language
def fitted(
    text: str, base_rtl: bool, fonts: tuple[str, ...], sizes: tuple[int, ...], width: float, language: str
) -> tuple[str, int]:
    """One line of text (the site name) at the largest of `sizes` it fits at; past the smallest, shortened."""
    line = " ".join(words(text, fonts))
    for size in sizes:
        if breadth(line, base_rtl, fonts, size, language) <= width:
            return line, size
    return shortened(line, base_rtl, fonts, sizes[-1], width, language), sizes[-1]
