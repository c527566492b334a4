"""The URL scheme: where each page lives, and how pages link to each other.

Pages link to each other with relative URLs, so the same build works from a domain root, a sub-path or a
local folder. Only what the web requires to be absolute (canonical, hreflang, Open Graph, sitemap, feeds)
uses `site_url`. A 404 page is served at whatever address was missing, so its links are root-relative.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

ROOT = ""


def home(language: str) -> str:
    return f"{language}/"


def explainer(language: str, slug: str) -> str:
    return f"{language}/{slug}/"


def feed(language: str) -> str:
    return f"{language}/feed.xml"


def not_found(language: str | None = None) -> str:
    return f"{language}/404.html" if language else "404.html"


def output_path(url: str) -> str:
    """The file a URL is served from: directory URLs end in index.html."""
    return url + "index.html" if url.endswith("/") or url == ROOT else url


@dataclass(frozen=True)
class Linker:
    """Turns site-relative URLs into links as seen from one page, and into absolute URLs."""

    site_url: str
    page: str

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under, e.g. `/explainers/`."""
        return urlsplit(self.site_url).path.rstrip("/") + "/"

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url

    def __call__(self, url: str, fragment: str = "") -> str:
        """The link to `url` from this page; relative, or root-relative from a 404 page."""
        suffix = f"#{fragment}" if fragment else ""
        if self.page.endswith("404.html"):
            return self.base_path + url + suffix
        start = posixpath.dirname(output_path(self.page)) or "."
        target = posixpath.relpath(posixpath.dirname(output_path(url)) or ".", start)
        if not (url.endswith("/") or url == ROOT):
            target = posixpath.join(target, posixpath.basename(url))
        elif target == ".":
            target = "./"
        else:
            target += "/"
        return target + suffix
