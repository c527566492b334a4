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
import io
import os
import random
import shutil
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build_site, chart, hashes, photo
from PIL import Image

from generator import parallel, search
from generator.build import Build
from generator.problems import ContentError
from generator.project import Project

sys.path.insert(0, str(REPO / "bench"))
from synthetic import TOPICS, explainer_yaml, make_project  # bench/ is not a package

EXPLAINERS = 66  # two workers' worth and a little: a few deletions take the build under, and back over
STEPS = 8  # the kinds of edit dealt over them
PICTURES = ("harbour.jpg", "chart.png")  # in content/media/, for lead pictures
Explainers = dict[str, dict[str, Any]]  # by slug


class Editor:
    """Edits the same explainers the same way in several copies of a project (the seeded `rng` decides)."""

    def __init__(self, roots: list[Path], explainers: Explainers, rng: random.Random) -> None:
        self.roots, self.explainers, self.rng = roots, explainers, rng
        self.places = {slug: Path(f"{slug}.yml") for slug in explainers}  # each file, under content/explainers/
        self.added, self.page_size, self.renamed, self.painted = 0, 20, False, 0
        self.log: list[str] = []
        self.noted: set[Path] | None = set()  # what the edits since `take` changed, as a file watcher names it

    def _note(self, *names: Path) -> None:
        if self.noted is not None:
            self.noted.update(names)

    def take(self) -> set[Path] | None:
        """The files changed since the last take, under the project folder (None: stat them all, as the
        preview does after a folder's event)."""
        noted, self.noted = self.noted, set()
        return noted

    def _write(self, slug: str) -> None:
        self._note(Path("content", "explainers", self.places[slug]))
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
        if explainer["source"]["date"] > explainer["published"]:  # the article summarised was out by then
            explainer["source"]["date"] = explainer["published"].replace()  # a copy: one object twice is an alias
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
        self._note(Path("content", "explainers", self.places[slug]))
        for root in self.roots:
            (root / "content" / "explainers" / self.places[slug]).unlink()
        del self.explainers[slug], self.places[slug]

    def add(self) -> None:
        self.added += 1
        twin = copy.deepcopy(self.explainers[self._pick()])
        twin["slug"] = slug = f"{twin['slug'][:40].rstrip('-')}-added-{self.added}"
        twin["title"]["ar"] += f" {self.added} إضافة"
        twin["title"]["en"] += f" (added {self.added})"
        self.explainers[slug], self.places[slug] = twin, Path(f"{slug}.yml")
        self._write(slug)

    def touch(self) -> None:
        slug = self._pick()
        self._note(Path("content", "explainers", self.places[slug]))
        for root in self.roots:
            path = root / "content" / "explainers" / self.places[slug]
            later = path.stat().st_mtime + 60
            os.utime(path, (later, later))

    def move(self) -> None:
        slug = self._pick()
        moved = Path("archive", f"{slug}.yml") if self.places[slug].parent == Path() else Path(f"{slug}.yml")
        self._note(*(Path("content", "explainers", place) for place in (self.places[slug], moved)))
        if not (self.roots[0] / "content" / "explainers" / moved.parent).is_dir():
            self.noted = None  # a folder made: the watcher's event for it makes the preview stat every file
        for root in self.roots:
            folder = root / "content" / "explainers"
            (folder / moved).parent.mkdir(exist_ok=True)
            (folder / self.places[slug]).rename(folder / moved)
        self.places[slug] = moved

    def reslug(self) -> None:
        """A new address in the same file: the old pages must go."""
        slug = self._pick()
        explainer, place = self.explainers.pop(slug), self.places.pop(slug)
        explainer["slug"] = new = f"{slug[:40].rstrip('-')}-moved-{len(self.log)}"
        self.explainers[new], self.places[new] = explainer, place
        self._write(new)

    def illustrate(self) -> None:
        """A lead picture given, or another one, or none: the pages, the cards of lists and related reading."""
        self.picture(self._pick(), self.rng.choice([None, *PICTURES]))

    def picture(self, slug: str, name: str | None) -> None:
        explainer = self.explainers[slug]
        explainer.pop("image", None)
        if name is not None:
            alt = {"ar": "صورة من الاختبار.", "en": f"A picture of the tests ({name})."}
            explainer["image"] = {"file": f"media/{name}", "alt": alt, "credit": {"ar": "الاختبار", "en": "Tests"}}
        self._write(slug)

    def repaint(self) -> None:
        """A picture replaced under the same name: every page that shows it."""
        self.painted += 1
        output = io.BytesIO()
        Image.new("RGB", (1000, 600), (40 * self.painted % 256, 83, 148)).save(output, format="PNG")
        self._note(Path("content", "media", "chart.png"))
        for root in self.roots:
            (root / "content" / "media" / "chart.png").write_bytes(output.getvalue())

    def _replace(self, name: str, old: str, new: str) -> None:
        self._note(Path(name))
        for root in self.roots:
            path = root / name
            text = path.read_text(encoding="utf-8")
            assert old in text, (name, old)
            path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def repaginate(self) -> None:
        """Another page size (site.yml): list pages appear and go."""
        size = self.rng.choice([s for s in (7, 13, 20) if s != self.page_size])
        self._replace("content/site.yml", f"\npage_size: {self.page_size}\n", f"\npage_size: {size}\n")
        self.page_size = size

    def rename_topic(self) -> None:
        """A topic's English name (site.yml): its pages, and every card and page that names it."""
        self.renamed = not self.renamed
        old, new = "en: North Korea}", "en: North Korea (DPRK)}"
        self._replace("content/site.yml", *((old, new) if self.renamed else (new, old)))

    def restyle(self) -> None:
        """A template the cards are drawn with (templates/_card.html) gains a line."""
        self._replace("templates/_card.html", "</li>\n", f"</li>\n<!-- {len(self.log)} -->\n")

    def steps(self, count: int) -> list[list[Callable[[], None]]]:
        """`count` steps of edits: every kind of edit in some step (shuffled, one or two a step), and now and
        then one more chosen at random."""
        kinds: list[Callable[[], None]] = [
            self.illustrate,
            self.repaint,
            self.reslug,
            self.repaginate,
            self.rename_topic,
            self.restyle,
            self.retitle,
            self.redate,
            self.retopic,
            self.delete,
            self.add,
            self.touch,
            self.move,
        ]
        deck = self.rng.sample(kinds, len(kinds))
        cuts = sorted(self.rng.sample(range(1, len(deck)), count - 1))
        dealt = [deck[start:end] for start, end in zip([0, *cuts], [*cuts, len(deck)], strict=True)]
        return [step + ([self.rng.choice(kinds)] if self.rng.random() < 0.3 else []) for step in dealt]

    def apply(self, step: list[Callable[[], None]]) -> None:
        for edit in step:
            edit()
            self.log.append(edit.__name__)

    def broken(self) -> Callable[[], None]:
        """Break one file in every copy, one of the ways editors do (YAML that does not parse, another file's
        address, a picture that is not there, a required field gone); returns what puts it back."""
        slug = self._pick()
        explainer = copy.deepcopy(self.explainers[slug])
        how = self.rng.choice(["yaml", "slug", "picture", "field"])
        if how == "slug":
            explainer["slug"] = self.rng.choice([other for other in sorted(self.explainers) if other != slug])
        elif how == "picture":
            explainer["image"] = {"file": "media/nothing.png", "alt": {"ar": "لا شيء.", "en": "Nothing."}}
        else:
            del explainer["title"]
        text = "title: [unclosed\n" if how == "yaml" else explainer_yaml(explainer)
        paths = [root / "content" / "explainers" / self.places[slug] for root in self.roots]
        self._note(Path("content", "explainers", self.places[slug]))
        kept = [path.read_bytes() for path in paths]
        for path in paths:
            path.write_text(text, encoding="utf-8")
        self.log.append(f"broken ({how})")

        def mend() -> None:
            self._note(Path("content", "explainers", self.places[slug]))
            for path, data in zip(paths, kept, strict=True):
                path.write_bytes(data)

        return mend


def differing(site: dict[str, str], fresh: dict[str, str]) -> list[str]:
    return sorted(name for name in set(site) | set(fresh) if site.get(name) != fresh.get(name))


class Preview:
    """The preview's pipeline (preview.watch, less its watcher's threads): built once, then each save replaces
    the changed files in place (`follow_saves`), in this process (no workers, as threads run there), statting
    only the files a watcher names, and the search index is brought up to date apart."""

    def __init__(self, project: Project) -> None:
        self.root = project.root
        self.build = Build(project)
        self.build.run()
        self.build.folder.follow_saves()

    def run(self, changed: set[Path] | None) -> None:
        """A save's rebuild, statting only the files `changed` names (under the project), as the watcher named
        them (None: every file)."""
        parallel.allow_processes(False)
        try:
            self.build.run(None if changed is None else {(self.root / name).resolve() for name in changed})
        finally:
            parallel.allow_processes(True)

    def index(self) -> None:
        """What its search loop does once edits pause."""
        self.build.folder.index_search()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [20230912])
def test_random_edits_built_incrementally_equal_a_build_from_nothing(tmp_path: Path, seed: int) -> None:
    """After each step of random edits (every kind in some step; to explainers: retitle, redate, retopic,
    delete, add, touch, move, reslug, illustrate; a picture replaced; to the site: repaginate, rename a topic,
    restyle a template), the site of a new process's build, of a kept pipeline and of the preview's (its
    pages, then with its index brought up to date) each equal a build of the same files from nothing; a file
    broken midway (YAML, address, picture or field) stops every build and leaves each site as it was."""
    made = make_project(EXPLAINERS, tmp_path / "one", check=False)
    (tmp_path / "one" / "content" / "media").mkdir()
    for name, data in zip(PICTURES, (photo(), chart()), strict=True):
        (tmp_path / "one" / "content" / "media" / name).write_bytes(data)
    for name in ("kept", "preview"):
        shutil.copytree(tmp_path / "one", tmp_path / name)
    one, kept_root, preview_root = (Project(tmp_path / name) for name in ("one", "kept", "preview"))
    explainers = {explainer["slug"]: explainer for explainer in made}
    editor = Editor([one.root, kept_root.root, preview_root.root], explainers, random.Random(seed))
    for slug, name in zip(sorted(explainers)[::20], [*PICTURES, *PICTURES], strict=False):  # some shown from the start
        editor.picture(slug, name)
    build_site(one)
    kept = Build(kept_root)
    kept.run()
    preview = Preview(preview_root)
    editor.take()  # the pictures above: built

    def pages(site: dict[str, str]) -> dict[str, str]:
        return {name: sha for name, sha in site.items() if not name.startswith(search.FOLDER + "/")}

    for step, edits in enumerate(editor.steps(STEPS)):
        editor.apply(edits)
        build_site(Project(one.root))  # a new process, as `generator build` is: the cache from its file
        kept.run()  # the pipeline kept, its cache in memory
        preview.run(editor.take())
        fresh = tmp_path / f"fresh-{step}"
        build_site(Project(one.root), fresh, use_cache=False)
        wanted = hashes(fresh)
        wrong = {
            label: differing(hashes(site), wanted)
            for label, site in (("new process", one.site), ("kept pipeline", kept_root.site))
        }
        wrong["preview, its pages"] = differing(pages(hashes(preview_root.site)), pages(wanted))
        preview.index()
        wrong["preview, indexed"] = differing(hashes(preview_root.site), wanted)
        assert not any(wrong.values()), f"step {step} ({editor.log}): {wrong}"
        shutil.rmtree(fresh)
        if step == STEPS // 2:  # a broken file: nothing written, and the next good build goes on from there
            mend = editor.broken()
            for build in (partial(build_site, Project(one.root)), kept.run, partial(preview.run, editor.take())):
                with pytest.raises(ContentError):
                    build()
            for root in (one, kept_root, preview_root):
                assert hashes(root.site) == wanted, root.root.name
            mend()
