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
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO, build_site, copy_project, serving

from generator import search, search_index, search_shards, search_spelling

pytestmark = pytest.mark.browser

CORPUS = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
SLUGS = {
    "quake": "search-fixture-earthquake",
    "kim": "kim-jong-un-russia-visit",
    "desal": "shard-fixture-desalination",
    "harbour": "shard-fixture-harbour",
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
    box = page.locator("#search-query")
    box.fill("")
    page.wait_for_function(CLEARED)
    box.fill(query)
    page.wait_for_function(SETTLED, arg=query, timeout=15_000)
    links = page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)")
    excerpts = page.locator(".search-result-excerpt").all_text_contents()
    return [link.strip("/").split("/")[-1] for link in links], excerpts


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_query_corpus(search_site: str, browser: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{search_site}{lang}/search/")
    report: dict[str, dict[str, int]] = {}
    failures = []
    polluted = []
    for case in CORPUS[lang]:
        found, excerpts = type_query(page, case["q"])
        wanted = [SLUGS[name] for name in case["find"]]
        ok = all(slug in found for slug in wanted) if wanted else not found
        ok = ok and ("top" not in case or found[:1] == [SLUGS[case["top"]]])
        tally = report.setdefault(case["class"], {"passed": 0, "queries": 0})
        tally["queries"] += 1
        tally["passed"] += ok
        if not ok:
            first = f", {case['top']} first" if "top" in case else ""
            failures.append(f"{case['q']!r} ({case['class']}): wanted {wanted or 'nothing'}{first}, found {found}")
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
]


def test_python_and_javascript_normalise_alike(search_site: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """The query's key and a page word's forms and terms (JavaScript, in the search page) are the index's
    (Python) for every word, and a text splits into the same words."""
    page = browser.new_page()
    page.goto(f"{search_site}ar/search/")
    page.wait_for_function("() => !!window.searchTerms")
    english = ["sanctions", "sanctioned", "earthquake's", "Kim’s", "Generously", "skies", "dying", "news", "Pyongyang"]
    english += ["٢٠٢٣", "۲۰۱۸", "ایران", "کتاب", "naïve", "İstanbul", "ﬁnance", "Zoë", "cafe\u0301", "Ǆemal", "ﬀ"]
    in_browser = page.evaluate(
        """([words, english]) => [
          words.map((w) => window.searchKey(w)),
          words.map((w) => [...window.searchForms(w)].sort()),
          [...words, ...english].map((w) => window.searchTerms(w, 'ar')),
          [...words, ...english].map((w) => window.searchTerms(w, 'en')),
          [...words, ...english].map((w) => window.searchTerms(w, 'fr')),
        ]""",
        [AGREEMENT, english],
    )
    texts = [
        " ".join(AGREEMENT),
        "F-16: 5G, كوفيد-19; news@example.org (الهزة)؛ مُدُن",
        "snake_case x\u0301y Kim's_x Kim’s war, U.S. don't Kim'sa ٢٠٢٣ ۲۰۱۸ ایران کتاب",
        "\U0001d400\U0001d401's 𐐨𐐩 \U00020000年 🇰🇵 emoji😀word",  # beyond U+FFFF: the other pattern
    ]
    split = page.evaluate("texts => texts.map((t) => window.searchWords(t))", texts)
    page.close()
    assert in_browser[0] == [search_spelling.key(word) for word in AGREEMENT]
    assert in_browser[1] == [sorted(search_spelling.forms(word)) for word in AGREEMENT]
    for position, language in ((2, "ar"), (3, "en"), (4, "fr")):
        assert in_browser[position] == [list(search_index.terms(w, language)) for w in [*AGREEMENT, *english]]
    assert split == [search_index.words(text) for text in texts]


def test_the_key_of_a_query_is_a_form_of_the_page_word() -> None:
    """What makes a query find a page: the key of the reader's spelling is among the page word's forms."""
    pairs = [
        ("الهزة", "بالهزة"),
        ("هزة", "بالهزة"),
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


def test_interface_text_is_not_indexed(search_build: Path) -> None:
    """What excerpts are cut from (each page's indexed text, in the index's fragments) has no interface label.

    Queries cannot show this alone: a label's word may be in an explainer's text too."""
    fragments = sorted((search_build / search.FOLDER).glob("*/fragment/*.json"))
    assert len(fragments) == 10, "each explainer's page in each language, over the shards"
    for fragment in fragments:
        page = json.loads(fragment.read_text(encoding="utf-8"))
        text = " ".join([page["text"], page["title"]])
        assert not [label for label in INTERFACE if label in text], page["url"]


def test_an_excerpt_marks_the_editors_word(search_site: str, browser: Any, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    """`الهزة` finds a page that only says `بالهزة`: the excerpt highlights بالهزة, as written."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{search_site}ar/search/")
    found, _ = type_query(page, "الهزة")
    assert found == ["search-fixture-earthquake"]
    assert page.locator(".search-result-excerpt mark").all_text_contents() == ["بالهزة"]
    page.screenshot(path=str(artifacts / "search-ar-variant.png"))
    page.close()
