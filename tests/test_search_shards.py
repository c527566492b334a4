"""The search index in shards answers as one index would, and an edit indexes only its shard again.

The browser tests build the real project with the search fixtures, one page per shard (the most shards a
site can have), and beside it one index per language of the same pages (what the site would have without
shards). For every query of tests/search_queries.yml, searched in both by the search page's own script, the
shards must return the same pages in the same order with the same scores as the one index.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, build_site, copy_project, hashes, serving

from generator import search, search_shards
from generator.build import Build
from generator.cache import GaveWay
from generator.project import Project

CORPUS = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
SHARD_FIXTURES = FIXTURES / "search-shards"


def search_project(folder: Path) -> Project:
    """The real project plus every search fixture: six explainers over 2019, 2021, 2022, 2023 and 2024."""
    project = copy_project(folder)
    for path in [FIXTURES / "second-explainer.yml", FIXTURES / "search-explainer.yml", *SHARD_FIXTURES.glob("*.yml")]:
        shutil.copy(path, project.content / "explainers" / path.name)
    return project


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search project indexed one page per shard (the most shards a site can have), and beside it the same
    pages as one index per language (`search-one/`: what the site would have without shards)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_PAGES", 1)
        project = search_project(tmp_path_factory.mktemp("shards") / "project")
        build_site(project)
    search.index(project.site, project.site / "search-one")
    return project.site


@pytest.fixture(scope="module")
def sharded_site(sharded: Path) -> Iterator[str]:
    with serving(sharded) as address:
        yield address


# Both searches in the search page: over the shards and over the one index, with the page's own script.
BOTH = """async (queries) => {
  const answers = [];
  for (const query of queries) {
    const ours = await window.searchEngine.search(query);
    const one = await window.searchEngine.search(query, new URL('../../search-one/', location.href).href);
    answers.push({query, ours: ours.map((r) => [r.url, r.score]), one: one.map((r) => [r.url, r.score])});
  }
  return answers;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_shards_rank_as_one_index(sharded_site: str, browser: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Every query of the corpus finds the same pages, in the same order, with the same scores, over the
    shards as over one index of the same pages: the shards' figures add up to the language's."""
    page = browser.new_page()
    page.goto(f"{sharded_site}{lang}/search/")
    page.wait_for_function("() => !!window.searchEngine")
    answers = page.evaluate(BOTH, [case["q"] for case in CORPUS[lang]])
    page.close()
    differ = [
        f"{answer['query']!r}: shards {answer['ours']}, one index {answer['one']}"
        for answer in answers
        if [url for url, _ in answer["ours"]] != [url for url, _ in answer["one"]]
        or any(abs(a[1] - b[1]) > 1e-9 * max(1.0, b[1]) for a, b in zip(answer["ours"], answer["one"], strict=True))
    ]
    assert not differ, "\n".join(differ)
    assert any(len(answer["ours"]) > 1 for answer in answers), "some query must rank pages of several shards"


@pytest.mark.browser
@pytest.mark.parametrize("bound", [1, search_shards.SHARD_PAGES])
def test_equal_scores_are_listed_newest_first(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Any, bound: int
) -> None:
    """An archive's pages that a query scores alike (the same text, republished) were listed oldest first, by
    address, 2015 to 2025 (an outside tester's): newest first, whether they are in one shard or in several."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", bound)
    project = copy_project(tmp_path / "project")
    text = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    days = {"a-oldest": "2015-03-02", "b-newest": "2024-11-20", "c-between": "2024-02-09", "d-same-year": "2024-11-02"}
    days["e-same-day"] = "2024-11-20"  # equal scores of one day: by address
    for slug, day in days.items():
        edited = text.replace("slug: fixture-second-explainer", f"slug: {slug}").replace("2024-01-15", day)
        (project.explainers / f"{slug}.yml").write_text(edited, encoding="utf-8")
    build_site(project)
    with serving(project.site) as address:
        page = browser.new_page()
        page.goto(f"{address}en/search/")
        page.wait_for_function("() => !!window.searchEngine")
        found = page.evaluate("async () => (await window.searchEngine.search('fixture')).map((r) => [r.url, r.score])")
        page.close()
    assert len({score for _, score in found}) == 1, found
    newest_first = ["b-newest", "e-same-day", "d-same-year", "c-between", "a-oldest"]
    assert [url.split("/")[-2] for url, _ in found] == newest_first


def test_each_shard_is_small_and_listed(sharded: Path) -> None:
    manifest = json.loads((sharded / "search-index" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["languages"]) == {"ar", "en"}
    for language, listing in manifest["languages"].items():
        assert listing["pages"] == 6 and len(listing["shards"]) == 6  # one page a shard, as the build was told
        for name in listing["shards"]:
            assert name.startswith(f"{language}-") and manifest["shards"][name]["pages"] == 1
            meta = json.loads((sharded / "search-index" / name / "meta.json").read_text(encoding="utf-8"))
            assert len(meta["pages"]) == 1 and meta["chunks"]
            assert all((sharded / "search-index" / name / chunk).is_file() for _, chunk in meta["chunks"])
    assert not list((sharded / "search-index").glob("*/search.js")), "the script is kept once, at the top"


def test_pages_group_by_language_and_year_within_the_bound() -> None:
    def page(language: str, year: str, n: int) -> search_shards.Page:
        return search_shards.Page(f"{language}/{year}-{n}/index.html", language, year, "01", str(n))

    pages = [page("ar", "2019", n) for n in range(2)] + [page("ar", "2020", n) for n in range(5)]
    pages += [page("ar", "2021", 0), page("en", "2021", 0)]
    shards = search_shards.plan(pages, 3, "recipe")
    assert [(s.name, len(s.pages)) for s in shards] == [
        ("ar-2019", 2),
        ("ar-2020-1", 3),
        ("ar-2020-2", 2),
        ("ar-2021", 1),
        ("en-2021", 1),
    ]
    assert all(len(s.pages) <= 3 for s in shards)


def inodes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def shard_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 1)
    return search_project(tmp_path / "project")


def shard_of(site: Path, slug: str, language: str = "en") -> str:
    manifest = json.loads((site / "search-index" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["languages"][language]["shards"]:
        meta = json.loads((site / "search-index" / name / "meta.json").read_text(encoding="utf-8"))
        if any(f"/{slug}/" in url for url, _ in meta["pages"]):
            return str(name)
    raise LookupError(slug)


def test_an_edit_indexes_its_shard_only_and_a_deletion_drops_it(shard_project: Project) -> None:
    project = shard_project
    build_site(project)
    index = project.site / "search-index"
    harbour = shard_of(project.site, "shard-fixture-harbour")
    before = inodes(index)
    fixture = project.content / "explainers" / "harbour-2021.yml"
    fixture.write_text(fixture.read_text("utf-8").replace("Harbour quays", "Harbour quays, dredged"), "utf-8")
    build_site(project)
    after = inodes(index)
    changed = {name.split("/")[0] for name in after if before.get(name) != after[name]}
    assert changed == {harbour, "shards.json"}
    fixture.unlink()
    build_site(project)
    manifest = json.loads((index / search_shards.MANIFEST).read_text(encoding="utf-8"))
    assert harbour not in manifest["shards"] and not (index / harbour).exists()
    assert len(manifest["languages"]["en"]["shards"]) == 5


@pytest.mark.parametrize("damage", ["removed", "cut short", "written over"])
@pytest.mark.parametrize("where", ["chunk", "meta.json", "top"])
def test_a_file_damaged_in_the_index_is_made_again(shard_project: Project, where: str, damage: str) -> None:
    """A file of the live index removed, cut short or written over (by hand, by a sync gone wrong) is noticed
    by the next build, which otherwise has nothing to do: the shard that has it is indexed again and the
    others stay linked; a file of the top (the search page's scripts) makes the whole index again."""
    project = shard_project
    build_site(project)
    index = project.site / "search-index"
    harbour = shard_of(project.site, "shard-fixture-harbour")
    before, whole = inodes(index), hashes(index)
    shard = index / harbour
    hit = {"top": index / "search.js", "meta.json": shard / "meta.json"}.get(where)
    hit = hit or sorted(shard.glob("chunk-*"))[0]
    size = hit.stat().st_size
    if damage == "removed":
        hit.unlink()
    else:
        hit.write_bytes(b"" if damage == "cut short" else b"x" * size)
    build_site(project, search=False)  # a build without search notices it too, and leaves the index stale
    assert hit.exists() == (damage != "removed") and hashes(index) != whole
    build_site(project)
    after = inodes(index)
    assert hashes(index) == whole and set(after) == set(before)
    changed = {name.split("/")[0] for name in after if before[name] != after[name]}
    if where == "top":
        assert changed > {harbour}
    else:
        assert changed == {harbour}
    assert not build_site(project)  # and then there is nothing to do


def test_the_preview_indexes_the_edited_shard_only(shard_project: Project) -> None:
    project = shard_project
    build_site(project)
    index = project.site / "search-index"
    before = inodes(index)
    fixture = project.content / "explainers" / "desalination-2019.yml"
    fixture.write_text(fixture.read_text("utf-8").replace("coastal cities", "coastal towns"), "utf-8")
    preview = Build(project, search=False)  # the preview: pages at once, the index when edits pause
    preview.run()
    assert inodes(index) == before, "pages first; the index stays as it was, linked, not copied"
    preview.folder.index_search(background=True)
    after = inodes(index)
    changed = {name.split("/")[0] for name in after if before.get(name) != after[name]}
    # Only the English text changed: only the English page's shard is indexed again.
    assert changed == {shard_of(project.site, "shard-fixture-desalination"), "shards.json"}


@pytest.mark.parametrize("part", [0.0, 0.3, 0.6])
def test_the_preview_indexer_gives_way_to_an_edit(
    shard_project: Project, part: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview indexes in a thread of the process that rebuilds: an edit that comes while it lists and
    reads the pages or indexes them stops it (GaveWay), the live index as it was and nothing left behind; the
    next quiet moment indexes in full."""
    project = shard_project
    build_site(project)
    fixture = project.content / "explainers" / "desalination-2019.yml"
    preview = Build(project, search=False)
    asked: list[int] = []
    for was, now in (("coastal cities", "coastal towns"), ("coastal towns", "coastal villages")):
        fixture.write_text(fixture.read_text("utf-8").replace(was, now), "utf-8")
        preview.run()
        if not asked:  # how often a whole indexing of this edit asks, to stop the next one `part` of the way
            preview.folder.index_search(background=True, stop=lambda: bool(asked.append(1)))
    index = project.site / "search-index"
    before = inodes(index)
    calls = iter(range(len(asked)))
    with pytest.raises(GaveWay):
        preview.folder.index_search(background=True, stop=lambda: next(calls) >= int(part * len(asked)))
    assert inodes(index) == before
    assert not list(project.site.parent.glob(".site-*")) and not list(project.site.glob(".search-index-*"))
    preview.folder.index_search(background=True)
    assert shard_of(project.site, "shard-fixture-desalination") in {
        name.split("/")[0] for name, number in inodes(index).items() if before.get(name) != number
    }


def test_a_site_without_explainers_has_an_empty_index(tmp_path: Path) -> None:
    """A newsroom's first build, before any explainer (`--allow-empty`): the search page has its script and
    no shard."""
    project = copy_project(tmp_path / "project")
    for path in project.explainers.glob("*.yml"):
        path.unlink()
    build_site(project, allow_empty=True)
    manifest = json.loads((project.site / "search-index" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["shards"] == {} and (project.site / "search-index" / "search.js").is_file()


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 2)
    sites = []
    for name in ("one", "two"):
        project = search_project(tmp_path / name)
        build_site(project)
        sites.append(hashes(project.site / "search-index"))
    assert sites[0] == sites[1]
    assert "shards.json" in sites[0]


@pytest.mark.browser
def test_the_merged_shards_work_under_a_sub_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """Published under /news/explainers/: the page finds the index and links its results under the sub-path."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 1)
    copy = search_project(tmp_path / "project")
    project = Project(copy.root, "https://example.org/news/explainers/")
    build_site(project, tmp_path / "root" / "news" / "explainers")
    with serving(tmp_path / "root") as address:
        page = browser.new_page()
        page.goto(f"{address}news/explainers/en/search/")
        page.locator("#search-query").fill("water")
        page.wait_for_function("() => document.querySelectorAll('.search-result-link').length === 3")
        links = page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)")
        assert links[0] == "/news/explainers/en/shard-fixture-desalination/"
        assert all(link.startswith("/news/explainers/en/") for link in links)
        assert page.evaluate("location.pathname + location.search") == "/news/explainers/en/search/?q=water"
        page.goto(f"{address}{links[0].lstrip('/')}")
        assert page.locator("h1").first.text_content() == "Water desalination in coastal cities"
        page.go_back()  # the query in the address: the results again
        page.wait_for_function("() => document.querySelectorAll('.search-result-link').length === 3")
        page.close()
