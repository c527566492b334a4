"""What a build that changes nothing needs to know it, read before the rest of the build cache.

A warm build in a new process (`generator build` again; CI with `.cache/` kept) decoded the whole cache:
every explainer's listing, pages and related reading, and the site folder's record, 3.4 MB at N = 1,000 with
a picture each, a third of the run and a third more than without pictures. Yet when the site-wide inputs are
the same (the fingerprint), no explainer file or picture has changed, and the site folder is as the last build
left it, that build renders nothing and writes nothing. So the cache file's first line (`cache.line`) says
just that much: each explainer file's and picture's size and time, and the site folder's files that
`SiteFolder.trusted` stats (a picture's variants are named by their content: the media folder's time stands
for them). The whole cache follows on the next line. One file, replaced whole: the line and the cache never
disagree. Anything the line cannot vouch for (a file touched, a different site folder, a search index
missing or stale) takes the full path, which decides exactly as before.

Asked before anything else is imported. Reading and validating the site-wide inputs to fingerprint them took
the imports of PyYAML, pydantic, Babel and the content model: 0.25 s of a 0.34 s run that then did nothing.
So `.cache/inputs.json` records, beside the fingerprint, the size and time of every file the fingerprint was
made from and of the folders they are listed from (a file added moves its folder's time; `fingerprint.
input_files`), with the Python that read them and the address asked for (`--site-url`). The command line asks
`nothing_to_build` first: if those files are as recorded, the fingerprint is the one recorded, and the line
decides, with no more than the standard library imported. If not, the build reads the inputs and asks
`unchanged` with their fingerprint, as before: a comment added to site.yml still writes nothing. The line and
that file are read with `json`, not pydantic, whose import alone takes longer than such a run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content_files import explainer_pages
from .published import recorded
from .site_mark import root_page_names_generator
from .stats import folder_time, parsed, read_cache, read_cache_line, stat_content, stat_files, stat_paths
from .swap import retired_name, staging_name
from .write import MEDIA, write_cache

if TYPE_CHECKING:
    from .project import Project
    from .publish import SiteFolder

Stats = dict[str, tuple[int, int]]  # files' sizes and times, by name
_SCALARS = {"fingerprint": str, "site_path": str, "search_stale": bool, "published": int, "media_time": int}
_SCALARS |= {"newest": str}
_COLUMNS = ("explainers", "pictures", "site", "index_files")


def nothing_to_build(project: Project, site: Path, search: bool) -> bool:
    """Whether a build of `project` into `site` would change nothing, known from file sizes and times alone:
    the site-wide inputs' (`inputs.json`), then the explainers', pictures', site folder's and index's (the line)."""
    try:
        noted = parsed(read_cache(project.inputs_file))
        inputs = _columns(noted["inputs"])
    except (ValueError, TypeError, KeyError):
        return False
    if not inputs or any(noted.get(key) != value for key, value in _asked(project).items()):
        return False
    if stat_paths(inputs) != inputs:
        return False
    if any(path.exists() for path in (staging_name(site.resolve()), retired_name(site.resolve()))):
        return False  # what a build that died left beside the site: the full path undoes it (swap.recover)
    if any(site.glob(".*-new")) or any(site.glob(".*-old")):  # ... or inside it: the preview's index it was
        return False  # swapping in when a build took the folder (`.search-index-new`, an outside tester's)
    found = _record(project.cache_file)
    if found is None or found[0]["fingerprint"] != noted.get("fingerprint"):
        return False
    record, columns = found
    # As `SiteFolder.index_damage` finds no damage, without importing publish.py: no index recorded is none.
    whole = lambda index: bool(index) and stat_files(site, index) == index  # noqa: E731
    return _as_left(record, columns, project, site, search, whole) is not None


def built(site: str, written: int, removed: int = 0) -> str:
    """What `build` says it did. "Built 0 files" read as a failure, for a site already up to date and for one
    that only lost pages (an explainer deleted): outside testers' findings. So what was written, and what was
    taken out, is said, and a build that changed nothing says so (here, as this path ends, or the pipeline's)."""
    if not written and not removed:
        return f"Nothing to change: {site} is up to date."
    files = "1 file" if written == 1 else f"{written} files"
    return f"Built {files} into {site}{f', removed {removed}' if removed else ''}."


def published_before(project: Project, site: Path) -> int:
    """How many explainers the last build of `project` into `site` published, as its cache's line says, or else
    `build`'s record of what it published (published.py), which names the site by its path in the project: a
    CI runner keeps `.cache/`, maybe restored in another workspace, but starts with no site folder to count them
    in (restored elsewhere, the line's whole path differed, and an emptied checkout built: an outside tester's)."""
    found = _record_of(project, site)
    return found[0]["published"] if found else len({page.split("/")[1] for page in recorded(project, site)})


def pages_before(project: Project, site: Path, languages: tuple[str, ...], reserved: frozenset[str]) -> list[str]:
    """The explainer pages (`ar/<slug>/`) the last build of `project` into `site` published, as its cache's
    line lists the site's files (as `content_files.published_explainers` finds them in the folder, which a CI
    runner does not keep)."""
    found, here = _record_of(project, site), _root_page(site)
    if not found or (here is not None and not _owns(found, here)):
        return []  # none, or the folder written since by another (MkDocs' `gh-deploy`): the folder itself tells
    return explainer_pages(found[1]["site"], languages, reserved)


def owns_folder(project: Project, site: Path, kept: bool) -> bool:
    """Whether a build of `project` (one that `kept` its cache in memory: the preview) may take `site` for its own
    though its root page does not name the generator with a site's usual files (write.guard_site_folder): the
    cache records it (`builds_into`), or the preview holds the cache and the root page names the generator. A
    folder put in the preview's folder's place was taken for its own, whatever it held (a retester's)."""
    return (kept and root_page_names_generator(site)) or builds_into(project, site)


def builds_into(project: Project, site: Path) -> bool:
    """Whether the build cache records a build of `project` into `site` and the folder's root page is still the
    one that build wrote (its size and time, and naming the generator, as every build's does): the folder is that
    build's own. A folder put in its place since (removed, and another made at that path) is not (an outside
    tester's lost a file of its own); nor one whose root page a forged record describes (the cache is data anyone
    with the CI's cache can plant: another's `thesis.tex` was deleted)."""
    found = _record_of(project, site)
    return found is not None and _owns(found, _root_page(site)) and root_page_names_generator(site)


def _root_page(site: Path) -> tuple[int, int] | None:
    """The size and time of a site folder's root page, if it has one."""
    return stat_files(site, ["index.html"]).get("index.html")


def _owns(found: tuple[dict[str, Any], dict[str, Stats]], here: tuple[int, int] | None) -> bool:
    """Whether the folder's root page (`here`) is the one the recorded build wrote."""
    root_page = found[1]["site"].get("index.html")
    return root_page is not None and here == root_page


def _record_of(project: Project, site: Path) -> tuple[dict[str, Any], dict[str, Stats]] | None:
    """The cache file's line, if the last build was into `site`."""
    found = _record(project.cache_file)
    return found if found and found[0]["site_path"] == str(site.resolve()) else None


def remember_inputs(project: Project, fingerprint: str, inputs: Stats) -> None:
    """Record the site-wide inputs' files as they were when read for `fingerprint` (statted before they were
    read: a file edited meanwhile then differs from its record, and the next build reads it again). Written only
    when it changes; it is only a cache, so failing to save it is not an error."""
    names = sorted(inputs)
    noted = {
        "fingerprint": fingerprint,
        **_asked(project),
        "inputs": {"names": names, "sizes": [inputs[n][0] for n in names], "times": [inputs[n][1] for n in names]},
    }
    data = json.dumps(noted, separators=(",", ":")).encode("ascii")  # (escaped: a name not UTF-8 is written too)
    if read_cache(project.inputs_file) != data:
        write_cache(project.inputs_file, data)


def _asked(project: Project) -> dict[str, str | None]:
    """What else the inputs were read under: the Python, the address asked for (`--site-url`), the folder the
    build ran from (where Decap's bundle is looked for when the checkout has none) and this code's own folder (a
    project built by another copy of the generator was said to have nothing to build, its editor left stale)."""
    code = os.path.dirname(__file__)
    return {"runtime": sys.version, "site_url": project.site_url, "folder": os.getcwd(), "code": code}


def unchanged(project: Project, folder: SiteFolder, fingerprint: str) -> int | None:
    """How many explainers the site publishes, if a build would change nothing; None if it might."""
    found = _record(project.cache_file)
    if found is None or found[0]["fingerprint"] != fingerprint:
        return None
    record, columns = found
    left = _as_left(record, columns, project, folder.path, folder.search, lambda index: not folder.index_damage(index))
    if left is None:
        return None
    folder.search_stale = left[1]  # as the full path would leave it (a build without search, the preview)
    folder.index_files = columns["index_files"]
    return left[0]


def _as_left(
    record: dict[str, Any],
    columns: dict[str, Stats],
    project: Project,
    site: Path,
    search: bool,
    index_whole: Callable[[Stats], bool],
) -> tuple[int, bool] | None:
    """The explainers published and whether the search index lags, if the explainer files, pictures, site
    folder and index (`index_whole`) are as the line says; None if anything differs, or the full path decides."""
    if record["site_path"] != str(site.resolve()) or (record["search_stale"] and search):
        return None
    if record["newest"] > dt.date.today().isoformat():  # published ahead of its day (`--future`): held now?
        return None
    files, problems = project.explainer_listing()
    if problems or not record["published"] or not columns["site"]:  # the full path reports or decides
        return None
    keys = project.explainer_keys(files)
    same = (
        len(keys) == len(columns["explainers"])  # a file listed but not there (a link to nothing) is new: checked
        and stat_content(project.explainers, keys) == columns["explainers"]
        and stat_content(project.content, columns["pictures"]) == columns["pictures"]
        and stat_files(site, columns["site"]) == columns["site"]
        and (record["media_time"] < 0 or 0 < record["media_time"] == folder_time(site / MEDIA))
    )
    if not same:
        return None
    # The index's files last: the most stats (22,600 at N = 10,000), which the full path takes again.
    stale = record["search_stale"] or not index_whole(columns["index_files"])
    return None if stale and search else (record["published"], stale)


def _record(cache_file: Path) -> tuple[dict[str, Any], dict[str, Stats]] | None:
    """The cache file's first line as `cache.line` writes it, and its columns by name; None if it is not
    that (strictly: a string is not a number, nor a flag a number), which means the full path, never a crash."""
    try:
        record = parsed(read_cache_line(cache_file))
        if not isinstance(record, dict) or any(type(record.get(key)) is not kind for key, kind in _SCALARS.items()):
            return None
        return record, {name: _columns(record[name]) for name in _COLUMNS}
    except (ValueError, TypeError, KeyError):
        return None


def _columns(value: Any) -> Stats:
    """Sizes and times by name from their columns (`cache_schema.Stats`); ValueError unless they are lists of
    names, sizes and times of one length."""
    names, sizes, times = value["names"], value["sizes"], value["times"]
    if not (isinstance(names, list) and isinstance(sizes, list) and isinstance(times, list)):
        raise ValueError("not columns")
    if any(type(name) is not str for name in names) or any(type(number) is not int for number in sizes + times):
        raise ValueError("not names, sizes and times")
    return dict(zip(names, zip(sizes, times, strict=True), strict=True))
