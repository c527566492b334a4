"""No 404 during a rebuild: a reader keeps getting pages while full rebuilds replace site/ again and again."""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED_SLUG
from servers import Preview, get, next_reload, served_version, start_preview

from generator.project import Project

pytestmark = pytest.mark.slow
PAGES = ["/", "/en/", "/ar/", f"/en/{SEED_SLUG}/", f"/ar/{SEED_SLUG}/", "/sitemap.xml", "/robots.txt"]


def read_while_rebuilding(
    project: Project, logs: Path, pages: list[str], rebuilds: int
) -> tuple[Counter[int], list[str]]:
    """Two threads request `pages` without pause while `rebuilds` template edits each rebuild the whole site.

    Each rebuild is awaited on the reload stream, then checked on a page; returns the statuses seen and
    every answer that was not 200."""
    base = project.templates / "base.html"
    template = base.read_text(encoding="utf-8")
    assert "</body>" in template
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    stop = threading.Event()

    def reader(preview: Preview) -> None:
        while not stop.is_set():
            for path in pages:
                connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    statuses[response.status] += 1
                    if response.status != 200:
                        failures.append(f"{path}: {response.status}")
                except OSError as error:
                    failures.append(f"{path}: {error!r}")
                finally:
                    connection.close()

    for preview in start_preview(project, logs):
        page = f"{preview.address}en/"
        readers = [threading.Thread(target=reader, args=(preview,)) for _ in range(2)]
        for thread in readers:
            thread.start()
        try:
            for number in range(rebuilds):
                version = served_version(get(page)[1])
                # a template change is a site-wide change: the whole of site/ is written anew and swapped in
                base.write_text(template.replace("</body>", f"<!-- rebuild {number} -->\n</body>"), encoding="utf-8")
                next_reload(preview.address, version)
                assert f"<!-- rebuild {number} -->" in get(page)[1]
        finally:
            stop.set()
            for thread in readers:
                thread.join(timeout=60)
        assert "rebuilt" in preview.output() and "Traceback" not in preview.errors()
    return statuses, failures


def test_pages_never_go_missing_while_twenty_full_rebuilds_run(project: Project, tmp_path: Path) -> None:
    statuses, failures = read_while_rebuilding(project, tmp_path, PAGES, 20)
    assert failures == []
    assert statuses[200] >= 20 * len(PAGES)


def test_the_search_index_stays_through_full_rebuilds(project: Project, tmp_path: Path) -> None:
    assert read_while_rebuilding(project, tmp_path, ["/search-index/search.js"], 3)[1] == []
