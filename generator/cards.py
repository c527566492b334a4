"""Share cards: a 1200×630 PNG per explainer and language (site name, title, date) for link previews.

The title is set at the largest size at which its lines fit the title's block, the site name at the largest
that fits one line (`card_text` breaks and shortens them, `card_faces` picks each character's font); each
ink is drawn as a band of its own and the bands are written as one palette PNG (`png`). A card is kept
between builds by a digest of everything it is drawn from, fonts included (`kept_card`).
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

import numpy as np

from . import card_faces, card_text, glyphs, png
from .card_faces import card_fonts as card_fonts  # the renderer's, from the module it knows cards by
from .card_text import breadth, fitted, line_levels, pieces, shortened, wrap
from .card_text import ink as ink_of
from .hashing import digest
from .stats import is_cache_file
from .stored import Kept, Output, Stored

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
TITLE_SIZES = (68, 62, 56, 50, 46)  # the largest with which the title fits in MAX_LINES
SITE_NAME_SIZES = (36, 32, 28, 24)  # the largest with which the site name fits a line; past the smallest, shortened


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


def draw_line(canvas: np.ndarray, line: str, card: CardText, size: int, y: int, context: tuple[int, ...] = ()) -> None:
    """One line's coverage on `canvas` at baseline `y`, from the card's start edge (the right one for rtl), in the
    order its paragraph's levels give (`context`: card_text.line_levels)."""
    rtl = card.direction == "rtl"
    found = pieces(line, rtl, card.fonts, size, card.language, context)
    x = WIDTH - MARGIN - sum(piece.width for piece in found) if rtl else MARGIN
    left, right = ink_of(found, size, card.language)
    if right - left <= WIDTH - 2 * MARGIN:  # ink overhanging a margin (a J's hook) is moved inside it
        # (a glyph is drawn at the quarter-pixel position at or before its own: a quarter more from the left)
        x += (MARGIN - x - left + 1 / glyphs.STEPS if x + left < MARGIN else 0) + min(WIDTH - MARGIN - x - right, 0)
    for piece in found:
        glyphs.draw(canvas, piece.font, size, piece.text, piece.rtl, card.language, x, y)
        x += piece.width


TITLE_TOP, TITLE_BOTTOM = 190, 480  # the title's block, between the site name and the date


def leading(size: int, rtl: bool) -> int:
    """The distance between baselines: Arabic's marks and descenders want more room than Latin."""
    return round(size * (1.5 if rtl else 1.22))


def title_lines(card: CardText) -> tuple[int, list[str]]:
    """The largest size whose lines fit the title's block; at the smallest, a word longer than a line broken
    over lines of its own, and the lines that fit, the last ending in an ellipsis after a whole word."""
    rtl = card.direction == "rtl"
    room = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        lines = wrap(card.title, rtl, card.fonts, size, room, card.language, breaking=size == TITLE_SIZES[-1])
        widths = [breadth(line, rtl, card.fonts, size, card.language) for line in lines]  # ink that overhangs too
        if len(lines) * leading(size, rtl) <= TITLE_BOTTOM - TITLE_TOP and max(widths, default=0) <= room:
            return size, lines  # a word longer than a line makes the next size down be tried
    fits = max(1, (TITLE_BOTTOM - TITLE_TOP) // leading(size, rtl))
    if len(lines) > fits:
        lines = [*lines[: fits - 1], shortened(lines[fits - 1], rtl, card.fonts, size, room, card.language)]
    return size, lines


SHADES = 16  # anti-aliasing levels of each ink: a coverage's top four bits


def kept_card(card: CardText, folder: Path | None) -> tuple[str, Output]:
    """The card, drawn, or taken from `folder` when a card of the same text, fonts and colours was drawn by
    this code before: a card is drawn once per explainer and language, like a picture encoded once, and a
    build with the cache kept (CI keeps it) draws only the cards of explainers that changed. Returned: what
    names it, the digest of what it is drawn from (its text, its faces and the installed fonts it falls back
    to, its colours, and this code and its libraries, which fix its every byte: a kept card's bytes need not be
    read to name it), and what the site takes: the cache's file, by link, where there is one."""
    key = card_key(card)
    if folder is None:
        return key, render_card(card)
    path = folder / f"{key}.png"
    if is_cache_file(path) and _whole(path):
        return key, Stored(path)
    return key, Kept(render_card(card), path)  # kept by the site's file, linked into the cache once written


def card_key(card: CardText) -> str:
    """The digest of what a card is drawn from (`kept_card`), which names it."""
    texts = (card.site_name, card.title, card.date)  # each drawn on its own: a mark must not join across them
    used = [*card.fonts, *sorted({font for text in texts for font in card_faces.fallbacks(text, card.fonts)})]
    fonts = [glyphs.face(name).identity for name in used]
    identity = json.dumps([_code_version(), list(vars(card).values()), fonts], ensure_ascii=False)  # its fields
    return digest(identity.encode("utf-8"))


def _whole(path: Path) -> bool:
    """Whether a kept card is a PNG of this size that ends as a PNG does: one cut short (or emptied) is drawn
    again, not published for good (an outside tester's, truncated in the cache, came back build after build)."""
    end = png.chunk(b"IEND")
    with path.open("rb") as file:
        head = file.read(24)
        file.seek(max(0, path.stat().st_size - len(end)))
        return head[12:] == png.header(WIDTH, HEIGHT) and file.read() == end


def drawing_modules() -> list[ModuleType]:
    """The generator's modules a card is drawn by: these, and every one whose names they use, and so on; the
    order of a title's mixed-direction text is theirs too (`card_text` reads `bidi.levels`, whose rules live in
    bidi_repairs, bidi_figures, latin_in_arabic…). A card kept from before a change to those rules kept its old
    order under its old name, while the page's title had the new one (an outside tester's)."""
    found: dict[str, ModuleType] = {}
    waiting = [sys.modules[__name__], card_faces, card_text, glyphs, png]
    while waiting:
        module = waiting.pop()
        if module.__name__ in found:
            continue
        found[module.__name__] = module
        for value in vars(module).values():
            named = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(named, str) and named.startswith(f"{__package__}.") and named in sys.modules:
                waiting.append(sys.modules[named])
    return sorted(found.values(), key=lambda module: module.__name__)


@cache
def _code_version() -> str:
    """What a kept card depends on besides its text: the code that draws it and the libraries it draws with."""
    sources = b"".join(Path(module.__file__ or "").read_bytes() for module in drawing_modules())
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
    resolved = line_levels(lines, card.direction == "rtl")  # one paragraph, as the page's heading
    title = tuple((line, TITLE_TOP + size + n * step, size, resolved[n]) for n, line in enumerate(lines))
    name, name_size = fitted(
        card.site_name, style.direction == "rtl", card.fonts, SITE_NAME_SIZES, WIDTH - 2 * MARGIN, card.language
    )
    site_name, date = ((name, MARGIN + 40, name_size, ()),), ((card.date, HEIGHT - MARGIN, 30, ()),)
    bands = [_shared_band(0, style, site_name), _band(1, style, title), _shared_band(2, style, date)]
    return png.palette_png(WIDTH, _palette(*card.colours), bands)


BANDS = ((0, TITLE_TOP - 20), (TITLE_TOP - 20, TITLE_BOTTOM + 40), (TITLE_BOTTOM + 40, HEIGHT))


def _band(ink: int, style: CardText, lines: tuple[tuple[str, int, int, tuple[int, ...]], ...]) -> png.Band:
    """One ink's band of a card, compressed: `lines` are (text, baseline, size, its paragraph's levels or none)
    in `style`'s direction, language and fonts; the accent's band also has the bar along the top."""
    top, bottom = BANDS[ink]
    mask, rows = (buffer[: bottom - top] for buffer in _buffers())
    mask.fill(0)
    mask[: 15 if ink == 0 else 0] = 255  # the accent's bar
    for line, baseline, size, context in lines:
        draw_line(mask, line, style, size, baseline - top, context)
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
