"""Where raw mixed-direction text reads wrong, and the strong class that puts it right.

Each repair makes a character count as the strong character an editor would otherwise have to type a
mark for (LRM or RLM), so the Unicode Bidirectional Algorithm then resolves the text as a reader expects.
They come from the hand-marked corpus (tests/corpus/mixed_direction.yml); each is a case the raw text
gets wrong in a browser, and nothing else changes. House-style questions (a number range `9-10 سبتمبر`,
a hyphenated date, a number and a unit apart) are left as the raw text shows them.
"""

from __future__ import annotations

import re
import unicodedata

# What stands for an element the text flows around (an isolate, stashed HTML): a neutral.
OBJECT = "\ufffc"
OPENING_SIGNS = frozenset("#@+$€£¥₹−-")  # `#G20`, `@UN_News`, `+212`, `$AAPL`, `-5`
CLOSING_SIGNS = frozenset("+#/")  # `C++`, `C#`, `OPEC+`, `18+`, a web address's final `/`
SENTENCE_PUNCTUATION = frozenset(".!?…,;:")
ARABIC_PUNCTUATION = frozenset("،؛؟۔")
_DOTTED_INITIALS = re.compile(r"(?<![^\W\d_])(?:[A-Za-z]\.){2,}")  # U.S., U.K., a.m.
# (An Arabic letter may stand right before a number: a joined prefix such as و, "and".)
_SPACED_PHONE = re.compile(r"(?<![0-9A-Za-z+])\+\d{1,4}(?:[ \u00a0]\d{1,4}){2,}(?!\w)")  # +212 5 37 00 00 00
_DIGIT_GROUPS = re.compile(r"(?<![0-9A-Za-z-])\d+(?:-\d+){2,}(?![\w-])")  # 0800-00-00-00, 050-123-4567
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}")
_FOLLOWING_WORD = re.compile(r"[ \u00a0]+([^\W\d_])")


def repair(text: str, classes: list[str], base: int) -> None:
    """Apply every repair to the classes of a paragraph shown at base level 0 (LTR) or 1 (RTL)."""
    for index, char in enumerate(text):
        if char in ARABIC_PUNCTUATION:  # `France، Germany`: the Arabic comma separates, it never joins
            classes[index] = "R"
        elif char in OPENING_SIGNS and _starts_token(text, index):
            classes[index] = _token_direction(text, classes, index + 1)
    for pattern in (_SPACED_PHONE, _DIGIT_GROUPS):  # a phone number is dialled left to right
        for match in pattern.finditer(text):
            if not _DATE.fullmatch(match.group()):
                classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in _DOTTED_INITIALS.finditer(text):
        classes[match.end() - 1] = "L"
    for index, char in enumerate(text):
        if (char in CLOSING_SIGNS and _ends_latin_token(text, classes, index)) or (
            char in SENTENCE_PUNCTUATION and _ends_quoted_latin(text, classes, index)
        ):
            classes[index] = "L"
    if base == 0:
        _numbers_after_arabic(text, classes)


def _starts_token(text: str, index: int) -> bool:
    """A sign at the very start of a word, directly followed by a letter or digit (`#G20`, `+212`, `$5`).

    An Arabic letter before it is a joined prefix (`و$5`, `ب#G20`: and, with), so the sign still opens."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = before.isspace() or before in "\"'" or unicodedata.category(before) in {"Ps", "Pi"}
    opens = opens or _arabic_letter(before)
    return opens and after.isalnum()


def _arabic_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.bidirectional(char) in {"AL", "R"}


def _token_direction(text: str, classes: list[str], start: int) -> str:
    """The direction of the token starting at `start`: its first strong letter's, or LTR for a number."""
    for index in range(start, len(text)):
        if text[index].isspace():
            break
        if classes[index] in {"L", "R", "AL"}:
            return "R" if classes[index] == "AL" else classes[index]
    return "L"


def _ends_latin_token(text: str, classes: list[str], index: int) -> bool:
    """A closing sign (`C++`, `C#`, `18+`, `/en/`) after a Latin letter or a digit, at the end of a word."""
    end = index
    while end < len(text) and text[end] in CLOSING_SIGNS:
        end += 1
    if end < len(text) and (text[end].isalnum() or text[end] == OBJECT):
        return False
    start = index
    while start > 0 and text[start - 1] in CLOSING_SIGNS:
        start -= 1
    return start > 0 and (classes[start - 1] == "L" or text[start - 1].isdigit())


def _ends_quoted_latin(text: str, classes: list[str], index: int) -> bool:
    """Sentence punctuation between a Latin word and the quote or bracket that closes it belongs to the
    quoted sentence: `«We stand with Morocco.»` (in Arabic text it would otherwise jump to the quote's start)."""
    start = index
    while start > 0 and text[start - 1] in SENTENCE_PUNCTUATION:
        start -= 1
    end = index
    while end < len(text) and text[end] in SENTENCE_PUNCTUATION:
        end += 1
    closes = end < len(text) and unicodedata.category(text[end]) in {"Pf", "Pe"} | (
        {"Po"} if text[end] in "\"'" else set()
    )
    return start > 0 and classes[start - 1] == "L" and closes


def _numbers_after_arabic(text: str, classes: list[str]) -> None:
    """In English text, a number set apart after an Arabic word and followed by an English word belongs to
    the English sentence (`Survivors in أمزميز 3 days`), not to the Arabic run the algorithm would pull it
    into. Followed by anything else (`صندوق 126 (Fund 126)`), it stays as the algorithm shows it."""
    for match in re.finditer(r"(?<=[ \u00a0])\d+(?:[.,]\d+)*(?=[ \u00a0])", text):
        before = next((classes[i] for i in range(match.start() - 1, -1, -1) if classes[i] in {"L", "R", "AL"}), "")
        word = _FOLLOWING_WORD.match(text, match.end())
        if before in {"R", "AL"} and word and classes[word.start(1)] == "L":
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
