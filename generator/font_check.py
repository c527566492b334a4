"""Whether a file named as a web font is one, asked at check time so the build never finds out half-way."""

from __future__ import annotations

import io

_HINT = "name a TrueType or OpenType font file: .ttf, .otf, .woff or .woff2"


def font_problem(name: str, data: bytes | None) -> tuple[str, str] | None:
    """What is wrong with the file site.yml names as a font (missing, or bytes fontTools cannot read as a
    font), as (message, hint); None for a font the build can cut down. `data` is None for a missing file."""
    if data is None:
        return f"names `{name}`, which does not exist", "give the font file's path from the project folder"
    from fontTools.ttLib import TTFont  # only for a site that names a web font (see fonts.subset_woff2)

    try:
        font = TTFont(io.BytesIO(data))
        font.getBestCmap()  # reads the tables subsetting starts from; a truncated or fake font fails here
        font.getGlyphOrder()
    except Exception:  # fontTools reports damage as TTLibError, struct.error, AssertionError and more
        return f"names `{name}`, which is not a font file", _HINT
    return None
