"""Which files in content/explainers/ are explainers: the one rule `check`, `build` and the preview share.

Editors keep content as their tools leave it, so the rule follows them rather than the other way round:

- both YAML extensions count, in any case (`x.yml`, `x.yaml`, `x.YML`);
- subfolders count (newsrooms file by year: `2024/x.yml`); the address still comes from `slug:`;
- hidden files and folders, and editors' lock, swap and backup files (`.x.yml`, `.#x.yml`, `#x.yml#`,
  `x.yml~`, `.x.yml.swp`), are not content and are skipped without a word;
- a link that leads outside the project is refused where it stands and never followed: a build must not
  publish, or quote in an error, a file no one put in the project.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Collection, Iterable
from pathlib import Path

from .problems import Problem

EXTENSIONS = (".yml", ".yaml")
OUTSIDE_HINT = "copy the file into the project instead of linking to it"
# Where `new --draft` writes: a hidden folder among the explainers, which nothing lists, checks or builds (one
# half-written explainer among the others stopped every build and every editor's preview: an outside tester's).
DRAFTS = ".drafts"


def is_ignored(name: str) -> bool:
    """Hidden names, Emacs locks and autosaves (`.#x`, `#x#`) and backups (`x~`): never an editor's content.

    Vim's swap files (`.x.yml.swp`) are hidden, and no extension but .yml and .yaml is read anyway."""
    return name.startswith((".", "#")) or name.endswith("~")


def is_explainer_name(name: str) -> bool:
    return not is_ignored(name) and name.lower().endswith(EXTENSIONS)


def drafts(explainers: Path) -> list[Path]:
    """The drafts' files, in `.drafts/` and its folders, named as explainers are (`x.YAML` too)."""
    return sorted(path for path in (explainers / DRAFTS).rglob("*") if is_explainer_name(path.name) and path.is_file())


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def link_problem(path: Path, root: Path, any_folder: bool = False) -> Problem | None:
    """A located problem when `path` is a link whose target is outside `root` (or loops), else None.

    Only the link is looked at, never what it points to. With `any_folder`, a link in any folder on the way
    counts too (for single files such as a translation record; a listing checks each entry as it walks)."""
    if not any_folder and not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links: Python 3.11 raises RuntimeError, later ones OSError
        return Problem(path, 1, 1, "", "is a link that leads back to itself", "replace it with the file")
    if inside(target, root.resolve()):
        return None
    return Problem(path, 1, 1, "", "is a link to a file outside the project, so it is not read", OUTSIDE_HINT)


def list_explainers(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every explainer file under `folder`, sorted, and the problems that kept any from being listed.

    A missing or unreadable folder is a problem, not an empty site: publishing no explainers because a
    checkout is incomplete would take the whole site down. A link inside the project is followed (each
    folder is walked once, so a loop of links ends)."""
    files: list[Path] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "is missing"
        hint = "create it; `python -m generator new <slug>` writes an explainer into it"
        return [], [Problem(folder, 1, 1, "", f"{what}: explainers are read from this folder", hint)]
    problem = link_problem(folder, root)
    if problem:
        return [], [problem]
    known = _listed.get((str(folder), str(root)))
    if known is not None and all(_modified(walked) == modified for walked, modified in known[0].items()):
        return list(known[1]), []
    started, walked = time.time_ns(), dict[str, int]()
    _walk(folder, root, {folder.resolve()}, files, problems, walked)
    files.sort(key=str)  # str: Path comparison is slow
    if not problems and all(0 < modified < started - RACY_NS for modified in walked.values()):
        _listed[(str(folder), str(root))] = (walked, list(files))
    return files, problems


# The last listing of each folder, kept while none of the folders walked has changed: adding, removing or
# renaming a file moves its folder's change time, editing one does not. The preview lists ten
# thousand files on every save otherwise (a fifth of a second). A folder changed within RACY_NS of a listing
# is not trusted to show the next change (its clock ticks coarsely), as git treats a "racily clean" index.
_listed: dict[tuple[str, str], tuple[dict[str, int], list[Path]]] = {}
RACY_NS = 100_000_000


def _modified(folder: str) -> int:
    try:
        return os.stat(folder).st_ctime_ns  # moved by what moves its modification time, and set back by nothing
    except OSError:
        return -1


def _walk(
    folder: Path,
    root: Path,
    seen: set[Path],
    files: list[Path],
    problems: list[Problem],
    walked: dict[str, int],
    depth: int = 0,
) -> None:
    if depth > MAX_DEPTH:  # (1,200 folders deep ended `check` and `build` in a RecursionError: an outside tester's)
        hint = "keep explainers at most a few folders below content/explainers/, by year or by desk"
        problems.append(Problem(folder, 1, 1, "", f"is more than {MAX_DEPTH} folders deep, and not read", hint))
        return
    walked[str(folder)] = _modified(str(folder))  # before reading it: a change while it is read shows next time
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        problems.append(
            Problem(folder, 1, 1, "", f"cannot be read ({reason.lower()})", "let the account that builds read it")
        )
        return
    for entry in entries:
        if is_ignored(entry.name):
            continue
        path = Path(entry.path)
        is_dir = _is_dir(entry)
        if not is_dir and not is_explainer_name(entry.name):
            continue
        if not unicode_name(entry.name):  # (`bad\xff.yml`: checked, then every build failed after publishing it)
            problems.append(Problem(path, 1, 1, "", NOT_UTF8, "rename it"))
            continue
        problem = link_problem(path, root) if entry.is_symlink() else None  # the listing knows: no stat per file
        if problem:
            problems.append(problem)
        elif is_dir:
            real = path.resolve()
            if real not in seen and entry.is_symlink() and any(inside(held, real) for held in seen):
                # `sub -> ..`: content/ would be read as explainers (site.yml, the strings, the bylines)
                message, hint = "is a link to a folder that holds the explainers", "remove the link"
                problems.append(Problem(path, 1, 1, "", message, hint))
            elif real not in seen:
                seen.add(real)
                _walk(path, root, seen, files, problems, walked, depth + 1)
        else:
            files.append(path)


MAX_DEPTH = 32  # folders below content/explainers/
NOT_UTF8 = "has a name that is not UTF-8 (left by an old zip or a share), which no site address can hold"


def unicode_name(name: str) -> bool:
    """Whether a file name is Unicode: one that is not UTF-8 on disk holds Python's stand-ins for its bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def published_explainers(site: Path, languages: tuple[str, ...], reserved: frozenset[str]) -> list[str]:
    """The explainer pages a site folder holds (`ar/<slug>/index.html`), to notice a build that would remove all."""
    found = []
    for language in languages:
        try:
            with os.scandir(site / language) as scan:
                names = [entry.name for entry in scan if entry.name not in reserved and _is_dir(entry)]
        except OSError:
            continue
        found += [f"{language}/{name}/" for name in names if (site / language / name / "index.html").is_file()]
    return sorted(found)


def explainer_pages(names: Iterable[str], languages: Collection[str], reserved: frozenset[str]) -> list[str]:
    """The explainer pages (`ar/<slug>/`) among a site's file names: a record of one (the build cache's), or the
    branch a site is published from (`mkdocs gh-deploy`'s)."""
    parts = (name.split("/") for name in names)
    return sorted(
        f"{part[0]}/{part[1]}/"
        for part in parts
        if len(part) == 3 and part[2] == "index.html" and part[0] in languages and part[1] not in reserved
    )


def addresses_gone(
    explainers: Path,
    published: Iterable[str],
    made: Iterable[str],
    done: bool = False,
    languages: Collection[str] | None = None,
    moved: dict[str, tuple[Path, str]] | None = None,
) -> list[Problem]:
    """Each published explainer page (`ar/<slug>/`) that a build making `made` (site paths) does not make: its
    address, in shared links and search engines, would answer "not found" (a slug changed or a file deleted,
    which an outside tester's check passed in silence). A warning, as a withdrawn explainer is no mistake;
    `done`: the build has made the site without it (`build` says so after the fact). The pages of a language
    no longer among the site's `languages` are one warning, at site.yml's `languages:` (a language dropped
    from site.yml took its pages down with one "slug changed" each, or, from `gh-deploy`, without a word)."""
    made = set(made)
    hint = (
        "if its slug changed, list the old one under `former_slugs:` in the explainer that has it now, and the"
        " old address sends readers there; if it is withdrawn, nothing to do"
    )
    after = "in the site built" if done else "after the next build"
    gone: dict[str, list[str]] = {}  # by slug, its pages in each language
    dropped: dict[str, int] = {}  # by language no longer the site's, its pages
    for page in sorted(set(published)):
        if f"{page}index.html" not in made:
            code, slug = page.split("/")[:2]
            if languages is None or code in languages:
                gone.setdefault(slug, []).append(f"/{page}")
            else:
                dropped[code] = dropped.get(code, 0) + 1
    message = "no explainer file makes the page published at {} now (a file deleted, or a slug changed): " + (
        'its address answers "not found" in the site built'
        if done
        else 'after the next build its address answers "not found"'
    )
    problems = [
        _moved(slug, *moved[slug], pages, after) if moved and slug in moved
        else Problem(explainers, 1, 1, "", message.format(" and ".join(pages)), hint)
        for slug, pages in gone.items()
    ]  # fmt: skip
    settings = explainers.parent / "site.yml"
    for code, count in dropped.items():
        pages = f"{count} explainer page{'s' if count != 1 else ''}"
        answer = "answers" if count == 1 else "answer"
        said = f"`{code}` is no longer a language of the site: {after}, the {pages} published under /{code}/ {answer} "
        said += '"not found"'
        put_back = f"if `{code}` was taken out by mistake, put it back under `languages:`; if withdrawn, nothing to do"
        problems.append(Problem(settings, _line_of(settings, "languages"), 1, "languages", said, put_back))
    return problems


def _moved(slug: str, file: Path, now: str, pages: list[str], after: str) -> Problem:
    """A slug a file had and has changed (`moved`: what the preview saw it make), said at that file's slug: the
    note named no file, at content/explainers:1:1, and the editor's open tab became "not found" (an outside
    tester's)."""
    message = f"its slug changed from `{slug}` to `{now}`: {after}, the page published at {' and '.join(pages)}"
    message += ' answers "not found"'
    hint = f"list `{slug}` under `former_slugs:` here, and the old address sends readers to /…/{now}/"
    return Problem(file, _line_of(file, "slug"), 1, "slug", message, hint + "; if it is meant to go, nothing to do")


def _line_of(settings: Path, key: str) -> int:
    """The line of a top-level key in a settings file, or 1 (it cannot be read: the warning still stands)."""
    try:
        lines = settings.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def languages_published(names: Iterable[str]) -> set[str]:
    """The languages a site's file names publish (each has its feed, `fr/feed.xml`): a site published in a
    language since dropped from site.yml still has its pages, which a publication would take down."""
    return {name.split("/")[0] for name in names if name.count("/") == 1 and name.endswith("/feed.xml")}


def slug_claimed(files: list[Path], slug: str) -> Path | None:
    """The explainer file that already gives `slug` (its `slug:` line, or its `former_slugs:`), if any: `new`
    writes a file named by the slug, and a file of another name with that slug (`2023/quake.yml`) was only
    found by a later check."""
    line = re.compile(rf"""^\ufeff?slug:[ \t]*(["']?){re.escape(slug)}\1[ \t]*(?:#.*)?$""", re.MULTILINE)  # (a BOM)
    token = re.compile(rf"(?<![\w-]){re.escape(slug)}(?![\w-])")
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if line.search(text) or any(map(token.search, _FORMER_SLUGS.findall(text))):
            return path
    return None


# `former_slugs: [a, b]`, or a block list under it (indented, or `- a` at the line's start).
_FORMER_SLUGS = re.compile(r"^former_slugs:(.*(?:\n(?:[ \t]+|-).*)*)", re.MULTILINE)
