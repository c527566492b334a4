"""`check` and `build` agree: every bad-content case, and a missing web font, give both the same problems.

An editor trusts `check` to say what a build would refuse; a build that fails where `check` said "All clear"
breaks that trust. Run in-process, so the whole corpus stays fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BAD_CASES, build_site, check, copy_project, name_fonts, place

from generator.problems import ContentError
from generator.project import Project


def reported(step: Callable[[Project], object], project: Project) -> list[str]:
    try:
        step(project)
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    return []


def assert_agree(project: Project) -> list[str]:
    by_check = reported(check, project)
    by_build = reported(lambda project: build_site(project, use_cache=False, search=False), project)
    assert by_check == by_build
    assert not project.site.exists(), "a refused build writes nothing"
    return by_check


@pytest.mark.parametrize("case", sorted(BAD_CASES.glob("*.yml")), ids=lambda path: path.stem)
def test_check_and_build_report_the_same_problems(case: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    place(case, project.root)
    assert assert_agree(project), "every case is refused"


def test_a_missing_font_is_refused_by_check_too_where_site_yml_names_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (line,) = name_fonts(project, {"ar": "fonts/missing.ttf"})
    (problem,) = assert_agree(project)
    assert f"site.yml:{line}:5: languages.ar.font: names `fonts/missing.ttf`, which does not exist" in problem


def test_one_file_that_cannot_be_read_hides_no_problem_of_another(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("malformed-yaml", "control-character", "unknown-key", "text-everything-at-once"):
        place(BAD_CASES / f"{name}.yml", project.root)
    files = {line.split(":")[0] for line in assert_agree(project)}
    expected = ("malformed-yaml", "control-character", "unknown-key", "text-everything-at-once")
    assert files == {f"{project.content}/explainers/{name}.yml" for name in expected}


@pytest.mark.parametrize(
    "case", ["site--unknown-key", "strings-ar--missing-string", None], ids=["site.yml", "strings", "authors.yml"]
)
def test_a_site_wide_problem_hides_no_explainers_problem(tmp_path: Path, case: str | None) -> None:
    """An error in site.yml, the strings or the bylines is said with each explainer's own (an outside tester fixed
    site.yml and met the rest); what the broken file declares is not held against them: the seed's author is
    not called unknown because authors.yml cannot be read."""
    project = copy_project(tmp_path / "project")
    if case:
        place(BAD_CASES / f"{case}.yml", project.root)
    else:
        (project.content / "authors.yml").write_text("authors:\n  - bogus: 1\n", encoding="utf-8")
    place(BAD_CASES / "unknown-key.yml", project.root)
    said = assert_agree(project)
    assert {line.split(":")[0].rpartition("/")[2] for line in said} == {
        "site.yml" if case and case.startswith("site") else "ar.yml" if case else "authors.yml",
        "unknown-key.yml",
    }


@pytest.mark.parametrize("folder", ["templates/assets"])
def test_a_link_out_of_the_templates_published_files_is_refused(tmp_path: Path, folder: str) -> None:
    """A link in templates/assets/ to /proc/self/environ published the build's environment, a CI's secrets with
    it (an outside tester's pull request); any link leading out of the folder is refused, by check and build.
    (A project's templates/admin/ is not read at all: test_editor.py.)"""
    project = copy_project(tmp_path / "project")
    secret = tmp_path / "secret.txt"
    secret.write_text("MY_CI_SECRET=s3cr3t", encoding="utf-8")
    (project.root / folder / "env.txt").symlink_to(secret)
    (said,) = assert_agree(project)
    assert f"{folder}/env.txt:1:1: is a link to a file outside {folder.split('/')[1]}/, so it is not published" in said


@pytest.mark.parametrize("name", ["robots.txt", "base.html"])
def test_a_template_linked_out_of_the_templates_is_refused(tmp_path: Path, name: str) -> None:
    """`templates/robots.txt` linked to /proc/self/environ published the build's environment (an outside tester's):
    a template is read only from within templates/, as the published assets are."""
    project = copy_project(tmp_path / "project")
    secret = tmp_path / name
    secret.write_text("MY_CI_SECRET=s3cr3t", encoding="utf-8")
    (project.root / "templates" / name).unlink()
    (project.root / "templates" / name).symlink_to(secret)
    (said,) = assert_agree(project)
    assert f"templates/{name}:1:1: is a link to a file outside templates/, so it is not read" in said
    assert "s3cr3t" not in said


def test_strings_in_a_folder_linked_out_of_the_project_are_refused(tmp_path: Path) -> None:
    """`content/strings` linked to a folder elsewhere was read and published (an outside tester's): each file
    read from a folder that leads out of the project is refused, as a link to a file outside it is."""
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project.content / "strings", elsewhere)
    (project.content / "strings").symlink_to(elsewhere)
    said = assert_agree(project)
    assert {line.split(":")[0].rpartition("/content/")[2] for line in said} == {"strings/ar.yml", "strings/en.yml"}
    assert all("is a link to a file outside the project, so it is not read" in line for line in said)
