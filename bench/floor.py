"""The floor under our build: what the libraries the product names cost on the bench's explainers, beside Hugo.

Issue 13 asks the default build at N = 1,000 to take at most 1.5× Hugo's pages. This measures how much of
that budget the named stack itself takes, with nothing of ours around it: PyYAML (its C loader) reads each
explainer, Python-Markdown renders each text of each language (the plain-prose shortcut our build takes for
a text with no Markdown in it, `markup._no_markdown`, taken here too), Jinja2 renders one page per language
and it is written to disk, on two worker processes as our build uses the two cores. No checks, no direction
marks, no share cards, no list pages, no search index. Hugo builds the same explainers (bench/equivalents.py)
in the same run, interleaved. What the floor leaves of Hugo's 1.5× is what our own work may take.

    .venv/bin/python bench/floor.py --size 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import shutil
import statistics
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import equivalents
import synthetic
from run import HUGO, PYTHON, Run, set_aside, timed

# The same test as generator/markup.py's `_no_markdown` (a copy: the floor imports nothing of ours).
_MARKDOWN_CHARACTER = re.compile(r"[\\`*_\[\]<>&#!|~\n\x02\x03]")
_MARKDOWN_START = re.compile(r"\s*(?:[-+*>=]|\d+[.)])")
_PAGE = """<!doctype html><html lang="{{ code }}" dir="{{ direction }}"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><main>{% for part in parts %}{{ part }}{% endfor %}</main>
<nav>{% for topic in topics %}<a href="/{{ code }}/topics/{{ topic }}/">{{ topic }}</a>{% endfor %}</nav>
</body></html>"""


def _texts(node: Any, code: str) -> list[str]:
    """Every text of one language in an explainer, in order (a field's `{ar: …, en: …}` pairs)."""
    if isinstance(node, dict):
        if isinstance(node.get(code), str):
            return [node[code]]
        return [text for value in node.values() for text in _texts(value, code)]
    if isinstance(node, list):
        return [text for value in node for text in _texts(value, code)]
    return []


def _one(job: tuple[str, str]) -> int:
    """Read, render and write one explainer's two pages; returns the pages written."""
    import jinja2
    import markdown
    import yaml

    path, out = job
    explainer = yaml.load(Path(path).read_bytes(), Loader=yaml.CSafeLoader)
    page = jinja2.Environment(autoescape=False).from_string(_PAGE)
    renderer = markdown.Markdown()
    for code, direction in (("ar", "rtl"), ("en", "ltr")):
        parts = []
        for text in _texts(explainer, code):
            if _MARKDOWN_CHARACTER.search(text) or _MARKDOWN_START.match(text):
                parts.append(renderer.reset().convert(text))
            else:
                parts.append(f"<p>{escape(text)}</p>")
        html = page.render(
            code=code,
            direction=direction,
            title=escape(explainer["title"][code]),
            parts=parts,
            topics=explainer.get("topics", []),
        )
        target = Path(out) / code / explainer["slug"] / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return 2


def floor(project: Path, out: Path) -> None:
    """The floor build of `project`'s explainers into `out`, on two processes."""
    files = sorted(str(path) for path in (project / "content" / "explainers").glob("*.yml"))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        sum(pool.imap_unordered(_one, [(path, str(out)) for path in files], chunksize=16))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="explainers (default 1,000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="where to make the project (default: a new temporary folder)")
    parser.add_argument("--inner", nargs=2, type=Path, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        floor(*args.inner)
        return
    work = Path(tempfile.mkdtemp(prefix="floor-", dir=args.workdir))
    try:
        explainers = synthetic.make_project(args.size, work / "project", check=False)
        equivalents.make_hugo(explainers, work / "hugo")
        runs: dict[str, list[Run]] = {"floor": [], "hugo": []}
        commands = {
            "floor": ([str(PYTHON), __file__, "--inner", str(work / "project"), str(work / "floor-out")], "floor-out"),
            "hugo": ([HUGO, "--quiet", "-s", str(work / "hugo"), "-d", str(work / "hugo-out")], "hugo-out"),
        }
        for repeat in range(args.repeats):
            for name, (command, output) in commands.items():
                set_aside(work / output, work / "trash")
                run = timed(command, work, work / output)
                if not run.ok:
                    raise SystemExit(f"{name} failed: {run.error}")
                runs[name].append(run)
                print(f"  {repeat + 1}/{args.repeats} {name:5s} {run.seconds:6.2f} s wall {run.cpu_seconds:6.2f} s CPU "
                      f"{run.pages:5d} pages", flush=True)  # fmt: skip
        wall = {name: statistics.median(run.seconds for run in items) for name, items in runs.items()}
        cpu = {name: statistics.median(run.cpu_seconds for run in items) for name, items in runs.items()}
        print(f"N = {args.size:,}: the named stack alone {wall['floor']:.2f} s ({cpu['floor']:.2f} s CPU), Hugo "
              f"{wall['hugo']:.2f} s ({cpu['hugo']:.2f} s CPU): floor ÷ Hugo {wall['floor'] / wall['hugo']:.2f}× "
              f"wall, {cpu['floor'] / cpu['hugo']:.2f}× CPU; of the 1.5× budget it leaves "
              f"{1.5 - wall['floor'] / wall['hugo']:.2f}× of Hugo's time to our own work")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
