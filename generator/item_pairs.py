"""Which old item of a list each new one is made from, for a save that keeps the file's lines (kept_layout.py):
items are paired by likeness, not by position, and an item moved takes its own lines."""

from __future__ import annotations

import difflib
import itertools


def moved_from(candidates: list[int], here: range) -> int | None:
    """The first old item of this value from another stretch, taken (two equal items moved took one's lines twice)."""
    found = next((n for n in candidates if n not in here), None)
    if found is not None:
        candidates.remove(found)
    return found


def aligned(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Old and new items paired in order, each pair as alike as can be (at most as many as the shorter list): an
    event taken out and the next one edited in one save paired the edited one with the one taken out, whose
    comment (`# referendum month`) then stood on the other event (an outside tester's)."""
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i, j in itertools.product(range(1, len(old) + 1), range(1, len(new) + 1)):
        alike = difflib.SequenceMatcher(None, old[i - 1], new[j - 1], autojunk=False).quick_ratio()
        best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + alike + 1)  # (+1: pair as many)
    pairs, i, j = [], len(old), len(new)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]
