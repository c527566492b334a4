"""Embargoes: an explainer dated after today is held until its day (generator/embargo.py).

An outside tester's desk dated an explainer three days ahead for an embargo; `build` and `gh-deploy` published it at
once, first on the home page, in the feed, the sitemap and search, and said nothing. Every build now holds it
(checked as any other), names it, and publishes it on its day with nothing else changed; `--future` publishes now.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, SEED_SLUG, copy_project, hashes
from lxml import etree

from generator.build import Build
from generator.preview import Rebuilder
from generator.project import Project
from generator.warm import nothing_to_build

SLUG = "fixture-second-explainer"
AHEAD = dt.date.today() + dt.timedelta(days=3)


def embargoed(tmp_path: Path) -> Project:
    """The real project and the fixture explainer dated three days ahead, on the seed's topic (related reading)."""
    project = copy_project(tmp_path / "project")
    text = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    text = text.replace("published: 2024-01-15", f"published: {AHEAD.isoformat()}\ntopics: [russia]")
    (project.explainers / "second-explainer.yml").write_text(text, encoding="utf-8")
    return project


def published_anywhere(site: Path) -> list[str]:
    """Every file of the site that names the fixture's slug, or is its page."""
    found = [name for name in hashes(site) if SLUG in name and name.endswith(".html")]
    return found + [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json"} and SLUG.encode() in path.read_bytes()
    ]


def run(project: Project, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", *arguments]
    return subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=120)


def test_an_explainer_dated_ahead_is_held_everywhere_until_its_day(tmp_path: Path) -> None:
    project = embargoed(tmp_path)
    build = Build(project)
    build.run()
    assert build.held == {"second-explainer.yml"}
    # No page, and nothing names it: lists, topic pages, feeds, sitemap, search index, the seed's related reading.
    assert published_anywhere(project.site) == []
    assert (project.site / "en" / SEED_SLUG / "index.html").is_file()
    # A build's cache lacks it, so the next run's first question takes the full path, which decides by the day.
    assert not nothing_to_build(project, project.site, search=True)
    again = Build(project)
    again.run()
    assert again.held == {"second-explainer.yml"} and published_anywhere(project.site) == []
    # Its day: published with nothing else changed, and named in the lists, feeds, sitemap and related reading.
    on_the_day = Build(project, today=lambda: AHEAD)
    on_the_day.run()
    assert on_the_day.held == set()
    named = set(published_anywhere(project.site))
    for code in ("ar", "en"):
        assert {f"{code}/{SLUG}/index.html", f"{code}/index.html", f"{code}/feed.xml"} <= named
        assert f"{code}/{SEED_SLUG}/index.html" in named  # its related reading
    sitemap = etree.parse(str(project.site / "sitemap.xml")).getroot()
    assert any(SLUG in (loc.text or "") for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))


def test_a_held_explainer_is_checked_as_any_other(tmp_path: Path) -> None:
    """Held is not hidden: its problems stop the build as any explainer's do, and its slug is claimed."""
    project = embargoed(tmp_path)
    path = project.explainers / "second-explainer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("        said_by: fixture-voice\n", "        said_by:\n"))
    shutil.copy(path, project.explainers / "copy.yml")
    result = run(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "second-explainer.yml:41:9: sections[0].points[0].said_by: is left empty" in result.stderr, result.stderr
    assert f"slug: `{SLUG}` is also the slug of" in result.stderr
    assert not project.site.exists()


def test_build_names_what_it_holds_and_future_publishes_it_now(tmp_path: Path) -> None:
    project = embargoed(tmp_path)
    held = run(project, "build", "--no-search")
    notice = (
        f"content/explainers/second-explainer.yml:5:1: published: is {AHEAD.isoformat()}, a day still to come: held "
        "until then (the first build on or after that day publishes it; `build --future` publishes it now)"
    )
    assert held.returncode == 0 and held.stdout.splitlines()[0] == notice, held.stdout
    assert published_anywhere(project.site) == []
    now = run(project, "build", "--no-search", "--future")
    assert now.returncode == 0 and "held" not in now.stdout
    assert f"en/{SLUG}/index.html" in published_anywhere(project.site)
    # Held again by the next build without the flag (its cache said nothing had changed), unpublished unwarned
    # of as gone: it is said to be held.
    again = run(project, "build", "--no-search")
    taken_down = notice.replace("held until then", "its published pages taken down until then")
    assert again.returncode == 0 and again.stdout.splitlines()[0] == taken_down, again.stdout
    assert "no explainer file makes the page" not in again.stdout
    assert published_anywhere(project.site) == []
    # `check` reads it as published, and notes the day with what build does with it: a note, which fails no
    # `--strict` (a pull request's gate: it refused every embargoed explainer, a reviewer's); a year or more ahead
    # is a typed year more likely, warned of.
    assert run(project, "mark-reviewed", "content/explainers/second-explainer.yml").returncode == 0
    checked = run(project, "check", "--strict")
    expected = f"published: is {AHEAD.isoformat()}, a day still to come: build holds it until then"
    assert checked.returncode == 0 and expected in checked.stdout, checked.stdout
    path = project.explainers / "second-explainer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(AHEAD.isoformat(), "2099-01-15"), encoding="utf-8")
    typed = run(project, "check", "--strict")
    assert typed.returncode == 1 and "published: is 2099-01-15, a day still to come: today is" in typed.stdout


def test_mkdocs_holds_it_too_unless_told_future(tmp_path: Path) -> None:
    """`mkdocs build` (which `gh-deploy` runs before it pushes) holds as `build` does, and says so; `future: true`
    under the plugin in mkdocs.yml publishes at once."""
    project = embargoed(tmp_path)
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    held = subprocess.run(mkdocs, cwd=project.root, capture_output=True, text=True, timeout=120)
    assert held.returncode == 0 and "Traceback" not in held.stderr
    assert f"INFO    -  content/explainers/second-explainer.yml:5:1: published: is {AHEAD.isoformat()}" in held.stderr
    assert "`future: true` under the plugin in mkdocs.yml publishes it now" in held.stderr
    strict = subprocess.run([*mkdocs, "--strict"], cwd=project.root, capture_output=True, text=True, timeout=120)
    assert strict.returncode == 0, strict.stderr  # a notice, not a warning: `--strict` deploys the rest
    assert published_anywhere(project.site) == []
    config = project.root / "mkdocs.yml"
    told = config.read_text(encoding="utf-8").replace(
        "  - bilingual-explainers\n", "  - bilingual-explainers:\n      future: true\n"
    )
    config.write_text(told, encoding="utf-8")
    subprocess.run(mkdocs, cwd=project.root, check=True, capture_output=True, timeout=120)
    assert f"en/{SLUG}/index.html" in published_anywhere(project.site)


def test_a_site_whose_every_explainer_is_held_says_so_before_it_refuses_to_empty(tmp_path: Path) -> None:
    """The seed re-dated ahead over a site that publishes it: the build stops as before a site emptied, and says
    first that it holds the file ("restore the files" was all it said, of files that are there: a reviewer's)."""
    project = copy_project(tmp_path / "project")
    assert run(project, "build", "--no-search").returncode == 0
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8").replace("published: 2023-09-12", f"published: {AHEAD.isoformat()}")
    seed.write_text(text.replace("updated: 2026-12-02\n", "").split("\nupdates:\n")[0] + "\n", encoding="utf-8")
    refused = run(project, "build", "--no-search")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    said = refused.stderr
    assert (
        f"content/explainers/{SEED_SLUG}.yml:6:1: published: is {AHEAD.isoformat()}, a day still to come: held" in said
    )
    assert "content/explainers:1:1: has no explainers, and building would remove the 2 pages the site publishes" in said


def test_the_preview_says_when_an_edit_puts_an_explainer_on_hold(tmp_path: Path) -> None:
    """An editor re-dates a published explainer ahead in the preview: its page went with "rebuilt 5 files" alone
    (a reviewer's); the preview says it holds it, in the terminal and in the note on the page."""
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "second-explainer.yml", project.explainers / "second-explainer.yml")
    build = Build(project)
    build.run()
    build.folder.search, build.folder.in_place = False, True  # as `watch` leaves them
    said: list[str] = []
    rebuilder = Rebuilder(build, [], said.append)
    path = project.explainers / "second-explainer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("published: 2024-01-15", f"published: {AHEAD}"), "utf-8")
    rebuilder.rebuild()
    assert not (project.site / "en" / SLUG / "index.html").exists()
    held = f"second-explainer.yml:5:1: published: is {AHEAD.isoformat()}, a day still to come: held until then"
    assert any(line.startswith("note: ") and held in line for line in said), said  # (where: a retester's)
    assert any(note.path == path and note.field == "published" for note in rebuilder.notes)
