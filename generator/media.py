"""Pictures in content: checked when read, published as AVIF and WebP at a few widths with a JPEG fallback,
turned upright, in sRGB, and stripped of every metadata block (EXIF, GPS, XMP, ICC, comments) before
anything is written.

Pillow reads and writes them (its wheels carry libavif and libwebp). Encoding is the slow part of a build
(about a second per picture for every variant), so each picture's variants are kept in the build cache by
the digest of its bytes: an unchanged picture is never encoded again, whatever else changes.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .hashing import digest
from .picture_checks import WIDEST, orientation, quiet
from .stored import Output, Stored, contents

WIDTHS = (480, 800, 1200, WIDEST)
# Format, MIME type, Pillow's options. AVIF first: browsers take the first `<source>` they can show.
FORMATS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("avif", "image/avif", {"quality": 55, "speed": 8}),
    ("webp", "image/webp", {"quality": 78, "method": 4}),
)
FALLBACK = ("jpg", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True})
FALLBACK_WIDTH = 1200
ENCODING = "media-2"  # part of every cached variant's key: change it when what `_encode` makes changes (2: sRGB)


@dataclass(frozen=True)
class Source:
    """One format of a picture at every width: a `<source>` element's `type` and `srcset`."""

    type: str
    srcset: tuple[tuple[str, int], ...]  # (site path, width in pixels)


@dataclass(frozen=True)
class Picture:
    """A published picture: its sources, its fallback, and its size (for `width`/`height`: no layout shift)."""

    sources: tuple[Source, ...]
    fallback: str
    width: int
    height: int
    localized: tuple[tuple[str, str], ...] = ()  # a map's SVG in each language, (code, site path): no sources


# What encoding looks up and keeps: the variants of a picture by its digest (see build's media cache).
Lookup = Callable[[str], dict[str, Stored] | None]
Keep = Callable[[str, dict[str, bytes]], None]


def cache_key(data: bytes) -> str:
    """Where a picture's variants are kept in the media cache: this encoding's version and the file's digest."""
    return f"{ENCODING}-{digest(data)}"


def shown_pictures(site_files: Iterable[str]) -> Callable[[str], bool]:
    """Which entries of the media cache (`cache_key`: this encoding, then a picture's digest) hold a picture
    among a site's files (`media/<stem>.<the digest's first ten characters>.<width>.<format>`, as `publish`
    names them): what a build keeps of the cache."""
    named = (name.split(".") for name in site_files if name.startswith("media/"))
    shown = {parts[1] for parts in named if len(parts) == 4}
    prefix = f"{ENCODING}-"
    return lambda entry: entry.startswith(prefix) and entry[len(prefix) : len(prefix) + 10] in shown


STEM = 80  # characters of a picture's own name kept in its published names


def publish(name: str, data: bytes, key: str, stored: Lookup, keep: Keep) -> tuple[Picture, dict[str, Output]]:
    """A picture's published variants, named `media/<stem>.<digest>.<width>.<format>`, and how to show them;
    `key` is its `cache_key`."""
    # A published name is plain ASCII, whatever the editor's file is called (`with space.jpg`, `خريطة.jpg`):
    # it goes into `srcset`, where a space would split the address. And at most STEM characters of it: with the
    # digest and the variant added, a name of 250 letters valid on disk was too long to publish, and the build
    # failed on a temporary path after `check` had passed it (an outside tester's).
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip("-")
    stem = stem[:STEM].strip("-") or "picture"
    found = stored(key)  # the cache's files, published by link, their bytes unread
    variants: dict[str, Output] = {**found} if found is not None and _as_encoded(found) else {}
    size = _largest_size(variants)
    if size is None:  # not in the cache, or not as this module keeps it (a planted `x.html`, a "webp" that is not)
        encoded = _encode(data)
        keep(key, encoded)
        variants = {**encoded}
        size = _largest_size(variants) or (0, 0)
    prefix = f"media/{stem}.{key.rsplit('-', 1)[1][:10]}"
    files = {f"{prefix}.{variant}": content for variant, content in variants.items()}
    widths = sorted({int(variant.split(".")[0]) for variant in variants})
    sources = tuple(
        Source(mime, tuple((f"{prefix}.{width}.{extension}", width) for width in widths))
        for extension, mime, _ in FORMATS
    )
    fallback = next(f"{prefix}.{variant}" for variant in variants if variant.endswith(FALLBACK[0]))
    return Picture(sources, fallback, *size), files


VARIANT = re.compile(rf"([1-9][0-9]*)\.({'|'.join(extension for extension, _, _ in (*FORMATS, FALLBACK))})")


def _as_encoded(variants: Iterable[str]) -> bool:
    """Whether a cache entry's names are what `_encode` makes: every width in every format, and one fallback.
    The cache sits in `.cache/` of checkouts and CI runs other people prepare: what it holds is published,
    so nothing but pictures' names may pass (a planted `1000.html` would be a page of the site's origin)."""
    named = [VARIANT.fullmatch(name) for name in variants]
    if not all(named):
        return False
    kinds = [(int(found.group(1)), found.group(2)) for found in named if found]
    widths = {width for width, _ in kinds}
    wanted = {(width, extension) for width in widths for extension, _, _ in FORMATS}
    fallbacks = [width for width, extension in kinds if extension == FALLBACK[0]]
    return len(fallbacks) == 1 and set(kinds) == wanted | {(fallbacks[0], FALLBACK[0])}


def _largest_size(variants: dict[str, Output]) -> tuple[int, int] | None:
    """The size of the widest WebP, read from its header; None if there is none, or it is not a WebP."""
    widths = [int(name.split(".")[0]) for name in variants if name.endswith(f".{FORMATS[1][0]}")]
    if not widths:
        return None
    webp = variants[f"{max(widths)}.{FORMATS[1][0]}"]
    try:
        return _size(webp.read(30) if isinstance(webp, Stored) else contents(webp))
    except (ValueError, struct.error):  # a short file too
        return None


def _size(data: bytes) -> tuple[int, int]:
    """A WebP's width and height, read from its header (RFC 9649): Pillow opens a WebP through its animation
    decoder, which was two thirds of publishing a cached picture."""
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: the frame header's 14-bit sizes, after its start code
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":  # lossless: 14-bit sizes less one, packed after the signature byte
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: the canvas's 24-bit sizes less one
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise ValueError("not a WebP file")


def _encode(data: bytes) -> dict[str, bytes]:
    """Every variant (`<width>.<format>`): upright, in sRGB, with no metadata of any kind."""
    from PIL import Image

    with quiet(), Image.open(io.BytesIO(data)) as original:
        clean = _flattened(_in_srgb(_upright(original), original.info.get("icc_profile")))
    clean.info = {}  # nothing of the file's own comes along: EXIF, GPS, XMP, ICC, a JPEG comment
    widths = [width for width in WIDTHS if width < clean.width] + [min(clean.width, WIDTHS[-1])]
    variants: dict[str, bytes] = {}
    for width in widths:
        scaled = clean.resize((width, round(clean.height * width / clean.width)), Image.Resampling.LANCZOS)
        for extension, _, options in FORMATS:
            variants[f"{width}.{extension}"] = _saved(scaled, extension, options)
        if width == min(clean.width, FALLBACK_WIDTH) or (width == widths[-1] and clean.width < FALLBACK_WIDTH):
            variants[f"{width}.{FALLBACK[0]}"] = _saved(scaled, "jpeg", FALLBACK[2])
    return variants


# EXIF orientation → the turn that shows the picture upright (EXIF 2.32, as Pillow's `ImageOps.exif_transpose`,
# which also writes the EXIF it keeps back into the picture, and fails on a damaged block; this drops it).
TURNS = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}


def _upright(image: Any) -> Any:
    from PIL import Image

    turn = TURNS.get(orientation(image))
    return image.transpose(Image.Transpose[turn]) if turn else image


def _in_srgb(image: Any, icc: bytes | None) -> Any:
    """The picture's colours converted from its embedded profile to sRGB, which is what the published files
    are read as once the profile is dropped: a phone's Display P3 photo would otherwise come out duller, a
    CMYK one garish. A profile Little CMS cannot use is ignored, as browsers ignore it."""
    if not icc:
        return image
    from PIL import ImageCms

    if image.mode in {"P", "PA", "LA"} or "transparency" in image.info:  # a colour key kept as transparency
        image = image.convert("RGBA" if image.mode != "P" or "transparency" in image.info else "RGB")
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output = "RGBA" if image.mode == "RGBA" else "L" if image.mode == "L" else "RGB"
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError):  # a damaged profile, or one of another colour space
        return image


@cache
def _srgb() -> Any:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _flattened(image: Any) -> Any:
    """The picture as 8-bit RGB: 16-bit values scaled down (not clipped to white), and transparency laid on
    white, as the page's pictures are shown on a light surface and a JPEG has no transparency."""
    from PIL import Image

    if image.mode in {"I", "I;16", "I;16B", "I;16L", "I;16N"}:
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode in {"P", "RGB", "L"} and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _saved(image: Any, kind: str, options: dict[str, Any]) -> bytes:
    output = io.BytesIO()
    image.save(output, format=kind.upper(), **options)
    return output.getvalue()
