"""How a file is written: whole or not at all, readable by all where it is published; the refusal of a site folder
that is not the build's; the build cache's files. (The site's new version is made by site_version.py and exchanged
for the old one by swap.py: the old site stays until the new one is complete.)"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from . import swap
from .site_mark import GENERATOR, built, part_built

# Files every build writes at the top of the site folder: a non-empty folder without them is not ours.
# Where every picture variant and locator map is published, each named by its content's hash
# (`media/photo.0fe325f4b1.480.avif`, `hashing.hashed_name`), in one flat folder.
MEDIA = "media/"
DIGEST_NAMED = re.compile(r"[0-9a-f]{64}")  # what the build cache names its entries by (`hashing.digest`)


class SiteFolderError(Exception):
    """The folder asked for as the site is not the tool's to replace; the message is one line."""


def guard_site_folder(
    site: Path, project_root: Path, sources: list[Path], recorded: Callable[[], bool] = lambda: False
) -> None:
    """Refuse a site folder whose replacement would lose someone's files.

    A build replaces its site folder whole, so it must never be one `guard_site_place` refuses, nor an existing
    non-empty folder that a build did not make: a build's own has `SITE_SIGNATURE` and a root page that names
    this generator (`site_mark.built`), or is the folder the build cache records (`recorded`, asked only of a folder
    whose root page does not say so: it parses the cache's record, tens of milliseconds at N = 10,000). Nothing
    hidden is added to the published files to mark it."""
    guard_site_place(site, project_root, sources)
    if site.is_symlink() and not site.exists():  # a build would make the folder wherever the link leads
        raise SiteFolderError(f"{site} is a link to {os.readlink(site)}, which does not exist; make that folder first")
    site = site.resolve()
    if site.exists() and not site.is_dir():
        raise SiteFolderError(f"{site} is a file; the site needs a folder")
    if site.is_dir() and any(site.iterdir()) and not (built(site) or recorded()):
        if part_built(site):  # (said as files no build wrote, and the fix not given: an outside tester's)
            raise SiteFolderError(
                f"{site} holds part of a site, pages naming the generator without all of a build's files: a"
                " build stopped half-way leaves one (a killed `mkdocs build` or `gh-deploy`); remove the folder and"
                " build again"
            )
        raise SiteFolderError(
            f"{site} already holds files that no build wrote (a build's root page names the generator in a"
            f' <meta name="generator" content="{GENERATOR}">); empty it or choose another folder'
        )


def guard_site_place(site: Path, project_root: Path, sources: list[Path]) -> None:
    """Refuse a site folder by where it is, whatever it holds: the file system's root, a mount point, the project,
    one of its source folders or the build cache (`.cache/`), a folder inside one or around one. Asked before a
    build with nothing to do is told so (cli.py), whose question ended in an internal error for `--site-dir /`
    once a cache was there (an outside tester's). The cache and the site in one folder, each build swapped the
    cache's lock and cards away with the site, and published its record of the build machine's paths (another)."""
    try:
        site, root = site.resolve(), project_root.resolve()
    except RuntimeError:  # (Python 3.11's word for a loop of links; an internal error before: an outside tester's)
        raise SiteFolderError(f"{site} is a link that leads back to itself; choose a folder") from None
    if site.parent == site:  # `--site-dir /` (an internal error before)
        raise SiteFolderError(f"{site} is the file system's root; choose a folder of its own, such as site/")
    if os.path.ismount(site):  # a build exchanges its site folder for a new one, which a mount point cannot be
        raise SiteFolderError(f"{site} is a mount point, which a build cannot replace; build into a folder inside it")
    if site == root or site in root.parents:
        raise SiteFolderError(f"{site} holds the project itself; choose a folder of its own, such as site/")
    cache = Path(os.path.realpath(root / ".cache"))  # where a link there leads, too
    for source in (Path(os.path.realpath(path)) for path in [*sources, cache]):  # (a loop: as it is)
        if site == source or site in source.parents or source in site.parents:
            what = "the build cache, .cache/" if source == cache else f"the project's {source.name}/ folder"
            raise SiteFolderError(f"{site} would replace {what}; choose another")


def inside(relative: str) -> str:
    """A site path, refused if it would land outside the site folder."""
    normal = posixpath.normpath(relative)
    if normal == ".." or normal.startswith(("../", "/")):
        raise ValueError(f"refusing to write outside the site folder: {relative}")
    return normal


# A published site is read by a web server running as another user: whatever the builder's umask (077 on
# many shared servers), its files are readable by all and its folders can be listed by all.
FILE_MODE, FOLDER_MODE = 0o644, 0o755


def write_public(path: Path, data: bytes) -> None:
    """Write a file with FILE_MODE, set explicitly: the mode given to open() is cut by the umask. A link at
    `path` is never written through (O_NOFOLLOW: the open fails); one planted where a build writes was."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    with open(descriptor, "wb", buffering=0) as handle:
        _write(handle, data, path)


def _write(handle: BinaryIO, data: bytes, path: Path) -> None:
    """`data` written, or the system's refusal raised naming the file (a write names none: a full disk in the
    preview was said without the file it was about, an outside tester's). Unbuffered (`handle`), so closing the
    file has nothing left to write: a full disk's error then came from the close, and named no file (another's)."""
    try:
        written = memoryview(data)
        while written:
            if not (count := handle.write(written)):
                raise OSError(errno.EIO, "the file took none of the bytes written")
            written = written[count:]
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(path)) from None


def temporary_for(path: Path, pid: int | None = None) -> Path:
    """Where a process (this one by default) writes `path` before moving it into place: `.<name>.<pid>.new`
    beside it, hidden, and its own, as workers may write the same file at once."""
    return path.with_name(f".{path.name}.{os.getpid() if pid is None else pid}.new")


def move_over(temporary: Path, target: Path) -> None:
    """Put `temporary` in `target`'s place in one step. Where both already are links to one file (a picture
    variant linked from the build cache, published again), rename does nothing at all (POSIX) and would leave
    `temporary` behind, a hidden file in the site: it is removed."""
    temporary.replace(target)
    temporary.unlink(missing_ok=True)


def make_folders(folder: Path, parents: set[Path]) -> None:
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


def publishable(folder: Path) -> None:
    """Give every folder and file under `folder` (itself included) FOLDER_MODE or FILE_MODE: what other
    programs wrote there (the search index) followed the umask. Symbolic links are left alone."""
    folder.chmod(FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name, mode in [*((name, FOLDER_MODE) for name in folders), *((name, FILE_MODE) for name in files)]:
            path = os.path.join(root, name)
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                os.chmod(path, mode)


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write small generated files (the JSON Schemas, a translation record), each only if its bytes changed, and
    each whole (`write_whole`). A link in its place is replaced, never written through (a dangling one in
    content/translations/ had `mark-reviewed` create a file in .git/hooks/: an outside tester's)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / name
        if target.is_symlink() or not target.exists() or target.read_bytes() != data:
            write_whole(target, data)


def write_whole(path: Path, data: bytes) -> None:
    """A file written whole or not at all, as an editor's file is kept (FILE_MODE): a temporary file of a new
    name beside it (never one already there, which may be a planted link: `mkstemp` makes it exclusively),
    flushed to the disk, then renamed over `path`, replacing whatever was there, a link included. Two writers
    of one file at once each put a whole file there (with one name, they cut each other's short)."""
    sweep_saves(path.parent)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".new")
    try:
        os.fchmod(descriptor, FILE_MODE)
        with open(descriptor, "wb", buffering=0) as handle:
            _write(handle, data, path)
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_new(path: Path, text: str) -> None:
    """Create a file the editor will own; never overwrite one (raises FileExistsError). One that cannot be written
    whole is taken out again: on a full disk `new` said "Nothing written" and left the file empty, and the next
    `new` of that slug said it existed (an outside tester's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("x", encoding="utf-8")
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_cache(path: Path, data: bytes | Iterable[bytes]) -> OSError | None:
    """Save a build cache file atomically, from its bytes or its pieces, each written as it comes (the cache
    file is tens of MB at N = 10,000: held whole, it was the build's peak); it is only a cache, so failing to
    save it is not an error. What the system said is returned if it was not saved (None if it was: only then
    does the file hold `data`). Whatever the pieces raise leaves the file as it was, and is raised."""
    temporary = temporary_for(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_saves(path.parent)
        with temporary.open("xb") as handle:  # made new: a link planted at the name is never written through
            handle.writelines([data] if isinstance(data, bytes) else data)
        temporary.replace(path)
    except OSError as error:  # (named by the file saved, not its temporary one)
        return type(error)(error.errno, error.strerror, os.fspath(path))
    finally:
        with contextlib.suppress(OSError):  # what was not moved into place: a save stopped or failed
            temporary.unlink()
    return None


def sweep_saves(folder: Path) -> None:
    """Remove what saves in `folder` by processes that are gone left, which nothing else would ever remove (a
    preview killed while saving its cache file, `edit` killed while saving an explainer: hidden copies a
    newsroom's `git add -A` would commit, an outside tester's): `.<name>.<pid>.new` (`temporary_for`) and
    `.<name>.<pid>.<letters>.new` (`write_whole`), by the rule of abandoned scratch folders. Swept before each
    save there, and when `edit` starts (the next save was the first to, another's)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and (save := _SAVE.search(entry.name)):
                with contextlib.suppress(OSError):
                    status = entry.stat(follow_symlinks=False)
                    if status.st_uid == os.getuid() and swap.abandoned(int(save.group(1)), status.st_mtime):
                        os.unlink(entry.path)


# The end of the names saves are written under: the process id, and mkstemp's eight letters (`write_whole`).
_SAVE = re.compile(r"\.([0-9]+)(?:\.[a-z0-9_]{8})?\.new\Z")


def link_into_cache(source: Path, path: Path) -> None:
    """Make the build cache's file at `path` the file `source` (which the site now holds), replacing what is
    there in one step; it is only a cache, so failing is not an error."""
    with contextlib.suppress(OSError):
        try:
            os.link(source, path)  # the usual case, a card not kept before: one step
            return
        except FileExistsError:
            pass  # replaced below, in one step
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        temporary = temporary_for(path)
        os.link(source, temporary)
        move_over(temporary, path)


def cache_folder(folder: Path) -> Path:
    """`folder`, a folder of the build cache (`.cache/cards`, `.cache/media`, a picture's entry in it), once
    whatever is at its name that is not a folder is taken out: a link there (committed, planted, in a cache CI
    restored) was followed, and a build wrote its cards and pictures outside the project and pruned files there
    named like cards (an outside tester's). So is what is at `.cache` itself, for a folder in it (a link there
    was followed too: an independent reviewer's). Taking out a link removes the link alone; what writes into the
    folder makes it. One that cannot be taken out is said (OSError), not written through."""
    for path in (folder.parent, folder) if folder.parent.name == ".cache" else (folder,):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):  # (nothing there, or no .cache/ folder)
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                os.unlink(path)
    return folder


def prune_cache(folder: Path, kept: Callable[[str], bool]) -> None:
    """Remove the entries of a build cache folder whose names `kept` refuses. A cache that only grew would
    keep a whole set of share cards for every upgrade of the code that draws them and one more for every
    title edited (344 MB a set at N = 10,000), and every picture ever replaced; it is only a cache, so
    failing is not an error. Only entries named by a digest, as the cache names its own (`<sha256>.png`,
    `media-2-<sha256>`), are ever removed: whatever else the folder holds was not made by a build."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if DIGEST_NAMED.search(entry.name) and not kept(entry.name):
                with contextlib.suppress(OSError):
                    shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)


def replace_folder(target: Path, produce: Callable[[Path], None]) -> None:
    """Make a folder anew beside `target` with `produce` and exchange it in (`swap`); on failure the old one
    stays. It is published (the search index), so it is made readable whatever the umask."""

    def published(staging: Path) -> None:
        produce(staging)
        publishable(staging)

    swap.new_version(target, published, link_unchanged=False)
