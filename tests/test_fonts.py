"""Optional web fonts: none by default; when configured, a subset that covers every character shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SEED_SLUG, parse, serving

from generator.build import Project, build_site
from generator.fonts import covered, family_name

NASKH = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")  # Debian's fonts-noto-core
LATIN = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def test_the_default_site_ships_no_font_bytes(built_site: Path) -> None:
    assert not [path for path in built_site.rglob("*") if path.suffix in {".woff", ".woff2", ".ttf", ".otf"}]
    assert parse(built_site / "ar" / SEED_SLUG / "index.html").xpath('//link[contains(@href, "fonts.css")]') == []


@pytest.fixture
def font_project(project: Project) -> Project:
    (project.root / "fonts").mkdir()
    shutil.copy(NASKH, project.root / "fonts" / "naskh.ttf")
    shutil.copy(LATIN, project.root / "fonts" / "sans.ttf")
    settings = project.content / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\nfonts:\n  ar: fonts/naskh.ttf\n  en: fonts/sans.ttf\n",
        encoding="utf-8",
    )
    build_site(project)
    return project


def shown_characters(site: Path, lang: str) -> set[str]:
    """Every character a reader can see on a language's pages."""
    characters: set[str] = set()
    for page in site.rglob("*.html"):
        root = parse(page)
        if root.get("lang") == lang:
            characters |= {c for c in root.xpath("string(//body)") if not c.isspace()}
    return characters


@pytest.mark.parametrize(("lang", "original"), [("ar", NASKH), ("en", LATIN)])
def test_subset_covers_every_character_on_the_pages(font_project: Project, lang: str, original: Path) -> None:
    site = font_project.site
    (subset,) = (site / "assets" / "fonts").glob(f"{lang}.*.woff2")
    assert subset.read_bytes()[:4] == b"wOF2"
    available = covered(original.read_bytes())
    needed = shown_characters(site, lang) & available  # characters the font has at all
    assert needed, "the pages show characters of this font"
    assert needed <= covered(subset.read_bytes()), sorted(needed - covered(subset.read_bytes()))
    assert subset.stat().st_size < original.stat().st_size / 3


def test_fonts_are_declared_with_unicode_range_and_swap(font_project: Project) -> None:
    css = (font_project.site / "fonts.css").read_text(encoding="utf-8")
    assert css.count("@font-face") == 2
    assert css.count("font-display: swap") == 2
    assert re.search(r"unicode-range: U\+[0-9A-F]+", css)
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (font_project.site / url).is_file()
    page = parse(font_project.site / "ar" / SEED_SLUG / "index.html")
    (link,) = page.xpath('//link[contains(@href, "fonts.css")]')
    assert (font_project.site / "ar" / SEED_SLUG / link.get("href")).resolve() == (
        font_project.site / "fonts.css"
    ).resolve()


@pytest.mark.browser
def test_the_browser_draws_arabic_with_the_subset(font_project: Project, browser) -> None:  # type: ignore[no-untyped-def]
    with serving(font_project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}ar/{SEED_SLUG}/")
        page.evaluate("document.fonts.ready")
        family = page.evaluate("getComputedStyle(document.querySelector('main p')).fontFamily")
        assert family.split(",")[0].strip('"') == family_name("ar"), family
        loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert family_name("ar") in [name.strip('"') for name in loaded], loaded
        page.close()
