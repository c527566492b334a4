"""The whole pipeline: load → validate → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content_files import link_problem, list_explainers
from .document import Document
from .incremental import IncrementalBuild
from .load import load_each, read_assets, read_fonts
from .problems import ContentError, Problem
from .render import render
from .validate import Content, validate

LANGUAGE_CODES = ("ar", "en")


@dataclass(frozen=True)
class Project:
    """Where a project keeps its parts; the layout every newsroom checkout shares."""

    root: Path
    site_url: str | None = None  # overrides content/site.yml, e.g. to build for a staging host

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def explainers(self) -> Path:
        return self.content / "explainers"

    def explainer_listing(self) -> tuple[list[Path], list[Problem]]:
        """The explainer files (see content_files for the rule) and the problems that kept any from the list."""
        return list_explainers(self.explainers, self.root)

    def explainer_files(self) -> list[Path]:
        return self.explainer_listing()[0]

    def site_files(self) -> list[Path]:
        """The settings and the interface strings, one file per language."""
        return [self.content / "site.yml", *(self.content / "strings" / f"{code}.yml" for code in LANGUAGE_CODES)]

    def outside_links(self) -> list[Problem]:
        """Settings or strings files that are links out of the project: refused before anything reads them."""
        return [problem for path in self.site_files() if (problem := link_problem(path, self.root))]

    def sources(self) -> list[Path]:
        """The folders the project keeps by hand (a build never writes over one)."""
        names = ("content", "templates", "schema", "docs", "tests", "bench", "examples", ".git", ".github")
        return [self.root / name for name in names]

    def watched(self) -> list[Path]:
        """What a live preview must watch: a change to any of these changes the site."""
        return [self.content, self.templates]


# Settings, interface strings, the explainers that could be read, and the problems of those that could not.
Documents = tuple[Document, dict[str, Document], list[Document], list[Problem]]


def load_documents(project: Project) -> Documents:
    """Parse every content file: settings, interface strings, explainers. Without settings or strings
    nothing can be validated, so their problems are raised at once; an explainer that cannot be read is
    reported with the problems validation finds in the others."""
    files, stray = project.explainer_listing()
    linked = project.outside_links()
    if linked:  # never read, so never quoted in an error
        raise ContentError(linked + stray)
    documents, problems = load_each([*project.site_files(), *files])
    strings = LANGUAGE_CODES
    settings, *tables = documents[: len(strings) + 1]
    if settings is None or None in tables:
        raise ContentError(stray + problems)
    explainers = [document for document in documents[len(strings) + 1 :] if document is not None]
    site_documents = dict(zip(LANGUAGE_CODES, [table for table in tables if table is not None], strict=True))
    return settings, site_documents, explainers, stray + problems


def check(project: Project, documents: Documents | None = None) -> tuple[Content, dict[str, bytes]]:
    """Load (unless given the documents) and validate all content, and read the web fonts it names; raises
    ContentError with every problem found, as a build would."""
    settings, strings, explainers, unread = documents or load_documents(project)
    try:
        content = validate(settings, strings, explainers)
    except ContentError as error:
        raise ContentError(unread + error.problems) from None
    if unread:
        raise ContentError(unread)
    fonts = read_fonts(project.root, settings, content.settings.fonts.model_dump())
    return (content if project.site_url is None else content.served_from(project.site_url)), fonts


def build(project: Project) -> dict[str, bytes]:
    """Every file of the site, in memory: what `write_site` writes and what MkDocs is handed."""
    content, fonts = check(project)
    return render(content, project.templates, read_assets(project.templates / "assets"), fonts)


def build_site(
    project: Project, site: Path | None = None, use_cache: bool = True, search: bool = True, allow_empty: bool = False
) -> dict[str, bytes]:
    """Build into `site/` (or the folder given), redoing only what changed; returns the files written.

    Unless `allow_empty`, a build with no explainers over a site folder that publishes some is refused."""
    return IncrementalBuild(project, site, use_cache, search, allow_empty).run()
