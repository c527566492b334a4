"""Languages are data: examples/trilingual (Arabic, English, French) builds with no code of its own and meets
the web's standards, and a fourth language, right to left, is content and one stylesheet rule.

The trilingual project is copied as it is in the repository (content only: it has no templates of its own,
so the default ones are used) and built by the command line and by MkDocs; the Persian fixture adds `fa` to
it the way a newsroom would: a `languages:` entry, an interface-strings file, the texts, one CSS rule.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import (
    EXAMPLE,
    FIXTURES,
    REPO,
    SEED_SLUG,
    axe_results,
    build_site,
    copy_project,
    describe,
    describe_violation,
    example_copy,
    parse,
    run_vnu,
    serving,
)
from playwright.sync_api import Browser, expect

from generator.project import Project

SLUG = "kim-jong-un-russia-visit"
THREE = {"ar": "rtl", "en": "ltr", "fr": "ltr"}
FOUR = {**THREE, "fa": "rtl"}
PERSIAN_SLUG = "kim-russia-brief"


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example, built by `python -m generator --project examples/trilingual build`."""
    project = example_copy(tmp_path_factory.mktemp("trilingual"))
    command = [sys.executable, "-m", "generator", "--project", str(project), "build"]
    subprocess.run(command, check=True, capture_output=True, cwd=REPO)
    return project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_example_passes_the_strict_check_a_newsroom_gates_on() -> None:
    """A newsroom copies the example: it failed `check --strict`, its translation record behind (an outside
    tester's); and "according to" takes each voice as the language inflects it there (`attributed`)."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(EXAMPLE), "check", "--strict"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_according_to_names_a_voice_as_each_language_inflects_it(trilingual: Path) -> None:
    """`بحسب المسؤولون الأمريكيون` (the name's nominative after a preposition) and `selon Les responsables` read
    wrong (an outside reader's): a voice's `attributed` is its name there."""
    said = {
        code: [
            " ".join(element.xpath("string()").split())
            for element in parse(trilingual / code / SLUG / "index.html").xpath("//*[@class='attribution']")
        ]
        for code in THREE
    }
    assert "— بحسب المسؤولين الأمريكيين" in said["ar"], said["ar"]
    assert "— selon les responsables américains" in said["fr"], said["fr"]
    assert "— according to US officials" in said["en"], said["en"]


def test_every_language_has_every_page_in_its_direction(trilingual: Path) -> None:
    for code, direction in THREE.items():
        for name in ("index.html", "404.html", f"{SLUG}/index.html", "topics/index.html", "search/index.html"):
            root = parse(trilingual / code / name)
            assert (root.get("lang"), root.get("dir")) == (code, direction), f"{code}/{name}"
        feed = lxml.etree.parse(str(trilingual / code / "feed.xml")).getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
    french = parse(trilingual / "fr" / SLUG / "index.html")
    assert french.findtext(".//h1").startswith("La visite de Kim Jong Un en Russie")
    assert "minutes de lecture" in french.text_content()


def alternates(page: lxml.html.HtmlElement) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in page.xpath("//head/link[@rel='alternate'][@hreflang]")}


def test_hreflang_is_reciprocal_among_three_languages(trilingual: Path) -> None:
    """Every page that names its versions names all three and x-default, and each version names the same set."""
    site_url = "https://explainers.example.org/trilingual/"
    checked = 0
    for path in pages(trilingual):
        found = alternates(parse(path))
        if not found:
            continue
        assert set(found) == {"ar", "en", "fr", "x-default"}, path
        home = path.parent == trilingual or (path.parent.parent == trilingual and path.name == "index.html")
        assert found["x-default"] == (site_url if home else found["ar"]), path  # the homes': the root chooser
        for href in (found[code] for code in (*THREE, "x-default")):
            target = trilingual / href.removeprefix(site_url) / "index.html"
            assert alternates(parse(target)) == found, f"{path} → {target}"
        checked += 1
    assert checked >= 3 * 6
    sitemap = lxml.etree.parse(str(trilingual / "sitemap.xml")).getroot()
    links = sitemap.findall(".//{http://www.w3.org/1999/xhtml}link")
    assert {link.get("hreflang") for link in links} == {"ar", "en", "fr", "x-default"}


def test_switches_offer_every_other_language_in_its_own(trilingual: Path) -> None:
    for code in THREE:
        page = parse(trilingual / code / SLUG / "index.html")
        switches = page.xpath("//header//a[@class='language-switch']")
        assert [switch.get("lang") for switch in switches] == [other for other in THREE if other != code]
        for switch in switches:
            assert switch.get("dir") == THREE[switch.get("lang")]
            assert switch.get("href").endswith(f"{switch.get('lang')}/{SLUG}/")
        section = page.xpath("//section[@id]")[1]  # the first section of the text (after the key takeaways)
        links = section.xpath(".//a[@class='section-switch']")
        assert [link.get("hreflang") for link in links] == [other for other in THREE if other != code]
        locales = page.xpath("//meta[@property='og:locale:alternate']/@content")
        assert len(locales) == 2


def test_json_ld_links_the_original_to_both_translations(trilingual: Path) -> None:
    def data(code: str) -> dict[str, object]:
        script = parse(trilingual / code / SLUG / "index.html").xpath("//script[@type='application/ld+json']")[0]
        return dict(json.loads(script.text))

    original = data("ar")  # the source article is in Arabic
    assert [item["inLanguage"] for item in original["workTranslation"]] == ["en", "fr"]  # type: ignore[index]
    for code in ("en", "fr"):
        assert data(code)["translationOfWork"]["inLanguage"] == "ar"  # type: ignore[index]


def test_a_search_page_takes_a_query_in_its_own_script_as_its_own_language(trilingual: Path) -> None:
    """A French query that found nothing on the French search page was "English" (the site's first language of
    the Latin script), and the page offered the English search for it (an outside tester's): each search page
    takes its own script's queries as its own language's."""
    for code, script in (("fr", "Latin"), ("en", "Latin"), ("ar", "Arabic")):
        block = parse(trilingual / code / "search" / "index.html").xpath("//*[@id='search']")[0]
        languages = dict(json.loads(block.get("data-strings"))["languages"])
        assert languages[script] == code, (code, languages)


def test_search_indexes_french_apart(trilingual: Path) -> None:
    """A third language gets shards of its own: a French search finds only French pages."""
    shards = json.loads((trilingual / "search-index" / "shards.json").read_text(encoding="utf-8"))
    assert set(shards["languages"]) == {"ar", "en", "fr"}
    for shard in shards["languages"]["fr"]["shards"]:
        meta = json.loads((trilingual / "search-index" / shard / "meta.json").read_text(encoding="utf-8"))
        assert meta["pages"]
        assert {url.split("/")[0] for url, _ in meta["pages"]} == {"fr"}


def test_the_root_page_offers_every_language(trilingual: Path) -> None:
    root = parse(trilingual / "index.html")
    assert [section.get("lang") for section in root.xpath("//main//section")] == ["ar", "en", "fr"]
    skip = root.xpath("//a[@class='skip-link']")[0]
    said = {span.get("lang"): span.text for span in skip.iter("span")}
    assert said == {"ar": "انتقل إلى المحتوى", "en": "Skip to content", "fr": "Aller au contenu"}, said


@pytest.mark.slow  # the Nu checker runs in Java
def test_nu_checker_finds_no_error(trilingual: Path) -> None:
    messages = run_vnu(*(str(path.resolve()) for path in pages(trilingual)))
    errors = [
        describe(message, trilingual) for message in messages if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "fr/", f"fr/{SLUG}/", f"ar/{SLUG}/", "fr/topics/russia/", "fr/search/"])
def test_axe_and_visible_switches(browser: Browser, trilingual: Path, artifacts: Path, path: str) -> None:
    with serving(trilingual) as address:
        context = browser.new_context(viewport={"width": 375, "height": 800})
        page = context.new_page()
        response = page.goto(address + path)
        assert response is not None and response.ok
        results = axe_results(page)
        assert not results["violations"], "\n".join(describe_violation(v) for v in results["violations"])
        for switch in page.locator("header .language-switch").all():
            box = switch.bounding_box()
            assert switch.is_visible() and box is not None and box["width"] > 0
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"{path}: a switch is off screen"
        page.screenshot(path=str(artifacts / f"trilingual-{path.replace('/', '-') or 'root'}.png"), full_page=True)
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["ar", "fr"])
def test_a_sections_switches_stand_together_at_the_end_of_its_heading(
    browser: Browser, trilingual: Path, artifacts: Path, code: str
) -> None:
    """With two other languages, one switch stood in the middle of the heading's line and the other at its end
    (an outside tester's third language): both stand at the end, side by side."""
    with serving(trilingual) as address:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{address}{code}/{SLUG}/")
        head = page.locator(".section-head").first
        boxes = [switch.bounding_box() for switch in head.locator(".section-switch").all()]
        edge = head.bounding_box()
        assert len(boxes) == 2 and all(boxes) and edge is not None
        left, right = sorted(boxes, key=lambda box: box["x"])  # type: ignore[index]
        assert right["x"] - (left["x"] + left["width"]) < 16, "the two switches stand side by side"
        end = right["x"] + right["width"] if code == "fr" else left["x"]
        assert abs(end - (edge["x"] + edge["width"] if code == "fr" else edge["x"])) < 2, "at the line's end"
        head.screenshot(path=str(artifacts / f"trilingual-section-head-{code}.png"))
        page.close()


# Each character of the French title, with the top of the line it is on, the title narrowed step by step.
ORPHANS_JS = """
h1 => {
  const found = [];
  const text = h1.textContent;
  for (let width = 260; width <= 760; width += 4) {  // narrower, `Pyongyang ?` alone overflows and is cut
    h1.style.inlineSize = width + "px";
    for (const mark of [...text.matchAll(/[?:;!»]/g)]) {
      const at = mark.index, walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
      let seen = 0, node;
      while ((node = walker.nextNode()) && seen + node.length <= at - 2) seen += node.length;
      const range = document.createRange();
      range.setStart(node, at - 2 - seen);  // the word's last letter, before the space
      range.setEnd(node, at - 1 - seen);
      const letter = range.getBoundingClientRect().top;
      range.setStart(node, at - seen);
      range.setEnd(node, at + 1 - seen);
      if (Math.abs(range.getBoundingClientRect().top - letter) > 2) found.push(width + "px: " + mark[0]);
    }
  }
  return found;
}
"""


def test_french_interface_strings_keep_their_spaces_from_breaking(trilingual: Path) -> None:
    """`Carte : Natural Earth` and `Plus de détails dans « … »`, the shipped French strings, kept plain spaces where
    the explainers' texts had no-break ones, and a line began with `:` or `»` (an outside tester's newsroom): no
    text of a French page has a breaking space before `: ; ! ? »` or after `«`."""
    breaking = re.compile(r" [:;!?»]|« ")
    found = []
    for path in sorted((trilingual / "fr").rglob("*.html")):
        for element in lxml.html.parse(str(path)).getroot().iter():
            if element.tag not in ("script", "style", "code", "pre"):
                found += [(path.name, text) for text in (element.text, element.tail) if text and breaking.search(text)]
    assert not found, found[:5]
    credit = lxml.html.parse(str(trilingual / "fr" / SLUG / "index.html")).getroot().cssselect(".credit")
    assert credit and credit[0].text_content().startswith("Carte\u00a0:\u00a0")  # (kept with its credit, too)


@pytest.mark.browser
def test_a_french_search_result_keeps_the_pages_no_break_spaces(browser: Browser, trilingual: Path) -> None:
    """A result's title and excerpt were read with every space a plain one, and broke `9 / % ?` where the page
    kept them together (an outside tester's French newsroom)."""
    with serving(trilingual) as address:
        page = browser.new_page()
        page.goto(f"{address}fr/search/?q=Pyongyang")
        page.wait_for_function("() => document.getElementById('search').dataset.state === 'done'")
        title = page.locator(".search-result-link").first.text_content() or ""
        page.close()
    assert title.startswith("La visite de Kim Jong Un en Russie\u00a0:") and title.endswith("Pyongyang\u202f?"), title


@pytest.mark.browser
def test_french_punctuation_never_starts_a_line(browser: Browser, trilingual: Path, artifacts: Path) -> None:
    """`Russie :` and `Pyongyang ?` as the editor typed them: at some widths the page began a line with `:` or
    `?` (an outside tester's); their spaces no longer break, at any width the title is given."""
    with serving(trilingual) as address:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{address}fr/{SLUG}/")
        assert page.eval_on_selector("main h1", ORPHANS_JS) == []
        page.locator("main h1").screenshot(path=str(artifacts / "trilingual-french-title.png"))
        page.close()


def test_a_new_languages_skeleton_and_strings_file_are_said_for_it(tmp_path: Path) -> None:
    """`new` wrote the commented picture and publisher texts in Arabic and English only on a French site, and a
    new language's missing strings file was to be "restored from the project's history" (an outside tester's)."""
    project = example_copy(tmp_path)
    command = [sys.executable, "-m", "generator", "--project", str(project)]
    subprocess.run([*command, "new", "a-new-one"], check=True, capture_output=True)
    text = (project / "content" / "explainers" / "a-new-one.yml").read_text(encoding="utf-8")
    assert '  #   fr: "[Publisher, in Français]"' in text and '  fr: "[Headline, in Français]"' in text  # not English's
    alt = '#   alt: {ar: "[ما تُظهره الصورة]", en: "[What the picture shows]", '
    alt += 'fr: "[What the picture shows, in Français]"}'
    assert alt in text
    assert "  language: ar  #" in text and "/ar/a-new-one/" in text  # the language editors write first: the first
    settings = project / "content" / "site.yml"
    said = settings.read_text(encoding="utf-8")
    settings.write_text(said.replace("translation_source: ar", "translation_source: fr"), encoding="utf-8")
    subprocess.run([*command, "new", "une-autre"], check=True, capture_output=True)
    text = (project / "content" / "explainers" / "une-autre.yml").read_text(encoding="utf-8")
    assert "  language: fr  #" in text and "/fr/une-autre/" in text  # it said `ar` on every site
    (project / "content" / "strings" / "fr.yml").unlink()
    result = subprocess.run([*command, "check"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/strings/fr.yml:1:1: is missing (for a language added to site.yml, copy another" in result.stderr


@pytest.mark.slow
def test_mkdocs_builds_the_example_as_the_command_line_does(tmp_path: Path) -> None:
    project = example_copy(tmp_path)
    subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "direct"], cwd=project, check=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, check=True, capture_output=True)

    def tree(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    assert f"fr/{SLUG}/index.html" in tree(project / "site")
    assert tree(project / "site") == tree(project / "direct")


# --- A fourth language, right to left: content and one stylesheet rule -------------------------------------


def add_line_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text, anchor
    path.write_text(text.replace(anchor, anchor + line, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def persian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The trilingual example with Persian added as a newsroom would add it; the site built from it."""
    root = tmp_path_factory.mktemp("persian") / "project"
    shutil.copytree(EXAMPLE / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    content = root / "content"
    for old in (content / "explainers" / f"{SLUG}.yml", content / "translations" / f"{SLUG}.yml"):
        old.unlink()  # an explainer of the site is written in every language: the fixture's is in four
    shutil.copy(FIXTURES / "persian" / "explainer.yml", content / "explainers" / f"{PERSIAN_SLUG}.yml")
    shutil.copy(FIXTURES / "persian" / "fa.yml", content / "strings" / "fa.yml")
    # Persian in site.yml: its name and digits only; direction (rtl) and locale come from CLDR.
    site = (content / "site.yml").read_text(encoding="utf-8")
    site = re.sub(r"(\n  fr:\n(?:    .*\n)+)", r"\1  fa:\n    name: فارسی\n    digits: arabext\n", site, count=1)
    site = site.replace("fr: Corée du Nord}", "fr: Corée du Nord, fa: کره شمالی}").replace(
        "fr: Russie}", "fr: Russie, fa: روسیه}"
    )
    (content / "site.yml").write_text(site, encoding="utf-8")
    for code, name in (("ar", "الفارسية"), ("en", "Persian"), ("fr", "persan")):
        add_line_after(content / "strings" / f"{code}.yml", "language_names:\n", f"  fa: {name}\n")
    build_site(Project(root))
    return root / "site"


def test_a_fourth_language_gets_its_pages_switches_and_digits(persian: Path) -> None:
    page = parse(persian / "fa" / PERSIAN_SLUG / "index.html")
    assert (page.get("lang"), page.get("dir")) == ("fa", "rtl")
    assert page.findtext(".//h1") and re.search("[\u0600-\u06ff]", page.findtext(".//h1") or "")
    assert set(alternates(page)) == {*FOUR, "x-default"}
    switches = page.xpath("//header//a[@class='language-switch']")
    assert [switch.get("lang") for switch in switches] == ["ar", "en", "fr"]
    assert "۲۰۲۳" in page.xpath("string(//p[@class='meta']/time)")  # Persian digits, as site.yml asks
    french = parse(persian / "fr" / PERSIAN_SLUG / "index.html")
    fa_switch = french.xpath("//header//a[@lang='fa']")[0]
    assert (fa_switch.get("dir"), fa_switch.text) == ("rtl", "خواندن به فارسی")
    assert (persian / "fa" / "feed.xml").is_file() and (persian / "fa" / "404.html").is_file()


@pytest.mark.browser
def test_persian_takes_the_arabic_scripts_typography_with_no_rule_of_its_own(
    browser: Browser, persian: Path, artifacts: Path
) -> None:
    """The Arabic faces, line and size, and no slant: the stylesheet's Arabic rules were `:lang(ar)` alone, and
    the README's one rule for a language in Arabic script left its source titles slanted by the browser and its
    text smaller than Arabic (an outside tester's Urdu). A list is numbered in its digits, as its dates are."""
    with serving(persian) as address:
        context = browser.new_context(viewport={"width": 375, "height": 800})
        page = context.new_page()
        page.goto(f"{address}fa/{PERSIAN_SLUG}/")
        family = page.eval_on_selector("h1", "h1 => getComputedStyle(h1).fontFamily")
        assert family.startswith('"Noto Naskh Arabic"'), family
        look = "e => [getComputedStyle(e).fontStyle, getComputedStyle(e).fontSize, getComputedStyle(e).listStyleType]"
        assert page.eval_on_selector(".sources cite", look)[0] == "normal"
        assert page.eval_on_selector("body", look)[1] == "18px"  # 1.125rem, as Arabic's
        assert page.eval_on_selector(".toc ol", look)[2] == "persian"
        title = page.locator("h1").inner_text().split()[0]
        page.goto(f"{address}fa/search/?q={title}")
        status = page.locator(".search-status")
        expect(status).to_contain_text("نتیجه")
        assert status.inner_text().startswith("۱ "), status.inner_text()  # not a Latin 1 (an outside tester's Urdu)
        read = "async (url) => window.searchPageText(await (await fetch(url)).text(), url).text"
        text = page.evaluate(read, f"{address}fa/{PERSIAN_SLUG}/")
        assert " | " in text and "·" not in text  # where a heading ends: the middle dot reads as the zero ۰
        results = axe_results(page)
        assert not results["violations"], "\n".join(describe_violation(v) for v in results["violations"])
        page.screenshot(path=str(artifacts / "persian-explainer.png"), full_page=True)
        context.close()


def _in_english_only(value: object) -> object:
    """Content with every text's Arabic left out: `{ar: …, en: …}` becomes `{en: …}`."""
    if isinstance(value, dict):
        if set(value) == {"ar", "en"}:
            return {"en": value["en"]}
        return {key: _in_english_only(item) for key, item in value.items()}
    return [_in_english_only(item) for item in value] if isinstance(value, list) else value


def test_a_site_of_one_language_opens_on_its_home(tmp_path: Path) -> None:
    """An English-only desk's root page was a chooser of one button (an outside tester's): it sends readers to
    the home at once, names it as canonical, and is not indexed; the root 404 still says the page is missing."""
    project = copy_project(tmp_path / "project")
    for path in [*project.explainers.glob("*.yml"), project.content / "authors.yml", project.settings_file]:
        data = _in_english_only(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    settings = yaml.safe_load(project.settings_file.read_text(encoding="utf-8"))
    settings.update(languages={"en": settings["languages"]["en"]}, default_language="en", translation_source="en")
    project.settings_file.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project.content / "strings" / "ar.yml").unlink()
    strings = project.content / "strings" / "en.yml"
    said = yaml.safe_load(strings.read_text(encoding="utf-8"))
    said["language_names"] = {"en": said["language_names"]["en"]}
    strings.write_text(yaml.safe_dump(said, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(project.content / "translations", ignore_errors=True)
    build_site(project)
    root = parse(project.site / "index.html")
    assert root.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=en/"]
    assert root.xpath("//link[@rel='canonical']/@href") == ["https://explainers.example.org/en/"]
    assert root.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert root.xpath("//meta[@name='generator']"), "the site folder stays marked as a build's"
    assert "en/" in [link.get("href") for link in root.iter("a")]
    assert parse(project.site / "404.html").xpath("//main//a[@hreflang='en']")


def test_a_language_added_to_site_yml_is_told_everything_it_needs_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A language added took four rounds of `check`: site.yml and the explainers, then the missing strings file
    alone, then the other strings' names for it, then authors.yml (an outside tester's). One round says all."""
    from generator.cli import main

    project = copy_project(tmp_path / "project")
    settings = project.content / "site.yml"
    text = settings.read_text(encoding="utf-8")
    french = "  fr:\n    name: Français\n    direction: ltr\n    og_locale: fr_FR\n"
    settings.write_text(
        text.replace(
            "    og_locale: en_US\n    digits: latn\n", "    og_locale: en_US\n    digits: latn\n" + french, 1
        ),
        "utf-8",
    )
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 1
    said = capsys.readouterr().err
    lines = said.splitlines()
    for file, told in [
        ("content/site.yml", "name.fr: is missing"),  # its topics' names
        (f"content/explainers/{SEED_SLUG}.yml", "title.fr: is missing"),
        ("content/strings/fr.yml", "is missing (for a language added to site.yml"),
        ("content/strings/en.yml", "language_names: has no name for `fr`"),
        ("content/authors.yml", ".fr: is missing"),
    ]:
        assert any(line.startswith(f"{file}:") and told in line for line in lines), (file, told, said)
