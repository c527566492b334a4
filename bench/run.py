"""Build-time benchmark: our generator against Hugo and plain MkDocs on the same content.

    .venv/bin/python bench/run.py                       # N = 1, 100, 1000; 3 repeats (MkDocs once at 1000)
    .venv/bin/python bench/run.py --sizes 1,100 --repeats 5
    .venv/bin/python bench/run.py --sizes 10000 --repeats 3 --steps cold,hugo --rebuilds 0   # pages vs Hugo

For each N it makes N synthetic explainers (bench/synthetic.py), the same pages for Hugo and MkDocs
(bench/equivalents.py), then runs, interleaved, R times: our cold pages build (fresh copy, no cache, no
site/, `--no-search`), our warm build (same copy again, nothing changed), our default build from cold
(site/ and .cache/ removed, search index included), Hugo, MkDocs (skipped from `--skip-mkdocs-from`,
default N = 10,000, where one run takes tens of minutes). Every build runs under
/usr/bin/time -v (peak resident memory); wall time is measured around it. Medians are reported.
Then it starts our `watch` command (if the generator has one), edits one YAML file a few times and
measures how long until the changed page is on disk. Results go to bench/results/latest.json.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import itertools
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import equivalents
import synthetic

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GENERATOR = [str(PYTHON), "-m", "generator"]
HUGO = shutil.which("hugo") or "/usr/bin/hugo"
# Our search index alone (generator/search.py), over the pages our cold build made as they are published: what
# search adds to a build of the pages.
INDEX = [
    str(PYTHON),
    "-c",
    "import sys; from pathlib import Path; from generator import search; search.index(*map(Path, sys.argv[1:]))",
]
TIME = "/usr/bin/time"
RESULTS = REPO / "bench" / "results" / "latest.json"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# Targets of the speed issue, checked at N = 1,000, and of the archive issue (13), at N = 1,000 and 10,000.
TARGET_N = 1000
MAX_COLD_OVER_HUGO = 3.0
MAX_WARM_OVER_HUGO = 1.0
MIN_MKDOCS_OVER_OURS = 10.0
MAX_PEAK_MB = 250.0
MAX_REBUILD_MS = 300.0
MAX_DEFAULT_OVER_HUGO = 1.5  # N = 1,000: the default build, search included, against Hugo's pages alone
ARCHIVE_N = 10000
MAX_ARCHIVE_COLD_OVER_HUGO = 1.5  # N = 10,000: the pages build
MAX_ARCHIVE_PEAK_MB = 1024.0  # N = 10,000: the default build's whole process tree

READY = re.compile(r"\bready\b|\bwatching\b", re.IGNORECASE)
REBUILT = re.compile(r"rebuilt\s+(\d+)\s+files?\s+in\s+([\d.]+)\s*ms", re.IGNORECASE)
URL = re.compile(r"https?://[^\s/]+(?::\d+)?/\S*")


# -- running one build -----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_kb: int  # "Maximum resident set size" from /usr/bin/time -v: the largest single process
    tree_kb: int  # sampled Pss sum over the process and all its children (catches worker pools)
    cpu_seconds: float  # user + system time of the process and its children, from /usr/bin/time -v
    pages: int  # .html files in the output
    ok: bool
    error: str = ""


def _tree_memory(root: int) -> int:
    """Memory, in kB, of every descendant of `root` (not `root` itself, which is /usr/bin/time).

    Proportional set size (Pss, from smaps_rollup): pages shared between forked workers count once in
    total, not once per process as summed RSS would. Falls back to RSS where Pss is unreadable.
    """
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                match = re.search(rb"^Pss:\s+(\d+) kB", handle.read(), re.MULTILINE)
            if match:
                total += int(match.group(1))
                continue
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE // 1024
        except (OSError, IndexError, ValueError):
            pass
    return total


def set_aside(path: Path, trash: Path) -> None:
    """Empty a run's place by moving what is there into `trash`, which is removed once the size is done.

    Why not remove it: on ext4 without a journal (this machine's disk) a new inode is not given one freed in
    the last 30 seconds, and each file made scans past every such one (`recently_deleted` in the kernel):
    removing the last run's 7,000 files just before a build made its system time twice what it is in a fresh
    clone, more so for the tool that makes more files. A newsroom's CI builds in a fresh checkout, where
    nothing was just removed; so do the runs here."""
    if path.exists():
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def timed(command: list[str], cwd: Path, output: Path) -> Run:
    """Run `command` under /usr/bin/time -v; wall time, peak memory, pages written into `output`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as report:
        report_path = Path(report.name)
    peak_tree = 0
    start = time.perf_counter()
    process = subprocess.Popen(
        [TIME, "-v", "-o", str(report_path), *command],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_memory(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    text = report_path.read_text(errors="replace")
    report_path.unlink(missing_ok=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    peak = int(match.group(1)) if match else 0
    cpu = sum(float(value) for value in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    ok = process.returncode == 0
    error = "" if ok else (err or out).decode(errors="replace").strip()[-3000:] or f"exit {process.returncode}"
    return Run(seconds, peak, peak_tree, cpu, count_pages(output), ok, error)


# -- the watch loop ---------------------------------------------------------------------------------


def generator_commands() -> tuple[set[str], str]:
    """The generator's subcommands, from its --help (empty if it does not start)."""
    done = subprocess.run([*GENERATOR, "--help"], capture_output=True, text=True, cwd=REPO)
    match = re.search(r"\{([a-z,\-]+)\}", done.stdout)
    return (set(match.group(1).split(",")) if match else set()), done.stdout + done.stderr


@dataclass
class Edit:
    kind: str
    end_to_end_ms: float | None
    reported_ms: float | None
    reported_files: int | None


@dataclass
class WatchResult:
    available: bool
    note: str = ""
    ready_s: float | None = None
    edits: list[Edit] = field(default_factory=list)

    def median_end_to_end(self) -> float | None:
        values = [edit.end_to_end_ms for edit in self.edits if edit.end_to_end_ms is not None]
        return statistics.median(values) if values else None

    def median_reported(self) -> float | None:
        values = [edit.reported_ms for edit in self.edits if edit.reported_ms is not None]
        return statistics.median(values) if values else None


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop the watcher we started (its own process group): Ctrl-C first, then harder."""
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            continue


def _edited(explainer: dict[str, Any], kind: str, marker: str) -> dict[str, Any]:
    """The explainer with one English text changed: its title, or the first paragraph of a section."""
    changed = copy.deepcopy(explainer)
    if kind == "title":
        changed["title"]["en"] = f"{changed['title']['en']} {marker}"
    else:
        section = next(s for s in changed["sections"] if s.get("paragraphs"))
        section["paragraphs"][0]["en"] = f"{section['paragraphs'][0]['en']} {marker}."
    return changed


def measure_watch(
    project: Path, explainer: dict[str, Any], edits: int, command: list[str], pause: float = 1.0
) -> WatchResult:
    """Start the watcher, wait for `ready`, then edit one YAML file `edits` times and time each rebuild."""
    result = WatchResult(available=True)
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    exited = threading.Event()
    log: list[str] = []
    process = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))
        lines.put((time.perf_counter(), None))  # the watcher closed its output: it has exited

    threading.Thread(target=read, daemon=True).start()

    def next_line(deadline: float) -> tuple[float, str] | None:
        if exited.is_set():
            return None
        try:
            when, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            return None
        if line is None:
            exited.set()
            log.append(f"(watch exited with status {process.wait()})")
            return None
        log.append(line)
        if not REBUILT.search(line):  # anything else the watcher says (search indexing, errors) is shown
            print(f"  watch │ {line[:200]}", flush=True)
        return when, line

    try:
        start = time.perf_counter()
        base_url = None
        while True:
            item = next_line(start + 900)
            if item is None:
                result.note = "watch never printed `ready`/`Watching`: " + " | ".join(log[-5:])
                return result
            found = URL.search(item[1])
            base_url = base_url or (found.group(0).rstrip("/") + "/" if found else None)
            if READY.search(item[1]):
                result.ready_s = item[0] - start
                break
        path = project / "content" / "explainers" / f"{explainer['slug']}.yml"
        page = project / "site" / "en" / explainer["slug"] / "index.html"
        use_http = not page.exists() and base_url is not None
        if not page.exists() and not use_http:
            result.note = f"no {page.relative_to(project)} after `ready`, and no URL announced"
            return result
        for k in range(edits):
            if process.poll() is not None:
                break
            time.sleep(pause)  # an editor's pause between saves; background work the watcher starts then counts
            while not lines.empty():
                next_line(time.perf_counter())
            kind = ("paragraph", "title")[k % 2]
            # One word of letters and digits: the page prints it as written (digits joined by hyphens get a
            # word joiner after each hyphen, isolate.py, and a marker so written was never found on the page).
            marker = f"Benchmarkedit{k}x{os.getpid()}x{time.monotonic_ns() % 100000}"
            text = synthetic.explainer_yaml(_edited(explainer, kind, marker))
            before = _fingerprint(page)
            t0 = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            seen = _wait_for(
                page, marker, before, base_url if use_http else None, explainer["slug"], t0 + 60, process.poll
            )
            end_to_end = (seen - t0) * 1000 if seen is not None else None
            reported: tuple[int, float] | None = None
            deadline = time.perf_counter() + (5 if seen is not None else 0.5)
            while reported is None:
                item = next_line(deadline)
                if item is None:
                    break
                match = REBUILT.search(item[1])
                if match:
                    reported = (int(match.group(1)), float(match.group(2)))
            result.edits.append(
                Edit(kind, end_to_end, reported[1] if reported else None, reported[0] if reported else None)
            )
        if process.poll() is not None:
            result.note = f"the watcher exited (status {process.returncode}): " + " | ".join(log[-5:])
        elif any(edit.end_to_end_ms is None for edit in result.edits):
            result.note = "some edits never showed up within 60 s: " + " | ".join(log[-5:])
        return result
    finally:
        _stop(process)


def _fingerprint(page: Path) -> tuple[int, int, int] | None:
    try:
        stat = page.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _wait_for(
    page: Path,
    marker: str,
    before: tuple[int, int, int] | None,
    base_url: str | None,
    slug: str,
    deadline: float,
    exit_status: Callable[[], int | None] = lambda: None,
) -> float | None:
    """The moment the new text is readable: on disk (stat every 2 ms, read on change) or over HTTP."""
    needle = marker.encode()
    last = before
    while time.perf_counter() < deadline and exit_status() is None:
        if base_url is not None:
            try:
                with urllib.request.urlopen(f"{base_url}en/{slug}/", timeout=5) as response:
                    if needle in response.read():
                        return time.perf_counter()
            except OSError:
                pass
            time.sleep(0.005)
            continue
        now = _fingerprint(page)
        if now is not None and now != last:
            last = now
            try:
                if needle in page.read_bytes():
                    return time.perf_counter()
            except OSError:
                pass
        time.sleep(0.002)
    return None


# -- one size ---------------------------------------------------------------------------------------


def _load() -> float:
    """The 1-minute load average: how busy the shared machine was."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def median(runs: list[Run]) -> float | None:
    good = [run.seconds for run in runs if run.ok]
    return statistics.median(good) if good else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def bench_size(n: int, args: argparse.Namespace, work: Path, commands: set[str]) -> dict[str, Any]:
    folder = work / f"n{n}"
    load_before = _load()
    print(f"\n== N = {n:,} ==  (load average {load_before:.2f} on {os.cpu_count()} cores)", flush=True)
    start = time.perf_counter()
    master = folder / "master"
    explainers = synthetic.make_project(n, master, args.seed)
    equivalents.make_hugo(explainers, folder / "hugo")
    equivalents.make_mkdocs(explainers, folder / "mkdocs")
    print(
        f"made {n:,} explainers (checked with `generator check --strict`) and the Hugo and MkDocs copies in "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )

    mkdocs_repeats = args.mkdocs_repeats_large if n >= args.large_from else args.repeats
    runs: dict[str, list[Run]] = {"cold": [], "warm": [], "index": [], "default": [], "hugo": [], "mkdocs": []}
    project = folder / "ours-0"
    trash = folder / "trash"  # what each run leaves, removed once this size is measured (set_aside)
    for r in range(args.repeats):
        set_aside(project, trash)
        project = folder / f"ours-{r}"
        shutil.copytree(master, project, ignore=shutil.ignore_patterns(".cache", "site", ".site-*"))
        synthetic.refresh_shared(project)
        # Pages (2N explainer pages, lists, feeds, sitemap) are what Hugo and MkDocs build here: `--no-search`.
        # Then what a newsroom runs, `build` with its search index, from nothing again (site/ and .cache/
        # removed): the time and memory of the default build.
        build = [*GENERATOR, "--project", str(project), "build", "--no-search"]
        alone = folder / "index-alone"
        default = [*GENERATOR, "--project", str(project), "build"]
        steps: list[tuple[str, list[str], Path, Path]] = [
            ("cold", build, REPO, project / "site"),
            ("warm", build, REPO, project / "site"),
            ("index", [*INDEX, str(project / "site"), str(alone)], REPO, alone),
            ("default", default, REPO, project / "site"),
            (
                "hugo",
                [HUGO, "--quiet", "-s", str(folder / "hugo"), "-d", str(folder / "hugo-out")],
                folder,
                folder / "hugo-out",
            ),
        ]
        if r < mkdocs_repeats and n < args.skip_mkdocs_from:
            steps.append(
                (
                    "mkdocs",
                    [
                        str(PYTHON),
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-f",
                        str(folder / "mkdocs" / "mkdocs.yml"),
                        "-d",
                        str(folder / "mkdocs-out"),
                    ],
                    folder / "mkdocs",
                    folder / "mkdocs-out",
                )
            )
        for name, command, cwd, output in [step for step in steps if step[0] in args.steps.split(",")]:
            if name in ("hugo", "mkdocs", "index"):
                set_aside(output, trash)  # every tool starts from an empty output folder
            if name == "default":
                for leftover in (project / "site", project / ".cache"):
                    set_aside(leftover, trash)
            run = timed(command, cwd, output)
            runs[name].append(run)
            status = (
                f"{run.seconds:8.3f} s wall {run.cpu_seconds:7.2f} s CPU {run.peak_kb / 1024:6.1f} MB "
                f"(tree {run.tree_kb / 1024:6.1f} MB) {run.pages:5d} pages"
            )
            failed = "" if run.ok else "  FAILED:\n      " + "\n      ".join(run.error.splitlines()[-3:])
            print(f"  repeat {r + 1}/{args.repeats}  {name:6s} {status}{failed}", flush=True)

    if "watch" in commands and args.rebuilds > 0:
        chosen = explainers[len(explainers) // 2]
        print(f"  watch: editing content/explainers/{chosen['slug']}.yml {args.rebuilds} times …", flush=True)
        command = [*GENERATOR, "--project", str(project), "watch"]
        watch = measure_watch(project, chosen, args.rebuilds, command, args.edit_pause)
        for edit in watch.edits:
            shown = f"{edit.end_to_end_ms:.0f} ms" if edit.end_to_end_ms is not None else "never"
            own = f"{edit.reported_ms:.0f} ms" if edit.reported_ms is not None else "n/a"
            print(f"  watch  {edit.kind:9s} end to end {shown:>8s}   reported {own}", flush=True)
        if watch.note:
            print(f"  watch: {watch.note}", flush=True)
    else:
        watch = WatchResult(
            available=False, note="n/a (no watch command yet)" if "watch" not in commands else "skipped"
        )
    shutil.rmtree(trash, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    summary = summarise(n, runs, watch)
    summary["load_average"] = [load_before, _load()]
    return summary


def summarise(n: int, all_runs: dict[str, list[Run]], watch: WatchResult) -> dict[str, Any]:
    runs = {name: [run for run in items if run.ok] for name, items in all_runs.items()}
    names = ("cold", "warm", "default", "index", "hugo", "mkdocs")
    cold, warm, default, index, hugo, mkdocs = (median(runs[name]) for name in names)
    ours = runs["cold"] + runs["warm"]
    pages = {name: max((run.pages for run in items), default=0) for name, items in runs.items()}

    def cpu(name: str) -> float | None:
        return statistics.median(run.cpu_seconds for run in runs[name]) if runs[name] else None

    return {
        "n": n,
        "seconds": {
            "ours_cold": cold,
            "ours_warm": warm,
            "ours_default": default,
            "index_alone": index,
            "hugo": hugo,
            "mkdocs": mkdocs,
        },
        "cpu_seconds": {
            "ours_cold": cpu("cold"),
            "ours_warm": cpu("warm"),
            "ours_default": cpu("default"),
            "hugo": cpu("hugo"),
            "mkdocs": cpu("mkdocs"),
        },
        "runs": {
            name: [round(run.seconds, 3) if run.ok else None for run in items] for name, items in all_runs.items()
        },
        "failures": {
            name: next(run.error for run in items if not run.ok).splitlines()[-1]
            for name, items in all_runs.items()
            if any(not run.ok for run in items)
        },
        "ratios": {
            "cold_over_hugo": ratio(cold, hugo),
            "warm_over_hugo": ratio(warm, hugo),
            "mkdocs_over_cold": ratio(mkdocs, cold),
            "mkdocs_over_warm": ratio(mkdocs, warm),
            "default_over_hugo": ratio(default, hugo),
            "index_alone_over_hugo": ratio(index, hugo),
        },
        "cpu_ratios": {
            "cold_over_hugo": ratio(cpu("cold"), cpu("hugo")),
            "warm_over_hugo": ratio(cpu("warm"), cpu("hugo")),
            "mkdocs_over_cold": ratio(cpu("mkdocs"), cpu("cold")),
            "default_over_hugo": ratio(cpu("default"), cpu("hugo")),
        },
        "peak_mb": {
            "ours_cold": max((r.peak_kb for r in runs["cold"]), default=0) / 1024,
            "ours_warm": max((r.peak_kb for r in runs["warm"]), default=0) / 1024,
            "ours_tree": max((r.tree_kb for r in ours), default=0) / 1024,
            # the default build (search included): the larger of the largest process and the tree's Pss
            "default_tree": max((max(r.tree_kb, r.peak_kb) for r in runs["default"]), default=0) / 1024,
            "hugo": max((r.peak_kb for r in runs["hugo"]), default=0) / 1024,
            "mkdocs": max((r.peak_kb for r in runs["mkdocs"]), default=0) / 1024,
        },
        "pages": pages,
        "pages_per_second": {
            "ours_cold": ratio(pages["cold"], cold),
            "ours_warm": ratio(pages["warm"], warm),
            "hugo": ratio(pages["hugo"], hugo),
            "mkdocs": ratio(pages["mkdocs"], mkdocs),
        },
        "rebuild": {
            "available": watch.available,
            "note": watch.note,
            "ready_s": watch.ready_s,
            "end_to_end_ms": watch.median_end_to_end(),
            "reported_ms": watch.median_reported(),
            "edits": [asdict(edit) for edit in watch.edits],
        },
    }


# -- printing ---------------------------------------------------------------------------------------


def _fmt(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def table(results: list[dict[str, Any]]) -> str:
    def rebuild(result: dict[str, Any]) -> str:
        info = result["rebuild"]
        if not info["available"]:
            return info["note"]
        if info["end_to_end_ms"] is None:
            return "failed"
        own = _fmt(info["reported_ms"], "{:.0f}")
        return f"{info['end_to_end_ms']:.0f} (own {own})"

    rows = [
        ("ours cold, s", lambda r: _fmt(r["seconds"]["ours_cold"], "{:.3f}")),
        ("ours warm, s", lambda r: _fmt(r["seconds"]["ours_warm"], "{:.3f}")),
        ("ours default (with search) cold, s", lambda r: _fmt(r["seconds"]["ours_default"], "{:.3f}")),
        ("search index alone over our pages, s", lambda r: _fmt(r["seconds"].get("index_alone"), "{:.3f}")),
        ("hugo, s", lambda r: _fmt(r["seconds"]["hugo"], "{:.3f}")),
        ("mkdocs, s", lambda r: _fmt(r["seconds"]["mkdocs"], "{:.3f}")),
        (
            "CPU s ours cold/warm",
            lambda r: (
                f"{_fmt(r['cpu_seconds']['ours_cold'], '{:.2f}')} / {_fmt(r['cpu_seconds']['ours_warm'], '{:.2f}')}"
            ),
        ),
        (
            "CPU s hugo/mkdocs",
            lambda r: f"{_fmt(r['cpu_seconds']['hugo'], '{:.2f}')} / {_fmt(r['cpu_seconds']['mkdocs'], '{:.2f}')}",
        ),
        ("cold / hugo", lambda r: _fmt(r["ratios"]["cold_over_hugo"], "{:.2f}×")),
        ("warm / hugo", lambda r: _fmt(r["ratios"]["warm_over_hugo"], "{:.2f}×")),
        ("default (with search) / hugo", lambda r: _fmt(r["ratios"]["default_over_hugo"], "{:.2f}×")),
        ("mkdocs / ours cold (speed-up)", lambda r: _fmt(r["ratios"]["mkdocs_over_cold"], "{:.1f}×")),
        ("mkdocs / ours warm (speed-up)", lambda r: _fmt(r["ratios"]["mkdocs_over_warm"], "{:.1f}×")),
        ("ours peak MB (time -v)", lambda r: f"{max(r['peak_mb']['ours_cold'], r['peak_mb']['ours_warm']):.1f}"),
        ("ours peak MB (process tree, Pss)", lambda r: f"{r['peak_mb']['ours_tree']:.1f}"),
        ("ours default peak MB (tree)", lambda r: f"{r['peak_mb']['default_tree']:.1f}"),
        ("hugo / mkdocs peak MB", lambda r: f"{r['peak_mb']['hugo']:.0f} / {r['peak_mb']['mkdocs']:.0f}"),
        ("HTML pages ours/hugo/mkdocs", lambda r: "{cold}/{hugo}/{mkdocs}".format(**r["pages"])),
        ("ours pages/s cold", lambda r: _fmt(r["pages_per_second"]["ours_cold"], "{:,.0f}")),
        ("ours pages/s warm", lambda r: _fmt(r["pages_per_second"]["ours_warm"], "{:,.0f}")),
        (
            "hugo / mkdocs pages/s",
            lambda r: "{} / {}".format(
                _fmt(r["pages_per_second"]["hugo"], "{:,.0f}"), _fmt(r["pages_per_second"]["mkdocs"], "{:,.0f}")
            ),
        ),
        ("one-file rebuild, ms", rebuild),
        ("load average, start → end", lambda r: "{:.1f} → {:.1f}".format(*r.get("load_average", [0, 0]))),
    ]
    header = ["", *(f"N = {r['n']:,}" for r in results)]
    body = [[label, *(cell(r) for r in results)] for label, cell in rows]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in [header, *body]
    )


def verdict(result: dict[str, Any]) -> list[dict[str, Any]]:
    """PASS/FAIL per target, on wall-clock medians; CPU-time ratios alongside, as a check on noise."""
    ratios, cpu, peak = result["ratios"], result["cpu_ratios"], result["peak_mb"]
    rebuild = result["rebuild"]["end_to_end_ms"]
    ran = result["seconds"]["ours_cold"] is not None
    worst_peak = max(peak["ours_cold"], peak["ours_warm"], peak["ours_tree"]) if ran else None
    own = result["rebuild"]["reported_ms"]
    checks: list[Check] = [
        (
            "cold build at most 3× Hugo",
            ratios["cold_over_hugo"],
            "{:.2f}×",
            lambda v: v <= MAX_COLD_OVER_HUGO,
            f"CPU time {_fmt(cpu['cold_over_hugo'], '{:.2f}×')}",
        ),
        (
            "warm build no slower than Hugo",
            ratios["warm_over_hugo"],
            "{:.2f}×",
            lambda v: v <= MAX_WARM_OVER_HUGO,
            f"CPU time {_fmt(cpu['warm_over_hugo'], '{:.2f}×')}",
        ),
        (
            "at least 10× faster than plain MkDocs",
            ratios["mkdocs_over_cold"],
            "{:.1f}×",
            lambda v: v >= MIN_MKDOCS_OVER_OURS,
            f"CPU time {_fmt(cpu['mkdocs_over_cold'], '{:.1f}×')}",
        ),
        (
            "default build with search at most 1.5× Hugo",
            ratios["default_over_hugo"],
            "{:.2f}×",
            lambda v: v <= MAX_DEFAULT_OVER_HUGO,
            f"Hugo builds the pages only; CPU time {_fmt(cpu['default_over_hugo'], '{:.2f}×')}; our search index "
            f"alone over our pages, no page built: {_fmt(ratios.get('index_alone_over_hugo'), '{:.2f}×')}",
        ),
        (
            "peak memory under 250 MB",
            worst_peak,
            "{:.1f} MB",
            lambda v: v < MAX_PEAK_MB,
            "larger of time -v and the process tree's Pss",
        ),
        (
            "one-file rebuild under 300 ms",
            rebuild,
            "{:.0f} ms",
            lambda v: v < MAX_REBUILD_MS,
            f"end to end; the watcher's own figure {_fmt(own, '{:.0f} ms')}",
        ),
    ]
    return _judged(checks)


def archive_verdict(result: dict[str, Any]) -> list[dict[str, Any]]:
    """PASS/FAIL at archive size (N = 10,000): the pages build against Hugo, the default build's memory, the
    preview's one-file rebuild."""
    ratios, cpu, peak = result["ratios"], result["cpu_ratios"], result["peak_mb"]
    checks: list[Check] = [
        (
            "pages build at most 1.5× Hugo",
            ratios["cold_over_hugo"],
            "{:.2f}×",
            lambda v: v <= MAX_ARCHIVE_COLD_OVER_HUGO,
            f"CPU time {_fmt(cpu['cold_over_hugo'], '{:.2f}×')}",
        ),
        (
            "default build's process tree under 1 GB",
            peak["default_tree"] if result["seconds"]["ours_default"] is not None else None,
            "{:.0f} MB",
            lambda v: v < MAX_ARCHIVE_PEAK_MB,
            "search included; larger of time -v and the process tree's Pss",
        ),
        (
            "one-file rebuild under 300 ms",
            result["rebuild"]["end_to_end_ms"],
            "{:.0f} ms",
            lambda v: v < MAX_REBUILD_MS,
            f"end to end; the watcher's own figure {_fmt(result['rebuild']['reported_ms'], '{:.0f} ms')}",
        ),
    ]
    return _judged(checks)


Check = tuple[str, float | None, str, Callable[[float], bool], str]


def _judged(checks: list[Check]) -> list[dict[str, Any]]:
    return [
        {
            "target": name,
            "value": value,
            "shown": _fmt(value, pattern),
            "verdict": "n/a" if value is None else "PASS" if passes(value) else "FAIL",
            "context": context,
        }
        for name, value, pattern, passes, context in checks
    ]


def memory_slope(results: list[dict[str, Any]]) -> list[str]:
    """How the pages build's peak memory (process tree) grows from one size to the next, per 1,000 explainers."""
    sized = [(r["n"], r["peak_mb"]["ours_tree"]) for r in results if r["seconds"]["ours_cold"] is not None]
    return [
        f"N = {a:,} → {b:,}: {peak_a:.0f} → {peak_b:.0f} MB, {(peak_b - peak_a) / (b - a) * 1000:+.1f} MB per 1,000"
        for (a, peak_a), (b, peak_b) in itertools.pairwise(sized)
    ]


# -- main -------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def out(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": out(["git", "rev-parse", "--short", "HEAD"]),
        "dirty": bool(out(["git", "status", "--porcelain", "--untracked-files=no", "generator", "templates"])),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "hugo": out([HUGO, "version"]).split(" BuildDate")[0],
        "mkdocs": out([str(PYTHON), "-m", "mkdocs", "--version"])
        .split(" from ")[0]
        .replace("python -m mkdocs,", "MkDocs"),
    }


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Our build time against Hugo and plain MkDocs (see bench/README.md).")
    parser.add_argument("--sizes", default="1,100,1000", help="numbers of explainers, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each build per size")
    parser.add_argument("--mkdocs-repeats-large", type=int, default=1, help="MkDocs runs at large sizes (slow)")
    parser.add_argument("--large-from", type=int, default=1000, help="sizes from which MkDocs runs fewer times")
    parser.add_argument("--skip-mkdocs-from", type=int, default=10000, help="sizes from which MkDocs is not run")
    parser.add_argument("--rebuilds", type=int, default=6, help="edits timed in the watch loop per size (0: skip)")
    parser.add_argument(
        "--edit-pause", type=float, default=1.0, help="seconds between one rebuild showing up and the next edit"
    )
    parser.add_argument(
        "--steps",
        default="cold,warm,index,default,hugo,mkdocs",
        help="the builds run at each size, comma-separated; `cold,hugo --rebuilds 0`: ours against Hugo alone",
    )
    parser.add_argument("--seed", type=int, default=20230912, help="seed of the synthetic content")
    parser.add_argument("--workdir", type=Path, default=None, help="where to build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and outputs")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target at N = 1,000 is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    for tool in (TIME, HUGO):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} is missing: apt-get install time hugo")
    commands, help_text = generator_commands()
    if "build" not in commands:
        raise SystemExit(f"`python -m generator --help` does not list a build command:\n{help_text}")
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores; Python {info['python']}; {info['hugo']}; {info['mkdocs']}")
    print(
        f"generator at {info['commit']}{' (+ uncommitted changes)' if info['dirty'] else ''}; "
        f"watch command: {'yes' if 'watch' in commands else 'no'}"
    )
    work = args.workdir or Path(tempfile.mkdtemp(prefix="explainers-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            results.append(bench_size(n, args, work, commands))
            print("\n" + table(results[-1:]), flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)

    print("\n== All sizes (medians; ratios are ratios of medians) ==\n" + table(results))
    slope = memory_slope(results)
    if slope:
        print("\n== Pages build peak memory (process tree) as the site grows ==\n  " + "\n  ".join(slope))
    verdicts: dict[str, list[dict[str, Any]]] = {}
    for size, judge in ((TARGET_N, verdict), (ARCHIVE_N, archive_verdict)):
        judged = next((r for r in results if r["n"] == size), None)
        if judged is None:
            print(f"\n(no verdict at N = {size:,}: add it to --sizes)")
            continue
        verdicts[str(size)] = judge(judged)
        print(f"\n== Verdict at N = {size:,} ==")
        for check in verdicts[str(size)]:
            print(f"  {check['verdict']:4s}  {check['target']:44s} {check['shown']:>9s}   ({check['context']})")
    checks = [check for found in verdicts.values() for check in found]
    settings = {k: v for k, v in vars(args).items() if k not in ("workdir", "json")}
    document = {"machine": info, "settings": settings, "results": results, "verdict": verdicts, "memory_slope": slope}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_rounded(document), indent=1, ensure_ascii=False)
    text = re.sub(r"\[\s*([^\[\]{}]*?)\s*\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)
    args.json.write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {args.json.relative_to(REPO) if args.json.is_relative_to(REPO) else args.json}")
    return 1 if args.strict and any(check["verdict"] == "FAIL" for check in checks) else 0


def _rounded(value: Any) -> Any:
    """Floats to 3 decimals, so the committed JSON stays small and readable."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
