"""Embargoes: an explainer dated after today is held until its day, as Hugo and Jekyll hold a post dated ahead.

`published` is the day readers are told the explainer came out; a page public before it says what is not so, and a
newsroom prepares an explainer ahead of an embargo (an outside tester's desk published one three days early, first
on its home page, with no word). So every build holds it: checked as any other (its problems stop the build), its
pages not made, and listed nowhere (lists, feeds, sitemap, search, related reading). The first build on or after
its day publishes it; nothing else need change, since a held explainer is left out of the build cache, and a build
whose cache lacks a file takes the full path. `build --future` (`future: true` for MkDocs) publishes them at once,
and `check` reads them as published. The day is the building machine's (its `TZ`): a newsroom east of a CI runner's
UTC sets `TZ` to its own zone (README "Embargoes"). Only `published` holds: a later `updated`, an update's date or
the source's date still to come is a typo more often than not, which `check` warns of (dates_ahead.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .load import decode, parse, read_bytes
from .problems import Problem

if TYPE_CHECKING:
    from .cache import ExplainerResult


def held(results: Mapping[str, ExplainerResult], today: dt.date) -> set[str]:
    """The explainers (by file name) whose publication day is still to come."""
    return {key for key, result in results.items() if result.listing and result.listing.published > today}


def waiting(results: Mapping[str, ExplainerResult], held: set[str]) -> dict[str, ExplainerResult]:
    """The `held` of `results` (by file name) by slug, in the files' order: what the commands say and keep apart."""
    return {result.listing.slug: result for key in sorted(held) if (result := results[key]).listing}


def not_held(pages: list[str], slugs: Iterable[str]) -> list[str]:
    """The explainer pages (`ar/<slug>/`) not of an explainer waiting for its day: gone, not held."""
    waiting_slugs = set(slugs)
    return [page for page in pages if page.split("/")[1] not in waiting_slugs]


def notice(result: ExplainerResult, now: str = "`build --future`", taken_down: bool = False) -> Problem:
    """What a build says of an explainer it holds, where its `published` is written (its file read again: a few);
    `now` is what publishes it at once (MkDocs: `future: true` in mkdocs.yml). One the site published until this
    build (`taken_down`) is said to be taken down: a year typed `2032` for `2023` took a live page down with no
    more than "held until then" (a reviewer's)."""
    assert result.listing is not None  # (only a listed explainer is held)
    where = parse(result.path, decode(result.path, read_bytes(result.path))).locate(("published",))
    hint = f"the first build on or after that day publishes it; {now} publishes it now"
    day = result.listing.published.isoformat()
    held = "its published pages taken down until then" if taken_down else "held until then"
    return Problem(result.path, *where, "published", f"is {day}, a day still to come: {held}", hint)
