"""The build cache as plain data: what one build remembers for the next, saved as JSON.

A pickle would be shorter to write, but unpickling a file runs whatever code it names, and the cache sits
in `.cache/` of checkouts other people prepare. JSON can only ever be data; `decode` checks every field's
type and returns None for anything it does not recognise, which means a full rebuild, never a crash.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .listing import Listing, Thumbnail
from .media import Picture
from .model import Explainer
from .problems import Problem
from .validate import SlugClaim
from .write import write_cache

FORMAT = 8


@dataclass(frozen=True)
class ExplainerResult:
    """What one explainer file produced: its listing, where it claims its slug, its pages (and their bytes)."""

    path: Path
    digest: str
    listing: Listing | None
    problems: list[Problem]
    claim: SlugClaim | None
    # Its output paths, sorted: what the site folder holds for it. Not their digests: the folder's record has
    # those (`Cache.site`), and at N = 1,000 with pictures they were a quarter of the cache file to read.
    pages: tuple[str, ...]
    outputs: dict[str, bytes] = field(default_factory=dict, compare=False)
    stat: tuple[int, int] = (0, 0)  # the file's size and mtime when read: unchanged files are not read again
    media: dict[str, tuple[int, int]] = field(default_factory=dict)  # its pictures' size and mtime, by name
    related: str = ""  # the key of the related reading its pages show (lists.related_key): stale when it moves
    # Between validating and rendering within one run: the explainer and its pictures (never cached).
    prepared: tuple[Explainer, dict[str, Picture], dict[str, bytes]] | None = field(default=None, compare=False)
    # Its pages as written into the site folder's new version: sha256, size and time (never cached).
    written: dict[str, tuple[str, int, int]] = field(default_factory=dict, compare=False)

    def pictures_unchanged(self, stats: Callable[[list[str]], dict[str, tuple[int, int]]]) -> bool:
        """Whether its pictures have the size and time they had when its pages were made (`stats` tells)."""
        return not self.media or stats(list(self.media)) == self.media

    def kept(self) -> ExplainerResult:
        """What the cache keeps of a result: everything but the page bytes and what this run wrote."""
        if not (self.problems or self.outputs or self.written or self.prepared):
            return self  # already as kept: ten thousand copies on every save of the preview would add up
        return dataclasses.replace(self, problems=[], outputs={}, written={}, prepared=None)


@dataclass
class Cache:
    """Everything remembered between builds; thrown away whole when any site-wide input changes."""

    fingerprint: str = ""
    site_path: str = ""  # the folder `site` describes
    explainers: dict[str, ExplainerResult] = field(default_factory=dict)  # by file name
    site: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # written file → (sha256, size, mtime_ns)
    search_stale: bool = False  # pages changed since the search index was made (a build skipped it)
    lists: tuple[str, list[str]] = ("", [])  # the listings' digest when the lists were made, and their files
    list_inputs: dict[str, str] = field(default_factory=dict)  # each list output's inputs' digest → its file


def for_build(kept: Cache | None, fingerprint: str, site_path: str) -> Cache:
    """The cache a build starts from: what was `kept` if made from the same site-wide inputs (`fingerprint`),
    else nothing; and nothing of the site folder's files if they were another folder's."""
    cache = kept if kept is not None and kept.fingerprint == fingerprint else Cache(fingerprint)
    if cache.site_path != site_path:
        cache.site, cache.site_path = {}, site_path
    return cache


def saver(cache: Cache | None, path: Path) -> Callable[[], None]:
    """What saves `cache` to `path` as it is now (a copy: the build goes on changing it), to run when it suits."""
    if cache is None:
        return lambda: None
    snapshot = dataclasses.replace(cache, site=dict(cache.site))

    def save() -> None:
        write_cache(path, encode(snapshot))

    return save


def encode(cache: Cache) -> bytes:
    """The cache as JSON; only results without problems or page bytes are ever kept."""
    data = {
        "format": FORMAT,
        "fingerprint": cache.fingerprint,
        "site_path": cache.site_path,
        "search_stale": cache.search_stale,
        "site": _columns(cache.site),
        "explainers": {name: _result(result) for name, result in cache.explainers.items()},
        "lists": [cache.lists[0], cache.lists[1]],
        "list_inputs": cache.list_inputs,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _result(result: ExplainerResult) -> dict[str, Any]:
    listing = result.listing
    return {
        "path": str(result.path),
        "digest": result.digest,
        "stat": list(result.stat),
        "media": {name: list(stat) for name, stat in result.media.items()},
        "pages": list(result.pages),
        "related": result.related,
        "claim": None if result.claim is None else [result.claim.slug, result.claim.line, result.claim.col],
        "listing": None
        if listing is None
        else {
            "slug": listing.slug,
            "published": listing.published.isoformat(),
            "updated": listing.updated.isoformat() if listing.updated else None,
            "topics": list(listing.topics),
            "title": dict(listing.title),
            "dek": dict(listing.dek),
            "characters": listing.characters,
            "thumbnail": None if listing.thumbnail is None else _thumbnail(listing.thumbnail),
            "authors": {code: list(names) for code, names in listing.authors.items()},
            "corrections": {code: list(notes) for code, notes in listing.corrections.items()},
        },
    }


def _thumbnail(thumbnail: Thumbnail) -> dict[str, Any]:
    return {
        "sources": [list(source) for source in thumbnail.sources],
        "fallback": thumbnail.fallback,
        "size": [thumbnail.width, thumbnail.height],
        "localized": [list(pair) for pair in thumbnail.localized],
    }


class _DamagedError(Exception):
    """The file is not a cache this version wrote."""


def decode(raw: bytes) -> Cache | None:
    """A cache from its JSON, or None if anything in it is not what `encode` writes."""
    try:
        data = _mapping(json.loads(raw.decode("utf-8")))
        if data.get("format") != FORMAT:
            return None
        site = _site(_mapping(data["site"]))
        explainers = {
            _text(name): _decoded_result(_mapping(item)) for name, item in _mapping(data["explainers"]).items()
        }
        key, names = data["lists"]
        lists = (_text(key), [_text(name) for name in names])
        inputs = {_text(sealed): _text(name) for sealed, name in _mapping(data["list_inputs"]).items()}
        return Cache(
            _text(data["fingerprint"]),
            _text(data["site_path"]),
            explainers,
            site,
            data["search_stale"] is True,
            lists,
            inputs,
        )
    except (_DamagedError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _decoded_result(item: dict[str, Any]) -> ExplainerResult:
    path = Path(_text(item["path"]))
    claim = item["claim"]
    stat = item["stat"]
    return ExplainerResult(
        path=path,
        digest=_text(item["digest"]),
        listing=None if item["listing"] is None else _listing(_mapping(item["listing"])),
        problems=[],
        claim=None if claim is None else SlugClaim(path, _text(claim[0]), _number(claim[1]), _number(claim[2])),
        pages=tuple(_text(name) for name in item["pages"]),
        stat=(_number(stat[0]), _number(stat[1])),
        media={_text(name): (_number(pair[0]), _number(pair[1])) for name, pair in _mapping(item["media"]).items()},
        related=_text(item["related"]),
    )


def _listing(item: dict[str, Any]) -> Listing:
    updated = item["updated"]
    return Listing(
        slug=_text(item["slug"]),
        published=dt.date.fromisoformat(_text(item["published"])),
        updated=None if updated is None else dt.date.fromisoformat(_text(updated)),
        topics=tuple(_text(topic) for topic in item["topics"]),
        title={_text(code): Markup(_text(html)) for code, html in _mapping(item["title"]).items()},
        dek={_text(code): Markup(_text(html)) for code, html in _mapping(item["dek"]).items()},
        characters={_text(code): _text(text) for code, text in _mapping(item["characters"]).items()},
        thumbnail=None if item["thumbnail"] is None else _decoded_thumbnail(_mapping(item["thumbnail"])),
        authors=_texts_by_language(item["authors"]),
        corrections=_texts_by_language(item["corrections"]),
    )


def _texts_by_language(value: object) -> dict[str, tuple[str, ...]]:
    return {_text(code): tuple(_text(text) for text in texts) for code, texts in _mapping(value).items()}


def _decoded_thumbnail(item: dict[str, Any]) -> Thumbnail:
    sources = tuple((_text(source[0]), _text(source[1])) for source in item["sources"])
    localized = tuple((_text(pair[0]), _text(pair[1])) for pair in item["localized"])
    size = (_number(item["size"][0]), _number(item["size"][1]))
    return Thumbnail(sources, _text(item["fallback"]), *size, localized)


def _columns(site: dict[str, tuple[str, int, int]]) -> dict[str, list[Any]]:
    """The site folder's record as columns: names, digests, sizes, times. At N = 1,000 with pictures it has
    11,000 files, and a list of each reads back (and is checked) in one pass of C, a pair per file in Python."""
    names = sorted(site)
    return {"names": names, **{column: [site[name][i] for name in names] for i, column in enumerate(_COLUMNS)}}


_COLUMNS = ("shas", "sizes", "times")


def _site(columns: dict[str, Any]) -> dict[str, tuple[str, int, int]]:
    """The record `_columns` wrote, refused unless every column is a list of the same length and type."""
    names, shas, sizes, times = (columns[column] for column in ("names", *_COLUMNS))
    kinds = [(names, str), (shas, str), (sizes, int), (times, int)]
    if not all(
        type(column) is list and len(column) == len(names) and set(map(type, column)) <= {kind}
        for column, kind in kinds
    ):
        raise _DamagedError  # (a bool is not an int here: its type is bool)
    return dict(zip(names, zip(shas, sizes, times, strict=True), strict=True))


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _DamagedError
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _DamagedError
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _DamagedError
    return value
