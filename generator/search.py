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
from .cache import Stop, give_way, never
from .parallel import parallel_map
from .search_copy import indexed_part
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
# Joins a word and its forms for Pagefind, which splits a compound at ASCII punctuation. A page's own "~"
# is given followed by a word joiner (U+2060, which splits words as "~" does), so no "~~" in the copy is
# the page's: an editor's "~~" neither stops the forms nor loses the word after it when fragments are cleaned.
MARK = "~~"
_TILDE, _KEPT_TILDE = "~", "~\u2060"
_ADDED = re.compile(f"(?:{re.escape(MARK)}[{RULES['word']}]+)+")
_TAG_OR_WORD = re.compile(
    rf"(<(script|style)(?=[\s/>]).*?</\2\s*>|<[^>]*>)|({ARABIC_WORD.pattern})", re.DOTALL | re.IGNORECASE
)


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
        return _ADDED.sub("", value).replace(_KEPT_TILDE, _TILDE)
    if isinstance(value, list):
        return [without_forms(item) for item in value]
    if isinstance(value, dict):
        return {name: without_forms(item) for name, item in value.items()}
    return value


def prepared(html: str) -> str:
    """The copy of a page Pagefind indexes: the part it reads, with forms added (see MARK)."""
    return with_forms(indexed_part(html).replace(_TILDE, _KEPT_TILDE))


def _clean_fragments(output: Path, stop: Stop) -> None:
    """Fragments (what excerpts and titles come from) written back with the editor's words only (on every
    core: a build's; the preview's indexer, a thread, cleans them one by one and asks `stop` between)."""
    parallel_map(functools.partial(_clean_fragment, stop), sorted((output / "fragment").glob("*.pf_fragment")))


def _clean_fragment(stop: Stop, fragment: Path) -> None:
    give_way(stop)
    data = gzip.decompress(fragment.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{fragment.name} is not a Pagefind fragment this version knows")
    if _TILDE.encode() in data:
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


def _finish(output: Path, stop: Stop = never) -> None:
    _clean_fragments(output, stop)
    # Pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    # same content must be byte-identical, so the entry file is written again in a fixed order.
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def index(
    site: Path,
    output: Path,
    background: bool = False,
    previous: Path | None = None,
    stop: Stop = never,
    damaged: frozenset[str] = frozenset(),
) -> None:
    """Index the pages under `site` into `output`, in shards (search_shards.py); the shards of `previous`
    (an earlier index) whose pages did not change are reused, not indexed again, unless `damaged` names them
    (`SiteFolder.index_damage`: "" is the top's files, and then nothing of it is reused).

    In the background (the live preview) the indexer runs at the lowest CPU priority, so rebuilds that
    a reader is waiting for come first, and its own work stops when `stop()` says so (GaveWay)."""
    rules = json.dumps(RULES, ensure_ascii=False, sort_keys=True)
    recipe = f"{pagefind_version()} {rules}"
    start = functools.partial(Run, background)
    at_once = 1 if background else search_shards.RUNS_AT_ONCE
    search_shards.index_shards(
        site,
        output,
        None if "" in damaged else previous,
        recipe,
        (start, at_once),
        prepared,
        functools.partial(_finish, stop=stop),
        stop,
        damaged,
    )
    place(output, previous, RULES_FILE, f"window.searchRules = {rules};\n".encode())
    place(output, previous, "pagefind.js", MERGE.read_bytes())


MERGE = Path(__file__).with_name("search_merge.js")


@functools.cache
def pagefind_version() -> str:
    """The indexer's version: a shard made by another version is made again."""
    import importlib.metadata

    return importlib.metadata.version("pagefind_bin")
