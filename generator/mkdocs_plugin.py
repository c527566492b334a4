"""MkDocs adapter: `mkdocs build`, `serve` and `gh-deploy` run our pipeline. The only module importing MkDocs.

The pipeline renders every page itself; this plugin replaces MkDocs' file collection with the finished
files (MkDocs 1.6 `File.generated`), so MkDocs only writes, serves and publishes them. The pipeline runs
at `pre_build`, before MkDocs cleans `site/`, so a content error aborts with the previous site intact.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import embargo, published, search
from .build import Build
from .content_files import addresses_gone, explainer_pages, languages_published, published_explainers
from .problems import ContentError
from .project import Project
from .publish import emptying
from .site_mark import root_page_names_generator
from .slugs import RESERVED_SLUGS
from .warm import builds_into
from .write import SiteFolderError, guard_site_folder

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PluginConfig(Config):  # type: ignore[no-untyped-call]
    """`plugins: [bilingual-explainers: {allow_empty: true}]` in mkdocs.yml: `build --allow-empty`, for the one
    run that is meant to unpublish every explainer (MkDocs' commands take no flags of ours)."""

    allow_empty = config_options.Type(bool, default=False)
    # `gh-deploy` from a checkout whose history lacks the commit the branch was published from: refused unless set
    # (for the one publication meant to put back an older site, `publish_behind: !ENV [PUBLISH_BEHIND, false]`)
    publish_behind = config_options.Type(bool, default=False)
    # `build --future`: explainers dated ahead published at once, not held until their day (embargo.py)
    future = config_options.Type(bool, default=False)


class BilingualExplainersPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]
    """Hands MkDocs the pages our pipeline built."""

    project: Project
    outputs: dict[str, bytes]
    languages: tuple[str, ...] = ()
    held: frozenset[str] | set[str] = frozenset()  # the slugs of explainers held until their day (embargo.py)
    command = "build"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # mkdocs.yml's site_url, when set, overrides content/site.yml (MkDocs users expect it to).
        self.project = Project(Path(config.config_file_path).resolve().parent, config.site_url or None)
        config.theme.static_templates.clear()  # MkDocs' own sitemap.xml: the pipeline writes the site's
        return config

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        if command == "gh-deploy":
            sys.excepthook = _refused_push(sys.excepthook)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Build here, before MkDocs cleans site/: a content error aborts with the old site intact.
        # Into MkDocs' site folder: a build with no explainers over one that publishes some stops, as ours does
        # (`gh-deploy` pushed a site emptied by a checkout gone wrong, and said it had succeeded).
        # (It renders every page, MkDocs being given them all: no cache read.)
        # And not into a folder a build must not replace, as ours refuses it (write.guard_site_folder): MkDocs
        # empties its site_dir, and `site_dir: templates` lost the templates (an outside tester's). A folder
        # holding only files this build makes is its own, though its root page is missing (MkDocs writes it
        # last of all: a run cut short left a folder refused for ever, an independent reviewer's).
        # And not from a `.cache/` that git tracks, which every command of ours refuses: pictures are taken encoded
        # from it, and a pull request's forged one was published under the reviewed one's name (an outside tester's).
        folder, allow_empty, future = Path(config.site_dir), self.config.allow_empty, self.config.future
        build = Build(self.project, folder, write=False, use_cache=False, allow_empty=allow_empty, future=future)
        try:
            self.project.refuse_committed_outputs()
            self.outputs = build.run()
            held = embargo.waiting(build.results, build.held)  # said as `build` says it, as no warning (`--strict`
            self.held = set(held)  # stopped every deploy until the day: a reviewer's), nor gone (`_warn_gone`)
            for result in held.values():
                log.info(str(embargo.notice(result, "`future: true` under the plugin in mkdocs.yml")))
            ours = lambda: builds_into(self.project, folder) or _only_files_of(folder, self.outputs)  # noqa: E731
            guard_site_folder(folder, self.project.root, self.project.sources(), ours)
            languages = self.languages = tuple(language.code for language in build.site.languages) if build.site else ()
            if self.command == "gh-deploy":
                self._against_branch(config, languages)
            else:  # what it publishes now, before MkDocs empties it (`build` warned; MkDocs not)
                feeds = (path.relative_to(folder).as_posix() for path in folder.glob("*/feed.xml"))
                every = {*languages, *languages_published(feeds)}  # and in a language site.yml no longer has
                self._warn_gone(published_explainers(folder, tuple(sorted(every)), RESERVED_SLUGS))
        except ContentError as error:
            if self.command == "serve" and hasattr(self, "outputs"):  # the last good build, served on (MkDocs
                log.error(error.report())  # stops answering every request while a rebuild fails: a tester's)
                return
            raise PluginError(error.report()) from None
        except SiteFolderError as error:
            raise PluginError(str(error)) from None

    def _against_branch(self, config: MkDocsConfig, languages: tuple[str, ...]) -> None:
        """What `gh-deploy` would push, against what its branch publishes now: a fresh checkout has neither the
        site folder nor the build cache that tell a build what it published (an outside tester's pushed a site
        with every explainer gone). It stops as a build does before removing every explainer, and warns of
        each explainer address it would break (`--strict` stops there too)."""
        _fetch(self.project.root, config.remote_name, config.remote_branch)
        names: set[str] = set()
        for ref in (f"refs/heads/{config.remote_branch}", f"refs/remotes/{config.remote_name}/{config.remote_branch}"):
            try:
                listed = subprocess.run(
                    ["git", "ls-tree", "-r", "-z", "--name-only", ref], cwd=self.project.root, capture_output=True
                )
            except OSError:  # no git (gh-deploy itself will say so)
                return
            if listed.returncode == 0:  # the clone knows the branch: its own, or the remote's as last fetched
                names.update(name.decode("utf-8", "replace") for name in listed.stdout.split(b"\0") if name)
        ref = f"refs/remotes/{config.remote_name}/{config.remote_branch}"
        _behind(self.project.root, ref, config.remote_branch, self.config.publish_behind)
        published = explainer_pages(names, {*languages, *languages_published(names)}, RESERVED_SLUGS)
        if published and not explainer_pages(self.outputs, languages, RESERVED_SLUGS) and not self.config.allow_empty:
            raise emptying(
                self.project.explainers, len(published), f"page{{}} the {config.remote_branch} branch publishes"
            )
        self._warn_gone(published)

    def _warn_gone(self, published: list[str]) -> None:
        """A warning (`--strict`: an error) for each explainer page published now that no file makes any more."""
        published = embargo.not_held(published, self.held)
        for problem in addresses_gone(self.project.explainers, published, self.outputs, languages=self.languages):
            log.warning(f"{problem.message}; {problem.hint}")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return Files([File.generated(config, path, content=data) for path, data in self.outputs.items()])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        search.index(site, site / search.FOLDER)
        if self.command != "serve":  # what it publishes now, as `build` records it: `check` warned of an address
            pages = published_explainers(site, self.languages, RESERVED_SLUGS)  # gone for good, after `gh-deploy`
            published.replace(self.project, site, pages)  # had published its removal (an outside tester's)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for path in self.project.watched():
            server.watch(str(path))
        _language_404s(server, Path(config.site_dir), lambda: self.languages)
        return server


def _language_404s(server: LiveReloadServer, site: Path, languages: Callable[[], tuple[str, ...]]) -> None:
    """A missing page under `/<language>/` answered with that language's 404 page, as the hosts the README sets up
    answer it: MkDocs' server answers every one with the root's, both languages' (an outside tester's). Its
    error handler is told only the status, so the address asked is kept per request thread."""
    asked, serve = threading.local(), server.serve_request

    def serve_request(environ: dict[str, Any], start_response: Any) -> Any:
        asked.path = environ.get("PATH_INFO", "")
        return serve(environ, start_response)

    def error_page(code: int) -> bytes | None:
        segments = [part for part in getattr(asked, "path", "").split("/") if part]
        language = next((part for part in segments if part in languages()), None)
        page = site / language / "404.html" if code == 404 and language else site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.set_app(serve_request)
    server.error_handler = error_page


def _fetch(root: Path, remote: str, branch: str) -> None:
    """The branch as the remote has it now, into the clone's record of it (`refs/remotes/<remote>/<branch>`).

    MkDocs' gh-deploy commits the site on top of that record and pushes: in a clone that had not fetched since
    another published, git refused the push and MkDocs ended in Python's traceback (the README told editors to
    `git fetch` first). Fetched here, what the other published is both compared (`_against_branch`) and built
    upon. A remote without the branch yet (the first publication), or out of reach, leaves the record as it is:
    the push then says what git says."""
    refspec = f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"
    try:
        fetched = subprocess.run(["git", "fetch", "--quiet", remote, refspec], cwd=root, capture_output=True, text=True)
    except OSError:  # no git (gh-deploy itself will say so)
        return
    if fetched.returncode != 0:
        said = fetched.stderr.strip().splitlines()
        log.info(f"Could not fetch the {branch} branch from {remote}: {said[-1] if said else 'git failed'}")


def _behind(root: Path, ref: str, branch: str, allowed: bool) -> None:
    """Refused (a warning if `allowed`) when what the branch publishes was built from a commit this checkout's
    history lacks: a producer's clean clone two commits behind put a picture taken down for its rights back on
    the site, and a headline's edit back as it was, without a word (an outside tester's); a warning, it was
    published all the same, exit 0, where a newsroom's takedown must not be undone by a stale laptop (a second's).
    MkDocs writes the commit it built from in the message of each commit it publishes (`Deployed 0b7b538 …`)."""
    try:
        said = subprocess.run(["git", "log", "-1", "--format=%s", ref], cwd=root, capture_output=True, text=True)
        built = re.match(r"Deployed ([0-9a-f]{7,40}) ", said.stdout) if said.returncode == 0 else None
        if built is None:  # never published, or not by MkDocs: nothing to compare
            return
        ancestor = ["git", "merge-base", "--is-ancestor", f"{built.group(1)}^{{commit}}", "HEAD"]
        found = subprocess.run(ancestor, cwd=root, capture_output=True).returncode  # 1: not an ancestor
        if found == 0:
            return
        asked = ["git", "rev-parse", "--is-shallow-repository"]
        shallow = (
            found != 1 and subprocess.run(asked, cwd=root, capture_output=True, text=True).stdout.strip() == "true"
        )
    except OSError:  # no git (gh-deploy itself will say so)
        return
    if shallow:  # a CI clone of one commit cannot tell (a reviewer's)
        log.info(f"Not checked that {built.group(1)}, which the {branch} branch was published from, is in this "
                 "checkout's history: the clone is shallow (fetch it whole, `fetch-depth: 0`, to be told)")  # fmt: skip
        return
    undoing = (
        f"The {branch} branch was published from commit {built.group(1)}, which this checkout's history does not "
        "hold: publishing it would undo what was published since (an edit, a picture taken down); pull, then "
        "publish again"
    )
    if not allowed:
        raise PluginError(f"{undoing} (to publish this checkout all the same: `publish_behind: true` under the plugin)")
    log.warning(undoing)


def _refused_push(previous: Any) -> Any:
    """An exception hook for `gh-deploy`: a refused `git push` (MkDocs lets ghp-import's CalledProcessError
    through) ends in one line, after git's own reasons, where it ended in Python's traceback; any other
    exception goes to the hook there was. Python then exits with status 1, as MkDocs does on an error."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        command = getattr(error, "cmd", None) if isinstance(error, subprocess.CalledProcessError) else None
        if isinstance(command, list) and command[:2] == ["git", "push"]:
            pushed = " ".join(command)
            print(
                f"Error: `{pushed}` was refused (git says why above): the site was built and committed "
                "to the local branch but not published.",
                file=sys.stderr,
            )
            return
        previous(kind, error, trace)

    return hook


def _only_files_of(folder: Path, outputs: dict[str, bytes]) -> bool:
    """Whether every file in `folder` is one of a build's `outputs`, or of its search index, named as they are, and
    its root page, if there is one, names the generator: a web root of someone's (`index.html`, `404.html`,
    `robots.txt`, `search-index/thesis.tex`) was taken for the build's, and emptied (an outside tester's)."""
    if (folder / "index.html").is_file() and not root_page_names_generator(folder):
        return False
    names = (path.relative_to(folder).as_posix() for path in folder.rglob("*") if not path.is_dir())
    return all(name in outputs or _INDEX_FILE.fullmatch(name) for name in names)


# What a build's search index holds (search_shards.py, search_files.py): its scripts, its manifest, and each
# shard's listing and chunks.
_INDEX_FILE = re.compile(
    re.escape(search.FOLDER) + r"/(?:[a-z-]+\.js|shards\.json|[A-Za-z0-9_-]+/(?:meta|chunk-[0-9a-f]+)\.json)"
)
