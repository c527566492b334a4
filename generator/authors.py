"""content/authors.yml: the newsroom's bylines, read and checked into the site before any explainer is, since
explainers name their authors by id and cannot be checked without them."""

from __future__ import annotations

from .load import load_each
from .problems import ContentError
from .project import Project
from .settings import Content
from .validate import validate_authors


def with_authors(site: Content, project: Project) -> Content:
    """The site with the project's bylines, when it has the file; its problems are raised at once."""
    authors_file = project.authors_file
    if not authors_file.exists():
        return site
    refused = project.outside_links([authors_file])  # never read, so never quoted in an error
    (document,), problems = ([None], refused) if refused else load_each([authors_file])
    with_bylines, found = validate_authors(document, site) if document else (None, [])
    if with_bylines is None:
        raise ContentError(problems + found)
    return with_bylines
