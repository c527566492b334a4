"""Render validated content into finished files, in memory: {site-relative path: bytes}."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from pathlib import Path

import jinja2

from . import urls
from .feeds import SiteFiles
from .i18n import LANGUAGES
from .model import Explainer
from .pages import PageBuilder
from .validate import Content
from .views import Listing, Page


def environment(templates: Path) -> jinja2.Environment:
    """One environment per build: autoescaped, and an undefined name is an error, never blank text."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def fingerprint(name: str, data: bytes) -> str:
    """`assets/style.css` → `assets/style.1a2b3c4d.css`, so hosts can cache assets for a year."""
    stem, extension = posixpath.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{extension}"


class Renderer:
    """Renders pages from validated content; each explainer's pages depend on nothing but the explainer."""

    def __init__(self, content: Content, templates: Path, assets: dict[str, bytes]) -> None:
        self.content = content
        self.env = environment(templates)
        self.assets = {fingerprint(name, data): data for name, data in assets.items()}
        self.stylesheet = next(name for name in self.assets if name.endswith(".css"))
        self.builders = {code: PageBuilder(content, code, self.stylesheet) for code in LANGUAGES}

    def _page(self, page: Page, **view: object) -> tuple[str, bytes]:
        html = self.env.get_template(page.template).render(page=page, **view)
        return urls.output_path(page.url), html.encode("utf-8")

    def explainer_pages(self, explainer: Explainer) -> dict[str, bytes]:
        """The explainer's page in each language."""
        pages = (builder.explainer(explainer) for builder in self.builders.values())
        return dict(self._page(page, explainer=view) for page, view in pages)

    def listing(self, explainer: Explainer) -> Listing:
        """What lists and feeds show of an explainer, rendered once."""
        rendered = {code: builder.listing(explainer) for code, builder in self.builders.items()}
        return Listing(
            explainer.slug,
            explainer.published,
            explainer.updated,
            tuple(explainer.topics),
            {code: title for code, (title, _) in rendered.items()},
            {code: dek for code, (_, dek) in rendered.items()},
        )

    def site_pages(self, listings: Iterable[Listing]) -> dict[str, bytes]:
        """Everything that lists or spans explainers (homes, feeds, sitemap), plus 404s, root and assets."""
        content = self.content
        ordered = tuple(sorted(listings, key=lambda item: (item.published, item.slug), reverse=True))
        outputs = dict(self.assets)
        for builder in self.builders.values():
            page, items, count = builder.home(ordered)
            outputs.update([self._page(page, items=items, count=count), self._page(builder.not_found())])
        files = SiteFiles(content, ordered)
        for code in LANGUAGES:
            outputs[urls.feed(code)] = self.env.get_template("feed.xml").render(feed=files.feed(code)).encode("utf-8")
        outputs["sitemap.xml"] = self.env.get_template("sitemap.xml").render(entries=files.sitemap()).encode("utf-8")
        for name in ("robots.txt", "_redirects", "_headers"):
            outputs[name] = self.env.get_template(name).render(**files.host_files()).encode("utf-8")
        default = PageBuilder(content, content.settings.default_language, self.stylesheet)
        for url in (urls.ROOT, urls.not_found()):
            page, choices = default.root(url)
            outputs.update([self._page(page, choices=choices)])
        return outputs


def render(content: Content, templates: Path, assets: dict[str, bytes]) -> dict[str, bytes]:
    """Every output file of the site, in memory. Nothing is written here."""
    renderer = Renderer(content, templates, assets)
    outputs = renderer.site_pages(renderer.listing(explainer) for explainer in content.explainers)
    for explainer in content.explainers:
        outputs.update(renderer.explainer_pages(explainer))
    return dict(sorted(outputs.items()))
