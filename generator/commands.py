"""What each command of the command line does (cli.py reads the command line, then runs one of these)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import sys
import threading
from functools import partial
from pathlib import Path

from . import content_files, embargo, published, swap, translations
from .build import Build
from .check_warnings import Warnings, under_former_name
from .check_warnings import warnings as check_warnings
from .content_files import DRAFTS, link_problem
from .load import load
from .problems import ContentError, Problem, escaped, refuse, shown
from .project import Project
from .reports import report
from .scaffold import site_languages, skeleton
from .schema import schemas
from .settings import Content
from .slugs import RESERVED_SLUGS
from .warm import built, pages_before
from .write import write_files, write_new


def _build(project: Project, arguments: argparse.Namespace) -> int:
    anew = swap.cache_made_anew(project.root / ".cache") if arguments.no_cache else contextlib.nullcontext()
    with anew:  # from nothing, the cache made anew (not while another build uses it)
        return _build_once(project, arguments)


def _build_once(project: Project, arguments: argparse.Namespace) -> int:
    search, allow_empty, future = not arguments.no_search, arguments.allow_empty, arguments.future
    build = Build(project, arguments.site_dir, search=search, allow_empty=allow_empty, future=future)
    outputs = build.run()
    held = embargo.waiting(build.results, build.held)  # dated ahead: told so below
    site = arguments.site_dir or project.site
    languages = tuple(language.code for language in build.site.languages) if build.site else ()  # (read by the run)
    gone = published.replace(project, site, content_files.published_explainers(site, languages, RESERVED_SLUGS))
    down = {page.split("/")[1] for page in gone} & held.keys()  # published, and now dated ahead: a typo, or meant?
    gone = embargo.not_held(gone, held)
    for slug, result in held.items():
        print(embargo.notice(result, taken_down=slug in down))
    for problem in content_files.addresses_gone(project.explainers, gone, (), True, languages):  # `check` warned first
        print(problem)
    print(built(shown(site), len(outputs), len(build.folder.removed)))
    return 0


# Explainers never marked reviewed that `check` names one by one before it counts the rest: after an import of
# 2,500 files it printed 2,500 such lines, and an outside tester found the content's problems lost among them.
NEVER_REVIEWED_SHOWN = 10


def _counted(problems: list[Problem], what: str) -> None:
    """Each problem, then how many there are (`2 translations to look at.`), if any; past the first ten
    explainers never marked reviewed, only how many more there are (the machine formats list every one)."""
    never = [problem for problem in problems if translations.never_reviewed(problem)][NEVER_REVIEWED_SHOWN:]
    left_out = {id(problem) for problem in never}
    for problem in problems:
        if id(problem) not in left_out:
            print(problem)
    if never:
        print(f"… and {len(never)} more explainers never marked reviewed (`check --format json` lists every one).")
    if problems:
        print(f"{len(problems)} {what}{'s' if len(problems) != 1 else ''} to look at.")


def _check(project: Project, arguments: argparse.Namespace) -> int:
    """The build's own pipeline without writing: what it refuses, check refuses, in the same words."""
    # The build cache is read, not written: what a build made of these bytes stands (a check took 30 s at 2,500).
    build = Build(project, arguments.site_dir, write=False, future=True)  # (those dated ahead: dates_ahead.py)
    try:
        made, errors = build.run(), list[Problem]()
    except ContentError as error:
        made, errors = {}, error.problems
    # Every problem at once: the translations to look at too, or CI named them a round later (an outside tester's),
    # and a damaged translation record beside the content's problems (it hid them all, and printed no JSON: an
    # outside tester's merge conflict), unless the settings themselves could not be read. A record is the editors'
    # bookkeeping, which a build never reads: its damage is to look at, as a stale translation is (`--strict` fails
    # on it); as an error, `check` refused what `build` published (an outside tester's fuzzing).
    found = check_warnings(project, build.site) if build.site else Warnings([], [], [], [])
    # A text missing in a language is the content's error already: said twice, seven gaps made fourteen lines.
    said = {(problem.path, problem.field) for problem in errors}
    translated = [*found.broken, *(item for item in found.translations if not translations.missing_said(item, said))]
    vouched = (name for result in build.results.values() for name in result.pages)  # not made again: as cached
    folder = arguments.site_dir or project.site  # (a build into another folder was never compared: a tester's)
    gone = _addresses_gone(project, folder, build.site, [*made, *vouched]) if build.site and not errors else []
    flagged = gone + translated + found.others + found.ahead
    if arguments.format != "text":  # for a machine: everything on standard output, in its format
        errors, warnings = (errors + flagged, [*found.held]) if arguments.strict else (errors, [*flagged, *found.held])
        print(report(errors, warnings, arguments.format))
        return 1 if errors else 0
    for problem in gone:
        print(problem)
    if gone:
        print(f"{len(gone)} published address{'es' if len(gone) != 1 else ''} to look at.")
    _counted(translated, "translation")
    _counted(found.others, "warning")
    _counted(found.ahead, "date")
    for note in found.held:  # embargoed: notes, which fail no `--strict`
        print(note)
    if errors:
        raise ContentError(errors)  # said on standard error, as every command says content problems
    if flagged:
        return 1 if arguments.strict else 0
    print(f"All clear: {build.explainers} explainer{'s' if build.explainers != 1 else ''}, no problems.")
    return 0


def _addresses_gone(project: Project, folder: Path, site: Content, made: list[str]) -> list[Problem]:
    """Each page the site folder publishes, or the build cache's record (CI), that the next build would not make."""
    languages = tuple(language.code for language in site.languages)
    found = content_files.published_explainers(folder, languages, RESERVED_SLUGS)
    kept = pages_before(project, folder, languages, RESERVED_SLUGS)
    recorded = published.recorded(project, folder)  # what `build` published, whatever a preview did since
    return content_files.addresses_gone(project.explainers, [*found, *kept, *recorded], made, languages=languages)


def _status(project: Project, arguments: argparse.Namespace) -> int:
    site = site_languages(project)
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
    path = project.explainers / (DRAFTS if arguments.draft else "") / f"{arguments.slug}.yml"
    if link_problem(project.explainers, project.root, any_folder=True):
        return refuse("new", f"{shown(project.explainers)} leads outside the project; nothing written")
    try:
        site = site_languages(project)
        text = skeleton(arguments.slug, dt.date.today(), site.languages, site.translation_source)  # slug checked
        drafts = [*project.explainer_listing()[0], *content_files.drafts(project.explainers)]  # (drafts too)
        owner = content_files.slug_claimed(drafts, arguments.slug)
        if owner is not None and owner != path:  # a file of the slug's name is said below, as it exists
            raise ValueError(f"`{arguments.slug}` is already the slug of {shown(owner)}; choose another slug")
        write_new(path, text)
    except (ValueError, OSError) as error:
        if isinstance(error, FileExistsError):
            reason = f"{shown(path)} already exists; choose another slug"
        elif isinstance(error, OSError):
            reason = f"cannot write {shown(path)} ({(error.strerror or 'system error').lower()})"
        else:
            reason = escaped(str(error))
        print(f"Nothing written: {reason}.", file=sys.stderr)
        return 1
    if arguments.draft:  # (a half-written file among the explainers stopped every build and preview: a tester's)
        print(f"Wrote {shown(path)}, a draft no build reads. Once done, move it to {shown(project.explainers)}.")
    else:
        print(f"Wrote {shown(path)}. Fill it in, then run `python -m generator check`.")
    return 0


def _mark_reviewed(project: Project, arguments: argparse.Namespace) -> int:
    """Every file must be an explainer inside content/explainers/ (checked before any is written), so a
    record is only ever written into content/translations/, mirroring the explainer's subfolder."""
    paths = [_given(project, name) for name in arguments.files]
    for path in paths:
        folder = project.explainers
        if not content_files.inside(path, folder) or not content_files.is_explainer_name(path.name):
            return refuse("mark-reviewed", f"{shown(path)} is not an explainer file in {shown(folder)}/")
        if not path.is_file():  # a name mistyped was answered "has no explainers, and building would remove…"
            return refuse("mark-reviewed", f"{shown(path)}: no such file")
        target = translations.record_path(path, folder)
        if link_problem(path, project.root, any_folder=True) or link_problem(target, project.root, any_folder=True):
            return refuse("mark-reviewed", f"{shown(path)} or its record leads outside the project")
    # A file check refuses is not marked (a text missing in a language was marked reviewed all the same): the
    # build's own checks, of these files alone, find what they find. The others are marked all the same: one
    # file of 2,500 stopped an outside tester's whole import from being marked. A problem of the site's own
    # files (settings, strings, templates) leaves every file unmarked.
    build = Build(dataclasses.replace(project, only=tuple(paths)), write=False, use_cache=False, future=True)
    refused: list[Problem] = []
    try:
        build.run()
    except ContentError as error:
        named = {path.resolve() for path in paths}
        if build.site is None or any(problem.path.resolve() not in named for problem in error.problems):
            raise
        refused = error.problems
    assert build.site is not None  # the run read the settings
    codes = [language.code for language in build.site.languages]
    source = build.site.language(build.site.translation_source)
    # A file renamed without its record has its review under its former name: marked afresh, a stale text in
    # it was marked reviewed in silence (an outside tester's). It is told to take the record first.
    bad = {problem.path.resolve() for problem in refused}
    documents = {path: load(path) for path in paths if path.resolve() not in bad}  # each read once, as accepted
    records = {path: translations.record_bytes(path, project.explainers) for path in documents}
    new = {
        path: translations.source_prints(documents[path], source.code, codes)
        for path, raw in records.items()
        if raw is None
    }
    owners = translations.left_behind(project.explainers, project.explainer_listing()[0], new, source.code)[1]
    refused += [under_former_name(path, record, project.explainers) for path, record in owners.items()]
    unmarked = {problem.path.resolve() for problem in refused}
    for path in (path for path in paths if path.resolve() not in unmarked):
        document = documents[path]
        # What was to look at is named as it is marked: a stale English was marked with all the rest, in silence
        # (an outside tester's), when the editor may have meant to update it first.
        recorded = translations.read_record(path, records[path], project.explainers)
        before = translations.to_look_at(document, recorded, source, list(build.site.languages))
        before = [problem for problem in before if problem.field]  # a first review is no news
        record, marked = translations.reviewed_record(document, codes)
        target = translations.record_path(path, project.explainers)
        write_files({target.name: translations.record_text(record).encode("utf-8")}, target.parent)
        print(f"Marked {marked} texts reviewed in {shown(target)}.")
        if before:
            print(f"{len(before)} of them {'was' if len(before) == 1 else 'were'} to look at, marked as written:")
            for problem in before:
                print(f"  {problem.field}: {problem.message.split(';')[0]}")
    for problem in refused:
        print(problem, file=sys.stderr)
    if refused:
        files = f"{len(unmarked)} file{'s' if len(unmarked) != 1 else ''}"
        print(f"{files} not marked, {len(refused)} problem{'s' if len(refused) != 1 else ''} found.", file=sys.stderr)
    return 1 if refused else 0


def _given(project: Project, name: str) -> Path:
    """A file named on the command line: from the current folder, or, when it is not there, from the project's
    (`--project proj mark-reviewed content/explainers/x.yml`, as the README writes it). `..` removed, links kept."""
    here = Path(os.path.abspath(name))
    there = Path(os.path.abspath(project.root / name))
    return there if not here.exists() and not Path(name).is_absolute() and there.exists() else here


def _schema(project: Project, arguments: argparse.Namespace) -> int:
    write_files(
        schemas(tuple(language.code for language in site_languages(project).languages)), project.root / "schema"
    )
    print(f"Wrote the JSON Schemas into {project.root / 'schema'}.")
    return 0


def _report(line: str) -> None:
    print(line, flush=True)


def _watch(project: Project, arguments: argparse.Namespace) -> int:
    from .preview_run import watch  # watchdog is only needed for the preview

    rebuilder = watch(project, _report)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    rebuilder.save_cache()  # what the last saves changed, for the next start
    return 0


def _serve(project: Project, arguments: argparse.Namespace) -> int:
    from .preview_run import serve

    serve(project, arguments.host, arguments.port, _report)
    return 0


def _edit(project: Project, arguments: argparse.Namespace) -> int:
    """The preview, and Decap's local backend writing what the editor at /admin/ saves unless check refuses it."""
    from .local_backend import local_backend
    from .preview_run import serve
    from .save_check import SaveCheck

    vet = SaveCheck()
    with local_backend(project.root, arguments.backend_port, _report, vet) as query:
        _report("building the site: the editor's address follows once it is served")  # (none answered before)
        told = partial(_report, f"editor: http://127.0.0.1:{arguments.port}/admin/?{query}")
        serve(project, "127.0.0.1", arguments.port, _report, partial(vet.follow, then=told))
    return 0


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
