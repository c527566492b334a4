"""The preview's HTTP server alone, in this process, against a built site: real sockets, no build loop."""

from __future__ import annotations

import http.client
import shutil
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SEED_SLUG

from generator.preview_page import CODE_STYLE, with_before_body_end
from generator.preview_server import PreviewServer, make_server
from generator.problems import Problem


class State:
    """A stand-in for the watch loop: a version, problems, and a hook for `wait_settled`."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.changed = threading.Condition()
        self.on_wait_settled: Callable[[], object] = lambda: None
        self.base_path = "/"
        self.searched = 0

    def wait_settled(self, timeout: float) -> bool:
        self.on_wait_settled()
        return True

    def finish_build(self, problems: list[Problem]) -> None:
        with self.changed:
            self.problems = problems
            self.version += 1
            self.changed.notify_all()


class Server:
    """A running server plus a count of the connections it has finished with (errors included)."""

    def __init__(self, server: PreviewServer, state: State) -> None:
        self.server, self.state = server, state
        self.port = server.server_address[1]
        self.finished = 0
        self.done = threading.Condition()

    def wait_finished(self, count: int, timeout: float = 30) -> None:
        with self.done:
            assert self.done.wait_for(lambda: self.finished >= count, timeout=timeout), "connections still open"

    def request(self, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=host is not None)
            if host is not None:
                connection.putheader("Host", host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Path:
    """A private copy of a built site with one large file, so a response outlasts the client."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    with (copy / "big.bin").open("wb") as big:  # sparse: 32 MB to send, none of it on the disk
        big.truncate(32 << 20)
    return copy


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    state = State()
    preview = make_server(site, state, "127.0.0.1", 0)
    running = Server(preview, state)
    close = preview.shutdown_request

    def counted(request: socket.socket | tuple[bytes, socket.socket]) -> None:  # after the handler and handle_error
        close(request)
        with running.done:
            running.finished += 1
            running.done.notify_all()

    preview.shutdown_request = counted  # type: ignore[method-assign]
    threading.Thread(target=preview.serve_forever, daemon=True).start()
    yield running
    preview.shutdown()
    preview.server_close()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST", "localhost:{port}", "[::1]:{port}"])
def test_local_host_names_are_answered(server: Server, host: str) -> None:
    assert server.request("/en/", host.format(port=server.port))[0] == 200


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost@x", "", "[::1]x", "localhost:1:2"],
)
def test_other_host_names_are_refused(server: Server, host: str) -> None:
    """DNS rebinding: a page on another site, its name pointed at 127.0.0.1, must not read the drafts."""
    status, body = server.request(f"/en/{SEED_SLUG}/", host.format(port=server.port))
    assert status == 403
    assert b"Pyongyang" not in body


def test_the_host_given_to_serve_is_answered(site: Path) -> None:
    preview = make_server(site, State(), "127.0.0.1", 0)
    preview.RequestHandlerClass.host = "preview.internal"  # type: ignore[attr-defined]
    threading.Thread(target=preview.serve_forever, daemon=True).start()
    try:
        running = Server(preview, State())
        assert running.request("/en/", "preview.internal:8000")[0] == 200
        assert running.request("/en/", "other.internal")[0] == 403
    finally:
        preview.shutdown()
        preview.server_close()


def test_a_client_that_leaves_mid_response_leaves_no_traceback(
    server: Server, capfd: pytest.CaptureFixture[str]
) -> None:
    for _ in range(5):
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert client.recv(64).startswith(b"HTTP/1.0 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
        client.close()
    stream = socket.create_connection(("127.0.0.1", server.port))  # the reload stream, left behind
    stream.sendall(b"GET /__reload?v=0 HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert stream.recv(64).startswith(b"HTTP/1.0 200")
    stream.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    stream.close()
    server.state.finish_build([])  # the stream now writes to a client that has gone
    server.wait_finished(6)
    assert server.request("/en/")[0] == 200
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err == ""


def test_an_idle_connection_is_closed(server: Server) -> None:
    server.server.RequestHandlerClass.timeout = 0.5  # type: ignore[attr-defined]
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.settimeout(10)
        started = time.monotonic()
        assert client.recv(1) == b""  # the server hung up
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("path", ["/en/" + "a" * 300 + "/", "/" + "%D8%B3" * 130, "/en/%00/", "/ar/" + "b" * 256])
def test_paths_no_file_system_holds_are_not_found(server: Server, path: str, capfd: pytest.CaptureFixture[str]) -> None:
    status, body = server.request(path)
    assert status == 404
    assert b"<html" in body
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("length", [5_000, 70_000])
def test_a_very_long_url_is_too_long(server: Server, length: int, capfd: pytest.CaptureFixture[str]) -> None:
    assert server.request("/en/" + "a/" * (length // 2))[0] == 414
    assert "Traceback" not in capfd.readouterr().err


def test_a_head_request_has_no_body(server: Server) -> None:
    assert server.request("/en/", method="HEAD") == (200, b"")


def test_a_file_missing_while_a_rebuild_swaps_it_is_looked_up_again(server: Server, site: Path) -> None:
    page = site / "en" / "index.html"
    kept = page.read_bytes()
    page.unlink()  # as between the two renames of a full rebuild
    server.state.on_wait_settled = lambda: page.write_bytes(kept)  # the rebuild ends
    status, body = server.request("/en/")
    assert status == 200
    assert body.startswith(kept[:200])


def test_problems_are_shown_over_every_page_escaped(server: Server) -> None:
    problem = Problem(Path("content/explainers/x.yml"), 7, 3, "title.en", "is <script>alert(1)</script>", "fix & save")
    server.state.finish_build([problem])
    for path in ("/en/", f"/ar/{SEED_SLUG}/", "/en/missing/"):
        body = server.request(path)[1].decode("utf-8")
        # the field as the editor's form names it, its language by the site's folders, then the file's place
        assert "<b>Title (en)</b>: is &lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "content/explainers/x.yml:7:3</code> <code>title.en</code>" in body
        assert "(fix &amp; save)" in body and "<script>alert(1)" not in body
    # a quoted text in a <bdi>, so an Arabic one with a Latin name keeps its order in the English panel
    quoted = Problem(Path("x.yml"), 1, 1, "title.ar", "has a space in `قال الوزير Antony Blinken`", "")
    server.state.finish_build([quoted])
    quoted = f'in <code style="{CODE_STYLE}"><bdi>قال الوزير Antony Blinken</bdi></code>'
    assert quoted in server.request("/en/")[1].decode("utf-8")
    server.state.finish_build([])
    assert b"preview-problems" not in server.request("/en/")[1]
    assert b"preview-problems" not in server.request("/robots.txt")[1]


def test_the_reload_stream_answers_at_once_for_a_page_older_than_the_last_build(server: Server) -> None:
    server.state.finish_build([])
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/__reload?v=0")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.read() == b"data: 1\n\n"
    connection.close()


def test_an_open_search_page_reloads_when_the_search_index_is_made_again(server: Server) -> None:
    """The index is made at the pause after a save: an open search page reloaded at the rebuild, before it, and
    answered from the old index until reloaded by hand (an outside tester's). It reloads again once the index is
    made; other pages do not."""
    assert b'EventSource("/__reload?v=0&s=0")' in server.request("/en/search/")[1]
    assert b'EventSource("/__reload?v=0")' in server.request(f"/en/{SEED_SLUG}/")[1]
    told: list[bytes] = []
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/__reload?v=0&s=0")
    response = connection.getresponse()
    reading = threading.Thread(target=lambda: told.append(response.read()))
    reading.start()
    with server.state.changed:
        server.state.searched += 1
        server.state.changed.notify_all()
    reading.join(timeout=30)
    assert told == [b"data: 0\n\n"]
    connection.close()


def test_a_folder_without_its_slash_is_redirected_like_a_static_host_does(server: Server) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", f"/en/{SEED_SLUG}?from=feed")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (301, f"/en/{SEED_SLUG}/?from=feed")
    connection.close()


def test_a_site_served_under_a_sub_path_is_previewed_there_too(server: Server) -> None:
    """Its 404 pages link from the domain's root, under the sub-path: in the preview, which served the site at its
    root alone, every one of their links was dead (an outside tester's)."""
    server.state.base_path = "/explainers/"
    page = f"/explainers/en/{SEED_SLUG}/"
    assert server.request(page) == (200, server.request(f"/en/{SEED_SLUG}/")[1])
    assert server.request("/explainers/en/")[0] == server.request("/en/")[0] == 200
    assert server.request("/explainers/en/nothing-here/")[0] == 404
    server.state.base_path = "/en/"  # a sub-path named as a language: the site's own folder first (a retester's)
    assert server.request(f"/en/{SEED_SLUG}/")[0] == 200 and server.request("/en/ar/")[0] == 200
    server.state.base_path = "/explainers/"
    for asked, told in (("/explainers", "/explainers/"), (f"/explainers/en/{SEED_SLUG}?a=1", f"{page}?a=1")):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", asked)
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (301, told)
        connection.close()


def test_the_script_goes_before_the_last_closing_body_tag() -> None:
    page = b"<body><code>&lt;/body&gt;</code><p></body>x</p></body></html>"
    assert with_before_body_end(page, b"<s>") == b"<body><code>&lt;/body&gt;</code><p></body>x</p><s></body></html>"
    assert with_before_body_end(b"<p>fragment", b"<s>") == b"<p>fragment<s>"
