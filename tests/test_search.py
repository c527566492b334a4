"""Static search per language, as a reader uses it: the index and the search page in Debian's Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, FIXTURES, SEED_SLUG, build_site, copy_project, parse, serving

from generator import search_index
from generator.project import Project

pytestmark = pytest.mark.browser


def test_an_index_per_language(built_site: Path) -> None:
    """The index's shards (tests/test_search_shards.py) are each of one language; each language counts the
    two explainers, nothing else."""
    index = built_site / "search-index"
    manifest = json.loads((index / "shards.json").read_text(encoding="utf-8"))
    assert set(manifest["languages"]) == {"ar", "en"}
    for language in ("ar", "en"):
        assert manifest["languages"][language]["pages"] == 2
        for shard in manifest["languages"][language]["shards"]:
            meta = json.loads((index / shard / "meta.json").read_bytes())
            assert {url.split("/")[0] for url, _ in meta["pages"]} == {language}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_search_page_reads_without_javascript(built_site: Path, lang: str) -> None:
    root = parse(built_site / lang / "search" / "index.html")
    assert (root.get("lang"), root.get("dir")) == (lang, {"ar": "rtl", "en": "ltr"}[lang])
    (lists,) = root.xpath("//p[@class='search-lists']")
    assert lists.xpath("./noscript"), "without JavaScript the page says why it points to the lists"
    # the links stand outside <noscript>: a page whose scripts did not run (blocked) showed nothing else
    assert len(lists.xpath("./a[@href]")) == 2, "every reader gets the lists of explainers"


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "صواريخ"),  # the explainer says الصواريخ and الصاروخية: the Arabic stemmer matches them
        ("en", "sanction"),  # the explainer says sanctions and sanctioned
    ],
)
def test_an_inflected_word_finds_the_explainer(
    served_site: str, browser, lang: str, query: str, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{served_site}{lang}/search/")
    box = page.locator("input[type=text], input[type=search]").first
    box.fill(query)
    result = page.locator(f"a[href*='/{lang}/{SEED_SLUG}/']").first
    result.wait_for(timeout=15_000)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('main')).direction") == {"ar": "rtl", "en": "ltr"}[lang]
    )
    page.screenshot(path=str(artifacts / f"search-{lang}.png"))
    page.close()


def test_arabic_search_does_not_find_english_pages(served_site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{served_site}ar/search/")
    direction = "box => getComputedStyle(box).direction"
    # Empty, or holding figures alone, the box reads the page's way: its caret by its label, not at the far left
    # (`dir=auto` made it left to right: an outside tester's, who follows the label with a screen magnifier).
    page.locator("#search-query").wait_for(state="visible")
    assert page.locator("#search-query").evaluate(direction) == "rtl"
    assert ask(page, "2023") != [] and page.locator("#search-query").evaluate(direction) == "rtl"
    page.locator("input[type=text], input[type=search]").first.fill("sanctions")
    page.wait_for_function(
        "() => { const box = document.getElementById('search'); "
        "return box.dataset.query === 'sanctions' && box.dataset.state === 'done'; }",
        timeout=15_000,
    )
    assert page.locator(f"a[href*='/en/{SEED_SLUG}/']").count() == 0
    # The Arabic status names the English query in a <bdi>: its own direction, the sentence's order kept.
    assert page.locator(".search-status bdi").all_text_contents() == ["sanctions"]
    # ... in its own language, which a screen reader reads the status line out in as it changes (an outside tester's)
    assert page.locator(".search-status bdi").get_attribute("lang") == "en"
    # ... and, written in the site's other language, where to search it: a link to the English search for it
    none = "لا صفحة عربية فيها «sanctions». ابحث عنها في الصفحات الإنجليزية."
    assert page.locator(".search-status").text_content() == none
    there = page.locator(".search-status a").get_attribute("href") or ""
    assert there.endswith("/en/search/?q=sanctions")
    # The box takes the direction of what is typed in it, as the status line shows the query: an English query
    # on the Arabic page reads left to right (an outside tester saw a hashtag's order differ between the two).
    assert page.locator("#search-query").evaluate("box => getComputedStyle(box).direction") == "ltr"
    # A pasted paragraph that finds nothing is named cut to 80 characters, not a dozen lines of status.
    pasted = " ".join(["volcanic ash over the northern archipelago"] * 40)
    assert ask(page, pasted) == []
    shown = page.locator(".search-status bdi").text_content()
    assert shown == pasted[:80].rstrip() + "…", shown
    page.close()


# Done when the search block says it answered (or could not answer) this very query.
ANSWERED = """([query, state]) => {
  const box = document.getElementById('search');
  return box.dataset.state === state && box.dataset.query === query;
}"""


def ask(page: Any, query: str, state: str = "done") -> list[str]:
    """Type a query; the addresses of its results once the page says it answered it."""
    page.locator("#search-query").fill(query)
    page.wait_for_function(ANSWERED, arg=[query, state], timeout=15_000)
    return list(page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)"))


def test_a_publish_under_an_open_page_is_read_again(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publish replaces the index's chunks (named by their content) while a reader has the search page
    open: the page's next query reads the index again and finds what was published; an index gone for good
    says so, in the page's language, never "no results". Small chunks: the first query reads another chunk
    than the one the word published goes in."""
    monkeypatch.setattr(search_index, "CHUNK_BYTES", 300)
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "search-shards" / "harbour-2021.yml", project.content / "explainers")
    build_site(project)
    with serving(project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}en/search/")
        assert ask(page, "harbour") == ["/en/shard-fixture-harbour/"]
        fixture = project.content / "explainers" / "harbour-2021.yml"
        fixture.write_text(fixture.read_text("utf-8").replace("Harbour quays", "Harbour zeppelin quays"), "utf-8")
        build_site(project)
        assert ask(page, "zeppelin") == ["/en/shard-fixture-harbour/"]
        shutil.rmtree(project.site / "search-index")
        assert ask(page, "cranes", "failed") == []
        failed = "The search could not be read. Reload the page to search again."  # content/strings/en.yml
        assert page.locator(".search-status").text_content() == failed
        page.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_search_page_opened_as_a_file_says_to_serve_the_site(built_site: Path, browser: Any, lang: str) -> None:
    """Opened from disk (`file://`, an editor's double click on site/), the browser keeps the index from the page:
    the status says a web server is needed, in the page's language, where it said to reload, which never helps."""
    page = browser.new_page()
    page.goto((built_site / lang / "search" / "index.html").as_uri())
    wanted = {"ar": "لا يعمل البحث إلا حين", "en": "Search works only when a web server serves the site"}[lang]
    # said as the page opens: it looked ready until a query was typed (an outside tester's)
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'failed'")
    assert wanted in (page.locator(".search-status").text_content() or "")  # content/strings/*.yml
    assert ask(page, "Putin", "failed") == []
    assert wanted in (page.locator(".search-status").text_content() or "")
    page.close()


def test_an_open_page_reads_a_small_index_again_a_minute_on(tmp_path: Path, browser: Any) -> None:
    """A small site's index is one chunk: an open search page, having all of it, answered from it for good after
    a publish, "no results" for a word just published, and a result for an explainer taken down (an outside
    tester's). A minute on (the page's clock run forward), its next query reads the index again."""
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "search-shards" / "harbour-2021.yml", project.content / "explainers")
    build_site(project)
    with serving(project.site) as address:
        page = browser.new_page()
        page.clock.install()
        page.goto(f"{address}en/search/")
        assert ask(page, "harbour") == ["/en/shard-fixture-harbour/"]
        fixture = project.content / "explainers" / "harbour-2021.yml"
        fixture.write_text(fixture.read_text("utf-8").replace("Harbour quays", "Harbour zeppelin quays"), "utf-8")
        build_site(project)
        assert ask(page, "zeppelin") == []  # (within the minute: the index the page holds)
        page.clock.fast_forward("01:01")
        assert ask(page, "zeppelins") == ["/en/shard-fixture-harbour/"]  # (another query: the same asks nothing)
        page.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_back_from_a_result_shows_its_query_and_results(served_site: str, browser: Any, lang: str) -> None:
    """The query is kept in the address (`?q=`, replaced, not one history entry a keystroke): Back from a
    result, a reload and the address shared all show the same results."""
    query = {"ar": "صواريخ", "en": "sanction"}[lang]
    page = browser.new_page()
    page.goto(f"{served_site}{lang}/search/")
    found = ask(page, query)
    assert found and page.evaluate("new URL(location.href).searchParams.get('q')") == query
    assert page.evaluate("history.length") == 2  # the blank tab and this page: none added by typing
    page.locator(".search-result-link").first.click()
    page.wait_for_url(f"**{found[0]}")
    page.go_back()
    page.wait_for_function(ANSWERED, arg=[query, "done"], timeout=15_000)
    assert page.locator("#search-query").input_value() == query
    assert page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)") == found
    page.reload()
    page.wait_for_function(ANSWERED, arg=[query, "done"], timeout=15_000)
    shared = browser.new_page()
    shared.goto(page.url)
    shared.wait_for_function(ANSWERED, arg=[query, "done"], timeout=15_000)
    assert shared.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)") == found
    page.locator("#search-query").fill("")  # cleared: the address forgets the query
    page.wait_for_function("() => !new URL(location.href).searchParams.has('q')")
    shared.close()
    page.close()


def test_the_language_switch_carries_the_query(served_site: str, browser: Any) -> None:
    """ "Read in English" from an Arabic search opened the English search empty (an outside reader's finding):
    it carries the query, and forgets it with the search box."""
    page = browser.new_page()
    page.goto(f"{served_site}ar/search/")
    ask(page, "Putin")
    page.locator("a.language-switch").click()
    page.wait_for_url("**/en/search/?q=Putin")
    page.wait_for_function(ANSWERED, arg=["Putin", "done"], timeout=15_000)
    assert page.locator("#search-query").input_value() == "Putin"
    page.locator("#search-query").fill("")
    page.wait_for_function("() => !new URL(document.querySelector('a.language-switch').href).searchParams.has('q')")
    page.close()


def test_a_query_in_the_other_language_leads_to_its_search(served_site: str, browser: Any) -> None:
    """An Arabic query on the English search page found nothing and said "try fewer or shorter words"; "Read in
    English" after an Arabic search opened an English search for it, which found nothing (an outside tester's).
    The status links to the Arabic search for it, and the switch carries only what the other pages can find.
    The search box has the focus as the page opens: a reader comes to type, and it was six Tabs away."""
    page = browser.new_page()
    page.goto(f"{served_site}ar/search/")
    assert page.evaluate("document.activeElement.id") == "search-query"
    assert ask(page, "بوتين")
    switch = "new URL(document.querySelector('a.language-switch').href).searchParams.get('q')"
    assert page.evaluate(switch) is None  # Arabic words: not carried to the English pages
    ask(page, "Putin")
    assert page.evaluate(switch) == "Putin"  # a Latin name: the English pages may have it
    page.goto(f"{served_site}en/search/")
    assert ask(page, "بوتين") == []
    status = page.locator(".search-status")
    assert "Search the Arabic pages for it" in (status.text_content() or "")
    status.locator("a[hreflang=ar]").click()
    page.wait_for_url("**/ar/search/?q=*")
    page.wait_for_function(ANSWERED, arg=["بوتين", "done"], timeout=15_000)
    assert page.locator(".search-result-link").count() > 0
    page.close()


# Two CSS colours (rgb(…) as getComputedStyle gives them): their distance in RGB, and their contrast by WCAG's
# relative luminance.
COLOURS = """([first, second]) => {
  const rgb = (colour) => colour.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return [Math.hypot(...rgb(first).map((c, i) => c - rgb(second)[i])), (light + 0.05) / (dark + 0.05)];
}"""


@pytest.mark.parametrize("part", ["excerpt", "link"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_readers_words_stand_out_in_a_result(
    served_site: str, browser: Any, scheme: str, part: str, artifacts: Path
) -> None:
    """The marked words of an excerpt, and of a title, show against the page in either scheme (an outside
    tester could not see the dark scheme's tint, #24231f on #161616), and stay readable on their highlight."""
    page = browser.new_page(color_scheme=scheme)
    page.goto(f"{served_site}en/search/")
    ask(page, "Russia")
    mark = page.locator(f".search-result-{part} mark").first
    colours = mark.evaluate(
        "mark => [getComputedStyle(mark).backgroundColor, getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(mark).color]"
    )
    page.screenshot(path=str(artifacts / f"search-marked-{scheme}.png"))  # (the two parts alike: one picture)
    apart, _ = page.evaluate(COLOURS, colours[:2])
    _, text_on_mark = page.evaluate(COLOURS, [colours[2], colours[0]])
    page.close()
    assert apart >= 60, (scheme, colours, apart)  # the surface tints were 21 from their backgrounds
    assert text_on_mark >= 4.5, (scheme, colours, text_on_mark)  # WCAG AA for text


def project_of_explainers(tmp_path: Path, name: str, count: int) -> Project:
    """The project with `count` more explainers like the second fixture (`fixture-<name>-01`…), one a day, built."""
    project = copy_project(tmp_path / "project")
    second = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    for number in range(1, count + 1):
        slug, date = f"fixture-{name}-{number:02}", f"2024-02-{number:02}"
        text = second.replace("slug: fixture-second-explainer", f"slug: {slug}").replace("2024-01-15", date, 1)
        (project.explainers / f"{name}-{number:02}.yml").write_text(text, encoding="utf-8")
    build_site(project)
    return project


def test_more_results_takes_the_reader_to_the_first_new_result(tmp_path: Path, browser: Any) -> None:
    """ "More results" from the keyboard puts the focus on the first result it adds, which a screen reader then
    reads, and the next Tab goes on through the new results: left on the button, the next Tab skipped the
    results added above it and nothing was said (an outside reader's finding)."""
    project = project_of_explainers(tmp_path, "more", 11)
    with serving(project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}en/search/")
        first = ask(page, "fixture")
        assert len(first) == 5
        at = "() => [...document.querySelectorAll('.search-result-link')].indexOf(document.activeElement)"
        for before, after in ((5, 10), (10, 11)):  # the last press hides the button, which had the focus
            page.locator(".search-more").focus()
            page.keyboard.press("Enter")
            page.wait_for_function(f"() => document.querySelectorAll('.search-result').length > {before}")
            assert page.locator(".search-result").count() == after, page.locator(".search-status").text_content()
            assert page.evaluate(at) == before
            if after == 10:
                page.keyboard.press("Tab")
                assert page.evaluate(at) == 6
        page.close()


def test_back_from_a_result_shows_as_many_results_as_before(tmp_path: Path, browser: Any) -> None:
    """Back from a result opened after "More results" showed the first five alone (an outside reader's): the page
    keeps how many it showed in its history entry, and shows as many again; a new query starts at five."""
    project = project_of_explainers(tmp_path, "back", 11)
    with serving(project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}en/search/")
        assert len(ask(page, "fixture")) == 5
        page.locator(".search-more").click()
        page.wait_for_function("() => document.querySelectorAll('.search-result').length === 10")
        page.locator(".search-result-link").nth(7).click()
        page.wait_for_url("**/fixture-back-*/")
        page.go_back()
        page.wait_for_function("() => document.querySelector('#search').dataset.state === 'done'")
        assert page.locator(".search-result").count() == 10
        assert len(ask(page, "fixture explainer")) == 5  # another query: its first five
        page.close()


def test_a_result_whose_page_is_gone_is_left_out(tmp_path: Path, browser: Any) -> None:
    """A page the index names that the site no longer has (taken down since, a preview's index a moment behind a
    deleted file, an upload not yet done) is left out of the results, among the first shown or the next ones, as
    is its phrase: every query that would list it failed, "could not be read" (an outside tester's)."""
    project = project_of_explainers(tmp_path, "gone", 8)
    with serving(project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}en/search/")
        ask(page, "fixture")
        page.locator(".search-more").click()
        page.wait_for_function("() => document.querySelectorAll('.search-result').length > 5")
        every = list(page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)"))
        gone = [every[1], every[7]]  # one shown at once, one shown on "more"
        for path in gone:
            shutil.rmtree(project.site / path.strip("/"))  # (its folder, or the server would list it)
        page.close()
        page = browser.new_page()  # a context of its own: nothing the first read kept in its cache
        page.goto(f"{address}en/search/")
        assert ask(page, "fixture") == [path for path in every if path not in gone][:5]
        page.locator(".search-more").click()
        page.wait_for_function("() => document.querySelectorAll('.search-result').length > 5")
        shown = list(page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)"))
        assert shown == [path for path in every if path not in gone]
        assert page.locator(".search-more").is_hidden()
        status = page.locator(".search-status").text_content() or ""
        assert str(len(shown)) in status and str(len(every)) not in status, status  # counted again
        assert gone[0] not in ask(page, '"fixture"')  # a phrase reads every page
        page.close()


def test_hebrew_words_are_found_under_the_letters_joined_to_their_front(tmp_path: Path, browser: Any) -> None:
    """An outside tester's Hebrew–Arabic–English site (tests/fixtures/hebrew-site, their content): `ירושלים`,
    `קריית`, `שקל`, `כנסת` and `מליאה` found nothing, the pages writing `בירושלים`, `בקריית`, `השקל`, `הכנסת`
    and `מהמליאה`; each now finds the pages that have it, and only those."""
    project = tmp_path / "hebrew-site"
    shutil.copytree(FIXTURES / "hebrew-site", project)
    build_site(Project(project))
    with serving(project / "site") as address:
        page = browser.new_page()
        page.goto(f"{address}he/search/")
        law, court, intel = "/he/reasonableness-law/", "/he/supreme-court-ruling/", "/he/intel-kiryat-gat/"
        assert ask(page, "ירושלים") == [law]
        assert page.locator("#search mark").all_text_contents() == ["בירושלים"]  # the excerpt shows where
        assert ask(page, "קריית") == [intel]
        assert sorted(ask(page, "שקל")) == sorted([law, court])
        assert sorted(ask(page, "כנסת")) == sorted([law, court])
        assert ask(page, "מליאה") == [law]
        assert ask(page, "בירושלים") == [law]  # as written, still
        assert ask(page, "לירושלים") == [law]  # "to Jerusalem": its prefix too is let go
        page.screenshot(path=str(ARTIFACTS / "search-hebrew.png"))
        page.close()


def test_a_topics_name_finds_the_explainers_filed_under_it(tmp_path: Path, browser: Any) -> None:
    """`elections` found none of the 250 explainers filed under Elections (an outside tester's archive): a topic's
    name is among its explainers' words, in each language; the excerpt still goes on from the headline."""
    project = copy_project(tmp_path / "project")
    settings = project.content / "site.yml"
    text = settings.read_text(encoding="utf-8")
    topic = "  - id: diplomacy\n    name: {ar: دبلوماسية, en: Diplomacy}\n"
    settings.write_text(text.replace("topics:\n", "topics:\n" + topic, 1), encoding="utf-8")
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.write_text(seed.read_text("utf-8").replace("topics: [north-korea, russia]", "topics: [diplomacy]"), "utf-8")
    build_site(project)
    with serving(project.site) as address:
        for lang, query in (("en", "diplomacy"), ("ar", "دبلوماسية")):
            page = browser.new_page()
            page.goto(f"{address}{lang}/search/")
            assert ask(page, query) == [f"/{lang}/{SEED_SLUG}/"]
            title = page.locator(".search-result-link").text_content() or ""
            (excerpt,) = page.locator(".search-result-excerpt").all_text_contents()
            assert title and title not in excerpt and query not in excerpt.lower(), excerpt
            assert not re.search(r"[.!?؟]…$", excerpt), excerpt  # a sentence's end needs no ellipsis after it
            page.close()


def explainer_saying(slug: str, day: str, title: tuple[str, str], paragraph: tuple[str, str]) -> str:
    """The second fixture explainer as `slug`, published on `day`, with its title and its one paragraph."""
    text = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    text = text.replace("slug: fixture-second-explainer", f"slug: {slug}").replace("2024-01-15", day, 1)
    text = text.replace('ar: "عنوان شرح الاختبار"', f'ar: "{title[0]}"').replace("Fixture explainer title", title[1])
    text = text.replace("فقرة وحيدة في قسم الاختبار.", paragraph[0]).replace(
        "The single fixture paragraph.", paragraph[1]
    )
    return text


def archive_of(project: Project, pages: dict[str, tuple[tuple[str, str], tuple[str, str]]], month: str) -> None:
    """Each page (slug → its title and its paragraph, Arabic and English) an explainer of its own, published a day
    apart in `month`, and the site built."""
    for number, (slug, (title, paragraph)) in enumerate(pages.items(), start=1):
        (project.explainers / f"{slug}.yml").write_text(
            explainer_saying(slug, f"{month}-{number:02}", title, paragraph)
        )
    build_site(project)


def test_a_whole_word_comes_before_longer_words_it_starts(tmp_path: Path, browser: Any) -> None:
    """An outside tester's archive: `عمر` put the page of Amr (`عمرو`) first and Omar's second, the Umrah pages
    (`العمرة`, read as عمر with a pronoun's ه) sharing Omar's rarity; `war` put eight "Heat warning" pages before
    the pages about a war. A longer word the query starts weighs less by its length, the more the longer it is."""
    project = copy_project(tmp_path / "project")
    pages = {
        "fixture-omar": (("قال عمر إن الاتفاق قريب", "Omar says the war may end"), ("وأكد عمر ذلك.", "He said so.")),
        "fixture-amr": (("عمرو يفوز بالجائزة", "Amr wins the prize"), ("وفاز عمرو أمس.", "He won yesterday.")),
    }
    for number in range(4):
        pages[f"fixture-umrah-{number}"] = (
            ("موسم العمرة يبدأ", "Heat warning issued"),
            ("بدأت العمرة هذا الأسبوع.", "A heat warning was issued for the weekend."),
        )
    archive_of(project, pages, "2024-04")
    with serving(project.site) as address:
        page = browser.new_page()
        for lang, query in (("ar", "عمر"), ("en", "war")):
            page.goto(f"{address}{lang}/search/")
            results = ask(page, query)
            assert results and results[0] == f"/{lang}/fixture-omar/", (query, results)
        page.close()


def test_an_archives_words_are_ranked_as_one_word_and_found_as_spelt_elsewhere(tmp_path: Path, browser: Any) -> None:
    """An outside tester's archive: `مستشفى` put first a page with the plural once in its text, scored by that
    form's own rarity, above the headlines with the word; `heat wave` put "a new wave of infections" first, said
    no page had both words, where a headline wrote `Heatwave`; `ترمب`, `بوتن` found nothing (pages write `ترامب`,
    `بوتين`), and `بيونج يانج` said no page had both words and found BioNTech (`وبيونتك`). And a retester's: `صلح`
    was read as `صلاح`, `سلام` as `سلمان`, and `heat` put the Heatwave headline 19th."""
    project = copy_project(tmp_path / "project")
    pages = {
        "fixture-heatwave": (
            ("افتتاح مستشفى جامعي جديد", "Heatwave: why 2023 may be the hottest year"),
            ("بدأ المستشفى استقبال المرضى.", "Records fell in July."),
        ),
        "fixture-field": (
            ("مستشفى ميداني في الجنوب", "A field hospital in the south"),
            ("قال ترامب في غازي عنتاب إن المستشفى جاهز.", "Doctors worked in the heat of the World Cup."),
        ),
        "fixture-lockdown": (
            ("الحجر الصحي وإغلاق الحدود", "Games without spectators"),
            (
                "امتلأت المستشفيات ووصل لقاح فايزر وبيونتك كما قال صلاح وسلمان، ودعا إلى الصبر.",
                "A new wave of infections closed them. Aftershocks followed.",
            ),
        ),
    }
    for town in ("الرباط", "فاس", "مراكش", "طنجة", "أكادير"):  # the singular common, the plural on one page
        pages[f"fixture-hospital-{len(pages)}"] = (
            (f"مستشفى جديد في {town}", "A new hospital"),
            ("افتتح أمس.", "It opened in the heat."),
        )
    archive_of(project, pages, "2024-03")
    with serving(project.site) as address:
        page = browser.new_page()
        for lang, query, first, found in (
            ("ar", "مستشفى", {"fixture-heatwave", "fixture-field"}, 5),  # 5 of 8 shown
            ("en", "heat wave", {"fixture-heatwave"}, 1),
            ("ar", "ترمب", {"fixture-field"}, 1),
            ("ar", "بوتن", {SEED_SLUG}, 1),
            ("ar", "بيونج يانج", {SEED_SLUG}, 1),
            ("ar", "جازي", {"fixture-field"}, 1),  # another letter for the g at its start
            ("ar", "صلح", set(), 0),  # a common word of three letters is no name's other spelling (`صلاح`),
            ("ar", "سلام", set(), 0),  # nor a word the start of another (`سلمان`): a retester's
            ("ar", "صابر", set(), 0),  # nor a name less its vowel, a root's word (`الصبر`): a second retester's
            ("en", "heat", {"fixture-heatwave"}, 5),  # a headline's rare word it starts first (5 of 7 shown)
            ("en", "after shocks", {"fixture-lockdown"}, 1),  # no page has `shocks` alone: it was respelt
            ("en", "worldcup", {"fixture-field"}, 1),  # two words the pages have, written as one
            ("ar", "بيونغيانغ", {SEED_SLUG}, 1),
        ):
            page.goto(f"{address}{lang}/search/")
            results = ask(page, query)
            status = page.locator(".search-status").text_content() or ""
            assert len(results) == found and (not found or results[0].split("/")[2] in first), (query, results, status)
            assert not status.startswith(("No page has every word", "لا صفحة فيها كل كلمات")), (query, status)
            respelt = {"worldcup": "world cup", "بيونغيانغ": "بيونغ يانغ"}
            assert respelt.get(query, query) in status or query in {"ترمب", "بوتن", "بيونج يانج", "جازي"}, status
            if query == "مستشفى":  # the plural once in a text comes after every headline: not among the first five
                assert f"/{lang}/fixture-lockdown/" not in results and "8" in status, (results, status)
        page.close()
