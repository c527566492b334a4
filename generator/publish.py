"""Keeping site/ in step with a build: write only what differs, remove what is gone, index for search.

A cached build knows what it last wrote (each file's hash, size and modification time): when the folder
is still as it left it, the changed pages and a search index made from them become one new version of the
site; otherwise the folder is made afresh. Either way the old version stays until the new one is complete.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from . import search
from .cache import Cache, ExplainerResult
from .content_files import published_explainers
from .hashing import digest
from .load import stat_files
from .model import RESERVED_SLUGS
from .problems import ContentError, Problem
from .write import replace_folder, update_site, write_site


class SiteFolder:
    """The site folder a build writes, and whether its search index lags behind its pages."""

    def __init__(self, path: Path, search: bool = True, allow_empty: bool = False) -> None:
        self.path = path
        self.search = search  # False: leave the search index to the caller (the preview does it when idle)
        self.allow_empty = allow_empty  # False: refuse to empty a site folder that publishes explainers
        self.search_stale = False

    def refuse_emptying(self, explainers: Path, languages: list[str]) -> None:
        """A build with no explainers over a site that publishes some stops, unless asked: it is more often
        a checkout gone wrong than a newsroom unpublishing everything."""
        published = published_explainers(self.path, tuple(languages), RESERVED_SLUGS)
        if published:
            message = f"has no explainers, and building would remove the {len(published)} pages the site publishes"
            hint = "restore the files, or build with --allow-empty to publish a site without explainers"
            raise ContentError([Problem(explainers, 1, 1, "", message, hint)])

    def sync(
        self,
        cache: Cache,
        results: dict[str, ExplainerResult],
        outputs: dict[str, bytes],
        rerender: Callable[[list[Path]], dict[str, bytes]],
    ) -> dict[str, bytes]:
        """Write what differs from the site folder; start the folder afresh when it cannot be trusted.
        Returns the files written; `cache.site` is brought up to date."""
        expected = set(outputs) | set(cache.lists[1]) | {page for result in results.values() for page in result.pages}
        if self.trusted(cache):
            missing = {page for page in expected - set(outputs) if page not in cache.site}
            if missing:  # a cached explainer whose pages were never written here: render them again
                outputs.update(rerender([r.path for r in results.values() if set(r.pages) & missing]))
            changed = {name: data for name, data in outputs.items() if cache.site.get(name, ("",))[0] != digest(data)}
            removed = set(cache.site) - expected
            # pages of explainers now and before this build (a deleted explainer's pages leave the index too)
            articles = {page for result in (*results.values(), *cache.explainers.values()) for page in result.pages}
            index_missing = not (self.path / search.FOLDER).is_dir()
            reindex = bool((set(changed) | removed) & articles or index_missing or cache.search_stale)
            self.search_stale = self.search_stale or reindex
            if changed or removed or (reindex and self.search):
                # One new version of the site: the changed pages and, made from them, the search index.
                update_site(self.path, changed, removed, self._index_into if reindex and self.search else None)
                self.search_stale = self.search_stale and not (reindex and self.search)
        else:
            unrendered = expected - set(outputs)
            outputs.update(rerender([r.path for r in results.values() if set(r.pages) & unrendered]))
            changed, removed = outputs, set()
            self.search_stale = not self.search
            write_site(outputs, self.path, self._index_into if self.search else self._keep_index)
            cache.site = {}
        stats = stat_files(self.path, changed)
        for name, data in changed.items():
            cache.site[name] = (digest(data), *stats[name])
        for name in removed:
            cache.site.pop(name, None)
        return changed

    def trusted(self, cache: Cache) -> bool:
        """Whether the folder is as the cached build left it: every file it wrote, of the size and time it had.
        (Asked afresh each time: a remembered answer could outlive a run that failed before writing.)"""
        on_disk = stat_files(self.path, cache.site)
        return bool(cache.site) and all(
            on_disk.get(name) == (size, mtime) for name, (_, size, mtime) in cache.site.items()
        )

    def index_search(self, background: bool = False) -> None:
        """Index the site folder's pages for search, swapping the new index in whole; the shards whose pages
        did not change are the live index's, hard-linked (search_shards.py)."""
        if not background:
            self.search_stale = False
        live = self.path / search.FOLDER
        replace_folder(live, lambda out: search.index(self.path, out, background, previous=live))

    def _keep_index(self, staging: Path) -> None:
        """Without indexing now (the preview indexes once edits pause), the new site keeps the previous
        index rather than none, so search keeps answering."""
        if (self.path / search.FOLDER).is_dir():
            search.link_tree(self.path / search.FOLDER, staging / search.FOLDER)  # hard links: nothing copied

    @staticmethod
    def _index_into(staging: Path) -> None:
        """Index a new version of the site, made beside it; the old index it holds (hard links to the live
        one) lends the shards whose pages did not change, then goes."""
        previous = staging / (search.FOLDER + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if (staging / search.FOLDER).is_dir():
            (staging / search.FOLDER).rename(previous)
        try:
            search.index(staging, staging / search.FOLDER, previous=previous)
        finally:
            shutil.rmtree(previous, ignore_errors=True)
