"""How the browser editor's form names the fields of an explainer, for what the computer says to an editor there:
its labels (editor_config.py gives Decap the same), its lists counted from 1, a text's language by its code."""

from __future__ import annotations

import re

from .locales import cldr, known_locale
from .model import Explainer
from .schema import field_names


def label(name: str) -> str:
    """A field's name as an editor reads it: `said_by` → Said by, `url` → URL."""
    return {"url": "URL", "id": "ID"}.get(name) or name.replace("_", " ").capitalize()


def field_label(field: str, languages: frozenset[str]) -> str:
    """A problem's field as the browser editor's form names it, items counted from 1 and a text's language by
    its code: `takeaways[0].text.ar` is "Takeaways 1 › Text (ar)". The preview beside the form said only the
    path, counted from 0 (an outside tester's editor could not find the field)."""
    names: list[str] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if part.startswith("[") and names:
            names[-1] += f" {int(part[1:-1]) + 1}"
        elif part in languages and names:
            names[-1] += f" ({part})"
        else:
            names.append(label(part))
    return " › ".join(names)


# Inside a message: a field named by its path (`timeline[0]`, `takeaways[1].text`), or by its key in backquotes,
# alone or with a value (`published`, `kind: update`).
_FIELD_PATH = re.compile(r"\b[a-z_]+\[\d+\](?:\.[a-z_]+|\[\d+\])*")
_FIELD_KEY = re.compile(r"`([a-z_]+)(?:: ([^`]+))?`")
_QUOTED = re.compile(r"`([^`]+)`")


def in_form_words(message: str, languages: frozenset[str]) -> str:
    """A problem's message with the fields it names as the form labels them: a refusal said `Takeaways 2: is
    takeaways[0] again`, is before 'published', ('kind: update' or …), in backquotes, to an editor who sees
    Takeaways 1, Published and a Kind drop-down (an outside tester's). A word in backquotes that is no field is a
    value, kept in quotation marks."""

    def key(found: re.Match[str]) -> str:
        if found.group(1) not in field_names(Explainer):
            return found.group()
        return label(found.group(1)) + (f": {found.group(2)}" if found.group(2) else "")

    def value(found: re.Match[str]) -> str:  # a language's code by the name the form shows (`en`: English)
        return _language_name(found.group(1)) if found.group(1) in languages else f"“{found.group(1)}”"

    said = _FIELD_KEY.sub(key, _FIELD_PATH.sub(lambda path: field_label(path.group(), languages), message))
    return _QUOTED.sub(value, said)  # a toast shows no code: its backquotes were shown as typed (a third tester's)


def _language_name(code: str) -> str:
    """A language's English name, as the form's boxes are labelled: "a line break in “en”" named a box the form
    calls English (an outside tester's)."""
    return code if known_locale(code) else (cldr(code).get_display_name("en") or code)
