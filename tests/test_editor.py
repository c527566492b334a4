"""The editor's configuration is the content model's: every field, label, help text, requirement and list, the
site's languages and topics. And `python -m generator edit` runs the preview with Decap's local backend."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO, SEED_SLUG, build, check, photo
from servers import accepts, editor_address, free_port, running_edit, wait_for

from generator.cli import main
from generator.editor_config import MARKDOWN_HINT, config
from generator.model import Explainer
from generator.project import Project


def explainers_collection(project: Project) -> dict[str, Any]:
    outputs = build(project)
    generated = json.loads(outputs["admin/config.json"])
    (collection,) = generated["decap"]["collections"]
    return collection


def model_fields(schema: dict[str, Any], definitions: dict[str, Any], at: str = "") -> dict[str, dict[str, Any]]:
    """Every field of the model, by its path (`sections.points.said_by`), with its schema; a text is one field."""
    found = {}
    for name, value in schema.get("properties", {}).items():
        path = f"{at}{name}"
        found[path] = value
        target = value
        for kind in value.get("anyOf", ()):
            target = kind if kind.get("type") != "null" else target
        items = target.get("items", {})
        items = next((kind for kind in items.get("oneOf", ()) if kind["$ref"].endswith("/Text")), items)
        reference = (target.get("$ref") or items.get("$ref") or "").rsplit("/", 1)[-1]
        if reference and reference != "Text":
            found |= model_fields(definitions[reference], definitions, f"{path}.")
    return found


def config_fields(fields: list[dict[str, Any]], at: str = "") -> dict[str, dict[str, Any]]:
    found = {}
    for field in fields:
        path = f"{at}{field['name']}"
        found[path] = field
        found |= config_fields(field.get("fields", []), f"{path}.")
    return found


def test_every_field_of_the_model_is_in_the_editor_with_its_help_and_requirement(project: Project) -> None:
    schema = Explainer.model_json_schema()
    expected = model_fields(schema, schema["$defs"])
    generated = config_fields(explainers_collection(project)["fields"])
    # a paragraph is a text or a picture: an item with a field per language, and the picture kept as written
    paragraph = {path for path in generated if path.startswith("sections.paragraphs.")}
    assert paragraph == {"sections.paragraphs.ar", "sections.paragraphs.en", "sections.paragraphs.figure"}
    assert set(generated) - paragraph == set(expected)
    for path, field in generated.items():
        assert field["label"], path
        if path in paragraph:
            continue
        description = expected[path].get("description")
        if description:  # (a long text's says Markdown: an outside tester looked for a toolbar)
            markdown = f" {MARKDOWN_HINT}" if field.get("multiline") else ""
            assert field["hint"] == " ".join(description.split()) + markdown, path
    # required as the model requires, optional where it allows nothing or has a default
    assert generated["title"]["required"] and generated["slug"]["required"] and generated["sections"]["required"]
    assert generated["sections.id"]["required"] and generated["sections.heading"]["required"]
    assert not generated["updated"]["required"] and not generated["image"]["required"]
    assert not generated["sections.points.said_by"]["required"] and not generated["voices.role"]["required"]
    # the lists an explainer is made of
    for name in ("takeaways", "sections", "sections.points", "voices", "timeline", "sources"):
        assert generated[name]["widget"] == "list" and generated[name]["fields"], name
    assert generated["sections"]["min"] == 1 and generated["takeaways"]["min"] == 1


def test_texts_are_edited_in_every_language_of_the_site(project: Project) -> None:
    fields = config_fields(explainers_collection(project)["fields"])
    site = check(project)
    languages = [
        {"code": language.code, "name": language.name, "direction": language.direction} for language in site.languages
    ]
    texts = [path for path, field in fields.items() if field["widget"] == "texts"]
    assert {"title", "dek", "sections.heading", "sections.points.text", "voices.name", "timeline.text"} <= set(texts)
    for path in texts:
        shown = [
            {key: language[key] for key in ("code", "name", "direction")} for language in fields[path]["languages"]
        ]
        assert shown == languages, path
    assert [language["direction"] for language in languages] == ["rtl", "ltr"]
    # a section's paragraphs: a list of texts, each language a field of the item
    for language in languages:
        field = fields[f"sections.paragraphs.{language['code']}"]
        assert field["widget"] == "language_text"
        assert {key: field["language"][key] for key in ("code", "name", "direction")} == language


def test_a_value_out_of_its_pattern_is_told_the_rule(project: Project) -> None:
    """Decap says "Slug didn't match the pattern: …" and then this: the rule, in a reader's words (it said the
    field's help text, which named no rule, to an outside editor)."""
    fields = config_fields(explainers_collection(project)["fields"])
    assert (
        fields["slug"]["pattern"][1]
        == "use lower-case letters a-z, digits 0-9 and single hyphens, such as kim-putin-summit"
    )
    assert fields["sections.id"]["pattern"][1] == fields["slug"]["pattern"][1]
    assert (
        fields["timeline.date"]["pattern"][1]
        == "write a year (2019), a month (2023-07) or a day (2023-09-12), in the digits 0-9"
    )
    patterned = [field for field in fields.values() if "pattern" in field]
    assert patterned and all(not field["pattern"][1].endswith(".") for field in patterned)
    # a day is typed as text (Decap's picker saved `12052026` typed as 1906-12-05), checked on the calendar
    for name in ("published", "updated", "source.date", "updates.date"):
        assert fields[name]["widget"] == "string" and fields[name]["real_date"], name
        assert fields[name]["pattern"][1] == "write the day as YYYY-MM-DD in the digits 0-9, such as 2023-09-12"
    assert fields["timeline.date"]["real_date"]
    assert not any(field["widget"] == "datetime" for field in fields.values())


def test_a_value_of_a_few_choices_is_chosen_not_typed(project: Project) -> None:
    """An update's kind was a free text: `Correction` was saved, and `check` refused it (an outside editor's)."""
    fields = config_fields(explainers_collection(project)["fields"])
    assert fields["updates.kind"]["widget"] == "select"
    assert fields["updates.kind"]["options"] == ["update", "correction"]
    # a source's language: the site's first, in their own names, then any other CLDR has (an English-only desk
    # summarises a Hebrew article; the choice listed the site's languages alone, where `check` takes any)
    options = fields["source.language"]["options"]
    assert options[:2] == [{"label": "العربية", "value": "ar"}, {"label": "English", "value": "en"}]
    assert {"label": "Hebrew (he)", "value": "he"} in options and len({option["value"] for option in options}) > 200


def test_references_choose_from_the_explainers_own_voices_and_sections(project: Project) -> None:
    fields = config_fields(explainers_collection(project)["fields"])
    for path, (refers_to, label) in {
        "sections.points.said_by": ("voices", "name"),
        "timeline.said_by": ("voices", "name"),
        "takeaways.section": ("sections", "heading"),
    }.items():
        assert fields[path]["widget"] == "reference"
        assert (fields[path]["refers_to"], fields[path]["label_field"]) == (refers_to, label)
        assert f"{refers_to}.id" in fields and f"{refers_to}.{label}" in fields


def test_topics_are_the_sites_and_the_file_layout_is_ours(project: Project) -> None:
    collection = explainers_collection(project)
    fields = config_fields(collection["fields"])
    settings = yaml.safe_load(project.settings_file.read_text(encoding="utf-8"))
    assert [option["value"] for option in fields["topics"]["options"]] == [topic["id"] for topic in settings["topics"]]
    # each language's name set apart (first-strong isolates), as every line that shows the two side by side
    assert fields["topics"]["options"][0]["label"] == "\u2068كوريا الشمالية\u2069 · \u2068North Korea\u2069"
    unreadable = "title.ar | default('⚠ the file does not read: `check` names the line')"
    assert collection["summary"] == f"\u2068{{{{{unreadable}}}}}\u2069 · \u2068{{{{title.en}}}}\u2069"
    assert fields["sections"]["summary"] == "{{fields.id}} · \u2068{{fields.heading.ar}}\u2069"
    assert fields["timeline"]["summary"] == "{{fields.date}} · {{fields.text.ar}}"  # (in the text's direction)
    assert fields["key_figures"]["summary"] == "{{fields.value}} · {{fields.label.ar}}"  # (a number alone)
    assert fields["takeaways"]["summary"] == "{{fields.text.ar}}"  # alone, in its own direction (editor.css)
    assert fields["topics"]["multiple"] is True
    # authors are chosen from authors.yml as topics are (typed, `, other` after one made `explainers-deskother`)
    assert fields["authors"]["widget"] == "select" and fields["authors"]["multiple"] is True
    assert [option["value"] for option in fields["authors"]["options"]] == ["explainers-desk"]
    assert (collection["folder"], collection["extension"], collection["identifier_field"]) == (
        "content/explainers",
        "yml",
        "slug",
    )
    # the schema modeline is written above the first field, as every content file begins
    modeline = (project.explainers / "kim-jong-un-russia-visit.yml").read_text(encoding="utf-8").splitlines()[0]
    assert f"# {collection['fields'][0]['comment']}" == modeline


def test_each_language_edits_in_its_direction_and_its_pages_font(project: Project) -> None:
    css = build(project)["admin/editor.css"].decode("utf-8")
    assert '[data-language="ar"] { direction: rtl; text-align: start; font-family: "Noto Naskh Arabic"' in css
    assert '[data-language="en"] { direction: ltr; text-align: start; font-family: system-ui' in css


def test_the_editor_is_published_only_when_site_yml_turns_it_on(project: Project) -> None:
    outputs = build(project)
    scripts = (
        "editor-setup.js",
        "editor-fields.js",
        "editor-paste.js",
        "editor-saves.js",
        "editor-refusals.js",
        "editor.js",
    )
    assert {"admin/index.html", "admin/config.json", "admin/decap-cms.js"} <= set(outputs)
    assert {f"admin/{name}" for name in scripts} <= set(outputs)
    assert not any(name.endswith(".map") for name in outputs)
    page = outputs["admin/index.html"].decode("utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert not [line for line in page.splitlines() if "http" in line]  # everything from the site itself
    settings = project.settings_file.read_text(encoding="utf-8")
    project.settings_file.write_text(settings.replace("editor: true", "editor: false"), encoding="utf-8")
    assert not [name for name in build(project) if name.startswith("admin/")]


def test_a_third_language_is_a_third_column(tmp_path: Path) -> None:
    """Languages are data: the trilingual example's editor edits French too, left to right."""
    import shutil

    root = tmp_path / "examples" / "trilingual"
    shutil.copytree(REPO / "examples" / "trilingual", root, ignore=shutil.ignore_patterns("site", ".cache"))
    (tmp_path / "templates").symlink_to(REPO / "templates")
    settings = root / "content" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\neditor: true\n", encoding="utf-8")
    site = check(Project(root))
    title = next(field for field in config(site)["collections"][0]["fields"] if field["name"] == "title")
    assert [(language["code"], language["direction"]) for language in title["languages"]] == [
        (language.code, language.direction) for language in site.languages
    ]
    assert len(title["languages"]) == 3


@pytest.mark.slow
@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["ctrl-c", "kill", "hangup", "kill-9"]
)
def test_edit_serves_the_editor_beside_its_local_backend(project: Project, tmp_path: Path, stop: int) -> None:
    """`python -m generator edit`: the preview serves admin/ (without its reload script, so a save keeps the
    editor's state) and its local backend answers for the project, to the key of the address `edit` printed; both
    stop together, on Ctrl-C, `kill`, a closed terminal and `kill -9` (which left decap-server, the backend
    before, answering and writing into the project, for outside testers)."""
    port, backend = free_port(), free_port()
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "edit"]
    command += ["--port", str(port), "--backend-port", str(backend)]
    log = (tmp_path / "edit.log").open("w")
    process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: accepts(port) and accepts(backend), 60, tmp_path / "edit.log")
        address = editor_address(tmp_path / "edit.log")
        assert address.startswith(f"http://127.0.0.1:{port}/admin/?backend={backend}&key="), address
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/") as response:
            page = response.read().decode("utf-8")
        assert '<script src="decap-cms.js"></script>' in page and "EventSource" not in page
        request = urllib.request.Request(
            f"http://127.0.0.1:{backend}/api/v1?key={address.rpartition('key=')[2]}",
            data=json.dumps({"action": "info"}).encode("utf-8"),
            headers={"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{port}"},
        )
        with urllib.request.urlopen(request) as response:
            assert json.loads(response.read()) == {"repo": "project", "publish_modes": ["simple"], "type": "local_fs"}
    finally:
        process.send_signal(stop)
        process.wait(timeout=30)
    expected = {signal.SIGINT: 0, signal.SIGKILL: -signal.SIGKILL}.get(stop, 128 + stop)  # Ctrl-C ends a preview
    assert process.returncode == expected
    assert not accepts(backend)  # stopped with the command (it answers in the command's own process)
    assert os.path.exists(project.site / "admin" / "config.json")


def test_edit_refuses_a_save_check_would_refuse_and_puts_its_pictures_back(project: Project, tmp_path: Path) -> None:
    """A new explainer saved with a picture cut short: `check` refuses it, so `edit`'s backend refuses the save
    (422, naming the field and its line) and writes neither the explainer nor the picture, which stayed in
    content/media/ while Decap said "Published" (an outside tester's); a picture the save wrote over is put back
    as it was (an independent reviewer's), and one the entry does not name is not written (Decap sends every
    picture uploaded since the page loaded: a refused damaged one was written by the next save). Whole, the
    same save is written. A picture a saved explainer names is not deleted, and the refusal is said: Decap deletes it
    as soon as an editor chooses to replace it with one of the same name, and a tab closed then broke the site."""
    (project.content / "media").mkdir()
    (project.content / "media" / "harbour.jpg").write_bytes(photo())
    text = (FIXTURES / "pictures-explainer.yml").read_text("utf-8").replace("media/chart.png", "media/harbour.jpg")
    raw = text.replace("file: media/harbour.jpg", "file: media/new.jpg", 1)
    with running_edit(project, tmp_path) as (address, backend):
        key = address.rpartition("key=")[2]
        # the editor's address once the preview serves it (printed first, it answered "connection refused")
        printed = (tmp_path / "edit.log").read_text(encoding="utf-8")
        assert printed.index("serving http://") < printed.index("editor: http://"), printed

        def ask(asked: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            request = urllib.request.Request(f"http://127.0.0.1:{backend}/api/v1?key={key}", json.dumps(asked).encode())
            try:
                with urllib.request.urlopen(request) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())

        def save(picture: bytes, *more: tuple[str, bytes]) -> tuple[int, dict[str, Any]]:
            pictures = [("new.jpg", picture), *more]
            assets = [
                {"path": f"content/media/{name}", "content": base64.b64encode(data).decode(), "encoding": "base64"}
                for name, data in pictures
            ]
            entry = {"path": "content/explainers/pictures-explainer.yml", "raw": raw}
            return ask({"action": "persistEntry", "params": {"entry": entry, "assets": assets}})

        whole, harbour = photo(), (project.content / "media" / "harbour.jpg").read_bytes()
        status, told = save(whole[: len(whole) // 2], ("harbour.jpg", photo(900, 600)), ("other.jpg", photo(800, 500)))
        assert status == 422 and told["error"].startswith("Image › File: "), told
        assert "cut short" in told["error"], told
        assert not (project.explainers / "pictures-explainer.yml").exists()
        assert not (project.content / "media" / "new.jpg").exists()
        assert (project.content / "media" / "harbour.jpg").read_bytes() == harbour
        assert not (project.content / "media" / "other.jpg").exists()  # named by no explainer: never written
        # Under a name the build reads too (`.YAML`), the save is asked about as well (an outside tester's).
        unsafe = {"path": "content/explainers/other.YAML", "raw": raw.replace("\nslug: ", "\nslug: Not A Slug ", 1)}
        status, told = ask({"action": "persistEntry", "params": {"entry": unsafe}})
        assert status == 422 and told["error"].startswith("Slug: "), told
        assert not (project.explainers / "other.YAML").exists()
        # The fields a message speaks of are named as the form labels them: `is before \`published\``, `in
        # timeline[0]` and `\`kind: update\`` told an outside tester's editor of keys the form does not show.
        early = {
            "path": "content/explainers/early.yml",
            "raw": raw.replace("\npublished: ", "\nupdated: 2024-01-10\npublished: "),
        }
        status, told = ask({"action": "persistEntry", "params": {"entry": early}})
        assert status == 422 and "Updated: is before Published;" in told["error"], told
        assert "`published`" not in told["error"] and "`kind" not in told["error"], told
        # A slug another explainer has, which only the browser asked before: any other client saved it, and
        # every build failed after (an outside tester's).
        seed = (project.explainers / f"{SEED_SLUG}.yml").read_text("utf-8")
        twin = {"path": "content/explainers/twin.yml", "raw": seed}
        status, told = ask({"action": "persistEntry", "params": {"entry": twin}})
        assert status == 422 and f"“{SEED_SLUG}” is also the slug of" in told["error"], told
        assert not (project.explainers / "twin.yml").exists()
        # And two saves of one new slug sent back to back, before the preview has read the first (both were taken)
        first, second = (seed.replace(f"slug: {SEED_SLUG}", "slug: one-new-slug", 1) for _ in range(2))
        entries = [
            {"path": f"content/explainers/{name}.yml", "raw": raw} for name, raw in (("a", first), ("b", second))
        ]
        answers = [ask({"action": "persistEntry", "params": {"entry": entry}}) for entry in entries]
        assert answers[0] == (200, {"message": "entry persisted"}), answers
        assert answers[1][0] == 422 and "“one-new-slug” is also the slug of" in answers[1][1]["error"], answers
        assert not (project.explainers / "b.yml").exists()
        (project.explainers / "a.yml").unlink()
        assert save(whole) == (200, {"message": "entry persisted"})
        assert (project.explainers / "pictures-explainer.yml").read_text("utf-8") == raw
        assert (project.content / "media" / "new.jpg").read_bytes() == whole
        (project.content / "media" / "unused.jpg").write_bytes(photo(640, 400))
        status, told = ask({"action": "deleteFile", "params": {"path": "content/media/harbour.jpg"}})
        assert status == 409, told  # a saved explainer names it: refused, and said (it showed as deleted)
        assert told["error"].startswith(
            "content/media/harbour.jpg is not deleted: content/explainers/pictures-explainer.yml shows it"
        )
        assert ask({"action": "deleteFile", "params": {"path": "content/media/unused.jpg"}})[0] == 200
        assert (project.content / "media" / "harbour.jpg").read_bytes() == harbour
        assert not (project.content / "media" / "unused.jpg").exists()


def test_a_taken_backend_port_is_said_at_once(project: Project, tmp_path: Path) -> None:
    """`edit` with the local backend's port already in use stops with one line naming the port and the flag."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "generator", "--project", str(project.root), "edit"]
        result = subprocess.run(
            [*command, "--port", str(free_port()), "--backend-port", str(port)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    said = f"python -m generator edit: the editor's backend cannot listen on port {port} (address already in use)"
    assert f"{said}; choose another with --backend-port" in result.stderr, result.stderr


def test_a_list_counts_its_items_in_the_singular_for_one(project: Project) -> None:
    """Decap counted "1 points" and "1 updates" (an outside tester's): every list of the form has its singular."""
    fields = config_fields(explainers_collection(project)["fields"])
    singular = {path: field.get("label_singular") for path, field in fields.items() if field["widget"] == "list"}
    assert singular["sections.points"] == "Point" and singular["updates"] == "Update"
    assert singular["key_figures"] == "Key figure" and singular["sections"] == "Section"
    assert all(
        name and not name.endswith("s") for path, name in singular.items() if fields[path]["label"].endswith("s")
    )


def test_a_projects_own_copy_of_the_editor_is_not_read_and_check_says_so(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newsroom's project kept the editor's page from an older version in its templates: after an upgrade the
    editor showed Decap's sign-in form, every call to `edit`'s backend refused, and `check` said all clear (an
    outside tester's). The page and scripts are the generator's own, which its backend matches; the copy is named."""
    from generator import editor

    if not (project.root / "templates").is_dir():
        shutil.copytree(project.templates, project.root / "templates")
    stale = project.root / "templates" / "admin" / "index.html"
    stale.write_text("<!doctype html><title>Editor</title><script src=decap-cms.js></script>\n", encoding="utf-8")
    secret = project.root.parent / "secret.txt"  # and a link out of it, which it was refused for: not read either
    secret.write_text("MY_CI_SECRET=s3cr3t", encoding="utf-8")
    (stale.parent / "env.txt").symlink_to(secret)
    outputs = editor.outputs(check(project), project.templates, False, "stale-copy")
    assert outputs["admin/index.html"] != stale.read_bytes()
    assert b"editor-saves.js" in outputs["admin/index.html"] and "admin/env.txt" not in outputs
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    assert "1 warning to look at." in said and "translation" not in said
    assert "templates/admin:1:1: is not read: the browser editor's page and scripts are the generator's own" in said
