"""Builds that redo only what changed: the cached build behind `build` and the watch loop.

The pages of one explainer depend on its file and on the site-wide inputs (settings, interface strings,
templates, assets, this code) and on nothing else. So the cache remembers, per explainer file, the hash
of its bytes, the validated explainer and the hashes of the pages it produced; and, for the site folder,
what was written there. A later build parses, validates and renders only the files whose bytes changed,
renders the pages that span explainers (homes, feeds, sitemap) again, and writes only files whose bytes
differ from what the site folder holds. Any change to a site-wide input starts from nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as cache_data
from . import search, swap
from .cache import Cache, ExplainerResult
from .content_files import published_explainers
from .document import Document
from .i18n import LANGUAGES
from .load import decode, load, parse, read_assets, read_bytes, read_cache, read_fonts, stat_files
from .model import RESERVED_SLUGS
from .parallel import parallel_map
from .problems import ContentError, Problem
from .render import Renderer
from .validate import Content, SlugClaim, check_slugs, validate_explainer, validate_site
from .views import Listing
from .write import guard_site_folder, replace_folder, update_site, write_cache, write_site

if TYPE_CHECKING:
    from .build import Project

# Libraries whose version changes what a page looks like.
RENDERING_LIBRARIES = ("Markdown", "nh3", "Jinja2", "Babel", "pydantic", "PyYAML")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_explainer(site: Content, renderer: Renderer, path: Path, raw: bytes) -> ExplainerResult:
    """Load → validate → render for one explainer file; problems are returned, not raised."""
    try:
        document: Document = parse(path, decode(path, raw))
    except ContentError as error:
        return ExplainerResult(path, digest(raw), None, error.problems, None, {})
    explainer, problems = validate_explainer(document, site)
    if explainer is None:
        return ExplainerResult(path, digest(raw), None, problems, None, {})
    claim = SlugClaim(path, explainer.slug, *document.locate(("slug",)))
    outputs = renderer.explainer_pages(explainer)
    pages = {name: digest(data) for name, data in outputs.items()}
    return ExplainerResult(path, digest(raw), renderer.listing(explainer), [], claim, pages, outputs)


class IncrementalBuild:
    """One project's build state, kept across builds (by the cache file, or in memory by the watch loop)."""

    def __init__(
        self,
        project: Project,
        site: Path | None = None,
        use_cache: bool = True,
        search: bool = True,
        allow_empty: bool = False,
    ) -> None:
        self.project = project
        self.allow_empty = allow_empty  # False: refuse to empty a site folder that publishes explainers
        self.site_dir = site or project.site
        self.cache_file = project.root / ".cache" / "build.json"
        self.use_cache = use_cache
        self.search = search  # False: leave the search index to the caller (the preview does it when idle)
        self.search_stale = False
        self.cache: Cache | None = None
        # Kept in memory between runs of a watch loop: templates stay compiled, unchanged lists unrendered.
        self.renderer: Renderer | None = None
        self.listings: list[Listing] | None = None
        self.site_outputs: dict[str, bytes] = {}

    def _site_inputs(self) -> tuple[Content, Renderer, str]:
        """Settings, strings, templates and assets: validated, and fingerprinted for the cache."""
        settings_path = self.project.content / "site.yml"
        string_paths = {code: self.project.content / "strings" / f"{code}.yml" for code in LANGUAGES}
        problems = self.project.outside_links()  # never read, so never quoted in an error
        if problems:
            raise ContentError(problems + self._stray_files())
        documents: dict[Path, Document] = {}
        for path in (settings_path, *string_paths.values()):
            try:
                documents[path] = load(path)
            except ContentError as error:
                problems += error.problems
        if problems:
            raise ContentError(problems + self._stray_files())
        tables: dict[str, Document] = {code: documents[path] for code, path in string_paths.items()}
        site, problems = validate_site(documents[settings_path], tables)
        if site is None:
            raise ContentError(problems + self._stray_files())
        if self.project.site_url is not None:
            site = site.served_from(self.project.site_url)
        assets = read_assets(self.project.templates / "assets")
        fonts = read_fonts(self.project.root, documents[settings_path], site.settings.fonts.model_dump())
        fingerprint = self._fingerprint(site, {**assets, **{f"font {code}": data for code, data in fonts.items()}})
        if self.renderer is None or self.cache is None or self.cache.fingerprint != fingerprint:
            self.renderer, self.listings = Renderer(site, self.project.templates, assets, fonts), None
        return site, self.renderer, fingerprint

    def _fingerprint(self, site: Content, assets: dict[str, bytes]) -> str:
        parts = [f"format {cache_data.FORMAT}", repr(site.settings), repr(site.strings)]
        parts += [f"{name} {importlib.metadata.version(name)}" for name in RENDERING_LIBRARIES]
        code = Path(__file__).parent
        for folder, pattern in ((code, "*.py"), (self.project.templates, "**/*")):
            parts += [f"{path}:{digest(path.read_bytes())}" for path in sorted(folder.glob(pattern)) if path.is_file()]
        parts += [f"{name}:{digest(data)}" for name, data in sorted(assets.items())]
        return digest("\n".join(parts).encode("utf-8"))

    def _stray_files(self) -> list[Problem]:
        """What kept explainer files from being listed (a missing folder, a link out of the project)."""
        return self.project.explainer_listing()[1]

    def _refuse_emptying(self, results: dict[str, ExplainerResult]) -> None:
        """A build with no explainers over a site that publishes some stops, unless asked: it is more often
        a checkout gone wrong than a newsroom unpublishing everything."""
        if self.allow_empty or any(result.listing for result in results.values()):
            return
        published = published_explainers(self.site_dir, tuple(LANGUAGES), RESERVED_SLUGS)
        if published:
            message = f"has no explainers, and building would remove the {len(published)} pages the site publishes"
            hint = "restore the files, or build with --allow-empty to publish a site without explainers"
            raise ContentError([Problem(self.project.explainers, 1, 1, "", message, hint)])

    def run(self) -> dict[str, bytes]:
        """Build; returns the files written. Raises ContentError (and writes nothing) on any problem.

        One build of a project at a time (a second waits for the lock), and each starts by undoing what a
        build that died left beside the site folder."""
        guard_site_folder(self.site_dir, self.project.root, self.project.sources())
        with swap.exclusive(self.project.root / ".cache" / "build.lock"):
            swap.recover(self.site_dir.resolve())
            return self._run()

    def _run(self) -> dict[str, bytes]:
        site, renderer, fingerprint = self._site_inputs()
        stored = read_cache(self.cache_file) if self.use_cache and self.cache is None else None
        cache = self.cache or (cache_data.decode(stored) if stored else None) or Cache()
        if cache.fingerprint != fingerprint:
            cache = Cache(fingerprint)
        if cache.site_path != str(self.site_dir.resolve()):
            cache.site, cache.site_path = {}, str(self.site_dir.resolve())
        files, problems = self.project.explainer_listing()
        keys = {path: path.relative_to(self.project.explainers).as_posix() for path in files}  # 2024/x.yml
        stats = stat_files(self.project.explainers, keys.values())
        raw: dict[Path, bytes] = {}
        for path, key in keys.items():
            if cache.explainers.get(key, _NONE).stat == stats.get(key):
                continue  # same size and time as when last read: the same bytes
            try:
                raw[path] = read_bytes(path)
            except ContentError as error:
                problems += error.problems
        changed = [path for path, data in raw.items() if cache.explainers.get(keys[path], _NONE).digest != digest(data)]
        fresh = parallel_map(lambda path: process_explainer(site, renderer, path, raw[path]), changed)
        results = {
            key: cache.explainers[key] for path, key in keys.items() if path not in changed and key in cache.explainers
        }
        results.update((keys[result.path], result) for result in fresh)
        for name, result in list(results.items()):  # remember when each file was seen as it is
            if result.stat != stats.get(name, (0, 0)):
                results[name] = dataclasses.replace(result, stat=stats.get(name, (0, 0)))
        problems += [problem for result in fresh for problem in result.problems]
        problems += check_slugs([result.claim for result in results.values() if result.claim is not None])
        if problems:
            raise ContentError(problems)
        self._refuse_emptying(results)
        listings = sorted((result.listing for result in results.values() if result.listing), key=lambda item: item.slug)
        if listings != self.listings:  # the lists, feeds and sitemap change only when a listing does
            self.site_outputs, self.listings = renderer.site_pages(listings), listings
        outputs = dict(self.site_outputs)
        for result in fresh:
            outputs.update(result.outputs)
        written = self._write(cache, lambda paths: self._rerender(site, renderer, paths), results, outputs)
        dirty = bool(
            fresh or written or set(cache.explainers) != set(results) or cache.search_stale != self.search_stale
        )
        cache.search_stale = self.search_stale
        cache.explainers = {
            name: _without_outputs(result) if result.outputs else result for name, result in results.items()
        }
        self.cache = cache
        if self.use_cache and dirty:
            write_cache(self.cache_file, cache_data.encode(cache))
        return written

    def _write(
        self,
        cache: Cache,
        rerender: Callable[[list[Path]], dict[str, bytes]],
        results: dict[str, ExplainerResult],
        outputs: dict[str, bytes],
    ) -> dict[str, bytes]:
        """Write what differs from the site folder; start the folder afresh when it cannot be trusted."""
        expected = set(outputs) | {page for result in results.values() for page in result.pages}
        on_disk = stat_files(self.site_dir, cache.site)
        trusted = bool(cache.site) and all(
            on_disk.get(name) == (size, mtime) for name, (_, size, mtime) in cache.site.items()
        )
        if trusted:
            missing = {page for page in expected - set(outputs) if page not in cache.site}
            if missing:  # a cached explainer whose pages were never written here: render them again
                outputs.update(rerender([r.path for r in results.values() if set(r.pages) & missing]))
            changed = {name: data for name, data in outputs.items() if cache.site.get(name, ("",))[0] != digest(data)}
            removed = set(cache.site) - expected
            # pages of explainers now and before this build (a deleted explainer's pages leave the index too)
            articles = {page for result in (*results.values(), *cache.explainers.values()) for page in result.pages}
            index_missing = not (self.site_dir / search.FOLDER).is_dir()
            reindex = bool((set(changed) | removed) & articles or index_missing or cache.search_stale)
            self.search_stale = self.search_stale or reindex
            if changed or removed or (reindex and self.search):
                # One new version of the site: the changed pages and, made from them, the search index.
                update_site(self.site_dir, changed, removed, self._index_into if reindex and self.search else None)
                self.search_stale = self.search_stale and not (reindex and self.search)
        else:
            unrendered = expected - set(outputs)
            outputs.update(rerender([r.path for r in results.values() if set(r.pages) & unrendered]))
            changed = outputs
            removed = set()
            self.search_stale = not self.search
            write_site(outputs, self.site_dir, self._index_into if self.search else self._keep_index)
            cache.site = {}
        stats = stat_files(self.site_dir, changed)
        for name, data in changed.items():
            cache.site[name] = (digest(data), *stats[name])
        for name in removed:
            cache.site.pop(name, None)
        return changed

    def index_search(self, background: bool = False) -> None:
        """Index the site folder's pages for search, swapping the new index in whole."""
        if not background:
            self.search_stale = False
        replace_folder(self.site_dir / search.FOLDER, lambda out: search.index(self.site_dir, out, background))

    def _keep_index(self, staging: Path) -> None:
        """Without indexing now (the preview indexes once edits pause), the new site keeps the previous
        index rather than none, so search keeps answering."""
        if (self.site_dir / search.FOLDER).is_dir():
            shutil.copytree(self.site_dir / search.FOLDER, staging / search.FOLDER)

    @staticmethod
    def _index_into(staging: Path) -> None:
        """Index a new version of the site, made beside it; its old index (hard links) is dropped first."""
        shutil.rmtree(staging / search.FOLDER, ignore_errors=True)
        search.index(staging, staging / search.FOLDER)

    @staticmethod
    def _rerender(site: Content, renderer: Renderer, paths: list[Path]) -> dict[str, bytes]:
        """Pages of unchanged explainers that the site folder lacks: rendered again from their files."""
        results = parallel_map(lambda path: process_explainer(site, renderer, path, read_bytes(path)), paths)
        return {name: data for result in results for name, data in result.outputs.items()}


_NONE = ExplainerResult(Path(), "", None, [], None, {})


def _without_outputs(result: ExplainerResult) -> ExplainerResult:
    """What the cache keeps of a result: everything but the page bytes (a cached result is kept as it is)."""
    return dataclasses.replace(result, problems=[], outputs={}) if result.outputs else result
