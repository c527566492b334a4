"""Where raw mixed-direction text reads wrong, and the strong class that puts it right.

Each repair makes a character count as the strong character an editor would otherwise have to type a
mark for (LRM or RLM), so the Unicode Bidirectional Algorithm then resolves the text as a reader expects.
They come from the hand-marked corpus (tests/corpus/mixed_direction.yml) and an outside tester's phrases;
each is a case the raw text gets wrong in a browser, and nothing else changes. House-style questions (a
number range `9-10 سبتمبر`, a football formation `4-4-2`, a hyphenated date, a number and a unit apart, a
minus sign) are left as the raw text shows them.
"""

from __future__ import annotations

import re
import unicodedata

from .bidi_figures import STRONG_CLASSES, arabic_letter, colon_before_figure, figures, phones, strong
from .quote_marks import ends_possessive, hebrew_marks

# What stands for an element the text flows around (an isolate, stashed HTML): a neutral.
OBJECT = "\ufffc"
OPENING_SIGNS = frozenset("#@+$€£¥₹.")  # `#G20`, `@UN_News`, `+212`, `$AAPL`, `.NET`
# `C++`, `C#`, `OPEC+`, `18+`, a web address's final `/`, a mark (`Lantus®`, `Windows™`), and a currency's sign
# after its country's letters (`US$`, `HK$`, `A$`, and CLDR's `UK£`, `JP¥`): an outside tester's `لكل US$` read
# `$US`, `Lantus®` `®Lantus`, and a second's `UK£` `£UK`.
CLOSING_SIGNS = frozenset("+#/®™©℠$£¥")
PER = frozenset("%٪‰‱")  # signs written after a number (of the class, ET, the algorithm leaves to the sentence)
SENTENCE_PUNCTUATION = frozenset(".!?…")  # a comma before a closing quote is the outer sentence's (“…,” she said)
ARABIC_PUNCTUATION = frozenset("،؛؟۔")
# The Quran's ornate parentheses (`﴿…﴾`), never mirrored: in English text they paired as the sentence's brackets
# and drew facing outwards, `)verse(` (an outside tester's `﴿(112:1)﴾ قل هو الله أحد`). They are the quotation's.
ORNATE_PARENTHESES = frozenset("\ufd3e\ufd3f")
_DOTTED_INITIALS = re.compile(r"(?<![^\W\d_])(?:[A-Za-z]\.){2,}")  # U.S., U.K., a.m.
# The full stop of an English abbreviation that names or titles (`Apple Inc.`, `Aramco Ltd.`, `Dr.`), before
# a space or the end: it belongs to the name, never to the Arabic sentence around it (an outside tester's
# `شركة Apple Inc. الأمريكية` showed `.Apple Inc`). A word that also ends sentences (`No.`) is not listed. So does
# a month's (`حتى 30 Nov. فقط` showed `.30 Nov`: a retester's).
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:Inc|Ltd|Co|Corp|Bros|plc|Jr|Sr|Dr|Mr|Mrs|Ms|Prof|St|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Rev|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?!\S)"
)
# A figure with its sign (`+2.3%`, `+8.06`, `+5`): read as the unsigned figure and `-2.5%` are, the sign before
# the number from the right in Arabic text; as a `+212` it showed `+2.3%` beside `%2.5-` (an outside reader's
# finding), and `+8.06` beside `%3.5+` (a second's). Only a figure standing alone: a phone number's `+` still
# opens it, 7 digits or more (`+212537000000`), or groups joined by hyphens, stops, brackets or spaces
# (`+212-537-000000`, `+966.11.123.4567`, `+1 (555) 123-4567`, `+44 (0)20 …`: an independent reviewer's), and so
# does a figure's `+` written onto a unit or a name (`+5G`, `+35°C`). A dialling code written alone (`+212`)
# reads as a signed number.
_SIGNED_FIGURE = re.compile(
    r"\+(?:[A-Z]{1,2}\$)?(?:[0-9]{1,6}|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?%?"  # (`+US$10` as `-HK$3`)
    r"(?![0-9A-Za-z°′″(]|[.,:/\-–][0-9]|[ \u00a0]+[0-9(+])"
)
# A number joined to Latin letters by a stop, a hyphen or a slash (`2010.SR`, a Saudi share's ticker; `20-F`, a
# filing) is one token read left to right: the letters alone were isolated and the number read as the Arabic
# sentence's, `(SR.2010)` (an outside tester's); in English text the number went over to an Arabic name before it.
_NUMBER_THEN_LATIN = re.compile(r"(?<![0-9A-Za-z_.])[0-9]+(?:[.,][0-9]+)*[./-][A-Za-z][A-Za-z0-9]*(?![0-9A-Za-z_])")
# The start of a file's path (`/etc/hosts`, `~/.config/app/`, `./run.sh`, `../lib`) at a word's start: the path's,
# read left to right with it, where the algorithm gave the signs to the Arabic sentence (`etc/hosts/`, an
# outside tester's). After a Latin letter it is no path's start (`km/h`), nor before an Arabic one (`و/أو`); after
# an Arabic prefix it is one when a path goes on from it or its name is in small letters (`و/usr/lib`, `ب/run.sh`,
# `و/tmp`, `و~/.config/`, `و../lib`); after an Arabic word it is an agency's credit (`رويترز/Fabrizio Bensch`,
# `أ ف ب/AFP`), whose slash stands between the two names: taken as a path's, it read `/Fabrizio Benschرويترز` (an
# outside tester's).
_PATH_START = re.compile(
    r"(?:(?<![^\s\"'(\[«“‘])|(?:(?<=^[وفبلك])|(?<=[\s\"'(\[«“‘][وفبلك]))(?=(?:~|\.\.?)?/(?:[\w.-]+[/.]\w|[a-z_.])))"
    r"(?:~|\.\.?)?/(?=\.{0,2}[A-Za-z_])"
)  # (`/2024`: a number's)
# ... and a file's or name's opening underscores (`_config.yml`, `__init__.py`): `config.yml_` (an outside tester's).
# Only at a word's start, or after a joined prefix (`و_config.yml`): inside one it joins a hashtag's words
# (`#زلزال_الحوز_2023`). A name's closing ones are its own too (`__init__`, `var_`: a retester's `____init`).
_UNDERSCORES = re.compile(r"(?:(?<![^\s\"'(\[«“‘])|(?<=^[وفبلك])|(?<=\s[وفبلك]))_+(?=[A-Za-z0-9])")
_CLOSING_UNDERSCORES = re.compile(r"(?<=[A-Za-z0-9])_+(?![\w])")
# A year or decade cut short (`the ’90s`, `Euro ’24`) at a word's start: its apostrophe is the number's, read
# left to right with it; the algorithm gave it to the Arabic sentence, and `’90s` read `90s’` (an outside tester's).
_SHORT_YEAR = re.compile(r"(?<![^\s(\[\"“«\u0621-\u064a\u0640])[’'](?=[0-9]{2}s?(?![\w’']))")  # (`والـ’90s`)
# In English text, the plus that closes an Arabic name (`أوبك+`) is the name's: it read `+أوبك` (an outside tester's).
_ARABIC_NAME_PLUS = re.compile(r"(?<=[\u0621-\u064a\u066e-\u06d3])\++(?![\w\ufffc])")  # (`اوپک+`)
# A range of sums with a currency's sign (`$82.5–$85`, `US$10–US$50`, `€10-20`).
_SUM = r"(?:[A-Z]{1,2}\$|[$€£¥₹])?[0-9]+(?:[.,][0-9]+)*"
_SUM_RANGE = re.compile(rf"(?<![A-Za-z0-9_$€£¥₹.,])(?=[^ ]*[$€£¥₹]){_SUM}(?:[-–]{_SUM})+(?![\w]|[.,][0-9])")
_UNIT = re.compile(r"(?<=\d)[°′″](?=[A-Za-z])")  # 45°C, 31.6°N: the sign joins the figure to its unit
# In Arabic text a degree sign is its unit's whatever stands before it, with a figure set apart from it (`(°C)`,
# `100 °F` read `C°`, `F° 100`: a retester's).
_DEGREE_APART = re.compile(r"(?:(?<![\d.,])\d+(?:[.,]\d+)*[ \u00a0\u202f])?°(?=[A-Za-z])")
# In English text, English punctuation that separates (`جنين, طولكرم & نابلس`, `عباس, 87,`) and a bracketed
# year or figure after an Arabic title (`الرسالة (1976)`) belong to the English sentence.
_ENGLISH_SEPARATOR = re.compile(r"[,;](?=[ \u00a0])|(?<=[ \u00a0])&(?=[ \u00a0])")  # (`رابغ & ينبع`: a retester's)
_BRACKETED_FIGURE = re.compile(r"\([0-9][0-9 .,:–-]*\)")  # (1976), (97:1), a verse's number
# A keycap emoji (`1️⃣`, `#️⃣`) is a picture, not a number: as a digit it joined the name before it (`روبن
# نيفيز 👏🏽 1️⃣` in English showed the emoji in front of the name, an outside tester's).
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
# What may stand between a quotation's last word and its closing mark, and be the quotation's: its sentence
# punctuation and its emoji (`"We are on track 🚀."`, `"…, João! 💙"`), with the spaces between them.
_TAIL = frozenset({"So", "Sk", "Mn", "Me", "Cf", "Zs"})


def _ends_latin_clause(text: str, classes: list[str], index: int) -> bool:
    """Whether Arabic punctuation in left-to-right text is written onto a Latin word of the text's own clause (no
    Arabic before the word), or before one (`«Well done، الهلال، well done!»`): the clause's, where it was typed
    (`«Obrigado، الزعيم!»` on an Arabic page drew the comma past the Arabic word, `Obrigado الزعيم،`: an outside
    tester's, and its retester's). After a Latin name inside an Arabic phrase (`قال Macron، إن`) it stays the
    Arabic phrase's."""
    if text[index] not in ARABIC_PUNCTUATION:
        return False
    if (
        text[index] in "،؛"
        and strong(classes, range(index + 1, len(text)), "") == "L"
        and text[index + 1 : index + 2].isspace()
    ):
        return True  # (a separator: `؟` after an Arabic title ends it, `لبنان إلى أين؟ drew`)
    if not index or classes[index - 1] != "L":
        return False
    start = index - 1
    while start and classes[start - 1] == "L":
        start -= 1
    return strong(classes, range(start - 1, -1, -1), "L") == "L"


def repair(text: str, classes: list[str], base: int) -> None:
    """Apply every repair to the classes of a paragraph shown at base level 0 (LTR) or 1 (RTL)."""
    for index, char in enumerate(text):
        if char in ARABIC_PUNCTUATION or char in ORNATE_PARENTHESES:  # `France، Germany`: the comma never joins
            classes[index] = "L" if base == 0 and _ends_latin_clause(text, classes, index) else "R"
        elif char in OPENING_SIGNS and _starts_token(text, index) and not _SIGNED_FIGURE.match(text, index):
            classes[index] = _token_direction(text, classes, index + 1)
        elif char in "’'" and (_SHORT_YEAR.match(text, index) or ends_possessive(text, classes, index)):
            classes[index] = "L"
    for pattern in (_PATH_START, _UNDERSCORES) if "/" in text or "_" in text else ():
        for match in pattern.finditer(text):
            classes[match.start() : match.end()] = [_token_direction(text, classes, match.end())] * len(match.group())
    for match in _CLOSING_UNDERSCORES.finditer(text) if "_" in text else ():
        classes[match.start() : match.end()] = ["L"] * len(match.group())
    phones(text, classes)
    for pattern in (_UNIT, _NUMBER_THEN_LATIN, _DEGREE_APART) if base else (_UNIT, _NUMBER_THEN_LATIN):
        for match in pattern.finditer(text):
            classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in (*_DOTTED_INITIALS.finditer(text), *_ABBREVIATION.finditer(text)):
        classes[match.end() - 1] = "L"
    for match in _KEYCAP.finditer(text):
        classes[match.start() : match.end()] = ["ON"] * (match.end() - match.start())
    if '"' in text or "'" in text:
        hebrew_marks(text, classes)
    quoted = "R" if base == 0 else "L"  # the direction a quoted sentence can have against the page's
    for index, char in enumerate(text):
        if char == "!" and _ends_name(text, classes, index, base):
            classes[index] = "R" if base == 0 else "L"
        elif char in CLOSING_SIGNS and _ends_latin_token(text, classes, index):
            classes[index] = "L"
        elif index and (char in "\"'" or unicodedata.category(char) in {"Pf", "Pe"}):  # a closing mark
            for tail in _quotation_tail(text, classes, index, quoted):
                classes[tail] = quoted
        if char in '"“‘«„‹' and (head := _QUOTATION_HEAD.match(text, index + 1)):  # and an opening one
            _quotation_head(text, classes, head, quoted)
    if base == 1 and ("–" in text or "-" in text):
        _ranges_of_sums(text, classes)
    if base == 0:
        for pattern in (_ENGLISH_SEPARATOR, _BRACKETED_FIGURE):
            for match in pattern.finditer(text):
                classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
        for match in _ARABIC_NAME_PLUS.finditer(text) if "+" in text else ():
            classes[match.start() : match.end()] = ["R"] * (match.end() - match.start())
        if ":" in text:
            colon_before_figure(text, classes)
    figures(text, classes, base)


def _starts_token(text: str, index: int) -> bool:
    """A sign at the very start of a word, directly followed by a letter or digit (`#G20`, `+212`, `$5`).

    An Arabic letter before it is a joined prefix (`و$5`, `ب#G20`: and, with), so the sign still opens; so does
    a sum's currency after a minus or plus (`-$10`: the sign first from the right, as `-5`; `$` after 10 was a
    retester's)."""
    signed = index > 0 and text[index - 1] in "-+−" and text[index] in "$€£¥₹"
    before = text[index - 1 - signed] if index - signed else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = before.isspace() or before in "\"'" or unicodedata.category(before) in {"Ps", "Pi"}
    return (opens or arabic_letter(before)) and (after.isalnum() or after == "_")  # (`@_Hamza`: a retester's)


def _token_direction(text: str, classes: list[str], start: int) -> str:
    """The direction of the token starting at `start`: its first strong letter's, or LTR for a number."""
    for index in range(start, len(text)):
        if text[index].isspace():
            break
        if text[index].isalpha() and classes[index] in STRONG_CLASSES:  # letters: never the `؛` after it
            return STRONG_CLASSES[classes[index]]
    return "L"


def _ends_latin_token(text: str, classes: list[str], index: int) -> bool:
    """A closing sign at the end of a word: `C++`, `C#`, `18+` after a Latin letter or a digit; a `/` only
    at the end of a Latin token (`example.org/en/`), since `5/` alone is not an address."""
    end = index
    while end < len(text) and text[end] in CLOSING_SIGNS:
        end += 1
    if end < len(text) and (text[end].isalnum() or text[end] == OBJECT):
        return False
    start = index
    while start > 0 and text[start - 1] in CLOSING_SIGNS:
        start -= 1
    if start == 0:
        return False
    if "/" in text[start:end]:
        word = text[:start].rsplit(None, 1)[-1] if text[:start].strip() else ""
        return any(char.isalpha() and not arabic_letter(char) for char in word)
    if "$" in text[start:end]:  # after letters only: `100$` is a number's, which its digits' setting shows
        return classes[start - 1] == "L" and text[start - 1].isalpha()
    return classes[start - 1] == "L" or text[start - 1] in "0123456789"


def _ranges_of_sums(text: str, classes: list[str]) -> None:
    """In Arabic text, a range of sums (`$82.5–$85`) reads from the right in the order written, as one of numbers
    does (`82.5–85 دولارا`): its dash is the sentence's, each sum a left-to-right run of its own, its sign with
    it. As one run it read `$85` first (a tester's); a sum left bare after the dash drew `85$` (a retester's)."""
    for match in _SUM_RANGE.finditer(text):
        before = strong(classes, range(match.start() - 1, -1, -1), "R")
        after = strong(classes, range(match.end(), len(text)), "R")
        if STRONG_CLASSES[before] == STRONG_CLASSES[after] == "R":
            for at in range(match.start(), match.end()):  # (`$10-$20-$30` too: a retester's)
                classes[at] = "R" if text[at] in "-–" else "L" if text[at] in "$€£¥₹" else classes[at]


def _ends_name(text: str, classes: list[str], index: int, base: int) -> bool:
    """An exclamation mark written onto a name in the other script with the sentence going on after it, which
    only a name has: the name's. In Arabic text `Yahoo! تعود`, `E!،`, `وE!؟` (`!Yahoo` was an outside tester's);
    in English text `The brand يا سلام! sells` and `*عاش الملك!* all night`, where a lower-case word goes on (the
    `!` stood against the name's first word: an outside tester's). At the end of the sentence (`لمستخدمي Gmail!`,
    `chanted عاش الملك!`), or before a capital that may open the next (`يا رب! Then`), it is the sentence's.
    Marks written together are one (`يا سلام!! sells`, a retester's)."""
    name, begin, end = "L" if base == 1 else "R", index, index + 1
    while begin and text[begin - 1] == "!":
        begin -= 1
    if not begin or not (text[begin - 1].isalpha() and STRONG_CLASSES.get(classes[begin - 1]) == name):
        return False
    while end < len(text) and text[end] == "!":
        end += 1
    after = end
    while after < len(text) and text[after] in " \u00a0":
        after += 1
    if after == len(text):
        return False
    if base == 0:  # a space, then a lower-case word
        return after > end and text[after].islower() and classes[after] == "L"
    return text[after] in ARABIC_PUNCTUATION or (after > end and arabic_letter(text[after]))


def _quotation_tail(text: str, classes: list[str], closing: int, direction: str) -> range:
    """What ends a quotation written wholly in `direction` before the mark at `closing`, where that is its
    sentence punctuation or emoji: it belongs to the quotation (`«We stand with Morocco.»` in Arabic text,
    `"عاش الملك!"` in English, `"We are on track 🚀."`, whose `🚀.` showed at the quotation's other end). A
    quotation that only ends with such a word (`«الاتفاق يشمل شركة Airbus.»`) is left alone, and so is a comma
    before the mark, which is the outer sentence's (`“…,” she said`). Empty when nothing is to be done."""
    start = closing
    while start and (text[start - 1] in SENTENCE_PUNCTUATION or _in_tail(text[start - 1])):
        start -= 1
    word = _before_number(text, start)  # the last word's end, before a number it ends with (`in 2023!`)
    if not word or STRONG_CLASSES.get(classes[word - 1]) != direction or not text[start:closing].strip():
        return range(0)
    for before in range(word - 1, -1, -1):
        char = text[before]
        if unicodedata.category(char) in {"Pi", "Ps"} or char in "\"'":
            return range(start, closing)
        if STRONG_CLASSES.get(classes[before], direction) != direction:
            return range(0)
    return range(0)


# What may open a quotation and read with its words: a number (`“2024 was the year”`) or a bracket (`“(not) true”`).
_QUOTATION_HEAD = re.compile(r"[-+−]?[0-9]+(?:[.,:/–-][0-9]+)*|[(\[]")


def _quotation_head(text: str, classes: list[str], head: re.Match[str], direction: str) -> None:
    """A number or a bracket that opens a quotation written in `direction` against the page's is the
    quotation's: the algorithm gave it to the sentence around it, and `“2024 was the year”` read `was the year
    2024`, `“(not) true”` `true (not)` (an outside tester's)."""
    after = strong(classes, range(head.end(), len(text)), "")
    if STRONG_CLASSES.get(after) == direction:
        classes[head.start() : head.end()] = [direction] * (head.end() - head.start())


def _before_number(text: str, end: int) -> int:
    """Where a number that ends `text[:end]` begins, with its sign and the spaces before it (`in 2023`,
    `reach 5%`, `-3.4`, `won 3-1`); `end` if none does. Read back from `end`, each character once: a regular
    expression searched up to `end` took seconds over a long run of digits or spaces (an independent reviewer's)."""
    at = end - (end > 0 and text[end - 1] in PER)
    digits = at
    while digits and (text[digits - 1].isdigit() or (text[digits - 1] in ".,٫٬-–" and text[digits:digits + 1].isdigit()
                                                     and text[digits - 2 : digits - 1].isdigit())):  # fmt: skip
        digits -= 1  # (and a score's or a range's hyphen: `3-1!`, a retester's)
    if digits == at:
        return end
    digits -= digits > 0 and text[digits - 1] in "-+−"
    while digits and text[digits - 1] in " \u00a0":
        digits -= 1
    return digits


def _in_tail(char: str) -> bool:
    """An emoji, mark or space, but never an editor's mark of direction (an RLM after a quotation's stop keeps
    the stop with the Arabic sentence: README), which is strong and ends the tail."""
    return unicodedata.category(char) in _TAIL and unicodedata.bidirectional(char) not in STRONG_CLASSES
