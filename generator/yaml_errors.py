"""A YAML parser's error said so an editor can act on it: where to look, which field, what YAML read there.

libyaml's messages name its own states (`while scanning an anchor`, `mapping values are not allowed here`)
at the point it gave up, which can be a line after the mistake. Here each is placed where the editor wrote
it (an unclosed quote where it opens), named by the field being written, and, for the mistakes people make
(a text opening with a character YAML reads as syntax, a quote closed early, a typographic quote, `: ` in
a text), said in words with the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .document import Document, format_field
from .problems import Problem
from .yaml_events import Builder, Parser

QUOTE_IT = "put the whole text in double quotes"
# A line git writes where a merge could not join two versions of a file (a branch each ran `mark-reviewed`).
_CONFLICT = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)  # (`|||||||`: git's diff3 style)
TAG_MESSAGE = "starts with `!`, which YAML reads as the start of a type tag, and cannot read the rest"


def yaml_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A parser error where the editor should look: an unclosed quote or bracket where it opens, others where
    found (an unclosed `[` was reported at the next line's colon)."""
    opened = bool(error.context and error.context.startswith(("while scanning", "while parsing a flow")))
    mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
    last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
    line, col = (min(mark.line + 1, max(last_line, 1)), mark.column + 1) if mark else (1, 1)
    if mark and mark.line + 1 > last_line:  # libyaml marks the end of the stream past the last line
        col = len(text.rstrip("\n").split("\n")[-1]) + 1
    if conflict := _CONFLICT.search(text):  # (the error is libyaml's at or after it: the marker is the cause)
        line = text.count("\n", 0, conflict.start()) + 1
        message = f"holds a merge conflict's marker (`{conflict.group(1)}`): git could not join two versions here"
        hint = (
            "keep the lines you want of each side, and delete the marker lines (<<<<<<<, |||||||, ======= and >>>>>>>)"
        )
        return Problem(path, line, 1, _field_at(path, text, line, 1), message, hint)
    field = _field_at(path, text, line, col)
    if error.context == "while scanning a tag":  # `ar: !قال …`: a text opening with `!` that YAML cannot take
        return Problem(path, line, col, field, TAG_MESSAGE, QUOTE_IT)
    detail = f"is not valid YAML: {error.problem}" + (f" {error.context}" if error.context else "")
    value = _VALUE.match(text.split("\n")[line - 1] if line <= last_line else "")
    written = value.group(2) if value else ""  # the value written on that line, after its key
    if str(error.problem).startswith(_LAID_OUT) and (wrong := _glued_dash(path, text, line, error)):
        return wrong
    if str(error.problem).startswith(_OUT_OF_LINE) and (wrong := _out_of_line(path, text, line)):
        return wrong
    if written.startswith("*"):  # `en: *Updated* figures …`
        return Problem(path, line, col, field, ALIAS_MESSAGE, QUOTE_IT)
    if (
        value and not _BLOCK_HEADER.fullmatch(written) and (meaning := _indicator(written))
    ):  # `en: &amp; more`, `en: @user`, `en: [Breaking] news`
        start = len(value.group(1)) + 1  # named at the text's start, as the field that holds it
        shown = "a backquote (`)" if written[0] == "`" else f"`{written[0]}`"
        message = f"starts with {shown}, which YAML reads as {meaning}, and cannot read the rest"
        return Problem(path, line, start, _field_at(path, text, line, start), message, QUOTE_IT)
    if closed := _closed_early(written):  # `en: "Never again," the envoy said.`, `'U.K.'s envoy'`
        quote, rest = closed
        detail += f"; the text's opening {quote} is closed before `{rest if len(rest) < 30 else rest[:29] + '…'}`"
        return Problem(path, line, col, field, detail, _REQUOTE[quote])
    # `ar: ”قالت الوزارة: …“` pasted from a word processor: the colon inside ends the key's value
    if written[:1] in _TYPOGRAPHIC_QUOTES:
        detail += f"; the text starts with `{written[0]}`, a typographic quote, which YAML reads as text"
        hint = 'put the whole text in straight double quotes ("…"), the typographic ones inside them if they belong'
        return Problem(path, line, col, field, detail, hint)
    if unclosed := _unclosed_above(text, line):  # `en: "The Derna dams collapse: …` and no closing quote
        at, start = unclosed
        message = (
            f'opens a double quote (") that does not close on its line: YAML read the lines below, to line {line},'
            " as part of the text"
        )
        return Problem(path, at, start, _field_at(path, text, at, start), message, 'close the text with its quote: "…"')
    if "mapping values are not allowed" in str(error.problem) and field:  # `en: The ministry said: it is`
        return Problem(path, line, col, field, detail, 'a text with ": " in it goes in double quotes ("…"), whole')
    return Problem(path, line, col, field, detail, "check the indentation and quoting around this point")


# What a plain text may not start with, and what YAML reads there instead (`*`, `!`, quotes: said apart).
_INDICATORS = {
    "&": "an anchor (a name for the value)",
    "@": "a character it keeps for itself",
    "`": "a character it keeps for itself",
    "%": "the start of a directive",
    "|": "the start of a block of text on the lines below",
    ">": "the start of a block of text on the lines below",
    "- ": "the start of a list",
    "? ": "the start of a key",
    "[": "a list",
    "{": "a mapping",
}


def _indicator(written: str) -> str:
    """What YAML reads a text's first character as, if it cannot start a text (`@user`, `| note`, `- 5 points`,
    `&amp; more`: outside testers' imports got a scanner's message and no hint); "" if it can. A list or a
    mapping only when text follows its close on the line (`[Breaking] news`), as a wrong list has no text."""
    found = next((meaning for start, meaning in _INDICATORS.items() if written.startswith(start)), "")
    if written[:1] in "[{":
        close = written.find("]" if written[0] == "[" else "}")
        after = written[close + 1 :].strip() if close > 0 else ""
        return found if after and not after.startswith("#") else ""
    return found


# A line's key and the value written after it.
_VALUE = re.compile(r"(\s*(?:-\s+)?[^\s:#\"'][^:#]*:\s+)(.*)")
# Quotes as word processors write them, which YAML reads as text (its quotes are " and ').
_TYPOGRAPHIC_QUOTES = frozenset("“”„‟«»‘’‚‛〝〞＂")
# A value in straight quotes, to where they close (a ' written twice, or a " after a backslash, does not).
_QUOTED = re.compile(r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)')(.*)""")
ALIAS_MESSAGE = "starts with `*`, which YAML reads as an alias (a name for another value), and cannot read the rest"
_REQUOTE = {
    '"': "write each \" inside the text as \\\", or put the whole text in single quotes ('…', a ' in it written '')",
    "'": "write each ' inside the text twice (''), or put the whole text in double quotes (\"…\")",
}


def _unclosed_above(text: str, line: int) -> tuple[int, int] | None:
    """The line and column of a double-quoted text above `line` that its own line does not close, if the next
    quote met going up is its opening one: YAML ran that text on to the next `"`, where it gave up, lines below
    (an outside tester's unclosed title was named 14 lines further down, under another field)."""
    lines = text.split("\n")[: line - 1]
    for number in range(len(lines), 0, -1):
        if '"' not in lines[number - 1]:
            continue
        value = _VALUE.match(lines[number - 1])
        written = value.group(2) if value else ""
        if value and written.startswith('"') and _QUOTED.match(written) is None:
            return number, len(value.group(1)) + 1
        return None
    return None


def _closed_early(written: str) -> tuple[str, str] | None:
    """The quote a value opens with and what follows where it closes, if text does (not a comment)."""
    quoted = _QUOTED.match(written)
    rest = quoted.group(3).strip() if quoted else ""
    if not quoted or not rest or rest.startswith("#"):
        return None
    return ('"' if quoted.group(1) is not None else "'"), rest


def _field_at(path: Path, text: str, line: int, col: int) -> str:
    """The field being written on the line where the YAML stops parsing, found by parsing the text up to that
    point (which holds the field's key), so the problem names it like every other one ("" if none is)."""
    lines = text.split("\n")
    before = "\n".join([*lines[: line - 1], lines[line - 1][: col - 1] if line <= len(lines) else ""])
    builder, _ = _built(path, before)  # what was read before the text stops parsing is located all the same
    # Only a field written on that line: a line that is wrong as a whole (`en:` indented one space short) is
    # no field's yet, and the field above it would send the editor to the wrong line.
    on_line = {at: where for at, where in builder.locations.items() if where[0] == line}
    return Document(path, None, on_line).field_at(line, col)


# What libyaml says of a line indented out of line with the keys around it, and a text's block header (`>-`, `|`).
_OUT_OF_LINE = ("did not find expected key", "did not find expected '-' indicator")
_LAID_OUT = (*_OUT_OF_LINE, "mapping values are not allowed")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?")
_KEY_LINE = re.compile(r"( *)(- +)?([^\s:#\"'-][^:#]*?|-)?:(?:\s|$)|( *)- *$")
_GLUED_DASH = re.compile(r" *-[^\s-][^:]*:")


def _glued_dash(path: Path, text: str, line: int, error: yaml.MarkedYAMLError) -> Problem | None:
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


def _out_of_line(path: Path, text: str, line: int) -> Problem | None:
    """A key indented out of line with the keys around it (`en:` one space off `ar:`), said so with the
    indentation that mends the file: libyaml said `did not find expected key while parsing a block mapping`, and
    a `>-` after it was read as a text opening with `>` (two outside testers'). Each way of moving the line, or
    the key line above it (the first key of a mapping moved makes YAML stop at the second), is tried, and only
    one after which the whole file reads is offered; an even indentation first (keys are indented by two), then
    the nearest. More than one such (`dek:` at 3 spaces reads at 2, inside `title:`, and at 0) are each named
    with the field they would make, and the editor chooses. None: the generic message stands."""
    lines = text.split("\n")
    texts = _block_text_lines(lines)
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and n not in texts), 0)
    mends = []
    for number in dict.fromkeys((line, above)):
        written = _KEY_LINE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if not written or written.group(3) is None or written.group(2):
            continue
        indent, key = len(written.group(1)), written.group(3)
        # A key with its mapping below it belongs two spaces out from that mapping's keys (`dek:` at 3 spaces above
        # `  ar:` and `  en:` is at 0); and an odd indentation is likelier the one typed wrong than an even one.
        below = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), 0)
        parent = not lines[number - 1][written.end() :].split(" #")[0].strip() and below
        home = len(lines[below - 1]) - len(lines[below - 1].lstrip(" ")) - 2 if parent else -1
        for moved in range(max(indent - 4, 0), indent + 5):
            mended = [*lines[: number - 1], " " * moved + lines[number - 1].lstrip(" "), *lines[number:]]
            if moved != indent and (field := _field_if_read(path, "\n".join(mended), (number, moved + 1), key)):
                rank = (moved != home, indent % 2 == 0, moved % 2, abs(moved - indent), number != line)
                mends.append((rank, number, indent, key, moved, field))
    if not mends:
        return None
    best = min(mend[0] for mend in mends)
    chosen = [mend for mend in mends if mend[0] == best]
    _, number, indent, key, _, _ = chosen[0]
    message = f"`{key}:` is indented {_spaces(indent)}, out of line with the keys around it"
    if len(chosen) == 1:
        return Problem(path, number, indent + 1, chosen[0][5], message, f"indent it {_spaces(chosen[0][4])}")
    ways = " or ".join(f"{_spaces(moved)} (it is then `{field}`)" for *_, moved, field in chosen)
    return Problem(path, number, indent + 1, "", message, f"indent it {ways}, as it belongs")


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else "1 space" if count == 1 else f"{count} spaces"


def _field_if_read(path: Path, text: str, where: tuple[int, int], key: str) -> str:
    """The field of `key` written at `where` (line, column), if the whole of `text` reads as YAML, with no key
    twice in a mapping (moved in beside a key of its name, it is no mend); else ""."""
    builder, whole = _built(path, text)
    if not whole or builder.problems:
        return ""
    found = (at for at, location in builder.locations.items() if location[:2] == where and at[-1:] == (key,))
    return format_field(next(found, ()))


def _built(path: Path, text: str) -> tuple[Builder, bool]:
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
            block = len(written.group(1)) + len(written.group(2) or "") if _BLOCK_HEADER.fullmatch(value) else -1
    return inside
