"""The built site against the web's own yardsticks: the Nu HTML Checker, axe-core, the keyboard, page structure.

The Nu checker (vnu.jar) and axe-core are the tools the W3C and accessibility auditors use; they come pinned
from npm (package.json) and run against the same site the other tests build. The structure checks read the
HTML the way assistive technology does: one h1, no skipped heading levels, one banner/main/contentinfo,
and every change of language marked with `lang`.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from conftest import (
    CONTRAST_JS,
    FIXTURES,
    SEED_SLUG,
    WCAG_TAGS,
    axe_results,
    build_site,
    copy_project,
    describe,
    describe_violation,
    message_path,
    parse,
    run_vnu,
    split_report,
)
from playwright.sync_api import Browser

LANGUAGES = ("ar", "en")
DIRECTIONS = {"ar": "rtl", "en": "ltr"}
OTHER = {"ar": "en", "en": "ar"}

# One page of every type, in both languages, plus the language-neutral root pages.
PAGE_TYPES = [
    "",
    "404.html",
    "ar/",
    "en/",
    f"ar/{SEED_SLUG}/",
    f"en/{SEED_SLUG}/",
    "ar/404.html",
    "en/404.html",
    "ar/topics/",
    "en/topics/",
    "ar/topics/north-korea/",
    "en/topics/russia/",
    "ar/search/",
    "en/search/",
    "ar/archive/",
    "en/archive/2024/",
]
# Every page the fixture build must produce (a guard against checkers passing over an empty directory).
EXPECTED_PAGES = {
    "index.html",
    "404.html",
    *(f"{lang}/{name}" for lang in LANGUAGES for name in ("index.html", "404.html")),
    *(f"{lang}/{slug}/index.html" for lang in LANGUAGES for slug in (SEED_SLUG, "fixture-second-explainer")),
    *(f"{lang}/topics/{name}index.html" for lang in LANGUAGES for name in ("", "north-korea/", "russia/")),
    *(f"{lang}/search/index.html" for lang in LANGUAGES),
    *(f"{lang}/archive/{name}index.html" for lang in LANGUAGES for name in ("", "2023/", "2024/")),
}

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN_LETTERS = re.compile(r"[A-Za-z\u00C0-\u024F]")
SCRIPTS = {"ar": ARABIC_LETTERS, "en": LATIN_LETTERS}
# Text the generator leaves in its own script on purpose (see generator/markup.py's _SKIP).
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style"}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def relative(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# The editor (admin/, Decap CMS's app) is the newsroom's tool, not a page for readers: the Nu checker sees it,
# the reader-page rules below do not (tests/test_editor_browser.py drives it in a browser).
EDITOR_PAGES = {"admin/index.html"}


def test_every_page_is_checked(built_site: Path) -> None:
    """The per-page tests below cover exactly the pages the build writes: a new page type must be added here."""
    built = {relative(built_site, path) for path in html_pages(built_site)} - EDITOR_PAGES
    assert built >= EXPECTED_PAGES, f"not built: {sorted(EXPECTED_PAGES - built)}"
    assert built <= EXPECTED_PAGES, f"add to EXPECTED_PAGES (and PAGE_TYPES if new): {sorted(built - EXPECTED_PAGES)}"


# --- 1. Nu HTML Checker ----------------------------------------------------------------------------


# A broken page and a broken stylesheet go into the same runs as the site: if the checker ever stopped
# reporting (wrong flag, wrong output stream, files silently skipped), these would show it.
BROKEN_HTML = "<!doctype html><html lang=en><title>x</title><p><div>x</p><img src=a>"
BROKEN_CSS = "a { colr: red }"


def checked(messages: list[dict[str, Any]], canary: Path) -> list[dict[str, Any]]:
    """The site's messages, once the canary is shown to have been reported."""
    ours = [m for m in messages if message_path(m) == str(canary.resolve())]
    assert any(m["type"] == "error" for m in ours), f"vnu did not report the broken {canary.name}: {messages}"
    return [m for m in messages if m not in ours]


@pytest.mark.slow  # the Nu checker runs in Java
def test_nu_checker_html(built_site: Path, artifacts: Path, tmp_path: Path) -> None:
    """Every page of the built site is valid HTML, in one run of the Nu checker (warnings are allowed)."""
    pages = html_pages(built_site)
    assert len(pages) >= len(EXPECTED_PAGES)
    canary = tmp_path / "broken.html"
    canary.write_text(BROKEN_HTML, encoding="utf-8")
    messages = checked(run_vnu(*(str(path.resolve()) for path in pages), str(canary.resolve())), canary)
    errors, _ = split_report(messages, built_site, artifacts / "vnu-html.json")
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)


@pytest.mark.slow  # the Nu checker runs in Java
def test_nu_checker_css(built_site: Path, artifacts: Path, tmp_path: Path) -> None:
    """The stylesheet is valid CSS to the same checker."""
    stylesheets = sorted((built_site / "assets").glob("*.css"))
    assert stylesheets, "no stylesheet in site/assets"
    canary = tmp_path / "broken.css"
    canary.write_text(BROKEN_CSS, encoding="utf-8")
    messages = checked(run_vnu("--css", *(str(path.resolve()) for path in stylesheets), str(canary.resolve())), canary)
    errors, _ = split_report(messages, built_site, artifacts / "vnu-css.json")
    assert not errors, f"{len(errors)} CSS error(s):\n" + "\n".join(errors)


@pytest.mark.slow  # the Nu checker runs in Java
def test_nu_checker_link_in_attributed_point(tmp_path: Path) -> None:
    """Content may link inside a point; the page stays valid when that point is attributed to a voice.

    "Who said what" repeats each attributed point as the text of a link back to its section. A point
    whose own text holds a link then gives `<a><a></a></a>`, which no parser keeps: the HTML parser closes
    the outer link early, and the Nu checker reports "Start tag a seen but an element of the same type was
    already open". The fix is for PageBuilder._voice to pass the statement text with its links unwrapped.
    """
    project = copy_project(tmp_path / "project")
    source = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    linked = source.replace(
        'en: "A single fixture point attributed to the fixture voice."',
        'en: "A single fixture point, [reported here](https://example.org/report), attributed to the voice."',
    )
    assert linked != source
    (project.content / "explainers" / "second-explainer.yml").write_text(linked, encoding="utf-8")
    build_site(project)
    page = project.site / "en" / "fixture-second-explainer" / "index.html"
    errors = [describe(m, project.site) for m in run_vnu(str(page.resolve())) if m["type"] == "error"]
    assert not errors, "\n".join(errors)


# --- 2. axe-core -----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES, ids=[f"/{path}" for path in PAGE_TYPES])
def test_axe(open_page: Any, path: str, scheme: str) -> None:
    """No WCAG 2.1 A/AA violation on any page type, in either language or colour scheme.

    axe's best-practice rules (landmarks, heading order, region) run too and fail the test as well: the
    templates meet them, and a regression there is as real to a screen-reader user as a WCAG one.
    """
    page = open_page(path, color_scheme=scheme)
    results = axe_results(page)
    assert results["testEngine"]["name"] == "axe-core"
    violations = results["violations"]
    wcag = [v for v in violations if set(v["tags"]) & set(WCAG_TAGS)]
    other = [v for v in violations if v not in wcag]
    for kind, found in (("violation", violations), ("needs review", results["incomplete"])):
        for result in found:
            print(f"axe {kind} on /{path} ({scheme}): {describe_violation(result)}")
    assert not wcag, f"/{path} ({scheme}): {len(wcag)} WCAG violation(s):\n" + "\n".join(map(describe_violation, wcag))
    assert not other, f"/{path} ({scheme}): {len(other)} best-practice violation(s):\n" + "\n".join(
        map(describe_violation, other)
    )


@pytest.mark.browser
def test_checkers_report_faults(browser: Browser) -> None:
    """Guard against a vacuous pass: axe and the contrast measurement do find faults in a faulty page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html><body><img src="x.png"><p style="color:#eee;background:#fff">faint</p></body></html>')
        ids = {violation["id"] for violation in axe_results(page)["violations"]}
        assert {"image-alt", "color-contrast", "html-has-lang"} <= ids, ids
        # The in-test contrast measurement finds the faint paragraph too, and faint Arabic that axe skips.
        page.set_content(
            '<html lang="ar" dir="rtl"><body style="background:#fff"><p>نص واضح</p>'
            '<p style="color:#aaa">نص باهت</p><h1 style="color:#888;font-size:30px">عنوان</h1></body></html>'
        )
        result = page.evaluate(CONTRAST_JS, "body")
        assert result["checked"] == 3, result
        assert [(failure["text"], failure["needed"]) for failure in result["failures"]] == [("نص باهت", 4.5)], result
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES, ids=[f"/{path}" for path in PAGE_TYPES])
def test_text_contrast_in_every_script(open_page: Any, path: str, scheme: str) -> None:
    """Every text node, Arabic included, meets WCAG AA contrast (4.5:1, or 3:1 for large text)."""
    page = open_page(path, color_scheme=scheme)
    result = page.evaluate(CONTRAST_JS, "body")
    assert result["checked"] >= 5, result
    assert not result["unmeasured"], f"/{path} ({scheme}): text over an image or unparsed colour: {result}"
    assert not result["failures"], f"/{path} ({scheme}): " + "\n".join(map(str, result["failures"]))


# --- 3. Keyboard -----------------------------------------------------------------------------------


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two opaque computed colours ('rgb(r, g, b)')."""

    def luminance(colour: str) -> float:
        channels = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)", colour)
        assert channels, f"not an opaque rgb() colour: {colour}"
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (int(v) / 255 for v in channels.groups())
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


FOCUS_JS = """
() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    className: el.className,
    href: el.getAttribute('href'),
    inMain: Boolean(el.closest('main')),
    box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
    viewport: {width: window.innerWidth, height: window.innerHeight},
    onTop: hit === el || el.contains(hit),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    pageBackground: getComputedStyle(document.body).backgroundColor,
  };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_by_keyboard(open_page: Any, lang: str, scheme: str) -> None:
    """The first Tab lands on a visible skip link with a visible focus ring; Enter moves focus into main."""
    page = open_page(f"{lang}/{SEED_SLUG}/", color_scheme=scheme)
    # Until focused, wholly above the page: an edge of it showed over an Arabic page's header (an outside tester's).
    assert page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom") <= 0
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_JS)
    assert (focus["tag"], focus["className"], focus["href"]) == ("a", "skip-link", "#main"), focus

    box, viewport = focus["box"], focus["viewport"]
    assert box["right"] - box["left"] > 0 and box["bottom"] - box["top"] > 0, f"skip link has no size: {box}"
    assert box["left"] >= 0 and box["right"] <= viewport["width"], f"skip link off-screen sideways: {box}"
    assert box["top"] >= 0 and box["bottom"] <= viewport["height"], f"skip link off-screen: {box}"
    assert focus["onTop"], "the focused skip link is covered by another element"
    assert focus["outlineStyle"] != "none", "no focus outline on the skip link"
    assert focus["outlineWidth"] >= 2, f"focus outline only {focus['outlineWidth']}px wide"
    ring = contrast_ratio(focus["outlineColor"], focus["pageBackground"])
    assert ring >= 3, f"focus ring {focus['outlineColor']} on {focus['pageBackground']} is only {ring:.2f}:1"
    # Shown only on focus, so the page-wide contrast checks never see it: measure it now that it is visible.
    contrast = page.evaluate(CONTRAST_JS, ".skip-link")
    assert contrast["checked"] == 1 and not contrast["failures"], contrast

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    # The next Tab continues from the content, not from the header the reader chose to skip.
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_JS)
    assert after["inMain"], f"Tab after the skip link went to {after['tag']} {after['href']}, outside main"
    assert after["outlineStyle"] != "none" and after["outlineWidth"] >= 2, after


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_the_contents_before_the_key_figures(open_page: Any, lang: str) -> None:
    """The contents stand in a rail beside the headline: Tab took a reader through the key figures' links below
    the headline first, then back up to the rail (an outside tester's finding). Now the rail comes first."""
    page = open_page(f"{lang}/{SEED_SLUG}/")
    page.focus("#main")
    parts = []
    for _ in range(40):
        page.keyboard.press("Tab")
        part = page.evaluate("(document.activeElement.closest('.toc, .key-figures') || {}).className || ''")
        if part and (not parts or parts[-1] != part):
            parts.append(part)
    assert parts[:2] == ["toc", "key-figures"], parts


# --- 4. Structure ----------------------------------------------------------------------------------

SECTIONING = "ancestor::article or ancestor::aside or ancestor::main or ancestor::nav or ancestor::section"


def effective_lang(element: lxml.html.HtmlElement) -> str | None:
    for node in (element, *element.iterancestors()):
        if node.get("lang") is not None:
            return str(node.get("lang"))
    return None


PAGE_FILES = sorted(EXPECTED_PAGES)


@pytest.mark.parametrize("name", PAGE_FILES)
def test_headings(built_site: Path, name: str) -> None:
    """Exactly one h1, first; no heading level skipped on the way down."""
    tree = parse(built_site / name)
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1, f"{name}: {levels.count(1)} h1 elements"
    assert levels[0] == 1, f"{name}: the first heading is h{levels[0]}"
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skips, f"{name}: heading levels skip {skips} in {levels}"
    assert all(h.text_content().strip() for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")), f"{name}: empty"


@pytest.mark.parametrize("name", PAGE_FILES)
def test_landmarks(built_site: Path, name: str) -> None:
    """One main, one banner header and one contentinfo footer, at the top level of the body."""
    tree = parse(built_site / name)
    mains = tree.xpath("//main | //*[@role='main']")
    assert len(mains) == 1, f"{name}: {len(mains)} main landmarks"
    assert mains[0].get("id") == "main", f"{name}: the skip link's target #main is not the main element"
    banners = tree.xpath(f"//header[not({SECTIONING})] | //*[@role='banner']")
    assert len(banners) == 1, f"{name}: {len(banners)} banner headers"
    footers = tree.xpath(f"//footer[not({SECTIONING})] | //*[@role='contentinfo']")
    assert len(footers) == 1, f"{name}: {len(footers)} contentinfo footers"
    children = [child for child in tree.body if isinstance(child.tag, str)]
    skip = children[0]
    assert skip.get("class") == "skip-link" and skip.get("href") == "#main", (
        f"{name}: the body does not open with the skip link"
    )
    order = [child.tag for child in children if child.tag in ("header", "main", "footer")]
    assert order == ["header", "main", "footer"], f"{name}: landmarks in the order {order}"


@pytest.mark.parametrize("name", PAGE_FILES)
def test_language_markup(built_site: Path, name: str) -> None:
    """Every lang is ar or en with its direction; links to the other language say so and read in it."""
    tree = parse(built_site / name)
    root = tree.getroottree().getroot()
    page_lang = root.get("lang")
    assert page_lang in LANGUAGES and root.get("dir") == DIRECTIONS[page_lang], name
    for element in tree.xpath("//*[@lang]"):
        lang = element.get("lang")
        assert lang in LANGUAGES, f"{name}: <{element.tag} lang={lang!r}>"
        if element.get("dir") is not None:
            assert element.get("dir") == DIRECTIONS[lang], (
                f"{name}: <{element.tag} lang={lang} dir={element.get('dir')}>"
            )

    for link in tree.body.xpath(".//a[@hreflang]"):
        target = link.get("hreflang")
        text = link.text_content().strip()
        assert target in LANGUAGES, f"{name}: hreflang={target!r}"
        assert effective_lang(link) == target, f"{name}: link to {target} ({text!r}) is marked {effective_lang(link)}"
        assert SCRIPTS[target].search(text), f"{name}: link to {target} reads {text!r}"
        assert not SCRIPTS[OTHER[target]].search(text), f"{name}: link to {target} reads {text!r}"
        destination = built_site / urlsplit(urljoin(f"http://site/{name}", link.get("href"))).path.lstrip("/")
        if destination.is_dir() or not destination.suffix:
            destination = destination / "index.html"
        assert destination.is_file(), f"{name}: {link.get('href')} leads nowhere"
        assert parse(destination).get("lang") == target, f"{name}: {link.get('href')} is not a {target} page"

    switches = tree.xpath("//header[@class='site-header']//a[contains(@class, 'language-switch')]")
    has_alternates = bool(tree.xpath("//head/link[@rel='alternate'][@hreflang]"))
    chooser = name == "index.html"  # the root page names every home, and offers them in its main content
    # A language's 404 is no page's translation (no alternates) but offers the other language's home.
    offered = (has_alternates and not chooser) or name.endswith("/404.html")
    assert len(switches) == (1 if offered else 0), f"{name}: {len(switches)} language switches"
    if switches:
        switch = switches[0]
        assert switch.get("hreflang") == switch.get("lang") == OTHER[page_lang], name


def assert_runs_marked(site: Path, name: str) -> list[str]:
    """Letters of one script outside code sit in an element whose language is that script's; the runs seen."""
    tree = parse(site / name)
    seen = []
    for element in tree.body.iter():
        if not isinstance(element.tag, str) or element.tag in VERBATIM:
            continue
        if any(ancestor.tag in VERBATIM for ancestor in element.iterancestors()):
            continue
        texts = [(element.text, element), *((child.tail, element) for child in element if isinstance(child.tag, str))]
        for text, owner in texts:
            if not text or not text.strip():
                continue
            lang = effective_lang(owner)
            for script, letters in SCRIPTS.items():
                if script != lang and letters.search(text):
                    pytest.fail(f"{name}: {script} text {text.strip()!r} inside <{owner.tag}> marked lang={lang}")
        if element.tag == "bdi" and element.get("lang"):
            seen.append(element.text_content())
    return seen


@pytest.mark.parametrize("name", PAGE_FILES)
def test_script_runs_carry_their_language(built_site: Path, name: str) -> None:
    """Arabic text is never read out as English, nor English as Arabic: every run is inside a matching lang."""
    assert_runs_marked(built_site, name)


def test_latin_runs_on_arabic_pages_are_marked(tmp_path: Path) -> None:
    """With English words in Arabic copy, the Arabic pages wrap each run in <bdi lang="en" dir="ltr">."""
    project = copy_project(tmp_path / "project")
    source = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    mixed = source.replace("فقرة وحيدة في قسم الاختبار.", "فقرة وحيدة عن حلف NATO وعن Kim Jong Un في قسم الاختبار.")
    assert mixed != source
    (project.content / "explainers" / "second-explainer.yml").write_text(mixed, encoding="utf-8")
    build_site(project)
    runs = assert_runs_marked(project.site, "ar/fixture-second-explainer/index.html")
    assert {"NATO", "Kim Jong Un"} <= {run.strip() for run in runs}, runs
    tree = parse(project.site / "ar/fixture-second-explainer/index.html")
    bdis = tree.xpath("//bdi[@lang='en']")
    assert bdis and all(bdi.get("dir") == "ltr" for bdi in bdis)


def test_the_header_is_a_navigation_that_says_where_the_reader_is(built_site: Path) -> None:
    """The header's links are a navigation landmark, and the one to the page being read says so
    (`aria-current`); none did (an outside reader's finding)."""
    for path, current in (
        ("en/index.html", "site-title"),
        ("en/search/index.html", "site-search"),
        ("ar/topics/index.html", "site-topics"),
    ):
        root = parse(built_site / path)
        (nav,) = root.xpath("//header[@class='site-header']/nav")
        assert nav.get("aria-label") and len(nav.xpath("./a")) == 3
        assert [a.get("class") for a in nav.xpath("./a[@aria-current='page']")] == [current], path
    explainer = parse(built_site / "en" / SEED_SLUG / "index.html")
    assert not explainer.xpath("//header//a[@aria-current]")
    # what a voice is reported saying is attributed, mostly in other words: no quotation
    assert explainer.xpath("//ul[@class='statements']/li/p[@class='statement']")
    assert not explainer.xpath("//ul[@class='statements']//blockquote")


def test_the_root_pages_frame_speaks_every_language(built_site: Path) -> None:
    """The root page offers every language: its header and footer did so in the first language alone, with its
    topics and search (an outside reader's finding). Each language's name of the site, and its link to all
    explainers, leads to that language's home, marked with its language."""
    for name in ("index.html", "404.html"):
        root = parse(built_site / name)
        titles = root.xpath("//header[@class='site-header']/a")
        assert [(a.get("lang"), a.get("href").rstrip("/").rsplit("/", 1)[-1]) for a in titles] == [
            ("ar", "ar"),
            ("en", "en"),
        ]
        assert not root.xpath("//header//a[contains(@href, 'search') or contains(@href, 'topics')]")
        links = root.xpath("//footer[@class='site-footer']//a")
        assert [(a.getparent().get("lang"), a.get("hreflang")) for a in links] == [("ar", "ar"), ("en", "en")]
