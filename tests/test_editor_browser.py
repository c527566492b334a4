"""The browser editor, for real: the built site's admin/ in Chromium, Decap's local backend (decap-server) writing
into a temporary copy of the project, then `check` and a build on what it wrote."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO, build_site, chart, check, parse, photo, serving
from editor_pages import add_takeaway_and_section, begin_new_explainer, open_editor, publish, title_field
from PIL import Image, ImageOps
from playwright.sync_api import Browser, expect
from servers import accepts, free_port, running_edit, wait_for

from generator.local_backend import local_backend
from generator.project import Project

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(killed_browser: Browser) -> Browser:
    """Each test's editor in a Chromium of its own, killed after it (conftest's `killed_browser` says why)."""
    return killed_browser


SLUG = "kim-jong-un-russia-visit"
NEW_TITLE = "كيم في روسيا: عنوان جديد كتبه المحرر"
DOCS = REPO / "docs"


@pytest.fixture
def editing(project: Project) -> Iterator[tuple[Project, str]]:
    """The project built, its site served, and the local backend writing into it: the editor's address."""
    build_site(project)
    port = free_port()
    with local_backend(project.root, port, lambda line: None) as query, serving(project.site) as site:
        wait_for(lambda: accepts(port), 30)
        yield project, f"{site}admin/?{query}#/collections/explainers/entries/{SLUG}"


def test_an_editor_changes_the_arabic_title_and_the_site_shows_it(
    browser: Browser, editing: tuple[Project, str], artifacts: Path
) -> None:
    project, address = editing
    path = project.explainers / f"{SLUG}.yml"
    before = path.read_text(encoding="utf-8")
    requests: list[str] = []
    page = open_editor(browser, address, requests)
    arabic, english = title_field(page, "ar"), title_field(page, "en")
    assert arabic.input_value() == yaml.safe_load(before)["title"]["ar"]

    # Arabic is written right to left in the Arabic pages' font; English left to right
    assert arabic.evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert english.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert "Noto Naskh Arabic" in arabic.evaluate("element => getComputedStyle(element).fontFamily")
    assert arabic.get_attribute("lang") == "ar"

    arabic.fill(NEW_TITLE)
    page.screenshot(path=artifacts / "editor-editing.png")
    publish(page)

    after = path.read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    assert data["title"]["ar"] == NEW_TITLE
    assert data["title"]["en"] == yaml.safe_load(before)["title"]["en"]
    check(project)  # what the editor wrote passes `check` as it is
    build_site(project)
    heading = parse(project.site / "ar" / SLUG / "index.html").xpath("string(//h1)")
    assert NEW_TITLE in heading

    # nothing was asked of another host: the page, Decap and the local backend are all on 127.0.0.1
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(url for url in requests if urlsplit(url).hostname != "127.0.0.1")
    log = {"requests": len(requests), "hosts": sorted(hosts), "urls": sorted(set(requests))}
    (artifacts / "editor-requests.json").write_text(json.dumps(log, indent=1), encoding="utf-8")
    # what the README says a save keeps: every value, every comment and the layout; only the title's line changed
    measured = survival(before, after)
    (artifacts / "editor-save.json").write_text(json.dumps(measured, indent=1, ensure_ascii=False), encoding="utf-8")
    (artifacts / "editor-saved.yml").write_text(after, encoding="utf-8")
    assert measured["modeline"] is True
    assert measured["the same values but the title"] is True
    assert measured["lines changed"] == [9], measured


def survival(before: str, after: str) -> dict[str, object]:
    """What of the file as written by hand is still there after the editor saved it."""
    comments = [line.strip() for line in before.splitlines() if line.lstrip().startswith("#")]
    kept = [line for line in comments if line in after]
    order = [key for key in yaml.safe_load(before)]
    return {
        "modeline": after.startswith("# yaml-language-server:"),
        "comments": f"{len(kept)} of {len(comments)}",
        "top-level key order": [key for key in yaml.safe_load(after)] == order,
        "the same values but the title": _values(before) == _values(after),
        "lines before": before.count("\n"),
        "lines after": after.count("\n"),
        "lines changed": _changed(before.splitlines(), after.splitlines()),
    }


def _changed(before: list[str], after: list[str]) -> list[int] | str:
    """The numbers of the lines a save changed, if it added or took out none."""
    if len(before) != len(after):
        return "a line added or taken out"
    return [number for number, (old, new) in enumerate(zip(before, after, strict=True), 1) if old != new]


def _values(text: str) -> object:
    """The file's values without its title, a date written `"2023-09-12"` and one written `2023-09-12` alike
    (Decap drops the quotes; the model reads both as the same day)."""
    data = yaml.safe_load(text)
    data.pop("title")
    return json.loads(json.dumps(data, default=str))


def test_the_editor_screenshots_in_the_readme(browser: Browser, editing: tuple[Project, str], artifacts: Path) -> None:
    """The README's picture of the editor (docs/editor.png, copied from the artifact this test makes when the
    editor changes): an explainer open, both languages of each text side by side, the built page beside."""
    _, address = editing
    page = open_editor(browser, address, [])
    # the preview pane (a frame of Decap's) shows the built Arabic page in a frame of ours
    preview = page.frame_locator("iframe").first.frame_locator(".bx-preview iframe").first
    preview.locator("h1").wait_for()
    title_field(page, "ar").evaluate("element => element.closest('.bx-texts').scrollIntoView({block: 'center'})")
    # Decap's buttons over the preview pane leave the pages clear (they covered the Arabic header's start)
    frames = [page.frame_locator("iframe").first.locator(".bx-preview iframe").nth(n).bounding_box() for n in (0, 1)]
    for name in ("Toggle preview", "Sync scrolling"):
        button = page.get_by_title(name).bounding_box()
        assert button and all(frame and button["x"] >= frame["x"] + frame["width"] for frame in frames), (name, frames)
    page.screenshot(path=artifacts / "editor.png")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/editor.png)" in readme and (DOCS / "editor.png").is_file()


def test_an_editor_marks_the_translations_reviewed_from_the_preview(
    browser: Browser, editing: tuple[Project, str], artifacts: Path
) -> None:
    """An explainer written in the browser could not pass `check --strict`, the pull request's gate: only the
    terminal's `mark-reviewed` records a review (an outside tester's). The preview's button runs it."""
    project, address = editing
    record = project.content / "translations" / f"{SLUG}.yml"
    record.unlink()
    page = open_editor(browser, address, [])
    pane = page.frame_locator("iframe").first
    pane.get_by_role("button", name="Mark every language reviewed").click()
    said = pane.get_by_role("status")
    said.filter(has_text="Marked").wait_for()
    page.screenshot(path=artifacts / "editor-marked-reviewed.png")
    assert "texts reviewed in content/translations/" in (said.text_content() or "")
    assert record.is_file() and "reviewed:" in record.read_text(encoding="utf-8")


def test_a_texts_box_grows_with_its_text(browser: Browser, editing: tuple[Project, str]) -> None:
    """A paragraph, in a section opened from the list, sat in a box of three lines with a scroll bar of its own
    until it was edited (an outside tester's): each box of a text is as tall as its text when it shows."""
    _, address = editing
    page = open_editor(browser, address, [])
    page.locator('[id^="sections-field"] [data-testid="expand-button"]').first.click()
    boxes = page.locator('[id^="sections-field"] [id^="paragraphs-field"] textarea')
    boxes.first.wait_for()
    sizes = boxes.evaluate_all("areas => areas.map((a) => [a.scrollHeight, a.clientHeight])")
    assert sizes and all(scrolled <= shown + 1 for scrolled, shown in sizes), sizes
    assert max(shown for _, shown in sizes) > 120  # a paragraph of several lines, shown whole
    # and its languages are not marked "(optional)": one language alone is refused on saving
    labels = page.locator('[id^="sections-field"] [aria-label="language_text field"] label')
    assert labels.count() and "optional" not in " ".join(labels.all_inner_texts()).lower()
    # "View Live" opens the explainer's page, not the site's root (an outside tester's), in the preview the editor
    # saves into, where it said "View Live" and opened the public site, which had none of the save (another's)
    live = page.get_by_role("link", name="View in the preview")
    assert live.get_attribute("href") == f"{address.split('admin/')[0]}ar/{SLUG}/", live.get_attribute("href")
    assert page.get_by_role("button", name="Saved on this computer").is_visible()  # (it said "Published")


def test_a_small_explainer_round_trips_with_its_references(
    browser: Browser, two_explainer_project: Project, artifacts: Path
) -> None:
    """The second fixture (no picture, no timeline, a paragraph, a point said by a voice, a takeaway pointing to
    a section): the references offer the explainer's own ids, and a save adds nothing `check` would refuse."""
    project = two_explainer_project
    name = "second-explainer"  # Decap knows an entry by its file's name; its slug is fixture-second-explainer
    path = project.explainers / "second-explainer.yml"  # Decap saves to the file it read, whatever its name
    before = path.read_text(encoding="utf-8")
    build_site(project)
    port = free_port()
    with local_backend(project.root, port, lambda line: None) as query, serving(project.site) as site:
        wait_for(lambda: accepts(port), 30)
        page = open_editor(browser, f"{site}admin/?{query}#/collections/explainers/entries/{name}", [])
        said_by = page.locator('[id^="said_by-field"]').first
        assert said_by.input_value() == "fixture-voice"
        # the name isolated (`who · منظمة الصحة العالمية (WHO)` showed (WHO) first: an outside night editor's)
        assert said_by.locator("option").all_text_contents() == ["—", "fixture-voice · \u2068شخص صوت الاختبار\u2069"]
        section = page.locator('[id^="section-field"]').first
        assert section.input_value() == "fixture-section"
        title_field(page, "en").fill("A new English title")
        publish(page)
    after = path.read_text(encoding="utf-8")
    (artifacts / "editor-saved-small.yml").write_text(after, encoding="utf-8")
    assert yaml.safe_load(after)["title"] == {"ar": "عنوان شرح الاختبار", "en": "A new English title"}
    assert _values(before) == _values(after)  # no empty picture, list or reference added
    check(project)


def test_pictures_and_a_figure_among_paragraphs_survive_a_save(
    project: Project, browser: Browser, artifacts: Path
) -> None:
    """The pictures fixture: a lead photo and a figure between two paragraphs (which the paragraphs' list shows
    as kept, not as a text) come back from a save exactly as they were; the pages still show both."""
    (project.content / "media").mkdir()
    (project.content / "media" / "harbour.jpg").write_bytes(photo(rotated=True))
    (project.content / "media" / "chart.png").write_bytes(chart())
    path = project.explainers / "pictures-explainer.yml"
    shutil.copy(REPO / "tests" / "fixtures" / "pictures-explainer.yml", path)
    before = path.read_text(encoding="utf-8")
    build_site(project)
    port = free_port()
    with local_backend(project.root, port, lambda line: None) as query, serving(project.site) as site:
        wait_for(lambda: accepts(port), 30)
        entry = f"{site}admin/?{query}#/collections/explainers/entries/pictures-explainer"
        page = open_editor(browser, entry, [])
        # The lead photo's field shows the photo (Decap's own field kept the empty placeholder it got while the
        # picture loaded: an outside tester's blank thumbnail, decap-cms #7099).
        width = ImageOps.exif_transpose(Image.open(project.content / "media" / "harbour.jpg")).width  # as shown
        shown = "width => { const image = document.querySelector('[id^=\"image-field\"] img'); "
        shown += "return image && image.complete && image.naturalWidth === width; }"
        page.wait_for_function(shown, arg=width)
        kept = page.locator(".bx-kept")  # the figure among the paragraphs
        assert kept.all_text_contents() == ["A picture (media/chart.png): edit it in the file; it is kept as written."]
        paragraph = page.locator('[id^="ar-field"]').first
        assert paragraph.input_value() == "فقرة أولى في قسم الاختبار."
        assert paragraph.evaluate("element => getComputedStyle(element).direction") == "rtl"
        # the sections, collapsed in their list, opened by its toggle
        page.locator('[id^="sections-field"] [data-testid="expand-button"]').first.click()
        kept.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / "editor-paragraphs.png")
        title_field(page, "en").fill("A new English title")
        publish(page)
    after = path.read_text(encoding="utf-8")
    assert _values(before) == _values(after)
    check(project)
    build_site(project)
    assert len(parse(project.site / "en" / "fixture-pictures" / "index.html").xpath("//figure")) == 2


def test_a_picture_chosen_in_the_media_library_is_saved(project: Project, browser: Browser) -> None:
    """ "Choose different image", a picture, "Choose selected": the form has a change, and the save writes the
    picture chosen (the field's wrapper that shows its thumbnail once loaded had kept Decap's file control from
    taking the choice: an independent reviewer's)."""
    (project.content / "media").mkdir()
    (project.content / "media" / "harbour.jpg").write_bytes(photo(rotated=True))
    (project.content / "media" / "chart.png").write_bytes(chart())
    (project.content / "media" / "other.png").write_bytes(chart())
    path = project.explainers / "pictures-explainer.yml"
    shutil.copy(REPO / "tests" / "fixtures" / "pictures-explainer.yml", path)
    build_site(project)
    port = free_port()
    with local_backend(project.root, port, lambda line: None) as query, serving(project.site) as site:
        wait_for(lambda: accepts(port), 30)
        page = open_editor(browser, f"{site}admin/?{query}#/collections/explainers/entries/pictures-explainer", [])
        page.get_by_role("button", name="Choose different image").first.click()
        page.get_by_text("other.png").first.click()
        page.get_by_role("button", name="Choose selected").click()
        expect(page.get_by_text("Unsaved Changes")).to_have_count(1)
        publish(page)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["image"]["file"] == "media/other.png"
    check(project)


@pytest.mark.slow
def test_with_edit_a_save_shows_in_the_preview_pane(browser: Browser, project: Project, tmp_path: Path) -> None:
    """`python -m generator edit` end to end: the preview rebuilds on the editor's save and the preview pane's
    page reloads itself with the new title; still nothing from another host. A save `check` would refuse (an
    English sentence for the Arabic title) is refused, naming the field, its line and what is wrong, and nothing
    is written: Decap said "Published", and no build published anything until the file was fixed (an outside
    tester's)."""
    with running_edit(project, tmp_path) as (address, _):
        wait_for(lambda: (project.site / "admin" / "config.json").is_file(), 60)
        requests: list[str] = []
        page = open_editor(browser, f"{address}#/collections/explainers/entries/{SLUG}", requests)
        arabic_page = page.frame_locator("iframe").first.frame_locator(".bx-preview iframe").first
        expect(arabic_page.locator("h1")).not_to_contain_text(NEW_TITLE)
        title_field(page, "ar").fill(NEW_TITLE)
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Save to this computer").click()
        expect(arabic_page.locator("h1")).to_contain_text(NEW_TITLE, timeout=60_000)
        saved = (project.explainers / f"{SLUG}.yml").read_bytes()
        title_field(page, "ar").fill("Kim goes to Russia for talks")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Save to this computer").click()
        toast = page.get_by_text("not saved:")
        expect(toast).to_be_in_viewport()
        told = toast.inner_text()
        assert told.startswith("Not saved: Title (ar): ") and "has no Arabic letters" in told, told
        assert (project.explainers / f"{SLUG}.yml").read_bytes() == saved
        expect(title_field(page, "ar")).to_have_value("Kim goes to Russia for talks")  # the typing is kept
        hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
        assert hosts == {"127.0.0.1"}


def test_a_new_explainer_written_in_the_editor_passes_check(
    browser: Browser, editing: tuple[Project, str], artifacts: Path
) -> None:
    """What a journalist does most: a new explainer, every required field filled in the browser, saved as
    content/explainers/<slug>.yml, accepted by `check` and built into both languages' pages."""
    project, address = editing
    page = open_editor(browser, address.split("#")[0] + "#/collections/explainers/new", [])
    title = ("عنوان من المحرر", "A title from the editor")
    source = begin_new_explainer(
        page, "new-from-the-editor", title, ("ملخص كتب في المتصفح.", "A summary written in the browser.")
    )
    # written, then emptied: left out of the file, not saved as `url: ""` or empty texts
    source.locator('[id^="url-field"]').fill("https://example.org/")
    source.locator('[id^="url-field"]').fill("")
    source.locator('[id^="publisher-field"] textarea[data-language="ar"]').fill("ناشر")
    source.locator('[id^="publisher-field"] textarea[data-language="ar"]').fill("")
    texts = ("خلاصة واحدة.", "One takeaway.", "القسم الأول", "The first section", "نقطة أولى.", "A first point.")
    add_takeaway_and_section(page, "first-section", texts)
    page.screenshot(path=artifacts / "editor-new.png")
    publish(page)
    path = project.explainers / "new-from-the-editor.yml"
    written = path.read_text(encoding="utf-8")
    (artifacts / "editor-new.yml").write_text(written, encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schema/explainer.schema.json\n")
    assert set(yaml.safe_load(written)["source"]) == {"title", "date", "language"}
    check(project)
    build_site(project)
    for code, title in (("ar", "عنوان من المحرر"), ("en", "A title from the editor")):
        assert title in parse(project.site / code / "new-from-the-editor" / "index.html").xpath("string(//h1)")


def test_the_new_button_says_new_explainer(browser: Browser, editing: tuple[Project, str]) -> None:
    """Decap's English writes "＋ Explainer", a fullwidth plus no installed font has: an empty box before the
    word (outside testers, twice). It says what the README says to press."""
    _, address = editing
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page.goto(address.split("#")[0] + "#/collections/explainers")
    page.get_by_role("button", name="Login").click()
    new = page.get_by_text("New Explainer", exact=True)
    new.wait_for()
    assert "＋" not in page.locator("body").inner_text()


def test_a_file_that_does_not_read_is_listed_as_such_and_its_empty_form_is_not_saved_over_it(
    browser: Browser, editing: tuple[Project, str], artifacts: Path
) -> None:
    """A YAML mistake made in the file (an unquoted `: `): Decap cannot read it, so it listed the explainer as `·`
    and opened an empty form, whose save replaced the whole file (an outside tester's)."""
    project, address = editing
    seed = (project.explainers / f"{SLUG}.yml").read_text(encoding="utf-8")
    broken = seed.replace("  en: \"Kim Jong Un's visit", "  en: DISK: Kim Jong Un's visit", 1)
    broken = broken.replace(SLUG, "mistyped", 1)
    (project.explainers / "mistyped.yml").write_text(broken, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page.goto(address.replace(f"/entries/{SLUG}", ""))  # the list of explainers
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("⚠ the file does not read: `check` names the line")).to_be_visible()
    expect(page.get_by_text(yaml.safe_load(seed)["title"]["en"])).to_be_visible()  # the others as they were
    page.screenshot(path=artifacts / "editor-list-unreadable.png")
    # Opened, its empty form is said to be the file's not reading, and where (an outside editor took it for lost).
    page.get_by_text("⚠ the file does not read: `check` names the line").click()
    told = page.frame_locator("iframe").first.get_by_role("alert")
    expect(told).to_contain_text("This file does not read as it is on disk (line ")
    expect(told).to_contain_text("a save or a delete is refused")
    page.screenshot(path=artifacts / "editor-open-unreadable.png")


def test_a_save_the_form_refuses_for_an_empty_text_says_so_at_the_top(
    browser: Browser, editing: tuple[Project, str]
) -> None:
    """A section's Arabic heading emptied far down the form: the save was refused with red text by that field alone,
    hundreds of pixels below the button, and nothing at the top (an outside tester's). Now a notice says so."""
    project, address = editing
    path = project.explainers / f"{SLUG}.yml"
    before = path.read_bytes()
    page = open_editor(browser, address, [])
    title_field(page, "ar").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Save to this computer").click()
    expect(page.get_by_text("Not saved: Title: write it in Arabic")).to_be_visible(timeout=10_000)  # (named)
    expect(page.get_by_text("Write it in every language: Arabic is empty.").first).to_be_visible()
    assert path.read_bytes() == before


def test_the_editor_fits_a_phone(browser: Browser, editing: tuple[Project, str], artifacts: Path) -> None:
    """Decap lays the editor out 800 px wide whatever the screen: on a 390 px phone, Delete, the preview and its
    "Mark every language reviewed" were off the screen's edge (an outside tester's). They are on it now."""
    _, address = editing
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(address)
        page.get_by_role("button", name="Login").click()
        title_field(page, "ar").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for button in (page.get_by_role("button", name="Delete entry"), page.get_by_text("View in the preview")):
            box = button.first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        page.screenshot(path=artifacts / "editor-phone.png")
    finally:
        context.close()
