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

import hashlib
import html
import json
import re
import socket
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from .editor import ADMIN
from .form_labels import field_label
from .problems import Problem, shown

IDLE_SECONDS = 10.0  # a connection that sends no request for this long is closed
KEEPALIVE_SECONDS = 5.0  # the reload stream writes this often, which is how a departed client is noticed
REBUILD_WAIT_SECONDS = 30.0  # at most this long a request for a missing file waits for a running rebuild
MAX_URL_BYTES = 4096  # longer request targets get 414, as common servers do
MAX_SEGMENT_BYTES = 255  # no file name is longer on the usual file systems: such a path cannot exist
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]@/\s]+)(?::[0-9]{0,5})?")  # a name or [IPv6], then a port
GONE = (ConnectionError, TimeoutError)  # the client left or stalled: nothing to report


class BuildState(Protocol):
    """What the server needs from the watch loop (`preview.Rebuilder`)."""

    version: int
    problems: list[Problem]  # what the last rebuild failed on
    notes: list[Problem]  # what the last rebuild, which succeeded, warns of
    changed: threading.Condition

    @property
    def base_path(self) -> str: ...  # the sub-path the site is served under, `/` at a domain's root

    def wait_settled(self, timeout: float) -> bool: ...


def reload_script(version: int) -> bytes:
    """The snippet added to served pages: reload when a rebuild after `version` ends, well or badly.

    The page says which version it shows, so a rebuild finished between serving it and opening the stream
    is not missed."""
    return (
        f'<script>(() => {{ const s = new EventSource("/__reload?v={version}");'
        " s.onmessage = () => { s.close(); location.reload(); }; })();</script>"
    ).encode()


def overlay(problems: list[Problem], languages: frozenset[str], notes: bool = False) -> bytes:
    """A panel over the page naming every problem, escaped: messages quote the editor's own text. Each names
    its field as the browser editor's form does (`Takeaways 1 › Text (ar)`), then where it is in the file.

    `notes`: what a build that succeeded warns of (a published page no file makes now): a strip along the foot
    of the page that an editor may close for the tab, not the panel of a failed build, which covered every page
    saying "Fix the file" of an explainer withdrawn on purpose (an outside tester's)."""
    items = "".join(
        "<li><b>{}</b>: {}{} <small><code>{}:{}:{}</code> <code>{}</code></small></li>".format(
            html.escape(field_label(problem.field, languages) or shown(problem.path)),
            _quoted_apart(html.escape(problem.message)),
            _quoted_apart(html.escape(f" ({problem.hint})")) if problem.hint else "",
            html.escape(shown(problem.path)),
            problem.line,
            problem.col,
            html.escape(problem.field),
        )
        for problem in problems
    )
    count = f"{len(problems)} {'note' if notes else 'problem'}{'s' if len(problems) != 1 else ''}"
    font = "font:15px/1.5 system-ui,sans-serif;text-align:left;unicode-bidi:isolate"
    if notes:  # closed, it stays closed in this tab until the notes change
        key = json.dumps("preview-notes:" + hashlib.sha256(items.encode()).hexdigest()[:16])
        close = html.escape(f"sessionStorage.setItem({key}, 1); this.parentNode.remove()")
        return (
            '<div id="preview-notes" role="status" dir="ltr" lang="en" style="position:fixed;inset-inline:0;bottom:0;'
            "z-index:2147483647;max-height:40vh;overflow:auto;background:#fffbe6;color:#222;"
            f'border-top:4px solid #b06000;padding:.75em 2em;{font}">'
            f'<button type="button" style="float:inline-end" onclick="{close}">Close</button>'
            f'<h2 style="margin:0 0 .25em;font-size:1.1em">{count}: the site built, nothing to fix if this is meant'
            "</h2>"
            f'<ol style="padding-left:1.5em;margin:0">{items}</ol></div>'
            f"<script>sessionStorage.getItem({key})&&document.getElementById('preview-notes').remove()</script>"
        ).encode()
    return (
        '<div id="preview-problems" role="alert" dir="ltr" lang="en" style="position:fixed;inset-inline:0;top:0;'
        "max-height:60vh;z-index:2147483647;overflow:auto;background:#fff8f6;color:#222;border-top:6px solid #c5221f;"
        f'border-bottom:2px solid #c5221f;padding:1.5em 2em;{font}">'
        f'<h2 style="margin:0 0 .5em;color:#c5221f">{count}: this page shows the last build that passed check</h2>'
        f'<ol style="padding-left:1.5em">{items}</ol>'
        "<p>Fix the file and save it: this page reloads by itself.</p></div>"
    ).encode()


def _quoted_apart(text: str) -> str:
    """Each text a message quotes between backquotes as code, in a <bdi>: an Arabic text with a Latin name, quoted
    in this English panel, showed its words out of order (`الوزيرAntony|Blinken`, an outside tester's); and the
    backquotes, a terminal's way to quote, showed around it (an outside night editor's)."""
    return re.sub("`([^`]*)`", r"<code><bdi>\1</bdi></code>", text)


def host_allowed(header: str | None, extra: str) -> bool:
    """Whether a `Host` header names this machine or the address the server was asked to listen on."""
    found = HOST_HEADER.fullmatch((header or "").strip().lower())
    if found is None:
        return False
    extra = extra.lower()
    return found.group(1).removesuffix(".") in LOCAL_HOSTS | {f"[{extra}]" if ":" in extra else extra}


def with_before_body_end(page: bytes, extra: bytes) -> bytes:
    """`extra` inserted before the page's closing body tag (the last one: text may quote the tag)."""
    end = page.rfind(b"</body>")
    return page + extra if end < 0 else page[:end] + extra + page[end:]


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
        base, under = self.state.base_path, ""
        if base != "/" and target.path.startswith(base):  # the site where it will be served, too
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
            body = with_before_body_end(body, extra + reload_script(self.state.version))
            content_type = "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _is_folder(self, url_path: str) -> bool:
        try:
            return Path(self.translate_path(url_path)).is_dir()
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
        """Server-sent events: one `reload` message once a rebuild ends after the page's version.

        The condition is never held while writing, so a slow client cannot hold up a rebuild; a write to
        a departed client raises, which ends this handler quietly (see `PreviewServer.handle_error`)."""
        self.close_connection = True  # the stream has no length: it ends with the connection
        try:
            seen = int(query.removeprefix("v=")) if query.startswith("v=") else self.state.version
        except ValueError:
            seen = self.state.version
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.flush()
        changed = self.state.changed
        while True:
            with changed:
                changed.wait_for(lambda: self.state.version != seen, timeout=KEEPALIVE_SECONDS)
                now = self.state.version
            if now != seen:
                self.wfile.write(b"data: " + json.dumps(now).encode() + b"\n\n")
                self.wfile.flush()
                return
            self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()


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
