"""Static search per language, as a reader uses it: the index and the search page in Debian's Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_SLUG, parse

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
    (fallback,) = root.xpath("//noscript")
    assert fallback.xpath(".//a[@href]"), "without JavaScript the page points to the lists of explainers"


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
    page.locator("input[type=text], input[type=search]").first.fill("sanctions")
    page.wait_for_function(
        "() => { const box = document.getElementById('search'); "
        "return box.dataset.query === 'sanctions' && box.dataset.state === 'done'; }",
        timeout=15_000,
    )
    assert page.locator(f"a[href*='/en/{SEED_SLUG}/']").count() == 0
    # The Arabic status names the English query in a <bdi>: its own direction, the sentence's order kept.
    assert page.locator(".search-status bdi").all_text_contents() == ["sanctions"]
    assert page.locator(".search-status").text_content() == "لا نتائج عن «sanctions»"
    page.close()
