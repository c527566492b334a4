"""MkDocs as the editor uses it: `mkdocs build` and `mkdocs serve`, run for real in subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from conftest import SEED_SLUG
from servers import free_port, wait_for

from generator.project import Project

pytestmark = pytest.mark.slow
MKDOCS = [sys.executable, "-m", "mkdocs"]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_mkdocs_build_makes_the_same_bytes_as_the_generator(project: Project) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "direct"], cwd=project.root, check=True)
    subprocess.run([*MKDOCS, "build", "--strict"], cwd=project.root, check=True, capture_output=True)
    direct, mkdocs = tree(project.root / "direct"), tree(project.site)
    assert f"ar/{SEED_SLUG}/index.html" in mkdocs
    assert mkdocs == direct


def test_mkdocs_build_reports_content_errors_and_keeps_the_old_site(project: Project) -> None:
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
    before = tree(project.site)
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text(encoding="utf-8").replace("slug:", "slgu:", 1), encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        f"{SEED_SLUG}.yml:" in result.stderr
        and "slgu: is not a field this file can have (did you mean `slug`?)" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree(project.site) == before


def test_mkdocs_build_refuses_a_site_dir_a_build_must_not_replace(project: Project, tmp_path: Path) -> None:
    """MkDocs empties its site_dir: `--site-dir templates` replaced the project's templates with the site, and a
    folder of someone's own lost its files, each exiting 0 (an outside tester's). Refused as our build refuses."""
    templates = tree(project.templates)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("mine", encoding="utf-8")
    for folder, said in (("templates", "would replace the project's templates/ folder"), (elsewhere, "no build wrote")):
        result = subprocess.run([*MKDOCS, "build", "--site-dir", str(folder)], cwd=project.root, capture_output=True)
        assert result.returncode == 1 and said in result.stderr.decode(), result.stderr
        assert "Traceback" not in result.stderr.decode()
    assert tree(project.templates) == templates and tree(elsewhere) == {"notes.txt": b"mine"}
    # Its own folder, cut short before MkDocs wrote the root page (it writes it last), is built over.
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
    (project.site / "index.html").unlink()
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
    assert (project.site / "index.html").is_file()
    # A web root whose files have names a build writes is someone's all the same (an outside tester's lost
    # `search-index/thesis.tex` and its own root page): with a root page of its own, or a file no index holds.
    for files in (
        {"index.html": b"<h1>my own homepage</h1>", "robots.txt": b"User-agent: *", "404.html": b"keep"},
        {"robots.txt": b"User-agent: *", "search-index/thesis.tex": b"precious"},
    ):
        webroot = tmp_path / f"webroot-{len(files)}"
        for name, data in files.items():
            (webroot / name).parent.mkdir(parents=True, exist_ok=True)
            (webroot / name).write_bytes(data)
        result = subprocess.run([*MKDOCS, "build", "--site-dir", str(webroot)], cwd=project.root, capture_output=True)
        assert result.returncode == 1 and "no build wrote" in result.stderr.decode(), result.stderr
        assert tree(webroot) == files


def test_mkdocs_build_stops_before_unpublishing_every_explainer_unless_allowed(project: Project) -> None:
    """`mkdocs build`, which `gh-deploy` runs before it pushes, stops as `generator build` does when no explainer
    is left over a site that publishes some (an outside tester's `gh-deploy` pushed an emptied site and exited
    0); mkdocs.yml's `allow_empty` is the flag for the one run meant to do it."""
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
    before = tree(project.site)
    (project.content / "explainers" / f"{SEED_SLUG}.yml").unlink()
    result = subprocess.run([*MKDOCS, "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "has no explainers, and building would remove the 2 pages the site publishes" in result.stderr
    assert tree(project.site) == before
    config = project.root / "mkdocs.yml"
    allowed = config.read_text(encoding="utf-8").replace(
        "  - bilingual-explainers\n", "  - bilingual-explainers:\n      allow_empty: true\n"
    )
    config.write_text(allowed, encoding="utf-8")
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
    assert f"en/{SEED_SLUG}/index.html" in before and f"en/{SEED_SLUG}/index.html" not in tree(project.site)


def test_mkdocs_build_warns_of_an_address_it_drops_and_strict_stops(project: Project) -> None:
    """A slug changed with no `former_slugs`: `generator build` warned that the published address would go, and
    `mkdocs build`, even `--strict`, said nothing (an outside tester's, who publishes site/ with rsync)."""
    explainer = project.explainers / f"{SEED_SLUG}.yml"
    text = explainer.read_text("utf-8")
    for flags, code in (([], 0), (["--strict"], 1)):  # strict: the build fails (CI publishes nothing)
        explainer.write_text(text, "utf-8")
        subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)
        explainer.write_text(text.replace(f"slug: {SEED_SLUG}", "slug: kim-in-russia", 1), "utf-8")
        result = subprocess.run([*MKDOCS, "build", *flags], cwd=project.root, capture_output=True, text=True)
        assert result.returncode == code and "WARNING" in result.stderr, result.stderr
        assert f"/en/{SEED_SLUG}/" in result.stderr and "Traceback" not in result.stderr


def test_an_address_mkdocs_published_the_end_of_is_no_longer_warned_of(project: Project) -> None:
    """After `mkdocs gh-deploy` (or `build`) published a slug's change, `check` warned that the old address would
    break "after the next build", and `--strict` failed, until someone ran `generator build` (an outside
    tester's): MkDocs' build records what it published, as `build` does."""
    generator = [sys.executable, "-m", "generator"]
    subprocess.run([*generator, "build"], cwd=project.root, check=True, capture_output=True)
    explainer = project.explainers / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text("utf-8").replace(f"slug: {SEED_SLUG}", "slug: kim-in-russia", 1), "utf-8")
    warned = subprocess.run([*generator, "check", "--strict"], cwd=project.root, capture_output=True, text=True)
    assert warned.returncode == 1 and f"/en/{SEED_SLUG}/" in warned.stdout, warned.stdout
    subprocess.run([*MKDOCS, "build"], cwd=project.root, check=True, capture_output=True)  # published: it warned
    after = subprocess.run([*generator, "check", "--strict"], cwd=project.root, capture_output=True, text=True)
    assert after.returncode == 0 and SEED_SLUG not in after.stdout, after.stdout


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@pytest.fixture
def serve(project: Project) -> Iterator[str]:
    """`mkdocs serve` on a free loopback port; yields its address once it answers."""
    port = free_port()
    scratch = project.root.parent / "tmp"  # where MkDocs keeps the site it serves: removed at its Ctrl-C
    scratch.mkdir()
    process = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(address + "en/") != "", timeout=30)
        yield address
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: SIGTERM left a copy of the site in /tmp each time
        process.wait(timeout=10)
    assert not any(scratch.iterdir()), "mkdocs serve left its copy of the site"


def test_mkdocs_serve_answers_a_missing_page_with_its_languages_404(project: Project, serve: str) -> None:
    """As the hosts the README sets up do (MkDocs' server gave every one the root's page: an outside tester's)."""
    for path, lang in (("en/no-such-explainer/", "en"), ("ar/no-such-explainer/", "ar"), ("no-such-page", None)):
        try:
            fetch(serve + path)
        except urllib.error.HTTPError as error:
            assert error.code == 404
            page = error.read()
        else:
            raise AssertionError(f"{path} was found")
        root = lxml.html.document_fromstring(page)
        chooser = bool(root.cssselect(".language-choices"))  # the root's 404 offers every language
        assert (root.get("lang"), chooser) == ((lang, False) if lang else ("ar", True)), path


@pytest.mark.parametrize("folder", ["content", "templates"])
def test_mkdocs_serve_rebuilds_after_an_edit(project: Project, serve: str, folder: str) -> None:
    page = f"{serve}en/{SEED_SLUG}/"
    assert "Edited headline" not in fetch(page)
    if folder == "content":
        path = project.content / "explainers" / f"{SEED_SLUG}.yml"
        old = '  en: "Kim Jong Un\'s visit to Russia: arms for Moscow, food and know-how for Pyongyang?"'
        new = '  en: "Edited headline"'
    else:
        path, old, new = project.templates / "base.html", "<main id=", "<p>Edited headline</p><main id="
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    wait_for(lambda: "Edited headline" in fetch(page), timeout=30)


def test_mkdocs_serve_serves_the_last_good_build_while_the_content_fails(project: Project, tmp_path: Path) -> None:
    """MkDocs stops answering every request while a rebuild fails ("the server will appear stuck"): a date typed
    wrong hung the editor's open tab until it was fixed (an outside tester's). The last good build is served on,
    the problem said in the terminal, and the fix is built."""
    port, log = free_port(), tmp_path / "serve.err"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project.root, stdout=errors, stderr=errors
        )
    page = f"http://127.0.0.1:{port}/en/{SEED_SLUG}/"
    try:
        wait_for(lambda: "Pyongyang?" in fetch(page), timeout=30)
        path = project.content / "explainers" / f"{SEED_SLUG}.yml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("published: 2023-09-12", "published: 2023-13-45", 1), encoding="utf-8")
        wait_for(lambda: "published: is not a real date" in log.read_text("utf-8"), timeout=30)
        wait_for(lambda: "built in" in log.read_text("utf-8").rpartition("is not a real date")[2], timeout=30)
        assert "Pyongyang?" in fetch(page)  # at once (fetch gives up after 5 s), the last good page
        old = '  en: "Kim Jong Un\'s visit to Russia: arms for Moscow, food and know-how for Pyongyang?"'
        path.write_text(good.replace(old, '  en: "Fixed headline"', 1), encoding="utf-8")
        wait_for(lambda: "Fixed headline" in fetch(page), timeout=30)
        assert "Traceback" not in log.read_text("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_mkdocs_refuses_a_build_cache_git_tracks(project: Project) -> None:
    """`mkdocs build` and `gh-deploy` took pictures encoded in a `.cache/` that a pull request had committed
    (`git add -f`): a forged one was published under the reviewed picture's name, where every command of ours
    refuses such a cache (an outside tester's). MkDocs' builds refuse it too."""
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project.root, check=True, capture_output=True)
    before = tree(project.site)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["init", "--quiet"], ["add", "--force", ".cache/build.json"]):
        subprocess.run(["git", *command], cwd=project.root, env=env, check=True, capture_output=True)
    result = subprocess.run([*MKDOCS, "build"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert ".cache:1:1: is in the repository (git tracks 1 of its files)" in result.stderr, result.stderr
    assert tree(project.site) == before
