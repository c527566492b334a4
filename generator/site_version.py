"""A new version of the site folder, written page by page while the build renders.

A build never holds every page in memory: each explainer's pages go into the new version as soon as they are
rendered (by the worker that rendered them), and only their digests, sizes and times come back. The version
is made beside the site folder and exchanged in whole (`swap`) once complete, so the old site stays until the
new one is; a crash leaves the old one. The live preview, over a folder it trusts (`in_place`), instead
replaces each changed file by a rename and removes what is gone: one save costs what it changes, not a linked
copy of ten thousand pages, and a reader still never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from . import swap, write
from .hashing import digest
from .parallel import in_worker
from .problems import site_placed
from .stored import Kept, Output, Stored
from .write import inside, make_folders, publishable

Entry = tuple[str, int, int]  # a written file's sha256, size and modification time (ns)
# The digest recorded for a file named by its content (a picture variant or share card, `Stored` or `Kept`):
# the name says what it holds, so the folder has it if it has the name, and its bytes need no digest.
NAMED = ""
# Where rendered files go: written, their entries returned.
Sink = Callable[[Mapping[str, Output]], dict[str, Entry]]


def _publish(path: Path, data: Output) -> None:
    """Write one file; one the build cache holds (pictures, cards) is hard-linked from it instead: thousands
    of picture variants a build cost a write each otherwise. Cache files are only ever replaced whole, never
    changed in place, so the site's link keeps the bytes it was given."""
    if isinstance(data, Kept):
        write.write_public(path, data.data)
        write.link_into_cache(path, data.path)
        return
    if isinstance(data, Stored):
        try:
            os.chmod(data.path, write.FILE_MODE)
            os.link(data.path, path, follow_symlinks=False)
            return
        except OSError:  # another file system: written as any other (a cache file gone since: an error)
            path.unlink(missing_ok=True)
            data = data.read()
    write.write_public(path, data)


class SiteVersion:
    """The version of the site folder a build is writing. `current` is what the folder holds (a trusted
    cache's record), and the version starts as a hard-linked copy of it; None starts from an empty folder."""

    def __init__(self, target: Path, current: dict[str, Entry] | None, in_place: bool = False) -> None:
        self.target = target.resolve()
        self.current = current
        self.in_place = in_place and current is not None
        self.path: Path | None = None  # the folder being written, once `open`

    def open(self) -> Path:
        """The folder to write into, made on first use (in the parent: forked workers share it)."""
        if self.path is None and in_worker():  # two workers would each make it, then the parent a third
            raise RuntimeError("a site version must be opened before the workers that write into it fork")
        if self.path is None:
            if self.in_place:
                self.path = self.target
            else:
                staging = swap.staging_name(self.target)
                swap.remove(staging)
                if staging.exists():
                    hint = "give yourself write permission on it (chmod -R u+w) or remove it, then build again"
                    raise write.SiteFolderError(f"{staging}, left by an earlier build, cannot be removed: {hint}")
                self.target.parent.mkdir(parents=True, exist_ok=True)
                if self.current is not None and self.target.is_dir():
                    swap.linked_copy(self.target, staging)
                else:
                    staging.mkdir()
                self.path = staging
        return self.path

    def put(self, outputs: Mapping[str, Output], known: dict[str, tuple[bytes, str]] | None = None) -> dict[str, Entry]:
        """Write the outputs whose bytes differ from the folder's; returns what each written file now is.
        `known` remembers each output's bytes and digest: the preview hands over its unchanged list pages as
        the same bytes on every save, and digesting thousands of them each time would cost a tenth of a second."""
        changed: dict[str, tuple[str, Output]] = {}
        for name, data in outputs.items():
            if isinstance(data, Stored | Kept):
                if self.current is None or name not in self.current:
                    changed[name] = (NAMED, data)
                continue
            seen = known.get(name) if known is not None else None
            sha = seen[1] if seen is not None and seen[0] is data else digest(data)
            if known is not None:
                known[name] = (data, sha)
            if self.current is None or self.current.get(name, ("",))[0] != sha:
                changed[name] = (sha, data)
        if not changed:
            return {}
        folder = self.open()
        targets = {name: folder / inside(name) for name in changed}
        make_folders(folder, {target.parent for target in targets.values()})
        written: dict[str, Entry] = {}
        for name, (sha, data) in changed.items():
            # Written beside its place and moved there in one step, unless the version started empty and the
            # file is one explainer's own (its pages and card: one worker writes it): a reader (of the preview's
            # folder) sees the old file or the new one, never half of one; a file the version shares with the
            # live site (a hard link) is replaced, not changed; and render workers publishing one picture at once
            # (explainers that show it) each put a whole file there. Removing it first and writing after let one
            # worker remove the file another had just made, before it was statted: a build in three failed at
            # N = 300. (A cold build's own files need no move: one syscall less for each of thousands.)
            target = targets[name]
            if self.current is None and not isinstance(data, Stored):
                _publish(target, data)
            else:
                temporary = write.temporary_for(target)
                temporary.unlink(missing_ok=True)  # what a build stopped there left, or a link planted in the site
                _publish(temporary, data)
                write.move_over(temporary, target)
            status = os.stat(target)
            written[name] = (sha, status.st_size, status.st_mtime_ns)
        return written

    def remove(self, names: set[str]) -> None:
        """Leave out files the site no longer has, and each folder they leave empty up to the site's: a language
        taken out of site.yml left `ur/` and `ur/topics/` empty, which a server may answer with a listing of
        nothing rather than its 404 page (an outside tester's)."""
        folder = self.open()
        for name in names:
            path = folder / inside(name)
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                while (path := path.parent) != folder:
                    path.rmdir()  # OSError once a folder still holds something

    def finish(self, before_swap: Callable[[Path], Path] | None = None) -> None:
        """Complete the version (`before_swap`: the search index, made from its pages, returning the folder
        it wrote) and exchange it in."""
        folder = self.open()
        if before_swap is not None:
            made = before_swap(folder)
            if made.is_dir():  # what it wrote followed the umask; the rest was written with its modes
                publishable(made)
        if not self.in_place:
            folder.chmod(0o755)
            swap.exchange(folder, self.target)
            site_placed()

    def __enter__(self) -> SiteVersion:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        """Remove what is left beside the site: an unfinished version, or the old one after the exchange. A
        run that failed in place has changed files it cannot account for: the folder is no longer what
        `current` says, so the next run makes it afresh."""
        if self.path is not None and not self.in_place:
            swap.remove(self.path)
        if error is not None and self.in_place and self.current is not None:
            self.current.clear()
