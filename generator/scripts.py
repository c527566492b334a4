"""A text written in another of the site's languages' letters: the English pasted into an Arabic field.

An outside tester filled a title's `ar:` with the English title, and `check` and the build took it: the Arabic page
showed English. A text is refused when a paragraph of it has letters, none of its own language's script, some of
another site language's, and at least PROSE_WORDS words: `ar: "Kim Jong Un visits Russia"`. Fewer words are a name
or a term an Arabic newsroom keeps in Latin letters, alone (an affiliation `ANC`, a label `iPhone 15 Pro`, a
heading `USB-C`: a second tester's, refused at first); names and terms inside a sentence are what mixed text is
(`وكالة Reuters`). A text in a script no site language writes is left alone (a language whose letters Unicode names
otherwise), as are the source articles, cited as published (their titles and publishers), and a picture's credit,
as its agency gives it (`Natural Earth`, `AFP`). Asked of every text a reader sees: the explainers', the topics'
and authors' names, and the interface strings.

A link's address, an HTML tag or reference and a string's placeholder are not the text's letters; a tatweel
(`ـ`, which stretches a word) is no Arabic letter of its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterator
from typing import Any

from .document import Document, FieldPath, format_field
from .problems import Problem
from .settings import Language, script_of
from .translations import texts

PROSE_WORDS = 4  # a paragraph of fewer words in another script is a name or a term, kept as written
CITED = frozenset({"source", "sources"})  # the source articles, as they were published
CREDITED = "credit"  # a picture's credit, as its agency gives it
# A link's address, a tag, a reference, and an interface string's placeholder (`{count}`).
_NOT_LETTERS = re.compile(r"\]\([^)]*\)|<[^<>]*>|&#?\w+;|\{\w+\}")
PATTERNS = "date_formats"  # interface strings that are CLDR patterns (`d MMMM y`), in its letters whatever the language
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def other_scripts(document: Document, languages: tuple[Language, ...]) -> list[Problem]:
    """Each text (`{ar: …, en: …}`) of a file with a paragraph in another site language's letters alone."""
    return _problems(document, own_texts(document, languages), languages)


def own_texts(document: Document, languages: tuple[Language, ...]) -> Iterator[tuple[FieldPath, Any, str]]:
    """Each language's text of a file (its path, value and language code), less the source articles' and a
    picture's credit, which are cited as published."""
    codes = frozenset(language.code for language in languages)
    return (
        ((*at, code), value, code)
        for at, text in texts(document.data, codes)
        if not (at and at[0] in CITED) and CREDITED not in at
        for code, value in text.items()
    )


# Words in a row in another site language's letters, inside a text that has its own: the English sentence left in
# an Arabic paragraph (`… بكثافة أقل. Voters in large cities turned out less than in villages, officials said.`),
# which `other_scripts` lets through as mixed text (an outside tester's). Names and titles kept in Latin letters
# are shorter (`The New York Times`, `Organisation for Economic Co-operation and Development`): a warning, since
# a quotation may stay as said, marked with its language (`<bdi lang="en">…</bdi>`, which is not counted).
SENTENCE_WORDS = 8
_MARKED = re.compile(r"<bdi\b[^>]*\blang=[^>]*>.*?</bdi>", re.DOTALL)


def sentences_in_other_scripts(document: Document, languages: tuple[Language, ...]) -> list[Problem]:
    """Each text of a file with SENTENCE_WORDS words or more in a row in another site language's letters."""
    script = {language.code: language.script for language in languages}
    written_in = {language.script: language.english_name for language in reversed(languages)}
    code_of = {language.script: language.code for language in reversed(languages)}  # a run's language, its code
    problems = []
    for where, value, code in own_texts(document, languages):
        run = _run_in_other_script(value, script[code], written_in.keys()) if isinstance(value, str) else None
        if run is None:
            continue
        other, words = run
        shown = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        message = (
            f"has {len(words)} words in a row in {other.title()} letters (`{shown}`): is it {written_in[other]} "
            "left untranslated?"
        )
        marked = f'<bdi lang="{code_of[other]}">…</bdi>'
        hint = f"translate it; a quotation kept as said may stay, marked with its language: {marked}"
        problems.append(Problem(document.path, *document.locate(where), format_field(where), message, hint))
    return problems


def _run_in_other_script(text: str, own: str, known: Collection[str]) -> tuple[str, list[str]] | None:
    """The first run of SENTENCE_WORDS words or more written in one other site language's letters, in a text that
    has letters of its own (one without is `other_scripts`' to refuse); a word without letters (a figure), or of
    one letter (a list of letters, `پ چ ژ گ`, is no sentence: an outside tester's), goes with the run it stands
    in without counting."""
    plain = _NOT_LETTERS.sub(" ", _MARKED.sub(" ", text))
    if not _letters_of(own).search(plain):
        return None
    others = set(known) - {own}
    run: list[str] = []
    run_script = ""
    for word in plain.split():
        letters = [c for c in word if c.isalpha() and unicodedata.category(c) != "Lm"]
        if len(letters) < 2:  # a figure, a sign or a letter goes with the run it stands in
            continue
        found = set(map(script_of, letters))
        other = next(iter(found)) if len(found) == 1 and found <= others else ""
        if other and other == run_script:
            run.append(word)
            continue
        if len(run) >= SENTENCE_WORDS:
            return run_script, run
        run, run_script = ([word], other) if other else ([], "")
    return (run_script, run) if len(run) >= SENTENCE_WORDS else None


def strings_in_other_scripts(document: Document, code: str, languages: tuple[Language, ...]) -> list[Problem]:
    """Each of a language's interface strings (content/strings/<code>.yml) in another site language's letters."""
    found = ((at, value, code) for at, value in leaves(document.data) if at[:1] != (PATTERNS,))
    return _problems(document, found, languages)


def _problems(
    document: Document, found: Iterator[tuple[FieldPath, Any, str]], languages: tuple[Language, ...]
) -> list[Problem]:
    """A problem for each (path, value, language code) found whose value is another language's text."""
    script = {language.code: language.script for language in languages}
    name = {language.code: language.english_name for language in languages}
    written_in = {language.script: language.english_name for language in reversed(languages)}  # the first, by script
    problems = []
    for where, value, code in found:
        others = _foreign(value, script[code], written_in.keys()) if isinstance(value, str) else []
        if not others:
            continue
        own, letters = script[code].title(), " and ".join(other.title() for other in others)
        message = f"has no {own} letters, only {letters} words: is it the {written_in[others[0]]} text?"
        hint = f"write it in {name[code]}; a name or a term in {letters} letters may stand alone, or among {own} words"
        problems.append(Problem(document.path, *document.locate(where), format_field(where), message, hint))
    return problems


def _foreign(text: str, own: str, known: Collection[str]) -> list[str]:
    """The other site languages' scripts of the first paragraph of `text` written in them alone (none if none)."""
    for paragraph in _PARAGRAPHS.split(_NOT_LETTERS.sub(" ", text)):
        if _letters_of(own).search(paragraph):  # nearly every paragraph: a letter of its own, found at C's speed
            continue
        found = {script_of(c) for c in paragraph if c.isalpha() and unicodedata.category(c) != "Lm"}
        others = sorted(found & set(known) - {own})
        words = sum(1 for word in paragraph.split() if any(c.isalpha() for c in word))
        if others and own not in found and words >= PROSE_WORDS:
            return others
    return []


@functools.cache
def _letters_of(script: str) -> re.Pattern[str]:
    """A letter of `script` up to U+FFFF, as `_foreign` counts letters, in one class: a paragraph's own letters
    found by one search. Naming each character of every text took 3.8 ms an explainer, twice the rest of its
    checking; a paragraph with none (rare) is asked letter by letter, past U+FFFF too."""
    letters = (chr(code) for code in range(0x10000))
    found = "".join(c for c in letters if c.isalpha() and unicodedata.category(c) != "Lm" and script_of(c) == script)
    return re.compile(f"[{re.escape(found)}]" if found else "(?!)")


def leaves(value: object, at: FieldPath = ()) -> Iterator[tuple[FieldPath, object]]:
    """Every string of a parsed file, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*at, index))
    else:
        yield at, value
