"""Links that would send readers elsewhere than they read, or nowhere.

A web address whose domain passes for another reads as one domain and sends readers to another, which anyone
may register: the usual form of the trick whose invisible variant (a Braille blank in the host) `check`
already refuses. Two forms of it are refused: a label that mixes Latin letters with another script's
lookalikes (`exаmple`, its `а` Cyrillic), written as letters or as punycode (`xn--exmple-4nf`), and a label of
another script made of Latin lookalikes alone under a Latin top-level domain (`аррӏе.com`). And a link to a
place on the page (`#background`) in a text that is shown away from its page too leads nowhere there.

Why not a library: the IDNA package and Unicode's confusables tables decide whether a name may be registered
or which characters look alike; what a newsroom's link needs is narrower: a label keeps to one script, and is
not a Latin word spelt in another's letters (a Cyrillic domain, `пример.рф`, is a real one).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

# The scripts whose letters pass for Latin ones (`а`, `о`, `р`, `ο`, `ս`, `ꓮ`).
LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "LISU"})
# Their lower-case letters that read as Latin ones in a domain (`аррӏе` for `apple`).
LATIN_LOOKALIKES = frozenset("аеорсухіјӏѕԁԛԝһүкмнвтαορινκυτεχ")
# A web address's host, a `mailto:`'s domain, or a bare e-mail address's (an autolink, `<editor@example.com>`).
_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?|mailto:[^@]*@|[^@\s/:]+@(?=[^@]+$))([^/?#:]+)")


def lookalike(address: str) -> str:
    """What makes the address's domain pass for another, said for the editor (its first label that passes for a
    Latin one, above, read as letters); "" when nothing does."""
    host = _HOST.match(address)
    # (percent-encoded, `ex%D0%B0mple`, it is the same domain to a browser: a retester's)
    labels = [_as_letters(label) for label in unquote(host.group(1)).lower().split(".")] if host else []
    for label in labels:
        scripts = {unicodedata.name(char, "").split(" ")[0] for char in label if char.isalpha()}
        other = scripts & LOOKALIKE_SCRIPTS
        spelt = (
            len(labels) > 1 and labels[-1].isascii() and other and set(label) <= LATIN_LOOKALIKES | set("-0123456789")
        )
        if other and ("LATIN" in scripts or spelt):
            return (
                f"has `{label}` in its domain, written with {min(other).capitalize()} letters that pass for Latin ones:"
                " it reads as another domain than it is"
            )
    return ""


def _as_letters(label: str) -> str:
    """A label as its letters: punycode (`xn--…`) decoded, as a browser shows it."""
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except UnicodeError:
            return label
    return label


CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)  # a code span: what it holds is shown as code, no link
_IN_PAGE_LINK = re.compile(r"\]\(\s*<?(#[^)\s>]*)|href\s*=\s*[\"']?(#[^\"'\s>]*)", re.IGNORECASE)


def shown_elsewhere(texts: Iterable[str]) -> None:
    """A ValueError for a link to a place on its page in texts shown away from it too (the dek: on the home and
    topic pages and in the feeds), where it leads nowhere; `check` named only templates/home.html:1:1 (an outside
    tester's). Read as the page reads it: `href="&#35;x"` is `#x`, a link in a code span none."""
    for text in texts:
        if found := _IN_PAGE_LINK.search(html.unescape(CODE_SPAN.sub("", text))):
            said = f"links to `{found.group(1) or found.group(2)}`, a place on its own page; shown on the home and"
            raise ValueError(
                f"{said} topic pages and in the feeds too, it leads nowhere there: move it into a paragraph"
            )
