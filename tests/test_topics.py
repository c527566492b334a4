"""Home pages in pages of `page_size`, topics with a page per language, and feeds capped at the newest.

A project of 55 generated explainers (copies of the small fixture explainer with their own slugs, dates and
topics) plus the seed is built once; every page is read as parsed HTML, links are followed the way a static
host serves them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from conftest import (
    CONTRAST_JS,
    SEED_SLUG,
    add_explainer,
    axe_results,
    build,
    build_site,
    check,
    copy_project,
    describe_violation,
    parse,
    run_vnu,
    serving,
)
from lxml import etree

from generator.problems import ContentError
from generator.project import Project
from generator.urls import Linker

SITE_URL = "https://explainers.example.org/"
PAGE_SIZE = 20
GENERATED = 55
LANGUAGES = ("ar", "en")
OTHER = {"ar": "en", "en": "ar"}
TOPIC_NAMES = {
    "north-korea": {"ar": "كوريا الشمالية", "en": "North Korea"},
    "russia": {"ar": "روسيا", "en": "Russia"},
    "empty-topic": {"ar": "موضوع بلا شروحات", "en": "A topic with nothing yet"},
}
PAGE_OF = {"ar": "الصفحة {page} من {pages}", "en": "Page {page} of {pages}"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def generated_topics(index: int) -> list[str]:
    """Every other explainer is about North Korea (28 of 55: two pages), every fifth about Russia."""
    return [name for name, every in (("north-korea", 2), ("russia", 5)) if index % every == 0]


def add_topic(project: Project, topic_id: str) -> None:
    settings = project.content / "site.yml"
    names = TOPIC_NAMES[topic_id]
    text = settings.read_text(encoding="utf-8").rstrip("\n")
    settings.write_text(
        f"{text}\n  - id: {topic_id}\n    name: {{ar: {names['ar']}, en: {names['en']}}}\n", encoding="utf-8"
    )


def set_setting(project: Project, old: str, new: str) -> None:
    settings = project.content / "site.yml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_project(root: Path) -> tuple[Project, dict[str, tuple[dt.date, list[str]]]]:
    """The real project (the seed, about North Korea and Russia) plus 55 generated explainers and an empty topic.

    Dates run two explainers a day from 2023-08-20, so the seed (2023-09-12) falls among them and same-day
    explainers must still come in a stable order."""
    project = copy_project(root)
    set_setting(project, "page_size: 20", f"page_size: {PAGE_SIZE}")
    add_topic(project, "empty-topic")
    explainers = {SEED_SLUG: (dt.date(2023, 9, 12), ["north-korea", "russia"])}
    for index in range(GENERATED):
        slug = f"generated-{index:02d}"
        explainers[slug] = (dt.date(2023, 8, 20) + dt.timedelta(days=index // 2), generated_topics(index))
        add_explainer(project, slug, *explainers[slug])
    return project, explainers


@pytest.fixture(scope="module")
def topics_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[dt.date, list[str]]]]:
    project, explainers = make_project(tmp_path_factory.mktemp("topics") / "project")
    build_site(project)
    return project.site, explainers


@pytest.fixture(scope="module")
def site(topics_site: tuple[Path, Any]) -> Path:
    return topics_site[0]


def newest_first(explainers: dict[str, tuple[dt.date, list[str]]], topic: str | None = None) -> list[str]:
    """The slugs a list shows, in its order: newest first, same-day explainers by slug (descending)."""
    chosen = [slug for slug, (_, topics) in explainers.items() if topic is None or topic in topics]
    return sorted(chosen, key=lambda slug: (explainers[slug][0], slug), reverse=True)


def chunks(slugs: list[str]) -> list[list[str]]:
    return [slugs[start : start + PAGE_SIZE] for start in range(0, max(len(slugs), 1), PAGE_SIZE)]


def file_for(site: Path, url: str) -> Path:
    """The file a site-relative URL (`ar/page/2/`) is served from."""
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def resolve(page: str, href: str) -> str:
    """The site-relative URL a link on `page` (itself site-relative) leads to."""
    return urlsplit(urljoin(f"http://host/{page}", href)).path.lstrip("/")


def home_url(lang: str, number: int) -> str:
    return f"{lang}/" if number == 1 else f"{lang}/page/{number}/"


def topic_url(lang: str, topic: str, number: int = 1) -> str:
    return f"{lang}/topics/{topic}/" if number == 1 else f"{lang}/topics/{topic}/page/{number}/"


def listed(site: Path, url: str) -> list[str]:
    """The slugs of the explainers a list page links to, in order, checked to lead to those explainers."""
    root = parse(file_for(site, url))
    slugs = []
    for anchor in root.cssselect(".explainer-list h2 a"):
        target = resolve(url, anchor.get("href"))
        match = re.fullmatch(rf"{url[:2]}/([a-z0-9-]+)/", target)
        assert match, f"{url}: {anchor.get('href')} leads to {target}"
        assert file_for(site, target).is_file()
        slugs.append(match.group(1))
    return slugs


def text(element: lxml.html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def list_pages(lang: str, explainers: dict[str, Any], topic: str | None = None) -> list[str]:
    pages = len(chunks(newest_first(explainers, topic)))
    return [home_url(lang, n) if topic is None else topic_url(lang, topic, n) for n in range(1, pages + 1)]


def all_list_pages(explainers: dict[str, Any]) -> Iterator[str]:
    for lang in LANGUAGES:
        yield from list_pages(lang, explainers)
        yield f"{lang}/topics/"
        for topic in TOPIC_NAMES:
            yield from list_pages(lang, explainers, topic)


# --- home pages in pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_pages_list_every_explainer_newest_first(topics_site: tuple[Path, Any], lang: str) -> None:
    site, explainers = topics_site
    expected = chunks(newest_first(explainers))
    assert [len(chunk) for chunk in expected] == [20, 20, 16]
    for number, slugs in enumerate(expected, 1):
        assert listed(site, home_url(lang, number)) == slugs, number
    assert not (site / lang / "page" / "1").exists(), "page 1 is the home page itself"
    assert not file_for(site, home_url(lang, len(expected) + 1)).exists()
    for number in range(1, len(expected) + 1):
        (count,) = parse(file_for(site, home_url(lang, number))).cssselect("main > p.meta")
        assert text(count) == {"ar": "56 شرحًا", "en": "56 explainers"}[lang]


def pagination(site: Path, url: str) -> dict[str, Any]:
    """What a page's pagination nav says: its label, status, and where its prev/next links lead."""
    root = parse(file_for(site, url))
    navs = root.xpath("//main//nav[@aria-label]")
    assert len(navs) == 1, f"{url}: {len(navs)} labelled navs"
    (nav,) = navs
    links = {}
    for rel in ("prev", "next"):
        anchors = nav.xpath(f".//a[@rel='{rel}']")
        assert len(anchors) <= 1
        links[rel] = resolve(url, anchors[0].get("href")) if anchors else None
    (status,) = nav.xpath(".//p")
    return {"label": nav.get("aria-label"), "status": text(status), **links}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic", [None, "north-korea"])
def test_pagination_links_are_reciprocal_and_say_where_the_reader_is(
    topics_site: tuple[Path, Any], lang: str, topic: str | None
) -> None:
    site, explainers = topics_site
    pages = list_pages(lang, explainers, topic)
    assert len(pages) >= 2
    for number, url in enumerate(pages, 1):
        nav = pagination(site, url)
        assert nav["label"] == {"ar": "الصفحات", "en": "Pages"}[lang]
        assert nav["status"] == PAGE_OF[lang].format(page=number, pages=len(pages))
        assert nav["prev"] == (pages[number - 2] if number > 1 else None), url
        assert nav["next"] == (pages[number] if number < len(pages) else None), url
        if nav["next"]:
            assert pagination(site, nav["next"])["prev"] == url
        root = parse(file_for(site, url))
        labels = {a.get("rel"): text(a) for a in root.xpath("//nav//a[@rel]")}
        expected = {"prev": {"ar": "شروحات أحدث", "en": "Newer explainers"}[lang]} if number > 1 else {}
        if number < len(pages):
            expected["next"] = {"ar": "شروحات أقدم", "en": "Older explainers"}[lang]
        assert labels == expected


def test_a_list_on_one_page_has_no_pagination(site: Path) -> None:
    for url in ("ar/topics/russia/", "en/topics/empty-topic/"):
        assert parse(file_for(site, url)).xpath("//nav[@class='pagination']") == [], url


def test_page_numbers_follow_the_arabic_digit_setting(tmp_path: Path) -> None:
    project, _ = make_project(tmp_path / "project")
    set_setting(project, "digits: latn", "digits: arab")
    outputs = build(project)
    arabic = lxml.html.document_fromstring(outputs["ar/page/2/index.html"])
    (status,) = arabic.cssselect("nav p")
    assert text(status) == "الصفحة ٢ من ٣"
    assert "/page/3/" in urljoin("http://host/ar/page/2/", arabic.xpath("//a[@rel='next']/@href")[0])
    english = lxml.html.document_fromstring(outputs["en/page/2/index.html"])
    assert text(english.cssselect("nav p")[0]) == "Page 2 of 3"
    # ... and in the heading of a later page, where a screen reader's user jumps to learn where they are: it was
    # the first page's (an outside tester's); the first page's heading is the list's alone
    assert text(arabic.cssselect("h1 .page-status")[0]) == "| الصفحة ٢ من ٣"
    assert text(english.cssselect("h1 .page-status")[0]) == "· Page 2 of 3"
    assert lxml.html.document_fromstring(outputs["en/index.html"]).cssselect("h1 .page-status") == []


def alternates(root: lxml.html.HtmlElement) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in root.xpath("//head/link[@rel='alternate'][@hreflang]")}


def test_every_list_page_has_reciprocal_alternates_and_its_own_canonical(topics_site: tuple[Path, Any]) -> None:
    site, explainers = topics_site
    for url in all_list_pages(explainers):
        root = parse(file_for(site, url))
        lang, other = url[:2], OTHER[url[:2]]
        same = other + url[2:]
        assert root.xpath("//link[@rel='canonical']/@href") == [SITE_URL + url]
        group = alternates(root)
        x_default = "" if url[2:] == "/" else f"ar{url[2:]}"  # the homes' is the root page, which lets a reader choose
        assert group == {lang: SITE_URL + url, other: SITE_URL + same, "x-default": SITE_URL + x_default}
        assert alternates(parse(file_for(site, same))) == group, f"{same} lists other alternates than {url}"
        (switch,) = root.xpath("//header//a[contains(@class, 'language-switch')]")
        assert resolve(url, switch.get("href")) == same
        assert switch.get("hreflang") == other


def test_sitemap_lists_every_list_page_with_alternates(topics_site: tuple[Path, Any]) -> None:
    site, explainers = topics_site
    urlset = etree.parse(str(site / "sitemap.xml")).getroot()
    groups = {
        entry.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")}
        for entry in urlset.iter(f"{SITEMAP}url")
    }
    for url in all_list_pages(explainers):
        if "/topics/empty-topic/" in url:  # no explainer: its page asks not to be indexed, and is left out
            assert SITE_URL + url not in groups
            continue
        assert SITE_URL + url in groups, url
        assert groups[SITE_URL + url] == alternates(parse(file_for(site, url)))
    for slug in explainers:
        assert SITE_URL + f"en/{slug}/" in groups
    assert SITE_URL + home_url("en", 4) not in groups


# --- topics ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topics_index_names_every_topic_with_its_count(topics_site: tuple[Path, Any], lang: str) -> None:
    site, explainers = topics_site
    url = f"{lang}/topics/"
    root = parse(file_for(site, url))
    assert text(root.xpath("//h1")[0]) == {"ar": "الموضوعات", "en": "Topics"}[lang]
    rows = root.cssselect("main li")
    found = {}
    for row in rows:
        (anchor,) = row.xpath(".//a")
        (count,) = row.cssselect(".meta")
        found[resolve(url, anchor.get("href"))] = (text(anchor), text(count))
    counts = {topic: len(newest_first(explainers, topic)) for topic in TOPIC_NAMES}
    assert counts == {"north-korea": 29, "russia": 12, "empty-topic": 0}
    words = {
        "ar": {29: "29 شرحًا", 12: "12 شرحًا", 0: "لا شروحات"},
        "en": {29: "29 explainers", 12: "12 explainers", 0: "0 explainers"},
    }[lang]
    assert found == {
        topic_url(lang, topic): (TOPIC_NAMES[topic][lang], words[count]) for topic, count in counts.items()
    }
    assert list(found) == [topic_url(lang, topic) for topic in TOPIC_NAMES], "topics in site.yml's order"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic", ["north-korea", "russia"])
def test_topic_pages_list_their_explainers_newest_first(topics_site: tuple[Path, Any], lang: str, topic: str) -> None:
    site, explainers = topics_site
    expected = chunks(newest_first(explainers, topic))
    pages = list_pages(lang, explainers, topic)
    assert len(pages) == len(expected) == {"north-korea": 2, "russia": 1}[topic]
    for url, slugs in zip(pages, expected, strict=True):
        assert listed(site, url) == slugs
        root = parse(file_for(site, url))
        heading = root.xpath("//h1")[0]
        assert len(heading.cssselect(".page-status")) == (url != pages[0])  # "Page 2 of 2" after the topic's name
        for status in heading.cssselect(".page-status"):
            status.drop_tree()
        assert text(heading) == TOPIC_NAMES[topic][lang]
        (up,) = root.cssselect("main p.up a")
        assert resolve(url, up.get("href")) == f"{lang}/topics/"
    assert not file_for(site, topic_url(lang, topic, len(pages) + 1)).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_topic_without_explainers_still_has_its_page(site: Path, lang: str) -> None:
    url = topic_url(lang, "empty-topic")
    root = parse(file_for(site, url))
    assert text(root.xpath("//h1")[0]) == TOPIC_NAMES["empty-topic"][lang]
    assert root.cssselect(".explainer-list") == []
    (empty,) = root.cssselect("main p.empty")
    assert (
        text(empty)
        == {"ar": "لا توجد شروحات في هذا الموضوع بعد.", "en": "There are no explainers on this topic yet."}[lang]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explainer_pages_link_to_their_topics_by_name(topics_site: tuple[Path, Any], lang: str) -> None:
    site, explainers = topics_site
    for slug in (SEED_SLUG, "generated-10", "generated-01"):
        url = f"{lang}/{slug}/"
        root = parse(file_for(site, url))
        links = root.xpath("//article/header//ul[@aria-label]//a")
        assert [(resolve(url, a.get("href")), text(a)) for a in links] == [
            (topic_url(lang, topic), TOPIC_NAMES[topic][lang]) for topic in explainers[slug][1]
        ], slug
        if not explainers[slug][1]:
            assert root.xpath("//article/header//ul") == []
    labels = parse(file_for(site, f"{lang}/{SEED_SLUG}/")).xpath("//article/header//ul/@aria-label")
    assert labels == [{"ar": "الموضوعات", "en": "Topics"}[lang]]


def test_arabic_pages_use_arabic_topic_names(site: Path) -> None:
    for url in ("ar/topics/", f"ar/{SEED_SLUG}/", "ar/topics/north-korea/", "ar/topics/empty-topic/"):
        root = parse(file_for(site, url))
        names = [text(a) for a in root.xpath("//main//ul[contains(@class, 'topic')]//a | //main//h1")]
        assert names, url
        assert not [name for name in names if re.search("[A-Za-z]", name)], f"{url}: {names}"
        assert not any(TOPIC_NAMES[topic]["en"] in text(root.body) for topic in TOPIC_NAMES), url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_topic_page_switches_to_the_same_topic_in_the_other_language(site: Path, lang: str) -> None:
    other = OTHER[lang]
    for topic in TOPIC_NAMES:
        url = topic_url(lang, topic)
        root = parse(file_for(site, url))
        (switch,) = root.cssselect("a.language-switch")
        target = resolve(url, switch.get("href"))
        assert target == topic_url(other, topic)
        assert text(parse(file_for(site, target)).xpath("//h1")[0]) == TOPIC_NAMES[topic][other]
        assert alternates(root)[other] == SITE_URL + topic_url(other, topic)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_header_links_to_the_topics_index(topics_site: tuple[Path, Any], lang: str) -> None:
    site, explainers = topics_site
    for url in [*all_list_pages(explainers), f"{lang}/{SEED_SLUG}/"]:
        if url[:2] != lang:
            continue
        (anchor,) = parse(file_for(site, url)).xpath("//header[@class='site-header']//a[contains(@class, 'topics')]")
        assert resolve(url, anchor.get("href")) == f"{lang}/topics/"
        assert text(anchor) == {"ar": "الموضوعات", "en": "Topics"}[lang]


# --- feeds -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_carry_the_fifty_newest(topics_site: tuple[Path, Any], lang: str) -> None:
    site, explainers = topics_site
    feed = etree.parse(str(site / lang / "feed.xml")).getroot()
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert len(explainers) > 50
    assert ids == [f"{SITE_URL}{lang}/{slug}/" for slug in newest_first(explainers)[:50]]


# --- settings --------------------------------------------------------------------------------------------------


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as error:
        check(project)
    return [f"{problem.field}: {problem.message}" for problem in error.value.problems]


@pytest.mark.parametrize("value", ["0", "-3"])
def test_page_size_must_be_at_least_one(project: Project, value: str) -> None:
    set_setting(project, "page_size: 20", f"page_size: {value}")
    (problem,) = problems(project)
    assert problem.startswith("page_size:") and "1" in problem


def test_topic_ids_must_be_unique(project: Project) -> None:
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "  - id: russia\n    name: {ar: روسيا, en: Russia}\n")
    (problem,) = problems(project)
    assert problem.startswith("topics:") and "`russia`" in problem


def test_page_size_defaults_to_twenty(project: Project) -> None:
    set_setting(project, "page_size: 20\n", "")
    assert check(project).settings.page_size == 20


def test_a_small_page_size_paginates_the_real_site(two_explainer_project: Project) -> None:
    set_setting(two_explainer_project, "page_size: 20", "page_size: 1")
    outputs = build(two_explainer_project)
    assert {"ar/page/2/index.html", "en/page/2/index.html"} <= set(outputs)
    assert "ar/page/3/index.html" not in outputs
    assert {"ar/topics/russia/index.html", "en/topics/north-korea/index.html"} <= set(outputs)
    assert "ar/topics/russia/page/2/index.html" not in outputs


# --- links from list pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "folder", "prefix"),
    [
        ("ar/", "ar/", ""),
        ("ar/page/3/", "ar/", "../../"),
        ("en/topics/russia/page/2/", "en/", "../../../../"),
        ("en/topics/", "en/topics/", ""),
        ("en/kim/", "en/", "../"),
    ],
)
def test_link_prefix_matches_the_full_link_computation(page: str, folder: str, prefix: str) -> None:
    link = Linker(SITE_URL, page)
    assert link.prefix(folder) == prefix
    assert prefix + "some-slug/" == link(folder + "some-slug/")


def test_link_prefix_on_a_404_page_is_root_relative() -> None:
    assert Linker("https://news.example.com/explainers/", "ar/404.html").prefix("ar/") == "/explainers/ar/"


# --- the web's yardsticks on the new pages ----------------------------------------------------------------------


@pytest.mark.slow  # the Nu checker runs in Java, which `make test-fast` does not install
def test_list_pages_are_valid_html(topics_site: tuple[Path, Any], tmp_path: Path) -> None:
    site, explainers = topics_site
    pages = [file_for(site, url).resolve() for url in all_list_pages(explainers)]
    pages.append(file_for(site, f"ar/{SEED_SLUG}/").resolve())
    errors = [m for m in run_vnu(*map(str, pages)) if m["type"] in ("error", "non-document-error")]
    assert not errors, errors


@pytest.fixture(scope="module")
def served_topics_site(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}])
@pytest.mark.parametrize("path", ["ar/page/2/", "en/page/2/", "ar/topics/north-korea/page/2/", "en/topics/"])
def test_paginated_pages_pass_axe_and_fit_the_screen(
    browser: Any, served_topics_site: str, path: str, viewport: dict[str, int]
) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        try:
            page = context.new_page()
            response = page.goto(served_topics_site + path)
            assert response is not None and response.ok
            assert page.eval_on_selector("body", "body => getComputedStyle(body).marginTop") == "0px"
            results = axe_results(page)
            violations = results["violations"]
            assert not violations, "\n".join(map(describe_violation, violations))
            assert results["testEngine"]["name"] == "axe-core"
            contrast = page.evaluate(CONTRAST_JS, "body")
            assert not contrast["failures"] and not contrast["unmeasured"], contrast
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px"
        finally:
            context.close()
