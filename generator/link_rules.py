"""Links that would send readers elsewhere than they read, or nowhere.

A web address whose domain mixes Latin letters with lookalikes from another script (`exаmple.com`, its `а`
Cyrillic) reads as one domain and sends readers to another, which anyone may register: the usual form of the
trick whose invisible variant (a Braille blank in the host) `check` already refuses. And a link to a place on
the page (`#background`) in a text that is shown away from its page too leads nowhere there.

Why not a library: the IDNA package and Unicode's confusables tables decide whether a name may be registered
or which characters look alike; what a newsroom's link needs is narrower, and this check is one rule: a label
of a domain is in one script (a Cyrillic domain, `пример.рф`, is a real one; `exаmple` is never meant).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The scripts whose letters pass for Latin ones (`а`, `о`, `р`, `ο`, `ս`).
LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})
_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?|mailto:[^@]*@)([^/?#:]+)")


def lookalike(address: str) -> tuple[str, str] | None:
    """The first label of the address's domain that mixes Latin letters with another script's, and that
    script's name (`("exаmple", "Cyrillic")`); None when every label keeps to one script."""
    host = _HOST.match(address)
    for label in host.group(1).split(".") if host else ():
        scripts = {unicodedata.name(char, "").split(" ")[0] for char in label if char.isalpha()}
        if "LATIN" in scripts and (other := scripts & LOOKALIKE_SCRIPTS):
            return label, min(other).capitalize()
    return None


_IN_PAGE_LINK = re.compile(r"\]\(\s*<?(#[^)\s>]*)|href=[\"']?(#[^\"'\s>]*)")


def shown_elsewhere(texts: Iterable[str]) -> None:
    """A ValueError for a link to a place on its page in texts shown away from it too (the dek: on the home and
    topic pages and in the feeds), where it leads nowhere; `check` named only templates/home.html:1:1 (an outside
    tester's)."""
    for found in filter(None, map(_IN_PAGE_LINK.search, texts)):
        said = f"links to `{found.group(1) or found.group(2)}`, a place on its own page; shown on the home and topic"
        raise ValueError(f"{said} pages and in the feeds too, it leads nowhere there: move the link into a paragraph")
