"""A text's words and the terms each is indexed and searched under: the one split the index and the search page
share (search_words.js ports it to the letter; docs/search-index.md, "Words and terms", is the contract).

A word is a run of letters, digits and marks, cut where readers would type two (`words`); its terms are its
folded spellings (`terms`): Arabic forms with and without article and clitics, an English stem, a number
without its group separators. Readers also type as one what a page writes as two, and the reverse
(`10km` and `10 km`, `F16` and `F-16`): a word of digits and letters is also indexed under each part, and a
page's number and unit, hyphenated words and a name with الله written apart also joined (`joined`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from .search_spelling import ARABIC_WORD, RULES, forms

# A number's group separators, each with how many groups it needs (search_client.js, NUMBER).
_GROUPS = ((",", "+"), ("٬", "+"), ("\\.", "{2,}"))


@functools.cache
def _word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word: a run of letters, digits and marks, as JavaScript's `[\\p{L}\\p{N}\\p{M}]` (search_client.js,
    WORD), cut where readers would type two words:

    - a run of Arabic letters (RULES["script"]) is a word apart from the letters and digits of other scripts
      joined to it (its marks with it): `وYahoo` is `و` and `Yahoo`, `الـiPhone` `الـ` and `iPhone`, `و2023`
      `و` and `2023`;
    - a number written with group separators is one word, each group after the first of three digits:
      `2,946`, `٢٬٩٤٦`, and `1.234.567` with two dots or more (with one, `1.234` is a decimal in English);
    - a number with one decimal point is one word, `6.8` and `٦٫٨` (found by `6.8`, not by `6` and `8`), and so
      is one with a decimal comma, a comma not before three digits (`4,9` in French: its `9` was a word apart);
    - letters (not Arabic) joined by an apostrophe are one word: `O'Neill`, `Sana'a`, `Qur'an`, `don't`, and an
      English possessive, `Kim's` (not `Kim` and `s`, which would match every s-word);
    - single letters (not Arabic) joined by dots are one word, an initialism as English writes it: `U.S.` is
      `U.S` (its last dot ends it), found by `us` as `US` is, as `U.N.` by `un` (the folded terms lose the dots);
      so are up to three letters either side of `&`, `S&P`, `AT&T`, `Q&A` (the term keeps the `&`), and one letter
      with the `++` or `#` of a programming language's name, `C++`, `C#`, `F#` (as the letter `c` they found every
      `°C` first: an outside tester's).

    Python's `\\w` leaves out the marks (tashkeel, Indic vowel signs), which would cut a word where the search
    page does not, and counts `_` in, which JavaScript does not. Two patterns of the same words: one for any
    text, `\\w` and the marks' ranges, and one for text of the Basic Multilingual Plane (nearly all), every
    character spelt out as ranges. Python's `re` tests a character against a class of ranges alone in one step
    (a bitmap), but against `\\w` and 300 ranges one by one: the words of N = 1,000 took 0.9 s with the first
    and 0.25 s with the second. It cannot make that bitmap past U+FFFF, hence the first for text that goes
    there. Each pattern starts with one class, a word's first character, and goes on by what that was: `re`
    then skips from word to word nearly as fast as over plain runs of word characters."""
    marks = [
        code for code in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)) if unicodedata.category(chr(code))[0] == "M"
    ]
    blocks = re.findall("(.)-(.)", RULES["script"], flags=re.DOTALL)
    arabic = [code for low, high in blocks for code in range(ord(low), ord(high) + 1) if chr(code).isalpha()]
    letters = {code for code in range(0x10000) if chr(code).isalnum()}  # and digits
    near, within = {code for code in marks if code < 0x10000}, set(arabic) & letters
    joiners = {0x200C, 0x200D}  # inside an Arabic run, as its marks are (search_spelling.RULES, "ignore")
    digits = _ranges([code for code in sorted(letters) if chr(code).isdecimal()])
    initial = _ranges([code for code in sorted(letters - within) if not chr(code).isdecimal()])  # [^\W\d_], not Arabic
    mark, script = f"[{_ranges(marks)}]", _ranges(arabic)
    return (
        _word_pattern(
            f"[{_ranges(sorted(letters | near))}]",
            f"[{_ranges(sorted(letters - within | near))}]",
            f"[{_ranges(sorted(within))}]",
            f"[{_ranges(sorted(within | near | joiners))}]",
            f"[{digits}]",
            f"[{initial}]",
        ),
        _word_pattern(
            f"(?:[^\\W_]|{mark})",
            f"(?:[^\\W_{script}]|{mark})",
            f"[{script}]",
            f"(?:[{script}\u200c\u200d]|{mark})",
            r"\d",
            f"[^\\W\\d_{script}]",
        ),
    )


def _word_pattern(word: str, other: str, arabic: str, arabic_or_mark: str, digit: str, letter: str) -> re.Pattern[str]:
    """The pattern of a word (above) from its classes: a character of a word, one that is not an Arabic
    letter, an Arabic letter, one or a mark, a digit, and a letter that is not Arabic."""
    groups = "|".join(f"(?:{separator}{digit}{{3}}){times}" for separator, times in _GROUPS)
    decimal = f"(?<={digit}){digit}*(?:[.٫]|,(?!{digit}{{3}}(?!{digit}))){digit}+(?!{digit})(?![.٫,]{digit})"
    languages = f"(?:\\+\\+{digit}*|#)(?![+#]|{word})"  # a programming language: `C++`, `C++17`, `C#`, `F#`
    initials = f"(?<={letter})(?:(?:\\.{letter}(?!{word}))+|{letter}{{0,2}}&{letter}{{1,3}}(?!{word})|{languages})"
    grouped = f"(?<={digit}){digit}{{0,2}}(?:{groups})(?!{digit})"
    runs = f"(?<={arabic}){arabic_or_mark}*|{grouped}|{decimal}|{initials}|{other}*(?:['’]{letter}{other}*)*"
    return re.compile(f"{word}(?:{runs})(?:['’][sS](?!{word}))?")


def _ranges(codes: list[int]) -> str:
    """Code points (ascending) as the ranges of a regular expression's class."""
    spans: list[list[int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in spans)


# Digits and apostrophes read as readers type them (search_spelling.RULES, which the search page reads too).
_FOLDED = str.maketrans(RULES["folded"])
# Accents of the Latin, Greek and Cyrillic scripts, dropped once a word is decomposed: `naive` finds `naïve`,
# `istanbul` finds `İstanbul`, `finance` finds `ﬁnance` (NFKD splits the ligature). Other scripts' marks stay.
_LATIN_MARKS = re.compile("[\u0300-\u036f]")


def words(text: str) -> list[str]:
    """The words of a text (`_word_patterns`), as the search page splits a query."""
    basic, every = _word_patterns()
    within = len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)  # nothing past U+FFFF (fastest asked)
    return (basic if within else every).findall(text)


@functools.cache
def _english() -> Any:
    # The pure-Python class by name: `snowballstemmer.stemmer("english")` answers with PyStemmer when that is
    # installed, a newer Snowball whose stems differ (`internal`), and search_stem.js ports this one.
    from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]  # (only when indexing)

    return EnglishStemmer()


# A decimal number: its point is kept in its term (`6.8`, `٦٫٨` and `6,8` too), where group separators are not.
_DECIMAL = re.compile(r"(\d+)(?:[.٫]|,(?!\d{3}$))(\d+)")


# Hebrew writes "and", "the", "in", "as", "to", "from" and "that" as letters joined to the word's front (ו ה ב כ
# ל מ ש, one or several: `בירושלים`, `וכשהכנסת`), so a reader's `ירושלים` found nothing of a page's
# `בירושלים` (an outside tester's Hebrew site). A page's Hebrew word is also indexed without one, two or three
# of them: the first leaving three letters at least (`השקל` as `שקל`), and the second after "and" (`והשקל`);
# any other four (`ממשלה` is not also `שלה`, "hers"). With no dictionary, a word that only starts with
# such a letter (`מדינה`) gains a term (`דינה`) that a query of that word finds too: the price of the rest.
_HEBREW_WORD = re.compile("[\u05d0-\u05ea\u05f0-\u05f2]+")
_HEBREW_PREFIXES = frozenset("והבכלמש")


def _hebrew_forms(word: str) -> tuple[str, ...]:
    """A Hebrew word, and it without its first one, two or three prefix letters (above)."""
    found = [word]
    for cut in range(1, 4):
        shortest = 3 if cut == 1 or (cut == 2 and word[0] == "ו") else 4  # `והשקל`, "and the shekel": `שקל`
        if len(word) - cut < shortest or word[cut - 1] not in _HEBREW_PREFIXES:
            break
        found.append(word[cut:])
    return tuple(found)


def _number(word: str) -> str:
    """A number's term: its digits folded, a decimal one's point kept and its fraction's last zeros dropped (95.50
    is 95.5, 6.0 is 6), a thousands' separator dropped (`2,946` is 2946)."""
    if decimal := _DECIMAL.fullmatch(word):
        whole, fraction = (part.translate(_FOLDED) for part in decimal.groups())
        return f"{whole}.{fraction.rstrip('0')}".rstrip(".")
    return word.translate(_FOLDED)


def terms(word: str, language: str) -> tuple[str, ...]:
    """The terms a word of a page in `language` is indexed under (see above), its whole first."""
    if ARABIC_WORD.fullmatch(word):
        return tuple(sorted(forms(word)))
    if _HEBREW_WORD.fullmatch(word):
        return _hebrew_forms(word)
    if _DECIMAL.fullmatch(word):
        return (_number(word),)
    if _NUMBERS_JOINED.fullmatch(word):  # `1.5-2` as `joined` made it: its points are decimal ones, kept
        return (word,)
    lower = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", word)).lower().translate(_FOLDED)
    stem = _english().stemWord if language.split("-")[0] == "en" else str
    if stem is not str:  # `Hamas's` is `hamas`, which stems as `Hamas` does: `hamass` found nothing (a tester's)
        lower = _S_POSSESSIVE.sub("", lower)
    runs = _RUNS.findall(lower)
    whole = stem(lower.replace("'", "")) if len(runs) > 1 else stem(lower)
    bare = capitals(word)  # the term of the word without its possessive: `EU's` is `eus`, `EU` `eu`
    marked = [CAPITALS + (whole if bare == word else terms(bare, language)[0])] if bare else []
    if len(runs) < 2 or (len(runs) == 2 and runs[0].isdecimal() and runs[1] in _SUFFIXES):
        return (whole, *marked)
    kept = (run for run in runs if run.isdecimal() or (len(run) > 1 and run[0].isalpha()))
    parts = (run if run.isdecimal() else stem(run) for run in kept)
    return tuple(dict.fromkeys([whole, *parts, *marked]))


# What marks a term as a word written in capitals: no word has it.
CAPITALS = "^"


def capitals(word: str) -> str:
    """A word written in two to four capitals, dots between them or not, possessive or not (`UN`, `NATO`,
    `U.S`, `EU's`), without its possessive; else "". It is indexed under the term of that marked (`CAPITALS`:
    `^eu` for `EU's`, whose own term is `eus`) too, which a query in capitals asks first, so `UN` does not find
    Kim Jong `Un` nor `US` the `us` of a quotation (search_engine.js)."""
    bare = _POSSESSIVE.sub("", word)
    letters = bare.replace(".", "")
    return bare if 2 <= len(letters) <= 4 and all(unicodedata.category(c) == "Lu" for c in letters) else ""


_POSSESSIVE = re.compile("['’][sS]$")
# The possessive of a word that ends in s, folded (`hamas's`): its apostrophe dropped, the stemmer kept the s.
_S_POSSESSIVE = re.compile(r"(?<=[^\W\d_]s)'s$")


# A folded word's runs of digits and of letters (marks with them): `10km` is `10` and `km`, `o'neill` `o` and `neill`.
_RUNS = re.compile("[0-9]+|[^0-9']+")
# What follows a number in a word that is no unit of it: `30th`, `1990s` (neither is found by `30` or `1990`).
_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})


def joined(text: str) -> list[str]:
    """Words a page writes apart that readers also type as one, joined: the index adds each one's whole term to
    the page's own, so a query of the joined word finds the page (the other way needs nothing: the terms of
    `10km` include `10` and `km`). Each is found from a quick search for what parts it, then read around it:

    - a number and its unit (`10 km`, `9 a.m.`, `40 °C`, `5 bn`: `10km`, `9am`, `40C`), from each digit a space
      or degree sign follows; a unit is one to three Latin letters or two initials (`a.m.`), so `2023 the` is
      joined too: a term no reader types, which costs a few bytes;
    - words joined by hyphens (`F-16`, `COVID-19`, `al-Qaeda`, `cease-fire`: `F16`, `COVID19`, `alQaeda`,
      `ceasefire`; `F16` and `alqaeda` found nothing, an outside tester's queries), but not numbers alone
      (below), and an identifier whole (`CVE-2023-1234`: `CVE20231234`);
    - an Arabic name with الله written apart (`نصر الله`, `حزب الله`, `عبد الله`: `نصرالله`), as readers type it;
    - numbers joined by hyphens or dashes (a score, `2-1`; a date, `2023-09-10`; a range, `9–10`), as one term
      with its hyphens (`2-1`, not `21`: the query `2-1` found every `21`, an outside tester's)."""
    found = ["-".join(map(_number, _DASHES.split(chain.group()))) for chain in _NUMBER_CHAIN.finditer(text)]
    for after in _NUMBER_END.finditer(text):
        unit = _UNIT.match(text, after.end())
        if unit is None:
            continue
        start = after.start()
        while start and text[start - 1] in _DIGITS:
            start -= 1
        if start and text[start - 1] in _NOT_A_NUMBER_START:  # `1,500 km`, `6.5 km`: no whole number here
            continue
        found.append(text[start : after.start() + 1] + unit.group(1).replace(".", ""))
    for parted, pattern in (("-", _HYPHENATED), ("الله", _GOD), ("عبد", _SERVANT)):
        end = 0
        for at in _each(text, parted):
            if at < end:  # a later hyphen of a run already joined
                continue
            start = at - 1 if parted == "الله" else at  # back over the space before الله, then the word
            while start > 0 and _in_word(text, start - 1):
                start -= 1
            whole = pattern.match(text, start)
            if whole and whole.end() > at and not _NUMBERS_ONLY.fullmatch(whole.group()):
                found.append(_SEPARATORS.sub("", whole.group()))
                end = whole.end()
    return found


def _in_word(text: str, at: int) -> bool:
    """A letter, digit or mark, or a decimal point or comma between digits (`1.5-degree`: `1.5` and `degree`)."""
    if text[at] in ".,٫":
        return at > 0 and text[at - 1].isdigit() and text[at + 1 : at + 2].isdigit()
    return text[at].isalnum() or unicodedata.category(text[at])[0] == "M"


def _each(text: str, part: str) -> list[int]:
    """Where `part` stands in `text`, in order (str.find: the quick search)."""
    places, at = [], text.find(part)
    while at >= 0:
        places.append(at)
        at = text.find(part, at + 1)
    return places


_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_NOT_A_NUMBER_START = _DIGITS | set(".,٫٬") | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NUMBER_END = re.compile(f"[{''.join(sorted(_DIGITS))}][ \u00a0\u202f°]")
_UNIT = re.compile("[ \u00a0\u202f]?°?[ \u00a0\u202f]?((?:[A-Za-z]\\.){2}(?![A-Za-z])|[A-Za-z]{1,3}(?![^\\W_]))")
# Its first digit before the look behind it (`[\w.,]` not before that digit): `re` can then skip to each digit,
# where a pattern opening with the look-behind is tried at every character (0.25 against 0.1 ms a page).
# Each number of the chain may be a decimal one (`1.5-2`, `2.5–3`: a decimal range typed as written found nothing,
# a retester's).
_NUMBER_CHAIN = re.compile("\\d(?<![\\w.,]\\d)\\d*(?:[.,٫]\\d+)?(?:[-–]\u200e?\\d+(?:[.,٫]\\d+)?)+(?![\\w])")
_NUMBERS_JOINED = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:-[0-9]+(?:\.[0-9]+)?)+")
_DASHES = re.compile("[-–]\u200e?")  # and the mark `digits: arab` puts before a phone's groups (direction.py)
_PART = "(?:\\d[.,٫](?=\\d)|[^\\W_]|[\u0300-\u036f\u064b-\u065f])+"  # (a decimal number's point or comma inside)
_HYPHENATED = re.compile(f"{_PART}(?:-{_PART})+")
_NUMBERS_ONLY = re.compile("[\\d.,٫-]+")  # numbers alone: `joined`'s chains, not words
_GOD = re.compile("[\u0621-\u065f]{2,}[ \u00a0]الله(?![\u0621-\u064a])")
# A name of `عبد` and one of God's names with the article, written apart (`عبد الفتاح`, `عبد الرحمن`): readers type
# it as one word too (`عبدالفتاح` found nothing, an outside tester's); `عبد الله` is `_GOD`'s.
_SERVANT = re.compile("(?:[وفبل]{1,2})?عبد[ \u00a0]ال(?!له(?![\u0621-\u064a]))[\u0621-\u064a]{2,}(?![\u0621-\u064a])")
_SEPARATORS = re.compile("[- \u00a0]")
