"""Decap's two folders of a project, as the editor's local backend reads and writes them (decap_api.py answers
the actions): `content/explainers/` and `content/media/` only (site.yml, the strings and the bylines are not the
editor's to write or delete), never through a link that leads out of them or out of the project, never a
hidden file, whether named or reached through a link; each file written whole or not at all: a temporary file
of its own beside it (a new name, never a link already there: a planted one was written through, an independent
reviewer's), then renamed over it."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import swap
from .content_files import DRAFTS, list_explainers, unicode_name
from .write import write_whole


class RefusedError(Exception):
    """A request the backend does not carry out: its status and what to tell the editor."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# What `check` would refuse in an explainer file's new bytes (its real path), said as the editor's refusal;
# `edit` asks its preview (save_check.SaveCheck): Decap said "Published" of a save no build took (an outside tester's).
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
        self.lock = threading.Lock()  # one request that writes at a time (two renames onto one name: a tester's)

    def outside(self) -> list[str]:
        """Those of the two folders that lead out of the project (a link committed in a pull request): the editor's
        uploads and deletions landed outside it, where `check` reads nothing (an outside tester's)."""
        names = ("content/explainers", "content/media")
        return [f"{name} ({folder})" for name, folder in zip(names, self.folders, strict=True) if not self._own(folder)]

    def _own(self, folder: Path) -> bool:
        return folder.is_relative_to(self.root) and folder != self.root

    def path(self, relative: object, existing: bool = False, within: int | None = None) -> Path:
        """A path Decap names, as a file in one of its folders (its real place: links are followed, and must
        stay in, and lead to no hidden name); with `within`, in that one of `folders` (an explainer saved among
        the pictures, or a picture among the explainers, escaped the save's check: an outside tester's)."""
        if not isinstance(relative, str) or not relative or "\x00" in relative:
            raise RefusedError(422, "a path is missing")
        if not unicode_name(relative):  # a lone surrogate (JSON's `\udcff`) was written as the byte 0xFF
            raise RefusedError(422, f"{relative!r}: a name no file of the site can have (not Unicode)")
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
        if not self._own(folder):
            raise RefusedError(403, f"{relative}: its folder leads outside the project, where nothing is edited")
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
        """A file's bytes, or None when there is none; a link's, if it leads to one of Decap's files (a save's
        comments were read through a link to a file outside the project: an independent reviewer's)."""
        path = self.path(relative)
        path = self.path(relative, existing=True) if path.is_symlink() else path
        return path.read_bytes() if path.is_file() else None

    def delete(self, relative: object) -> None:
        """A file deleted; a link, not what it leads to (a picture that was a link to an explainer took the
        explainer with it: an independent reviewer's)."""
        with contextlib.suppress(FileNotFoundError):
            self.path(relative, existing=True)  # (one of Decap's files, wherever its link leads)
            self.path(relative).unlink()

    def named(self, relative: object, besides: tuple[Path, ...] = ()) -> list[str]:
        """The saved explainers, `besides` aside, that name the picture as the build finds it: however they write it
        (`media/./x.jpg`, a YAML escape, its NFC name for a file named in NFD), which a search for `media/x.jpg` in
        their text missed, and the picture they showed was deleted (an outside tester's). A file that does not
        read is searched for the name as written."""
        from .load import load  # (the content parser: only when a picture is deleted or replaced)
        from .media_store import MediaStore, named_pictures
        from .problems import ContentError

        path, store = self.path(relative), MediaStore(self.root / "content", self.root / ".cache" / "media")
        name = path.relative_to(self.folders[1].parent).as_posix()
        # Parsed only where it may be named: the file's name in either Unicode form, or an escape (`\u0061`, a
        # line continued) that could spell it; the rest, most of an archive's, is read, not parsed.
        spelt = {unicodedata.normalize(form, path.name) for form in ("NFC", "NFD")} | {"\\"}
        explainers, _ = list_explainers(self.folders[0], self.root)  # the build's own list of explainer files
        if (drafts := self.folders[0] / DRAFTS).is_dir():  # (a draft's picture, which the editor cannot see, was
            explainers += list_explainers(drafts, self.root)[0]  # replaced and deleted: an outside tester's)
        found = []
        for explainer in (explainer for explainer in explainers if explainer.resolve() not in besides):
            text = explainer.read_text("utf-8", "replace")
            if not any(part in text for part in spelt):
                continue
            try:
                shown = any(store.same_picture(named, path) for _, named in named_pictures(load(explainer).data))
            except (ContentError, OSError):
                shown = name in text
            found += [explainer.relative_to(self.root).as_posix()] if shown else []
        return found

    def replacing(self, relative: object, data: bytes, besides: tuple[Path, ...] = ()) -> None:
        """Refuse a picture that would replace another of its name that other explainers show: Decap asks only
        "already exists, replace it?", and an editor's new picture became the lead photo of an explainer nobody
        had opened, under that one's own alternative text and credit (an outside tester's)."""
        if (kept := self.bytes_of(relative)) is not None and kept != data and (shown := self.named(relative, besides)):
            told = f"{relative} is the picture of {', '.join(shown)}: a new picture under its name would show there"
            raise RefusedError(409, f"{told} too; upload yours under another name")

    def rename(self, relative: object, new: object) -> None:
        """Move a file to a new name, never over another file: checked and moved at once by the system
        (`renameat2`'s no-replace), as two renames onto one name at once both took it, and one explainer was
        lost (an outside tester's); where the system has no such rename, checked and moved under `lock`, which
        every write of the backend takes. A name that is the file's own (`Kim.yml` to `kim.yml` on a disk that
        ignores case) is taken by a plain rename."""
        source, target = self.path(relative, existing=True), self.path(new)
        try:
            if same_file(source, target) or not swap.renamed(source, target):
                if target.exists() and not same_file(source, target):
                    raise FileExistsError
                source.rename(target)
        except FileExistsError:
            raise RefusedError(409, f"{new} already exists: choose another name") from None


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


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: on a disk that ignores case or Unicode form (a Mac's), a rename of `Kim.yml`
    to `kim.yml` finds the new name taken by the file itself (an independent reviewer's)."""
    try:
        return first == second or os.path.samefile(first, second)
    except OSError:
        return False
