"""Whatever an editor writes in site.yml or an interface-strings file, `check` and the build report it in
located lines (ContentError) or build: never a traceback.

Hypothesis mutates the real settings and strings (deleting and retyping fields, odd text, format strings,
date patterns, huge numbers, nested structures) and runs what `check` runs (validation and the fonts site.yml
names) and then the in-memory render, in-process, exactly as a build does.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from conftest import REPO, container, examples, module_project, paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Build
from generator.load import load
from generator.problems import ContentError

# A throwaway copy of the project: each example writes its settings or strings file there and runs the
# build's pipeline without writing, kept in memory as the preview keeps it.
PROJECT = module_project("fuzz-settings-")
PIPELINE = Build(PROJECT, write=False)
SETTINGS = load(REPO / "content" / "site.yml").data
STRINGS = {code: load(REPO / "content" / "strings" / f"{code}.yml").data for code in ("ar", "en")}
# What goes wrong in settings and strings in particular: placeholders with formatting, date patterns Babel
# refuses or cannot format a day with, numbers no page size can be, addresses and paths of every kind.
ODD_SETTING = st.sampled_from(
    [
        "{count:x}",
        "{name!z}",
        "{topic:>999999999}",
        "{count.real}",
        "{count[0]}",
        "{0}",
        "{}",
        "{",
        "}}",
        "{{count}}",
        "{page}{pages}{page:{pages}}",
        "dddd",
        "g",
        "HH:mm",
        "'",
        "d MMMM y 'x",
        "y" * 300,
        "ZZZZZ",
        "b",
        "",
        " ",
        "\u202e",
        "ar",
        "en",
        "arab",
        "latn",
        "https://example.org/",
        "http://",
        "https://a@b.example/?q#f",
        "content/strings/ar.yml",
        "templates",
        "/dev/zero",
        "../../x.ttf",
        "\x00",
    ]
)
ODD_VALUES = st.one_of(
    ODD_SETTING,
    st.text(max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
    st.dictionaries(st.sampled_from(["ar", "en", "one", "other", "id", "name", "x"]), ODD_SETTING, max_size=3),
    st.recursive(st.text(max_size=3), lambda inner: st.lists(inner, max_size=2), max_leaves=4),
)


ACTIONS = ["delete", "retype", "retext", "retext", "append-text", "append-text", "rename"]


def _mutate_once(draw: st.DrawFn, data: Any, action: str) -> None:
    """One change at one field anywhere in the data (a root with no fields left is left alone)."""
    where = paths(data)[1:]
    at = draw(st.sampled_from(where)) if where else None
    parent, key = (container(data, at), at[-1]) if at else (None, None)
    if parent is None:
        return
    if action == "retext" and isinstance(parent[key], str):  # kept a text, so more mutants reach the render
        parent[key] = draw(st.one_of(ODD_SETTING, st.text(max_size=20)))
    elif action == "delete":
        del parent[key]
    elif action == "retype":
        parent[key] = draw(ODD_VALUES)
    elif action == "append-text" and isinstance(parent[key], str):
        parent[key] += draw(ODD_SETTING)
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["x", "fonts", "page_size", "ar", "one", "day"]))] = parent.pop(key)


@st.composite
def mutated(draw: st.DrawFn, data: Any) -> str:
    """The data with 1–4 fields deleted, retyped, rewritten, appended to or renamed, dumped back to YAML."""
    data = copy.deepcopy(data)
    for action in draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=4)):
        _mutate_once(draw, data, action)
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def pipeline(files: dict[str, str]) -> None:
    """Check and render with these settings or strings files (`content/…` → text), as `check` and then a
    build do; only ContentError escapes. The real files are put back afterwards."""
    try:
        for name, text in files.items():
            (PROJECT.root / name).write_text(text, encoding="utf-8")
        PIPELINE.run()
    except ContentError as error:
        assert error.problems, "an error must name at least one problem"
        assert all(problem.line >= 1 and problem.col >= 1 for problem in error.problems)
    finally:
        for name in files:
            (PROJECT.root / name).write_bytes((REPO / name).read_bytes())


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SETTINGS))
def test_mutated_site_settings_check_or_report_cleanly(text: str) -> None:
    pipeline({"content/site.yml": text})


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(STRINGS)), text=st.data())
def test_mutated_interface_strings_check_or_report_cleanly(language: str, text: st.DataObject) -> None:
    mutant = text.draw(mutated(STRINGS[language]))
    pipeline({f"content/strings/{language}.yml": mutant})
