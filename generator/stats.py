"""Whether files are as a build left them, by their size and time, and the build cache's file, read safely.

Apart from load.py, which parses content (PyYAML, the character checks), because a build with nothing to do
asks only this (warm.py), and must not import what parsing takes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

CACHE_BYTES = 100_000_000  # a cache file larger than this is not one a build wrote (100 × a content file's limit)


def stat_files(folder: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of the named files that exist, to tell whether they are as we left them."""
    found = {}
    base = f"{folder}/"  # joined as text: a live preview stats thousands of files on every save
    for name in names:
        try:
            status = os.stat(base + name)
        except (OSError, ValueError):  # ValueError: a name with a NUL in it (a planted cache) names no file
            continue
        found[name] = (status.st_size, status.st_mtime_ns)
    return found


def restat(
    folder: Path, names: Iterable[str], known: dict[str, tuple[int, int]], changed: set[Path] | None
) -> dict[str, tuple[int, int]]:
    """`stat_files(folder, names)`; but when `changed` holds every file (full path) that may have changed since
    `known` was taken, as the preview's watcher says, only those and the names `known` lacks are statted anew:
    the 10,000 stats of N = 10,000 were 30–45 ms of a 150–250 ms save."""
    if changed is None or not known:
        return stat_files(folder, names)
    root, names = folder.resolve(), list(names)
    anew = {path.relative_to(root).as_posix() for path in changed if path.is_relative_to(root)}
    again = stat_files(folder, [name for name in names if name in anew or name not in known])
    kept = known.keys() - anew  # as the last run saw them
    return {name: again.get(name) or known[name] for name in names if name in again or name in kept}


def stat_paths(paths: Iterable[str | Path]) -> dict[str, tuple[int, int]]:
    """`stat_files` for files and folders named by their full path (a folder's time moves with its names)."""
    found = {}
    for path in paths:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            continue
        found[str(path)] = (status.st_size, status.st_mtime_ns)
    return found


def folder_time(path: Path) -> int:
    """A folder's modification time (ns), which every name added, removed or renamed in it moves; 0 if gone."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def read_cache(path: Path) -> bytes | None:
    """The previous build's cache file, or None when there is none or it cannot be read (it is only a cache)."""
    try:
        return path.read_bytes() if is_cache_file(path) else None
    except OSError:
        return None


def read_cache_line(path: Path) -> bytes:
    """The cache file's first line (b"" if there is none): what a warm build reads first (warm.py)."""
    try:
        if not is_cache_file(path):
            return b""
        with path.open("rb") as file:
            return file.readline()
    except OSError:
        return b""


def is_cache_file(path: Path, size: int | None = None) -> bool:
    """Whether a cache file is there to be read or linked: only a regular file of a sane size (a FIFO or a
    device planted there would block or never end; a symbolic link would publish what it points to), and of
    `size` bytes when that is known (a file cut short or written over in place is not published again)."""
    try:
        status = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size <= CACHE_BYTES and size in (None, status.st_size)
