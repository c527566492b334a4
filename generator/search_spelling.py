"""Arabic spelling in search: the spellings readers type find the editor's, by one table of rules.

Readers type `الهزة`, `هزة` or `هزه` for a page's `بالهزة`, and `مدينه` for `مدينة`. So both sides are
normalised with the same rules (`RULES`):

- the query, in the browser: each Arabic word is searched as its `key` (search_client.js reads the rules as
  JSON, and tests/test_search_queries.py compares the two sides word for word);
- the pages (search_index.py): each Arabic word is indexed under all its `forms`, the keys a reader's
  spelling of it could have. Pages and excerpts show the editor's words, the matched word highlighted.

Pagefind's Snowball Arabic stemmer, the engine before, passed 31 of the 51 Arabic queries tests/search_queries.yml
then had on its own; with these rules all 76 of today's pass.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .i18n import NUMBERING_SYSTEMS

# The normalisation, as data: the query side (JavaScript) reads this very table.
RULES: dict[str, Any] = {
    # The letters of an Arabic word (with the "ignore" marks inside it, a word is a run of these), and their
    # presentation forms, which text copied from a PDF has: read as the letters they show (`presentation`).
    "word": "\u0620-\u064a\u0671-\u06d3\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufdc7\ufe80-\ufefc",
    "presentation": "\ufb50-\ufdff\ufe70-\ufeff",
    # Characters dropped: tashkeel and Quranic marks, superscript alef, tatweel, and the zero-width joiner and
    # non-joiner, which change a letter's shape, not the word (`لا\u200dبد` is found by `لابد`, and Persian's
    # `می\u200cخواهم` by `میخواهم`: an outside tester's import); they are in a word's run (search_terms.words).
    "ignore": "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d",
    # Letters readers type in place of others: hamza seats, alef maksura, taa marbuta. Hamza on the line
    # (ء) is kept: dropping it would make سماء and سما, جزء and جز the same word. Hamza on waw and on yeh
    # are both read as hamza on the line: newsrooms spell one word either way (Egypt's مسئول is مسؤول
    # elsewhere, an outside tester's query that found nothing), and a page's word is indexed under its
    # seat's letter too (`seats`), for readers who type مسوول or الطواري.
    # Persian keyboards give ی and ک for ي and ك (an outside tester's ایران did not find إيران); Urdu and
    # Kurdish ones ہ, ھ and ۃ for ه and ة (another's ہزہ found nothing). Persian پ and the Maghreb's ڤ stand for
    # the sounds Arabic writes ب and ف (پوتین is بوتين, ڤلاديمير فلاديمير).
    "letters": {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "ء",
        "ئ": "ء",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ک": "ك",
        "ہ": "ه",
        "ھ": "ه",
        "ۃ": "ه",
        "پ": "ب",
        "ڤ": "ف",
    },
    # The preposition على, alone or with a pronoun (عليه, عليها, علينا; و or ف before it), keeps its ى, and its
    # ي before a pronoun is read as ى: with ى read as ي it was the name علي, and a reader's `علي` found every
    # page saying "on" or "on it" (147 of an outside tester's archive). A page that spells the preposition علي,
    # as Egypt's press may, is still found by the name's spelling: a reader never searches for the preposition.
    # The other letters are read first, so the rule reads what it makes alike (the name علية, typed عليه, is the
    # preposition's عليه) and normalising twice changes nothing.
    "preposition": "^([وف]?عل)(?:ى(?=(?:ه|ها|هما|هم|هن|ك|كما|كم|كن|نا)?$)|ي(?=(?:ه|ها|هما|هم|هن|ك|كما|كم|كن|نا)$))",
    # The letter under a hamza seat: a page's word is indexed with it as well as with the hamza (`forms`). Not with
    # the other seat's letter: `مسوول` finding a page's `مسئول` (an outside tester's wish) had `ذوب` find `ذئب`,
    # `سيال` `سؤال` and `بور` `بئر` (a retester's), words of their own.
    "seats": {"ؤ": "و", "ئ": "ي"},
    # The article with the clitics that join it (و ف, then ب ك; ل + ال is written لل), longest first.
    # A query drops these; so does every indexed form.
    "articles": ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"],
    # Clitics without the article (و ف, then ب ك ل). The index drops them, as extra forms; a query tries its
    # word with them and, matched whole, without (`query_keys`): وروسيا finds روسيا, and وزير no page's زيارة.
    "conjunctions": ["و", "ف"],
    "prepositions": ["ب", "ك", "ل"],
    # Endings of the sound plurals and of the feminine (ة read as ه), which a query also tries its word without
    # and with each of them: المسؤولين finds المسؤولون, عقوبة عقوبات, مصابون المصابين (`query_keys`).
    "suffixes": ["ين", "ون", "ات", "ه"],
    # Characters of any word read as others: each numbering system's digits as the ASCII ones readers type
    # (a page showing ٢٠٢٣, `digits: arab`, is found by 2023 and the reverse), a typographic apostrophe as the
    # plain one (the English stemmer knows only `'s`), and a number's group separators dropped: only a number
    # written with them has them in a word (search_terms.words), so `2,946` and `٢٬٩٤٦` are found by 2946.
    "folded": {chr(ord(zero) + n): str(n) for zero in NUMBERING_SYSTEMS.values() if zero != "0" for n in range(10)}
    | {"’": "'"}
    | dict.fromkeys(",٬.", ""),
    # The Arabic script's blocks: a run of its letters is a word apart from the letters and digits of other
    # scripts joined to it (`وYahoo`, `الـiPhone`, `و2023`), so each is found alone (search_terms.words).
    "script": "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
    "\U00010e60-\U00010e7f\U00010ec0-\U00010eff\U0001ee00-\U0001eeff",
    # A prefix is dropped only when this many letters remain (الان, بلد and وطن stay whole).
    "shortest": 3,
    # Words of the article and two letters that are no such noun (`_short_noun`), normalised.
    "not_nouns": ["الذي", "التي", "الله", "الان"],
}

# A run of Arabic letters and the marks inside it: a word, as far as normalisation is concerned.
ARABIC_WORD = re.compile(f"[{RULES['word']}{RULES['ignore']}]+")
_IGNORED = re.compile(f"[{RULES['ignore']}]")
_LETTERS = str.maketrans(RULES["letters"])
_SEATS = str.maketrans(RULES["seats"])
_PRESENTATION = re.compile(f"[{RULES['presentation']}]")
_PREPOSITION = re.compile(RULES["preposition"])
_OTHER_LETTERS = str.maketrans({letter: read for letter, read in RULES["letters"].items() if letter != "ى"})


def _as_shown(word: str) -> str:
    """Presentation forms as the letters they show (compatibility decomposition, whose spaces before a vowel
    sign go): `ﺍﻟﺰﻟﺰﺍﻝ` pasted from a PDF found nothing (an outside tester's)."""
    return unicodedata.normalize("NFKC", word).replace(" ", "") if _PRESENTATION.search(word) else word


def normalise(word: str) -> str:
    """The word without tashkeel and tatweel, with the letters readers type in place of others (the
    preposition على's with its ى, `preposition`)."""
    word = _IGNORED.sub("", _as_shown(word))
    if "عل" in word and (found := _PREPOSITION.match(word := word.translate(_OTHER_LETTERS))):  # (most words: not)
        return found[1] + "ى" + word[found.end() :]
    return word.translate(_LETTERS)


def _strip_article(word: str) -> str:
    for article in RULES["articles"]:
        if word.startswith(article) and len(word) - len(article) >= RULES["shortest"]:
            return word[len(article) :]
    return word


def key(word: str) -> str:
    """What a query word is searched as: normalised, and without the article (repeatedly: الالتزام)."""
    word = normalise(word)
    while (shorter := _strip_article(word)) != word:
        word = shorter
    return word


# The clitics without the article: a conjunction, a preposition, or one and then the other.
_CLITICS = [c + p for c in ["", *RULES["conjunctions"]] for p in ["", *RULES["prepositions"]] if c + p]


def _without_clitics(spelling: str) -> list[str]:
    """The keys of a normalised word without each clitic it may start with, enough letters left."""
    return [
        key(spelling[len(clitic) :])
        for clitic in _CLITICS
        if spelling.startswith(clitic) and len(spelling) - len(clitic) >= RULES["shortest"]
    ]


def _short_noun(spelling: str) -> list[str]:
    """A normalised word that is the article (with its clitics) and two letters, as that noun with the article
    and without: `للدم` and `بالدم` as `الدم` and `دم`. The article stays on a key where two letters would remain
    (`الان` is not `ان`), so `دم` found every دم-word but a page's `الدم`, and `الدم` never a page's `للدم`
    (an outside tester's: blood, mother, hand, the sky are such nouns)."""
    article = next((article for article in RULES["articles"] if spelling.startswith(article)), "")
    rest = spelling[len(article) :]
    return [rest, "ال" + rest] if article and len(rest) == 2 and "ال" + rest not in RULES["not_nouns"] else []


def forms(word: str) -> set[str]:
    """Every key a reader's query could have for this word of a page: its own, its own without clitics, and a
    two-letter noun's with the article and without (`_short_noun`), each with its hamza seats read as the hamza
    and as the seat's letter (`seats`)."""
    found, word = set(), _as_shown(word)
    article = not _HAMZA_FIRST.match(word)  # `ألحق`, `آلام`, `إلى`: a hamza's alef is no article's
    for spelling in {normalise(word), normalise(word.translate(_SEATS))}:
        found |= {key(spelling), *_without_clitics(spelling), *(_short_noun(spelling) if article else ())}
    return found


_HAMZA_FIRST = re.compile(f"[{RULES['ignore']}]*[أإآ]")


def query_keys(word: str) -> list[tuple[str, bool]]:
    """What an Arabic query word is searched as, best first, each with whether it must be a page's term whole
    (else a term that starts with it matches, as the reader may still be typing):

    - its key;
    - without a clitic it may start with (`conjunctions`, `prepositions`), the key of the rest, whole: a page
      whose روسيا was written without و is found by وروسيا, and وزير finds زير only as that very word;
    - a two-letter noun after its article with the article alone (`_short_noun`), whole: `للدم` finds `الدم`;
    - each of those without a plural or feminine ending (`suffixes`), whole, and with each ending, as a start:
      المسؤولين finds المسؤولون, عقوبة عقوبات and عقوباتها. The stem alone was a start, and found every word it
      begins (an outside tester's: المتحدة found المتحدث first, مليون found مليارات).

    The search page (search_words.js, queryKeys) does the same; a page matches a query word by any of them,
    ranked the lower for each step from what was typed."""
    found: dict[str, bool] = {key(word): False}
    for other in _without_clitics(normalise(word)):
        found.setdefault(other, True)
    for noun in _short_noun(normalise(word))[1:]:  # with the article, whole: `للدم` finds `الدم`, `الان` no `ان`
        found.setdefault(noun, True)
    for stem in [_without_suffix(each) for each in found]:
        if stem:
            found.setdefault(stem, True)
            for suffix in RULES["suffixes"]:
                found.setdefault(stem + suffix, False)
    return list(found.items())


def _without_suffix(word: str) -> str:
    """The word without the plural or feminine ending it has, if enough letters remain; else ""."""
    for suffix in RULES["suffixes"]:
        if word.endswith(suffix) and len(word) - len(suffix) >= RULES["shortest"]:
            return word[: -len(suffix)]
    return ""
