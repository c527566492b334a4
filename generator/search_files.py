"""The files of a search index made again: what is the same as before is hard-linked from the earlier index.

A file an earlier index already has with the same bytes is hard-linked from it, never copied: a build that
indexes one shard again leaves every other file of the live index where it was (search_shards.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .hashing import digest
from .write import write_public


def files_digest(folder: Path) -> str:
    """A digest of the files in a folder and below it by name and size: the index names its files by their
    content, so a file removed, added or cut short changes it. Empty if the folder is gone."""
    if not folder.is_dir():
        return ""
    paths = [Path(current, name) for current, _, names in os.walk(folder) for name in names]
    found = sorted(f"{path.relative_to(folder).as_posix()} {path.stat().st_size}" for path in paths if path.is_file())
    return digest("\n".join(found).encode())


def link_tree(source: Path, target: Path) -> None:
    """A copy of a folder made of hard links (copies where the file system refuses links)."""
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            link_file(Path(folder) / name, into / name)


def link_file(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def place(output: Path, previous: Path | None, name: str, data: bytes) -> None:
    """A file of the index: linked from the previous index when it has the same bytes, else written."""
    if previous is not None and (previous / name).is_file() and (previous / name).read_bytes() == data:
        link_file(previous / name, output / name)
    else:
        write_public(output / name, data)
