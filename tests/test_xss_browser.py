"""The XSS corpus rendered into real pages and opened in Chromium: no script may run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, parse
from test_markup import XSS_CORPUS

from generator.build import Project, build_site

pytestmark = pytest.mark.browser
SLUG = "fixture-second-explainer"


def hostile_explainer(destination: Path) -> None:
    """The fixture explainer with every payload in every kind of text field, in both languages."""
    data = yaml.safe_load((FIXTURES / "second-explainer.yml").read_text(encoding="utf-8"))
    payloads = " ".join(XSS_CORPUS)
    data["title"] = {"ar": "عنوان " + XSS_CORPUS[0], "en": "Title " + XSS_CORPUS[2]}
    data["dek"] = {"ar": payloads, "en": payloads}
    data["sections"][0]["paragraphs"] = [{"ar": payload, "en": payload} for payload in XSS_CORPUS]
    data["sections"][0]["points"] = [{"text": {"ar": payload, "en": payload}} for payload in XSS_CORPUS]
    data["voices"][0]["name"] = {"ar": XSS_CORPUS[3], "en": XSS_CORPUS[5]}
    data["timeline"][0]["text"] = {"ar": XSS_CORPUS[6], "en": XSS_CORPUS[12]}
    destination.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_payload_runs_script_in_the_browser(project: Project, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    hostile_explainer(project.content / "explainers" / "hostile.yml")
    build_site(project)
    page_file = project.site / lang / SLUG / "index.html"
    root = parse(page_file)
    assert root.cssselect('script:not([type="application/ld+json"]), iframe, object, embed, form, style') == []
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: ran.append(message.text) if "xss" in message.text else None)
    page.goto(page_file.as_uri())
    page.wait_for_timeout(300)  # let any onerror/onload handler fire
    # A javascript: or data: link would run on click; the browser's own URL parser judges them.
    protocols = set(page.evaluate("[...document.links].map(link => link.protocol)"))
    assert protocols <= {"http:", "https:", "mailto:", "file:"}, protocols
    assert ran == [], f"script ran on the {lang} page: {ran}"
    assert page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json').length") == 0
    context.close()
