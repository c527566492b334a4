"""Links a template writes by hand with `page.link("…")`, checked against what the site will hold: a logo linked
as `page.link("brand/logo.svg")` with the file saved as `templates/static/brand/logo.png`, or a picture of
templates/assets/ linked by its own name (published under one made from its content), passed `check` and was
published as a broken image on every page (an outside tester's newsroom linked its logo so).

Only a literal address is read: one the template computes (`page.link(language ~ "/")`) is the build's to make.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import nodes

from .problems import Problem
from .urls import BUILT_FILES, BUILT_FOLDERS, STYLESHEET

_HINT_STATIC = "save the file in templates/static/ under that path, or link the name it has there"
_HINT_ASSETS = "templates/assets/ is published under names made from the content; put it in templates/static/"


def link_problems(templates: Path, path: Path, tree: nodes.Template, languages: Iterable[str]) -> list[Problem]:
    """Each literal `link("…")` of one template whose address the site will not have, at its line."""
    found, codes = [], frozenset(languages)
    for line, address in _literal_links(tree):
        target = address.split("#", 1)[0].split("?", 1)[0]
        if problem := _missing(templates, target, codes):
            found.append(Problem(path, line, 1, "", f"links `{address}`, {problem[0]}", problem[1]))
    return found


def missing_stylesheet(templates: Path) -> list[Problem]:
    """The stylesheet every page links, templates/assets/style.css, by its name (one of another name is published,
    never linked), if the folder lacks it."""
    if (templates / STYLESHEET).is_file():
        return []
    hint = f"every page links the stylesheet templates/{STYLESHEET}; restore it, or give yours that name"
    return [Problem(templates / STYLESHEET, 1, 1, "", "is missing", hint)]


def _literal_links(tree: nodes.Template) -> list[tuple[int, str]]:
    """The calls of `page.link` (or a `link` taken from it) whose address is written in the template."""
    return sorted(
        (call.lineno, call.args[0].value)
        for call in tree.find_all(nodes.Call)
        if (isinstance(call.node, nodes.Getattr) and call.node.attr == "link")
        or (isinstance(call.node, nodes.Name) and call.node.name == "link")
        if call.args and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str)
    )


def _missing(templates: Path, target: str, languages: frozenset[str]) -> tuple[str, str] | None:
    """Why the site will have no file at `target` (a site path, as `page.link` takes it), and what to do; None
    when it will: a page of a language, a file or folder the build makes, or a file of templates/static/."""
    first = target.split("/", 1)[0]
    if target.startswith("/") or "://" in target or not target or first in languages or target in BUILT_FILES:
        return None  # (an address from the domain's root or elsewhere: page_check's to judge as pages are made)
    if target.startswith("assets/"):
        why = "a file of templates/assets/, which is published under another name"
        return (why, _HINT_ASSETS) if target != STYLESHEET else (why, "print `page.stylesheet`")
    if any(target.startswith(folder) for folder in BUILT_FOLDERS):
        return None
    static = templates / "static" / target
    if static.is_file() or (static / "index.html").is_file():
        return None
    return f"but templates/static/{target} does not exist, so the link is broken on every page", _HINT_STATIC
