"""How a build knows a site folder is its own: every page it makes names the generator in its head
(`<meta name="generator">`, templates/base.html). Any web root has an `index.html`, a sitemap and a `robots.txt`
(an outside tester's `--site-dir` at one was emptied); none other names this generator."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

GENERATOR = "bilingual-explainers"
SITE_SIGNATURE = ("index.html", "sitemap.xml", "robots.txt")  # what every build's site folder holds
HEAD_BYTES = 65_536  # how much of a page is read for its head (an inline style of 9 KB put the meta after 8)
_MARKED = re.compile(rb'<meta\s+name="generator"\s+content="' + GENERATOR.encode() + rb'"')
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


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


def built(site: Path) -> bool:
    """Whether a folder has a build's files, its root page naming this generator in its head."""
    return all((site / name).is_file() for name in SITE_SIGNATURE) and root_page_names_generator(site)


def part_built(site: Path) -> bool:
    """Whether a folder that is no whole site holds pages that name this generator, at its root or a language's:
    a build's, left by one stopped before it was done (a killed `mkdocs build`)."""
    folders = [site, *itertools.islice((folder for folder in site.iterdir() if folder.is_dir()), 20)]
    return any(root_page_names_generator(folder) for folder in folders)
