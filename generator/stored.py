"""A file of the build cache that the site takes by hard link, its bytes read only where they must be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stored:
    """A cache file (a picture variant, a share card), never changed in place: caches are replaced whole.
    Its name in the site is made from its content, so the site holds it if it holds the name (`NAMED`), and
    publishing it links rather than writes. Its bytes are read only where it cannot be linked (another file
    system) or must be held (`check`, the MkDocs plugin): a cold build with a thousand pictures read seven
    thousand variants only to link them, and its workers passed each one's bytes along."""

    path: Path

    def read(self, limit: int = -1) -> bytes:
        with self.path.open("rb") as file:
            return file.read(limit)


@dataclass(frozen=True)
class Kept:
    """New bytes the build cache keeps at `path` (a share card just drawn): the site's file, once written, is
    linked there. Saving them in the cache and linking that into the site cost a cold build a second file
    for every card, a fifth of drawing it."""

    data: bytes
    path: Path


Output = bytes | Stored | Kept  # a file a build makes: its bytes, or the cache file that holds or keeps them


def contents(output: Output) -> bytes:
    """An output's bytes, read from the cache if that is where they are."""
    if isinstance(output, Stored):
        return output.read()
    return output.data if isinstance(output, Kept) else output
