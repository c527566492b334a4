"""Write the finished site atomically: the old site stays until the new one is complete."""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import swap

# Files every build writes at the top of the site folder: a non-empty folder without them is not ours.
SITE_SIGNATURE = ("index.html", "sitemap.xml", "robots.txt")


class SiteFolderError(Exception):
    """The folder asked for as the site is not the tool's to replace; the message is one line."""


def guard_site_folder(site: Path, project_root: Path, sources: list[Path]) -> None:
    """Refuse a site folder whose replacement would lose someone's files.

    A build replaces its site folder whole, so it must never be the project, one of its source folders, a
    folder inside one or around one, or an existing non-empty folder that a build did not make (every build
    writes `SITE_SIGNATURE`; that is the marker, so nothing hidden is added to the published files)."""
    site, root = site.resolve(), project_root.resolve()
    if site == root or site in root.parents:
        raise SiteFolderError(f"{site} holds the project itself; choose a folder of its own, such as site/")
    for source in (path.resolve() for path in sources):
        if site == source or site in source.parents or source in site.parents:
            raise SiteFolderError(f"{site} would replace the project's {source.name}/ folder; choose another")
    if site.exists() and not site.is_dir():
        raise SiteFolderError(f"{site} is a file; the site needs a folder")
    if site.is_dir() and any(site.iterdir()) and not all((site / name).is_file() for name in SITE_SIGNATURE):
        raise SiteFolderError(f"{site} already holds files that no build wrote; empty it or choose another folder")


def _inside(relative: str) -> str:
    """A site path, refused if it would land outside the site folder."""
    normal = posixpath.normpath(relative)
    if normal == ".." or normal.startswith(("../", "/")):
        raise ValueError(f"refusing to write outside the site folder: {relative}")
    return normal


# A published site is read by a web server running as another user: whatever the builder's umask (077 on
# many shared servers), its files are readable by all and its folders can be listed by all.
FILE_MODE, FOLDER_MODE = 0o644, 0o755


def _write_public(path: Path, data: bytes) -> None:
    """Write a file with FILE_MODE, set explicitly: the mode given to open() is cut by the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    with open(descriptor, "wb") as handle:
        handle.write(data)


def _make_folders(folder: Path, parents: set[Path]) -> None:
    """Make every folder on the way from `folder` to each of `parents`, each new one with FOLDER_MODE."""
    made: set[Path] = set()
    for parent in sorted(parents):
        current = folder
        for part in parent.relative_to(folder).parts:
            current = current / part
            if current in made:
                continue
            made.add(current)
            try:
                current.mkdir()
            except FileExistsError:
                continue
            current.chmod(FOLDER_MODE)


def _publishable(folder: Path) -> None:
    """Give every folder and file under `folder` (itself included) FOLDER_MODE or FILE_MODE: what other
    programs wrote there (the search index) followed the umask. Symbolic links are left alone."""
    folder.chmod(FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name, mode in [*((name, FOLDER_MODE) for name in folders), *((name, FILE_MODE) for name in files)]:
            path = os.path.join(root, name)
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                os.chmod(path, mode)


def _write_files(folder: Path, files: dict[str, bytes], suffix: str = "") -> list[tuple[Path, Path]]:
    """Write files under `folder` (each at its name plus `suffix`), on a few threads: the time goes to the
    file system, not to Python. Returns (written, target) pairs. Files and new folders get FILE_MODE and
    FOLDER_MODE whatever the umask."""
    targets = {relative: folder / _inside(relative) for relative in files}
    _make_folders(folder, {target.parent for target in targets.values()})
    pairs = [(target.with_name(f".{target.name}{suffix}") if suffix else target, target) for target in targets.values()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda pair, data: _write_public(pair[0], data), pairs, files.values()))
    return pairs


def write_site(outputs: dict[str, bytes], site: Path, before_swap: Callable[[Path], None] | None = None) -> None:
    """Write every file into a new version of `site` beside it, then exchange it in whole (`swap`).

    A failure or a crash at any point (full disk, bad path, a kill) leaves the previous `site/` exactly as
    it was; `before_swap` (the search index) works on the new version, so pages and index change together."""

    def produce(staging: Path) -> None:
        _write_files(staging, outputs)
        if before_swap is not None:
            before_swap(staging)
        _publishable(staging)  # what before_swap wrote followed the umask

    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    swap.new_version(site, produce, link_unchanged=False)


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write small generated files (the JSON Schemas) in place, each only if its bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def write_new(path: Path, text: str) -> None:
    """Create a file the editor will own; never overwrite one (raises FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def update_site(
    site: Path, changed: dict[str, bytes], removed: set[str], before_swap: Callable[[Path], None] | None = None
) -> None:
    """Bring an existing site up to date as a new version: unchanged files hard-linked from the current one,
    changed files written as new files (never into a linked one), removed files left out, then the whole
    version exchanged in, so a crash at any instant leaves one complete site."""

    def produce(staging: Path) -> None:
        for relative in changed:
            (staging / _inside(relative)).unlink(missing_ok=True)  # a linked file is shared with site/
        _write_files(staging, changed)
        for relative in removed:
            (staging / _inside(relative)).unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the explainer's folder, once empty
                (staging / _inside(relative)).parent.rmdir()
        if before_swap is not None:
            before_swap(staging)
            _publishable(staging)

    swap.new_version(site.resolve(), produce, link_unchanged=True)


def write_cache(path: Path, data: bytes) -> None:
    """Save the build cache atomically; it is only a cache, so failing to save it is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.new")  # workers may save the same file at once
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        pass


def replace_folder(target: Path, produce: Callable[[Path], None]) -> None:
    """Make a folder anew beside `target` with `produce` and exchange it in (`swap`); on failure the old one
    stays. It is published (the search index), so it is made readable whatever the umask."""

    def published(staging: Path) -> None:
        produce(staging)
        _publishable(staging)

    swap.new_version(target, published, link_unchanged=False)
