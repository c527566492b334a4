"""A new process's build that would change nothing reads one line of the cache (warm.py); anything that line
cannot vouch for takes the full path, which decides as it always did."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_SLUG, build_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cache
from generator.build import Build
from generator.project import Project


def full_paths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that decode the whole cache."""
    decoded: list[int] = []
    real = cache.decode
    monkeypatch.setattr(cache, "decode", lambda raw: decoded.append(1) or real(raw))
    return decoded


def test_nothing_changed_reads_only_the_first_line(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project)
    decoded = full_paths(monkeypatch)
    build = Build(project)
    assert build.run() == {}
    assert decoded == [] and build.explainers == 1
    assert not build.folder.search_stale


def edit_explainer(project: Project) -> None:
    path = project.explainers / f"{SEED_SLUG}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Kim", "Kim Jong Un", 1), encoding="utf-8")


def touch_explainer(project: Project) -> None:
    os.utime(project.explainers / f"{SEED_SLUG}.yml", ns=(1, 1))  # same bytes, another time: read to be sure


def add_explainer(project: Project) -> None:
    shutil.copy(FIXTURES / "second-explainer.yml", project.explainers / "second-explainer.yml")


def remove_page(project: Project) -> None:
    (project.site / "en" / SEED_SLUG / "index.html").unlink()


def change_page(project: Project) -> None:
    (project.site / "en" / "index.html").write_text("changed by hand", encoding="utf-8")


def remove_picture(project: Project) -> None:
    next((project.site / "media").iterdir()).unlink()


def remove_index(project: Project) -> None:
    shutil.rmtree(project.site / "pagefind")


def change_settings(project: Project) -> None:
    path = project.content / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [edit_explainer, touch_explainer, add_explainer, remove_page, change_page, remove_picture, remove_index],
)
def test_what_the_line_cannot_vouch_for_takes_the_full_path(
    project: Project, monkeypatch: pytest.MonkeyPatch, change: Callable[[Project], None]
) -> None:
    build_site(project)
    change(project)
    decoded = full_paths(monkeypatch)
    written = build_site(project)
    assert decoded == [1]
    if change not in (touch_explainer, remove_index):  # (the index is no page: a build returns the pages it wrote)
        assert written, "the full path put the site right"
    assert (project.site / "en" / SEED_SLUG / "index.html").is_file() and (project.site / "pagefind").is_dir()
    assert build_site(project) == {} and decoded == [1]  # and the next build is warm again, on the line alone


def test_a_new_site_folder_a_stale_index_or_new_settings_take_the_full_path(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build_site(project, search=False)  # the index is left stale
    decoded = full_paths(monkeypatch)
    assert build_site(project, search=False) == {} and decoded == []  # stale, and asked for no index: nothing to do
    assert not (project.site / "pagefind").exists()
    build_site(project)  # asked for the index now: made
    assert decoded == [1] and (project.site / "pagefind").is_dir()
    assert build_site(project, tmp_path / "elsewhere") and decoded == [1, 1]
    change_settings(project)
    assert build_site(project) and decoded == [1, 1, 1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_a_damaged_first_line_means_the_full_path_never_a_crash(project: Project, first: bytes) -> None:
    if not (project.site / "index.html").is_file():
        build_site(project, search=False)
    cache_file = project.root / ".cache" / "build.json"
    raw = cache_file.read_bytes()
    cache_file.write_bytes(first.replace(b"\n", b"") + b"\n" + raw.partition(b"\n")[2])
    assert build_site(project, search=False) == {}  # the rest of the cache still knows the site as it is
