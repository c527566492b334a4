"""What a field holds that `check` warns of (check_warnings.py keeps each file's warnings): a word in a key figure's
value, which every language's page shows as written, and a text far longer than its place takes or a passage
written twice in it, which a paste of more than was meant leaves (an outside tester's desk pasted the whole source
article into one point: published as one quotation of one expert, unrelated headlines and all, without a word).
Warnings, not errors: a long text may be meant, and a value is the editor's to write.
"""

from __future__ import annotations

import re

from . import scripts
from .document import Document, FieldPath, format_field
from .problems import Problem
from .settings import Language

# A word in a key figure's value, which every language's page shows as written: `$8 billion` read in English on the
# Arabic page (an outside tester's). Four Latin letters or more, all small or a capital and small ones (a unit's
# symbol is shorter, `km`, `bn`, or mixes its capitals, `kWh`, `mmHg`, `MMBtu`; but for these), a short word of a
# ratio or a count (`1 in 3`, `12 yrs`), or a letter of another script (`5 كم`, `2023م` on the English page). A
# warning: a value is the editor's to write (a retester's units).
_LETTERS = re.compile(r"[^\W\d_]+")
_UNITS = frozenset({"mmol", "nmol", "pmol", "µmol", "kcal", "kbps", "Mbps", "Gbps", "Tbps", "Mbpd"})
_SHORT_WORDS = frozenset({"in", "of", "per", "out", "to", "yr", "yrs", "mln", "bln", "ton", "billion", "million"})
# A decade or an ordinal, English's, in one letter or two: `1950s`, `'90s`, `1950's`, `1990S`, `3rd`, `10th` (a desk's).
_DECADE = re.compile(r"(?<![\w.])['’]?[0-9]{0,2}[0-9]0['’]?[sS]\b|(?<![\w.])[0-9]+(?:st|nd|rd|th)\b")


def words_in_values(parsed_file: Document) -> list[Problem]:
    """Each key figure whose value holds a word (`_LETTERS`), said at the value."""
    figures = parsed_file.data.get("key_figures") if isinstance(parsed_file.data, dict) else None
    problems = []
    for number, figure in enumerate(figures if isinstance(figures, list) else []):
        value = figure.get("value") if isinstance(figure, dict) else None
        word = next((run for run in _LETTERS.findall(value) if _a_word(run)), None) if isinstance(value, str) else None
        word = word or (decade.group() if isinstance(value, str) and (decade := _DECADE.search(value)) else None)
        if word:
            message = f"shows the word `{word}` as written on every language's page (a value is the same in each)"
            hint = "keep the figure and its symbol in the value, the words in `label`; leave it if it is a unit"
            where = ("key_figures", number, "value")
            problems.append(Problem(parsed_file.path, *parsed_file.locate(where), format_field(where), message, hint))
    return problems


def _a_word(letters: str) -> bool:
    if not letters.isalpha() or letters in _UNITS:  # (`¹²`, a power's figures, are no letters)
        return False
    if any(not char.isascii() and char != "µ" and not "\u0370" <= char <= "\u03ff" for char in letters):
        return True  # (a Greek letter or `µ` is a unit's, `µg`, `kΩ`; another script's is a word: `2023م`, `ج.م`)
    if letters.lower() in _SHORT_WORDS:  # (`1 in 3`, `12 yrs`, `$8 BILLION`: a retester's)
        return True
    return len(letters) >= 4 and (letters.islower() or letters.istitle())


# What a text's place takes, in characters, at most, by where it is (its field path's names): a headline, a dek of a
# sentence or two, a takeaway, a point or an event of a few sentences, a paragraph: some three times the seed
# explainer's, and past the longest of bench/synthetic.py's 1,000 (a dek of 576, a point of 587, a paragraph of
# 613). Written past these, a text is most likely a paste of more than was meant.
LONGEST_ELSEWHERE = 1500  # any other text: a caption, an alt text, a label, a role, an update (a retester's paste)
LONGEST = {
    "title": 200,
    "dek": 800,
    "takeaways/text": 800,
    "sections/heading": 150,
    "sections/points/text": 1200,
    "timeline/text": 1000,
    "sections/paragraphs": 3000,
}
# A sentence of some length, to be found written twice: its stop is followed by a space or the end, so a figure's
# point (`3.5 percent`) or an initial's (`U.S.`) ends none ("5 percent in March…" was twice in two sentences).
_SENTENCE = re.compile(r"(?:[^.!?؟\n]|[.!?؟](?=\S)){40,}[.!?؟](?=\s|$)")


def overlong(parsed_file: Document, languages: tuple[Language, ...]) -> list[Problem]:
    """Each text far longer than its place takes (LONGEST), or holding a sentence twice."""
    problems = []
    for where, value, _ in scripts.own_texts(parsed_file, languages):
        if not isinstance(value, str):
            continue
        place = "/".join(part for part in where[:-1] if isinstance(part, str))
        longest = LONGEST.get(place, LONGEST_ELSEWHERE)
        sentences = [found.group().strip() for found in _SENTENCE.finditer(value)]
        twice = next((one for k, one in enumerate(sentences) if one in sentences[:k]), None)
        if len(value) > longest:
            message = f"is {len(value):,} characters long, where one is seldom over {longest:,}"
            problems += _said(parsed_file, where, message, "a paste of more than was meant? keep what belongs here")
        elif twice:
            message = f"holds the sentence “{twice[:50]}…” twice"
            problems += _said(parsed_file, where, message, "a paste made twice? keep one")
    return problems


def _said(parsed_file: Document, where: FieldPath, message: str, hint: str) -> list[Problem]:
    return [Problem(parsed_file.path, *parsed_file.locate(where), format_field(where), message, hint)]
