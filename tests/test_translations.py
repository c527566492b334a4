"""Fingerprints: what counts as an edit a translator must follow, and what does not."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SEED_SLUG

from generator.load import load
from generator.translations import fingerprint, load_record, record_path, statuses, summary


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
