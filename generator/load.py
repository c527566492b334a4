"""Read content files into plain data, remembering where every value came from.

PyYAML's default loaders silently keep the last of two duplicate keys, expand aliases without limit and
turn `2023-02-30` into a crash or `no` into False. This loader builds values itself from the node tree
instead: duplicate keys, aliases and multiple documents are problems, dates stay text for the model to
parse, and every value's line and column is recorded for error messages.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import characters
from .font_check import font_problem
from .problems import ContentError, Problem

MAX_FILE_BYTES = 1_000_000
Location = tuple[int, int]
FieldPath = tuple[str | int, ...]

_CParser: Any
try:  # libyaml's parser, several times faster; PyYAML wheels ship it
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _CParser = None


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 40  # far deeper than any explainer; stops a hostile file from exhausting the stack

if _CParser is not None:
    _Parser = _CParser
else:  # pragma: no cover - PyYAML built without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


@dataclass
class Document:
    """A parsed content file: its data, and the location of every value by field path."""

    path: Path
    data: Any
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    # What is wrong in the file without stopping it from being read (a character no text may hold, a word
    # YAML would drop): validation reports these with its own, so one run names every problem.
    problems: list[Problem] = field(default_factory=list)

    def locate(self, field_path: FieldPath) -> Location:
        """Where a field is, or its nearest existing parent when the field itself is missing."""
        while field_path not in self.locations and field_path:
            field_path = field_path[:-1]
        return self.locations.get(field_path, (1, 1))

    def field_at(self, line: int, col: int) -> str:
        """The innermost field whose key or value starts at or before a position: the one holding it."""
        before = [(where, len(at), at) for at, where in self.locations.items() if where <= (line, col)]
        return format_field(max(before)[2]) if before else ""


def read_bytes(path: Path) -> bytes:
    """A content file's bytes; a missing file or one over the size limit is a problem, not a crash."""
    if not path.is_file():
        hint = "create it; `python -m generator new <slug>` writes a starting point for an explainer"
        raise ContentError([Problem(path, 1, 1, "", "is missing", hint)])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"is {size:,} bytes; content files are limited to {MAX_FILE_BYTES:,} bytes"
        raise ContentError([Problem(path, 1, 1, "", message, "split it or remove what does not belong")])
    return path.read_bytes()


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text, a byte-order mark accepted; anything else is located for the editor."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"is not UTF-8 (byte 0x{raw[error.start]:02X})"
        raise ContentError([Problem(path, line, col, "", message, "save the file as UTF-8 in your editor")]) from None


def _location(event: Any) -> Location:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    """Builds plain values straight from the parser's events, recording each value's line and column.

    Working from events rather than PyYAML's node tree is faster, and it sees what the tree hides: a
    duplicate key where it is written, and an alias where it is used (aliases are refused, not expanded,
    so an alias bomb costs nothing). Every scalar is text: `en: 2023` is the text "2023", `no` stays "no"
    and dates stay text for the model to parse; only an empty or `null` plain value means nothing.
    """

    def __init__(self, path: Path, parser: Any, text: str) -> None:
        self.path = path
        self.parser = parser
        self.text = text
        self.locations: dict[FieldPath, Location] = {}
        self.problems: list[Problem] = []  # the file's structure is wrong: it cannot be validated
        self.notes: list[Problem] = []  # a text is wrong: the rest of the file can still be validated

    def _problem(self, event: Any, at: FieldPath, message: str, hint: str = "") -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, format_field(at), message, hint))

    def _source(self, event: Any) -> str:
        return str(self.text[event.start_mark.index : event.end_mark.index])

    def _written_characters(self, event: Any, at: FieldPath) -> None:
        """Forbidden characters written as YAML escapes (`"\\x07"`) or HTML references (`&#1;`)."""
        start, end = event.start_mark.index, event.end_mark.index
        field = format_field(at)
        self.notes += characters.written(self.path, self.text, start, end, event.value, event.style == '"', field)

    def _dropped_words(self, event: Any, at: FieldPath) -> None:
        """An unquoted text starting with `!Breaking` or `&Co` loses that word: YAML reads it as a tag or an
        anchor. (Before quotes, `&name "…"` loses nothing; an alias to it is refused where it is used.)"""
        if event.style:
            return
        hint = "put the whole text in double quotes"
        line, col = _location(event)
        if event.tag and event.tag != "tag:yaml.org,2002:str":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"starts with `{tag}`, which YAML reads as a type tag and drops"
            self.notes.append(Problem(self.path, line, col, format_field(at), message, hint))
        if event.anchor:
            message = f"starts with `&{event.anchor}`, which YAML reads as an anchor and drops"
            self.notes.append(Problem(self.path, line, col, format_field(at), message, hint))

    def _skip(self, event: Any) -> None:
        """Consume the rest of a value whose start event was read."""
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = self.parser.get_event()
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)

    def value(self, at: FieldPath = (), depth: int = 0) -> Any:
        event = self.parser.get_event()
        if isinstance(event, yaml.AliasEvent):
            self._problem(event, at, "repeats another value through a YAML alias", "write the value out in full")
            return None
        self.locations.setdefault(at, _location(event))
        if isinstance(event, yaml.ScalarEvent):
            self._dropped_words(event, at)
            if not event.style and event.value in _NULLS:
                return None
            if ("&#" in event.value) or (event.style == '"' and "\\" in event.value + self._source(event)):
                self._written_characters(event, at)
            return event.value if event.value.isascii() else unicodedata.normalize("NFC", event.value)
        if depth >= MAX_DEPTH:
            self._problem(event, at, f"is nested more than {MAX_DEPTH} levels deep", "flatten it")
            self._skip(event)
            return None
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self.value((*at, len(items)), depth + 1))
            self.parser.get_event()
            return items
        result: dict[str, Any] = {}
        while not self.parser.check_event(yaml.MappingEndEvent):
            key = self.parser.get_event()
            if not isinstance(key, yaml.ScalarEvent):
                self._problem(key, at, "has a key that is not a plain name", "write a name followed by a colon")
                self._skip(key)
                self._skip(self.parser.get_event())
            elif key.value in result:
                first_line = self.locations[(*at, key.value)][0]
                message = f"is given twice (first on line {first_line})"
                self._problem(key, (*at, key.value), message, "keep one and delete the other")
                self._skip(self.parser.get_event())
            else:
                self.locations[(*at, key.value)] = _location(key)
                result[key.value] = self.value((*at, key.value), depth + 1)
        self.parser.get_event()
        return result

    def document(self) -> Any:
        """The file's one document (None for an empty file); a second document is a problem."""
        self.parser.get_event()  # stream start
        if self.parser.check_event(yaml.StreamEndEvent):
            return None
        self.parser.get_event()  # document start
        data = self.value()
        self.parser.get_event()  # document end
        if self.parser.check_event(yaml.DocumentStartEvent):
            second = self.parser.get_event()
            message = "starts a second YAML document with `---`; a content file holds only one"
            hint = "delete the `---` line, or move what follows into a file of its own"
            self.problems.append(Problem(self.path, second.start_mark.line + 1, 1, "", message, hint))
        return data


def format_field(at: FieldPath) -> str:
    """`sections[0].heading.ar`: the field path as an editor reads it."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse(path: Path, text: str) -> Document:
    """Parse one YAML document. Problems of its structure are raised, all at once; problems of its texts
    (characters, dropped words) travel with the document, so validation can report the rest of it too."""
    typed = characters.scan(path, text)
    source = characters.blanked(text) if typed else text  # same positions, nothing YAML refuses
    parser = _Parser(source)
    builder = _Builder(path, parser, source)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as error:  # with a tab or a stray character, most likely its consequence
        raise ContentError(typed or [_yaml_problem(path, source, error)]) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise ContentError(typed + builder.problems)
    document = Document(path, data, builder.locations)
    document.problems = [replace(problem, field=document.field_at(problem.line, problem.col)) for problem in typed]
    document.problems += builder.notes
    return document


def _yaml_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A parser error where the editor should look: an unclosed quote where it opens, others where found."""
    scanning = bool(error.context and error.context.startswith("while scanning"))
    mark = (error.context_mark if scanning else None) or error.problem_mark or error.context_mark
    last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
    line, col = (min(mark.line + 1, max(last_line, 1)), mark.column + 1) if mark else (1, 1)
    if mark and mark.line + 1 > last_line:  # libyaml marks the end of the stream past the last line
        col = len(text.rstrip("\n").split("\n")[-1]) + 1
    detail = f"is not valid YAML: {error.problem}" + (f" {error.context}" if error.context else "")
    return Problem(path, line, col, "", detail, "check the indentation and quoting around this point")


def load(path: Path, raw: bytes | None = None) -> Document:
    """Read (unless its bytes are given) and parse one content file."""
    return parse(path, decode(path, read_bytes(path) if raw is None else raw))


def load_each(paths: list[Path]) -> tuple[list[Document | None], list[Problem]]:
    """Load every file: its document (None when it cannot be read), and the problems of those that cannot."""
    documents: list[Document | None] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            documents.append(load(path))
        except ContentError as error:
            documents.append(None)
            problems.extend(error.problems)
    return documents, problems


def read_assets(folder: Path) -> dict[str, bytes]:
    """Static files shipped with the templates, keyed by their site path (`assets/style.css`)."""
    return {
        f"assets/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def stat_files(folder: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of the named files that exist, to tell whether they are as we left them."""
    found = {}
    base = str(folder)
    for name in names:  # plain os.stat: a live preview stats thousands of files on every save
        try:
            status = os.stat(os.path.join(base, name))
        except OSError:
            continue
        found[name] = (status.st_size, status.st_mtime_ns)
    return found


def read_cache(path: Path) -> bytes | None:
    """The previous build's cache file, or None when there is none or it cannot be read (it is only a cache).

    Only a regular file is opened: a FIFO or a device planted there would block or never end."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 100 * MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def read_fonts(root: Path, settings: Document, fonts: dict[str, str | None]) -> dict[str, bytes]:
    """The web-font files site.yml names, by language; a missing file or one that is not a font is a problem
    where site.yml names it (so `check` refuses it, not the build half-way)."""
    found, problems = {}, []
    for language, name in ((language, name) for language, name in fonts.items() if name is not None):
        data = (root / name).read_bytes() if (root / name).is_file() else None
        trouble = font_problem(name, data)
        if data is not None and trouble is None:
            found[language] = data
        else:
            at, (message, hint) = settings.locate(("fonts", language)), trouble or ("", "")
            problems.append(Problem(settings.path, *at, f"fonts.{language}", message, hint))
    if problems:
        raise ContentError(problems)
    return found
