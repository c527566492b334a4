"""The editor's local backend (generator/local_backend.py) answers only the editor `edit` opened, and only under
content/: an outside tester read `.git/config`, rewrote the Makefile and generator/ and deleted site.yml through
decap-server, the backend before, from another page, another site (DNS rebinding) and another user's `curl`.
Each attack is made for real against a backend listening on a port of this machine."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_project
from servers import free_port

from generator.decap_api import answer
from generator.decap_files import Files, RefusedError
from generator.load import parse
from generator.local_backend import local_backend
from generator.project import Project
from generator.skeleton import SKELETON


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
    assert yaml.safe_load((project.root / new).read_text(encoding="utf-8"))["slug"] == "new-one"  # (`new`'s layout)
    picture = {"path": "content/media/dot.png", "content": base64.b64encode(b"\x89PNG").decode(), "encoding": "base64"}
    status, media, _ = backend.ask("persistMedia", {"asset": picture})
    assert (
        status == 200
        and media["name"] == "dot.png"
        and (project.root / "content/media/dot.png").read_bytes() == b"\x89PNG"
    )  # type: ignore[index]
    assert backend.ask("deleteFile", {"path": new})[0] == 200 and not (project.root / new).exists()


def test_a_new_explainer_from_the_browser_is_laid_out_as_new_lays_one_out(backend: Backend, project: Project) -> None:
    """A file made in the browser had none of the guidance a hand-made one has (`new` writes 36 lines of comments),
    its keys in Decap's order and its texts unquoted, wrapped at 80 columns, where a hand edit adding `: ` or ` #`
    changes the text (an outside tester's): it is written into the file `new` starts with, each value in that
    file's place and style, and reads as exactly what the form sent."""
    data = yaml.safe_load((project.root / SEED).read_text(encoding="utf-8"))
    data["slug"] = "from-the-browser"
    order = ["slug", "published", "authors", "title", "topics", "image", "dek", "key_figures", "source"]
    sent = {key: data[key] for key in order if key in data} | data  # Decap's order, not the file's
    raw = SKELETON.split("\n", 1)[0] + "\n" + yaml.safe_dump(sent, allow_unicode=True, sort_keys=False, width=80)
    # (Decap writes the schema's line first, as the editor's settings ask: a retester's browser sent it, and the file
    # was written as it came)
    path = "content/explainers/from-the-browser.yml"
    assert backend.ask("persistEntry", {"entry": {"path": path, "raw": raw}, "assets": []})[0] == 200
    written = (project.root / path).read_text(encoding="utf-8")
    assert written.startswith(SKELETON.split("\n", 1)[0]) and "\n# The headline: one line.\ntitle:\n" in written
    assert f'\n  ar: "{data["title"]["ar"]}"\n' in written  # quoted, on one line, as `new` writes a text
    assert written.index("\ntitle:") < written.index("\ndek:") < written.index("\nsource:") < written.index("\nimage:")
    assert written.index("\nimage:") < written.index("\ntopics:") and "\n# image:" not in written  # (its template's)
    assert "\npublished: 2023-09-12\nupdated: 2026-12-02\n" in written and "\n\n\n" not in written
    assert "# updated:" not in written and "# image:" not in written
    read, form = (parse(Path(path), text).data for text in (written, raw))  # (as the project reads them: text)
    assert {key: value for key, value in read.items() if value != []} == form


def test_a_saved_explainers_dates_still_to_come_are_said_as_the_form_names_them(
    backend: Backend, project: Project
) -> None:
    """`check` warns of an explainer published on a day still to come; the browser editor saved one unwarned (an
    outside tester's): the editor asks after each save, and is told in the form's words."""
    path = project.root / SEED
    assert backend.ask("ahead", {"path": SEED})[:2] == (200, {"ahead": []})
    text = path.read_text(encoding="utf-8")
    published = yaml.safe_load(text)["published"]
    path.write_text(text.replace(f"published: {published}", "published: 2099-05-01", 1), encoding="utf-8")
    status, said, _ = backend.ask("ahead", {"path": SEED})
    assert status == 200 and len(said["ahead"]) == 1, said
    assert said["ahead"][0].startswith("Published: is 2099-05-01, a day still to come: today is "), said


def test_a_request_too_large_names_the_pictures_limit(backend: Backend) -> None:
    """A 48 MB photo was told "the request is empty or too large", where a 31.7 MB one was told its limit (a
    retester's): the limit is said."""
    status, said, _ = backend.ask("persistMedia", {}, **{"Content-Length": str(60 << 20)})
    assert status == 413 and said == {
        "error": "over 50 MB was sent, more than pictures of at most 20 MB each make: export the picture under 20 MB"
    }


def test_a_save_replaces_the_file_whole(backend: Backend, project: Project) -> None:
    """Written beside it and renamed over it: a save cut short never leaves half a file (decap-server's emptied
    an explainer 4 times in 100 kills), and nothing of the temporary file stays."""
    path = project.root / SEED
    before = path.stat().st_ino
    assert backend.ask("persistEntry", {"entry": {"path": SEED, "raw": "changed\n"}, "assets": []})[0] == 200
    # (its comments kept, as every save keeps them: kept_layout.py)
    assert path.read_text(encoding="utf-8").endswith("\nchanged\n") and path.stat().st_ino != before
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


def test_only_decaps_folders_are_written_or_deleted(backend: Backend, project: Project) -> None:
    """site.yml, the strings and the bylines are not the editor's: a leaked key deleted site.yml (a reviewer's)."""
    for path in ("content/site.yml", "content/strings/en.yml", "content/authors.yml"):
        assert backend.ask("deleteFile", {"path": path})[0] == 403
        assert (project.root / path).is_file()
    entry = {"entry": {"path": "content/explainers/a.yml", "raw": "x"}, "assets": [{"path": "content/x.png"}]}
    assert backend.ask("persistEntry", entry)[0] == 403
    assert not (project.explainers / "a.yml").exists(), "no path of a refused request is written"
    picture = {"path": "content/media/bad.png", "content": "!!!", "encoding": "base64"}
    assert backend.ask("persistMedia", {"asset": picture})[0] == 422
    # An explainer only among the explainers, a picture only among the pictures: an explainer written as a
    # "picture" into content/explainers/ escaped the save's check (an outside tester's).
    planted = {"path": "content/explainers/b.yml", "content": "c2x1ZzogeA==", "encoding": "base64"}
    assert backend.ask("persistMedia", {"asset": planted})[0] == 403
    assert backend.ask("persistEntry", {"entry": {"path": "content/media/c.yml", "raw": "x"}})[0] == 403
    entry = {"entry": {"path": "content/explainers/d.yml", "raw": "x"}, "assets": [planted]}
    assert backend.ask("persistEntry", entry)[0] == 403
    assert not {"b.yml", "d.yml"} & {path.name for path in project.explainers.iterdir()}
    assert not (project.content / "media").exists()
    # nor over another explainer's file by a rename (it replaced that explainer, in silence: a tester's)
    renamed = {"entry": {"path": "content/explainers/f.yml", "newPath": SEED, "raw": "slug: f\n"}}
    assert backend.ask("persistEntry", renamed)[0] == 409
    assert (project.root / SEED).read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_a_hidden_folder_reached_through_a_link_is_not_read(backend: Backend, project: Project) -> None:
    hidden = project.explainers / ".hid"
    hidden.mkdir()
    (hidden / "x.yml").write_text("a draft kept hidden", encoding="utf-8")
    (project.explainers / "hidlink").symlink_to(hidden)
    assert backend.ask("getEntry", {"path": "content/explainers/hidlink/x.yml"})[1]["data"] is None  # type: ignore[index]
    listed = backend.ask("entriesByFolder", {"folder": "content/explainers", "extension": "yml", "depth": 3})[1]
    assert "hidden" not in json.dumps(listed)


def test_a_link_planted_at_a_temporary_name_is_never_written_through(backend: Backend, project: Project) -> None:
    """The temporary file's name was fixed (`.<name>.<pid>.new`): a link planted there took the save out of
    content/ (a reviewer's). Each temporary file is now made new, never opened where one already is."""
    outside = project.root.parent / "pwned.txt"
    (project.explainers / f".t.yml.{os.getpid()}.new").symlink_to(outside)  # the backend runs in this process
    assert (
        backend.ask("persistEntry", {"entry": {"path": "content/explainers/t.yml", "raw": "ok\n"}, "assets": []})[0]
        == 200
    )
    assert not outside.exists() and not (project.explainers / "t.yml").is_symlink()


def test_two_saves_at_once_each_leave_a_whole_file(project: Project) -> None:
    """Two saves of one file shared a temporary file and cut each other short; a reader saw it empty."""
    files = Files(project.root)
    sizes = {b"a" * (1 << 20), b"b" * (2 << 20)}
    seen: list[int] = []
    done = threading.Event()

    failed: list[BaseException] = []

    def save(data: bytes) -> None:
        try:
            for _ in range(20):
                files.write("content/explainers/t.yml", data)
        except OSError as error:  # the other's rename took this one's temporary file
            failed.append(error)

    def read() -> None:
        while not done.is_set():
            with contextlib.suppress(FileNotFoundError):
                seen.append(len((project.explainers / "t.yml").read_bytes()))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=save, args=(data,)) for data in sizes]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert not failed and seen and set(seen) <= {len(data) for data in sizes}, (failed, sorted(set(seen))[:5])
    assert [item.name for item in project.explainers.iterdir() if item.name.startswith(".")] == []


def test_a_refused_save_leaves_no_media_folder_it_made(project: Project) -> None:
    """A save refused with a damaged picture took the picture out, but left the content/media/ it had made (an
    outside tester's)."""
    port = free_port()
    with local_backend(project.root, port, lambda line: None, lambda path, raw: ["refused"]) as query:
        backend = Backend(port, query.rpartition("key=")[2])
        assert not (project.content / "media").exists()
        picture = {"path": "content/media/cut.jpg", "content": base64.b64encode(b"\xff\xd8\xff").decode()}
        entry = {"path": "content/explainers/new.yml", "raw": "image:\n  file: media/cut.jpg\n"}
        status, answer, _ = backend.ask("persistEntry", {"entry": entry, "assets": [{**picture, "encoding": "base64"}]})
        assert (status, answer) == (422, {"error": "refused"})
    assert not (project.content / "media").exists() and not (project.explainers / "new.yml").exists()


def test_a_refusal_names_the_field_as_the_form_labels_it() -> None:
    """`sections[2]` read as the second section to an outside tester: the form counts from 1; and it labels its
    fields (`Key figures`, not `key_figures`: a second tester's)."""
    from generator.form_labels import field_label, in_form_words

    languages = frozenset({"ar", "en"})
    assert field_label("sections[2].paragraphs[0].ar", languages) == "Sections 3 › Paragraphs 1 (ar)"
    assert field_label("key_figures[0].label.ar", languages) == "Key figures 1 › Label (ar)"
    assert field_label("", languages) == ""
    # and so are the fields a message names, by path or key; a value in backquotes is kept, in quotation marks
    said = in_form_words("`2023` is earlier than `2024-02` in timeline[0]; (`kind: update` or `published`)", languages)
    assert said == "“2023” is earlier than “2024-02” in Timeline 1; (Kind: update or Published)"
    assert in_form_words("is takeaways[1].text again", languages) == "is Takeaways 2 › Text again"
    # a language by the name its box has (a line break "in “en”", a third tester's)
    assert in_form_words("has a line break in `en`, which …", languages) == "has a line break in English, which …"


def test_a_picture_another_explainer_shows_is_not_replaced_under_its_name(backend: Backend, project: Project) -> None:
    """Decap asks only "already exists, replace it?": an editor's new picture became the lead photo of an explainer
    nobody had opened, under that one's alternative text and credit (an outside tester's)."""
    media = project.content / "media"
    media.mkdir()
    (media / "photo.jpg").write_bytes(b"the first")
    shows = "slug: other\nimage:\n  file: media/photo.jpg\n"
    (project.explainers / "other.yml").write_text(shows, encoding="utf-8")
    asset = {
        "path": "content/media/photo.jpg",
        "content": base64.b64encode(b"the second").decode(),
        "encoding": "base64",
    }
    mine = {"path": "content/explainers/mine.yml", "raw": shows.replace("other", "mine")}
    status, said, _ = backend.ask("persistEntry", {"entry": mine, "assets": [asset]})
    assert status == 409 and "content/explainers/other.yml" in json.dumps(said), said
    assert (media / "photo.jpg").read_bytes() == b"the first" and not (project.explainers / "mine.yml").exists()
    assert backend.ask("persistMedia", {"asset": asset})[0] == 409  # nor from the media library
    assert (media / "photo.jpg").read_bytes() == b"the first"
    # the explainer that shows it may give it a new one under the same name
    own = {"path": "content/explainers/other.yml", "raw": shows}
    assert backend.ask("persistEntry", {"entry": own, "assets": [asset]})[0] == 200
    assert (media / "photo.jpg").read_bytes() == b"the second"


@pytest.mark.parametrize("name", ["media", "explainers"])
def test_a_folder_linked_out_of_the_project_is_never_written_through(
    project: Project, tmp_path: Path, name: str
) -> None:
    """A link committed in a pull request: the backend read, wrote and deleted files where it led (an outside
    tester's `id_rsa`), while `check` and `new` refused the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.yml").write_text("kept", encoding="utf-8")
    folder = project.content / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    with (
        pytest.raises(OSError, match=f"content/{name} .* leads outside the project"),
        local_backend(project.root, free_port(), lambda line: None),
    ):
        pass
    files = Files(project.root)
    for action, params in [
        ("getEntry", {"path": f"content/{name}/precious.yml"}),
        ("persistMedia", {"asset": {"path": "content/media/key", "content": "eA==", "encoding": "base64"}}),
        ("deleteFile", {"path": f"content/{name}/precious.yml"}),
    ]:
        with contextlib.suppress(RefusedError):
            answer(files, action, params)
    assert sorted(item.name for item in outside.iterdir()) == ["precious.yml"]


def test_a_name_no_file_can_hold_or_no_build_reads_is_refused(backend: Backend, project: Project) -> None:
    """A lone surrogate in a path was written as the byte 0xFF, and every build after failed; `x.yml ` or `x` was
    saved, never checked and never published, the editor told it was (outside testers')."""
    for path in ["content/explainers/x\udcff.yml", "content/explainers/x.yml ", "content/explainers/x"]:
        status, said, _ = backend.ask("persistEntry", {"entry": {"path": path, "raw": "slug: x\n"}})
        assert status == 422, (path, said)
    renamed = {"path": SEED, "newPath": "content/explainers/kim.txt", "raw": "slug: x\n"}
    assert backend.ask("persistEntry", {"dataFiles": [renamed, {"path": SEED, "raw": "x"}]})[0] == 422
    assert sorted(path.name for path in project.explainers.iterdir()) == ["kim-jong-un-russia-visit.yml"]


def test_two_renames_onto_one_name_at_once_lose_no_explainer(backend: Backend, project: Project) -> None:
    """Both were told "entry persisted" and one explainer was gone, in ten trials of ten (an outside tester's)."""
    for trial in range(5):
        for name in ("a", "b"):
            (project.explainers / f"{name}.yml").write_text(f"slug: {name}-{trial}\n", encoding="utf-8")
        answers: list[int] = []
        threads = [threading.Thread(target=_renamed_onto_c, args=(backend, name, answers)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers) == [200, 409]
        left = {path.name: path.read_text(encoding="utf-8") for path in project.explainers.glob("[abc].yml")}
        assert len(left) == 2 and "c.yml" in left, left  # the one renamed, and the other where it was
        for path in project.explainers.glob("[abc].yml"):
            path.unlink()


def _renamed_onto_c(backend: Backend, name: str, answers: list[int]) -> None:
    entry = {"path": f"content/explainers/{name}.yml", "newPath": "content/explainers/c.yml", "raw": name}
    answers.append(backend.ask("persistEntry", {"entry": entry})[0])


@pytest.mark.parametrize("written", ["media/./lead.jpg", "media/sub/../lead.jpg", "media/le\\u0061d.jpg", "nfd"])
def test_a_picture_named_in_any_spelling_the_build_reads_is_not_deleted(
    backend: Backend, project: Project, written: str
) -> None:
    """The guard looked for `media/lead.jpg` in each file's text: `media/./lead.jpg` or a YAML escape got past it,
    and so did a picture named in NFD on disk (an outside tester's); the build finds each."""
    media = project.content / "media"
    (media / "sub").mkdir(parents=True)
    name = unicodedata.normalize("NFD", "café.jpg") if written == "nfd" else "lead.jpg"
    (media / name).write_bytes(b"a picture")
    shown = "media/café.jpg" if written == "nfd" else written
    (project.explainers / "other.yml").write_text(f'slug: other\nimage:\n  file: "{shown}"\n', encoding="utf-8")
    assert backend.ask("deleteFile", {"path": f"content/media/{name}"})[0] == 409  # refused, and said
    assert (media / name).read_bytes() == b"a picture"


def test_a_picture_a_draft_names_is_neither_deleted_nor_replaced(backend: Backend, project: Project) -> None:
    """Drafts (`.drafts/`) are hidden from the editor: a picture only a draft named was deleted when an editor
    uploaded another of its name and said yes to "replace it?" (an outside tester's)."""
    media, drafts = project.content / "media", project.explainers / ".drafts"
    media.mkdir()
    drafts.mkdir()
    (media / "draft-only.jpg").write_bytes(b"the draft's picture")
    (drafts / "draft-pic.yml").write_text("slug: draft-pic\nimage:\n  file: media/draft-only.jpg\n", "utf-8")
    assert backend.ask("deleteFile", {"path": "content/media/draft-only.jpg"})[0] == 409
    asset = {"path": "content/media/draft-only.jpg", "content": base64.b64encode(b"x").decode(), "encoding": "base64"}
    status, said, _ = backend.ask("persistMedia", {"asset": asset})
    assert status == 409 and ".drafts/draft-pic.yml" in json.dumps(said)
    assert (media / "draft-only.jpg").read_bytes() == b"the draft's picture"


def test_before_the_previews_first_build_a_save_is_refused_not_taken_unchecked() -> None:
    from generator.save_check import SaveCheck

    told = SaveCheck()(Path("content/explainers/early.yml"), b"slug: [broken\n")
    assert told and "first build" in told[0]


def test_a_link_among_the_files_is_never_followed_out_nor_deleted_through(
    backend: Backend, project: Project, tmp_path: Path
) -> None:
    """A save read a file's comments through a link to a file outside the project, and a picture that was a link
    to an explainer took the explainer with it when deleted (an independent reviewer's)."""
    secret = tmp_path / "secret.yml"
    secret.write_text("# SECRET: api_key=hunter2\ntitle: y\n", encoding="utf-8")
    (project.explainers / "linked.yml").symlink_to(secret)
    status, _, _ = backend.ask(
        "persistEntry", {"entry": {"path": "content/explainers/linked.yml", "raw": "title: z\n"}}
    )
    assert status == 403 and "hunter2" not in "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in project.explainers.glob("*.yml")
        if not path.is_symlink()
    )
    media = project.content / "media"
    media.mkdir()
    (media / "pic.jpg").symlink_to(project.root / SEED)
    assert backend.ask("deleteFile", {"path": "content/media/pic.jpg"})[0] in {200, 403}
    assert (project.root / SEED).is_file()  # the explainer stays, whatever became of the link


def test_two_texts_are_told_the_same_when_only_their_comments_differ(backend: Backend, project: Project) -> None:
    """The editor asks before it refuses a save as "saved elsewhere" (editor-saves.js): a comment or the layout
    changed on disk is no clash; a value changed, or a text that does not read, is."""
    raw = (project.root / SEED).read_text(encoding="utf-8")
    relaid = "# a note\n" + raw.replace("\n\n", "\n")
    other = raw.replace("slug: kim-jong-un-russia-visit", "slug: another-one", 1)
    assert other != raw
    for texts, same in [([raw, relaid], True), ([raw, other], False), ([raw, "slug: [\n"], False), ([raw], False)]:
        assert backend.ask("sameValues", {"path": SEED, "texts": texts})[:2] == (200, {"same": same})
    assert backend.ask("sameValues", {"path": "../Makefile", "texts": [raw, raw]})[0] == 403


def test_an_explainer_that_does_not_read_is_not_deleted(backend: Backend, project: Project) -> None:
    """The list showed a file with a YAML mistake as a nameless entry, its form empty, and "Delete entry" deleted
    a published explainer no editor had seen (an outside tester's): refused, naming the line to mend."""
    path = project.root / SEED
    broken = path.read_text(encoding="utf-8").replace("slug: kim-jong-un-russia-visit", "slug: [kim", 1)
    path.write_text(broken, encoding="utf-8")
    status, said, _ = backend.ask("deleteFile", {"path": SEED})
    assert status == 409 and "does not read as it is on disk (line 5" in str(said), said
    assert path.read_text(encoding="utf-8") == broken
    assert backend.ask("deleteFile", {"path": "content/explainers/none.yml"})[0] == 200  # (nothing there: as before)


def test_a_save_the_computer_refuses_tells_the_editor_why(project: Project) -> None:
    """A save on a full disk answered the browser "Unknown error", the reason in the terminal alone (an outside
    tester's): the editor is told. Here a backend of its own process may write no file over 1 kB (RLIMIT_FSIZE,
    its signal ignored: the write fails as on a full disk); the explainer stays whole."""
    port = free_port()
    script = (
        "import resource, signal, sys, time\n"
        "from pathlib import Path\n"
        "from generator.local_backend import local_backend\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))\n"
        f"with local_backend(Path({str(project.root)!r}), {port}, lambda line: None) as query:\n"
        "    print(query, flush=True)\n"
        "    sys.stdin.read()\n"
    )
    before = (project.root / SEED).read_bytes()
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        backend = Backend(port, process.stdout.readline().strip().rpartition("key=")[2])
        changed = before.decode("utf-8").replace("slug: kim-jong-un-russia-visit", "slug: kim-visit", 1)
        status, said, _ = backend.ask("persistEntry", {"entry": {"path": SEED, "raw": changed}, "assets": []})
        process.stdin.close()
    assert status == 500 and "the computer refused this (File too large)" in str(said), said
    assert (project.root / SEED).read_bytes() == before


def test_the_key_outlives_a_restart_of_edit(project: Project) -> None:
    """A new key at each start turned the editors' bookmarked address into Decap's sign-in form (an outside
    tester's): the key is kept in the project's cache, readable by its owner alone, and one not so is made anew."""
    keys = []
    for _ in range(2):
        with local_backend(project.root, free_port(), lambda line: None) as query:
            keys.append(query.rpartition("key=")[2])
    kept = project.root / ".cache" / "editor-key"
    assert keys[0] == keys[1] and kept.stat().st_mode & 0o777 == 0o600
    kept.chmod(0o644)  # readable by others: no longer this user's secret
    with local_backend(project.root, free_port(), lambda line: None) as query:
        assert query.rpartition("key=")[2] != keys[0] and kept.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("name", ["evil.html", "drawing.svg", "notes.yml", "sub/deeper/x.txt"])
def test_only_pictures_are_uploaded(backend: Backend, project: Project, name: str) -> None:
    """The media library wrote any file at any depth under content/media/ (an outside tester's `evil.html`):
    nothing published it, but nothing ever looked at it either. Only a picture's name is taken."""
    asset = {"path": f"content/media/{name}", "content": base64.b64encode(b"<b>hi</b>").decode(), "encoding": "base64"}
    status, said, _ = backend.ask("persistMedia", {"asset": asset})
    assert status == 422 and "only pictures are uploaded here" in str(said), said
    assert not (project.content / "media" / name).exists()


def test_an_explainer_deleted_takes_its_translation_record_with_it(backend: Backend, project: Project) -> None:
    """Deleted in the editor, an explainer left its record in content/translations/, which the editor cannot reach
    and `check --strict`, run on every pull request, then failed on (an outside tester's): it goes too."""
    record = project.content / "translations" / Path(SEED).name
    assert record.is_file()
    assert backend.ask("deleteFile", {"path": SEED})[0] == 200
    assert not (project.root / SEED).exists() and not record.exists()
    assert sorted(path.name for path in (project.content / "translations").iterdir()) == []


def test_the_backend_sweeps_what_a_killed_save_left_when_it_starts(project: Project) -> None:
    """`edit` killed while saving left `.<name>.<pid>.<letters>.new` in content/explainers/, there until the next
    save, which a newsroom's `git add -A` committed before (an outside tester's): `edit` sweeps at its start."""
    ended = subprocess.Popen(["true"])
    assert ended.wait() == 0  # a process id that is gone
    explainers = project.root / "content" / "explainers"
    (explainers / "2024").mkdir()
    left = [explainers / f".{SEED.rpartition('/')[2]}.{ended.pid}.ab12cd34.new"]
    left.append(explainers / "2024" / f".x.yml.{ended.pid}.ab12cd34.new")  # in a subfolder too (a retester's)
    for path in left:
        path.write_bytes(b"")
        os.utime(path, (1_000_000_000, 1_000_000_000))  # long untouched
    with local_backend(project.root, free_port(), lambda line: None):
        assert not any(path.exists() for path in left)
