"""Read content files into plain data, remembering where every value came from, and the site-wide inputs.

Files are size-capped and decoded as UTF-8 (a BOM accepted); their YAML is built by `yaml_events`, where
duplicate keys, aliases and multiple documents are problems, dates stay text for the model to parse, and
every value's line and column is recorded for error messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from . import characters, urls
from .document import Document
from .font_check import font_problem
from .problems import ContentError, Problem
from .stats import parsed
from .yaml_errors import tabbed_field, yaml_problem
from .yaml_events import Builder, Parser

MAX_FILE_BYTES = 1_000_000
FONT_BYTES = 40_000_000  # a whole Noto CJK face is 20 MB; a web font is subset from it (fonts.subset_woff2)
STATIC_BYTES = 20_000_000  # a file of templates/static/, published as it is
OUTSIDE_FONT = "copy the font into the project (e.g. fonts/) and give its path from the project folder"


def _missing_hint(path: Path) -> str:
    """How to make a missing content file: a language's interface strings are new with the language (a new
    language's had been told to be restored from the project's history, an outside tester's)."""
    if path.parent.name == "strings":
        return "for a language added to site.yml, copy another language's strings file here and translate every value"
    return "restore it from the project's history, or for an explainer run `new`"


def read_bytes(path: Path) -> bytes:
    """A content file's bytes; a missing file, something else in its place (a folder, a named pipe, which
    reading would wait on for ever) or one over the size limit is a problem, not a crash."""
    if not path.is_file():
        if path.exists():
            message, hint = "is not a file (a folder or a pipe)", "replace it with the file"
        else:  # (`new` writes explainers only: a missing site.yml or strings file was told to run it)
            message, hint = "is missing", _missing_hint(path)
        raise ContentError([Problem(path, 1, 1, "", message, hint)])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"is {size:,} bytes; content files are limited to {MAX_FILE_BYTES:,} bytes"
        raise ContentError([Problem(path, 1, 1, "", message, "split it or remove what does not belong")])
    return path.read_bytes()


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text, a byte-order mark accepted, and every line ending read as one (`\r\n`, and a lone `\r` as old
    Mac editors save: its lines were all counted as line 1, each `\r` a stray character); anything else is
    located for the editor, UTF-16 without its byte-order mark said once (it was a problem per letter)."""
    if raw.count(0) * 3 > len(raw) > 0:  # ASCII in UTF-16: every other byte is 0, and each one is valid UTF-8
        message, hint = "is not UTF-8: it looks like UTF-16", "save the file as UTF-8 in your editor"
        raise ContentError([Problem(path, 1, 1, "", message, hint)])
    try:
        text = raw.decode("utf-8-sig")
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"is not UTF-8 (byte 0x{raw[error.start]:02X})"
        raise ContentError([Problem(path, line, col, "", message, "save the file as UTF-8 in your editor")]) from None


def parse(path: Path, text: str) -> Document:
    """Parse one YAML document. Problems of its structure are raised, all at once; problems of its texts
    (characters, dropped words) travel with the document, so validation can report the rest of it too."""
    typed = characters.scan(path, text)
    if misplaced := characters.marks_before_keys(path, text):  # (what YAML would make of them misleads)
        raise ContentError(typed + misplaced)
    source = characters.blanked(text) if typed else text  # same positions, nothing YAML refuses
    parser = Parser(source)
    builder = Builder(path, parser, source)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as error:
        # A tab in the indentation, read as a space, may be what put the structure wrong: then it alone is said.
        # Whatever else `scan` found was blanked to a character YAML takes: the error is one of its own.
        if odd := characters.odd_spaces(path, text):  # (a no-break space after `title:`: it is what YAML stopped at)
            raise ContentError([*typed, *odd]) from None
        if not any(problem.message == characters.TAB_INDENTED for problem in typed):
            raise ContentError([*typed, yaml_problem(path, source, error)]) from None
        raise ContentError([_tab_named(path, source, problem) for problem in typed]) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise ContentError(typed + builder.problems)
    document = Document(path, data, builder.locations, text=source)
    document.problems = [replace(problem, field=document.field_at(problem.line, problem.col)) for problem in typed]
    document.problems += builder.notes
    document.altered = {note.field for note in builder.notes}
    return document


def _tab_named(path: Path, source: str, problem: Problem) -> Problem:
    """A tab in a line's indentation, with the field the line writes (`yaml_errors.tabbed_field`)."""
    if problem.message != characters.TAB_INDENTED:
        return problem
    return replace(problem, field=tabbed_field(path, source, problem.line))


def load(path: Path, raw: bytes | None = None) -> Document:
    """Read (unless its bytes are given) and parse one content file."""
    return parse(path, decode(path, read_bytes(path) if raw is None else raw))


def load_each(paths: list[Path]) -> tuple[list[Document | None], list[Problem]]:
    """Load every file: its document (None when it cannot be read), and the problems of those that cannot."""
    documents: list[Document | None] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            documents.append(load(path))
        except ContentError as error:
            documents.append(None)
            problems.extend(error.problems)
    return documents, problems


def read_assets(templates: Path, languages: tuple[str, ...]) -> dict[str, bytes]:
    """Files shipped with the templates, keyed by their site path: `templates/assets/` under `assets/` (published
    under names made from their content, site_assets.py), and `templates/static/` at the site's root as they are:
    a newsroom's own files (`CNAME`, `.well-known/security.txt`, a search console's `google….html`), which a
    build would otherwise remove from the site folder it replaces (an outside tester's finding). A file of
    static/ where the build makes one of its own, or leading outside the templates, is a problem where it is."""
    if not templates.is_dir():  # a link to no folder: the default templates were taken in silence (a tester's)
        message, hint = "is a link that leads to no folder (to itself, or to nothing)", "link it to the templates"
        raise ContentError([Problem(templates, 1, 1, "", message, hint + ", or remove it for the default ones")])
    assets = templates / "assets"
    found = {f"assets/{path.relative_to(assets).as_posix()}": path.read_bytes() for path in files_inside(assets)}
    problems = []
    for path in _files(templates / "static"):
        name = path.relative_to(templates / "static").as_posix()
        if any(part.startswith(".") and part != ".well-known" for part in name.split("/")) or path.name in _LITTER:
            continue  # a system's or a tool's own (.DS_Store, .git/), as content's hidden files are skipped
        data = read_inside(templates, f"static/{name}", STATIC_BYTES)
        if name.split("/")[0] in languages:
            message, hint = f"is in /{name.split('/')[0]}/, a language's folder, which the build makes", "move it"
        elif (first := name.split("/")[0]) in urls.BUILT_FILES or f"{first}/" in urls.BUILT_FOLDERS:  # (a file
            # `media`, or a folder `index.html/`, too: `check` passed them and the build failed, naming a temporary
            # path: an outside tester's)
            message, hint = f"is at /{name}, which the build makes itself", "move it, or leave that file to the build"
        elif not isinstance(data, bytes) or len(data) > STATIC_BYTES:
            why = (
                "it is over 20 MB" if data else "it leads outside templates/" if data is False else "it cannot be read"
            )
            message, hint = f"cannot be published: {why}", "copy the file itself into templates/static/, under 20 MB"
        else:
            found[name] = data
            continue
        problems.append(Problem(path, 1, 1, "", message, hint))
    if problems:
        raise ContentError(problems)
    return found


_LITTER = frozenset({"Thumbs.db", "desktop.ini"})  # what Windows leaves in folders


def _files(folder: Path) -> list[Path]:
    """The files under a folder (links to files included), in order."""
    return [path for path in sorted(folder.rglob("*")) if path.is_file()] if folder.is_dir() else []


def files_inside(folder: Path) -> list[Path]:
    """The files under a folder that are published as they are (the templates' assets, the editor's), in order:
    a link among them that leads out of the folder is a problem, never read. A link in templates/assets/ to
    /proc/self/environ published the build's environment, a CI's secrets with it (an outside tester's)."""
    real = folder.resolve()
    files, problems = [], []
    for path in _files(folder):
        if path.resolve().is_relative_to(real):
            files.append(path)
        else:
            message = f"is a link to a file outside {folder.name}/, so it is not published"
            problems.append(Problem(path, 1, 1, "", message, "copy the file itself into the folder"))
    if problems:
        raise ContentError(problems)
    return files


def read_fonts(root: Path, settings: Document, fonts: dict[str, str | None]) -> dict[str, bytes]:
    """The web-font files site.yml names (`languages.<code>.font`), by language; a missing file or one that is
    not a font is a problem where site.yml names it (so `check` refuses it, not the build half-way)."""
    found, problems = {}, []
    for language, name in ((language, name) for language, name in fonts.items() if name is not None):
        data = read_inside(root, name, FONT_BYTES)
        trouble = _font_trouble(name, data, root / ".cache" / "fonts.txt")
        if trouble is None and isinstance(data, bytes):
            found[language] = data
        else:
            at, (message, hint) = settings.locate(("languages", language, "font")), trouble or ("", "")
            problems.append(Problem(settings.path, *at, f"languages.{language}.font", message, hint))
    if problems:
        raise ContentError(problems)
    return found


def _font_trouble(name: str, data: bytes | bool | None, sound: Path) -> tuple[str, str] | None:
    """What is wrong with the font file `read_inside` found: out of the project (`../../usr/share/fonts/…`, a
    link; never read, so never published), too large to be a face, missing or no font (`font_problem`)."""
    if data is False:
        return f"names `{name}`, which is outside the project", OUTSIDE_FONT
    if isinstance(data, bytes) and len(data) > FONT_BYTES:
        return f"names `{name}`, which is over {FONT_BYTES:,} bytes", "name a font file for the web"
    return font_problem(name, data if isinstance(data, bytes) else None, sound)


def read_inside(folder: Path, name: str, limit: int) -> bytes | bool | None:
    """A file content names by its path from `folder` (a picture in content/): its bytes, at most `limit` and
    one more (a video named by mistake is not read whole to be refused), None if there is no such file (a link
    in a loop included), False if the name leads outside the folder (then it is never read)."""
    if "\0" in name:  # no file is named so; the character itself is reported where it is written
        return None
    try:
        path = (folder / name).resolve()
    except (RuntimeError, OSError):  # links that lead round in a loop: no file, as opening it would say (ELOOP)
        return None
    if not path.is_relative_to(folder.resolve()):
        return False
    try:
        if not path.is_file():  # a folder, or a FIFO (which would wait for a writer)
            return None
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None


def spelt_otherwise(folder: Path, name: str) -> str | None:
    """The path of the file `name` names under `folder` as the disk spells it, where that differs from `name` in
    capitals alone (`media/cmyk.jpg` for `media/Cmyk.jpg`); None where it does not, or no one file is so named.
    A Mac's or Windows' disk opens the file under either name, a Linux server under its own alone: `check`
    passed on a laptop where the build then failed (an outside tester's). Only a disk that folds capitals, or
    a name no file has, is listed: on Linux a file found is spelt as named."""
    if "\0" in name:
        return None
    path = folder / name
    if path.exists() and not (path.parent / path.name.swapcase()).exists():
        return None  # (a disk that tells capitals apart found it as named)
    at, spelt = folder, []
    for part in Path(name).parts:
        entries = _listing(at)
        matches = [part] if part in entries else [entry for entry in entries if entry.casefold() == part.casefold()]
        if len(matches) != 1:
            return None
        spelt.append(matches[0])
        at = at / matches[0]
    written = "/".join(spelt)
    return written if written != name and at.is_file() else None


_listings: dict[Path, tuple[int, list[str]]] = {}  # by folder: its time when listed, and its entries


def _listing(folder: Path) -> list[str]:
    """A folder's entries, listed once while it is unchanged (a Mac's disk lists media/ for each picture); the
    last listing alone is kept, so a preview's uploads do not pile listings up."""
    try:
        changed = folder.stat().st_mtime_ns
        if _listings.get(folder, (None, []))[0] != changed:
            _listings[folder] = (changed, os.listdir(folder))
        return _listings[folder][1]
    except OSError:
        return []


def read_json(path: Path) -> dict[str, object] | None:
    """A data file a build draws from (Natural Earth's countries for maps), or None when it is not there."""
    try:
        data = parsed(path.read_bytes())  # (None: no JSON, or nested deeper than the parser goes)
    except OSError:
        return None
    return data if isinstance(data, dict) else None


def read_tree(folder: Path, keep: Callable[[str], bool] = lambda name: True) -> dict[str, bytes]:
    """The files of a folder and its subfolders that `keep` accepts, by their path inside it (`chunks/a.js`);
    nothing when the folder is missing, and a problem for a link that leads out of it (`files_inside`)."""
    files = {path.relative_to(folder).as_posix(): path for path in files_inside(folder)}
    return {name: path.read_bytes() for name, path in files.items() if keep(name)}
