"""What a worker hands from the check stage to the render stage of one run: an explainer it validated.

Why. The stages are two maps over the workers, with every listing gathered in between (related reading needs
them all), and a worker of the render map is a new fork that knows nothing of the check map. Sending the
validated explainers back to the parent would keep ten thousand of them in its memory at once; so a render
worker read each file again, and parsing and validating everything twice was a sixth of a cold build. Now
a check worker pickles what it validated (0.2 ms against 2.5 ms to make it again) into a scratch file, and
the render worker that takes it deletes it: the parent holds names, the disk holds each explainer once.

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

from .hashing import digest
from .media import Picture
from .model import Explainer
from .parallel import forks
from .stored import Output
from .swap import private_folder

Prepared = tuple[Explainer, dict[str, Picture], dict[str, Output]]  # a validated explainer, its pictures and files


@dataclass(frozen=True)
class Spilled:
    """A validated explainer waiting in the scratch folder for its render worker."""

    path: Path

    def take(self) -> Prepared:
        """What was spilled, read once: its file is gone after."""
        data = self.path.read_bytes()
        self.path.unlink()
        return cast(Prepared, pickle.loads(data))  # written by this run, in its private folder


class Scratch:
    """A run's scratch folder, made when first needed: by the parent, before the workers fork."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def open(self, items: int) -> None:
        """Made only when `items` go to forked workers: a preview save, in one process, keeps what it
        validated in memory and needs no folder."""
        if self.folder is None and forks(items):
            self.folder = private_folder("scratch")

    def spill(self, name: str, prepared: object) -> Spilled | None:
        """`prepared` in a scratch file named after the explainer's file (`name`); None without a folder (the
        render worker makes it again from the file)."""
        if self.folder is None or not isinstance(prepared, tuple):
            return None
        path = self.folder / f"{digest(name.encode('utf-8'))}.{os.getpid()}.pickle"  # any name, one file each
        path.write_bytes(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        return Spilled(path)

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
