"""What share cards and pictures add to a build, measured side by side in one run.

    .venv/bin/python bench/cards.py [N]          # default N = 1,000

Makes N synthetic explainers (bench/synthetic.py), builds them cold (no `.cache/`, no `site/`, no search
index) and warm (nothing changed), then renders every share card of every explainer and language again on
its own, on the build's worker processes, and prints the cards' share of the cold build against issue 11's
target (images and cards add at most 30 % to a cold build, nothing to a warm one). The synthetic explainers
have no pictures, so this is the cards' cost; a picture is encoded once per digest and kept in `.cache/`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

from generator.build import Build
from generator.load import load
from generator.model import Explainer
from generator.parallel import parallel_map
from generator.project import Project


def timed_build(folder: Path) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", "generator", "--project", str(folder), "build", "--no-search"]
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as temporary:
        folder = Path(temporary) / "project"
        synthetic.make_project(count, folder, check=False)
        cold = timed_build(folder)
        warm = timed_build(folder)
        pipeline = Build(Project(folder), write=False, use_cache=False)
        pipeline.run()
        assert pipeline.renderer is not None and pipeline.site is not None
        renderer, codes = pipeline.renderer, [language.code for language in pipeline.site.languages]
        explainers = [Explainer.model_validate(load(path).data) for path in Project(folder).explainer_listing()[0]]
        started = time.perf_counter()
        cards = parallel_map(lambda item: [renderer.explainers[code].card(item) for code in codes], explainers)
        alone = time.perf_counter() - started
    total = sum(len(made) for made in cards)
    share = alone / (cold - alone)
    print(f"N = {count:,}: cold build {cold:.1f} s, warm build {warm:.2f} s (pages only, no search index)")
    each = alone / total * 1000
    print(f"share cards: {total:,} in {alone:.1f} s ({each:.1f} ms of wall time each, on the build's workers)")
    print(f"cards add {share:.0%} to the cold build (target at most 30 %), and nothing to the warm one")


if __name__ == "__main__":
    main()
