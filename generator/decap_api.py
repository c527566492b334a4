"""Decap CMS's local-backend API (`local_backend`: eleven actions on files, and three of ours) answered on a
project's two folders, for `python -m generator edit` (local_backend.py serves it):

- only in Decap's two folders, `content/explainers/` and `content/media/` (site.yml, the strings and the
  bylines are not the editor's to write or delete), never through a link that leads out of them, never a
  hidden file, whether named or reached through a link;
- each file written whole or not at all: a temporary file of its own beside it (a new name, never a link
  already there: a planted one was written through, an independent reviewer's), then renamed over it;
- every request's paths checked, and its texts encoded, before any file is written; an explainer saved only
  when `check` would take it (`Vet`), its pictures otherwise as they were.

The actions and their answers are decap-server's (its `localFs` middleware, 3.11), and `sameValues`: whether
two texts of an explainer read as the same values, so that a form whose file changed on disk in its comments
alone still saves (it was refused as "saved elsewhere", an outside tester's finding); and `markReviewed`.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re
from pathlib import Path
from typing import Any

from .content_files import is_explainer_name
from .decap_files import Files, RefusedError, same_file
from .kept_layout import UnreadableError, readable, same_values, saved
from .picture_checks import SUFFIXES
from .problems import ContentError
from .project import Project
from .scaffold import site_languages, skeleton
from .translations import record_path


def answer(files: Files, action: object, params: dict[str, Any]) -> object:
    """What Decap's action asks, done: its answer, as decap-server gives it."""
    if action == "info":
        return {"repo": files.root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        listed = files.listed(params.get("folder"), str(params.get("extension") or ""), int(params.get("depth") or 1))
        return [files.entry(path) for path in listed]
    if action == "entriesByFiles":
        return [files.entry(str(item.get("path")), item.get("label")) for item in params.get("files") or []]
    if action == "getEntry":
        return files.entry(str(params.get("path")))
    if action == "persistEntry":
        with files.lock:
            return _persist(files, params)
    if action == "getMedia":
        return [files.media(path) for path in files.listed(params.get("mediaFolder"), "", 1)]
    if action == "getMediaFile":
        return files.media(str(params.get("path")))
    if action == "persistMedia":
        asset = params.get("asset") or {}
        if not files.path(asset.get("path"), within=1).name.lower().endswith(SUFFIXES):  # (`evil.html`: a tester's)
            raise RefusedError(422, f"{asset.get('path')}: only pictures are uploaded here (JPEG, PNG, WebP or AVIF)")
        with files.lock:
            files.replacing(asset.get("path"), data := _decoded(asset))
            files.write(asset.get("path"), data)
        return files.media(str(asset.get("path")))
    if action in {"deleteFile", "deleteFiles"}:
        paths = (params.get("paths") or []) if action == "deleteFiles" else [params.get("path")]
        for path in paths:
            with files.lock:
                _delete(files, path)
        return {"message": f"deleted files {', '.join(map(str, paths))}"}
    if action == "getDeployPreview":
        return None
    if action == "unread":  # ours: why an explainer's form is empty (editor.js, its preview), or None
        return {"problem": _unread(files, params.get("path"))}
    if action == "markReviewed":  # ours: the preview's button, where only the terminal could mark a review
        return _mark_reviewed(files, params.get("path"))
    if action == "ahead":  # ours: a saved explainer's own dates still to come, which `check` warns of (editor.js)
        return {"ahead": _ahead(files, params.get("path"))}
    if action == "sameValues":  # ours, not decap-server's: editor-saves.js asks before it refuses a save
        texts = [_encoded({"raw": text}) for text in (params.get("texts") or [])[:2]]
        return {"same": len(texts) == 2 and same_values(files.path(params.get("path")), *texts)}
    raise RefusedError(422, f"Unknown action {action}")


def _unread(files: Files, path: object) -> str | None:
    """Where an explainer's file does not read, as `check` says it first; None if it reads (or is not there). Decap
    opened such a file as an empty form and said nothing of why, which looked like the explainer lost (an outside
    editor's): the preview beside the form says it."""
    here = files.path(path)
    if not here.is_relative_to(files.folders[0]) or (raw := files.bytes_of(path)) is None:
        return None
    try:
        readable(here, raw)
    except UnreadableError as error:
        return str(error)
    return None


def _ahead(files: Files, path: object) -> list[str]:
    """A saved explainer's own dates still to come (dates_ahead.py), as the form names their fields: `check` warns
    of them in a terminal, and an editor in the browser saved "Published 2027-05-01" unwarned, the page dated so
    and first on the home page (an outside tester's)."""
    from .dates_ahead import ahead, own_dates
    from .form_labels import field_label
    from .load import decode, parse

    here = files.path(path)
    if not here.is_relative_to(files.folders[0]) or (raw := files.bytes_of(path)) is None:
        return []
    try:
        parsed = parse(here, decode(here, raw))
    except ContentError:
        return []
    codes = frozenset(language.code for language in site_languages(Project(files.root)).languages)
    found = ahead(here, own_dates(parsed), dt.date.today())
    return [f"{field_label(problem.field, codes)}: {problem.message} ({problem.hint})" for problem in found]


def _mark_reviewed(files: Files, path: object) -> dict[str, object]:
    """`mark-reviewed` of one saved explainer, run as the command runs (its checks, its record, what it says): an
    explainer written in the browser could not pass `check --strict`, the pull request's gate, without a terminal
    (an outside tester's). The editor reads the languages side by side in the form before pressing it."""
    import subprocess
    import sys

    here = files.path(path, existing=True, within=0)
    if not is_explainer_name(here.name):
        raise RefusedError(422, f"{path} is not an explainer file")
    command = [sys.executable, "-m", "generator", "--project", str(files.root), "mark-reviewed", str(here)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=files.root)
    return {"marked": done.returncode == 0, "said": (done.stdout + done.stderr).strip()}


def _delete(files: Files, path: object) -> None:
    """A file deleted, unless it is a picture a saved explainer names: Decap deletes it as soon as an editor chooses
    to replace it with one of the same name, before any save, and a tab closed then left the site unbuildable (an
    outside tester's); the new picture is written over it when the explainer is saved. The refusal is said (Decap:
    "Failed to delete media: …"): a silent one showed a picture to be taken down as gone (an outside tester's).
    Nor an explainer that does not read, which the editor listed without a name and opened as an empty form."""
    here = files.path(path)
    if here.is_relative_to(files.folders[0]) and (raw := files.bytes_of(path)) is not None:
        try:
            readable(here, raw)
        except UnreadableError as error:
            told = f"{path} does not read as it is on disk ({error}): the form showed none of it, and this would"
            raise RefusedError(
                409, f"{told} delete an explainer unseen; mend the file (`check` names the line)"
            ) from None
    if here.is_relative_to(files.folders[1]) and (shown := files.named(path)):
        told = f"{path} is not deleted: {', '.join(shown)} shows it; take it out there and save first"
        raise RefusedError(409, f"{told} (a picture of its name chosen there replaces it once that one is saved)")
    files.delete(path)
    if here.is_relative_to(files.folders[0]):  # and its translation record, which `check --strict` fails on once
        record = record_path(here, files.folders[0])  # its explainer is gone: an editor cannot delete it (a tester's)
        if record.is_file() and not record.is_symlink():
            record.unlink()


def _persist(files: Files, params: dict[str, Any]) -> dict[str, str]:
    """An entry saved: every path and text checked first, then its pictures, then its files, renamed if asked."""
    entry = params.get("entry") or {}
    data_files = params.get("dataFiles") or [entry]
    assets = params.get("assets") or []
    renamed = [bool(item.get("newPath")) for item in data_files]
    if any(renamed) and not all(renamed):  # (the save's check asks each file where it would end: a tester's)
        raise RefusedError(422, "a save that renames some of its files and not others")
    for within, item in [*((0, item) for item in data_files), *((1, item) for item in assets)]:
        here = files.path(item.get("path"), within=within)  # every path checked, every text encoded, first
        moved = files.path(item.get("newPath") or item.get("path"), within=within)  # and where a rename takes it
        if within == 0 and not (is_explainer_name(here.name) and is_explainer_name(moved.name)):
            # (`x.yml ` or `x`: saved, never checked, never published, and the editor told it was: a tester's)
            raise RefusedError(422, f"{moved.name}: not a name the build reads as an explainer (`slug.yml`)")
        if item.get("newPath") and moved.exists() and not same_file(moved, here):
            # (a rename onto another explainer's file replaced it, in silence: an outside tester's)
            raise RefusedError(409, f"{item['newPath']} already exists: choose another name")
    raws = [_laid_out(files, data_file.get("path"), _encoded(data_file)) for data_file in data_files]
    # Only the pictures the entry names: Decap sends every picture uploaded since the page was loaded, and
    # one a refused save brought (a damaged one) was written by the next save (an outside tester's).
    shown = b"\n".join(raws)
    named = [asset for asset in assets if str(asset.get("path")).removeprefix("content/").encode() in shown]
    own = tuple(files.path(item.get(key)) for item in data_files for key in ("path", "newPath") if item.get(key))
    pictures = [(str(asset.get("path")), _decoded(asset)) for asset in named]  # (each decoded once: megabytes)
    for path, data in pictures:
        files.replacing(path, data, besides=own)
    _with_pictures(files, pictures, data_files, raws)
    for data_file, raw in zip(data_files, raws, strict=True):  # moved first: a refused rename changes nothing
        if data_file.get("newPath"):
            files.rename(data_file["path"], data_file["newPath"])
        files.write(data_file.get("newPath") or data_file.get("path"), raw)
    return {"message": "entry persisted"}


def _with_pictures(files: Files, pictures: list[tuple[str, bytes]], data_files: list[Any], raws: list[bytes]) -> None:
    """Write a save's pictures, then ask `files.vet` about its explainers (which read them). Refused, or failing,
    each picture's file is put back as it was (a good one written over a picture an explainer shows changed the
    site: an independent reviewer's and an outside tester's), but one new to the folder that the site can read
    stays, as the form still names it; a damaged one is taken out (it stayed, and Decap said "Published")."""
    from .picture_checks import picture_problem  # (Pillow: only when pictures are saved)

    before, media = {path: files.bytes_of(path) for path, _ in pictures}, files.folders[1].exists()
    try:
        for path, data in pictures:
            files.write(path, data)
        targets = (files.path(item.get("newPath") or item.get("path")) for item in data_files)
        if told := [said for target, raw in zip(targets, raws, strict=True) for said in files.vet(target, raw)]:
            raise RefusedError(422, "; ".join(told))
    except BaseException:
        for path, data in pictures:
            if (kept := before[path]) is not None:
                files.write(path, kept)
            elif picture_problem(path, data) is not None:
                files.delete(path)
        if not media:  # made for the save: taken out again once empty (an outside tester's)
            with contextlib.suppress(OSError):
                files.folders[1].rmdir()
        raise


def _laid_out(files: Files, relative: object, raw: bytes) -> bytes:
    """A saved explainer in its file's own layout, its comments kept: only the values that changed are written
    again (kept_layout.py); refused over a file that does not read, which the form could not show. A new one in
    the layout `new` gives (`_as_new`)."""
    try:
        before = files.bytes_of(relative)
        return saved(files.path(relative), before if before is not None else _as_new(files, relative, raw), raw)
    except UnreadableError as error:
        told = f"{relative} does not read as it is on disk ({error}): the form could show none of it, and this"
        told += " save would replace it all; mend the file (`check` names the line), then reload this page"
        raise RefusedError(409, told) from None


def _as_new(files: Files, relative: object, raw: bytes) -> bytes | None:
    """The file `new` starts an explainer with (skeleton.py: its comments, its order, its quoted texts), into which
    a new explainer saved from the browser is written as into any file: it had none of a hand-made file's guidance,
    its texts unquoted and wrapped at 80 columns, where a hand edit adding `: ` or ` #` changes the text (an
    outside tester's). None when the site's settings do not read, or the file sent has comments of its own (Decap
    writes only the schema's first line, which the editor's settings give it: a file laid out by hand is written as
    it came)."""
    if re.search(rb"(?m)^[ \t]*#(?! yaml-language-server:)", raw):
        return None
    try:
        site = site_languages(Project(files.root))
        return skeleton(Path(str(relative)).stem, dt.date.today(), site.languages, site.translation_source).encode()
    except (ContentError, ValueError):
        return None


def _encoded(data_file: dict[str, Any]) -> bytes:
    try:
        return str(data_file.get("raw", "")).encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, which no file can hold
        raise RefusedError(422, "the entry's text holds a character no file can hold") from error


def _decoded(asset: dict[str, Any]) -> bytes:
    content = str(asset.get("content", ""))
    try:
        return base64.b64decode(content, validate=True) if asset.get("encoding") == "base64" else content.encode()
    except ValueError as error:
        raise RefusedError(422, "a picture's content is not base64") from error
