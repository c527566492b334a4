"""Random sequences of what editors do, built incrementally, give byte for byte the site a build from nothing gives.

The incremental machinery (the build cache, related reading that moves, list pages made only when a listing
changed, kept share cards and their pruning, search shards re-indexed only where pages changed, the pages of a
file moved or only touched) is where a build can go quietly wrong: a stale list, a card no page shows, a page
left behind. Every test in test_incremental.py checks one change chosen by hand; this one lets a seeded random
sequence choose, on enough explainers that the build forks its workers (parallel.MIN_ITEMS_PER_WORKER), and
compares each incremental result with a build of the same files from nothing. Two ways of building each
step are checked: a new process each time (`generator build`, a new Build reading the cache file), and one
pipeline kept across steps (as the preview keeps it, with the cache in memory).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build_site, hashes

from generator.build import Build
from generator.problems import ContentError
from generator.project import Project

sys.path.insert(0, str(REPO / "bench"))
from synthetic import TOPICS, explainer_yaml, make_project  # bench/ is not a package

EXPLAINERS = 66  # two workers' worth and a little: a few deletions take the build under, and back over
STEPS = 8
Explainers = dict[str, dict[str, Any]]  # by slug


class Editor:
    """Edits the same explainers the same way in several copies of a project (the seeded `rng` decides)."""

    def __init__(self, roots: list[Path], explainers: Explainers, rng: random.Random) -> None:
        self.roots, self.explainers, self.rng = roots, explainers, rng
        self.places = {slug: Path(f"{slug}.yml") for slug in explainers}  # each file, under content/explainers/
        self.added = 0
        self.log: list[str] = []

    def _write(self, slug: str) -> None:
        for root in self.roots:
            path = root / "content" / "explainers" / self.places[slug]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(explainer_yaml(self.explainers[slug]), encoding="utf-8")

    def _pick(self) -> str:
        return self.rng.choice(sorted(self.explainers))

    def retitle(self) -> None:
        slug = self._pick()
        title = self.explainers[slug]["title"]
        title["ar"], title["en"] = title["ar"] + " مجددا", title["en"] + " again"
        self._write(slug)

    def redate(self) -> None:
        slug = self._pick()
        explainer = self.explainers[slug]
        explainer["published"] = dt.date(2012, 1, 1) + dt.timedelta(days=self.rng.randint(0, 13 * 365 - 1))
        if "updated" in explainer:  # after the new date, and said what changed on that day (`check`)
            explainer["updated"] = explainer["published"] + dt.timedelta(days=30)
            explainer["updates"][0]["date"] = explainer["published"] + dt.timedelta(days=30)
        explainer["timeline"] = [
            event for event in explainer["timeline"] if event["date"] <= explainer["published"].isoformat()
        ] or explainer["timeline"][:1]
        self._write(slug)

    def retopic(self) -> None:
        slug = self._pick()
        self.explainers[slug]["topics"] = self.rng.sample(TOPICS, self.rng.randint(0, 2))
        self._write(slug)

    def delete(self) -> None:
        slug = self._pick()
        for root in self.roots:
            (root / "content" / "explainers" / self.places[slug]).unlink()
        del self.explainers[slug], self.places[slug]

    def add(self) -> None:
        self.added += 1
        twin = copy.deepcopy(self.explainers[self._pick()])
        twin["slug"] = slug = f"{twin['slug'][:40]}-added-{self.added}"
        twin["title"]["ar"] += f" {self.added} إضافة"
        twin["title"]["en"] += f" (added {self.added})"
        self.explainers[slug], self.places[slug] = twin, Path(f"{slug}.yml")
        self._write(slug)

    def touch(self) -> None:
        slug = self._pick()
        for root in self.roots:
            path = root / "content" / "explainers" / self.places[slug]
            later = path.stat().st_mtime + 60
            os.utime(path, (later, later))

    def move(self) -> None:
        slug = self._pick()
        moved = Path("archive", f"{slug}.yml") if self.places[slug].parent == Path() else Path(f"{slug}.yml")
        for root in self.roots:
            folder = root / "content" / "explainers"
            (folder / moved).parent.mkdir(exist_ok=True)
            (folder / self.places[slug]).rename(folder / moved)
        self.places[slug] = moved

    def step(self) -> None:
        operations: list[Callable[[], None]] = [
            self.retitle,
            self.redate,
            self.retopic,
            self.delete,
            self.add,
            self.touch,
            self.move,
        ]
        for operation in self.rng.sample(operations, self.rng.randint(1, 3)):
            operation()
            self.log.append(operation.__name__)

    def broken(self) -> Callable[[], None]:
        """Break one file in every copy (YAML that does not parse); returns what puts it back."""
        slug = self._pick()
        paths = [root / "content" / "explainers" / self.places[slug] for root in self.roots]
        kept = [path.read_bytes() for path in paths]
        for path in paths:
            path.write_text("title: [unclosed\n", encoding="utf-8")

        def mend() -> None:
            for path, data in zip(paths, kept, strict=True):
                path.write_bytes(data)

        return mend


def differing(site: dict[str, str], fresh: dict[str, str]) -> list[str]:
    return sorted(name for name in set(site) | set(fresh) if site.get(name) != fresh.get(name))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [20230912])
def test_random_edits_built_incrementally_equal_a_build_from_nothing(tmp_path: Path, seed: int) -> None:
    """After each step of 1-3 random edits (retitle, redate, retopic, delete, add, touch, move), the site of
    a new process's build and the site of a kept pipeline each equal a build of the same files from nothing;
    a file broken midway stops both builds and leaves each site as it was."""
    made = make_project(EXPLAINERS, tmp_path / "one", check=False)
    shutil.copytree(tmp_path / "one", tmp_path / "kept")
    one, kept_root = Project(tmp_path / "one"), Project(tmp_path / "kept")
    explainers = {explainer["slug"]: explainer for explainer in made}
    editor = Editor([one.root, kept_root.root], explainers, random.Random(seed))
    build_site(one)
    kept = Build(kept_root)
    kept.run()
    for step in range(STEPS):
        editor.step()
        build_site(Project(one.root))  # a new process, as `generator build` is: the cache from its file
        kept.run()  # the pipeline kept, its cache in memory
        fresh = tmp_path / f"fresh-{step}"
        build_site(Project(one.root), fresh, use_cache=False)
        wanted = hashes(fresh)
        for label, site in (("new process", one.site), ("kept pipeline", kept_root.site)):
            wrong = differing(hashes(site), wanted)
            assert not wrong, f"step {step} ({editor.log}), {label}: {len(wrong)} files differ, e.g. {wrong[:6]}"
        shutil.rmtree(fresh)
        if step == STEPS // 2:  # a broken file: nothing written, and the next good build goes on from there
            mend = editor.broken()
            for build in (lambda: build_site(Project(one.root)), kept.run):
                with pytest.raises(ContentError):
                    build()
            assert hashes(one.site) == wanted and hashes(kept_root.site) == wanted
            mend()
