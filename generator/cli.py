"""Command line: `python -m generator <command>`. An adapter only: every decision is in the pipeline."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import threading
import traceback
from pathlib import Path

import pydantic

from . import content_files, translations
from .build import Build
from .content_files import link_problem
from .load import load
from .problems import ContentError, Problem, escaped, shown
from .project import Project
from .reports import FORMATS, report
from .scaffold import skeleton
from .schema import schemas
from .settings import Content, SiteAddress
from .validate import validate_settings
from .write import SiteFolderError, write_files, write_new


def _web_address(value: str) -> str:
    """`--site-url` must be an address the site can be published at (site.yml's rule for `site_url`); said as
    the flag's own error, not as a content problem."""
    try:
        pydantic.TypeAdapter(SiteAddress).validate_python(value)
    except pydantic.ValidationError as error:
        reason = str(error.errors()[0]["ctx"]["error"]) if error.errors()[0]["type"] == "value_error" else ""
        detail = f" ({reason})" if reason else "; give it in full, e.g. https://"
        # The value itself is not repeated: it may hold a password.
        raise argparse.ArgumentTypeError(f"is not a web address the site can use{detail}") from None
    return value


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Bilingual explainer sites from YAML.")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate the content and write the site")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/)")
    build.add_argument(
        "--site-url", type=_web_address, default=None, help="publish at this address instead of site.yml's site_url"
    )
    build.add_argument("--no-search", action="store_true", help="skip the search index (made by the next build)")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not write the build cache")
    build.add_argument(
        "--allow-empty", action="store_true", help="build even if no explainers are left to publish (removes them all)"
    )
    checking = commands.add_parser("check", help="validate the content and report every problem")
    checking.add_argument(
        "--strict", action="store_true", help="also fail on translations that are stale, missing or never reviewed"
    )
    checking.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), github (annotations in a pull request), json"
    )
    commands.add_parser("status", help="print each explainer's translation status")
    new = commands.add_parser("new", help="write a skeleton explainer to fill in")
    new.add_argument("slug", help="the new explainer's address, e.g. kim-putin-summit")
    reviewed = commands.add_parser("mark-reviewed", help="record that both languages of a file's texts match")
    reviewed.add_argument("files", nargs="+", type=Path, help="explainer files, e.g. content/explainers/x.yml")
    commands.add_parser("schema", help="regenerate the JSON Schemas in schema/ from the content model")
    commands.add_parser("watch", help="build, then rebuild what changes whenever a file is saved")
    serve = commands.add_parser("serve", help="watch, and serve the site with live reload")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    edit = commands.add_parser("edit", help="serve, with the browser editor at /admin/ saving into content/")
    edit.add_argument("--port", type=int, default=8000, help="the preview's port (default: 8000)")
    edit.add_argument("--backend-port", type=int, default=8081, help="the editor's local backend (default: 8081)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    project = Project(arguments.project.resolve(), getattr(arguments, "site_url", None))
    try:
        return COMMANDS[arguments.command](project, arguments)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except SiteFolderError as error:
        print(f"python -m generator {arguments.command}: {escaped(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:  # full disk, read-only or unwritable folder: the system's words, on one line
        print(f"python -m generator {arguments.command}: {_system_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:
        jinja2 = sys.modules.get("jinja2")  # loaded only by a run that renders: it alone can raise a template error
        if jinja2 is not None and isinstance(error, jinja2.TemplateError):  # an undefined name in an edited template
            where = f"{escaped(str(error))}{_template_line(error, project.templates)}"
            print(f"python -m generator {arguments.command}: a template failed: {where}", file=sys.stderr)
            return 1
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


DEBUG = "EXPLAINERS_DEBUG"  # set to let an unexpected error show its traceback, for whoever fixes it


def _template_line(error: Exception, templates: Path) -> str:
    """` (templates/topics.html:3)`: Jinja puts the template's own file and line into the traceback it raises."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename).parent == templates]
    return f" ({shown(Path(frames[-1].filename))}:{frames[-1].lineno})" if frames else ""


def _system_error(error: OSError) -> str:
    """`no space left on device (site/.site-new/index.html)`: what the system said, and the file it was about."""
    what = (error.strerror or str(error) or "system error").lower()
    return escaped(what) + (f" ({shown(Path(os.fsdecode(error.filename)))})" if error.filename else "")


def _build(project: Project, arguments: argparse.Namespace) -> int:
    build = Build(
        project,
        arguments.site_dir,
        use_cache=not arguments.no_cache,
        search=not arguments.no_search,
        allow_empty=arguments.allow_empty,
    )
    outputs = build.run()
    print(f"Built {len(outputs)} files into {shown(arguments.site_dir or project.site)}.")
    return 0


def _site_languages(project: Project) -> Content:
    """The site's settings alone (its languages), for the commands that read explainers without building."""
    settings, problems = validate_settings(load(project.settings_file))
    if settings is None:
        raise ContentError(problems)
    return Content(settings, {})


def _translation_problems(project: Project, site: Content) -> list[Problem]:
    """What each explainer's translations need, by its record of what was reviewed."""
    source = site.language(site.translation_source)
    flagged = []
    for path in project.explainer_listing()[0]:
        record = translations.load_record(path, project.explainers)
        flagged += translations.to_look_at(load(path), record, source, list(site.languages))
    return flagged


def _check(project: Project, arguments: argparse.Namespace) -> int:
    """The build's own pipeline without writing: what it refuses, check refuses, in the same words."""
    build = Build(project, write=False, use_cache=False)
    try:
        build.run()
    except ContentError as error:
        if arguments.format == "text":
            raise  # said on standard error, as every command says content problems
        print(report(error.problems, [], arguments.format))
        return 1
    assert build.site is not None  # the run read the settings
    flagged = _translation_problems(project, build.site)
    if arguments.format != "text":  # for a machine: everything on standard output, in its format
        errors, warnings = (flagged, []) if arguments.strict else ([], flagged)
        print(report(errors, warnings, arguments.format))
        return 1 if errors else 0
    for problem in flagged:
        print(problem)
    if flagged:
        print(f"{len(flagged)} translation{'s' if len(flagged) != 1 else ''} to look at.")
        return 1 if arguments.strict else 0
    print(f"All clear: {build.explainers} explainer(s), no problems.")
    return 0


def _status(project: Project, arguments: argparse.Namespace) -> int:
    site = _site_languages(project)
    codes = [language.code for language in site.languages]
    header = ["explainer", "language", *translations.STATES]
    rows = [header]
    for path in project.explainer_listing()[0]:
        record = translations.load_record(path, project.explainers)
        items = translations.statuses(load(path), record, site.translation_source, codes)
        name = escaped(path.relative_to(project.explainers).with_suffix("").as_posix())  # 2024/x
        for code in codes:
            if code != site.translation_source:
                counts = translations.summary([item for item in items if item.language == code])
                rows.append([name, code, *(str(counts[state]) for state in translations.STATES)])
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _new(project: Project, arguments: argparse.Namespace) -> int:
    path = project.explainers / f"{arguments.slug}.yml"
    if link_problem(project.explainers, project.root, any_folder=True):
        return _refuse("new", f"{shown(project.explainers)} leads outside the project; nothing written")
    try:
        write_new(path, skeleton(arguments.slug, dt.date.today(), _site_languages(project).languages))
    except (ValueError, OSError) as error:
        if isinstance(error, FileExistsError):
            reason = f"{shown(path)} already exists; choose another slug"
        elif isinstance(error, OSError):
            reason = f"cannot write {shown(path)} ({(error.strerror or 'system error').lower()})"
        else:
            reason = escaped(str(error))
        print(f"Nothing written: {reason}.", file=sys.stderr)
        return 1
    print(f"Wrote {shown(path)}. Fill it in, then run `python -m generator check`.")
    return 0


def _refuse(command: str, reason: str) -> int:
    """A command line that asks for something outside the project: one line, exit 2, nothing written."""
    print(f"python -m generator {command}: {reason}.", file=sys.stderr)
    return 2


def _mark_reviewed(project: Project, arguments: argparse.Namespace) -> int:
    """Every file must be an explainer inside content/explainers/ (checked before any is written), so a
    record is only ever written into content/translations/, mirroring the explainer's subfolder."""
    paths = [Path(os.path.abspath(path)) for path in arguments.files]  # `..` removed, links kept
    for path in paths:
        folder = project.explainers
        if not content_files.inside(path, folder) or not content_files.is_explainer_name(path.name):
            return _refuse("mark-reviewed", f"{shown(path)} is not an explainer file in {shown(folder)}/")
        target = translations.record_path(path, folder)
        if link_problem(path, project.root, any_folder=True) or link_problem(target, project.root, any_folder=True):
            return _refuse("mark-reviewed", f"{shown(path)} or its record leads outside the project")
    codes = [language.code for language in _site_languages(project).languages]
    for path in paths:
        record = translations.reviewed_record(load(path), codes)
        target = translations.record_path(path, project.explainers)
        write_files({target.name: translations.record_text(record).encode("utf-8")}, target.parent)
        print(f"Marked {len(record.reviewed)} texts reviewed in {shown(target)}.")
    return 0


def _schema(project: Project, arguments: argparse.Namespace) -> int:
    write_files(
        schemas(tuple(language.code for language in _site_languages(project).languages)), project.root / "schema"
    )
    print(f"Wrote the JSON Schemas into {project.root / 'schema'}.")
    return 0


def _report(line: str) -> None:
    print(line, flush=True)


def _watch(project: Project, arguments: argparse.Namespace) -> int:
    from .preview import watch  # watchdog is only needed for the preview

    rebuilder = watch(project, _report)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    rebuilder.save_cache()  # what the last saves changed, for the next start
    return 0


def _serve(project: Project, arguments: argparse.Namespace) -> int:
    from .preview import serve

    serve(project, arguments.host, arguments.port, _report)
    return 0


def _edit(project: Project, arguments: argparse.Namespace) -> int:
    """The preview, and Decap's local backend writing what the editor at /admin/ saves (on this computer only)."""
    from .editor import local_backend

    arguments.host = "127.0.0.1"
    with local_backend(project.root, arguments.backend_port, _report):
        _report(f"editor: http://127.0.0.1:{arguments.port}/admin/?backend={arguments.backend_port}")
        return _serve(project, arguments)


COMMANDS = {
    "build": _build,
    "check": _check,
    "status": _status,
    "new": _new,
    "mark-reviewed": _mark_reviewed,
    "schema": _schema,
    "watch": _watch,
    "serve": _serve,
    "edit": _edit,
}
