"""The live preview as an editor uses it: serve, save a file, see the page change and the browser told."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from conftest import SEED_SLUG, parse
from test_mkdocs import free_port, wait_for

from generator.build import Project

pytestmark = pytest.mark.slow
TITLE = '  en: "Kim Jong Un\'s visit to Russia: arms for Moscow, food and know-how for Pyongyang?"'


@pytest.fixture
def preview(project: Project) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    address = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: urllib.request.urlopen(address, timeout=2).status == 200, timeout=60)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_saving_a_file_updates_the_page_and_tells_the_browser(project: Project, preview: str) -> None:
    page = f"{preview}en/{SEED_SLUG}/"
    status, html = get(page)
    assert status == 200 and 'EventSource("/__reload")' in html
    written = (project.site / "en" / SEED_SLUG / "index.html").read_bytes()
    assert b"EventSource" not in written  # the published file stays free of JavaScript
    reloads: list[str] = []

    def listen() -> None:
        with urllib.request.urlopen(f"{preview}__reload", timeout=30) as stream:
            for line in stream:
                if line.startswith(b"data:"):
                    reloads.append(line.decode().strip())
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(0.3)
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    assert TITLE in text
    explainer.write_text(text.replace(TITLE, '  en: "Edited in the preview"'), encoding="utf-8")
    wait_for(lambda: "Edited in the preview" in get(page)[1], timeout=30)
    listener.join(timeout=30)
    assert reloads == ["data: reload"]


def test_a_broken_save_keeps_the_last_good_site(project: Project, preview: str) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    before = get(f"{preview}en/{SEED_SLUG}/")[1]
    explainer.write_text(explainer.read_text(encoding="utf-8") + "\ntitle: again\n", encoding="utf-8")
    time.sleep(1.5)
    assert get(f"{preview}en/{SEED_SLUG}/")[1] == before


@pytest.mark.parametrize(("path", "lang"), [("ar/missing/", "ar"), ("en/missing/", "en"), ("missing", "ar")])
def test_missing_pages_get_their_language_404(preview: str, path: str, lang: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    status, html = get(preview + path)
    assert status == 404
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    assert parse(page).get("lang") == lang
