"""Locator maps from Natural Earth: decoded, projected and labelled in each language; the seed's lead picture."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, SEED_SLUG, check, parse, serving, site_languages
from lxml import etree

from generator import maps, media_store
from generator.load import read_json
from generator.model import LocatorMap
from generator.problems import ContentError
from generator.project import Project

BOX = (25.0, 28.0, 155.0, 72.0)


def test_countries_decode_to_their_place_on_the_globe() -> None:
    atlas = read_json(maps.ATLAS)
    assert atlas is not None, "run `make site`: it installs npm's world-atlas"
    found = dict(maps.countries(atlas))
    north_korea = [point for ring in found["408"] for point in ring]
    longitudes, latitudes = [x for x, _ in north_korea], [y for _, y in north_korea]
    assert 124 < min(longitudes) < max(longitudes) < 131 and 37 < min(latitudes) < max(latitudes) < 43.1


def test_a_map_is_a_small_svg_labelled_in_the_page_language() -> None:
    atlas = read_json(maps.ATLAS)
    assert atlas is not None
    arabic = next(language for language in site_languages() if language.code == "ar")
    labels = [((125.75, 39.02), "بيونغ يانغ", True), ((100.0, 62.0), "روسيا", False)]
    svg, (width, height) = maps.draw_map(atlas, BOX, {"408", "643"}, labels, arabic)
    root = etree.fromstring(svg)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar" and root.get("direction") == "rtl"
    assert [text.text for text in root.iter("{http://www.w3.org/2000/svg}text")] == ["بيونغ يانغ", "روسيا"]
    assert (width, height) == (1200, 632) and len(svg) < 80_000
    # Russia crosses the 180th meridian: its far east continues off the map's east edge, no line across it
    for path in root.iter("{http://www.w3.org/2000/svg}path"):
        for ring in (path.get("d") or "").split("M")[1:]:  # each ring drawn on its own: a move is no line
            xs = [float(x) for x in re.findall(r"(-?[\d.]+),", ring)]
            assert all(abs(b - a) < width / 2 for a, b in itertools.pairwise(xs))


def test_a_long_label_wraps_between_words_and_stays_above_its_dot() -> None:
    atlas = read_json(maps.ATLAS)
    assert atlas is not None
    english = next(language for language in site_languages() if language.code == "en")
    name = "Vostochny Cosmodrome, Amur region"
    svg, _ = maps.draw_map(atlas, BOX, set(), [((128.33, 51.88), name, True)], english)
    root = etree.fromstring(svg)
    (label,) = root.iter("{http://www.w3.org/2000/svg}text")
    spans = [span.text for span in label.iter("{http://www.w3.org/2000/svg}tspan")]
    assert spans == ["Vostochny Cosmodrome,", "Amur region"]
    (dot,) = root.iter("{http://www.w3.org/2000/svg}circle")
    last_baseline = float(label.get("y") or 0) + maps.LEADING * (len(spans) - 1)
    assert last_baseline < float(dot.get("cy") or 0)  # the whole name above the dot


def test_the_seed_explainer_leads_with_its_map_in_both_languages(built_site: Path) -> None:
    for code, credit in (("ar", "خريطة:\u00a0Natural Earth"), ("en", "Map:\u00a0Natural Earth")):
        page = parse(built_site / code / SEED_SLUG / "index.html")
        (lead,) = page.xpath("//figure[contains(@class, 'lead')]")
        image = lead.xpath(".//img")[0]
        assert image.get("src").endswith(".svg") and f".{code}." in image.get("src")
        assert image.get("alt") and image.get("fetchpriority") == "high"
        assert lead.xpath("string(.//span[@class='credit'])") == credit
        # It opens alone, at the size it is drawn: its names were some 8 px on a phone, nothing to tap (a reader's).
        assert lead.xpath("a[@class='figure-full']/@href") == [image.get("src")]
        svg = etree.parse(str((built_site / code / SEED_SLUG / image.get("src")).resolve())).getroot()
        assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == code


def test_without_natural_earth_a_map_is_refused_where_it_is_written(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media_store, "ATLAS", project.root / "missing.json")
    with pytest.raises(ContentError) as error:
        check(project)
    (problem,) = error.value.problems
    assert problem.field == "image.map" and "world-atlas" in problem.message and problem.line > 1


def test_a_box_across_the_180th_meridian_draws_both_sides() -> None:
    atlas = read_json(maps.ATLAS)
    assert atlas is not None
    english = next(language for language in site_languages() if language.code == "en")
    svg, _ = maps.draw_map(atlas, (160.0, 50.0, 210.0, 75.0), {"840"}, [((-150.0, 64.0), "Alaska", False)], english)
    assert svg.count(b"<path") >= 2 and maps.HIGHLIGHT.encode() in svg  # Chukotka, and Alaska highlighted


@pytest.mark.parametrize(
    ("box", "labels", "words"),
    [
        ([0, 0, 0.0001, 1], [], "too small or too narrow"),
        ([0, 84, 10, 90], [], "between 80° south and north"),
        ([25, 28, 155, 72], [{"at": [500, 500], "text": {"ar": "س", "en": "x"}}], "labels[0]"),
    ],
)
def test_a_map_that_cannot_be_drawn_is_refused(box: list[float], labels: list[object], words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        LocatorMap.model_validate({"box": box, "labels": labels})


@pytest.mark.browser
def test_a_maps_thumbnail_on_a_card_shows_the_whole_map(browser: Any, built_site: Path) -> None:
    """Cards cut a lead picture to one shape (3:2) so a row lines up, which loses a photograph's margins; a map's
    names run to its edges, and cut, the seed's card read `cow` for Moscow (an outside tester's finding). In
    Chromium, the map's whole drawing lies inside its box on the home page of each language."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        with serving(built_site) as address:
            for code in ("ar", "en"):
                page.goto(f"{address}{code}/")
                image = page.locator(f".card:has(a[href$='{SEED_SLUG}/']) .thumbnail img")
                image.scroll_into_view_if_needed()
                page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
                drawn = image.evaluate(
                    """image => {
                      const box = image.getBoundingClientRect(), style = getComputedStyle(image);
                      const across = box.width / image.naturalWidth, down = box.height / image.naturalHeight;
                      const scale = style.objectFit === 'contain' ? Math.min(across, down) : Math.max(across, down);
                      return {fit: style.objectFit, boxWidth: box.width, boxHeight: box.height,
                              width: image.naturalWidth * scale, height: image.naturalHeight * scale};
                    }"""
                )
                image.screenshot(path=str(ARTIFACTS / f"map-thumbnail-{code}.png"))
                assert drawn["width"] <= drawn["boxWidth"] + 0.5 and drawn["height"] <= drawn["boxHeight"] + 0.5, drawn
    finally:
        context.close()
