"""Static full-text search: our own index of the written pages, in shards per language, searched in the browser.

The index (search_index.py writes a shard, search_shards.py decides the shards and keeps those whose pages
did not change) is plain files under `search-index/`, served like any other; the search page
(templates/search.html) loads the search script from there (search_client.js, with the query's stemmer,
search_stem.js, its words and terms, search_words.js, a result's page read, search_page_text.js, and the
normalisation rules below), never from a CDN.
Only explainer articles are indexed (they carry `data-search-body`; interface labels inside them carry
`data-search-ignore`, see templates/explainer.html), and each page is indexed in its own language, so an
Arabic search only finds Arabic pages.

Arabic spelling (search_spelling.py): readers type `الهزة`, `هزة` or `هزه` for a page's `بالهزة`, so both sides
are normalised with the same rules, which reach the search page as JSON in `search-index/search-rules.js`.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
from pathlib import Path

from . import search_index, search_shards
from .cache import Stop, never
from .search_files import link_tree as link_tree  # what publish.py keeps an index with
from .search_files import place
from .search_spelling import RULES

FOLDER = "search-index"
RULES_FILE = "search-rules.js"

# The search page's scripts, written at the top of the index: its name there, and its files here, one after the
# other. A result's page read (search_page_text.js) goes out inside search-words.js, which it was part of: a
# newsroom's own templates/search.html names the scripts it loads, and one made before would have lacked it.
SCRIPTS = {
    "search.js": ("search_status.js", "search_client.js"),
    "search-engine.js": ("search_ranking.js", "search_variants.js", "search_engine.js"),
    "search-stem.js": ("search_stem.js",),
    "search-words.js": ("search_words.js", "search_page_text.js"),
}


def index(
    site: Path,
    output: Path,
    previous: Path | None = None,
    stop: Stop = never,
    damaged: frozenset[str] = frozenset(),
) -> None:
    """Index the pages under `site` into `output`, in shards (search_shards.py); the shards of `previous`
    (an earlier index) whose pages did not change are reused, not indexed again, unless `damaged` names them
    (`SiteFolder.index_damage`: "" is the top's files, and then nothing of it is reused). The work stops
    when `stop()` says so (GaveWay): the preview's indexer, a thread, reads the pages one by one and gives
    way to an edit between them."""
    rules = json.dumps(RULES, ensure_ascii=False, sort_keys=True)
    recipe = f"{search_index.FORMAT} {_stemmer_version()} {rules}"
    if "" in damaged:
        previous = None
    search_shards.index_shards(site, output, previous, recipe, stop, damaged)
    place(output, previous, RULES_FILE, f"window.searchRules = {rules};\n".encode())
    for name, sources in SCRIPTS.items():
        place(output, previous, name, b"".join(Path(__file__).with_name(source).read_bytes() for source in sources))


@functools.cache
def _stemmer_version() -> str:
    """The English stemmer's version: a shard stemmed by another version is made again."""
    return importlib.metadata.version("snowballstemmer")
