"""Figures beside words of the other script: a date whose month is in it, a figure and its unit.

Repairs as bidi_repairs.py's are (the strong class that puts a reading right), for the numbers around a word of
the other script. On an English page: a number counting the next English word (`أمزميز 3 days`), Arabic-Indic
figures of the English sentence, the year and a range's second day of a date with an Arabic month (`15 رمضان
1445`, `28 فبراير–3 مارس`), and a figure's unit, which goes where its figure goes (`موجة حر 45°C`). On an Arabic
page: a day written before its Latin month (`30 November 2023`). Each is an outside tester's phrase a browser
showed out of order.
"""

from __future__ import annotations

import re
import unicodedata

STRONG_CLASSES = {"L": "L", "R": "R", "AL": "R"}
_ARABIC_WORD = "[\u0621-\u064a]+"
_FOLLOWING_WORD = re.compile(r"[ \u00a0]+([^\W\d_])")
# A number set apart after an Arabic word, which may count the English word after it.
_NUMBER_AFTER_ARABIC = re.compile(r"(?<=[ \u00a0])[0-9]+(?:[-–.,/:][0-9]+)*%?(?=[ \u00a0,;:])")
# Arabic-Indic figures after English words, before no Arabic word (`٢٬٩٤٦ قتيلًا` is an Arabic phrase): the English
# sentence's, not an Arabic gloss's after them (`the hotline ٠٥٠-١٢٣ (الخط)` read reversed, after it: a retester's).
_INDIC_NUMBER = re.compile("[\u0660-\u0669]+(?:[-–/.,:\u066b\u066c][\u0660-\u0669]+)*")
# The year of a date whose month is in Arabic (`15 رمضان 1445`, `(1 ذو الحجة 1444)`): the English sentence's,
# whatever follows it (in brackets it read `(15 1445 رمضان)`, an outside tester's); and so are the dash and the
# second day of a range across two months (`28 فبراير–3 مارس` read `28 مارس 3–فبراير`, another's).
_ARABIC_MONTH = rf"(?<![0-9])[0-9]{{1,2}}[ \u00a0]+{_ARABIC_WORD}(?:[ \u00a0]+{_ARABIC_WORD})?"
_YEAR_AFTER_ARABIC_MONTH = re.compile(rf"{_ARABIC_MONTH}[ \u00a0]+([0-9]{{3,4}})(?![0-9])")
_DAY_AFTER_ARABIC_MONTH = re.compile(
    rf"{_ARABIC_MONTH}[ \u00a0]*([–-][ \u00a0]*[0-9]{{1,2}})(?=[ \u00a0]+[\u0621-\u064a])"
)
# A figure and its unit sign (`45°C`, `31.6°N`, `90°`, `47 °C` as SI spaces it, `47℃`), or its fraction (`1½`),
# in any digits: read left to right as one. The algorithm takes a vulgar fraction or `℃` for a neutral, which
# Arabic text drew before its whole number (`½1`, "half one": an outside tester's; `℃47`, a retester's).
_FRACTIONS = "\u00bc-\u00be\u2150-\u215e℃℉"
FIGURE_WITH_UNIT = re.compile(
    rf"\d+(?:[.,٫]\d+)?(?P<unit>[ \u00a0\u202f]?[°′″][A-Za-z]{{0,2}}|[{_FRACTIONS}])(?![A-Za-z])"
)
_FRACTION = re.compile(f"(?<=\\d)[{_FRACTIONS}]")
_UNIT_OR_FRACTION = re.compile(f"[°′″{_FRACTIONS}]")
# What follows a figure and its unit in the English sentence (`45°C was`, `45°C, a record`).
_ENGLISH_AFTER = re.compile(r"[,;:]?[ \u00a0]+([^\W\d_])")
# On an Arabic page, a day before its Latin month: one left-to-right date with it. The month's run takes the year
# with it, and the day stood after the year (`30 November 2023` read `November 2023 30`, `(30 Nov–12 Dec 2023)`
# `(Nov–12 Dec 2023 30)`: an outside tester's). A number and a word apart are house style (`72 km`, `11 p.m.`).
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_DAY_BEFORE_LATIN_MONTH = re.compile(
    rf"(?<![\w.,:])[0-9]{{1,2}}(?:[–-][0-9]{{1,2}})?(?=[ \u00a0](?:{_MONTHS})(?![A-Za-z]))"  # (`9–10 September`)
)


def figure_with_unit(text: str) -> bool:
    """Whether a text may hold a figure with its unit or fraction (a quick test, before the pattern's)."""
    return _UNIT_OR_FRACTION.search(text) is not None


def strong(classes: list[str], indexes: range, default: str) -> str:
    """The class of the first strong character at `indexes` (read back or forward), or `default`."""
    return next((classes[i] for i in indexes if classes[i] in STRONG_CLASSES), default)


def arabic_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.bidirectional(char) in {"AL", "R"}


def figures(text: str, classes: list[str], base: int) -> None:
    """The repairs above, for a paragraph shown at base level 0 (an English page) or 1 (an Arabic one)."""
    if base == 1:  # (a fraction is its number's digit: a range of two, `1½–2½`, reads from the right as `1–2`)
        for match in _DAY_BEFORE_LATIN_MONTH.finditer(text):
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
        for match in _FRACTION.finditer(text):
            classes[match.start()] = "EN"
        return
    _numbers_after_arabic(text, classes)
    for match in _INDIC_NUMBER.finditer(text):
        before = strong(classes, range(match.start() - 1, -1, -1), "L")
        if STRONG_CLASSES[before] == "L" and not arabic_letter(text[match.end() :].lstrip()[:1] or "."):
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for pattern in (_YEAR_AFTER_ARABIC_MONTH, _DAY_AFTER_ARABIC_MONTH):
        for match in pattern.finditer(text):
            classes[match.start(1) : match.end(1)] = ["L"] * (match.end(1) - match.start(1))
    if figure_with_unit(text):
        _units(text, classes)


def _numbers_after_arabic(text: str, classes: list[str]) -> None:
    """In English text, a number set apart after an Arabic word and directly followed by an English word
    counts what follows (`Survivors in أمزميز 3 days`, `الرجاء 2-1 winners`), so it belongs to the English
    sentence, not to the Arabic run the algorithm would pull it into. Followed by anything else
    (`صندوق 126 (Fund 126)`, `سورة 18, verse 10`) it may be part of the Arabic name, and stays as the
    algorithm shows it."""
    for match in _NUMBER_AFTER_ARABIC.finditer(text):
        before = strong(classes, range(match.start() - 1, -1, -1), "")
        word = _FOLLOWING_WORD.match(text, match.end())
        if before in {"R", "AL"} and word and classes[word.start(1)] == "L":
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())


def _units(text: str, classes: list[str]) -> None:
    """In English text, a figure with its unit after an Arabic word: the unit goes with the figure, into the
    Arabic phrase (`(موجة حر 45°C)`, `«من −2°C إلى 5°C»`) unless an English word follows (`في الرياض 45°C was`).
    The algorithm gave the figure to the Arabic words and the unit to the English sentence: `(45 حر موجة °C)`,
    the figure and its unit apart (an outside tester's). In the phrase the unit counts as its figure's digits
    (EN), read left to right with them; a browser reads the sign and the letters as apart from the digits
    there (`C°45`), so the page isolates the figure and its unit in the phrase (direction.py)."""
    for match in FIGURE_WITH_UNIT.finditer(text):
        if strong(classes, range(match.start() - 1, -1, -1), "L") not in {"R", "AL"}:
            continue
        word = _ENGLISH_AFTER.match(text, match.end())
        english = word is not None and classes[word.start(1)] == "L"
        start = match.start() if english else match.start("unit")
        classes[start : match.end()] = ["L" if english else "EN"] * (match.end() - start)
