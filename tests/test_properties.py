"""Whatever an editor types, the tool builds or reports a clean error: never a traceback.

Hypothesis mutates the valid seed explainer (deleting, duplicating and retyping fields, inserting odd
Unicode, breaking the YAML text itself) and runs the real pipeline in-process on each result.
"""

from __future__ import annotations

import copy

import lxml.etree
import yaml
from conftest import REPO, SEED_SLUG, container, examples, module_project, paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Build
from generator.load import parse
from generator.problems import ContentError

SEED_PATH = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")
SEED_DATA = parse(SEED_PATH, SEED_TEXT).data

ODD_TEXT = st.sampled_from(
    [
        "",
        "   ",
        "\u202e",
        "\u2066x\u2069",
        "\u200f",
        "\ufeff",
        "\x00",
        "\ud7ff",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "{{ page }}",
        "{% raw %}",
        "ﷺ",
        "𝕏",
        "\u0301",
        "e\u0301",
        "null",
        "2023-02-30",
        "- a",
        ": b",
        "# c",
        "&amp;",
        "\n\n## heading\n\n",
        "x" * 5000,
    ]
)
ODD_VALUES = st.one_of(
    ODD_TEXT,
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)


SEED_PATHS = paths(SEED_DATA)[1:]


@st.composite
def mutated_yaml(draw: st.DrawFn) -> str:
    data = copy.deepcopy(SEED_DATA)
    for _ in range(draw(st.integers(1, 4))):
        targets = paths(data)[1:]
        if not targets:
            break
        at = draw(st.sampled_from(targets))
        parent, key = container(data, at), at[-1]
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "append-text", "rename"]))
        if action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action == "retype":
            parent[key] = draw(ODD_VALUES)
        elif action == "append-text" and isinstance(parent[key], str):
            parent[key] += draw(ODD_TEXT)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(key)
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@st.composite
def broken_text(draw: st.DrawFn) -> str:
    """The seed file's text with characters inserted or removed anywhere: broken YAML, tabs, stray quotes."""
    text = SEED_TEXT
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(text)))
        insert = draw(
            st.one_of(
                st.sampled_from(["\t", '"', "'", ":", "- ", "\n  ", "&a ", "*a", "{", "[", "\\", "---\n"]), ODD_TEXT
            )
        )
        cut = draw(st.integers(0, 3))
        text = text[:position] + insert + text[position + cut :]
    return text


# One project for every example, its only explainer the mutant, run through the build's own pipeline (kept
# in memory, as the preview keeps it, so each example costs only its own parsing and rendering).
PROJECT = module_project("properties-")
(PROJECT.explainers / f"{SEED_SLUG}.yml").unlink()
PIPELINE = Build(PROJECT, write=False)


def pipeline(text: str) -> None:
    """Parse, validate and render one explainer exactly as a build does; ContentError is the clean outcome.
    What renders must be readable: every feed and sitemap well-formed XML."""
    try:
        (PROJECT.explainers / "mutant.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        outputs = PIPELINE.run()
        for name in (name for name in outputs if name.endswith(".xml")):
            lxml.etree.fromstring(outputs[name])
    except ContentError as error:
        assert error.problems, "an error must name at least one problem"
        for problem in error.problems:
            assert problem.line >= 1 and problem.col >= 1
            assert "Traceback" not in str(problem)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_yaml())
def test_mutated_content_builds_or_reports_cleanly(text: str) -> None:
    pipeline(text)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_text())
def test_broken_yaml_text_builds_or_reports_cleanly(text: str) -> None:
    pipeline(text)


# Any character at all, typed raw, as a YAML escape (the dump writes controls as escapes) or as an HTML
# character reference: the feeds that carry titles and deks must stay well-formed XML, or check refuses.
ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.from_regex(r"\A[a-z ]{0,3}&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});?[a-z ]{0,3}\Z"),
)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=ANY_TEXT, dek=ANY_TEXT)
def test_feeds_stay_well_formed_whatever_the_text(title: str, dek: str) -> None:
    data = copy.deepcopy(SEED_DATA)
    data["title"]["ar"], data["dek"]["en"] = title, dek
    pipeline(str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))
