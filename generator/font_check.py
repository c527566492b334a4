"""Whether a file named as a web font is one, asked at check time so the build never finds out half-way."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from .hashing import digest
from .stats import read_cache
from .write import write_cache

_HINT = "name a TrueType or OpenType font file: .ttf, .otf, .woff or .woff2"


def font_problem(name: str, data: bytes | None, sound: Path | None = None) -> tuple[str, str] | None:
    """What is wrong with the file site.yml names as a font (missing, or bytes fontTools cannot read as a
    font), as (message, hint); None for a font the build can cut down. `data` is None for a missing file.
    `sound`: a file of the fonts found sound before (their digests), which are not read through again."""
    if data is None:
        return f"names `{name}`, which does not exist", "give the font file's path from the project folder"
    key = digest(data)
    known = (read_cache(sound) or b"").decode("ascii", "replace").split() if sound else []
    if key in known:
        return None
    if key not in _verdicts:  # each font read through once a process (the preview's rebuilds ask again)
        if len(_verdicts) > 32:
            _verdicts.clear()
        _verdicts[key] = _damage(data)
    if (damage := _verdicts[key]) is not None:
        if damage is False:
            return f"names `{name}`, which is not a font file", _HINT
        return f"names `{name}`, which is damaged ({damage})", "download it again, or name another font file"
    if sound:  # the last few kept: a site names a font a language
        write_cache(sound, "\n".join([*known[-7:], key, ""]).encode("ascii"))
    return None


_verdicts: dict[str, str | bool | None] = {}  # by the font's digest: what `_damage` found


def _damage(data: bytes) -> str | bool | None:
    """None for a sound font; False for bytes that are no font; else what is damaged in it. Read as every part of
    the build reads a font: each of its tables whole (fontTools, which cuts it down for the pages), and every
    glyph's outline and extents (FreeType and HarfBuzz, which draw the share cards). Only the tables subsetting
    starts from were read: a font cut short in its download, or with one damaged table, passed, and the build
    ended in an internal error naming neither site.yml nor the font (an outside tester's: 18 of 36 damaged
    fonts). 0.2–2 s a font; a font found sound is remembered in the project's cache (`font_problem`)."""
    told, level = logging.getLogger("fontTools"), logging.getLogger("fontTools").level
    told.setLevel(logging.ERROR)  # its warnings on a damaged font (`218 glyphs have no name`) are not the editor's
    try:
        return _read_through(data)
    finally:
        told.setLevel(level)


def _read_through(data: bytes) -> str | bool | None:
    import freetype  # only for a site that names a web font
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    from .glyphs import plain_font

    try:
        font = TTFont(io.BytesIO(data))
        font.getBestCmap()  # the tables subsetting starts from: bytes that are no font fail here
        glyphs = len(font.getGlyphOrder())
    except Exception:  # fontTools reports damage as TTLibError, struct.error, AssertionError and more
        return False
    try:
        font.ensureDecompiled()
        plain = plain_font(data)  # (WOFF and WOFF2, which the share cards unpack so too)
        shaper, outlines = hb.Font(hb.Face(hb.Blob(plain))), freetype.Face(io.BytesIO(plain))
        outlines.set_char_size(48 * 64)
        for glyph in range(glyphs):
            if shaper.get_glyph_extents(glyph) is None:
                return f"glyph {glyph} has no extents"
            outlines.load_glyph(glyph, freetype.FT_LOAD_DEFAULT | freetype.FT_LOAD_NO_HINTING)
    except Exception as error:
        return f"{type(error).__name__}: {error}"[:200]
    return None
