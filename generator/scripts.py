"""A text written in another of the site's languages' letters: the English pasted into an Arabic field.

An outside tester filled a title's `ar:` with the English title, and `check` and the build took it: the Arabic page
showed English. A text is refused when it has letters, none of its own language's script, and some of another site
language's: `ar: "Kim Jong Un visits Russia"` (Latin letters only, where English is the Latin one). Names and terms in
another script inside a sentence are what mixed text is (`وكالة Reuters`), and are left alone; so is a text in a
script no site language writes (a language whose letters Unicode names otherwise). The source articles' titles and
publishers are cited as published, and a picture's credit as its agency gives it (`Natural Earth`, `AFP`), in
whatever script: they are not asked.

Markup is not text here: a link's address, an HTML tag or reference and code (`` `npm` ``) do not count as letters.
"""

from __future__ import annotations

import re

from .document import Document, format_field
from .problems import Problem
from .settings import Language, script_of
from .translations import texts

CITED = frozenset({"source", "sources"})  # the source articles, as they were published
CREDITED = "credit"  # a picture's credit, as its agency gives it
# What a reader does not see as the text's letters: a link's address, an autolink, a tag, a reference, code.
_NOT_LETTERS = re.compile(r"\]\([^)]*\)|<[^<>]*>|&#?\w+;|`[^`]*`")


def other_scripts(document: Document, languages: tuple[Language, ...]) -> list[Problem]:
    """Each text in a language that has letters of another site language's script and none of its own."""
    script = {language.code: language.script for language in languages}
    written_in = {language.script: language.english_name for language in reversed(languages)}  # the first, by script
    problems = []
    for at, text in texts(document.data, frozenset(script)):
        if (at and at[0] in CITED) or CREDITED in at:
            continue
        for code, value in text.items():
            found = _scripts(value) if isinstance(value, str) else set()
            others = sorted(found & written_in.keys() - {script[code]})
            if script[code] in found or not others:
                continue
            own, letters = script[code].title(), " and ".join(name.title() for name in others)
            language = next(item.english_name for item in languages if item.code == code)
            message = f"has no {own} letters, only {letters}: is it the {written_in[others[0]]} text?"
            hint = f"write it in {language}; a name in {letters} letters can stand among {own} words"
            where = (*at, code)
            problems.append(Problem(document.path, *document.locate(where), format_field(where), message, hint))
    return problems


def _scripts(text: str) -> set[str]:
    """The scripts of a text's letters, as the reader sees them (markup left out)."""
    return {script_of(character) for character in _NOT_LETTERS.sub(" ", text) if character.isalpha()}
