"""Nothing is lost: a failed build leaves the previous site byte for byte, and a good one swaps in whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO, SEED_SLUG, build_site, hashes

from generator.build import Build
from generator.problems import ContentError
from generator.project import Project
from generator.site_version import Entry, SiteVersion
from generator.write import SiteFolderError, temporary_for, write_cache, write_files


def test_a_build_with_one_broken_file_leaves_the_site_identical(project: Project) -> None:
    build_site(project)
    before = hashes(project.site)
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text(encoding="utf-8") + "\ntitle: duplicate\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project.root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "title: is given twice" in result.stderr
    assert result.stderr.endswith("1 problem found; nothing was written.\n")
    assert hashes(project.site) == before
    assert sorted(path.name for path in project.root.iterdir()) == [
        ".cache",
        "content",
        "mkdocs.yml",
        "site",
        "templates",
    ]


def write_version(site: Path, files: dict[str, bytes], current: dict[str, Entry] | None = None) -> dict[str, Entry]:
    """What a build does with its files, without the pipeline: a new version of `site` holding them, over a
    linked copy of the `current` one (or from nothing), exchanged in."""
    with SiteVersion(site, current) as version:
        written = version.put(files)
        version.finish()
    return written


def test_a_failure_while_writing_leaves_the_site_identical(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_version(site, {"index.html": b"old", "ar/index.html": b"old ar"})
    before = hashes(site)
    with pytest.raises(ValueError, match="outside the site folder"):
        write_version(site, {"index.html": b"new", "../escape.html": b"x"})
    assert hashes(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_good_build_replaces_the_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_version(site, {"index.html": b"old", "gone.html": b"stale"})
    write_version(site, {"index.html": b"new"})
    assert hashes(site) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_two_builds_are_byte_identical(project: Project, tmp_path: Path) -> None:
    build_site(project, tmp_path / "first")
    build_site(project, tmp_path / "second")
    assert hashes(tmp_path / "first") == hashes(tmp_path / "second")


@pytest.mark.parametrize("folder", ["content", "templates", "content/explainers", ".", "..", "tests"])
def test_a_build_never_writes_over_the_project_or_its_sources(project: Project, folder: str) -> None:
    (project.root / "tests").mkdir(exist_ok=True)
    before = sorted(path.relative_to(project.root) for path in project.root.rglob("*"))
    with pytest.raises(SiteFolderError):
        build_site(project, project.root / folder, use_cache=False, search=False)
    assert sorted(path.relative_to(project.root) for path in project.root.rglob("*")) == before


def test_a_folder_a_build_did_not_make_is_refused_and_kept(project: Project, tmp_path: Path) -> None:
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(SiteFolderError, match="already holds files that no build wrote"):
        build_site(project, foreign, use_cache=False, search=False)
    assert [path.name for path in foreign.iterdir()] == ["notes.txt"]
    build_site(project, tmp_path / "fresh", use_cache=False, search=False)
    build_site(project, tmp_path / "fresh", use_cache=False, search=False)  # its own output: rebuilt in place


def test_a_site_left_half_written_is_refused_as_such(project: Project, tmp_path: Path) -> None:
    """A killed `mkdocs build` or `gh-deploy` leaves some of a site's pages: the next build was told it held "files
    that no build wrote" (an outside tester's). Still refused, it is said to be part of a site, to remove."""
    half = tmp_path / "site"
    build_site(project, half, use_cache=False, search=False)
    for name in ("sitemap.xml", "robots.txt", "index.html"):
        (half / name).unlink()
    kept = sorted(path.relative_to(half) for path in half.rglob("*"))
    with pytest.raises(SiteFolderError, match=r"holds part of a site.*remove the folder and build again"):
        build_site(project, half, use_cache=False, search=False)
    assert sorted(path.relative_to(half) for path in half.rglob("*")) == kept


def test_a_build_whose_cache_cannot_be_saved_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.cache/` the build may not write (an outside tester's, `chattr +i`): the site was built and nothing said,
    and every build after made every page anew with no word why. A folder where the file goes stands in here."""
    from generator.cli import main

    (project.root / ".cache" / "build.json").mkdir(parents=True)
    (project.root / ".cache" / "build.json" / "x").write_bytes(b"")
    monkeypatch.chdir(project.root)
    assert main(["build", "--no-search"]) == 0
    said = capsys.readouterr().out
    assert "note: the build cache was not saved, is a directory (.cache/build.json)" in said, said
    assert (project.site / "index.html").is_file()


def test_a_web_root_with_a_sites_usual_files_is_refused_and_kept(project: Project, tmp_path: Path) -> None:
    """Any web root has an index.html, a sitemap and a robots.txt: an outside tester's `--site-dir` at one
    emptied it. A build's own folder names the generator in its root page, or is the one the cache records."""
    root = tmp_path / "www"
    (root / "archive").mkdir(parents=True)
    for name, text in [("index.html", "<h1>Main</h1>"), ("sitemap.xml", "<urlset/>"), ("robots.txt", "User-agent: *")]:
        (root / name).write_text(text)
    (root / "archive" / "2019-story.html").write_text("precious")
    before = sorted(path.relative_to(root) for path in root.rglob("*"))
    with pytest.raises(SiteFolderError, match="already holds files that no build wrote"):
        build_site(project, root, search=False)
    assert sorted(path.relative_to(root) for path in root.rglob("*")) == before
    # A build's own folder is built again, with the cache or without it (a CI runner that kept the folder).
    ours = tmp_path / "ours"
    build_site(project, ours, use_cache=False, search=False)
    build_site(project, ours, use_cache=False, search=False)
    build_site(project, ours, search=False)
    # A folder put in its place since (removed, another made at that path) is not the build's, whatever the
    # cache records of that path (an outside tester's lost a file of its own).
    shutil.rmtree(ours)
    ours.mkdir()
    (ours / "index.html").write_text("<h1>Another site</h1>")
    (ours / "precious.txt").write_text("mine")
    with pytest.raises(SiteFolderError, match="already holds files that no build wrote"):
        build_site(project, ours, search=False)
    assert sorted(path.name for path in ours.iterdir()) == ["index.html", "precious.txt"]
    # Nor one whose root page a forged record describes, its size and time copied in (the cache can be planted:
    # an outside tester's deleted another's `thesis.tex`).
    record, rest = (project.root / ".cache" / "build.json").read_bytes().split(b"\n", 1)
    line = json.loads(record)
    page = (ours / "index.html").stat()
    line["site_path"] = str(ours.resolve())
    at = line["site"]["names"].index("index.html")
    line["site"]["sizes"][at], line["site"]["times"][at] = page.st_size, page.st_mtime_ns
    (project.root / ".cache" / "build.json").write_bytes(json.dumps(line).encode() + b"\n" + rest)
    with pytest.raises(SiteFolderError, match="already holds files that no build wrote"):
        build_site(project, ours, search=False)
    assert sorted(path.name for path in ours.iterdir()) == ["index.html", "precious.txt"]


def test_templates_must_keep_the_generators_name(project: Project, tmp_path: Path) -> None:
    """A build knows its site folder by the root page's <meta name="generator">: templates of a newsroom's own
    that leave it out are told so (an outside tester's, which left it out, then had its next build refused)."""
    base = project.templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<meta name="generator"', '<meta name="made-by"'))
    with pytest.raises(ContentError) as refused:
        build_site(project, tmp_path / "site", search=False)
    (problem,) = refused.value.problems
    assert problem.path == base  # where the head is written, not the page's own template (a retester's)
    assert problem.message.startswith("makes a page that does not name the generator")
    # Nor one that names it only in a comment; one that names it after a long inline style does (a retester's)
    written = base.read_text(encoding="utf-8")
    commented = written.replace('<meta name="made-by"', '<!-- <meta name="generator"').replace(
        'content="{{ page.generator }}">', 'content="{{ page.generator }}"> -->', 1
    )
    base.write_text(commented, encoding="utf-8")
    with pytest.raises(ContentError, match="does not name the generator"):
        build_site(project, tmp_path / "site", search=False)
    styled = written.replace('<meta name="made-by"', "<style>" + "p{}" * 4000 + '</style><meta name="generator"')
    base.write_text(styled, encoding="utf-8")
    build_site(project, tmp_path / "site", search=False)
    shutil.rmtree(tmp_path / "site")
    # An explainer.html emptied made empty explainer pages, `check` and `build` passing (an outside tester's)
    base.write_text(written.replace('<meta name="made-by"', '<meta name="generator"'), encoding="utf-8")
    explainer = (project.templates / "explainer.html").read_text(encoding="utf-8")
    (project.templates / "explainer.html").write_text("", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        build_site(project, tmp_path / "site", search=False)
    (problem,) = refused.value.problems
    assert (problem.path, problem.line) == (project.templates / "explainer.html", 1)
    assert problem.message.startswith("makes a page that does not name the generator")
    assert not (tmp_path / "site").exists()
    # And an emptied feed or sitemap published empty files (an outside tester's): they must be XML.
    (project.templates / "explainer.html").write_text(explainer, encoding="utf-8")
    for name in ("feed.xml", "sitemap.xml"):
        kept = (project.templates / name).read_text(encoding="utf-8")
        (project.templates / name).write_text("", encoding="utf-8")
        with pytest.raises(ContentError) as refused:
            build_site(project, tmp_path / "site", search=False)
        (problem,) = refused.value.problems
        assert problem.path == project.templates / name and problem.message.startswith("makes a file that is no XML")
        (project.templates / name).write_text(kept, encoding="utf-8")


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize(
    ("folder", "words"),
    [
        ("content", "content/ folder"),
        ("/", "/ is the file system's root"),  # with a build cache, an internal error (an outside tester's)
        (".cache", "would replace the build cache, .cache/"),  # the site and the cache in one (another of theirs)
        (".cache/site", "would replace the build cache, .cache/"),
    ],
)
def test_the_command_says_so_in_one_line(project: Project, folder: str, words: str, cached: bool) -> None:
    """Said first, before a build with nothing to do is told so: the cache never decides a refused folder."""

    def build(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", "build", *arguments]
        return subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=120)

    if cached:  # made as the command makes it, for its first question (warm.py) to read
        assert build().returncode == 0
    before = sorted(path.name for path in (project.root / ".cache").glob("*"))
    result = build("--site-dir", folder)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr, result.stderr
    assert (project.content / "explainers" / f"{SEED_SLUG}.yml").is_file()
    assert sorted(path.name for path in (project.root / ".cache").glob("*")) == before  # nothing made there


@pytest.fixture
def strict_umask() -> Iterator[None]:
    """The umask of many shared servers: without care, nothing written is readable by the web server."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def modes(site: Path) -> dict[str, set[str]]:
    """Each kind of entry in the site (the folder itself included) with the permission modes found."""
    found: dict[str, set[str]] = {"folders": {oct(stat.S_IMODE(site.stat().st_mode))}, "files": set()}
    for path in site.rglob("*"):
        found["folders" if path.is_dir() else "files"].add(oct(stat.S_IMODE(path.lstat().st_mode)))
    return found


def test_a_site_built_under_umask_077_is_readable_by_the_web_server(project: Project, strict_umask: None) -> None:
    build_site(project)  # a full build, with its search index
    assert (project.site / "search-index").is_dir()
    assert modes(project.site) == {"folders": {"0o755"}, "files": {"0o644"}}
    shutil.copy(FIXTURES / "second-explainer.yml", project.content / "explainers" / "second-explainer.yml")
    written = build_site(project)  # an incremental build: new folders, replaced files, a new search index
    assert any(name.startswith("en/") and name.endswith("/index.html") for name in written)
    assert modes(project.site) == {"folders": {"0o755"}, "files": {"0o644"}}


def test_update_site_writes_new_files_and_folders_public(tmp_path: Path, strict_umask: None) -> None:
    site = tmp_path / "site"
    current = write_version(site, {"index.html": b"a"})
    write_version(site, {"en/new/deep/index.html": b"b", "index.html": b"c"}, current)
    assert (site / "index.html").read_bytes() == b"c"
    assert modes(site) == {"folders": {"0o755"}, "files": {"0o644"}}


def test_scratch_folders_of_killed_builds_are_swept_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed outright cannot remove its scratch folders in TMPDIR; the next one that makes one does,
    for this user's processes that are gone and folders left untouched for ten minutes, and nothing else."""
    import tempfile

    from generator import swap

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process id that is gone
    old = 1_000_000_000  # 2001: long untouched

    def left(name: str, touched: float | None = old) -> Path:
        folder = tmp_path / name
        (folder / "shard").mkdir(parents=True)
        (folder / "shard" / "page.html").write_text("<p>left</p>", encoding="utf-8")
        if touched is not None:
            os.utime(folder, (touched, touched))
        return folder

    killed = left(f"{swap.SCRATCH}search-ar-2023-{ended.pid}-abc123_x")
    recent = left(f"{swap.SCRATCH}scratch-{ended.pid}-def456xy", touched=None)  # maybe another container's
    running = left(f"{swap.SCRATCH}scratch-{os.getpid()}-ghi789xy")
    other = left(f"search-ar-{ended.pid}-jkl012xy")  # not ours by name
    made = swap.private_folder("scratch")
    assert made.name.startswith(f"{swap.SCRATCH}scratch-{os.getpid()}-") and made.is_dir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert not killed.exists()
    assert recent.exists() and running.exists() and other.exists()


def test_a_save_sweeps_what_killed_saves_left(tmp_path: Path) -> None:
    """A process killed while saving a file leaves `.<name>.<pid>.new` (a cache file) or
    `.<name>.<pid>.<letters>.new` (`edit`'s save of an explainer, which a newsroom's `git add -A` then
    committed: an outside tester's) beside it; the next save in that folder removes each once its process is
    gone and it is untouched for ten minutes, and nothing else."""
    from generator import swap
    from generator.write import write_cache, write_whole

    ended = [subprocess.Popen(["true"]) for _ in range(2)]
    gone = [process.pid for process in ended if process.wait() == 0]  # process ids that are gone
    old = 1_000_000_000  # 2001: long untouched

    def left(name: str, touched: float | None = old) -> Path:
        path = tmp_path / name
        path.write_bytes(b"")
        if touched is not None:
            os.utime(path, (touched, touched))
        return path

    killed = [left(f".build.json.{gone[0]}.new"), left(f".inputs.json.{gone[0]}.new")]
    recent = left(f".build.json.{gone[1]}.new", touched=None)  # maybe another container's
    running = left(f".build.json.{os.getppid()}.new")  # a live process's
    unrelated = [left(".gitkeep"), left(".notes.new"), left(f".a.{gone[0]}.x.y.new"), left(f".notes.{gone[0]}.v2.new")]
    assert swap.ABANDONED_AFTER < 3600
    assert write_cache(tmp_path / "build.json", b"{}") is None and (tmp_path / "build.json").read_bytes() == b"{}"
    assert not any(path.exists() for path in killed)
    assert recent.exists() and running.exists() and all(path.exists() for path in unrelated)
    editor = left(f".x.yml.{gone[0]}.ab12_cd9.new")
    write_whole(tmp_path / "x.yml", b"title: x\n")
    assert not editor.exists() and (tmp_path / "x.yml").read_bytes() == b"title: x\n"
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".x.yml")) == []


def test_a_generated_file_replaces_a_link_in_its_place_never_writing_through_it(tmp_path: Path) -> None:
    """A dangling link in content/translations/ had `mark-reviewed` create the file it pointed to, in .git/hooks/
    (an outside tester's): the link itself is replaced."""
    hooks, records = tmp_path / ".git" / "hooks", tmp_path / "content" / "translations"
    hooks.mkdir(parents=True)
    records.mkdir(parents=True)
    (records / "x.yml").symlink_to(hooks / "post-checkout")
    write_files({"x.yml": b"reviewed: []\n"}, records)
    assert not (records / "x.yml").is_symlink() and (records / "x.yml").read_bytes() == b"reviewed: []\n"
    assert list(hooks.iterdir()) == []


def test_a_cache_save_never_writes_through_a_link_at_its_temporary_name(tmp_path: Path) -> None:
    """The save's temporary name is known (`.<name>.<pid>.new`): a link planted there took the bytes elsewhere, as
    the editor's saves did before `write_whole` (an independent reviewer's); the save is given up instead."""
    cache = tmp_path / ".cache" / "build.json"
    cache.parent.mkdir()
    outside = tmp_path / "outside.txt"
    temporary_for(cache).symlink_to(outside)
    assert isinstance(write_cache(cache, b"{}"), FileExistsError)
    assert not outside.exists() and not cache.exists()
    assert write_cache(cache, b"{}") is None and cache.read_bytes() == b"{}"  # the link went with the failed save


def _first_build_from_nothing(cache: Path, ready: Any, go: Any) -> None:
    from generator.swap import cache_made_anew

    with cache_made_anew(cache):
        (cache / "build.json").write_text("the first's")
        ready.set()
        go.wait(60)


def test_two_builds_from_nothing_at_once_keep_each_other_s_cache(tmp_path: Path) -> None:
    """Two `build --no-cache` of one project overlapping: the second set the first's new cache aside into the
    same folder, which the first then deleted; the second, failing, had nothing to put back and reported a
    missing folder instead of its problems (the reviewer's). Each process sets aside into its own."""
    import multiprocessing

    from generator.swap import cache_made_anew

    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / "build.json").write_text("before")
    (cache / "published.json").write_text("published")
    context = multiprocessing.get_context("fork")
    ready, go = context.Event(), context.Event()
    first = context.Process(target=_first_build_from_nothing, args=(cache, ready, go))
    first.start()
    try:
        assert ready.wait(60)
        with pytest.raises(RuntimeError), cache_made_anew(cache):  # the second, here, fails
            (cache / "build.json").write_text("half made")
            go.set()  # the first ends well meanwhile
            first.join(60)
            raise RuntimeError("a content problem")
        assert (cache / "build.json").read_text() == "the first's"  # put back as the second found it
    finally:
        go.set()
        first.join(60)
    assert first.exitcode == 0
    assert (cache / "build.json").read_text() == "the first's" and (cache / "published.json").read_text() == "published"
    assert sorted(path.name for path in cache.iterdir()) == ["build.json", "build.lock", "published.json"]


def test_a_folder_put_in_a_kept_builds_place_is_not_taken_for_its_own(project: Project) -> None:
    """A preview holds its cache in memory: a folder of someone's put where its site was was replaced at the next
    save, whatever it held (an outside tester's); its own folder is rebuilt as ever."""
    build = Build(project, search=False)
    build.run()
    build.run()  # its own folder, with the cache in memory
    shutil.rmtree(project.site)
    project.site.mkdir()
    (project.site / "index.html").write_text("<html>mine</html>")
    (project.site / "thesis.tex").write_text("precious")
    with pytest.raises(SiteFolderError, match="already holds files that no build wrote"):
        build.run()
    assert (project.site / "thesis.tex").read_text() == "precious"


@pytest.mark.parametrize("writer", ["write_public", "write_whole"])
def test_a_file_the_system_refuses_part_way_is_named_in_the_error(tmp_path: Path, writer: str) -> None:
    """A full disk (or here, the system's limit on a file's size: its error comes the same way) refused the last
    bytes when the file was closed, and the error that said which file was replaced by the close's, which named
    none (an outside tester's: "python -m generator build: no space left on device")."""
    target = tmp_path / "page.html"
    script = (
        "import resource, signal, sys; from pathlib import Path; from generator import write\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        f"try:\n    write.{writer}(Path(sys.argv[1]), b'x' * 5000)\n"  # (less than a write buffer holds)
        "except OSError as error:\n    print(error.filename)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=REPO, capture_output=True, text=True)
    assert done.stdout.strip() == str(target), done.stdout + done.stderr
