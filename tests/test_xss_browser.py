"""Hostile markup in content: `check` refuses it, and the renderer's output is inert in Chromium anyway.

Two layers: the content check names every tag, attribute and link a page would not show, so a hostile file
never builds; and should text reach the renderer unchecked, what it makes of each payload runs no script.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, build_site, text_renderer
from playwright.sync_api import Browser
from xss_corpus import XSS_CORPUS

from generator.problems import ContentError
from generator.project import Project


def test_check_refuses_hostile_markup_and_writes_nothing(project: Project) -> None:
    data = yaml.safe_load((FIXTURES / "second-explainer.yml").read_text(encoding="utf-8"))
    # (in English: Latin letters alone in an Arabic text are refused as another language's text)
    data["sections"][0]["points"] = [{"text": {"ar": "نص", "en": payload}} for payload in XSS_CORPUS]
    (project.content / "explainers" / "hostile.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ContentError) as error:
        build_site(project)
    flagged = {problem.field for problem in error.value.problems}
    # Text that only looks like markup is shown as written, harmless: escaped, or a tag never closed.
    inert = {"&lt;script&gt;alert(1)&lt;/script&gt;", '<img src="x" onerror="alert(1)"'}
    expected = {f"sections[0].points[{i}].text.en" for i, payload in enumerate(XSS_CORPUS) if payload not in inert}
    assert flagged == expected
    assert not project.site.exists()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_rendered_payloads_run_no_script(browser: Browser, tmp_path: Path, lang: str) -> None:
    renderer = text_renderer(lang)
    fragments = [str(renderer.block(payload)) + str(renderer.inline(payload)) for payload in XSS_CORPUS]
    page_file = tmp_path / "hostile.html"
    page_file.write_text(f'<!doctype html><html lang="{lang}"><body>{"".join(fragments)}</body></html>')
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri(), wait_until="load")  # image errors and onload handlers fire before `load`
    # A javascript: or data: link would run on click; the browser's own URL parser judges them.
    protocols = set(page.evaluate("[...document.links].map(link => link.protocol)"))
    assert protocols <= {"http:", "https:", "mailto:", "file:"}, protocols  # file: is an in-page `#` link
    assert ran == [], f"script ran: {ran}"
    assert page.evaluate("document.scripts.length + document.querySelectorAll('iframe,object,embed,form').length") == 0
    context.close()
