"""An explainer whose slug changed: its former addresses send readers on, and check says when an address a site
publishes would answer "not found" (an outside tester changed a published slug: check passed, and the old
address, in every shared link, broke)."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import SEED_SLUG, build_site, in_process
from playwright.sync_api import Browser
from servers import free_port, nginx

from generator.build import Build
from generator.cache import never
from generator.project import Project

NEW = "kim-putin-summit-2023"


def rename(project: Project, *former: str) -> Path:
    """The seed explainer given the slug NEW, listing `former` as the slugs it had."""
    path = project.explainers / f"{SEED_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    listed = f"\nformer_slugs: [{', '.join(former)}]" if former else ""
    path.write_text(text.replace(f"slug: {SEED_SLUG}", f"slug: {NEW}{listed}", 1), encoding="utf-8")
    return path


@pytest.fixture
def in_project(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    return lambda *arguments: in_process(project, monkeypatch, capsys, *arguments)


def test_each_former_address_sends_readers_to_the_new_one(project: Project) -> None:
    rename(project, SEED_SLUG)
    build_site(project, search=False)
    site = project.site
    for lang in ("ar", "en"):
        old = lxml.html.parse(str(site / lang / SEED_SLUG / "index.html")).getroot()
        assert old.get("lang") == lang
        assert old.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url=../{NEW}/"]
        assert old.xpath("//link[@rel='canonical']/@href")[0].endswith(f"/{lang}/{NEW}/")
        assert old.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert old.xpath("//h1/a/@href") == [f"../{NEW}/"] and old.xpath("//h1/a")[0].text_content()
        assert not old.xpath("//*[@data-search-body]")  # the search index leaves it out
        assert (site / lang / NEW / "index.html").is_file()
        # A link shared before the move previews as the explainer does (it previewed as a bare title: a site
        # reading a link's preview does not follow the refresh), without the article's structured data.
        new = lxml.html.parse(str(site / lang / NEW / "index.html")).getroot()
        for name in ("og:title", "og:description", "og:url", "og:image", "og:type", "twitter:card"):
            kind = "name" if name.startswith("twitter:") else "property"
            shown = old.xpath(f"//meta[@{kind}='{name}']/@content")
            assert shown and shown == new.xpath(f"//meta[@{kind}='{name}']/@content"), name
        assert old.xpath("//meta[@name='description']/@content")[0].strip()
        assert not old.xpath("//script[@type='application/ld+json']")
        for listing in (f"{lang}/index.html", f"{lang}/feed.xml", "sitemap.xml"):
            text = (site / listing).read_text(encoding="utf-8")
            if listing.endswith("feed.xml"):  # its entry's id is its first address, for good (below)
                text = text.replace(f"<id>https://explainers.example.org/{lang}/{SEED_SLUG}/</id>", "")
            assert f"{NEW}/" in text and SEED_SLUG not in text, listing


def test_a_browser_at_the_old_address_lands_on_the_explainer(
    project: Project, tmp_path: Path, browser: Browser
) -> None:
    """Served by nginx under a sub-path, as a newsroom's site may be: the old address's page, relative links
    and all, takes Chromium to the explainer."""
    rename(project, SEED_SLUG)
    port, base = free_port(), "/news/explainers/"
    shutil.rmtree(project.site, ignore_errors=True)
    build_site(Project(project.root, f"http://127.0.0.1:{port}{base}"), search=False)
    with nginx(project.site, base, port, tmp_path / "nginx") as deployment:
        page = browser.new_page()
        page.goto(f"{deployment.url}en/{SEED_SLUG}/")
        page.wait_for_url(f"{deployment.url}en/{NEW}/")
        assert page.locator("h1").first.text_content()
        # A shared link to a section lands on that section (a refresh alone would drop the `#…`).
        # ... and its query, a campaign's tags in a shared link (an outside tester's were dropped)
        page.goto(f"{deployment.url}ar/{SEED_SLUG}/?utm_source=x#what-russia-wants")
        page.wait_for_url(f"{deployment.url}ar/{NEW}/?utm_source=x#what-russia-wants")
        assert page.locator("#what-russia-wants").is_visible()
        page.close()


def test_check_warns_of_a_published_address_no_file_gives(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    assert in_project("build", "--no-search")[0] == 0
    rename(project)  # the slug changed, the old one not listed
    code, out, _ = in_project("check")
    assert code == 0
    assert out.splitlines()[0] == (
        "content/explainers:1:1: no explainer file makes the page published at"
        f" /ar/{SEED_SLUG}/ and /en/{SEED_SLUG}/ now (a file deleted, or a slug changed): after the next build its"
        ' address answers "not found" (if its slug changed, list the old one under `former_slugs:` in the'
        " explainer that has it now, and the old address sends readers there; if it is withdrawn, nothing to do)"
    )
    assert "1 published address to look at." in out.splitlines()
    assert in_project("check", "--strict")[0] == 1
    path = project.explainers / f"{SEED_SLUG}.yml"  # now listed: the old address is kept
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"slug: {NEW}", f"slug: {NEW}\nformer_slugs: [{SEED_SLUG}]")
    )
    code, out, _ = in_project("check", "--strict")
    assert code == 0 and "published address" not in out


def test_check_compares_with_the_folder_build_site_dir_wrote(project: Project, in_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A CI that builds into its own folder (`build --site-dir public`) heard of a published address the next
    build breaks from `build` alone: `check` has the same option (an outside tester's)."""
    public = tmp_path / "public"
    assert in_project("build", "--no-search", "--site-dir", str(public))[0] == 0
    rename(project)
    assert "published address" not in in_project("check")[1]  # (site/ publishes nothing)
    code, out, _ = in_project("check", "--site-dir", str(public))
    assert code == 0 and "1 published address to look at." in out.splitlines()


@pytest.mark.parametrize(
    ("former", "message"),
    [
        (NEW, f"former_slugs: lists `{NEW}`, the slug it has now"),
        ("search", "former_slugs: lists `search`, the address of the site's own pages, never an explainer's"),
        (  # every one at once (one a run took three rounds of check: an outside tester's)
            "search, topics, page",
            "former_slugs: lists `page`, `search`, `topics`, the addresses of the site's own pages, never an",
        ),
        (f"{SEED_SLUG}, {SEED_SLUG}", f"former_slugs: lists `{SEED_SLUG}` twice"),
    ],
)
def test_a_former_slug_that_cannot_be_one_is_refused(project: Project, in_project, former: str, message: str) -> None:  # type: ignore[no-untyped-def]
    rename(project, former)
    code, _, err = in_project("check")
    assert code == 1 and message in err


def test_a_former_slug_another_explainer_has_is_reported_on_both(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    path = rename(project, "other-explainer")
    other = project.explainers / "other.yml"
    other.write_text(
        path.read_text(encoding="utf-8").replace(f"slug: {NEW}", "slug: other-explainer", 1), encoding="utf-8"
    )
    other.write_text(
        other.read_text(encoding="utf-8").replace("former_slugs: [other-explainer]\n", ""), encoding="utf-8"
    )
    shutil.copy(project.content / "translations" / f"{SEED_SLUG}.yml", project.content / "translations" / "other.yml")
    code, _, err = in_project("check")
    assert code == 1
    assert "former_slugs[0]: `other-explainer` is also the slug of content/explainers/other.yml" in err
    assert f"slug: `other-explainer` is also a former slug of content/explainers/{SEED_SLUG}.yml" in err


def test_a_templates_folder_made_before_moved_html_still_builds(project: Project) -> None:
    """A newsroom's own templates folder predating moved.html: the build takes this repository's."""
    (project.root / "templates" / "moved.html").unlink(missing_ok=True)
    rename(project, SEED_SLUG)
    build_site(project, search=False)
    assert "refresh" in (project.site / "en" / SEED_SLUG / "index.html").read_text(encoding="utf-8")


def test_a_clash_is_reported_beside_the_files_other_problems(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """A copy with the same slug and a broken date: check said only the date (a second outside tester's
    finding), and the clash came up once the date was fixed."""
    seed = project.explainers / f"{SEED_SLUG}.yml"
    copy = project.explainers / "copy.yml"
    copy.write_text(seed.read_text(encoding="utf-8").replace("published: ", "published: 2023-13-12 #", 1))
    code, _, err = in_project("check")
    assert code == 1
    assert "copy.yml:" in err and "published:" in err
    assert f"copy.yml:5:1: slug: `{SEED_SLUG}` is also the slug of content/explainers/{SEED_SLUG}.yml" in err


def test_a_former_slug_another_has_is_named_as_such_and_new_refuses_it(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    rename(project, SEED_SLUG, "kim-russia-visit")
    code, _, err = in_project("new", "kim-russia-visit")
    assert code == 1
    owner = f"content/explainers/{SEED_SLUG}.yml"
    assert err == f"Nothing written: `kim-russia-visit` is already the slug of {owner}; choose another slug.\n"
    other = project.explainers / "other.yml"
    seed = project.explainers / f"{SEED_SLUG}.yml"
    other.write_text(
        seed.read_text(encoding="utf-8").replace(
            f"slug: {NEW}\nformer_slugs: [{SEED_SLUG}, kim-russia-visit]", f"slug: other\nformer_slugs: [{NEW}]"
        )
    )
    code, _, err = in_project("check")
    assert code == 1
    assert (
        f"other.yml:6:16: former_slugs[0]: `{NEW}` is also the slug of content/explainers/{SEED_SLUG}.yml"
        " (a former slug keeps this explainer's old address, which another has now: remove it here)"
    ) in err
    assert f"{SEED_SLUG}.yml:5:1: slug: `{NEW}` is also a former slug of content/explainers/other.yml" in err


def test_check_warns_from_the_build_cache_without_the_site_folder(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """CI keeps `.cache/`, not `site/`: the cache's record of the published pages stands for the folder (the
    warning never fired in the README's own CI set-up, a second outside tester's finding)."""
    assert in_project("build", "--no-search")[0] == 0
    shutil.rmtree(project.site)
    rename(project)
    code, out, _ = in_project("check")
    assert code == 0
    assert f"no explainer file makes the page published at /ar/{SEED_SLUG}/ and /en/{SEED_SLUG}/ now" in out


def test_a_preview_between_two_builds_hides_no_broken_address(project: Project, in_project) -> None:  # type: ignore[no-untyped-def]
    """The preview rebuilds site/ and the cache as the editor types: after a session in which a slug changed,
    `check` compared with the draft and said all clear, and `build` published the broken address without a
    word (an outside tester's night shift). What `build` published is kept apart: `check` warns of it, `build`
    says it no longer publishes it, once."""
    assert in_project("build", "--no-search")[0] == 0
    rename(project)  # the slug changed, the old one not listed
    preview = Build(project, search=False)  # what the preview's rebuild does: site/ and the cache, in place
    preview.run()
    assert preview.saving()(never)
    code, out, _ = in_project("check")
    assert code == 0 and f"published at /ar/{SEED_SLUG}/ and /en/{SEED_SLUG}/ now" in out
    code, out, _ = in_project("build", "--no-search")
    warning, said = out.splitlines()
    assert code == 0 and f"published at /ar/{SEED_SLUG}/" in warning and "in the site built" in warning
    assert said == "Nothing to change: site is up to date."  # the preview wrote it all already
    code, out, _ = in_project("build", "--no-search")
    assert out.splitlines() == ["Nothing to change: site is up to date."]
    assert "published address" not in in_project("check")[1]
    # a build into another folder keeps a record of its own: site/'s is not forgotten
    explainer = project.explainers / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text(encoding="utf-8").replace(f"slug: {NEW}", "slug: a-third-slug"), "utf-8")
    assert in_project("build", "--no-search", "--site-dir", str(project.root / "elsewhere"))[0] == 0
    preview.run()
    assert f"published at /ar/{NEW}/" in in_project("check")[1]


def test_a_slug_changed_keeps_the_feed_entrys_id(project: Project) -> None:
    """An Atom entry's id is for good: after a slug change its id was the new address, and feed readers showed
    the explainer again as new (an outside tester's). It keeps the first address, the first former slug."""
    build_site(project)
    ids = {lang: feed_ids(project, lang) for lang in ("ar", "en")}
    rename(project, SEED_SLUG)
    build_site(project)
    for lang in ("ar", "en"):
        assert feed_ids(project, lang) == ids[lang] == [f"https://explainers.example.org/{lang}/{SEED_SLUG}/"]
        entry_link = lxml.etree.parse(str(project.site / lang / "feed.xml")).find(".//{*}entry/{*}link")
        assert entry_link.get("href").endswith(f"/{lang}/{NEW}/")  # the link is the address now


def feed_ids(project: Project, lang: str) -> list[str]:
    feed = lxml.etree.parse(str(project.site / lang / "feed.xml"))
    return [entry.findtext("{*}id") for entry in feed.iterfind(".//{*}entry")]
