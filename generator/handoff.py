"""What a worker hands from the check stage to the render stage of one run: an explainer it validated.

Why. The stages are two maps over the workers, with every listing gathered in between (related reading needs
them all), and a worker of the render map is a new fork that knows nothing of the check map. Sending the
validated explainers back to the parent would keep ten thousand of them in its memory at once; so a render
worker read each file again, and parsing and validating everything twice was a sixth of a cold build. Now
a check worker pickles what it validated (0.2 ms against 2.5 ms to make it again) into a scratch file, and
the render worker that takes it reads it back: the parent holds where each one is, the disk holds each once.

One file per check worker, each explainer appended to it, not a file each: creating a file is the dear part
of writing one (a new inode; on a file system without a journal, ext4 also passes over every inode deleted
in the last half minute, as a rebuilt site's are), and a thousand files a run were 1,000 inodes made and
unlinked for nothing. The files go when the run ends (`close`), as a file each did only once its explainer
was rendered; the check stage ends before the render stage begins, so the disk held all of them then too.

Why pickle here when the build cache refuses it (cache.py): the scratch folder is made by this run, private
to its user (`mkdtemp`, mode 0700), read only by this run's own workers, and removed when the run ends, so
no one else prepares what is unpickled. It sits in the system's temporary folder (`TMPDIR`), not in the
project, so a run that dies leaves nothing in the checkout, and what a killed run leaves there is swept by a
later one (`swap.private_folder`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .media import Picture
from .model import Explainer
from .parallel import forks
from .stored import Output
from .swap import private_folder

Prepared = tuple[Explainer, dict[str, Picture], dict[str, Output]]  # a validated explainer, its pictures and files


@dataclass(frozen=True)
class Spilled:
    """A validated explainer waiting in the scratch folder for its render worker: where it is in which file."""

    path: Path
    start: int
    size: int

    def take(self) -> Prepared:
        """What was spilled."""
        with self.path.open("rb") as file:
            data = os.pread(file.fileno(), self.size, self.start)
        return cast(Prepared, pickle.loads(data))  # written by this run, in its private folder


class Scratch:
    """A run's scratch folder, made when first needed: by the parent, before the workers fork."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.spills: dict[int, tuple[Path, int]] = {}  # by process: its file, and how much of it is written

    def open(self, items: int) -> None:
        """Made only when `items` go to forked workers: a preview save, in one process, keeps what it
        validated in memory and needs no folder."""
        if self.folder is None and forks(items):
            self.folder = private_folder("scratch")

    def spill(self, prepared: object) -> Spilled | None:
        """`prepared` appended to this process's scratch file; None without a folder (the render worker makes
        it again from the file)."""
        if self.folder is None or not isinstance(prepared, tuple):
            return None
        process = os.getpid()  # a forked worker starts with its parent's record, which names no file of its own
        path, start = self.spills.get(process) or (self.folder / f"{process}.pickle", 0)
        data = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
        with path.open("ab") as file:
            file.write(data)
        self.spills[process] = (path, start + len(data))
        return Spilled(path, start, len(data))

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@contextlib.contextmanager
def scratch() -> Iterator[Scratch]:
    """A scratch folder for one run, removed when it ends, however it ends."""
    made = Scratch()
    try:
        yield made
    finally:
        made.close()
