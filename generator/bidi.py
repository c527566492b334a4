"""Where a text's opposite-direction runs are, as the Unicode Bidirectional Algorithm (UAX #9) sees them.

An Arabic sentence with `5G`, `F-16`, `$11.7bn` or `news@example.org` in it already reads right in a
browser: the algorithm's weak-type rules keep letters, digits, separators and terminators of one token
together. Cutting such a token where letters meet digits or symbols (as a pattern over scripts does) breaks
what the browser had right. So this module resolves the text's embedding levels the way the browser will
(rules W1–W7, N0–N2, I1–I2 for one paragraph at the page's direction), and a run to isolate is exactly a
maximal stretch the algorithm itself puts at the opposite direction's level. Isolating that stretch adds its
`lang` and shields its edges from the surrounding markup, and changes nothing else in the order a reader sees.

The few places where the raw text reads wrong are repaired by treating a character as the strong character
an editor would otherwise have to type a mark for (`REPAIRS` in the docs): a sign that opens a token
(`#G20`, `@UN_News`, `+212`, `$AAPL`), a sign that closes one (`C++`, `C#`, `18+`), the last period of
dotted initials (`U.S.`) and of a name's abbreviation (`Apple Inc.`), the spaced groups of an international
phone number (`+212 5 37 00 00 00`), and Arabic punctuation (`،`), which belongs to the Arabic sentence,
never inside a Latin run.

Why not a library: python-bidi and ICU's bindings return the reordered string for display, not the
resolved level of each character, which is what deciding where a run starts needs. Explicit embeddings
(LRE…PDI) are refused in content (`text_rules.forbidden`), so rules X1–X10 reduce to one isolating run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .bidi_repairs import OBJECT, PER, repair
from .quote_language import read_apart
from .quote_marks import bracket_pairs

STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}  # as N0 and N1 count them
NEUTRAL = {"B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI"}


@lru_cache(maxsize=8192)
def _classes(text: str, base: int) -> tuple[str, ...]:
    """Each character's bidi class, with the object stand-in as a neutral and the repairs applied."""
    classes = ["ON" if char == OBJECT else unicodedata.bidirectional(char) or "L" for char in text]
    repair(text, classes, base)
    return tuple(classes)


def _weak_types(classes: list[str], sos: str) -> list[str]:
    """Rules W1–W7 over one isolating run sequence."""
    types = list(classes)
    strong, previous = sos, sos
    for index, kind in enumerate(types):  # W1–W3
        if kind == "NSM":
            kind = previous if previous not in {"LRI", "RLI", "FSI", "PDI"} else "ON"
        if kind == "EN" and strong == "AL":
            kind = "AN"
        if kind in {"L", "R", "AL"}:
            strong = kind
        types[index] = "R" if kind == "AL" else kind
        if kind != "BN":
            previous = kind
    for index in range(1, len(types) - 1):  # W4 (boundary neutrals are skipped over, as X9 removes them)
        before, after = types[index - 1], types[index + 1]
        if types[index] == "ES" and before == after == "EN":
            types[index] = "EN"
        elif types[index] == "CS" and before == after and before in {"EN", "AN"}:
            types[index] = before
    index = 0
    while index < len(types):  # W5: terminators next to a European number join it
        if types[index] != "ET":
            index += 1
            continue
        end = index
        while end < len(types) and types[end] in {"ET", "BN"}:
            end += 1
        if (index and types[index - 1] == "EN") or (end < len(types) and types[end] == "EN"):
            types[index:end] = ["EN"] * (end - index)
        index = end
    types = ["ON" if kind in {"ES", "ET", "CS"} else kind for kind in types]  # W6
    strong = sos
    for index, kind in enumerate(types):  # W7
        if kind in {"L", "R"}:
            strong = kind
        elif kind == "EN" and strong == "L":
            types[index] = "L"
    return types


def _brackets(text: str, original: list[str], types: list[str], sos: str, embedding: str) -> None:
    """N0: a bracket pair takes the direction of what it encloses and of what precedes it."""
    for opening, closing in bracket_pairs(text, original):
        inside = {STRONG[kind] for kind in types[opening + 1 : closing] if kind in STRONG}
        if embedding in inside:
            direction = embedding
        elif inside:
            direction = next((STRONG[kind] for kind in reversed(types[:opening]) if kind in STRONG), sos)
        else:
            continue
        for index in (opening, closing):
            types[index] = direction
            follower = index + 1
            while follower < len(types) and original[follower] == "NSM":
                types[follower] = direction
                follower += 1


def _neutrals(types: list[str], sos: str, embedding: str) -> None:
    """N1–N2: a stretch of neutrals between two strong types of one direction takes it, else the embedding's."""
    index = 0
    while index < len(types):
        if types[index] not in NEUTRAL:
            index += 1
            continue
        end = index
        while end < len(types) and types[end] in NEUTRAL:
            end += 1
        before = STRONG[types[index - 1]] if index else sos
        after = STRONG[types[end]] if end < len(types) else sos
        types[index:end] = [before if before == after else embedding] * (end - index)
        index = end


# Bidi classes that leave a paragraph at its base level throughout, by base level. In LTR text with no
# right-to-left character, digits follow the letters before them or the start (W7) and every neutral lies
# between two L's (N1): all level 0. In RTL text with no LTR letter and no digit, every neutral lies between
# two R's: all level 1. What a repair could turn the other way is left to the full rules: Arabic punctuation
# (a CS, which a repair makes R) and the Quran's ornate parentheses (ON, made R) in LTR text; in RTL text,
# any digit (a sign before an N'Ko digit, class R, opens a number, which a repair makes L) and an underscore.
ONE_DIRECTION = (
    frozenset({"L", "EN", "NSM", "WS", "ON", "CS", "ES", "ET", "S"}),
    frozenset({"R", "AL", "NSM", "WS", "ON", "CS", "ES", "ET", "S"}),
)
_REPAIRABLE = (re.compile("[\u0600-\u06ff\ufd3e\ufd3f]"), re.compile(r"[\d_]"))  # (`/_`, `+_`: a name's start)


def _only_rtl_alphanumerics(text: str) -> bool:
    """Whether every letter and number of an RTL text is a right-to-left letter: a sign opening a token of
    another (`+¼`, `+ʹ`: neutral by class) reads left to right once repaired (found by the property test)."""
    return all(unicodedata.bidirectional(char) in {"R", "AL"} for char in text if char.isalnum())


@lru_cache(maxsize=8192)
def levels(text: str, base: int) -> tuple[int, ...]:
    """The resolved embedding level of each character of one paragraph at base level 0 (LTR) or 1 (RTL).

    A text of one direction (most words and many titles of a share card) is answered from its characters'
    classes alone, a twentieth of the full rules' time (tests/test_bidi.py checks the two agree)."""
    one_way = set(map(unicodedata.bidirectional, text)) <= ONE_DIRECTION[base % 2]
    if one_way and not _REPAIRABLE[base % 2].search(text) and (not base % 2 or _only_rtl_alphanumerics(text)):
        return (base,) * len(text)
    if quoted := quotations(text, base):
        return _with_quotations(text, base, quoted)
    return resolve_sequence(text, list(_classes(text, base)), base)


def resolve_sequence(text: str, classes: list[str], base: int) -> tuple[int, ...]:
    """Rules W1–W7, N0–N2 and I1–I2 over one isolating run sequence of these classes at base level 0 or 1
    (bidi_isolates gives them without the repairs)."""
    sos = "R" if base % 2 else "L"
    types = _weak_types(classes, sos)
    _brackets(text, classes, types, sos, sos)
    _neutrals(types, sos, sos)
    if base % 2:
        return tuple(base + 1 if kind in {"L", "EN", "AN"} else base for kind in types)
    return tuple(base + (2 if kind in {"EN", "AN"} else 1 if kind == "R" else 0) for kind in types)


# Texts that cannot hold an opposite run, told apart by regular expressions (most texts are these): in RTL
# text, one with no letter or mark of a left-to-right script and no sign a repair could join to a digit; in LTR
# text, one with no character of a right-to-left script. Anything else takes the full algorithm, so a text
# this misjudges as mixed only costs time. Each pattern starts with one class, which Python's `re` skips
# through fast: as one pattern of three branches, tried at every character, RTL texts took three times as long.
RTL_SCRIPTS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"  # the right-to-left scripts' blocks (of the BMP)
_NOT_RTL_OR_COMMON = re.compile(f"[^{RTL_SCRIPTS}\\s0-9!-,./:-@\\[-`{{-~\u00a0-\u00bf\u2010-\u2027\u2030-\u205e\ufffc]")
_SIGN_AT_DIGIT = re.compile(  # a sign before a digit (`+212`, `#1`, `’24`, `.5` but not `1.5`), a digit before a sign
    # (`1½`, `2^10`); apart, as a pattern that opens with one class is searched fast: a paragraph's opening per cent
    "[#@+$€£¥₹’'.0-9\u0660-\u0669\u06f0-\u06f9](?:(?:(?<=[#@+$€£¥₹’'])|(?<=[^0-9]\\.)|(?<=^\\.))[0-9\u0660-\u0669\u06f0-\u06f9]"
    "|(?<=[0-9])[+#/^-]|(?<=[0-9\u0660-\u0669\u06f0-\u06f9])[\u00bc-\u00be\u2150-\u215e])"
)
_OPENING_PER_CENT = re.compile(r"\W*[0-9][0-9.,]*%")
_RTL_SCRIPT = re.compile(f"[{RTL_SCRIPTS}\u200f\U00010800-\U00010fff\U0001e800-\U0001efff]")


# Groups of figures with a space between (`050 123 4567`, `(٠٢) ١٢٣٤٥٦٧`: a phone number, maybe, or one number,
# `1 250 000`), and a hashtag's or handle's underscore before a figure (`#_2023`): what bidi_figures may repair.
_FIGURE_GROUPS = re.compile(r"\d\)?[ \u00a0]\(?\d|[#@]_+\d|±")  # (and a margin, `5.4 ± 1.2`: latin_in_arabic.py)


def _may_be_mixed(text: str, base: int) -> bool:
    """False for a text that cannot hold an opposite run (above); True may still find none."""
    if base % 2:
        mixed = _NOT_RTL_OR_COMMON.search(text) or _SIGN_AT_DIGIT.search(text) or _FIGURE_GROUPS.search(text)
        return bool(mixed or _OPENING_PER_CENT.match(text))
    return bool(_RTL_SCRIPT.search(text))


def opposite_runs(text: str, base: int) -> list[tuple[int, int]]:
    """The stretches `[start, end)` the algorithm shows in the direction opposite to the paragraph's.

    A stretch is worth isolating when it holds a letter (a word, a name, an address) or a repaired sign
    (the `+` of `+212`): a bare number already reads the same with or without an isolate, so it is left
    as it is. Edge whitespace stays outside."""
    if not _may_be_mixed(text, base):
        return []
    resolved = levels(text, base)
    classes = _classes(text, base)
    raw = [unicodedata.bidirectional(char) for char in text]
    runs = []
    index = 0
    while index < len(text):
        if resolved[index] == base:
            index += 1
            continue
        end = index
        while end < len(text) and resolved[end] != base:
            end += 1
        start, stop = index, end
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        while stop < len(text) and text[stop - 1].isdigit() and text[stop] in PER and classes[stop] == raw[stop]:
            stop += 1  # `«التضخم 35%»`: the sign is its number's (left at the page's level, drawn by the run's first
            # word), but a paragraph's opening per cent, the sentence's (latin_in_arabic.opening_per_cent)
        letters = any(text[at].isalpha() for at in range(start, stop))
        repaired = any(classes[at] != raw[at] for at in range(start, stop))
        if start < stop and (letters or repaired):
            runs.append((start, stop))
        index = max(end, stop)
    return runs


ARABIC_LETTER_MARK = "\u061c"
# Marks that open a quotation (parentheses and brackets hold an aside, which reads the sentence's way).
_QUOTATION_MARKS = frozenset('«‹"“„‚‘”')
_SIGNED_NUMBER_FIRST = re.compile("[-+−]?[0-9]")


@lru_cache(maxsize=8192)
def quotations(text: str, base: int) -> tuple[tuple[int, int], ...]:
    """The words `[start, end)` of each quotation in the other direction's language that holds the page's letters
    or signs too (`«شكرًا Liverpool»`, `“الهاتف +212 …”` in English), outermost only. Such a
    quotation reads as its own language reads: left to the algorithm, only its Arabic words went against the
    English sentence, so a reader reading it from the right met its end first (`«شكرًا Liverpool»` read
    `Liverpool`, then `شكرًا`: an outside tester's). It is resolved as an isolate (`_with_quotations`), the page
    isolates it whole, and inside it what the other language's page isolates (direction.py)."""
    if not _may_be_mixed(text, base):
        return ()
    classes = _classes(text, base)
    found: list[tuple[int, int]] = []
    for opening, closing in bracket_pairs(text, list(classes)):
        if text[opening] not in _QUOTATION_MARKS or (found and opening < found[-1][1]):
            continue
        start, end = opening + 1, closing
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if read_apart(text, classes, start, end, base % 2):
            found.append((start, end))
    return tuple(found)


def letter_mark_before(quotation: str) -> bool:
    """Whether an Arabic quotation of an LTR page opens with a number, which needs an Arabic letter mark before
    it to read as the Arabic page reads it: there, numbers come after Arabic words and are Arabic numbers (rule
    W2), their per cent sign on their left; at a quotation's start, `«62% مقابل 38%»` showed `62%` and `%38`."""
    if not _SIGNED_NUMBER_FIRST.match(quotation):  # (`$5` opens a token the repairs read; `+5%` is a number)
        return False
    return next((kind for kind in map(unicodedata.bidirectional, quotation) if kind in {"L", "R", "AL"}), "") == "AL"


def _with_quotations(text: str, base: int, quoted: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Levels of a paragraph whose `quoted` stretches are isolates (UAX #9 X5a–X5c): each its own paragraph
    inside, one level up (RTL in LTR) or two (LTR in RTL), and to the paragraph around it, a strong character of
    its direction, so that a speaker and its colon read with it as one clause (`قال Klopp: «Thank you ليفربول»`:
    a retester's), as they do with a quotation of one language; the page then isolates that clause whole."""
    outer_text, position = [], 0
    for start, end in quoted:
        outer_text += [text[position:start], "\u200e" if base % 2 else "\u200f"]
        position = end
    outer = levels("".join(outer_text) + text[position:], base)
    resolved: list[int] = []
    at = position = 0  # in the paragraph with each quotation one mark, and in the text
    for start, end in quoted:
        resolved += outer[at : at + start - position]
        at, position = at + start - position + 1, end
        inner = text[start:end]
        if base % 2:
            resolved += (level + 2 for level in levels(inner, 0))
        else:
            mark = ARABIC_LETTER_MARK if letter_mark_before(inner) else ""
            resolved += levels(mark + inner, 1)[len(mark) :]
    return (*resolved, *outer[at:])
