"""MkDocs adapter: `mkdocs build`, `serve` and `gh-deploy` run our pipeline. The only module importing MkDocs.

The pipeline renders every page itself; this plugin replaces MkDocs' file collection with the finished
files (MkDocs 1.6 `File.generated`), so MkDocs only writes, serves and publishes them. The pipeline runs
at `pre_build`, before MkDocs cleans `site/`, so a content error aborts with the previous site intact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import search
from .build import Build
from .problems import ContentError
from .project import Project


class PluginConfig(Config):  # type: ignore[no-untyped-call]
    """`plugins: [bilingual-explainers: {allow_empty: true}]` in mkdocs.yml: `build --allow-empty`, for the one
    run that is meant to unpublish every explainer (MkDocs' commands take no flags of ours)."""

    allow_empty = config_options.Type(bool, default=False)


class BilingualExplainersPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]
    """Hands MkDocs the pages our pipeline built."""

    project: Project
    outputs: dict[str, bytes]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # mkdocs.yml's site_url, when set, overrides content/site.yml (MkDocs users expect it to).
        self.project = Project(Path(config.config_file_path).resolve().parent, config.site_url or None)
        config.theme.static_templates.clear()  # MkDocs' own sitemap.xml: the pipeline writes the site's
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Build here, before MkDocs cleans site/: a content error aborts with the old site intact.
        # Into MkDocs' site folder: a build with no explainers over one that publishes some stops, as ours does
        # (`gh-deploy` pushed a site emptied by a checkout gone wrong, and said it had succeeded).
        build = Build(self.project, Path(config.site_dir), write=False, allow_empty=self.config.allow_empty)
        try:
            self.outputs = build.run()
        except ContentError as error:
            raise PluginError(error.report()) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return Files([File.generated(config, path, content=data) for path, data in self.outputs.items()])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        search.index(site, site / search.FOLDER)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for path in self.project.watched():
            server.watch(str(path))
        return server
