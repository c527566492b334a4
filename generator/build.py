"""The pipeline: load → validate → render → write → index. The one orchestration behind every command: `check`
runs it without writing; `build` writes site/ and keeps a cache so that the next run redoes only what changed;
`watch`, `serve` and `edit` keep one `Build` in memory (`edit` asks it about a save first); the MkDocs plugin runs
it without writing and hands MkDocs the files. So every command finds the same problems, located the same way.

What the cache tracks: an explainer's pages depend on its file's bytes, the site-wide inputs (settings, strings,
authors, templates, assets, fonts, this code) and the listings its related reading shows (`ExplainerResult.related`).
A site-wide input changed starts from nothing; else only files whose bytes changed are read again, and lists, feeds
and sitemap made again only when listings changed. A new process first asks the cache file's first line whether
anything changed at all (warm.py). In memory (a watch loop) the renderer is kept while the fingerprint is the same,
the list pages while the listings are, each list output while its inputs are (`Renderer.remembered`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as cache_data
from . import editor, embargo, handoff, swap
from .cache import Cache, ExplainerResult
from .fingerprint import input_files, site_fingerprint
from .hashing import digest
from .listing import Listing, Related, RelatedReading, listings_key, moved_slugs, published
from .load import decode, parse, read_assets, read_bytes, read_fonts
from .media_store import MediaStore
from .parallel import in_worker, parallel_map
from .problems import ContentError, Problem
from .project import Project
from .publish import SiteFolder
from .settings import Content
from .site_content import site_content
from .site_version import Entry, Sink, SiteVersion
from .slugs import Claims, check_slugs, clashes, slug_claims
from .stats import read_cache, restat, stat_paths
from .urls import card_keys
from .validate import validate_explainer
from .warm import owns_folder, published_before, remember_inputs, unchanged
from .write import cache_folder, guard_site_folder, prune_cache

Results = dict[str, ExplainerResult]  # by explainer file name, as `content/explainers/` holds them
Due = list[ExplainerResult]  # explainers whose pages a run renders
Stats = dict[str, tuple[int, int]]  # files' sizes and times, by name

if TYPE_CHECKING:  # the rendering stack (Jinja2, NumPy, HarfBuzz) is imported only by a run that renders
    from .render import Renderer


class Build:
    """One project's pipeline and the state it keeps between runs (in the cache file, or in memory)."""

    def __init__(
        self,
        project: Project,
        site: Path | None = None,
        *,
        write: bool = True,
        use_cache: bool = True,
        search: bool = True,
        allow_empty: bool = False,
        future: bool = False,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.project = project
        self.write = write  # False: validate and render only (check, the MkDocs plugin)
        self.use_cache = use_cache and write
        self.trust_cache = use_cache and not write  # not writing, the cache read all the same (check: README)
        self.folder = SiteFolder(site or project.site, search, allow_empty)
        self.media = MediaStore(project.content, cache_folder(project.root / ".cache" / "media"))
        self.cards = cache_folder(project.root / ".cache" / "cards")  # share cards drawn before, by what they show
        self.cache: Cache | None = None
        self.renderer: Renderer | None = None  # made when a run first renders something; kept while a watch runs
        self.fingerprint = ""  # of the site-wide inputs the renderer was made from
        self.inputs: tuple[Content, dict[str, bytes], dict[str, bytes]] | None = None  # its site, assets, fonts
        self.broken: list[Problem] | None = None  # what is wrong with the templates of that fingerprint
        self.listings: list[Listing] | None = None
        self.site_outputs: dict[str, bytes] = {}
        self.site: Content | None = None  # the settings and strings the last run read
        self.related_reading, self.related = RelatedReading(), Related()  # each explainer's related reading, by slug
        self.shown: Related = {}  # ... as the pages of the last run that succeeded show it
        self.explainers, self.unsaved = 0, False  # published by the last run; the cache in memory changed since saved
        self.scratch = handoff.Scratch()  # where a run's workers leave what they validated for its render stage
        self.stats: Stats = {}  # each explainer file's size and time, as the last run saw them
        self.results: Results = {}  # each explainer's, as the last run found them (their pages, the cache's)
        self.future, self.today, self.held = future, today, set[str]()  # `future`: publish those dated ahead too

    def run(self, changed: set[Path] | None = None) -> dict[str, bytes]:
        """Build; returns the files written (every file, when not writing). Raises ContentError, having written
        nothing, on any problem. One writing build of a project at a time (a second waits for the lock), each
        first undoing what a build that died left; `changed`: what may have changed since, if known (restat)."""
        if self.write:
            recorded = partial(owns_folder, self.project, self.folder.path, self.cache is not None)
            guard_site_folder(self.folder.path, self.project.root, self.project.sources(), recorded)
        lock = swap.building(self.project.root, self.folder.path) if self.write else nullcontext()
        with lock, handoff.scratch() as self.scratch:
            if self.write and not self.folder.in_place:  # the preview's search index may be in the making beside it
                swap.recover(self.folder.path.resolve())
            return self._pipeline(changed)

    def _pipeline(self, changed: set[Path] | None) -> dict[str, bytes]:
        """load → validate → render → write → index, each stage named where it runs."""
        site, fingerprint = self._site_inputs()  # load, validate: settings, strings, templates, fonts
        fresh_process = self.use_cache and not self.cache  # nothing in memory yet: ask the cache's first line
        if fresh_process and (count := unchanged(self.project, self.folder, fingerprint)):
            self.explainers = count
            return {}  # nothing to render or write (warm.py)
        cache = self.cached()
        problems = self._template_problems(cache, site)
        results, due, found = self._explainers(cache, site, changed)  # load, validate: each changed explainer
        problems += found + check_slugs([claim for result in self.results.values() for claim in result.claim])
        if problems:
            raise ContentError(problems)
        self.explainers = sum(1 for result in results.values() if result.listing)
        if not self.folder.allow_empty and not self.explainers:  # check and MkDocs' builds (not writing) too
            before, held = published_before(self.project, self.folder.path), embargo.waiting(self.results, self.held)
            self.folder.refuse_emptying(self.project.explainers, [lang.code for lang in site.languages], before, held)
        trusted = self.write and self.folder.trusted(cache)  # asked once a run: it stats every file
        admin = editor.outputs(site, self.project.templates, self.write, fingerprint)  # admin/: the browser editor
        outputs = dict(admin)  # and the lists, made by this process while its workers render the explainers:
        lists = lambda: outputs.update(self._site_pages(results, cache, trusted))  # noqa: E731
        if not self.write:
            fresh = self._render(site, due, None, lists)  # render, in memory
            return dict(sorted([*outputs.items(), *(item for result in fresh for item in result.outputs.items())]))
        with self.folder.version(cache, trusted) as version:
            fresh = self._render(site, due, version, lists)  # render → write, each explainer's pages as made
            for result in fresh:  # with the very listings the lists were made from: workers send back equal copies
                key = result.path.relative_to(self.project.explainers).as_posix()
                results[key] = dataclasses.replace(result, listing=results[key].listing)
            rerender = partial(self._render, site, into=version)  # pages the folder lacks, of unchanged explainers
            written = self.folder.sync(version, cache, results, outputs, fresh, rerender)  # write, index
        self._remember(cache, results, fresh, written)
        return {name: sha.encode("ascii") for name, (sha, _, _) in written.items()}

    def _site_inputs(self) -> tuple[Content, str]:
        """Settings, strings, templates, assets and fonts: validated, and fingerprinted for the cache. Without
        valid settings and strings nothing else can be checked, so their problems are raised at once."""
        noting = self.use_cache and not self.folder.in_place  # for a new process's first question (warm.py)
        seen = stat_paths(input_files(self.project)) if noting else {}  # each statted before it is read (warm.py)
        site, settings_document = site_content(self.project)
        templates, named = self.project.templates, {lang.code: lang.font for lang in site.languages}
        seen |= stat_paths(self.project.root / name for name in named.values() if name) if noting else {}
        assets, fonts = read_assets(templates, tuple(named)), read_fonts(self.project.root, settings_document, named)
        fingerprint = site_fingerprint(site, templates, assets, fonts)
        if noting:  # not on each of the preview's saves: 15 ms at N = 10,000 (its stop leaves the cache file)
            remember_inputs(self.project, fingerprint, seen)
        if self.fingerprint != fingerprint:  # templates are in the fingerprint
            self.renderer, self.listings, self.broken = None, None, None
        self.fingerprint, self.inputs, self.site = fingerprint, (site, assets, fonts), site
        return site, fingerprint

    def _template_problems(self, cache: Cache, site: Content) -> list[Problem]:
        """What is wrong with the templates, with the explainers' problems (a cache of this fingerprint: none)."""
        if self.broken is None and not cache.explainers:  # (a new fingerprint's cache keeps only the folder's record)
            from .template_check import template_problems  # Jinja2: only when the templates may be new

            self.broken = template_problems(self.project.templates, tuple(lang.code for lang in site.languages))
        return list(self.broken or [])  # a copy: the caller adds the explainers' problems

    def prepare_renderer(self) -> Renderer | None:
        """The renderer of the current site-wide inputs, made the first time a run renders anything: a warm
        build with nothing to render never loads the rendering stack. None when the templates are broken."""
        if self.renderer is None and not self.broken and self.inputs is not None:
            from .render import Renderer

            (site, assets, fonts), kept = self.inputs, self.cards if self.use_cache else None
            self.renderer = Renderer(site, self.project.templates, assets, fonts, kept)
        return self.renderer

    def problems_in(self, path: Path, raw: bytes, saved: list[Claims]) -> tuple[list[Problem], Claims]:
        """What `check` would refuse in a file's new bytes, `saved` slugs too (save_check.py), and its slugs."""
        found = process_explainer(self.site, self.renderer, self.media, path, raw) if self.site else None
        others = [*(kept.claim for kept in self.results.values()), *saved]
        return (found.problems + clashes(found.claim, others), found.claim) if found else ([], ())

    def cached(self) -> Cache:
        """What the last build remembered, if made from the same site-wide inputs and for this folder (read once)."""
        text = read_cache(self.project.cache_file) if (self.use_cache or self.trust_cache) and not self.cache else None
        kept = self.cache or (cache_data.decode(text, self.project.explainers) if text else None)
        return cache_data.for_build(kept, self.fingerprint, self.folder.real)

    def _explainers(self, cache: Cache, site: Content, changed: set[Path] | None) -> tuple[Results, Due, list[Problem]]:
        """Each explainer file's result, validated again only if its bytes changed, but those held till their day (in
        `self.results` too), and those due: the changed ones, and unchanged ones whose related reading moved."""
        files, problems = self.project.explainer_listing()
        keys = {path: key for path, key in zip(files, self.project.explainer_keys(files), strict=True)}  # 2024/x.yml
        stats = self.stats = restat(self.project.explainers, keys.values(), self.stats, changed)
        results = self.results = {key: cache.explainers[key] for key in keys.values() if key in cache.explainers}
        seen = self.media.stats(list({name: None for result in results.values() for name in result.media}))
        as_built = {key for key, kept in results.items() if kept.stat == stats.get(key) and kept.pictures_as(seen)}
        touched = [path for path, key in keys.items() if key not in as_built]
        if touched:  # made before the workers fork, which share them
            self.prepare_renderer()
            self.scratch.open(len(touched))
        checked = parallel_map(partial(self._check, site, results, seen), touched)
        fresh = {keys[result.path]: result for result in checked if result is not None}
        results.update(fresh)
        for key in (keys[path] for path in touched if keys[path] in results):  # when each file was seen as it is
            results[key] = dataclasses.replace(results[key], stat=stats.get(key, (0, 0)))
        held = self.held = set() if self.future else embargo.held(results, self.today())  # checked, not published
        listed = {key: result for key, result in results.items() if key not in held}
        # Pages render once every listing is known: an unchanged file whose related reading moved renders too.
        related = self.related = self.related_reading([result.listing for result in listed.values() if result.listing])
        moved = moved_slugs(related, self.shown)
        self.unsaved = self.unsaved or (self.use_cache and bool(touched))  # a file touched, its bytes as they were
        due = [one for key, one in listed.items() if one.listing and (key in fresh or one.shows_moved(moved, related))]
        return listed, due, problems + [problem for result in fresh.values() for problem in result.problems]

    def _check(self, site: Content, results: Results, seen: Stats, path: Path) -> ExplainerResult | None:
        """A touched file read, and validated again unless its bytes are as cached (None: its result stands). A
        worker leaves the validated explainer in the run's scratch folder for the render stage (handoff.py)."""
        key = path.relative_to(self.project.explainers).as_posix()
        cached = results.get(key)
        try:
            raw = read_bytes(path)
        except ContentError as error:
            return ExplainerResult(path, "", None, error.problems, (), ())
        if cached and cached.digest == digest(raw) and cached.pictures_as(seen):
            return None
        result = process_explainer(site, self.renderer, self.media, path, raw)
        return dataclasses.replace(result, prepared=self.scratch.spill(result.prepared)) if in_worker() else result

    def _render(self, site: Content, due: Due, into: SiteVersion | None, meanwhile: Callable[[], object] = bool) -> Due:
        """The pages of `due`, each written `into` the new site version as made (None: kept in memory) while this
        process does `meanwhile`; the renderer the workers share and the version they write into made first."""
        if due and self.prepare_renderer() and into is not None:  # (None: templates broken, no explainer is due)
            into.open()
        return parallel_map(partial(self._render_one, site, into.put if into else None), due, meanwhile)

    def _render_one(self, site: Content, sink: Sink | None, result: ExplainerResult) -> ExplainerResult:
        if isinstance(result.prepared, handoff.Spilled):  # validated in a worker of this run
            result = dataclasses.replace(result, prepared=result.prepared.take())
        if result.prepared is None:  # cached: made again from its file
            again = process_explainer(site, self.renderer, self.media, result.path, read_bytes(result.path))
            if again.digest != result.digest or again.prepared is None:  # saved again since it was checked
                raise ContentError([Problem(result.path, 1, 1, "", "changed while the site was built", "build again")])
            result = dataclasses.replace(again, stat=result.stat)
        assert self.renderer is not None  # made before any explainer is due (templates broken: none is)
        return self.renderer.explainer_result(result, self.related, sink)

    def _site_pages(self, results: Results, cache: Cache, trusted: bool) -> dict[str, bytes]:
        """The pages that span explainers, made only when a listing changed (since the last run, or the lists kept)."""
        listings = published(result.listing for result in results.values())
        if listings == self.listings and trusted:  # what was left out then is in the folder still
            return self.site_outputs
        key = listings_key(listings)
        if trusted and cache.lists[0] == key:
            return {}  # the folder holds lists of these listings; the next run asks again (it may not hold them then)
        renderer = self.prepare_renderer()
        assert renderer is not None  # broken templates stopped the run before its lists
        on_disk, self.listings = cache.list_inputs if trusted else {}, listings
        self.site_outputs, made = renderer.site_pages(listings, on_disk)
        cache.lists, cache.list_inputs = (key, sorted(set(self.site_outputs) | set(made.values()))), made
        return self.site_outputs

    def _remember(self, cache: Cache, results: Results, fresh: Due, written: dict[str, Entry]) -> None:
        """Keep what this build learnt (in memory, and in the cache file when anything changed)."""
        kept = (cache.search_stale, cache.media_time, cache.index_files)
        cache.search_stale, cache.media_time, cache.index_files = self.folder.state()
        moved = set(cache.explainers) != set(results) or kept != self.folder.state() or self.folder.restatted
        cache.explainers = {name: result.kept() for name, result in results.items()}
        if fresh and self.use_cache and not self.folder.in_place:  # the cards and pictures no page shows go
            shown = card_keys(cache.site)  # (the preview's saves leave them to its next start)
            prune_cache(self.cards, lambda name: name[:10] in shown)
            self.media.prune(cache.site)
        self.cache, self.shown = cache, self.related
        self.unsaved = self.unsaved or (self.use_cache and bool(fresh or written or moved))
        if not self.folder.in_place:  # the preview saves once edits pause (`saving`): a big cache takes a while
            self.saving()(cache_data.never)

    def saving(self) -> Callable[[cache_data.Stop], bool]:
        """What saves the cache file if it lags behind the cache in memory: taken under the build lock, run
        outside it (while the next save rebuilds). It returns False if it gave way to an edit (`Stop`)."""
        saver, self.unsaved = cache_data.saver(self.cache, self.project.cache_file) if self.unsaved else bool, False
        return saver


def process_explainer(
    site: Content, renderer: Renderer | None, media: MediaStore, path: Path, raw: bytes
) -> ExplainerResult:
    """Load → validate → render for one explainer file and its pictures; problems are returned, not raised.
    Without a renderer (the templates are broken) the file is still checked."""
    try:
        document = parse(path, decode(path, raw))
    except ContentError as error:
        return ExplainerResult(path, digest(raw), None, error.problems, (), ())
    explainer, problems = validate_explainer(document, site)
    claim = slug_claims(document)
    if explainer is None:  # its pictures are checked all the same, so one run names every problem
        return ExplainerResult(path, digest(raw), None, problems + media.named_file_problems(document), claim, ())
    pictures, files, problems, depends = media.pictures(document, explainer, site.languages)
    problems += renderer.card_problems(document, explainer) if renderer else []  # letters its cards cannot draw
    if problems or renderer is None:
        return ExplainerResult(path, digest(raw), None, problems, claim, (), media=depends)
    listing = renderer.listing(explainer, pictures[explainer.image.key] if explainer.image else None)
    prepared = (explainer, pictures, files)
    return ExplainerResult(path, digest(raw), listing, [], claim, (), media=depends, prepared=prepared)
