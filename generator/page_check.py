"""What every page a template makes must be, checked as it is made (render.py), and said at the template's line
that writes the part at fault: a newsroom's own templates (README, "Templates of your own") passed `check` and
published each of these (an outside tester's, and one before):

- a page that does not name the generator in its head (site_mark.py), which marks the site folder as the build's;
- `<html>` without the page's language and direction: an Arabic page laid out left to right, its words out of
  order, or every English page marked Arabic;
- an explainer page whose article is not marked for search (`data-search-body`): the index had no page, and every
  search found nothing (a template from before the index was the generator's own still wrote `data-pagefind-body`);
- a value that holds HTML printed into an attribute (`content="{{ explainer.title }}"`): the attribute ended at the
  title's first tag, and the rest of it showed as text above the page; only titles with a run in the other
  direction (a `<bdi>`) have a tag, so a template tried on one explainer showed nothing wrong;
- a link from the domain's root outside the site's path (`href="/ar/"` for a site under `/explainers/`);
- a link to a place on the page that it does not have (`dead_links`).

Each is a scan of the page's text, not a parse: a page is tens of kilobytes, and there are thousands.
"""

from __future__ import annotations

import contextlib
import html as html_text
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import ContentError, Problem
from .search_index import BODY
from .site_mark import GENERATOR, HEAD_BYTES, names_generator
from .slugs import RESERVED_SLUGS
from .template_check import PRINTED_HTML
from .urls import BUILT_FOLDERS

if TYPE_CHECKING:  # (a build with nothing to do imports no template engine)
    import jinja2

    from .frame import Page
    from .settings import Language

_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")
_HTML = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(?<=\s)(lang|dir)\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)  # (not `data-x-lang`)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_VALUE_OPENED = re.compile(r"""([\w:.-]+)\s*=\s*["']?""")
_BASE = re.compile(r"<base\b", re.IGNORECASE)
_PAIR = re.compile(r"""[\w:.-]+=(?:"[^"]*"|'[^']*')""")
_TAG_OPENED = re.compile(  # a tag's opening up to an attribute: `<meta property="x" ` (not a script's `a<b) `)
    r"""<[a-zA-Z][\w:-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s+"""
)
# An address a page loads or links to: an attribute's (quoted or not; a meta's `content`, `og:url`), a `srcset`'s
# candidates, a style's `url()`.
_ADDRESS = re.compile(
    r"""(?:href|src|action|poster|content)=(?:["']([^"']*)["']|([^\s>"']+))|srcset=["']([^"']*)["']"""
    r"""|url\(\s*["']?([^"')\s]+)"""
)


def check_page(
    html: str, page: Page, env: jinja2.Environment, templates: Path, own: frozenset[str], explainer: bool = False
) -> str:
    """The page its template (`page.template`) has made, or its problems raised; `own`: the site's top-level
    folders and files, `explainer`: an explainer's page. Returned without the marks of printed HTML."""
    head = html.find("</head>", 0, HEAD_BYTES)  # (its head alone encoded: a page is tens of kilobytes)
    head = head if head >= 0 else HEAD_BYTES
    if not names_generator(html[:head].encode("utf-8")):
        message = f'makes a page that does not name the generator (<meta name="generator" content="{GENERATOR}">)'
        hint = 'keep <meta name="generator" content="{{ page.generator }}"> in its head: it marks the site folder'
        raise ContentError([_at(env, templates, page.template, "<head", message, hint)])
    problems = _language(html, page, env, templates)
    if explainer and BODY not in html:
        old = " (`data-pagefind-body` is no longer read: the search index is the generator's own)"
        message = f"makes explainer pages with no `{BODY}`: search finds none of them" + (
            old if "data-pagefind-body" in html else ""
        )
        hint = f'mark the article as the shipped explainer.html does, `<article class="explainer" {BODY}>`'
        problems.append(_at(env, templates, page.template, "<article", message, hint))
    if _BASE.search(html, 0, head):
        message = "makes pages with a <base> element, which sends every link of the site elsewhere"
        hint = "delete it: the site's links are relative"
        problems.append(_at(env, templates, page.template, "<base", message, hint))
    problems += _html_in_attributes(html, page, env, templates) + _out_of_the_site(html, page, env, templates, own)
    if problems:
        raise ContentError(problems)
    return html.replace(PRINTED_HTML, "") if PRINTED_HTML in html else html


def _language(html: str, page: Page, env: jinja2.Environment, templates: Path) -> list[Problem]:
    opened = _HTML.search(html, 0, HEAD_BYTES)
    if opened and "<!--" in html[: opened.start()]:  # (a comment before it may name `<html>`)
        opened = _HTML.search(_COMMENT.sub("", html[:HEAD_BYTES]))
    said = {name.lower(): value for name, value in _ATTRIBUTE.findall(opened.group(1))} if opened else {}
    lang, direction = said.get("lang", "").lower(), said.get("dir", "").lower()
    code = page.lang.code.lower()
    if (lang == code or lang.startswith(f"{code}-")) and direction == page.lang.direction:  # (`ar-EG`, `AR`)
        return []
    shown = " ".join(f'{name}="{said[name]}"' for name in ("lang", "dir") if name in said) or "no lang or dir"
    message = f"makes pages whose <html> has {shown}, where each page's language and direction belong"
    hint = '<html lang="{{ page.lang.code }}" dir="{{ page.lang.direction }}">: a browser lays the page out by them'
    return [_at(env, templates, page.template, "<html", message, hint)]


def own_names(languages: Iterable[Language], assets: Iterable[str]) -> frozenset[str]:
    """The site's own top-level folders and files, which a link from the domain's root must reach through its
    sub-path: the languages', the build's, templates/static's (a newsroom's logo, `/brand/logo.svg`: a retester's)."""
    built = (name.strip("/") for name in BUILT_FOLDERS)
    return frozenset([*(language.code for language in languages), *built, *(name.split("/")[0] for name in assets)])


def _html_in_attributes(html: str, page: Page, env: jinja2.Environment, templates: Path) -> list[Problem]:
    """A text's HTML printed inside a tag (template_check.marked), in one of its attributes."""
    at = html.find(PRINTED_HTML)
    while at >= 0:
        opened = html.rfind("<", 0, at)
        names = list(_VALUE_OPENED.finditer(html, opened, at)) if html.rfind(">", opened, at) < 0 else []
        if names and _TAG_OPENED.fullmatch(html, opened, names[-1].start()):
            name = names[-1].group(1)
            message = f"makes /{page.url} with HTML inside its attribute `{name}`, which ends at the first tag"
            hint = "print text there: `page.title`, or the value `|striptags` (a text's HTML is for the page's body)"
            opening = html[opened : names[-1].start()]
            return [
                _at_tag(env, templates, page.template, opening, name, message, hint)
                or _at(env, templates, page.template, f"{name}=", message, hint)
            ]
        at = html.find(PRINTED_HTML, at + 1)
    return []


def _out_of_the_site(
    html: str, page: Page, env: jinja2.Environment, templates: Path, own: frozenset[str]
) -> list[Problem]:
    """A link from the domain's root to one of the site's own folders (a language's, `assets/`) without the
    sub-path the site is served under: it leads out of the site; so does the site's own address written whole
    without it (`https://example.org/ar/` for a site at `https://example.org/explainers/`), in an attribute, a
    `srcset` or a style's `url()` (a retester's). Any other such link is the newsroom's own site (`/`, `/news/`,
    `/static/analytics.js`: a retester's were refused), and so is one an explainer's text writes, not a template
    (`https://www.soussp.ma/ar/archives/…` was refused, blamed on base.html:1:1: an outside tester's)."""
    base, url = page.link.base_path, page.link.site_url
    if base == "/":
        return []
    origin = url[: -len(base)] if url.endswith(base) else ""
    languages = {page.lang.code, *(switch.lang for switch in page.switches)}
    for found in _ADDRESS.finditer(html):
        if html.rfind("<!--", 0, found.start()) > html.rfind("-->", 0, found.start()):
            continue  # (in a comment)
        listed = found.group(3)  # (a srcset: each candidate's address, before its width or density)
        written_ones = [part.split()[0] for part in listed.split(",") if part.split()] if listed is not None else []
        for written in written_ones or [next(group for group in found.groups() if group is not None)]:
            address = html_text.unescape(written)  # (`/news&amp;views/`: the page's escaping)
            address = address[len(origin) :] if origin and address.startswith(f"{origin}/") else address
            if address.startswith("/") and not address.startswith("//") and _outside(address, base, own, languages):
                whole = re.compile(re.escape(written) + r"(?![\w/.%?#-])")
                if not any(whole.search(source) for _, source in _chain(env, page.template)):
                    continue  # (an explainer's link, its editor's to write)
                message = f"links to {written} from the domain's root, outside the site (served under {base})"
                hint = 'link with `page.link("…")`, which works at the root and under a sub-path'
                hint += "; a page of the domain's own other site by its https:// address"
                return [_at(env, templates, page.template, written, message, hint)]
    return []


# What the build makes in a language's folder besides the explainers (its home page is the folder itself): the
# addresses no slug may take (the archive's was missed when it came: a reviewer's).
_SECTIONS = frozenset({"", "feed.xml", *RESERVED_SLUGS})


def _outside(address: str, base: str, own: frozenset[str], languages: set[str]) -> bool:
    """Whether a path from the domain's root names one of the site's own folders or pages without the site's
    sub-path: in a language's folder, its home or a section the build makes; the domain's other site may have
    pages under `/ar/` too (`https://www.soussp.ma/ar/archives/…`, an explainer's link to the newsroom's main
    site, was refused: an outside tester's)."""
    parts = [part.split("?")[0].split("#")[0] for part in address.split("/")[1:3]] + [""]
    if parts[0] not in own or address.startswith(base):
        return False
    return parts[0] not in languages or parts[1] in _SECTIONS


def _at(env: jinja2.Environment, templates: Path, template: str, text: str, message: str, hint: str) -> Problem:
    """A problem at the line that writes `text`, in the page's template or one it extends (the first that
    writes it, from the page's own up), else at the top of the one it extends last (base.html)."""
    chain = _chain(env, template)
    for name, source in chain:
        if (at := source.find(text)) >= 0:
            return Problem(templates / name, source.count("\n", 0, at) + 1, 1, "", message, hint)
    return Problem(templates / chain[-1][0], 1, 1, "", message, hint)


def _at_tag(
    env: jinja2.Environment, templates: Path, template: str, opening: str, name: str, message: str, hint: str
) -> Problem | None:
    """A problem at the template line that writes the tag `opening` (as rendered, up to its attribute `name`): the
    line with that tag, the attribute printed from a value, and most of the tag's other attributes as written
    (the first `content="{{` of the chain was the generator's own meta tag, not a retester's); in the page's
    template, one it extends, then any it may include (a retester's `meta.html`)."""
    tag, pairs = opening[1:].split(maxsplit=1)[0], _PAIR.findall(opening)
    chain = _chain(env, template)
    named = {name for name, _ in chain}
    included = [name for name in env.list_templates(extensions=["html"]) if name not in named and "/" not in name]
    found = [
        (sum(pair in line for pair in pairs), -order, number, source_name)
        for order, (source_name, source) in enumerate([*chain, *((name, _source(env, name)) for name in included)])
        for number, line in enumerate(source.split("\n"), 1)
        if f"<{tag}" in line and f"{name}=" in line and "{{" in line
    ]
    if not found:
        return None
    _, _, number, source_name = max(found)
    return Problem(templates / source_name, number, 1, "", message, hint)


def _source(env: jinja2.Environment, name: str) -> str:
    """A template's source with its comments blanked, line for line: a finder found `/ar/` in a comment about 404
    pages, and said a link written there."""
    text = env.loader.get_source(env, name)[0] if env.loader else ""
    return _TEMPLATE_COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), text)


_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def _chain(env: jinja2.Environment, template: str) -> list[tuple[str, str]]:
    """A template and those it extends, each with its source."""
    chain: list[tuple[str, str]] = []
    named: str | None = template
    while named and env.loader and named not in (name for name, _ in chain):
        source = _source(env, named)
        chain.append((named, source))
        found = _EXTENDS.search(source)
        named = found.group(1) if found else None
    return chain


# In-page links and the ids they may reach, as templates write them (quoted either way, or not). `id=` with no
# space before it: a pattern that starts with a literal is searched for, not tried at every character (20 us a
# page, not 120), and an attribute ending in `id` (`data-id`) is as good as a target here.
_IN_PAGE_LINK = re.compile(r"""href=["']?#([^"'\s>]*)""")
_ID = re.compile(r"""id=["']?([^"'\s>]+)""")


def dead_links(templates: Path, template: str, url: str, html: str, source: Path | None = None) -> list[Problem]:
    """Links from a page to a place on itself that it does not have: a template that leaves a part out (a
    block emptied) and keeps the contents list's link to it (`#timeline` led nowhere on an outside tester's
    pages). At the template line that writes the link, where one does so literally, or where the explainer's
    file (`source`) does (a paragraph's `[see](#nope)` was blamed on templates/explainer.html:1:1, a tester's);
    `#top` goes to the top."""
    dead = set(_IN_PAGE_LINK.findall(html)) - set(_ID.findall(html)) - {"", "top"}
    problems = []
    for target in sorted(dead):
        message = f"makes /{url} link to #{target}, which nothing on that page is (no id={target})"
        if source and (at := _in_source(source, target)):  # the explainer's own first (`#voices`, which a template
            hint = "link to a section by its id (`#background`), or leave the link out"  # writes too: a retester's)
            problems.append(Problem(source, *at, "", f"links to #{target}, which nothing on its page is", hint))
            continue
        path, line = _written(templates, template, f"#{target}") or (templates / template, 1)
        problems.append(Problem(path, line, 1, "", message, "keep the part it links to, or leave the link out"))
    return problems


def _written(templates: Path, template: str, text: str) -> tuple[Path, int] | None:
    """Where the templates write `text` first (the page's own template before the others), if they do."""
    own = templates / template
    for path in [own, *sorted(path for path in templates.glob("*.*") if path != own)]:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if text + '"' in line or text + "'" in line:
                    return path, number
    return None


def _in_source(source: Path, target: str) -> tuple[int, int] | None:
    """The line and column of a link to `#target` in an explainer's file (Markdown's or HTML's), if written there."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if (found := re.search(rf"""(?:\(\s*<?|href=["']?)#{re.escape(target)}(?![\w-])""", line)) is not None:
                return number, found.start() + 1
    return None
