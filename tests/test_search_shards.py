"""The search index in shards answers as one index would, and an edit indexes only its shard again.

The browser tests build the real project with the search fixtures, one page per shard (the most shards a
site can have), and beside it one Pagefind index per language of the same pages (what the site had before
shards). For every query of tests/search_queries.yml, each typed in both, the merged shards must return the
same pages in the same order with the same scores as Pagefind's own search over the one index.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, build_site, chart, copy_project, hashes, photo, serving

from generator import search, search_shards
from generator.build import Build
from generator.cache import GaveWay
from generator.project import Project

CORPUS = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
SHARD_FIXTURES = FIXTURES / "search-shards"


def search_project(folder: Path) -> Project:
    """The real project plus every search fixture: five explainers over 2019, 2021, 2023 and 2024."""
    project = copy_project(folder)
    for path in [FIXTURES / "second-explainer.yml", FIXTURES / "search-explainer.yml", *SHARD_FIXTURES.glob("*.yml")]:
        shutil.copy(path, project.content / "explainers" / path.name)
    return project


def one_index(site: Path, output: Path) -> None:
    """The same pages as one Pagefind index per language, with Pagefind's own script to search it."""
    with tempfile.TemporaryDirectory() as folder:
        for page in search_shards.read_pages(site):
            target = Path(folder) / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(search.prepared((site / page.path).read_text(encoding="utf-8")), encoding="utf-8")
        search.Run(False, Path(folder), output).wait()
    search._finish(output)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_PAGES", 1)
        project = search_project(tmp_path_factory.mktemp("shards") / "project")
        build_site(project)
    one_index(project.site, project.site / "pagefind-one")
    return project.site


@pytest.fixture(scope="module")
def sharded_site(sharded: Path) -> Iterator[str]:
    with serving(sharded) as address:
        yield address


# Both searches in the search page: the merged shards (the module the page's UI loads) and Pagefind's own
# API over the one index, with the same ranking weights and the page's own query normalisation.
BOTH = """async (queries) => {
  const merged = await import(new URL('../../pagefind/pagefind.js', location.href).href);
  const one = await import(new URL('../../pagefind-one/pagefind.js', location.href).href);
  await one.options({ ranking: merged.RANKING, baseUrl: '/' });
  const word = new RegExp(`[${window.searchRules.word}${window.searchRules.ignore}]+`, 'g');
  const answers = [];
  for (const query of queries) {
    const term = query.replace(word, window.searchKey);
    const ours = await merged.explain(term);
    const theirs = await one.search(term);
    answers.push({
      query,
      ours: ours.results.map((r) => [r.id, r.score, r.explain.pagefind, r.explain.local]),
      theirs: theirs.results.map((r) => [r.id, r.score]),
    });
  }
  return answers;
}"""


def ranked(results: list[list[Any]]) -> list[set[str]]:
    """Results as groups of ids whose scores tie (Pagefind orders ties as it likes; f32 against f64)."""
    groups: list[tuple[float, set[str]]] = []
    for result in results:
        identifier, score = result[0], result[1]
        if groups and abs(groups[-1][0] - score) <= 1e-4 * max(1.0, abs(score)):
            groups[-1][1].add(identifier)
        else:
            groups.append((score, {identifier}))
    return [ids for _, ids in groups]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_shards_rank_as_one_index(sharded_site: str, browser: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{sharded_site}{lang}/search/")
    queries = [case["q"] for case in CORPUS[lang]]
    answers = page.evaluate(BOTH, queries)
    page.close()
    differ = []
    for answer in answers:
        ours, theirs = answer["ours"], answer["theirs"]
        if ranked(ours) != ranked(theirs) or any(
            abs(a[1] - b[1]) > 1e-4 * max(1.0, b[1]) for a, b in zip(sorted(ours), sorted(theirs), strict=False)
        ):
            differ.append(f"{answer['query']!r}: shards {ours}, one index {theirs}")
        # The formula the merge computes again is Pagefind's: with a shard's own figures it gives its score.
        for _, _, pagefind, local in ours:
            assert abs(pagefind - local) <= 1e-4 * max(1.0, pagefind), answer
    assert not differ, "\n".join(differ)
    assert any(len(answer["ours"]) > 1 for answer in answers), "some query must rank pages of several shards"


def test_each_shard_is_small_and_listed(sharded: Path) -> None:
    manifest = json.loads((sharded / "pagefind" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["languages"]) == {"ar", "en"}
    for language, listing in manifest["languages"].items():
        assert listing["pages"] == 5 and len(listing["shards"]) == 5  # one page a shard, as the build was told
        for name in listing["shards"]:
            assert name.startswith(f"{language}-") and manifest["shards"][name]["pages"] == 1
            assert (sharded / "pagefind" / name / "pagefind-entry.json").is_file()
    assert not list((sharded / "pagefind").glob("*/pagefind-ui.js")), "the UI is kept once, at the top"


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
    manifest = json.loads((site / "pagefind" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["languages"][language]["shards"]:
        for fragment in (site / "pagefind" / name / "fragment").glob("*.pf_fragment"):
            if f"/{slug}/" in search.gzip.decompress(fragment.read_bytes()).decode("utf-8"):
                return str(name)
    raise LookupError(slug)


def test_an_edit_indexes_its_shard_only_and_a_deletion_drops_it(shard_project: Project) -> None:
    project = shard_project
    build_site(project)
    index = project.site / "pagefind"
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
    assert len(manifest["languages"]["en"]["shards"]) == 4


@pytest.mark.parametrize("damage", ["removed", "cut short", "written over"])
@pytest.mark.parametrize("where", ["fragment", "index", "pagefind-entry.json", "top"])
def test_a_file_damaged_in_the_index_is_made_again(shard_project: Project, where: str, damage: str) -> None:
    """A file of the live index removed, cut short or written over (by hand, by a sync gone wrong) is noticed
    by the next build, which otherwise has nothing to do: the shard that has it is indexed again and the
    others stay linked; a file of the top (Pagefind's UI or WebAssembly, which every shard needs) makes the
    whole index again."""
    project = shard_project
    build_site(project)
    index = project.site / "pagefind"
    harbour = shard_of(project.site, "shard-fixture-harbour")
    before, whole = inodes(index), hashes(index)
    shard = index / harbour
    hit = {"top": index / "wasm.en.pagefind", "pagefind-entry.json": shard / "pagefind-entry.json"}.get(where)
    hit = hit or sorted((shard / where).iterdir())[0]
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
    index = project.site / "pagefind"
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
    reads the pages, writes their copies or cleans fragments stops it (GaveWay), the live index as it was and
    no copy left behind; the next quiet moment indexes in full."""
    project = shard_project
    build_site(project)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # where the page copies are made
    fixture = project.content / "explainers" / "desalination-2019.yml"
    preview = Build(project, search=False)
    asked: list[int] = []
    for was, now in (("coastal cities", "coastal towns"), ("coastal towns", "coastal villages")):
        fixture.write_text(fixture.read_text("utf-8").replace(was, now), "utf-8")
        preview.run()
        if not asked:  # how often a whole indexing of this edit asks, to stop the next one `part` of the way
            preview.folder.index_search(background=True, stop=lambda: bool(asked.append(1)))
    index = project.site / "pagefind"
    before = inodes(index)
    calls = iter(range(len(asked)))
    with pytest.raises(GaveWay):
        preview.folder.index_search(background=True, stop=lambda: next(calls) >= int(part * len(asked)))
    assert inodes(index) == before
    assert not list((tmp_path / "tmp").iterdir())  # no copy of a page left behind
    assert not list(project.site.parent.glob(".site-*")) and not list(project.site.glob(".pagefind-*"))
    preview.folder.index_search(background=True)
    assert shard_of(project.site, "shard-fixture-desalination") in {
        name.split("/")[0] for name, number in inodes(index).items() if before.get(name) != number
    }


def test_a_failed_run_stops_the_others_and_leaves_nothing(
    shard_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build runs two Pagefind runs at once: when one fails, the error says so, the other run is killed
    and no copy of a page is left behind."""
    build_site(shard_project, search=False)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    shards = search_shards.plan(search_shards.read_pages(shard_project.site), 1, "")
    output = tmp_path / "index"
    output.mkdir()
    (output / shards[2].name).write_text("a file where Pagefind would write the third shard", "utf-8")
    with pytest.raises(RuntimeError, match="Pagefind could not index"):
        search.index(shard_project.site, output)
    assert not list((tmp_path / "tmp").iterdir())
    children = Path(f"/proc/self/task/{os.getpid()}/children").read_text().split()
    assert not [pid for pid in children if "pagefind" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]


def test_a_page_gone_while_its_copy_is_made_leaves_no_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while a shard's copies are written (a page removed meanwhile, Ctrl-C) leaves none of them
    behind, as an outside tester found it did."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 1)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    site = tmp_path / "site"
    page = '<html lang="en"><body><article data-pagefind-body><p class="meta"><time datetime="{year}-01-01">x</time>'
    for year in (2019, 2020, 2021):
        (site / str(year)).mkdir(parents=True)
        (site / str(year) / "index.html").write_text(page.format(year=year) + "<p>water</p></article></body></html>")
    copy = search_shards._copy

    def vanishing(site: Path, folder: Path, prepare: Any, stop: Any, page: search_shards.Page) -> None:
        if page.path.startswith("2020"):
            (site / page.path).unlink(missing_ok=True)
        copy(site, folder, prepare, stop, page)

    monkeypatch.setattr(search_shards, "_copy", vanishing)
    with pytest.raises(OSError):
        search.index(site, tmp_path / "index")
    assert not list((tmp_path / "tmp").iterdir())


def test_a_site_without_explainers_has_an_empty_index(tmp_path: Path) -> None:
    """A newsroom's first build, before any explainer (`--allow-empty`): the search page has Pagefind's files and
    no shard, where the run that makes them used to fail on a page without a word."""
    project = copy_project(tmp_path / "project")
    for path in project.explainers.glob("*.yml"):
        path.unlink()
    build_site(project, allow_empty=True)
    manifest = json.loads((project.site / "pagefind" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["shards"] == {} and (project.site / "pagefind" / "pagefind-ui.js").is_file()


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 2)
    sites = []
    for name in ("one", "two"):
        project = search_project(tmp_path / name)
        build_site(project)
        sites.append(hashes(project.site / "pagefind"))
    assert sites[0] == sites[1]
    assert "shards.json" in sites[0]


@pytest.mark.browser
def test_the_merged_shards_work_under_a_sub_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Any) -> None:  # type: ignore[no-untyped-def]
    """Published under /news/explainers/: the merge finds its shards from its own address, and results link
    under the sub-path."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 1)
    copy = search_project(tmp_path / "project")
    project = Project(copy.root, "https://example.org/news/explainers/")
    build_site(project, tmp_path / "root" / "news" / "explainers")
    with serving(tmp_path / "root") as address:
        page = browser.new_page()
        page.goto(f"{address}news/explainers/en/search/")
        page.locator(".pagefind-ui__search-input").fill("water")
        page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result-link').length === 3")
        links = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.pathname)")
        assert links[0] == "/news/explainers/en/shard-fixture-desalination/"
        assert all(link.startswith("/news/explainers/en/") for link in links)
        page.goto(f"{address}{links[0].lstrip('/')}")
        assert page.locator("h1").first.text_content() == "Water desalination in coastal cities"
        page.close()


def test_pagefind_indexes_the_trimmed_copy_as_it_indexes_the_whole_page(tmp_path: Path) -> None:
    """Pagefind is given only what it reads of a page (`search_copy.indexed_part`): its index of that is the index of
    the whole page, byte for byte, for both languages, with a lead picture and a figure among the pages."""
    project = search_project(tmp_path / "project")
    (project.content / "media").mkdir()
    (project.content / "media" / "harbour.jpg").write_bytes(photo())
    (project.content / "media" / "chart.png").write_bytes(chart())
    shutil.copy(FIXTURES / "pictures-explainer.yml", project.explainers / "pictures-explainer.yml")
    build_site(project, search=False)
    indexes = {}
    for name, copy in (("whole", search.with_forms), ("trimmed", search.prepared)):
        pages = tmp_path / name
        for page in search_shards.read_pages(project.site):
            html = (project.site / page.path).read_text(encoding="utf-8")
            assert name == "whole" or len(copy(html)) < len(search.with_forms(html))
            (pages / page.path).parent.mkdir(parents=True, exist_ok=True)
            (pages / page.path).write_text(copy(html), encoding="utf-8")
        search.Run(False, pages, tmp_path / f"{name}-index").wait()
        search._finish(tmp_path / f"{name}-index")
        indexes[name] = hashes(tmp_path / f"{name}-index")
    assert indexes["trimmed"] == indexes["whole"]
    assert any(name.startswith("fragment/") for name in indexes["whole"])


PAGE = (
    '<!doctype html>\n{pre}<html lang="ar" dir="rtl"><head><title{title}>عنوان الصفحة · شروحات</title>{head}</head>'
    "<body><header>{hero}</header><article data-pagefind-body>{h1}<p>شعر الأهالي بالهزة قرابة منتصف الليل.</p>"
    "{inner}<p>وتضررت أحياء قديمة والمدينة الجديدة.</p></article><footer>ذيل</footer>{tail}</body></html>"
)
PARTS = {"pre": "", "title": "", "head": "", "hero": "", "h1": "<h1>ليلة صعبة</h1>", "inner": "", "tail": ""}


def one_page_index(folder: Path, html: str) -> dict[str, str]:
    (folder / "pages" / "ar" / "x").mkdir(parents=True)
    (folder / "pages" / "ar" / "x" / "index.html").write_text(html, encoding="utf-8")
    search.Run(False, folder / "pages", folder / "index").wait()
    search._finish(folder / "index")
    return hashes(folder / "index")


# Pages a newsroom's own templates could make, among them an outside tester's, where a plain reading of the
# text would take the wrong part: each is trimmed only where the index stays the same.
@pytest.mark.parametrize(
    "parts",
    [
        {},
        {"inner": "<article><p>داخل</p></article>"},  # an element of the same name inside
        {"hero": "<h1>ليلة صعبة</h1>", "h1": ""},  # the headline above the indexed element
        {"inner": "<!-- </article> -->"},  # a closing tag in a comment
        {"inner": "<script>const end = '</article>';</script>"},  # ... in a script
        {"pre": '<!-- layout: <html lang="en"> -->\n'},  # an <html> tag before the real one
        {"title": ' id="t"', "h1": ""},  # a title with attributes, and no headline
        {"head": '<meta DATA-PAGEFIND-META="kind:x" content="y">'},  # read outside the body, in capitals
        {"tail": '<p DATA-PAGEFIND-FILTER="year">2023</p>'},
        {"tail": "<div DATA-PAGEFIND-BODY><p>أكثر</p></div>"},  # a second indexed element
        {"tail": '<nav data-pagefind-ignore="all">قائمة</nav>'},
    ],
)
def test_a_trimmed_copy_is_indexed_as_its_whole_page(tmp_path: Path, parts: dict[str, str]) -> None:
    html = PAGE.format(**(PARTS | parts))
    trimmed = search.prepared(html)
    assert one_page_index(tmp_path / "trimmed", trimmed) == one_page_index(tmp_path / "whole", search.with_forms(html))
    if not parts or ("inner" in parts and "<article>" in parts["inner"]):
        assert "ذيل" not in trimmed and "شروحات" in trimmed  # trimmed, its title kept


def test_forms_are_added_to_text_only() -> None:
    page = '<script type="application/ld+json">{"name":"المدينة"}</script><p title="المدينة">المدينة</p>'
    assert search.with_forms(page) == (
        '<script type="application/ld+json">{"name":"المدينة"}</script><p title="المدينة">المدينة~~مدينه</p>'
    )
    custom = "<script-note>المدينة</script-note><script>x</script>"  # a custom element is no script
    assert search.with_forms(custom) == "<script-note>المدينة~~مدينه</script-note><script>x</script>"


def test_an_editors_tildes_keep_the_forms_and_the_excerpt(tmp_path: Path) -> None:
    """ "~~" joins a word and its forms in the copy Pagefind reads; an editor's own tildes, as an outside tester
    wrote them, neither stop the forms being added nor take the word after them out of the excerpt."""
    html = PAGE.format(**(PARTS | {"inner": "<p>عنوان ~~بالهزة~~ و~~~المدينة~ هنا</p>"}))
    assert "بالهزة~~هزه" in search.prepared(html)
    one_page_index(tmp_path, search.prepared(html))
    fragment = next((tmp_path / "index" / "fragment").iterdir())
    content = json.loads(search.gzip.decompress(fragment.read_bytes())[len(search.SIGNATURE) :])["content"]
    assert "عنوان ~~بالهزة~~ و~~~المدينة~ هنا" in content and "\u2060" not in content and "هزه" not in content
