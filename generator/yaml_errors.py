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

from .document import Document
from .problems import Problem
from .yaml_layout import BLOCK_HEADER, LAID_OUT, OUT_OF_LINE, built, glued_dash, no_space, out_of_line, outdented

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
    if str(error.context).startswith("while parsing a flow") and (cut := _hashtag_in_flow(path, text, line)):
        return cut  # (before a quote said to close early: `{ar: "…", en: See the report #UN}`, a retester's)
    said = str(error.problem) + (f" {error.context}" if error.context else "")
    detail = "is not valid YAML: " + next((plain for raw, plain in _PLAIN.items() if said.startswith(raw)), said)
    value = _VALUE.match(text.split("\n")[line - 1] if line <= last_line else "")
    written = value.group(2) if value else ""  # the value written on that line, after its key
    if str(error.problem).startswith(LAID_OUT) and (wrong := glued_dash(path, text, line, error)):
        return wrong
    if str(error.problem).startswith(OUT_OF_LINE) and (wrong := out_of_line(path, text, line)):
        return wrong
    if str(error.problem).startswith(LAID_OUT) and _a_field(text, line) and (wrong := out_of_line(path, text, line)):
        return wrong  # `  topics:` under `published: 2023-09-12`, said "a `: ` where no key can be" (a tester's)
    if written.startswith("*"):  # `en: *Updated* figures …`
        return Problem(path, line, col, field, ALIAS_MESSAGE, QUOTE_IT)
    if (
        value and not BLOCK_HEADER.fullmatch(written) and (meaning := _indicator(written))
    ):  # `en: &amp; more`, `en: @user`, `en: [Breaking] news`
        start = len(value.group(1)) + 1  # named at the text's start, as the field that holds it
        shown = "a backquote (`)" if written[0] == "`" else f"`{written[0]}`"
        message = f"starts with {shown}, which YAML reads as {meaning}, and cannot read the rest"
        return Problem(path, line, start, _field_at(path, text, line, start), message, QUOTE_IT)
    if closed := _closed_early(written):  # `en: "Never again," the envoy said.`, `'U.K.'s envoy'`
        quote, rest = closed
        shown = rest if len(rest) < 30 else rest[:29] + "…"
        detail = f"is not valid YAML: the text's opening {quote} is closed before `{shown}`"
        return Problem(path, line, col, field, detail, _REQUOTE[quote])
    # `ar: ”قالت الوزارة: …“` pasted from a word processor: the colon inside ends the key's value
    if written[:1] in _TYPOGRAPHIC_QUOTES:
        detail = f"is not valid YAML: the text starts with `{written[0]}`, a typographic quote, read as text"
        hint = 'put the whole text in straight double quotes ("…"), the typographic ones inside them if they belong'
        return Problem(path, line, col, field, detail, hint)
    flow = error.context_mark.line + 1 if error.context_mark and "flow mapping" in str(error.context) else line
    if (unclosed := _unclosed_in_line(text, flow) or _unclosed_above(text, line)) is not None:
        at, start, read = unclosed
        message = f'opens a double quote (") that does not close where its text ends: YAML read {read} as part of it'
        return Problem(path, at, start, _field_at(path, text, at, start), message, 'close the text with its quote: "…"')
    if wrong := no_space(path, text, line) or outdented(path, text, line):
        return wrong
    if "mapping values are not allowed" in str(error.problem) and field:  # `en: The ministry said: it is`
        return Problem(path, line, col, field, detail, 'a text with ": " in it goes in double quotes ("…"), whole')
    return Problem(path, line, col, field, detail, "check the indentation and quoting around this point")


_HASHTAG = re.compile(r"#[^\s,\]}]+[\]}]*")


def _comment_in_flow(written: str) -> re.Match[str] | None:
    """The ` #…` that starts a comment in a line with a flow group, outside every quoted text."""
    quote, opened = "", False
    for at, char in enumerate(written):
        if quote:
            quote = "" if char == quote and (quote == "'" or written[at - 1] != "\\") else quote
        elif char in "\"'" and written[at - 1 : at] in ("", " ", "\t", "{", "[", ",", ":"):
            quote = char
        elif char in "{[":
            opened = True
        elif char == "#" and opened and written[at - 1 : at] in (" ", "\t"):
            return _HASHTAG.match(written, at)
    return None


def _hashtag_in_flow(path: Path, text: str, line: int) -> Problem | None:
    """`name: {ar: روسيا, en: Russia #RU}`: YAML reads ` #RU}` as a comment, the closing bracket with it, and the
    group was said not to close (an outside tester's fuzzing; site.yml's topics are written so). Not a `#` inside
    a quoted text, which is the text's (`{ar: "قسم #روسيا", …}` was blamed for another fault: a retester's)."""
    written = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
    found = _comment_in_flow(written)
    if found is None:
        return None
    column = found.start() + 1
    message = f"has `{found.group()}` in it, which YAML reads as a comment, with the bracket that closes the group"
    return Problem(path, line, column, _field_at(path, text, line, column), message, "put that text in double quotes")


# The parser's words for what it found, in an editor's (an outside tester's fuzzing met "did not find expected
# <document start>" and "while scanning a simple key").
_PLAIN = {
    "mapping values are not allowed": "a `: ` where no key can be",
    "did not find expected key": "a line out of line with the fields around it",
    "did not find expected '-' indicator": "a line out of line with the list's items, which each start with `- `",
    "could not find expected ':'": "a line read as a key, with no colon after it",
    "did not find expected <document start>": "a line after the fields that belongs to none of them",
    "found unexpected end of stream": "the file's end inside a quoted text, whose closing quote is missing",
    "found invalid Unicode character escape code": "a `\\u…` escape that is no character",
    "found unknown escape character": "a backslash before a letter that makes no escape in double quotes",
    "did not find expected ',' or ']'": "a list in square brackets that does not close",
    "did not find expected ',' or '}'": "a group in curly brackets that does not close",
    "found character that cannot start any token": "a character no value can start with",
}


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
    if written[:1] in ("[", "{"):  # (`"" in "[{"` is true: an empty value, a no-break space's, failed here)
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


def _unclosed_in_line(text: str, line: int) -> tuple[int, int, str] | None:
    """Where a double quote on a `{…}` line is left open, and what YAML read into its text: `}`, for a quote never
    closed (`{ar: "…", en: "Governor}`; YAML said `did not find expected ',' or '}'`: an outside editor's), or the
    next key, for a quote that closes only at the next text's opening one (`{ar: "روسيا, en: "Russia"}`: a retester's
    was pointed at `Russia"`)."""
    row = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    opened, index = -1, row.find("{")
    while 0 <= index < len(row):
        if row[index] == "\\" and opened >= 0:
            index += 1  # (an escaped character, `\"` among them)
        elif row[index] == '"' and opened >= 0 and (key := _NEXT_KEY.search(row, opened + 1, index)):
            return line, opened + 1, f"`, {key.group(1)}:`"
        elif row[index] == '"':
            opened = index if opened < 0 else -1
        index += 1
    return (line, opened + 1, "the `}`") if opened >= 0 and row.find("{") >= 0 else None


_NEXT_KEY = re.compile(r", *([A-Za-z_][A-Za-z0-9_-]*): *$")  # what ends a text that ran on into the next key


def _unclosed_above(text: str, line: int) -> tuple[int, int, str] | None:
    """The line and column of a double-quoted text above `line` that its own line does not close, if the next
    quote met going up is its opening one, and what YAML read into it: YAML ran that text on to the next `"`,
    where it gave up, lines below (an outside tester's unclosed title was named 14 lines further down, under
    another field)."""
    lines = text.split("\n")[: line - 1]
    for number in range(len(lines), 0, -1):
        if '"' not in lines[number - 1]:
            continue
        value = _VALUE.match(lines[number - 1])
        written = value.group(2) if value else ""
        if value and written.startswith('"') and _QUOTED.match(written) is None:
            return number, len(value.group(1)) + 1, f"the lines below, to line {line},"
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
    builder, _ = built(path, before)  # what was read before the text stops parsing is located all the same
    # Only a field written on that line: a line that is wrong as a whole (`en:` indented one space short) is
    # no field's yet, and the field above it would send the editor to the wrong line.
    on_line = {at: where for at, where in builder.locations.items() if where[0] == line}
    return Document(path, None, on_line).field_at(line, col)


def tabbed_field(path: Path, text: str, line: int) -> str:
    """The field a line indented with a tab writes, which YAML could not read (the tab, read as one space, put
    it at the wrong depth): found by reading the file with that line indented as the one above it (the field
    went unnamed, an outside tester's). "" when that does not read either."""
    lines = text.split("\n")
    above = next((row for row in reversed(lines[: line - 1]) if row.strip()), "")
    indent = above[: len(above) - len(above.lstrip(" "))]
    lines[line - 1] = indent + lines[line - 1].lstrip(" \t")
    builder, whole = built(path, "\n".join(lines))
    return Document(path, None, builder.locations).field_at(line, len(indent) + 1) if whole else ""


_INDENTED_KEY = re.compile(r" +([a-z_]+):(?: |$)")


def _a_field(text: str, line: int) -> bool:
    """Whether the line YAML stopped at is indented and opens with a content file's field name (`  topics:`): a
    key out of line. Not a text's wrapped line with a colon in it (`  Moscow: no deal`), to be quoted instead."""
    lines = text.split("\n")
    key = _INDENTED_KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if key is None:
        return False
    from .schema import SCHEMAS, field_names  # (the content model: only when a file does not read)

    return key.group(1) in field_names(*SCHEMAS.values())
