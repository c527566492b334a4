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
import dataclasses
import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from . import yaml_spans
from .item_pairs import aligned, moved_from
from .load import decode, parse
from .problems import ContentError
from .yaml_spans import NotInPlaceError, above, after_line, alone, at_end, content_end, dash, line_start
from .yaml_text import Figure, Folded, Layout, emitted, entries, kept_as_figure, one_line, yaml12_number

Edit = tuple[int, int, str]  # replace text[start:end] by this
_REMARK = re.compile(r"[ \t]+#.*")  # a comment after a value, on its line


class UnreadableError(Exception):
    """The file on disk does not read, so the editor's form showed none of it: a save would replace it all."""


def saved(path: Path, before: bytes | None, sent: bytes) -> bytes:
    """What a save writes: the values of the file Decap sent (`sent`) in the layout of the file on disk (`before`;
    None: a new file, written as sent), or Decap's file as it came when the two cannot be joined. Over a file that
    does not read, refused: Decap showed an empty form, whose save replaced the explainer (an outside tester's)."""
    if before is None:
        return sent
    text, old = readable(path, before)
    if old == (new := _empties_kept(old, _read(path, sent))):
        return before
    joined = _joined(path, text, _figures_marked(sent, new))
    if joined is None:
        return sent
    # The file's own line ends and byte order mark, which reading it set aside (with Windows' line ends, every line
    crlf, bom = b"\r\n" in before, before.startswith(codecs.BOM_UTF8)  # showed as changed: an independent reviewer's)
    return (codecs.BOM_UTF8 if bom else b"") + (joined.replace(b"\n", b"\r\n") if crlf else joined)


def readable(path: Path, raw: bytes) -> tuple[str, Any]:
    """A file's text and values, or UnreadableError with its first problem (a save or a delete from the editor,
    whose form showed none of such a file, is refused: decap_api.py)."""
    try:
        text = decode(path, raw)
        return text, parse(path, text).data
    except ContentError as error:
        first = error.problems[0]
        raise UnreadableError(f"line {first.line}, column {first.col}: {first.message}") from None


def same_values(path: Path, one: bytes, other: bytes) -> bool:
    """Whether two texts of an explainer read as the same values: a change on disk to its comments or layout
    alone since the form read it, which a save keeps (`saved` writes into the file as it is then)."""
    first = _read(path, one)
    return first is not ContentError and first == _read(path, other)


def _read(path: Path, raw: bytes) -> Any:
    try:
        return readable(path, raw)[1]
    except UnreadableError:
        return ContentError  # (equal to no file's values)


def _joined(path: Path, text: str, new: Any) -> bytes | None:
    """The file's text with the values Decap sent (`new`, as read) written into it, if the result reads as
    exactly those."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if new is ContentError or root is None:  # (nothing but comments: nothing to keep in place)
            return None
        merge = _Merge(text, Layout.of(root))
        new = _numbers_kept(root, new)
        merge.change(root, new, 0)
    except (NotInPlaceError, yaml.YAMLError, RecursionError):
        return None
    joined = _applied(text, merge.edits)
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
        empty = not node.style and node.value in ("", "~", "null", "Null", "NULL")
        return None if empty else unicodedata.normalize("NFC", node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {_plain(key): _plain(value) for key, value in node.value}


def _figures_marked(sent: bytes, new: Any) -> Any:
    """`new`, each text Decap wrote plain as a number or a truth value (its number and toggle fields' values)
    marked as a Figure, which the file is given plain, as Decap writes it (where Decap writes it back so)."""
    try:
        root = yaml.compose(sent, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return new
    figure = lambda _, value: Figure(value) if kept_as_figure(value) else value  # noqa: E731
    return _by_plain_scalar(root, new, figure) if root is not None else new


def _numbers_kept(node: yaml.Node, new: Any) -> Any:
    """`new`, with the file's own text wherever a plain `2.50` in the file came back as `2.5`: Decap reads YAML
    1.2, where it is a number, shows the number and sends it back so, and the file's text is all the project
    ever read (a save of the title changed a key figure's `2.50`, `011`, `1e3`: an outside tester's)."""

    def kept(written: str, value: str) -> str:
        number = yaml12_number(written)
        return written if number is not None and number == yaml12_number(value) else value

    return _by_plain_scalar(node, new, kept)


def _by_plain_scalar(node: yaml.Node, new: Any, leaf: Callable[[str, str], str]) -> Any:
    """`new` walked beside a file's nodes, each text of it that stands where the file has a plain scalar given
    as `leaf(the scalar's text, the text)` says."""
    if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
        pairs = {_plain(key): value for key, value in node.value}
        return {key: _by_plain_scalar(pairs[key], value, leaf) if key in pairs else value for key, value in new.items()}
    if isinstance(node, yaml.SequenceNode) and isinstance(new, list) and len(node.value) == len(new):
        return [_by_plain_scalar(item, value, leaf) for item, value in zip(node.value, new, strict=True)]
    plain = isinstance(node, yaml.ScalarNode) and not node.style and isinstance(new, str)
    return leaf(node.value, new) if plain else new


def _same_texts(node: yaml.MappingNode, new: Any) -> bool:
    """Whether a mapping of texts gets texts of one line for the same keys, in the same order."""
    return (
        isinstance(new, dict)
        and [_plain(key) for key, _ in node.value] == list(new)
        and all(isinstance(value, yaml.ScalarNode) for _, value in node.value)
        and all(isinstance(text, str) and "\n" not in text for text in new.values())
    )


def _empties_kept(old: Any, new: Any) -> Any:
    """`new`, with each key that `old` has empty (`sources: []`) and `new` lacks: Decap sends no empty list, and a
    save took the untouched line out of the file (an outside editor's). Nothing else tells the two apart."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return new
    kept = {key: value for key, value in old.items() if key not in new and value in ([], {}, None)}
    return {**{key: _empties_kept(old.get(key), value) for key, value in new.items()}, **kept}


class _Merge:
    """The edits that write new values into one file's text, in its layout."""

    def __init__(self, text: str, layout: Layout) -> None:
        self.text, self.layout, self.edits = text, layout, list[Edit]()

    def change(self, node: yaml.Node, new: Any, column: int) -> None:
        """The edits that give `node` (whose parent's entries stand at `column`) the value `new`."""
        if _plain(node) == new:
            return
        block = not getattr(node, "flow_style", True)
        if isinstance(node, yaml.MappingNode) and not block and _same_texts(node, new):  # `{ar: …, en: "…"}`
            # each text changed in place: the other keeps its quotes (an outside tester's)
            for key, value in node.value:
                if _plain(value) != (changed := new[_plain(key)]):
                    plain = not set(changed) & set(",[]{}#:&*!|>'\"%@`") and changed.strip() == changed != ""
                    style = value.style if value.style in ("'", '"') else None if plain else '"'
                    self.edits.append((value.start_mark.index, value.end_mark.index, one_line(changed, style)))
        elif isinstance(node, yaml.MappingNode) and block and isinstance(new, dict) and new:
            self._change_mapping(node, new)
        elif isinstance(node, yaml.SequenceNode) and block and isinstance(new, list) and new:
            self._change_sequence(node, new)
        else:
            self._replace(node, new, column)

    def _replace(self, node: yaml.Node, new: Any, column: int) -> None:
        """The value written anew where the old one stood, ending as it ended (a block text's blank lines after)."""
        start = node.start_mark.index  # and a block's own end, before the blank lines after it
        end = node.end_mark.index if isinstance(node, yaml.ScalarNode) else content_end(self.text, node)
        style = getattr(node, "style", None) if isinstance(new, str) and "\n" not in new else None
        items = list(new.values()) if isinstance(new, dict) else new if isinstance(new, list) else []
        words = isinstance(new, list | dict) and not any(isinstance(item, list | dict) for item in items)
        if (getattr(node, "flow_style", False) and node.value and words) or style in ("'", '"'):
            written = one_line(new, style)  # a list written `[a, b]` stays so, a quoted text stays quoted
        else:  # (records added to a `[]` as blocks: `new`'s skeleton has `key_figures: []`); its lines, to fold alike
            folded = self.text[start:end].split("\n")[1:] if style == ">" else []
            width = max(map(len, folded), default=1 << 30)
            plain = isinstance(node, yaml.ScalarNode) and not node.style and isinstance(new, str)  # (stays plain)
            layout = dataclasses.replace(self.layout, quote=None) if plain else self.layout
            written = emitted(Folded(new) if style == ">" else new, column, layout, width)
        line_end = len(self.text) if (found := self.text.find("\n", end)) < 0 else found
        if "\n" in written.strip("\n") and (remark := _REMARK.fullmatch(self.text, end, line_end)):
            # the comment after a text made several lines goes on its block's first line (it was read as the
            # text's last words, the result refused, and Decap's file written, every comment lost: a retester's)
            head, _, rest = written.partition("\n")
            written, end = f"{head}{remark.group()}\n{rest}", line_end
        trailing = self.text[start:end][len(self.text[start:end].rstrip("\n")) :]
        if written.startswith("\n"):  # a block collection: it starts on the line after its key
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
        elif isinstance(node, yaml.CollectionNode) and not node.flow_style:  # a block made one line: beside its key
            back = len(self.text[:start].rstrip(" \t\n"))  # (or where it was, under a comment, or as the whole file)
            start, written = (back, " " + written) if self.text[back - 1 : back] in (":", "-") else (start, written)
        elif self.text[start - 1 : start] == ":":  # an empty value filled in (`image:`)
            written = " " + written
        self.edits.append((start, end, written + trailing))

    def _change_mapping(self, node: yaml.MappingNode, new: dict[str, Any]) -> None:
        pairs = {_plain(key): (key, value) for key, value in node.value}
        kept = [pair for name, pair in pairs.items() if name in new]
        if not kept:
            self._replace(node, new, 0)
            return
        first, column = node.value[0][0], node.value[0][0].start_mark.column
        lead = not alone(self.text, first)  # the first key follows a list item's `- `
        for name, (key, value) in pairs.items():
            if name in new:
                self.change(value, new[name], column)
            elif not alone(self.text, key):  # the first, beside a `- `: it keeps the `-` and the comments after
                end = after_line(self.text, content_end(self.text, value)) - 1
                self.edits.append((key.start_mark.index - (self.text[key.start_mark.index - 1] == " "), end, ""))
            else:  # its lines, and the comments just above it, which were about it
                lines = above(self.text, line_start(self.text, key.start_mark.index), column)
                end = after_line(self.text, content_end(self.text, value))
                self.edits.append((*yaml_spans.past_blank(self.text, lines, end), ""))
        before: tuple[yaml.Node, yaml.Node] | None = None
        for name, value in new.items():
            if name in pairs:
                before = pairs[name]
                continue
            added = entries({name: value}, column, self.layout)
            if template := yaml_spans.commented(self.text, node, name, column):  # where the file has it commented out
                self.edits.append((*template, added))
            elif before is not None:  # on the lines after the key before it
                at = yaml_spans.after_entry(self.text, before[1], column)
                self.edits.append((at, at, at_end(self.text, at) + yaml_spans.apart(self.text, at, column) + added))
            elif lead:  # before every key, beside a list item's `- `: the first kept one moves to the next line
                self.edits.append((at := kept[0][0].start_mark.index, at, added[column:] + " " * column))
            else:  # before every key: on the lines before the first kept one
                self.edits.append((at := line_start(self.text, kept[0][0].start_mark.index), at, added))

    def _change_sequence(self, node: yaml.SequenceNode, new: list[Any]) -> None:
        items = node.value
        lines = [line_start(self.text, dash(self.text, item)) for item in items]  # where each item's lines begin
        column = dash(self.text, items[0]) - lines[0]
        spans = [
            (above(self.text, lines[n], column), after_line(self.text, content_end(self.text, item)))
            for n, item in enumerate(items)
        ]
        seen = [json.dumps(_plain(item), sort_keys=True) for item in items]
        wanted = [json.dumps(item, sort_keys=True) for item in new]
        opcodes = difflib.SequenceMatcher(None, seen, wanted, autojunk=False).get_opcodes()
        gone: dict[str, list[int]] = {}  # the items of the changed stretches, by value: each one's lines moved once
        for n in (n for kind, first, last, _, _ in opcodes if kind != "equal" for n in range(first, last)):
            gone.setdefault(seen[n], []).append(n)
        for kind, first, last, start, stop in opcodes:
            if kind == "equal":
                continue
            pairs = dict(aligned(seen[first:last], wanted[start:stop]))  # the old item each new one is made from
            for offset in range(last - first):
                if offset in pairs:
                    self.change(items[first + offset], new[start + pairs[offset]], column + 2)
                else:  # taken out, with the comments just above it
                    self.edits.append((*spans[first + offset], ""))
            made = {value: key for key, value in pairs.items()}
            at = spans[first - 1][1] if first else spans[0][0]  # after the item before, or where the first stood
            for offset in range(stop - start):
                if offset in made:
                    at = spans[first + made[offset]][1]
                    continue
                moved = moved_from(gone.get(wanted[start + offset], []), range(first, last))  # moved: its own lines
                written = self.text[slice(*spans[moved])] if moved is not None else None
                added = written or entries(new[start + offset : start + offset + 1], column, self.layout)
                self.edits.append((at, at, at_end(self.text, at) + added))
