"""Mistakes of a content file's layout, said with the mend that makes the file read: a key out of line with the
keys around it, a list item's dash written onto its key, a key's value written onto its colon, a line of a text
indented less than the text. Each mend offered is tried first: the whole file must read with it (`built`).
yaml_errors.py says every other parser error."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .document import Document, format_field
from .problems import Problem
from .yaml_events import Builder, Parser

# What libyaml says of a line indented out of line with the keys around it, and a text's block header (`>-`, `|`).
OUT_OF_LINE = ("did not find expected key", "did not find expected '-' indicator")
LAID_OUT = (*OUT_OF_LINE, "mapping values are not allowed")
BLOCK_HEADER = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?")
_KEY_LINE = re.compile(r"( *)(- +)?([^\s:#\"'-][^:#]*?|-)?:(?:\s|$)|( *)- *$")
_GLUED_DASH = re.compile(r" *-[^\s-][^:]*:")


def glued_dash(path: Path, text: str, line: int, error: yaml.MarkedYAMLError) -> Problem | None:
    """A list item's `-` written onto its key (`-text:`), said where it is written: the mapping it opens, or the
    line before the one YAML stopped at (it read `-id: x` and the next line as one text, and said `mapping
    values are not allowed` a line below). A line of a block text (`|`, `>`) is text, never this."""
    lines = text.split("\n")
    texts = _block_text_lines(lines)
    above = next((number for number in range(line - 1, 0, -1) if lines[number - 1].strip()), 0)
    opened = error.context_mark.line + 1 if error.context_mark else 0
    for number in dict.fromkeys((opened, line, above)):
        if 0 < number <= len(lines) and number not in texts and (glued := _GLUED_DASH.match(lines[number - 1])):
            written = glued.group().strip()
            message = f"`{written}` has no space after its `-`: YAML reads it as a key, not a list item"
            column = glued.start() + len(glued.group()) - len(written) + 1
            return Problem(path, number, column, "", message, f"write `- {written[1:]}`")
    return None


def out_of_line(path: Path, text: str, line: int) -> Problem | None:
    """A key indented out of line with the keys around it (`en:` one space off `ar:`), or a list item's (`- text:`
    off its list's), said so with the indentation that mends the file: libyaml said `did not find expected key
    while parsing a block mapping`, and a `>-` after it was read as a text opening with `>`, and of an item only
    that (outside testers'). Each way of moving the line, or
    the key line above it (the first key of a mapping moved makes YAML stop at the second), is tried, and only
    one after which the whole file reads is offered; an even indentation first (keys are indented by two), then
    the nearest. More than one such (`dek:` at 3 spaces reads at 2, inside `title:`, and at 0) are each named
    with the field they would make, and the editor chooses. None: the generic message stands."""
    lines = text.split("\n")
    texts = _block_text_lines(lines)
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and n not in texts), 0)
    item = next((n for n in range(line - 1, 0, -1) if lines[n - 1].lstrip().startswith("- ") and n not in texts), 0)
    mends = []
    for number in dict.fromkeys((line, above, item)):  # (an item out of line: YAML stops at the next one's dash)
        written = _KEY_LINE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if not written or written.group(3) is None:
            continue
        indent, dash, key = len(written.group(1)), written.group(2) or "", written.group(3)
        # A key with its mapping below it belongs two spaces out from that mapping's keys (`dek:` at 3 spaces above
        # `  ar:` and `  en:` is at 0); and an odd indentation is likelier the one typed wrong than an even one.
        below = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), 0)
        parent = not lines[number - 1][written.end() :].split(" #")[0].strip() and below
        # (not a list item's: its line below may be the one out of line, and its list's others are what it follows)
        home = len(lines[below - 1]) - len(lines[below - 1].lstrip(" ")) - 2 if parent and not dash else -1
        for moved in range(max(indent - 4, 0), indent + 5):
            mended = [*lines[: number - 1], " " * moved + lines[number - 1].lstrip(" "), *lines[number:]]
            at = (number, moved + 1 + len(dash))  # (a list item's key: past its dash)
            if moved != indent and (field := _field_if_read(path, "\n".join(mended), at, key)):
                rank = (moved != home, indent % 2 == 0, moved % 2, abs(moved - indent), number != line)
                mends.append((rank, number, indent, dash + key, moved, field))
    if not mends:
        return None
    best = min(mend[0] for mend in mends)
    chosen = [mend for mend in mends if mend[0] == best]
    _, number, indent, key, _, _ = chosen[0]
    around = "the list's items" if key.startswith("-") else "the keys"  # (a list item's, out of line: a desk's)
    message = f"`{key}:` is indented {_spaces(indent)}, out of line with {around} around it"
    if len(chosen) == 1:
        return Problem(path, number, indent + 1, chosen[0][5], message, f"indent it {_spaces(chosen[0][4])}")
    ways = " or ".join(f"{_spaces(moved)} (it is then `{field}`)" for *_, moved, field in chosen)
    return Problem(path, number, indent + 1, "", message, f"indent it {ways}, as it belongs")


_GLUED_VALUE = re.compile(r"( *(?:- +)?)([A-Za-z_][A-Za-z0-9_-]*)(:|[;؛：](?= *\S)|(?= +[\"'{\[]))(?=[ \"'\w{\[])")


# What is typed for a key's colon (`؛`, the Arabic semicolon, where an Arabic keyboard's Shift gives `:`: a desk's).
_STAND_INS = {"؛": "`؛` (the Arabic semicolon)", ";": "`;`", "：": "`：`"}


def colon_words(mark: str) -> str:
    """What is said of a key's colon: written onto its text (`:`), one of its stand-ins typed for it, or none."""
    if mark == ":":
        return "has no space after its colon"
    return f"has {_STAND_INS[mark]} where its colon goes" if mark in _STAND_INS else "has no colon after it"


def no_space(path: Path, text: str, line: int) -> Problem | None:
    """A key with its value written onto its colon (`en:"Analysts…"`), or with no colon (`en "North…"`), on the line
    YAML stopped at or the one above: YAML reads both as one text, and said `could not find expected ':'` (outside
    editors'). Said only if the file reads with the colon and its space."""
    lines = text.split("\n")
    for number in (line, line - 1):
        if 0 < number <= len(lines) and (glued := _GLUED_VALUE.match(lines[number - 1])):
            key, column, colon = glued.group(2), len(glued.group(1)) + 1, glued.group(3)
            row = lines[number - 1]
            mended = [
                *lines[: number - 1],
                row[: glued.end(2)] + ": " + row[glued.end(2) + len(colon) :].lstrip(),
                *lines[number:],
            ]
            if not (field := _field_if_read(path, "\n".join(mended), (number, column), key)):
                continue
            message = f"`{key}{colon}` {colon_words(colon)}: YAML reads the key and its text as one text"
            return Problem(path, number, column, field, message, f"write `{key}: ` and then the text")
    return None


def outdented(path: Path, text: str, line: int) -> Problem | None:
    """A line of a text over lines indented less than the line above it (`dek.en` at 2 spaces where its other lines
    are at 4, a list item in a `|-` text): YAML ended the text there, and said `could not find expected ':'` with no
    field (an outside editor's). Offered if the file reads with it, and the lines after it indented as it is, moved."""
    lines = text.split("\n")
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), 0)
    if not above or not 0 < line <= len(lines) or (_KEY_LINE.match(lines[line - 1]) and ": " in lines[line - 1]):
        return None  # (a key out of line, said apart, as one missing its colon is: `no_space`)
    indent, wanted = (len(row) - len(row.lstrip(" ")) for row in (lines[line - 1], lines[above - 1]))
    if wanted <= indent or _GLUED_VALUE.match(lines[line - 1]):
        return None  # (before the whole file is read again with the line moved)
    end = line
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip(" ")) == indent:
        end += 1
    moved = (" " * (wanted - indent) + row for row in lines[line - 1 : end])
    builder, whole = built(path, "\n".join([*lines[: line - 1], *moved, *lines[end:]]))
    if not whole:
        return None
    message = f"is indented {_spaces(indent)}, less than the text's line above it: YAML ended the text there"
    field = Document(path, None, builder.locations).field_at(line, wanted + 1)
    return Problem(path, line, indent + 1, field, message, f"indent it {_spaces(wanted)}, as the text's other lines")


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else "1 space" if count == 1 else f"{count} spaces"


def _field_if_read(path: Path, text: str, where: tuple[int, int], key: str) -> str:
    """The field of `key` written at `where` (line, column), if the whole of `text` reads as YAML, with no key
    twice in a mapping (moved in beside a key of its name, it is no mend); else ""."""
    builder, whole = built(path, text)
    if not whole or builder.problems:
        return ""
    found = (at for at, location in builder.locations.items() if location[:2] == where and at[-1:] == (key,))
    return format_field(next(found, ()))


def built(path: Path, text: str) -> tuple[Builder, bool]:
    """`text` built as far as it parses (each value located), and whether it parsed to its end."""
    parser = Parser(text)
    builder = Builder(path, parser, text)
    try:
        builder.document()
    except yaml.YAMLError:
        return builder, False
    finally:
        parser.dispose()
    return builder, True


def _block_text_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines that are a block text's (those below a `key: |` or `key: >-`, indented more)."""
    inside: set[int] = set()
    block = -1  # the indentation of the key whose block text is being read, if one is
    for number, text in enumerate(lines, start=1):
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if block >= 0 and (not stripped or indent > block):
            inside.add(number)
            continue
        block = -1
        written = _KEY_LINE.match(text)
        if written and written.group(3) is not None:
            value = text[written.end() :].split(" #")[0].strip()
            block = len(written.group(1)) + len(written.group(2) or "") if BLOCK_HEADER.fullmatch(value) else -1
    return inside
