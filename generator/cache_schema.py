"""The build cache file's schema: the warm line first (warm.py reads it alone), then the whole cache (cache.py).

pydantic checks the cache's JSON against its schema in one compiled pass, twice as fast as field by field; the
schema is strict (a string is not a number, nor a number a string: data as `cache.pieces` writes it), and
anything else is no cache at all, which means a full build, never a crash. The warm line is written by its
schema, and read by warm.py with `json` and the same strict rules: a build that does nothing imports no
pydantic (warm.py says why)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from pydantic import TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here before Python 3.12


class Stats(TypedDict):
    """Files' sizes and modification times, as columns: each reads back in one pass of C."""

    names: list[str]
    sizes: list[int]
    times: list[int]


@with_config(strict=True)
class WarmLine(TypedDict):
    fingerprint: str
    site_path: str
    search_stale: bool
    published: int  # explainers with pages
    newest: str  # the latest of their publication days (ISO): one after today was published by `build --future`
    explainers: Stats  # by name under content/explainers/
    pictures: Stats  # by name under content/
    site: Stats  # the site folder's files but its media folder's
    media_time: int  # the media folder's time as a build left it whole; 0: not known whole; -1: no media
    index_files: Stats  # the search index's files as the build that made it left them (publish.py)


class ThumbnailRecord(TypedDict):
    sources: list[tuple[str, list[tuple[str, int]]]]
    fallback: str
    width: int
    height: int
    localized: list[tuple[str, str]]


class ListingRecord(TypedDict):
    slug: str
    published: dt.date
    updated: dt.date | None
    topics: tuple[str, ...]
    title: dict[str, str]
    dek: dict[str, str]
    characters: dict[str, str]
    thumbnail: ThumbnailRecord | None
    authors: dict[str, tuple[str, ...]]
    corrections: dict[str, tuple[str, ...]]
    first_slug: str


class ResultRecord(TypedDict):
    digest: str
    stat: tuple[int, int]
    media: dict[str, tuple[int, int]]
    pages: tuple[str, ...]
    related: str
    claim: list[tuple[str, int, int, str]]
    listing: ListingRecord | None
    listed: str


class SiteRecord(TypedDict):
    names: list[str]
    shas: list[str]
    sizes: list[int]
    times: list[int]


@with_config(strict=True)
class FileRecord(TypedDict):
    format: int
    fingerprint: str
    site_path: str
    search_stale: bool
    media_time: int
    index_files: Stats
    site: SiteRecord
    explainers: dict[str, ResultRecord]
    lists: tuple[str, list[str]]
    list_inputs: dict[str, str]


def stat_rows(stats: dict[str, tuple[int, int]]) -> Stats:
    """Files' sizes and times by name as columns (`stat_columns` reads them back)."""
    names = sorted(stats)
    return {"names": names, "sizes": [stats[name][0] for name in names], "times": [stats[name][1] for name in names]}


def stat_columns(files: Stats) -> dict[str, tuple[int, int]]:
    """Files' sizes and times by name, from their columns; ValueError if the columns differ in length."""
    return dict(zip(files["names"], zip(files["sizes"], files["times"], strict=True), strict=True))


@cache
def file_schema() -> TypeAdapter[FileRecord]:
    return TypeAdapter(FileRecord)


@cache
def line_schema() -> TypeAdapter[WarmLine]:
    return TypeAdapter(WarmLine)
