"""The editor's local backend (generator/local_backend.py) answers only the editor `edit` opened, and only under
content/: an outside tester read `.git/config`, rewrote the Makefile and generator/ and deleted site.yml through
decap-server, the backend before, from another page, another site (DNS rebinding) and another user's `curl`.
Each attack is made for real against a backend listening on a port of this machine."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_project
from servers import free_port

from generator.local_backend import local_backend
from generator.project import Project


class Backend:
    def __init__(self, port: int, key: str) -> None:
        self.port, self.key = port, key

    def ask(
        self, action: str, params: dict[str, object], key: str | None = None, **headers: str
    ) -> tuple[int, object, dict[str, str]]:
        """POST one action; returns the status, the JSON answer and the headers."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        body = json.dumps({"action": action, "params": params}).encode()
        sent = {"Content-Type": "application/json", "Host": f"127.0.0.1:{self.port}", **headers}
        connection.request("POST", f"/api/v1?key={self.key if key is None else key}", body, sent)
        response = connection.getresponse()
        answer = json.loads(response.read() or b"null")
        connection.close()
        return response.status, answer, dict(response.getheaders())


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture
def backend(project: Project) -> Iterator[Backend]:
    port = free_port()
    with local_backend(project.root, port, lambda line: None) as query:
        yield Backend(port, query.rpartition("key=")[2])


SEED = "content/explainers/kim-jong-un-russia-visit.yml"


def test_the_editors_requests_are_answered_as_decap_asks(backend: Backend, project: Project) -> None:
    status, info, _ = backend.ask("info", {})
    assert (status, info) == (200, {"repo": "project", "publish_modes": ["simple"], "type": "local_fs"})
    status, entries, _ = backend.ask(
        "entriesByFolder", {"folder": "content/explainers", "extension": "yml", "depth": 1}
    )
    raw = (project.root / SEED).read_bytes()
    assert status == 200 and entries == [
        {"data": raw.decode(), "file": {"path": SEED, "label": None, "id": hashlib.sha256(raw).hexdigest()}}
    ]
    new = "content/explainers/new-one.yml"
    status, said, _ = backend.ask("persistEntry", {"entry": {"path": new, "raw": "slug: new-one\n"}, "assets": []})
    assert (status, said) == (200, {"message": "entry persisted"})
    assert (project.root / new).read_text(encoding="utf-8") == "slug: new-one\n"
    picture = {"path": "content/media/dot.png", "content": base64.b64encode(b"\x89PNG").decode(), "encoding": "base64"}
    status, media, _ = backend.ask("persistMedia", {"asset": picture})
    assert (
        status == 200
        and media["name"] == "dot.png"
        and (project.root / "content/media/dot.png").read_bytes() == b"\x89PNG"
    )  # type: ignore[index]
    assert backend.ask("deleteFile", {"path": new})[0] == 200 and not (project.root / new).exists()


def test_a_save_replaces_the_file_whole(backend: Backend, project: Project) -> None:
    """Written beside it and renamed over it: a save cut short never leaves half a file (decap-server's emptied
    an explainer 4 times in 100 kills), and nothing of the temporary file stays."""
    path = project.root / SEED
    before = path.stat().st_ino
    assert backend.ask("persistEntry", {"entry": {"path": SEED, "raw": "changed\n"}, "assets": []})[0] == 200
    assert path.read_text(encoding="utf-8") == "changed\n" and path.stat().st_ino != before
    assert sorted(item.name for item in path.parent.iterdir() if item.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("key", "headers"),
    [
        ("", {}),  # another user of the machine, or a page, without the key `edit` printed
        ("wrong", {}),
        (None, {"Host": "attacker.example:8081"}),  # DNS rebinding: the key leaked, the name is not this machine's
        (None, {"Origin": "http://attacker.example"}),  # another site's page
    ],
    ids=["no-key", "wrong-key", "rebinding", "other-site"],
)
def test_a_request_not_from_the_editor_is_refused(
    backend: Backend, project: Project, key: str | None, headers: dict[str, str]
) -> None:
    makefile = (project.root / "templates" / "base.html").read_bytes()
    write = {"entry": {"path": "content/site.yml", "raw": "pwned\n"}, "assets": []}
    status, said, answered = backend.ask("persistEntry", write, key, **headers)
    assert status == 403, said
    assert "Access-Control-Allow-Origin" not in answered
    assert b"pwned" not in (project.root / "content" / "site.yml").read_bytes()
    assert backend.ask("getEntry", {"path": SEED}, key, **headers)[0] == 403
    assert (project.root / "templates" / "base.html").read_bytes() == makefile


@pytest.mark.parametrize(
    "path",
    ["Makefile", "templates/base.html", "content/../mkdocs.yml", "/etc/passwd", "../outside.yml", "content",
     "content/.env", "content/explainers/.hidden.yml", ".git/config", "content/out/secret.txt"],
)  # fmt: skip
def test_nothing_outside_content_is_read_or_written(backend: Backend, project: Project, path: str) -> None:
    outside = project.root.parent / "secret.txt"
    outside.write_text("the CI's secret", encoding="utf-8")
    (project.root / "content" / "out").symlink_to(project.root.parent)  # a link in content/ that leads out
    status, said, _ = backend.ask("getEntry", {"path": path})
    assert said["data"] is None, said  # type: ignore[index]
    status, said, _ = backend.ask("getMediaFile", {"path": path})
    assert status in {403, 500} and "the CI" not in json.dumps(said)
    status, _, _ = backend.ask("persistEntry", {"entry": {"path": path, "raw": "pwned"}, "assets": []})
    assert status == 403
    assert outside.read_text(encoding="utf-8") == "the CI's secret"
    assert not list(project.root.parent.rglob("outside.yml"))
    listed = backend.ask("entriesByFolder", {"folder": "content", "extension": "", "depth": 3})[1]
    assert not [entry for entry in listed if "the CI" in str(entry)]  # type: ignore[union-attr]


def test_only_a_page_of_this_machine_is_let_read_the_answers(backend: Backend, project: Project) -> None:
    """The editor's page (the preview's port) is told it may read the answers; another site's is not."""
    for origin, allowed in (
        ("http://127.0.0.1:8000", True),
        ("http://localhost:4321", True),
        ("http://evil.test", False),
    ):
        connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=10)
        connection.request("OPTIONS", "/api/v1", headers={"Origin": origin, "Host": f"127.0.0.1:{backend.port}"})
        response = connection.getresponse()
        response.read()
        assert (response.status == 204) is allowed and (
            response.getheader("Access-Control-Allow-Origin") == origin
        ) is allowed
        connection.close()
