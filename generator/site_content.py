"""The site-wide content: content/site.yml, the interface strings of each language and content/authors.yml,
read and checked before any explainer is. Explainers are checked against the languages, strings and bylines
these declare (an explainer names its authors by id), so their problems are raised at once: without them
nothing else can be checked."""

from __future__ import annotations

from .document import Document
from .load import load_each
from .problems import ContentError
from .project import Project
from .settings import Content
from .validate import validate_authors, validate_settings, validate_strings


def site_content(project: Project) -> tuple[Content, Document]:
    """The settings, strings and bylines as one `Content` (served from the project's site URL, if it has one),
    and the settings file as read (the fonts it names are read from it)."""
    settings_file = project.settings_file
    refused = project.outside_links([settings_file])  # never read, so never quoted in an error
    (settings_document,), problems = ([None], refused) if refused else load_each([settings_file])
    settings, found = validate_settings(settings_document) if settings_document else (None, [])
    if settings is None:
        raise ContentError(problems + found + project.explainer_listing()[1])  # and what kept files unlisted
    files = [project.strings_file(code) for code in settings.languages]
    refused = project.outside_links(files)
    tables, problems = ([], refused) if refused else load_each(files)
    documents = {code: table for code, table in zip(settings.languages, tables, strict=False) if table is not None}
    site, found = (None, []) if problems else validate_strings(settings, documents)
    if site is None or settings_document is None:
        raise ContentError(problems + found + project.explainer_listing()[1])  # and what kept files unlisted
    site = with_authors(site, project)
    return (site if project.site_url is None else site.served_from(project.site_url)), settings_document


def with_authors(site: Content, project: Project) -> Content:
    """The site with the project's bylines, when it has the file; its problems are raised at once."""
    authors_file = project.authors_file
    if not authors_file.exists() and not authors_file.is_symlink():  # a link to nothing, or in a loop, is said
        return site
    refused = project.outside_links([authors_file])  # never read, so never quoted in an error
    (document,), problems = ([None], refused) if refused else load_each([authors_file])
    with_bylines, found = validate_authors(document, site) if document else (None, [])
    if with_bylines is None:
        raise ContentError(problems + found)
    return with_bylines
