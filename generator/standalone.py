"""Text a reader's software shows on its own, outside the page's paragraphs and their isolates: a `<title>` or a
feed entry, which takes its direction from its first strong character, and a figure shown alone."""

from __future__ import annotations

import re
import unicodedata

from .bidi import ARABIC_LETTER_MARK, STRONG


def starts_in(direction: str, text: str) -> str:
    """Plain text (a `<title>`, a feed entry) that a reader's software will show in `direction`: one that
    opens with a word of the other direction gets a leading mark (RLM or LRM), since plain text takes its
    direction from its first strong character."""
    first = next((STRONG[kind] for kind in map(unicodedata.bidirectional, text) if kind in {"L", "R", "AL"}), None)
    wanted = "R" if direction == "rtl" else "L"
    if first is None or first == wanted:
        return text
    return ("\u200f" if wanted == "R" else "\u200e") + text


def as_in_prose(script: str, html: str, drawn: bool = True) -> str:
    """A figure shown alone (a key figure) as the page's sentences show it. After Arabic letters the bidi
    algorithm reads Western digits as Arabic numbers (its rule W2), so `25%` in a sentence shows its sign to
    the number's left (`%25`), and alone, with no Arabic letter before it, to its right: one page showed both
    (an outside reader's finding). An Arabic letter mark (ALM, U+061C: invisible, of the Arabic letters'
    class, made for this) before the figure on a page in Arabic script gives it the sentence's reading. The
    stylesheet draws it (`.in-prose::before`), where the bidi algorithm reads it as text, so the figure a reader
    copies is the editor's: written into the text, it went with the copy (`\u061c2.1%`, no number for a
    spreadsheet: an outside tester's), and into search excerpts. Where the stylesheet has no such rule (`drawn`
    False: a project's own, from before), the mark is written, as it was."""
    if script != "ARABIC" or not _WESTERN_DIGIT.search(html):
        return html
    return f'<span class="in-prose">{html}</span>' if drawn else ARABIC_LETTER_MARK + html


# The stylesheet's rule that draws the mark; a project's own stylesheet without it has the mark written.
LETTER_MARK_RULE = ".in-prose::before"


_WESTERN_DIGIT = re.compile("[0-9]")  # Arabic-Indic digits are Arabic numbers wherever they stand
