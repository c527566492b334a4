"""The browser editor's local backend: Decap CMS's local file-system API, for `python -m generator edit`.

Decap's editor saves through `local_backend`, a small JSON API (`POST /api/v1`, one `action` a request). Decap
ships one, decap-server (npm), and this project ran it until an outside tester showed what it let through: it
served the whole project folder, not `content/`; answered any page served from this computer, whatever its
port (a page at `localhost:9999` read `.git/config` and added a target to the Makefile, which `make site` then
ran), and any site at all through a `.env` file a contributor commits (its `ORIGIN`); took requests for any
`Host` (DNS rebinding: a foreign page rewrote `generator/__main__.py`); asked nothing of another user of the
machine (one `curl` deleted `content/site.yml`); and wrote files in place (a save cut short left an explainer
empty, 4 times in 100). Its API is eleven actions on files, so this module answers it instead, as the preview
answers pages:

- only in Decap's two folders, and each file whole, as decap_api.py answers the actions;
- only to a request that carries the key `edit` prints in the editor's address (`?key=`), which another
  page or another user of the machine does not have, whose `Host` names this machine (as the preview), and,
  from a browser, from a page of this machine (the preview's, on its own port): the answer says so to the
  browser (CORS) only for such a page;
- a client that sends nothing is let go (`timeout`), and every request's paths are checked before any is written.

The editor's own tests drive it in Chromium.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .decap_api import answer
from .decap_files import Files, RefusedError, Vet, vets_nothing
from .picture_checks import MAX_BYTES
from .preview_server import host_allowed
from .stats import read_cache
from .write import sweep_saves

API = "/api/v1"
LARGEST_REQUEST = 50 << 20  # a picture uploaded in base64: decap-server's own limit
# A page of this machine (the preview's, whatever its port): the only origin a browser is told may read answers.
_LOCAL_ORIGIN = re.compile(r"http://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?")


class BackendHandler(BaseHTTPRequestHandler):
    """One request of Decap's API, refused unless it carries the key, names this machine and comes from it."""

    server: LocalBackend
    timeout = 30  # seconds a client may keep a connection and send nothing (a local user held 200 open)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_OPTIONS(self) -> None:  # the browser's question before a cross-origin POST (the preview's port)
        origin = self.headers.get("Origin")
        self._send(204 if self._allowed_origin(origin) else 403, b"", origin)

    def do_POST(self) -> None:
        origin = self.headers.get("Origin")
        try:
            url = urlsplit(self.path)
            key = parse_qs(url.query).get("key", [""])[0]
            if url.path != API or not secrets.compare_digest(key.encode(), self.server.key.encode()):
                raise RefusedError(403, "not this editor's backend: open the address `edit` printed")
            if not host_allowed(self.headers.get("Host"), "127.0.0.1") or not self._allowed_origin(origin):
                raise RefusedError(403, "only pages of this computer may use the editor's backend")
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= LARGEST_REQUEST:  # (a 48 MB photo was told "empty or too large": a tester's)
                most = f"{MAX_BYTES // 1_000_000} MB"
                told = f"over {LARGEST_REQUEST >> 20} MB was sent, more than pictures of at most {most} each make: "
                raise RefusedError(413, "nothing was sent" if length <= 0 else f"{told}export the picture under {most}")
            body = json.loads(self.rfile.read(length))
            params = body.get("params") if isinstance(body, dict) else None
            result = answer(self.server.files, body.get("action"), params if isinstance(params, dict) else {})
            status, sent = 200, json.dumps(result, ensure_ascii=False).encode("utf-8")
        except RefusedError as refused:
            status, sent = refused.status, json.dumps({"error": str(refused)}).encode("utf-8")
        except OSError as error:  # the system refused (a full disk): the editor is told what the terminal is
            self.server.report(f"the editor's backend could not do that: {error}")  # ("Unknown error": a tester's)
            told = f"the computer refused this ({error.strerror or 'a system error'})"  # (its path stays here)
            status, sent = 500, json.dumps({"error": told}).encode("utf-8")
        except (ValueError, AttributeError, TypeError, RecursionError) as error:  # a malformed request
            self.server.report(f"the editor's backend could not do that: {error}")
            status, sent = 500, json.dumps({"error": "Unknown error"}).encode("utf-8")
        self._send(status, sent, origin)

    def _allowed_origin(self, origin: str | None) -> bool:
        """No `Origin` (not a browser's cross-origin request), or a page of this machine."""
        return origin is None or bool(_LOCAL_ORIGIN.fullmatch(origin))

    def _send(self, status: int, body: bytes, origin: str | None) -> None:
        self.send_response(status)
        if origin and self._allowed_origin(origin):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Vary", "Origin")
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class LocalBackend(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int, report: Callable[[str], None], vet: Vet) -> None:
        super().__init__(("127.0.0.1", port), BackendHandler)
        self.files = Files(root, vet)
        self.key = _kept_key(root / ".cache" / "editor-key")
        self.report = report


def _kept_key(path: Path) -> str:
    """The key of the last `edit` of this project, or a new one: a new key at each start turned the editors'
    bookmarked address into Decap's sign-in form (an outside tester's). Kept in the project's cache, readable by
    its owner alone (as the key is another user's to not have); one not as this writes it is made anew."""
    kept = read_cache(path)  # (a regular file alone: a pipe planted there would have blocked `edit`)
    with contextlib.suppress(OSError):
        if kept and path.lstat().st_mode & 0o077 == 0 and re.fullmatch(rb"[A-Za-z0-9_-]{32}\n?", kept):
            return kept.decode("ascii").strip()
    key = secrets.token_urlsafe(24)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key + "\n")
    return key


@contextlib.contextmanager
def local_backend(root: Path, port: int, report: Callable[[str], None], vet: Vet = vets_nothing) -> Iterator[str]:
    """The backend answering on 127.0.0.1:`port` while the block runs; yields the editor's query string
    (`backend=8081&key=…`), which the editor's address carries."""
    if outside := Files(root).outside():  # (`new` refuses such a folder too; the build reads nothing there)
        raise OSError(f"{' and '.join(outside)} leads outside the project: the editor writes only inside it")
    try:
        server = LocalBackend(root, port, report, vet)
    except OSError as error:
        raise OSError(f"the editor's backend cannot listen on port {port} ({error.strerror}); "
                      "choose another with --backend-port") from error  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for folder in server.files.folders:  # what a save cut short by a kill left there, in its subfolders too
        for inner, _, _ in os.walk(folder):
            sweep_saves(Path(inner))
    folders = " and ".join(str(folder) for folder in server.files.folders)
    report(f"The editor's local backend writes into {folders} (127.0.0.1:{port}).")
    try:
        yield f"backend={port}&key={server.key}"
    finally:
        server.shutdown()
        server.server_close()
