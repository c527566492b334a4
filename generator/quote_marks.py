"""Which brackets and quotation marks pair, which open, which close, and which are a word's apostrophe or a Hebrew
word's geresh: for pairing them (bidi.py: rule N0, and quotations) and for giving such a mark to its word
(bidi_repairs.py).

A `’` is both English's closing single quote and its apostrophe; a `'` is a quote mark as well; Swedish opens
with the mark English closes with. Each rule here comes from an outside tester's phrase the page read wrong.
Each text is read once, in one pass each way (a text of thousands of apostrophes read from its start for each
one took `check` 28 s: a retester's).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile("[sS][’'] [A-Za-z\u00c0-\u024f]")  # `players’ union` (a Latin word after it)


def possessive(text: str, index: int) -> bool:
    """A `’` (or `'`) after a plural's `s` and before a word, with a mark to close the quotation still to come
    (`‘The players’ union said no’`): the possessive, where the quotation closed early (an outside tester's)."""
    return index in _possessives(text)


@lru_cache(maxsize=4096)
def _possessives(text: str) -> frozenset[int]:
    """Every such possessive's place, read from the text's end: a closing mark is ahead while no opening one
    came between."""
    found, ahead = set(), {"’": False, "'": False}
    for at in range(len(text) - 1, -1, -1):
        char = text[at]
        if closed := _opening(text, at):
            ahead[closed] = False
        elif char in ahead and not text[at + 1 : at + 2].isalnum():
            if ahead[char] and _POSSESSIVE.match(text, at - 1):
                found.add(at)
            ahead[char] = True
    return frozenset(found)


def opens_word(text: str, index: int) -> bool:
    """A mark at a word's start, before its first letter or digit: as `”Vi är klara”` opens with `”`."""
    return (not index or text[index - 1] in " \u00a0(:[—–-") and text[index + 1 : index + 2].strip() != ""


def closes_quote(text: str, index: int, stack: list[tuple[str, int]]) -> bool:
    """Whether a straight double quote, which both opens and closes, closes one: never after a space (it opens
    the words after it), else when one is open. So nested quotes pair inside out (`"X: "Welcome""`)."""
    return bool(index) and not text[index - 1].isspace() and any(closer == text[index] for closer, _ in stack)


def ends_possessive(text: str, classes: list[str], index: int) -> bool:
    """A `’` (or `'`) ending a Latin word, with no quotation its mark would close open before it: a possessive
    (`نقابة Players’`), the word's. Left to the Arabic sentence, it read `’Players`, a quotation's opening (an
    outside tester's), and so it did after any quotation earlier in the text (a retester's `قال ‘Yes’ ثم …`)."""
    after = text[index + 1 : index + 2]
    if not index or not text[index - 1].isalpha() or classes[index - 1] != "L" or after.isalnum():
        return False
    return index in _unquoted_ends(text)


@lru_cache(maxsize=4096)
def _unquoted_ends(text: str) -> frozenset[int]:
    """The marks after a letter, before none, where no quotation they would close is open: each quotation's
    opening mark (`‘`, or a `'` at a word's start) counted up, each closing one (not a possessive) down."""
    found, depth, owned = set(), {"’": 0, "'": 0}, _possessives(text)
    for at, char in enumerate(text):
        if closed := _opening(text, at):
            depth[closed] += 1
        elif char in depth and text[at - 1 : at].isalpha() and not text[at + 1 : at + 2].isalnum():
            if not depth[char]:
                found.add(at)
            elif at not in owned:
                depth[char] -= 1
    return frozenset(found)


def _opening(text: str, at: int) -> str:
    """The mark that closes the quotation the mark at `at` opens (`’` for `‘`, `'` for a `'` at a word's start,
    before a letter: after a space, a sign or an Arabic letter, `و'Smith'`); "" if it opens none."""
    char, before = text[at], text[at - 1 : at]
    if char == "‘":
        return "’"
    opens = char == "'" and text[at + 1 : at + 2].isalpha()
    return "'" if opens and not (before.isalpha() and unicodedata.bidirectional(before) == "L") else ""


# Hebrew letters (and the Yiddish ligatures), whose keyboard writes an acronym's gershayim and an abbreviation's
# or a borrowed sound's geresh as `"` and `'` (`צה"ל`, `ג'ורג'`, `סמוטריץ'`).
# Bidi_Paired_Bracket pairs (Unicode's BidiBrackets.txt) that news text uses; N0 pairs them.
_BRACKETS = (
    "()[]{}⁅⁆⁽⁾₍₎⌈⌉⌊⌋〈〉❨❩❪❫❬❭❮❯❰❱❲❳❴❵⟅⟆⟦⟧⟨⟩⟪⟫⟬⟭⟮⟯⦃⦄⦅⦆"
    + "〈〉《》「」『』【】〔〕〖〗〘〙〚〛﹙﹚﹛﹜﹝﹞（）［］｛｝｟｠｢｣"
    # Guillemets and angle brackets are no Bidi_Paired_Bracket, yet they pair in news text: `قال Macron:
    # «Nous…»` or `خطة IMEC <Kim>` would otherwise draw both marks one way (a repair, as in bidi_repairs).
    + "«»‹›<>"
    # So do straight double quotes, the first of two opening: `كتب النادي على X: "Welcome, João!"` drew
    # the closing one before `X` (an outside tester's; the newsroom's commonest way to quote).
    + '""'
    # And curly quotes (`قالت OpenAI: “We are not done”.` drew `”` against `OpenAI`: an outside tester's); a `’`
    # inside a word is an apostrophe (`don’t`), not a quotation's end (`_bracket_pairs`).
    + "“”‘’"
    # And German ones, which close with the English opening marks (`Scholz: „Wir schaffen das“`: a retester's).
    + "„“‚‘"
)
OPENING = {_BRACKETS[i]: _BRACKETS[i + 1] for i in range(0, len(_BRACKETS), 2)}
CLOSING = {closing: opening for opening, closing in OPENING.items()}


def bracket_pairs(text: str, classes: list[str]) -> list[tuple[int, int]]:
    """BD16: matching bracket pairs among characters that are still neutral, in order of their opening."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for index, char in enumerate(text):
        if classes[index] != "ON":
            continue
        if char == "’" and (text[index + 1 : index + 2].isalnum() or possessive(text, index)):
            continue  # an apostrophe: `don’t`, `Côte d’Ivoire`, `the players’ union`
        closes = char in CLOSING and (char not in OPENING or closes_quote(text, index, stack))
        if char == "”" and not any(closer == char for closer, _ in stack) and opens_word(text, index):
            stack.append((char, index))  # Swedish and Finnish quote with ”…” (`Löfven: ”Vi är klara”`)
        elif char in OPENING and not closes:
            if len(stack) == 63:
                break
            stack.append((OPENING[char], index))
        elif closes:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return sorted(pairs)


_HEBREW_LETTERS = frozenset(map(chr, [*range(0x05D0, 0x05EB), *range(0x05F0, 0x05F3)]))


def hebrew_marks(text: str, classes: list[str]) -> None:
    """A `"` between two Hebrew letters, or a `'` after one and not before another script's letter, is the
    word's gershayim or geresh: a letter of it (R), never a quotation mark. In English, `the IDF (צה"ל)` inside a
    quotation closed the quotation at the acronym's mark and showed ל before צה, and `Smotrich (בצלאל סמוטריץ')`
    put the geresh at the name's start (an outside tester's). A `'` after a Hebrew word closes a single
    quotation opened before it (`'שלום'`), as a quotation mark."""
    quoting = 0  # single quotations open: a `'` at a word's start, before a letter (`'n'` in `'Rock 'n' roll…'`)
    for index, char in enumerate(text):
        if char not in "\"'":
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if before in _HEBREW_LETTERS and (
            after in _HEBREW_LETTERS or (char == "'" and not quoting and not after.isalpha())
        ):
            classes[index] = "R"
        elif char == "'" and not before.isalnum() and after.isalpha():
            quoting += 1
        elif char == "'" and before.isalpha() and not after.isalpha():  # (`It's` closes nothing)
            quoting = max(quoting - 1, 0)
