"""How a build knows a site folder is its own: every page it makes names the generator in its head
(`<meta name="generator">`, templates/base.html). Any web root has an `index.html`, a sitemap and a `robots.txt`
(an outside tester's `--site-dir` at one was emptied); none other names this generator."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import ContentError, Problem

if TYPE_CHECKING:  # (a build with nothing to do asks `names_generator`, importing no template engine)
    import jinja2

GENERATOR = "bilingual-explainers"
HEAD_BYTES = 65_536  # how much of a page is read for its head (an inline style of 9 KB put the meta after 8)
_MARKED = re.compile(rb'<meta\s+name="generator"\s+content="' + GENERATOR.encode() + rb'"')
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")


def names_generator(page: bytes) -> bool:
    """Whether a page names this generator in its head, not in a comment there (a commented-out meta counted:
    an outside tester's)."""
    head = page[:HEAD_BYTES].partition(b"</head>")[0]
    return bool(_MARKED.search(_COMMENT.sub(b"", head) if b"<!--" in head else head))


def root_page_names_generator(site: Path) -> bool:
    """Whether a site folder's root page names this generator (`names_generator`)."""
    try:
        with (site / "index.html").open("rb") as file:
            return names_generator(file.read(HEAD_BYTES))
    except OSError:
        return False


def check_page(html: str, env: jinja2.Environment, templates: Path, template: str) -> None:
    """Raise the problem of a rendered page that does not name the generator: a newsroom's template that left it
    out, or an explainer.html emptied (`check` passed it and empty pages were published: an outside tester's).
    Said at the template that writes the page's head, the one its template extends (base.html), if any."""
    head = html.find("</head>", 0, HEAD_BYTES)  # (its head alone encoded: a page is tens of kilobytes)
    if names_generator(html[: head if head >= 0 else HEAD_BYTES].encode("utf-8")):
        return
    named = template
    while env.loader and (found := _EXTENDS.search(env.loader.get_source(env, named)[0])) and found.group(1) != named:
        named = found.group(1)
    message = f'makes a page that does not name the generator (<meta name="generator" content="{GENERATOR}">)'
    hint = 'keep <meta name="generator" content="{{ page.generator }}"> in its head: it marks the site folder'
    raise ContentError([Problem(templates / named, 1, 1, "", message, hint)])
