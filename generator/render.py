"""Render validated content into finished files, in memory: {site-relative path: bytes}."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

import jinja2

from . import urls
from .feeds import SiteFiles
from .i18n import LANGUAGES
from .pages import PageBuilder
from .validate import Content
from .views import Page


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


def render(content: Content, templates: Path, assets: dict[str, bytes]) -> dict[str, bytes]:
    """Every output file of the site. Nothing is written here."""
    env = environment(templates)
    outputs = {fingerprint(name, data): data for name, data in assets.items()}
    stylesheet = next(name for name in outputs if name.endswith(".css"))

    def emit(page: Page, **view: object) -> None:
        html = env.get_template(page.template).render(page=page, **view)
        outputs[urls.output_path(page.url)] = html.encode("utf-8")

    for code in LANGUAGES:
        builder = PageBuilder(content, code, stylesheet)
        page, items, count = builder.home()
        emit(page, items=items, count=count)
        emit(builder.not_found())
        for explainer in content.explainers:
            page, explainer_view = builder.explainer(explainer)
            emit(page, explainer=explainer_view)
    files = SiteFiles(content)
    for code in LANGUAGES:
        outputs[urls.feed(code)] = env.get_template("feed.xml").render(feed=files.feed(code)).encode("utf-8")
    outputs["sitemap.xml"] = env.get_template("sitemap.xml").render(entries=files.sitemap()).encode("utf-8")
    for name in ("robots.txt", "_redirects", "_headers"):
        outputs[name] = env.get_template(name).render(**files.host_files()).encode("utf-8")
    default = PageBuilder(content, content.settings.default_language, stylesheet)
    for url in (urls.ROOT, urls.not_found()):
        page, choices = default.root(url)
        emit(page, choices=choices)
    return dict(sorted(outputs.items()))
