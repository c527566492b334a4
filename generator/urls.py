"""The URL scheme: where each page lives, and how pages link to each other.

Pages link to each other with relative URLs, so the same build works from a domain root, a sub-path or a
local folder. Only what the web requires to be absolute (canonical, hreflang, Open Graph, sitemap, feeds)
uses `site_url`. A 404 page is served at whatever address was missing, so its links are root-relative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar
from urllib.parse import urlsplit

_T = TypeVar("_T")

ROOT = ""
# Plain-text files a host reads line by line: HTML escaping would corrupt them (`&amp;` in a URL), so they
# are rendered unescaped, and every value printed into them must be a single token (see one_token).
PLAIN_TEXT_FILES = ("robots.txt", "_redirects", "_headers")
# What a build makes at the top of the site besides each language's folder: a file of a newsroom's own
# (templates/static/) may not take one of these places.
BUILT_FOLDERS = ("assets/", "media/", "search-index/", "admin/")
BUILT_FILES = frozenset({"index.html", "404.html", "sitemap.xml", "favicon.ico", *PLAIN_TEXT_FILES})
# The one stylesheet every page links (under a name made from its bytes), templates/assets/style.css, by its name:
# the first by name was taken, and a `print.css` beside it became every page's, its colours read for the share
# cards too, `check` passing (an outside tester's).
STYLESHEET = "assets/style.css"

# A page's address in any language of the site, e.g. `lambda code: urls.explainer(code, slug)`.
Translations = Callable[[str], str]


def home(language: str, number: int = 1) -> str:
    """A language's home page: the newest explainers at /ar/, older ones at /ar/page/2/ and on."""
    return f"{language}/" if number == 1 else f"{language}/page/{number}/"


def page_count(total: int, size: int) -> int:
    """How many pages a list of `total` explainers takes, `size` a page: at least one, so an empty list has its page."""
    return max(1, -(-total // size))


def chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    """A list cut into its pages of `size`, as `page_count` counts them: an empty list still makes one (empty) page."""
    return [items[start : start + size] for start in range(0, max(len(items), 1), size)]


def topics(language: str) -> str:
    return f"{language}/topics/"


def topic(language: str, topic_id: str, number: int = 1) -> str:
    """A topic's explainers: /ar/topics/<id>/, then /ar/topics/<id>/page/2/ and on."""
    return f"{language}/topics/{topic_id}/" if number == 1 else f"{language}/topics/{topic_id}/page/{number}/"


def archive(language: str) -> str:
    """The archive's index: every year with explainers (archive.py)."""
    return f"{language}/archive/"


def year(language: str, number: int) -> str:
    """A year's explainers, by month: /ar/archive/2015/."""
    return f"{language}/archive/{number:04d}/"


def explainer(language: str, slug: str) -> str:
    return f"{language}/{slug}/"


def share_card(language: str, slug: str, key: str) -> str:
    """An explainer's share card, beside its page, named by the first ten characters of its key."""
    return card_beside(explainer(language, slug), key)


def card_beside(folder: str, key: str) -> str:
    """A page's share card in its folder (`ar/`, `ar/topics/x/`), named by the first ten characters of its key."""
    return f"{folder}share.{key[:10]}.png"


def card_keys(site_files: Iterable[str]) -> set[str]:
    """The first ten characters of the key of every share card among a site's files (`share_card`)."""
    return {name[-14:-4] for name in site_files if name.endswith(".png") and name[-21:-14] == "/share."}


def search(language: str) -> str:
    return f"{language}/search/"


def feed(language: str) -> str:
    return f"{language}/feed.xml"


def not_found(language: str | None = None) -> str:
    return f"{language}/404.html" if language else "404.html"


def output_path(url: str) -> str:
    """The file a URL is served from: directory URLs end in index.html."""
    return url + "index.html" if url.endswith("/") or url == ROOT else url


def base_path(site_url: str) -> str:
    """The sub-path a site at `site_url` is served under, e.g. `/explainers/`; `/` at a domain's root."""
    return urlsplit(site_url).path.rstrip("/") + "/"


@dataclass(frozen=True)
class Linker:
    """Turns site-relative URLs into links as seen from one page, and into absolute URLs."""

    site_url: str
    page: str

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under, e.g. `/explainers/`."""
        return base_path(self.site_url)

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url

    @cached_property
    def _folders(self) -> list[str]:
        """The folders the page sits in, from the site root down (`ar/page/3/` → ar, page, 3)."""
        folder = output_path(self.page).rpartition("/")[0]
        return folder.split("/") if folder else []

    def __call__(self, url: str, fragment: str = "") -> str:
        """The link to `url` from this page; relative, or root-relative from a 404 page.

        Site URLs are already normal (no `.`, `..` or doubled slashes), so the relative path is the
        folders the two have in common climbed out of, then the target's own: no path library needed."""
        suffix = f"#{fragment}" if fragment else ""
        if self.page.endswith("404.html"):
            return self.base_path + url + suffix
        folder, _, name = url.rpartition("/")
        target = folder.split("/") if folder else []
        start = self._folders
        common = 0
        for mine, theirs in zip(start, target, strict=False):
            if mine != theirs:
                break
            common += 1
        relative = "../" * (len(start) - common) + "".join(part + "/" for part in target[common:])
        return (relative or "./") + name + suffix

    def prefix(self, folder: str) -> str:
        """What to put before a path inside `folder` (a directory URL) to link to it from this page.

        Computed once per page, so a list of a thousand links costs a string join each, not a path
        computation each: from `ar/page/3/`, `prefix("ar/")` is `../../`, and from `ar/` itself it is empty.
        """
        link = self(folder)
        return "" if link == "./" else link
