"""The search page stems a reader's English query as the index stemmed the site's words, or they miss each other.

The index is written in Python with snowballstemmer 3.0.1's English stemmer; the page runs generator/search_stem.js,
a port of it. Both are run here on the same words, the script in Debian's Chromium, and must agree on every one:
the words the project and Python's documentation really write, random strings ending in the suffixes the stemmer
looks for, and a few words each rule of the algorithm is about.

The reference is snowballstemmer's own EnglishStemmer, the code the script was ported from, and not
`snowballstemmer.stemmer("english")`: that returns PyStemmer's C stemmer whenever PyStemmer is installed, and
PyStemmer 3.1.0 is a later Snowball whose English differs ("internal" stays whole, 3.0.1 makes it "intern").
"""

from __future__ import annotations

import pydoc_data.topics
import random
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import REPO
from snowballstemmer.english_stemmer import EnglishStemmer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCRIPT = REPO / "generator" / "search_stem.js"
WORD = re.compile(r"[\w'’]+")
STEMS = "words => words.map(word => window.searchStem(word))"

# A short word of each kind the algorithm treats apart: its exceptions, the prefixes that end R1 early, y as a
# consonant, apostrophes, words too short to stem, and characters a JavaScript string counts twice.
TRICKY = [
    *["", "a", "y", "yy", "ys", "'", "''", "'s", "s'", "'s'", "dog's", "dogs'", "’s", "'yes'", "yyyy", "sayyid"],
    *["generously", "skies", "sky", "dying", "lying", "tying", "news", "andes", "atlas", "bias", "cosmos", "howe"],
    *["early", "only", "singly", "idly", "gently", "ugly", "succeed", "proceeding", "exceeding", "agreed", "feed"],
    *["communism", "arsenal", "universal", "emergency", "general", "organization", "later", "past", "pasted"],
    *["internal", "international", "inning", "outing", "canning", "herring", "earring", "evening", "ties", "cries"],
    *["gas", "this", "kiwis", "caress", "hoped", "hopping", "hoping", "bled", "luxuriated", "youth", "sayings"],
    *["1990s", "007", "naïve", "straße", "القاهرة", "😀ies", "a😀ies", "𝐚ies", "𝐚ying"],
]


def corpus_words() -> list[str]:
    """Every distinct lower-cased word of the project's text (content, fixtures, README, docs) and of Python's own
    documentation (pydoc's topics): real English in the forms writers use, none chosen by hand."""
    files = [
        *REPO.glob("content/**/*.yml"),
        *REPO.glob("tests/fixtures/**/*.yml"),
        REPO / "README.md",
        *REPO.glob("docs/*.md"),
    ]
    texts = [path.read_text(encoding="utf-8") for path in files] + list(pydoc_data.topics.topics.values())
    return sorted({word for text in texts for word in WORD.findall(text.lower())})


def generated_words(count: int) -> list[str]:
    """Random strings, seeded so a failure repeats: a short start of letters (vowels and y often), apostrophes,
    digits and a few non-ASCII letters (two of them outside the Basic Multilingual Plane), then up to two of the
    suffixes the stemmer's own tables look for, so each step meets words it changes and words it nearly does."""
    random_source = random.Random(3_0_1)
    suffixes = sorted(
        {among.s for name, table in vars(EnglishStemmer).items() if name.startswith("a_") for among in table}
    )
    alphabet = "abcdefghijklmnopqrstuvwxyz" + "aeiouy" * 3 + "''’" + "0123456789" + "éßøñıYش𝐚😀"
    return [
        "".join(random_source.choices(alphabet, k=random_source.randint(0, 8)))
        + "".join(random_source.choices(suffixes, k=random_source.randint(0, 2)))
        for _ in range(count)
    ]


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    """A blank page with the script loaded, as the search page loads it: a classic script, nothing else."""
    page = browser.new_page()
    page.add_script_tag(path=str(SCRIPT))
    yield page
    page.close()


def test_defines_only_search_stem(browser: Browser) -> None:
    """The script runs beside the search page's own: its one global is window.searchStem."""
    page = browser.new_page()
    before = set(page.evaluate("Object.getOwnPropertyNames(window)"))
    page.add_script_tag(path=str(SCRIPT))
    added = set(page.evaluate("Object.getOwnPropertyNames(window)")) - before
    assert added == {"searchStem"}
    assert page.evaluate("typeof window.searchStem") == "function"
    page.close()


def test_tricky_words(page: Page) -> None:
    """The words each rule is about stem as in Python (a failure here names the rule that broke)."""
    stemmer = EnglishStemmer()
    expected = {word: stemmer.stemWord(word) for word in TRICKY}
    assert dict(zip(TRICKY, page.evaluate(STEMS, TRICKY), strict=True)) == expected


def test_every_word_stems_as_in_python(page: Page) -> None:
    """Over twenty thousand words, real and random, sent to the page at once: the script and Python agree on all."""
    words = corpus_words() + generated_words(20_000)
    assert len(words) >= 20_000
    stemmer = EnglishStemmer()
    expected = [stemmer.stemWord(word) for word in words]
    stems = page.evaluate(STEMS, words)
    wrong = [(word, js, python) for word, js, python in zip(words, stems, expected, strict=True) if js != python]
    assert stems == expected, "word, JavaScript, Python:\n" + "\n".join(map(repr, wrong[:20]))
