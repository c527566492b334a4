"""How one page language shows a text's characters: the runs read against the page (and those in another site
language's script), its digits, and the spaces and joiners that keep a line from breaking where it must not.
`Direction.marks` says it per character; isolate.py (Markdown's tree) and markup.py (plain prose) apply it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .bidi import ARABIC_LETTER_MARK, letter_mark_before, opposite_runs, quotations
from .bidi_figures import FIGURE_WITH_UNIT, figure_with_unit
from .latin_in_arabic import opening_per_cent, powers
from .settings import script_of

# A number in prose: not part of a word, an address, a hashtag or a handle (`زلزال_الحوز_2023`, `/2023/`). A
# date or fraction written with slashes is one (`2023/09/12`, `1/2`): it kept 0–9 beside `١٠:٣٠` (an outside
# tester's finding); a path's numbers (`/2023/09/`) do not stand alone between spaces, and stay as written.
_DEGREES = re.compile(r"\d[\d.,]*(?=\s?°)")
# Each part of a slashed number may be grouped (`1/100,000`: its last group kept 0–9, an outside tester's); a keycap
# (`1️⃣`) is a picture, whose digit made Arabic-Indic was a digit and an empty box (the same tester's).
_NUMBER = re.compile(r"(?<![A-Za-z0-9_/#@&=?.,])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*%?(?![A-Za-z0-9_/@\ufe0f\u20e3])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?%?")
# A hyphen or dash between digits (`2023-09-10`, `9–10`, `0522-334455`) is followed by a word joiner: a line may
# break after a hyphen, and a phone showed `2023-` at a line's end and `09-10` at the next one's start, in the
# other order from the date's (an outside reader's finding). The joiner is invisible and ignored by the bidi
# algorithm; the HTML holds no joiner but sets the dash in a span kept on one line (markup.unbroken). A range of
# percentages or of sums is one too (`1.9%–2.0%`, `$70–$75`: an outside tester's ended a line at `1.9%–`),
# with the dollar's country too (`US$10–US$50`, an outside tester's).
_NUMBERS_JOINED = re.compile(r"(?:(?<=\d)|(?<=\d[%٪¼½¾⅓⅔]))[-–](?=(?:[A-Z]{1,2}\$|[$€£¥₹])?\d)")  # (`1½–2½`)
WORD_JOINER = "\u2060"
# Around a figure and its unit or fraction inside an Arabic phrase of an English page (`موجة حر 45°C`): the browser
# read the unit apart from the digits there (`C°45`), so the figure is isolated left to right inside the phrase's
# isolate (markup.unbroken makes the element). Noncharacters, which no content may hold (characters.py): a
# left-to-right mark did the same, and came along when a reader copied the figure (a retester's).
# A stretch inside a quotation of the other direction is marked the same way, with its language: the
# noncharacters after the first, one for each site language's script in turn (`Direction.nested`).
FIGURE_OPENS, NESTED_CLOSES = "\ufdd0", "\ufdef"
_NESTED = ord(FIGURE_OPENS)
NESTED_MARKS = re.compile("[\ufdd0-\ufdef]")
_INDIC = re.compile("[\u0660-\u0669]")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")
_RTL = {"L": False, "R": True, "AL": True}  # a letter's direction by its bidi class
# French sets its high punctuation apart with a space no line breaks at: a French line began with `?`, `!` or
# `»` where the editor typed an ordinary space (an outside tester's). A narrow one before `;`, `!` and `?`, a
# full one before `:` and inside `« »` (the Imprimerie nationale's rules; Quebec's, `fr-CA`, space only
# the last two). So do a figure's groups of three and its per cent sign, `4 000` and `5 %`, in both (a
# French page broke `4 | 000` across lines: an outside tester's). Only a space typed there changes:
# `Pourquoi?` is the editor's to write, and a code span, an address or a time (`10:30`) has none.
_FIGURES = r"|(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=%)"
_FRENCH_SPACES = re.compile(r" (?=[;!?])| (?=[:»])|(?<=«) " + _FIGURES)
_QUEBEC_SPACES = re.compile(r" (?=[:»])|(?<=«) " + _FIGURES)
NARROW_NO_BREAK, NO_BREAK = "\u202f", "\u00a0"


@dataclass(frozen=True)
class Direction:
    """How one page language treats text: its base level, its opposite runs' `dir` and `lang`, its digits."""

    base: int
    run_dir: str
    run_languages: tuple[tuple[str, str], ...]  # (script, language code): the `lang` of a run in that script
    digits: dict[str, str] | None  # ASCII → the page's digits and CLDR separators; None keeps 0-9
    spaces: re.Pattern[str] | None = None  # the spaces the language keeps from breaking (French's), if any
    same_way: frozenset[str] = frozenset()  # other site languages' scripts written in the page's direction

    @property
    def page_dir(self) -> str:
        """The page's own direction (`run_dir` is the other's)."""
        return "rtl" if self.base else "ltr"

    def marks(self, text: str) -> tuple[list[tuple[int, int, bool]], list[str]]:
        """The runs to isolate (start, end, holds letters), and each character as the page shows it:
        with `digits: arab`, the prose's numbers in Arabic-Indic digits (a Latin run keeps what it has)."""
        runs = [
            (start, end, any(char.isalpha() for char in text[start:end]))
            for start, end in opposite_runs(text, self.base)
        ]
        if self.same_way and not text.isascii():
            runs = sorted(runs + self._same_way_runs(text, runs))
        shaped = list(text)
        if self.digits is not None and any(char.isdigit() for char in text):
            latin = {index for start, end, letters in runs if letters for index in range(start, end)}
            # A temperature's figure is the prose's, though the run its unit's letters make holds it (`8°C`):
            # `بين 2–8°C` showed `٢–8°C`, one range in two digit systems (an outside tester's).
            # Each of them: `45°C (113°F)` showed `٤٥°C (113°F)` (an outside tester's).
            latin -= {index for start, end, letters in runs if letters for found in _DEGREES.finditer(text, start, end)
                      for index in range(found.start(), found.end())}  # fmt: skip
            latin |= {index for start, end in powers(text) for index in range(start, end)}
            for match in _NUMBER.finditer(text):
                if not latin.intersection(range(match.start(), match.end())):
                    shaped[match.start() : match.end()] = self._native(match.group())
        if self.base and runs and any(char.isdigit() for char in text):  # (typed in Arabic-Indic digits, or made so)
            for start, end, letters in runs:
                if not letters:
                    _groups_in_order(shaped, shaped, range(start, end))
        if not self.base and _INDIC.search(text):  # an English sentence's figures in Arabic-Indic digits
            inside = {index for start, end, letters in runs if letters for index in range(start, end)}
            _groups_in_order(text, shaped, (index for index in range(len(text)) if index not in inside))
        quoted = quotations(text, self.base)
        for start, end in quoted:
            self._nest(text[start:end], shaped, start)
        if not self.base and figure_with_unit(text):  # `45°C`, `1½` in an Arabic phrase, read left to right
            for start, end, letters in runs:
                for match in FIGURE_WITH_UNIT.finditer(text, start, end) if letters else ():
                    if any(first <= match.start() < last for first, last in quoted):
                        continue  # (`_nest` has marked it)
                    shaped[match.start()] = FIGURE_OPENS + shaped[match.start()]
                    shaped[match.end() - 1] += NESTED_CLOSES
        if self.base and opening_per_cent(text) is not None and _ARABIC_LETTERS.search(text):
            first = next(index for index, char in enumerate(text) if char.isdigit())  # `95% من`: `%95`, as inside
            shaped[first] = ARABIC_LETTER_MARK + shaped[first]
        if "-" in text or "–" in text:
            for match in _NUMBERS_JOINED.finditer(text):
                shaped[match.start()] += WORD_JOINER
        if self.spaces is not None and " " in text:
            for match in self.spaces.finditer(text):
                shaped[match.start()] = _kept(match)
        return runs, shaped

    def _nest(self, quotation: str, shaped: list[str], start: int) -> None:
        """Inside a quotation of the other direction (`bidi.quotations`), which the page isolates whole, what the
        other language's page isolates, each marked to be isolated inside it in the page's direction (`nested`);
        and before an Arabic one that opens with a number, an Arabic letter mark (`bidi.letter_mark_before`)."""
        mark = ARABIC_LETTER_MARK if not self.base and letter_mark_before(quotation) else ""
        for first, end in opposite_runs(mark + quotation, 1 - self.base):
            first, end = max(first - len(mark), 0), end - len(mark)
            language = self.run_language(quotation[first:end], self.page_dir)
            code = [code for _, code in self.run_languages].index(language) + 1 if language else 0
            shaped[start + first] = chr(_NESTED + code) + shaped[start + first]
            shaped[start + end - 1] += NESTED_CLOSES
        shaped[start] = mark + shaped[start]

    def nested(self, fragment: str) -> str:
        """A fragment with each stretch `marks` set to be isolated inside a run (`_nest`, and a figure with its
        unit in an Arabic phrase of an English page) as its `nested_element`. (Plain prose: a Markdown tree's
        stretches are elements isolate.py makes, which may cut the emphasis a stretch crosses.)"""
        if not NESTED_MARKS.search(fragment):
            return fragment

        def element(found: re.Match[str]) -> str:
            if found.group() == NESTED_CLOSES:
                return "</bdi>"
            return _opening("bdi", self.nested_element(found.group()))

        return NESTED_MARKS.sub(element, fragment)

    def nested_element(self, opening: str) -> dict[str, str]:
        """The attributes of the `<bdi>` a stretch's opening mark (`marks`) stands for: the page's direction, and
        the language of the mark's site language, if it names one."""
        code = ord(opening) - _NESTED
        return {"dir": self.page_dir} | ({"lang": self.run_languages[code - 1][1]} if code else {})

    def _same_way_runs(self, text: str, runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """Stretches in another site language's script that reads the page's way (Hebrew on an Arabic page):
        the bidi algorithm has nothing to isolate, yet a reader's font and voice need the language (it was
        said to be Arabic: an outside tester's). From a letter of that script to the last before a letter of
        another, or an opposite run."""
        taken = {index for start, end, _ in runs for index in range(start, end)}
        found: list[tuple[int, int, bool]] = []
        start = last = -1
        script = ""
        for index, char in enumerate(text):
            if not char.isalpha() and index not in taken:
                continue
            its = script_of(char) if index not in taken else ""
            if start >= 0 and its == script:
                last = _with_marks(text, index)
                continue
            if start >= 0:
                found.append((start, last + 1, True))
            start, last, script = (index, _with_marks(text, index), its) if its in self.same_way else (-1, -1, "")
        if start >= 0:
            found.append((start, last + 1, True))
        return found

    def _native(self, number: str) -> list[str]:
        """A number's characters in the page's digits. A comma groups thousands only before three digits
        (`2,946`); otherwise it is a decimal comma (`6,8` in Maghreb usage). A figure with two dots or with
        commas that group nothing (`192.168.1.1`, `17.0.1`, `1,2,3`) is no number and keeps its form."""
        assert self.digits is not None
        if "/" in number:  # a date or a fraction: each part on its own (`1/100,000`)
            return [char for part in number.split("/") for char in ["/", *self._native(part)]][1:]
        if number.count(".") > 1 or (number.count(",") > 1 and not _THOUSANDS.fullmatch(number)):
            return list(number)
        decimal_comma = "," in number and not _THOUSANDS.fullmatch(number)
        return [self.digits["."] if char == "," and decimal_comma else self.digits.get(char, char) for char in number]

    def wrap(self, text: str, has_letters: bool) -> str:
        """A run as HTML (`mark`)."""
        tag, attributes = self.mark(text, has_letters)
        return f"{_opening(tag, attributes)}{text}</{tag}>"

    def mark(self, run: str, has_letters: bool) -> tuple[str, dict[str, str]]:
        """The element a run is wrapped in and its attributes: `<bdi dir lang>` for one read against the page (a
        number gets no language), `<span lang>` for one in another site language's script read the page's way.
        That one is not isolated: as a `<bdi>`, the range after it read the Arabic before it (`בשנים 2019-2020`
        on an Arabic page showed 2020-2019, an independent reviewer's). A run's letters need not all be of its
        direction (a quotation, `«45°C في الظل»`): its language is that of its first letter of that direction."""
        if script_of(next((char for char in run if char.isalpha()), " ")) in self.same_way:
            language = self.run_language(run, self.page_dir) if has_letters else None
            return "span", {"lang": language} if language else {}
        language = self.run_language(run, self.run_dir) if has_letters else None
        return "bdi", {"dir": self.run_dir} | ({"lang": language} if language else {})

    def run_language(self, text: str, direction: str) -> str | None:
        """The language of a run's letters that read in `direction`: the site's first language of their script
        (a Latin run on an Arabic page is the site's first Latin-script language); None for a script no site
        language has."""
        rtl = direction == "rtl"
        letter = next(
            (char for char in text if char.isalpha() and _RTL.get(unicodedata.bidirectional(char)) is rtl), " "
        )
        return next((code for name, code in self.run_languages if name == script_of(letter)), None)


def _opening(tag: str, attributes: dict[str, str]) -> str:
    """An element's opening tag (the values are the page's own: directions and language codes)."""
    return f"<{tag}" + "".join(f' {name}="{value}"' for name, value in attributes.items()) + ">"


def _with_marks(text: str, index: int) -> int:
    """The last of the letter at `index` and the combining marks after it (a vowel sign is its letter's)."""
    while index + 1 < len(text) and unicodedata.category(text[index + 1]) in {"Mn", "Me"}:
        index += 1
    return index


def kept_spaces(locale: str) -> re.Pattern[str] | None:
    """The spaces a locale's typography keeps from breaking (above): French's, Quebec's, or none."""
    language, _, region = locale.replace("-", "_").partition("_")
    if language != "fr":
        return None
    return _QUEBEC_SPACES if region.upper() == "CA" else _FRENCH_SPACES


def _kept(match: re.Match[str]) -> str:
    """The no-break space for a space `kept_spaces` found: narrow before `;`, `!`, `?` and a figure's group."""
    after = match.string[match.end() : match.end() + 1]
    return NARROW_NO_BREAK if after and (after in ";!?" or after.isdigit()) else NO_BREAK


def spaced(text: str, spaces: re.Pattern[str]) -> str:
    """An interface string with the spaces its language keeps from breaking made no-break ones: `Photo :
    {credit}`, `« {section} »` put `:` and `»` at the start of a line, where the explainers' texts kept theirs
    (an outside tester's French newsroom)."""
    return spaces.sub(_kept, text)


def _groups_in_order(read: Sequence[str], shaped: list[str], indexes: Iterable[int]) -> None:
    """Groups of Arabic-Indic digits (AN to the bidi algorithm) kept in the order they are written, left to
    right: the algorithm counts them as right-to-left letters around what stands between two of them (a space,
    a hyphen, a comma: N1), and showed them reversed. A left-to-right mark goes before each group that follows
    another with nothing strong between.

    Two places need it: a run read left to right that holds no letter (a phone number with `digits: arab`,
    `+٩٧١ ٤ ١٢٣ ٤٥٦٧`, which showed its groups reversed inside its isolate), read as `shaped`; and an English
    sentence's figures typed in Arabic-Indic digits (`٠٥٠-١٢٣-٤٥٦٧`, `٣-٥ days`, `٠٥٠, ٠٥٢`: an outside tester's
    hotline, to be dialled backwards), read as written, outside its Arabic phrases, which read as Arabic does
    and are neutral to what is around them. (Latin and Extended Arabic-Indic digits are European numbers, which
    a run's direction takes over: they need none.)"""
    last = ""
    for index in indexes:
        kind = unicodedata.bidirectional(read[index][-1])
        if kind == "AN" and last == "AN" and unicodedata.bidirectional(read[index - 1][-1]) != "AN":
            shaped[index] = "\u200e" + shaped[index]
        if kind in {"L", "R", "AL", "AN", "EN"}:
            last = kind
