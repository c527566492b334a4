"""A folder replaced by a new version in one step, whatever instant a build dies at; one build at a time.

The new version is made beside the folder (unchanged files hard-linked from the current one, so an
incremental build copies nothing), completed there (pages and search index together), and exchanged with
the current folder by one `renameat2(RENAME_EXCHANGE)`: at every instant the folder's name points at one
complete version. Where the kernel or file system cannot exchange, two renames are used and a build
that died between them is repaired by the next one. Temporary versions of dead builds are removed by the
next build, under the lock that keeps builds of one project from running at once; so are their scratch
folders in the system's temporary folder (`private_folder`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .problems import stopped

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAME_NOREPLACE = 1


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold the project's build lock: a second build of the same project waits for the first to end.

    An advisory `flock` is released by the kernel when its holder dies, so a killed build never leaves
    the project locked."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _locked(lock_file)
    try:
        yield
    finally:
        os.close(descriptor)  # and with it the lock


def _locked(lock_file: Path) -> int:
    """The lock file, opened and locked: a regular file at its name, never followed or waited on. Opened to
    append, a FIFO planted there waited for a reader for ever (an outside tester's), and a link was followed
    out of the project. Whatever else is at the name is taken out (an empty folder too; one with files stays,
    and is named), under the lock of the folder it is in, so that two builds never each take out what the other
    made; and the file is opened without following a link or waiting, as what is at a name may change meanwhile."""
    while True:
        if _in_the_way(lock_file):
            with exclusive_beside(lock_file):
                if _in_the_way(lock_file):
                    (os.rmdir if lock_file.is_dir() and not lock_file.is_symlink() else os.unlink)(lock_file)
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            return descriptor
        os.close(descriptor)


def _in_the_way(path: Path) -> bool:
    """Whether something other than a regular file is at `path` (nothing is not)."""
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def exclusive_beside(target: Path) -> Iterator[None]:
    """Hold the lock of the folder `target` is in: two builds writing one site folder take turns, even from
    two checkouts (two CI jobs on one host, a cron job and an editor), whose project locks are two. They
    wrote into one new version beside it (`staging_name`), and one published a mix of both, saying it had
    built the site (an outside tester's). The folder itself is locked (`flock` on a directory, Linux), so
    nothing is written beside a web root to lock it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    except PermissionError:  # a folder one may write in but not list (1733): builds there go unlocked, as before
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as error:  # NFS, which locks only files opened for writing (EBADF), or no locks (ENOLCK)
            if error.errno not in (errno.EBADF, errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP):
                raise
        yield
    finally:
        os.close(descriptor)  # and with it the lock


@contextlib.contextmanager
def building(project: Path, site: Path) -> Iterator[None]:
    """The locks a writing build holds: its project's (`exclusive`), then its site folder's (`exclusive_beside`);
    always in this order, so two builds never wait on each other's."""
    with exclusive(project / ".cache" / "build.lock"), exclusive_beside(site.resolve()):
        yield


def staging_name(target: Path) -> Path:
    return target.with_name(f".{target.name}-new")


def retired_name(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def recover(target: Path) -> None:
    """Undo what a build that died left beside `target` (call under the lock): a folder it had moved away
    comes back if `target` is missing, and its unfinished versions go."""
    retired, staging = retired_name(target), staging_name(target)
    if not target.exists() and retired.is_dir():
        retired.rename(target)
    # ...and those of builds before this scheme, which added a random suffix.
    for leftover in (
        staging,
        retired,
        *target.parent.glob(f".{target.name}-new-*"),
        *target.parent.glob(f".{target.name}-old-*"),
    ):
        if leftover.is_dir() and not leftover.is_symlink():
            remove(leftover)
    # A search index the preview was swapping in (`site/.search-index-new`) when it died.
    for suffix in ("new", "old") if target.is_dir() else ():
        for inner in target.glob(f".*-{suffix}"):
            remove(inner)


def new_version(target: Path, produce: Callable[[Path], None], link_unchanged: bool) -> None:
    """Make `target` anew with `produce(staging)` and exchange it in; on failure `target` stays as it was.

    With `link_unchanged`, the staging folder starts as a hard-linked copy of `target`, and `produce` only
    writes what changed (a written file is always a new file, never an edit of a linked one)."""
    staging = staging_name(target)
    remove(staging)
    try:
        if link_unchanged and target.is_dir():
            linked_copy(target, staging)
        else:
            staging.mkdir(parents=True)
        produce(staging)
        staging.chmod(0o755)
        exchange(staging, target)
    finally:
        remove(staging)


def remove(folder: Path) -> None:
    """Remove a folder a build made (a version of the site, the old one after an exchange), also where write
    permission was taken from its folders (`chmod -R a-w site`): the old version then stayed beside the site,
    and every later build stopped on it (an outside tester's finding). A folder that refuses is made its
    owner's to change and asked again; what still cannot go (another user's) stays, and the next build names
    it (`SiteVersion.open`). Links are never followed."""
    shutil.rmtree(folder, ignore_errors=True)
    if not folder.is_dir() or folder.is_symlink():
        return
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    for root, folders, _ in os.walk(folder):  # top down: each folder opened before it is listed
        for name in folders:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                with contextlib.suppress(OSError):
                    os.chmod(path, 0o700)
    shutil.rmtree(folder, ignore_errors=True)


def linked_copy(folder: Path, copy: Path) -> None:
    """A copy of `folder` whose files are hard links (no bytes copied) and whose folders are its own to write
    in: copied with the modes of the live site's, which may have been made read-only (`chmod -R a-w site`),
    every build failed writing into them (an outside tester's)."""
    shutil.copytree(folder, copy, copy_function=link_or_copy)
    for inner, _, _ in os.walk(copy):
        os.chmod(inner, 0o755)


def link_or_copy(source: str, destination: str) -> None:
    """A hard link (no bytes copied); a copy where the file system has none."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def exchange(staging: Path, target: Path) -> None:
    """Put `staging` in `target`'s place in one step; the old version ends up at `staging` (or is gone)."""
    if stopped():  # Ctrl-C that something swallowed on the way: nothing is put in place
        raise KeyboardInterrupt
    if not target.exists():
        staging.rename(target)
        return
    if renamed(staging, target, _RENAME_EXCHANGE):
        return
    retired = retired_name(target)  # no exchange here: two renames, repaired by `recover` if cut short
    remove(retired)
    target.rename(retired)
    staging.rename(target)
    remove(retired)


def renamed(source: Path, target: Path, flags: int = _RENAME_NOREPLACE) -> bool:
    """Linux's `renameat2` with `flags` (exchange the two, or never replace the target: FileExistsError), in one
    step; False where the kernel or the file system has no such rename (the caller then does without)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    if (code := ctypes.get_errno()) in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise (FileExistsError if code == errno.EEXIST else OSError)(code, os.strerror(code), str(target))


SCRATCH = "explainers-build-"  # then the kind, the process id and mkdtemp's letters
ABANDONED_AFTER = 600  # seconds without a change before a dead process's scratch folder is swept


def private_folder(kind: str) -> Path:
    """A scratch folder of this process in the system's temporary folder (`TMPDIR`), private to its user.

    A build removes its own scratch folders however it ends, but not if it is killed (SIGKILL, the machine
    losing power): so the folders of this user's processes that are gone, untouched for ten minutes, are
    removed first. The wait keeps the sweep off a live build whose process id this one cannot see (another
    container sharing the temporary folder)."""
    _sweep(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{SCRATCH}{kind}-{os.getpid()}-"))


def _sweep(folder: Path) -> None:
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            owner = entry.name[len(SCRATCH) :].rsplit("-", 2)  # kind, process id, mkdtemp's letters
            if not entry.name.startswith(SCRATCH) or len(owner) < 3 or not owner[1].isdigit():
                continue
            status = entry.stat(follow_symlinks=False)
            mine = entry.is_dir(follow_symlinks=False) and status.st_uid == os.getuid()
            if mine and abandoned(int(owner[1]), status.st_mtime):
                shutil.rmtree(entry.path, ignore_errors=True)


def abandoned(pid: int, changed: float) -> bool:
    """Whether what process `pid` left, last changed at `changed` (a time stamp), is its no longer: the process
    is gone and the thing untouched for ABANDONED_AFTER (a live process this one cannot see, in another
    container sharing the folder, keeps what it is writing)."""
    return time.time() - changed > ABANDONED_AFTER and not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): alive
        return True
    return True


@contextlib.contextmanager
def cache_made_anew(cache: Path) -> Iterator[None]:
    """`build --no-cache`: the build starts from an empty cache and leaves one made anew. Ignoring the cache
    for one build only left a damaged card or picture in it, published again by the next (an outside tester's
    finding). What the cache held is set aside (under its lock) until the build succeeds, and put back if it
    fails: deleted first, a failed build (a mistake in content, a full disk, Ctrl-C) lost it, every build
    after had to make everything again, and a full disk stopped them all (another's). The record of what was
    published (published.json) is not a cache: it stays, and with it the guard against publishing an empty
    site. Each build sets aside into a folder of its own (two at once deleted each other's), and one killed
    outright leaves it, removed by a later `--no-cache` once its process is gone (`abandoned`)."""
    lock, aside = cache / "build.lock", cache / f".set-aside-{os.getpid()}"  # each build's own: two at once

    def caches() -> list[Path]:
        return [entry for entry in cache.iterdir() if not _KEPT.match(entry.name)]

    with exclusive(lock):
        for left in cache.glob(".set-aside-*"):  # what builds killed outright left
            if (pid := left.name.rpartition("-")[2]).isdigit() and abandoned(int(pid), left.lstat().st_mtime):
                remove(left)
        aside.mkdir()
        for entry in caches():
            entry.rename(aside / entry.name)
    try:
        yield
    except BaseException:
        with exclusive(lock):
            for entry in caches():
                remove(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
            for entry in aside.iterdir():
                entry.rename(cache / entry.name)
        raise
    finally:
        with exclusive(lock):
            remove(aside)


_KEPT = re.compile(r"build\.lock\Z|published\.json\Z|\.set-aside-")  # the lock, the record, what is set aside
