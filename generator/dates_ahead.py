"""Dates still to come: an explainer's own dates after today are a typo more often than an embargo.

`published`, `updated`, each update's and correction's date and the source article's date say when something
already happened; a year typed `2032` for `2023` is valid YAML and a valid date, and the page then tells
readers so (an outside tester's update, dated next year, showed as the latest change). `check` warns of each
(with `--strict`, an error). `build` says nothing of them, but of `published`: an explainer dated ahead is held
until its day (embargo.py), and `build` says so. A timeline's dates are left alone: an event can be due (a vote,
a summit).

A day's grace, but for `published`: a newsroom east of the machine's clock is already on tomorrow's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .document import Document, FieldPath, format_field
from .problems import Problem
from .validate import day_written

GRACE = dt.timedelta(days=1)


def own_dates(document: Document) -> list[tuple[int, int, str, dt.date]]:
    """The explainer's own dates, each where it is written: line, column, field."""
    return [(*document.locate(at), format_field(at), day) for at, day in _own_dates(document.data)]


EMBARGO = dt.timedelta(days=366)  # how far ahead a `published` day is an embargo's, not a typed year's


def held(path: Path, dates: list[tuple[int, int, str, dt.date]], today: dt.date) -> list[Problem]:
    """A note for a `published` day after `today`, within a year: an embargo, which `build` holds (embargo.py); no
    warning, or `check --strict` (a pull request's gate) refused every embargoed explainer (a reviewer's)."""
    hint = "the first build on or after that day publishes it"
    return [
        Problem(path, line, col, field, f"is {day.isoformat()}, a day still to come: build holds it until then", hint)
        for line, col, field, day in dates
        if field == "published" and today < day <= today + EMBARGO
    ]


def ahead(path: Path, dates: list[tuple[int, int, str, dt.date]], today: dt.date) -> list[Problem]:
    """A warning for each of `dates` later than `today` (and a day's grace), but a `published` day within a year
    (`held`): one further ahead is a typed year more often than an embargo."""
    hint = "correct the year or the day; leave it if the explainer is ready ahead of its day"
    held = "correct the year or the day if it is a typo; `build` holds the explainer until that day"
    return [
        Problem(
            path,
            line,
            col,
            field,
            f"is {day.isoformat()}, a day still to come: today is {today.isoformat()}",
            held if field == "published" else hint,
        )
        for line, col, field, day in dates
        if day > today + (GRACE if field != "published" else EMBARGO)
    ]


def _own_dates(data: Any) -> Iterator[tuple[FieldPath, dt.date]]:
    """The dates that say when something already happened, each with its field (those written as days; any
    other text in their place is the model's to refuse)."""
    if not isinstance(data, dict):
        return
    source, updates = data.get("source"), data.get("updates")
    places: list[tuple[FieldPath, object]] = [((name,), data.get(name)) for name in ("published", "updated")]
    places += [(("source", "date"), source.get("date"))] if isinstance(source, dict) else []
    for number, entry in enumerate(updates if isinstance(updates, list) else []):
        places += [(("updates", number, "date"), entry.get("date"))] if isinstance(entry, dict) else []
    for at, written in places:
        if (day := day_written(written)) is not None:
            yield at, day
