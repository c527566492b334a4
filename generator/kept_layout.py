"""A save from the browser editor written into the file's own layout: only what changed is rewritten.

Decap parses a file and writes it again from its values (README, "What a save keeps"): every comment an editor
left was lost, a hand-made file was re-laid (key order, quotes, folded lines), and a one-word fix showed in a
pull request as a rewrite of the whole file. Here the file as it was and the file Decap sent are compared value
by value, and only the values that differ are written again, in place, each in the style the file had for it;
comments, blank lines, order and quoting elsewhere stay byte for byte.

Why not a round-trip YAML library (ruamel.yaml): it keeps comments, but it writes every value again, so a
paragraph folded by hand, or a key indented its own way, is re-laid all the same; and it reads YAML 1.2 where
this project reads every scalar as text (yaml_events.py). Positions from PyYAML's own node tree, which the
project already has, are all a change in place needs.

The result is taken only if it reads, under the project's own parser, as exactly the values Decap sent;
otherwise Decap's file is written as it came. Lists are matched item by item (difflib), so a
voice added or a paragraph taken out rewrites that item alone.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml

from .load import decode, parse
from .problems import ContentError

Edit = tuple[int, int, str]  # replace text[start:end] by this


class _NotInPlaceError(Exception):
    """A change this module does not make in place (the whole file is Decap's then)."""


class _TextDumper(yaml.SafeDumper):
    """Writes every scalar as the project reads it back, as text: quoted only where YAML would read it otherwise
    than as that text (`null`, `~`, a leading `- `), not where YAML 1.1 would see a number or a date."""


_TextDumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A text of lines as a block (`|`), unless it ends in blank lines, which only `|+` keeps: quoted then, since a
    # block's end is where the file's next line begins.
    block = "\n" in value.rstrip("\n") and not value.endswith("\n\n")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_TextDumper.add_representer(str, _text)


class UnreadableError(Exception):
    """The file on disk does not read, so the editor's form showed none of it: a save would replace it all."""


def saved(path: Path, before: bytes | None, sent: bytes) -> bytes:
    """What a save writes: the values of the file Decap sent (`sent`) in the layout of the file on disk (`before`;
    None: a new file, written as sent), or Decap's file as it came when the two cannot be joined.

    A file on disk that does not read is refused (UnreadableError, its first problem): Decap showed it as an
    empty form, and its save wrote the few fields typed there over the whole explainer (an outside tester's)."""
    if before is None:
        return sent
    try:
        text = decode(path, before)
        old = parse(path, text).data
    except ContentError as error:
        first = error.problems[0]
        raise UnreadableError(f"line {first.line}, column {first.col}: {first.message}") from None
    return before if old == _read(path, sent) else _joined(path, text, sent) or sent


def _read(path: Path, raw: bytes) -> Any:
    try:
        return parse(path, decode(path, raw)).data
    except ContentError:
        return ContentError  # (equal to no file's values)


def _joined(path: Path, text: str, sent: bytes) -> bytes | None:
    """The file's text with the values `sent` holds written into it, if the result reads as exactly those."""
    new = _read(path, sent)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if new is ContentError or root is None:  # (nothing but comments: nothing to keep in place)
            return None
        edits: list[Edit] = []
        _change(text, root, new, 0, edits)
    except (_NotInPlaceError, yaml.YAMLError, RecursionError):
        return None
    joined = _applied(text, edits)
    return joined.encode("utf-8") if _read(path, joined.encode("utf-8")) == new else None


def _applied(text: str, edits: list[Edit]) -> str:
    """The edits made from the end back, so none moves another; two at one place in the order they were made."""
    ordered = sorted(range(len(edits)), key=lambda n: (edits[n][0], edits[n][1], n), reverse=True)
    for start, end, replacement in (edits[n] for n in ordered):
        text = text[:start] + replacement + text[end:]
    return text


def _plain(node: yaml.Node) -> Any:
    """A node's value as the project's parser reads it: every scalar text, an empty or `null` plain one None."""
    if isinstance(node, yaml.ScalarNode):
        return None if not node.style and node.value in ("", "~", "null", "Null", "NULL") else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {_plain(key): _plain(value) for key, value in node.value}


def _change(text: str, node: yaml.Node, new: Any, column: int, edits: list[Edit]) -> None:
    """The edits that give `node` (whose parent's entries stand at `column`) the value `new`."""
    if _plain(node) == new:
        return
    block = not getattr(node, "flow_style", True)
    if isinstance(node, yaml.MappingNode) and block and isinstance(new, dict) and new:
        _change_mapping(text, node, new, edits)
    elif isinstance(node, yaml.SequenceNode) and block and isinstance(new, list) and new:
        _change_sequence(text, node, new, edits)
    else:
        _replace(text, node, new, column, edits)


def _replace(text: str, node: yaml.Node, new: Any, column: int, edits: list[Edit]) -> None:
    """The value written anew where the old one stood, ending as it ended (a block text's blank lines after)."""
    start = node.start_mark.index
    end = node.end_mark.index if isinstance(node, yaml.ScalarNode) else _content_end(text, node)  # (a block's own)
    style = getattr(node, "style", None) if isinstance(new, str) and "\n" not in new else None
    if (getattr(node, "flow_style", False) and isinstance(new, list | dict)) or style in ("'", '"'):
        written = _one_line(new, style)  # a list written `[a, b]` stays so, a quoted text stays quoted
    else:
        written = _emitted(new, column)
    trailing = text[start:end][len(text[start:end].rstrip("\n")) :]
    if written.startswith("\n"):  # a block collection: it starts on the line after its key
        while start > 0 and text[start - 1] == " ":
            start -= 1
    edits.append((start, end, written + trailing))


def _emitted(value: Any, column: int) -> str:
    """`value` as it follows `key:` in a mapping whose keys stand at `column` (a block starts with a line break)."""
    dumped = yaml.dump({"k": value}, Dumper=_TextDumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    body = dumped[len("k:") :].rstrip("\n").removeprefix(" ")
    return "\n".join([body.split("\n")[0], *(" " * column + line for line in body.split("\n")[1:])])


def _one_line(value: Any, style: str | None) -> str:
    """`value` on one line: a list or a dict in flow style, a text in the quotes `style` names."""
    dumped = yaml.dump(
        value, Dumper=_TextDumper, allow_unicode=True, default_flow_style=True, default_style=style, width=1 << 30
    )
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _entries(value: Any, column: int) -> str:
    """Whole lines for a dict's pairs or a list's items, standing at `column`."""
    dumped = yaml.dump(value, Dumper=_TextDumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    return "".join(" " * column + line + "\n" for line in dumped.rstrip("\n").split("\n"))


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, index: int) -> int:
    """The index just past the line break that ends the line holding `index` (an inline comment kept with it)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _content_end(text: str, node: yaml.Node) -> int:
    """Where a value's last written character is (not the blank or comment lines PyYAML counts after it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _content_end(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _content_end(text, node.value[-1])
    return node.start_mark.index + len(text[node.start_mark.index : node.end_mark.index].rstrip())


def _alone(text: str, node: yaml.Node) -> bool:
    """Whether a node is the first thing on its line (not after a list item's `- `)."""
    return not text[_line_start(text, node.start_mark.index) : node.start_mark.index].strip()


def _change_mapping(text: str, node: yaml.MappingNode, new: dict[str, Any], edits: list[Edit]) -> None:
    pairs = {_plain(key): (key, value) for key, value in node.value}
    kept = [pair for name, pair in pairs.items() if name in new]
    if not kept:
        _replace(text, node, new, 0, edits)
        return
    first, column = node.value[0][0], node.value[0][0].start_mark.column
    lead = not _alone(text, first)  # the first key follows a list item's `- `
    for name, (key, value) in pairs.items():
        if name in new:
            _change(text, value, new[name], column, edits)
        elif not _alone(text, key):  # the first: the next kept key moves up beside the `- `
            edits.append((key.start_mark.index, kept[0][0].start_mark.index, ""))
        elif not (lead and key.start_mark.index < kept[0][0].start_mark.index):  # (those before it went with it)
            edits.append((_line_start(text, key.start_mark.index), _after_line(text, _content_end(text, value)), ""))
    before: tuple[yaml.Node, yaml.Node] | None = None
    for name, value in new.items():
        if name in pairs:
            before = pairs[name]
            continue
        added = _entries({name: value}, column)
        if before is not None:  # on the lines after the key before it
            at = _after_line(text, _content_end(text, before[1]))
            edits.append((at, at, added))
        elif lead:  # before every key, beside a list item's `- `: the first kept one moves to the next line
            at = kept[0][0].start_mark.index
            edits.append((at, at, added[column:] + " " * column))
        else:  # before every key: on the lines before the first kept one
            at = _line_start(text, kept[0][0].start_mark.index)
            edits.append((at, at, added))


def _change_sequence(text: str, node: yaml.SequenceNode, new: list[Any], edits: list[Edit]) -> None:
    items = node.value
    dash = _line_start(text, items[0].start_mark.index)
    column = text.index("-", dash) - dash
    if any(text[_line_start(text, item.start_mark.index) :].lstrip(" ")[:1] != "-" for item in items):
        raise _NotInPlaceError("a list whose items do not each start a line")
    seen = [json.dumps(_plain(item), sort_keys=True) for item in items]
    wanted = [json.dumps(item, sort_keys=True) for item in new]
    for kind, first, last, start, stop in difflib.SequenceMatcher(None, seen, wanted, autojunk=False).get_opcodes():
        if kind == "equal":
            continue
        paired = min(last - first, stop - start)
        for offset in range(paired):
            _change(text, items[first + offset], new[start + offset], column + 2, edits)
        if last - first > paired:  # items taken out
            gone = items[first + paired : last]
            lines = (_line_start(text, gone[0].start_mark.index), _after_line(text, _content_end(text, gone[-1])))
            edits.append((*lines, ""))
        if stop - start > paired:  # items added, after those kept or changed (or where the first stood)
            at = (
                _after_line(text, _content_end(text, items[first + paired - 1]))
                if first + paired > 0
                else _line_start(text, items[0].start_mark.index)
            )
            edits.append((at, at, _entries(new[start + paired : stop], column)))
