"""An explainer as news (issue 12): bylines, updates and corrections, key figures, related reading, sharing, cards.

The seed explainer is credited to a desk and carries one update; fixtures built here add a journalist with a
page, a correction and explainers that share topics, so every part is seen in the HTML, the JSON-LD and the
feeds a build writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.etree
import pytest
from conftest import (
    ARTIFACTS,
    FIXTURES,
    SEED_SLUG,
    axe_results,
    build_site,
    copy_project,
    describe,
    describe_violation,
    examples,
    parse,
    run_vnu,
    serving,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import Build
from generator.listing import RELATED_COUNT, Listing, RelatedReading, newest_first, related_reading
from generator.problems import ContentError
from generator.project import Project

SECOND = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
CORRECTION = """
updated: 2024-02-01
authors: [jane-doe, explainers-desk]
updates:
  - date: 2024-02-01
    kind: correction
    text:
      ar: "صححنا اسم صوت الاختبار."
      en: "We corrected the fixture voice's name."
"""
JOURNALIST = """
  - id: jane-doe
    name: {ar: "جين دو", en: "Jane Doe"}
    role: {ar: "مراسلة", en: "Correspondent"}
    url: https://explainers.example.org/people/jane-doe/
  - id: night-desk
    kind: desk
    name: {ar: "مكتب الليل", en: "The night desk"}
    in_byline: {ar: "مكتب الليل", en: "the night desk"}
"""


def fixture(slug: str, published: str, topics: str, extra: str = "") -> str:
    """The second fixture explainer under another slug and date, filed under `topics`."""
    text = SECOND.replace("slug: fixture-second-explainer", f"slug: {slug}").replace(
        "published: 2024-01-15", f"published: {published}\ntopics: {topics}"
    )
    return text + extra


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seed (north-korea, russia) and four fixtures: three share its topics, one shares none."""
    project = copy_project(tmp_path_factory.mktemp("news") / "project")
    with (project.content / "authors.yml").open("a", encoding="utf-8") as authors:
        authors.write(JOURNALIST)
    explainers = project.content / "explainers"
    (explainers / "a.yml").write_text(fixture("older-russia", "2020-05-01", "[russia]"), encoding="utf-8")
    (explainers / "b.yml").write_text(fixture("newer-korea", "2024-01-15", "[north-korea]", CORRECTION), "utf-8")
    both = fixture("newest-both", "2025-03-01", "[russia, north-korea]", "authors: [jane-doe, night-desk]\n")
    (explainers / "c.yml").write_text(both, "utf-8")
    (explainers / "d.yml").write_text(fixture("elsewhere", "2025-06-01", "[]"), encoding="utf-8")
    build_site(project, search=False)
    return project


def page(project: Project, lang: str, slug: str) -> lxml.etree._Element:
    return parse(project.site / lang / slug / "index.html")


def json_ld(root: lxml.etree._Element) -> dict[str, object]:
    (script,) = root.xpath('//script[@type="application/ld+json"]')
    return dict(json.loads(script.text))


def test_the_seed_is_credited_to_its_desk_and_shows_its_update_in_both_languages(newsroom: Project) -> None:
    for lang, desk, updated in (("ar", "فريق الشروح", "حُدّث"), ("en", "Explainers desk", "Updated")):
        root = page(newsroom, lang, SEED_SLUG)
        assert desk in root.xpath("string(//p[@class='byline'])")
        (notice,) = root.xpath("//p[@class='last-updated']/a")
        assert notice.get("href") == "#updates" and updated in notice.text_content()
        assert notice.xpath("string(.//time/@datetime)") == "2026-12-02"
        assert len(root.xpath("//section[@id='updates']//li[@class='update']")) == 1
        data = json_ld(root)
        assert data["author"] == [{"@type": "Organization", "name": desk}]
        assert data["dateModified"] == "2026-12-02" and "correction" not in data


def test_a_journalist_and_a_correction_are_structured_data(newsroom: Project) -> None:
    data = json_ld(page(newsroom, "en", "newer-korea"))
    person, desk = data["author"]  # type: ignore[misc]
    assert person == {
        "@type": "Person",
        "name": "Jane Doe",
        "jobTitle": "Correspondent",
        "url": "https://explainers.example.org/people/jane-doe/",
    }
    assert desk["@type"] == "Organization"
    (correction,) = data["correction"]  # type: ignore[misc]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] and correction["datePublished"] == "2024-02-01"
    assert data["dateModified"] == "2024-02-01"
    root = page(newsroom, "en", "newer-korea")
    (author_link,) = root.xpath("//p[@class='byline']//a[@rel='author']")
    assert author_link.text_content() == "Jane Doe"
    (item,) = root.xpath("//section[@id='updates']//li[@class='correction']")
    assert "Correction" in item.text_content() and "corrected the fixture voice" in item.text_content()


def test_a_desk_reads_in_the_byline_as_written_there(newsroom: Project) -> None:
    """A desk's name inside the byline's sentence: "Par Nadia Amrani et La rédaction" kept the capital (an outside
    tester's French desk): `in_byline` is how it reads there; structured data keeps its name."""
    root = page(newsroom, "en", "newest-both")
    assert root.xpath("string(//p[@class='byline'])").endswith("and the night desk")
    assert json_ld(root)["author"][1] == {"@type": "Organization", "name": "The night desk"}  # type: ignore[index]


def test_feeds_carry_bylines_and_corrections(newsroom: Project) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = lxml.etree.parse(str(newsroom.site / "en" / "feed.xml")).getroot()
    entries = {entry.findtext(f"{atom}id").rstrip("/").rsplit("/", 1)[-1]: entry for entry in feed.iter(f"{atom}entry")}
    korea = entries["newer-korea"]
    assert [author.findtext(f"{atom}name") for author in korea.findall(f"{atom}author")] == [
        "Jane Doe",
        "Explainers desk",
    ]
    content = korea.find(f"{atom}content")
    assert content is not None and content.get("type") == "xhtml"
    assert "Correction, 1 February 2024: We corrected the fixture voice's name." in "".join(content.itertext())
    assert entries[SEED_SLUG].find(f"{atom}content") is None  # an update is not a correction
    assert korea.findtext(f"{atom}updated") == "2024-02-01T00:00:00Z"
    # In Arabic, with the Arabic comma, and laid out right to left by a feed reader (an outside tester's finding)
    arabic = lxml.etree.parse(str(newsroom.site / "ar" / "feed.xml")).getroot()
    (note,) = [
        entry
        for entry in arabic.iter(f"{atom}entry")
        if entry.findtext(f"{atom}id").rstrip("/").endswith("newer-korea")
    ]
    div = note.find(f"{atom}content/{{http://www.w3.org/1999/xhtml}}div")
    assert div.get("dir") == "rtl" and content.find("{http://www.w3.org/1999/xhtml}div").get("dir") == "ltr"
    correction = div.findall("{http://www.w3.org/1999/xhtml}p")[-1].text
    assert "، " in correction.split(":")[0] and ", " not in correction.split(":")[0]


def test_related_reading_shares_a_topic_nearest_first_and_a_few(newsroom: Project) -> None:
    for lang in ("ar", "en"):
        root = page(newsroom, lang, SEED_SLUG)
        hrefs = [link.get("href") for link in root.xpath("//section[@id='related']//h3/a")]
        assert hrefs == ["../newer-korea/", "../newest-both/", "../older-russia/"]  # what followed, then before
        assert root.xpath("//section[@id='related']/ancestor::*[@data-search-body]") == []
    lonely = page(newsroom, "en", "elsewhere")
    assert lonely.xpath("//section[@id='related']") == []


def test_related_reading_follows_a_new_neighbour_without_the_page_file_changing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pipeline = Build(project, search=False)
    pipeline.run()
    assert page(project, "en", SEED_SLUG).xpath("//section[@id='related']") == []
    (project.explainers / "new.yml").write_text(fixture("brand-new", "2025-01-01", "[russia]"), encoding="utf-8")
    written = pipeline.run()
    assert f"en/{SEED_SLUG}/index.html" in written  # the seed's file did not change; its neighbours did
    links = page(project, "en", SEED_SLUG).xpath("//section[@id='related']//h3/a/@href")
    assert links == ["../brand-new/"]
    assert Build(project, search=False).run() == {}  # and the cache knows it: nothing to write again


def test_a_new_explainer_makes_again_only_the_few_pages_whose_related_reading_it_joins(tmp_path: Path) -> None:
    """Related reading is what followed an explainer on its topics, so a new explainer, the newest, joins the
    related reading of the few just before it, not of its whole topic (an outside tester's archive made 753
    files again for one new explainer in a topic of 234); an old explainer shows the three that followed it."""
    project = copy_project(tmp_path / "project")
    for day in range(1, 13):
        (project.explainers / f"t{day}.yml").write_text(fixture(f"topic-{day:02}", f"2024-03-{day:02}", "[russia]"))
    pipeline = Build(project, search=False)
    pipeline.run()
    first = page(project, "en", "topic-01").xpath("//section[@id='related']//h3/a/@href")
    assert first == ["../topic-02/", "../topic-03/", "../topic-04/"]  # what happened next, in order
    (project.explainers / "new.yml").write_text(fixture("brand-new", "2025-01-01", "[russia]"), encoding="utf-8")
    written = pipeline.run()
    explainers = {name.split("/")[1] for name in written if name.startswith("en/") and name.count("/") == 2}
    assert explainers - {"topics", "page", "archive"} == {"brand-new", "topic-12", "topic-11", "topic-10"}
    newest = page(project, "en", "brand-new").xpath("//section[@id='related']//h3/a/@href")
    assert newest == ["../topic-12/", "../topic-11/", "../topic-10/"]
    assert page(project, "en", "topic-10").xpath("//section[@id='related']//h3/a/@href") == [
        "../topic-11/",
        "../topic-12/",
        "../brand-new/",
    ]


def test_share_links_need_no_script_and_carry_no_tracking(newsroom: Project) -> None:
    root = page(newsroom, "ar", SEED_SLUG)
    address = f"https://explainers.example.org/ar/{SEED_SLUG}/"
    links = {link.get("class"): link.get("href") for link in root.xpath("//section[@id='share']//a")}
    assert set(links) == {f"share-{name}" for name in ("whatsapp", "telegram", "x", "facebook", "email")}
    for href in links.values():
        query = parse_qs(urlsplit(href).query)
        values = [value for values in query.values() for value in values]
        assert any(address in value for value in values), href
        assert not any(key.startswith("utm_") for key in query), href
    assert root.xpath("//script[not(@type='application/ld+json')]") == []
    assert "واتساب" in root.xpath("string(//section[@id='share'])")


def test_a_share_of_an_arabic_title_opening_with_a_latin_word_reads_right_to_left(tmp_path: Path) -> None:
    """A shared message is plain text, shown in the direction of its first letter: `OPEC+ …` made an Arabic
    title's message read left to right (an outside tester's finding). It opens with a right-to-left mark."""
    project = copy_project(tmp_path / "project")
    title = "OPEC+ تمدد خفض الإنتاج"
    text = SECOND.replace('ar: "عنوان شرح الاختبار"', f'ar: "{title}"', 1)
    assert title in text
    (project.explainers / "second-explainer.yml").write_text(text, encoding="utf-8")
    build_site(project, search=False)
    for language, start in (("ar", "\u200f\u2066OPEC+\u2069 "), ("en", "Fixture")):
        root = page(project, language, "fixture-second-explainer")
        hrefs = root.xpath("//section[@id='share']//a[not(@class='share-facebook')]/@href")  # (Facebook: no text)
        texts = [
            value
            for href in hrefs
            for key in ("text", "subject")
            for value in parse_qs(urlsplit(href).query).get(key, [])
        ]
        assert len(texts) == 4 and all(value.startswith(start) for value in texts), texts


def test_key_figures_follow_the_digit_setting(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    settings = project.settings_file
    settings.write_text(settings.read_text(encoding="utf-8").replace("digits: latn", "digits: arab", 1), "utf-8")
    build_site(project, search=False)
    values = page(project, "ar", SEED_SLUG).xpath("//section[@id='key-figures']//span[@class='figure-value']")
    assert [value.text_content() for value in values] == ["٢٠١٩", "٢٠٢٠", "١٩٩١"]
    sources = page(project, "en", SEED_SLUG).xpath("//section[@id='key-figures']//a[@class='figure-source']")
    assert [source.get("href") for source in sources] == ["#sources", "#sources", "#voice-kim-tae-woo"]
    # ... where the figure stands among the voice's statements, first, as on the page: the card had nothing of it
    # (a voice credited with a figure alone had an empty card: an outside tester's)
    for code, value in (("ar", "١٩٩١"), ("en", "1991")):
        (card,) = page(project, code, SEED_SLUG).xpath("//li[@id='voice-kim-tae-woo']")
        first = card.xpath(".//ul[@class='statements']/li")[0]
        assert first.xpath("string(p)").startswith(value), first.xpath("string(p)")
        assert first.xpath("a/@href") == ["#key-figures"]


def test_home_features_the_newest_as_a_card_with_its_topics(newsroom: Project) -> None:
    root = parse(newsroom.site / "en" / "index.html")
    (featured,) = root.xpath("//li[contains(@class, 'featured')]")
    assert featured.xpath("string(.//h2/a/@href)") == "elsewhere/"
    cards = root.xpath("//ol[contains(@class, 'cards')]/li[not(contains(@class, 'featured'))]")
    assert cards[0].xpath("string(.//h2/a/@href)") == "newest-both/"
    assert [a.text_content() for a in cards[0].xpath(".//ul[@class='topic-list']/li/a")] == ["Russia", "North Korea"]
    topic = parse(newsroom.site / "en" / "topics" / "russia" / "index.html")
    assert topic.xpath("//li[contains(@class, 'featured')]") == []


def test_an_authors_file_is_checked_where_it_is_wrong(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    authors = project.content / "authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8").replace("kind: desk", "kind: team"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        Build(project, write=False).run()
    (problem,) = raised.value.problems
    assert (problem.path.name, problem.field) == ("authors.yml", "authors[0].kind")
    assert problem.message == "must be one of 'person' or 'desk'"


# The part of the schema.org vocabulary the explainer pages use, as schema.org defines it: each type's parent,
# and the properties whose domain includes the type. A property a type does not have, or a type schema.org
# does not define, is a mistake search engines ignore silently, so the test names it.
SCHEMA_TYPES = {
    "Thing": (None, {"name", "url", "description", "image", "mainEntityOfPage", "sameAs"}),
    "CreativeWork": (
        "Thing",
        {"headline", "inLanguage", "datePublished", "dateModified", "publisher", "author", "isBasedOn"}
        | {"workTranslation", "translationOfWork", "correction", "text"},
    ),
    "Article": ("CreativeWork", {"articleBody", "wordCount"}),
    "NewsArticle": ("Article", {"dateline"}),
    "BackgroundNewsArticle": ("NewsArticle", set()),
    "Comment": ("CreativeWork", {"upvoteCount"}),
    "CorrectionComment": ("Comment", set()),
    "MediaObject": ("CreativeWork", {"width", "height", "contentUrl"}),
    "ImageObject": ("MediaObject", {"caption"}),
    "Organization": ("Thing", {"logo"}),
    "Person": ("Thing", {"jobTitle"}),
}
# What each type must carry here: Google's required and recommended properties for articles, and what makes a
# byline or a correction mean anything.
REQUIRED = {
    "BackgroundNewsArticle": {"headline", "datePublished", "dateModified", "publisher", "image", "inLanguage"},
    "NewsArticle": {"headline", "datePublished", "inLanguage"},
    "CorrectionComment": {"text", "datePublished"},
    "Person": {"name"},
    "Organization": {"name"},
    "ImageObject": {"url", "width", "height"},
}


def schema_problems(value: object, at: str = "") -> list[str]:
    """Every node of a JSON-LD value whose type or properties schema.org (as above) does not have."""
    if isinstance(value, list):
        return [problem for index, item in enumerate(value) for problem in schema_problems(item, f"{at}[{index}]")]
    if not isinstance(value, dict):
        return []
    problems = []
    kind = value.get("@type")
    if kind not in SCHEMA_TYPES:
        return [f"{at}: `{kind}` is not a schema.org type this test knows"]
    allowed: set[str] = set()
    while kind is not None:
        kind, properties = SCHEMA_TYPES[kind]
        allowed |= properties
    for name, item in value.items():
        if not name.startswith("@") and name not in allowed:
            problems.append(f"{at}.{name}: not a property of {value['@type']}")
        problems += schema_problems(item, f"{at}.{name}")
    if not at or "@id" not in value:  # a nested node with an @id points at a page described there
        missing = REQUIRED.get(value["@type"], set()) - set(value)
        problems += [f"{at}: {value['@type']} lacks {name}" for name in sorted(missing)]
    return problems


@pytest.mark.parametrize(("lang", "slug"), [("ar", SEED_SLUG), ("en", SEED_SLUG), ("en", "newer-korea")])
def test_json_ld_uses_schema_org_types_and_properties(newsroom: Project, lang: str, slug: str) -> None:
    data = json_ld(page(newsroom, lang, slug))
    assert data["@context"] == "https://schema.org"
    assert schema_problems(data) == []
    assert data["author"], "every explainer here has a byline"


def test_the_schema_check_catches_what_it_is_for() -> None:
    assert schema_problems({"@type": "Person", "name": "X", "role": "editor"}) == [".role: not a property of Person"]
    assert schema_problems({"@type": "CorrectionComment", "text": "x"}) == [": CorrectionComment lacks datePublished"]
    assert schema_problems([{"@type": "Correction"}]) == ["[0]: `Correction` is not a schema.org type this test knows"]


# The pages only this module's fixtures show whole: related reading, a correction, a linked byline, a home page
# whose featured card is not the seed.
NEWS_PAGES = [f"{lang}/{slug}/" for lang in ("ar", "en") for slug in (SEED_SLUG, "newer-korea")] + ["en/", "ar/"]


@pytest.mark.browser
def test_news_pages_are_valid_html(newsroom: Project) -> None:
    pages = [str((newsroom.site / path / "index.html").resolve()) for path in NEWS_PAGES]
    errors = [describe(message, newsroom.site) for message in run_vnu(*pages) if message["type"] == "error"]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_news_pages_have_no_axe_violations(newsroom: Project, browser: object, scheme: str) -> None:
    with serving(newsroom.site) as address:
        for width in (360, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
            for path in NEWS_PAGES:
                page = context.new_page()
                page.goto(address + path)
                violations = axe_results(page)["violations"]
                assert not violations, f"/{path} {width}px {scheme}:\n" + "\n".join(map(describe_violation, violations))
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"/{path} is {overflow}px wider than a {width}px screen"
                page.close()
            context.close()


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sets(st.sampled_from(["a", "b", "c", "d"]), max_size=3)),
        max_size=25,
    )
)
@settings(max_examples=examples(300), deadline=None)
def test_related_reading_is_what_followed_on_a_topic_then_what_came_before(items: list[tuple[int, set[str]]]) -> None:
    """The quick rule (a few each side of it on each of its topics) gives what comparing every pair would: of
    the explainers sharing a topic, the nearest that followed it, then the nearest before it, in that order."""
    listings = [
        Listing(f"x{number}", dt.date(2020, 1, 1) + dt.timedelta(days=day), None, tuple(sorted(topics)), {}, {}, {})
        for number, (day, topics) in enumerate(items)
    ]
    found = related_reading(listings)
    ordered = newest_first(listings)
    for item in listings:
        place = ordered.index(item)
        sharing = [other for other in ordered if other is not item and set(other.topics) & set(item.topics)]
        followed = [other for other in reversed(sharing) if ordered.index(other) < place]  # the nearest first
        before = [other for other in sharing if ordered.index(other) > place]
        assert found[item.slug] == tuple([*followed, *before][:RELATED_COUNT])


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sets(st.sampled_from(["a", "b", "c"]), max_size=2)), min_size=1, max_size=20
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["title", "date", "topics", "add", "remove"]),
            st.integers(0, 30),
            st.sets(st.sampled_from(["a", "b", "c"]), max_size=2),
        ),
        max_size=12,
    ),
)
@settings(max_examples=examples(300), deadline=None)
def test_related_reading_kept_between_runs_is_what_working_it_out_again_gives(
    items: list[tuple[int, set[str]]], edits: list[tuple[str, int, set[str]]]
) -> None:
    """The preview keeps related reading while a save cannot move it; after every edit (a new title, date or
    topics, an explainer added or removed) its answer is the one worked out from nothing."""

    def made(slug: str, day: int, topics: set[str], title: str = "") -> Listing:
        published = dt.date(2020, 1, 1) + dt.timedelta(days=day)
        return Listing(slug, published, None, tuple(sorted(topics)), {"en": title}, {}, {})

    listings = {f"x{number}": made(f"x{number}", day, topics) for number, (day, topics) in enumerate(items)}
    kept = RelatedReading()
    assert kept(list(listings.values())) == related_reading(list(listings.values()))
    for number, (kind, day, topics) in enumerate(edits):
        slug = sorted(listings)[day % len(listings)] if listings else ""
        if kind == "add" or not listings:
            listings[f"new{number}"] = made(f"new{number}", day, topics)
        elif kind == "remove":
            del listings[slug]
        else:
            old = listings[slug]
            listings[slug] = made(
                slug,
                day if kind == "date" else (old.published - dt.date(2020, 1, 1)).days,
                topics if kind == "topics" else set(old.topics),
                f"edit {number}",
            )
        assert kept(list(listings.values())) == related_reading(list(listings.values()))


@pytest.mark.browser
def test_a_key_figure_reads_as_the_same_figure_in_a_sentence(tmp_path: Path, browser: object) -> None:
    """`25%` as a key figure and in an Arabic sentence of the same page show the sign on the same side (to the
    number's left, as Arabic prose has it): the figure alone showed `25%` and the sentence `%25` (an outside
    reader's finding); the text is as written, the order is what Chromium lays out."""
    project = copy_project(tmp_path / "project")
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8").replace('  - value: "2019"', '  - value: "25%"', 1)
    seed.write_text(
        text.replace('ar: "أول لقاء بين كيم وبوتين"', 'ar: "تراجع بنسبة 25% منذ أول لقاء بين كيم وبوتين"', 1)
    )
    build_site(project, search=False)
    with serving(project.site) as address:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{address}ar/{SEED_SLUG}/")
        sides = page.evaluate(
            """() => [...document.querySelectorAll('#key-figures li')].slice(0, 1).flatMap((item) =>
              ['.figure-value', '.figure-label'].map((selector) => {
                const walker = document.createTreeWalker(item.querySelector(selector), NodeFilter.SHOW_TEXT);
                const x = {};
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  for (const sign of ['%', '2']) {
                    const at = node.data.indexOf(sign === '2' ? '25' : sign);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + 1);
                    x[sign] = range.getBoundingClientRect().left;
                  }
                }
                return x['%'] < x['2'] ? 'sign at the left' : 'sign at the right';
              }))"""
        )
        # What a reader copies is the figure as written: the mark that orders it went with it (`\u061c25%`, no
        # number for a spreadsheet: an outside tester's).
        copied = page.evaluate(
            """() => { const range = document.createRange();
              range.selectNodeContents(document.querySelector('#key-figures .figure-value'));
              getSelection().removeAllRanges(); getSelection().addRange(range); return getSelection().toString(); }"""
        )
        page.close()
    assert sides == ["sign at the left", "sign at the left"]
    assert copied == "25%"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("digits", "figures"),
    [("latn", ["1,234,567.89", "2023-2024", "$11.7bn", "7"]), ("arab", ["-12.5%", "99.9%", "12,500", "1,234,567"])],
)
def test_a_key_figure_never_breaks_nor_leaves_its_card(
    tmp_path: Path, browser: object, digits: str, figures: list[str]
) -> None:
    """Figures of every length (up to the 12 characters a value may have) at every width from a small phone's
    at twice the text size to a desktop's: each stands on one line (`2023-20` over `24` and `1,234,56` over `7`
    were seen: an outside tester's) and inside its card, at no less than half its full size when it is short."""
    project = copy_project(tmp_path / "project")
    settings = project.settings_file
    settings.write_text(settings.read_text(encoding="utf-8").replace("digits: latn", f"digits: {digits}", 1), "utf-8")
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    for old, new in zip(['"2019"', '"2020"', '"1991"'], figures, strict=False):
        text = text.replace(f"  - value: {old}", f'  - value: "{new}"', 1)
    added = f'  - value: "{figures[3]}"\n    label:\n      ar: "رقم"\n      en: "A figure"\n'
    seed.write_text(text.replace("key_figures:\n", f"key_figures:\n{added}", 1), encoding="utf-8")
    build_site(project, search=False)
    faults: set[tuple[str, int, str]] = set()
    script = """items => items.map(item => {
      const value = item.querySelector('.figure-value');
      const range = document.createRange();
      range.selectNodeContents(value);
      const size = parseFloat(getComputedStyle(value).fontSize);
      const tops = [...range.getClientRects()].map(rect => rect.top).sort((a, b) => a - b);
      const lines = tops.filter((top, k) => !k || top - tops[k - 1] > size / 2).length;
      const box = item.getBoundingClientRect(), text = range.getBoundingClientRect();
      const inside = text.left >= box.left - 0.5 && text.right <= box.right + 0.5;
      return [value.textContent, lines, inside, size];
    })"""
    widths = range(160, 1400, 12)
    for page, code, width, measured in at_every_width(project.site, browser, widths, "#key-figures li", script):
        assert len(measured) == 4
        for value, lines, inside, size in measured:
            if lines != 1 or not inside or (len(value) <= 5 and size < 16):
                faults.add((code, width, f"{value}: {lines} lines, inside {inside}, {size}px"))
        if (code, width) == ("ar", widths[-1]):
            page.set_viewport_size({"width": 360, "height": 800})
            page.locator("#key-figures").screenshot(path=str(ARTIFACTS / f"key-figures-{digits}.png"))
    assert not faults, sorted(faults)[:8]


def at_every_width(
    site: Path, browser: object, widths: range, selector: str, script: str
) -> Iterator[tuple[Any, str, int, list[Any]]]:
    """The seed explainer's page in each language, served from `site`, at each of `widths`: the page, its
    language, the width and what `script` measures of the elements `selector` finds."""
    with serving(site) as address:
        page = browser.new_page()  # type: ignore[attr-defined]
        for code in ("ar", "en"):
            page.goto(f"{address}{code}/{SEED_SLUG}/")
            for width in widths:
                page.set_viewport_size({"width": width, "height": 800})
                yield page, code, width, page.eval_on_selector_all(selector, script)
        page.close()


@pytest.mark.browser
def test_every_date_of_an_explainer_is_one_unbroken_time(tmp_path: Path, browser: object) -> None:
    """A source's date was plain text, and broke as `… بوتين 12` / `سبتمبر 2023 · العربية` on 32 of 300
    Arabic pages at phone width (an outside reader's): every date is a `<time>` (one box, and a date machines
    read), and none is on two lines at any width from a phone's to a desktop's."""
    project = copy_project(tmp_path / "project")
    build_site(project, search=False)
    page_file = project.site / "ar" / SEED_SLUG / "index.html"
    (source,) = parse(page_file).xpath("//section[@id='sources']//span[@class='source-details']//time")
    assert source.get("datetime") == "2023-09-12" and source.text == "12 سبتمبر 2023"
    broken: set[tuple[str, int, str]] = set()
    script = """times => times.map(time => {
      const range = document.createRange();
      range.selectNodeContents(time);
      return [time.textContent, new Set([...range.getClientRects()].map(rect => rect.top)).size];
    })"""
    for _, code, width, lines in at_every_width(project.site, browser, range(300, 1400, 9), "main time", script):
        broken |= {(code, width, text) for text, rows in lines if rows > 1}
    assert not broken, sorted(broken)[:8]


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("٣٫٥٪", "is written with Arabic-Indic digits; type the digits 0–9 and . , %: write 3.5%"),
        ("3.5٪", "is written with Arabic signs (٫ ٬ ٪); type the digits 0–9 and . , %: write 3.5%"),
        ("۴۰۰", "is written with Persian (Extended Arabic-Indic) digits; type the digits 0–9 and . , %: write 400"),
    ],
)
def test_a_key_figure_typed_on_an_arabic_keyboard_is_told_in_full(typed: str, told: str) -> None:
    """`٣٫٥٪` was to be written `3.5٪`, whose Arabic sign the English page then showed; Persian digits were called
    Arabic-Indic (an outside tester's)."""
    from pydantic import ValidationError

    from generator.newsroom import KeyFigure

    with pytest.raises(ValidationError) as refused:
        KeyFigure.model_validate({"value": typed, "label": {"ar": "نسبة", "en": "A share"}})
    assert told in str(refused.value)


def test_a_key_figure_may_be_a_fraction() -> None:
    """`¾` was refused as having no digits (an outside tester's): a vulgar fraction is a number; a word is not."""
    from pydantic import ValidationError

    from generator.newsroom import KeyFigure

    label = {"ar": "نسبة", "en": "A share"}
    # and a power or a formula: `10⁻⁹` was refused with Python's `invalid literal for int()` (a science desk's)
    for value in ["¾", "1½", "⅓", "10⁻⁹", "3×10⁸", "CO₂", "510 km²", "①"]:
        assert KeyFigure.model_validate({"value": value, "label": label}).value == value
    with pytest.raises(ValidationError, match="has no digits"):
        KeyFigure.model_validate({"value": "half", "label": label})
    with pytest.raises(ValidationError, match="merge conflict's marker"):  # (a merge's two values, a tester's)
        KeyFigure.model_validate({"value": "3 ======= 4", "label": label})
