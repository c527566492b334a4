"""The editor's commands: check, status, new, mark-reviewed and schema, run as an editor runs them."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_SLUG, in_process

from generator.project import Project
from generator.schema import schemas


def run(project: Project, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments], cwd=project.root, capture_output=True, text=True, timeout=60
    )


def test_check_on_the_seed_content_prints_only_an_all_clear(project: Project) -> None:
    result = run(project, "check")
    assert result.returncode == 0
    assert result.stdout == "All clear: 1 explainer, no problems.\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("folder", "languages"), [(REPO, ("ar", "en")), (REPO / "examples" / "trilingual", ("ar", "en", "fr"))]
)
def test_committed_schemas_match_the_model(folder: Path, languages: tuple[str, ...]) -> None:
    for name, data in schemas(languages).items():
        assert (folder / "schema" / name).read_bytes() == data, f"run `python -m generator schema` ({name})"


def test_schema_describes_fields_for_editors() -> None:
    schema = json.loads((REPO / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "Never change it once published" in schema["properties"]["slug"]["description"]
    assert set(schema["$defs"]["Text"]["required"]) == {"ar", "en"}


def test_every_content_file_points_editors_to_its_schema() -> None:
    for path in [*(REPO / "content" / "explainers").glob("*.yml"), *(REPO / "content" / "strings").glob("*.yml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file()


def test_new_writes_a_valid_complete_skeleton_and_never_overwrites(project: Project) -> None:
    result = run(project, "new", "a-new-explainer")
    assert result.returncode == 0, result.stderr
    path = project.content / "explainers" / "a-new-explainer.yml"
    text = path.read_text(encoding="utf-8")
    for field in ("slug:", "title:", "dek:", "source:", "takeaways:", "sections:", "voices:", "timeline:", "sources:"):
        assert field in text
    unfilled = run(project, "check")
    assert unfilled.returncode == 1
    problems = unfilled.stderr.splitlines()[:-1]
    placeholders = [line for line in text.splitlines() if re.search(r'"\[[^]]*\]"', line.split("#")[0])]
    assert len(problems) == len(placeholders) > 20
    assert all("is still the placeholder" in line for line in problems)
    dated = [line.split(": ")[1] for line in problems if "`[YYYY-MM-DD]`" in line]
    assert dated == ["source.date", "timeline[0].date"]
    text = re.sub(r'"\[([^]]*)\]"', r'"\1 (written)"', text.replace('"[YYYY-MM-DD]"', '"2023-09-12"'))
    path.write_text(text, encoding="utf-8")
    assert run(project, "check").returncode == 0
    assert run(project, "build").returncode == 0
    assert (project.site / "ar" / "a-new-explainer" / "index.html").is_file()
    path.write_text(text + "# my edit\n", encoding="utf-8")
    again = run(project, "new", "a-new-explainer")
    assert again.returncode == 1
    assert again.stderr == (
        "Nothing written: content/explainers/a-new-explainer.yml already exists; choose another slug.\n"
    )
    assert path.read_text(encoding="utf-8").endswith("# my edit\n")


def test_a_draft_is_written_where_no_build_reads_it_until_it_is_moved(project: Project) -> None:
    """One half-written explainer among the others stopped every build, every deploy and every editor's preview
    (an outside tester's newsroom): `new --draft` writes it in a hidden folder that nothing lists or builds."""
    result = run(project, "new", "--draft", "ceasefire-talks")
    assert result.returncode == 0, result.stderr
    draft = project.explainers / ".drafts" / "ceasefire-talks.yml"
    assert "a draft no build reads" in result.stdout and draft.is_file()
    # the same slug among the explainers would be two files of one slug once the draft is moved in (a tester's)
    again = run(project, "new", "ceasefire-talks")
    assert again.returncode == 1
    assert "is already the slug of content/explainers/.drafts/ceasefire-talks.yml" in again.stderr
    nested = project.explainers / ".drafts" / "2024" / "Truce.YAML"  # in a folder, named otherwise, with a BOM
    nested.parent.mkdir()
    nested.write_text("\ufeffslug: truce-talks\n", encoding="utf-8")
    assert "is already the slug of" in run(project, "new", "truce-talks").stderr
    assert run(project, "check").returncode == 0 and run(project, "build").returncode == 0
    assert not (project.site / "en" / "ceasefire-talks").exists()
    draft.rename(project.explainers / "ceasefire-talks.yml")  # done (here: not yet), it is checked as any other
    assert "is still the placeholder" in run(project, "check").stderr


@pytest.mark.parametrize("slug", ["Bad Slug", "../escape", "زيارة"])
def test_new_refuses_unsafe_slugs(project: Project, slug: str) -> None:
    result = run(project, "new", slug)
    assert result.returncode == 1
    assert "is not a safe slug" in result.stderr
    assert sorted(path.name for path in (project.content / "explainers").iterdir()) == [f"{SEED_SLUG}.yml"]


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "[::]", "0", "0.0", "::0", "0:0:0:0:0:0:0:0", "::ffff:0.0.0.0", "[::ffff:0:0]"]
)
def test_serve_asks_for_this_computers_own_address_not_every_address(project: Project, host: str) -> None:
    """`--host 0.0.0.0` listened everywhere and answered every phone on the network 403, "only the --host it was
    given" (an outside tester's): refused at the start, with what to give instead."""
    result = run(project, "serve", "--host", host)
    assert result.returncode == 2 and "give its address on the network, e.g. --host 192.168.1.5" in result.stderr


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["serve", "--port", "70000"], "argument --port: 70000 is no port"),
        (["serve", "--port", "-1"], "argument --port: -1 is no port"),
        (["edit", "--backend-port", "65536"], "argument --backend-port: 65536 is no port"),
        (["serve", "--host", "<broadcast>"], "is the broadcast address, which no browser can reach"),
        (["serve", "--host", "[127.0.0.1]"], "brackets go around an IPv6 address alone"),
    ],
)
def test_a_port_or_host_no_browser_can_reach_is_refused_at_the_start(
    project: Project, flags: list[str], said: str
) -> None:
    """A port out of range was an internal error; the broadcast address and `[127.0.0.1]` were listened on, where no
    browser reaches (an outside tester's)."""
    result = run(project, *flags)
    assert result.returncode == 2 and said in result.stderr, result.stderr


@pytest.mark.parametrize("host", ["evil.invalid", "192.0.2.1"])
def test_serve_at_an_address_not_of_this_computer_says_so(project: Project, host: str) -> None:
    """It said the port could not be listened on, and to choose another (an outside tester's)."""
    result = run(project, "serve", "--host", host, "--port", "0")
    assert result.returncode != 0
    assert f"the preview cannot listen on {host} (" in result.stderr and "give one with --host" in result.stderr


@pytest.mark.parametrize("slug", ["topics", "search", "page"])
def test_new_refuses_the_addresses_of_the_sites_own_pages(project: Project, slug: str) -> None:
    """`new topics` wrote content/explainers/topics.yml, which check then refused (an outside tester's finding)."""
    result = run(project, "new", slug)
    assert (result.returncode, result.stderr) == (
        1,
        f"Nothing written: `{slug}` is the address of the site's own pages (/ar/{slug}/); choose another slug.\n",
    )
    assert sorted(path.name for path in (project.content / "explainers").iterdir()) == [f"{SEED_SLUG}.yml"]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_one_flag(project: Project, line: str) -> None:
    """`check` lists exactly this translation line and passes; `check --strict` fails on it."""
    result = run(project, "check")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [line, "1 translation to look at."]
    assert run(project, "check", "--strict").returncode == 1


def test_stale_translation_is_flagged_until_marked_reviewed(project: Project) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(explainer, 'ar: "الزيارة وسياقها"', 'ar: "الزيارة وخلفيتها"')
    assert_one_flag(
        project,
        f"content/explainers/{SEED_SLUG}.yml:79:5: sections[0].heading: the Arabic changed after the English was"
        " reviewed; update the English, then run mark-reviewed",
    )
    status = run(project, "status").stdout.splitlines()
    assert status[0].split() == [
        "explainer",
        "language",
        "reviewed",
        "unreviewed",
        "stale",
        "changed",
        "mismatched",
        "missing",
    ]
    assert status[1].split()[:2] == [SEED_SLUG, "en"] and status[1].split()[4] == "1"
    marked = run(project, "mark-reviewed", f"content/explainers/{SEED_SLUG}.yml")
    assert marked.returncode == 0
    # the stale English is named as it is marked: it was marked with the rest in silence (an outside tester's)
    assert marked.stdout.splitlines()[1:] == [
        "1 of them was to look at, marked as written:",
        "  sections[0].heading: the Arabic changed after the English was reviewed",
    ]
    assert run(project, "check").stdout.startswith("All clear")


def test_mark_reviewed_names_a_file_that_is_not_there(project: Project) -> None:
    """A mistyped name was answered "has no explainers, and building would remove the pages" (an outside
    tester's), which pointed at `--allow-empty`."""
    result = run(project, "mark-reviewed", "content/explainers/nonexistent.yml")
    assert result.returncode == 2
    assert result.stderr == "python -m generator mark-reviewed: content/explainers/nonexistent.yml: no such file.\n"


def test_check_names_the_translations_with_the_contents_problems(project: Project) -> None:
    """A content error hid the translations to look at until it was fixed, `--strict` and `--format json` too:
    CI named them a round later (an outside tester's). Said at once, as warnings, or errors with `--strict`."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(explainer, 'ar: "الزيارة وسياقها"', 'ar: "الزيارة وخلفيتها"')
    replace_in(explainer, "published: 2023-09-12", "published: 2023-02-30")
    result = run(project, "check")
    assert result.returncode == 1 and "published: " in result.stderr
    assert result.stdout.splitlines()[-1] == "1 translation to look at."
    assert "sections[0].heading: the Arabic changed after the English was reviewed" in result.stdout
    for strict, severity in (([], "warning"), (["--strict"], "error")):
        found = json.loads(run(project, "check", "--format", "json", *strict).stdout)["problems"]
        assert [item["severity"] for item in found if item["field"] == "sections[0].heading"] == [severity]
        assert [item["severity"] for item in found if item["field"] == "published"] == ["error"]


def test_a_missing_text_is_said_once(project: Project) -> None:
    """A text missing in a language is the content's error (`title.en: is missing`); the translations said it
    again (`title: has no English text yet`): seven gaps were fourteen lines (an outside tester's)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    lines = explainer.read_text(encoding="utf-8").split("\n")
    dropped = next(number for number, line in enumerate(lines) if line.startswith("  en: "))  # the title's English
    explainer.write_text("\n".join(lines[:dropped] + lines[dropped + 1 :]), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1 and "title.en: is missing" in result.stderr
    assert "has no English text yet" not in result.stdout
    found = json.loads(run(project, "check", "--format", "json").stdout)["problems"]
    assert [item["field"] for item in found if item["field"].startswith("title")] == ["title.en"]


def test_english_edit_flags_the_arabic(project: Project) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(explainer, 'en: "The visit and its context"', 'en: "The visit and its background"')
    said = run(project, "check").stdout
    assert "the English changed after the Arabic was reviewed; check that the Arabic says the same" in said
    assert "update the Arabic" not in said  # a fix in one language asks nothing of the source (an outside tester's)


def test_moving_texts_around_raises_no_flag(project: Project) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    start, end = text.index("  - id: us-officials"), text.index("  - id: shoigu")
    block = text[start:end]
    explainer.write_text(
        text[:start] + text[end:].replace("\ntimeline:", "\n" + block.rstrip("\n") + "\n\ntimeline:", 1),
        encoding="utf-8",
    )
    result = run(project, "check")
    assert result.stdout.startswith("All clear"), result.stdout + result.stderr


def test_check_and_build_never_modify_content(project: Project) -> None:
    before = {path: path.read_bytes() for path in project.content.rglob("*") if path.is_file()}
    run(project, "check")
    run(project, "build")
    run(project, "status")
    assert {path: path.read_bytes() for path in project.content.rglob("*") if path.is_file()} == before


def test_strict_fails_on_an_explainer_never_reviewed(two_explainer_project: Project) -> None:
    project = two_explainer_project
    assert_one_flag(
        project,
        "content/explainers/second-explainer.yml:1:1: has never been marked reviewed; check every language says"
        " the same as the Arabic, then run mark-reviewed",
    )
    assert run(project, "mark-reviewed", "content/explainers/second-explainer.yml").returncode == 0
    strict = run(project, "check", "--strict")
    assert strict.returncode == 0, strict.stdout
    assert strict.stdout.startswith("All clear")


def test_strict_fails_on_a_text_added_after_review(project: Project) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(
        explainer,
        "    paragraphs:\n",
        '    paragraphs:\n      - ar: "فقرة جديدة."\n        en: "A new paragraph."\n',
    )
    assert_one_flag(
        project,
        f"content/explainers/{SEED_SLUG}.yml:83:9: sections[0].paragraphs[0]: is new since the last review;"
        " check the English says the same as the Arabic, then run mark-reviewed",
    )


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_directional_marks_alone_do_not_make_the_other_language_stale(project: Project, mark: str) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(explainer, 'ar: "الزيارة وسياقها"', f'ar: "الزيارة {mark}وسياقها{mark}"')
    replace_in(explainer, 'for Pyongyang?"', f'for Pyongyang?{mark}"')
    result = run(project, "check", "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("All clear")
    replace_in(explainer, f"وسياقها{mark}", f"وخلفيتها{mark}")
    assert "the Arabic changed after the English was reviewed" in run(project, "check").stdout


@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "../outside.yml", "content/site.yml", "content/explainers/.hidden.yml", "content/x.yml~"],
)
def test_mark_reviewed_refuses_files_outside_the_explainers_folder(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    before = sorted(project.root.parent.rglob("*"))
    code, out, err = in_process(
        project, monkeypatch, capsys, "mark-reviewed", f"content/explainers/{SEED_SLUG}.yml", target
    )
    assert (code, out) == (2, "")
    assert err.startswith("python -m generator mark-reviewed: ")
    assert err.endswith(" is not an explainer file in content/explainers/.\n") and err.count("\n") == 1
    assert sorted(project.root.parent.rglob("*")) == before  # nothing written, not even the valid file's record
    assert not Path("/translations").exists()


def test_mark_reviewed_refuses_a_link_out_of_the_project(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "secret.yml").write_text("title: {ar: a, en: b}\n", encoding="utf-8")
    (project.content / "explainers" / "link.yml").symlink_to(tmp_path / "secret.yml")
    code, _, err = in_process(project, monkeypatch, capsys, "mark-reviewed", "content/explainers/link.yml")
    assert code == 2
    assert err == (
        "python -m generator mark-reviewed: content/explainers/link.yml or its record leads outside the project.\n"
    )
    assert not (project.content / "translations" / "link.yml").exists()


def test_mark_reviewed_in_a_subfolder_writes_the_mirrored_record(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = project.content / "explainers" / f"{SEED_SLUG}.yml"
    (project.content / "explainers" / "2024").mkdir()
    seed.rename(project.content / "explainers" / "2024" / "visit.yaml")
    (project.content / "translations" / f"{SEED_SLUG}.yml").unlink()  # a new file: no review recorded anywhere
    code, out, _ = in_process(project, monkeypatch, capsys, "check", "--strict")
    assert code == 1 and "content/explainers/2024/visit.yaml:1:1: has never been marked reviewed" in out
    assert in_process(project, monkeypatch, capsys, "status")[1].splitlines()[1].split()[:3] == [
        "2024/visit",
        "en",
        "0",
    ]
    code, out, _ = in_process(project, monkeypatch, capsys, "mark-reviewed", "content/explainers/2024/visit.yaml")
    assert code == 0
    assert out.startswith("Marked ") and out.endswith(" reviewed in content/translations/2024/visit.yaml.\n")
    assert in_process(project, monkeypatch, capsys, "check", "--strict")[0] == 0


def test_new_with_a_long_slug_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = in_process(project, monkeypatch, capsys, "new", "a" * 300)
    assert code == 1
    assert err == "Nothing written: the slug is 300 characters long; a slug can have at most 80.\n"
    assert in_process(project, monkeypatch, capsys, "new", "a" * 80)[0] == 0


def test_new_that_cannot_write_its_file_whole_leaves_none(project: Project) -> None:
    """On a full disk `new` said "Nothing written" and left the file empty, and the next `new` of that slug said it
    existed (an outside tester's): a file written short is taken out. The disk fills at 1 kB here (the limit
    on the size of a file a process writes, RLIMIT_FSIZE, with its signal ignored: the write fails as on a full
    disk)."""

    def small_files() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    command = [sys.executable, "-m", "generator", "new", "no-room"]
    full = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=60, preexec_fn=small_files)
    assert full.returncode == 1
    assert full.stderr == "Nothing written: cannot write content/explainers/no-room.yml (file too large).\n"
    assert not (project.explainers / "no-room.yml").exists()
    assert run(project, "new", "no-room").returncode == 0


def test_new_refuses_an_explainers_folder_that_leads_outside(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (project.content / "explainers").rename(elsewhere)
    (project.content / "explainers").symlink_to(elsewhere)
    code, _, err = in_process(project, monkeypatch, capsys, "new", "fresh")
    assert code == 2
    assert err == "python -m generator new: content/explainers leads outside the project; nothing written.\n"
    assert not (elsewhere / "fresh.yml").exists()


def test_new_with_control_characters_in_the_slug_prints_them_escaped(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = in_process(project, monkeypatch, capsys, "new", "x\x1b[2J\nforged")
    assert code == 1
    assert err.count("\n") == 1 and "\x1b" not in err and "x\\x1b[2J\\x0aforged" in err
    code, _, err = in_process(project, monkeypatch, capsys, "new", "x\u200by")  # (it looked like a safe slug)
    assert code == 1 and "`x\\u200by` is not a safe slug" in err


def test_translations_to_look_at_are_warnings_for_github_and_errors_when_strict(project: Project) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    replace_in(explainer, 'ar: "الزيارة وسياقها"', 'ar: "الزيارة وخلفيتها"')
    result = run(project, "check", "--format", "github")
    (line,) = result.stdout.splitlines()
    assert result.returncode == 0 and line.startswith(f"::warning file=content/explainers/{SEED_SLUG}.yml,line=79,")
    assert "title=sections[0].heading::the Arabic changed after the English was reviewed" in line
    strict = run(project, "check", "--format", "github", "--strict")
    assert strict.returncode == 1 and strict.stdout.startswith("::error ")
    data = json.loads(run(project, "check", "--format", "json").stdout)
    assert [item["severity"] for item in data["problems"]] == ["warning"]


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_project_path_that_is_no_folder_is_said_and_nothing_made(project: Project, command: str) -> None:
    """`build --project` with a mistyped path made the folder's `.cache/` there; a file answered `not a directory
    (…/mkdocs.yml/.cache)` (an outside tester's findings)."""
    missing = project.root / "no-such-project"
    result = run(project, "--project", str(missing), command)
    assert (result.returncode, result.stderr) == (
        2,
        f"python -m generator {command}: the project {missing} does not exist.\n",
    )
    assert not missing.exists()
    result = run(project, "--project", "mkdocs.yml", command)
    assert (result.returncode, result.stderr) == (
        2,
        f"python -m generator {command}: the project {project.root.resolve() / 'mkdocs.yml'} is not a folder.\n",
    )
    loop = project.root / "loop"  # a link that leads back to itself: a traceback (an outside tester's)
    loop.symlink_to(loop)
    result = run(project, "--project", str(loop), command)
    assert (result.returncode, result.stderr) == (
        2,
        f"python -m generator {command}: the project {loop} is a link that leads back to itself.\n",
    )
    loop.unlink()
    # A folder that is no project (the templates, the site, the file system's root): a build left its lock file
    # there, at `/.cache/build.lock` for `/`, and one in site/ was published (an outside tester's).
    for folder in ("templates", "/"):
        before = sorted(path.name for path in Path(project.root, folder).iterdir())
        result = run(project, "--project", folder, command)
        assert (
            result.returncode,
            result.stderr.endswith("has no content/ folder; --project names the folder that holds it.\n"),
        ) == (2, True)
        assert sorted(path.name for path in Path(project.root, folder).iterdir()) == before


def test_mark_reviewed_refuses_a_file_check_refuses(project: Project) -> None:
    """A paragraph missing its English was marked reviewed with the rest (an outside tester's finding): a file
    with problems is not marked, and they are said as check says them; the other files named are marked (one
    file of an import of 2,500 had left all of them unmarked, another tester's)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    record = project.content / "translations" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    (project.content / "explainers" / "second.yml").write_text(
        text.replace(f"slug: {SEED_SLUG}", "slug: second-explainer"), encoding="utf-8"
    )
    before = record.read_bytes()
    lines = text.split("\n")
    dropped = next(number for number, line in enumerate(lines) if line.startswith("  en: "))  # the title's English
    explainer.write_text("\n".join(lines[:dropped] + lines[dropped + 1 :]), encoding="utf-8")
    result = run(project, "mark-reviewed", f"content/explainers/{SEED_SLUG}.yml", "content/explainers/second.yml")
    assert result.returncode == 1
    assert result.stdout.startswith("Marked ") and result.stdout.endswith("content/translations/second.yml.\n")
    assert f"content/explainers/{SEED_SLUG}.yml:" in result.stderr and "title.en: is missing" in result.stderr
    assert result.stderr.endswith("\n1 file not marked, 1 problem found.\n")
    assert record.read_bytes() == before
    assert (project.content / "translations" / "second.yml").is_file()


def test_mark_reviewed_takes_a_path_from_the_project_named_with_project(project: Project, tmp_path: Path) -> None:
    """`--project proj mark-reviewed content/explainers/x.yml`, run from elsewhere, as the README writes it."""
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "mark-reviewed"]
    result = subprocess.run(
        [*command, f"content/explainers/{SEED_SLUG}.yml"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Marked ") and f"content/translations/{SEED_SLUG}.yml" in result.stdout


def test_mark_reviewed_counts_the_texts_status_counts(project: Project) -> None:
    """Two texts written alike are one fingerprint in the record: the count said was the record's, one less than
    `status` showed (an outside tester's finding). Both count texts."""
    marked = run(project, "mark-reviewed", f"content/explainers/{SEED_SLUG}.yml")
    said = int(re.match(r"Marked (\d+) texts reviewed", marked.stdout).group(1))  # type: ignore[union-attr]
    row = next(line.split() for line in run(project, "status").stdout.splitlines() if line.startswith(SEED_SLUG))
    assert said == int(row[2]) and said > 0


def test_check_names_an_explainers_dates_still_to_come(project: Project) -> None:
    """An update dated next year (a typed year) showed as the latest change and no one said a word (an outside
    tester's): `check` warns of each such date where it stands, `--strict` refuses them, `build` makes the page
    (an explainer ready ahead of its day is a newsroom's right)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    ahead = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    replace_in(explainer, "updated: 2026-12-02", f"updated: {ahead}")
    replace_in(explainer, "  - date: 2026-12-02\n    kind: update", f"  - date: {ahead}\n    kind: update")
    replace_in(explainer, "  date: 2023-09-12", f"  date: {dt.date.today() + dt.timedelta(days=1)}")  # a day's grace
    result = run(project, "check")
    today = dt.date.today().isoformat()
    said = f"is {ahead}, a day still to come: today is {today}"
    hint = "correct the year or the day; leave it if the explainer is ready ahead of its day"
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 dates to look at."
    assert [line.split(": ", 2)[1:] for line in lines[:-1] if ": " in line] == [
        ["updated", f"{said} ({hint})"],
        ["updates[0].date", f"{said} ({hint})"],
    ]
    assert run(project, "check", "--strict").returncode == 1
    assert run(project, "build").returncode == 0


def test_check_takes_what_the_build_cache_vouches_for(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` read and rendered every explainer again: 30 s at 2,500 (an outside tester's), where a build with
    nothing changed took 0.2 s. It reads the build cache, never writes it: an explainer a build made from these
    very bytes is not checked again (nor its pages taken for gone), and one changed since is."""
    import generator.build

    assert in_process(project, monkeypatch, capsys, "build")[0] == 0
    cache = project.cache_file.read_bytes()
    checked: list[Path] = []
    real = generator.build.process_explainer
    monkeypatch.setattr(generator.build, "process_explainer", lambda *given: checked.append(given[3]) or real(*given))
    assert in_process(project, monkeypatch, capsys, "check")[:2] == (0, "All clear: 1 explainer, no problems.\n")
    assert checked == [] and project.cache_file.read_bytes() == cache
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    lines = explainer.read_text(encoding="utf-8").split("\n")
    dropped = next(number for number, line in enumerate(lines) if line.startswith("  en: "))  # the title's English
    explainer.write_text("\n".join(lines[:dropped] + lines[dropped + 1 :]), encoding="utf-8")
    code, _, err = in_process(project, monkeypatch, capsys, "check")
    assert code == 1 and "title.en: is missing" in err and [path.name for path in checked] == [explainer.name]
    assert project.cache_file.read_bytes() == cache


def test_check_counts_explainers_never_reviewed_past_the_first_ten(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After an import of 2,500 files `check` printed 2,500 lines "has never been marked reviewed", and an outside
    tester found the import's real problems lost among them: it names ten, then counts the rest; JSON has all."""
    seed = (project.content / "explainers" / f"{SEED_SLUG}.yml").read_text(encoding="utf-8")
    for number in range(12):
        text = seed.replace(f"slug: {SEED_SLUG}", f"slug: imported-{number:02}")
        (project.content / "explainers" / f"imported-{number:02}.yml").write_text(text, encoding="utf-8")
    code, out, _ = in_process(project, monkeypatch, capsys, "check")
    lines = out.splitlines()
    assert code == 0 and sum("has never been marked reviewed" in line for line in lines) == 10
    assert lines[-2:] == [
        "… and 2 more explainers never marked reviewed (`check --format json` lists every one).",
        "12 translations to look at.",
    ]
    code, out, _ = in_process(project, monkeypatch, capsys, "check", "--format", "json")
    assert sum(problem["message"].startswith("has never") for problem in json.loads(out)["problems"]) == 12


@pytest.mark.slow
def test_a_committed_build_cache_or_site_is_refused(project: Project) -> None:
    """A pull request that commits `.cache/` (`git add -f`) had `check --strict` pass a `<script>` title on the
    cache's word, and a build publish the pictures it held (an outside tester's): a tracked cache or site folder
    is refused by every command that would read it, where it is, with the command that takes it out."""
    assert run(project, "build").returncode == 0
    people = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T"}
    people["GIT_COMMITTER_EMAIL"] = "t@example.org"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=project.root, check=True)
    subprocess.run([*git, "add", "content"], cwd=project.root, check=True)
    assert run(project, "check").returncode == 0  # untracked, as .gitignore keeps them: read as ever
    subprocess.run([*git, "add", "-f", ".cache/build.json"], cwd=project.root, check=True)
    subprocess.run([*git, "commit", "-qm", "a cache"], cwd=project.root, check=True, env={**os.environ, **people})
    for command in ("check", "build"):
        result = run(project, command)
        assert result.returncode == 1
        said = ".cache:1:1: is in the repository (git tracks 1 of its files): it is made by builds, never taken"
        assert result.stderr.startswith(said), result.stderr
        assert "(git rm -r --cached .cache)" in result.stderr
    # a link committed in the site folder's place is named too (it made `0 problems found`: a reviewer's)
    subprocess.run([*git, "rm", "-rq", "--cached", ".cache"], cwd=project.root, check=True)
    shutil.rmtree(project.site)
    project.site.symlink_to(project.root.parent)
    subprocess.run([*git, "add", "site"], cwd=project.root, check=True)
    result = run(project, "check")
    assert result.returncode == 1 and result.stderr.startswith("site:1:1: is in the repository (git tracks 1 of"), (
        result.stderr
    )
    # and one to a folder that does not exist yet, which `build` made and filled outside the project (an outside
    # tester's): tracked, it is refused; untracked, `build` refuses to make a folder where it leads
    project.site.unlink()
    project.site.symlink_to(project.root.parent / "not-yet")
    result = run(project, "check")
    assert result.returncode == 1 and result.stderr.startswith("site:1:1: is in the repository (git tracks 1 of"), (
        result.stderr
    )
    subprocess.run([*git, "rm", "-qf", "--cached", "site"], cwd=project.root, check=True)
    result = run(project, "build")
    assert result.returncode == 2 and "is a link to" in result.stderr and "which does not exist" in result.stderr
    assert not (project.root.parent / "not-yet").exists()


def test_an_empty_authors_file_holds_no_authors(project: Project) -> None:
    """It said `is empty (authors.yml needs at least )`, naming nothing (an outside tester's): a file of authors
    needs none, so an empty one holds none, and an explainer's byline is told where its author is missing."""
    (project.content / "authors.yml").write_text("", encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1 and "needs at least" not in result.stderr
    assert "is not the id of any author in authors.yml (authors.yml has none: add it there)" in result.stderr


def test_an_empty_site_folder_is_refused_not_taken_for_the_current_one(project: Project) -> None:
    result = run(project, "build", "--site-dir", "")
    assert result.returncode == 2 and "argument --site-dir: is empty: give the folder" in result.stderr
    assert not project.site.exists()


def test_a_loop_of_links_is_refused_where_it_is_never_an_internal_error(project: Project) -> None:
    """A `site` or `--site-dir` link that leads back to itself ended `check` and `build` in an internal error, and a
    looping `templates` had `check` take the default templates and say all clear (an outside tester's)."""
    project.site.symlink_to(project.site.name)
    assert run(project, "check").returncode == 0  # nothing is written there
    result = run(project, "build")
    assert result.returncode == 2 and "site is a link that leads back to itself" in result.stderr, result.stderr
    project.site.unlink()
    own = project.root / "templates"
    if own.is_dir():
        shutil.rmtree(own)
    own.symlink_to("templates")
    for command in ("check", "build"):
        result = run(project, command)
        assert result.returncode == 1 and "templates:1:1: is a link that leads to no folder" in result.stderr, (
            result.stderr
        )
