"""The build cache is data: it round-trips, any damage means a full rebuild, and nothing in it can run."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_SLUG, build, build_site, copy_project
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import swap
from generator.cache import EXPLAINERS_A_PART, FORMAT, decode, never, pieces, saver
from generator.problems import ContentError
from generator.project import Project

FOLDER = Path("content", "explainers")  # where the explainers named in a sample cache are

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


SAMPLE = json.dumps(
    {
        "format": FORMAT,
        "fingerprint": "f",
        "site_path": "/x/site",
        "search_stale": False,
        "media_time": 5,
        "index_files": {"names": ["search-index/en-2023/meta.json"], "sizes": [40], "times": [7]},
        "site": {"names": ["index.html"], "shas": ["abc"], "sizes": [1], "times": [2]},
        "explainers": {
            "a.yml": {
                "digest": "d",
                "stat": [1, 2],
                "media": {"media/a.jpg": [3, 4]},
                "pages": ["ar/a/index.html"],
                "related": "r",
                "claim": [["a", 1, 1, "slug"]],
                "listing": {
                    "slug": "a",
                    "published": "2023-09-12",
                    "updated": None,
                    "topics": ["x"],
                    "title": {"ar": "ع", "en": "E"},
                    "dek": {"ar": "ع", "en": "E"},
                    "characters": {"ar": "ع", "en": "E"},
                    "thumbnail": {
                        "sources": [["image/webp", [["media/a.0123456789.480.webp", 480]]]],
                        "fallback": "media/a.0123456789.1200.jpg",
                        "width": 480,
                        "height": 320,
                        "localized": [],
                    },
                    "authors": {"ar": ["ع"], "en": ["E"]},
                    "corrections": {"ar": [], "en": []},
                    "first_slug": "a",
                },
                "listed": "l",
            }
        },
        "lists": ["k", ["ar/index.html"]],
        "list_inputs": {"s": "ar/index.html"},
    }
)


def test_the_sample_is_a_cache_this_version_reads() -> None:
    """The sample the damage test starts from is whole, so that what breaks it is the damage alone."""
    cache = decode(b"\n" + SAMPLE.encode(), FOLDER)  # after the first line, which is warm.py's
    assert cache is not None and cache.site == {"index.html": ("abc", 1, 2)}
    listing = cache.explainers["a.yml"].listing
    assert listing is not None and listing.digest == "l"  # as the build that wrote it worked it out
    assert json.loads(b"".join(pieces(cache)).partition(b"\n")[2]) == json.loads(SAMPLE)


def built(project: Project) -> bytes:
    build_site(project, search=False)
    return (project.root / ".cache" / "build.json").read_bytes()


def test_the_cache_round_trips(project: Project) -> None:
    raw = built(project)
    cache = decode(raw, project.explainers)
    assert cache is not None and cache.explainers
    assert b"".join(pieces(cache)) == raw


def paths(value: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON value, to damage any of them."""
    found = [at]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        found += paths(item, (*at, key))
    return found


@settings(max_examples=300, deadline=None)
@given(at=st.sampled_from(paths(json.loads(SAMPLE))[1:]), value=JSON_VALUES)
def test_damage_anywhere_means_no_cache_never_a_crash(at: tuple[object, ...], value: object) -> None:
    data = json.loads(SAMPLE)
    parent = data
    for key in at[:-1]:
        parent = parent[key]
    parent[at[-1]] = value
    result = decode(b"\n" + json.dumps(data).encode(), FOLDER)
    well_typed = result is None or decode(b"".join(pieces(result)), FOLDER) == result
    assert well_typed, "what is accepted is a well-typed cache"


def test_a_planted_pickle_is_never_loaded(project: Project, tmp_path: Path) -> None:
    proof = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {proof}",))

    (project.root / ".cache").mkdir()
    for name in ("build.pickle", "build.json"):
        (project.root / ".cache" / name).write_bytes(pickle.dumps(Payload()))
    build_site(project, search=False)
    assert not proof.exists()
    assert (project.site / "index.html").is_file()


def test_a_fifo_in_place_of_the_cache_does_not_hang_the_build(project: Project) -> None:
    (project.root / ".cache").mkdir()
    os.mkfifo(project.root / ".cache" / "build.json")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-search"], cwd=project.root, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert (project.site / "index.html").is_file()


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("build.lock", "build"),
        ("inputs.json", "build"),
        ("published.json", "build"),
        ("published.json", "check"),
        ("check.json", "check"),
    ],
)
def test_a_fifo_planted_in_the_cache_hangs_no_command(project: Project, name: str, command: str) -> None:
    """A FIFO in place of any file of the cache hung `build` or `check` for ever, no word said (an outside
    tester's): a cache file that is not a regular file is no cache, replaced when the command writes it."""
    build_site(project, search=False)
    (project.root / ".cache" / name).unlink(missing_ok=True)
    os.mkfifo(project.root / ".cache" / name)
    edited_and_run(project, command, timeout=60)
    if command == "build":
        assert (project.root / ".cache" / name).is_file()  # written anew in its place


def test_the_build_lock_is_never_a_link_followed(project: Project, tmp_path: Path) -> None:
    """Opened to append, a link at `.cache/build.lock` made the file it names, outside the project."""
    lock, outside = project.root / ".cache" / "build.lock", tmp_path / "outside"
    lock.parent.mkdir()
    lock.symlink_to(outside)
    with swap.exclusive(lock):
        assert lock.is_file() and not lock.is_symlink()
    assert not outside.exists()


def test_a_folder_at_the_build_lock_is_taken_out_when_empty_and_named_when_not(project: Project) -> None:
    """An empty folder at `.cache/build.lock` stopped every build, "is a directory", until removed by hand (an
    outside tester's), where anything else there counts as none: it does too; one holding files is left, and
    named with what to do."""
    lock = project.root / ".cache" / "build.lock"
    lock.mkdir(parents=True)
    with swap.exclusive(lock):
        assert lock.is_file()
    lock.unlink()
    (lock / "kept").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-search"], cwd=project.root, capture_output=True, text=True
    )
    assert result.returncode == 1 and (lock / "kept").is_dir()
    assert result.stderr == (
        "python -m generator build: directory not empty (.cache/build.lock): a folder stands where a file goes;"
        " remove it\n"
    )


def test_a_save_gives_way_when_told_and_is_whole_when_not(project: Project, tmp_path: Path) -> None:
    """The preview saves its cache while the editor pauses, asking between parts whether an edit came: a save
    told to stop, though it had written pieces, leaves the file as it was and nothing beside it (and says so);
    one left alone writes a cache that reads back the same."""
    cache = decode(built(project), project.explainers)
    assert cache is not None
    seed = next(iter(cache.explainers.values()))
    cache.explainers = {f"copy-{number}.yml": seed for number in range(2 * EXPLAINERS_A_PART + 1)}
    asked: list[int] = []

    def edit_at_second_part() -> bool:
        asked.append(1)
        return len(asked) > 1

    target = tmp_path / "build.json"
    target.write_bytes(b"the last save")
    assert saver(cache, target)(edit_at_second_part) is False  # the warm line was written, then it stopped
    assert target.read_bytes() == b"the last save" and len(asked) == 2
    asked.clear()  # asked before the warm line, which is one piece, and before each of the three parts
    assert saver(cache, target)(lambda: len(asked) == 3 or bool(asked.append(1))) is False
    assert target.read_bytes() == b"the last save" and len(asked) == 3
    assert [path.name for path in tmp_path.iterdir() if path.is_file()] == ["build.json"]
    assert saver(cache, target)(never) is True
    assert target.read_bytes() == b"".join(pieces(cache))


def test_a_moved_or_copied_project_builds_with_its_cache(two_explainer_project: Project, tmp_path: Path) -> None:
    """The cache held each explainer's whole path: moved (a renamed folder, a CI cache restored in another
    workspace), a project's next build said its files were missing; copied, an edit in the copy ended every
    build in an internal error (an outside tester's). Each file is now found by its name in the project."""
    project = two_explainer_project
    shutil.rmtree(project.root / "templates")  # the generator's own, whose path (in the cache's key) stays
    build_site(project, search=False)
    moved = Project(project.root.rename(tmp_path / "renamed"))
    assert "en/index.html" in build(moved)  # `check`, which reads the cache too
    assert "en/index.html" in build_site(moved, search=False)  # its site folder elsewhere: written again
    copy = Project(tmp_path / "staging")
    shutil.copytree(moved.root, copy.root)
    seed = next(copy.explainers.glob("*.yml"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("Kim Jong Un", "Kim Jong-un", 1), encoding="utf-8")
    written = build_site(copy, search=False)
    page = next(name for name in written if name.startswith("en/") and name.endswith("/index.html") and "/" in name[3:])
    assert "Kim Jong-un" in (copy.site / page).read_text(encoding="utf-8")
    assert build_site(moved, search=False) == {}  # and the original is as it was


def test_a_cache_restored_in_another_workspace_still_knows_what_was_published(project: Project, tmp_path: Path) -> None:
    """CI restores `.cache/` into a fresh checkout at another path, with no site folder: the record of what was
    published, named by the site's whole path, was lost there, and a checkout with its explainers gone built an
    empty site without a word (an outside tester's). It is named by the site's path in the project."""
    subprocess.run([sys.executable, "-m", "generator", "build", "--no-search"], cwd=project.root, check=True)
    elsewhere = copy_project(tmp_path / "workspace")
    shutil.copytree(project.root / ".cache", elsewhere.root / ".cache")
    for explainer in elsewhere.explainers.glob("*.yml"):
        explainer.unlink()
    with pytest.raises(ContentError, match="has no explainers, and building would remove"):
        build_site(elsewhere, search=False)


@pytest.mark.parametrize(
    ("name", "command"),
    [("build.json", "build"), ("inputs.json", "build"), ("published.json", "build"), ("published.json", "check")],
)
def test_a_cache_file_nested_deeper_than_the_parser_goes_is_no_cache(project: Project, name: str, command: str) -> None:
    """10 KB of `[` in a cache file stopped every `build` and `check` with an internal error, `--no-cache` too
    for `published.json` (an outside tester's): it is damaged, so it is no cache, and the command goes on."""
    build_site(project, search=False)
    (project.root / ".cache" / name).write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    edited_and_run(project, command)


def edited_and_run(project: Project, command: str, timeout: int = 120) -> None:
    """The seed explainer edited, then `command` run in a new process: it succeeds saying nothing, and a build
    publishes the edit (what a planted cache file must not stop)."""
    seed = next(project.explainers.glob("*.yml"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("Kim Jong Un", "Kim Jong-un", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", command, *(["--no-search"] if command == "build" else [])],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert (result.returncode, result.stderr) == (0, "")
    if command == "build":
        assert "Kim Jong-un" in (project.site / "en" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
