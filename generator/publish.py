"""Keeping site/ in step with a build: write only what differs, remove what is gone, index for search.

A cached build knows what it last wrote (each file's hash, size and modification time): when the folder
is still as it left it, the changed pages and a search index made from them become one new version of the
site; otherwise the folder is made afresh. Either way the old version stays until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from . import embargo, search
from .cache import Cache, ExplainerResult, Stop, never
from .content_files import published_explainers
from .hashing import digest
from .problems import ContentError, Problem
from .site_mark import SITE_SIGNATURE
from .site_version import NAMED, Entry, SiteVersion
from .slugs import RESERVED_SLUGS
from .stats import folder_time, stat_files
from .write import MEDIA, inside, replace_folder


def _listing(folder: Path) -> set[str]:
    """The names in a folder of the site (none if it is gone)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def emptying(explainers: Path, count: int, what: str) -> ContentError:
    """The refusal of a build that would remove the `count` `what` (`page{} …`: `{}` takes the plural's s)."""
    message = f"has no explainers, and building would remove the {count} {what.format('s' * (count != 1))}"
    hint = (
        "restore the files, or build with --allow-empty (MkDocs: `allow_empty: true` under the plugin) to"
        " publish a site without explainers"
    )
    return ContentError([Problem(explainers, 1, 1, "", message, hint)])


class SiteFolder:
    """The site folder a build writes, and whether its search index lags behind its pages."""

    def __init__(self, path: Path, search: bool = True, allow_empty: bool = False) -> None:
        self.path = path
        self.search = search  # False: leave the search index to the caller (the preview does it when idle)
        self.allow_empty = allow_empty  # False: refuse to empty a site folder that publishes explainers
        self.search_stale = False
        self.media_time = 0  # the media folder's time once a run left it whole (0: unknown), for the cache
        self.index_files: dict[str, tuple[int, int]] = {}  # the search index's files as last made (index_files)
        self.damaged: set[str] = set()  # what of the index is not as made then (index_damage): made again
        self.in_place = False  # True: the preview, which replaces changed files one by one (see SiteVersion)
        self.digests: dict[str, tuple[bytes, str]] = {}  # the list pages' bytes and digests (SiteVersion.put)
        self.removed: list[str] = []  # the files the last run took out of the folder (a deleted explainer's pages)
        self.restatted = False  # whether `trusted` recorded its files' times anew (same bytes, other times)

    @property
    def real(self) -> str:
        """Where the folder is, links followed; a loop of them as written (a build refuses it, `check` need not: its
        `resolve` ended `check` in an internal error, an outside tester's)."""
        return os.path.realpath(self.path)

    def follow_saves(self) -> None:
        """What the preview makes of the folder once built: a save replaces the files it changes in place, and
        the search index is left to be brought up to date when edits pause (`index_search`)."""
        self.search, self.in_place = False, True

    def state(self) -> tuple[bool, int, dict[str, tuple[int, int]]]:
        """What the build cache keeps of the folder: whether its index lags, its media time, its index's files."""
        return self.search_stale, self.media_time, self.index_files

    def refuse_emptying(
        self, explainers: Path, languages: list[str], before: int, held: Mapping[str, ExplainerResult] | None = None
    ) -> None:
        """A build with no explainers over a site that publishes some stops, unless asked: it is more often
        a checkout gone wrong than a newsroom unpublishing everything. What the site publishes: the explainer
        pages in its folder, or else the `before` the last build published (CI keeps the cache, not the site).
        Those `held` till their day are said first: the files are there, and "restore the files" said nothing of
        why none was published (a reviewer's)."""
        published = len(published_explainers(self.path, tuple(languages), RESERVED_SLUGS))
        if published or before:
            error = (
                emptying(explainers, published, "page{} the site publishes")
                if published
                else emptying(explainers, before, "explainer{} it published")
            )
            raise ContentError([*map(embargo.notice, (held or {}).values()), *error.problems])

    def version(self, cache: Cache, trusted: bool) -> SiteVersion:
        """The version of the folder this run writes: over a trusted folder only what changed (in place for
        the preview, which indexes for search on its own), otherwise a whole new folder."""
        return SiteVersion(self.path, cache.site if trusted else None, self.in_place and not self.search)

    def sync(
        self,
        version: SiteVersion,
        cache: Cache,
        results: dict[str, ExplainerResult],
        outputs: dict[str, bytes],
        fresh: list[ExplainerResult],
        rerender: Callable[[list[ExplainerResult]], list[ExplainerResult]],
    ) -> dict[str, Entry]:
        """Complete `version`, which holds the pages of the explainers this run rendered (`fresh`), with the
        other `outputs` that differ, what the folder lacks and the search index, and exchange it in. Returns
        every file written; `cache.site` is brought up to date."""
        written = {name: entry for result in fresh for name, entry in result.written.items()}
        pages = {page for result in results.values() for page in result.pages}
        expected = pages | set(outputs) | set(cache.lists[1])
        trusted = version.current is not None
        on_record = set(cache.site) if trusted else set()
        # As the index was made (a linked copy of it has the same sizes and times); an indexing records it anew.
        recorded = self.index_files = self.index_files or cache.index_files  # the preview's (index_search) is newer
        unwritten = expected - on_record - set(outputs) - set(written)
        if unwritten:  # pages of cached explainers this folder lacks: rendered again from their files
            again = rerender([result for result in results.values() if set(result.pages) & unwritten])
            written.update(item for result in again for item in result.written.items())
        written.update(version.put(outputs, known=self.digests))
        removed = on_record - expected
        self.removed = sorted(removed) if trusted else []
        if trusted:
            # pages of explainers now and before this build (a deleted explainer's pages leave the index too)
            articles = (
                pages | {page for result in cache.explainers.values() for page in result.pages} if removed else pages
            )
            # The preview, which made the index itself, only asks that it is there: no 30,000 stats a save.
            self.damaged = self.index_absent() if version.in_place else self.index_damage(recorded)
            reindex = bool((set(written) | removed) & articles or self.damaged or cache.search_stale)
            self.search_stale = self.search_stale or reindex
            if removed:
                version.remove(removed)
            if version.path is not None or (reindex and self.search):
                # One new version of the site: the changed pages and, made from them, the search index.
                version.finish(self._index_into if reindex and self.search else None)
                self.search_stale = self.search_stale and not (reindex and self.search)
        else:
            self.search_stale = not self.search
            version.finish(self._index_into if self.search else self._keep_index)
            cache.site = {}
        cache.site.update(written)
        for name in removed:
            cache.site.pop(name, None)
        # Whole if the folder was trusted (its media time or its listing) or made afresh; not known in place,
        # where only the lists are asked about: then the next build lists the folder again.
        self.media_time = 0 if version.in_place else folder_time(self.path / MEDIA)
        return written

    def trusted(self, cache: Cache) -> bool:
        """Whether the folder is as the cached build left it: every file it wrote, of the size and time it had.
        (Asked afresh each time: a remembered answer could outlive a run that failed before writing.) The
        preview, which made the folder itself, asks only about the pages that list explainers and those every
        site has: a save must not stat twenty thousand pages, and a run of its that failed forgets the folder.
        The media folder is not statted file by file: each of its names says what the file holds, so it has
        them if it has the names. Its own modification time, as the build left it, says no name has gone since
        (one stat: a picture adds nothing to a warm build); if it moved, the folder is listed."""
        names = (
            [name for name in (*cache.lists[1], *SITE_SIGNATURE) if name in cache.site] if self.in_place else cache.site
        )
        statted = [name for name in names if not name.startswith(MEDIA)]
        media = [name[len(MEDIA) :] for name in names if name.startswith(MEDIA)] if len(statted) < len(names) else []
        on_disk = stat_files(self.path, statted)
        self.restatted = False
        if not cache.site or any(name not in on_disk for name in statted):
            return False
        moved = [name for name in statted if on_disk[name] != cache.site[name][1:]]
        if moved and (self.in_place or not all(self._same_bytes(cache, name) for name in moved)):
            return False
        # The same bytes at other times (a CI runner's cache restored the folder, a copy without its times): as
        # left, and recorded so (`restatted`: the cache is saved); its files were all rendered again (an outside
        # tester's archive: 45 s of CPU for a push that changed nothing).
        self.restatted = bool(moved)
        cache.site.update((name, (cache.site[name][0], *on_disk[name])) for name in moved)
        return not media or self._media_as(cache, media)

    def _same_bytes(self, cache: Cache, name: str) -> bool:
        """Whether a file holds the bytes the cache recorded for it (a content-named one: its size)."""
        sha, size, _ = cache.site[name]
        path = self.path / inside(name)
        return size == path.stat().st_size if sha == NAMED else digest(path.read_bytes()) == sha

    def _media_as(self, cache: Cache, media: list[str]) -> bool:
        """Whether the media folder still has every name `media` (as `trusted` asks)."""
        return self.media_as_left(cache.media_time) or _listing(self.path / MEDIA).issuperset(media)

    def media_as_left(self, time: int) -> bool:
        """Whether the media folder's time is still `time`, which a build recorded when it left the folder
        whole (0: it did not know it whole)."""
        return 0 < time == folder_time(self.path / MEDIA)

    def index_damage(self, files: dict[str, tuple[int, int]]) -> set[str]:
        """What of the search index is not as the build that made it left it (`index_files`; none recorded: any
        index will do): the shards with a file removed, cut short or written over, "" for a file of the top,
        and "*" when there is no index at all (a build without search keeps the one it had)."""
        if absent := self.index_absent():
            return absent
        on_disk = stat_files(self.path, files)
        return {name.split("/")[1] if name.count("/") > 1 else "" for name in files if on_disk.get(name) != files[name]}

    def index_absent(self) -> set[str]:
        """{"*"} when the site folder has no search index at all, else nothing."""
        return set() if (self.path / search.FOLDER).is_dir() else {"*"}

    def index_search(self, background: bool = False, stop: Stop = never) -> None:
        """Index the site folder's pages for search, swapping the new index in whole; the shards whose pages
        did not change are the live index's, hard-linked (search_shards.py). Stopped by `stop()`, it raises
        GaveWay, the live index as it was."""
        if not background:
            self.search_stale = False
        live = self.path / search.FOLDER
        damaged = frozenset(self.damaged)
        replace_folder(live, lambda out: search.index(self.path, out, live, stop, damaged))
        self._indexed(self.path)

    def _keep_index(self, staging: Path) -> Path:
        """Without indexing now (the preview indexes once edits pause), the new site keeps the previous
        index rather than none, so search keeps answering. Returns where."""
        if (self.path / search.FOLDER).is_dir():
            search.link_tree(self.path / search.FOLDER, staging / search.FOLDER)  # hard links: nothing copied
        return staging / search.FOLDER

    def _index_into(self, staging: Path) -> Path:
        """Index a new version of the site, made beside it; the old index it holds (hard links to the live
        one) lends the shards whose pages did not change, then goes."""
        previous = staging / (search.FOLDER + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if (staging / search.FOLDER).is_dir():
            (staging / search.FOLDER).rename(previous)
        try:
            search.index(staging, staging / search.FOLDER, previous=previous, damaged=frozenset(self.damaged))
        finally:
            shutil.rmtree(previous, ignore_errors=True)
        self._indexed(staging)  # the same sizes and times once swapped in
        return staging / search.FOLDER

    def _indexed(self, site: Path) -> None:
        """Record the index just made in `site` as whole: what later builds check it against."""
        self.index_files, self.damaged = index_files(site), set()


def index_files(site: Path) -> dict[str, tuple[int, int]]:
    """The size and time of every file of the search index, recorded when the index is made, so that a build
    notices one removed, cut short or written over (22,600 files at N = 10,000: 50 ms to check)."""
    names = []
    for folder, _, files in os.walk(site / search.FOLDER):
        inside = Path(folder).relative_to(site).as_posix()
        names += [f"{inside}/{name}" for name in files]
    return stat_files(site, names)
