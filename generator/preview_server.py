"""The preview's HTTP side: serve site/ to the editor's own browser, robustly, and tell it to reload.

It is a development server on the editor's machine, but browsers and other programs reach it too, so it
holds to a few rules of its own:

- many clients at once (a page, its styles and fonts, several tabs, a load test): a thread per connection
  and a deep listen backlog, so no connection is refused while the first ones are answered;
- a connection that says nothing is closed after `IDLE_SECONDS`; only the reload stream lives long, and it
  ends as soon as a write to a departed client fails;
- only requests whose `Host` names this machine (or the `--host` given) are answered: otherwise a page on
  another site, its name re-pointed at 127.0.0.1 (DNS rebinding), could read unpublished drafts;
- a client that goes away, a path no file system accepts, a URL too long: a status code, never a traceback;
- a page asked for while a rebuild swaps files is looked up again once the rebuild is over, not answered 404;
- while the content does not pass `check`, every page carries an overlay naming each problem; the reload
  channel reloads open pages when that changes, so the overlay appears and clears by itself.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from .editor import ADMIN
from .preview_page import WORKER, WORKER_PATH, overlay, reload_script, with_before_body_end
from .problems import Problem

IDLE_SECONDS = 10.0  # a connection that sends no request for this long is closed
KEEPALIVE_SECONDS = 5.0  # the reload stream writes this often, which is how a departed client is noticed
REBUILD_WAIT_SECONDS = 30.0  # at most this long a request for a missing file waits for a running rebuild
MAX_URL_BYTES = 4096  # longer request targets get 414, as common servers do
MAX_SEGMENT_BYTES = 255  # no file name is longer on the usual file systems: such a path cannot exist
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]@/\s]+)(?::[0-9]{0,5})?")  # a name or [IPv6], then a port
MAX_PAGES_NAMED = 200  # a rebuild that changed more pages reloads every open one (a topic renamed: thousands)
GONE = (ConnectionError, TimeoutError)  # the client left or stalled: nothing to report


class BuildState(Protocol):
    """What the server needs from the watch loop (`preview.Rebuilder`)."""

    version: int
    problems: list[Problem]  # what the last rebuild failed on
    notes: list[Problem]  # what the last rebuild, which succeeded, warns of
    changed: threading.Condition
    searched: int  # how many times the search index was made again
    pages: frozenset[str] | None  # the pages the last rebuild changed, if it changed pages alone

    @property
    def base_path(self) -> str: ...  # the sub-path the site is served under, `/` at a domain's root

    def wait_settled(self, timeout: float) -> bool: ...


def host_allowed(header: str | None, extra: str) -> bool:
    """Whether a `Host` header names this machine or the address the server was asked to listen on."""
    found = HOST_HEADER.fullmatch((header or "").strip().lower())
    if found is None:
        return False
    extra = extra.lower()
    return found.group(1).removesuffix(".") in LOCAL_HOSTS | {f"[{extra}]" if ":" in extra else extra}


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves site/ like a static host (language 404 pages included), plus the reload channel."""

    state: BuildState
    host: str
    timeout = IDLE_SECONDS  # applied to the connection's socket: an idle client is let go

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.host):
            self.send_error(HTTPStatus.FORBIDDEN, "This preview answers only localhost and the --host it was given")
            return
        if len(self.path.encode("utf-8", "surrogateescape")) > MAX_URL_BYTES:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return
        target = urlsplit(self.path)
        if target.path == "/__reload":
            self._reload_stream(target.query)
            return
        if target.path == WORKER_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", WORKER, send_body)
            return
        base, under = self.state.base_path, ""
        if base != "/" and target.path.startswith(base) and not self._exists(target.path):  # where it will be served
            under, target = base[:-1], target._replace(path=target.path[len(base) - 1 :])
        if not target.path.endswith("/") and (self._is_folder(target.path) or target.path + "/" == base):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)  # as static hosts do, so relative links work
            location = under + target.path + "/" + (f"?{target.query}" if target.query else "")
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        found = self._file(target.path)
        status = HTTPStatus.OK
        if found is None:
            status = HTTPStatus.NOT_FOUND
            # A language's own 404 page where the first folder has one (/fr/… → /fr/404.html), as hosts are told
            # to in _redirects: the site's languages, without the preview having to know them.
            folder = target.path.strip("/").split("/")[0]
            found = (self._file(f"/{folder}/404.html") if folder and folder not in {".", ".."} else None) or self._file(
                "/404.html"
            )
            if found is None:  # no site yet (the first build failed): a blank page, to carry the overlay
                found = Path("404.html"), b"<!doctype html><title>404</title><body></body>"
        path, body = found
        content_type = self.guess_type(str(path))
        if content_type == "text/html" and not target.path.lstrip("/").startswith(ADMIN):  # the editor keeps its state
            problems, notes = self.state.problems, self.state.notes
            extra = overlay(problems or notes, self._languages(), notes=not problems) if problems or notes else b""
            searched = self.state.searched if target.path.endswith("/search/") else None  # (urls.search)
            shown = Path(os.path.relpath(path, self.directory)).as_posix() if status == HTTPStatus.OK else None
            body = with_before_body_end(body, extra + reload_script(self.state.version, searched, shown))
            content_type = "text/html; charset=utf-8"
        self._send(status, content_type, body, send_body)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _exists(self, url_path: str) -> bool:
        """Whether the site has this path as it is (a sub-path named as a language, `/ar/`, is the site's own)."""
        return self._on_disk(url_path, Path.exists)

    def _is_folder(self, url_path: str) -> bool:
        return self._on_disk(url_path, Path.is_dir)

    def _on_disk(self, url_path: str, asked: Callable[[Path], bool]) -> bool:
        try:
            return asked(Path(self.translate_path(url_path)))
        except (OSError, ValueError):
            return False

    def _languages(self) -> frozenset[str]:
        """The site's languages, as its folders with a 404 page tell them (the preview knows no settings): read
        only for a page that carries problems."""
        return frozenset(page.parent.name for page in Path(self.directory).glob("*/404.html"))

    def _file(self, url_path: str) -> tuple[Path, bytes] | None:
        """The file a URL path names and its bytes, or None when there is none.

        A rebuild replaces files by renaming (one file, or the whole of site/ after a full build), so until
        then the previous build is what is served, and only for the instant between two renames is a file
        missing. A miss therefore waits for the rebuilds and indexings under way to end, then looks once
        more: the new build is then complete and answers. This is simpler and more robust than serving
        from the build's in-memory outputs, which would be a second copy of the site to keep in step with
        site/ (assets, fonts, the search index) and would not cover the search index's own swap; a real
        404 waits only while a rebuild runs. A path no file system could hold is simply not there."""
        if any(
            len(part.encode("utf-8", "surrogateescape")) > MAX_SEGMENT_BYTES for part in unquote(url_path).split("/")
        ):
            return None
        for attempt in range(2):
            try:
                path = Path(self.translate_path(url_path))
                if path.is_dir():
                    path = path / "index.html"
                return path, path.read_bytes()
            except (OSError, ValueError):
                if attempt == 0 and not self.state.wait_settled(REBUILD_WAIT_SECONDS):
                    return None
        return None

    def _reload_stream(self, query: str) -> None:
        """Server-sent events: one `reload` message once a rebuild ends after the page's version (`v`), or the
        search index is made again after the search page's (`s`); or, `follow`ed (the shared worker's), the
        preview's state now and at each change, `{"v": version, "s": searched}`.

        The condition is never held while writing, so a slow client cannot hold up a rebuild; a write to
        a departed client raises, which ends this handler quietly (see `PreviewServer.handle_error`)."""
        self.close_connection = True  # the stream has no length: it ends with the connection
        asked = parse_qs(query)
        seen, searched = (_number(asked, "v", self.state.version), _number(asked, "s", None))
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.flush()
        changed = self.state.changed
        if "follow" in asked:
            self._follow(changed)
            return
        while True:
            with changed:
                changed.wait_for(
                    lambda: self.state.version != seen or searched not in (None, self.state.searched),
                    timeout=KEEPALIVE_SECONDS,
                )
                now, indexed = self.state.version, self.state.searched
            if now != seen or searched not in (None, indexed):
                self.wfile.write(b"data: " + json.dumps(now).encode() + b"\n\n")
                self.wfile.flush()
                return
            self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()

    def _follow(self, changed: threading.Condition) -> None:
        told: list[tuple[int, int] | None] = [None]  # what was last written (in a list: the lambda reads it)
        while True:
            with changed:
                changed.wait_for(lambda: told[0] != self._state(), timeout=KEEPALIVE_SECONDS)
                now, pages = self._state(), self.state.pages
            if told[0] != now:
                told[0] = now
                changed_pages = sorted(pages) if pages is not None and len(pages) <= MAX_PAGES_NAMED else None
                said = {"v": now[0], "s": now[1], "p": changed_pages}
                self.wfile.write(b"data: " + json.dumps(said, ensure_ascii=False).encode() + b"\n\n")
            else:
                self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()

    def _state(self) -> tuple[int, int]:
        return self.state.version, self.state.searched


def _number(asked: dict[str, list[str]], name: str, otherwise: int | None) -> int | None:
    """A whole number the reload stream was asked with, or `otherwise`."""
    try:
        return int(asked[name][0]) if name in asked else otherwise
    except ValueError:
        return otherwise


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, a listen backlog deep enough for a burst, and no tracebacks for clients."""

    request_queue_size = 1024
    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, port: int, handler: type[PreviewHandler]) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is no error; anything else is one line on stderr, never a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, GONE):
            return
        print(f"preview: could not answer {client_address}: {error!r}", file=sys.stderr)


def make_server(site: Path, state: BuildState, host: str, port: int) -> PreviewServer:
    """A server for `site` on `host:port` (port 0: any free port)."""
    directory = str(site)

    class Handler(PreviewHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    Handler.state = state
    Handler.host = host.strip("[]")
    return PreviewServer(host, port, Handler)
