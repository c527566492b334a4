"""The files of a search index beside Pagefind's runs: what a shard keeps, what sits once at the top, what is linked.

A shard keeps only what a search reads from it (entry, meta, index chunks, fragments). Pagefind's UI, worker
and each language's WebAssembly sit once at the top of `pagefind/`, and a shard's entry points at them. A
file an earlier index already has with the same bytes is hard-linked from it, never copied: a build that
indexes one shard again leaves every other file of the live index where it was (search_shards.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .hashing import digest
from .swap import SCRATCH

# What a search reads from a shard's folder; Pagefind's other files are dropped (the top keeps one copy of the
# UI, the worker and each language's WebAssembly).
KEPT = re.compile(r"pagefind-entry\.json|pagefind\.[^/]*\.pf_meta|wasm\.[^/]*\.pagefind")
ASSETS = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js")


def files_digest(folder: Path) -> str:
    """A digest of the files in a folder and below it by name and size: Pagefind names its files by their
    content, so a file removed, added or cut short changes it. Empty if the folder is gone."""
    return _by_name_and_size(folder, [Path(current, name) for current, _, names in os.walk(folder) for name in names])


def assets_digest(folder: Path) -> str:
    """The same of Pagefind's files at the top of an index: its UI, worker and WebAssembly (`place_assets`)."""
    return _by_name_and_size(folder, [*(folder / name for name in ASSETS), *folder.glob("wasm.*.pagefind")])


def _by_name_and_size(folder: Path, paths: list[Path]) -> str:
    if not folder.is_dir():
        return ""
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


def tidy(out: Path, finish: Callable[[Path], None]) -> None:
    """A shard as Pagefind wrote it, down to what a search reads, finished (fragments, entry)."""
    for path in sorted(out.iterdir()):
        if path.is_file() and not KEPT.fullmatch(path.name) and path.name not in ASSETS:
            path.unlink()
    finish(out)
    # Each shard's instance loads its WebAssembly from `<shard>/wasm.<name>.pagefind`, <name> read from the
    # entry: named `/../../wasm.ar`, the address is the top's one copy, downloaded once for every shard.
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    for language in data["languages"].values():
        language["wasm"] = f"/../../wasm.{language.get('wasm') or 'unknown'}"
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def place_assets(output: Path, previous: Path | None, fresh: list[str], run: Callable[[Path, Path], None]) -> None:
    """Pagefind's UI, worker and WebAssembly, once at the top: linked from the previous index when it was made
    by the same recipe, else moved from a shard just made, else (no pages at all) from a run over an empty page."""
    wasm = {
        path.name
        for folder in [previous, *(output / name for name in fresh)]
        if folder
        for path in folder.glob("wasm.*.pagefind")
    }
    for name in [*ASSETS, *sorted(wasm)]:
        if previous is not None and (previous / name).is_file():
            link_file(previous / name, output / name)
        for shard in sorted(fresh):
            if (output / shard / name).is_file():
                if (output / name).exists():
                    (output / shard / name).unlink()
                else:
                    (output / shard / name).replace(output / name)
    if all((output / name).is_file() for name in ASSETS):
        return
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH}search-assets-{os.getpid()}-") as folder:  # swept if killed
        pages, out = Path(folder) / "site", Path(folder) / "out"
        pages.mkdir()
        # A page with a word: over one without, Pagefind finds nothing to index and fails.
        (pages / "index.html").write_text("<html><body data-pagefind-body><p>search</p></body></html>", "utf-8")
        run(pages, out)
        for name in ASSETS:
            shutil.copy(out / name, output / name)


def place(output: Path, previous: Path | None, name: str, data: bytes) -> None:
    """A file of the index: linked from the previous index when it has the same bytes, else written."""
    if previous is not None and (previous / name).is_file() and (previous / name).read_bytes() == data:
        link_file(previous / name, output / name)
    else:
        (output / name).write_bytes(data)
