"""Translation status: which texts lack a translation, and which translations have gone stale.

How it works: `python -m generator mark-reviewed <file>` records, in content/translations/<file>.yml, a
short fingerprint of every text of the file in each language, meaning "these say the same thing". Each
language is tracked against the site's source language (`translation_source`, Arabic by default): a text
whose source and translation fingerprints are still recorded together is reviewed. If only the source's
fingerprint is unknown, the source changed after review, so the translation is stale; if only the
translation's, the translation changed and the source may need it. Fingerprints, not field paths, are
recorded, so moving or reordering texts never raises a flag.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from .content_files import is_ignored, link_problem
from .document import Document, FieldPath, format_field
from .hashing import digest
from .load import decode, load, parse, read_bytes
from .problems import ContentError, Problem
from .settings import Language, TranslationRecord

State = Literal["reviewed", "unreviewed", "stale", "changed", "mismatched", "missing"]
STATES: tuple[State, ...] = ("reviewed", "unreviewed", "stale", "changed", "mismatched", "missing")
# What `check` says of a text in one language (`{language}`), reviewed against the source (`{source}`).
MESSAGES: dict[State, str] = {
    "stale": "the {source} changed after the {language} was reviewed; update the {language}, then run mark-reviewed",
    # (A fix in one language asks nothing of the source: "update the Arabic" had an editor change the text that
    # was right, an outside tester's.)
    "changed": (
        "the {language} changed after the {source} was reviewed; check that the {source} says the same (update it"
        " if not), then run mark-reviewed"
    ),
    # Each side is a reviewed text, not of the other: texts moved in one language only, or swapped (an outside
    # tester's two English paragraphs swapped were said to have both changed).
    "mismatched": (
        "the {language} was reviewed as the translation of another {source} text (moved or swapped in one"
        " language?); check they match, then run mark-reviewed"
    ),
    "missing": "has no {language} text yet",
    "unreviewed": (
        "is new since the last review; check the {language} says the same as the {source}, then run mark-reviewed"
    ),
}
NEVER_REVIEWED = (
    "has never been marked reviewed; check every language says the same as the {source}, then run mark-reviewed"
)


# Left-to-right, right-to-left and Arabic letter marks: invisible, added to fix how one side displays.
_DIRECTION_MARKS = str.maketrans(dict.fromkeys((0x200E, 0x200F, 0x061C)))


def fingerprint(text: str) -> str:
    """A short fingerprint of a text; edits that change nothing a translator would translate do not count.

    Those are spacing, Unicode form (NFC), and directional marks (LRM, RLM, ALM): an editor adds a mark to
    fix how the Arabic displays, which says nothing new for the English. The marks are removed before
    spaces are joined, so a mark standing alone between two spaces leaves one space, as if never typed;
    text without marks keeps the fingerprint it always had, so existing records stay valid."""
    normal = " ".join(unicodedata.normalize("NFC", text.translate(_DIRECTION_MARKS)).split())
    return digest(normal.encode("utf-8"))[:10]


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
    return read_record(explainer, record_bytes(explainer, folder), folder)


def record_bytes(explainer: Path, folder: Path | None = None) -> bytes | None:
    """The bytes of an explainer's record; None if it has none. One that links outside the project is refused,
    never read (so never quoted in an error)."""
    path = record_path(explainer, folder)
    if linked := link_problem(path, (folder or _explainers_folder(explainer)).parent.parent, any_folder=True):
        raise ContentError([linked])
    return read_bytes(path) if path.exists() else None


def read_record(explainer: Path, raw: bytes | None, folder: Path | None = None) -> TranslationRecord:
    """An explainer's record from its bytes (None: it has none); one that is not a record, its problems."""
    if raw is None:
        return TranslationRecord()
    path = record_path(explainer, folder)
    return _record(path, parse(path, decode(path, raw)))


def load_record_file(path: Path) -> TranslationRecord:
    """A translation record file, read."""
    return _record(path, load(path))


RESTORE = "restore it from the repository's history (`git checkout -- <file>`) and mark again what was reviewed since"


def _record(path: Path, document: Document) -> TranslationRecord:
    """The record, or its problems where they are, told to restore it: it was "delete it and run mark-reviewed
    again" at 1:1, which lost every review it held (an outside tester's); it is mark-reviewed's, kept in git."""
    from .messages import check_model  # (messages reads the content model: only for a record that does not read)

    record, problems = check_model(document, TranslationRecord)
    if record is None:
        located = [replace(problem, hint=RESTORE) for problem in problems]
        raise ContentError(located or [Problem(path, 1, 1, "", "is not a translation record", RESTORE)])
    return record


def texts(value: Any, codes: frozenset[str], at: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Every text (a mapping keyed by the site's language codes `codes`) in a parsed file, complete or not."""
    if isinstance(value, dict):
        if value and set(value) <= codes:
            yield at, value
            return
        for key, item in value.items():
            yield from texts(item, codes, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, codes, (*at, index))


@dataclass(frozen=True)
class TextStatus:
    """The translation state of one text in one language, located for an editor."""

    field: str
    line: int
    col: int
    language: str
    state: State


def _state(source: object, text: object, pairs: set[tuple[str, str]]) -> State:
    """A language's text against the source's, given the (source, language) fingerprints reviewed together."""
    if not isinstance(text, str) or not text.strip():
        return "missing"
    if not isinstance(source, str) or not source.strip():  # the source is what is missing (an error says so)
        return "changed" if pairs else "unreviewed"  # (never reviewed, nothing "changed after" a review: a tester's)
    source_print, text_print = fingerprint(source), fingerprint(text)
    known_source, known_text = {first for first, _ in pairs}, {second for _, second in pairs}
    if (source_print, text_print) in pairs:
        return "reviewed"
    if not pairs:
        return "unreviewed"
    if text_print in known_text and source_print not in known_source:
        return "stale"
    if source_print in known_source and text_print not in known_text:
        return "changed"
    if source_print in known_source and text_print in known_text:
        return "mismatched"
    return "unreviewed"


def statuses(document: Document, record: TranslationRecord, source: str, languages: list[str]) -> list[TextStatus]:
    """The state of every text of an explainer file in each language other than `source`, given what was
    marked reviewed. Each language is tracked against the source alone, so a French edit never flags the English."""
    result = []
    for at, text in texts(document.data, frozenset(languages)):
        line, col = document.locate(at)
        for language in languages:
            if language == source:
                continue
            pairs = {
                (entry[source], entry[language]) for entry in record.reviewed if source in entry and language in entry
            }
            result.append(
                TextStatus(format_field(at), line, col, language, _state(text.get(source), text.get(language), pairs))
            )
    return result


def to_look_at(
    document: Document, record: TranslationRecord, source: Language, languages: list[Language]
) -> list[Problem]:
    """What `check` lists about an explainer's translations; `check --strict` fails on any of it.

    Everything but a reviewed text is listed: stale and missing texts, and texts no one has confirmed.
    An explainer never marked reviewed is said once, at its first line, rather than once per text: a new
    explainer would otherwise list every text it has."""
    names = {language.code: language.english_name for language in languages}
    items = statuses(document, record, source.code, list(names))
    never = not record.reviewed and any(item.state == "unreviewed" for item in items)
    found = [Problem(document.path, 1, 1, "", NEVER_REVIEWED.format(source=source.english_name))] if never else []
    return found + [
        Problem(
            document.path,
            item.line,
            item.col,
            item.field,
            MESSAGES[item.state].format(source=source.english_name, language=names[item.language]),
        )
        for item in items
        if item.state in MESSAGES and not (never and item.state == "unreviewed")
    ]


def never_reviewed(problem: Problem) -> bool:
    """Whether `to_look_at` said this of an explainer never marked reviewed."""
    return problem.message.startswith(NEVER_REVIEWED.split("{")[0])


def missing_said(problem: Problem, errors: set[tuple[Path, str]]) -> bool:
    """Whether this says a text is missing in a language whose field an error names already (`title.fr`)."""
    missing = MESSAGES["missing"].split("{")[0]
    return problem.message.startswith(missing) and any(
        path == problem.path and field.startswith(f"{problem.field}.") for path, field in errors
    )


def source_prints(document: Document, source: str, languages: list[str]) -> set[str]:
    """The fingerprints of a file's texts in the source language: what a record of its review would hold."""
    found = texts(document.data, frozenset(languages))
    return {fingerprint(text[source]) for _, text in found if isinstance(text.get(source), str)}


def left_behind(
    explainers: Path, files: list[Path], never: dict[Path, set[str]], source: str
) -> tuple[list[Problem], dict[Path, Path]]:
    """Records whose explainer is no more: deleted, or renamed without its record (read as never reviewed, its
    review unused). One holding most source texts of an explainer never marked reviewed (`never`: fingerprints,
    by file) is that file's: returned by file, to be taken, not marked afresh (a stale text marked in silence)."""
    folder = explainers.parent / "translations"
    kept = {record_path(path, explainers) for path in files}
    found = sorted(
        path
        for path in (folder.rglob("*") if folder.is_dir() else ())
        if path.suffix.lower() in {".yml", ".yaml"}
        and path not in kept
        and path.is_file()
        and not path.is_symlink()
        and not any(map(is_ignored, path.relative_to(folder).parts))  # a hidden draft's, as its explainer is skipped
    )
    problems: list[Problem] = []
    owners: dict[Path, Path] = {}
    for path in found:
        gone = (explainers / path.relative_to(folder)).relative_to(explainers.parent.parent).as_posix()
        try:
            prints = {entry[source] for entry in load_record_file(path).reviewed if source in entry}
        except ContentError as error:
            problems += error.problems
            continue
        renamed = [file for file, own in never.items() if prints and len(own & prints) * 2 > len(own)]
        owners |= dict.fromkeys(renamed, path)  # every one (a renamed file, a copy): which is which, the editor knows
        if renamed:
            names = ", ".join(f"`{file.name}`" for file in renamed)
            message = f"records the review of `{gone}`, which is gone; its texts are those of {names}"
            hint = f"move this record to {record_path(renamed[0], explainers).relative_to(explainers.parent.parent)}"
            hint = hint if len(renamed) == 1 else "move this record beside the file that was renamed"
        else:
            message = f"records the review of `{gone}`, which is gone"
            hint = "if the explainer was renamed, move this record beside its new name; if it was deleted, delete it"
        problems.append(Problem(path, 1, 1, "", message, hint))
    return problems, owners


def summary(items: list[TextStatus]) -> Counter[State]:
    return Counter(item.state for item in items)


def reviewed_record(document: Document, languages: list[str]) -> tuple[TranslationRecord, int]:
    """A record marking every complete text of the file as reviewed now (its fingerprint in each language), and
    how many texts that is: texts written alike are one entry, and `status` counts each text (a count of the
    entries told the editor one less than `status` then showed)."""
    complete = [
        tuple(fingerprint(text[code]) for code in languages)
        for _, text in texts(document.data, frozenset(languages))
        if all(isinstance(text.get(code), str) for code in languages)
    ]
    reviewed = [dict(zip(languages, entry, strict=True)) for entry in sorted(set(complete))]
    return TranslationRecord(reviewed=reviewed), len(complete)


def record_text(record: TranslationRecord) -> str:
    lines = [
        "# Written by `python -m generator mark-reviewed`: fingerprints of each text in every language, as an editor",
        "# confirmed they match. Do not edit by hand; commit it with the explainer.",
        "reviewed:",
    ]
    lines += [
        "  - {" + ", ".join(f'{code}: "{value}"' for code, value in entry.items()) + "}" for entry in record.reviewed
    ]
    return "\n".join(lines) + "\n"
