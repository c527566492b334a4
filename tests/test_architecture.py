"""The shape the README promises, held by tests: one orchestration, small modules, no import cycles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO

GENERATOR = REPO / "generator"
MODULES = sorted(GENERATOR.glob("*.py"))
# Our own scripts, held to the same length; the English stemmer is a line-by-line port of Snowball's generated
# code (search_stem.js), kept in its original's shape so that the two can be read side by side.
SCRIPTS = sorted(
    path for path in [*GENERATOR.glob("*.js"), *(REPO / "templates").rglob("*.js")] if path.name != "search_stem.js"
)


def imports(path: Path) -> set[str]:
    """The generator modules a module imports (at any level, `TYPE_CHECKING` blocks included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("path", [*MODULES, *SCRIPTS], ids=lambda path: path.name)
def test_every_module_is_at_most_300_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300


def test_no_import_cycle() -> None:
    graph = {path.stem: imports(path) for path in MODULES}
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == "open":
            pytest.fail("import cycle: " + " → ".join([*trail[trail.index(module) :], module]))
        if state.get(module) == "done":
            return
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*trail, module])
        state[module] = "done"

    for module in graph:
        visit(module, [])


# What only the pipeline does: make the renderer and run the validators over content.
PIPELINE_CALLS = re.compile(r"(?<!def )\b(Renderer|validate_explainer|validate_strings|process_explainer)\(")


def test_one_orchestration() -> None:
    """build.py alone runs the stages (site_content.py, the site-wide content's, only for build.py); every
    command and the MkDocs plugin go through its `Build`."""
    running = {path.name for path in MODULES if PIPELINE_CALLS.search(path.read_text(encoding="utf-8"))}
    assert running == {"build.py", "site_content.py"}
    importers = {path.name for path in MODULES if re.search(r"from \.site_content import", path.read_text("utf-8"))}
    assert importers == {"build.py"}
    for adapter in ("commands.py", "mkdocs_plugin.py", "preview_run.py"):
        assert "Build(" in (GENERATOR / adapter).read_text(encoding="utf-8"), adapter


def test_the_readme_module_table_lists_every_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `generator/(\w+\.py)` \|", readme, flags=re.MULTILINE))
    assert listed == {path.name for path in MODULES if path.name != "__init__.py"}


def test_test_files_do_not_import_each_other() -> None:
    """Helpers shared by tests live in conftest.py and modules of helpers (servers.py, editor_pages.py): a test
    file imported by another (even inside a function) ties the two together and runs the imported file's module
    code twice."""
    for path in sorted((REPO / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names if name.split(".")[0].startswith("test_")], path.name
