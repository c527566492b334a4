"""One shard of the search index: what a page says, as searchable terms, written as small static files.

Why our own index, not Pagefind's. Pagefind (the engine until the ninth session) took 16 s of CPU to index
the 2,000 explainer pages of N = 1,000, three times the whole of Hugo's build of the same pages, and held each
index in memory while writing it (5.9 GB for 20,000 pages in one index). Reading the same pages here, with
lxml, and writing their terms takes 3.5–4.1 s of CPU, 2.0–2.3 s on two cores (bench/run.py, step `index`);
the format keeps what made Pagefind right for a static site: a search downloads only the chunks of the index
its words are in, and the pages it shows.

What is indexed. In each page, the elements marked `data-search-body`, less those marked
`data-search-ignore` (interface labels; templates/explainer.html) and text that is not prose (script, style,
template). Words weigh by where they stand, as headings weigh more: a word of the <h1> (the title) 7, of an
<h2> 6, … of an <h6> 2, of any other text 1. A word is a run of letters, digits and marks (search_terms.words,
the same split as the search page's): `F-16` is `f` and `16`, `كوفيد-19` is `كوفيد` and `19`, `وYahoo` is `و`
and `Yahoo`, `O'Neill` and `2,946` are one word each.

Terms (search_terms.terms): a word of an English page is its folded Snowball English stem (snowballstemmer, the
same algorithm the search page runs on the query, generator/search_stem.js); an Arabic word on any page, each of
its forms (search_spelling.forms: normalised, with and without its article and clitics); any other word folded
(accents, digits, apostrophes) and in lower case; a word of digits and letters also each part (`10km`: `10`,
`km`); and words written apart that readers type as one also joined (`10 km`, `F-16`, `عبد الله`: `10km`, `f16`,
`عبدالله`, search_terms.joined). The search
page matches a query word with every term that starts with it (search_client.js).

The files of a shard (docs/search-index.md has the format in full):
- `meta.json`: its pages, in order, as [address, word count], and its chunks as [first term, file];
- `chunk-<digest>.json`: terms in order, each with its pages as [page, weighted count, …].
Chunks are named by their content: one whose terms did not change keeps its name.

No copy of a page's text. A result's title and excerpt are read from the page itself, which the search page
fetches and reads as this module does (search_client.js, `pageText`; a test holds the two to the same words).
Pagefind wrote a fragment file a page, and so did this index until the tenth session: 2,000 files at N =
1,000 and 20,000 at 10,000 (220 MB), each to write, hash and upload to the host, for a saving of half the
bytes of the five pages a search shows (3 kB against 7 kB compressed). And the page fetched is the one the
reader opens next, already in the browser's cache.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hashing import digest
from .search_terms import joined, terms, words
from .write import write_public

BODY, IGNORE = "data-search-body", "data-search-ignore"
# The page's own date, in a line of labels left out: its words are searched (`Bardo 2015`, `March 2015`: an archive
# reader's way to an explainer, which "no page has every word" answered, the date under its title), its year as a
# heading's word (`_date_weight`), not counted among the page's words (an excerpt never shows it; a result shows it
# apart, search_client.js).
DATE = "data-search-date"
# How much a word weighs by the element it is in (any other: 1).
WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Elements whose text is not the page's prose.
UNREAD = frozenset({"script", "style", "template", "noscript", "textarea", "svg", "math"})
# Elements inside a word's run: text either side of them joins (everything else separates words).
_INLINE = "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr"
INLINE = frozenset(_INLINE.split())
# A chunk holds terms until its JSON reaches this size: small enough to fetch for one word, large enough that
# a shard of 400 pages has tens of them, not thousands.
CHUNK_BYTES = 24_000
# The shards' format and what a page gives them (words, terms): raised when either changes, so that no shard
# made before is reused (it is in every shard's recipe). 2: digits, accents and possessives folded; 3: pages by
# address, no fragments; 4: Arabic letters apart from other scripts' letters and digits, grouped numbers one word;
# 5: initials joined by dots or `&` one word (`U.S.`, `S&P`), and a decimal number (`6.8`); 6: letters joined by an
# apostrophe one word (`O'Neill`), a word of digits and letters also under its parts, a number and its unit joined;
# 7: words joined by hyphens, and a name with الله, also joined; 8: a word in capitals also marked (`^un`);
# 9: numbers joined by hyphens also one term with them (`2-1`); 10: a decimal comma (`4,9`) one word; 11: a phone
# number's groups joined across the marks `digits: arab` puts between them; 12: `C++`, `C#` one word each; 13: an
# identifier's hyphens joined whole (`CVE-2023-1234`), the word joiners that cut it gone from pages (markup.unbroken);
# 14: a decimal number joined by a hyphen (`1.5-degree`), `عبد الرحمن` joined, a hamza's other seat, presentation forms;
# 15: a range of decimal numbers one term (`1.5-2`); 16: a two-letter noun after its article also without it and
# with the article alone (`للدم`: `دم`, `الدم`); 17: the page's own date (`data-search-date`) searched.
FORMAT = 17

# The terms of each word met, by language: a word recurs on page after page, and stemming it is the dear part.
_KNOWN: dict[str, dict[str, tuple[str, ...]]] = {}


@dataclass(frozen=True)
class Indexed:
    """A page as the index has it: its terms with their weighted counts, its word count, and its address."""

    terms: dict[str, int]
    words: int
    url: str


def read_page(html: bytes, url: str, language: str) -> Indexed | None:
    """What a page gives the index, or None if it has nothing marked for search."""
    import lxml.etree  # type: ignore[import-untyped]  # (only when indexing)

    root = lxml.etree.fromstring(html, _parser())
    if root is None:  # nothing but blanks and comments
        return None
    # Each marked part once: not one inside another (counted twice), nor one inside a part left out.
    bodies = root.xpath(f"//*[@{BODY}][not(ancestor::*[@{BODY}]) and not(ancestor-or-self::*[@{IGNORE}])]")
    if not bodies:
        return None
    by_weight: dict[int, list[str]] = {}
    for body in bodies:
        _gather(body, 1, by_weight)
    known = _KNOWN.setdefault(language, {})
    if len(known) > 200_000:  # a process that indexes for long (the preview) keeps a bounded memory of words
        known.clear()
    counts: dict[str, int] = {}
    total = 0
    date = next((" ".join(found.itertext()) for body in bodies for found in body.iterfind(f".//*[@{DATE}]")), "")
    for weight, text in (*((weight, "".join(texts)) for weight, texts in by_weight.items()), (0, date)):
        found = words(text)
        total += len(found) if weight else 0
        # Its words under all their terms; what it writes apart and readers type as one (`10 km` as `10km`,
        # search_terms.joined) under the joined word's whole term alone.
        for counted, kept in ((Counter(found), None), (Counter(joined(text)), 1)):
            for word, times in counted.items():
                if (its := known.get(word)) is None:
                    its = known[word] = terms(word, language)
                for term in its[:kept]:
                    counts[term] = counts.get(term, 0) + times * (weight or _date_weight(word))
    return Indexed(counts, total, url)


def _date_weight(word: str) -> int:
    """A word of the page's own date weighs as a body word's, but its year as a heading's (an <h3>): a reader's
    `Beijing 2010` put the one explainer of 2010 21st of 47, below those whose text says 2010 in passing (a
    retester's); a day or a month name (`may`, `march`, words of prose too) stays light."""
    return WEIGHTS["h3"] if len(word) == 4 and word.isdigit() else 1


@functools.cache
def _parser() -> Any:
    """An HTML parser told the pages' encoding: the build writes UTF-8, and a page without `<meta charset>` (a
    newsroom's own template) would otherwise be read as Latin-1. lxml's plain elements, not `lxml.html`'s: only
    tags, attributes and text are read, and its element classes made reading a page a sixth slower."""
    import lxml.etree

    return lxml.etree.HTMLParser(encoding="utf-8")


def _gather(element: Any, weight: int, by_weight: dict[int, list[str]]) -> None:
    """The text of an element and what it holds, in reading order, by weight (each block set apart by a
    space, so `</p><p>` never joins two words). A heading's edges part the words around it too, which are
    gathered apart from its own (`un<h2>…</h2>like` is `un` and `like`, as the page reads)."""
    tag = element.tag
    if not isinstance(tag, str) or tag in UNREAD or element.get(IGNORE) is not None:
        return  # a comment, a processing instruction, or text that is not to be read
    inner = WEIGHTS.get(tag, weight)
    apart = "" if tag in INLINE else " "
    pieces, around = by_weight.setdefault(inner, []), by_weight.setdefault(weight, [])
    if inner != weight:
        around.append(apart)
    pieces.append(apart + (element.text or ""))
    for child in element:
        _gather(child, inner, by_weight)
        if child.tail:
            pieces.append(child.tail)
    pieces.append(apart)
    if inner != weight:
        around.append(apart)


def write_shard(pages: Iterable[Indexed], folder: Path) -> tuple[int, int]:
    """A shard's files in `folder` (new, empty) from its pages in order; returns its pages and their words."""
    folder.mkdir(parents=True)
    listing: list[list[Any]] = []
    postings: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        listing.append([page.url, page.words])
        for term, weight in page.terms.items():
            postings.setdefault(term, []).extend((number, weight))
    chunks = [[first, _write_chunk(folder, chunk)] for first, chunk in _chunks(postings)]
    meta = {"format": FORMAT, "pages": listing, "chunks": chunks}
    write_public(folder / "meta.json", json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(listing), sum(words for _, words in listing)


def _chunks(postings: dict[str, list[int]]) -> Iterable[tuple[str, dict[str, list[int]]]]:
    """Terms in the search page's order (JavaScript compares strings by UTF-16 code units, which sorting by
    UTF-16 bytes gives) cut into chunks of about CHUNK_BYTES, each with its first term."""
    chunk: dict[str, list[int]] = {}
    size = 0
    for term in sorted(postings, key=lambda term: term.encode("utf-16-be")):
        if chunk and size >= CHUNK_BYTES:
            yield next(iter(chunk)), chunk
            chunk, size = {}, 0
        chunk[term] = postings[term]
        size += len(term.encode()) + 6 + 5 * len(postings[term])
    if chunk:
        yield next(iter(chunk)), chunk


def _write_chunk(folder: Path, chunk: dict[str, list[int]]) -> str:
    data = json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"chunk-{digest(data)[:20]}.json"
    write_public(folder / name, data)  # a full disk is said with the file's name (write_bytes named none)
    return name
