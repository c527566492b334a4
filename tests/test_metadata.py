"""What search engines, feed readers and social networks read: parsed and checked against their formats."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEED_SLUG, build_site, copy_project, parse
from lxml import etree
from PIL import Image

from generator import search_index
from generator.problems import ContentError
from generator.project import Project
from generator.site_assets import read_palette

SITE_URL = "https://explainers.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def local_file(site: Path, url: str) -> Path:
    """The built file an absolute site URL is served from."""
    assert url.startswith(SITE_URL), url
    path = url.removeprefix(SITE_URL)
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def meta(root: object, key: str) -> list[str]:
    return [element.get("content") for element in root.xpath(f'//meta[@property="{key}" or @name="{key}"]')]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "locale", "alternate"), [("ar", "ar_AR", "en_US"), ("en", "en_US", "ar_AR")])
def test_explainer_sharing_metadata(built_site: Path, lang: str, locale: str, alternate: str) -> None:
    root = parse(built_site / lang / SEED_SLUG / "index.html")
    title = root.findtext(".//title")
    (h1,) = root.xpath("//h1")
    assert title.startswith(re.sub(r"\s+", " ", h1.text_content()).strip())
    (description,) = meta(root, "description")
    assert len(description) > 50
    assert meta(root, "og:title") == meta(root, "twitter:title") == [h1.text_content().strip()]
    assert meta(root, "og:description") == meta(root, "twitter:description") == [description]
    assert meta(root, "og:locale") == [locale] and meta(root, "og:locale:alternate") == [alternate]
    assert meta(root, "og:type") == ["article"]
    assert meta(root, "og:url") == [f"{SITE_URL}{lang}/{SEED_SLUG}/"]
    assert meta(root, "article:published_time") == ["2023-09-12"]
    assert meta(root, "twitter:card") == ["summary_large_image"]
    (image,) = meta(root, "og:image")
    assert meta(root, "og:image:width") == ["1200"] and meta(root, "og:image:height") == ["630"]
    assert meta(root, "og:image:alt") == meta(root, "twitter:image:alt") == [h1.text_content().strip()]
    with Image.open(local_file(built_site, image)) as card:  # a share card on disk, as the page names it
        assert (card.format, card.size) == ("PNG", (1200, 630))
    assert json_ld(root)["image"] == {"@type": "ImageObject", "url": image, "width": 1200, "height": 630}


def test_every_explainer_page_has_its_share_card(built_site: Path) -> None:
    pages = [path for path in built_site.glob("*/*/index.html") if path.parent.name not in ("topics", "search", "page")]
    assert len(pages) >= 4
    for path in pages:
        (image,) = meta(parse(path), "og:image")
        assert local_file(built_site, image).parent == path.parent


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_list_page_has_a_share_card_of_its_own(built_site: Path, lang: str) -> None:
    """Shared, the home, topics, topic and search pages previewed with no picture (an outside tester's): each
    has a card of the site's name and its heading, beside its first page, in its language; a 404 has none."""
    pages = {
        "": None,
        "topics/": None,
        "topics/north-korea/": None,
        "search/": None,
    }
    for folder in pages:
        root = parse(built_site / lang / folder / "index.html")
        (image,) = meta(root, "og:image")
        assert meta(root, "twitter:card") == ["summary_large_image"]
        assert meta(root, "og:image:width") == ["1200"] and meta(root, "og:image:height") == ["630"]
        card = local_file(built_site, image)
        assert card.parent == built_site / lang / folder.rstrip("/") and card.name.startswith("share.")
        with Image.open(card) as drawn:
            assert (drawn.format, drawn.size) == ("PNG", (1200, 630))
        pages[folder] = card.name
    assert len(set(pages.values())) == len(pages), "each page's own card"
    assert not meta(parse(built_site / lang / "404.html"), "og:image")


def test_the_root_page_shares_the_default_home_s_card(built_site: Path) -> None:
    """The bare site address, shared, previewed with no picture (an outside tester's): the root page (the
    choice of languages) shows the default language's home card; the root 404 has none."""
    root = parse(built_site / "index.html")
    (image,) = meta(root, "og:image")
    assert meta(root, "twitter:card") == ["summary_large_image"]
    assert [image] == meta(parse(built_site / "ar" / "index.html"), "og:image")
    assert local_file(built_site, image).is_file()
    assert not meta(parse(built_site / "404.html"), "og:image")


def json_ld(root: object) -> dict[str, object]:
    (script,) = root.xpath('//script[@type="application/ld+json"]')  # type: ignore[attr-defined]
    return json.loads(script.text)  # type: ignore[no-any-return]


def test_json_ld_links_the_two_language_versions(built_site: Path) -> None:
    arabic = json_ld(parse(built_site / "ar" / SEED_SLUG / "index.html"))
    english = json_ld(parse(built_site / "en" / SEED_SLUG / "index.html"))
    for data, lang in ((arabic, "ar"), (english, "en")):
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "BackgroundNewsArticle"
        assert data["inLanguage"] == lang
        assert data["url"] == data["@id"] == f"{SITE_URL}{lang}/{SEED_SLUG}/"
        assert data["datePublished"] == "2023-09-12" and data["dateModified"] == "2026-12-02"  # its updates
        (source,) = data["isBasedOn"]  # type: ignore[misc]
        assert source["@type"] == "NewsArticle" and source["inLanguage"] == "ar"
        assert source["datePublished"] == "2023-09-12"
    # The newsroom at its home publishes it; an explainer without a byline is the newsroom's (Google asks for
    # an author, and an outside tester's crawl read such explainers as anonymous).
    for data, lang in ((arabic, "ar"), (english, "en")):
        assert data["publisher"]["url"] == f"{SITE_URL}{lang}/"  # type: ignore[index]
        assert data["author"] == [
            {"@type": "Organization", "name": "فريق الشروح" if lang == "ar" else "Explainers desk"}
        ]
        unsigned = json_ld(parse(built_site / lang / "fixture-second-explainer" / "index.html"))
        assert unsigned["author"] == [unsigned["publisher"]], unsigned
    # the source article is Arabic, so the Arabic explainer is the original and the English its translation
    assert arabic["workTranslation"]["@id"] == english["@id"]  # type: ignore[index]
    assert english["translationOfWork"]["@id"] == arabic["@id"]  # type: ignore[index]
    assert "translationOfWork" not in arabic and "workTranslation" not in english


def test_json_ld_cannot_be_closed_by_content(built_site: Path) -> None:
    for lang in ("ar", "en"):
        (script,) = parse(built_site / lang / SEED_SLUG / "index.html").xpath('//script[@type="application/ld+json"]')
        assert "<" not in script.text


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_atom_feed_follows_rfc_4287(built_site: Path, lang: str) -> None:
    feed = etree.parse(str(built_site / lang / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    (self_link,) = feed.findall(f'{ATOM}link[@rel="self"]')
    assert self_link.get("href") == f"{SITE_URL}{lang}/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"{SITE_URL}{lang}/fixture-second-explainer/",
        f"{SITE_URL}{lang}/{SEED_SLUG}/",
    ]
    for entry in entries:
        for required in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert RFC3339.match(entry.findtext(f"{ATOM}updated")) and RFC3339.match(entry.findtext(f"{ATOM}published"))
        (link,) = entry.findall(f'{ATOM}link[@rel="alternate"]')
        assert local_file(built_site, link.get("href")).is_file()
    newest = max(entry.findtext(f"{ATOM}updated") for entry in entries)
    assert feed.findtext(f"{ATOM}updated") == newest
    for page in ("index.html", f"{SEED_SLUG}/index.html"):
        (alternate,) = parse(built_site / lang / page).xpath('//link[@type="application/atom+xml"]')
        assert alternate.get("href").endswith("feed.xml")


def test_sitemap_lists_every_page_with_reciprocal_hreflang(built_site: Path) -> None:
    urlset = etree.parse(str(built_site / "sitemap.xml")).getroot()
    assert urlset.tag == f"{SITEMAP}urlset"
    entries = urlset.findall(f"{SITEMAP}url")
    locs = [entry.findtext(f"{SITEMAP}loc") for entry in entries]
    assert len(locs) == len(set(locs)) <= 50_000
    # every page but the 404s, the editor and those that ask not to be indexed (search, an empty topic's)
    pages = {
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if path.parent.name != "admin" and b'content="noindex"' not in path.read_bytes()
    }
    # A 404 page answers 200 at its own address (`/ar/404.html`): it asks not to be indexed (an outside tester's).
    assert not any(name.endswith("404.html") for name in pages)
    assert {local_file(built_site, loc).relative_to(built_site).as_posix() for loc in locs} == pages
    by_loc = {}
    for entry in entries:
        loc = entry.findtext(f"{SITEMAP}loc")
        assert len(loc) < 2048
        lastmod = entry.findtext(f"{SITEMAP}lastmod")
        if lastmod:
            dt.date.fromisoformat(lastmod)
        by_loc[loc] = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
        for link in entry.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
    for loc, alternates in by_loc.items():
        if not alternates:
            continue
        assert set(alternates) == {"ar", "en", "x-default"}
        assert loc in alternates.values()
        for href in alternates.values():
            assert by_loc[href] == alternates  # every version lists the same group


def test_list_pages_in_the_sitemap_say_when_they_last_changed(two_explainer_project: Project) -> None:
    """The homes and topic pages, which change with every explainer, had no `<lastmod>` (an outside tester's
    crawl): a list's page last changed when an explainer it shows did, or when its list's newest was published,
    moving every page along; the topics index when any explainer did. The root page (a choice of languages)
    never changes with them."""
    project = two_explainer_project
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("page_size: 20", "page_size: 1"), "utf-8")
    second = (project.explainers / "second-explainer.yml").read_text(encoding="utf-8")
    old = second.replace("slug: fixture-second-explainer", "slug: fixture-old-explainer\ntopics: [russia]")
    (project.explainers / "old.yml").write_text(old.replace("published: 2024-01-15", "published: 2020-01-01"))
    build_site(project)
    urlset = etree.parse(str(project.site / "sitemap.xml")).getroot()
    lastmod = {
        entry.findtext(f"{SITEMAP}loc").removeprefix(SITE_URL): entry.findtext(f"{SITEMAP}lastmod")
        for entry in urlset.findall(f"{SITEMAP}url")
    }
    # Newest first: the fixture (published 2024-01-15), the seed (2023-09-12, updated 2026-12-02), the old one.
    for code in ("ar", "en"):
        assert lastmod[f"{code}/"] == "2024-01-15"
        assert lastmod[f"{code}/page/2/"] == "2026-12-02"  # the seed's update
        assert lastmod[f"{code}/page/3/"] == "2024-01-15"  # moved along by the fixture's publication
        assert lastmod[f"{code}/topics/"] == "2024-01-15"  # its counts: the newest publication
        assert lastmod[f"{code}/topics/russia/"] == "2026-12-02"
        assert lastmod[f"{code}/topics/russia/page/2/"] == "2023-09-12"  # the old one, moved along by the seed
        assert lastmod[f"{code}/topics/north-korea/"] == "2026-12-02"
        assert lastmod[f"{code}/fixture-old-explainer/"] == "2020-01-01"
    assert lastmod[""] is None


def test_robots_points_to_the_sitemap(built_site: Path) -> None:
    lines = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines


def test_host_configuration_files(built_site: Path) -> None:
    rules = [line.split() for line in (built_site / "_redirects").read_text().splitlines() if line and line[0] != "#"]
    assert rules == [["/ar/*", "/ar/404.html", "404"], ["/en/*", "/en/404.html", "404"], ["/*", "/404.html", "404"]]
    for _, target, _ in rules:
        assert (built_site / target.lstrip("/")).is_file()
    headers = (built_site / "_headers").read_text().splitlines()
    assert headers[headers.index("/assets/*") + 1].strip() == "Cache-Control: public, max-age=31536000, immutable"


def test_assets_are_fingerprinted(built_site: Path) -> None:
    (stylesheet,) = (built_site / "assets").glob("*.css")
    assert re.fullmatch(r"style\.[0-9a-f]{10}\.css", stylesheet.name)


def test_a_sub_path_site_prefixes_404_links_not_host_rules(project: Project) -> None:
    """Under a sub-path the 404 pages' links carry it (they are served at any missing address), and the host's
    rules do not: Netlify and Cloudflare Pages serve the published folder at their site's root, proxied to from
    the sub-path, so a prefixed rule never matched (an outside tester's finding)."""
    site_url = "https://news.example.com/explainers/"
    build_site(Project(project.root, site_url))
    rules = [line.split()[:2] for line in (project.site / "_redirects").read_text().splitlines() if line[:1] == "/"]
    assert rules[0] == ["/ar/*", "/ar/404.html"]
    assert "/assets/*" in (project.site / "_headers").read_text().splitlines()
    # A project's templates copied before the rules lost the prefix still build, their rules now matching.
    (project.templates / "_redirects").write_text("{{ base_path }}ar/*  {{ base_path }}ar/404.html  404\n")
    build_site(Project(project.root, site_url))
    assert (project.site / "_redirects").read_text() == "/ar/*  /ar/404.html  404\n"
    not_found = parse(project.site / "ar" / "404.html")
    hrefs = [element.get("href") for element in not_found.xpath("//a[@href] | //link[@rel='stylesheet']")]
    assert all(href.startswith("/explainers/") or href.startswith("#") for href in hrefs), hrefs
    canonical = parse(project.site / "en" / SEED_SLUG / "index.html").xpath("//link[@rel='canonical']")[0]
    assert canonical.get("href") == f"{site_url}en/{SEED_SLUG}/"
    assert f"Sitemap: {site_url}sitemap.xml" in (project.site / "robots.txt").read_text()


def test_every_page_declares_its_icons_and_theme_colours(built_site: Path) -> None:
    """A declared icon means no request for a missing /favicon.ico under a sub-path, for a browser that takes
    no SVG icon too (the site's own favicon.ico, named: an outside tester's); the editor declares an empty
    one, so that it asks no address at all; the theme colours are the stylesheet's own backgrounds."""
    css = next((built_site / "assets").glob("style.*.css")).read_text(encoding="utf-8")
    light, dark = (
        re.search(r"--background:\s*(#[0-9a-f]+)", part).group(1) for part in css.split("prefers-color-scheme: dark")
    )  # type: ignore[union-attr]
    for path in sorted(page for page in built_site.rglob("*.html") if page.parent.name != "admin"):  # not the editor
        root = parse(path)
        links = root.xpath("//head/link[@rel='icon' or @rel='apple-touch-icon']")
        assert [(link.get("rel"), link.get("type"), link.get("sizes")) for link in links] == [
            ("icon", None, "48x48"),
            ("icon", "image/svg+xml", None),
            ("apple-touch-icon", None, None),
        ]
        for link in links:
            href = link.get("href")
            target = (built_site / href.removeprefix("/")) if href.startswith("/") else (path.parent / href)
            assert target.resolve().is_file(), f"{path}: {href}"
        colours = {meta.get("media"): meta.get("content") for meta in root.xpath("//meta[@name='theme-color']")}
        assert colours == {"(prefers-color-scheme: light)": light, "(prefers-color-scheme: dark)": dark}
    assert parse(built_site / "admin" / "index.html").xpath("//head/link[@rel='icon']/@href") == ["data:,"]
    with Image.open(built_site / "favicon.ico") as icon:
        assert icon.format == "ICO" and set(icon.info["sizes"]) == {(16, 16), (32, 32), (48, 48)}


def test_the_root_page_and_the_homes_name_each_other(built_site: Path) -> None:
    """Every home's x-default is the root page, which lets a reader choose; the root names every home back."""
    root = parse(built_site / "index.html")
    expected = {"ar": SITE_URL + "ar/", "en": SITE_URL + "en/", "x-default": SITE_URL}
    assert {link.get("hreflang"): link.get("href") for link in root.xpath("//link[@hreflang]")} == expected
    for lang in ("ar", "en"):
        home = parse(built_site / lang / "index.html")
        assert {link.get("hreflang"): link.get("href") for link in home.xpath("//head/link[@hreflang]")} == expected


def test_a_topic_with_no_explainers_asks_not_to_be_indexed(project: Project) -> None:
    """A topic site.yml names before any explainer is filed under it has a page ("no explainers on this topic
    yet"), which asks search engines not to index it and is not in the sitemap (an outside tester's finding)."""
    settings = project.content / "site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("topics:\n", "topics:\n  - id: sudan\n    name: {ar: السودان, en: Sudan}\n", 1))
    build_site(project, search=False)
    for lang in ("ar", "en"):
        empty = parse(project.site / lang / "topics" / "sudan" / "index.html")
        assert empty.xpath("//meta[@name='robots']/@content") == ["noindex"]
        filed = parse(project.site / lang / "topics" / "russia" / "index.html")
        assert not filed.xpath("//meta[@name='robots']")
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/topics/sudan/" not in sitemap and "/topics/russia/" in sitemap


def test_the_colours_read_are_those_the_stylesheet_ends_with(tmp_path: Path) -> None:
    """The cascade's last word, in any notation a designer writes: an outside designer's second `:root` (an
    accent override) and `rgb()` colours were left out of the share cards and the theme colour in silence."""
    css = """:root { --background: #ffffff; --text: #1b1b1b; --accent: #0b5394; --muted: #575757; }
/* --accent: #000000; a comment is no declaration */
@media (prefers-color-scheme: dark) { :root { --background: hsl(0 0% 9%); --text: #ecebe8; } }
:root { --accent: rgb(200 16 46 / 90%); --muted: grey; --measure: 42rem }
"""
    palette = read_palette(css, tmp_path / "style.css")
    assert palette.card_colours() == ("#ffffff", "#1b1b1b", "#c8102e", "#808080")
    assert palette.theme() == ("#ffffff", "#171717")
    with pytest.raises(ContentError) as unread:
        read_palette(css + ":root {\n  --accent: oklch(50% 0.2 20);\n}\n", tmp_path / "style.css")
    (problem,) = unread.value.problems
    assert (problem.path, problem.line) == (tmp_path / "style.css", 6)
    assert "sets --accent to `oklch(50% 0.2 20)`, a colour the share cards and the theme colour cannot read" in (
        problem.message
    )


def test_a_scheme_whose_text_cannot_be_read_on_its_background_is_a_problem(tmp_path: Path) -> None:
    """A newsroom's colours appended as the README said (`:root { --background: #fffdf7 }`) won over the dark scheme's
    too, and its light text stood on the light background (an outside tester's): the scheme the cascade ends with
    is read, print's left out, and text under 4.5:1 on its background is refused at the block that set it last."""
    css = (REPO / "templates" / "assets" / "style.css").read_text(encoding="utf-8")
    palette = read_palette(css, tmp_path / "style.css")
    assert palette.card_colours()[1] == "#1b1b1b" and palette.theme() == ("#ffffff", "#161616")  # (not print's)
    own = css + ":root {\n  --accent: #0b6e4f;\n  --background: #fffdf7;\n}\n"
    with pytest.raises(ContentError) as unread:
        read_palette(own, tmp_path / "style.css")
    (problem,) = unread.value.problems
    assert problem.line == css.count("\n") + 1
    assert (
        problem.message
        == "leaves the dark scheme's text #ecebe8 on #fffdf7, a contrast of 1.2:1 where readers need 4.5:1"
    )
    dark = own + "@media (prefers-color-scheme: dark) {\n  :root { --background: #101010; }\n}\n"
    assert read_palette(dark, tmp_path / "style.css").theme() == ("#fffdf7", "#101010")


def test_a_stylesheet_that_is_not_utf8_is_a_problem_where_it_is(project: Project) -> None:
    """It was an internal error naming no file (an outside tester's)."""
    stylesheet = project.templates / "assets" / "style.css"
    stylesheet.write_bytes(b":root { --accent: #0b5394; }\n/* caf\xe9 */\n")
    with pytest.raises(ContentError) as unread:
        build_site(project, search=False)
    (problem,) = unread.value.problems
    assert (problem.path, problem.line, problem.col, problem.message) == (stylesheet, 2, 7, "is not UTF-8 (byte 0xE9)")


def test_the_stylesheet_is_style_css_by_name_and_the_editors_page_is_read_as_utf8(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A `print.css` beside style.css became every page's stylesheet, `check` passing; an editor's page not in
    UTF-8 was an internal error naming no file (an outside tester's). The editor's page is the generator's own."""
    from generator import editor

    assets = project.templates / "assets"
    if not (project.root / "templates").is_dir():  # (a project of content alone has the default templates)
        shutil.copytree(project.templates, project.root / "templates")
        assets = project.root / "templates" / "assets"
    (assets / "print.css").write_text("a { color: red; }\n", encoding="utf-8")
    build_site(project, search=False)
    linked = parse(project.site / "en" / "index.html").xpath("//link[@rel='stylesheet']/@href")
    assert [href.rpartition("/")[2].split(".")[0] for href in linked] == ["style"]
    shutil.copytree(editor.DEFAULT_ADMIN, tmp_path / "admin")
    monkeypatch.setattr(editor, "DEFAULT_ADMIN", tmp_path / "admin")
    page = tmp_path / "admin" / "index.html"
    page.write_bytes(b"<!doctype html><title>Editor</title>\n<p>caf\xe9</p>\n")
    with pytest.raises(ContentError) as unread:
        build_site(project, search=False)
    (problem,) = unread.value.problems
    assert (problem.path, problem.line, problem.message) == (page, 2, "is not UTF-8 (byte 0xE9)")


def test_a_touch_icon_that_is_no_picture_is_a_problem_where_it_is(project: Project) -> None:
    """Pillow's message named a `BytesIO` object, no file (an outside tester's)."""
    if not (project.root / "templates").is_dir():
        shutil.copytree(project.templates, project.root / "templates")
    icon = project.root / "templates" / "assets" / "touch-icon.png"
    icon.write_bytes(b"not a picture")
    with pytest.raises(ContentError) as unread:
        build_site(project, search=False)
    (problem,) = unread.value.problems
    assert problem.path == icon and problem.message.startswith("cannot be made into /favicon.ico: it is no picture")


def test_plain_text_places_read_the_text_as_the_page_shows_it(project: Project) -> None:
    """A line break is a space where the title is plain text (tab, previews, JSON-LD, feed): `cut<br>in` read
    `cutin`; and the JSON-LD's source article is named as the page in its language names it, its HTML references
    and Markdown read (`AT&amp;T` and `*Archive*` were in it as written; an outside tester's import)."""
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("arms for Moscow, food", "arms for Moscow,<br>food", 1)
    source = '    ar: "زعيم كوريا الشمالية'
    text = text.replace(source, '    ar: "رأي *AT&amp;T&#8217;s*: زعيم كوريا الشمالية', 1)
    publisher = "  publisher:\n    ar: وكالة\n    en: Archive &amp; Records\n"
    seed.write_text(text.replace("  language: ar\n", "  language: ar\n" + publisher, 1))
    build_site(project)
    root = parse(project.site / "en" / SEED_SLUG / "index.html")
    title = "Kim Jong Un's visit to Russia: arms for Moscow, food and know-how for Pyongyang?"
    assert root.findtext(".//title").startswith(title)
    assert meta(root, "og:title") == meta(root, "og:image:alt") == [title]
    data = json_ld(root)
    assert data["headline"] == title
    # The source's headline is its own, in its language (Arabic), not the English page's translation of it
    # (which an outside tester's crawl read as an Arabic article's English headline).
    (source,) = data["isBasedOn"]
    assert source["inLanguage"] == "ar" and "alternativeHeadline" not in source
    assert source["headline"].startswith("رأي \u2066AT&T’s\u2069: زعيم كوريا الشمالية"), source["headline"]
    assert source["publisher"]["name"] == "Archive & Records"
    feed = etree.parse(str(project.site / "en" / "feed.xml")).getroot()
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [title]


def test_a_sources_publisher_is_searched_and_its_date_and_language_are_not(project: Project) -> None:
    """`KUNA` and `كونا` found nothing where the page showed `KUNA (كونا)` (an outside tester's English desk): the
    publisher is content; the date and the language's name around it are the page's words, left out as before."""
    seed = project.explainers / f"{SEED_SLUG}.yml"
    publisher = "  publisher:\n    ar: كونا\n    en: KUNA (كونا)\n"
    seed.write_text(seed.read_text(encoding="utf-8").replace("  language: ar\n", "  language: ar\n" + publisher, 1))
    build_site(project)
    for lang, words in (("ar", {"كونا"}), ("en", {"kuna", "كونا"})):
        page = project.site / lang / SEED_SLUG / "index.html"
        details = parse(page).xpath("//section[@id='sources']//span[@class='source-details']")[0].text_content()
        assert details.startswith(("كونا · ", "KUNA (كونا) · ")), details
        indexed = search_index.read_page(page.read_bytes(), f"{lang}/{SEED_SLUG}/", lang)
        assert indexed is not None and words <= set(indexed.terms), sorted(indexed.terms)[:40]


def test_a_source_in_a_language_the_site_does_not_have(tmp_path: Path) -> None:
    """An English-only desk summarises a Hebrew article: `language: he` was refused as no site language (an
    outside tester's). Each page names the language as CLDR does in its own, and no version is said to be
    the original of the others, since none is the source's language."""
    project = copy_project(tmp_path / "project")
    path = project.explainers / f"{SEED_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    assert "\n  language: ar\n" in text
    path.write_text(text.replace("\n  language: ar\n", "\n  language: he\n", 1), encoding="utf-8")
    build_site(project)
    for lang, name in (("ar", "العبرية"), ("en", "Hebrew")):
        page = parse(project.site / lang / SEED_SLUG / "index.html")
        details = page.xpath("//section[@id='sources']//span[@class='source-details']")[0].text_content()
        assert details.endswith(f" · {name}"), details
        data = json_ld(page)
        assert "workTranslation" not in data and "translationOfWork" not in data
        assert data["isBasedOn"][0]["inLanguage"] == "he"  # type: ignore[index]
        # Its headline in Hebrew is not known: the page's translation of it is no headline of a Hebrew article.
        assert "headline" not in data["isBasedOn"][0] and data["isBasedOn"][0]["alternativeHeadline"]  # type: ignore[index]
