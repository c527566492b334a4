"""Decap CMS's local-backend API (`local_backend`: eleven actions on files) answered on a project's two folders,
for `python -m generator edit` (local_backend.py serves it):

- only in Decap's two folders, `content/explainers/` and `content/media/` (site.yml, the strings and the
  bylines are not the editor's to write or delete), never through a link that leads out of them, never a
  hidden file, whether named or reached through a link;
- each file written whole or not at all: a temporary file of its own beside it (a new name, never a link
  already there: a planted one was written through, an independent reviewer's), then renamed over it;
- every request's paths checked, and its texts encoded, before any file is written; an explainer saved only
  when `check` would take it (`Vet`), its pictures otherwise as they were.

The actions and their answers are decap-server's (its `localFs` middleware, 3.11).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .content_files import list_explainers
from .kept_layout import UnreadableError, saved
from .write import write_whole


class RefusedError(Exception):
    """A request the backend does not carry out: its status and what to tell the editor."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# What `check` would refuse in an explainer file's new bytes (its real path), said as the editor's refusal;
# `edit` asks its preview (SaveCheck, below): Decap said "Published" of a save no build took (an outside tester's).
Vet = Callable[[Path, bytes], list[str]]


_WITHIN = ("explainers are saved in content/explainers/ only", "pictures are saved in content/media/ only")


def vets_nothing(path: Path, raw: bytes) -> list[str]:
    return []


class Files:
    """Decap's folders of the project as its actions see them: paths relative to the project's root."""

    def __init__(self, root: Path, vet: Vet = vets_nothing) -> None:
        self.root = root.resolve()
        self.folders = tuple((self.root / "content" / name).resolve() for name in ("explainers", "media"))
        self.vet = vet

    def path(self, relative: object, existing: bool = False, within: int | None = None) -> Path:
        """A path Decap names, as a file in one of its folders (its real place: links are followed, and must
        stay in, and lead to no hidden name); with `within`, in that one of `folders` (an explainer saved among
        the pictures, or a picture among the explainers, escaped the save's check: an outside tester's)."""
        if not isinstance(relative, str) or not relative or "\x00" in relative:
            raise RefusedError(422, "a path is missing")
        parts = Path(relative).parts
        refused = RefusedError(403, f"{relative}: only files in content/explainers/ and content/media/ are edited here")
        if Path(relative).is_absolute() or any(part in {"..", "."} or part.startswith(".") for part in parts):
            raise refused
        path = self.root / relative
        real = path.resolve(strict=existing) if existing else path.parent.resolve() / path.name
        folders = self.folders if within is None else self.folders[within : within + 1]
        folder = next((folder for folder in folders if real.is_relative_to(folder)), None)
        if folder is None or any(part.startswith(".") for part in real.relative_to(folder).parts):
            raise refused if within is None else RefusedError(403, f"{relative}: {_WITHIN[within]}")
        return real

    def entry(self, relative: str, label: object = None) -> dict[str, Any]:
        """A file as Decap's entries are: its text and id (its bytes' SHA-256), or no data if it cannot be read."""
        file: dict[str, Any] = {"path": relative, "label": label, "id": None}
        with contextlib.suppress(OSError, UnicodeDecodeError, RefusedError):
            raw = self.path(relative, existing=True).read_bytes()
            return {"data": raw.decode("utf-8"), "file": {**file, "id": hashlib.sha256(raw).hexdigest()}}
        return {"data": None, "file": file}

    def media(self, relative: str) -> dict[str, Any]:
        raw = self.path(relative, existing=True).read_bytes()
        content = base64.b64encode(raw).decode("ascii")
        name = relative.rpartition("/")[2]
        return {"id": hashlib.sha256(raw).hexdigest(), "content": content, "encoding": "base64", "path": relative,
                "name": name}  # fmt: skip

    def listed(self, folder: object, extension: str, depth: int) -> list[str]:
        """The files under `folder` whose names end in `extension`, `depth` folders deep (1: its own), hidden
        ones and links out of content/ left out."""
        try:
            start = self.path(folder, existing=True)
        except (OSError, RefusedError):
            return []
        found: list[str] = []
        for path in _walk(start, depth):
            if path.name.endswith(extension):
                with contextlib.suppress(RefusedError, OSError, ValueError):
                    relative = path.relative_to(self.root).as_posix()
                    self.path(relative, existing=True)  # a link out of content/ is not listed
                    found.append(relative)
        return found

    def write(self, relative: object, data: bytes) -> None:
        """Write a file whole or not at all (`write_whole`), in a folder that is still one of Decap's."""
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path(relative)  # a folder made on the way is still in (a link planted meanwhile is not)
        write_whole(path, data)

    def bytes_of(self, relative: object) -> bytes | None:
        """A file's bytes, or None when there is none."""
        path = self.path(relative)
        return path.read_bytes() if path.is_file() else None

    def delete(self, relative: object) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(relative, existing=True).unlink()

    def named(self, relative: object, besides: tuple[Path, ...] = ()) -> list[str]:
        """The saved explainers that name the picture (`media/x.jpg`, as the file writes it), `besides` aside."""
        name = self.path(relative).relative_to(self.root / "content").as_posix()
        explainers, _ = list_explainers(self.folders[0], self.root)  # the build's own list of explainer files
        return [
            path.relative_to(self.root).as_posix()
            for path in explainers
            if path.resolve() not in besides and name in path.read_text("utf-8", "replace")
        ]

    def replacing(self, relative: object, data: bytes, besides: tuple[Path, ...] = ()) -> None:
        """Refuse a picture that would replace another of its name that other explainers show: Decap asks only
        "already exists, replace it?", and an editor's new picture became the lead photo of an explainer nobody
        had opened, under that one's own alternative text and credit (an outside tester's)."""
        if (kept := self.bytes_of(relative)) is not None and kept != data and (shown := self.named(relative, besides)):
            told = (
                f"{relative} is the picture of {', '.join(shown)}: a new picture under its name would show there too;"
            )
            raise RefusedError(409, f"{told} upload yours under another name")


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    """The files in `folder` and the folders in it, `depth` levels deep, hidden ones left out."""
    if depth <= 0:
        return
    with contextlib.suppress(OSError):
        for child in sorted(folder.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir():
                yield from _walk(child, depth - 1)
            elif child.is_file():
                yield child


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
        entry = params.get("entry") or {}
        data_files = params.get("dataFiles") or [entry]
        assets = params.get("assets") or []
        for within, item in [*((0, item) for item in data_files), *((1, item) for item in assets)]:
            here = files.path(item.get("path"), within=within)  # every path checked, every text encoded, first
            moved = files.path(item.get("newPath") or item.get("path"), within=within)  # and where a rename takes it
            if item.get("newPath") and moved.exists() and not _same_file(moved, here):
                # (a rename onto another explainer's file replaced it, in silence: an outside tester's)
                raise RefusedError(409, f"{item['newPath']} already exists: choose another name")
        raws = [_laid_out(files, data_file.get("path"), _encoded(data_file)) for data_file in data_files]
        # Only the pictures the entry names: Decap sends every picture uploaded since the page was loaded, and
        # one a refused save brought (a damaged one) was written by the next save (an outside tester's).
        shown = b"\n".join(raws)
        named = [asset for asset in assets if str(asset.get("path")).removeprefix("content/").encode() in shown]
        own = tuple(files.path(item.get(key)) for item in data_files for key in ("path", "newPath") if item.get(key))
        for asset in named:
            files.replacing(asset.get("path"), _decoded(asset), besides=own)
        _with_pictures(files, [(str(asset.get("path")), _decoded(asset)) for asset in named], data_files, raws)
        for data_file, raw in zip(data_files, raws, strict=True):
            files.write(data_file.get("path"), raw)
        if data_files and all(data_file.get("newPath") for data_file in data_files):
            for data_file in data_files:
                files.path(data_file["path"], existing=True).replace(files.path(data_file["newPath"]))
        return {"message": "entry persisted"}
    if action == "getMedia":
        return [files.media(path) for path in files.listed(params.get("mediaFolder"), "", 1)]
    if action == "getMediaFile":
        return files.media(str(params.get("path")))
    if action == "persistMedia":
        asset = params.get("asset") or {}
        files.path(asset.get("path"), within=1)
        files.replacing(asset.get("path"), _decoded(asset))
        files.write(asset.get("path"), _decoded(asset))
        return files.media(str(asset.get("path")))
    if action in {"deleteFile", "deleteFiles"}:
        paths = (params.get("paths") or []) if action == "deleteFiles" else [params.get("path")]
        for path in paths:
            # A picture a saved explainer names stays: Decap deletes it as soon as an editor chooses to replace it
            # with one of the same name, before any save, and a tab closed then left the site unbuildable (an
            # outside tester's); the new picture is written over it when the explainer is saved.
            if not (files.path(path).is_relative_to(files.folders[1]) and files.named(path)):
                files.delete(path)
        return {"message": f"deleted files {', '.join(map(str, paths))}"}
    if action == "getDeployPreview":
        return None
    raise RefusedError(422, f"Unknown action {action}")


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: on a disk that ignores case or Unicode form (a Mac's), a rename of `Kim.yml`
    to `kim.yml` finds the new name taken by the file itself (an independent reviewer's)."""
    try:
        return first == second or os.path.samefile(first, second)
    except OSError:
        return False


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
    again (kept_layout.py); refused over a file that does not read, which the form could not show."""
    try:
        return saved(files.path(relative), files.bytes_of(relative), raw)
    except UnreadableError as error:
        told = f"{relative} does not read as it is on disk ({error}): the form could show none of it, and this"
        told += " save would replace it all; mend the file (`check` names the line), then reload this page"
        raise RefusedError(409, told) from None


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
