"""Whatever an editor writes in site.yml or an interface-strings file, `check` and the build report it in
located lines (ContentError) or build: never a traceback.

Hypothesis mutates the real settings and strings (deleting and retyping fields, odd text, format strings,
date patterns, huge numbers, nested structures) and runs what `check` runs (validation and the fonts site.yml
names) and then the in-memory render, in-process, exactly as a build does.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import ASSETS, PROJECT, SEED_PATH, SEED_TEXT, container, paths

from generator.build import load_documents
from generator.document import Document
from generator.load import parse, read_fonts
from generator.problems import ContentError
from generator.render import render
from generator.validate import validate

SETTINGS_DOC, STRINGS_DOCS, *_ = load_documents(PROJECT)
SEED_DOC = parse(SEED_PATH, SEED_TEXT)
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


def pipeline(settings_doc: Document, strings_docs: dict[str, Document]) -> None:
    """Validate, read the fonts named, and render, as `check` and then a build do; only ContentError escapes."""
    try:
        content = validate(settings_doc, strings_docs, [SEED_DOC])
        fonts = read_fonts(REPO, settings_doc, content.settings.fonts.model_dump())
        render(content, PROJECT.templates, ASSETS, fonts)
    except ContentError as error:
        assert error.problems, "an error must name at least one problem"
        assert all(problem.line >= 1 and problem.col >= 1 for problem in error.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SETTINGS_DOC.data))
def test_mutated_site_settings_check_or_report_cleanly(text: str) -> None:
    pipeline(parse(Path("content/site.yml"), text), STRINGS_DOCS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(STRINGS_DOCS)), text=st.data())
def test_mutated_interface_strings_check_or_report_cleanly(language: str, text: st.DataObject) -> None:
    mutant = text.draw(mutated(STRINGS_DOCS[language].data))
    pipeline(SETTINGS_DOC, {**STRINGS_DOCS, language: parse(Path(f"content/strings/{language}.yml"), mutant)})
