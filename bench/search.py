"""The search index at archive sizes: peak memory of the whole process tree, time, shards.

    .venv/bin/python bench/search.py 1000 10000          # sizes (explainers per language)
    .venv/bin/python bench/search.py --bound 1000 1000   # another bound on a shard's pages

For each N: a synthetic project (bench/synthetic.py), its pages built without search, then the search
index made alone (`generator.search.index`, in a child process), cold and again after one explainer's
page changed (the preview's case: one shard indexed again). Peak memory is the largest sum of Pss over
the process and all its descendants, sampled every 20 ms from /proc/<pid>/smaps_rollup (shared pages
counted once). `--one-index` also times all pages of a language as one shard (an index without shards).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def tree_pss(pid: int) -> int:
    """Pss in kB of a process and its descendants (children found through /proc/<pid>/task/*/children)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree Pss in MB, and the output of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        raise RuntimeError(f"{command} failed:\n{output[-3000:]}")
    return elapsed, peak // 1024, output


INDEX = """
import sys
from pathlib import Path
from generator import search, search_shards
site, out, previous, bound = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
search_shards.SHARD_PAGES = bound or search_shards.SHARD_PAGES
search.index(site, out, previous=Path(previous) if previous else None)
"""


def project(n: int, work: Path) -> Path:
    """A synthetic project of n explainers, its pages built without search (kept in `work` for the next run)."""
    folder = work / f"n{n}"
    if (folder / "site" / "index.html").is_file():
        return folder
    subprocess.run([PYTHON, str(REPO / "bench" / "synthetic.py"), str(n), str(folder)], check=True, cwd=REPO)
    subprocess.run([PYTHON, "-m", "generator", "--project", str(folder), "build", "--no-search"], check=True, cwd=REPO)
    return folder


def copies(n: int, k: int, work: Path) -> Path:
    """The explainer pages of the N-explainer site k times over (paths and a word told apart): N x k explainers
    per language for the indexer where bench/synthetic.py cannot make that many unique texts."""
    folder = work / f"n{n}x{k}"
    if (folder / "site").is_dir():
        return folder
    source = project(n, work) / "site"
    for path in sorted(source.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "data-search-body" not in html:
            continue
        for copy in range(k):
            relative = path.relative_to(source)
            target = folder / "site" / relative.parts[0] / f"{relative.parts[1]}-{copy}" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html.replace("</h1>", f" {copy}x{k}</h1>", 1), encoding="utf-8")
    return folder


def bench(n: int, work: Path, one_index: bool, bound: int | None, times: int) -> dict[str, object]:
    folder = copies(n, times, work) if times > 1 else project(n, work)
    site = folder / "site"
    size = f"{n}x{times}" if times > 1 else str(n)
    out = work / f"index-{size}"
    shutil.rmtree(out, ignore_errors=True)
    cold, cold_peak, _ = measure([PYTHON, "-c", INDEX, str(site), str(out), "", str(bound or 0)])
    manifest = json.loads((out / "shards.json").read_text(encoding="utf-8"))
    sizes = sorted(shard["pages"] for shard in manifest["shards"].values())
    # One explainer's English page changes: the preview's case (one shard is indexed again).
    page = next(p for p in sorted((site / "en").glob("*/index.html")) if "data-search-body" in p.read_text("utf-8"))
    page.write_text(page.read_text("utf-8").replace("</h1>", " edited</h1>", 1), encoding="utf-8")
    again = work / f"index-{size}-again"
    shutil.rmtree(again, ignore_errors=True)
    edit, edit_peak, _ = measure([PYTHON, "-c", INDEX, str(site), str(again), str(out), str(bound or 0)])

    def entry(index: Path, name: str) -> int:
        return (index / name / "meta.json").stat().st_ino

    changed = [name for name in manifest["shards"] if entry(again, name) != entry(out, name)]
    result: dict[str, object] = {
        "explainers_per_language": n * times,
        "cold_seconds": round(cold, 1),
        "cold_peak_mb": cold_peak,
        "edit_seconds": round(edit, 1),
        "edit_peak_mb": edit_peak,
        "shards": len(sizes),
        "largest_shard_pages": sizes[-1] if sizes else 0,
        "smallest_shard_pages": sizes[0] if sizes else 0,
        "shards_indexed_after_edit": changed,
    }
    if one_index:
        single = work / f"single-{size}"
        shutil.rmtree(single, ignore_errors=True)
        seconds, peak, _ = measure([PYTHON, "-c", INDEX, str(site), str(single), "", str(10**9)])
        result |= {"one_index_seconds": round(seconds, 1), "one_index_peak_mb": peak}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="explainers per language")
    parser.add_argument("--one-index", action="store_true", help="also index each language's pages as one shard")
    parser.add_argument("--bound", type=int, help="pages per shard at most (default: search_shards.SHARD_PAGES)")
    parser.add_argument("--copies", type=int, default=1, help="index the pages of N explainers this many times over")
    parser.add_argument("--work", type=Path, help="folder for the projects (default: a temporary one)")
    args = parser.parse_args()
    os.chdir(REPO)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-search-"))
    for n in args.sizes:
        print(json.dumps(bench(n, work, args.one_index, args.bound, args.copies), indent=1))


if __name__ == "__main__":
    main()
