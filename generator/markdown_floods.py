"""Texts Markdown would take minutes to read: an attack on the build, never a text written by hand.

Python-Markdown reads some marks by searching the rest of the text, or by recursion, so its time grows with
their number times the text's length (or with their depth). Each limit is a product far above any real
text, and a text past it is refused, located, before the renderer would hang on it (every build, every preview
and every editor's save waits on one such text).
"""

from __future__ import annotations

import re

from .markdown_lists import MAX_NESTING, nesting

# Markdown reads a `[` by looking for its `]` and then its link's `(…)`, to the text's end when there are none:
# the time grows with their number times the text's length. 40,000 `[` in a title took 70 s to build, and a
# file of them, under the size limit, hours (an outside tester's pull request). At most this product: a second.
BRACKETS_TIMES_LENGTH = 20_000_000
# Each other mark Markdown reads inline (an escape, an emphasis, a code span, a tag or a reference) has it build the
# text again around what it found: the time grows with their number times the text's length too, more slowly. A
# dek of 488,000 `\*` under the file size limit kept `check` busy for over five minutes, saying nothing (an
# outside tester's). At most this product: about half a second, far above any text written by hand.
MARKS = "\\*_`<&"
MARKS_TIMES_LENGTH = 400_000_000
# Each heading underlined (`===` or `---` on the line under its words) has Markdown read the rest of its paragraph
# again: 10,000 in one text of 85 kB took 8 s to check, 40,000 nearly two minutes (an outside tester's). At most
# this product: a quarter of a second.
# So does each rule (`---`, `- - -`, `***`: a retester's 840 kB of them took 52 s).
_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$", re.MULTILINE)
UNDERLINES_TIMES_LENGTH = 20_000_000


_MARKS_SAID = "Markdown marks (`\\`, `*`, `_`, `` ` ``, `<`, `&`)"
_UNDERLINES_SAID = "lines of `=`, `-` or `*` (headings' underlines, rules)"


def _too_many(counted: str, count: int, length: int, limit: int) -> list[str]:
    """Marks Markdown reads the text again for, `count` of them over `length` characters: too many past `limit`."""
    if count * length <= limit:
        return []
    return [f"has {count:,} {counted} in {length:,} characters, more than a page can be made from in good time "
            f"(at most {limit // length:,} in a text this long); write fewer, or split the text"]  # fmt: skip


def flooded(text: str) -> list[str]:
    """What makes a text too slow to read, said for the editor; empty for every text written by hand."""
    if flood := _too_many("`[`", text.count("["), len(text), BRACKETS_TIMES_LENGTH):
        return flood
    if len(text) > 20_000 and (
        flood := _too_many(_MARKS_SAID, sum(map(text.count, MARKS)), len(text), MARKS_TIMES_LENGTH)
    ):
        return flood
    if len(text) > 4_000 and any(mark in text for mark in ("\n=", "\n-", "\n*", "\n_", "\n ")):
        underlines = len(_UNDERLINE.findall(text))
        if flood := _too_many(_UNDERLINES_SAID, underlines, len(text), UNDERLINES_TIMES_LENGTH):
            return flood
    if "\n" in text and (deep := nesting(text)) > MAX_NESTING:
        return [f"nests lists or quotes {deep} deep, deeper than a page can be made from (at most {MAX_NESTING})"]
    return []
