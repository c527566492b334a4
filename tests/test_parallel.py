"""The worker pool ends whatever its workers were doing, even a worker that had not started yet.

A preview (`watch`, `serve`, `edit`) turns SIGTERM into an exit of its own (cli._terminated); its workers are
forked with that handler. A worker the parent ended before it had run a line of Python lost the SIGTERM (the
interpreter forgets signals that come between a fork and its own start), waited for work for ever, and the
pool's end waited for it: a preview hung in a CI run. Here the second worker is made slow to start, as a
loaded machine makes it, while the first does all the work.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SLOW_SECOND_WORKER = textwrap.dedent(
    """
    import os, signal, sys, time
    from generator import cli, parallel

    for stop in (signal.SIGTERM, signal.SIGHUP):  # as a preview has them
        signal.signal(stop, cli._terminated)
    forks = [0]
    os.register_at_fork(before=lambda: forks.__setitem__(0, forks[0] + 1),
                        after_in_child=lambda: time.sleep(1.0) if forks[0] % 2 == 0 else None)
    for _ in range(3):
        assert parallel.parallel_map(abs, range(-64, 0), per_worker=32) == list(range(64, 0, -1))
    print("ended", flush=True)
    """
)


def test_a_worker_ended_before_it_started_ends(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", SLOW_SECOND_WORKER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # the pool's end waited for ever
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "ended\n"
    assert run.stderr == ""  # no worker printed anything (the SIGTERM met as an exception, say)
