"""Plain values built straight from a YAML parser's events, with each value's line and column.

PyYAML's default loaders silently keep the last of two duplicate keys, expand aliases without limit and
turn `2023-02-30` into a crash or `no` into False; building from events sees what the node tree hides.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import characters
from .document import FieldPath, Location, format_field
from .numbered_items import numbered_items
from .problems import Problem

_CParser: Any
try:  # libyaml's parser, several times faster; PyYAML wheels ship it
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _CParser = None


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
FULL = "write the value out in full"
# After an unquoted value, on its line: a `#` that opens a word (`#OPECplus`, `#أوبك_بلس`) rather than a comment
# (`# …`, with a space, as comments are written). YAML takes either for a comment.
_HASHTAG_AFTER = re.compile(r"[ \t]*(#[^\s#][^\s]*)")
_WRAPPED_HASHTAG = re.compile(r" *(#[^\s#][^\s]*)")
# A line that opens a list item in Markdown (`- `, `* `, `1. `, `+ food`; not `+ 3 per cent` nor `> 5%`, which prose
# wraps to).
_MARKDOWN_LINE = re.compile(r"[ \t]*(?:[-*•◦▪‣]|\+(?=[ \t]+[^\d\s])|[0-9]{1,3}[.)])[ \t]")  # (and a pasted bullet)
_GLUED_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[\"']")  # a key and its quoted text, no space between (a tester's)
# A merge's `=======` alone between blank lines of a folded text, which YAML keeps as a line of its own: Markdown
# made the version above it a heading, and published both (a retester's).
_SEPARATOR = re.compile(r"(?:^|\n)[ \t]*={7}[ \t]*(?:\n|$)")
_SEPARATED = (
    "holds a merge conflict's marker (`=======`) between two versions",
    "keep the lines you want of each version, and delete the marker",
)
MAX_DEPTH = 40  # far deeper than any explainer; stops a hostile file from exhausting the stack

if _CParser is not None:
    Parser = _CParser
else:  # pragma: no cover - PyYAML built without libyaml

    class Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


def _location(event: Any) -> Location:
    return event.start_mark.line + 1, event.start_mark.column + 1


class Builder:
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

    def _cut_at_hashtag(self, event: Any, at: FieldPath) -> None:
        """An unquoted text with a hashtag in it (`… tagged #OPECplus the minister …`) stops before it: YAML reads
        ` #` as the start of a comment, and the rest of the line would be gone without a word said."""
        if event.style:
            return
        end = event.end_mark.index
        line_end = self.text.find("\n", end)
        found = _HASHTAG_AFTER.match(self.text, end, len(self.text) if line_end < 0 else line_end)
        line, column = event.end_mark.line + 1, event.end_mark.column + (found.start(1) - end + 1 if found else 0)
        if found is None and line_end >= 0 and not self.text[end:line_end].strip():
            # ... or at the start of the next line, a line the text wrapped to (`…closed its borders` then
            # `  #in2020 under…`: the whole line was gone, an outside tester's), indented as one
            opened = self.text.rfind("\n", 0, event.start_mark.index) + 1
            indent = len(self.text[opened:]) - len(self.text[opened:].lstrip(" "))
            found = _WRAPPED_HASHTAG.match(self.text, line_end + 1)
            if found is None or found.start(1) - line_end - 1 <= indent:
                return
            line, column = line + 1, found.start(1) - line_end
        if found is None:
            return
        kept = "is left empty" if not event.value else "stops before it"
        message = f"has `{found.group(1)}` after it, which YAML reads as a comment: the text {kept}"
        hint = "put the whole text in double quotes; a comment of your own starts with `# `, a space after the #"
        self.notes.append(Problem(self.path, line, column, format_field(at), message, hint))

    def _folded_list(self, event: Any, at: FieldPath) -> None:
        """A list written in a folded (`>-`), unquoted or quoted text over lines: YAML joins its lines with spaces, the
        page showed `affected: - mortgages - car loans` as one line (an outside tester's, in the style the seed
        writes paragraphs in). A list: one such line after a line ending in `:`, three in a row, or two that end the
        text (`- mortgages`, `- car loans` alone passed: an outside tester's); a sentence wrapped before `10. The
        bank…`, or at two dashes, ` - `, is none (a retester's). A line more indented than the text's stays a line,
        and is left. A folded text's first line is its `>` header, never the list's."""
        if event.start_mark.line == event.end_mark.line:
            return
        lines = self.text[event.start_mark.index : event.end_mark.index].split("\n")
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines[1:] if line.strip()), default=0)
        items = numbered_items([lines[0], *(line[indent:] for line in lines[1:])])  # (`١.`, `1-`, `(1)`: the text's)
        listed = [
            bool(_MARKDOWN_LINE.match(line) or index in items) and (index or event.style != ">")
            for index, line in enumerate(lines)
        ]
        in_runs = {
            line
            for first in range(len(lines) - 2)
            if all(listed[first : first + 3])
            for line in range(first, first + 3)
        }
        last = max((index for index, line in enumerate(lines) if line.strip()), default=0)
        first = next(index for index in range(last, -2, -1) if index < 0 or not listed[index]) + 1
        if last - first >= 1:  # two or more that end the text
            in_runs.update(range(first, last + 1))
        for index, line in enumerate(lines[1:], start=1):
            if not listed[index] or not (index in in_runs or lines[index - 1].rstrip().endswith(":")):
                continue
            if re.search("\n[ \t]*" + re.escape(line.strip()), event.value):
                continue  # kept as a line
            shown = line.strip() if len(line.strip()) <= 24 else line.strip()[:24] + "…"
            message = f"has a line that starts a list (`{shown}`), which YAML joins to the line before it"
            hint = (
                "write `|-` after the colon, and the text on the lines below: it keeps them, and Markdown sees the list"
            )
            column, number = len(line) - len(line.lstrip(" \t")) + 1, event.start_mark.line + 1 + index
            self.notes.append(Problem(self.path, number, column, format_field(at), message, hint))
            return

    def _skip(self, event: Any) -> None:
        """Consume the rest of a value whose start event was read."""
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = self.parser.get_event()
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)

    def value(self, at: FieldPath = (), depth: int = 0) -> Any:
        event = self.parser.get_event()
        if isinstance(event, yaml.AliasEvent):
            # (named, not "repeats another value": the anchor may name nothing, `topics: *nothing`)
            self._problem(event, at, f"is a YAML alias (`*{event.anchor}`), which content files do not use", FULL)
            return None
        self.locations.setdefault(at, _location(event))
        if isinstance(event, yaml.ScalarEvent):
            self._dropped_words(event, at)
            self._cut_at_hashtag(event, at)
            if event.style != "|":  # (`|-` keeps its lines; YAML folds every other text's, quoted too)
                self._folded_list(event, at)
                if "=======" in event.value and _SEPARATOR.search(event.value):  # (a `|-` text's underlines a heading)
                    self.notes.append(Problem(self.path, *_location(event), format_field(at), *_SEPARATED))
            if not event.style and event.value in _NULLS:
                return None
            if ("&#" in event.value) or (event.style == '"' and "\\" in self._source(event)):
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
            elif not key.style and (glued := _GLUED_KEY.match(key.value)):  # `{ar:"روسيا", en: …}`: one key
                message = (
                    f"`{glued.group(1)}:` has no space after its colon: YAML reads the key and its text as one key"
                )
                self._problem(key, (*at, glued.group(1)), message, f"write `{glued.group(1)}: ` and then the text")
                self._skip(self.parser.get_event())
            elif key.value in result:
                first_line = self.locations[(*at, key.value)][0]
                message = f"is given twice (first on line {first_line})"
                # In a list's item, most often the next item's `- ` deleted: the hint to delete one lost an item.
                listed = at and isinstance(at[-1], int)
                hint = (
                    "if it starts another item, put back its `- `; else keep one"
                    if listed
                    else "keep one and delete the other"
                )
                self._problem(key, (*at, key.value), message, hint)
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
