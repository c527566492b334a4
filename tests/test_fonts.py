"""Optional web fonts: none by default; when configured, a subset that covers every character shown."""

from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_SLUG, build, build_site, name_fonts, parse, serving
from fontTools.ttLib import TTFont

from generator.fonts import FONT_EPOCH, covered, family_name, subset_woff2
from generator.project import Project

NASKH = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")  # Debian's fonts-noto-core
LATIN = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def test_the_default_site_ships_no_font_bytes(built_site: Path) -> None:
    assert not [path for path in built_site.rglob("*") if path.suffix in {".woff", ".woff2", ".ttf", ".otf"}]
    assert parse(built_site / "ar" / SEED_SLUG / "index.html").xpath('//link[contains(@href, "fonts.css")]') == []


@pytest.fixture
def font_project(project: Project) -> Project:
    build_site(configure_fonts(project))
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


def configure_fonts(project: Project) -> Project:
    """The project with Debian's Noto fonts named in site.yml, not yet built."""
    (project.root / "fonts").mkdir(exist_ok=True)
    shutil.copy(NASKH, project.root / "fonts" / "naskh.ttf")
    shutil.copy(LATIN, project.root / "fonts" / "sans.ttf")
    name_fonts(project, {"ar": "fonts/naskh.ttf", "en": "fonts/sans.ttf"})
    return project


def font_files(outputs: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in outputs.items() if name.endswith((".woff2", "fonts.css"))}


def test_two_builds_with_fonts_are_byte_identical(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontTools stamps the clock into `head.modified` unless told otherwise; two builds a year apart match."""
    configure_fonts(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    first = build(project)
    monkeypatch.setattr(time, "time", lambda: 1_731_536_000.0)
    second = build(project)
    assert len(font_files(first)) == 3
    assert font_files(first) == font_files(second)
    assert first == second


def modified(woff2: bytes) -> int:
    """A font's `head.modified`, in seconds since 1970."""
    return int(TTFont(io.BytesIO(woff2))["head"].modified) + FONT_EPOCH


def test_a_build_stamps_its_fonts_with_source_date_epoch(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    configure_fonts(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamps = {modified(data) for name, data in build(project).items() if name.endswith(".woff2")}
    assert stamps == {1_700_000_000}


@pytest.mark.parametrize(("epoch", "expected"), [(None, 0), ("", 0), ("soon", 0), ("-5", 0), ("86400", 86400)])
def test_without_a_whole_source_date_epoch_fonts_say_1970(
    monkeypatch: pytest.MonkeyPatch, epoch: str | None, expected: int
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert modified(subset_woff2(NASKH.read_bytes(), set("سلام"))) == expected


def _damaged_table(data: bytes, tag: str) -> bytes:
    """The font with the start of one table written over (a disk's or a download's damage)."""
    start = TTFont(io.BytesIO(data)).reader.tables[tag].offset
    return data[:start] + b"\xff" * 16 + data[start + 16 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) * 88 // 100],  # cut short in its download
        lambda data: _damaged_table(data, "GSUB"),
        lambda data: _damaged_table(data, "loca"),
    ],
    ids=["cut-short", "GSUB", "loca"],
)
def test_a_damaged_font_is_named_where_site_yml_names_it(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], damage: Any
) -> None:
    """A font cut short or with one damaged table passed the font check (which read two of its tables), then
    `check` and `build` ended in an internal error naming neither site.yml nor the font (an outside tester's)."""
    from generator.cli import main

    (project.root / "fonts").mkdir()
    (project.root / "fonts" / "sans.ttf").write_bytes(damage(LATIN.read_bytes()))
    line = name_fonts(project, {"en": "fonts/sans.ttf"})[0]
    monkeypatch.chdir(project.root)
    for command in ("check", "build"):
        assert main([command]) == 1
        said = capsys.readouterr().err
        assert f"content/site.yml:{line}:5: languages.en.font: names `fonts/sans.ttf`, which is damaged (" in said


@pytest.mark.parametrize("flavor", ["woff", "woff2"])
def test_a_sound_web_font_passes_the_read_through(project: Project, flavor: str, tmp_path: Path) -> None:
    """HarfBuzz and FreeType read neither WOFF nor WOFF2: the read-through refused every sound one as damaged (an
    independent reviewer's). It reads them unpacked, as the share cards do; the build publishes them."""
    font = TTFont(LATIN)
    font.flavor = flavor
    (project.root / "fonts").mkdir()
    font.save(project.root / "fonts" / f"sans.{flavor}")
    name_fonts(project, {"en": f"fonts/sans.{flavor}"})
    build_site(project)
    assert list((project.site / "assets" / "fonts").glob("en.*.woff2"))
