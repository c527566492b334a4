"""The levels a browser resolves for a text whose runs are isolated, with none of the generator's repairs: what a
share card draws its title by, so that it shows the order its page shows.

A page's text reaches the card as plain text with the page's isolates written as the Unicode controls that do
what `<bdi dir>` does (LRI, RLI, FSI … PDI: plain_text.plain_in_order), and its marks. The repairs (bidi_repairs,
bidi_figures, latin_in_arabic) are in those isolates already: they decided which stretch the page isolates. The
card drew by `bidi.levels` over the text without isolates instead, which repeats the decision but not what the
browser then does around an isolate: in `فاز Liverpool على ⁦Chelsea⁩ 4-1 في`, the page's score follows the Arabic
before the isolate (the digits read as Arabic numbers, UAX #9 W2) and shows `4-1` with the 4 beside Chelsea's
name; the card, reading `Chelsea 4-1` as one Latin stretch, drew `1-4` (an outside tester's).

Why here and not in `bidi.levels`: content may hold no isolate controls (text_rules), so the levels that decide the
page's runs never meet one; a card's text always does. The weak, bracket and neutral rules are bidi.py's own.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .bidi import ONE_DIRECTION, resolve_sequence

_OPENERS = {"\u2066": 0, "\u2067": 1, "\u2068": None}  # LRI, RLI, FSI (first strong)
_CLOSER = "\u2069"  # PDI
ISOLATE_CONTROLS = frozenset([*_OPENERS, _CLOSER])


@lru_cache(maxsize=8192)  # a card's lines are measured again and again while they are wrapped
def isolated_levels(text: str, base: int) -> tuple[int, ...]:
    """Each character's level in one paragraph at base level 0 or 1, as UAX #9 resolves it (X5a–X6a, BD13): each
    isolate's content at the next level of its direction, resolved on its own, its initiator and PDI neutrals of
    the text around it; a nested isolate the same way inside. An isolate left open ends with the paragraph. A text
    of one direction (most titles and words) is answered from its characters' classes alone."""
    if set(map(unicodedata.bidirectional, text)) <= ONE_DIRECTION[base % 2]:
        return (base,) * len(text)
    spans = _isolates(text)
    outside = list(range(len(text)))
    for start, end in reversed(spans):  # the contents taken out: the text around sees only the two controls
        del outside[start + 1 : end]
    found = [base] * len(text)
    outer = _levels("".join(text[index] for index in outside), base)
    for index, level in zip(outside, outer, strict=True):
        found[index] = level
    for start, end in spans:
        inner = text[start + 1 : end]
        direction = _OPENERS[text[start]]
        direction = _first_strong(inner) if direction is None else direction
        level = base + 1 if (base + 1) % 2 == direction else base + 2
        found[start + 1 : end] = [each + level - direction for each in isolated_levels(inner, direction)]
    return tuple(found)


def _isolates(text: str) -> list[tuple[int, int]]:
    """The outermost isolates: their initiator's index and their PDI's (the text's length if none ends one)."""
    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            start = index if depth == 0 else start
            depth += 1
        elif char == _CLOSER and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index))
    return [*spans, (start, len(text))] if depth else spans


def _first_strong(text: str) -> int:
    """P2–P3 for an FSI: 1 if the first strong letter outside nested isolates is right-to-left, else 0."""
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char == _CLOSER:
            depth = max(0, depth - 1)
        elif not depth and (kind := unicodedata.bidirectional(char)) in {"L", "R", "AL"}:
            return 0 if kind == "L" else 1
    return 0


def _levels(text: str, base: int) -> tuple[int, ...]:
    """One isolating run sequence's levels (W1–I2), the repairs left out: the browser knows none."""
    classes = [unicodedata.bidirectional(char) or "L" for char in text]
    return resolve_sequence(text, classes, base)
