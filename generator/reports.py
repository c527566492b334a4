"""`check`'s findings for machines: GitHub Actions annotations and JSON.

`--format github` prints each problem as a workflow command (`::error file=…,line=…,col=…::…`), which GitHub
shows on the changed line of a pull request; `--format json` prints one object for any other tool. Both say
exactly what the text report says, from the same `Problem`s.
"""

from __future__ import annotations

import json

from .problems import Problem, escaped, shown

FORMATS = ("text", "github", "json")


def _data(text: str) -> str:
    """A workflow command's message: `%`, carriage return and line feed escaped (GitHub's own rule)."""
    return escaped(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: the message's escapes, and `:` and `,` too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str) -> str:
    """One problem as a GitHub annotation at its file, line and column; its field is the title."""
    where = f"file={_property(shown(problem.path))},line={problem.line},col={problem.col}"
    title = f",title={_property(problem.field)}" if problem.field else ""
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{level} {where}{title}::{_data(message)}"


def report(problems: list[Problem], warnings: list[Problem], form: str) -> str:
    """The problems (errors) and translation warnings in `form` (`github` or `json`)."""
    if form == "github":
        lines = [annotation(problem, "error") for problem in problems]
        return "\n".join([*lines, *(annotation(problem, "warning") for problem in warnings)])
    items = [(problem, "error") for problem in problems] + [(problem, "warning") for problem in warnings]
    found = [
        {
            "file": shown(problem.path),
            "line": problem.line,
            "column": problem.col,
            "field": problem.field,
            "message": problem.message,
            "hint": problem.hint,
            "severity": severity,
        }
        for problem, severity in items
    ]
    return json.dumps({"problems": found}, ensure_ascii=False, indent=1)
