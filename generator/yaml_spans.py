"""Where things stand in a YAML file's text, for changes made in place (kept_layout.py): a line's start and end,
a value's last written character, a list item's `-`, the comment lines just above an entry. PyYAML's marks say
where a node starts; what it counts after a block (blank lines, comments) is not the block's own."""

from __future__ import annotations

import re

import yaml


class NotInPlaceError(Exception):
    """A change that cannot be made in place (the whole file is Decap's then)."""


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def after_line(text: str, index: int) -> int:
    """The index just past the line break that ends the line holding `index` (an inline comment kept with it)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def content_end(text: str, node: yaml.Node) -> int:
    """Where a value's last written character is (not the blank or comment lines PyYAML counts after it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return content_end(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return content_end(text, node.value[-1])
    return node.start_mark.index + len(text[node.start_mark.index : node.end_mark.index].rstrip())


def dash(text: str, item: yaml.Node) -> int:
    """Where the `-` of a list item is: before it on its line, or on a line above, with comments or nothing
    between (`-   # the election commission`, an outside tester's, made the whole file Decap's)."""
    at = item.start_mark.index
    while True:
        start = line_start(text, at)
        before = text[start:at].split("#")[0].strip()
        if before == "-":
            return start + text[start:at].index("-")
        if before or start == 0:
            raise NotInPlaceError("a list whose items do not each start with their `-`")
        at = start - 1  # the line above


def above(text: str, start: int, column: int) -> int:
    """Where the comment lines just above the line at `start`, at its indentation, begin: a removed key's or
    item's comments went with it, or stayed above the next one, about which they said nothing."""
    while start > 0:
        previous = line_start(text, start - 1)
        line = text[previous : start - 1]
        if not line.lstrip(" ").startswith("#") or len(line) - len(line.lstrip(" ")) != column:
            break
        start = previous
    return start


def after_entry(text: str, value: yaml.Node, column: int) -> int:
    """Where an entry added after the one whose value is `value` goes: past that value's lines, and past the
    comment lines indented beyond `column` just after it, which are its block's own (`#   url: …` under
    `source:`, as `new` writes it: a new `image:` went between them and their block)."""
    return _past_comments(text, after_line(text, content_end(text, value)), column + 1)


def _past_comments(text: str, at: int, indented: int) -> int:
    """Past the comment lines from `at` on indented by `indented` spaces or more."""
    while (end := text.find("\n", at)) >= 0 and text[at:end].lstrip(" ").startswith("#"):
        if len(text[at:end]) - len(text[at:end].lstrip(" ")) < indented:
            break
        at = end + 1
    return at


def commented(text: str, node: yaml.MappingNode, name: str, column: int) -> tuple[int, int] | None:
    """Where a mapping has `name` commented out at its keys' column, with the lines of its value under it (`#
    updated: …`, `# image:` then `#   file: …`, as `new` writes the fields a file may have): an entry added under
    that name takes their place (after the block before it, a browser-made file had `updated:` at its end)."""
    start = 0 if column == 0 else above(text, line_start(text, node.start_mark.index), column)
    end = len(text) if column == 0 else _past_comments(text, after_line(text, content_end(text, node)), column)
    found = re.compile(rf"^ {{{column}}}# ?{re.escape(name)}:.*\n(?: {{{column}}}#  .*\n)*", re.M).search(
        text, start, end
    )
    return (found.start(), found.end()) if found else None


def past_blank(text: str, start: int, end: int) -> tuple[int, int]:
    """The span a block at `text[start:end]` is taken out with: the blank lines after it too where a blank line
    stands before it already (blocks taken from between others left their blank lines behind, three in a row),
    and the blank line before it where it ends the file (a file ended in a blank line)."""
    if not text[:start].endswith("\n\n"):
        return start, end
    while text.startswith("\n", end) or text[end : text.find("\n", end) + 1].strip(" ") == "\n":
        end = text.find("\n", end) + 1
    return (start - 1 if end == len(text) else start), end


def apart(text: str, at: int, column: int) -> str:
    """A blank line before an entry added at the top level after another, in a file whose entries are set apart
    by blank lines (as `new` writes them); none in a file that has none."""
    return "\n" if column == 0 and "\n\n" in text and text[:at].strip() and not text[:at].endswith("\n\n") else ""


def at_end(text: str, at: int) -> str:
    """A line break first where lines are added at the end of a file whose last line has none."""
    return "\n" if at == len(text) and text and not text.endswith("\n") else ""


def alone(text: str, node: yaml.Node) -> bool:
    """Whether a node is the first thing on its line (not after a list item's `- `)."""
    return not text[line_start(text, node.start_mark.index) : node.start_mark.index].strip()
