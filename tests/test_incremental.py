"""Builds that redo only what changed write exactly what a full build writes, and nothing more."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, SEED_SLUG, build_site, hashes

from generator.build import Build
from generator.problems import ContentError
from generator.project import Project

FIXTURE_SLUG = "fixture-second-explainer"
SPANNING = {"ar/index.html", "en/index.html", "ar/feed.xml", "en/feed.xml", "sitemap.xml"}


def full_build(project: Project, folder: Path) -> dict[str, str]:
    build_site(project, folder, use_cache=False)
    return hashes(folder)


def test_nothing_changed_writes_nothing(two_explainer_project: Project) -> None:
    assert len(build_site(two_explainer_project)) > 10
    assert build_site(two_explainer_project) == {}


def test_a_new_process_makes_no_list_page_while_the_listings_are_unchanged(
    two_explainer_project: Project, tmp_path: Path
) -> None:
    """Each command is a new process: the lists the site folder holds, made from the same listings, are kept;
    a new title changes a listing, and the lists are made again."""
    project = two_explainer_project
    build_site(project)
    unchanged = Build(project)
    assert unchanged.run() == {} and unchanged.site_outputs == {}  # no list page made, none removed
    fixture = project.content / "explainers" / "second-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    retitled = Build(project)
    assert {"en/index.html", "en/feed.xml"} <= set(retitled.run()) and "en/index.html" in retitled.site_outputs
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_a_new_process_makes_only_the_list_pages_that_show_an_edited_explainer(
    two_explainer_project: Project, tmp_path: Path
) -> None:
    """A list page's inputs are remembered in the cache: a new process (a preview just started, a build
    after one edit) makes again only the pages whose explainers changed, not every page of every list (at
    N = 10,000, 2,000 pages, 9 s)."""
    project = two_explainer_project
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("page_size: 20", "page_size: 1"), "utf-8")
    build_site(project)
    homes = {name for name in hashes(project.site) if "/page/" in name or name.endswith("/index.html")}
    fixture = project.content / "explainers" / "second-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    retitled = Build(project)
    written = set(retitled.run())
    made = set(retitled.site_outputs)
    showing = {name for name in written if name.endswith("index.html") and FIXTURE_SLUG not in name}
    assert showing and all(name in homes for name in showing)
    for code in ("ar", "en"):  # one home page in each language shows it (page_size 1), the other is not made
        assert len({name for name in made if name in {f"{code}/index.html", f"{code}/page/2/index.html"}}) == 1
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_a_kept_pipeline_that_kept_the_folder_s_lists_makes_them_when_the_folder_loses_them(
    two_explainer_project: Project, tmp_path: Path
) -> None:
    """A preview's first run keeps the lists the folder holds; a page deleted by hand later is not a reason to
    publish a site without its home pages."""
    project = two_explainer_project
    build_site(project)
    preview = Build(project)
    assert preview.run() == {}
    (project.site / "ar" / "index.html").unlink()
    preview.run()
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_one_changed_file_rewrites_its_pages_and_the_lists(two_explainer_project: Project, tmp_path: Path) -> None:
    project = two_explainer_project
    build_site(project)
    fixture = project.content / "explainers" / "second-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    written = set(build_site(project))
    (card,) = (name for name in written if name.endswith(".png"))  # the English title is on its share card
    assert card.startswith(f"en/{FIXTURE_SLUG}/share.")
    lists = {"en/index.html", "en/archive/2024/index.html", "en/feed.xml"}  # its year's page shows its title
    assert written == {f"en/{FIXTURE_SLUG}/index.html", *lists, card}
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_a_site_folder_restored_with_other_times_is_reused(two_explainer_project: Project, tmp_path: Path) -> None:
    """A CI runner keeps `site/` and `.cache/` between runs in its cache, which gives the files back with other
    times: the folder holds the bytes the cache records, so a push that changes one explainer writes that one
    (every page was rendered again: an outside tester's archive, 17,121 files for a push that changed nothing).
    A file whose bytes differ makes the folder untrusted, and it is made whole, as before."""
    project = two_explainer_project
    build_site(project)
    kept = tmp_path / "kept"
    shutil.copytree(project.site, kept, copy_function=shutil.copyfile)  # new files: other times and inodes
    shutil.rmtree(project.site)
    shutil.copytree(kept, project.site, copy_function=shutil.copyfile)
    fixture = project.content / "explainers" / "second-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    written = set(build_site(project))
    assert {f"en/{FIXTURE_SLUG}/index.html", "en/index.html", "en/archive/2024/index.html", "en/feed.xml"} <= written
    assert f"ar/{SEED_SLUG}/index.html" not in written and len(written) == 5
    assert hashes(project.site) == full_build(project, tmp_path / "full")
    (project.site / "ar" / "index.html").write_bytes(b"<!doctype html><title>edited by hand</title>")
    fixture.write_text(text, encoding="utf-8")
    assert f"ar/{SEED_SLUG}/index.html" in build_site(project)  # not trusted: made whole
    assert hashes(project.site) == full_build(project, tmp_path / "full-again")


def test_a_site_wide_change_writes_only_the_files_whose_bytes_change(project: Project, tmp_path: Path) -> None:
    """A new setting renders every page again, but a page that comes out the same is not written again and
    keeps its time, which a host's sync (S3, rsync) reads: a renamed topic rewrote all 17,121 files of an
    outside tester's archive."""
    build_site(project)
    page = project.site / "en" / SEED_SLUG / "index.html"
    before = page.stat()
    settings = project.content / "site.yml"
    russia = "    name: {ar: روسيا, en: Russia}\n"
    settings.write_text(
        settings.read_text("utf-8").replace(russia, russia + "  - id: sudan\n    name: {ar: السودان, en: Sudan}\n")
    )
    written = set(build_site(project))
    assert {"en/topics/sudan/index.html", "en/topics/index.html"} <= written
    assert f"en/{SEED_SLUG}/index.html" not in written and len(written) < 20
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_after_a_site_wide_change_the_templates_are_checked_and_the_index_made_again(
    two_explainer_project: Project, tmp_path: Path
) -> None:
    """The folder's record kept across a site-wide change must not stand for the rest: a template edited after a
    build was not checked (an `autoescape false` was published), and an explainer deleted with it stayed in
    the search index (an independent reviewer's findings)."""
    project = two_explainer_project
    build_site(project)
    home = project.templates / "home.html"
    (project.content / "explainers" / "second-explainer.yml").unlink()
    home.write_text(home.read_text("utf-8").replace("{% block main %}", "{% block main %}{# edited #}", 1), "utf-8")
    build_site(project)
    assert hashes(project.site) == full_build(project, tmp_path / "full")  # its search index included
    explainer = project.templates / "explainer.html"
    unsafe = "{% block main %}{% autoescape false %}{{ page.title }}{% endautoescape %}"
    explainer.write_text(explainer.read_text("utf-8").replace("{% block main %}", unsafe, 1), "utf-8")
    with pytest.raises(ContentError) as refused:
        build_site(project)
    assert any("turns autoescaping off" in problem.message for problem in refused.value.problems)


def test_a_new_and_a_deleted_explainer(project: Project, tmp_path: Path) -> None:
    build_site(project)
    added = project.content / "explainers" / "second-explainer.yml"
    shutil.copy(FIXTURES / "second-explainer.yml", added)
    written = set(build_site(project))
    assert {f"ar/{FIXTURE_SLUG}/index.html", f"en/{FIXTURE_SLUG}/index.html"} | SPANNING <= written
    assert f"ar/{SEED_SLUG}/index.html" not in written
    assert hashes(project.site) == full_build(project, tmp_path / "full-with")
    added.unlink()
    build_site(project)
    assert not (project.site / "ar" / FIXTURE_SLUG).exists()
    assert hashes(project.site) == full_build(project, tmp_path / "full-without")


def folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}


def test_a_page_taken_out_takes_out_the_folders_it_leaves_empty(two_explainer_project: Project, tmp_path: Path) -> None:
    """A language taken out of site.yml left `ur/` and `ur/topics/` empty (an outside tester's), which a server
    may answer with a listing of nothing; so did the last list page: `en/page/` stayed once `en/page/2/` went."""
    project = two_explainer_project
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("page_size: 20", "page_size: 1"), "utf-8")
    build_site(project)
    assert (project.site / "en" / "page" / "2" / "index.html").is_file()
    (project.content / "explainers" / "second-explainer.yml").unlink()
    build_site(project)
    assert not (project.site / "en" / "page").exists()
    assert hashes(project.site) == full_build(project, tmp_path / "full")
    assert folders(project.site) == folders(tmp_path / "full")


def test_a_tampered_site_folder_is_rebuilt_whole(project: Project, tmp_path: Path) -> None:
    build_site(project)
    (project.site / "ar" / SEED_SLUG / "index.html").unlink()
    (project.site / "en" / "index.html").write_text("edited by hand")
    build_site(project)
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_a_site_folder_that_lost_pages_is_made_whole_on_workers(tmp_path: Path) -> None:
    """A page deleted by hand, nothing else changed: the next build renders the lost pages again on its workers,
    into one new version of the folder. Each worker once made a folder of its own (a crash, `File exists`,
    or every explainer page silently gone while the build said it wrote them)."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import make_project  # bench/ is not a package

    made = make_project(64, tmp_path / "project", check=False)  # two workers' worth (parallel.MIN_ITEMS_PER_WORKER)
    project = Project(tmp_path / "project")
    build_site(project)
    before = hashes(project.site)
    lost = project.site / "en" / made[3]["slug"] / "index.html"
    lost.unlink()
    assert len(build_site(project)) > 2 * 64  # every explainer's pages (the folder was not as the cache said)
    assert hashes(project.site) == before
    assert not (tmp_path / "project" / ".site-new").exists()


def test_a_template_change_rebuilds_every_page(project: Project) -> None:
    build_site(project)
    base = project.templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<main id=", "<main data-edited id="), encoding="utf-8")
    written = set(build_site(project))
    assert {f"ar/{SEED_SLUG}/index.html", f"en/{SEED_SLUG}/index.html", "index.html", "ar/404.html"} <= written


def test_a_broken_cache_is_ignored(project: Project, tmp_path: Path) -> None:
    build_site(project)
    (project.root / ".cache" / "build.json").write_bytes(b"not json")
    build_site(project)
    assert hashes(project.site) == full_build(project, tmp_path / "full")


def test_a_fixed_mistake_leaves_no_problem_behind_in_a_kept_pipeline(project: Project) -> None:
    """The watch loop keeps one `Build`: a save that fails `check`, then its fix, builds cleanly."""
    pipeline = Build(project)
    pipeline.run()
    explainer = project.explainers / f"{SEED_SLUG}.yml"
    good = explainer.read_text(encoding="utf-8")
    explainer.write_text(good + "\ntitel: again\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        pipeline.run()
    assert [problem.field for problem in error.value.problems] == ["titel"]
    explainer.write_text(good, encoding="utf-8")
    pipeline.run()
    (project.templates / "base.html").write_text("{% if %}", encoding="utf-8")  # broken templates, then fixed
    with pytest.raises(ContentError):
        pipeline.run()
    shutil.copy(REPO / "templates" / "base.html", project.templates / "base.html")
    pipeline.run()  # the site was left as the last good build made it: nothing to write, nothing refused
    assert (project.site / "en" / SEED_SLUG / "index.html").is_file()


def test_the_results_keep_the_listings_the_lists_were_made_from(tmp_path: Path) -> None:
    """Lists are made before the pages, and the workers that render the pages send back equal copies of each
    listing. The results keep the very listings the lists were made from: the preview's first save after a
    full build otherwise compared 50,000 listings field by field to find its list pages (0.2 s at 10,000)."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import make_project  # bench/ is not a package

    make_project(64, tmp_path / "project", check=False)  # two workers' worth (parallel.MIN_ITEMS_PER_WORKER)
    build = Build(Project(tmp_path / "project"), search=False)
    build.run()
    assert build.listings is not None and build.cache is not None
    made_from = {id(listing) for listing in build.listings}
    kept = [result.listing for result in build.cache.explainers.values() if result.listing is not None]
    assert len(kept) == 64 and all(id(listing) in made_from for listing in kept)


def test_a_build_on_workers_reads_each_explainer_once_and_leaves_no_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check workers leave what they validated for the render workers (handoff.py): no file is parsed a
    second time, the pages are those of a build on one process, and the scratch folder is gone after. It held
    one file per check worker, not one per explainer (a file made is an inode made)."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import make_project  # bench/ is not a package

    from generator import build as build_module
    from generator import handoff, parallel

    make_project(64, tmp_path / "project", check=False)  # two workers' worth (parallel.MIN_ITEMS_PER_WORKER)
    project = Project(tmp_path / "project")
    scratch, log = tmp_path / "tmp", tmp_path / "parsed.log"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    parse = build_module.parse

    def logged(path: Path, text: str) -> object:
        with log.open("a", encoding="utf-8") as out:  # appends from forked workers land whole (short lines)
            out.write(f"{path.name}\n")
        return parse(path, text)

    monkeypatch.setattr(build_module, "parse", logged)
    held: list[str] = []
    close = handoff.Scratch.close

    def closing(self: handoff.Scratch) -> None:
        held.extend(path.name for path in self.folder.iterdir()) if self.folder else None
        close(self)

    monkeypatch.setattr(handoff.Scratch, "close", closing)
    Build(project, search=False).run()
    parsed = log.read_text(encoding="utf-8").split()
    assert len(parsed) == 64 and len(set(parsed)) == 64
    assert 1 <= len(held) <= parallel.workers_for(64), held
    assert list(scratch.iterdir()) == []
    on_workers = hashes(project.site)
    shutil.rmtree(project.site)
    shutil.rmtree(project.root / ".cache")
    parallel.allow_processes(False)
    try:
        Build(project, search=False).run()
    finally:
        parallel.allow_processes(True)
    assert hashes(project.site) == on_workers


def test_cards_no_page_shows_leave_the_build_cache(two_explainer_project: Project) -> None:
    """A title edited leaves its old card unshown: the build that draws the new one removes it from
    `.cache/cards/` (with a card an older version drew), and keeps every card the site still shows, untouched
    (not drawn again), and whatever the build did not make."""
    project = two_explainer_project
    build_site(project)
    kept = project.root / ".cache" / "cards"

    def cards() -> dict[str, int]:
        return {path.name: path.stat().st_ino for path in kept.iterdir()}

    def shown() -> set[str]:  # the explainers' cards: a list page's few are drawn when it is made, never kept
        found = project.site.glob("*/*/share.*.png")
        return {path.name.split(".")[1] for path in found if path.parent.name not in ("topics", "search", "archive")}

    before = cards()
    assert len(before) == 4 and {name[:10] for name in before} == shown()  # two explainers, two languages
    (kept / f"{'f' * 64}.png").write_bytes(b"a card drawn by an older version")
    (kept / "notes.png").write_bytes(b"not the build's: never removed")
    fixture = project.content / "explainers" / "second-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    build_site(project)
    after = cards()
    assert after.pop("notes.png") and len(after) == 4 and {name[:10] for name in after} == shown()
    unchanged = set(before) & set(after)
    assert len(unchanged) == 3  # the English title changed; the Arabic card and the seed's two stayed
    assert all(after[name] == before[name] for name in unchanged)  # the same files, not drawn again


def test_the_preview_stats_only_the_files_its_watcher_names(tmp_path: Path) -> None:
    """Given the files that may have changed (the preview's watcher names them), only those and files not
    seen before are statted: the others keep the sizes and times the last run saw. A file named and gone is
    gone; without names, every file is statted."""
    from generator.stats import restat

    folder = tmp_path / "explainers"
    folder.mkdir()
    for name in ("a.yml", "b.yml", "c.yml"):
        (folder / name).write_text(name, encoding="utf-8")
    known = {"a.yml": (1, 1), "b.yml": (2, 2), "c.yml": (3, 3)}  # as an earlier run saw them (not as they are)
    (folder / "b.yml").write_text("longer", encoding="utf-8")
    (folder / "c.yml").unlink()
    (folder / "d.yml").write_text("d", encoding="utf-8")
    names = ["a.yml", "b.yml", "d.yml"]
    seen = restat(folder, names, known, {(folder / "b.yml").resolve(), (folder / "c.yml").resolve()})
    assert seen["a.yml"] == (1, 1)  # not named: as the last run saw it
    assert seen["b.yml"][0] == 6 and seen["d.yml"][0] == 1  # named, or new: statted
    assert "c.yml" not in seen
    assert restat(folder, names, known, None)["a.yml"][0] == 5  # nothing named: every file statted
