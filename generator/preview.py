"""Live preview: rebuild what a saved file changes, and reload the reader's browser.

`python -m generator watch` keeps `site/` up to date; `python -m generator serve` also serves it on
127.0.0.1 and reloads open pages after each rebuild. The build state stays in memory, so a rebuild
parses and renders only the files that changed. The reload script is added to pages as they are served,
never written into `site/`: published pages stay free of JavaScript.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from . import embargo, urls
from .build import Build
from .cache import Cache, GaveWay, never
from .content_files import addresses_gone, is_ignored
from .listing import Listing, published
from .problems import ContentError, Problem, system_error
from .write import SiteFolderError

CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})
DEBOUNCE_SECONDS = 0.02  # editors save in several writes; wait this long for the last one
RETRY_SECONDS = 5.0  # a rebuild the system refused (a full disk) is tried again after this long
# What the system may take back of itself (a full disk, a quota, a file too large, a busy or failing device); a
# folder refused, or a permission, waits for an edit.
PASSING = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EAGAIN, errno.EIO})
Pages = frozenset[str] | None  # the pages a rebuild changed, if it changed pages alone (None: every page reloads)
SEARCH_IDLE_SECONDS = 2.0  # re-index for search once edits pause: indexing every page takes seconds


class Rebuilder(FileSystemEventHandler):
    """Runs the incremental build after files change, one build at a time, reporting each. `version` counts
    finished rebuilds, failed ones too: open pages reload after each, so the problems overlay (preview_server)
    comes when a save breaks the content and goes when it is fixed."""

    def __init__(self, build: Build, ignored: list[Path], report: Callable[[str], None]) -> None:
        self.build = build
        self.ignored = [path.resolve() for path in ignored]
        self.report = report
        self.version = 0
        self.searched = 0  # how many times the search index was made again
        self.changed = threading.Condition()
        self.pending = threading.Event()
        self.lock = threading.Lock()  # one build or index at a time
        self.saving = threading.Lock()  # one save of the cache file at a time; taken before `lock`, never after
        self.stopping = threading.Event()  # the preview is ending: a save under way gives way to the last one
        self.problems: list[Problem] = []  # what the last rebuild failed on
        self.notes: list[Problem] = []  # what the last rebuild, which succeeded, warns of (a published page gone)
        self.pages: Pages = None  # what the last rebuild changed: the open pages that show it reload, the rest stay
        self.refused = ""  # what the system said of the last rebuild, if it refused it (said once)
        self.published: list[str] = []  # the explainer pages (`ar/<slug>/`) the site had when the preview began
        self.had = {kept.listing.slug: kept.path for kept in build.results.values() if kept.listing}  # each slug's file
        self.running: set[int] = set()  # builds and indexings under way: files in site/ may be mid-swap
        self.started = 0
        self.quiet_since = time.monotonic()  # when the last edit came or its rebuild ended
        self.active = threading.Event()  # set by an edit or a rebuild: the next quiet moment has work to do
        self.active.set()
        self.noting = threading.Lock()  # the files changed since the last rebuild, noted as the watcher says
        self.touched: set[Path] = set()
        self.everything = True  # stat every file at the next rebuild (the first, and after a folder's event)
        self.asked: dict[str, tuple[int, int]] = {}  # the files as they were when `_missed` last asked for a rebuild
        self.settled = threading.Condition()
        threading.Thread(target=self._loop, daemon=True).start()
        threading.Thread(target=self._search_loop, daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """A file saved, made, moved or removed: noted (the next rebuild stats only those, `stats.restat`), and a
        rebuild asked for. A folder made, moved or removed asks for one that stats every file: its files have no
        events of their own (a folder of explainers moved out of content/ stayed listed until the next save, an
        outside tester's)."""
        if event.event_type not in CHANGES:  # our own reads show up as "opened" and "closed_no_write"
            return
        paths = [Path(os.fsdecode(path)).resolve() for path in (event.src_path, event.dest_path) if path]
        if event.is_directory:  # "modified" only says a file in it changed, which has its own event
            if event.event_type in ("created", "moved", "deleted") and self._watched(paths):
                with self.noting:
                    self.everything = True
                self._asked()
            return
        if paths := self._watched(paths):
            with self.noting:
                self.touched.update(paths)
            self._asked()

    def _watched(self, paths: list[Path]) -> list[Path]:
        """Those of `paths` a build reads: not editors' hidden, lock and backup files, nor the ignored folders."""
        paths = [path for path in paths if not is_ignored(path.name)]
        return [path for path in paths if not any(path == folder or folder in path.parents for folder in self.ignored)]

    def _asked(self) -> None:
        """A rebuild asked for, and the next quiet moment's work."""
        self.quiet_since = time.monotonic()
        self.active.set()
        self.pending.set()

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under (`/explainers/`), as the last site settings read say: the preview
        serves the site there too, where its 404 pages link (an outside tester's were all dead links)."""
        return urls.base_path(str(self.build.site.settings.site_url)) if self.build.site else "/"

    def busy(self) -> bool:
        """Whether an edit waits for its rebuild or one runs: what background work gives way to."""
        return self.pending.is_set() or self.lock.locked()

    def _loop(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(DEBOUNCE_SECONDS)
            self.pending.clear()
            if not self.rebuild():  # the system refused it: tried again in a while, or at the next edit
                self.pending.wait(RETRY_SECONDS)
                self.pending.set()

    def _search_loop(self) -> None:
        """Bring the search index up to date once edits have paused, beside the builds, never blocking them.

        Paused: SEARCH_IDLE_SECONDS since the last save's rebuild ended (not a tick: an editor saving every
        second had the index and the cache file made between saves). Both give way to an edit or a rebuild
        (`busy`). An edit made during indexing marks the index stale again; a full rebuild that swaps site/
        away under the indexer loses that index (one line said, no dead thread), made again at the next quiet
        moment. The cache file is saved then too: saved on every save, it doubled a save's cost at 10,000."""
        while True:
            self.active.wait()
            time.sleep(max(self.quiet_since + SEARCH_IDLE_SECONDS - time.monotonic(), 0))
            if self.busy() or time.monotonic() < self.quiet_since + SEARCH_IDLE_SECONDS:
                continue
            self.active.clear()
            if self._missed():
                continue
            self.save_cache(give_way=True)  # the cache file, which a rebuild leaves to this quiet moment
            if self.build.folder.search_stale and not self.busy():
                self.build.folder.search_stale = False
                try:
                    with self.working():
                        self.build.folder.index_search(background=True, stop=self.busy)
                except GaveWay:  # an edit came: indexed at the next quiet moment, after its save
                    self.build.folder.search_stale = True
                    continue
                except RuntimeError as error:
                    self.report(str(error))
                    continue
                except OSError as error:
                    self.build.folder.search_stale = True
                    self.active.set()
                    self.report(f"search index not updated, will try again: {error}")
                    continue
                with self.lock:  # in the cache too, saved at the next pause: else the next `build` indexes again
                    if (cache := self.build.cache) is not None:
                        cache.search_stale, _, cache.index_files = self.build.folder.state()
                        self.build.unsaved = self.build.use_cache
                with self.changed:  # an open search page reloads to use it (preview_server.reload_script)
                    self.searched += 1
                    self.changed.notify_all()
                self.report("search index updated")

    def _missed(self) -> bool:
        """Whether an explainer file is not as the last rebuild saw it, though no event named it (a watcher
        can lose events: its queue full, a folder moved in); if so, a rebuild that stats every file is asked
        for, once for what it found (a rebuild that fails before it stats them, site.yml broken, must not be
        asked for again and again). Asked when edits pause, the one time the preview stats them all."""
        found = self.build.project.explainer_stats()
        if not self.build.stats or found in (self.build.stats, self.asked):
            return False
        self.asked = found
        with self.noting:
            self.everything = True
        self.pending.set()
        return True

    def prepare(self) -> None:
        """Load the rendering stack (Jinja2, card fonts, HarfBuzz) and the build cache, compile every template and
        work out each list output's inputs while the editor reads, else the first save paid (330 ms at N = 1, 40 ms
        for the next; at 10,000, 0.5 s for the cache, 0.1–0.2 s for the lists). Gives way to a save made sooner."""
        with self.lock:
            renderer = self.build.prepare_renderer()
            if not self.build.fingerprint:  # the site-wide inputs could not be read (broken)
                return
            cache = self.build.cache = self.build.cached()
            if renderer and not self.pending.is_set():
                renderer.compile_templates()
            listings = published(item.listing for item in cache.explainers.values())
            if renderer and cache.list_inputs and not self.pending.is_set():  # as the last build left them
                renderer.site_pages(listings, cache.list_inputs)
            if not self.pending.is_set():
                self._know_files(cache, listings)

    def _know_files(self, cache: Cache, listings: list[Listing]) -> None:
        """Each explainer file's size and time, and their related reading, worked out before the first save (it
        took 50 ms more at 10,000); a file not as the cache has it (changed before the watch) asks a rebuild."""
        found = self.build.project.explainer_stats()
        self.build.related_reading(listings)
        with self.noting:
            if self.touched or self.pending.is_set():  # an edit came meanwhile: its rebuild stats every file
                return
            self.build.stats, self.everything = found, False
        if found.keys() != cache.explainers.keys() or any(cache.explainers[name].stat != found[name] for name in found):
            self.pending.set()

    def save_cache(self, give_way: bool = False) -> None:
        """Write the cache file if saves have left it behind: when edits pause, giving way to the next edit, and when
        the preview stops (else the next start could not trust the folder the saves changed, and built it all),
        making one under way give way and waiting for it (else its temporary file was left, its content unsaved)."""
        if not give_way:
            self.stopping.set()
        stop = (lambda: self.busy() or self.stopping.is_set()) if give_way else never
        with self.saving:  # one at a time: two would write the same temporary file
            with self.lock:
                save = self.build.saving()
            if not save(stop):
                with self.lock:  # not while a rebuild decides whether the cache changed: it would undo this
                    self.build.unsaved = True  # gave way: saved at the next pause, or by the save on the way out

    @contextlib.contextmanager
    def working(self) -> Iterator[None]:
        """Mark site/ as being changed, so a request that misses a file waits for the change to end."""
        with self.settled:
            self.started = task = self.started + 1
            self.running.add(task)
        try:
            yield
        finally:
            with self.settled:
                self.running.discard(task)
                self.settled.notify_all()

    def wait_settled(self, timeout: float) -> bool:
        """Wait until the builds and indexings under way now have ended (not later ones: edits in a row
        must not hold a request up for ever); False if that took longer than `timeout`."""
        with self.settled:
            now = set(self.running)
            return self.settled.wait_for(lambda: not now & self.running, timeout=timeout)

    def rebuild(self) -> bool:
        """Build what changed; False if the system refused (a full disk)."""
        started = time.perf_counter()
        try:
            with self.working(), self.lock:
                with self.noting:
                    touched, self.touched, self.everything = None if self.everything else self.touched, set(), False
                written = self.build.run(touched)
        except ContentError as error:
            with self.noting:  # asked again at the next rebuild: one that failed on site.yml read none of them, and
                self.everything |= touched is None  # an explainer saved meanwhile stayed unbuilt once site.yml was
                self.touched |= touched or set()  # mended ("rebuilt 0 files": an outside tester's)
            self.report(error.report())
            self._finished(error.problems)
            return True
        except (SiteFolderError, OSError) as error:  # a folder refused, a full disk: said once, kept watching
            said = system_error(error) if isinstance(error, OSError) else str(error)
            if said != self.refused:
                self.report(said)
            self.refused = said
            with self.noting:  # the edit was consumed, and a full disk's was published by a later save alone (a
                self.everything = True  # tester's): tried again, if the system may take it in a while
            return not (isinstance(error, OSError) and error.errno in PASSING)
        except Exception as error:  # a fault of ours: said, and the next save builds everything again
            # (raised here, it ended the thread that rebuilds, and the preview served stale pages for good with no
            # word on them: an outside tester's)
            with self.noting:
                self.everything = True
            said = f"{type(error).__name__}: {error}"
            traceback.print_exc()  # for whoever fixes it
            self.report(f"the rebuild failed, an internal error (please report it): {said}")
            hint = "please report it; the next save builds every page again"
            self._finished(
                [Problem(self.build.project.content, 1, 1, "", f"the preview could not rebuild: {said}", hint)]
            )
            return True
        self.refused = ""
        self.report(f"rebuilt {len(written)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
        made = self.build.cache.site if self.build.cache else {}  # a page gone (a slug changed): said, as by check
        languages = [language.code for language in self.build.site.languages] if self.build.site else None
        now = {result.path: result.listing.slug for result in self.build.results.values() if result.listing}
        moved = {slug: (path, now[path]) for slug, path in self.had.items() if now.get(path, slug) != slug}
        self.had |= {slug: path for path, slug in now.items()}
        notes = addresses_gone(self.build.project.explainers, self.published, made, languages=languages, moved=moved)
        notes += map(embargo.notice, embargo.waiting(self.build.results, self.build.held).values())  # (gone unsaid)
        for note in notes if notes != self.notes else []:
            self.report(f"note: {note}")  # where, as the start's and `build`'s (it lost its file: a retester's)
        pages = frozenset(written) if not self.problems and notes == self.notes else None  # (the panel goes or comes)
        self._finished([], notes, pages if pages is None or all(name.endswith(".html") for name in pages) else None)
        return True

    def _finished(self, problems: list[Problem], notes: list[Problem] | None = None, pages: Pages = None) -> None:
        self.quiet_since = time.monotonic()
        self.active.set()
        with self.changed:
            self.problems, self.notes, self.pages = problems, self.notes if notes is None else notes, pages
            self.version += 1
            self.changed.notify_all()
