"""Bytes that are also a file of the build cache, so the site can take them by hard link instead of a copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class Stored(bytes):
    """A file's bytes, known to be stored at `path` (a cache file, never changed in place: caches are
    replaced whole), so publishing it can link rather than write. Its name in the site is made from its
    content (a picture variant's, a share card's), so the site holds it if it holds the name (`NAMED`)."""

    path: Path

    def __new__(cls, data: bytes, path: Path) -> Stored:
        made = super().__new__(cls, data)
        made.path = path
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # crosses from the workers to the writer as what it is
        return (Stored, (bytes(self), self.path))
