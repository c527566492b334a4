"""Where a project keeps its parts: the layout every newsroom checkout shares."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .content_files import link_problem, list_explainers
from .problems import ContentError, Problem
from .stats import stat_content

# The templates a project without its own `templates/` folder is built with: this repository's, which an
# install that is not editable (pip from a clone, as pre-commit does) carries inside the package.
_HERE = Path(__file__).resolve().parent
_PLACES = (_HERE / "templates", _HERE.parent / "templates")
DEFAULT_TEMPLATES = next((path for path in _PLACES if path.is_dir()), _PLACES[1])


@dataclass(frozen=True)
class Project:
    """A project folder: content/ (settings, strings, explainers), templates/ (optional), and site/ to build."""

    root: Path
    site_url: str | None = None  # overrides content/site.yml, e.g. to build for a staging host
    only: tuple[Path, ...] | None = None  # the explainer files a check is limited to (mark-reviewed's), if any

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        """The project's own templates, or the default ones: a project of content alone (examples/trilingual)
        needs no copy of them."""
        own = self.root / "templates"  # (a link to no folder is the project's, which `check` refuses)
        return own if own.is_dir() or own.is_symlink() else DEFAULT_TEMPLATES

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache_file(self) -> Path:
        """The build cache (cache.py; its first line, warm.py)."""
        return self.root / ".cache" / "build.json"

    @property
    def inputs_file(self) -> Path:
        """The site-wide inputs' files as last read, and their fingerprint (warm.py)."""
        return self.root / ".cache" / "inputs.json"

    @property
    def explainers(self) -> Path:
        return self.content / "explainers"

    @property
    def settings_file(self) -> Path:
        return self.content / "site.yml"

    @property
    def authors_file(self) -> Path:
        """Everyone explainers are credited to (optional: a project without bylines has none)."""
        return self.content / "authors.yml"

    @property
    def strings(self) -> Path:
        """The folder of the languages' interface strings: content/strings/."""
        return self.content / "strings"

    def strings_file(self, code: str) -> Path:
        """A language's interface strings: content/strings/<code>.yml."""
        return self.strings / f"{code}.yml"

    def explainer_listing(self) -> tuple[list[Path], list[Problem]]:
        """The explainer files (see content_files for the rule) and the problems that kept any from the list."""
        files, problems = list_explainers(self.explainers, self.root)
        return (files, problems) if self.only is None else ([path for path in files if path in self.only], problems)

    def explainer_keys(self, files: list[Path]) -> list[str]:
        """Each listed explainer file's name under content/explainers/ (`2024/x.yml`), what the cache knows it by;
        cut from the path as text (`Path.relative_to` ten thousand times is a tenth of a second)."""
        start = len(str(self.explainers)) + 1
        return [str(path)[start:].replace(os.sep, "/") for path in files]

    def explainer_stats(self) -> dict[str, tuple[int, int]]:
        """Each explainer file's size and time, by its name under content/explainers/ (the preview's check)."""
        files, _ = self.explainer_listing()
        return stat_content(self.explainers, self.explainer_keys(files))

    def outside_links(self, paths: list[Path]) -> list[Problem]:
        """Content files that are links out of the project, or in a folder that is one (`content/strings` linked
        elsewhere, an outside tester's): refused before anything reads them."""
        return [problem for path in paths if (problem := link_problem(path, self.root, any_folder=True))]

    def sources(self) -> list[Path]:
        """The folders the project keeps by hand (a build never writes over one)."""
        names = ("content", "templates", "generator", "schema", "docs", "tests", "bench", "examples", ".git", ".github")
        return [self.root / name for name in names]

    def refuse_committed_outputs(self) -> None:
        """Refuse a build cache or site folder that git tracks: both are this computer's own, made by its builds. A
        pull request that committed `.cache/` (`git add -f`) had `check --strict` pass a `<script>` title on the
        cache's word and a build publish pictures the cache held, not the reviewed ones (an outside tester's);
        a committed `site/` kept files no build made. (No git, or no repository: nothing to ask.)"""
        folders = [name for name in (".cache", "site") if os.path.lexists(self.root / name)]  # (a link to nothing too)
        if not folders:
            return
        try:
            listed = subprocess.run(
                ["git", "ls-files", "-z", "--", *folders], cwd=self.root, capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return
        tracked = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
        if listed.returncode != 0 or not tracked:
            return
        problems = []
        for folder in folders:
            count = sum(name == folder or name.startswith(f"{folder}/") for name in tracked)  # (a link: itself)
            if count:
                message = f"is in the repository (git tracks {count} of its files): it is made by builds, never taken"
                problems.append(Problem(self.root / folder, 1, 1, "", message, f"git rm -r --cached {folder}"))
        if problems:
            raise ContentError(problems)

    def watched(self) -> list[Path]:
        """What a live preview must watch: a change to any of these changes the site. The web fonts site.yml names
        too, in `fonts/` as the README has them (a font replaced there was built only when site.yml was next
        touched: an outside tester's); one elsewhere is read again when site.yml changes."""
        fonts = self.root / "fonts"
        return [self.content, self.templates, *([fonts] if fonts.is_dir() else [])]
