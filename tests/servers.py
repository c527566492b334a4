"""Servers the tests run for real on 127.0.0.1: nginx as a static host, the live preview, free ports."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.project import Project

NGINX = "/usr/sbin/nginx"


@dataclass(frozen=True)
class Deployment:
    """A built site and the nginx serving it at `origin` + `base`."""

    site: Path
    origin: str  # http://127.0.0.1:PORT
    base: str  # "/" or "/news/explainers/"

    @property
    def url(self) -> str:
        return self.origin + self.base

    def file_for(self, url: str) -> str | None:
        """The site file an address on this deployment is served from (None if it is outside the site)."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base):
            return None
        relative = path[len(self.base) :]
        return relative + "index.html" if relative.endswith("/") or not relative else relative


_GIVEN: set[int] = set()  # the ports free_port has handed out in this test process


def free_port() -> int:
    """A port nothing listens on now, and never one this test process was given before: two asked for in a
    row (a preview's and its editor backend's) may otherwise be the same, and then one server cannot start."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port not in _GIVEN:
            _GIVEN.add(port)
            return port


def nginx_locations(site: str, base: str, languages: list[str]) -> str:
    """The README's nginx rules ("Any other web server", which a test holds to this text) for `site` served at
    `base`, all inside the sub-path so that pasted into a newsroom's server they leave the rest of the domain
    alone (an outside tester's paste made the explainers' 404 page and no-cache the whole domain's): a missing
    page gets its language's 404 page, like Cloudflare Pages' nearest 404, and so does a folder with no page
    (`media/`: nginx's own 403 before, an outside tester's); content-named files (`assets/`,
    `media/`) are kept a year and everything else revalidated on every visit; text compressed; the sub-path
    without its final slash redirects to it. Nested locations inherit the headers, compression and 404 page
    of the sub-path's, each with its own `alias` (an inherited one would map the longer prefix wrongly). A
    missing page's answer is `no-cache` too (`always`: a CDN in front kept a page not yet published "not found"
    by its own rule), and the files other hosts read their rules from (`_headers`, `_redirects`) answer "not
    found" (an outside tester's were served to everyone). Text is sent as UTF-8 (`charset`: nginx calls a feed
    `text/xml`, which read without a charset is US-ASCII, and feed readers flagged the Arabic feed as mis-encoded),
    compressed answers say they vary by what the reader accepts (`gzip_vary`: a CDN keeping one copy by address
    gave gzip to a client that asked for none), and redirects name no host or port (`absolute_redirect`: behind
    a proxy nginx's own `…/slug` → `…/slug/` sent readers to `http://host:8080/…`; all three an outside tester's)."""
    kept = 'add_header Cache-Control "public, max-age=31536000, immutable";'
    compressed = "text/css text/plain text/xml application/xml application/javascript application/json"
    compressed += " application/atom+xml image/svg+xml"  # nginx's types for .xml and .txt are text/xml, text/plain
    nested = [
        f"location {base}{code}/ {{ alias {site}/{code}/; error_page 403 404 =404 {base}{code}/404.html; }}"
        for code in languages
    ]
    nested += [f"location {base}{folder}/ {{ alias {site}/{folder}/; {kept} }}" for folder in ("assets", "media")]
    nested += [f"location = {base}{name} {{ return 404; }}" for name in ("_headers", "_redirects")]
    moved = f'absolute_redirect off; add_header Cache-Control "no-cache" always; return 301 {base};'
    lines = [f"location = {base.rstrip('/')} {{ {moved} }}"] if base != "/" else []
    lines += [
        f"location {base} {{",
        f"    alias {site}/;",
        '    add_header Cache-Control "no-cache" always;',
        "    charset utf-8;",
        "    absolute_redirect off;",
        "    gzip on;",
        "    gzip_vary on;",
        f"    gzip_types {compressed};",
        f"    error_page 403 404 =404 {base}404.html;",
        *(f"    {line}" for line in nested),
        "}",
    ]
    return "\n".join(lines) + "\n"


def nginx_config(site: Path, base: str, port: int, workdir: Path) -> str:
    """Debian's nginx serving `site` at `base` with the README's rules (`nginx_locations`) in a server of its own."""
    languages = sorted(path.parent.name for path in site.glob("*/404.html"))
    locations = nginx_locations(str(site), base, languages).replace("\n", "\n        ")
    temp = "".join(
        f"\n    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, workers would drop to `nobody`, who cannot read pytest's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
daemon off;
{user}
worker_processes 1;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir / "access.log"};
    log_not_found off;{temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        {locations}
    }}
}}
"""


def accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def nginx(site: Path, base: str, port: int, workdir: Path) -> Iterator[Deployment]:
    """Debian's nginx in the foreground, everything it writes kept in `workdir`; yields once the port accepts."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "nginx.conf"
    config.write_text(nginx_config(site, base, port, workdir), encoding="utf-8")
    command = [NGINX, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(config)]
    with (workdir / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
    try:
        deadline = time.monotonic() + 10
        while not accepts(port):
            if process.poll() is not None:
                logs = "".join(log.read_text() for log in sorted(workdir.glob("*.log")))
                raise RuntimeError(f"nginx exited with {process.returncode}:\n{logs}")
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not accept connections within 10 s")
            time.sleep(0.05)
        yield Deployment(site, f"http://127.0.0.1:{port}", base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


@dataclass
class Preview:
    """A `serve` process on a free port, its output kept in files the test can read."""

    address: str
    port: int
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8")

    def errors(self) -> str:
        return self.stderr.read_text(encoding="utf-8")


def start_preview(project: Project, logs: Path) -> Iterator[Preview]:
    """Start `serve` in the project, wait until it answers, and stop it afterwards."""
    port = free_port()
    preview = Preview(f"http://127.0.0.1:{port}/", port, logs / "serve.out", logs / "serve.err")
    with preview.stdout.open("w") as out, preview.stderr.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project.root,
            stdout=out,
            stderr=err,
            text=True,
        )
    try:
        wait_for(lambda: get(preview.address)[0] in {200, 404}, timeout=60)  # 404: no site, first build failed
        yield preview
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def served_version(html: str) -> int:
    """The build version a served page was made from (its reload script carries it)."""
    found = re.search(r'EventSource\("/__reload\?v=(\d+)"\)', html)
    assert found, "the page has no reload script"
    return int(found.group(1))


def next_reload(address: str, version: int) -> str:
    """Block until the reload stream announces a build after `version`; returns the message. Fails after a minute
    without one (the stream's keep-alive lines would otherwise keep a build that never comes waited for)."""
    deadline = time.monotonic() + 60
    with urllib.request.urlopen(f"{address}__reload?v={version}", timeout=60) as stream:
        for line in stream:
            if line.startswith(b"data:"):
                return str(line.decode().strip())
            if time.monotonic() > deadline:
                raise AssertionError(f"no build after version {version} was announced within a minute")
    raise AssertionError("the reload stream ended without a message")


def wait_for(condition: object, timeout: float, log: Path | None = None) -> None:
    """Poll `condition` until it holds; past `timeout`, fail with what the server wrote to `log`, if given."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():  # type: ignore[operator]
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            output = log.read_text(encoding="utf-8", errors="replace") if log and log.is_file() else ""
            raise AssertionError("timed out waiting for the preview" + (f"; its output:\n{output}" if output else ""))
        time.sleep(0.2)


def editor_address(log: Path, timeout: float = 60) -> str:
    """The editor's address `edit` printed in `log` (with its backend's port and key), once it has."""
    found: list[str] = []

    def printed() -> bool:
        found[:] = re.findall(r"editor: (http://\S+)", log.read_text(encoding="utf-8", errors="replace"))
        return bool(found)

    wait_for(printed, timeout, log)
    return found[0]


@contextlib.contextmanager
def running_edit(project: Project, logs: Path) -> Iterator[tuple[str, int]]:
    """`python -m generator edit` on free ports until the block ends (Ctrl-C, as an editor stops it): the editor's
    address it printed (its preview's port, its backend's and key), and the backend's port."""
    port, backend = free_port(), free_port()
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "edit"]
    command += ["--port", str(port), "--backend-port", str(backend)]
    with (logs / "edit.log").open("w") as log:
        process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent, stdout=log, stderr=log)
    try:
        wait_for(lambda: accepts(port) and accepts(backend), 60, logs / "edit.log")
        yield editor_address(logs / "edit.log"), backend
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
