"""Newsroom text reaches the reader exactly: every character, in the order a reader expects.

Two explainers written as an editor would (tests/fixtures/newsroom/: the Al Haouz earthquake and the
G20 New Delhi summit) are built with the real pipeline. Each text field must appear verbatim on its page,
read from the parsed HTML; the feeds must stay well-formed XML; and every text that mixes scripts must
show, in Chromium, the visual order of a reference that isolates its other-script tokens.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import lxml.etree
import lxml.html
import pytest
import yaml
from bidi_oracle import (
    MARKED,
    difference,
    mark_tokens,
    open_built_page,
    reference_orders,
    same,
    visual_orders,
)
from conftest import FIXTURES, SEED_SLUG, build_site, check, copy_project, serving

from generator.project import Project

NEWSROOM = sorted((FIXTURES / "newsroom").glob("*.yml"))
LANGUAGES = ("ar", "en")
# The other-script tokens the two explainers use, as a reader must see them: one isolate each.
TOKENS = {
    "ar": [
        *("USGS", "11pm", "UTC+1", "500km", "3D", "4K", "10km", "SeisComP", "C++\u200e", "Python", "Kim"),
        *("@UN_News", "#PrayForMorocco", "news@example.org", "press@example.org", "example.org/ar/news"),
        *("+212 5 37 00 00 00", "G20", "IMEC", "One Earth, One Family, One Future", "U.S.\u200e", "5G"),
        *("@g20org", "#G20", "https://www.g20.org/en/", "Group of Twenty", "$5.8", "$5.9", "$4"),
    ],
    "en": ["الحوز", "#زلزال_الحوز", "مجموعة العشرين"],
}
ISOLATE_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: an editor's are kept; the site may add its own


class Field(NamedTuple):
    """One text field of an explainer on its page: where it shows, and what the page adds after it."""

    name: str
    selector: str
    text: str
    exclude: str = ""


def explainer_data(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def fields(data: dict[str, Any], lang: str) -> list[Field]:
    """Every text field of an explainer in one language, with the CSS selector of the element showing it."""
    found = [
        Field("title", ".explainer-header h1", data["title"][lang]),
        Field("dek", ".explainer-header .dek", data["dek"][lang]),
        Field("source.title", ".sources > li:nth-of-type(1) > cite", data["source"]["title"][lang]),
    ]
    for index, takeaway in enumerate(data["takeaways"]):
        found.append(
            Field(
                f"takeaways[{index}]", f"#takeaways > ul > li:nth-of-type({index + 1})", takeaway["text"][lang], ".more"
            )
        )
    for section in data["sections"]:
        found.append(Field(f"{section['id']}.heading", f"#{section['id']}-heading", section["heading"][lang]))
        for index, paragraph in enumerate(section.get("paragraphs", [])):
            # Paragraphs follow the heading's row (the heading and the language link): the (index + 2)th child.
            selector = f"#{section['id']} > :nth-child({index + 2})"
            found.append(Field(f"{section['id']}.paragraphs[{index}]", selector, paragraph[lang]))
        for index, point in enumerate(section.get("points", [])):
            selector = f"#{section['id']} > ul.points > li:nth-of-type({index + 1})"
            found.append(Field(f"{section['id']}.points[{index}]", selector, point["text"][lang], ".attribution"))
    for voice in data.get("voices", []):
        found.append(Field(f"voices.{voice['id']}.name", f"#voice-{voice['id']} > h3", voice["name"][lang]))
        for key in ("role", "affiliation"):
            if key in voice:
                selector = f"#voice-{voice['id']} > .voice-{key}"
                found.append(Field(f"voices.{voice['id']}.{key}", selector, voice[key][lang]))
    years: list[str] = []  # the timeline is grouped by year, in order
    for index, event in enumerate(data.get("timeline", [])):
        year = str(event["date"]).partition("-")[0]
        within = sum(1 for earlier in data["timeline"][:index] if str(earlier["date"]).startswith(year))
        years += [] if year in years else [year]
        selector = f"#timeline > ol > li:nth-of-type({len(years)}) > ol > li:nth-of-type({within + 1}) > .event"
        found.append(Field(f"timeline[{index}]", selector, event["text"][lang]))
    return found


CASES = [
    pytest.param(path.stem, lang, field, id=f"{path.stem}-{lang}-{field.name}")
    for path in NEWSROOM
    for lang in LANGUAGES
    for field in fields(explainer_data(path), lang)
]
SLUGS = {path.stem: explainer_data(path)["slug"] for path in NEWSROOM}


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("newsroom") / "project")
    for path in NEWSROOM:
        shutil.copy(path, project.content / "explainers" / path.name)
    build_site(project)
    return project


@pytest.fixture(scope="module")
def pages(newsroom: Project) -> dict[tuple[str, str], lxml.html.HtmlElement]:
    return {
        (stem, lang): lxml.html.document_fromstring((newsroom.site / lang / slug / "index.html").read_bytes())
        for stem, slug in SLUGS.items()
        for lang in LANGUAGES
    }


def visible_text(element: lxml.html.HtmlElement, exclude: str = "") -> str:
    """The text a reader sees in an element: its text nodes, list numbers as the browser draws them, and
    nothing from the excluded descendants (an attribution, a "more" link)."""
    skipped = set(element.cssselect(exclude)) if exclude else set()

    def walk(node: Any) -> str:
        out, number = node.text or "", int(node.get("start", 1)) if node.tag == "ol" else 0
        for child in node:
            if isinstance(child.tag, str) and child not in skipped:
                if child.tag == "li" and node.tag == "ol":
                    out += f"{number}. "
                    number += 1
                out += "\n" if child.tag == "br" else walk(child)
            out += child.tail or ""
        return out

    return walk(element)


def comparable(text: str) -> str:
    """Whitespace as a browser collapses it, without direction marks (counted apart)."""
    return " ".join(text.translate(ISOLATE_CONTROLS).translate(dict.fromkeys(map(ord, MARKS))).split())


@pytest.mark.parametrize(("stem", "lang", "field"), CASES)
def test_text_appears_verbatim(pages: dict[tuple[str, str], Any], stem: str, lang: str, field: Field) -> None:
    """The element's visible text is the editor's text: nothing lost, nothing added but direction marks."""
    found = pages[stem, lang].cssselect(field.selector)
    assert found, f"{field.name}: no element matches `{field.selector}`"
    shown = visible_text(found[0], field.exclude)
    assert comparable(shown) == comparable(field.text), f"{field.name}\n  written: {field.text}\n  shown:   {shown}"
    for mark in MARKS:
        assert shown.count(mark) >= field.text.count(mark), f"{field.name}: the editor's U+{ord(mark):04X} was lost"


def test_newsroom_explainers_pass_check(newsroom: Project) -> None:
    check(newsroom)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_are_well_formed(newsroom: Project, lang: str) -> None:
    """Each feed parses as XML and carries each explainer's title as written."""
    feed = lxml.etree.fromstring((newsroom.site / lang / "feed.xml").read_bytes())
    titles = [comparable(title.text or "") for title in feed.iterfind("{http://www.w3.org/2005/Atom}entry/{*}title")]
    for path in NEWSROOM:
        assert comparable(explainer_data(path)["title"][lang]) in titles


# --- visual order ------------------------------------------------------------------------------------


def other_script(text: str, lang: str) -> str:
    """The letters of the script that is not the page's: Latin on Arabic pages, Arabic on English ones."""
    if lang == "ar":
        return "".join(c for c in text if c.isascii() and c.isalpha())
    return "".join(c for c in text if "\u0600" <= c <= "\u06ff" and c.isalpha())


def test_tokens_cover_every_other_script_run() -> None:
    """The references isolate every Latin letter of the Arabic texts and every Arabic one of the English."""
    for _, lang, field in (case.values for case in CASES):
        outside = MARKED.sub("", mark_tokens(field.text, TOKENS[lang]))
        assert not other_script(outside, lang), f"{field.name} ({lang}): a run is in no token: {field.text}"


MIXED = [case for case in CASES if other_script(case.values[2].text, case.values[1])]


@pytest.fixture(scope="module")
def orders(browser: Any, newsroom: Project) -> Iterator[dict[tuple[str, str, str], Any]]:
    """(stem, lang, field name) → the page's and the reference's visual order."""
    context = browser.new_context(viewport={"width": 1800, "height": 1000})
    page = context.new_page()
    measured: dict[tuple[str, str, str], Any] = {}
    with serving(newsroom.site) as address:
        for stem, slug in SLUGS.items():
            for lang in LANGUAGES:
                mine = [case.values[2] for case in MIXED if case.values[:2] == (stem, lang)]
                open_built_page(page, f"{address}{lang}/{slug}/")
                shown = [visual_orders(page, [field.selector], field.exclude)[0] for field in mine]
                references = reference_orders(page, [(lang, mark_tokens(field.text, TOKENS[lang])) for field in mine])
                for field, on_page, reference in zip(mine, shown, references, strict=True):
                    measured[stem, lang, field.name] = (on_page, reference)
    yield measured
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("stem", "lang", "field"), MIXED)
def test_mixed_text_reads_in_order(orders: dict[tuple[str, str, str], Any], stem: str, lang: str, field: Field) -> None:
    """Every mixed-script text (the issue's table phrases among them) shows as its reference does."""
    on_page, reference = orders[stem, lang, field.name]
    if not same(on_page, reference):
        pytest.fail(difference(field.text, reference, on_page, field.name), pytrace=False)


# --- numbers dialled left to right, in Arabic-Indic digits -------------------------------------------------

# Written by hand: each phone number as a reader must see it, left to right, digit by digit (a space between
# groups is no unit of its own).
DIALLED = {
    "+971 4 123 4567": "+٩٧١٤١٢٣٤٥٦٧",
    "050-123-4567": "٠٥٠-١٢٣-٤٥٦٧",
    "+212 5 37 00 00 00": "+٢١٢٥٣٧٠٠٠٠٠٠",
}


@pytest.mark.browser
def test_phone_numbers_in_arabic_indic_digits_keep_their_groups_in_order(browser: Any, tmp_path: Path) -> None:
    """With `digits: arab`, a phone number in an Arabic text reads as it is dialled, its groups left to right:
    Arabic-Indic digits are Arabic numbers to the bidi algorithm, and inside the number's isolate a space or
    hyphen between two groups of them took the right-to-left direction (`+ ٤٥٦٧ ١٢٣ ٤ ٩٧١`; found by an
    outside tester)."""
    project = copy_project(tmp_path / "project")
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("digits: latn", "digits: arab", 1), "utf-8")
    seed = project.content / "explainers" / f"{SEED_SLUG}.yml"
    dek = f'"مكتب دبي: {" أو ".join(list(DIALLED)[:2])}، والرباط {list(DIALLED)[2]}."'
    text, replaced = re.subn(r"(dek:\n  ar: )>-\n(?:    .*\n)+", rf"\g<1>{dek}\n", seed.read_text(encoding="utf-8"))
    assert replaced == 1
    seed.write_text(text, encoding="utf-8")
    build_site(project)
    context = browser.new_context(viewport={"width": 1800, "height": 1000})
    try:
        page = context.new_page()
        with serving(project.site) as address:
            open_built_page(page, f"{address}ar/{SEED_SLUG}/")
            shown = visual_orders(page, [".explainer-header .dek"])[0]
            found = {
                query: _searched(page, f"{address}ar/search/?q={query}") for query in ("050-123-4567", "٠٥٠-١٢٣-٤٥٦٧")
            }
    finally:
        context.close()
    assert shown is not None
    units = "".join(unit for unit in shown.units if len(unit) == 1)  # digits and signs (Arabic words are longer)
    for written, expected in DIALLED.items():
        assert expected in units, f"{written}: expected {expected} left to right; the dek reads {shown.text}"
    # and found as a reader types it, in either digits: the marks that hold the groups in order had split the
    # number in the index, which then held `050` alone (an outside tester's hotline)
    assert all(f"/ar/{SEED_SLUG}/" in links for links in found.values()), found


def _searched(page: Any, address: str) -> list[str]:
    """The addresses of the results of a search page opened with its query (`?q=`)."""
    page.goto(address)
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'done'")
    return page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)")
