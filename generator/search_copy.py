"""What Pagefind is given of a page: the part it reads, when that part can be told for sure; else the page.

Pagefind reads a page's language from its <html> tag, its title from the first <h1> (or else <title>), and
indexes the element marked `data-pagefind-body`. Given only those, its index is byte for byte that of the
whole page (tests/test_search_shards.py), and the copies it reads are 30 % smaller to write, read and add
Arabic spelling forms to. That holds only when the part is found by plain reading of the text, so the page
is given whole whenever anything could hide or move it: a comment anywhere; the <html> tag not first; more or
less than one indexed element; an element inside it whose text is not markup (a script, a style, a template
…, where a closing tag could be written); a Pagefind attribute or an <h1> outside it. A newsroom's own
templates may do any of these; the project's do none, so its pages are always trimmed.
"""

from __future__ import annotations

import re

_TOP = re.compile(r"\s*(?:<!doctype[^>]*>\s*)?(<html(?=[\s>])[^>]*>)", re.IGNORECASE)
_BODY = re.compile(r"<([a-z][a-z0-9-]*)(?=[\s>/])[^>]*\bdata-pagefind-body\b[^>]*>", re.IGNORECASE)
_ONE_BODY = re.compile(r"data-pagefind-body", re.IGNORECASE)
_PAGEFIND = re.compile(r"data-pagefind-", re.IGNORECASE)
_HIDES = re.compile(r"<!--|<!\[CDATA\[", re.IGNORECASE)
_RAW_TEXT = re.compile(
    r"<(?:script|style|textarea|template|title|noscript|iframe|noembed|noframes|xmp|plaintext)(?=[\s/>])",
    re.IGNORECASE,
)
_HEADLINE = re.compile(r"<h1(?=[\s/>])", re.IGNORECASE)
_TITLE = re.compile(r"<title(?=[\s>])[^>]*>.*?</title\s*>", re.DOTALL | re.IGNORECASE)


def indexed_part(html: str) -> str:
    """The page as far as Pagefind reads it: its <html> tag, its <title> and the one element marked
    `data-pagefind-body`; the whole page when that cannot be told for sure (see above)."""
    top, body = _TOP.match(html), _BODY.search(html)
    if not top or not body or _HIDES.search(html) or len(_ONE_BODY.findall(html)) != 1:
        return html
    end = _element_end(html, body.group(1), body.end())
    if end < 0 or _RAW_TEXT.search(html, body.end(), end):
        return html
    for outside in (_PAGEFIND, _HEADLINE):
        if outside.search(html, 0, body.start()) or outside.search(html, end):
            return html
    title = _TITLE.search(html, 0, body.start())
    head = f'<head><meta charset="utf-8">{title.group() if title else ""}</head>'
    return f"<!doctype html>\n{top.group(1)}\n{head}\n<body>{html[body.start() : end]}</body>\n</html>\n"


def _element_end(html: str, name: str, start: int) -> int:
    """Where the element of tag `name` opened just before `start` ends (after its closing tag), or -1."""
    depth = 1
    for tag in re.finditer(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", html[start:], re.IGNORECASE):
        depth += -1 if tag.group(1) else 1
        if not depth:
            return start + tag.end()
    return -1
