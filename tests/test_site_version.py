"""Pages go to disk as they are rendered, so a build's memory does not grow with the site; the preview
replaces what a save changed in place; a run that fails in place makes the next one start afresh."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_SLUG

from generator import publish, site_version, swap
from generator.build import Build
from generator.cache import Cache
from generator.project import Project
from generator.publish import SiteFolder
from generator.site_version import SiteVersion
from generator.stats import stat_files
from generator.stored import Stored
from generator.write import SiteFolderError


def test_each_explainer_s_pages_are_written_as_it_is_rendered_and_not_kept(
    two_explainer_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every call writes one explainer's pages; by the time the next comes, the last are on disk; the results
    the build keeps hold digests, never the pages' bytes."""
    batches: list[set[str]] = []
    put = SiteVersion.put

    def recording(
        version: SiteVersion, outputs: dict[str, bytes], known: dict[str, tuple[bytes, str]] | None = None
    ) -> dict[str, site_version.Entry]:
        assert version.path is not None and version.path != version.target  # a new version beside the site
        for earlier in batches:
            assert all((version.path / name).is_file() for name in earlier)
        batches.append(set(outputs))
        return put(version, outputs, known)

    monkeypatch.setattr(SiteVersion, "put", recording)
    build = Build(two_explainer_project, search=False)
    written = build.run()
    pages = [batch for batch in batches if any(name.endswith("/index.html") and "/" in name for name in batch)]
    slugs_per_batch = [{name.split("/")[1] for name in batch if name.startswith("en/")} for batch in batches[:2]]
    assert sorted(map(sorted, slugs_per_batch)) == [["fixture-second-explainer"], [SEED_SLUG]]
    assert len(pages) >= 3  # two explainers, then the lists
    assert f"en/{SEED_SLUG}/index.html" in written and (two_explainer_project.site / "en/index.html").is_file()
    assert build.cache is not None and all(not result.outputs for result in build.cache.explainers.values())


def test_in_place_a_version_replaces_only_what_changed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with SiteVersion(site, None) as first:
        current = first.put({"index.html": b"home", "en/a/index.html": b"a", "en/b/index.html": b"b"})
        first.finish()
    untouched = (site / "en/b/index.html").stat().st_ino
    with SiteVersion(site, current, in_place=True) as version:
        written = version.put({"en/a/index.html": b"a, edited", "en/b/index.html": b"b"})
        version.remove({"index.html"})
        version.finish()
    assert set(written) == {"en/a/index.html"}  # the same bytes are not written again
    assert (site / "en/a/index.html").read_bytes() == b"a, edited"
    assert (site / "en/b/index.html").stat().st_ino == untouched
    assert not (site / "index.html").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # nothing made beside it
    assert not [path for path in site.rglob(".*")]  # no temporary file left


@pytest.mark.parametrize("in_place", [False, True])
def test_a_link_planted_where_a_version_writes_is_never_written_through(tmp_path: Path, in_place: bool) -> None:
    """Whoever can write in the site folder planted a link at the name a build writes a page to before moving
    it into place (`.<name>.<pid>.new`), pointing at a file of the builder's: the page was written into that
    file. The name is cleared first, and a page is never written through a link."""
    site, victim = tmp_path / "site", tmp_path / "victim"
    victim.write_bytes(b"the builder's own file")
    with SiteVersion(site, None) as first:
        current = first.put({"index.html": b"home"})
        first.finish()
    (site / f".index.html.{os.getpid()}.new").symlink_to(victim)
    with SiteVersion(site, current, in_place=in_place) as version:
        version.put({"index.html": b"home, edited"})
        version.finish()
    assert victim.read_bytes() == b"the builder's own file"
    assert (site / "index.html").read_bytes() == b"home, edited"
    assert not (site / "index.html").is_symlink()


def test_a_run_that_fails_in_place_forgets_what_the_folder_holds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with SiteVersion(site, None) as first:
        current = first.put({"index.html": b"home"})
        first.finish()
    with pytest.raises(RuntimeError), SiteVersion(site, current, in_place=True) as version:
        version.put({"index.html": b"half a build"})
        raise RuntimeError("a template failed")
    assert current == {}  # the next run cannot trust the folder, so it makes it afresh


def test_the_preview_asks_only_about_the_pages_that_list_explainers(two_explainer_project: Project) -> None:
    """A save must not stat every page: the preview's folder is trusted on its lists and the files every site
    has; a page deleted by hand from the lists is noticed."""
    build = Build(two_explainer_project, search=False)
    build.run()
    assert build.cache is not None
    folder = SiteFolder(two_explainer_project.site)
    folder.follow_saves()
    (two_explainer_project.site / "en" / SEED_SLUG / "index.html").touch()  # not a list: not asked about
    assert folder.trusted(build.cache)
    (two_explainer_project.site / "en" / "index.html").unlink()
    assert not folder.trusted(build.cache)


def test_a_folder_of_content_hashed_pictures_is_listed_not_statted(tmp_path: Path) -> None:
    """Forty picture variants named by their hash: trusted while every one is there, not once one is gone."""
    site = tmp_path / "site"
    files = {f"media/photo-{i}.0fe325f4b{i % 10}.480.avif": bytes([i]) for i in range(40)}
    with SiteVersion(site, None) as version:
        written = version.put({**files, "index.html": b"home"})
        version.finish()
    cache = Cache(site=written)
    folder = SiteFolder(site)
    assert folder.trusted(cache)
    (site / "index.html").write_bytes(b"changed by hand")  # a page is still statted
    assert not folder.trusted(cache)
    cache.site["index.html"] = (cache.site["index.html"][0], *stat_files(site, ["index.html"])["index.html"])
    assert folder.trusted(cache)
    (site / "media" / "photo-7.0fe325f4b7.480.avif").unlink()
    assert not folder.trusted(cache)


def test_a_media_folder_whose_time_stands_is_not_even_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The time the build left the media folder with says no name has gone: a warm build costs one stat for it,
    whatever the number of pictures. A name removed moves the time, and the folder is listed again."""
    site = tmp_path / "site"
    with SiteVersion(site, None) as version:
        written = version.put({"media/photo.0fe325f4b1.480.avif": b"a", "index.html": b"home"})
        version.finish()
    cache = Cache(site=written, media_time=os.stat(site / "media").st_mtime_ns)
    listed: list[Path] = []
    monkeypatch.setattr(publish, "_listing", lambda folder: listed.append(folder) or set())
    assert SiteFolder(site).trusted(cache)
    assert listed == []
    os.utime(site / "media", ns=(1, 1))  # as removing a name would move it (to now)
    assert not SiteFolder(site).trusted(cache)  # listed (as empty, here): the name is missing
    assert listed == [site / "media"]


def test_the_same_bytes_handed_over_again_are_not_digested_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's list pages come back as the same bytes on every save: their digests are remembered."""
    known: dict[str, tuple[bytes, str]] = {}
    page = b"a list page"
    with SiteVersion(tmp_path / "site", None) as version:
        current = version.put({"en/index.html": page}, known=known)
        version.finish()
    digested: list[bytes] = []
    monkeypatch.setattr(site_version, "digest", lambda data: digested.append(data) or "")
    with SiteVersion(tmp_path / "site", current) as version:
        assert version.put({"en/index.html": page}, known=known) == {}
        assert version.path is None  # nothing to write: no new version made
    assert digested == []


def test_a_file_named_by_its_content_is_linked_once_and_never_read_for_a_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture variant or share card from the build cache (`Stored`) is published by its name: linked when
    the folder lacks the name, left alone when it has it, and its bytes are never digested."""
    kept = tmp_path / "cache" / "variant.webp"
    kept.parent.mkdir()
    kept.write_bytes(b"RIFF a picture")
    digested: list[bytes] = []
    monkeypatch.setattr(site_version, "digest", lambda data: digested.append(data) or "d")
    variant = {"media/photo.0fe325f4b1.480.webp": Stored(kept)}
    with SiteVersion(tmp_path / "site", None) as version:
        current = version.put(variant)
        version.finish()
    assert current["media/photo.0fe325f4b1.480.webp"][0] == site_version.NAMED
    assert (tmp_path / "site" / "media" / "photo.0fe325f4b1.480.webp").samefile(kept)
    with SiteVersion(tmp_path / "site", current) as version:
        assert version.put(variant) == {}
        assert version.path is None  # nothing to write: no new version made
    assert digested == []


def test_a_preview_save_leaves_the_search_index_it_is_making(two_explainer_project: Project) -> None:
    """The preview indexes for search beside its saves, into `site/.search-index-new`: a save must not take that
    for a dead build's leftovers, or an index would never be finished while an editor keeps saving. A build
    of another process still clears it, as what a build that died left."""
    build = Build(two_explainer_project, search=False)
    build.run()
    build.folder.follow_saves()
    being_made = two_explainer_project.site / ".search-index-new"
    being_made.mkdir()
    (being_made / "fragment").write_bytes(b"half an index")
    build.run()
    assert (being_made / "fragment").is_file()
    Build(two_explainer_project, search=False).run()
    assert not being_made.exists()


def test_in_place_a_picture_published_twice_in_a_run_leaves_no_hidden_file(tmp_path: Path) -> None:
    """Two explainers show one picture: in place (the preview), each publishes its variants, the second over a
    link to the very same cache file, where rename does nothing and left its `.<name>.<pid>.new` in the site
    (found by tests/test_incremental_random.py)."""
    kept = tmp_path / "cache" / "variant.webp"
    kept.parent.mkdir()
    kept.write_bytes(b"RIFF a picture")
    variant = {"media/photo.0fe325f4b1.480.webp": Stored(kept)}
    with SiteVersion(tmp_path / "site", None) as first:
        current = first.put({"index.html": b"<p>home</p>"})
        first.finish()
    with SiteVersion(tmp_path / "site", current, in_place=True) as version:
        version.put(variant)  # one explainer's pages and pictures
        version.put(variant)  # another's, showing the same picture
        version.finish()
    assert sorted(path.name for path in (tmp_path / "site" / "media").iterdir()) == ["photo.0fe325f4b1.480.webp"]
    assert (tmp_path / "site" / "media" / "photo.0fe325f4b1.480.webp").samefile(kept)


def _publish_again_and_again(version: SiteVersion, outputs: dict[str, Stored | bytes], times: int) -> None:
    for _ in range(times):
        version.put(outputs)


@pytest.mark.parametrize("shared", ["picture", "page"])
def test_workers_publishing_one_file_at_once_never_fail(tmp_path: Path, shared: str) -> None:
    """Explainers that show one picture (the seed's map, copied 300 times) each publish it, and the render
    workers did so at once: one removed the file the other had just linked and was about to stat, and a build
    in three failed with "no such file or directory" (an outside tester's finding). Two processes publish the
    same file into one version a few hundred times each; both finish, and the file is whole."""
    kept = tmp_path / "cache" / "map.svg"
    kept.parent.mkdir()
    kept.write_bytes(b"<svg>a map</svg>")
    outputs: dict[str, Stored | bytes] = {
        "media/map.60062b17d7.svg": Stored(kept) if shared == "picture" else b"<p>the same page</p>"
    }
    context = multiprocessing.get_context("fork")
    with SiteVersion(tmp_path / "site", None) as version:
        version.open()  # as the build does before its workers fork
        workers = [context.Process(target=_publish_again_and_again, args=(version, outputs, 300)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert [worker.exitcode for worker in workers] == [0, 0]
        version.finish()
    media = tmp_path / "site" / "media"
    assert [path.name for path in media.iterdir()] == ["map.60062b17d7.svg"], "nothing left beside it"
    assert (media / "map.60062b17d7.svg").read_bytes() == (
        kept.read_bytes() if shared == "picture" else outputs["media/map.60062b17d7.svg"]
    )


NOBODY = 65534


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """This process acting as a user without special rights: root (the test machine) is refused nothing."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _owned_by_nobody(folder: Path) -> None:
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)


def test_a_version_whose_folders_were_made_read_only_is_removed(tmp_path: Path) -> None:
    """`chmod -R a-w site`: after the exchange the old version, beside the site, could not be emptied, stayed,
    and every later build stopped on it with "file exists (.site-new)" (an outside tester's finding). Its
    owner makes it writable and removes it."""
    base = Path(tempfile.mkdtemp(dir="/tmp"))  # a folder the user below can reach (not pytest's: private)
    try:
        old = base / ".site-new"
        (old / "en" / "kim").mkdir(parents=True)
        (old / "en" / "kim" / "index.html").write_bytes(b"<p>old</p>")
        _owned_by_nobody(base)
        for folder in (old / "en" / "kim", old / "en", old):
            folder.chmod(0o555)
        with as_nobody():
            swap.remove(old)
        assert not old.exists()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_site_made_read_only_is_built_again(tmp_path: Path) -> None:
    """`chmod -R a-w site`, then an incremental build: its new version, a linked copy of the site, kept the
    read-only folders and every build failed writing into it, naming a hidden file (an outside tester's). The
    copy's folders are the build's own, writable; the site it puts in place is readable by all, as always."""
    base = Path(tempfile.mkdtemp(dir="/tmp"))  # a folder the user below can reach (not pytest's: private)
    try:
        site = base / "site"
        _owned_by_nobody(base)
        with as_nobody():
            with SiteVersion(site, None) as first:
                current = first.put({"index.html": b"home", "en/a/index.html": b"a"})
                first.finish()
            for folder in (site / "en" / "a", site / "en", site):
                folder.chmod(0o555)
            with SiteVersion(site, current) as version:
                version.put({"en/a/index.html": b"a, edited"})
                version.finish()
        assert (site / "en" / "a" / "index.html").read_bytes() == b"a, edited"
        assert {stat.S_IMODE(folder.stat().st_mode) for folder in (site, site / "en", site / "en" / "a")} == {0o755}
        assert sorted(path.name for path in base.iterdir()) == ["site"]
    finally:
        for folder, _, _ in os.walk(base):
            os.chmod(folder, 0o755)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs a folder of another user, which only root can make")
def test_a_version_that_cannot_be_removed_is_named_with_what_to_do(tmp_path: Path) -> None:
    """What a build left beside the site and this user cannot remove (another user's) is named, with the fix:
    it stopped every build with "file exists (.site-new)"."""
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        (base / "site").mkdir()
        _owned_by_nobody(base)
        (base / ".site-new").mkdir()  # root's: nobody may neither empty it nor change its permissions
        (base / ".site-new" / "index.html").write_bytes(b"<p>old</p>")
        with as_nobody(), pytest.raises(SiteFolderError) as error:
            SiteVersion(base / "site", None).open()
        assert str(error.value) == (
            f"{base / '.site-new'}, left by an earlier build, cannot be removed: give yourself write permission on"
            " it (chmod -R u+w) or remove it, then build again"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
