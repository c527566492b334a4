"""Share cards: a 1200×630 PNG per explainer and language (site name, title, date) for link previews.

Runs of one direction and one font are shaped by HarfBuzz and drawn by FreeType (`glyphs`). The rest of what
a browser does with a line is done here: the order of its directional runs, from the same Unicode
Bidirectional Algorithm levels the pages are isolated by (`bidi.levels`, rule L2), and font fallback
character by character through the language's list of faces (Noto Naskh Arabic has no Latin letters or ASCII
digits, Noto Sans no Arabic), as CSS does with a `font-family` list. Lines break between words, never inside
one. A character no face has (an emoji) is left out rather than drawn as an empty box.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from . import glyphs, png
from .bidi import levels
from .hashing import digest
from .load import is_cache_file
from .problems import ContentError, Problem
from .stored import Kept, Output, Stored

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
TITLE_SIZES = (68, 62, 56, 50, 46)  # the largest with which the title fits in MAX_LINES
# The faces cards are drawn with, by the script of the language's letters, each followed by the others for
# characters it lacks; Debian's fonts-noto-core has them (`make site` installs it).
FACES = {"ARABIC": "Noto Naskh Arabic", "LATIN": "Noto Sans"}


@dataclass(frozen=True)
class CardStyle:
    """A language's cards' faces, the site's colours (background, text, accent, muted), and where drawn cards
    are kept between builds (the build cache's `cards/`; None: not kept, as for `check`)."""

    fonts: tuple[str, ...]
    colours: tuple[str, str, str, str]
    kept: Path | None = None


@dataclass(frozen=True)
class CardText:
    """What a card says and how: in one language, in its direction and fonts."""

    site_name: str
    title: str
    date: str
    direction: str  # rtl or ltr
    language: str
    fonts: tuple[str, ...]  # font files (or `glyphs.register` names), the language's own face first
    colours: tuple[str, str, str, str]  # background, text, accent, muted (the stylesheet's light scheme)


@cache
def face_file(family: str) -> str | None:
    """The bold file of an installed family, as fontconfig finds it; None when the family is not installed
    (fontconfig would answer with some other face, which would draw the wrong letters)."""
    try:
        answer = subprocess.run(
            ["fc-match", f"{family}:bold", "--format=%{family}\t%{file}"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found, _, path = answer.partition("\t")
    return path if family in found.split(",") else None


def card_fonts(script: str, own: bytes | None = None) -> tuple[str, ...]:
    """The fonts a language's cards use: its own face when site.yml names one, the installed face of its
    script, then the others for what those lack."""
    families = [FACES.get(script, FACES["LATIN"]), *FACES.values()]
    files: list[str] = [glyphs.register(own)] if own else []
    for family in dict.fromkeys(families):
        path = face_file(family)
        if path is None:
            hint = "install Debian's fonts-noto-core (`make site` does), or name a `font:` for the language"
            need = f"share cards need the font {family}"
            raise ContentError([Problem(Path("content/site.yml"), 1, 1, "languages", need, hint)])
        files.append(path)
    return tuple(dict.fromkeys(files))


@dataclass(frozen=True)
class Piece:
    """A stretch of one line drawn with one font in one direction, in the order it is seen."""

    text: str
    font: str
    rtl: bool
    width: float


@lru_cache(maxsize=1024)  # words are measured while wrapping; a line is checked against the width, then drawn
def pieces(line: str, base_rtl: bool, fonts: tuple[str, ...], size: int, language: str) -> tuple[Piece, ...]:
    """A line as a reader sees it: runs of one level and one font, in visual order (UAX #9 rule L2)."""
    covered = glyphs.face(fonts[0]).coverage.issuperset(map(ord, line))  # the usual: one font has every character
    line = line if covered else "".join(char for char in line if _font_for(char, fonts))
    if not line:
        return ()
    resolved = levels(line, 1 if base_rtl else 0)
    # (level, font, text), in logical order; text of one direction in one font is one run, as the loop would find
    runs = [(resolved[0], fonts[0], line)] if covered and len(set(resolved)) == 1 else []
    for char, level in zip(line, resolved, strict=True) if not runs else ():
        font = _font_for(char, fonts) or fonts[0]
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


@lru_cache(maxsize=4096)
def _font_for(char: str, fonts: tuple[str, ...]) -> str | None:
    """The first font with a glyph for the character; None when none has it (an emoji: left out), but format
    characters (a joiner), marks and spaces go to the shaper whatever."""
    found = next((font for font in fonts if ord(char) in glyphs.face(font).coverage), None)
    return found or (fonts[0] if unicodedata.category(char)[0] in "CMZ" else None)


def wrap(text: str, base_rtl: bool, fonts: tuple[str, ...], size: int, width: float, language: str) -> list[str]:
    """The text in lines that fit `width`, broken between words only (a word longer than a line stands alone).

    A line is measured as its words and spaces, each set once, not set again whole for every word added: what
    joins across a space (kerning) is a pixel or two, and `title_lines` measures the lines it keeps whole."""
    space = glyphs.width(fonts[0], size, " ", base_rtl, language)
    lines: list[str] = []
    used = 0.0
    for word in filter(None, ("".join(c for c in word if _font_for(c, fonts)) for word in text.split())):
        own = sum(piece.width for piece in pieces(word, base_rtl, fonts, size, language))
        if lines and used + space + own <= width:
            lines[-1] += " " + word
            used += space + own
        else:
            lines.append(word)
            used = own
    return lines


def draw_line(canvas: np.ndarray, line: str, card: CardText, size: int, y: int) -> None:
    """One line's coverage on `canvas` at baseline `y`, from the card's start edge (the right one for rtl)."""
    rtl = card.direction == "rtl"
    found = pieces(line, rtl, card.fonts, size, card.language)
    x = WIDTH - MARGIN - sum(piece.width for piece in found) if rtl else MARGIN
    for piece in found:
        glyphs.draw(canvas, piece.font, size, piece.text, piece.rtl, card.language, x, y)
        x += piece.width


TITLE_TOP, TITLE_BOTTOM = 190, 480  # the title's block, between the site name and the date


def leading(size: int, rtl: bool) -> int:
    """The distance between baselines: Arabic's marks and descenders want more room than Latin."""
    return round(size * (1.5 if rtl else 1.22))


def title_lines(card: CardText) -> tuple[int, list[str]]:
    """The largest size whose lines fit the title's block; past the smallest, the lines that fit, the last
    ending in an ellipsis after a whole word."""
    rtl = card.direction == "rtl"
    room = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        lines = wrap(card.title, rtl, card.fonts, size, room, card.language)
        widths = [sum(piece.width for piece in pieces(line, rtl, card.fonts, size, card.language)) for line in lines]
        if len(lines) * leading(size, rtl) <= TITLE_BOTTOM - TITLE_TOP and max(widths, default=0) <= room:
            return size, lines  # a word longer than a line makes the next size down be tried
    fits = max(1, (TITLE_BOTTOM - TITLE_TOP) // leading(size, rtl))
    return size, lines if len(lines) <= fits else [*lines[: fits - 1], lines[fits - 1] + " …"]


SHADES = 16  # anti-aliasing levels of each ink: a coverage's top four bits


def kept_card(card: CardText, folder: Path | None) -> tuple[str, Output]:
    """The card, drawn, or taken from `folder` when a card of the same text, faces and colours was drawn by
    this code before: a card is drawn once per explainer and language, like a picture encoded once, and a
    build with the cache kept (CI keeps it) draws only the cards of explainers that changed. Returned: what
    names it, the digest of what it is drawn from (its text, faces, colours, and this code and its libraries,
    which fix its every byte: a kept card's bytes need not be read to name it), and what the site takes: the
    cache's file, by link, where there is one."""
    fonts = [glyphs.face(name).identity for name in card.fonts]
    identity = json.dumps([_code_version(), list(vars(card).values()), fonts], ensure_ascii=False)  # its fields
    key = digest(identity.encode("utf-8"))
    if folder is None:
        return key, render_card(card)
    path = folder / f"{key}.png"
    if is_cache_file(path) and Stored(path).read(24)[12:] == png.header(WIDTH, HEIGHT):  # a card of this size
        return key, Stored(path)
    return key, Kept(render_card(card), path)  # kept by the site's file, linked into the cache once written


@cache
def _code_version() -> str:
    """What a kept card depends on besides its text: the code that draws it and the libraries it draws with."""
    sources = b"".join(Path(module.__file__ or "").read_bytes() for module in (sys.modules[__name__], glyphs, png))
    versions = [metadata.version(package) for package in ("uharfbuzz", "freetype-py", "numpy", "zlib-ng")]
    return digest(sources + " ".join(versions).encode())


def render_card(card: CardText) -> bytes:
    """The card as PNG bytes (no metadata, so two builds give the same bytes).

    Each ink (accent, text, muted) is drawn as a coverage mask, and the card is written as a palette image
    of the background and SHADES levels of each ink: a tenth of the bytes of full colour to compress, and
    sixteen levels of anti-aliasing are more than the eye tells apart at text's edges."""
    size, lines = title_lines(card)
    step = leading(size, card.direction == "rtl")
    # Each ink has a band of its own. The site name's and the date's recur from card to card, so they are
    # drawn and compressed once for all the cards of a language that share them.
    style = CardText("", "", "", card.direction, card.language, card.fonts, card.colours)
    title = tuple((line, TITLE_TOP + size + number * step, size) for number, line in enumerate(lines))
    site_name, date = ((card.site_name, MARGIN + 40, 36),), ((card.date, HEIGHT - MARGIN, 30),)
    bands = [_shared_band(0, style, site_name), _band(1, style, title), _shared_band(2, style, date)]
    return png.palette_png(WIDTH, _palette(*card.colours), bands)


BANDS = ((0, TITLE_TOP - 20), (TITLE_TOP - 20, TITLE_BOTTOM + 40), (TITLE_BOTTOM + 40, HEIGHT))


def _band(ink: int, style: CardText, lines: tuple[tuple[str, int, int], ...]) -> png.Band:
    """One ink's band of a card, compressed: `lines` are (text, baseline, size) in `style`'s direction,
    language and fonts; the accent's band also has the bar along the top."""
    top, bottom = BANDS[ink]
    mask, rows = (buffer[: bottom - top] for buffer in _buffers())
    mask.fill(0)
    mask[: 15 if ink == 0 else 0] = 255  # the accent's bar
    for line, baseline, size in lines:
        draw_line(mask, line, style, size, baseline - top)
    inked = np.asarray(mask.any(axis=1))  # one flag a row
    drawn = np.flatnonzero(inked).tolist() or [0, -1]  # rows with ink; the rest: background, compressed once
    mask, shades = mask[drawn[0] : drawn[-1] + 1], rows[drawn[0] : drawn[-1] + 1, 1:]
    # Coverage 0 is the background (palette index 0); 1–255 fall into the ink's SHADES entries (>> 4: 16 shades),
    # in three passes of NumPy's arithmetic: a lookup table (`np.take`) is four times slower.
    np.right_shift(mask, 4, out=shades)
    shades += 1 + ink * SHADES
    shades *= mask > 0
    return png.band(rows, inked)


_thread = threading.local()


def _buffers() -> tuple[np.ndarray, np.ndarray]:
    """This thread's canvas, and its rows as the PNG holds them (a filter byte, always 0, then the palette
    indexes), made once: arrays made anew for every band cost their memory's first touch (page faults), a
    sixth of a card, and the PNG's rows are compressed where they are, not copied to add the filter byte."""
    if not hasattr(_thread, "buffers"):
        _thread.buffers = (np.zeros((HEIGHT, WIDTH), np.uint8), np.zeros((HEIGHT, 1 + WIDTH), np.uint8))
    return _thread.buffers  # type: ignore[no-any-return]


_shared_band = lru_cache(maxsize=64)(_band)  # the site name, and the dates most recently published


@cache
def _palette(background: str, text: str, accent: str, muted: str) -> list[tuple[int, int, int]]:
    """The background, then SHADES steps from it towards each ink (the last being the ink itself), in the
    order of the bands: accent, text, muted."""
    start = _rgb(background)
    colours = [start]
    for ink in (accent, text, muted):
        end = _rgb(ink)
        colours += [
            tuple(round(a + (b - a) * (k + 1) / SHADES) for a, b in zip(start, end, strict=True))  # type: ignore[misc]
            for k in range(SHADES)
        ]
    return colours


def _rgb(colour: str) -> tuple[int, int, int]:
    """`#1b1b1b` or `#fff` as (red, green, blue)."""
    digits = colour.lstrip("#")
    red, green, blue = bytes.fromhex("".join(digit * 2 for digit in digits) if len(digits) in (3, 4) else digits)[:3]
    return red, green, blue
