"""YAML written so that it reads back as the same text, in the project's parser (every scalar text, yaml_events.py)
and in Decap's (YAML 1.2): the pieces kept_layout.py writes into a file, a value after its key, a value on one
line, whole entries. Lines are never folded (a changed value is one line, or a block of the lines it has)."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import yaml


class _TextDumper(yaml.SafeDumper):
    """Writes every scalar so that it reads back as that text, here and in Decap (YAML 1.2): quoted where YAML
    would see a number, true or false, or nothing (`"7.0"`, `"+3"`, `"null"`: written plain, Decap read `7.0` as
    7 and its next save wrote `7`, an independent reviewer's), not where only YAML 1.1 sees a date (Decap writes
    `2023-09-12` plain, and both read it as text)."""


_TextDumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
# A number as YAML 1.2 reads one (`2.50`, `.5`, `1e3`; `0x1F`, `0o17`), which Decap does and YAML 1.1 only in part.
_DECIMAL = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
_RADIX = r"[-+]?0x[0-9a-fA-F]+|[-+]?0o[0-7]+"
_TextDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(f"^(?:{_DECIMAL}|{_RADIX})$"), list("-+0123456789.")
)


_FIGURE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def kept_as_figure(text: str) -> bool:
    """Whether Decap (YAML 1.2, JavaScript's numbers) reads `text` written plain as a number or a truth value
    that it writes back as `text`: `true`, `100`, `44.5`, not `7.0`, `0.50`, `-0` or `1e3` (written `1000`)."""
    if text in ("true", "false"):
        return True
    if not _FIGURE.fullmatch(text) or text == "-0":
        return False
    if "." not in text:
        return abs(int(text)) < 2**53  # JavaScript's integers, held exactly
    number = float(text)
    # (between these bounds Python's shortest form of a number is JavaScript's; outside, each has an exponent)
    return number != int(number) and 1e-4 <= abs(number) < 1e15 and repr(number) == text


def yaml12_number(text: str) -> float | None:
    """A text's value as YAML 1.2 reads it as a number (`2.50`, `011`, `0x1F`, `0o17`, `1e3`, `.5`), or None."""
    if re.fullmatch(_RADIX, text):
        return float(int(text, 0))
    return float(text) if re.fullmatch(_DECIMAL, text) else None


class Folded(str):
    """A text the file had folded (`>`): written folded again, at the width its lines had."""


class Figure(str):
    """A text Decap wrote plain as a number or a truth value (`44.5`, `true`: a map label's coordinates and
    place): written plain again, which Decap reads as it wrote it and writes back the same. Quoted, its toggle
    read `place: 'false'` as on, and `at: ['44', '40']` stood beside the file's `at: [100, 62]` (a retester's)."""


_STR = "tag:yaml.org,2002:str"


def _plain_tag(dumper: yaml.SafeDumper, value: str) -> str:
    """What YAML reads `value` as, written plain: text (`_STR`), or a number, a truth value, nothing."""
    return str(dumper.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if isinstance(value, Figure):  # tagged as YAML reads it plain, so the emitter may write it plain
        return dumper.represent_scalar(_plain_tag(dumper, value), str(value))
    # A text of lines as a block (`|`), unless it ends in blank lines, which only `|+` keeps: quoted then, since a
    # block's end is where the file's next line begins.
    block = "\n" in value.rstrip("\n") and not value.endswith("\n\n")
    style = "|" if block else ">" if isinstance(value, Folded) and value.strip() == value else None
    # An id, a slug, a date or a code stays plain, as `new` has it; one that YAML would read as something else
    # than text (`"1991"`) takes the file's quotes, as any text.
    if style is None and (not _ID.fullmatch(value) or _plain_tag(dumper, value) != _STR):
        style = getattr(dumper, "quote", None)
    return dumper.represent_scalar(_STR, str(value), style=style)


_WORD = re.compile(r"[\w.-]*", re.ASCII)  # no text of a language: an id, a slug, a date, a code, a figure
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")  # what the file writes plain among quoted texts (`Armenia` is a text)


def _mapping(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    """A mapping, its keys plain whatever quotes its texts take (`title:`, never `"title":`)."""
    node = dumper.represent_mapping("tag:yaml.org,2002:map", value)
    for key, _ in node.value:
        key.style = None
    return node


def _sequence(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """A list, on one line where it holds no list or mapping and the file writes such lists so (`at: [100, 62]`)."""
    flat = bool(value) and not any(isinstance(item, list | dict) for item in value)
    flow = True if flat and getattr(dumper, "flow_lists", False) else None
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_TextDumper.add_representer(str, _text)
_TextDumper.add_representer(Folded, _text)
_TextDumper.add_representer(Figure, _text)
_TextDumper.add_representer(dict, _mapping)
_TextDumper.add_representer(list, _sequence)


class _IndentedDumper(_TextDumper):
    """Writes a list under its key indented (`key:` then `  - item`), as `new` writes explainers and Decap saves
    them; PyYAML's own way is `- item` under the `k` of `key:`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


@dataclasses.dataclass(frozen=True)
class Layout:
    """How a file is laid out, so that what a save adds is laid out as the rest: the step from a key to the keys
    under it, whether a list stands indented under its key, how its texts are quoted and its short lists
    written. Entries added to a file indented by four were written indented by two, their lists flush under
    their keys, their texts unquoted in a file of double-quoted ones (an independent reviewer's, two testers')."""

    step: int = 2
    indented: bool = True
    item: int = 0  # from a list item's `-` to its keys, where not PyYAML's (`-   id:` at a step of 4): `- id:`
    quote: str | None = None  # `"` or `'` where most of the file's texts are so quoted (`new` writes `"`)
    flow_lists: bool = False  # a list of words or figures on one line, where the file writes most so

    @classmethod
    def of(cls, root: yaml.Node) -> Layout:
        """The file's first nested mapping's step, first list's indent and item, and most texts' quotes (each as
        `new` writes, if the file has none)."""
        steps: list[int] = []
        indents: list[bool] = []
        items: list[int] = []
        texts: list[str] = []  # each text's quotes (`"`, `'`, or none)
        flows: list[bool] = []  # each list of words or figures: on one line or not
        todo: list[yaml.Node] = [root]
        while todo:
            node = todo.pop(0)
            if isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">") and not _WORD.fullmatch(node.value):
                texts.append(node.style or "")  # a text on its line (not an id, a date or a figure): its quotes
            if isinstance(node, yaml.SequenceNode):
                flows += (
                    [bool(node.flow_style)] if all(isinstance(item, yaml.ScalarNode) for item in node.value) else []
                )
                first = node.value[0] if node.value and not node.flow_style else None
                if isinstance(first, yaml.MappingNode) and not first.flow_style and first.value:
                    items.append(first.value[0][0].start_mark.column - node.start_mark.column)
                todo += node.value
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    block = isinstance(value, yaml.CollectionNode) and not value.flow_style and value.value
                    if block and isinstance(value, yaml.MappingNode):
                        steps.append(value.value[0][0].start_mark.column - key.start_mark.column)
                    elif block:
                        indents.append(value.start_mark.column > key.start_mark.column)
                    todo.append(value)
        step = steps[0] if steps and 2 <= steps[0] <= 9 else 2  # (PyYAML writes steps of 2 to 9)
        item = items[0] if items and 2 <= items[0] <= 9 and items[0] != step else 0
        quote = max(('"', "'"), key=texts.count)
        quoted = quote if texts.count(quote) * 2 > len(texts) else None
        return cls(step, indents[0] if indents else True, item, quoted, sum(flows) * 2 > len(flows))


@functools.cache
def _dumper(indented: bool, quote: str | None, flow_lists: bool) -> type[_TextDumper]:
    """The dumper of a file's layout: its lists indented under their keys or not, its texts in `quote`, its lists
    of words on one line or not."""
    kind = _IndentedDumper if indented else _TextDumper
    return type("_LaidOut", (kind,), {"quote": quote, "flow_lists": flow_lists})


def _dump(value: Any, layout: Layout = Layout(), width: int = 1 << 30, **style: Any) -> str:
    """YAML of `value` in the file's own key order, indents and quotes, its letters as they are, no line folded
    (but a `Folded`)."""
    dumper = _dumper(layout.indented, layout.quote, layout.flow_lists)
    laid = {"allow_unicode": True, "sort_keys": False, "width": width, "indent": layout.step, **style}
    return str(yaml.dump(value, Dumper=dumper, **laid))


def emitted(value: Any, column: int, layout: Layout = Layout(), width: int = 1 << 30) -> str:
    """`value` as it follows `key:` in a mapping whose keys stand at `column` (a block starts with a line break);
    a `Folded` text folded at `width`, as the file had folded it by hand."""
    dumped = _dump({"k": value}, layout, width=max(width - column, 20))
    body = dumped[len("k:") :].rstrip("\n").removeprefix(" ")
    return "\n".join([body.split("\n")[0], *(_at(column, line) for line in body.split("\n")[1:])])


def one_line(value: Any, style: str | None) -> str:
    """`value` on one line: a list or a dict in flow style, a text in the quotes `style` names."""
    dumped = _dump(value, default_flow_style=True, default_style=style)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def entries(value: Any, column: int, layout: Layout = Layout()) -> str:
    """Whole lines for a dict's pairs or a list's items, standing at `column`: an item's keys as far from its
    `-` as the file's are (`- id:` in a file of steps of 4, where PyYAML pads `-   id:`: a reviewer's)."""
    if not (layout.item and isinstance(value, list)):
        lines = _dump(value, layout).rstrip("\n").split("\n")
        return "".join(_at(column, line) + "\n" for line in lines)
    written = ""
    for item in value:
        if not (isinstance(item, dict) and item):
            written += entries([item], column, dataclasses.replace(layout, item=0))
            continue
        first, *rest = _dump(item, layout).rstrip("\n").split("\n")
        lines = ["-" + " " * (layout.item - 1) + first, *(_at(layout.item, line) for line in rest)]
        written += "".join(_at(column, line) + "\n" for line in lines)
    return written


def _at(column: int, line: str) -> str:
    """A line moved to `column`; a blank one left blank (a block text's blank lines had trailing spaces)."""
    return " " * column + line if line else line
