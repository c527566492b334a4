"""Which quotation marks open, which close, and which are a word's apostrophe: for pairing them (bidi.py, N0)
and for giving a possessive's apostrophe to its word (bidi_repairs.py).

A `’` is both English's closing single quote and its apostrophe; a `'` is a quote mark as well; Swedish opens
with the mark English closes with. Each rule here comes from an outside tester's phrase the page read wrong.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile("[sS]’ [A-Za-z\u00c0-\u024f]")  # `players’ union` (a Latin word after it)


def possessive(text: str, index: int) -> bool:
    """A `’` after a plural's `s` and before a word, with a `’` to close the quotation still to come (`‘The
    players’ union said no’`): the possessive, where the quotation closed early (an outside tester's)."""
    later = text.find("’", index + 1) if _POSSESSIVE.match(text, index - 1) else -1
    while later != -1 and text[later + 1 : later + 2].isalnum():  # (another apostrophe: `don’t`)
        later = text.find("’", later + 1)
    return later != -1 and "‘" not in text[index:later]


def opens_word(text: str, index: int) -> bool:
    """A mark at a word's start, before its first letter or digit: as `”Vi är klara”` opens with `”`."""
    return (not index or text[index - 1] in " \u00a0(:[—–-") and text[index + 1 : index + 2].strip() != ""


def closes_quote(text: str, index: int, stack: list[tuple[str, int]]) -> bool:
    """Whether a straight double quote, which both opens and closes, closes one: never after a space (it opens
    the words after it), else when one is open. So nested quotes pair inside out (`"X: "Welcome""`)."""
    return bool(index) and not text[index - 1].isspace() and any(closer == text[index] for closer, _ in stack)


def ends_possessive(text: str, classes: list[str], index: int) -> bool:
    """A `’` (or `'`) ending a Latin word, with no quotation its mark would close open before it: a possessive
    (`نقابة Players’`), the word's. Left to the Arabic sentence, it read `’Players`, a quotation's opening (an
    outside tester's), and so it did after any quotation earlier in the text (a retester's `قال ‘Yes’ ثم …`)."""
    after = text[index + 1 : index + 2]
    if not index or not text[index - 1].isalpha() or classes[index - 1] != "L" or after.isalnum():
        return False
    return not _quotation_open(text, index)


def _quotation_open(text: str, index: int) -> bool:
    """Whether a quotation the mark at `index` would close is open: its opening mark (`‘`, or a `'` at a word's
    start) met more often before it than a closing one (after a letter, before none; not a possessive)."""
    mark = text[index]
    opening, depth = ("‘" if mark == "’" else "'"), 0
    for at in range(index):
        char, before, after = text[at], text[at - 1 : at], text[at + 1 : at + 2]
        if char == opening and after.isalpha() and not (before.isalpha() and not _arabic(before)):
            depth += 1
        elif char == mark and before.isalpha() and not after.isalnum() and not (mark == "’" and possessive(text, at)):
            depth = max(depth - 1, 0)
    return depth > 0


def _arabic(char: str) -> bool:
    return unicodedata.bidirectional(char) in {"AL", "R"}
