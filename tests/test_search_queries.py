"""What readers type finds what editors wrote: a query corpus typed into the real search page in Chromium.

The corpus (tests/search_queries.yml) covers each Arabic spelling variant readers type (article, prefixes,
taa marbuta, alef maksura, hamza, tashkeel, tatweel), some queries that must find nothing, English, and
queries whose best answer lives in another shard of the index than their weaker ones.
Each query is typed into the built site's search page, served over HTTP; the test waits for the page to say
it answered that query (`data-state`, docs/search-index.md), then reads the result links and excerpts. A
report per variant class is written to tests/artifacts/search-queries.json.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO, build_site, copy_project, serving

from generator import search, search_index, search_shards, search_spelling, search_terms

pytestmark = pytest.mark.browser

CORPUS = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
SLUGS = {
    "quake": "search-fixture-earthquake",
    "kim": "kim-jong-un-russia-visit",
    "desal": "shard-fixture-desalination",
    "harbour": "shard-fixture-harbour",
    "opec": "shard-fixture-opec",
}

# Every label the interface puts on an explainer page, in both languages: none may show in an excerpt.
INTERFACE = [
    "Read in English",
    "اقرأ بالعربية",
    "English",
    "العربية",
    "الإنجليزية",
    "according to",
    "المصدر:",
    "More in",
    "المزيد في",
    "On this page",
    "في هذه الصفحة",
    "minutes to read",
    "دقائق قراءة",
    "Published",
    "نُشر",
]

# A query that is one phrase in quotes: the status line of results shows it without them (its string quotes
# it); one that finds nothing keeps them (the phrase is why).
QUOTED = re.compile(r'^["“«]([^"“”«»]*)["”»]$')
# How the status line starts when no page has every word (content/strings/*.yml, search_most_words).
MOST = ("No page has every word of", "لا صفحة فيها كل كلمات")

# Done when the search block says it answered this very query (and has drawn its results).
SETTLED = """(term) => {
  const box = document.getElementById('search');
  return box.dataset.state === 'done' && box.dataset.query === term;
}"""
CLEARED = "() => document.getElementById('search').dataset.state === 'idle'"


@pytest.fixture(scope="module")
def search_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project plus the fixture explainers (the earthquake story has the searched word forms, the
    shard fixtures are of other years), indexed one page per shard: every query meets the most shards."""
    project = copy_project(tmp_path_factory.mktemp("search") / "project")
    for path in [FIXTURES / "second-explainer.yml", FIXTURES / "search-explainer.yml"]:
        shutil.copy(path, project.content / "explainers" / path.name)
    for path in (FIXTURES / "search-shards").glob("*.yml"):
        shutil.copy(path, project.content / "explainers" / path.name)
    with (project.content / "site.yml").open("a", encoding="utf-8") as settings:  # a name spelt two ways (kim)
        settings.write("search_spellings:\n  - [Shoigu, Choigou]\n  - [يانغ, يانج]\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_PAGES", 1)
        build_site(project)
    return project.site


@pytest.fixture(scope="module")
def search_site(search_build: Path) -> Iterator[str]:
    with serving(search_build) as address:
        yield address


def type_query(page: Any, query: str) -> tuple[list[str], list[str]]:
    """Type a query as a reader does; the slugs of the results and their excerpts' text."""
    found, excerpts, _, _ = type_and_read(page, query)
    return found, excerpts


def type_and_read(page: Any, query: str) -> tuple[list[str], list[str], str, bool]:
    """Type a query as a reader does; the slugs of the results, their excerpts' text, the query the status line
    says was searched (a word no page has respelt or left out: docs/search-index.md), and whether it says no
    page has every word."""
    box = page.locator("#search-query")
    box.fill("")
    page.wait_for_function(CLEARED)
    box.fill(query)
    page.wait_for_function(SETTLED, arg=query, timeout=15_000)
    links = page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)")
    excerpts = page.locator(".search-result-excerpt").all_text_contents()
    asked = page.locator(".search-status bdi").first.text_content() or ""
    most = page.locator(".search-status").text_content() or ""
    return [link.strip("/").split("/")[-1] for link in links], excerpts, asked, most.startswith(MOST)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_query_corpus(search_site: str, browser: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{search_site}{lang}/search/")
    report: dict[str, dict[str, int]] = {}
    failures = []
    polluted = []
    for case in CORPUS[lang]:
        found, excerpts, asked, most = type_and_read(page, case["q"])
        wanted = [SLUGS[name] for name in case["find"]]
        # Nothing found as typed: no result, or results the status line says are for another query.
        ok = all(slug in found for slug in wanted) if wanted else not found or asked != case["q"]
        ok = ok and ("top" not in case or found[:1] == [SLUGS[case["top"]]])
        ok = ok and not {SLUGS[name] for name in case.get("not", [])} & set(found)
        ok = ok and most == case.get("most", False)
        ok = ok and asked == case.get("asked", QUOTED.sub(r"\1", case["q"]) if found else case["q"])
        tally = report.setdefault(case["class"], {"passed": 0, "queries": 0})
        tally["queries"] += 1
        tally["passed"] += ok
        if not ok:
            first = f", {case['top']} first" if "top" in case else ""
            first += f", not {case['not']}" if "not" in case else ""
            first += ", most words" if case.get("most") else ""
            said = f", searched as {asked!r}" if asked != case["q"] else ""
            wanted_text = f"wanted {wanted or 'nothing'}{first}"
            failures.append(f"{case['q']!r} ({case['class']}): {wanted_text}, found {found}{said}")
        polluted += [
            f"{case['q']!r}: {label!r} in {text!r}" for text in excerpts for label in INTERFACE if label in text
        ]
    page.close()
    total = sum(t["passed"] for t in report.values()), sum(t["queries"] for t in report.values())
    artifacts = REPO / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    out = artifacts / f"search-queries-{lang}.json"
    out.write_text(
        json.dumps(
            {"passed": total[0], "queries": total[1], "classes": report, "failures": failures},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    assert not failures, f"{total[0]}/{total[1]} queries as expected; failing:\n" + "\n".join(failures)
    assert not polluted, "interface text in excerpts:\n" + "\n".join(polluted)


# Words to compare the two normalisations on: every variant class, edge lengths and non-Arabic text.
AGREEMENT = [
    *(case["q"] for cases in CORPUS.values() for case in cases),
    *[
        "بالهزة",
        "والمدينة",
        "للمستشفى",
        "فالسكان",
        "بزلزال",
        "لعائلة",
        "المياه",
        "أعلن",
        "الإنقاذ",
        "الآلاف",
        "الطوارئ",
        "المسؤولون",
    ],
    *[
        "الالتزام",
        "التزام",
        "الله",
        "الآن",
        "الان",
        "الدم",
        "للدم",
        "وبالدم",
        "للأم",
        "ألحق",
        "آلام",
        "الذي",
        "إلَى",
        "عَلَى",
        "وعلى",
        "فعلى",
        "بعلى",
        "عليّ",
        "عليها",
        "وعليهم",
        "علية",
        "عليان",
        "بال",
        "لل",
        "وللمدينة",
        "فبالمدينة",
        "كالبرق",
        "ٱلرحمن",
        "إِنْقَاذ",
        "سماء",
        "جزء",
        "شيء",
    ],
    *["", "F-16", "5G", "كوفيد-19", "news@example.org", "مـــــدينة", "مدينة،", "(الهزة)", "ی", "ﻻ"],
    *["مسئول", "مسؤول", "مسوول", "ﺍﻟﺰﻟﺰﺍﻝ", "ﻣﺴﺌﻮﻝ", "ﷲ", "ﱞ", "الزل"],  # seats crossed, presentation forms
    *["UN", "U.S.", "EU's", "NATO", "Nato", "S&P"],
]


def test_python_and_javascript_normalise_alike(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """The query's key and a page word's forms and terms (JavaScript, in the search page) are the index's
    (Python) for every word, and a text splits into the same words."""
    page = browser.new_page()
    page.goto(f"{search_site}ar/search/")
    page.wait_for_function("() => !!window.searchTerms")
    english = ["sanctions", "sanctioned", "earthquake's", "Kim’s", "Generously", "skies", "dying", "news", "Pyongyang"]
    english += ["٢٠٢٣", "۲۰۱۸", "ایران", "کتاب", "naïve", "İstanbul", "ﬁnance", "Zoë", "cafe\u0301", "Ǆemal", "ﬀ"]
    english += ["2,946", "٢٬٩٤٦", "۱۱۵٬۰۰۰", "1.234.567", "115,000's", "الـ", "وَ", "S&P", "AT&T", "95.50", "6.0", "٦٫٨"]
    # joined words: found by their parts too
    english += ["O'Neill", "Sana’a", "rock'n'roll", "10km", "٣D", "COP28", "G20", "30th", "1990's", "MP3", "x²y", "Ǆ9ǅ"]
    # in capitals: also marked, by the term without the possessive
    english += ["UN", "U.S", "EU's", "WHO’s", "NATO", "Nato", "ΕΕ", "ǄA", "KOREA", "S&P's"]
    english += ["Hamas's", "Brussels’s", "boss's", "Paris's", "is's", "s's", "2s's"]  # a possessive after an s
    # Hebrew, with and without the letters joined to its front
    english += ["בירושלים", "והשקל", "ממשלה", "וכשהכנסת", "מהמליאה", "שקל", "בית", "ב", "ױ", "שָׁלוֹם"]
    in_browser = page.evaluate(
        """([words, english]) => [
          words.map((w) => window.searchKey(w)),
          words.map((w) => [...window.searchForms(w)].sort()),
          words.map((w) => window.queryKeys(w, 'ar')),
          [...words, ...english].map((w) => window.searchTerms(w, 'ar')),
          [...words, ...english].map((w) => window.searchTerms(w, 'en')),
          [...words, ...english].map((w) => window.searchTerms(w, 'fr')),
        ]""",
        [AGREEMENT, english],
    )
    texts = [
        " ".join(AGREEMENT),
        "F-16: 5G, كوفيد-19; news@example.org (الهزة)؛ مُدُن",
        "snake_case x\u0301y Kim's_x Kim’s war, U.S. don't Kim'sa ٢٠٢٣ ۲۰۱۸ ایران کتاب S&P AT&T's Q&A R&D&X A&BCDE",
        "C++ C# F# x++ C+++ G++12 C++17 C++17x C#5 AB# 30°C #G20 وC++",  # a language's name one word, a `°C` a letter
        "\U0001d400\U0001d401's 𐐨𐐩 \U00020000年 🇰🇵 emoji😀word",  # beyond U+FFFF: the other pattern
        # Arabic letters apart from the letters and digits of other scripts joined to them, marks and all
        "وYahoo وEU وJavaScript الـiPhone وَYahoo و2023 ٢٠٢٣م كوفيد19 COP28 x\u0301و َو _و ﻻYahoo وKim's",
        # numbers with group separators: one word each; a single dot is a decimal point
        "2,946 ٢٬٩٤٦ ۲٬۹۴۶ 115,000 1,000,000 1.234.567 1.234 6.8 ٦٫٨ 1,2345 12345,678 _2,946 x1,234 2,946km",
        "1,234,5678 1,234's و2,946 2,946و 1.234.567.890 1,234.567 ١,٢٣٤ 𝟏,𝟐𝟑𝟒 \U00010e60و وYahoo 2,946",
        "4,9 milliards, 1,5,7 12,3456 ٤,٩ 0,5% 2019,2020 3,14159",  # a decimal comma: one word
        # letters joined by an apostrophe: one word; quotes and digits around it are not
        "O'Neill's Sana'a 'quoted' ‘quoted’ rock'n'roll l'Europe d’Ivoire x'_y 5'9 Ma'rib 90's و'x روسيا's A.B'c",
        # the zero-width joiner and non-joiner inside an Arabic word, not beside a Latin one
        "لا\u200dبد می\u200cخواهم \u200cالحل الحل\u200c a\u200cb x\u200dو و\u200dx",
    ]
    split = page.evaluate("texts => texts.map((t) => window.searchWords(t))", texts)
    page.close()
    assert in_browser[0] == [search_spelling.key(word) for word in AGREEMENT]
    assert in_browser[1] == [sorted(search_spelling.forms(word)) for word in AGREEMENT]
    arabic = search_spelling.ARABIC_WORD.fullmatch
    assert in_browser[2] == [
        [list(key) for key in search_spelling.query_keys(word)]
        if arabic(word)
        else [[search_terms.CAPITALS + search_terms.terms(search_terms.capitals(word), "ar")[0], True]]
        if search_terms.capitals(word)
        else [[search_terms.terms(word, "ar")[0], bool(re.fullmatch(r"\D*[.&]\D*", word))]]
        for word in AGREEMENT
    ]
    for position, language in ((3, "ar"), (4, "en"), (5, "fr")):
        assert in_browser[position] == [list(search_terms.terms(w, language)) for w in [*AGREEMENT, *english]]
    assert split == [search_terms.words(text) for text in texts]


def test_the_key_of_a_query_is_a_form_of_the_page_word() -> None:
    """What makes a query find a page: the key of the reader's spelling is among the page word's forms."""
    pairs = [
        ("الهزة", "بالهزة"),
        ("هزة", "بالهزة"),
        ("مسوول", "مسؤول"),  # the seat's letter without its hamza
        ("مسيول", "مسئول"),
        ("ﺍﻟﺰﻟﺰﺍﻝ", "بالزلزال"),  # presentation forms, pasted from a PDF
        ("مدينه", "والمدينة"),
        ("مستشفي", "للمستشفى"),
        ("العائلة", "لعائلة"),
        ("اعلن", "أعلن"),
        ("آلاف", "الآلاف"),
        ("التزام", "الالتزام"),
        ("الجنوبى", "الجنوبي"),
        ("المياة", "المياه"),
        ("نقل", "نُقل"),
        ("إسعاف", "الاسعاف"),
    ]
    for query, written in pairs:
        assert search_spelling.key(query) in search_spelling.forms(written), (query, written)
    assert search_spelling.key("وزير") not in search_spelling.forms("زير"), (
        "a query keeps its clitics: وزير does not find زير"
    )
    # a two-letter noun after its article (`للدم`: `دم`), but not a hamza's alef (`ألحق` is not `حق`, a retester's)
    assert {"دم", "الدم"} <= search_spelling.forms("للدم")
    assert not {"حق", "ام", "ذي", "له"} & set().union(*map(search_spelling.forms, ["ألحق", "آلام", "الذي", "الله"]))


def found_by(query: str, written: str) -> bool:
    """Whether a query word's keys fit one of a page word's terms, as the search page fits them."""
    keys = search_spelling.query_keys(query)
    return any(
        term == key or (not whole and term.startswith(key))
        for term in search_spelling.forms(written)
        for key, whole in keys
    )


def test_a_query_without_its_ending_finds_the_words_of_that_stem_only() -> None:
    """A query word without its plural or feminine ending finds the stem whole or with an ending: the stem as
    a start found every word it begins (an outside tester's: المتحدة found المتحدث first, مليون مليارات)."""
    for query, written in (
        ("المسؤولين", "المسؤولون"),
        ("عقوبة", "عقوبات"),
        ("عقوبة", "عقوباتها"),
        ("مصابون", "المصابين"),
    ):
        assert found_by(query, written), (query, written)
    for query, written in (("المتحدة", "المتحدث"), ("مليون", "مليارات"), ("المتحدة", "متحدث")):
        assert not found_by(query, written), (query, written)


def read_in_browser(browser: Any, search_site: str, pages: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Each (address, HTML) page as the search page reads it for a result: its title, text and words."""
    tab = browser.new_page()
    tab.goto(f"{search_site}en/search/")
    tab.wait_for_function("() => !!window.searchEngine")
    read = tab.evaluate(
        "pages => pages.map(([url, html]) => { const page = window.searchEngine.pageText(html, url);"
        " return [page.title, page.text, window.searchWords(page.text).length]; })",
        pages,
    )
    tab.close()
    return [tuple(item) for item in read]


def test_a_result_reads_its_page_as_the_index_did(search_build: Path, search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """What a result's title and excerpt are cut from (each page's text, as the search page reads it from the
    page) has no interface label, and has the very words the index counted on that page (Python's lxml reading
    and the browser's, held to each other over every indexed page).

    Queries cannot show the first alone: a label's word may be in an explainer's text too."""
    listed = [
        (url, words)
        for meta in sorted((search_build / search.FOLDER).glob("*/meta.json"))
        for url, words in json.loads(meta.read_text(encoding="utf-8"))["pages"]
    ]
    assert len(listed) == 12, "each explainer's page in each language, over the shards"
    pages = [(url, (search_build / url / "index.html").read_text(encoding="utf-8")) for url, _ in listed]
    for (url, words), (title, text, counted) in zip(listed, read_in_browser(browser, search_site, pages), strict=True):
        assert not [label for label in INTERFACE if label in f"{text} {title}"], url
        assert counted == words, url
        assert title and title in text, url


# Pages written by hand (a newsroom's own templates may do what ours never do), each with the title and text
# a result shows of it (` · ` where a heading, paragraph or item ends without a stop of its own).
HAND_WRITTEN = [
    (
        "<nav>Home</nav><article data-search-body><h1>Harbour cranes</h1><p data-search-ignore>Published 12 May</p>"
        "<p>Dockers unload ships.</p><script>var hidden = 1;</script><!-- a comment --></article><footer>x</footer>",
        "Harbour cranes",
        "Harbour cranes · Dockers unload ships.",
    ),
    (
        "<article data-search-body><h1>Gulf<script>x=1</script> <span data-search-ignore>LABEL</span>water</h1>"
        "<p>un<em>believ</em>able</p>li<br>ne <span>sea<h2>gull</h2>wall</span></p></article>",
        "Gulf water",
        "Gulf water · unbelievable · li ne sea · gull · wall",
    ),
    (
        "<article data-search-body><p>water</p><div data-search-body><p>well</p></div></article>"
        "<aside data-search-ignore><div data-search-body><p>label</p></div></aside>",
        "Tab title",
        "water · well",
    ),
    (
        "<article data-search-body><h1 data-search-ignore>Hidden</h1><p>الميناء\u00a0 \u2003 F-16</p></article>",
        "Tab title",
        "الميناء F-16",
    ),
    ("<article data-search-body><p>  </p></article>", "Tab title", ""),
]


def test_the_search_page_reads_a_page_as_the_index_does(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """A result's title is the first <h1> of the parts read for search, as they are read (no script, nothing
    marked to leave out: an outside tester's template put both inside its <h1>), else the page's <title>; its
    text is every part marked for search, once, less what is left out; and its words are those the index
    counted (search_index.read_page)."""
    pages = [search_index_page(body) for body, _, _ in HAND_WRITTEN]
    read = read_in_browser(browser, search_site, [("en/x/", html) for html in pages])
    for html, (_, title, text), (shown_title, shown_text, counted) in zip(pages, HAND_WRITTEN, read, strict=True):
        assert (shown_title, shown_text) == (title, text)
        indexed = search_index.read_page(html.encode("utf-8"), "en/x/", "en")
        assert counted == (indexed.words if indexed else 0), html


def search_index_page(body: str) -> str:
    head = '<meta charset="utf-8"><title>Tab title</title>'
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def test_an_excerpt_marks_the_editors_word(search_site: str, browser: Any, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    """`الهزة` finds a page that only says `بالهزة`: the excerpt highlights بالهزة, as written."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{search_site}ar/search/")
    found, _ = type_query(page, "الهزة")
    assert found == ["search-fixture-earthquake"]
    assert page.locator(".search-result-excerpt mark").all_text_contents() == ["بالهزة"]
    page.screenshot(path=str(artifacts / "search-ar-variant.png"))
    page.close()


def test_an_excerpt_never_starts_inside_a_token(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """An excerpt that would start at the last part of `050-123-4567` (words split at its hyphens) began
    `…-4567`, a negative number (an outside tester's): it starts at the token's start, after a space."""
    page = browser.new_page()
    page.goto(f"{search_site}en/search/")
    found, excerpts = type_query(page, "hotline")
    page.close()
    assert found == ["search-fixture-earthquake"]
    assert excerpts[0].startswith("…050-123-4567 at any hour"), excerpts[0]


def test_a_results_title_marks_the_words_found(search_site: str, browser: Any, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    """The excerpt marked the words found and the title showed them plain (an outside tester's finding)."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{search_site}en/search/")
    found, _ = type_query(page, "rescue earthquakes")
    assert found == ["search-fixture-earthquake"]
    assert page.locator(".search-result-link mark").all_text_contents() == ["earthquake", "rescue"]
    # The excerpt goes on from the headline the link shows: it repeated it, a third of its words (two outside
    # testers'); its own words found are marked there.
    title = page.locator(".search-result-link").text_content() or ""
    (excerpt,) = page.locator(".search-result-excerpt").all_text_contents()
    assert title and title not in excerpt, (title, excerpt)
    assert page.locator(".search-result-excerpt mark").count() >= 1
    page.screenshot(path=str(artifacts / "search-en-title-marked.png"))
    page.close()


def test_a_result_shows_when_its_explainer_was_published(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """Results rank by their words; each says its day, the date under its page's title (an archive reader's)."""
    page = browser.new_page()
    for code, shown in (("en", "2 October 2021"), ("ar", "2 أكتوبر 2021")):
        page.goto(f"{search_site}{code}/search/")
        found, _ = type_query(page, "harbour" if code == "en" else "الميناء")
        assert found[0] == "shard-fixture-harbour"
        date = page.locator(".search-result").first.locator("time.search-result-date")
        assert (date.text_content(), date.get_attribute("datetime")) == (shown, "2021-10-02")
    page.close()


@pytest.mark.parametrize(
    ("lang", "query", "slug", "marked"),
    [
        ("en", "10km", "quake", ["10", "km"]),  # the quake page: 10 km away
        ("en", "9am", "quake", ["9", "a.m"]),  # by 9 a.m.
        ("ar", "عبدالله", "quake", ["عبد", "الله"]),  # المتطوع عبد الله
        ("ar", "عبدالله", "opec", ["عبدالله"]),  # المتحدث عبدالله
        ("en", "knowhow", "kim", ["know", "how"]),  # the kim page's title: know-how
        ("en", "know-how", "kim", ["know", "how"]),
        ("en", "7-2", "harbour", ["7", "2"]),  # the harbour page's vote of 7-2 (a word joiner after its hyphen)
        ("ar", "٧-٢", "harbour", ["7", "2"]),
    ],
)
def test_a_result_marks_the_words_its_page_writes_apart(  # type: ignore[no-untyped-def]
    search_site: str, browser: Any, lang: str, query: str, slug: str, marked: list[str]
) -> None:
    """A page found by a word it writes apart (`10 km`, `عبد الله`, `know-how`: the index joins them) showed no
    mark at all, and an excerpt from the top of the page (an outside tester's `cease-fire`, `حزب الله`)."""
    page = browser.new_page()
    page.goto(f"{search_site}{lang}/search/")
    found, _ = type_query(page, query)
    assert SLUGS[slug] in found
    result = page.locator(".search-result").nth(found.index(SLUGS[slug]))
    shown = result.locator("mark").all_text_contents()
    assert shown and set(shown) == set(marked), shown
    page.close()


def test_a_phrase_marks_its_words_where_the_phrase_stands(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """A phrase's words were marked wherever each stood (“Good Friday Agreement” marked every `goods`, an outside
    tester's): the quake page's `searching` is no `teams search`, and is marked only when `search` is typed alone."""
    page = browser.new_page()
    page.goto(f"{search_site}en/search/")
    for query, marked in (('"teams search"', False), ("teams search", True)):
        found, _ = type_query(page, query)
        assert found[:1] == [SLUGS["quake"]], query
        marks = [mark.lower() for mark in page.locator(".search-result").first.locator("mark").all_text_contents()]
        assert {"teams", "search"} <= set(marks), (query, marks)
        assert ("searching" in marks) is marked, (query, marks)
    page.close()


def test_a_word_of_a_run_written_apart_marks_itself_alone(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """`know` finds the `know` of `know-how`: the run joined matches it too, but only the word is marked."""
    page = browser.new_page()
    page.goto(f"{search_site}en/search/")
    type_query(page, "know")
    marks = page.locator(".search-result mark").all_text_contents()
    assert "know" in [mark.lower() for mark in marks] and "how" not in marks
    page.close()


# Where each of `needles` stands in an element, as the reader sees it: its box (left, right), found in order
# in the element's text, whatever elements the text is cut into.
PLACES = """(element, needles) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), nodes = [];
  let text = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const at = (offset) => {
    const [node, start] = nodes.findLast(([, start]) => start <= offset);
    return [node, offset - start];
  };
  let from = 0;
  return needles.map((needle) => {
    const start = text.indexOf(needle, from), range = document.createRange();
    from = start + needle.length;
    range.setStart(...at(start));
    range.setEnd(...at(from - 1));
    range.setEnd(range.endContainer, range.endOffset + 1);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
  });
}"""


def test_an_excerpt_cut_before_a_number_reads_it_as_the_page_does(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """An excerpt that starts at `(2-1)`, cut from after an Arabic word, showed the score one then two from the
    right, where the page, reading it after that word, shows two then one (an outside tester's)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{search_site}ar/search/")
    found, excerpts = type_query(page, "قرنفل")
    assert found == [SLUGS["harbour"]]
    assert excerpts[0].lstrip("…\u061c").startswith("(2-1) في مباراة"), excerpts[0]
    two, one = page.locator(".search-result-excerpt").first.evaluate(PLACES, ["2", "1"])
    page.close()
    assert two[0] >= one[1] - 0.5, (two, one)


@pytest.mark.parametrize(
    ("lang", "query", "where", "left", "right"),
    [
        ("ar", "تحالف", ".search-result-link", "OPEC", "+"),  # the title: تحالف OPEC+ يمدد …, `+` after OPEC
        ("ar", "تحالف", ".search-result-link", "$", "83.5"),  # … عند $83.5 للبرميل
        ("en", "crown", ".search-result-excerpt", "سلمان", "38"),  # Crown Prince محمد بن سلمان, 38, said
    ],
)
def test_a_result_reads_in_the_pages_order(
    search_site: str, browser: Any, lang: str, query: str, where: str, left: str, right: str
) -> None:  # type: ignore[no-untyped-def]
    """A result's title and excerpt keep the isolates of the page they are read from (an opposite-direction
    run in a <bdi>): `OPEC+` does not show as `+OPEC` in an Arabic title, nor an age before the name it
    follows in an English excerpt. `right`, after `left` in the text, stands to its right, as on the page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{search_site}{lang}/search/")
    found, _ = type_query(page, query)
    assert found[0] == SLUGS["opec"]
    one, two = page.locator(where).first.evaluate(PLACES, [left, right])
    assert two[0] >= one[1] - 0.5, (one, two)
    page.close()
