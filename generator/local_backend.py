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

- only in Decap's two folders, `content/explainers/` and `content/media/` (site.yml, the strings and the
  bylines are not the editor's to write or delete), never through a link that leads out of them, never a
  hidden file, whether named or reached through a link;
- only to a request that carries the key `edit` prints in the editor's address (`?key=`), which another
  page or another user of the machine does not have, whose `Host` names this machine (as the preview), and,
  from a browser, from a page of this machine (the preview's, on its own port): the answer says so to the
  browser (CORS) only for such a page;
- each file written whole or not at all: a temporary file of its own beside it (a new name, never a link
  already there: a planted one was written through, an independent reviewer's), then renamed over it;
- a client that sends nothing is let go (`timeout`), and every request's paths are checked before any is written.

The actions and their answers are decap-server's (its `localFs` middleware, 3.11), which the editor's own
tests drive in Chromium.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .preview_server import host_allowed
from .write import write_whole

API = "/api/v1"
LARGEST_REQUEST = 50 << 20  # a picture uploaded in base64: decap-server's own limit
# A page of this machine (the preview's, whatever its port): the only origin a browser is told may read answers.
_LOCAL_ORIGIN = re.compile(r"http://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?")


class RefusedError(Exception):
    """A request the backend does not carry out: its status and what to tell the editor."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# What `check` would refuse in an explainer file's new bytes (its real path), said as the editor's refusal;
# `edit` asks its preview (editor.save_problems): Decap said "Published" of a save no build took (an outside tester's).
Vet = Callable[[Path, bytes], list[str]]


class Files:
    """Decap's folders of the project as its actions see them: paths relative to the project's root."""

    def __init__(self, root: Path, vet: Vet = lambda path, raw: []) -> None:
        self.root = root.resolve()
        self.folders = tuple((self.root / "content" / name).resolve() for name in ("explainers", "media"))
        self.vet = vet

    def path(self, relative: object, existing: bool = False) -> Path:
        """A path Decap names, as a file in one of its folders (its real place: links are followed, and must
        stay in, and lead to no hidden name)."""
        if not isinstance(relative, str) or not relative or "\x00" in relative:
            raise RefusedError(422, "a path is missing")
        parts = Path(relative).parts
        refused = RefusedError(403, f"{relative}: only files in content/explainers/ and content/media/ are edited here")
        if Path(relative).is_absolute() or any(part in {"..", "."} or part.startswith(".") for part in parts):
            raise refused
        path = self.root / relative
        real = path.resolve(strict=existing) if existing else path.parent.resolve() / path.name
        folder = next((folder for folder in self.folders if real.is_relative_to(folder)), None)
        if folder is None or any(part.startswith(".") for part in real.relative_to(folder).parts):
            raise refused
        return real

    def entry(self, relative: str, label: object = None) -> dict[str, Any]:
        """A file as Decap's entries are: its text and id (its bytes' SHA-256), or no data if it cannot be read."""
        file: dict[str, Any] = {"path": relative, "label": label, "id": None}
        with contextlib.suppress(OSError, UnicodeDecodeError, RefusedError):
            raw = self.path(relative, existing=True).read_bytes()
            return {"data": raw.decode("utf-8"), "file": {**file, "id": hashlib.sha256(raw).hexdigest()}}
        return {"data": None, "file": file}

    def media(self, relative: str) -> dict[str, Any]:
        raw = self.path(relative, existing=True).read_bytes()
        content = base64.b64encode(raw).decode("ascii")
        name = relative.rpartition("/")[2]
        return {"id": hashlib.sha256(raw).hexdigest(), "content": content, "encoding": "base64", "path": relative,
                "name": name}  # fmt: skip

    def listed(self, folder: object, extension: str, depth: int) -> list[str]:
        """The files under `folder` whose names end in `extension`, `depth` folders deep (1: its own), hidden
        ones and links out of content/ left out."""
        try:
            start = self.path(folder, existing=True)
        except (OSError, RefusedError):
            return []
        found: list[str] = []
        for path in _walk(start, depth):
            if path.name.endswith(extension):
                with contextlib.suppress(RefusedError, OSError, ValueError):
                    relative = path.relative_to(self.root).as_posix()
                    self.path(relative, existing=True)  # a link out of content/ is not listed
                    found.append(relative)
        return found

    def write(self, relative: object, data: bytes) -> None:
        """Write a file whole or not at all (`write_whole`), in a folder that is still one of Decap's."""
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path(relative)  # a folder made on the way is still in (a link planted meanwhile is not)
        write_whole(path, data)

    def delete(self, relative: object) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(relative, existing=True).unlink()


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    """The files in `folder` and the folders in it, `depth` levels deep, hidden ones left out."""
    if depth <= 0:
        return
    with contextlib.suppress(OSError):
        for child in sorted(folder.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir():
                yield from _walk(child, depth - 1)
            elif child.is_file():
                yield child


def answer(files: Files, action: object, params: dict[str, Any]) -> object:
    """What Decap's action asks, done: its answer, as decap-server gives it."""
    if action == "info":
        return {"repo": files.root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        listed = files.listed(params.get("folder"), str(params.get("extension") or ""), int(params.get("depth") or 1))
        return [files.entry(path) for path in listed]
    if action == "entriesByFiles":
        return [files.entry(str(item.get("path")), item.get("label")) for item in params.get("files") or []]
    if action == "getEntry":
        return files.entry(str(params.get("path")))
    if action == "persistEntry":
        entry = params.get("entry") or {}
        data_files = params.get("dataFiles") or [entry]
        assets = params.get("assets") or []
        for item in [*data_files, *assets]:  # every path checked before any file is written
            files.path(item.get("path"))
        new = [asset.get("path") for asset in assets if not files.path(asset.get("path")).exists()]
        for asset in assets:  # first, for the explainer's check to read its pictures
            files.write(asset.get("path"), _decoded(asset))
        told = []
        for data_file in data_files:
            raw = str(data_file.get("raw", "")).encode("utf-8")
            told += files.vet(files.path(data_file.get("newPath") or data_file.get("path")), raw)
        if told:  # nothing of the save stays: the pictures it brought are taken out again
            for path in new:
                files.delete(path)
            raise RefusedError(422, "; ".join(told))
        for data_file in data_files:
            files.write(data_file.get("path"), str(data_file.get("raw", "")).encode("utf-8"))
        if data_files and all(data_file.get("newPath") for data_file in data_files):
            for data_file in data_files:
                files.path(data_file["path"], existing=True).replace(files.path(data_file["newPath"]))
        return {"message": "entry persisted"}
    if action == "getMedia":
        return [files.media(path) for path in files.listed(params.get("mediaFolder"), "", 1)]
    if action == "getMediaFile":
        return files.media(str(params.get("path")))
    if action == "persistMedia":
        asset = params.get("asset") or {}
        files.write(asset.get("path"), _decoded(asset))
        return files.media(str(asset.get("path")))
    if action in {"deleteFile", "deleteFiles"}:
        paths = (params.get("paths") or []) if action == "deleteFiles" else [params.get("path")]
        for path in paths:
            files.delete(path)
        return {"message": f"deleted files {', '.join(map(str, paths))}"}
    if action == "getDeployPreview":
        return None
    raise RefusedError(422, f"Unknown action {action}")


def _decoded(asset: dict[str, Any]) -> bytes:
    content = str(asset.get("content", ""))
    try:
        return base64.b64decode(content, validate=True) if asset.get("encoding") == "base64" else content.encode()
    except ValueError as error:
        raise RefusedError(422, "a picture's content is not base64") from error


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
            if not 0 < length <= LARGEST_REQUEST:
                raise RefusedError(413, "the request is empty or too large")
            body = json.loads(self.rfile.read(length))
            params = body.get("params") if isinstance(body, dict) else None
            result = answer(self.server.files, body.get("action"), params if isinstance(params, dict) else {})
            status, sent = 200, json.dumps(result, ensure_ascii=False).encode("utf-8")
        except RefusedError as refused:
            status, sent = refused.status, json.dumps({"error": str(refused)}).encode("utf-8")
        except (ValueError, OSError, AttributeError, TypeError, RecursionError) as error:  # malformed, or a file
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
        self.key = secrets.token_urlsafe(24)
        self.report = report


@contextlib.contextmanager
def local_backend(
    root: Path, port: int, report: Callable[[str], None], vet: Vet = lambda path, raw: []
) -> Iterator[str]:
    """The backend answering on 127.0.0.1:`port` while the block runs; yields the editor's query string
    (`backend=8081&key=…`), which the editor's address carries."""
    try:
        server = LocalBackend(root, port, report, vet)
    except OSError as error:
        raise OSError(f"the editor's backend cannot listen on port {port} ({error.strerror}); "
                      "choose another with --backend-port") from error  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    folders = " and ".join(str(folder) for folder in server.files.folders)
    report(f"The editor's local backend writes into {folders} (127.0.0.1:{port}).")
    try:
        yield f"backend={port}&key={server.key}"
    finally:
        server.shutdown()
        server.server_close()
