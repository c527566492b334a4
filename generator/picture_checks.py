"""What is wrong with a picture file content names, found when the content is read (`check` and every build),
so that the editor hears of it at its line, never half-way through encoding (media.py).

Pillow opens and decodes the file whole; a JPEG's data is also read by libjpeg-turbo in strict mode
(`_jpeg_damage`), as Pillow does not say when it filled a garbled stretch with grey.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_BYTES = 20_000_000  # an editor's camera original is well under this; anything larger is a mistake
MAX_PIXELS = 40_000_000  # and so is a picture past 40 megapixels (a decompression bomb, or a scan)
MIN_WIDTH = 800  # narrower would be blurry across a phone held sideways
MAX_HEIGHT = 16_383  # WebP's limit: no variant may be taller
KINDS = {"JPEG", "MPO", "PNG", "WEBP", "AVIF"}  # MPO: a phone's JPEG with a second picture in it (depth, gain)
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")  # the names of those kinds, which the editor uploads
WIDEST = 1600  # the widest variant published (the last of media.WIDTHS)


def _smaller(width: int, height: int) -> str:
    """The width at which a picture of this shape fits MAX_PIXELS, rounded down to the hundred (the hint of
    "at most 8,000 pixels wide" sent an outside tester's 9000×6000 back at 8000×5333, 42.7 megapixels)."""
    fits = math.isqrt(MAX_PIXELS * width // height) // 100 * 100
    return f"export it at most {fits:,} pixels wide, {MAX_PIXELS // 1_000_000} megapixels at most"


def picture_problem(name: str, data: bytes | None) -> tuple[str, str] | None:
    """What is wrong with a file content names as a picture, as (message, hint); None for a good one. It is
    decoded whole, so a damaged file is named here, at its line, not half-way through a build."""
    if data is None:
        return f"names `{name}`, which does not exist", "give the picture's path from content/, e.g. media/kim.jpg"
    if len(data) > MAX_BYTES:  # `read_inside` reads one byte past the limit, never a whole video
        return f"names `{name}`, which is over {MAX_BYTES:,} bytes", f"export it under {MAX_BYTES // 1_000_000} MB"
    from PIL import Image

    try:
        with quiet(), Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if orientation(image) in {5, 6, 7, 8}:  # shown turned a quarter: its width is its height
                width, height = height, width
            if kind not in KINDS:
                return f"names `{name}`, a {kind} picture", "save it as JPEG, PNG, WebP or AVIF"
            if (frames := getattr(image, "n_frames", 1)) > 1 and kind != "MPO":  # (a phone's JPEG with its depth map)
                # An animated WebP, PNG or AVIF: the GIF's refusal named WebP, where the animation was then
                # published as its first frame without a word (an outside tester's)
                told = f"names `{name}`, an animation of {frames} frames, which the site would show as its first alone"
                return told, "save the frame to show as a still picture (JPEG, PNG, WebP or AVIF)"
            if width * height > MAX_PIXELS:
                return (
                    f"names `{name}`, {width:,}×{height:,} pixels, over {MAX_PIXELS // 1_000_000} megapixels",
                    _smaller(width, height),
                )
            image.load()  # a truncated or damaged file fails here, not half-way through a build
        if kind in {"JPEG", "MPO"} and (damage := _jpeg_damage(data)):
            return f"names `{name}`, a JPEG whose data is damaged ({damage})", "export it again from the original"
    except Image.DecompressionBombError:
        return (
            f"names `{name}`, a picture of too many pixels",
            f"export it at most {MAX_PIXELS // 1_000_000} megapixels",
        )
    except Exception as error:  # Pillow's decoders raise many kinds on a damaged file (AVIF's: RuntimeError)
        if "truncated" in str(error):  # an upload cut short: it is the file, not its kind (an outside tester's)
            return f"names `{name}`, a picture whose file is cut short", "upload or copy it again, whole"
        return _unreadable(name, data)
    if width < MIN_WIDTH:
        return f"names `{name}`, {width:,} pixel{'s' * (width != 1)} wide", f"use one at least {MIN_WIDTH} wide"
    if (tallest := round(height * min(width, WIDEST) / width)) > MAX_HEIGHT:
        message = f"names `{name}`, {width}×{height} pixels: published {min(width, WIDEST)} wide, it would be"
        return f"{message} {tallest:,} tall, past WebP's {MAX_HEIGHT:,}", "crop it, or split it into pictures"
    return None


# Files an editor uploads by mistake, by their first bytes: each was "not a picture the site can read, save it again
# as JPEG or PNG", a JPEG's damage too, which told its editor to save a JPEG as JPEG (an outside tester's).
_HEIF_BRANDS = (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1")
_NOT_PICTURES = (
    (lambda data: data[4:12] in _HEIF_BRANDS, "an HEIC picture, which browsers do not show",
     "export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible)"),
    (lambda data: data.startswith(b"%PDF"), "a PDF document", "export the page as a PNG or JPEG picture"),
    (lambda data: b"<svg" in data[:2048], "an SVG drawing", "export it as a PNG picture, at least 800 pixels wide"),
    (lambda data: data.startswith(b"\xff\xd8"), "a JPEG whose data is damaged", "export it again from the original"),
    (lambda data: data.startswith(b"\x89PNG"), "a PNG whose data is damaged", "export it again from the original"),
)  # fmt: skip


def _unreadable(name: str, data: bytes) -> tuple[str, str]:
    """What a file Pillow cannot read is, as (message, hint): an empty one, a kind editors upload by mistake."""
    if not data:
        return f"names `{name}`, an empty file (0 bytes)", "upload or copy the picture again"
    for found, kind, hint in _NOT_PICTURES:
        if found(data):
            return f"names `{name}`, {kind}", hint
    return f"names `{name}`, which is not a picture the site can read", "save it as JPEG or PNG"


def _jpeg_damage(data: bytes) -> str | None:
    """What libjpeg-turbo found wrong in a JPEG's picture data, or None. Pillow's decoder keeps libjpeg's
    warnings to itself and fills what it could not decode with grey: a JPEG with a stretch of its data garbled
    (an upload cut and spliced in transfer) passed, and was published grey from the garbled row down (an
    outside tester's). simplejpeg decodes with libjpeg-turbo too, and in `strict` mode raises on the first
    warning; so it reads the file without its metadata blocks (`_without_metadata`), whose damage (phones
    write some) matters not, as they are never published, and hid the picture's own."""
    import simplejpeg

    picture = _without_metadata(data)
    try:
        space = simplejpeg.decode_jpeg_header(picture)[2]
        simplejpeg.decode_jpeg(picture, colorspace=_JPEG_SPACES.get(space, "RGB"), strict=True)
    except ValueError as error:
        return str(error).strip().rstrip(".") or "libjpeg-turbo could not decode it"
    return None


def _without_metadata(data: bytes) -> bytes:
    """A JPEG without its APP1–APP13 and APP15 blocks (EXIF, XMP, ICC, MPF…), its comments, and any bytes
    between blocks; the JFIF (APP0) and Adobe (APP14) blocks, which say how its colours are coded, are kept.
    From the first scan on, the bytes are as they were. Anything it cannot follow is returned whole."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, at = [b"\xff\xd8"], 2
    while at + 4 <= len(data):
        if data[at] != 0xFF or data[at + 1] in (0x00, 0xFF):  # bytes between blocks: a damaged block's
            at += 1
            continue
        marker, length = data[at + 1], int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # the first scan: the picture's data, kept whole
            return b"".join([*kept, data[at:]])
        if not (0xE1 <= marker <= 0xED or marker in (0xEF, 0xFE)):
            kept.append(data[at : at + 2 + length])
        at += 2 + length
    return data


_JPEG_SPACES = {"Gray": "GRAY", "CMYK": "CMYK", "YCCK": "CMYK"}  # what each is decoded as (colours are Pillow's)


@contextmanager
def quiet() -> Iterator[None]:
    """Pillow's warnings about a damaged metadata block (which it then ignores) kept out of the terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def orientation(image: Any) -> int:
    """The EXIF orientation (1: as stored); a damaged EXIF block is read as none."""
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # any damage: Pillow's EXIF reader raises whatever its parsing meets
        return 1
