"""Entries written twice, word for word: what a merge that kept both sides leaves in a file.

Git marks a conflict, and `check` refuses its markers; but an editor who settles it by keeping both sides, or a
merge tool that does so on its own, leaves the same update, paragraph or timeline event twice, and the page
published it twice without a word (an outside tester's fuzzing). No explainer means a group of fields twice.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .document import Document, FieldPath, format_field
from .problems import Problem

# Characters of text of a paragraph written twice on purpose: a Q&A's answer (`نعم، بحسب البيان الرسمي.`), `[…]`
# between a speech's parts (a retester's were refused). A paragraph of a merge is most often longer.
SHORT = 80
# What a merge's two sides differ in when one was retyped or pasted: spaces (a no-break one too), and quotes.
_QUOTED = re.compile("[“”„«»‘’]")
_QUOTES = str.maketrans("“”„«»‘’", '"""""\'\'')


def repeated_entries(document: Document) -> list[Problem]:
    """Each list item that is a group of fields (an update, a paragraph in both languages, a source, a point)
    and equals one above it in the same list, but for spaces and the kind of quotes: said where the second is,
    naming the first. Not a short paragraph (`SHORT`), nor lists of names (topics, authors), which have checks of
    their own."""
    problems = []
    for at, first in _repeats(document.data, ()):
        line, col = document.locate(at)
        counted = int(first[-1]) + 1  # (as the editor's form counts its items)
        message = f"repeats item {counted} of its list, word for word (a merge that kept both sides?)"
        problems.append(Problem(document.path, line, col, format_field(at), message, "delete one"))
    return problems


def _repeats(value: Any, at: FieldPath) -> Iterator[tuple[FieldPath, FieldPath]]:
    """Where an item repeats an earlier one of its list, and where that one is, at any depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(inner, dict | list):  # (a text holds no list)
                yield from _repeats(inner, (*at, key))
    elif isinstance(value, list):
        # Items are compared whole only where another one opens alike: a whole comparison of every item at every
        # depth took 1.4 s of CPU over the bench's 1,000 explainers (a tenth of a build's own work).
        openings = [_opening(item) if isinstance(item, dict) and item else None for item in value]
        alike = Counter(openings)
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if (
                openings[index] is not None
                and alike[openings[index]] > 1
                and (at[-1:] != ("paragraphs",) or len(_text(item)) >= SHORT)
            ):
                written = json.dumps(_as_compared(item), sort_keys=True, ensure_ascii=False, default=str)
                if written in seen:
                    yield (*at, index), (*at, seen[written])
                    continue
                seen[written] = index
            if isinstance(item, dict | list):
                yield from _repeats(item, (*at, index))


def _opening(value: Any) -> Any:
    """A value's first text as compared (`_as_compared`): its first field's, or its first item's, at any depth;
    None where that is an empty list or mapping (`id: []`, which a property test's mutation wrote: unhashable)."""
    while isinstance(value, dict | list) and value:
        value = next(iter(value.values())) if isinstance(value, dict) else value[0]
    return None if isinstance(value, dict | list) else _as_compared(value)


def _as_compared(value: Any) -> Any:
    """A value as two sides of a merge are compared: each text's spaces one plain space, its quotes straight."""
    if isinstance(value, dict):
        return {key: _as_compared(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_as_compared(inner) for inner in value]
    if not isinstance(value, str):
        return value
    spaced = " ".join(value.split())
    return spaced.translate(_QUOTES) if _QUOTED.search(spaced) else spaced  # (translate is slow: asked first)


def _text(value: Any) -> str:
    """All the text a value holds, its fields' values joined."""
    if isinstance(value, dict):
        return "".join(map(_text, value.values()))
    if isinstance(value, list):
        return "".join(map(_text, value))
    return str(value)
