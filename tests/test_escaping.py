"""Escape for the context: text from content and settings reaches CSS, XML, JSON and host files only as its
format allows, so no title can restyle a page, call another host, break a feed or add a header."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import SEED_SLUG, build, name_fonts
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.fonts import css_string
from generator.project import Project
from generator.template_check import one_token

LATIN = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")  # Debian's fonts-noto-core
ATTACKS = [
    'Explainers"; color: transparent !important; font-family: "Z',
    "Explainers\"; src: url(https://attacker.example/x.woff2); font-family: 'Z",
    'Explainers\\"; ) ; color: transparent </style> <p>',
]


def set_line(path: Path, key: str, value: str) -> None:
    """Replace the top-level `key:` line of a YAML file with `value`, written as a JSON (so YAML) string."""
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {json.dumps(value)}"
    path.write_text(re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.M), "utf-8")


def unescape_css_string(token: str) -> str:
    """The text a CSS parser reads from a double-quoted string written by `css_string` (hex escapes only)."""
    assert re.fullmatch(r'"(?:[^"\\\n\r\f]|\\[0-9a-f]{1,6} )*"', token), token
    return re.sub(r"\\([0-9a-f]{1,6}) ", lambda match: chr(int(match.group(1), 16)), token[1:-1])


@pytest.mark.parametrize("text", [*ATTACKS, "", "plain", 'a"b', "a\\b", "line\nbreak\r\f", "\x00\x7f", "عربي <x>"])
def test_css_strings_cannot_be_ended_by_their_text(text: str) -> None:
    assert unescape_css_string(css_string(text)) == text


@pytest.fixture
def en_font_project(project: Project) -> Project:
    (project.root / "fonts").mkdir()
    shutil.copy(LATIN, project.root / "fonts" / "sans.ttf")
    name_fonts(project, {"en": "fonts/sans.ttf"})
    return project


@pytest.mark.parametrize("title", ATTACKS)
def test_a_site_title_never_reaches_the_font_stylesheet(en_font_project: Project, title: str) -> None:
    set_line(en_font_project.content / "strings" / "en.yml", "site_title", title)
    css = build(en_font_project)["fonts.css"].decode("utf-8")
    assert "Explainers" not in css
    assert "transparent" not in css and "attacker" not in css
    (href,) = re.findall(r'url\(("[^"]*")\)', css)
    assert unescape_css_string(href).startswith("assets/fonts/en.")
    families = {unescape_css_string(token) for token in re.findall(r'font-family: ("[^"]*")', css)}
    assert families == {"explainers-web-en"}


XML_TEXT = "Tom & Jerry <b>\"quoted\" 'single'</b> ]]> --> <!-- &amp;"


def test_feeds_and_sitemap_carry_any_text_as_text(project: Project) -> None:
    set_line(project.content / "strings" / "en.yml", "site_title", XML_TEXT)
    set_line(project.content / "strings" / "en.yml", "site_description", XML_TEXT)
    outputs = build(project)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = lxml.etree.fromstring(outputs["en/feed.xml"])  # raises on anything that is not well-formed
    assert feed.findtext(f"{atom}title") == XML_TEXT
    assert feed.findtext(f"{atom}subtitle") == XML_TEXT
    assert feed.findtext(f"{atom}author/{atom}name") == XML_TEXT
    assert [element.tag for element in feed if element.tag.endswith(("script", "b"))] == []
    for link in feed.iter(f"{atom}link"):
        assert link.get("href", "").startswith("https://")
    lxml.etree.fromstring(outputs["sitemap.xml"])


def test_json_ld_keeps_any_title_as_data(project: Project) -> None:
    title = "</script><script>alert(1)</script> & done"
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    explainer.write_text(text.replace("Kim Jong Un's visit to Russia", "Kim `</script>` & visit", 1), "utf-8")
    set_line(project.content / "strings" / "en.yml", "site_title", title)
    page = build(project)[f"en/{SEED_SLUG}/index.html"].decode("utf-8")
    (script,) = lxml.html.fromstring(page).xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["publisher"]["name"] == title
    assert "</script>" in data["headline"]


def test_host_files_are_plain_text(project: Project) -> None:
    set_line(project.content / "site.yml", "site_url", "https://example.org/news&views/o'clock/")
    outputs = build(project)
    robots = outputs["robots.txt"].decode("utf-8")
    assert "Sitemap: https://example.org/news&views/o'clock/sitemap.xml\n" in robots
    headers = outputs["_headers"].decode("utf-8")
    redirects = outputs["_redirects"].decode("utf-8")
    assert "/ar/*  /ar/404.html  404" in redirects
    for data in (robots, headers, redirects):
        assert "&amp;" not in data and "&#39;" not in data and "&#34;" not in data


@pytest.mark.parametrize("value", ["/a\n/b", "/a\r\nX-Injected: 1", "/a b", "/a\x00", "/a\u2028b", "/a\tb"])
def test_a_value_cannot_add_a_line_header_or_field_to_a_host_file(value: str) -> None:
    with pytest.raises(ValueError, match="refusing to write"):
        one_token(value)


@pytest.mark.parametrize(
    "url",
    [
        "https://user:pw@explainers.example.org/",
        "https://explainers.example.org/?q",
        "https://e.org/#f",
        "https://exаmple.org/",  # a Cyrillic `а`: every page's canonical link and feed to another domain (a retester's)
    ],
)
def test_a_site_url_given_on_the_command_line_is_refused_too(
    project: Project, url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project.root)
    with pytest.raises(SystemExit) as exit:  # a flag's own error, as argparse says it: exit 2
        main(["build", "--site-url", url])
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert "argument --site-url: is not a web address the site can use" in error
    assert "pw" not in error
    assert not project.site.exists()


TEMPLATE_TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"'؛ قال")), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.tuples(TEMPLATE_TEXT, st.sampled_from(["name", "section", ""])), min_size=1, max_size=4),
    name=st.text(max_size=12),
    section=st.text(max_size=12),
    safe=st.booleans(),
)
def test_a_label_fills_an_interface_string_as_markup_format_would(
    parts: list[tuple[str, str]], name: str, section: str, safe: bool
) -> None:
    """`label` fills an interface string with `str.format_map` (Markup.format is slow); for the bare
    placeholders strings_check allows, with any text or HTML in the string and the values, it is the same."""
    from markupsafe import Markup, escape

    from generator.i18n import label

    template = "".join(text + (f"{{{field}}}" if field else "") for text, field in parts)
    values = {"name": Markup(name) if safe else name, "section": section}
    assert label(template, **values) == escape(template).format(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["\\\\<b>", "&lt;b>"])
def test_a_bracket_written_as_check_says_shows_as_a_bracket(project: Project, written: str) -> None:
    """`check` tells an editor who wrote a tag to write `&lt;` to show the bracket as text (it said `\\<`, which
    inside double quotes, as `new` writes texts, YAML refused: an outside tester's); a backslash still does, and the
    page, its <title>, its link preview and the feed showed the backslash too (`why \\<b>`: an outside tester's)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    explainer.write_text(text.replace("Kim Jong Un's visit to Russia", f"Kim Jong Un's {written} visit to Russia", 1))
    outputs = build(project)
    page = lxml.html.fromstring(outputs[f"en/{SEED_SLUG}/index.html"])
    shown = [
        page.xpath("string(//h1)"),
        page.findtext(".//title"),
        page.xpath("string(//meta[@property='og:title']/@content)"),
        lxml.etree.fromstring(outputs["en/feed.xml"]).findtext("{http://www.w3.org/2005/Atom}entry/{*}title"),
    ]
    assert all("Kim Jong Un's <b> visit" in text and "\\" not in text for text in shown), shown
