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
the others are indexed, one Pagefind run each, two at a time in a build, the next shard's copies written
meanwhile. Each shard folder keeps only what a search reads (search_files.py); `pagefind.js` at the top is
the search page's merge of the shards (search_merge.js, which says how results and ranking stay those of
one index).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from .cache import Stop, give_way, never  # asked as the work goes: whether to give way (an edit)
from .hashing import digest
from .parallel import parallel_map
from .search_files import assets_digest, files_digest, link_tree, place, place_assets, tidy
from .search_meta import meta_word_counts
from .swap import private_folder

MANIFEST = "shards.json"
FORMAT = 3
# Pages per shard at most: Pagefind's peak grows with the pages it holds (bench/search.py --shard-sizes:
# 92 MB for 100 pages, 158 MB for 200, 289 MB for 400, 683 MB for 1,000 synthetic explainer pages), so
# 400 keep a run under 300 MB, inside the 400 MB budgeted for search at N = 10,000.
SHARD_PAGES = 400
# Pagefind runs at a time in a build (the preview's indexer, which yields to edits, makes one). A run keeps
# 1.4 of 2 cores busy; two at once indexed N = 1,000 in 7.5 s instead of 9.4, and their peak stays inside
# the budget: two shards of 400 pages (bench/search.py).
RUNS_AT_ONCE = 2

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
    files: str = ""  # its files' digest by name and size (search_files.files_digest), once known


class Running(Protocol):
    """A Pagefind run under way (search.Run)."""

    def wait(self) -> None: ...  # raises RuntimeError if the run failed

    def kill(self) -> None: ...


def read_pages(site: Path, stop: Stop = never) -> list[Page]:
    """The explainer pages of a site folder (those with `data-pagefind-body`), read on every core.

    A page is read once per process while its file stays the same (inode, size, time): the preview, which
    indexes again whenever edits pause, then reads only the pages just written (reading all 20,000 pages
    of N = 10,000 took 5 s)."""
    files = []
    for path in sorted(site.rglob("*.html")):
        give_way(stop)
        status = path.stat()
        files.append((path, (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)))
    unread = [path for path, identity in files if identity not in _READ]
    facts = dict(zip(unread, parallel_map(partial(_read_facts, stop), unread), strict=True))
    seen = {identity: facts[path] if path in facts else _READ[identity] for path, identity in files}
    _READ.clear()
    _READ.update(seen)  # only the files the site has now
    return [Page(path.relative_to(site).as_posix(), *known) for path, identity in files if (known := seen[identity])]


# What a page's file said (language, year, month, digest), or None for a page search leaves out; by file.
_READ: dict[tuple[int, int, int, int], tuple[str, str, str, str] | None] = {}


def _read_facts(stop: Stop, path: Path) -> tuple[str, str, str, str] | None:
    give_way(stop)
    data = path.read_bytes()
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
    cannot be read, another recipe (Pagefind's version, the normalisation rules) made it, or a file of the
    top (Pagefind's UI or WebAssembly, which every shard needs) is not as its manifest says."""
    try:
        assert folder is not None
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        whole = data.get("assets") == assets_digest(folder)
        return dict(data["shards"]) if data.get("format") == FORMAT and data.get("recipe") == recipe and whole else {}
    except (AssertionError, OSError, ValueError, KeyError, TypeError):
        return {}


def index_shards(
    site: Path,
    output: Path,
    previous: Path | None,
    recipe: str,
    runs: tuple[Callable[[Path, Path], Running], int],
    prepare: Callable[[str], str],
    finish: Callable[[Path], None],
    stop: Stop = never,
    damaged: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Make or reuse every shard of `site`'s pages in `output`; returns the manifest written there.

    `runs` starts one Pagefind run (`start(pages, out)`) and says how many may run at once, `prepare(html)`
    gives the copy of a page Pagefind reads, and `finish(out)` tidies a shard Pagefind wrote (fragments,
    entry). `stop` is asked as it goes: GaveWay. The shards named in `damaged` are made again."""
    start, at_once = runs
    shards = plan(read_pages(site, stop), SHARD_PAGES, recipe)
    recipe = digest(recipe.encode())
    before = previous_manifest(previous, recipe)
    if not before:
        previous = None  # nothing of it is reused, the UI scripts neither
    output.mkdir(parents=True, exist_ok=True)
    fresh: list[Shard] = []
    for shard in shards:
        kept = before.get(shard.name, {})
        # Reused only whole: a file removed from a shard of the live index (by hand, by a sync gone wrong)
        # makes it again rather than passing the gap on to every later index.
        same = kept.get("digest") == shard.digest and shard.name not in damaged
        if previous and same and kept.get("files") == (files := files_digest(previous / shard.name)):
            link_tree(previous / shard.name, output / shard.name)
            shard.files = files  # the links' names and sizes are the previous files'
        else:
            fresh.append(shard)
    # Up to `at_once` runs at a time, the next shard's copies written meanwhile (see RUNS_AT_ONCE).
    running: list[tuple[Path, Path, Running]] = []  # each run's copies and shard folder, oldest first
    waiting: list[Path] = []  # copies made, their run not started
    try:
        for shard in fresh:
            copies = _copies(site, prepare, shard, stop)
            waiting.append(copies)
            if len(running) >= at_once:
                _done(*running.pop(0), finish)
            running.append((copies, output / shard.name, start(copies, output / shard.name)))
            waiting.clear()
        while running:
            _done(*running.pop(0), finish)
    finally:  # stopped (GaveWay) or failed: the other runs are killed, no copy is left
        for run in (run for _, _, run in running):
            run.kill()
        for folder in [*waiting, *(folder for folder, _, _ in running)]:
            shutil.rmtree(folder, ignore_errors=True)
    place_assets(output, previous, [shard.name for shard in fresh], lambda pages, out: start(pages, out).wait())
    manifest = _manifest(output, shards, recipe)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    place(output, previous, MANIFEST, text.encode("utf-8"))
    return manifest


def _copies(site: Path, prepare: Callable[[str], str], shard: Shard, stop: Stop) -> Path:
    """A temporary folder of the copies of a shard's pages that Pagefind reads, written on every core (a
    build's; the preview, whose indexer is a thread, writes them one by one and asks `stop` between them)."""
    copy = private_folder(f"search-{shard.name}")
    for folder in sorted({(copy / page.path).parent for page in shard.pages}):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        parallel_map(partial(_copy, site, copy, prepare, stop), shard.pages)
    except BaseException:  # GaveWay, a page gone or unreadable, Ctrl-C: no copy is left behind
        shutil.rmtree(copy, ignore_errors=True)
        raise
    return copy


def _copy(site: Path, copy: Path, prepare: Callable[[str], str], stop: Stop, page: Page) -> None:
    give_way(stop)
    (copy / page.path).write_text(prepare((site / page.path).read_text(encoding="utf-8")), encoding="utf-8")


def _done(folder: Path, out: Path, run: Running, finish: Callable[[Path], None]) -> None:
    """A run waited for, its copies removed and its shard tidied."""
    try:
        run.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    tidy(out, finish)


def _manifest(output: Path, shards: list[Shard], recipe: str) -> dict[str, Any]:
    """Each shard's pages, words and digest, and each language's totals and shards, in a fixed order."""
    languages: dict[str, dict[str, Any]] = {}
    listing: dict[str, Any] = {}
    for shard in shards:
        words = sum(meta_word_counts(output / shard.name))
        files = shard.files or files_digest(output / shard.name)
        listing[shard.name] = {"digest": shard.digest, "files": files, "pages": len(shard.pages), "words": words}
        language = languages.setdefault(shard.language, {"pages": 0, "words": 0, "shards": []})
        language["pages"] += len(shard.pages)
        language["words"] += words
        language["shards"].append(shard.name)
    assets = assets_digest(output)
    return {"assets": assets, "format": FORMAT, "languages": languages, "recipe": recipe, "shards": listing}
