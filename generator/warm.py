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
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .cache_schema import line_schema, stat_columns
from .load import read_cache_line, stat_files

if TYPE_CHECKING:
    from .project import Project
    from .publish import SiteFolder


def unchanged(project: Project, folder: SiteFolder, fingerprint: str, cache_file: Path) -> int | None:
    """How many explainers the site publishes, if a build would change nothing; None if it might."""
    try:
        record = line_schema().validate_json(read_cache_line(cache_file))
    except ValidationError:
        return None
    if (record["fingerprint"], record["site_path"]) != (fingerprint, str(folder.path.resolve())):
        return None
    try:
        explainers, pictures = stat_columns(record["explainers"]), stat_columns(record["pictures"])
        site, index = stat_columns(record["site"]), stat_columns(record["index_files"])
    except ValueError:  # columns of different lengths: not a line `line` wrote
        return None
    if record["search_stale"] and folder.search:
        return None
    files, problems = project.explainer_listing()
    if problems or not record["published"] or not site:  # the full path reports or decides
        return None
    same = (
        stat_files(project.explainers, project.explainer_keys(files)) == explainers
        and stat_files(project.content, pictures) == pictures
        and stat_files(folder.path, site) == site
        and (record["media_time"] < 0 or folder.media_as_left(record["media_time"]))
    )
    if not same:
        return None
    # The index's files last: the most stats (22,600 at N = 10,000), which the full path takes again.
    stale = record["search_stale"] or bool(folder.index_damage(index))
    if stale and folder.search:
        return None
    folder.search_stale = stale  # as the full path would leave it (a build without search, the preview)
    folder.index_files = index
    return record["published"]
