"""Characters as they are written in a content file: tabs and characters no text may hold, located.

A character may reach a text three ways, and each is found where the editor wrote it: typed raw (found in
the file's text, line by line), as a YAML escape in a double-quoted text (`"\\x07"`) or as an HTML reference
(`&#1;`, which the page's HTML would turn into the character). Which characters are refused, and why, is
`text_rules.forbidden`; this module only finds them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from .problems import Problem
from .text_rules import BLANKS, CHARACTER_REFERENCE, forbidden, referenced

_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
# What `forbidden` refuses, as one pattern for a fast scan of a whole file.
_FORBIDDEN = (
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\ud800-\udfff\ufdd0-\ufdef\ufeff\u2061-\u2064\ufff9-\ufffb"
    f"{_NONCHARACTERS}\u2028\u2029\u202a-\u202e\u2066-\u2069\U0001d173-\U0001d17a{BLANKS}]"
)
_UNWANTED = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|{_FORBIDDEN}")
_SUSPECT = re.compile(f"\t|{_UNWANTED.pattern}")
# The same test of a whole file, quick: one class of what may stand anywhere, up to U+FFFF, for which `re`
# keeps a bitmap; anything else, and any character past U+FFFF (an emoji, say), sends the file to `_SUSPECT`.
# `_SUSPECT` is one class holding the 32 noncharacters past U+FFFF, which `re` checks one by one at every
# position: 1 ms for a 26 kB explainer, 6 % of a cold build; three passes of bitmap classes took 0.3 ms, this
# one 0.06. A test holds it to `_SUSPECT`, character by character.
_QUICK = re.compile(
    "[^\n -~\xa0-\xac\xae-\u115e\u1161-\u17b3\u17b6-\u180d\u180f-\u2027\u202f-\u2060\u2065\u206a-\u27ff"
    "\u2801-\u3163\u3165-\ud7ff\ue000-\ufdcf\ufdf0-\ufefe\uff00-\uff9f\uffa1-\ufff8\ufffc\ufffd]"
)
# A YAML escape in a double-quoted scalar; an escaped backslash is matched whole, so `\\x07` is no escape.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_NAMED_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b", "r": "\r", "N": "\x85"}


TAB_INDENTED = "is indented with a tab"


def scan(path: Path, text: str) -> list[Problem]:
    """Tabs in indentation and characters no text may hold, typed raw, said plainly and located in characters.

    PyYAML's own messages for these are cryptic, and libyaml counts their position in bytes, which
    every Arabic letter before them would throw off."""
    problems: list[Problem] = []
    if not _QUICK.search(text):  # the usual case, checked in one pass over the file
        return problems
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            hint = "YAML needs spaces for indentation; replace the tab with spaces"
            problems.append(Problem(path, number, indent.index("\t") + 1, "", TAB_INDENTED, hint))
        for match in _UNWANTED.finditer(line.rstrip("\r")):
            char = match.group()
            why = forbidden(char) or f"the character U+{ord(char):04X}, which YAML does not allow; delete it"
            problems.append(Problem(path, number, match.start() + 1, "", f"contains {why}"))
    return problems


# An invisible direction mark before a key (`‏dek:`) or a list's dash, at a line's start, where an Arabic keyboard
# or word processor types it: YAML read it as part of the key, and `check` said "dek is not a field, did you mean
# dek?", or put an indentation mistake on the next line (an outside tester's fuzzing). A line of text that opens
# with one (a continuation, a list item's words) keeps it: it is the text's.
_MARKS = "\u200e\u200f\u061c"
_MARK_BEFORE_KEY = re.compile(f"^[ {_MARKS}]*(?:-[ {_MARKS}]+)*(?=[A-Za-z_][A-Za-z0-9_-]*:(?: |$))", re.M)
_MARK_NAMES = {"\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u061c": "Arabic letter mark"}


# Spaces a word processor or a phone types that YAML does not read as spaces, in a line's indentation or after a
# key's colon: `title:` and a no-break space crashed the parser's message (an outside tester's), one in an
# indentation was blamed on another line.
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE_IN_LAYOUT = re.compile(
    f"^[ {_ODD_SPACES}]*[{_ODD_SPACES}][ {_ODD_SPACES}]*(?=[^ {_ODD_SPACES}\n])"
    f"|^[ ]*(?:- +)?[A-Za-z_][A-Za-z0-9_-]*:[ ]*[{_ODD_SPACES}]",
    re.M,
)


def marks_before_keys(path: Path, text: str) -> list[Problem]:
    """Each invisible direction mark before a key or a list's dash (above), located."""
    if not any(mark in text for mark in _MARKS):
        return []
    problems = []
    for match in _MARK_BEFORE_KEY.finditer(text):
        for offset, char in enumerate(match.group()):
            if char in _MARK_NAMES:
                line, col = position(text, match.start() + offset)
                key = text[match.end() : text.index(":", match.end())]
                message = f"has an invisible {_MARK_NAMES[char]} (U+{ord(char):04X}) before `{key}:`"
                hint = "delete it: YAML reads it as part of the key; an Arabic keyboard types it unseen"
                problems.append(Problem(path, line, col, "", message, hint))
    return problems


def odd_spaces(path: Path, text: str) -> list[Problem]:
    """A space YAML does not take for one where its layout wants one, in an indentation or after a key's colon:
    said when the file does not read, for what YAML made of it (the line after, another key) misleads."""
    if not _ODD_SPACE.search(text):
        return []
    problems = []
    for match in _ODD_SPACE_IN_LAYOUT.finditer(text):
        at = match.start() + next(i for i, char in enumerate(match.group()) if _ODD_SPACE.match(char))
        line, col = position(text, at)
        name = unicodedata.name(text[at], "space").lower()
        key = _ODD_SPACE.sub("", match.group()).strip(" -").rstrip(":")
        where = f"after `{key}:`" if ":" in match.group() else "in the line's indentation"
        message = f"has a {name} (U+{ord(text[at]):04X}) {where}, which YAML reads as text, not as a space"
        hint = "type a plain space there: a word processor or a phone typed this one"
        problems.append(Problem(path, line, col, "", message, hint))
    return problems


_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")


def blanked(text: str) -> str:
    """The text with what `scan` finds replaced, character for character, so that it parses and every
    position stays where it was (to learn which field each problem is in)."""
    return _SUSPECT.sub(lambda match: " " if match.group() == "\t" else "\ufffd", text)


def written(path: Path, text: str, start: int, end: int, value: str, double_quoted: bool, field: str) -> list[Problem]:
    """Forbidden characters written as escapes or references in the scalar at `text[start:end]` (whose
    value is `value`), each where it is written; one only the decoded value shows (an escape that completes
    a reference, `\\x26#7;`) at the start of the text."""
    source = text[start:end]
    found = [(match, referenced(match)) for match in CHARACTER_REFERENCE.finditer(source)]
    if double_quoted:
        found += [
            (match, _NAMED_ESCAPES.get(match.group(1)) or _escaped(match.group(1)))
            for match in _ESCAPE.finditer(source)
        ]
    problems = []
    for match, char in sorted(found, key=lambda item: item[0].start()):
        why = forbidden(char) if char else None
        # A backslash before a letter, as a path or a typo writes it (an outside editor's `ledger\news` lost its n)
        if match.group() in ("\\n", "\\t") and source[match.end() : match.end() + 1].islower():
            kind = "line break" if match.group() == "\\n" else "tab"
            why = f"which YAML reads in double quotes as a {kind}; write `\\\\` for a backslash there"
        if char == "" and match.group().startswith("&#"):
            why = "which stands for no character (the page would show �); write the character itself"
        if why:
            line, col = position(text, start + match.start())
            problems.append(Problem(path, line, col, field, f"writes `{match.group()}`, {why}"))
    if not problems:
        composed = [(match.group(), forbidden(referenced(match))) for match in CHARACTER_REFERENCE.finditer(value)]
        composed += [(f"U+{ord(char):04X}", forbidden(char)) for char in value if forbidden(char)]
        line, col = position(text, start)
        problems += [
            Problem(path, line, col, field, f"makes `{shown}` from escapes, {why}") for shown, why in composed if why
        ]
    return problems


def _escaped(code: str) -> str:
    """The character a YAML escape (`x07`, `uFFFE`, `0`) stands for; '' for one that is no concern here."""
    if code[0] in "xuU" and len(code) > 1:
        point = int(code[1:], 16)
        return chr(point) if point <= 0x10FFFF else ""
    return _NAMED_ESCAPES.get(code, "")


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index in a text."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
