"""The build cache as plain data: what one build remembers for the next, saved as JSON.

A pickle would be shorter to write, but unpickling a file runs whatever code it names, and the cache sits
in `.cache/` of checkouts other people prepare. JSON can only ever be data; `decode` checks it against the
file's schema (`cache_schema.py`) and returns None for anything else, which means a full rebuild, never a crash.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import ValidationError

from .cache_schema import (
    ListingRecord,
    ResultRecord,
    ThumbnailRecord,
    WarmLine,
    file_schema,
    line_schema,
    stat_columns,
    stat_rows,
)
from .handoff import Prepared, Spilled
from .listing import Listing, Related, Thumbnail, related_key
from .problems import Problem, system_error
from .slugs import SlugClaim
from .write import MEDIA, write_cache

FORMAT = 17  # 14: first slugs; 15: a thumbnail's every width; 16: no paths; 17: the line's newest publication


@dataclass(frozen=True)
class ExplainerResult:
    """What one explainer file produced: its listing, where it claims its slug, its pages (and their bytes)."""

    path: Path
    digest: str
    listing: Listing | None
    problems: list[Problem]
    claim: tuple[SlugClaim, ...]  # its slug, then its former slugs: where it claims each
    pages: tuple[str, ...]  # its outputs, sorted (not their digests, which `Cache.site` has: a quarter of the file)
    outputs: dict[str, bytes] = field(default_factory=dict, compare=False)
    stat: tuple[int, int] = (0, 0)  # the file's size and mtime when read: unchanged files are not read again
    media: dict[str, tuple[int, int]] = field(default_factory=dict)  # its pictures' size and mtime, by name
    related: str = ""  # the key of the related reading its pages show (lists.related_key): stale when it moves
    # Between validating and rendering in one run: the explainer and its pictures, or where a worker left them.
    prepared: Prepared | Spilled | None = field(default=None, compare=False)
    # Its pages as written into the site folder's new version: sha256, size and time (never cached).
    written: dict[str, tuple[str, int, int]] = field(default_factory=dict, compare=False)

    def pictures_as(self, pictures: dict[str, tuple[int, int]]) -> bool:
        """Whether its pictures have the size and time they had when its pages were made (`pictures`: now)."""
        return not self.media or all(pictures.get(name) == stat for name, stat in self.media.items())

    def shows_moved(self, moved: set[str], related: Related) -> bool:
        """Whether its pages, made by an earlier run, show related reading that has moved since (`moved_slugs`)."""
        slug = self.listing.slug if moved and self.listing else ""
        return slug in moved and self.related != related_key(related[slug])

    def kept(self) -> ExplainerResult:
        """What the cache keeps of a result: everything but the page bytes and what this run wrote."""
        if not (self.problems or self.outputs or self.written or self.prepared):
            return self  # already as kept: ten thousand copies on every save of the preview would add up
        return dataclasses.replace(self, problems=[], outputs={}, written={}, prepared=None)


@dataclass
class Cache:
    """Everything remembered between builds; all but the site folder's record goes with any site-wide input."""

    fingerprint: str = ""
    site_path: str = ""  # the folder `site` describes
    explainers: dict[str, ExplainerResult] = field(default_factory=dict)  # by file name
    site: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # written file → (sha256, size, mtime_ns)
    search_stale: bool = False  # pages changed since the search index was made (a build skipped it)
    media_time: int = 0  # the site's media/ folder's modification time (ns) as a build left it whole (0: unknown)
    index_files: dict[str, tuple[int, int]] = field(default_factory=dict)  # the search index's (publish.py)
    lists: tuple[str, list[str]] = ("", [])  # the listings' digest when the lists were made, and their files
    list_inputs: dict[str, str] = field(default_factory=dict)  # each list output's inputs' digest → its file


def for_build(kept: Cache | None, fingerprint: str, site_path: str) -> Cache:
    """What was `kept` if made from the same site-wide inputs (`fingerprint`), else its record of the site
    folder alone, so a file whose bytes come out the same keeps its time, which a host's sync reads (a renamed
    topic rewrote all 17,121 files of an outside tester's archive); nothing of the folder if another's."""
    cache = kept if kept is not None and kept.fingerprint == fingerprint else Cache(fingerprint)
    if kept is not None and cache is not kept:  # the index too is made again (its code and pages may differ)
        folder = ("site_path", "site", "media_time", "index_files")
        cache = dataclasses.replace(cache, search_stale=True, **{name: getattr(kept, name) for name in folder})
    if cache.site_path != site_path:
        cache.site, cache.site_path = {}, site_path
    return cache


Stop = Callable[[], bool]  # asked as work goes (a save, the search index): whether to give way to an edit
never: Stop = bool  # bool() is False


class GaveWay(Exception):  # noqa: N818 - what happened, not an error: the preview goes on at its next pause
    """Work stopped for an edit, as `stop` asked: the preview's threads that save the cache and index held the
    interpreter against a save (0.4–0.6 s at N = 10,000, not 0.2). A save stopped leaves the file as it was."""


def give_way(stop: Stop) -> None:
    if stop():
        raise GaveWay


def saver(cache: Cache | None, path: Path) -> Callable[[Stop], bool]:
    """What saves `cache` to `path` as it is now (a copy: the build goes on changing it), to run when it suits;
    False if it gave way when `stop` said so (a file that could not be written is not tried again)."""
    if cache is None:
        return lambda stop: True
    snapshot = dataclasses.replace(cache, site=dict(cache.site))

    def save(stop: Stop) -> bool:
        try:
            refused = write_cache(path, pieces(snapshot, stop))
        except GaveWay:
            return False
        if refused is not None:  # (said nothing, and the next build made every page anew: an outside tester's)
            print(f"note: the build cache was not saved, {system_error(refused, False)}: the next build starts anew")
        return True

    return save


EXPLAINERS_A_PART = 500


def pieces(cache: Cache, stop: Stop = never) -> Iterator[bytes]:
    """The cache as JSON, after the line a warm build reads first (warm.py); only results without problems or
    page bytes are kept. Made piece by piece, each written as it comes, `stop` asked before each (GaveWay): at
    N = 10,000 an edit waited 0.3 s for the whole, now one part's 15 ms; and held whole (409 MB as one str) the
    file was the pages build's peak."""
    head = {
        "format": FORMAT,
        "fingerprint": cache.fingerprint,
        "site_path": cache.site_path,
        "search_stale": cache.search_stale,
        "media_time": cache.media_time,
        "index_files": stat_rows(cache.index_files),
        "lists": [cache.lists[0], cache.lists[1]],
        "list_inputs": cache.list_inputs,
        "site": _columns(cache.site),
    }
    items = list(cache.explainers.items())
    give_way(stop)  # the line is one piece, tens of ms at N = 10,000
    yield line(cache) + b"\n" + _json(head)[:-1].encode() + b',"explainers":{'
    for start in range(0, len(items), EXPLAINERS_A_PART):
        give_way(stop)
        part = {name: _result(result) for name, result in items[start : start + EXPLAINERS_A_PART]}
        yield (b"," if start else b"") + _json(part)[1:-1].encode()  # the pairs, without their braces
    yield b"}}"


def line(cache: Cache) -> bytes:
    """The cache file's first line, which a new process's build reads first (warm.py); compact JSON."""
    site = {name: entry[1:] for name, entry in cache.site.items() if not name.startswith(MEDIA)}
    pictures = {name: stat for result in cache.explainers.values() for name, stat in result.media.items()}
    days = [result.listing.published.isoformat() for result in cache.explainers.values() if result.listing]
    record: WarmLine = {
        "fingerprint": cache.fingerprint,
        "site_path": cache.site_path,
        "search_stale": cache.search_stale,
        "published": len(days),
        "newest": max(days, default=""),
        "explainers": stat_rows({name: result.stat for name, result in cache.explainers.items()}),
        "pictures": stat_rows(pictures),
        "site": stat_rows(site),
        "media_time": cache.media_time if len(site) < len(cache.site) else -1,
        "index_files": stat_rows(cache.index_files),
    }
    return line_schema().dump_json(record)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: object) -> object:
    """What JSON does not say by itself: a date as ISO text, a listing or its thumbnail as its fields."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: getattr(value, item.name) for item in dataclasses.fields(value)}
    raise TypeError(f"not cache data: {value!r}")


def _result(result: ExplainerResult) -> dict[str, Any]:
    return {
        "digest": result.digest,
        "stat": result.stat,
        "media": result.media,
        "pages": result.pages,
        "related": result.related,
        "claim": [[claim.slug, claim.line, claim.col, claim.field] for claim in result.claim],
        "listing": result.listing,
        "listed": result.listing.digest if result.listing else "",  # 10,000 of them were a tenth of a warm build
    }


def decode(raw: bytes, explainers: Path) -> Cache | None:
    """A cache from its JSON, or None if anything in it is not what `encode` writes; each explainer's file is
    where its name is in the folder `explainers` (the project's, wherever it is now: a cache that held each
    file's whole path stopped every build of a project moved or copied elsewhere, an outside tester's).

    The cycle collector is paused meanwhile, and what is alive then frozen out of its sight: a cache is tens
    of thousands of small containers, none in a cycle, which every collection walked (two fifths of decoding at
    N = 1,000 with pictures). Frozen objects are still freed; a process decodes its cache once."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _decoded(raw, explainers)
    finally:
        gc.freeze()
        if paused:
            gc.enable()


def _decoded(raw: bytes, explainers: Path) -> Cache | None:
    try:
        data = file_schema().validate_json(raw.partition(b"\n")[2])  # after the line a warm build reads (warm.py)
        index_files = stat_columns(data["index_files"])
    except (ValidationError, ValueError):  # ValueError: columns of different lengths
        return None
    site = data["site"]
    columns = (site["shas"], site["sizes"], site["times"])
    if data["format"] != FORMAT or any(len(column) != len(site["names"]) for column in columns):
        return None
    return Cache(
        data["fingerprint"],
        data["site_path"],
        {name: _decoded_result(item, explainers / name) for name, item in data["explainers"].items()},
        dict(zip(site["names"], zip(*columns, strict=True), strict=True)),
        data["search_stale"],
        data["media_time"],
        index_files,
        data["lists"],
        data["list_inputs"],
    )


def _decoded_result(item: ResultRecord, path: Path) -> ExplainerResult:
    claim, listing = item["claim"], item["listing"]
    return ExplainerResult(
        path=path,
        digest=item["digest"],
        listing=None if listing is None else _listing(listing, item["listed"]),
        problems=[],
        claim=tuple(SlugClaim(path, *each) for each in claim),
        pages=item["pages"],
        stat=item["stat"],
        media=item["media"],
        related=item["related"],
    )


def _listing(item: ListingRecord, listed: str) -> Listing:
    thumbnail = item["thumbnail"]
    made = Listing(
        slug=item["slug"],
        published=item["published"],
        updated=item["updated"],
        topics=item["topics"],
        title={code: Markup(html) for code, html in item["title"].items()},
        dek={code: Markup(html) for code, html in item["dek"].items()},
        characters=item["characters"],
        thumbnail=None if thumbnail is None else _thumbnail(thumbnail),
        authors=item["authors"],
        corrections=item["corrections"],
        first_slug=item["first_slug"],
    )
    made.__dict__["digest"] = listed  # its `digest`, as the build that wrote it worked it out
    return made


def _thumbnail(item: ThumbnailRecord) -> Thumbnail:
    return Thumbnail.from_json(**item)


def _columns(site: dict[str, tuple[str, int, int]]) -> dict[str, list[Any]]:
    """The site folder's record as columns (names, digests, sizes, times): each reads back in one pass of C."""
    names = sorted(site)
    return {"names": names, **{column: [site[name][i] for name in names] for i, column in enumerate(_COLUMNS)}}


_COLUMNS = ("shas", "sizes", "times")
