"""Lists as editors write them, made into what Python-Markdown reads as the list they mean.

Python-Markdown follows the original Markdown, not CommonMark, in two places editors meet: a list must be
set apart from the sentence before it by a blank line, and a nested list indented by four spaces. Editors
write lists as GitHub, CommonMark and their other tools take them, straight after a line of text and nested
by two spaces (or by the width of a numbered item's marker), and Python-Markdown silently ran such a list
into the sentence or flattened it. Why not another Markdown library: the pipeline, its extensions and the
sanitizer are Python-Markdown's (MkDocs' own), and these two rules are a dozen lines over the text.
"""

from __future__ import annotations

import itertools
import re

from .numbered_items import numbered

# A line that starts a list even straight after a line of text, as CommonMark has it: a bullet, or a number
# only when it is 1 (a wrapped line of prose may start `2023.`); and any line of a list.
_LIST_START = re.compile(r"(?:[-+*]|1[.)])[ \t]+\S")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+*]|\d+[.)])(?:[ \t]|$)")
_MARKER = re.compile(r" *(?:[-+*]|\d+[.)])(?: |$)")
NESTED = 4  # the indentation Python-Markdown reads as one level deeper


# A line a word processor's bullet opens (`•`, `◦`, `▪`, `‣`), pasted: Markdown's `- ` is what the editor meant.
_BULLET = re.compile(r"^([ \t]*)[•◦▪‣][ \t]+(?=\S)", re.MULTILINE)


def as_markdown_reads(text: str) -> str:
    """A text of several lines with its lists nested as written (`nested`) and set apart (`lists_apart`): nested
    first, so that a list indented under a line of text (`Key points:` then `  - a`) is set apart too. A pasted
    bullet (`• food` then `• technology`) opens an item as `- ` does: the lines ran into one, `• food • technology`
    (an outside tester's fuzzing), and so do numbers as Arabic writes them (numbered_items.py)."""
    if "\n" not in text:
        return text
    return lists_apart(nested(numbered(_BULLET.sub(r"\1- ", text))))


def lists_apart(text: str) -> str:
    """A list written straight after a line of text (`Key points:` then `- OPEC+ cut output.`) set apart from it
    by a blank line: Python-Markdown wants one there and ran the items into the sentence, `Key points: - OPEC+
    cut output. - …` (an outside tester's); a list already begun, or one after a blank line, is left as it is."""
    lines = text.split("\n")
    kept, in_list = lines[:1], bool(_LIST_ITEM.match(lines[0]))
    for previous, line in itertools.pairwise(lines):
        if _LIST_START.match(line) and previous.strip() and not in_list:
            kept.append("")
        in_list = bool(line.strip()) and (in_list or bool(_LIST_ITEM.match(line)))
        kept.append(line)
    return "\n".join(kept)


def nested(text: str) -> str:
    """Each list line indented by four spaces a level, its level read as editors write it: an item indented
    by two spaces or more past the item above it is inside that one (`- الصلاة` then `  - التراويح`, or `1. أولًا`
    then `   - فرع`, which Python-Markdown flattened into one list or ran into the item's text: an outside
    tester's), and so is a line of text indented under an item. Four spaces a level, as before, read the same.
    A line indented four past an item's text is code (`        make site` under `- run`), kept as code with what
    it has past that. A line at the margin after a blank line ends the lists; one straight after an item
    continues its text."""
    kept: list[str] = []
    items: list[tuple[int, int]] = []  # each open item's marker's indentation and its text's, outermost first
    after_blank = False
    for line in text.split("\n"):
        if not line.strip():
            kept.append(line)
            after_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        marker = _MARKER.match(line)
        if marker or (items and indent):
            while items and indent < items[-1][0] + 2:
                items.pop()
            depth = len(items)
            if not marker and depth and indent >= items[-1][1] + 4:  # code: its own indentation kept past its start
                start = items[-1][0] + 2 * NESTED if indent >= items[-1][0] + 2 * NESTED else items[-1][1] + 4
                kept.append(" " * (NESTED * depth + NESTED) + line[start:])
            else:
                kept.append(" " * (NESTED * depth) + line.lstrip(" ") if marker or depth else line)
            if marker:
                items.append((indent, marker.end() if marker.group().endswith(" ") else marker.end() + 1))
        else:
            if after_blank:
                items.clear()
            kept.append(line)
        after_blank = False
    return "\n".join(kept)


MAX_NESTING = 20  # lists or quotes one inside another; Python-Markdown reads each level by recursion
_QUOTES = re.compile(r"(?: *>)+")


def nesting(text: str) -> int:
    """How deep a text's lists, or its quotes (`> > …`), go, as Python-Markdown would read them once `nested`: 320
    levels ran it past Python's recursion limit, and `check` and the build ended in an internal error (an
    independent reviewer's)."""
    lists = [len(line) - len(line.lstrip(" ")) for line in nested(text).split("\n") if _MARKER.match(line)]
    quotes = [found.group().count(">") for line in text.split("\n") if (found := _QUOTES.match(line))]
    return max([indent // NESTED + 1 for indent in lists] + quotes + [0])
