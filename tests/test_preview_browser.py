"""The problems overlay in a real browser: a broken save shows it on the open page, the fix clears it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_SLUG
from playwright.sync_api import Browser, expect
from servers import Preview, start_preview

from generator.project import Project

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def preview(project: Project, tmp_path: Path) -> Iterator[Preview]:
    yield from start_preview(project, tmp_path)


def test_a_broken_save_shows_its_problems_over_the_open_page_and_the_fix_clears_them(
    browser: Browser, project: Project, preview: Preview
) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    good = explainer.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(f"{preview.address}ar/{SEED_SLUG}/")
        assert page.locator("#preview-problems").count() == 0
        heading = page.locator("h1").inner_text()
        explainer.write_text(good + '\ntitel: "<img src=x onerror=alert(1)>"\n', encoding="utf-8")
        # The page reloads by itself (once a rebuild ends, and again if the save came as two writes): a locator,
        # looked up anew after each reload, not an element of the page before it.
        overlay = page.locator("#preview-problems")
        expect(overlay).to_contain_text(
            f"content/explainers/{SEED_SLUG}.yml:{good.count(chr(10)) + 2}:1", timeout=30_000
        )
        expect(overlay).to_contain_text("Titel: is not a field this file can have (did you mean title?)")
        assert overlay.locator("code").first.inner_text() == "title"  # quoted as code, not between backquotes
        expect(overlay).to_be_visible()
        assert page.locator("#preview-problems img").count() == 0  # shown as text, never as markup
        box = overlay.bounding_box()
        viewport = page.viewport_size
        assert box is not None and viewport is not None and box["width"] >= viewport["width"] * 0.9  # across it
        # and over its top only: the last page that passed check shows below it (it covered the whole window, where
        # it said "this page shows the last build that passed check": an outside editor's)
        assert box["height"] <= viewport["height"] * 0.6 + 1
        explainer.write_text(good, encoding="utf-8")
        page.wait_for_selector("#preview-problems", state="detached", timeout=30_000)
        assert page.locator("h1").inner_text() == heading
    finally:
        page.close()


def test_a_withdrawn_explainer_is_a_note_along_the_foot_that_stays_closed_once_closed(
    browser: Browser, project: Project, tmp_path: Path, artifacts: Path
) -> None:
    """An explainer deleted on purpose: the build succeeds, and the preview said "Fix the file" in a panel over
    every page that nothing closed until it was restarted (an outside tester's)."""
    seed = (project.explainers / f"{SEED_SLUG}.yml").read_text(encoding="utf-8")
    (project.explainers / "second.yml").write_text(seed.replace(SEED_SLUG, "second", 1), encoding="utf-8")
    with contextlib.contextmanager(start_preview)(project, tmp_path) as preview:
        page = browser.new_page()
        try:
            page.goto(f"{preview.address}en/")
            (project.explainers / "second.yml").unlink()  # withdrawn
            note = page.locator("#preview-notes")
            expect(note).to_contain_text("/en/second/", timeout=30_000)
            expect(page.locator("#preview-problems")).to_have_count(0)
            box, viewport = note.bounding_box(), page.viewport_size
            assert box and viewport and box["height"] < viewport["height"] / 2  # the page stays readable above it
            page.screenshot(path=artifacts / "preview-withdrawn-note.png")
            note.get_by_role("button", name="Close").click()
            expect(note).to_have_count(0)
            page.reload()
            expect(page.locator("main")).to_be_visible()
            expect(page.locator("#preview-notes")).to_have_count(0)  # closed for this tab until the notes change
        finally:
            page.close()


def test_many_tabs_of_one_browser_each_load_and_show_a_save(
    browser: Browser, project: Project, preview: Preview
) -> None:
    """A browser keeps six connections to a host, and each open page held one for its reload stream: the seventh
    tab stayed blank until the next save (an outside tester's). The tabs share one stream (a shared worker)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    context = browser.new_context()
    try:
        pages = [context.new_page() for _ in range(9)]
        for number, page in enumerate(pages):
            language = ("ar", "en")[number % 2]
            page.goto(f"{preview.address}{language}/{SEED_SLUG}/", timeout=20_000)  # the seventh waited for ever
            expect(page.locator("h1")).to_be_visible()
        text = explainer.read_text(encoding="utf-8")
        explainer.write_text(text.replace("Kim Jong Un's visit to Russia:", "Seen in every tab:", 1), encoding="utf-8")
        for page in pages[1::2]:  # every English tab
            expect(page.locator("h1")).to_contain_text("Seen in every tab", timeout=30_000)
    finally:
        context.close()


def test_a_save_reloads_the_open_pages_it_changed_and_leaves_the_others_as_they_are(
    browser: Browser, project: Project, preview: Preview
) -> None:
    """Every open tab reloaded at every save, an editor's other pages jumping back to their top (an outside
    tester's): a save that changes the English page alone reloads that tab, and the Arabic one stays as it is."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    context = browser.new_context()
    try:
        arabic, english = context.new_page(), context.new_page()
        for page, language in ((arabic, "ar"), (english, "en")):
            page.goto(f"{preview.address}{language}/{SEED_SLUG}/", timeout=20_000)
            expect(page.locator("h1")).to_be_visible()
        arabic.evaluate("window.kept = true")
        text = explainer.read_text(encoding="utf-8")
        said = "visited Pyongyang in July"
        assert said in text
        explainer.write_text(text.replace(said, f"{said} (changed in English alone)", 1), encoding="utf-8")
        expect(english.locator("main")).to_contain_text("changed in English alone", timeout=30_000)
        arabic.wait_for_function("window.previewVersion !== undefined", timeout=30_000)  # the rebuild's word came
        assert arabic.evaluate("window.kept") is True  # and the page was not loaded again
    finally:
        context.close()
