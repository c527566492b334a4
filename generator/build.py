"""The pipeline: load → validate → render → write → index. The one orchestration behind every command.

`check` runs it without writing; `build` writes site/ and keeps a cache so that the next run redoes only
what changed; `watch` and `serve` keep one `Build` in memory across saves; the MkDocs plugin runs it without
writing and hands MkDocs the files. So every command finds the same problems, located the same way.

What the cache tracks, in one place: the pages of an explainer depend on its file's bytes, on the site-wide
inputs (settings, interface strings, authors, templates, assets, fonts, this code) and on the listings of the
explainers its related reading shows (`ExplainerResult.related`), nothing else. A change to a site-wide input
starts from nothing; otherwise only explainer files whose bytes changed are parsed, validated and rendered,
and the pages that span explainers (lists, feeds, sitemap) are made again only when the listings changed.
In memory (a watch loop) the same rule holds: the renderer is kept while the site-wide fingerprint is the
same, the list pages while the listings are, each list output while its inputs are (`Renderer.remembered`).
Every other memo (a text's HTML, a formatted date, a plural rule) is a pure function of its arguments."""

from __future__ import annotations

import dataclasses
import importlib.metadata
from functools import cache, partial
from pathlib import Path

from . import cache as cache_data
from . import editor, swap
from .cache import Cache, ExplainerResult
from .document import Document
from .hashing import digest
from .listing import Listing, Related, related_key, related_reading
from .load import decode, load_each, parse, read_assets, read_bytes, read_cache, read_fonts, stat_files
from .media_store import MediaStore
from .parallel import parallel_map
from .problems import ContentError, Problem
from .project import Project
from .publish import SiteFolder
from .render import Renderer
from .settings import Content
from .template_check import template_problems
from .validate import SlugClaim, check_slugs, validate_authors, validate_explainer, validate_settings, validate_strings
from .write import guard_site_folder, write_cache

# Libraries whose version changes what a page looks like.
RENDERING_LIBRARIES = ("Markdown", "nh3", "Jinja2", "Babel", "pydantic", "PyYAML")


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
    ) -> None:
        self.project = project
        self.write = write  # False: validate and render only (check, the MkDocs plugin)
        self.use_cache = use_cache and write
        self.cache_file = project.root / ".cache" / "build.json"
        self.folder = SiteFolder(site or project.site, search, allow_empty)
        self.media = MediaStore(project.content, project.root / ".cache" / "media")
        self.cache: Cache | None = None
        # Kept in memory between runs of a watch loop: templates stay compiled, unchanged lists unrendered.
        self.renderer: Renderer | None = None
        self.fingerprint = ""  # of the site-wide inputs the renderer was made from
        self.broken: list[Problem] = []  # what is wrong with the templates of that fingerprint
        self.listings: list[Listing] | None = None
        self.site_outputs: dict[str, bytes] = {}
        self.explainers = 0  # how many the last run published
        self.site: Content | None = None  # the settings and strings the last run read
        self.related: Related = {}  # each explainer's related reading, by slug

    def run(self) -> dict[str, bytes]:
        """Build; returns the files written (every file, when not writing). Raises ContentError, having written
        nothing, on any problem. One writing build of a project at a time (a second waits for the lock), and
        each first undoes what a build that died left beside the site folder."""
        if not self.write:
            return self._pipeline()
        guard_site_folder(self.folder.path, self.project.root, self.project.sources())
        with swap.exclusive(self.project.root / ".cache" / "build.lock"):
            swap.recover(self.folder.path.resolve())
            return self._pipeline()

    def _pipeline(self) -> dict[str, bytes]:
        """load → validate → render → write → index, each stage named where it runs."""
        site, fingerprint, problems = self._site_inputs()  # load, validate: settings, strings, templates, fonts
        self.site = site
        cache = self._cache(fingerprint)
        results, fresh, found = self._explainers(cache, site)  # load, validate, render: each changed explainer
        problems += found + check_slugs([result.claim for result in results.values() if result.claim is not None])
        if problems or self.renderer is None:
            raise ContentError(problems)
        self.explainers = sum(1 for result in results.values() if result.listing)
        if self.write and not self.folder.allow_empty and not self.explainers:
            self.folder.refuse_emptying(self.project.explainers, [language.code for language in site.languages])
        outputs = self._site_pages(results, cache) | editor.outputs(site, self.project.templates, self.write)
        outputs.update(item for result in fresh for item in result.outputs.items())
        if not self.write:
            return dict(sorted(outputs.items()))
        written = self.folder.sync(cache, results, outputs, partial(self._render_again, site))  # write, index
        self._remember(cache, results, fresh, written)
        return written

    def _site_inputs(self) -> tuple[Content, str, list[Problem]]:
        """Settings, strings, templates, assets and fonts: validated, fingerprinted for the cache, and the
        renderer made from them. Without valid settings and strings nothing else can be checked, so their
        problems are raised at once; broken templates are reported with the explainers' problems."""
        stray = self.project.explainer_listing()[1]  # what kept explainer files from being listed
        settings_file = self.project.settings_file
        refused = self.project.outside_links([settings_file])  # never read, so never quoted in an error
        (settings_document,), problems = ([None], refused) if refused else load_each([settings_file])
        settings, found = validate_settings(settings_document) if settings_document else (None, [])
        if settings is None:
            raise ContentError(problems + found + stray)
        files = [self.project.strings_file(code) for code in settings.languages]
        refused = self.project.outside_links(files)
        tables, problems = ([], refused) if refused else load_each(files)
        documents = {code: table for code, table in zip(settings.languages, tables, strict=False) if table is not None}
        site, found = (None, []) if problems else validate_strings(settings, documents)
        if site is None or settings_document is None:
            raise ContentError(problems + found + stray)
        site = self._with_authors(site)
        if self.project.site_url is not None:
            site = site.served_from(self.project.site_url)
        templates = self.project.templates
        assets = read_assets(templates / "assets")
        fonts = read_fonts(self.project.root, settings_document, {lang.code: lang.font for lang in site.languages})
        fingerprint = self._fingerprint(site, {**assets, **{f"font {code}": data for code, data in fonts.items()}})
        if self.renderer is None or self.fingerprint != fingerprint:  # templates are in the fingerprint
            self.broken = template_problems(templates)
            cards = self.project.root / ".cache" / "cards" if self.use_cache else None
            self.renderer = None if self.broken else Renderer(site, templates, assets, fonts, cards)
            self.listings = None
        self.fingerprint = fingerprint
        return site, fingerprint, list(self.broken)  # a copy: the caller adds the explainers' problems

    def _with_authors(self, site: Content) -> Content:
        """The site with content/authors.yml's bylines, when the project has the file (raised at once if wrong:
        explainers naming authors cannot be checked without them)."""
        authors_file = self.project.authors_file
        if not authors_file.exists():
            return site
        refused = self.project.outside_links([authors_file])
        (document,), problems = ([None], refused) if refused else load_each([authors_file])
        with_authors, found = validate_authors(document, site) if document else (None, [])
        if with_authors is None:
            raise ContentError(problems + found)
        return with_authors

    def _fingerprint(self, site: Content, assets: dict[str, bytes]) -> str:
        parts = [f"format {cache_data.FORMAT}", repr(site.settings), repr(site.strings), repr(site.authors)]
        parts += _library_versions()
        code = Path(__file__).parent
        for folder, pattern in ((code, "*.py"), (self.project.templates, "**/*")):
            parts += [f"{path}:{digest(path.read_bytes())}" for path in sorted(folder.glob(pattern)) if path.is_file()]
        parts += [f"{name}:{digest(data)}" for name, data in sorted(assets.items())]
        return digest("\n".join(parts).encode("utf-8"))

    def _cache(self, fingerprint: str) -> Cache:
        """What the last build remembered, if it was made from the same site-wide inputs and for this folder."""
        stored = read_cache(self.cache_file) if self.use_cache and self.cache is None else None
        cache = self.cache or (cache_data.decode(stored) if stored else None) or Cache()
        if cache.fingerprint != fingerprint:
            cache = Cache(fingerprint)
        where = str(self.folder.path.resolve())
        if cache.site_path != where:
            cache.site, cache.site_path = {}, where
        return cache

    def _explainers(
        self, cache: Cache, site: Content
    ) -> tuple[dict[str, ExplainerResult], list[ExplainerResult], list[Problem]]:
        """Every explainer file's result: read, validated and rendered again only when its bytes changed."""
        files, problems = self.project.explainer_listing()
        keys = {path: path.relative_to(self.project.explainers).as_posix() for path in files}  # 2024/x.yml
        stats = stat_files(self.project.explainers, keys.values())
        raw: dict[Path, bytes] = {}
        pictures_as_built: dict[Path, bool] = {}  # its pictures have the size and time they had when built
        for path, key in keys.items():
            cached = cache.explainers.get(key, _NONE)
            pictures_as_built[path] = self.media.stats(list(cached.media)) == cached.media
            if cached.stat == stats.get(key) and pictures_as_built[path]:
                continue  # the file and its pictures have the same size and time as when last read
            try:
                raw[path] = read_bytes(path)
            except ContentError as error:
                problems += error.problems
        changed = [
            path
            for path, data in raw.items()
            if not (pictures_as_built[path] and cache.explainers.get(keys[path], _NONE).digest == digest(data))
        ]
        fresh = parallel_map(lambda path: process_explainer(site, self.renderer, self.media, path, raw[path]), changed)
        results = {
            key: cache.explainers[key] for path, key in keys.items() if path not in changed and key in cache.explainers
        }
        results.update((keys[result.path], result) for result in fresh)
        # Pages render once every listing is known: an unchanged file whose related reading moved renders too.
        self.related = related_reading([result.listing for result in results.values() if result.listing])
        stale = [path for path, key in keys.items() if key in results and self._moved(results[key])]
        fresh = self._render([*fresh, *parallel_map(partial(self._prepare, site), stale)])
        results.update((keys[result.path], result) for result in fresh)
        for name, result in list(results.items()):  # remember when each file was seen as it is
            if result.stat != stats.get(name, (0, 0)):
                results[name] = dataclasses.replace(result, stat=stats.get(name, (0, 0)))
        return results, fresh, problems + [problem for result in fresh for problem in result.problems]

    def _moved(self, result: ExplainerResult) -> bool:
        """Whether pages rendered by an earlier run show related reading that has changed since."""
        slug = result.listing.slug if result.listing and result.prepared is None else None
        return slug is not None and result.related != related_key(self.related[slug])

    def _prepare(self, site: Content, path: Path) -> ExplainerResult:
        return process_explainer(site, self.renderer, self.media, path, read_bytes(path))

    def _render(self, prepared: list[ExplainerResult]) -> list[ExplainerResult]:
        """The pages of explainers validated in this run, with their related reading."""
        return parallel_map(lambda result: render_explainer(self.renderer, result, self.related), prepared)

    def _site_pages(self, results: dict[str, ExplainerResult], cache: Cache) -> dict[str, bytes]:
        """The pages that span explainers, made only when a listing changed (since the last run, or the lists kept)."""
        assert self.renderer is not None
        listings = sorted((result.listing for result in results.values() if result.listing), key=lambda item: item.slug)
        if listings == self.listings:
            return self.site_outputs
        key = digest(repr(listings).encode("utf-8"))
        if self.write and cache.lists[0] == key and self.folder.trusted(cache):
            return {}  # the folder holds lists of these listings; the next run asks again (it may not hold them then)
        self.site_outputs, self.listings = self.renderer.site_pages(listings), listings
        cache.lists = (key, sorted(self.site_outputs))
        return self.site_outputs

    def _render_again(self, site: Content, paths: list[Path]) -> dict[str, bytes]:
        """Pages of unchanged explainers that the site folder lacks: rendered again from their files."""
        results = self._render(parallel_map(partial(self._prepare, site), paths))
        return {name: data for result in results for name, data in result.outputs.items()}

    def _remember(
        self, cache: Cache, results: dict[str, ExplainerResult], fresh: list[ExplainerResult], written: dict[str, bytes]
    ) -> None:
        """Keep what this build learnt (in memory, and in the cache file when anything changed)."""
        moved = set(cache.explainers) != set(results) or cache.search_stale != self.folder.search_stale
        dirty = bool(fresh or written or moved)
        cache.search_stale = self.folder.search_stale
        cache.explainers = {name: _without_outputs(result) for name, result in results.items()}
        self.cache = cache
        if self.use_cache and dirty:
            write_cache(self.cache_file, cache_data.encode(cache))

    def index_search(self, background: bool = False) -> None:
        """Index the site folder's pages for search (the preview does it once edits pause)."""
        self.folder.index_search(background)


@cache
def _library_versions() -> list[str]:
    """The rendering libraries' versions: read once per process (each read parses a package's metadata)."""
    return [f"{name} {importlib.metadata.version(name)}" for name in RENDERING_LIBRARIES]


def process_explainer(
    site: Content, renderer: Renderer | None, media: MediaStore, path: Path, raw: bytes
) -> ExplainerResult:
    """Load → validate → render for one explainer file and its pictures; problems are returned, not raised.
    Without a renderer (the templates are broken) the file is still checked."""
    try:
        document: Document = parse(path, decode(path, raw))
    except ContentError as error:
        return ExplainerResult(path, digest(raw), None, error.problems, None, {})
    explainer, problems = validate_explainer(document, site)
    if explainer is None:  # its pictures are checked all the same, so one run names every problem
        return ExplainerResult(path, digest(raw), None, problems + media.named_file_problems(document), None, {})
    claim = SlugClaim(path, explainer.slug, *document.locate(("slug",)))
    pictures, files, problems, depends = media.pictures(document, explainer, site.languages)
    if problems or renderer is None:
        return ExplainerResult(path, digest(raw), None, problems, claim, {}, media=depends)
    listing = renderer.listing(explainer, pictures[explainer.image.key] if explainer.image else None)
    prepared = (explainer, pictures, files)
    return ExplainerResult(path, digest(raw), listing, [], claim, {}, media=depends, prepared=prepared)


def render_explainer(renderer: Renderer | None, result: ExplainerResult, related: Related) -> ExplainerResult:
    """An explainer's pages (and pictures), once the run knows every listing and so its related reading."""
    if result.prepared is None or renderer is None or result.listing is None:
        return result
    explainer, pictures, files = result.prepared
    shown = related[explainer.slug]
    outputs = {**renderer.explainer_pages(explainer, pictures, shown), **files}
    pages = {name: digest(data) for name, data in outputs.items()}
    return dataclasses.replace(result, pages=pages, outputs=outputs, related=related_key(shown), prepared=None)


_NONE = ExplainerResult(Path(), "", None, [], None, {})


def _without_outputs(result: ExplainerResult) -> ExplainerResult:
    """What the cache keeps of a result: everything but the page bytes (a cached result is kept as it is)."""
    return dataclasses.replace(result, problems=[], outputs={}) if result.outputs else result
