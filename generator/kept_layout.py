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

The result is taken only if it reads, under the project's own parser, as exactly the values Decap sent; else
Decap's file is written as it came. Lists are matched item by item (difflib): a voice added is that voice alone.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .load import decode, parse
from .problems import ContentError
from .yaml_text import Folded, emitted, entries, one_line

Edit = tuple[int, int, str]  # replace text[start:end] by this


class _NotInPlaceError(Exception):
    """A change this module does not make in place (the whole file is Decap's then)."""


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
    if old == _read(path, sent):
        return before
    joined = _joined(path, text, sent)
    if joined is None:
        return sent
    # The file's own line ends and byte order mark, which reading it set aside: else every line of a file
    # saved with Windows' line ends showed as changed (an independent reviewer's).
    crlf, bom = b"\r\n" in before, before.startswith(codecs.BOM_UTF8)
    return (codecs.BOM_UTF8 if bom else b"") + (joined.replace(b"\n", b"\r\n") if crlf else joined)


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
        new = _numbers_kept(root, new)
        _change(text, root, new, 0, edits)
    except (_NotInPlaceError, yaml.YAMLError, RecursionError):
        return None
    joined = _applied(text, edits)
    return joined.encode("utf-8") if _read(path, joined.encode("utf-8")) == new else None  # (numbers as kept)


def _applied(text: str, edits: list[Edit]) -> str:
    """The edits made from the end back, so none moves another; two at one place in the order they were made."""
    ordered = sorted(range(len(edits)), key=lambda n: (edits[n][0], edits[n][1], n), reverse=True)
    for start, end, replacement in (edits[n] for n in ordered):
        text = text[:start] + replacement + text[end:]
    return text


def _plain(node: yaml.Node) -> Any:
    """A node's value as the project's parser reads it: every scalar text, an empty or `null` plain one None."""
    if isinstance(node, yaml.ScalarNode):  # (NFC, as the parser reads texts: yaml_events.py)
        return (
            None
            if not node.style and node.value in ("", "~", "null", "Null", "NULL")
            else unicodedata.normalize("NFC", node.value)
        )
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {_plain(key): _plain(value) for key, value in node.value}


def _change(text: str, node: yaml.Node, new: Any, column: int, edits: list[Edit]) -> None:
    """The edits that give `node` (whose parent's entries stand at `column`) the value `new`."""
    if _plain(node) == new:
        return
    block = not getattr(node, "flow_style", True)
    if isinstance(node, yaml.MappingNode) and not block and _same_texts(node, new):  # `{ar: …, en: "…"}`
        for key, value in node.value:  # each text changed in place: the other keeps its quotes (an outside tester's)
            if _plain(value) != (changed := new[_plain(key)]):
                plain = not set(changed) & set(",[]{}#:&*!|>'\"%@`") and changed.strip() == changed != ""
                style = value.style if value.style in ("'", '"') else None if plain else '"'
                edits.append((value.start_mark.index, value.end_mark.index, one_line(changed, style)))
    elif isinstance(node, yaml.MappingNode) and block and isinstance(new, dict) and new:
        _change_mapping(text, node, new, edits)
    elif isinstance(node, yaml.SequenceNode) and block and isinstance(new, list) and new:
        _change_sequence(text, node, new, edits)
    else:
        _replace(text, node, new, column, edits)


def _numbers_kept(node: yaml.Node, new: Any) -> Any:
    """`new`, with the file's own text wherever a plain `2.50` in the file came back as `2.5`: Decap reads YAML
    1.2, where it is a number, shows the number and sends it back so, and the file's text is all the project
    ever read (a save of the title changed a key figure's `2.50`, `011`, `1e3`: an outside tester's)."""
    if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
        pairs = {_plain(key): value for key, value in node.value}
        return {key: _numbers_kept(pairs[key], value) if key in pairs else value for key, value in new.items()}
    if isinstance(node, yaml.SequenceNode) and isinstance(new, list) and len(node.value) == len(new):
        return [_numbers_kept(item, value) for item, value in zip(node.value, new, strict=True)]
    plain = isinstance(node, yaml.ScalarNode) and not node.style and isinstance(new, str)
    return node.value if plain and (number := _number(node.value)) is not None and number == _number(new) else new


def _number(text: str) -> float | None:
    """A text as YAML 1.2 reads a number (`2.50`, `011`, `0x1F`, `0o17`, `1e3`, `.5`), or None."""
    with contextlib.suppress(ValueError):
        if re.fullmatch(r"[-+]?0x[0-9a-fA-F]+|[-+]?0o[0-7]+", text):
            return float(int(text, 0))
        if re.fullmatch(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?", text):
            return float(text)
    return None


def _same_texts(node: yaml.MappingNode, new: Any) -> bool:
    """Whether a mapping of texts gets texts of one line for the same keys, in the same order."""
    return (
        isinstance(new, dict)
        and [_plain(key) for key, _ in node.value] == list(new)
        and all(isinstance(value, yaml.ScalarNode) for _, value in node.value)
        and all(isinstance(text, str) and "\n" not in text for text in new.values())
    )


def _replace(text: str, node: yaml.Node, new: Any, column: int, edits: list[Edit]) -> None:
    """The value written anew where the old one stood, ending as it ended (a block text's blank lines after)."""
    start = node.start_mark.index
    end = node.end_mark.index if isinstance(node, yaml.ScalarNode) else _content_end(text, node)  # (a block's own)
    style = getattr(node, "style", None) if isinstance(new, str) and "\n" not in new else None
    words = isinstance(new, list | dict) and not any(isinstance(item, list | dict) for item in _items(new))
    if (getattr(node, "flow_style", False) and node.value and words) or style in ("'", '"'):
        written = one_line(new, style)  # a list written `[a, b]` stays so, a quoted text stays quoted
    else:  # (records added to a `[]` as blocks: `new`'s skeleton has `key_figures: []`)
        written = emitted(Folded(new) if style == ">" else new, column)
    trailing = text[start:end][len(text[start:end].rstrip("\n")) :]
    if written.startswith("\n"):  # a block collection: it starts on the line after its key
        while start > 0 and text[start - 1] == " ":
            start -= 1
    elif isinstance(node, yaml.CollectionNode) and not node.flow_style:  # a block made one line: beside its key
        back = len(text[:start].rstrip(" \t\n"))  # (or where it was, under a comment, or as the whole file)
        start, written = (back, " " + written) if text[back - 1 : back] in (":", "-") else (start, written)
    elif text[start - 1 : start] == ":":  # an empty value filled in (`image:`)
        written = " " + written
    edits.append((start, end, written + trailing))


def _items(value: list[Any] | dict[str, Any]) -> list[Any]:
    return list(value.values()) if isinstance(value, dict) else value


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


def _dash(text: str, item: yaml.Node) -> int:
    """Where the `-` of a list item is: before it on its line, or on a line above, with comments or nothing
    between (`-   # the election commission`, an outside tester's, made the whole file Decap's)."""
    at = item.start_mark.index
    while True:
        start = _line_start(text, at)
        before = text[start:at].split("#")[0].strip()
        if before == "-":
            return start + text[start:at].index("-")
        if before or start == 0:
            raise _NotInPlaceError("a list whose items do not each start with their `-`")
        at = start - 1  # the line above


def _above(text: str, start: int, column: int) -> int:
    """Where the comment lines just above the line at `start`, at its indentation, begin: a removed key's or
    item's comments went with it, or stayed above the next one, about which they said nothing."""
    while start > 0:
        previous = _line_start(text, start - 1)
        line = text[previous : start - 1]
        if not line.lstrip(" ").startswith("#") or len(line) - len(line.lstrip(" ")) != column:
            break
        start = previous
    return start


def _at_end(text: str, at: int) -> str:
    """A line break first where lines are added at the end of a file whose last line has none."""
    return "\n" if at == len(text) and text and not text.endswith("\n") else ""


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
        elif not _alone(text, key):  # the first, beside a `- `: the line keeps its `-`, the comments after it stay
            end = _after_line(text, _content_end(text, value)) - 1
            edits.append((key.start_mark.index - (text[key.start_mark.index - 1] == " "), end, ""))
        else:  # its lines, and the comments just above it, which were about it
            lines = _above(text, _line_start(text, key.start_mark.index), column)
            edits.append((lines, _after_line(text, _content_end(text, value)), ""))
    before: tuple[yaml.Node, yaml.Node] | None = None
    for name, value in new.items():
        if name in pairs:
            before = pairs[name]
            continue
        added = entries({name: value}, column)
        if before is not None:  # on the lines after the key before it
            at = _after_line(text, _content_end(text, before[1]))
            edits.append((at, at, _at_end(text, at) + added))
        elif lead:  # before every key, beside a list item's `- `: the first kept one moves to the next line
            at = kept[0][0].start_mark.index
            edits.append((at, at, added[column:] + " " * column))
        else:  # before every key: on the lines before the first kept one
            at = _line_start(text, kept[0][0].start_mark.index)
            edits.append((at, at, added))


def _change_sequence(text: str, node: yaml.SequenceNode, new: list[Any], edits: list[Edit]) -> None:
    items = node.value
    lines = [_line_start(text, _dash(text, item)) for item in items]  # where each item's lines begin
    column = _dash(text, items[0]) - lines[0]
    seen = [json.dumps(_plain(item), sort_keys=True) for item in items]
    wanted = [json.dumps(item, sort_keys=True) for item in new]
    for kind, first, last, start, stop in difflib.SequenceMatcher(None, seen, wanted, autojunk=False).get_opcodes():
        if kind == "equal":
            continue
        paired = min(last - first, stop - start)
        for offset in range(paired):
            _change(text, items[first + offset], new[start + offset], column + 2, edits)
        if last - first > paired:  # items taken out, with the comments just above them
            gone = _above(text, lines[first + paired], column)
            edits.append((gone, _after_line(text, _content_end(text, items[last - 1])), ""))
        if stop - start > paired:  # items added, after those kept or changed (or where the first stood)
            previous = first + paired - 1
            at = _after_line(text, _content_end(text, items[previous])) if previous >= 0 else lines[0]
            edits.append((at, at, _at_end(text, at) + entries(new[start + paired : stop], column)))
