"""`check`'s warnings kept between runs (.cache/check.json): the same as worked out afresh, worked out again for
a file or a record that changed, and never taken from a file this code did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_SLUG, copy_project

from generator import check_warnings
from generator.cli import main


def test_kept_warnings_are_those_worked_out_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 1,000 explainers `check` with nothing changed took 5.2 s of CPU reading every file for its warnings,
    0.95 s with them kept; an outside tester's 3,650 took 10 s."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.write_text(seed.read_text("utf-8").replace("The visit and its context", "The visit, and its context", 1))
    assert main(["check"]) == 0
    afresh = capsys.readouterr().out
    assert "the English changed after the Arabic was reviewed" in afresh
    assert (project.root / ".cache" / "check.json").is_file()

    parsed: list[Path] = []
    real = check_warnings.parse

    def parse(path: Path, text: str) -> object:
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(check_warnings, "parse", parse)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == afresh and parsed == []  # as kept: not parsed again
    assert main(["mark-reviewed", str(seed)]) == 0  # the record changed: its warnings are worked out again
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "All clear" in capsys.readouterr().out and parsed == [seed]
    kept = project.root / ".cache" / "check.json"
    data = json.loads(kept.read_text("utf-8"))
    (key,) = [key for key in data["files"] if key.startswith(f"content/explainers/{SEED_SLUG}.yml ")]
    data["files"][key] = {"flagged": "all clear", "dates": [], "never": []}  # not as this code writes it
    kept.write_text(json.dumps(data), encoding="utf-8")
    parsed.clear()
    assert main(["check"]) == 0  # the file is taken whole or not at all: the seed's warnings are worked out again
    assert "All clear" in capsys.readouterr().out and parsed == [seed]


def test_strings_of_a_language_the_site_lacks_are_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`strings/fa.yml` with no Persian in site.yml (added too soon, or left when the language went) was said
    nothing of (an outside tester's): `check` warns, and passes."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    (project.content / "strings" / "fa.yml").write_text("site_title: نمونه\n", encoding="utf-8")
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    assert (
        "content/strings/fa.yml:1:1: holds the interface strings of `fa`, which is not a language of the site" in said
    )
    assert "strings/ar.yml" not in said and "strings/en.yml" not in said
