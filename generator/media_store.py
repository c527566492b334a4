"""Where an explainer's pictures come from and where their encoded variants are kept between builds.

Pictures are read from content/ (a name that leads outside it is refused unread) and checked before any is
encoded; the variants of each picture are kept in `.cache/media/<encoding>-<digest>/`, its index written
last, so a cache entry is either complete or ignored. What an explainer's pages depend on is recorded as
each picture's size and modification time: a picture replaced under the same name rebuilds its pages.
Locator maps are drawn here too, from Natural Earth's countries, one SVG per language.
"""

from __future__ import annotations

import contextlib
import json
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .document import Document, format_field
from .hashing import hashed_name
from .load import read_inside, read_json, spelt_otherwise
from .maps import ATLAS, draw_map
from .markup import for_language, plain
from .media import Picture, cache_key, publish, shown_pictures
from .model import Explainer, LocatorMap, figures_of
from .picture_checks import MAX_BYTES, picture_problem
from .problems import Problem
from .settings import Language
from .stats import is_cache_file, parsed, read_cache, stat_content
from .stored import Output, Stored
from .write import cache_folder, prune_cache, write_cache

INDEX = "variants.json"
_NO_ATLAS = ("needs Natural Earth's countries (npm's world-atlas)", "run `make site`, which installs it")


class MediaStore:
    """A project's pictures (under `content`) and its cache of their published variants (under `cache`)."""

    def __init__(self, content: Path, cache: Path) -> None:
        self.content = content
        self.cache = cache
        self._atlas: dict[str, object] | None = None

    def stats(self, names: list[str]) -> dict[str, tuple[int, int]]:
        """Size and change time of the named pictures that exist (stats.stat_content), by the names content gives."""
        on_disk = {self.on_disk(name): name for name in names}
        return {on_disk[name]: stat for name, stat in stat_content(self.content, list(on_disk)).items()}

    def on_disk(self, name: str) -> str:
        """A picture's name as its file has it: content's texts are NFC (`café`), and a file named on a Mac, or
        copied from one, may have the decomposed form (`cafe` and a combining accent), which the same name
        written byte for byte did not find (an outside tester's)."""
        decomposed = unicodedata.normalize("NFD", name)
        if decomposed == name or (self.content / name).exists() or not (self.content / decomposed).exists():
            return name
        return decomposed

    def pictures(
        self, document: Document, explainer: Explainer, languages: tuple[Language, ...]
    ) -> tuple[dict[str, Picture], dict[str, Output], list[Problem], dict[str, tuple[int, int]]]:
        """Every picture of the explainer's figures, by the figure's key: published (or its problems, located
        where it is named), the files to write, and the picture files the pages depend on."""
        pictures: dict[str, Picture] = {}
        files: dict[str, Output] = {}
        problems: list[Problem] = []
        for at, figure in figures_of(explainer):
            if figure.key in pictures:
                continue
            if figure.map is not None:
                drawn = self._map(figure.key, figure.map, languages)
                if drawn is None:
                    problems.append(self._problem(document, (*at, "map"), *_NO_ATLAS))
                    continue
                pictures[figure.key], published = drawn
                problems += self._unknown_countries(document, (*at, "map", "highlight"), figure.map.highlight)
            else:
                name = figure.key
                data, key, trouble = self._read(name)
                if trouble is not None or data is None:
                    problems.append(self._problem(document, (*at, "file"), *(trouble or ("", ""))))
                    continue
                try:
                    pictures[name], published = publish(name, data, key, self._stored, self._keep)
                except Exception as error:  # an encoder refusing what its decoder read: any kind, from Pillow
                    message = f"names `{name}`, which the site could not encode ({error})"
                    problems.append(self._problem(document, (*at, "file"), message, "save it again as JPEG or PNG"))
                    continue
            files.update(published)
        named = [figure.file for _, figure in figures_of(explainer) if figure.file]
        return pictures, files, problems, self.stats(named)

    def named_file_problems(self, document: Document) -> list[Problem]:
        """What is wrong with the picture files a file names, read from its data as written: for a file that
        failed validation, so its pictures' problems come in the same run as the rest, not one fix later."""
        troubles = [(at, self._read(name)[2]) for at, name in named_pictures(document.data)]
        return [self._problem(document, at, *trouble) for at, trouble in troubles if trouble is not None]

    def same_picture(self, name: str, path: Path) -> bool:
        """Whether a picture content names (`media/./x.jpg`, `media/café.jpg`) is the file at `path`, as the
        build finds it (the editor's backend asks before a picture is deleted or replaced)."""
        with contextlib.suppress(OSError):
            return os.path.samefile(self.content / self.on_disk(name), path)
        return False

    def _read(self, name: str) -> tuple[bytes | None, str, tuple[str, str] | None]:
        """A picture file content names: its bytes, its media cache key, and what is wrong with it if anything."""
        data = read_inside(self.content, self.on_disk(name), MAX_BYTES)
        if data is False:
            return None, "", ("names a file outside content/", "keep it in content/media/")
        found = data if isinstance(data, bytes) else None
        if (spelt := spelt_otherwise(self.content, self.on_disk(name))) is not None:
            hint = "write its name as the file has it, capitals too: the site's server tells them apart"
            return None, "", (f"names `{name}`, but the file is `{spelt}`", hint)
        key = cache_key(found) if found is not None else ""
        # A file whose variants are in the cache passed these checks (a whole decode) when they were made.
        if key and is_cache_file(self._entry(key) / INDEX):
            return found, key, None
        return found, key, picture_problem(name, found)

    @staticmethod
    def _problem(document: Document, at: tuple[str | int, ...], message: str, hint: str) -> Problem:
        line, col = document.locate(at)
        return Problem(document.path, line, col, format_field(at), message, hint)

    def _map(
        self, key: str, spec: LocatorMap, languages: tuple[Language, ...]
    ) -> tuple[Picture, dict[str, Output]] | None:
        """A locator map in every language: an SVG each, named by its content."""
        self._atlas = self._atlas or read_json(ATLAS)
        if self._atlas is None:
            return None
        files: dict[str, Output] = {}
        localized, size = [], (0, 0)
        for language in languages:
            text = for_language(language, languages)  # a label is a text like any: its Markdown read, then plain
            labels = [(label.at, plain(text.inline(label.text[language.code])), label.place) for label in spec.labels]
            svg, size = draw_map(self._atlas, spec.box, set(spec.highlight), labels, language)
            name = hashed_name(f"media/{key}.{language.code}.svg", svg)
            files[name] = svg
            localized.append((language.code, name))
        return Picture((), localized[0][1], *size, localized=tuple(localized)), files

    def _unknown_countries(self, document: Document, at: tuple[str | int, ...], codes: list[str]) -> list[Problem]:
        """A highlighted code no country of the map has (`999`, `-99`: a typo coloured nothing, in silence, an
        outside tester's), located in the list."""
        atlas: Any = self._atlas
        assert atlas is not None  # read by `_map`, which drew the map first
        known = {str(country.get("id")) for country in atlas["objects"]["countries"]["geometries"] if "id" in country}
        hint = "write the country's ISO 3166-1 numeric code, three digits: `408` North Korea, `643` Russia"
        return [
            self._problem(document, (*at, index), f"`{code}` is the code of no country on the map", hint)
            for index, code in enumerate(codes)
            if code not in known
        ]

    def _stored(self, key: str) -> dict[str, Stored] | None:
        """A picture's variants in the cache, if every one its index names is there (published by link)."""
        entry = self._entry(key)
        index = read_cache(entry / INDEX)
        if index is None:
            return None
        try:
            sizes = {str(name): int(size) for name, size in parsed(index).items()}
        except (ValueError, TypeError, AttributeError):  # an index of names alone (before sizes) is made again
            return None
        variants = {name: Stored(entry / name) for name in sizes if "/" not in name}
        whole = all(is_cache_file(stored.path, sizes[name]) for name, stored in variants.items())
        return variants if variants and whole else None

    def prune(self, site_files: Iterable[str]) -> None:
        """Leave out of the cache the pictures none of the site's files show (replaced, or their explainer gone)."""
        prune_cache(self.cache, shown_pictures(site_files))

    def _keep(self, key: str, variants: dict[str, bytes]) -> None:
        entry = self._entry(key)
        for name, data in variants.items():
            write_cache(entry / name, data)
        sizes = {name: len(data) for name, data in sorted(variants.items())}  # each checked before it is linked
        write_cache(entry / INDEX, json.dumps(sizes).encode("utf-8"))

    def _entry(self, key: str) -> Path:
        """A picture's folder in the cache, never a link followed out of it (`cache_folder`)."""
        return cache_folder(self.cache / key)


def named_pictures(data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """The picture files an explainer's data names as written (the lead picture's, each figure's among the
    paragraphs), with where: read before, or without, validation."""
    data = data if isinstance(data, dict) else {}
    lead = data.get("image")
    named: list[tuple[tuple[str | int, ...], object]] = [
        (("image", "file"), lead.get("file") if isinstance(lead, dict) else None)
    ]
    for i, section in enumerate(data.get("sections") or [] if isinstance(data.get("sections"), list) else []):
        for j, block in enumerate(section.get("paragraphs") or [] if isinstance(section, dict) else []):
            figure = block.get("figure") if isinstance(block, dict) else None
            if isinstance(figure, dict):
                named.append((("sections", i, "paragraphs", j, "figure", "file"), figure.get("file")))
    return [(at, name) for at, name in named if isinstance(name, str) and name.strip()]
