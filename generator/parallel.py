"""Spread per-explainer work over the machine's cores.

Each explainer's pages depend only on that explainer, the site-wide settings and the listings of its related
reading (known before any page is rendered), so parsing, validating and rendering them is a plain map.
Workers are forked, so they start with everything the parent already loaded; only the (small) arguments and
the results cross between processes, and a worker that writes what it made (pages into the new version of
the site) returns only their digests, so the parent never holds every page at once.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Result = TypeVar("Result")

# Below this many items, starting workers costs more than it saves.
MIN_ITEMS_PER_WORKER = 32

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_processes_allowed = True
_in_worker = False


def allow_processes(allowed: bool) -> None:
    """Whether worker processes may be forked; a process that has started threads must say no."""
    global _processes_allowed
    _processes_allowed = allowed


def in_worker() -> bool:
    """Whether this is a worker process of `parallel_map` (what it returns is pickled back to the parent)."""
    return _in_worker


def _run_chunk(indexes: range) -> list[Any]:
    global _in_worker
    _in_worker = True
    assert _work is not None
    function, items = _work
    return [function(items[index]) for index in indexes]


def _worker_starts(parent: int) -> None:
    """A worker leaves interrupts to its parent, and ends with it.

    Ctrl-C in a terminal reaches every process of the command: the parent stops the build and says so in
    one line, and its workers, which it ends, would each have printed a traceback of their own.

    A parent killed outright (SIGKILL, the OOM killer) ends nothing: its workers printed a BrokenPipeError
    traceback each as they sent a result to no one, and those waiting for work waited for ever, holding the
    terminal's pipe (an outside tester's; tests/test_crash.py). So a worker ends, in silence, with its parent:
    Linux's parent-death signal (prctl, by ctypes: one call, no package for it), and on a pipe no one reads."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers so; a preview's handler is not theirs
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(0)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked from their fork until now (parallel_map)


# The signals that end a command, held back (blocked) around the pool's own code and in a worker until it can
# meet them. A SIGTERM with which the pool ends a worker that has not yet run a line of Python is otherwise
# lost: the interpreter forgets, as it starts in the forked child, the signals its handler (a preview's,
# inherited) had noted; the worker then waited for work for ever, and the pool's end for it (a preview hung
# in a CI run; tests/test_parallel.py). Blocked, the signal waits in the kernel until the worker unblocks it.
_STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def workers_for(count: int, per_worker: int = MIN_ITEMS_PER_WORKER) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, count // per_worker))


def forks(count: int, per_worker: int = MIN_ITEMS_PER_WORKER) -> bool:
    """Whether `parallel_map` over `count` items hands them to forked workers."""
    allowed = _processes_allowed and "fork" in multiprocessing.get_all_start_methods()
    return workers_for(count, per_worker) > 1 and allowed


def parallel_map(
    function: Callable[[Any], Result],
    items: Sequence[Any],
    meanwhile: Callable[[], object] = lambda: None,
    per_worker: int = MIN_ITEMS_PER_WORKER,
) -> list[Result]:
    """`[function(item) for item in items]`, in order, on several cores when it pays off (`per_worker` items
    each at least: fewer for items that are each much work); `meanwhile` is run by this process while the
    workers map (before the map, when there are none): work of its own that needs no item's result, done
    on a core that would otherwise wait (the list pages, 2 s of one core at 10,000)."""
    global _work
    if not forks(len(items), per_worker):
        meanwhile()
        return [function(item) for item in items]
    workers = workers_for(len(items), per_worker)
    _work = (function, items)
    # What the parent holds is left out of the cycle collector's sight while the workers run: a forked worker
    # would otherwise walk all of it in every full collection (and touch its pages, which copies them), for
    # nothing, since none of it becomes garbage there. It was 0.25 s of each render worker's 4 s at 1,000.
    # Afterwards all of it is the collector's again (a decoded cache too, which `cache.decode` froze): a
    # process that forks many times, as the tests do, must not keep garbage frozen for good.
    gc.freeze()
    # Ctrl-C (and the other _STOPS, for the same reasons) is held back while the pool starts: its threads,
    # which fork every worker (and a new one for any that dies), start with it blocked, so a worker never
    # meets it before it ignores it. A worker that Ctrl-C reached between its fork and that died, and the
    # pool forked another as the parent ended it: left waiting for work for ever, holding the terminal's pipe
    # (tests/test_crash.py, one run in six).
    # And it is held back whenever this process is inside the pool's own code (results taken, the pool ended):
    # raised there, between a lock's taking and the `with` that releases it, it left the lock of the results
    # taken, which the pool's result thread then waited on for ever, and so did the pool's end (a build under
    # Ctrl-C hung in a CI run, its stack read with py-spy). Only this process's own work, and the points below,
    # meet it.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, _worker_starts, (os.getpid(),))
        try:
            # Small chunks: results cross as they come, and the last chunk leaves the other cores idle but
            # briefly. (Made here: the pool's own chunking answers a generator, which cannot wait with a timeout.)
            chunk = max(1, min(16, len(items) // (workers * 32)))
            chunks = [range(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
            results = pool.imap(_run_chunk, chunks)  # the pool's threads hand chunks out
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C so far, or meanwhile, is raised here or there
            meanwhile()
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
            return [result for part in _taken(results, held) for result in part]
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
            pool.terminate()
    finally:
        _work = None
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # as it was; a Ctrl-C held back meanwhile is raised now


def _taken(results: Any, held: set[int | signal.Signals]) -> list[Any]:
    """The pool's results, in order, with Ctrl-C (the _STOPS) held back; one that comes is raised between two
    results (within a tenth of a second), outside the pool's locks."""
    taken = []
    while True:
        try:
            taken.append(results.next(timeout=0.1))
        except StopIteration:
            return taken
        except multiprocessing.TimeoutError:
            pass
        if _STOPS & signal.sigpending():
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # KeyboardInterrupt, or the signal's handler, or its end
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # a handler that returned (or one ignored): held again
