"""PNG files of palette images made of horizontal bands, where a band many images share is compressed once.

Why not Pillow's encoder: it compresses the whole image every time, and compressing was a third of a share
card, most of it the site name's and the date's bands, which recur on every card of a language. A PNG's
pixels are one zlib stream, and deflate blocks ended by a full flush stand on their own, so a band compressed
once can be spliced into any number of files (RFC 1950/1951). Pillow still reads what this writes (tested).

The deflating is zlib's run-length matching (Z_RLE), done by zlib-ng: its run matching and Adler-32 are
vectorised, a card is a third faster to make, and its bytes are zlib's own, byte for byte (tested). Intel's
ISA-L was 4 times as fast, but it is not deterministic: the same rows gave different bytes from build to
build (seen after a killed build, under load), so a card's content-hashed name changed with nothing changed.
"""

from __future__ import annotations

import itertools
import struct
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from zlib_ng import zlib_ng as zlib  # zlib's interface, zlib's bytes (see above)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x01"  # deflate with a 32 KiB window; the check bits make it divisible by 31
LAST_BLOCK = b"\x03\x00"  # an empty final block (fixed codes, end of block at once)


@dataclass(frozen=True)
class Band:
    """Rows of palette indexes, each with its filter byte (0, none), as deflate blocks; and the length and
    Adler-32 of those bytes, which the zlib stream's checksum is combined from."""

    deflated: bytes
    length: int
    adler: int


def band(rows: np.ndarray, inked: np.ndarray) -> Band:
    """A band from its rows as the PNG holds them (rows × (1 + width), uint8, C-contiguous: each row its
    filter byte, 0 for none, then its palette indexes) and which of them hold anything but the background.
    Only those are read: stretches of rows of the background alone (index 0: half a title's block, between
    and around its lines) are compressed once per height, so a caller need not clear them."""
    inked = inked.tolist()  # one flag a row, as Python's booleans: NumPy's are slow to take one by one
    edges = [0, *(index for index in range(1, len(inked)) if inked[index] != inked[index - 1]), len(inked)]
    parts = [
        _compressed(rows[start:end]) if inked[start] else _background(end - start, rows.shape[1])
        for start, end in itertools.pairwise(edges)
    ]
    return _joined(parts)


_thread = threading.local()


def _compressed(rows: np.ndarray) -> Band:
    raw = rows.data  # the array's own bytes, not a copy
    # Run-length matching: text on a flat background is long runs; as small as level 6, and 2.4 times faster.
    # A compressor ended by a full flush starts afresh (the same bytes as a new one): one is kept per thread.
    deflater = getattr(_thread, "deflater", None) or zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    _thread.deflater = deflater
    return Band(deflater.compress(raw) + deflater.flush(zlib.Z_FULL_FLUSH), rows.nbytes, zlib.adler32(raw))


@lru_cache(maxsize=1024)
def _background(height: int, breadth: int) -> Band:
    return _compressed(np.zeros((height, breadth), dtype=np.uint8))


def header(width: int, height: int) -> bytes:
    """The bytes a PNG of this size has from its 13th on: its header chunk's type, then width and height."""
    return b"IHDR" + struct.pack(">II", width, height)


def palette_png(width: int, palette: list[tuple[int, int, int]], bands: list[Band]) -> bytes:
    """The PNG (8-bit palette, no metadata) of the bands stacked top to bottom."""
    whole = _joined(bands)
    height = whole.length // (width + 1)
    pixels = ZLIB_HEADER + whole.deflated + LAST_BLOCK + struct.pack(">I", whole.adler)
    colours = bytes(channel for colour in palette for channel in colour)
    size_and_kind = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    return SIGNATURE + chunk(b"IHDR", size_and_kind) + chunk(b"PLTE", colours) + chunk(b"IDAT", pixels) + chunk(b"IEND")


def _joined(parts: list[Band]) -> Band:
    """Bands one after the other: their blocks end on a full flush, so they join as they are."""
    adler, length = 1, 0
    for part in parts:
        adler, length = _adler32_combine(adler, part.adler, part.length), length + part.length
    return Band(b"".join(part.deflated for part in parts), length, adler)


def _adler32_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of two byte strings joined, from each one's and the second's length: zlib's
    `adler32_combine`, which Python's zlib module does not offer."""
    base = 65521
    remainder = length % base
    low = ((first & 0xFFFF) + (second & 0xFFFF) + base - 1) % base
    high = (remainder * (first & 0xFFFF) + (first >> 16) + (second >> 16) + base - remainder) % base
    return low | high << 16


def chunk(kind: bytes, data: bytes = b"") -> bytes:
    """A PNG chunk: its length, kind, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
