"""The fingerprint of a build's site-wide inputs: when it changes, every page is made again.

Settings, interface strings, authors, templates, assets, fonts, this code and the versions of the libraries
that shape a page (and of the editor's bundle, when the site has the editor): a change to any of them can
change every page, so the cache keeps nothing across it. A cache saved under the same fingerprint was saved
by a build that compiled these templates without a problem, which is how a warm build knows it need not
compile them again (see `build`)."""

from __future__ import annotations

import importlib.metadata
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import editor
from .cache import FORMAT
from .hashing import digest

if TYPE_CHECKING:
    from .project import Project
    from .settings import Content

# Libraries whose version changes what a page looks like.
RENDERING_LIBRARIES = ("Markdown", "nh3", "Jinja2", "Babel", "pydantic", "PyYAML")


def site_fingerprint(site: Content, templates: Path, assets: dict[str, bytes], fonts: dict[str, bytes]) -> str:
    """One digest of the cache format, the site's settings, strings and authors, the library versions, this
    code, the templates, `assets` (the stylesheet, icons) and the web `fonts` by language."""
    parts = [f"format {FORMAT}", repr(site.settings), repr(site.strings), repr(site.authors), *_library_versions()]
    if site.settings.editor:  # admin/ is made from the admin page's files and Decap's bundle as well
        parts += editor.sources(templates)
    assets = {**assets, **{f"font {code}": data for code, data in fonts.items()}}
    code = Path(__file__).parent
    for folder, pattern in ((code, "*.py"), (code, "*.js"), (templates, "**/*")):  # (*.js: the search page's)
        parts += [f"{path}:{digest(path.read_bytes())}" for path in sorted(folder.glob(pattern)) if path.is_file()]
    parts += [f"{name}:{digest(data)}" for name, data in sorted(assets.items())]
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))  # (a name not UTF-8: template_check's)


def input_files(project: Project) -> list[Path]:
    """The files the fingerprint is made from, and the folders they are listed from (a file added or removed
    moves its folder's time): site.yml, the strings, the bylines, the templates, this code, the editor's
    default admin page and Decap's bundle, and each rendering library's metadata, whose folder is named by its
    version. More than the fingerprint reads, never less: warm.py trusts the fingerprint while these are as
    recorded. The fonts, named in site.yml, the build adds."""
    found = [project.settings_file, project.authors_file, project.root / "templates"]  # (made: no more defaults)
    for folder in (project.content, project.content / "strings", editor.DECAP):
        found += [folder, *sorted(folder.iterdir())] if folder.is_dir() else [folder]
    for tree in (project.templates, Path(__file__).parent, editor.DEFAULT_ADMIN):
        for root, folders, files in os.walk(tree):
            folders[:] = sorted(name for name in folders if name != "__pycache__")  # Python writes there itself
            found += [Path(root), *(Path(root, name) for name in sorted(files))]
    return found + list(_library_metadata())


@cache
def _library_metadata() -> tuple[Path, ...]:
    """Each rendering library's metadata file, in a folder named by its version."""
    found = []
    for name in RENDERING_LIBRARIES:
        distribution = importlib.metadata.distribution(name)
        found += [
            Path(str(distribution.locate_file(file))) for file in distribution.files or () if file.name == "METADATA"
        ]
    return tuple(found)


@cache
def _library_versions() -> list[str]:
    """The rendering libraries' versions: read once per process (each read parses a package's metadata)."""
    return [f"{name} {importlib.metadata.version(name)}" for name in RENDERING_LIBRARIES]
