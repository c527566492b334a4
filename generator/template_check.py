"""The templates a build renders, read and compiled before any page is: a missing template or a Jinja
syntax error is one located problem that `check` reports, never a traceback from a build half-way. And the
Jinja2 environment every page is then rendered in."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from markupsafe import Markup

from .content_files import NOT_UTF8, unicode_name
from .problems import ContentError, Problem, template_frame
from .project import DEFAULT_TEMPLATES
from .template_links import link_problems, missing_stylesheet
from .urls import PLAIN_TEXT_FILES

# The templates pages and feeds are rendered from; what they extend, include or import is followed from here.
PAGE_TEMPLATES = (
    "root.html",
    "home.html",
    "topics.html",
    "topic.html",
    "search.html",
    "404.html",
    "explainer.html",
    "feed.xml",
    "sitemap.xml",
)
# Templates a build renders only for some content (moved.html: an explainer's former addresses, moved.py), or
# added since a project's folder may have been made (the archive's, forty-first session, and what they include):
# a folder without one is given this repository's (`environment`); one the project has is checked as the others
# are. (A folder made before the archive named `archive.html` as "fails as it renders": a reviewer's.)
OPTIONAL_TEMPLATES = ("moved.html", "archive.html", "year.html", "_years.html", "_index.html")


def _located(templates: Path, name: str, used_by: str | None) -> tuple[jinja2.nodes.Template | None, list[Problem]]:
    """One template parsed and compiled (not rendered), or the problem that stops it."""
    env, path = jinja2.Environment(loader=jinja2.FileSystemLoader(templates)), templates / name
    try:
        # A link out of the folder is never read, as one in templates/assets/ is not (load.files_inside): a
        # `robots.txt` linked to /proc/self/environ published the build's environment (an outside tester's).
        if (path.exists() or path.is_symlink()) and not path.resolve().is_relative_to(templates.resolve()):
            message = "is a link to a file outside templates/, so it is not read"
            return None, [Problem(path, 1, 1, "", message, "copy the file itself into the folder")]
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        tree = env.parse(source, name, str(path))
        env.compile(tree, name, str(path))
    except jinja2.TemplateNotFound:
        hint = f"{used_by} uses it" if used_by else "every build renders it"
        if (DEFAULT_TEMPLATES / name).is_file() and templates.resolve() != DEFAULT_TEMPLATES.resolve():
            hint += f"; a project's templates/ holds every template: copy it from {DEFAULT_TEMPLATES / name}"
        elif not used_by:  # (a new project's said to restore it from a history it did not have: a tester's)
            hint += "; restore it from the project's history"
        return None, [Problem(path, 1, 1, "", "is missing", hint)]
    except jinja2.TemplateSyntaxError as error:
        if opened := _unclosed(error, source):
            return None, [Problem(path, *opened)]
        message = f"is not a template Jinja can read: {error.message or 'syntax error'}"
        return None, [Problem(path, error.lineno or 1, 1, "", message, "fix the template syntax on this line")]
    except UnicodeDecodeError as error:
        return None, [
            Problem(path, 1, 1, "", f"is not UTF-8 (byte {error.object[error.start]:#04X})", "save it as UTF-8")
        ]
    return tree, []


_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
_TAG = re.compile(r"\{%[-+]?\s*(\w+)([^%]*)")
_OPENS = frozenset({"if", "for", "block", "macro", "call", "filter", "with", "raw", "autoescape", "trans"})


def _unclosed(error: jinja2.TemplateSyntaxError, source: str) -> tuple[int, int, str, str, str] | None:
    """A block left open, said where it opens: Jinja names it, but at the line where it gave up (an outside
    tester's `{% if %}` on line 43 was said at the `{% endblock %}` of line 52)."""
    found = _INNERMOST.search(error.message or "")
    if found is None or not error.lineno:
        return None
    stack: list[tuple[str, int]] = []
    for tag in _TAG.finditer(source, 0, len("\n".join(source.split("\n")[: error.lineno - 1]))):
        name = tag.group(1)
        if name in _OPENS or (name == "set" and "=" not in tag.group(2)):
            stack.append((name, source.count("\n", 0, tag.start()) + 1))
        elif name.startswith("end") and stack:
            stack.pop()
    line = next((line for name, line in reversed(stack) if name == found.group(1)), None)
    if line is None:
        return None
    message = f"opens `{{% {found.group(1)} %}}`, which is never closed (Jinja met line {error.lineno} first)"
    return line, 1, "", message, f"close it with `{{% end{found.group(1)} %}}` where it ends"


def template_problems(templates: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Every template a build renders, every one they use, the addresses they link (template_links), and the
    stylesheet in templates/assets/ the pages link to, checked; all problems at once."""
    followed = list(_followed(templates))
    problems = [problem for _, _, found in followed for problem in found]
    trees = {name: tree for name, tree, _ in followed if tree is not None}
    for name, tree in trees.items():
        path = templates / name
        problems += _unsafe(path, tree) + _internals(path, tree) + _unknown_blocks(path, tree, trees)
        problems += link_problems(templates, path, tree, languages)
    problems += _strange_entries(templates) + missing_stylesheet(templates)
    return problems


def _strange_entries(templates: Path) -> list[Problem]:
    """What under templates/ the build cannot read: a name that is not UTF-8 (`x\xff.txt` in static/ ended
    `check` in an internal error), a named pipe or a device (`x.html` ended it in the word `x.html` alone: an
    outside tester's)."""
    found = []
    for root, folders, files in os.walk(templates):
        for name in [*folders, *files]:
            path = Path(root, name)
            if not unicode_name(name):
                found.append(Problem(path, 1, 1, "", NOT_UTF8, "rename it"))
            elif name in files and not (path.is_file() or path.is_symlink()):  # (links: `_located`'s to judge)
                found.append(Problem(path, 1, 1, "", "is not a file (a named pipe or a device)", "delete it"))
    return found


def _unsafe(path: Path, tree: nodes.Template) -> list[Problem]:
    """`|safe` and `{% autoescape false %}`: what the build marks as HTML is printed as such already, and the
    rest is text, which these would print as markup (an outside tester's title `<Kim onfocus=… autofocus>`,
    text that only looks like a tag to check, ran its script through `{{ page.title|safe }}`). And the other way
    round, `|forceescape`: a title's `<bdi>` shown as its tags, `&` as `&amp;` (an outside tester's)."""
    hint = "print the value as it is: values that hold HTML are marked safe by the build, the others are text"
    as_html, as_tags = "which would print a text's markup as HTML", "which would print a text's markup as its tags"
    filters = {"safe": as_html, "forceescape": as_tags}
    found = [
        (node.lineno, f"uses `|{node.name}`, {filters[node.name]}")
        for node in tree.find_all(nodes.Filter)
        if node.name in filters
    ]
    found += [
        (node.lineno, f"turns autoescaping off, {as_html}")
        for node in tree.find_all(nodes.ScopedEvalContextModifier)
        for option in node.options
        if option.key == "autoescape" and not (isinstance(option.value, nodes.Const) and option.value.value)
    ]
    return [Problem(path, line, 1, "", what, hint) for line, what in sorted(found)]


def _internals(path: Path, tree: nodes.Template) -> list[Problem]:
    """A name of Python's own (`__class__`, `__globals__`), or `|attr`, which reaches one by a computed name: an
    outside tester's template printed a title as HTML by `explainer.dek.__class__(page.title)`, and ran a shell
    command through `lipsum.__globals__`. Templates are code (README) and are reviewed as code; this names the
    plain ways past `|safe` and into Python, which a review can miss in a template, at their line."""
    reached = [(node.lineno, node.attr) for node in tree.find_all(nodes.Getattr) if node.attr.startswith("_")]
    reached += [
        (node.lineno, node.arg.value)
        for node in tree.find_all(nodes.Getitem)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) and node.arg.value.startswith("_")
    ]
    found = [(line, f"reaches `{name}`, one of Python's own names") for line, name in reached]
    found += [(node.lineno, "uses `|attr`, which reaches a name made as the page renders")
              for node in tree.find_all(nodes.Filter) if node.name == "attr"]  # fmt: skip
    hint = "print what the build gives the template; a template runs with the build's rights"
    hint += " (README: Templates are code)"
    return [Problem(path, line, 1, "", what, hint) for line, what in sorted(found)]


def _unknown_blocks(path: Path, tree: nodes.Template, trees: dict[str, nodes.Template]) -> list[Problem]:
    """Blocks a template that extends another defines but no template it extends has, and what it writes outside
    its blocks: Jinja leaves both out without a word (an outside tester's `{% block mian %}` published empty
    articles; another's `<aside>` before the block, an undefined name in it too, was never seen)."""
    known: set[str] = set()
    parent = _extends(tree)
    while parent is not None and parent in trees and parent not in known:
        known |= {block.name for block in trees[parent].find_all(nodes.Block)} | {parent}
        parent = _extends(trees[parent])
    extends = next((at for at, node in enumerate(tree.body) if isinstance(node, nodes.Extends)), len(tree.body))
    outside = "has text outside its blocks, which it never shows"
    problems = [  # (what stands before `{% extends %}` is written out)
        Problem(path, _first_line(node), 1, "", outside, "move it into a block")
        for node in (tree.body[extends + 1 :] if known else ())
        if isinstance(node, nodes.Output)
        and any(not isinstance(part, nodes.TemplateData) or part.data.strip() for part in node.nodes)
    ]
    for block in tree.find_all(nodes.Block) if known else ():
        if block.name not in known:
            close = difflib.get_close_matches(block.name, sorted(known), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "name a block of the template it extends"
            message = f"defines the block `{block.name}`, which no template it extends has: it is never shown"
            problems.append(Problem(path, block.lineno, 1, "", message, hint))
    return problems


def _first_line(output: nodes.Output) -> int:
    """The line an output's first written character is on (its node's is where the text before it began)."""
    first = output.nodes[0]
    blank = first.data[: len(first.data) - len(first.data.lstrip())] if isinstance(first, nodes.TemplateData) else ""
    return output.lineno + blank.count("\n")


def _extends(tree: nodes.Template) -> str | None:
    """The template a template extends, when it names one."""
    found = (node.template for node in tree.find_all(nodes.Extends))
    return next((name.value for name in found if isinstance(name, nodes.Const)), None)


# An object as Jinja names it in an error: `'generator.interface_strings.InterfaceStrings object'`.
_OBJECT = re.compile(r"'(?:\w+\.)+(\w+) object'")
_FAILED = "a name or attribute the page does not have, or not in every case: see the README's Templates of your own"


@contextlib.contextmanager
def rendering(templates: Path) -> Iterator[None]:
    """A template that fails as it renders (a name it prints that the page does not have, reached only by some
    content) is a problem at its line, as a syntax error is: in `check`'s every format and in the preview's
    panel (an outside tester's preview stopped rebuilding for good at one)."""
    try:
        yield
    except Exception as error:
        frame = template_frame(error, templates)
        if frame is None and not isinstance(error, jinja2.TemplateError):
            raise
        path, line, code = (Path(frame.filename), frame.lineno or 1, frame.line) if frame else (templates, 1, "")
        said = _OBJECT.sub(r"\1", str(error))  # `InterfaceStrings has no attribute …`
        message = f"fails as it renders: `{code.strip()}`: {said}" if code else f"fails as it renders: {said}"
        raise ContentError([Problem(path, line, 1, "", message, _FAILED)]) from None


def rendered_templates(templates: Path) -> list[str]:
    """The names of the templates a build renders and of those they use, as far as they can be read."""
    return [name for name, tree, _ in _followed(templates) if tree is not None]


def _followed(templates: Path) -> Iterator[tuple[str, jinja2.nodes.Template | None, list[Problem]]]:
    """Each page template, then each template one uses (extends, includes, imports), once: its name, what
    it parsed to (None if it could not be) and its problems."""
    own = [name for name in OPTIONAL_TEMPLATES if (templates / name).is_file()]
    waiting: list[tuple[str, str | None]] = [(name, None) for name in (*PAGE_TEMPLATES, *own, *PLAIN_TEXT_FILES)]
    seen: set[str] = set()
    while waiting:
        name, used_by = waiting.pop(0)
        if name in seen:
            continue
        seen.add(name)
        tree, found = _located(templates, name, used_by)
        yield name, tree, found
        if tree is not None:
            waiting += [(used, name) for used in meta.find_referenced_templates(tree) if used is not None]


def one_token(value: object) -> str:
    """A value for a line-based file (robots.txt, _headers, _redirects), refused if it could add a line, a
    header or a field: values there are URLs and paths, which have no spaces or control characters."""
    text = str(value)
    unsafe = [character for character in text if character.isspace() or not character.isprintable()]
    if unsafe:
        raise ValueError(f"refusing to write {text!r} into a host file: it holds {unsafe[0]!r}")
    return text


class _Optional(jinja2.BaseLoader):
    """OPTIONAL_TEMPLATES from this repository's templates, for a project folder made before one was added."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in OPTIONAL_TEMPLATES:
            raise jinja2.TemplateNotFound(template)
        path = DEFAULT_TEMPLATES / template
        return path.read_text(encoding="utf-8"), str(path), lambda: True

    def list_templates(self) -> list[str]:
        return list(OPTIONAL_TEMPLATES)


PRINTED_HTML = "\ufffe"  # a noncharacter, which no content holds (characters.py): page_check.py finds and removes it


def marked(value: object) -> object:
    """A value printed into a page, a text's HTML (a Markup with a tag) marked where it starts, for page_check.py to
    find it inside a tag: the exact value printed, not a look-alike in a tooltip's own markup (a retester's)."""
    return Markup(PRINTED_HTML + value) if isinstance(value, Markup) and "<" in value else value


def environment(templates: Path, plain_text: bool = False) -> jinja2.Environment:
    """One environment per build and format, where an undefined name is an error, never blank text: HTML and
    XML are autoescaped; PLAIN_TEXT_FILES are not, and every value printed into them passes `one_token`. An
    OPTIONAL_TEMPLATES file a project's folder lacks is taken from this repository's templates."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates), _Optional()]),
        autoescape=not plain_text,
        finalize=one_token if plain_text else marked,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a renderer lives while its templates are unchanged (the fingerprint): no stat a page
    )
    del env.filters["safe"]  # (`_unsafe`): not even by name, `map("safe")`, which the check cannot see
    return env
