"""One case per mistake an editor can make, each with the exact report it must produce.

A case is `tests/bad_content/<name>.yml`, copied into a fresh copy of the project as
`content/explainers/<name>.yml` (beside the valid seed explainer), or, when its name starts with
`site--` or `strings-ar--`, put in place of content/site.yml or content/strings/ar.yml. `<name>.expected`
holds the exact lines `python -m generator check` must print, run from the project folder.
The corpus runs the command in-process (fast); the cases that cannot be written as text (wrong encodings,
huge files, an alias bomb) are built in code below and run it as a subprocess, as an editor does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BAD_CASES as CASES
from conftest import copy_project, place

from generator.cli import main
from generator.problems import escaped


def run_check(project_root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=project_root, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yml")), ids=lambda path: path.stem)
def test_bad_content_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    place(case, project.root)
    monkeypatch.chdir(project.root)  # paths are reported relative to where the editor runs the command
    assert main(["check"]) == 1
    report = capsys.readouterr().err
    assert report.splitlines() == case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_every_case_has_its_expected_report() -> None:
    cases = {path.stem for path in CASES.glob("*.yml")}
    expected = {path.stem for path in CASES.glob("*.expected")}
    assert cases == expected
    assert len(cases) >= 20


def check_bytes(tmp_path: Path, data: bytes) -> subprocess.CompletedProcess[str]:
    project = copy_project(tmp_path / "project")
    (project.content / "explainers" / "bad.yml").write_bytes(data)
    return run_check(project.root)


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    result = check_bytes(tmp_path, b"slug: x\ntitle:\n  ar: " + "نص".encode("cp1256") + b"\n")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/explainers/bad.yml:3:7: is not UTF-8 (byte 0xE4) (save the file as UTF-8 in your editor)"
    )


def test_an_arabic_file_name_is_read_as_written_under_a_locale_that_is_not_utf8(tmp_path: Path) -> None:
    """`PYTHONUTF8=0` with the C locale: Python read `زيارة.yml` as bytes it could not name, and `check` told an editor
    to rename a good file, hiding the file's own problem (an outside tester's)."""
    project = copy_project(tmp_path / "project")
    seed = next((project.content / "explainers").glob("*.yml"))
    text = seed.read_text("utf-8").replace("published: 2023-09-12", "published: 2023-02-30")
    (seed.parent / "زيارة.yml").write_text(text, "utf-8")
    seed.unlink()
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=project.root, capture_output=True, env=environment
    )
    said = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "not UTF-8" not in said
    assert "content/explainers/زيارة.yml:6:1: published: is not a real date: February 2023 has 28 days" in said


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seed = next((project.content / "explainers").glob("*.yml"))
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    result = run_check(project.root)
    assert result.returncode == 0, result.stderr


def test_utf16_without_its_byte_order_mark_is_said_once(tmp_path: Path) -> None:
    """Each of its ASCII letters' zero bytes was a problem of its own: 16,867 lines (an outside tester's)."""
    result = check_bytes(tmp_path, "slug: x\ntitle:\n  en: Kim\n".encode("utf-16-le"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/explainers/bad.yml:1:1: is not UTF-8: it looks like UTF-16 (save the file as UTF-8 in your editor)",
        "1 problem found; nothing was written.",
    ]


@pytest.mark.parametrize("ending", [b"\r", b"\r\n"], ids=["old-mac", "windows"])
def test_every_line_ending_counts_lines_as_editors_do(tmp_path: Path, ending: bytes) -> None:
    """A file saved with lone CRs (old Mac editors) had every problem at line 1, each CR a stray character."""
    project = copy_project(tmp_path / "project")
    seed = next((project.content / "explainers").glob("*.yml"))
    lines = seed.read_bytes().replace(b"published: ", b"publishd: ", 1).split(b"\n")
    seed.write_bytes(ending.join(lines))
    line = next(number for number, text in enumerate(lines, start=1) if text.startswith(b"publishd"))
    result = run_check(project.root)
    assert result.returncode == 1
    said = [problem.split(" (")[0] for problem in result.stderr.splitlines()]
    assert f"content/explainers/{seed.name}:{line}:1: publishd: is not a field this file can have" in said, said
    assert not [problem for problem in said if "U+000D" in problem], said


def test_huge_file_fails_fast(tmp_path: Path) -> None:
    started = time.monotonic()
    result = check_bytes(tmp_path, b"slug: x\n" + b"# padding\n" * 5_000_000)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/explainers/bad.yml:1:1: is 50,000,008 bytes; content files are limited to 1,000,000 bytes"
        " (split it or remove what does not belong)"
    )


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.monotonic()
    result = check_bytes(tmp_path, "\n".join(levels).encode())
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert "which content files do not use (write the value out in full)" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for case in ("unknown-key", "empty-text", "bad-slug"):
        place(CASES / f"{case}.yml", project.root)
    result = run_check(project.root)
    reported = {line.split(":")[0] for line in result.stderr.splitlines()[:-1]}
    assert reported == {f"content/explainers/{case}.yml" for case in ("unknown-key", "empty-text", "bad-slug")}


def github_annotation(item: dict[str, object]) -> str:
    """A problem as GitHub documents its workflow commands: `%`, CR and LF escaped; `:` and `,` in properties."""

    def data(text: str) -> str:
        return escaped(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    title = f",title={prop(str(item['field']))}" if item["field"] else ""
    message = str(item["message"]) + (f" ({item['hint']})" if item["hint"] else "")
    where = f"file={prop(str(item['file']))},line={item['line']},col={item['column']}"
    return f"::{item['severity']} {where}{title}::{data(message)}"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yml")), ids=lambda path: path.stem)
def test_machine_formats_say_what_the_report_says(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --format json` holds the same problems as the golden report, line for line, and `--format
    github` is each of them as a GitHub annotation, in the same order, on standard output; the translations
    to look at (these files were never reviewed) follow them as warnings, as the text report prints them."""
    project = copy_project(tmp_path / "project")
    place(case, project.root)
    monkeypatch.chdir(project.root)
    assert main(["check", "--format", "json"]) == 1
    items = json.loads(capsys.readouterr().out)["problems"]
    as_text = [
        escaped(f"{item['file']}:{item['line']}:{item['column']}: ")
        + escaped((f"{item['field']}: " if item["field"] else "") + item["message"])
        + (escaped(f" ({item['hint']})") if item["hint"] else "")
        for item in items
        if item["severity"] == "error"
    ]
    assert as_text == case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[:-1]
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [github_annotation(item) for item in items]


@pytest.mark.parametrize(
    ("wrong", "written", "said"),
    [
        ("en: Russia}", "en: Russia, ur: روس}", "topics[1].name.ur"),
        ("default_language: ar", "default_language: fr", "default_language"),  # an independent reviewer's
    ],
)
def test_an_explainer_is_checked_against_site_yml_s_languages_when_something_else_there_is_wrong(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wrong: str,
    written: str,
    said: str,
) -> None:
    """Urdu taken out of `languages:` but not out of a topic's name: the topic's `ur` was said, and the
    explainers' 64 Urdu texts only at the next run (an outside tester's). Their languages are still known, so
    both are said at once; their topics are not checked against topics that are not valid."""
    project = copy_project(tmp_path / "project")
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text("utf-8").replace(wrong, written, 1), "utf-8")
    seed = project.explainers / "kim-jong-un-russia-visit.yml"
    text = seed.read_text("utf-8")
    english_title = text.index("\n", text.index("  en:", text.index("\ntitle:")))
    seed.write_text(text[:english_title] + '\n  ur: "کم روس میں"' + text[english_title:], "utf-8")
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[1] for line in report[:-1]] == ["title.ur", said], report
    assert report[-1] == "2 problems found; nothing was written."
