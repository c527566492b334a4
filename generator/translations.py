"""Translation status: which texts lack a translation, and which translations have gone stale.

How it works: `python -m generator mark-reviewed <file>` records, in content/translations/<file>.yml, a
short fingerprint of both sides of every text pair in the file, meaning "these two say the same thing".
Later, a pair whose two fingerprints are still recorded together is reviewed. If only the Arabic's
fingerprint is unknown, the Arabic changed after review, so the English may be stale (and the other way
round). Fingerprints, not field paths, are recorded, so moving or reordering texts never raises a flag.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .content_files import link_problem
from .document import Document, FieldPath, format_field
from .load import load
from .model import ReviewedPair, TranslationRecord
from .problems import ContentError, Problem

State = Literal["reviewed", "unreviewed", "en-stale", "ar-stale", "both-changed", "missing-en", "missing-ar"]
STATES: tuple[State, ...] = (
    "reviewed",
    "unreviewed",
    "en-stale",
    "ar-stale",
    "both-changed",
    "missing-en",
    "missing-ar",
)
MESSAGES: dict[State, str] = {
    "en-stale": "the Arabic changed after the English was reviewed; update the English, then run mark-reviewed",
    "ar-stale": "the English changed after the Arabic was reviewed; update the Arabic, then run mark-reviewed",
    "both-changed": "both languages changed since review; check they still match, then run mark-reviewed",
    "missing-en": "has no English translation yet",
    "missing-ar": "has no Arabic text yet",
    "unreviewed": "is new since the last review; check both languages say the same, then run mark-reviewed",
}
NEVER_REVIEWED = "has never been marked reviewed; check both languages say the same, then run mark-reviewed"


# Left-to-right, right-to-left and Arabic letter marks: invisible, added to fix how one side displays.
_DIRECTION_MARKS = str.maketrans(dict.fromkeys((0x200E, 0x200F, 0x061C)))


def fingerprint(text: str) -> str:
    """A short fingerprint of a text; edits that change nothing a translator would translate do not count.

    Those are spacing, Unicode form (NFC), and directional marks (LRM, RLM, ALM): an editor adds a mark to
    fix how the Arabic displays, which says nothing new for the English. The marks are removed before
    spaces are joined, so a mark standing alone between two spaces leaves one space, as if never typed;
    text without marks keeps the fingerprint it always had, so existing records stay valid."""
    normal = " ".join(unicodedata.normalize("NFC", text.translate(_DIRECTION_MARKS)).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def record_path(explainer: Path, folder: Path | None = None) -> Path:
    """content/explainers/x.yml → content/translations/x.yml; a file in a subfolder keeps its subfolder
    (content/explainers/2024/x.yml → content/translations/2024/x.yml), so two years' `x.yml` never share a
    record. `folder` is the explainers folder; without it, the nearest `content/explainers` above the file."""
    folder = folder or _explainers_folder(explainer)
    return folder.parent / "translations" / explainer.relative_to(folder)


def _explainers_folder(explainer: Path) -> Path:
    for parent in explainer.parents:
        if parent.name == "explainers" and parent.parent.name == "content":
            return parent
    return explainer.parent


def load_record(explainer: Path, folder: Path | None = None) -> TranslationRecord:
    """What was marked reviewed for an explainer; nothing, if it never was."""
    path = record_path(explainer, folder)
    linked = link_problem(path, (folder or _explainers_folder(explainer)).parent.parent, any_folder=True)
    if linked:  # never read, so never quoted in an error
        raise ContentError([linked])
    if not path.exists():
        return TranslationRecord()
    document = load(path)
    try:
        return TranslationRecord.model_validate(document.data)
    except ValidationError:
        raise ContentError(
            [Problem(path, 1, 1, "", "is not a translation record", "delete it and run mark-reviewed again")]
        ) from None


def text_pairs(value: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Every `{ar: …, en: …}` mapping in a parsed file, complete or not."""
    if isinstance(value, dict):
        if value and set(value) <= {"ar", "en"}:
            yield at, value
            return
        for key, item in value.items():
            yield from text_pairs(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_pairs(item, (*at, index))


@dataclass(frozen=True)
class TextStatus:
    """The translation state of one text pair, located for an editor."""

    field: str
    line: int
    col: int
    state: State


def statuses(document: Document, record: TranslationRecord) -> list[TextStatus]:
    """The state of every text pair in an explainer file, given what was marked reviewed."""
    pairs = {(pair.ar, pair.en) for pair in record.reviewed}
    known_ar, known_en = {ar for ar, _ in pairs}, {en for _, en in pairs}
    result = []
    for at, pair in text_pairs(document.data):
        ar, en = pair.get("ar"), pair.get("en")
        state: State
        if not isinstance(en, str) or not en.strip():
            state = "missing-en"
        elif not isinstance(ar, str) or not ar.strip():
            state = "missing-ar"
        else:
            ar_print, en_print = fingerprint(ar), fingerprint(en)
            if (ar_print, en_print) in pairs:
                state = "reviewed"
            elif not pairs:
                state = "unreviewed"
            elif en_print in known_en and ar_print not in known_ar:
                state = "en-stale"
            elif ar_print in known_ar and en_print not in known_en:
                state = "ar-stale"
            elif ar_print in known_ar or en_print in known_en:
                state = "both-changed"
            else:
                state = "unreviewed"
        line, col = document.locate(at)
        result.append(TextStatus(format_field(at), line, col, state))
    return result


def to_look_at(document: Document, record: TranslationRecord) -> list[Problem]:
    """What `check` lists about an explainer's translations; `check --strict` fails on any of it.

    Everything but a reviewed pair is listed: stale and missing texts, and texts no one has confirmed.
    An explainer never marked reviewed is said once, at its first line, rather than once per text: a new
    explainer would otherwise list every text it has."""
    items = statuses(document, record)
    never = not record.reviewed and any(item.state == "unreviewed" for item in items)
    found = [Problem(document.path, 1, 1, "", NEVER_REVIEWED)] if never else []
    return found + [
        Problem(document.path, item.line, item.col, item.field, MESSAGES[item.state])
        for item in items
        if item.state in MESSAGES and not (never and item.state == "unreviewed")
    ]


def summary(items: list[TextStatus]) -> Counter[State]:
    return Counter(item.state for item in items)


def reviewed_record(document: Document) -> TranslationRecord:
    """A record marking every complete text pair of the file as reviewed now."""
    pairs = {
        (fingerprint(pair["ar"]), fingerprint(pair["en"]))
        for _, pair in text_pairs(document.data)
        if isinstance(pair.get("ar"), str) and isinstance(pair.get("en"), str)
    }
    return TranslationRecord(reviewed=[ReviewedPair(ar=ar, en=en) for ar, en in sorted(pairs)])


def record_text(record: TranslationRecord) -> str:
    lines = [
        "# Written by `python -m generator mark-reviewed`: fingerprints of text pairs an editor confirmed match.",
        "# Do not edit by hand; commit it with the explainer.",
        "reviewed:",
    ]
    lines += [f'  - {{ar: "{pair.ar}", en: "{pair.en}"}}' for pair in record.reviewed]
    return "\n".join(lines) + "\n"
