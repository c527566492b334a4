"""Content files as editors keep them: both YAML extensions, subfolders, editors' leftovers, links, a missing
folder, and a build that would unpublish everything. Run in-process, as `python -m generator` runs them."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SEED_SLUG, in_process

from generator.content_files import list_explainers
from generator.problems import Problem
from generator.project import Project

SECRET = "root:$6$planted-hash-never-to-be-printed"


def seed(project: Project) -> Path:
    return project.explainers / f"{SEED_SLUG}.yml"


def copy_seed(project: Project, relative: str, slug: str) -> Path:
    """The seed explainer under another name and slug (so both publish), with its translation record where
    the record of a file at `relative` belongs: content/translations/<relative>, subfolders mirrored."""
    text = seed(project).read_text(encoding="utf-8").replace(f"slug: {SEED_SLUG}", f"slug: {slug}", 1)
    for path, data in ((project.explainers / relative, text), (project.content / "translations" / relative, None)):
        path.parent.mkdir(parents=True, exist_ok=True)
        record = project.content / "translations" / f"{SEED_SLUG}.yml"
        path.write_text(data or record.read_text(encoding="utf-8"), encoding="utf-8")
    return project.explainers / relative


@pytest.fixture
def in_project(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    return lambda *arguments: in_process(project, monkeypatch, capsys, *arguments)


def test_yaml_extensions_in_any_case_and_subfolders_are_read_and_published(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    copy_seed(project, "second.yaml", "second")
    copy_seed(project, "THIRD.YML", "third")
    copy_seed(project, "2024/fourth.yml", "fourth")
    copy_seed(project, "2024/09/fifth.Yaml", "fifth")
    code, out, err = in_project("check")
    assert (code, err) == (0, "")
    assert "All clear: 5 explainers" in out
    assert in_project("build", "--no-search")[0] == 0
    for slug in ("second", "third", "fourth", "fifth"):
        assert (project.site / "en" / slug / "index.html").is_file()


def test_same_file_name_in_two_subfolders_is_two_explainers_and_builds_incrementally(
    project: Project, in_project
) -> None:  # type: ignore[no-untyped-def]
    copy_seed(project, "2023/x.yml", "x-2023")
    later = copy_seed(project, "2024/x.yml", "x-2024")
    assert in_project("build", "--no-search")[0] == 0
    later.write_text(later.read_text(encoding="utf-8").replace("slug: x-2024", "slug: x-2024-b"), encoding="utf-8")
    assert in_project("build", "--no-search")[0] == 0
    assert (project.site / "en" / "x-2023" / "index.html").is_file()
    assert (project.site / "en" / "x-2024-b" / "index.html").is_file()
    assert not (project.site / "en" / "x-2024").exists()


def test_the_same_slug_in_two_subfolders_is_reported(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    copy_seed(project, "2024/again.yml", SEED_SLUG)
    code, _, err = in_project("check")
    assert code == 1
    # Both files are told, each naming the other: which keeps the slug (the published one) is the editor's call
    assert f"{SEED_SLUG}.yml:5:1: slug: `{SEED_SLUG}` is also the slug of content/explainers/2024/again.yml" in err
    assert f"2024/again.yml:5:1: slug: `{SEED_SLUG}` is also the slug of content/explainers/{SEED_SLUG}.yml" in err


def test_new_refuses_a_slug_another_file_gives(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """`new` checked only for a file of the slug's name: with the explainer kept as `2024/quake.yml` it wrote a
    second file of the same slug, found only once filled in (an outside tester's finding)."""
    seed(project).rename(project.explainers / "quake.yml")
    code, _, err = in_project("new", SEED_SLUG)
    assert code == 1
    assert (
        err
        == f"Nothing written: `{SEED_SLUG}` is already the slug of content/explainers/quake.yml; choose another slug.\n"
    )
    assert sorted(path.name for path in project.explainers.iterdir()) == ["quake.yml"]


def test_hidden_lock_swap_and_backup_files_are_skipped(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    copy_seed(project, ".hidden.yml", "hidden")
    copy_seed(project, ".drafts/draft.yml", "draft")
    for name in ("x.yml~", "#x.yml#", ".x.yml.swp", "notes.txt"):
        (project.explainers / name).write_bytes(b"\x00 not yaml: [")
    os.symlink("editor@host.4242:1700000000", project.explainers / f".#{SEED_SLUG}.yml")  # Emacs lock: dangling
    code, out, err = in_project("check")
    assert (code, err) == (0, "")
    assert "All clear: 1 explainer," in out
    assert in_project("build", "--no-search")[0] == 0
    assert not (project.site / "en" / "hidden").exists()
    assert not (project.site / "en" / "draft").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_out_of_the_project_is_refused_and_never_read(
    project: Project,
    in_project,
    tmp_path: Path,
    command: str,  # type: ignore[no-untyped-def]
) -> None:
    outside = tmp_path / "shadow"
    outside.write_text(f"{SECRET}\nslug: [\n", encoding="utf-8")
    os.symlink(outside, project.explainers / "stolen.yml")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", project.explainers / "linked-folder")
    code, _, err = in_project(command)
    assert code == 1
    hint = "(copy the file into the project instead of linking to it)"
    assert err.splitlines() == [
        f"content/explainers/linked-folder:1:1: is a link to a file outside the project, so it is not read {hint}",
        f"content/explainers/stolen.yml:1:1: is a link to a file outside the project, so it is not read {hint}",
        "2 problems found; nothing was written.",
    ]
    assert not project.site.exists()
    for link in ("stolen.yml", "linked-folder"):
        (project.explainers / link).unlink()
    (project.content / "site.yml").unlink()
    os.symlink(outside, project.content / "site.yml")  # settings too: refused before anything reads them
    code, _, err = in_project(command)
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/site.yml:1:1: is a link to a file outside the project, so it is not read {hint}"
    )
    assert "planted" not in err


def test_a_link_inside_the_project_is_followed_and_a_loop_is_named(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    linked = copy_seed(project, "linked.yml", "linked")
    shared = project.root / "shared.yml"  # elsewhere in the project
    linked.rename(shared)
    os.symlink(shared, linked)
    os.symlink(project.explainers, project.explainers / "again")  # a folder linking to its parent: walked once
    os.symlink("loop.yml", project.explainers / "loop.yml")
    code, _, err = in_project("check")
    assert code == 1
    assert err.splitlines() == [
        "content/explainers/loop.yml:1:1: is a link that leads back to itself (replace it with the file)",
        "1 problem found; nothing was written.",
    ]
    (project.explainers / "loop.yml").unlink()
    assert "All clear: 2 explainers" in in_project("check")[1]


def test_a_file_name_with_control_characters_is_printed_escaped(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    (project.explainers / "a\nx.yml:1:1: forged\x1b[2J.yml").write_text("slug: [\n", encoding="utf-8")
    code, _, err = in_project("check")
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("content/explainers/a\\x0ax.yml:1:1: forged\\x1b[2J.yml:1:8: slug: is not valid YAML")
    assert len(err.splitlines()) == 2 and "\x1b" not in err


@pytest.mark.parametrize(
    "where", ["content/explainers/bad\udcff.yml", "content/explainers/2024\udcff/x.yml", "templates/static/x\udcff.txt"]
)
def test_a_name_that_is_not_utf8_is_a_located_problem_for_check_and_build_alike(  # type: ignore[no-untyped-def]
    project: Project, in_project, where: str
) -> None:
    """`bad\xff.yml`, left by an old zip or a share: `check` passed, then every build failed after publishing it, and
    one in templates/static/ ended `check` in an internal error (an outside tester's)."""
    path = project.root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(seed(project).read_text(encoding="utf-8").replace(SEED_SLUG, "latin1-name", 1), encoding="utf-8")
    for command in ("check", "build"):
        code, _, err = in_project(command)
        shown = where.replace("\udcff", "\\xff").removesuffix("/x.yml")  # (a folder's name: the folder)
        assert code == 1 and f"{shown}:1:1: has a name that is not UTF-8" in err, err
    assert not (project.site / "en" / "latin1-name").exists()


def test_explainers_more_than_32_folders_deep_are_a_problem_not_a_crash(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """1,200 nested folders ended `check`, `build` and `status` in a RecursionError (an outside tester's)."""
    copy_seed(project, "d/" * 400 + "x.yml", "deep")
    code, _, err = in_project("check")
    assert code == 1 and "is more than 32 folders deep, and not read" in err, err[:500]


def test_every_problem_field_is_escaped_once() -> None:
    problem = Problem(Path("a\rb.yml"), 1, 2, "k\x1b[31m", "says \u202ereversed\u2028", "hint\x07")
    assert str(problem) == "a\\x0db.yml:1:2: k\\x1b[31m: says \\u202ereversed\\u2028 (hint\\x07)"
    assert (
        str(Problem(Path("x.yml"), 1, 1, "title", "عنوان\u200f C++\u200e")) == "x.yml:1:1: title: عنوان\u200f C++\u200e"
    )


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_missing_explainers_folder_is_an_error(project: Project, in_project, command: str) -> None:  # type: ignore[no-untyped-def]
    seed(project).unlink()
    project.explainers.rmdir()
    code, _, err = in_project(command)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/explainers:1:1: is missing: explainers are read from this folder"
        " (create it; `python -m generator new <slug>` writes an explainer into it)"
    )
    assert not project.site.exists()


def test_an_unreadable_explainers_folder_is_an_error(
    project: Project, in_project, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    real = os.scandir

    def refusing(path):  # type: ignore[no-untyped-def]
        if Path(path) == project.explainers:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr("generator.content_files.os.scandir", refusing)  # tests run as root: chmod would not do
    code, _, err = in_project("build")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/explainers:1:1: cannot be read (permission denied) (let the account that builds read it)"
    )


def test_a_build_that_would_unpublish_everything_stops_unless_allowed(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    assert in_project("build", "--no-search")[0] == 0
    page = project.site / "en" / SEED_SLUG / "index.html"
    seed(project).unlink()
    for flags in ((), ("--no-cache",)):
        code, _, err = in_project("build", "--no-search", *flags)
        assert code == 1
        assert err.splitlines()[0] == (
            "content/explainers:1:1: has no explainers, and building would remove the 2 pages the site publishes"
            " (restore the files, or build with --allow-empty (MkDocs: `allow_empty: true` under the plugin) to"
            " publish a site without explainers)"
        )
        assert page.is_file()
    code, _, err = in_project("check")  # check and build agree
    assert code == 1 and "building would remove the 2 pages the site publishes" in err
    assert in_project("build", "--no-search", "--allow-empty")[0] == 0
    assert not page.exists()
    assert in_project("build", "--no-search")[0] == 0  # nothing published is left to protect


def test_a_build_with_the_cache_but_no_site_folder_still_stops_before_unpublishing(
    project: Project, in_project
) -> None:  # type: ignore[no-untyped-def]
    """A CI runner keeps `.cache/` between runs but starts without the site folder: the cache's record of what
    the last build published stands for it."""
    assert in_project("build", "--no-search")[0] == 0
    shutil.rmtree(project.site)
    seed(project).unlink()
    code, _, err = in_project("build", "--no-search")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/explainers:1:1: has no explainers, and building would remove the 1 explainer it published"
        " (restore the files, or build with --allow-empty (MkDocs: `allow_empty: true` under the plugin) to"
        " publish a site without explainers)"
    )
    assert not project.site.exists()


def test_a_failed_build_from_nothing_leaves_the_cache_as_it_was(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """`build --no-cache` that fails (here: every explainer gone) put the cache back as it was: it deleted the
    cache first, and with it the record that then stopped a build from unpublishing the site (an outside
    tester's). Then, on a runner that starts without the site folder, the guard still holds."""
    assert in_project("build", "--no-search")[0] == 0
    cache = project.root / ".cache"
    before = {path.relative_to(cache).as_posix(): path.read_bytes() for path in cache.rglob("*") if path.is_file()}
    seed(project).unlink()
    assert in_project("build", "--no-search", "--no-cache")[0] == 1
    after = {path.relative_to(cache).as_posix(): path.read_bytes() for path in cache.rglob("*") if path.is_file()}
    assert after == before
    shutil.rmtree(project.site)
    code, _, err = in_project("build", "--no-search")
    assert code == 1 and "building would remove the 1 explainer it published" in err


def test_a_first_build_with_no_explainers_needs_no_flag(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    seed(project).unlink()
    assert in_project("build", "--no-search")[0] == 0


def test_a_listing_is_kept_while_its_folder_is_unchanged_and_made_again_once_it_changes(tmp_path: Path) -> None:
    """The preview lists content/explainers/ on every save: an edit keeps the listing, a new file does not."""
    folder = tmp_path / "content" / "explainers"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text("a", encoding="utf-8")
    long_ago = time.time_ns() - 10**9
    os.utime(folder, ns=(long_ago, long_ago))
    first = list_explainers(folder, tmp_path)
    assert [path.name for path in first[0]] == ["a.yml"]
    (folder / "a.yml").write_text("a, edited", encoding="utf-8")
    assert list_explainers(folder, tmp_path) == first
    (folder / "b.yml").write_text("b", encoding="utf-8")
    assert [path.name for path in list_explainers(folder, tmp_path)[0]] == ["a.yml", "b.yml"]


def test_a_folder_changed_just_before_it_was_listed_is_listed_again(tmp_path: Path) -> None:
    """A coarse clock can give the next change the same time: a listing made right after one is not kept."""
    folder = tmp_path / "content" / "explainers"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text("a", encoding="utf-8")
    modified = folder.stat().st_mtime_ns
    assert [path.name for path in list_explainers(folder, tmp_path)[0]] == ["a.yml"]
    (folder / "b.yml").write_text("b", encoding="utf-8")
    os.utime(folder, ns=(modified, modified))  # the same tick of a coarse clock
    assert [path.name for path in list_explainers(folder, tmp_path)[0]] == ["a.yml", "b.yml"]


def test_a_named_pipe_among_the_templates_is_a_located_problem(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """`check` said `x.html` and nothing more (an outside tester's)."""
    os.mkfifo(project.templates / "x.html")
    code, _, err = in_project("check")
    assert code == 1 and "templates/x.html:1:1: is not a file (a named pipe or a device)" in err, err
