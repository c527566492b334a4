"""Text set in pixels for share cards: HarfBuzz shapes a run, FreeType draws each glyph once, numpy places it.

Why not Pillow's `ImageDraw.text`: it shapes with the same HarfBuzz (through libraqm), but rasterises every
glyph of every line again, about 1 ms a line, which was 40 % of a card. Here a glyph drawn for one title is
kept for the next (a few thousand shapes cover an archive's titles), and setting a line costs ~0.07 ms.
HarfBuzz and FreeType are also what Chromium sets text with on Linux; tests/test_cards.py compares the two.
"""

from __future__ import annotations

import ctypes
import io
import math
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

import freetype
import numpy as np
import uharfbuzz as hb

from .hashing import digest

Bitmap = tuple[np.ndarray, int, int, int, int]  # coverage (0–255), left bearing, top above the baseline, rows, columns
STEPS = 4  # glyphs are drawn at quarter-pixel horizontal positions, as browsers position them

_registered: dict[str, bytes] = {}


def register(data: bytes) -> str:
    """A font given as bytes (a language's own face from site.yml), as a name `face` accepts."""
    data = plain_font(data)
    name = "sha256:" + digest(data)
    _registered[name] = data
    return name


def plain_font(data: bytes) -> bytes:
    """WOFF and WOFF2 unpacked to plain OpenType (fontTools, imported only then), as HarfBuzz and FreeType read
    only the plain form; any other font as it is."""
    if data[:4] not in (b"wOFF", b"wOF2"):
        return data
    from fontTools.ttLib import TTFont

    plain = io.BytesIO()
    font = TTFont(io.BytesIO(data))
    font.flavor = None
    font.save(plain)
    return plain.getvalue()


@dataclass(eq=False)
class Face:
    """One font file: its bytes for HarfBuzz and FreeType, and the characters it has glyphs for."""

    data: bytes
    hb_face: hb.Face = field(init=False)

    def __post_init__(self) -> None:
        self.hb_face = hb.Face(hb.Blob(self.data))

    @cached_property
    def coverage(self) -> frozenset[int]:
        return frozenset(self.hb_face.unicodes)

    @cached_property
    def identity(self) -> str:
        """The digest of the font's bytes: what a card drawn with it depends on, whatever its file is called."""
        return digest(self.data)


@cache
def face(name: str) -> Face:
    """The face of a font file's path, or of a name `register` gave."""
    if name in _registered:
        return Face(_registered[name])
    with open(name, "rb") as file:
        return Face(file.read())


# A shaped glyph: its index in the font, the pen position of its origin in pixels from the run's start, and
# how many whole pixels it is raised above the baseline (marks). A tuple: a title sets some sixty glyphs, and
# a dataclass's construction was a fifth of shaping them.
Glyph = tuple[int, float, int]


class Font:
    """A face at a pixel size: runs shaped, glyphs drawn once per quarter-pixel position and kept."""

    def __init__(self, name: str, size: int) -> None:
        source = face(name)
        self.shaper = hb.Font(source.hb_face)
        self.shaper.scale = (size * 64, size * 64)  # 26.6 fixed point, as FreeType measures
        self.rasteriser = freetype.Face(io.BytesIO(source.data))
        self.rasteriser.set_char_size(size * 64)
        self.bitmaps: dict[tuple[int, int], Bitmap] = {}
        self.extents: dict[int, tuple[float, float]] = {}

    def shape(self, text: str, rtl: bool, language: str) -> tuple[list[Glyph], float]:
        """The run's glyphs left to right, and its advance width in pixels."""
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if rtl else "ltr"
        buffer.language = language
        hb.shape(self.shaper, buffer)
        glyphs, pen = [], 0
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            glyphs.append((info.codepoint, (pen + position.x_offset) / 64, round(position.y_offset / 64)))
            pen += position.x_advance
        return glyphs, pen / 64

    def extent(self, index: int, offset: float) -> tuple[float, float]:
        """The glyph's ink from its left edge to its right, in pixels, its origin at `offset`."""
        if index not in self.extents:
            found = self.shaper.get_glyph_extents(index)
            self.extents[index] = (found.x_bearing / 64, (found.x_bearing + found.width) / 64)
        left, right = self.extents[index]
        return offset + left, offset + right

    def bitmap(self, index: int, step: int) -> Bitmap:
        """The glyph's coverage drawn `step` quarters of a pixel to the right, kept for the next line."""
        key = (index, step)
        if key not in self.bitmaps:
            matrix, shift = freetype.Matrix(0x10000, 0, 0, 0x10000), freetype.Vector(step * 64 // STEPS, 0)
            self.rasteriser.set_transform(matrix, shift)
            self.rasteriser.load_glyph(index, freetype.FT_LOAD_DEFAULT | freetype.FT_LOAD_NO_HINTING)
            slot = self.rasteriser.glyph
            slot.render(freetype.FT_RENDER_MODE_NORMAL)
            found = slot.bitmap._FT_Bitmap  # the C struct: freetype-py's `buffer` copies it into a list, byte by byte
            pixels = ctypes.string_at(found.buffer, found.rows * found.pitch) if found.rows else b""
            rows = np.frombuffer(pixels, dtype=np.uint8).reshape(found.rows, found.pitch)[:, : found.width]
            self.bitmaps[key] = (rows, slot.bitmap_left, slot.bitmap_top, *rows.shape)
        return self.bitmaps[key]


@cache
def font(name: str, size: int) -> Font:
    return Font(name, size)


@lru_cache(maxsize=4096)  # a run is measured while its title is wrapped, then drawn
def shaped(name: str, size: int, text: str, rtl: bool, language: str) -> tuple[list[Glyph], float]:
    return font(name, size).shape(text, rtl, language)


def width(name: str, size: int, text: str, rtl: bool, language: str) -> float:
    return shaped(name, size, text, rtl, language)[1]


@lru_cache(maxsize=4096)
def reach(name: str, size: int, text: str, rtl: bool, language: str) -> tuple[float, float]:
    """Where a run's ink starts and ends, in pixels from its start: a glyph's ink may overhang its advance
    (the hook of a J, the tail of an Arabic letter), and a card's margins hold ink, not advances. Only the
    two glyphs at each end are asked (a base and its mark): nothing in between reaches past them."""
    setter = font(name, size)
    found, _ = shaped(name, size, text, rtl, language)
    ends = [setter.extent(index, offset) for index, offset, _ in (*found[:2], *found[-2:]) if index]
    ends = [(left, right) for left, right in ends if right > left]  # a space has no ink
    return min((left for left, _ in ends), default=0.0), max((right for _, right in ends), default=0.0)


def draw(canvas: np.ndarray, name: str, size: int, text: str, rtl: bool, language: str, x: float, y: int) -> None:
    """Set a run of one direction on `canvas` (coverage, 0–255) from `x`, on the baseline `y`; where glyphs
    overlap (joined Arabic letters) the darker coverage stays, as FreeType-based renderers do."""
    setter = font(name, size)
    glyphs, _ = shaped(name, size, text, rtl, language)
    height, breadth = canvas.shape
    kept, maximum = setter.bitmaps, np.maximum
    for index, offset, raised in glyphs:
        if not index:  # no face has the character (an emoji): nothing rather than an empty box
            continue
        origin = x + offset
        column = math.floor(origin)  # math's: NumPy's floor of one number costs twenty times as much
        step = int((origin - column) * STEPS)
        rows, left, top, tall, wide = kept.get((index, step)) or setter.bitmap(index, step)
        if not tall:  # a space
            continue
        row, column = y - raised - top, column + left
        if row >= 0 and column >= 0 and row + tall <= height and column + wide <= breadth:  # the usual
            area = canvas[row : row + tall, column : column + wide]
            maximum(area, rows, out=area)
            continue
        r0, c0 = max(row, 0), max(column, 0)
        r1, c1 = min(row + tall, height), min(column + wide, breadth)
        if r0 < r1 and c0 < c1:
            area = canvas[r0:r1, c0:c1]
            maximum(area, rows[r0 - row : r1 - row, c0 - column : c1 - column], out=area)
