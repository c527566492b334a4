"""Static full-text search: Pagefind indexes the written pages, in shards of one language each.

Pagefind reads each page's `lang` and indexes each language apart, with the language's own stemming
(Arabic included), so an Arabic search only finds Arabic pages. The index is made in small shards that
stay small as the archive grows and are made again only when their pages change (search_shards.py); the
search page merges them into the answers one index would give (search_merge.js). Only explainer articles are
indexed (they carry `data-pagefind-body`; interface labels inside them carry `data-pagefind-ignore`, see
templates/explainer.html). The index is plain files under `pagefind/`, served like any other; the search
pages load Pagefind's script from there, never from a CDN.

Arabic spelling. Pagefind's Snowball stemmer alone passed 31 of the 51 Arabic queries of
tests/search_queries.yml: hamza seats mostly work, but `الهزة` and `هزة` do not find `بالهزة`, `سكان` does
not find `فالسكان`, `مدينه` does not find `مدينة`. So both sides are normalised with the same rules
(`RULES`, below):

- the query, in the browser: Pagefind UI's `processTerm` turns each Arabic word into its `key`
  (templates/search.html; the rules reach it as JSON in `pagefind/search-rules.js`);
- the pages, here: each Arabic word of an explainer is indexed with its `forms` too, at the word's own
  position. Pagefind is given a copy of the page where a word reads `بالهزة~~هزه`: it indexes the parts of
  such a compound at the same position, and its excerpts come from the fragment files, which are then
  written back without the added forms. The published pages are never changed; excerpts show the
  editor's words, with the matched word highlighted. (Pagefind shares a compound's weight among its
  parts, so an Arabic word with other forms weighs a little less than one without; headings still
  outweigh paragraphs.)
"""

from __future__ import annotations

import ctypes
import functools
import gzip
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import search_shards
from .cache import Stop, never
from .parallel import parallel_map
from .search_files import link_tree as link_tree  # what publish.py keeps an index with
from .search_files import place
from .search_meta import SIGNATURE as SIGNATURE  # what opens Pagefind's files (fragments here)

FOLDER = "pagefind"
RULES_FILE = "search-rules.js"

# The normalisation, as data: the query side (JavaScript) reads this very table.
RULES: dict[str, Any] = {
    # The letters of an Arabic word (with the "ignore" marks inside it, a word is a run of these).
    "word": "\u0620-\u064a\u0671-\u06d3",
    # Characters dropped: tashkeel and Quranic marks, superscript alef, tatweel.
    "ignore": "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640",
    # Letters readers type in place of others: hamza seats, alef maksura, taa marbuta. Hamza on the line
    # (ء) is kept: dropping it would make سماء and سما, جزء and جز the same word.
    "letters": {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"},
    # The article with the clitics that join it (و ف, then ب ك; ل + ال is written لل), longest first.
    # A query drops these; so does every indexed form.
    "articles": ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"],
    # Clitics without the article (و ف, then ب ك ل). Only the index drops them, as extra forms: a query
    # keeps them, so وزير does not also find every page that says زير.
    "conjunctions": ["و", "ف"],
    "prepositions": ["ب", "ك", "ل"],
    # A prefix is dropped only when this many letters remain (الان, بلد and وطن stay whole).
    "shortest": 3,
}

# A run of Arabic letters and the marks inside it: a word, as far as normalisation is concerned.
ARABIC_WORD = re.compile(f"[{RULES['word']}{RULES['ignore']}]+")
_IGNORED = re.compile(f"[{RULES['ignore']}]")
_LETTERS = str.maketrans(RULES["letters"])
# Joins a word and its forms for Pagefind, which splits a compound at ASCII punctuation; never in a page.
MARK = "~~"
_ADDED = re.compile(f"(?:{re.escape(MARK)}[{RULES['word']}]+)+")
_TAG_OR_WORD = re.compile(rf"(<(script|style)\b.*?</\2\s*>|<[^>]*>)|({ARABIC_WORD.pattern})", re.DOTALL | re.IGNORECASE)
# What Pagefind reads of a page (`indexed_part`): the <html> tag, the element it indexes, and its <title>.
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODY = re.compile(r"<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL | re.IGNORECASE)
# Pagefind attributes that count outside the indexed element: a page with one there is given whole.
_READ_OUTSIDE = re.compile(r"data-pagefind-(?!ignore|body)")


def normalise(word: str) -> str:
    """The word without tashkeel and tatweel, with the letters readers type in place of others."""
    return _IGNORED.sub("", word).translate(_LETTERS)


def _strip_article(word: str) -> str:
    for article in RULES["articles"]:
        if word.startswith(article) and len(word) - len(article) >= RULES["shortest"]:
            return word[len(article) :]
    return word


def key(word: str) -> str:
    """What a query word is searched as: normalised, and without the article (repeatedly: الالتزام)."""
    word = normalise(word)
    while (shorter := _strip_article(word)) != word:
        word = shorter
    return word


def forms(word: str) -> set[str]:
    """Every key a reader's query could have for this word of a page: its own, and its own without clitics."""
    word = normalise(word)
    found = {key(word)}
    for conjunction in ["", *RULES["conjunctions"]]:
        for preposition in ["", *RULES["prepositions"]]:
            prefix = conjunction + preposition
            if prefix and word.startswith(prefix) and len(word) - len(prefix) >= RULES["shortest"]:
                found.add(key(word[len(prefix) :]))
    return found


@functools.lru_cache(maxsize=65536)
def _with_forms(word: str) -> str:
    return word + "".join(MARK + form for form in sorted(forms(word) - {word}))


def with_forms(html: str) -> str:
    """The page as Pagefind is given it: each Arabic word in the text followed by its other forms."""

    def add(match: re.Match[str]) -> str:
        word = match.group(3)
        return _with_forms(word) if word else match.group(1)  # a tag (or a script) as it is

    return _TAG_OR_WORD.sub(add, html)


def without_forms(value: Any) -> Any:
    """A fragment's strings (content, title, anchors) as the page has them."""
    if isinstance(value, str):
        return _ADDED.sub("", value)
    if isinstance(value, list):
        return [without_forms(item) for item in value]
    if isinstance(value, dict):
        return {name: without_forms(item) for name, item in value.items()}
    return value


def prepared(html: str) -> str:
    """The copy of a page Pagefind indexes: the part it reads, forms added (a page that already contains MARK
    as is)."""
    html = indexed_part(html)
    return html if MARK in html else with_forms(html)


def indexed_part(html: str) -> str:
    """The page as far as Pagefind reads it: its <html> tag (the language), its <title> and the one element
    marked `data-pagefind-body`. Pagefind's index of this is byte for byte that of the whole page (tested on
    both languages' pages, with and without pictures); the copies are 30 % smaller to write, read and add
    forms to. A page with more than one such element, or with Pagefind attributes outside it that it would
    still read (filters, meta, sort), is given whole."""
    top, body = _HTML_TAG.search(html), _BODY.search(html)
    if not top or not body or html.count("data-pagefind-body") != 1:
        return html
    end = _element_end(html, body.group(1), body.end())
    if end < 0 or _READ_OUTSIDE.search(html, 0, body.start()) or _READ_OUTSIDE.search(html, end):
        return html
    title = _TITLE.search(html, 0, body.start())
    head = f'<head><meta charset="utf-8">{title.group() if title else ""}</head>'
    return f"<!doctype html>\n{top.group()}\n{head}\n<body>{html[body.start() : end]}</body>\n</html>\n"


def _element_end(html: str, name: str, start: int) -> int:
    """Where the element of tag `name` opened just before `start` ends (after its closing tag), or -1."""
    depth = 1
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", html[start:], re.IGNORECASE):
        depth += -1 if tag.group(1) else 1
        if not depth:
            return start + tag.end()
    return -1


def _clean_fragments(output: Path, stop: Stop) -> None:
    """Fragments (what excerpts and titles come from) written back with the editor's words only (on every
    core: a build's; the preview's indexer, a thread, cleans them one by one and asks `stop` between)."""
    parallel_map(functools.partial(_clean_fragment, stop), sorted((output / "fragment").glob("*.pf_fragment")))


def _clean_fragment(stop: Stop, fragment: Path) -> None:
    search_shards.give_way(stop)
    data = gzip.decompress(fragment.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{fragment.name} is not a Pagefind fragment this version knows")
    if MARK.encode() in data:
        page = without_forms(json.loads(data[len(SIGNATURE) :]))
        text = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fragment.write_bytes(gzip.compress(SIGNATURE + text, compresslevel=6, mtime=0))


def _child_setup(background: bool) -> None:
    """In the indexer's process, before it starts: die with the build that started it (a killed build must
    leave nothing writing into the site), and in the background yield the CPU to rebuilds.

    Linux's PR_SET_PDEATHSIG survives the exec into Pagefind's binary; elsewhere only the priority is set."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if background:
        os.nice(19)


_PR_SET_PDEATHSIG = 1


class Run:
    """One Pagefind run over a folder of pages (the wheel's binary: no download, no Python in between), started
    and waited for apart: a build writes the next shard's copies while shards are indexed."""

    def __init__(self, background: bool, pages: Path, output: Path) -> None:
        import pagefind_bin  # type: ignore[import-untyped]  # (only when indexing: start-up stays light)

        command = [str(pagefind_bin.get_executable()), "--site", str(pages), "--output-path", str(output), "--silent"]
        self.said = tempfile.TemporaryFile()  # noqa: SIM115 - closed by wait() or kill(); not a pipe, which a run that says much would wait on
        prepare = functools.partial(_child_setup, background)
        self.process = subprocess.Popen(command, stdout=self.said, stderr=subprocess.STDOUT, preexec_fn=prepare)

    def wait(self) -> None:
        code = self.process.wait()
        self.said.seek(0)
        said = self.said.read().decode("utf-8", "replace")
        self.said.close()
        if code != 0:
            raise RuntimeError(f"Pagefind could not index the site:\n{said}")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.said.close()


def _run(background: bool, pages: Path, output: Path) -> None:
    Run(background, pages, output).wait()


def _finish(output: Path, stop: Stop = never) -> None:
    _clean_fragments(output, stop)
    # Pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    # same content must be byte-identical, so the entry file is written again in a fixed order.
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def index(site: Path, output: Path, background: bool = False, previous: Path | None = None, stop: Stop = never) -> None:
    """Index the pages under `site` into `output`, in shards (search_shards.py); the shards of `previous`
    (an earlier index) whose pages did not change are reused, not indexed again.

    In the background (the live preview) the indexer runs at the lowest CPU priority, so rebuilds that
    a reader is waiting for come first, and its own work stops when `stop()` says so (GaveWay)."""
    rules = json.dumps(RULES, ensure_ascii=False, sort_keys=True)
    recipe = f"{pagefind_version()} {rules}"
    start = functools.partial(Run, background)
    at_once = 1 if background else search_shards.RUNS_AT_ONCE
    search_shards.index_shards(
        site, output, previous, recipe, (start, at_once), prepared, functools.partial(_finish, stop=stop), stop
    )
    place(output, previous, RULES_FILE, f"window.searchRules = {rules};\n".encode())
    place(output, previous, "pagefind.js", MERGE.read_bytes())


MERGE = Path(__file__).with_name("search_merge.js")


@functools.cache
def pagefind_version() -> str:
    """The indexer's version: a shard made by another version is made again."""
    import importlib.metadata

    return importlib.metadata.version("pagefind_bin")
