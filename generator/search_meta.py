"""What the search page needs from Pagefind's meta files: each page's word count, read without a CBOR library.

The merge of the shards ranks as one index would with each language's average page length
(search_merge.js), so the manifest carries each shard's total of words, read here from the meta file
Pagefind writes (gzip, a signature, then CBOR: version, pages as [hash, word count], chunks, filters, sorts).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def meta_word_counts(shard: Path) -> list[int]:
    """The word count of each page of a shard, read from its meta file."""
    counts: list[int] = []
    for meta in sorted(shard.glob("pagefind.*.pf_meta")):
        data = gzip.decompress(meta.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ValueError(f"{meta.name} is not a Pagefind meta file this version knows")
        items = _cbor(data, len(SIGNATURE))
        next(items)  # the whole
        next(items)  # version
        pages = next(items)
        for _ in range(pages):
            next(items)  # the page
            next(items)  # its hash
            counts.append(next(items))
    return counts


def _cbor(data: bytes, at: int) -> Iterator[Any]:
    """The items of CBOR data in order, as far as Pagefind's meta file needs: numbers, strings, and arrays
    (an array gives its length; its items follow)."""
    while at < len(data):
        major, extra = data[at] >> 5, data[at] & 31
        at += 1
        if extra < 24:
            value = extra
        else:
            size = 1 << (extra - 24)
            value = int.from_bytes(data[at : at + size], "big")
            at += size
        if major in (2, 3):
            text = data[at : at + value]
            at += value
            yield text.decode("utf-8") if major == 3 else text
        elif major in (0, 4):
            yield value
        else:
            raise ValueError(f"CBOR major type {major} is not in Pagefind's meta file")
