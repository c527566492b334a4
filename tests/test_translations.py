"""Fingerprints: what counts as an edit a translator must follow, and what does not."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SEED_SLUG

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
