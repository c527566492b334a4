"""The search index in shards: small Pagefind indexes per language and period, made only when their pages change.

Why shards. Pagefind holds a whole index in memory while it writes it: one index of 20,000 pages peaked at
5.9 GB. Each shard here is one Pagefind run over at most `SHARD_PAGES` pages of one language, so a build's
peak is that of the largest shard whatever the size of the archive (bench/search.py measures it).

Which shard a page is in. Its language and year of publication: consecutive years of a language share a
shard while they fit (`ar-2012_2015`), and a year with more than `SHARD_PAGES` explainers in a language is
cut in date order into full pieces and the rest (`ar-2023-1`, `ar-2023-2`). Shards are few (each one is a
download for the search page) and each is bounded. An edit changes one shard; a new explainer, the
newest, changes the last one.

Made only when changed. `shards.json` (the manifest, which the search page reads too) records each shard's
digest of its input: its pages' bytes and names, the normalisation rules and this format. A shard whose
digest is the previous index's is hard-linked from it, file by file (copied where links cannot be made);
the others are indexed, one Pagefind run each, one after the other. Each shard folder keeps only what a
search reads (entry, meta, index chunks, fragments); Pagefind's UI, worker and each language's WebAssembly
sit once at the top, beside `pagefind.js`, the search page's merge of the shards (search_merge.js, which
says how results and ranking stay those of one index).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import Stop, never  # asked as the work goes: whether to give way (the preview's next edit)
from .hashing import digest
from .search_meta import meta_word_counts
from .swap import SCRATCH, private_folder

MANIFEST = "shards.json"
FORMAT = 2
# Pages per shard at most: Pagefind's peak grows with the pages it holds (bench/search.py --shard-sizes:
# 92 MB for 100 pages, 158 MB for 200, 289 MB for 400, 683 MB for 1,000 synthetic explainer pages), so
# 400 keep a run under 300 MB, inside the 400 MB budgeted for search at N = 10,000.
SHARD_PAGES = 400
# What a search reads from a shard's folder; Pagefind's other files are dropped (the top keeps one copy of the
# UI, the worker and each language's WebAssembly).
KEPT = re.compile(r"pagefind-entry\.json|pagefind\.[^/]*\.pf_meta|wasm\.[^/]*\.pagefind")
ASSETS = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js")

_LANG = re.compile(rb"<html\b[^>]*?\blang=\"([^\"]+)\"")
# The publication date: the first <time> of the explainer's meta line (templates/explainer.html).
_PUBLISHED = re.compile(rb"class=\"meta\"[^>]*>[^<]*<time datetime=\"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Page:
    """A page Pagefind indexes: its path in the site, language, year and month, and its bytes' digest."""

    path: str
    language: str
    year: str
    month: str
    digest: str


@dataclass
class Shard:
    name: str
    language: str
    pages: list[Page] = field(default_factory=list)
    digest: str = ""


class GaveWay(Exception):  # noqa: N818 - what happened, not an error: the preview indexes at its next pause
    """Indexing stopped for an edit. The preview's indexer is a thread of the process that rebuilds, and its
    Python work (listing and reading the pages, writing their copies, cleaning fragments) held the
    interpreter against a save: an edit made while it ran took 0.4–0.6 s at N = 10,000 instead of 0.2."""


def give_way(stop: Stop) -> None:
    if stop():
        raise GaveWay


def read_pages(site: Path, stop: Stop = never) -> list[Page]:
    """The explainer pages of a site folder (those with `data-pagefind-body`).

    A page is read once per process while its file stays the same (inode, size, time): the preview, which
    indexes again whenever edits pause, then reads only the pages just written (reading all 20,000 pages
    of N = 10,000 took 5 s)."""
    pages, seen = [], {}
    for path in sorted(site.rglob("*.html")):
        give_way(stop)
        status = path.stat()
        identity = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        relative = path.relative_to(site).as_posix()
        known = seen[identity] = _READ[identity] if identity in _READ else _page_facts(path.read_bytes())
        if known:
            pages.append(Page(relative, *known))
    _READ.clear()
    _READ.update(seen)  # only the files the site has now
    return pages


# What a page's file said (language, year, month, digest), or None for a page search leaves out; by file.
_READ: dict[tuple[int, int, int, int], tuple[str, str, str, str] | None] = {}


def _page_facts(data: bytes) -> tuple[str, str, str, str] | None:
    if b"data-pagefind-body" not in data:
        return None
    lang = _LANG.search(data)
    date = _PUBLISHED.search(data)
    year, month = (date.group(1).decode(), date.group(2).decode()) if date else ("undated", "00")
    return (lang.group(1).decode().lower() if lang else "unknown"), year, month, digest(data)


def plan(pages: list[Page], bound: int, recipe: str) -> list[Shard]:
    """Pages into shards of at most `bound` pages, each of one language: consecutive years together while
    they fit (oldest first, so new explainers, which are the newest, only ever change the last shard); a
    year with more pages is cut, in date order, into full pieces and the rest (`ar-2023-1`, `ar-2023-2`)."""
    years: dict[tuple[str, str], list[Page]] = {}
    for page in sorted(pages, key=lambda page: (page.language, page.year, page.month, page.path)):
        years.setdefault((page.language, page.year), []).append(page)
    shards: list[Shard] = []
    open_shard: Shard | None = None
    for (language, year), members in years.items():
        if len(members) > bound:
            open_shard = None
            for piece, start in enumerate(range(0, len(members), bound), 1):
                shards.append(Shard(f"{language}-{year}-{piece}", language, members[start : start + bound]))
            continue
        if open_shard and open_shard.language == language and len(open_shard.pages) + len(members) <= bound:
            open_shard.pages += members
            open_shard.name = f"{open_shard.name.split('_')[0]}_{year}"
        else:
            open_shard = Shard(f"{language}-{year}", language, list(members))
            shards.append(open_shard)
    for shard in shards:
        listing = "\n".join(f"{page.path} {page.digest}" for page in shard.pages)
        shard.digest = digest(f"{recipe}\n{shard.name}\n{listing}".encode())
    return shards


def previous_manifest(folder: Path | None, recipe: str) -> dict[str, Any]:
    """The shards of a previous index made by the same recipe, by name; nothing when there is none, it
    cannot be read or another recipe (Pagefind's version, the normalisation rules) made it."""
    try:
        assert folder is not None
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return dict(data["shards"]) if data.get("format") == FORMAT and data.get("recipe") == recipe else {}
    except (AssertionError, OSError, ValueError, KeyError, TypeError):
        return {}


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


def index_shards(
    site: Path,
    output: Path,
    previous: Path | None,
    recipe: str,
    run: Callable[[Path, Path], None],
    prepare: Callable[[str], str],
    finish: Callable[[Path], None],
    stop: Stop = never,
) -> dict[str, Any]:
    """Make or reuse every shard of `site`'s pages in `output`; returns the manifest written there.

    `run(pages, out)` is one Pagefind run, `prepare(html)` gives the copy of a page Pagefind reads, and
    `finish(out)` tidies a shard Pagefind wrote (fragments, entry). `stop` is asked as it goes: GaveWay."""
    shards = plan(read_pages(site, stop), SHARD_PAGES, recipe)
    recipe = digest(recipe.encode())
    before = previous_manifest(previous, recipe)
    if not before:
        previous = None  # nothing of it is reused, the UI scripts neither
    output.mkdir(parents=True, exist_ok=True)
    fresh: list[Shard] = []
    for shard in shards:
        kept = before.get(shard.name, {}).get("digest") == shard.digest
        if kept and previous is not None and (previous / shard.name).is_dir():
            link_tree(previous / shard.name, output / shard.name)
        else:
            fresh.append(shard)
    # One Pagefind run at a time: two at once would double the peak, and measured no faster on 2 cores
    # (Pagefind spreads a run over both); nor was writing the next shard's copies beside a run.
    for shard in fresh:
        folder = _copies(site, prepare, shard, stop)
        try:
            run(folder, output / shard.name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        _tidy(output / shard.name, finish)
    _place_assets(output, previous, [shard.name for shard in fresh], run)
    manifest = _manifest(output, shards, recipe)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    place(output, previous, MANIFEST, text.encode("utf-8"))
    return manifest


def _copies(site: Path, prepare: Callable[[str], str], shard: Shard, stop: Stop) -> Path:
    """A temporary folder of the copies of a shard's pages that Pagefind reads."""
    copy = private_folder(f"search-{shard.name}")
    for page in shard.pages:
        if stop():
            shutil.rmtree(copy, ignore_errors=True)
            raise GaveWay
        target = copy / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(prepare((site / page.path).read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def _tidy(out: Path, finish: Callable[[Path], None]) -> None:
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


def _place_assets(output: Path, previous: Path | None, fresh: list[str], run: Callable[[Path, Path], None]) -> None:
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
        (pages / "index.html").write_text("<html><body data-pagefind-body><p>-</p></body></html>", "utf-8")
        run(pages, out)
        for name in ASSETS:
            shutil.copy(out / name, output / name)


def place(output: Path, previous: Path | None, name: str, data: bytes) -> None:
    """A file of the index: linked from the previous index when it has the same bytes, else written."""
    if previous is not None and (previous / name).is_file() and (previous / name).read_bytes() == data:
        link_file(previous / name, output / name)
    else:
        (output / name).write_bytes(data)


def _manifest(output: Path, shards: list[Shard], recipe: str) -> dict[str, Any]:
    """Each shard's pages, words and digest, and each language's totals and shards, in a fixed order."""
    languages: dict[str, dict[str, Any]] = {}
    listing: dict[str, Any] = {}
    for shard in shards:
        words = sum(meta_word_counts(output / shard.name))
        listing[shard.name] = {"digest": shard.digest, "pages": len(shard.pages), "words": words}
        language = languages.setdefault(shard.language, {"pages": 0, "words": 0, "shards": []})
        language["pages"] += len(shard.pages)
        language["words"] += words
        language["shards"].append(shard.name)
    return {"format": FORMAT, "languages": languages, "recipe": recipe, "shards": listing}
