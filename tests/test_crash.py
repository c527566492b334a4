"""Builds killed at random moments: site/ is always one complete build, and the next build cleans up.

Each trial starts from a site built from the old content, edits the content, starts a real build in a
subprocess and kills it (SIGKILL, no chance to clean up) after a random delay spread over the whole build:
the incremental update, a full rebuild (`--no-cache`) and the search-index phase. Right after the kill,
site/ must equal, byte for byte, the old complete build or the new one (pages and search index from the
same content), hold nothing hidden, and no process of the dead build may still be writing. A build run
afterwards must finish the new site and leave no temporary folder behind.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

from generator.project import Project

pytestmark = pytest.mark.slow

sys.path.insert(0, str(REPO / "bench"))
from synthetic import make_project  # noqa: E402 - bench/ is not a package

TRIALS = 54  # a third in each mode
MODES = (["build"], ["build", "--no-cache"], ["build", "--no-cache"])


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build(project: Path, *arguments: str) -> None:
    command = [sys.executable, "-m", "generator", "--project", str(project), *arguments]
    subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=REPO)


def edit(project: Path) -> None:
    """New content: three explainers republished today (their pages, the lists and feeds change), one removed."""
    files = sorted((project / "content" / "explainers").glob("*.yml"))
    never_updated = [path for path in files if "\nupdated: " not in path.read_text(encoding="utf-8")]
    for path in never_updated[:3]:  # (an update before the new date would be refused)
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^published: .*$", "published: 2024-12-31", text, count=1, flags=re.M))
    files[-1].unlink()


def writers(project: Path) -> list[int]:
    """Processes still running with the project in their command line (a build or its indexer)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(project).encode() in command:
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The old project after a complete build, and the complete site of the new content."""
    root = tmp_path_factory.mktemp("crash")
    old = root / "old"
    make_project(40, old, check=False)
    build(old, "build")
    new = root / "new"
    shutil.copytree(old, new, ignore=shutil.ignore_patterns("site", ".cache"))
    edit(new)
    build(new, "build", "--no-cache")
    started = time.monotonic()
    build(new, "build", "--no-cache", "--site-dir", str(root / "timing"))
    return {
        "old": old,
        "root": root,
        "old_site": snapshot(old / "site"),
        "new_site": snapshot(new / "site"),
        "duration": time.monotonic() - started,
    }


@pytest.mark.timeout(1500)  # 54 builds killed and 54 finished: 3 minutes alone, past 10 on a machine shared thrice
def test_a_killed_build_leaves_one_complete_site(states: dict[str, object]) -> None:
    old, root = Path(str(states["old"])), Path(str(states["root"]))
    duration = float(str(states["duration"]))
    chance = random.Random(20230912)
    mixed, hidden, lingering, unfinished = [], [], [], []
    for trial in range(TRIALS):
        project = root / f"trial-{trial}"
        shutil.copytree(old, project)
        edit(project)
        command = [sys.executable, "-m", "generator", "--project", str(project), *MODES[trial % len(MODES)]]
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = chance.uniform(0.05, duration * 1.2)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        deadline = time.monotonic() + 5
        while writers(project) and time.monotonic() < deadline:
            time.sleep(0.05)
        if writers(project):
            lingering.append(trial)
        site = snapshot(project / "site")
        if site not in (states["old_site"], states["new_site"]):
            mixed.append((trial, round(delay, 2)))
        if any(part.startswith(".") for name in site for part in name.split("/")):
            hidden.append(trial)
        build(project, "build")
        leftovers = [path.name for path in project.iterdir() if path.name.startswith((".site-", ".search-index"))]
        leftovers += [path.name for path in (project / "site").iterdir() if path.name.startswith(".")]
        after, wanted = snapshot(project / "site"), states["new_site"]
        if after != wanted or leftovers:
            assert isinstance(wanted, dict)
            differing = sorted(name for name in set(after) | set(wanted) if after.get(name) != wanted.get(name))
            unfinished.append((trial, MODES[trial % len(MODES)], round(delay, 2), leftovers, differing[:5]))
        shutil.rmtree(project)
    assert not mixed, f"site/ was neither build after the kill (trial, delay): {mixed}"
    assert not hidden, f"hidden files inside site/ after the kill: {hidden}"
    assert not lingering, f"processes of the dead build kept running: {lingering}"
    assert not unfinished, f"the next build did not finish cleanly: {unfinished}"


def test_two_builds_at_once_take_turns(states: dict[str, object]) -> None:
    """One build at a time per project: a second one waits for the lock, and both end well."""
    old, root = Path(str(states["old"])), Path(str(states["root"]))
    for pair in range(5):
        project = root / f"pair-{pair}"
        shutil.copytree(old, project)
        edit(project)
        command = [sys.executable, "-m", "generator", "--project", str(project), "build"]
        runs = [subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE) for _ in range(2)]
        errors = [run.communicate(timeout=300)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        assert snapshot(project / "site") == states["new_site"]
        assert not [path.name for path in project.iterdir() if path.name.startswith(".site-")]
        shutil.rmtree(project)


def test_two_checkouts_building_one_site_folder_take_turns(states: dict[str, object]) -> None:
    """Two checkouts (two CI jobs on one host) building into one `--site-dir` at once: each has its own
    project lock, and they wrote into one new version beside the folder; one published a mix of both and
    said it had built the site (an outside tester's, 5 rounds in 14). The folder's lock makes them take turns:
    the site is the whole of one checkout's."""
    root = Path(str(states["root"]))
    checkouts = [root / "checkout-old", root / "checkout-new"]
    shutil.copytree(Path(str(states["old"])), checkouts[0], ignore=shutil.ignore_patterns("site", ".cache"))
    shutil.copytree(checkouts[0], checkouts[1])
    edit(checkouts[1])
    shared = root / "shared" / "www"
    for _ in range(3):
        commands = [
            [
                sys.executable,
                "-m",
                "generator",
                "--project",
                str(project),
                "build",
                "--no-cache",
                "--site-dir",
                str(shared),
            ]
            for project in checkouts
        ]
        runs = [subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE) for command in commands]
        errors = [run.communicate(timeout=300)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        assert snapshot(shared) in (states["old_site"], states["new_site"])
    assert sorted(path.name for path in shared.parent.iterdir()) == ["www"]  # nothing left beside it
    for project in checkouts:
        shutil.rmtree(project)


def building(project: Path) -> subprocess.Popen[str]:
    """A build from nothing in a session of its own (a terminal's foreground group), once its two workers run."""
    command = [sys.executable, "-m", "generator", "--project", str(project), "build", "--no-cache"]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(writers(project)) < 3:  # the build and its two workers, checking or rendering
        assert process.poll() is None and time.monotonic() < deadline, "the build never started its workers"
        time.sleep(0.01)
    return process


def test_ctrl_c_stops_a_build_in_one_line_and_leaves_the_site(tmp_path: Path) -> None:
    """Ctrl-C in a terminal sends SIGINT to the build and its workers at once: each worker printed a traceback
    (77 lines, three tracebacks, an outside tester's finding). Now the build says it was interrupted, in one
    line, exits 130, and site/ is the last complete build."""
    project = tmp_path / "project"
    make_project(64, project, check=False)  # two workers' worth (parallel.MIN_ITEMS_PER_WORKER)
    build(project, "build")
    before = snapshot(project / "site")
    edit(project)
    process = building(project)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole foreground group
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors.splitlines()) == (
        130,
        ["python -m generator build: interrupted; the site folder is as it was"],
    )
    assert snapshot(project / "site") == before
    assert not [path.name for path in project.iterdir() if path.name.startswith(".site")]


def test_ctrl_c_after_the_new_site_is_in_place_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C the moment after the exchange said "the site folder is as it was" of a folder that held the new
    site (an outside tester's, four runs in four): it says the new site is in place."""
    from generator.cli import main
    from generator.site_version import SiteVersion

    finish = SiteVersion.finish

    def finished_then_stopped(self: SiteVersion, *arguments: object) -> None:
        finish(self, *arguments)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.chdir(project.root)
    monkeypatch.setattr(SiteVersion, "finish", finished_then_stopped)
    assert main(["build", "--no-search"]) == 130
    assert "interrupted; the new site is in place" in capsys.readouterr().err
    assert (project.site / "en" / "index.html").is_file()
    monkeypatch.setattr(SiteVersion, "finish", finish)
    assert main(["build", "--no-search"]) == 0  # and the next build, a new command, is whole


def test_workers_of_a_killed_build_end_without_a_word(tmp_path: Path) -> None:
    """A build killed outright (SIGKILL: the parent alone, as the OOM killer does) left its workers writing to a
    pipe no one read: each printed a BrokenPipeError traceback on the terminal (an outside tester's)."""
    project = tmp_path / "project"
    make_project(64, project, check=False)  # two workers' worth (parallel.MIN_ITEMS_PER_WORKER)
    process = building(project)
    process.send_signal(signal.SIGKILL)
    try:
        _, errors = process.communicate(timeout=30)  # its stderr to the end: every worker has ended
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the workers left, whose group it was
        raise AssertionError("workers of the killed build were still running 30 s later") from None
    assert "Traceback" not in errors and "Error" not in errors, errors
