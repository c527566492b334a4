"""The browser editor's page as an editor works it, for the tests that drive it in Chromium
(test_editor_browser.py, test_editor_addresses.py)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Browser, Page, Request


def open_editor(browser: Browser, address: str, requests: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.goto(address)
    page.get_by_role("button", name="Login").click()  # the local backend: nobody signs in, a button is pressed
    title_field(page, "ar").wait_for()
    return page


def title_field(page: Page, code: str):  # type: ignore[no-untyped-def]
    """The title's text in a language (Decap names a control `<field>-field-<n>`; the explainer's own title comes
    before its source's)."""
    return page.locator(f'[id^="title-field"] textarea[data-language="{code}"]').first


def publish(page: Page) -> None:
    """Publish the entry as an editor does, and wait until the local backend has written it."""
    with page.expect_response(
        lambda response: "/api/v1" in response.url and "persistEntry" in (response.request.post_data or "")
    ) as saved:
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Save to this computer").click()
    assert saved.value.ok


def begin_new_explainer(page: Page, slug: str, title: tuple[str, str], dek: tuple[str, str]):  # type: ignore[no-untyped-def]
    """A new explainer's fields that Decap requires filled (slug, title, dek, date, source), and nothing else;
    returns its source's group."""
    page.get_by_label("Slug", exact=True).fill(slug)
    for name, (arabic, english) in {"title": title, "dek": dek}.items():
        page.locator(f'[id^="{name}-field"] textarea[data-language="ar"]').first.fill(arabic)
        page.locator(f'[id^="{name}-field"] textarea[data-language="en"]').first.fill(english)
    today = dt.date.today().isoformat()
    page.locator('[id^="published-field"]').first.press_sequentially(today)  # typed, as an editor types it
    source = page.locator('[id^="source-field"]').first
    source.locator('[id^="title-field"] textarea[data-language="ar"]').fill("مقال المصدر")
    source.locator('[id^="title-field"] textarea[data-language="en"]').fill("The source article")
    source.locator('[id^="date-field"]').first.press_sequentially(today)
    source.locator('[id^="language-field"]').click()
    page.get_by_role("option", name="العربية").click()
    return source


def add_takeaway_and_section(page: Page, section_id: str, texts: tuple[str, str, str, str, str, str]) -> None:
    """A new explainer's one takeaway and one section with a point (`texts`: the takeaway, heading and point,
    each Arabic then English), which a save needs."""
    page.get_by_role("button", name="Add takeaway").click()
    takeaway = page.locator('[id^="takeaways-field"]').first
    takeaway.locator('textarea[data-language="ar"]').first.fill(texts[0])
    takeaway.locator('textarea[data-language="en"]').first.fill(texts[1])
    page.get_by_role("button", name="Add section").click()
    section = page.locator('[id^="sections-field"]').first
    section.locator('[id^="id-field"]').first.fill(section_id)
    section.locator('[id^="heading-field"] textarea[data-language="ar"]').fill(texts[2])
    section.locator('[id^="heading-field"] textarea[data-language="en"]').fill(texts[3])
    section.get_by_role("button", name="Add point").click()
    section.locator('[id^="points-field"] textarea[data-language="ar"]').fill(texts[4])
    section.locator('[id^="points-field"] textarea[data-language="en"]').fill(texts[5])
