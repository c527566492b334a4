"""Check loaded documents against the model and against each other, reporting every problem at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from .document import Document, FieldPath, format_field
from .fields import PARTIAL_DATE_PATTERN
from .i18n import numbering_problem
from .interface_strings import InterfaceStrings
from .locales import known_locale
from .messages import check_model
from .model import PAGE_ANCHORS, Explainer
from .newsroom import Authors
from .problems import Problem
from .repeated_entries import repeated_entries
from .scripts import other_scripts, strings_in_other_scripts
from .settings import Content, SiteSettings
from .slugs import SLUG_PATTERN
from .strings_check import check_strings, credited_twice, said_twice


class _Report:
    """Collects located problems for one document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def __call__(self, at: FieldPath, message: str, hint: str = "") -> None:
        line, col = self.document.locate(at)
        self.problems.append(Problem(self.document.path, line, col, format_field(at), message, hint))


def _repeats(values: Iterable[tuple[str, FieldPath]]) -> Iterable[tuple[str, FieldPath]]:
    """Each value that was seen before, where it is seen again."""
    seen: set[str] = set()
    for value, at in values:
        if value in seen:
            yield value, at
        seen.add(value)


def _reserved(section_id: str) -> bool:
    """Whether a section id would collide with an anchor the page makes itself."""
    return section_id in PAGE_ANCHORS or section_id.startswith("voice-") or section_id.endswith("-heading")


def _items(container: object, key: str) -> list[tuple[int, Any]]:
    """The items of a list field, by position; nothing when it is not a list (the model reports that)."""
    items = container.get(key) if isinstance(container, dict) else None
    return list(enumerate(items)) if isinstance(items, list) else []


def _entries(container: object, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The items of a list field that are groups of fields; anything else is the model's to report."""
    return [(i, item) for i, item in _items(container, key) if isinstance(item, dict)]


def _word(value: object) -> str | None:
    """A name as the model reads it (trimmed), or None when it is not text at all."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ids(data: object, key: str) -> list[tuple[str, FieldPath]]:
    """The ids of a list of sections or voices, where each is written."""
    return [(name, (key, i, "id")) for i, item in _entries(data, key) if (name := _word(item.get("id")))]


def check_references(document: Document, topics: set[str] | None, authors: set[str] | None = None) -> list[Problem]:
    """Cross-references within an explainer: unique ids, and links that point at something real.

    Read from the file's raw data rather than the model, so they are reported in the same run as schema
    problems: a misspelt field elsewhere does not hide a `said_by` naming no voice. Values that are not
    names at all (a list, a number where an id belongs) are skipped; the model reports those."""
    data, report = document.data, _Report(document)
    section_ids, voice_ids = _ids(data, "sections"), _ids(data, "voices")
    topic_ids = [(name, ("topics", i)) for i, item in _items(data, "topics") if (name := _word(item))]
    for kind, ids in (("section", section_ids), ("voice", voice_ids)):
        for value, at in _repeats(ids):
            report(at, f"`{value}` is already the id of another {kind}", "give each one its own id")
    for value, at in _repeats(topic_ids):
        report(at, f"`{value}` is listed twice", "delete one")
    for value, at in section_ids:
        if _reserved(value):
            report(at, f"`{value}` is already used by the page itself", "give the section another id")
    sections, voices = [value for value, _ in section_ids], [value for value, _ in voice_ids]
    references: list[tuple[object, FieldPath, list[str], str]] = [
        (item.get("section"), ("takeaways", i, "section"), sections, "section")
        for i, item in _entries(data, "takeaways")
    ]
    for i, section in _entries(data, "sections"):
        references += [
            (point.get("said_by"), ("sections", i, "points", j, "said_by"), voices, "voice")
            for j, point in _entries(section, "points")
        ]
    for key in ("timeline", "key_figures"):
        references += [(item.get("said_by"), (key, i, "said_by"), voices, "voice") for i, item in _entries(data, key)]
    if topics is not None:
        references += [(topic, at, sorted(topics), "topic in site.yml") for topic, at in topic_ids]
    if authors is not None:
        references += [
            (author, ("authors", i), sorted(authors), "author in authors.yml") for i, author in _items(data, "authors")
        ]
    named = {(kind, _word(written)) for written, _, _, kind in references}
    for written, at, known, kind in references:
        reference = _word(written)
        if reference is not None and reference not in known:
            report(at, f"`{reference}` is not the id of any {kind}", _id_hint(reference, known, kind, named))
    return report.problems


def _id_hint(reference: str, known: list[str], kind: str, named: set[tuple[str, str | None]]) -> str:
    """Which id a reference may mean: of a file's own ids (section, voice), the one alone no reference names, as an id
    renamed leaves it (the closest spelling named another section: an outside tester's); else the closest spelling;
    with the ids there are, when few. Never a damaged one (a NUL in it, said where written: a tester's fuzzing)."""
    ids = [name for name in dict.fromkeys(known) if re.fullmatch(SLUG_PATTERN, name)]  # (repeated, damaged: apart)
    alone = [name for name in ids if (kind, name) not in named]
    close = alone if kind in ("section", "voice") and len(alone) == 1 else difflib.get_close_matches(reference, ids, 1)
    listed = f"known: {', '.join(ids)}" if ids else f"{kind.partition(' in ')[2] or 'the file'} has none: add it there"
    listed = listed if len(ids) <= 12 and not (close and len(ids) == 1) else ""  # (`known: none` named no file)
    return " ".join(part for part in (f"did you mean `{close[0]}`?" if close else "", listed) if part)


def _partial_date(value: object) -> tuple[int, ...] | None:
    """A timeline date as (year,), (year, month) or (year, month, day); None when the model refuses it."""
    if not isinstance(value, str) or not re.fullmatch(PARTIAL_DATE_PATTERN, value.strip()):
        return None
    parts = tuple(int(part) for part in value.strip().split("-"))
    year, month, day = (*parts, 1, 1)[:3]
    return parts if day_written(f"{year:04d}-{month:02d}-{day:02d}") else None


def check_timeline(document: Document) -> list[Problem]:
    """The timeline runs oldest first; the first event listed after a later one is reported, once.

    Dates may be a year, a month or a day, and compare on the precision both have: `2023` is neither
    before nor after `2023-09` (a year is not "after" a day inside it), so either order is fine, but
    `2023-08` after `2023-09-12` is not. An event is checked against every dated event above it, so one
    misplaced event is caught even when its neighbours are vaguer. Only the first is reported: moving one
    event often fixes the rest. Dates the model refuses are skipped here."""
    report = _Report(document)
    above: list[tuple[int, str, tuple[int, ...]]] = []
    for i, event in _entries(document.data, "timeline"):
        date = _partial_date(event.get("date"))
        if date is None:
            continue
        for j, written, earlier in above:
            common = min(len(date), len(earlier))
            if date[:common] < earlier[:common]:
                shown_date = str(event["date"]).strip()
                message = f"`{shown_date}` is earlier than `{written}` in timeline[{j}], above it"
                report(("timeline", i, "date"), message, "the timeline runs oldest first; move this event up")
                return report.problems
        above.append((i, str(event["date"]).strip(), date))
    return report.problems


def day_written(value: object) -> dt.date | None:
    """A day as the file writes it (YYYY-MM-DD), or None when the model refuses it."""
    try:
        return dt.date.fromisoformat(value.strip()) if isinstance(value, str) and len(value.strip()) == 10 else None
    except ValueError:
        return None


def check_updates(document: Document) -> list[Problem]:
    """`updated` moves only with an entry that says why: the rule readers are promised.

    An explainer whose `updated` is later than `published` needs an entry under `updates` dated that day; the
    entries run oldest first, none before `published`, and the latest is `updated` (so an entry cannot be
    added without moving `updated`, nor `updated` moved without an entry). Dates the model refuses are skipped."""
    data, report = document.data, _Report(document)
    if not isinstance(data, dict):
        return []
    published, updated = day_written(data.get("published")), day_written(data.get("updated"))
    entries = [(i, day) for i, item in _entries(data, "updates") if (day := day_written(item.get("date"))) is not None]
    if len(entries) < len(_entries(data, "updates")):  # a date the model refuses is its to name, alone (not "none")
        return []
    before = [
        (i, day, f"`{day}` is earlier than the entry above it") for (_, e), (i, day) in pairwise(entries) if day < e
    ]
    before += [
        (i, day, f"`{day}` is before `published` ({published})") for i, day in entries if day < (published or day)
    ]
    if before:  # one misplaced entry is reported; moving it often fixes the rest
        report(("updates", before[0][0], "date"), before[0][2], "updates run oldest first, from `published` on")
        return report.problems
    latest = entries[-1][1] if entries else None
    if latest is not None and updated is not None and latest > updated:
        report(("updates", entries[-1][0], "date"), f"is later than `updated` ({updated})", f"set `updated: {latest}`")
    elif updated is not None and published is not None and updated > published and latest != updated:
        what = f"the latest entry under `updates` is dated {latest}" if latest else "there is no entry under `updates`"
        hint = f"add an entry dated {updated} that says what changed (`kind: update` or `kind: correction`)"
        report(("updated",), f"moved to {updated}, but {what}", hint)
    elif latest is not None and latest != updated:
        message = f"is the latest change, but `updated` is {updated or 'not set'}"
        report(("updates", entries[-1][0], "date"), message, f"set `updated: {latest}`")
    return report.problems


def validate_settings(document: Document) -> tuple[SiteSettings | None, list[Problem]]:
    """site.yml against the model (its topics' names in the languages it lists), and each language's locale
    and digits against what CLDR knows of it."""
    listed = document.data.get("languages") if isinstance(document.data, dict) else None
    codes = tuple(str(code) for code in listed) if isinstance(listed, dict) else None
    settings, problems = check_model(document, SiteSettings, codes)
    problems = _with_notes(document, problems)
    problems += _language_problems(document, listed if isinstance(listed, dict) else {})
    problems += other_scripts(document, Content(settings, {}).languages) if settings and not problems else []
    return (settings if not problems else None), problems


def _language_problems(document: Document, languages: dict[Any, Any]) -> list[Problem]:
    """Each language's locale and digits against what CLDR knows of them. Read from the raw data, so they are
    reported with the model's problems; values that are not text are the model's to report."""
    report = _Report(document)
    for code, language in languages.items():
        written = language.get("locale") if isinstance(language, dict) else None
        locale = written if isinstance(written, str) else str(code)
        trouble = known_locale(locale)
        if trouble:
            report(("languages", code, "locale") if written else ("languages", code), trouble, _LOCALE_HINT)
            continue
        digits = language.get("digits") if isinstance(language, dict) else None
        if isinstance(digits, str) and (wrong := numbering_problem(locale, digits)) is not None:
            report(("languages", code, "digits"), wrong)
    return report.problems


_LOCALE_HINT = "give a CLDR locale such as ar, fr, fa or ur (`locale:`), or use that code for the language"


def validate_strings(settings: SiteSettings, documents: dict[str, Document]) -> tuple[Content | None, list[Problem]]:
    """Each language's interface strings, with the settings: the site's content before any explainer."""
    problems: list[Problem] = []
    strings: dict[str, InterfaceStrings] = {}
    content = Content(settings, {})
    for language in content.languages:
        if (document := documents.get(language.code)) is None:  # a file that could not be read: said as read
            continue
        table, found = check_model(document, InterfaceStrings)
        problems += _with_notes(document, found)
        if table is not None:
            strings[language.code] = table
            problems += check_strings(document, table, language, content.languages)
            problems += strings_in_other_scripts(document, language.code, content.languages)
    # A template's own words exist in every language, or a page in one would fail as it renders.
    named = {name for table in strings.values() for name in table.custom}
    for code, table in strings.items():
        for name in sorted(named - set(table.custom)):
            message, hint = f"has no `{name}`, which another language's strings have", f"add `{name}:` in {code}"
            problems.append(
                Problem(documents[code].path, *documents[code].locate(("custom",)), "custom", message, hint)
            )
    return (None, problems) if problems or len(strings) < len(content.languages) else (Content(settings, strings), [])


def validate_authors(document: Document, site: Content) -> tuple[Content | None, list[Problem]]:
    """content/authors.yml against the model, its names and roles in the site's languages."""
    codes = tuple(language.code for language in site.languages)
    authors, problems = check_model(document, Authors, codes)
    problems, refused = _with_notes(document, problems), {problem.field for problem in problems}
    problems += other_scripts(document, site.languages) + [p for p in document.left_empty() if p.field not in refused]
    if authors is None or problems:
        return None, problems
    return dataclasses.replace(site, authors=tuple(authors.authors)), []


def validate_explainer(
    document: Document, site: Content | None, bylines: bool = True, topics_known: bool = True
) -> tuple[Explainer | None, list[Problem]]:
    """One explainer against the model and against itself (ids, references, dates' order, entries twice, a name's
    "according to" twice, topics of the site), every problem in one report; a field the model refused gets no second
    message from the cross-checks. Without valid site settings, languages and topics are not checked; nor authors
    without valid bylines (`bylines` False), nor topics when site.yml's are not valid (`topics_known` False)."""
    codes = tuple(language.code for language in site.languages) if site else None
    explainer, problems = check_model(document, Explainer, codes)
    topics = {topic.id for topic in site.settings.topics} if site and topics_known else None
    authors = {author.id for author in site.authors} if site and bylines else None
    refused = {problem.field for problem in problems}
    found = check_references(document, topics, authors) + check_timeline(document) + check_updates(document)
    found += repeated_entries(document) + said_twice(document, site) + credited_twice(document, site)
    found += (other_scripts(document, site.languages) if site else []) + document.left_empty()
    problems += [problem for problem in found if problem.field not in refused]
    problems = _with_notes(document, problems)
    return (explainer if not problems else None), problems


def _with_notes(document: Document, problems: list[Problem]) -> list[Problem]:
    """The document's own problems (characters, dropped words), and validation's, but where a field was read
    otherwise than written: an invisible character in a text hid the text's other problems (a zero-width
    space beside a soft hyphen took a second run to be named: an outside tester's import)."""
    return document.problems + [problem for problem in problems if problem.field not in document.altered]
