"""Fingerprints: what counts as an edit a translator must follow, and what does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, SEED_SLUG, copy_project

from generator.cli import main
from generator.load import load
from generator.settings import Content
from generator.translations import fingerprint, load_record, record_path, statuses, summary, to_look_at
from generator.validate import validate_settings


def test_spacing_unicode_form_and_directional_marks_are_not_edits() -> None:
    text = "قال الرئيس إن F-16 وصلت."
    same = [
        "  قال الرئيس  إن F-16\nوصلت. ",
        "قال الرئيس إن \u200eF-16\u200e وصلت.",
        "\u200fقال الرئيس إن F-16 وصلت.\u200f",
        "قال الرئيس\u061c إن F-16 وصلت.",
        "قال الرئيس \u200f إن F-16 وصلت.",
    ]
    assert {fingerprint(variant) for variant in same} == {fingerprint(text)}
    assert fingerprint("Cafe\u0301") == fingerprint("Café")


def test_real_edits_change_the_fingerprint() -> None:
    text = "قال الرئيس إن F-16 وصلت."
    edits = ["قال الرئيس إن F-35 وصلت.", "قال الرئيس إن F-16 وصلت", "قال الرئيس إنF-16 وصلت.", "\u200b" + text]
    assert len({fingerprint(edit) for edit in [text, *edits]}) == len(edits) + 1


def test_fingerprints_without_marks_are_unchanged_so_existing_records_stay_valid() -> None:
    assert fingerprint("The visit and its context") == "cfd0a73e7b"  # as recorded in content/translations/
    path = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"
    counts = summary(statuses(load(path), load_record(path), "ar", ["ar", "en"]))
    assert counts["reviewed"] > 50
    assert set(counts) == {"reviewed"}


def test_a_record_mirrors_the_explainers_subfolder() -> None:
    folder = Path("/p/content/explainers")
    assert record_path(folder / "x.yml", folder) == Path("/p/content/translations/x.yml")
    assert record_path(folder / "2024" / "x.yaml", folder) == Path("/p/content/translations/2024/x.yaml")
    assert record_path(folder / "2024" / "09" / "x.yml") == Path("/p/content/translations/2024/09/x.yml")


def test_two_texts_swapped_in_one_language_are_said_to_be_mismatched_not_changed(tmp_path: Path) -> None:
    """Two English paragraphs swapped: neither English changed, each is the reviewed translation of the other
    Arabic. They were said to have "both changed since review" (an outside tester's)."""
    source = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"
    document = load(source)
    first, second = document.data["sections"][0]["paragraphs"][:2]
    first["en"], second["en"] = second["en"], first["en"]
    items = statuses(document, load_record(source), "ar", ["ar", "en"])
    changed = {item.field: item.state for item in items if item.state != "reviewed"}
    assert changed == {"sections[0].paragraphs[0]": "mismatched", "sections[0].paragraphs[1]": "mismatched"}
    settings, _ = validate_settings(load(REPO / "content" / "site.yml"))
    assert settings is not None
    site = Content(settings, {})
    record = load_record(source)
    said = {problem.message for problem in to_look_at(document, record, site.language("ar"), list(site.languages))}
    assert said == {
        "the English was reviewed as the translation of another Arabic text (moved or swapped in one language?);"
        " check they match, then run mark-reviewed"
    }


def test_a_record_left_by_a_renamed_or_deleted_explainer_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file renamed without its record read as never reviewed while its review sat unused, and a deleted
    file's record stayed without a word (an outside tester's): `check` names the record, and the file whose
    texts it holds; moving it as told makes the file reviewed again."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.rename(project.explainers / "kim-visit.yml")
    assert main(["check"]) == 0
    report = capsys.readouterr().out
    record = f"content/translations/{SEED_SLUG}.yml:1:1: records the review of `content/explainers/{SEED_SLUG}.yml`"
    assert f"{record}, which is gone; its texts are those of `kim-visit.yml`" in report
    assert "(move this record to content/translations/kim-visit.yml)" in report
    # and the file itself is told to take it, not to be marked reviewed afresh (over a stale text, in silence)
    taken = f"has its review recorded under a former name, in content/translations/{SEED_SLUG}.yml"
    assert f"content/explainers/kim-visit.yml:1:1: {taken}" in report and "has never been marked" not in report
    assert main(["mark-reviewed", "content/explainers/kim-visit.yml"]) == 1
    assert f"kim-visit.yml:1:1: {taken}" in capsys.readouterr().err
    assert not (project.content / "translations" / "kim-visit.yml").exists()
    shutil.copy(project.explainers / "kim-visit.yml", project.explainers / "kim-copy.yml")  # a copy matches too
    assert main(["check"]) == 1  # (its slug is the other's)
    report = capsys.readouterr().out
    assert f"content/explainers/kim-copy.yml:1:1: {taken}" in report and "`kim-copy.yml`, `kim-visit.yml`" in report
    assert main(["mark-reviewed", "content/explainers/kim-visit.yml"]) == 1  # neither is marked afresh
    capsys.readouterr()
    (project.explainers / "kim-copy.yml").unlink()
    (project.content / "translations" / f"{SEED_SLUG}.yml").rename(project.content / "translations" / "kim-visit.yml")
    assert main(["check"]) == 0
    assert "All clear" in capsys.readouterr().out
    (project.explainers / "kim-visit.yml").unlink()
    shutil.copy(FIXTURES / "second-explainer.yml", project.explainers)
    assert main(["check", "--strict"]) == 1
    report = capsys.readouterr().out
    assert (
        "content/translations/kim-visit.yml:1:1: records the review of `content/explainers/kim-visit.yml`, "
        "which is gone (if" in report
    )


def test_a_source_text_missing_from_a_file_never_reviewed_says_nothing_changed_after_a_review() -> None:
    """With `title.ar` deleted from an explainer never marked reviewed, `check` said both "never been marked
    reviewed" and "the English changed after the Arabic was reviewed" (an outside editor's)."""
    from generator.settings import TranslationRecord

    source = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"
    document = load(source)
    del document.data["title"]["ar"]
    settings, _ = validate_settings(load(REPO / "content" / "site.yml"))
    assert settings is not None
    site = Content(settings, {})
    said = to_look_at(document, TranslationRecord(), site.language("ar"), list(site.languages))
    assert [problem.message.split(";")[0] for problem in said] == ["has never been marked reviewed"]
    reviewed = {item.field: item.state for item in statuses(document, load_record(source), "ar", ["ar", "en"])}
    assert reviewed["title"] == "changed"  # reviewed before: the Arabic is what changed, as the error says
