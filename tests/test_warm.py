"""A new process's build that would change nothing reads one line of the cache (warm.py); anything that line
cannot vouch for takes the full path, which decides as it always did."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, SEED_SLUG, build_site
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import cache, warm
from generator.build import Build
from generator.problems import ContentError
from generator.project import Project


def full_paths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that decode the whole cache."""
    decoded: list[int] = []
    real = cache.decode
    monkeypatch.setattr(cache, "decode", lambda raw, folder: decoded.append(1) or real(raw, folder))
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
    shutil.rmtree(project.site / "search-index")


def change_settings(project: Project) -> None:
    path = project.content / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        edit_explainer,
        touch_explainer,
        add_explainer,
        remove_page,
        change_page,
        remove_picture,
        remove_index,
    ],
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
    assert (project.site / "en" / SEED_SLUG / "index.html").is_file() and (project.site / "search-index").is_dir()
    assert build_site(project) == {} and decoded == [1]  # and the next build is warm again, on the line alone


def test_a_new_site_folder_a_stale_index_or_new_settings_take_the_full_path(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build_site(project, search=False)  # the index is left stale
    decoded = full_paths(monkeypatch)
    assert build_site(project, search=False) == {} and decoded == []  # stale, and asked for no index: nothing to do
    assert not (project.site / "search-index").exists()
    build_site(project)  # asked for the index now: made
    assert decoded == [1] and (project.site / "search-index").is_dir()
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


def test_admin_sources_outside_the_templates_are_in_the_fingerprint(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """admin/ is made from the default admin page when the project's templates have none, and from Decap's
    bundle: a change to either reaches the site, though neither is in the project (an outside tester's case)."""
    from generator import editor

    default_admin, decap = tmp_path / "admin", tmp_path / "decap"
    shutil.copytree(project.templates / "admin", default_admin)
    shutil.rmtree(project.templates / "admin")
    decap.mkdir()
    (decap / "decap-cms.js").write_text("// Decap, as installed", encoding="utf-8")
    monkeypatch.setattr(editor, "DEFAULT_ADMIN", default_admin)
    monkeypatch.setattr(editor, "DECAP", decap)
    build_site(project)
    with (default_admin / "editor.js").open("a", encoding="utf-8") as file:
        file.write("\n// the generator upgraded\n")
    assert "admin/editor.js" in build_site(project)
    (decap / "decap-cms.js").write_text("// Decap, patched", encoding="utf-8")
    editor._bundle.cache_clear()  # as a new process reads it
    assert "admin/decap-cms.js" in build_site(project)


def test_a_media_folder_not_known_whole_is_listed(project: Project) -> None:
    """The preview replaces files in place and does not look at the media folder; the cache it saves says so
    (time 0), and the next build lists the folder, restoring what is missing (an outside tester's case)."""
    build_site(project)
    cache_file = project.root / ".cache" / "build.json"
    kept = cache.decode(cache_file.read_bytes(), project.explainers)
    assert kept is not None and kept.media_time > 0
    kept.media_time = 0
    cache_file.write_bytes(b"".join(cache.pieces(kept)))
    shutil.rmtree(project.site / "media")
    assert any(name.startswith("media/") for name in build_site(project, search=False))
    assert build_site(project, search=False) == {}  # and the folder's time, now known, is saved


def test_a_planted_line_naming_no_file_is_no_crash(project: Project) -> None:
    build_site(project, search=False)
    cache_file = project.root / ".cache" / "build.json"
    first, _, rest = cache_file.read_bytes().partition(b"\n")
    line = json.loads(first)
    for column, value in (("names", "media/x\u0000y"), ("sizes", 1), ("times", 1)):
        line["site"][column].append(value)
    cache_file.write_bytes(json.dumps(line).encode() + b"\n" + rest)
    assert build_site(project, search=False) == {}


def test_without_search_a_missing_index_is_left_stale_for_later(project: Project) -> None:
    """The preview builds without search and indexes when edits pause: a run that finds nothing changed
    still says the index is missing, as the full path would."""
    build_site(project)
    shutil.rmtree(project.site / "search-index")
    build = Build(project, search=False)
    assert build.run() == {}
    assert build.folder.search_stale


def test_a_cache_that_knows_no_site_file_takes_the_full_path(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(project)
    cache_file = project.root / ".cache" / "build.json"
    kept = cache.decode(cache_file.read_bytes(), project.explainers)
    assert kept is not None
    kept.site = {}  # as a failed run in place leaves it
    cache_file.write_bytes(b"".join(cache.pieces(kept)))
    (project.site / "en" / "index.html").write_text("damaged", encoding="utf-8")
    assert "en/index.html" in build_site(project)


def quick(project: Project) -> bool:
    """What the command line asks before it imports the pipeline."""
    return warm.nothing_to_build(project, project.site, search=True)


@pytest.mark.parametrize("new_process", [False, True])
@pytest.mark.parametrize(
    ("name", "old", "new"), [(f"explainers/{SEED_SLUG}.yml", "Kim", "Kym"), ("site.yml", "English\n", "Englisc\n")]
)
def test_an_edit_that_keeps_the_size_and_the_time_is_built(
    project: Project, name: str, old: str, new: str, new_process: bool
) -> None:
    """`cp -p`, `rsync -t` and `touch -r` put a file's modification time back: a fix of the same size (a typo,
    letter for letter) copied so was never built, by a new process nor a kept one (an outside tester's)."""
    build_site(project)
    path = project.content / name
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    def pages() -> str:
        return "".join((project.site / code / SEED_SLUG / "index.html").read_text("utf-8") for code in ("ar", "en"))

    assert new.strip() not in pages()
    if new_process:
        command = [sys.executable, "-m", "generator", "--project", str(project.root), "build"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        assert done.returncode == 0 and "Built" in done.stdout, done.stdout + done.stderr
    else:
        assert build_site(project)
    assert new.strip() in pages()


def test_a_build_with_nothing_to_do_imports_no_parser(project: Project) -> None:
    """`python -m generator build` over a site built before answers from file sizes and times alone: PyYAML,
    pydantic, Babel, Jinja2 and the content model are not imported (their imports were most of its time)."""
    build_site(project)
    program = (
        "import sys\n"
        "from generator.cli import main\n"
        "code = main(['--project', sys.argv[1], 'build'])\n"
        "heavy = ('yaml', 'pydantic', 'babel', 'jinja2', 'markdown', 'generator.model', 'generator.build')\n"
        "print(code, [name for name in heavy if name in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", program, str(project.root)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"Nothing to change: {project.site} is up to date.", "0 []"]


def test_a_build_that_only_removes_pages_says_so(project: Project) -> None:
    """An explainer deleted: the build writes nothing and takes its pages out; it said "Built 0 files" (an
    outside tester's finding), as if nothing had happened."""
    shutil.copy(FIXTURES / "second-explainer.yml", project.explainers / "second-explainer.yml")
    build_site(project)
    (project.explainers / "second-explainer.yml").unlink()
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "build", "--no-search"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    gone = [path for path in ("ar", "en") if not (project.site / path / "fixture-second-explainer").exists()]
    assert gone == ["ar", "en"]
    (said,) = done.stdout.splitlines()
    # Two pages and two share cards, and its year's archive page and card in each language (its year's only one).
    assert said.startswith("Built ") and said.endswith(", removed 8."), said


def add_template(project: Project) -> None:
    (project.templates / "unused.html").write_text("{# a new template #}", encoding="utf-8")


def edit_template(project: Project) -> None:
    path = project.templates / "base.html"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def comment_settings(project: Project) -> None:
    with project.settings_file.open("a", encoding="utf-8") as file:
        file.write("# a comment changes no value\n")


def touch_authors(project: Project) -> None:
    os.utime(project.authors_file, ns=(1, 1))  # the same bytes, another time: read again to be sure


def leave_staging(project: Project) -> None:
    (project.root / ".site-new").mkdir()


@pytest.mark.parametrize(
    "change",
    [add_template, edit_template, comment_settings, touch_authors, leave_staging, edit_explainer, remove_page],
)
def test_the_first_question_says_no_to_what_it_cannot_vouch_for(
    project: Project, change: Callable[[Project], None]
) -> None:
    """A site-wide file added, edited, removed (site.yml, the bylines, a template), what a build that died
    left beside the site, an explainer or page changed: the command line's first question says no, and the
    build decides as it always did. After a change that moved no value (a comment), it says yes again."""
    build_site(project)
    assert quick(project)
    change(project)
    assert not quick(project)
    Build(project).run()
    assert quick(project)


@pytest.mark.parametrize(
    "planted", [b"", b"[]", b'{"inputs": 1}', b'{"inputs": {"names": ["/"], "sizes": [1], "times": [true]}}', b"\xff"]
)
def test_a_damaged_inputs_record_means_the_full_path_never_a_crash(project: Project, planted: bytes) -> None:
    build_site(project)
    project.inputs_file.write_bytes(planted)
    assert not quick(project)
    assert Build(project).run() == {}  # the full path: nothing changed
    assert quick(project)  # and the record is made again


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["fingerprint", "runtime", "site_url", "folder", "inputs", None]), value=JSON)
def test_an_inputs_record_with_any_field_replaced_says_no_never_crashes(
    project: Project, field: str | None, value: object
) -> None:
    """The record as a build wrote it, with one field (or the whole) replaced by any JSON value other than
    its own: the first question says no, without an exception; the full path then decides."""
    if not project.inputs_file.is_file():
        build_site(project)
    written = project.inputs_file.read_bytes()
    record = json.loads(written)
    assume(field is None or record.get(field) != value)  # a change
    planted = value if field is None else {**record, field: value}
    try:
        project.inputs_file.write_text(json.dumps(planted), encoding="utf-8")
        assert not quick(project)
    finally:
        project.inputs_file.write_bytes(written)
    assert quick(project)


def test_a_new_link_to_nothing_among_the_explainers_fails_the_build_as_check(project: Project) -> None:
    """A link to no file added beside the explainers: `check` names it, and a build after a build answered
    "nothing to build" from the sizes and times of the files it could stat, which left the link out, and
    passed (an outside tester's finding). Now it takes the full path, which refuses as check does."""
    build_site(project)
    (project.explainers / "d.yml").symlink_to("nowhere.yml")
    assert not quick(project)
    with pytest.raises(ContentError) as error:
        Build(project).run()
    assert [(problem.path.name, problem.message.split(" (")[0]) for problem in error.value.problems] == [
        ("d.yml", "is missing")
    ]


def test_what_build_says_counts_its_files_in_words() -> None:
    """ "Built 1 files" (an outside tester's import): one file is one file."""
    assert warm.built("site", 1) == "Built 1 file into site."
    assert warm.built("site", 2, 1) == "Built 2 files into site, removed 1."
    assert warm.built("site", 0) == "Nothing to change: site is up to date."


def test_an_index_left_half_made_inside_the_site_is_not_vouched_for(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The preview's index, being swapped in when a build took the folder, stayed hidden inside the site
    (`site/.search-index-new`), and every build after said "Nothing to change" (an outside tester's)."""
    from generator.cli import main

    monkeypatch.chdir(project.root)
    assert main(["build"]) == 0
    (project.site / ".search-index-new" / "ar").mkdir(parents=True)
    assert main(["build"]) == 0
    assert not (project.site / ".search-index-new").exists(), capsys.readouterr().out
