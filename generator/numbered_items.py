"""Lists numbered as Arabic writing numbers them, made the lists Python-Markdown reads.

Python-Markdown knows `1.` and `1)`: `١. الغذاء` then `٢. التكنولوجيا`, `1- الغذاء`, `(1) الغذاء`, `١ـ الغذاء` ran
into one line (an outside tester's fuzzing), and a list in a quotation from `٥.` was numbered from 1 (its `start`
was `٥`, which browsers do not read). But the same marks open lines of prose: a score (`٢- ١`), a range (`2- 3
أيام`), a count as the Gulf press writes it (`(15) إصابة`), a date range (`١٢- ١٣ سبتمبر`), and a first fix that
rewrote every such pair printed `12. ١٣ سبتمبر` (a retester's). So a line is an item only when it is surely one,
and is otherwise left exactly as typed.
"""

from __future__ import annotations

import re

# A line's indentation (and a quotation's `>`), then a number as an item's: `(1)` in any digits; Arabic-Indic or
# Persian digits with `.`, `)`, `-`, a tatweel or a dash; Latin digits with `-`, a tatweel or a dash (`1.` and `1)`
# are Markdown's own); then the item's text.
_ITEM = re.compile(
    r"((?:[ \t]*>)*[ \t]*)(?:\(([0-9٠-٩۰-۹]{1,3})\)|([٠-٩۰-۹]{1,3})(?:[.)]|[ \t]?[-ـ–])|([0-9]{1,3})[ \t]?[-ـ–])"
    r"[ \t]+(?=\S)"
)
_MARKDOWN_ITEM = re.compile(r"[ \t]*(?:[-+*•◦▪‣]|[0-9]+[.)])[ \t]")
_MARKDOWN_READS = re.compile(r"[٠-٩۰-۹]+[.)]")  # Arabic-Indic digits Python-Markdown reads as an item's, start and all
CODE = 4  # a line indented this far, in no list, is code


def numbered(text: str) -> str:
    """The text with each item of such a list (`numbered_items`) written as Markdown's `1.`, `2.`: the digits a
    reader sees are the site's (`digits:`), as in every list."""
    lines = text.split("\n")
    for index, (prefix, value, end) in numbered_items(lines).items():
        lines[index] = f"{prefix}{value}. {lines[index][end:]}"
    return "\n".join(lines)


def numbered_items(lines: list[str]) -> dict[int, tuple[str, int, int]]:
    """The lines that are items, each with its indentation, its number and where its text starts. Items are
    runs of numbers one after another (`١.` then `٢.`), in one style and at one indentation, with only blank lines,
    deeper lines and other runs' items between them (a line of text ends the runs it is not inside); a run is a list
    when it counts from 1, two items or more, or when Python-Markdown reads it as one already (Arabic-Indic `٥.`
    after a blank line, whose number then needs to be one a browser reads)."""
    runs: list[list[tuple[int, str, int, int, str]]] = []
    open_runs: dict[tuple[str, str], list[tuple[int, str, int, int, str]]] = {}
    for index, line in enumerate(lines):
        found = _ITEM.match(line)
        prefix = found.group(1) if found else ""
        if found is None or (
            len(prefix.expandtabs()) >= CODE and all(len(shallower) >= len(prefix) for shallower, _ in open_runs)
        ):
            if line.strip(" \t>"):  # text, or code: it ends the runs it is not inside
                indent = len(line) - len(line.lstrip(" \t>"))
                open_runs = {kind: run for kind, run in open_runs.items() if len(kind[0]) < indent}
            continue
        value, mark = int(next(group for group in found.groups()[1:] if group)), found.group().strip()
        style = re.sub(r"\d+", "0", mark.replace(" ", "").replace("\t", "")) + str(ord(mark.strip("(>) \t")[0]) // 16)
        open_runs = {kind: run for kind, run in open_runs.items() if len(kind[0]) <= len(prefix)}
        run = open_runs.get((prefix, style))
        if run and run[-1][2] + 1 == value:
            run.append((index, prefix, value, found.end(), mark))
        else:
            open_runs[(prefix, style)] = run = [(index, prefix, value, found.end(), mark)]
            runs.append(run)
    items: dict[int, tuple[str, int, int]] = {}
    for run in runs:
        first, prefix, start, _, mark = run[0]
        before = lines[first - 1] if first else ""
        after_blank = not before.strip(" \t>")
        if (len(run) > 1 and start == 1 and (after_blank or _opens(before, prefix))) or (
            after_blank and _MARKDOWN_READS.fullmatch(mark.lstrip("> \t"))
        ):
            items.update({index: (prefix, value, end) for index, prefix, value, end, _ in run})
    return items


def _opens(before: str, prefix: str) -> bool:
    """Whether a list from 1 may follow the line `before` as a list: after a line of text at the margin (set apart
    from it: markdown_lists), or under an item, indented past it; not in a quotation after its text, nor straight
    after an item at its own indentation, where Markdown reads no new list and the numbers stood rewritten (`>
    قال البيان:` then `> ١- الغذاء` showed `1. الغذاء`: a retester's)."""
    item = _ITEM.match(before) or _MARKDOWN_ITEM.match(before)
    if item is not None:
        return len(prefix) > len(before) - len(before.lstrip(" \t"))
    return not prefix and not before.lstrip().startswith(">")
