"""The whole pipeline on the real content: the pages it makes and what they say, parsed as HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree
import pytest
from conftest import FIXTURES, SEED_SLUG, build_site, check, load_explainer, parse, text_renderer

from generator.fields import Text, texts_in
from generator.markup import plain
from generator.model import figures_of
from generator.problems import ContentError
from generator.project import Project

FIXTURE_SLUG = "fixture-second-explainer"
LANGUAGES = {"ar": "rtl", "en": "ltr"}


def page_paths(slugs: list[str]) -> list[str]:
    """Every page the site must have for these explainers."""
    pages = ["index.html", "404.html"]
    for lang in LANGUAGES:
        pages += [f"{lang}/index.html", f"{lang}/404.html", *(f"{lang}/{slug}/index.html" for slug in slugs)]
    return pages


def visible(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_text(path: Path) -> str:
    """What a reader gets of a page: its text, and the alt text of its pictures (not its scripts' data: JSON-LD
    names a source article by its own headline, in its own language, on every page)."""
    root = parse(path)
    lxml.etree.strip_elements(root, "script", with_tail=False)
    return visible(root.text_content() + " " + " ".join(root.xpath("//img/@alt")))


def rendered(text: Text, lang: str) -> str:
    """A text field as a reader sees it: Markdown rendered, tags gone."""
    return visible(plain(text_renderer(lang).block(text[lang])))


def test_every_expected_page_exists(built_site: Path) -> None:
    for relative in page_paths([SEED_SLUG, FIXTURE_SLUG]):
        assert (built_site / relative).is_file(), relative


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_language_and_direction(built_site: Path, lang: str) -> None:
    for relative in (f"{lang}/index.html", f"{lang}/404.html", f"{lang}/{SEED_SLUG}/index.html"):
        root = parse(built_site / relative)
        assert root.get("lang") == lang
        assert root.get("dir") == LANGUAGES[lang]


@pytest.mark.parametrize("slug", [SEED_SLUG, FIXTURE_SLUG])
def test_every_text_is_on_its_language_page_and_not_the_other(built_site: Path, slug: str) -> None:
    explainer = load_explainer(Project(built_site.parent), slug)
    pages = {lang: page_text(built_site / lang / slug / "index.html") for lang in LANGUAGES}
    on_maps = [label.text for _, figure in figures_of(explainer) if figure.map for label in figure.map.labels]
    for text in (text for text in texts_in(explainer) if not any(text is label for label in on_maps)):
        for lang, other in (("ar", "en"), ("en", "ar")):
            expected = rendered(text, lang)
            assert expected in pages[lang], f"{lang} page lacks: {expected}"
            if text[lang] != text[other]:  # a name written alike in both (a credit: Natural Earth) is in both
                assert expected not in pages[other], f"{other} page shows the {lang} text: {expected}"


def links(root: object, selector: str) -> list[object]:
    return root.cssselect(selector)  # type: ignore[attr-defined,no-any-return]


def resolve(built_site: Path, page: str, href: str) -> Path:
    """The file a link on `page` leads to, as a static host would serve it."""
    target = urlsplit(urljoin(f"http://host/{page}", href)).path.lstrip("/")
    return built_site / (target + "index.html" if target.endswith("/") or not target else target)


@pytest.mark.parametrize("slug", [SEED_SLUG, FIXTURE_SLUG])
def test_language_switch_and_hreflang_are_reciprocal(built_site: Path, slug: str) -> None:
    site_url = "https://explainers.example.org/"
    for lang, other in (("ar", "en"), ("en", "ar")):
        page = f"{lang}/{slug}/"
        root = parse(built_site / page / "index.html")
        (switch,) = links(root, "a.language-switch")
        assert switch.get("hreflang") == other and switch.get("lang") == other
        target = resolve(built_site, page, switch.get("href"))
        assert target == built_site / other / slug / "index.html"
        (back,) = links(parse(target), "a.language-switch")
        assert resolve(built_site, f"{other}/{slug}/", back.get("href")) == built_site / page / "index.html"
        alternates = {link.get("hreflang"): link.get("href") for link in links(root, 'link[rel="alternate"][hreflang]')}
        assert alternates == {
            "ar": f"{site_url}ar/{slug}/",
            "en": f"{site_url}en/{slug}/",
            "x-default": f"{site_url}ar/{slug}/",
        }
        for href in alternates.values():
            assert (built_site / href.removeprefix(site_url) / "index.html").is_file()
        (canonical,) = links(root, 'link[rel="canonical"]')
        assert canonical.get("href") == f"{site_url}{page}"


def test_section_switch_links_to_the_same_section(built_site: Path) -> None:
    root = parse(built_site / "ar" / SEED_SLUG / "index.html")
    sections = links(root, "main section[id]")
    switched = 0
    for section in sections:
        for anchor in links(section, "a.section-switch"):
            href = anchor.get("href")
            assert href.endswith(f"#{section.get('id')}")
            # described by its section's heading: a screen reader's list of links told four alike apart by
            # nothing (an outside reader's finding)
            assert anchor.get("aria-describedby") == f"{section.get('id')}-heading"
            assert root.get_element_by_id(anchor.get("aria-describedby")).tag == "h2"
            target = parse(resolve(built_site, f"ar/{SEED_SLUG}/", href.split("#")[0]))
            assert target.get_element_by_id(section.get("id")) is not None
            switched += 1
    assert switched >= 4


def test_every_internal_link_and_asset_resolves(built_site: Path) -> None:
    for relative in page_paths([SEED_SLUG, FIXTURE_SLUG]):
        if relative.endswith("404.html"):
            continue  # 404 pages link root-relative; the web-server tests cover them
        root = parse(built_site / relative)
        for element in root.cssselect("a[href], link[rel=stylesheet]"):
            href = element.get("href")
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            path = href.split("#")[0]
            if path:
                assert resolve(built_site, relative, path).is_file(), f"{relative}: {href}"
            fragment = href.partition("#")[2]
            if fragment:
                target = resolve(built_site, relative, path) if path else built_site / relative
                assert parse(target).get_element_by_id(fragment) is not None, f"{relative}: {href}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_lists_explainers_newest_first(built_site: Path, lang: str) -> None:
    root = parse(built_site / lang / "index.html")
    hrefs = [anchor.get("href") for anchor in root.cssselect(".explainer-list h2 a")]
    assert hrefs == [f"{FIXTURE_SLUG}/", f"{SEED_SLUG}/"]  # 2024-01-15, then 2023-09-12


def test_adding_one_yaml_file_adds_its_pages_and_lists_it(project: Project) -> None:
    build_site(project)
    before = {path.relative_to(project.site).as_posix() for path in project.site.rglob("*.html")}
    shutil.copy(FIXTURES / "second-explainer.yml", project.content / "explainers" / "another.yml")
    build_site(project)
    after = {path.relative_to(project.site).as_posix() for path in project.site.rglob("*.html")}
    # Its pages, and its year's in the archive (2024: the seed's is 2023).
    pages = {f"{code}/{folder}/index.html" for code in ("ar", "en") for folder in (FIXTURE_SLUG, "archive/2024")}
    assert after - before == pages
    for lang in LANGUAGES:
        titles = [
            visible(a.text_content())
            for a in parse(project.site / lang / "index.html").cssselect(".explainer-list h2 a")
        ]
        assert len(titles) == 2


def test_explainer_pages_have_no_script(built_site: Path) -> None:
    for lang in LANGUAGES:
        root = parse(built_site / lang / SEED_SLUG / "index.html")
        assert root.cssselect('script:not([type="application/ld+json"])') == []
        assert not any(attribute.startswith("on") for element in root.iter() for attribute in element.attrib)


def test_root_page_offers_both_languages(built_site: Path) -> None:
    root = parse(built_site / "index.html")
    choices = {anchor.get("hreflang"): anchor.get("href") for anchor in root.cssselect("main a[hreflang]")}
    assert choices == {"ar": "ar/", "en": "en/"}
    for section in root.cssselect(".language-choices section"):
        assert (section.get("lang"), section.get("dir")) in {("ar", "rtl"), ("en", "ltr")}


def test_one_stylesheet_uses_logical_properties_only() -> None:
    css = (Path(__file__).resolve().parent.parent / "templates" / "assets" / "style.css").read_text()
    physical = re.findall(
        r"(?<![-\w])(?:margin|padding|border)-(?:left|right|top|bottom)\b|(?<![-\w])(?:left|right|top|bottom)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)",
        css,
    )
    assert physical == []
    assert "[dir=" not in css


def test_a_newsrooms_own_files_are_published_as_they_are(project: Project) -> None:
    """templates/static/ at the site's root, byte for byte: a build replaces its folder whole, and removed what
    an outside tester's operations team had put there (a custom domain's CNAME, security.txt, a search
    console's verification page). One where the build makes a file of its own is refused where it is."""
    static = project.templates / "static"
    files = {
        "CNAME": b"explainers.example.org\n",
        ".well-known/security.txt": b"Contact: mailto:security@example.org\n",
        "google1234abcd.html": b"google-site-verification: google1234abcd.html",
        "ads.txt": bytes(range(256)),  # as it is: not read as text
    }
    for name, data in files.items():
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_bytes(data)
    build_site(project, search=False)
    assert {name: (project.site / name).read_bytes() for name in files} == files
    assert (project.site / "index.html").read_bytes() != files["google1234abcd.html"]
    (static / "ads.txt").unlink()
    build_site(project, search=False)
    assert not (project.site / "ads.txt").exists() and (project.site / "CNAME").is_file()
    for litter in (".DS_Store", ".git/config", "Thumbs.db"):  # a system's or a tool's own: not published
        (static / litter).parent.mkdir(parents=True, exist_ok=True)
        (static / litter).write_text("litter", encoding="utf-8")
    build_site(project, search=False)
    assert not [name for name in (".DS_Store", ".git", "Thumbs.db") if (project.site / name).exists()]
    # A file where the build makes a folder (`media`), and a folder where it makes a file (`404.html/`): check
    # passed them and the build failed, naming a temporary path (an outside tester's).
    clashes = ("index.html", "sitemap.xml", "media", "search-index", "404.html/page.txt")
    for taken in (*clashes, "assets/extra.css", "ar/page.html"):
        (static / taken).parent.mkdir(parents=True, exist_ok=True)
        (static / taken).write_text("mine", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        check(project)
    reported = {(problem.path, problem.message) for problem in refused.value.problems}
    assert reported == {
        *((static / taken, f"is at /{taken}, which the build makes itself") for taken in clashes),
        (static / "assets/extra.css", "is at /assets/extra.css, which the build makes itself"),
        (static / "ar/page.html", "is in /ar/, a language's folder, which the build makes"),
    }


def test_a_templates_own_words_are_written_in_every_language(project: Project) -> None:
    """`custom:` in each language's strings gives a newsroom's templates words of their own (an outside designer
    had to test the page's language in the template instead); a name one language lacks is refused where it is."""
    for code, said in (("ar", "النشرة البريدية"), ("en", "Newsletter")):
        strings = project.content / "strings" / f"{code}.yml"
        strings.write_text(strings.read_text(encoding="utf-8") + f'custom:\n  newsletter: "{said}"\n', encoding="utf-8")
    base = project.templates / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(
        text.replace("</footer>", '<p class="newsletter">{{ page.strings.custom.newsletter }}</p></footer>')
    )
    assert "</footer>" in text
    build_site(project, search=False)
    for code, said in (("ar", "النشرة البريدية"), ("en", "Newsletter")):
        assert parse(project.site / code / "index.html").xpath("//p[@class='newsletter']/text()") == [said]
    english = project.content / "strings" / "en.yml"
    english.write_text(
        english.read_text(encoding="utf-8").replace('  newsletter: "Newsletter"\n', '  podcast: "Podcast"\n')
    )
    with pytest.raises(ContentError) as refused:
        check(project)
    said = sorted((problem.path.name, problem.field, problem.message) for problem in refused.value.problems)
    assert said == [
        ("ar.yml", "custom", "has no `podcast`, which another language's strings have"),
        ("en.yml", "custom", "has no `newsletter`, which another language's strings have"),
    ]
    # A mapping's own names (`items` printed a method's address, different each build) and empty words: refused.
    english.write_text(
        english.read_text(encoding="utf-8").replace('  podcast: "Podcast"\n', '  items: "Items"\n  newsletter: "  "\n')
    )
    with pytest.raises(ContentError) as refused:
        check(project)
    said = sorted((problem.field, problem.message) for problem in refused.value.problems if problem.path == english)
    assert said == [
        ("custom.items", "`items` is a name templates read as something else: choose another"),
        ("custom.newsletter", "is empty; write the text"),
    ]


def test_headings_in_paragraphs_take_no_anchor_of_the_page(project: Project) -> None:
    """A paragraph's `## Timeline` was `id="timeline"`, the page's timeline's, and the contents link went to it;
    `## Voice Fixture Voice` took the voice's, which every "according to" link names (an outside tester's):
    each heading's anchor is its section's own, and every anchor on the page is one."""
    second = project.explainers / "second-explainer.yml"
    text = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    paragraph = '      - ar: "فقرة وحيدة في قسم الاختبار."\n        en: "The single fixture paragraph."\n'
    # the same heading twice in one paragraph too: Markdown's toc named the second `timeline_1` (an outside tester's)
    headings = "## Timeline\\n\\nOne.\\n\\n## Voice Fixture Voice\\n\\nTwo."
    headings += "\\n\\n## Timeline\\n\\nThree.\\n\\n## Phase_1"
    written = f'      - ar: "فقرة.\\n\\n## الخط الزمني\\n\\nواحد."\n        en: "First.\\n\\n{headings}"\n'
    text = text.replace(paragraph, written + written.replace("First", "Again"), 1)
    dek = '  en: "A short summary of the second fixture explainer."'
    assert dek in text  # and the dek, a paragraph too (an independent reviewer's)
    second.write_text(text.replace(dek, '  en: "A summary.\\n\\n## Timeline\\n\\nMore."', 1), encoding="utf-8")
    build_site(project)
    page = parse(project.site / "en" / "fixture-second-explainer" / "index.html")
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(ids)
    assert page.xpath('//*[@id="timeline"]')[0].tag == "section"
    assert page.xpath('//*[@id="voice-fixture-voice"]')[0].tag != "h3"
    assert [h.get("id") for h in page.xpath("//h3[@id]")] == [
        "dek--timeline",
        "fixture-section--timeline",
        "fixture-section--voice-fixture-voice",
        "fixture-section--timeline-2",
        "fixture-section--phase_1",
        "fixture-section--timeline-3",
        "fixture-section--voice-fixture-voice-2",
        "fixture-section--timeline-4",
        "fixture-section--phase_1-2",
    ]
