"""The live preview started: the first build, the watcher that rebuilds on every save (preview.Rebuilder), and
the server that shows site/ and reloads open pages (preview_server.py); `watch`, `serve` and `edit` run it."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import socket
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileCreatedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from . import embargo
from .build import Build
from .content_files import explainer_pages
from .parallel import allow_processes
from .preview import Rebuilder
from .preview_server import PreviewHandler, PreviewServer, make_server
from .problems import ContentError, Problem
from .project import Project
from .slugs import RESERVED_SLUGS


def watch(project: Project, report: Callable[[str], None], use_cache: bool = True) -> Rebuilder:
    """Build once, then rebuild on every change under content/, templates/ and fonts/ (returns at once).

    Content that fails `check` at the start does not stop the watch: the editor is about to fix it, and
    the preview shows the problems (over the last build in site/, if there is one) until then."""
    build = Build(project, use_cache=use_cache)
    started = time.perf_counter()
    problems: list[Problem] = []
    try:
        written = build.run()
        report(f"built {len(written)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
        for result in embargo.waiting(build.results, build.held).values():  # not shown until their day
            report(f"note: {embargo.notice(result)}")
    except ContentError as error:
        report(error.report())
        problems = error.problems
    build.folder.follow_saves()
    # The first build's objects (100,000 at N = 10,000) live as long as the preview: frozen, no collection walks them
    gc.collect()
    gc.freeze()
    allow_processes(False)  # from here on threads run: forking now could copy a held lock into a worker
    rebuilder = Rebuilder(build, [project.site, project.root / ".cache"], report)
    rebuilder.problems, codes = problems, [language.code for language in build.site.languages] if build.site else []
    rebuilder.published = explainer_pages(build.cache.site if build.cache else (), codes, RESERVED_SLUGS)
    # watchdog's inotify watcher warns of its own bookkeeping when a folder of folders is moved or copied in (a
    # "callback already exists" RuntimeWarning, twenty lines of its internals in the editor's terminal: an outside
    # tester's); the change itself is seen and built.
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"watchdog\.")
    observer = Observer()
    for folder in project.watched():
        observer.schedule(rebuilder, str(folder), recursive=True)
    if project.templates != project.root / "templates":  # the default templates, until the project has its own
        observer.schedule(_OwnTemplates(project, observer, rebuilder), str(project.root), recursive=False)
    observer.daemon = True
    observer.start()
    report("ready")
    threading.Thread(target=rebuilder.prepare, daemon=True).start()
    return rebuilder


class _OwnTemplates(FileSystemEventHandler):
    """Watches a project of content alone for a `templates` folder of its own: made (a designer copies the
    default ones to change them), it is the project's templates from then on, watched and built at once. The
    preview went on with the default ones, and never saw an edit to the copy, until it was started again."""

    def __init__(self, project: Project, observer: BaseObserver, rebuilder: Rebuilder) -> None:
        self.project, self.observer, self.rebuilder, self.watched = project, observer, rebuilder, False

    def on_any_event(self, event: FileSystemEvent) -> None:
        own = self.project.root / "templates"
        named = {Path(os.fsdecode(path)) for path in (event.src_path, event.dest_path) if path}
        if self.watched or own not in named or not own.is_dir():
            return
        self.watched = True
        self.observer.schedule(self.rebuilder, str(own), recursive=True)
        self.rebuilder.on_any_event(FileCreatedEvent(str(own / "base.html")))  # a rebuild, as by an edit


def serve(
    project: Project, host: str, port: int, report: Callable[[str], None], told: Callable[[Rebuilder], object] = bool
) -> None:
    """Watch and serve until interrupted, `told` of the preview once it answers; the address is tried first."""
    try:
        PreviewServer(host, port, PreviewHandler).server_close()
    except OSError as error:  # (told "address already in use" alone, the port and the way out unsaid: a tester's)
        if isinstance(error, socket.gaierror) or error.errno in {errno.EADDRNOTAVAIL, errno.EINVAL}:  # (the port was)
            raise OSError(
                f"the preview cannot listen on {host} ({error.strerror}): it is no address of this computer;"
                " give one with --host, e.g. 127.0.0.1"
            ) from None
        raise OSError(
            f"the preview cannot listen on port {port} ({error.strerror}); choose another with --port"
        ) from None
    server = make_server(project.site, rebuilder := watch(project, report), host, port)
    shown_host = f"[{host.strip('[]')}]" if ":" in host else host
    report(f"serving http://{shown_host}:{server.server_address[1]}/")
    told(rebuilder)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    finally:
        server.server_close()
        rebuilder.save_cache()
