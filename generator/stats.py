"""Whether files are as a build left them, by their size and time, and the build cache's file, read safely.

Apart from load.py, which parses content (PyYAML, the character checks), because a build with nothing to do
asks only this (warm.py), and must not import what parsing takes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_BYTES = 100_000_000  # a cache file larger than this is not one a build wrote (100 × a content file's limit)


def stat_files(folder: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of the named files of the site that exist, to tell whether they are as a
    build left them (their change time moves whenever a build links them into a version or the cache)."""
    return _stat(f"{folder}/", names, "st_mtime_ns")


def stat_content(folder: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and change time (ctime) of the named content files that exist, to tell whether they were edited.

    Not the modification time, which is set at will: `cp -p`, `rsync -t`, `touch -r`, an unpacked archive and
    an editor that keeps a file's time all put it back, and an edit that kept the size too (a typo fixed
    letter for letter) was never built until `--no-cache` (an outside tester's). The change time is the
    kernel's: every write, rename, link or change of mode moves it and nothing sets it back. What moves it
    without an edit (`chmod`, a new hard link) costs one reading of the file, whose bytes then decide."""
    return _stat(f"{folder}/", names, "st_ctime_ns")


def _stat(base: str, names: Iterable[str], time: str) -> dict[str, tuple[int, int]]:
    found = {}
    for name in names:  # joined as text: a live preview stats thousands of files on every save
        try:
            status = os.stat(base + name)
        except (OSError, ValueError):  # ValueError: a name with a NUL in it (a planted cache) names no file
            continue
        found[name] = (status.st_size, getattr(status, time))
    return found


def restat(
    folder: Path, names: Iterable[str], known: dict[str, tuple[int, int]], changed: set[Path] | None
) -> dict[str, tuple[int, int]]:
    """`stat_content(folder, names)`; but when `changed` holds every file (full path) that may have changed
    since `known` was taken, as the preview's watcher says, only those and the names `known` lacks are statted
    anew: the 10,000 stats of N = 10,000 were 30–45 ms of a 150–250 ms save."""
    if changed is None or not known:
        return stat_content(folder, names)
    root, names = folder.resolve(), list(names)
    anew = {path.relative_to(root).as_posix() for path in changed if path.is_relative_to(root)}
    again = stat_content(folder, [name for name in names if name in anew or name not in known])
    kept = known.keys() - anew  # as the last run saw them
    return {name: again.get(name) or known[name] for name in names if name in again or name in kept}


def stat_paths(paths: Iterable[str | Path]) -> dict[str, tuple[int, int]]:
    """`stat_content` for the site-wide inputs' files and folders, by full path (a folder's moves with its names)."""
    return _stat("", map(str, paths), "st_ctime_ns")


def folder_time(path: Path) -> int:
    """A folder's modification time (ns), which every name added, removed or renamed in it moves; 0 if gone."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def read_cache(path: Path) -> bytes | None:
    """The previous build's cache file, or None when there is none or it cannot be read (it is only a cache)."""
    return _read(path, whole=True)


def parsed(raw: bytes | None) -> Any:
    """The JSON of a cache file's bytes, or None for none: damaged, planted, or nested deeper than Python's parser
    recurses (a 10 KB file of `[` stopped every `build` and `check` for good: an outside tester's). It is a cache."""
    try:
        return json.loads(raw or b"")
    except (ValueError, RecursionError):
        return None


def read_cache_line(path: Path) -> bytes:
    """The cache file's first line (b"" if there is none): what a warm build reads first (warm.py)."""
    return _read(path, whole=False) or b""


def _read(path: Path, whole: bool) -> bytes | None:
    """A cache file's bytes (or first line) if it is one (`is_cache_file`, so nothing else is opened), asked
    again of the file opened, which is opened without following a link and without waiting (O_NONBLOCK): what
    is at the name may change between, and a FIFO planted at `inputs.json` or `published.json` waited for a
    writer for ever, read as a file is (an outside tester's)."""
    if not is_cache_file(path):
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > CACHE_BYTES:
            return None
        with open(descriptor, "rb", closefd=False) as file:
            return file.read() if whole else file.readline()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def is_cache_file(path: Path, size: int | None = None) -> bool:
    """Whether a cache file is there to be read or linked: only a regular file of a sane size (a FIFO or a
    device planted there would block or never end; a symbolic link would publish what it points to), and of
    `size` bytes when that is known (a file cut short or written over in place is not published again)."""
    try:
        status = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size <= CACHE_BYTES and size in (None, status.st_size)
