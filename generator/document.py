"""A parsed content file: its data, where every value came from, and the field paths editors read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed content file: its data, and the location of every value by field path."""

    path: Path
    data: Any
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    # What is wrong in the file without stopping it from being read (a character no text may hold, a word
    # YAML would drop): validation reports these with its own, so one run names every problem.
    problems: list[Problem] = field(default_factory=list)
    # The fields YAML read otherwise than written (a word dropped, a text cut at a hashtag): validation's own
    # problems there ("is empty") follow from the one already said, and are left out.
    altered: set[str] = field(default_factory=set)
    text: str = field(default="", repr=False)  # the file's text as parsed, to find what a problem names in it

    def find(self, field_path: FieldPath, where: Callable[[str, int], int | None]) -> Location:
        """Where `where` finds something in the text from a field on (a character a problem names), else the
        field's own location."""
        line, col = self.locate(field_path)
        start = _offset(self.text, line, col)
        found = where(self.text, start) if start is not None else None
        if found is None:
            return line, col
        return self.text.count("\n", 0, found) + 1, found - (self.text.rfind("\n", 0, found) + 1) + 1

    def locate(self, field_path: FieldPath) -> Location:
        """Where a field is, or its nearest existing parent when the field itself is missing."""
        while field_path not in self.locations and field_path:
            field_path = field_path[:-1]
        return self.locations.get(field_path, (1, 1))

    def left_empty(self) -> list[Problem]:
        """Each field written with no value (`said_by:`, nothing after it): YAML reads it as not given, and an
        optional one vanished unsaid; a point's `said_by` so left became the newsroom's own claim on the page
        (an outside tester's). A needed one the model names too, and validation keeps its one message."""

        problems = []
        for at in _empty_fields(self.data, ()):
            what = "name the voice who says it by its id, or take out the line: without it the point is the page's own"
            hint = what if at[-1] == "said_by" else "write it, or take out the line"
            problems.append(Problem(self.path, *self.locate(at), format_field(at), "is left empty", hint))
        return problems

    def field_at(self, line: int, col: int) -> str:
        """The innermost field whose key or value starts at or before a position: the one holding it."""
        before = [(where, len(at), at) for at, where in self.locations.items() if where <= (line, col)]
        return format_field(max(before)[2]) if before else ""


def _empty_fields(data: Any, at: FieldPath) -> Iterator[FieldPath]:
    """The fields under `data` (at `at`) written with no value."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if value is None and isinstance(data, dict):
            yield (*at, key)
        else:
            yield from _empty_fields(value, (*at, key))


def _offset(text: str, line: int, col: int) -> int | None:
    """The index of a 1-based line and column in a text; None if the text has no such line."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    return start + col - 1


def format_field(at: FieldPath) -> str:
    """`sections[0].heading.ar`: the field path as an editor reads it."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
