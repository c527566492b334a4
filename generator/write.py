"""Write the finished site atomically: the old site stays until the new one is complete."""

from __future__ import annotations

import contextlib
import pickle
import shutil
import tempfile
from pathlib import Path


def write_site(outputs: dict[str, bytes], site: Path) -> None:
    """Write every file into a temporary sibling of `site`, then swap it into place.

    A failure at any point (full disk, bad path) leaves the previous `site/` exactly as it was. The
    swap is two renames on one file system, so readers never see a half-written site.
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    try:
        for relative, data in outputs.items():
            target = staging / relative
            if staging not in target.resolve().parents:
                raise ValueError(f"refusing to write outside the site folder: {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        staging.chmod(0o755)
        retired = site.with_name(f".{site.name}-old-{staging.name.rsplit('-', 1)[-1]}")
        if site.exists():
            site.rename(retired)
        try:
            staging.rename(site)
        except BaseException:
            if retired.exists():
                retired.rename(site)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write small generated files (the JSON Schemas) in place, each only if its bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def write_new(path: Path, text: str) -> None:
    """Create a file the editor will own; never overwrite one (raises FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def update_site(site: Path, changed: dict[str, bytes], removed: set[str]) -> None:
    """Bring an existing site up to date in two phases, so a failure never leaves a half-written file.

    Every changed file is first written beside its target; only when all are written are they renamed
    into place (each rename is atomic), and files no longer produced are removed last.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for relative, data in changed.items():
            target = site / relative
            if site.resolve() not in target.resolve().parents:
                raise ValueError(f"refusing to write outside the site folder: {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.new")
            temporary.write_bytes(data)
            staged.append((temporary, target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        temporary.replace(target)
    for relative in removed:
        (site / relative).unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the explainer's folder, once empty
            (site / relative).parent.rmdir()


def write_cache(path: Path, cache: object) -> None:
    """Save the build cache atomically; it is only a cache, so failing to save it is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_bytes(pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(path)
    except OSError:
        pass
