"""Live preview: rebuild what a saved file changes, and reload the reader's browser.

`python -m generator watch` keeps `site/` up to date; `python -m generator serve` also serves it on
127.0.0.1 and reloads open pages after each rebuild. The build state stays in memory, so a rebuild
parses and renders only the files that changed. The reload script is added to pages as they are served,
never written into `site/`: published pages stay free of JavaScript.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import Project
from .incremental import IncrementalBuild
from .parallel import allow_processes
from .problems import ContentError

CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})
DEBOUNCE_SECONDS = 0.02  # editors save in several writes; wait this long for the last one
SEARCH_IDLE_SECONDS = 2.0  # re-index for search once edits pause: indexing every page takes seconds
RELOAD_SCRIPT = b"""<script>new EventSource("/__reload").onmessage = () => location.reload();</script>"""


class Rebuilder(FileSystemEventHandler):
    """Runs the incremental build after files change, one build at a time, reporting each."""

    def __init__(self, build: IncrementalBuild, ignored: list[Path], report: Callable[[str], None]) -> None:
        self.build = build
        self.ignored = [path.resolve() for path in ignored]
        self.report = report
        self.version = 0
        self.changed = threading.Condition()
        self.pending = threading.Event()
        self.lock = threading.Lock()  # one build or index at a time
        threading.Thread(target=self._loop, daemon=True).start()
        threading.Thread(target=self._search_loop, daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:  # our own reads show up as "opened" and "closed_no_write"
            return
        path = Path(str(event.src_path)).resolve()
        if event.is_directory or path.name.startswith(".") or path.name.endswith("~"):
            return
        if any(path == folder or folder in path.parents for folder in self.ignored):
            return
        self.pending.set()

    def _loop(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(DEBOUNCE_SECONDS)
            self.pending.clear()
            self.rebuild()

    def _search_loop(self) -> None:
        """Bring the search index up to date once edits have paused, beside the builds, never blocking them.

        Pagefind reads the site's pages while a rebuild may be writing some: an edit made during indexing
        marks the index stale again, and the next quiet moment indexes once more."""
        while True:
            time.sleep(SEARCH_IDLE_SECONDS)
            if self.build.search_stale and not self.pending.is_set():
                self.build.search_stale = False
                try:
                    self.build.index_search(background=True)
                except RuntimeError as error:
                    self.report(str(error))
                    continue
                self.report("search index updated")

    def rebuild(self) -> None:
        started = time.perf_counter()
        try:
            with self.lock:
                written = self.build.run()
        except ContentError as error:
            self.report(error.report())
            return
        self.report(f"rebuilt {len(written)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
        with self.changed:
            self.version += 1
            self.changed.notify_all()


def watch(project: Project, report: Callable[[str], None], use_cache: bool = True) -> Rebuilder:
    """Build once, then rebuild on every change under content/ and templates/ (returns at once)."""
    build = IncrementalBuild(project, use_cache=use_cache)
    started = time.perf_counter()
    written = build.run()
    build.search = False  # from now on the search index is brought up to date when edits pause
    report(f"built {len(written)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
    allow_processes(False)  # from here on threads run: forking now could copy a held lock into a worker
    rebuilder = Rebuilder(build, [project.site, project.root / ".cache"], report)
    observer = Observer()
    for folder in project.watched():
        observer.schedule(rebuilder, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    report("ready")
    return rebuilder


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves site/ like a static host (language 404 pages included), plus the reload channel."""

    rebuilder: Rebuilder

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/__reload":
            self._reload_stream()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file():
            language = self.path.strip("/").split("/")[0]
            status = HTTPStatus.NOT_FOUND
            path = Path(self.directory) / (f"{language}/404.html" if language in {"ar", "en"} else "404.html")
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        if content_type == "text/html":
            body = body.replace(b"</body>", RELOAD_SCRIPT + b"</body>")
            content_type = "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _reload_stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with self.rebuilder.changed:
            seen = self.rebuilder.version
            while self.rebuilder.version == seen:
                self.rebuilder.changed.wait(timeout=15)
                if self.rebuilder.version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        self.wfile.write(b"data: reload\n\n")
        self.wfile.flush()


def serve(project: Project, host: str, port: int, report: Callable[[str], None]) -> None:
    """Watch and serve until interrupted."""
    rebuilder = watch(project, report)
    handler = type("Handler", (PreviewHandler,), {"rebuilder": rebuilder})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(project.site)))
    server.daemon_threads = True
    report(f"serving http://{host}:{server.server_address[1]}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
