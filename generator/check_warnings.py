"""What `check` warns of beside the content's errors: translations to look at, an explainer's own dates still to
come, an address written as text, Arabic in presentation forms, and review records left by files gone; each file's
warnings kept between runs, by its bytes and its record's.

Why kept. A file's warnings need it parsed and its record read: at 3,650 explainers `check` took 10 s of CPU with
nothing changed (an outside tester's archive), where a build, which keeps what it made, took 0.2 s. A file
whose bytes and record's bytes are as when its warnings were worked out has the same warnings, under the same
languages and the same code (both in the key); the dates are kept as dates and held against today at each run.
The file, `.cache/check.json`, is plain JSON (see cache.py on why never pickle), written whole and atomically
by `check` alone; anything unreadable in it is worked out again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here before Python 3.12

from . import (
    dates_ahead,
    document,
    editor,
    field_warnings,
    load,
    scripts,
    settings,
    strings_check,
    translations,
    validate,
    yaml_events,
)
from .document import Document, FieldPath, format_field
from .hashing import digest
from .link_rules import CODE_SPAN
from .load import decode, parse, read_bytes
from .problems import ContentError, Problem
from .project import Project
from .settings import Content, Language
from .stats import read_cache
from .write import write_cache

FORMAT = 2  # 2: a file's translations and its other warnings kept apart


class Entry(TypedDict):
    """One file's warnings: translations to look at and the other warnings (each line, column, field, message,
    hint), its own dates, and, if it was never marked reviewed, its source texts' fingerprints (to find a record
    a rename left behind)."""

    translations: list[tuple[int, int, str, str, str]]
    others: list[tuple[int, int, str, str, str]]
    dates: list[tuple[int, int, str, dt.date]]
    never: list[str]


class _Kept(TypedDict):
    format: int
    context: str
    files: dict[str, Entry]


_FILE = TypeAdapter(_Kept)  # what is read is checked whole: a planted or damaged file is worked out again


class Warnings(NamedTuple):
    """What `check` says beside the content's errors, kept apart where made as it counts them (told apart by their
    words, a new warning was counted as a translation: a retester's): translations to look at, other warnings,
    explainers' own dates still to come (dates_ahead.py), and records that could not be read (a merge conflict)."""

    translations: list[Problem]
    others: list[Problem]
    ahead: list[Problem]
    broken: list[Problem]
    held: tuple[Problem, ...] = ()  # explainers embargoed till their day: notes, never failing `--strict`


def warnings(project: Project, site: Content) -> Warnings:
    """Every explainer's warnings (kept by its bytes and its record's), and the site-wide files'."""
    source, files = site.language(site.translation_source), project.explainer_listing()[0]
    context = _context(site)
    path = project.root / ".cache" / "check.json"
    kept, fresh = _read(path, context), {}
    flagged, others, ahead, broken, held, never = [], [], [], [], [], dict[Path, set[str]]()
    today = dt.date.today()
    for file in files:
        try:
            raw = read_bytes(file)
        except ContentError:  # a file that cannot be read: its problems are the content's, said already
            continue
        try:
            record = translations.record_bytes(file, project.explainers)
            key = f"{file.relative_to(project.root).as_posix()} {digest(raw)} {digest(record) if record else '-'}"
            entry = kept.get(key) or _worked_out(file, raw, record, project, site)
        except ContentError as error:
            broken += error.problems
            continue
        if entry is None:
            continue
        fresh[key] = entry
        flagged += [Problem(file, *item) for item in entry["translations"]]
        others += [Problem(file, *item) for item in entry["others"]]
        ahead += dates_ahead.ahead(file, entry["dates"], today)
        held += dates_ahead.held(file, entry["dates"], today)
        if entry["never"]:  # its review may be in a record left by a rename
            never[file] = set(entry["never"])
    if fresh != kept:
        write_cache(path, _FILE.dump_json({"format": FORMAT, "context": context, "files": fresh}))
    left, owners = translations.left_behind(project.explainers, files, never, source.code)
    # A renamed file is told to take its record, not to be marked reviewed afresh (over a stale text, in silence).
    flagged = [
        under_former_name(item.path, owners[item.path], project.explainers)
        if item.path in owners and translations.never_reviewed(item)
        else item
        for item in flagged
    ]
    others += _stray_strings(project, site) + _unread(project) + _site_texts(project, site)
    return Warnings(flagged + left, others, ahead, broken, tuple(held))


def _stray_strings(project: Project, site: Content) -> list[Problem]:
    """Interface strings of a language the site does not have (`strings/fa.yml` before its language is added,
    or after it is taken out): said nothing of, an outside tester's."""
    codes = {language.code for language in site.languages}
    hint = "delete it, or add its language to site.yml's `languages`"
    return [
        Problem(
            path, 1, 1, "", f"holds the interface strings of `{path.stem}`, which is not a language of the site", hint
        )
        for path in sorted(project.strings.glob("*.yml"))
        if path.stem not in codes
    ]


def _unread(project: Project) -> list[Problem]:
    """A project's copy of the editor's page, which the build does not read (editor.py)."""
    copy = editor.unread_copy(project.templates)
    hint = "delete the folder; the editor's look follows the site's stylesheet"
    message = "is not read: the browser editor's page and scripts are the generator's own, made to match `edit`"
    return [Problem(copy, 1, 1, "", message, hint)] if copy else []


def under_former_name(explainer: Path, record: Path, explainers: Path) -> Problem:
    """What is said of an explainer whose review a record under its former name holds."""
    root = explainers.parent.parent
    message = f"has its review recorded under a former name, in {record.relative_to(root).as_posix()}"
    own = translations.record_path(explainer, explainers).relative_to(root).as_posix()
    hint = f"move that record to {own} if this file is the one renamed, not a copy; then check again"
    return Problem(explainer, 1, 1, "", message, hint)


def _worked_out(file: Path, raw: bytes, record: bytes | None, project: Project, site: Content) -> Entry | None:
    """A file's warnings worked out from its bytes and its record's; None for a file that cannot be parsed. The
    record is read first: a merge conflict in it was said only once its explainer's own conflict was mended (an
    outside tester's), where the README promises it with the other problems."""
    reviewed = translations.read_record(file, record, project.explainers)
    try:
        parsed = parse(file, decode(file, raw))
    except ContentError:
        return None
    source, languages = site.language(site.translation_source), list(site.languages)
    found = translations.to_look_at(parsed, reviewed, source, languages)
    never = bool(found) and translations.never_reviewed(found[0])
    found += scripts.sentences_in_other_scripts(parsed, site.languages)  # text left untranslated
    others = bare_addresses(parsed, site.languages)  # an address a reader cannot open
    others += presentation_forms(parsed, ((at, text) for at, text, _ in scripts.own_texts(parsed, site.languages)))
    others += field_warnings.words_in_values(parsed) + field_warnings.overlong(parsed, site.languages)
    codes = [language.code for language in languages]
    return {
        "translations": [(item.line, item.col, item.field, item.message, item.hint) for item in found],
        "others": [(item.line, item.col, item.field, item.message, item.hint) for item in others],
        "dates": dates_ahead.own_dates(parsed),
        "never": sorted(translations.source_prints(parsed, source.code, codes)) if never else [],
    }


def _context(site: Content) -> str:
    """What every file's warnings depend on besides the file and its record: the languages and the code."""
    code = b"".join(Path(module.__file__ or "").read_bytes() for module in _CODE)
    languages = [(language.code, language.english_name) for language in site.languages]
    return digest(json.dumps([FORMAT, site.translation_source, languages]).encode() + code)


# The code a file's warnings come from: their rules, and where a value is located (its line and column).
_CODE = (
    translations,
    dates_ahead,
    scripts,
    validate,
    document,
    yaml_events,
    load,
    settings,
    field_warnings,
    sys.modules[__name__],
)


def _read(path: Path, context: str) -> dict[str, Entry]:
    """The kept warnings, if made under `context` and shaped as this module writes them; else nothing."""
    try:
        kept = _FILE.validate_json(read_cache(path) or b"")  # none, or not a regular file: worked out again
    except ValidationError:
        return {}
    return kept["files"] if kept["format"] == FORMAT and kept["context"] == context else {}


# An address written as text: a web address (with its scheme, or `www.`) or an e-mail address, not inside a link's
# target or text, `<…>` or a code span (`_LINKED`, CODE_SPAN), ending before the punctuation after it.
_BARE = re.compile(
    # after anything but a Latin letter or digit (`وhttps://…`: the `و` is Arabic's "and"), balanced parentheses
    # inside (`…/wiki/Kim_(surname)`), and not the punctuation or emphasis after it (`**https://…**`)
    r"(?<![A-Za-z0-9@./:-])(?:https?://|www\.)(?:[^\s<>()\[\]]|\([^\s<>()]*\))*"
    r"(?:[^\s<>()\[\].,;:!?'\"،؛؟»”*_~`]|\([^\s<>()]*\))"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
# A link's text and target (its text may hold brackets: `[the [big] report](…)`), `<…>`, and a link in HTML.
_LINKED = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)]*\)|<[^<>\s]+>|<a\b.*?</a>", re.IGNORECASE | re.DOTALL)


def bare_addresses(parsed_file: Document, languages: tuple[Language, ...]) -> list[Problem]:
    """Each text that writes a web or e-mail address as text, not a link: shown, but a reader on a phone cannot
    tap it, and must select a 230-character address by hand (an outside reader's). A warning: as a link it is
    checked as every link is (above), which an address Markdown made a link of by itself would not be."""
    problems = []
    for where, value, _ in scripts.own_texts(parsed_file, languages):
        if not isinstance(value, str) or not ("//" in value or "@" in value or "www." in value.lower()):
            continue
        found = _BARE.search(_LINKED.sub(" ", CODE_SPAN.sub(" ", value)))
        if found is None:
            continue
        address = found.group()
        scheme, _, rest = address.partition("://")  # (`HTTPS://`: a link's scheme is written in lower case)
        written = (
            f"<{scheme.lower()}://{rest}>"
            if rest
            else f"<{address}>"
            if "@" in address
            else f"[{address}](https://{address})"
        )
        message = f"writes the address `{address}` as text, which a reader cannot open from the page"
        located = parsed_file.locate(where)
        problems.append(Problem(parsed_file.path, *located, format_field(where), message, f"make it a link: {written}"))
    return problems


# A word holding the presentation forms of Arabic letters (U+FB50–U+FDC7, U+FE80–U+FEFC): the shapes a letter takes
# at a word's start, middle or end, which text copied from a PDF is made of. Not the ornate brackets `﴾﴿`, the
# honorifics and the ligatures of whole words (`﵁`, `﷏`, `ﷲ`, `ﷺ`), nor a mark shown alone (`ﹶ`, in a text about
# the marks), which are written on purpose (a retester's).
_PRESENTATION = re.compile("\\S*[\ufb50-\ufd3d\ufd50-\ufdc7\ufe80-\ufefc]\\S*")


def presentation_forms(parsed_file: Document, texts: Iterable[tuple[FieldPath, object]]) -> list[Problem]:
    """Each of the file's `texts` with a word in presentation forms (`ﺯﻳﺎﺭﺓ ﻛﻴﻢ`, an outside tester's paste from a
    PDF): the page shows it, but they are not the letters a reader or any other tool reads (a screen reader, a
    translation, a copy into another text), and a PDF often copies them in the order they are drawn, which reads
    backwards. A warning, with the word in its letters (NFKC, Unicode's own mapping)."""
    problems = []
    for where, value in texts:
        if isinstance(value, str) and (found := _PRESENTATION.search(value)):
            word = found.group()
            message = f"writes `{word}` in the presentation forms of its letters, as text copied from a PDF is"
            letters = unicodedata.normalize("NFKC", word)
            hint = f"type it, or paste `{letters}`, its letters; if that reads backwards, type it"
            problems.append(Problem(parsed_file.path, *parsed_file.locate(where), format_field(where), message, hint))
    return problems


def _site_texts(project: Project, site: Content) -> list[Problem]:
    """The texts every page shows, in presentation forms: site.yml's (a topic's name), the bylines', the interface
    strings' (a retester's `ﺭﻭﺳﻴﺎ` as a topic's name was not warned of where an explainer's title was); and the
    interface strings a language's file leaves out."""
    files = [project.settings_file, project.authors_file, *(project.strings_file(each.code) for each in site.languages)]
    strings, problems = files[2:], []
    for path in (path for path in files if path.is_file()):
        try:
            document = load.load(path)
        except ContentError:  # (the content's problems, said already)
            continue
        problems += presentation_forms(document, scripts.leaves(document.data))
        problems += strings_check.left_out(document) if path in strings else []
    return problems
