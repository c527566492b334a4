"""The explainer addresses `build` last published into a site folder, kept apart from what the preview writes.

`check` warns of an address the next build would break by comparing the explainers with what the site folder
holds and with the build cache's record of the last build. The preview and `watch` rebuild that very folder
and that cache as an editor types, so after a session in which a slug changed (and no `former_slugs`), the
draft was what `check` compared with: it said "All clear", and the next `build` published the broken address
without a word (an outside tester's night shift). So `build` (and MkDocs' builds: mkdocs_plugin.py) alone keep
this record, `.cache/published.json`:
`check` warns against it as well, `build` says which recorded address it no longer publishes, and a build
that would otherwise change nothing (warm.py) is not taken for one while a recorded address is missing.
Standard library only: the warm path asks it before anything heavy is imported.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .stats import parsed, read_cache
from .write import write_cache

if TYPE_CHECKING:
    from .project import Project


def _file(project: Project) -> Path:
    return project.root / ".cache" / "published.json"


def _sites(project: Project) -> dict[str, list[str]]:
    """The record: each site folder a `build` wrote (`--site-dir` too), with its explainer pages."""
    data = parsed(read_cache(_file(project)))  # none, or not a regular file: no record
    if not isinstance(data, dict):
        return {}
    return {
        str(site): [page for page in pages if isinstance(page, str)]
        for site, pages in data.items()
        if isinstance(pages, list)
    }


def _key(project: Project, site: Path) -> str:
    """A site folder as the record names it: inside the project, by its path there (`site`), so that a project
    moved or copied, or its cache restored in another CI workspace, still knows what it published (named by its
    whole path, a copy built an empty site without a word: an outside tester's); elsewhere, by its whole path."""
    resolved = Path(os.path.realpath(site))  # (a loop of links as written: `resolve` raised)
    return (
        resolved.relative_to(root).as_posix()
        if resolved.is_relative_to(root := project.root.resolve())
        else str(resolved)
    )


def recorded(project: Project, site: Path) -> list[str]:
    """The explainer pages (`ar/<slug>/`) the last `build` into `site` published; none if unknown (a record made
    before the key was the project's own path is read by the whole path)."""
    sites = _sites(project)
    return sites.get(_key(project, site)) or sites.get(os.path.realpath(site), [])


def all_there(project: Project, site: Path) -> bool:
    """Whether every page the last `build` published is still in `site` (a preview may have taken one out)."""
    return all((site / page / "index.html").is_file() for page in recorded(project, site))


def replace(project: Project, site: Path, pages: list[str]) -> list[str]:
    """Record `pages` as what `build` now publishes in `site`; returns the recorded ones it no longer does. Only a
    cache: failing to write it is not an error (the next build records again)."""
    sites = _sites(project)
    gone = sorted(set(recorded(project, site)) - set(pages))
    sites.pop(str(site.resolve()), None)
    sites[_key(project, site)] = sorted(pages)
    data = json.dumps(sites, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
    if read_cache(_file(project)) != data:
        write_cache(_file(project), data)
    return gone
