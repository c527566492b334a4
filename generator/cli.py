"""Command line: `python -m generator <command>`. An adapter only: every decision is in the pipeline.

Light on purpose: a build with nothing to do is told so here (warm.py), before the pipeline and what it
imports (PyYAML, pydantic, Babel, the content model: 0.25 s) are loaded; every command runs from commands.py.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .content_files import DRAFTS
from .problems import (
    ContentError,
    escaped,
    placed,
    refuse,
    shown,
    site_placed,
    stopped,
    system_error,
    template_frame,
)
from .project import Project
from .published import all_there
from .reports import FORMATS
from .warm import built, nothing_to_build
from .write import SiteFolderError, guard_site_place


def _web_address(value: str) -> str:
    """`--site-url` must be an address the site can be published at (site.yml's rule for `site_url`); said as
    the flag's own error, not as a content problem."""
    import pydantic  # only when the flag is given

    from .settings import SiteAddress

    try:
        pydantic.TypeAdapter(SiteAddress).validate_python(value)
    except pydantic.ValidationError as error:
        reason = str(error.errors()[0]["ctx"]["error"]) if error.errors()[0]["type"] == "value_error" else ""
        detail = f" ({reason})" if reason else "; give it in full, starting with https://, e.g. https://example.org/"
        # The value itself is not repeated: it may hold a password.
        raise argparse.ArgumentTypeError(f"is not a web address the site can use{detail}") from None
    return value


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    called = "explainers" if Path(sys.argv[0]).name == "explainers" else "python -m generator"  # (pre-commit's)
    parser = argparse.ArgumentParser(prog=called, description="Bilingual explainer sites from YAML.")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate the content and write the site")
    build.add_argument("--site-dir", type=_folder, default=None, help="where to write the site (default: site/)")
    build.add_argument(
        "--site-url", type=_web_address, default=None, help="publish at this address instead of site.yml's site_url"
    )
    build.add_argument("--no-search", action="store_true", help="skip the search index (made by the next build)")
    build.add_argument("--no-cache", action="store_true", help="build from nothing, and make the build cache anew")
    build.add_argument(
        "--allow-empty", action="store_true", help="build even if no explainers are left to publish (removes them all)"
    )
    build.add_argument(
        "--future", action="store_true", help="publish explainers dated after today now (else held until their day)"
    )
    checking = commands.add_parser("check", help="validate the content and report every problem")
    checking.add_argument(
        "--strict",
        action="store_true",
        help="also fail on warnings: translations stale, missing or never reviewed, dates still to come",
    )
    checking.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), github (annotations in a pull request), json"
    )
    checking.add_argument(
        "--site-dir", type=_folder, default=None, help="the site folder `build --site-dir` writes (default: site/)"
    )
    commands.add_parser("status", help="print each explainer's translation status")
    new = commands.add_parser("new", help="write a skeleton explainer to fill in")
    new.add_argument("slug", help="the new explainer's address, e.g. kim-putin-summit")
    new.add_argument(
        "--draft", action="store_true", help=f"write it in {DRAFTS}/, which nothing builds, until it is done"
    )
    reviewed = commands.add_parser("mark-reviewed", help="record that every language of a file's texts says the same")
    reviewed.add_argument("files", nargs="+", type=Path, help="explainer files, e.g. content/explainers/x.yml")
    commands.add_parser("schema", help="regenerate the JSON Schemas in schema/ from the content model")
    commands.add_parser("watch", help="build, then rebuild what changes whenever a file is saved")
    serve = commands.add_parser("serve", help="watch, and serve the site with live reload")
    serve.add_argument("--host", default="127.0.0.1", type=_host, help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default: 8000)")
    edit = commands.add_parser("edit", help="serve, with the browser editor at /admin/ saving into content/")
    edit.add_argument("--port", type=_port, default=8000, help="the preview's port (default: 8000)")
    edit.add_argument("--backend-port", type=_port, default=8081, help="the editor's local backend (default: 8081)")
    return parser.parse_args(argv)


def _folder(value: str) -> Path:
    """A folder given on the command line; an empty one (`--site-dir ""`, a variable left unset) is no folder,
    where it was taken for the one the command ran in (an outside tester's)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty: give the folder to write the site into")
    return Path(value)


def _port(value: str) -> int:
    """A port: 0 (any free one) to 65535; one outside was an internal error (an outside tester's `--port 70000`)."""
    if not value.strip().isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value} is no port: give a number from 1 to 65535")
    return int(value)


def _host(value: str) -> str:
    """An address of this computer, not one that stands for all of them: the preview answers only the host it is
    given (so no page of another site can read it), and `0.0.0.0` listened everywhere and answered no phone on the
    network, saying it answered only the --host it was given (an outside tester's)."""
    if value.startswith("[") and ":" not in value:  # (brackets hold an IPv6 address only: no browser took it)
        raise argparse.ArgumentTypeError(f"{value} is no address: brackets go around an IPv6 address alone")
    if value.strip("[]") in {"<broadcast>", "255.255.255.255"}:  # (listened where no one could reach it)
        raise argparse.ArgumentTypeError(f"{value} is the broadcast address, which no browser can reach")
    if _every_address(value.strip("[]")):
        raise argparse.ArgumentTypeError(
            f"{value} stands for every address of this computer, and the preview answers only the one it is given:"
            " give its address on the network, e.g. --host 192.168.1.5"
        )
    return value


def _every_address(host: str) -> bool:
    """Whether an address stands for all of this computer's, however written (`0.0.0.0`, `0`, `::`, `::0`, and
    `::ffff:0.0.0.0`, IPv6's for IPv4's every address, which listened on all of them: an outside tester's)."""
    import ipaddress
    import socket

    try:
        address = ipaddress.ip_address(host)
        mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
        return address.is_unspecified or bool(mapped and mapped.is_unspecified)
    except ValueError:  # empty, a name, or a short form the system still reads (`0`, `0.0`: a reviewer's)
        if not host:
            return True
        try:
            return socket.inet_aton(host) == bytes(4)
        except OSError:
            return False


def _interrupted(command: str) -> int:
    moved = "; the new site is in place, the build cache not yet (the next build writes it again)"
    kept = (moved if placed() else "; the site folder is as it was") if command == "build" else ""
    print(f"python -m generator {command}: interrupted{kept}", file=sys.stderr)
    return 130  # 128 + SIGINT, as shells report it


def _terminated(number: int, _frame: object) -> None:
    """SIGTERM or SIGHUP as an exit, so that the command's `finally` blocks run (Python's default ends it at once)."""
    raise SystemExit(128 + number)


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    site_placed(False)
    try:
        root = arguments.project.resolve()
    except (OSError, RuntimeError):  # a link that leads back to itself (RuntimeError before Python 3.13)
        where = escaped(str(arguments.project))
        return refuse(arguments.command, f"the project {where} is a link that leads back to itself")
    project = Project(root, getattr(arguments, "site_url", None))
    if not project.root.is_dir():  # a path mistyped: nothing is made there (a build made its .cache/)
        what = "is not a folder" if project.root.exists() else "does not exist"
        return refuse(arguments.command, f"the project {escaped(str(project.root))} {what}")
    if arguments.command in _CACHED and not project.content.is_dir():  # not a project: nothing made there (a
        where = escaped(str(project.root))  # build's lock file was, at `/.cache/build.lock` for `--project /`)
        return refuse(arguments.command, f"{where} has no content/ folder; --project names the folder that holds it")
    if arguments.command in ("watch", "serve", "edit"):  # `kill`, a service manager, a closed terminal: stop as
        for stop in (signal.SIGTERM, signal.SIGHUP):  # Ctrl-C stops them, with what they started (`edit`'s
            signal.signal(stop, _terminated)  # npm's backend, before ours, was left)
    try:
        if arguments.command in _CACHED:
            project.refuse_committed_outputs()
        if arguments.command == "build" and _nothing_to_build(project, arguments):
            print(built(shown(arguments.site_dir or project.site), 0))
            return 0
        from .commands import COMMANDS  # the pipeline, and all it imports

        return COMMANDS[arguments.command](project, arguments)
    except KeyboardInterrupt:  # Ctrl-C: what a build made is removed on the way out (SiteVersion), site/ untouched
        return _interrupted(arguments.command)
    except ContentError as error:
        if stopped():  # Ctrl-C, which a library made a problem of (problems.interrupted)
            return _interrupted(arguments.command)
        print(error.report(), file=sys.stderr)
        return 1
    except SiteFolderError as error:
        print(f"python -m generator {arguments.command}: {escaped(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:  # full disk, read-only or unwritable folder: the system's words, on one line
        print(f"python -m generator {arguments.command}: {system_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:
        jinja2 = sys.modules.get("jinja2")  # loaded only by a run that renders: it alone can raise a template error
        if jinja2 is not None and isinstance(error, jinja2.TemplateError):  # an undefined name in an edited template
            where = f"{escaped(str(error))}{_template_line(error, project.templates)}"
            print(f"python -m generator {arguments.command}: a template failed: {where}", file=sys.stderr)
            return 1
        if stopped():
            return _interrupted(arguments.command)
        if os.environ.get(DEBUG):
            raise
        where = _template_line(error, project.templates)
        what = "a template failed" if where else "an internal error, please report it"
        detail = escaped(f"{type(error).__name__}: {error}")
        print(
            f"python -m generator {arguments.command}: {what}: {detail}{where} (set {DEBUG}=1 to see where)",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


# The commands that read or write the build cache or the site folder.
_CACHED = frozenset({"build", "check", "watch", "serve", "edit", "mark-reviewed", "status"})
DEBUG = "EXPLAINERS_DEBUG"  # set to let an unexpected error show its traceback, for whoever fixes it


def _template_line(error: Exception, templates: Path) -> str:
    """` (templates/topics.html:3)`, where the error happened in a template."""
    frame = template_frame(error, templates)
    return f" ({shown(Path(frame.filename))}:{frame.lineno})" if frame else ""


def _nothing_to_build(project: Project, arguments: argparse.Namespace) -> bool:
    """Whether `build` would write nothing, asked before anything else is imported (warm.py); a site folder the
    build refuses by its place is refused first (SiteFolderError), whatever the cache says."""
    site = arguments.site_dir or project.site
    guard_site_place(site, project.root, project.sources())
    if arguments.no_cache or arguments.allow_empty or arguments.future:
        return False
    return nothing_to_build(project, site, search=not arguments.no_search) and all_there(project, site)
