"""The site-wide content: content/site.yml, the interface strings of each language and content/authors.yml,
read and checked before any explainer is. Explainers are checked against the languages, topics and bylines
these declare (an explainer names its authors by id), so their problems are raised at once, with each
explainer's own problems as far as what is valid lets them be checked: an error in site.yml hid every
explainer's (an outside tester fixed one file, then met a screenful of others)."""

from __future__ import annotations

from dataclasses import replace

from .document import Document
from .load import load_each
from .problems import ContentError, Problem
from .project import Project
from .settings import Content
from .validate import validate_authors, validate_explainer, validate_settings, validate_strings


def site_content(project: Project) -> tuple[Content, Document]:
    """The settings, strings and bylines as one `Content` (served from the project's site URL, if it has one),
    and the settings file as read (the fonts it names are read from it). Each file's problems are said with
    the others' and every explainer's, as far as the languages are known: a language added to site.yml took
    four rounds of `check`, site.yml's, then the strings', then their names', then the bylines' (a tester's)."""
    settings_file = project.settings_file
    refused = project.outside_links([settings_file])  # never read, so never quoted in an error
    (settings_document,), problems = ([None], refused) if refused else load_each([settings_file])
    settings, found = validate_settings(settings_document) if settings_document else (None, [])
    problems += found
    basis = Content(settings, {}) if settings else _languages_alone(settings_document) if settings_document else None
    if basis is None:  # its languages unknown: nothing else can be checked against them
        raise ContentError(problems + explainer_problems(project, None, bylines=False, topics_known=False))
    files = [project.strings_file(code) for code in basis.settings.languages]
    refused = project.outside_links(files)
    tables, unread = ([], refused) if refused else load_each(files)
    documents = {
        code: table for code, table in zip(basis.settings.languages, tables, strict=False) if table is not None
    }
    site, found = validate_strings(basis.settings, documents)  # (each read one; none if one could not be read)
    problems += unread + found
    with_bylines, found = with_authors(site or basis, project)
    problems += found
    if problems or site is None or settings_document is None:
        known = with_bylines if with_bylines and site else site or basis
        bylines = with_bylines is not None and site is not None
        raise ContentError(problems + explainer_problems(project, known, bylines, topics_known=settings is not None))
    site = with_bylines or site
    return (site if project.site_url is None else site.served_from(project.site_url)), settings_document


def with_authors(site: Content, project: Project) -> tuple[Content | None, list[Problem]]:
    """The site with the project's bylines, when it has the file (None, and its problems, if they are wrong)."""
    authors_file = project.authors_file
    if not authors_file.exists() and not authors_file.is_symlink():  # a link to nothing, or in a loop, is said
        return site, []
    refused = project.outside_links([authors_file])  # never read, so never quoted in an error
    (document,), problems = ([None], refused) if refused else load_each([authors_file])
    with_bylines, found = validate_authors(document, site) if document else (None, [])
    return with_bylines, problems + found


def _languages_alone(document: Document) -> Content | None:
    """The site's languages, when site.yml's are valid though something else in it is not: a topic named in a
    language taken out hid every explainer's text in that language (an outside tester's, who met 64 more
    problems once the topics were fixed). None when the languages themselves are wrong."""
    if not isinstance(document.data, dict):
        return None
    kept = {"languages": document.data.get("languages")}  # (a default language misspelt too: an independent reviewer's)
    languages = replace(document, data={"site_url": "https://example.org/", **kept}, problems=[])
    settings, _ = validate_settings(languages)
    return Content(settings, {}) if settings else None


def explainer_problems(
    project: Project, site: Content | None, bylines: bool = True, topics_known: bool = True
) -> list[Problem]:
    """Every explainer's problems against the part of the site that is valid (`None`: its languages and topics
    are not known; `bylines` False: its authors are not; `topics_known` False: its topics are not), and what kept files
    from the list. Only on the way to an error, so read one by one (no workers, no cache): a slip in site.yml
    costs a second, not a build."""
    files, problems = project.explainer_listing()
    documents, unread = load_each(files)
    problems += unread
    for document in documents:
        problems += validate_explainer(document, site, bylines, topics_known)[1] if document else []
    return problems
