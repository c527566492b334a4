"""Figures beside words of the other script: a date whose month is in it, a figure and its unit.

Repairs as bidi_repairs.py's are (the strong class that puts a reading right), for the numbers around a word of
the other script. On an English page: a number counting the next English word (`أمزميز 3 days`), Arabic-Indic
figures of the English sentence, the year and a range's second day of a date with an Arabic month (`15 رمضان
1445`, `28 فبراير–3 مارس`), and a figure's unit, which goes where its figure goes (`موجة حر 45°C`). On an Arabic
page: the Latin phrases of latin_in_arabic.py. On both: phone numbers, read as dialled however
their digits are typed, and figures grouped by spaces (`phones`); and on an English page a colon before the
figure that ends an Arabic phrase (`colon_before_figure`). Each is an outside tester's phrase a browser showed
out of order.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from .latin_in_arabic import latin_in_arabic

STRONG_CLASSES = {"L": "L", "R": "R", "AL": "R"}
_ARABIC_WORD = "[\u0621-\u064a]+"
_FOLLOWING_WORD = re.compile(r"[ \u00a0]+([^\W\d_])")
# A number set apart after an Arabic word, which may count the English word after it.
_NUMBER_AFTER_ARABIC = re.compile(r"(?<=[ \u00a0])[-+−]?[0-9]+(?:[-–.,/:][0-9]+)*%?(?=[ \u00a0,;:])")
# A figure that ends an Arabic name's phrase in an English list of values (`أرامكو 2%, سابك 3%`, `الهلال 66, النصر 59
# and الأهلي 50.`): the English sentence's, as one before an English word is (the algorithm drew `%2 أرامكو` beside
# `81.5%`, and `66 الهلال` beside `النصر 59 and`: an outside tester's English desk). A per cent is one alone (no
# name ends in one), signed too (`سابك -0.8%`), and a bare figure in a list of two such or more (`سورة 18, verse 10`
# stays the name's), before `)`, `(` or `:` too (`الهلال 3, النصر 1: the derby`), in either digits (two retesters').
_VALUE_AFTER_ARABIC = re.compile(
    r"(?<=[\u0621-\u064a\u064b-\u0652\u0670][ \u00a0])[-+−]?[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*+([%٪]?)"
    r"(?=[,;.!?):]|[ \u00a0]+(?:(?:and|or|&|[-–—])[ \u00a0]|\()|[ \u00a0]*$)"
)
# In English text, figures written onto Latin letters are one Latin token (`5G`, `2.4bn`, `143rd`, `18.5m`): after an
# Arabic word the algorithm gave the figures to the Arabic run and left the letters, `5 الرياضG` (a retester's).
_FIGURES_ON_LETTERS = re.compile(r"(?<![\w.,])[0-9]+(?:[.,][0-9]+)*+(?=[A-Za-z])")
# A year, which no list of values is made of (`قانون رقم 8 لسنة 2004 and قانون رقم 3 لسنة 2010`: a retester's), and
# the words before one that make it the Arabic phrase's (`لسنة 2004`, "of the year 2004"), whatever follows.
_YEAR = re.compile("1[89][0-9]{2}|2[01][0-9]{2}")
_YEAR_WORD = re.compile("(?:سنة|عام)[ \u00a0]+$")
# Arabic-Indic figures after English words, before no Arabic word (`٢٬٩٤٦ قتيلًا` is an Arabic phrase): the English
# sentence's, not an Arabic gloss's after them (`the hotline ٠٥٠-١٢٣ (الخط)` read reversed, after it: a retester's).
_INDIC_NUMBER = re.compile("[\u0660-\u0669]+(?:[-–/.,:\u066b\u066c][\u0660-\u0669]+)*")
# The year of a date whose month is in Arabic (`15 رمضان 1445`, `(1 ذو الحجة 1444)`): the English sentence's,
# whatever follows it (in brackets it read `(15 1445 رمضان)`, an outside tester's); and so are the dash and the
# second day of a range across two months (`28 فبراير–3 مارس` read `28 مارس 3–فبراير`, another's).
# The months by name, as the Arab press writes them (Egypt and the Gulf, the Levant and Iraq, Algeria and Tunisia,
# Morocco), and the Hijri ones: any word there took the year of a law's number for a date's (`قانون رقم 8 لسنة
# 2004` showed its year at the far end of the name: a retester's legal copy).
_MONTH_NAMES = (
    "يناير|فبراير|مارس|[أإا]بريل|مايو|يوني[وه]|يولي[وه]|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر"
    "|كانون الثاني|شباط|[آا]ذار|نيسان|[أا]يار|حزيران|تموز|[آا]ب|[أا]يلول|تشرين الأول|تشرين الثاني|كانون الأول"
    "|جانفي|فيفري|[أا]فريل|ماي|جوان|جويلية|[أا]وت|يوليوز|غشت|شتنبر|نونبر|دجنبر"
    "|محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الآخرة|جمادى الثانية|رجب|شعبان|رمضان|شوال"
    "|ذو القعدة|ذو الحجة|ذي القعدة|ذي الحجة"
)
_ARABIC_MONTH = rf"(?<![0-9])[0-9]{{1,2}}[ \u00a0]+(?:{_MONTH_NAMES})(?![\u0621-\u064a])"
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


# Phone numbers, dialled left to right, 7 digits or more, in any digits (typed in Arabic-Indic ones, their groups
# read from the right: an outside tester's): international with spaces, hyphens or stops between groups, one in
# brackets (`+212 5 37 00 00 00`, `+٢١٢-٥٣٧-١٢٣٤٥٦`, `+٩٧١ (٤) ١٢٣-٤٥٦٧`), or national, a leading 0 in a group of
# two or more, with hyphens or spaces (`0800-00-00-00`, `٠٥٠ ١٢٣ ٤٥٦٧`), or its area code in brackets
# (`(٠٢) ١٢٣٤٥٦٧`, `(02) 2345 6789`); a date is none (`٠٧-٠٨-٢٠٢٣`, which the house style reads from the right as
# `١٠-٠٨-٢٠٢٣`).
# (An Arabic letter may stand right before one: a joined prefix such as و, "and".)
# (A left-to-right mark may stand before a group: the one direction.py puts there, read again from a page's text
# on its share card.)
# A phone has a group of three figures or more (`٠٥٠ ١٢٣ ٤٥٦٧`, `02 2345 6789`): a list of two-digit numbers is none
# (`05 12 23 34`, a draw's numbers, read from the right: a retester's); `00` opens an international one too, and its
# code may be bracketed (`00 971 4 123 4567`, `(+966) 50 123 4567`: a second retester's).
_SPACED_PHONE = re.compile(
    r"(?<![\dA-Za-z+(])(?<!\d )(?:\(?\+|(?:00|٠٠|۰۰)[ \u00a0]?)\d{1,4}\)?"
    r"(?:[ \u00a0.-]\u200e?\(?\u200e?\d{1,6}\)?){2,}(?![\w(])"
)
_NATIONAL_PHONE = re.compile(
    r"(?<![\dA-Za-z-])(?<!\d )(?:[0٠۰]\d+(?:-\u200e?\d+)+|[0٠۰]\d+(?: \u200e?\d{2,4})+"
    r"|\([0٠۰]\d{1,3}\)[ \u00a0]?\u200e?\d{2,8}(?:[- \u00a0]\u200e?\d{2,6})*)(?![\w-])"
)
# Numbers that are dialled or copied, not counted, though they lack the marks above (left to right as one): an
# identifier of three hyphenated groups or more and ten figures or more (an Emirates ID `784-1990-1234567-1`, an
# ISBN, a tax number `300-123-456-700-003`, `2023-1234-5678`, `800-123-4567`; read from the right as a range of
# ranges: a retester's), not a list (`2019-2020-2021`, pages `112-115-118-120`, a countdown: a second retester's;
# `listed`). By spaces, a free or unified number (`800 123 4567`, `9200 12345`) unless a list (`800 900 1000`,
# `800 650 1200`, prices), and ten figures in pairs from a zero (`05 37 12 34 56`, as Morocco and Algeria write).
_IDENTIFIER = re.compile(r"(?<![\dA-Za-z+-])\d+(?:-\u200e?\d+){2,}(?![\w-])")
_SPACED_SERVICE = re.compile(
    r"(?<![\dA-Za-z+-])(?<!\d )(?:[8٨۸][0٠۰][0٠۰][ \u00a0]\u200e?\d{3}[ \u00a0]\u200e?\d{4}"
    r"|(?P<unified>[9٩۹][2٢۲][0٠۰][0٠۰][ \u00a0]\u200e?\d{5})|(?P<pairs>[0٠۰]\d(?:[ \u00a0]\u200e?\d\d){4}))"
    r"(?![\w-]| ?\d)"
)
_YEARS = range(1300, 2101)  # (Hijri years too: `1446-1447-1448`)


def listed(numbers: list[int]) -> bool:
    """Whether figures in groups are a list rather than one identifier or number: rising or falling, in steps of
    one size, or round (prices, `800 900 1000`, `250-500-1000`): two retests' lists, and a third's identifiers
    (`2023-1234-5678`) that are none. (`_identifier` adds two figures each at most, scores, and years.)"""
    steps = {later - earlier for earlier, later in itertools.pairwise(numbers)}
    rising = all(later > earlier for earlier, later in itertools.pairwise(numbers))
    falling = all(later < earlier for earlier, later in itertools.pairwise(numbers))
    return len(steps) == 1 or rising or falling or all(number % 5 == 0 for number in numbers)


def _identifier(groups: list[str]) -> bool:
    """Whether hyphenated groups of figures (ten or more) are an identifier, not a list (above)."""
    numbers = [int(group) for group in groups]
    years = all(len(group) == 4 and number in _YEARS for group, number in zip(groups, numbers, strict=True))
    return sum(map(len, groups)) >= 10 and max(map(len, groups)) > 2 and not years and not listed(numbers)


# Figures grouped in threes by spaces typed (`1 250 000`, `١ ٠٠٠ ٠٠٠`; not from a zero, nor before more figures:
# `04 123 4567` is a phone, a third retest's) are one number: the spaces join it as a
# no-break space does (the algorithm's CS), where it read as three numbers from the right (a retester's).
_SPACED_THOUSANDS = re.compile(r"(?<!\d)(?<!\d )[1-9\u0661-\u0669\u06f1-\u06f9]\d{0,2}(?: \d{3})+(?! ?\d)")
# In English text, a colon between an Arabic word and the figure that ends its phrase is the sentence's, as its
# commas are (`Talks in عمّان: 12/09/2023.`, `الأهلي: 2, الزمالك: 1`: the date showed before the place, an outside
# tester's); not in quotation marks, where the colon is the quotation's (`«الساعة: 10»`), nor where the phrase goes
# on after the figure. The figure is whole (possessive: `2-1`, `2,946`, the first rule took their first digits).
_FIGURE = r"[-+−]?[0-9\u0660-\u0669]++(?:[.,/:\u066b\u066c–-][0-9\u0660-\u0669]++)*+"
# The phrase goes on when an Arabic letter (or an element: an editor's `<bdi lang>`) comes before any Latin one, a
# sentence's stop or an English comma: `5% نمو`, `5 (خمسة) ملايين`, `2-1 لصالح الأهلي` go on; `5%.`, `22% (2023).`,
# `12/09/2023 (Tuesday)`, `10:30 – 14:00 daily`, `12/09/2023. الرياض followed` (a new sentence) end it (two
# retests': the second rule took every sign or bracket after the figure for more of the phrase).
# (Hebrew's letters too: `Talks in ירושלים: 12/09/2023.`, a retester's.) A dash, slash or bar before another such item
# ends the first as `&` does (`مصر: 5% — السعودية: 3%`, `الأهلي: 2 – الزمالك: 1`: a retester's), not before more of
# the phrase (`قال الوزير: 5 – ملايين`).
_ARABIC_GOES_ON = "\u0621-\u064a\u066e-\u06d3\u060c\u061b\ufffc\u05d0-\u05ea"  # letters, commas, an element
_NEXT_ITEM = (
    rf"[ \u00a0]?[%٪‰]?[ \u00a0]*(?:[—–/|·]|(?<= )-(?= ))[ \u00a0]*[{_ARABIC_GOES_ON}][^:A-Za-z.!?]*:[ \u00a0]+"
    r"[-+−]?[0-9\u0660-\u0669]"
)
_PHRASE_GOES_ON = rf"(?!{_NEXT_ITEM})[^A-Za-z{_ARABIC_GOES_ON}.!?…,;&]*+[{_ARABIC_GOES_ON}]"  # (not `٪` or digits)
_COLON_BEFORE_FIGURE = re.compile(
    rf"(?<=[\u0621-\u0652\u0670\u066e-\u06d3\u05d0-\u05ea]):(?=[ \u00a0]+{_FIGURE}(?!{_PHRASE_GOES_ON}))"  # (`مصرُ:`)
)
# ... and the colon that opens an English list of Arabic items (`Projects under رؤية 2030: نيوم, القدية and …`): the
# list's first item was read into the name before the colon, NEOM before "Vision 2030" (a retester's).
_COLON_BEFORE_LIST = re.compile(
    r"(?<=[\u0621-\u0652\u0670\u066e-\u06d30-9]):"
    r"(?=[ \u00a0]+[\u0621-\u064a][^,:;.!?A-Za-z\n]*,[ \u00a0]+[\u0621-\u064a])"
)
# ... and the colon before a quotation after one Arabic word in an English clause (`backlash in مصر: «حرية التعبير
# ليست فوضى»`): the quotation is the English sentence's next part; read as one Arabic clause, the place came after
# its quotation (an outside tester's headline). Not after an Arabic clause of its own (`قال الوزير: «لن نتراجع»`:
# reported speech, which reads as Arabic reads: a reviewer's).
_COLON_BEFORE_QUOTATION = re.compile(
    r"(?<=[A-Za-z,][ \u00a0])[\u0621-\u0652\u0670\u066e-\u06d3\u05d0-\u05ea]+:(?=[ \u00a0]*[«“\"„‹])"
)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|‹[^›]*›|„[^“”]*[“”]|(?<!\w)'[^']*'")


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
        latin_in_arabic(text, classes)
        for match in _FRACTION.finditer(text):
            classes[match.start()] = "EN"
        return
    _numbers_after_arabic(text, classes)
    for match in _FIGURES_ON_LETTERS.finditer(text):
        classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
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
    sentence, not to the Arabic run the algorithm would pull it into; and so does a value in a list of them
    (`_VALUE_AFTER_ARABIC`). Followed by anything else (`صندوق 126 (Fund 126)`, `سورة 18, verse 10`) it may be
    part of the Arabic name, and stays as the algorithm shows it."""
    for match in _NUMBER_AFTER_ARABIC.finditer(text):
        before = strong(classes, range(match.start() - 1, -1, -1), "")
        word = _FOLLOWING_WORD.match(text, match.end())
        of_year = _YEAR_WORD.search(text, max(0, match.start() - 12), match.start())  # (`لسنة 2004 was passed`)
        if before in {"R", "AL"} and word and classes[word.start(1)] == "L" and not of_year:
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    quotes = [range(*found.span()) for found in _QUOTED.finditer(text)] if _VALUE_AFTER_ARABIC.search(text) else []
    values = [found for found in _VALUE_AFTER_ARABIC.finditer(text) if not any(found.start() in at for at in quotes)]
    values = [found for found in values if found.group(1) or not _YEAR.fullmatch(found.group())]  # (a name's year)
    for match in values:
        if match.group(1) or len(values) > 1:
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


def phones(text: str, classes: list[str]) -> None:
    """Phone numbers as one left-to-right token, and figures grouped by spaces as one number (above)."""
    for pattern in (_SPACED_PHONE, _NATIONAL_PHONE):
        for match in pattern.finditer(text):
            groups = [len(group) for group in re.findall(r"\d+", match.group())]
            if sum(groups) >= 7 and max(groups) >= 3 and not _is_date(match.group()):  # (`05 12 23 34`: a list)
                classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in _IDENTIFIER.finditer(text) if "-" in text else ():
        if _identifier(re.findall(r"\d+", match.group())):
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in _SPACED_SERVICE.finditer(text):
        numbers = [int(group) for group in re.findall(r"\d+", match.group())]
        if match.group("pairs") or match.group("unified") or not listed(numbers):
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in _SPACED_THOUSANDS.finditer(text) if " " in text else ():
        for at in range(match.start(), match.end()):
            classes[at] = "CS" if text[at] == " " else classes[at]


def colon_before_figure(text: str, classes: list[str]) -> None:
    """In English text, the colon before the figure that ends an Arabic phrase, before a list of Arabic items, or
    before a quotation, outside quotation marks (above)."""
    quotes = [range(*found.span()) for found in _QUOTED.finditer(text)]
    found = (_COLON_BEFORE_FIGURE, _COLON_BEFORE_LIST, _COLON_BEFORE_QUOTATION)
    for match in (match for pattern in found for match in pattern.finditer(text)):
        if not any(match.start() in inside for inside in quotes):
            classes[match.end() - 1] = "L"


def _is_date(figures: str) -> bool:
    """Whether a hyphenated figure is a day's date (`07-08-2023`, `2023-09-12`), which house style reads as the
    sentence does, and no phone number (`04-85-1234`: no month 85)."""
    parts = re.split("[- \u00a0]", figures.replace("\u200e", ""))  # (`٠٧ ٠٨ ٢٠٢٣` too)
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return False
    if len(parts[0]) == 4:
        parts = parts[::-1]
    if len(parts[2]) != 4 or len(parts[0]) > 2 or len(parts[1]) > 2:
        return False
    first, second = int(parts[0]), int(parts[1])
    return min(first, second) >= 1 and max(first, second) <= 31 and min(first, second) <= 12
