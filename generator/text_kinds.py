"""Texts with a rule of their own beyond a text's: a headline or a name is one line, and a dek, shown away from
its page too, links to no place on it.

Each rule is said with the text's other problems (a missing language, a leftover placeholder), in one round of
`check`: run after the text's own validation, it was not run when that failed, and a headline's line break was
said only once its missing language was mended (an independent reviewer's). So it reads the text as written
(each language's value, stripped as the text strips it) beside that validation, not after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import ValidationError, ValidatorFunctionWrapHandler, WrapValidator

from .fields import Text, with_problem
from .link_rules import shown_elsewhere

Rule = Callable[[dict[str, str]], None]  # raises ValueError, saying what is wrong with a text's values


def _one_line(texts: dict[str, str]) -> None:
    """A headline or a name is one line: a line break typed in one (the editor's title box takes Enter) was
    published as it was, in the page's `<title>`, its share tags, its structured data and the feeds (an outside
    tester's). The page's text shows it as a space, so nothing else says so."""
    if broken := [code for code, value in texts.items() if "\n" in value]:
        raise ValueError(
            f"has a line break in `{'`, `'.join(broken)}`, which a headline or a name cannot show; join its lines"
        )


def _with(rule: Rule, mark: str) -> WrapValidator:
    """A text's validation with `rule` beside it, both said at once; the rule asked only of a text with `mark`
    in some language (most have none: a headline is validated on every build)."""

    def validate(data: Any, handler: ValidatorFunctionWrapHandler) -> Text:
        given = data.items() if isinstance(data, dict) else ()
        refused = None
        try:
            if any(mark in value for _, value in given if isinstance(value, str)):
                rule({code: value.strip() for code, value in given if isinstance(value, str)})
        except ValueError as error:
            refused = error
        try:
            text: Text = handler(data)
        except ValidationError as error:
            detail = {"type": "value_error", "loc": (), "input": data, "ctx": {"error": refused}}
            raise (with_problem(error, detail) if refused else error) from None
        if refused:
            raise refused
        return text

    return WrapValidator(validate)


# A text of one line: a headline, a section's heading, a name.
Line = Annotated[Text, _with(_one_line, "\n")]
# A dek, shown on the home and topic pages and in the feeds too: a link in it to a place on its page leads nowhere.
Summary = Annotated[Text, _with(lambda texts: shown_elsewhere(texts.values()), "#")]
