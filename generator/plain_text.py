"""HTML fragments as the plain text of the places readers meet them without markup: a browser tab, a feed
reader, a link's preview, a shared message, JSON-LD."""

from __future__ import annotations

import re
import unicodedata

from .markup import plain

_ISOLATE_TAG = re.compile(r'<bdi(?: dir="(ltr|rtl)")?[^>]*>|</bdi>')
_ISOLATE_START = {"ltr": "\u2066", "rtl": "\u2067", "": "\u2068"}  # LRI, RLI, FSI; each ended by PDI, U+2069


def plain_in_order(fragment: str) -> str:
    """The visible text of an HTML fragment for the plain-text places readers see it in (a browser tab, a feed
    reader, a link's preview, a shared message), each run the page isolates (`<bdi dir>`) isolated by the
    Unicode controls that do in plain text what the element does in HTML (LRI or RLI, then PDI): read by the
    bidi algorithm with no markup, `تحالف OPEC+ يمدد` showed `+OPEC`, `$83.5` as `83.5$` and `محمد بن سلمان, 38,`
    the age before the name (an outside tester's findings). Marks (LRM, RLM) would not do: a mark is a strong
    character, which draws the neutrals and numbers beside the run into its direction, where an isolate is
    itself a neutral to the text around it, as the page's <bdi> is. Spaces in a row are one, as the page shows
    them: a title pasted with two reached the tab, the feed and JSON-LD so (an outside tester's)."""
    if "<bdi" not in fragment:
        return _one_space(plain(fragment))
    closing = "\u2069"  # (an editor's `<bdi lang>`, with no `dir`, is first-strong: FSI)
    text = plain(_ISOLATE_TAG.sub(lambda tag: closing if tag[0][1] == "/" else _ISOLATE_START[tag[1] or ""], fragment))
    return _unwrapped(_one_space(text))


_SPACES = re.compile("[ \t]{2,}|\t")


def _one_space(text: str) -> str:
    return _SPACES.sub(" ", text) if "  " in text or "\t" in text else text


_ISOLATES = re.compile("[\u2066-\u2069]")
_STRONG = {"\u2066": ("L",), "\u2067": ("R", "AL")}


def _unwrapped(text: str) -> str:
    """A text that is one isolated run from a strong letter of its direction to another (`⁦The Verge⁩`, a Latin
    name on an Arabic page) without the isolate, which changes nothing there and kept a name from equalling itself
    in JSON-LD and feeds (an outside tester's). One that starts or ends with a neutral keeps it (`⁦OPEC+⁩` read
    `+OPEC` in a right-to-left feed reader)."""
    inner, strong = text[1:-1], _STRONG.get(text[:1])
    if not strong or not inner or text[-1] != "\u2069" or _ISOLATES.search(inner):
        return text
    ends = (unicodedata.bidirectional(inner[0]), unicodedata.bidirectional(inner[-1]))
    return inner if all(end in strong for end in ends) else text
