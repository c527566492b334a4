"""Where an explainer's pictures come from and where their encoded variants are kept between builds.

Pictures are read from content/ (a name that leads outside it is refused unread) and checked before any is
encoded; the variants of each picture are kept in `.cache/media/<encoding>-<digest>/`, its index written
last, so a cache entry is either complete or ignored. What an explainer's pages depend on is recorded as
each picture's size and modification time: a picture replaced under the same name rebuilds its pages.
"""

from __future__ import annotations

import json
from pathlib import Path

from .document import Document, format_field
from .load import read_cache, read_inside, stat_files
from .media import Picture, figures_in, picture_problem, publish
from .problems import Problem
from .write import write_cache

INDEX = "variants.json"


class MediaStore:
    """A project's pictures (under `content`) and its cache of their published variants (under `cache`)."""

    def __init__(self, content: Path, cache: Path) -> None:
        self.content = content
        self.cache = cache

    def stats(self, names: list[str]) -> dict[str, tuple[int, int]]:
        """Size and modification time of the named pictures that exist."""
        return stat_files(self.content, names)

    def pictures(
        self, document: Document
    ) -> tuple[dict[str, Picture], dict[str, bytes], list[Problem], dict[str, tuple[int, int]]]:
        """Every picture the explainer names: published (or the problems, located where it is named), the
        files to write, and what the pages depend on."""
        pictures: dict[str, Picture] = {}
        files: dict[str, bytes] = {}
        problems: list[Problem] = []
        named = list(figures_in(document.data))
        for at, name in named:
            data = read_inside(self.content, name)
            if data is False:
                trouble: tuple[str, str] | None = (
                    f"names `{name}`, outside content/",
                    "keep pictures in content/media/",
                )
            else:
                trouble = picture_problem(name, data if isinstance(data, bytes) else None)
            if trouble is not None:
                line, col = document.locate(at)
                problems.append(Problem(document.path, line, col, format_field(at), *trouble))
            elif name not in pictures and isinstance(data, bytes):
                pictures[name], published = publish(name, data, self._stored, self._keep)
                files.update(published)
        return pictures, files, problems, self.stats([name for _, name in named])

    def _stored(self, key: str) -> dict[str, bytes] | None:
        index = read_cache(self.cache / key / INDEX)
        if index is None:
            return None
        try:
            names = [str(name) for name in json.loads(index)]
        except (ValueError, TypeError):
            return None
        variants = {name: read_cache(self.cache / key / name) for name in names if "/" not in name}
        return None if None in variants.values() or not variants else variants  # type: ignore[return-value]

    def _keep(self, key: str, variants: dict[str, bytes]) -> None:
        for name, data in variants.items():
            write_cache(self.cache / key / name, data)
        write_cache(self.cache / key / INDEX, json.dumps(sorted(variants)).encode("utf-8"))
