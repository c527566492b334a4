"""The search index in shards: small indexes per language and period, made only when their pages change.

Why shards. A shard is what an edit indexes again, and what a build holds in memory while it writes it: at
most `SHARD_PAGES` pages of one language (search_index.py writes one), so a build's peak is that of the
largest shard whatever the size of the archive, and the preview indexes one shard, not the site, after an
edit (bench/search.py measures both).

Which shard a page is in. Its language and year of publication: consecutive years of a language share a
shard while they fit (`ar-2012_2015`), and a year with more than `SHARD_PAGES` explainers in a language is
cut in date order into full pieces and the rest (`ar-2023-1`, `ar-2023-2`). Shards are few (each one is a
download for the search page) and each is bounded. An edit changes one shard; a new explainer, the
newest, changes the last one.

Made only when changed. `shards.json` (the manifest, which the search page reads too) records each shard's
digest of its input: its pages' bytes and names, the normalisation rules and this format. A shard whose
digest is the previous index's is hard-linked from it, file by file (copied where links cannot be made);
the others are indexed, their pages read on every core. The search page searches the shards as one index
(search_client.js says how its results and ranking stay those of one index).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .cache import Stop, give_way, never  # asked as the work goes: whether to give way (an edit)
from .hashing import digest
from .parallel import parallel_map
from .search_files import files_digest, link_tree, place
from .search_index import BODY, Indexed, read_page, write_shard
from .stats import parsed

MANIFEST = "shards.json"
FORMAT = 4
# Pages per shard at most: an edit indexes its shard again (400 pages: 0.3 s of CPU), and a search fetches
# each shard's list of pages and chunks (400 pages: 20 kB), so a shard stays small as the archive grows.
SHARD_PAGES = 400

# `lang="ar"`, `lang='ar'` or `lang=ar`: all are HTML a newsroom's template may write.
_LANG = re.compile(rb"""<html\b[^>]*?\blang=["']?([^"'\s>]+)""", re.IGNORECASE)
# The publication date: the element marked `data-search-date` (search_index.DATE), or the first <time> of the
# explainer's meta line (templates/explainer.html; a newsroom's copy from before the mark). A shard's pages are in
# its order, oldest first, as its shards are: the search page lists equal scores newest first by it.
_PUBLISHED = re.compile(
    rb"(?:\bdata-search-date\b|class=\"meta\"[^>]*>[^<]*<time\b)[^>]*?\bdatetime=\"(\d{4})-(\d{2}(?:-\d{2})?)"
)


@dataclass(frozen=True)
class Page:
    """A page the index has: its path in the site, language, year and day (`09-12`), and its bytes' digest."""

    path: str
    language: str
    year: str
    day: str
    digest: str


@dataclass
class Shard:
    name: str
    language: str
    pages: list[Page] = field(default_factory=list)
    digest: str = ""
    files: str = ""  # its files' digest by name and size (search_files.files_digest), once known


def read_pages(site: Path, stop: Stop = never) -> list[Page]:
    """The pages of a site folder with something marked for search (`data-search-body`), read on every core.

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


# What a page's file said (language, year, day, digest), or None for a page search leaves out; by file.
_READ: dict[tuple[int, int, int, int], tuple[str, str, str, str] | None] = {}


def _read_facts(stop: Stop, path: Path) -> tuple[str, str, str, str] | None:
    give_way(stop)
    data = path.read_bytes()
    if BODY.encode() not in data:
        return None
    lang = _LANG.search(data)
    date = _PUBLISHED.search(data)
    year, day = (date.group(1).decode(), date.group(2).decode()) if date else ("undated", "00")
    return (lang.group(1).decode().lower() if lang else "unknown"), year, day, digest(data)


def plan(pages: list[Page], bound: int, recipe: str) -> list[Shard]:
    """Pages into shards of at most `bound` pages, each of one language: consecutive years together while
    they fit (oldest first, so new explainers, which are the newest, only ever change the last shard); a
    year with more pages is cut, in date order, into full pieces and the rest (`ar-2023-1`, `ar-2023-2`)."""
    years: dict[tuple[str, str], list[Page]] = {}
    # A day's pages by address, last first: the search page lists equal scores from a shard's last page back
    # (newest first), so a day's come in address order (search_engine.js).
    by_address = sorted(pages, key=lambda page: page.path, reverse=True)
    for page in sorted(by_address, key=lambda page: (page.language, page.year, page.day)):
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
    cannot be read, or another recipe (the format, the normalisation rules, the stemmer's version) made it."""
    try:
        assert folder is not None
        data = parsed((folder / MANIFEST).read_bytes())
        assert isinstance(data, dict)
        return dict(data["shards"]) if data.get("format") == FORMAT and data.get("recipe") == recipe else {}
    except (AssertionError, OSError, ValueError, KeyError, TypeError):
        return {}


def index_shards(
    site: Path,
    output: Path,
    previous: Path | None,
    recipe: str,
    stop: Stop = never,
    damaged: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Make or reuse every shard of `site`'s pages in `output`; returns the manifest written there. `stop` is
    asked as it goes: GaveWay. The shards named in `damaged` are made again."""
    shards = plan(read_pages(site, stop), SHARD_PAGES, recipe)
    recipe = digest(recipe.encode())
    before = previous_manifest(previous, recipe)
    output.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, tuple[int, int]] = {}  # each shard's pages and words
    fresh: list[Shard] = []
    for shard in shards:
        kept = before.get(shard.name, {})
        # Reused only whole: a file removed from a shard of the live index (by hand, by a sync gone wrong)
        # makes it again rather than passing the gap on to every later index.
        same = kept.get("digest") == shard.digest and shard.name not in damaged
        if previous and same and kept.get("files") == (files := files_digest(previous / shard.name)):
            link_tree(previous / shard.name, output / shard.name)
            shard.files = files  # the links' names and sizes are the previous files'
            sizes[shard.name] = kept["pages"], kept["words"]
        else:
            fresh.append(shard)
    # A shard to a worker, which reads its pages and writes it: its memory is one shard's, and what it learnt
    # of words (their stems, search_terms.terms) serves its next shard.
    made = parallel_map(partial(_index_shard, site, output, stop), fresh, per_worker=1)
    sizes.update(zip((shard.name for shard in fresh), made, strict=True))
    manifest = _manifest(output, shards, sizes, recipe)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    place(output, previous, MANIFEST, text.encode("utf-8"))
    return manifest


def _index_shard(site: Path, output: Path, stop: Stop, shard: Shard) -> tuple[int, int]:
    """A shard's pages read and its files written; its pages and their words."""
    return write_shard(_read(site, stop, shard.pages), output / shard.name)


def _read(site: Path, stop: Stop, pages: list[Page]) -> Iterator[Indexed]:
    for page in pages:
        give_way(stop)
        url = page.path.removesuffix("index.html")
        if (indexed := read_page((site / page.path).read_bytes(), url, page.language)) is not None:
            yield indexed


def _manifest(output: Path, shards: list[Shard], sizes: dict[str, tuple[int, int]], recipe: str) -> dict[str, Any]:
    """Each shard's pages, words and digest, and each language's totals and shards, in a fixed order."""
    languages: dict[str, dict[str, Any]] = {}
    listing: dict[str, Any] = {}
    for shard in shards:
        files = shard.files or files_digest(output / shard.name)
        pages, words = sizes[shard.name]
        listing[shard.name] = {"digest": shard.digest, "files": files, "pages": pages, "words": words}
        language = languages.setdefault(shard.language, {"pages": 0, "words": 0, "shards": []})
        language["pages"] += pages
        language["words"] += words
        language["shards"].append(shard.name)
    return {"format": FORMAT, "languages": languages, "recipe": recipe, "shards": listing}
