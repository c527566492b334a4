"""The archive: every explainer by the year it was published (/en/archive/, /en/archive/2015/).

An outside tester counted fourteen "Older" clicks from the home page to an explainer of 2012. A project of
explainers spread over years is built; each archive page is read as parsed HTML and its links followed the way
a static host serves them; the years' pages follow an explainer whose date moves to another year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from conftest import SEED_SLUG, OpenPage, add_explainer, build_site, copy_project, parse, serving

from generator.problems import ContentError
from generator.project import Project

# Slugs and days, not in date order: two on one day of 2013, two months of 2013, one 2015; the seed is of 2023.
DATED = {
    "march-thirteen": dt.date(2013, 3, 4),
    "november-thirteen-a": dt.date(2013, 11, 20),
    "november-thirteen-b": dt.date(2013, 11, 20),
    "november-thirteen-c": dt.date(2013, 11, 2),
    "only-fifteen": dt.date(2015, 6, 30),
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MONTHS = {"en": ["November 2013", "March 2013"], "ar": ["نوفمبر 2013", "مارس 2013"]}
COUNTS = {"en": "4 explainers", "ar": "4 شروحات"}


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("archive"))
    for slug, day in DATED.items():
        add_explainer(project, slug, day, [])
    build_site(project)
    return project


def page(project: Project, url: str) -> lxml.html.HtmlElement:
    return parse(project.site / url / "index.html")


def resolved(project: Project, at: str, href: str) -> Path:
    """The file a link on the page at `at` leads to, as a static host serves it (a folder's index.html)."""
    path = urlsplit(urljoin(f"https://example.org/{at}", href)).path.lstrip("/")
    target = project.site / path
    return target / "index.html" if path.endswith("/") or not path else target


def slugs_linked(project: Project, at: str, links: list[lxml.html.HtmlElement]) -> list[str]:
    """The explainer each link leads to (its page's folder), every link checked to lead to a page."""
    found = [resolved(project, at, link.get("href")) for link in links]
    assert all(path.is_file() for path in found), found
    return [path.parent.name for path in found]


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_archive_lists_every_year_newest_first_with_its_count(archived: Project, code: str) -> None:
    url = f"{code}/archive/"
    root = page(archived, url)
    assert root.get("lang") == code and root.get("dir") == ("rtl" if code == "ar" else "ltr")
    items = root.cssselect(".topic-index li")
    assert [item.cssselect("a")[0].text_content() for item in items] == ["2023", "2015", "2013"]
    assert items[2].cssselect(".meta")[0].text_content() == COUNTS[code]
    targets = [resolved(archived, url, item.cssselect("a")[0].get("href")) for item in items]
    assert [path.parent.name for path in targets] == ["2023", "2015", "2013"] and all(p.is_file() for p in targets)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_year_lists_its_explainers_by_month_newest_first(archived: Project, code: str) -> None:
    url = f"{code}/archive/2013/"
    root = page(archived, url)
    assert root.cssselect("h1")[0].text_content() == "2013"
    assert root.cssselect("main > .meta")[0].text_content() == COUNTS[code]
    months = root.cssselect(".archive-month")
    assert [month.cssselect("h2")[0].text_content() for month in months] == MONTHS[code]
    november = slugs_linked(archived, url, months[0].cssselect(".archive-list a"))
    # Newest first, then by slug (newest_first: one day's explainers in reverse slug order, as every list).
    assert november == ["november-thirteen-b", "november-thirteen-a", "november-thirteen-c"]
    assert [time.get("datetime") for time in months[0].cssselect("time")] == ["2013-11-20"] * 2 + ["2013-11-02"]
    assert slugs_linked(archived, url, months[1].cssselect(".archive-list a")) == ["march-thirteen"]
    # The other years linked, this one marked and not linked to itself; the nav's heading leads to the index.
    years = root.cssselect("nav.years li")
    assert [year.text_content() for year in years] == ["2023", "2015", "2013"]
    assert years[2].cssselect("[aria-current=page]") and not years[2].cssselect("a")
    index = archived.site / code / "archive/index.html"
    assert resolved(archived, url, root.cssselect("nav.years h2 a")[0].get("href")) == index


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_home_page_and_footer_leads_to_the_years(archived: Project, code: str) -> None:
    homes = [
        f"{code}/",
        *(f"{code}/page/{n}/" for n in range(2, 10) if (archived.site / code / "page" / str(n)).is_dir()),
    ]
    for url in homes:
        root = page(archived, url)
        assert slugs_linked(archived, url, root.cssselect("nav.years li a")) == ["2023", "2015", "2013"]
        footer = [resolved(archived, url, a.get("href")) for a in root.cssselect(".site-footer a")]
        assert archived.site / code / "archive/index.html" in footer
    explainer = page(archived, f"{code}/{SEED_SLUG}/")
    links = [resolved(archived, f"{code}/{SEED_SLUG}/", a.get("href")) for a in explainer.cssselect(".site-footer a")]
    assert archived.site / code / "archive/index.html" in links


def test_the_sitemap_lists_the_archive_dated_by_its_explainers(archived: Project) -> None:
    root = lxml.etree.fromstring((archived.site / "sitemap.xml").read_bytes())
    dated = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}
    base = "https://explainers.example.org/"
    for code in ("ar", "en"):
        assert dated[f"{base}{code}/archive/2013/"] == "2013-11-20"
        assert dated[f"{base}{code}/archive/2015/"] == "2015-06-30"
        assert dated[f"{base}{code}/archive/"] is not None


def test_an_explainer_moved_to_another_year_moves_in_the_archive(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_explainer(project, "only-fifteen", dt.date(2015, 6, 30), [])
    build_site(project)
    assert (project.site / "en/archive/2015/index.html").is_file()
    path = project.content / "explainers/only-fifteen.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("published: 2015-06-30", "published: 2016-01-05"))
    build_site(project)
    assert not (project.site / "en/archive/2015").exists(), "a year with nothing left is gone"
    assert slugs_linked(
        project, "en/archive/2016/", page(project, "en/archive/2016/").cssselect(".archive-list a")
    ) == ["only-fifteen"]
    years = [a.text_content() for a in page(project, "en/").cssselect("nav.years a")]
    assert "2016" in years and "2015" not in years


def test_archive_is_an_address_no_explainer_may_take(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_explainer(project, "archive", dt.date(2015, 6, 30), [])
    with pytest.raises(ContentError) as raised:
        build_site(project)
    assert re.search(r"`archive` is the address of the site's own pages", str(raised.value))


@pytest.fixture(scope="module")
def served_site(archived: Project) -> Iterator[str]:
    with serving(archived.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_year_reads_at_a_phone_and_a_desk(open_page: OpenPage, code: str, artifacts: Path) -> None:
    """Each entry's date beside its title at a desk, at the line's start (the right in Arabic), and above it on
    a phone; no page wider than the screen, and the home's years in one row at a desk."""
    for width in (390, 1280):
        shown = open_page(f"{code}/archive/2013/", viewport={"width": width, "height": 800})
        shown.screenshot(path=str(artifacts / f"archive-{code}-{width}.png"), full_page=True)
        assert shown.evaluate("document.documentElement.scrollWidth") <= width
        date = shown.locator(".archive-list li time").first.bounding_box()
        title = shown.locator(".archive-list li a").first.bounding_box()
        assert date and title
        if width == 390:
            assert date["y"] + date["height"] <= title["y"] + 1, (date, title)
        else:
            assert abs(date["y"] - title["y"]) < 8, (date, title)
            if code == "ar":
                assert date["x"] > title["x"] + title["width"], (date, title)
            else:
                assert date["x"] + date["width"] < title["x"], (date, title)
    home = open_page(f"{code}/", viewport={"width": 1280, "height": 800})
    tops = {round(box["y"]) for box in (item.bounding_box() for item in home.locator("nav.years li").all()) if box}
    assert len(tops) == 1, tops


def test_a_templates_folder_from_before_the_archive_still_builds(tmp_path: Path) -> None:
    """A newsroom's own templates from before the archive: the build takes this repository's archive templates
    (`check` named `archive.html` as "fails as it renders": a reviewer's), and a stylesheet without the rule
    that draws a key figure's Arabic letter mark has the mark written into the figure, as before."""
    project = copy_project(tmp_path)
    figures = "//section[@id='key-figures']//span[starts-with(@class, 'figure-value')]"
    build_site(project, search=False)
    drawn = page(project, f"ar/{SEED_SLUG}/").xpath(figures)
    assert drawn and all(value.xpath("span[@class='in-prose']") for value in drawn)
    assert not any("\u061c" in value.text_content() for value in drawn), "a copy of the figure is the figure"
    for name in ("archive.html", "year.html", "_years.html", "_index.html"):
        (project.templates / name).unlink()
    (project.templates / "topics.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ index.heading }}</h1>{% endblock %}\n', encoding="utf-8"
    )
    home = project.templates / "home.html"
    home.write_text(home.read_text(encoding="utf-8").replace('{% include "_years.html" %}', ""), encoding="utf-8")
    css = project.templates / "assets/style.css"
    css.write_text(css.read_text(encoding="utf-8").replace(".in-prose::before", ".gone::before"), encoding="utf-8")
    build_site(project, search=False)
    assert page(project, "en/archive/2023/").cssselect(".archive-list a")
    written = page(project, f"ar/{SEED_SLUG}/").xpath(figures)
    assert written and all(value.text_content().startswith("\u061c") for value in written)
