"""Every way a build can fail ends in located lines or one system line and a non-zero exit, never a traceback.

One test per condition that once ended in a Python traceback (issue 10, item 4), run through the real
command line in-process from the project folder, with the exact lines an editor sees. Where a content
condition is a mistake in a file, `check` must say the same as `build`: check finds all a build refuses.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, SEED_SLUG, copy_project, name_fonts

from generator import write
from generator.cli import main
from generator.project import DEFAULT_TEMPLATES, Project

Mutation = Callable[[Project], None]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _not_a_font(project: Project) -> None:
    (project.root / "notes.ttf").write_text("not a font\n", encoding="utf-8")
    name_fonts(project, {"en": "notes.ttf"})


def _system_font(project: Project) -> None:
    """A font named from outside the project: it was read and a subset of it published."""
    name_fonts(project, {"en": "../../../../../../../../usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"})


def _authors_loop(project: Project) -> None:
    """The bylines file a link in a loop: it was taken for no file (every byline then unknown)."""
    project.authors_file.unlink()
    project.authors_file.symlink_to("authors.yml")


def _link_loop(project: Project) -> None:
    (project.explainers / "a.yml").symlink_to("b.yml")
    (project.explainers / "b.yml").symlink_to("a.yml")
    (project.explainers / "here").symlink_to(".")  # a folder that leads back into itself


STRINGS_EN = "content/strings/en.yml"


def _in_strings(old: str, new: str) -> Mutation:
    return lambda project: _replace(project.root / STRINGS_EN, old, new)


def _formatting(where: str, written: str) -> list[str]:
    """The line for a placeholder written with a format spec or a conversion."""
    bare = written.split("!")[0].split(":")[0]
    message = "has formatting after the name, which the site cannot apply"
    return [f"{STRINGS_EN}:{where}: `{{{written}}}` {message} (write it as `{{{bare}}}`)"]


def _line_of(text: str, template: str = "explainer.html", after: int = 0) -> int:
    """The line of a seed template that first holds `text` (after line `after`: where a problem there is located)."""
    lines = (REPO / "templates" / template).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line and number > after)


def _html_in_attribute(project: Project) -> None:
    """An analytics tag's `content="{{ explainer.title }}"`, and a title with a run in the other direction."""
    head = '{% block head %}<meta property="x:headline" content="{{ explainer.title }}">{% endblock %}'
    _replace(project.templates / "explainer.html", "{% block main %}", head + "{% block main %}")
    seed = project.explainers / "kim-jong-un-russia-visit.yml"
    _replace(seed, "en: \"Kim Jong Un's visit to Russia:", "en: \"Kim Jong Un's visit to روسيا:")


def _html_in_an_included_attribute(project: Project) -> None:
    """The same tag in a template of its own that the explainer's includes (a retester's `meta.html`)."""
    _html_in_attribute(project)
    _replace(project.templates / "explainer.html", '<meta property="x:headline"', '{% include "meta.html" %}<meta x=""')
    headline = '{% if explainer is defined %}<meta property="x:headline" content="{{ explainer.title }}">{% endif %}'
    (project.templates / "meta.html").write_text(
        f'<meta name="x:kind" content="{{{{ page.lang.code }}}}">\n{headline}\n'
    )


def _link_from_the_root(project: Project) -> None:
    """A link written from the domain's root, for a site served under a sub-path; a comment above it names the
    same address, which is no link (the line was said to be the comment's)."""
    _replace(project.templates / "base.html", "{% block header %}", '{% block header %}<a href="/ar/">ع</a>')
    _replace(project.templates / "base.html", "<head>", '<head>{# see href="/ar/" below #}')
    _replace(
        project.settings_file, "site_url: https://explainers.example.org/", "site_url: https://example.org/explainers/"
    )


HEADER = _line_of("{% block header %}", "base.html")

CONDITIONS: dict[str, tuple[Mutation, list[str]]] = {
    "format-spec": (
        _in_strings("{count} minute", "{count:x} minute"),
        _formatting("49:3: reading_time.one", "count:x"),
    ),
    "huge-width": (
        _in_strings("{topic}", "{topic:>999999999}"),
        _formatting("26:1: topic_description", "topic:>999999999"),
    ),
    "conversion": (_in_strings("{name}", "{name!z}"), _formatting("43:1: said_by", "name!z")),
    "date-pattern-time": (
        lambda project: _replace(project.root / STRINGS_EN, "day: d MMMM y", "day: d MMMM y HH:mm"),
        [
            f"{STRINGS_EN}:55:3: date_formats.day: `d MMMM y HH:mm` is not a date pattern the site can use: it"
            " asks for a time of day or a time zone, and these dates have neither (use CLDR date letters for day,"
            " month and year, e.g. `d MMMM y`; put other words in 'single quotes')",
        ],
    ),
    "date-pattern-letter": (
        lambda project: _replace(project.root / STRINGS_EN, "year: y", "year: g"),
        [
            f"{STRINGS_EN}:57:3: date_formats.year: `g` is not a date pattern the site can use: unsupported"
            " date/time field 'g' (use CLDR date letters for day, month and year, e.g. `d MMMM y`; put other"
            " words in 'single quotes')",
        ],
    ),
    "font-not-a-font": (
        _not_a_font,
        [
            "content/site.yml:24:5: languages.en.font: names `notes.ttf`, which is not a font file (name a TrueType or"
            " OpenType font file: .ttf, .otf, .woff or .woff2)",
        ],
    ),
    "font-outside-the-project": (
        _system_font,
        [
            "content/site.yml:24:5: languages.en.font: names `../../../../../../../../usr/share/fonts/truetype/noto/"
            "NotoSans-Regular.ttf`, which is outside the project (copy the font into the project (e.g. fonts/) and"
            " give its path from the project folder)",
        ],
    ),
    "authors-a-link-loop": (
        _authors_loop,
        ["content/authors.yml:1:1: is a link that leads back to itself (replace it with the file)"],
    ),
    "explainers-link-to-their-parent": (
        lambda project: (project.explainers / "sub").symlink_to(".."),
        ["content/explainers/sub:1:1: is a link to a folder that holds the explainers (remove the link)"],
    ),
    "settings-missing": (
        lambda project: (project.content / "site.yml").unlink(),
        ["content/site.yml:1:1: is missing (restore it from the project's history, or for an explainer run `new`)"],
    ),
    "explainer-a-pipe": (  # reading a named pipe would wait for a writer for ever
        lambda project: os.mkfifo(project.explainers / "waiting.yml"),
        ["content/explainers/waiting.yml:1:1: is not a file (a folder or a pipe) (replace it with the file)"],
    ),
    "template-missing": (
        lambda project: (project.templates / "explainer.html").unlink(),
        [
            "templates/explainer.html:1:1: is missing (every build renders it; a project's templates/ holds every"
            f" template: copy it from {DEFAULT_TEMPLATES / 'explainer.html'})",
        ],
    ),
    "template-used-missing": (
        lambda project: (project.templates / "base.html").unlink(),
        [
            "templates/base.html:1:1: is missing (root.html uses it; a project's templates/ holds every template:"
            f" copy it from {DEFAULT_TEMPLATES / 'base.html'})"
        ],
    ),
    "template-syntax": (
        lambda project: _replace(project.templates / "topics.html", "{%", "{% if %}{%"),
        [
            "templates/topics.html:1:1: is not a template Jinja can read: Expected an expression, got 'end of"
            " statement block' (fix the template syntax on this line)",
        ],
    ),
    "template-block-misnamed": (  # Jinja leaves a block its parent lacks out: empty articles, published
        lambda project: _replace(project.templates / "explainer.html", "{% block main %}", "{% block mian %}"),
        [
            "templates/explainer.html:2:1: defines the block `mian`, which no template it extends has: it is never"
            " shown (did you mean `main`?)",
        ],
    ),
    "template-safe": (  # text printed as markup: a title `<Kim onfocus=… autofocus>` would run its script
        lambda project: _replace(project.templates / "base.html", "{{ page.title }}", "{{ page.title|safe }}"),
        [
            "templates/base.html:7:1: uses `|safe`, which would print a text's markup as HTML (print the value as"
            " it is: values that hold HTML are marked safe by the build, the others are text)",
        ],
    ),
    "template-if-unclosed": (  # said at the `if`, not at the `endblock` where Jinja gave up (an outside tester's)
        lambda project: _replace(
            project.templates / "base.html", "{% block header %}", "{% block header %}{% if page %}"
        ),
        [
            f"templates/base.html:{HEADER}:1: opens `{{% if %}}`, which is never closed (Jinja met line"
            f" {_line_of('{% endblock %}', 'base.html', HEADER)} first) (close it with `{{% endif %}}` where it ends)",
        ],
    ),
    "template-forceescape": (  # a title's `<bdi>` shown as its tags, `&` as `&amp;` (an outside tester's)
        lambda project: _replace(project.templates / "base.html", "{{ page.title }}", "{{ page.title|forceescape }}"),
        [
            "templates/base.html:7:1: uses `|forceescape`, which would print a text's markup as its tags (print the"
            " value as it is: values that hold HTML are marked safe by the build, the others are text)",
        ],
    ),
    "template-html-without-language": (  # an Arabic page laid out left to right (an outside tester's)
        lambda project: _replace(
            project.templates / "base.html", ' lang="{{ page.lang.code }}" dir="{{ page.lang.direction }}"', ""
        ),
        [
            "templates/base.html:2:1: makes pages whose <html> has no lang or dir, where each page's language and"
            ' direction belong (<html lang="{{ page.lang.code }}" dir="{{ page.lang.direction }}">: a browser lays'
            " the page out by them)",
        ],
    ),
    "template-not-searched": (  # every search found nothing (an outside tester's template from before the index)
        lambda project: _replace(project.templates / "explainer.html", " data-search-body>", " data-pagefind-body>"),
        [
            f"templates/explainer.html:{_line_of('<article')}:1: makes explainer pages with no `data-search-body`:"
            " search finds none of them (`data-pagefind-body` is no longer read: the search index is the generator's"
            ' own) (mark the article as the shipped explainer.html does, `<article class="explainer"'
            " data-search-body>`)",
        ],
    ),
    "template-html-in-attribute": (  # the title's `<bdi>` ended the attribute; the rest shown above the page
        _html_in_attribute,
        [
            "templates/explainer.html:2:1: makes /en/kim-jong-un-russia-visit/ with HTML inside its attribute"
            " `content`, which ends at the first tag (print text there: `page.title`, or the value `|striptags` (a"
            " text's HTML is for the page's body))",
        ],
    ),
    "template-html-in-an-included-attribute": (
        _html_in_an_included_attribute,
        [
            "templates/meta.html:2:1: makes /en/kim-jong-un-russia-visit/ with HTML inside its attribute"
            " `content`, which ends at the first tag (print text there: `page.title`, or the value `|striptags` (a"
            " text's HTML is for the page's body))",
        ],
    ),
    "template-link-from-the-root": (  # a site under a sub-path, and a link written from the domain's root
        _link_from_the_root,
        [
            f"templates/base.html:{_line_of('{% block header %}', 'base.html')}:1: links to /ar/ from the domain's"
            ' root, outside the site (served under /explainers/) (link with `page.link("…")`, which works at the'
            " root and under a sub-path; a page of the domain's own other site by its https:// address)",
        ],
    ),
    "template-base-element": (  # every relative link of the site sent elsewhere (a retester's)
        lambda project: _replace(project.templates / "base.html", "<head>", '<head><base href="/">'),
        [
            f"templates/base.html:{_line_of('<head>', 'base.html')}:1: makes pages with a <base> element, which sends"
            " every link of the site elsewhere (delete it: the site's links are relative)",
        ],
    ),
    "template-dek-in-an-unquoted-attribute": (  # a paragraph's HTML, printed where no quote holds it
        lambda project: _replace(
            project.templates / "explainer.html",
            "{% block main %}",
            "{% block main %}<i title={{ explainer.dek }}></i>",
        ),
        [
            "templates/explainer.html:2:1: makes /ar/kim-jong-un-russia-visit/ with HTML inside its attribute `title`,"
            " which ends at the first tag (print text there: `page.title`, or the value `|striptags` (a text's HTML is"
            " for the page's body))",
        ],
    ),
    "template-python-internals": (  # an outside tester's: a title printed as HTML past `|safe`, a shell command run
        lambda project: _replace(
            project.templates / "base.html",
            "{{ page.title }}",
            '{{ page.__class__ }}{{ lipsum.__globals__["os"] }}{{ page["_x"] }}{{ page|attr("title") }}',
        ),
        [
            f"templates/base.html:7:1: {what} (print what the build gives the template; a template runs with the"
            " build's rights (README: Templates are code))"
            for what in (
                "reaches `__class__`, one of Python's own names",
                "reaches `__globals__`, one of Python's own names",
                "reaches `_x`, one of Python's own names",
                "uses `|attr`, which reaches a name made as the page renders",
            )
        ],
    ),
    "template-outside-blocks": (  # a child template's text outside its blocks: Jinja never shows it
        lambda project: _replace(
            project.templates / "explainer.html", "{% block main %}", "<aside>Hi</aside>\n{% block main %}"
        ),
        ["templates/explainer.html:2:1: has text outside its blocks, which it never shows (move it into a block)"],
    ),
    "template-safe-mapped": (  # the filter by name, where the check cannot see it: the environment has none
        lambda project: _replace(
            project.templates / "explainer.html",
            "{% block main %}",
            '{% block main %}{{ [page.title]|map("safe")|first }}',
        ),
        [
            'templates/explainer.html:2:1: fails as it renders: `{% block main %}{{ [page.title]|map("safe")|first }}`:'
            " No filter named 'safe'. (a name or attribute the page does not have, or not in every case: see the"
            " README's Templates of your own)",
        ],
    ),
    "template-dead-in-page-link": (  # the timeline's part renamed, its entry in the contents list kept (the first
        # page found is named: the template is at fault on every page)
        lambda project: _replace(project.templates / "explainer.html", '<section id="timeline"', '<section id="x"'),
        [
            f"templates/explainer.html:{_line_of('#timeline')}:1: makes /ar/kim-jong-un-russia-visit/ link to"
            " #timeline, which nothing on that page is (no id=timeline) (keep the part it links to, or leave the"
            " link out)",
        ],
    ),
    "template-link-to-nothing": (  # a logo saved under another name than the one linked, and a design picture
        # of templates/assets/ by its own name (published under one made from its content): broken on every page
        lambda project: (
            (project.templates / "static" / "brand").mkdir(parents=True),
            (project.templates / "static" / "brand" / "logo.png").write_bytes(b"png"),
            _replace(
                project.templates / "explainer.html",
                "{% block main %}",
                '{% block main %}<img src="{{ page.link(\'brand/logo.svg\') }}" alt="">'
                '<a href="{{ page.link("brand/logo.png") }}">{{ page.link("ar/topics/") }}</a>\n'
                '<img src="{{ page.link("assets/icon.svg#x") }}" alt="">',
            ),
        ),
        [
            "templates/explainer.html:2:1: links `brand/logo.svg`, but templates/static/brand/logo.svg does not exist,"
            " so the link is broken on every page (save the file in templates/static/ under that path, or link the"
            " name it has there)",
            "templates/explainer.html:3:1: links `assets/icon.svg#x`, a file of templates/assets/, which is published"
            " under another name (templates/assets/ is published under names made from the content; put it in"
            " templates/static/)",
        ],
    ),
    "stylesheet-missing": (
        lambda project: shutil.rmtree(project.templates / "assets"),
        [
            "templates/assets/style.css:1:1: is missing (every page links the stylesheet templates/assets/style.css;"
            " restore it, or give yours that name)",
        ],
    ),
    "link-loop": (
        _link_loop,
        [
            "content/explainers/a.yml:1:1: is a link that leads back to itself (replace it with the file)",
            "content/explainers/b.yml:1:1: is a link that leads back to itself (replace it with the file)",
        ],
    ),
}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("condition", sorted(CONDITIONS))
def test_condition_is_reported_in_located_lines(
    condition: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mutate, expected = CONDITIONS[condition]
    project = copy_project(tmp_path / "project")
    mutate(project)
    monkeypatch.chdir(project.root)
    assert main([command]) == 1
    count = len(expected)
    summary = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
    assert capsys.readouterr().err.splitlines() == [*expected, summary]
    assert not project.site.exists()


def test_templates_a_newsroom_writes_rightly_pass_the_page_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a retester's templates did, rightly, and the page checks refused: links to the newsroom's own site from
    the domain's root, `<` in an attribute's own text, a language tag with its region, `lang` in another
    attribute's name, and a comment naming `<html>`. A title's HTML in a single-quoted attribute is refused."""
    project = copy_project(tmp_path / "project")
    base = project.templates / "base.html"
    _replace(
        project.settings_file, "site_url: https://explainers.example.org/", "site_url: https://example.org/explainers/"
    )
    _replace(base, "<html ", '<!-- the <html> element --><html data-other-lang="en" ')
    _replace(base, 'lang="{{ page.lang.code }}"', 'lang="{{ page.lang.code }}-{{ page.lang.code|upper }}"')
    own = '<a href="/">Home</a><a href="/news/" title="Press <Enter>">News</a><script src="/static/a.js"></script>'
    own += '<span data-tippy-content="<strong>BBN</strong> news">i</span><!-- <a href="/ar/">old</a> -->'
    own += '<meta property="og:description" content="{{ explainer.dek|striptags if explainer is defined else "" }}">'
    _replace(base, "{% block header %}", "{% block header %}" + own)
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 0, capsys.readouterr().err
    head = "{% block head %}<meta property=\"x:headline\" content='{{ explainer.title }}'>{% endblock %}"
    _replace(project.templates / "explainer.html", "{% block main %}", head + "{% block main %}")
    _replace(
        project.explainers / f"{SEED_SLUG}.yml",
        "en: \"Kim Jong Un's visit to Russia:",
        "en: \"Kim Jong Un's visit to روسيا:",
    )
    assert main(["check"]) == 1
    assert "templates/explainer.html:2:1: makes /en/kim-jong-un-russia-visit/ with HTML inside its attribute" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "written",
    [
        '<img srcset="{{ page.link(\'brand/bg.png\') }} 1x, /assets/x@2x.png 2x" alt="">',
        "<div style=\"background: url('/brand/bg.png')\"></div>",
        "<style>.x { background: url(/assets/x.png) }</style>",
        '<a href="https://example.org/ar/">ع</a>',
        '<meta property="og:see_also" content="https://example.org/en/">',
    ],
    ids=["srcset", "style-attribute", "style-element", "whole-address", "meta-content"],
)
def test_links_from_the_root_are_found_wherever_a_page_writes_an_address(
    written: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `srcset`'s candidate, a style's `url()` and the site's own address written whole without its sub-path passed
    (a retester's): each leads out of a site served under `/explainers/`, and is refused at the template's line."""
    project = copy_project(tmp_path / "project")
    (project.templates / "static" / "brand").mkdir(parents=True)
    (project.templates / "static" / "brand" / "bg.png").write_bytes(b"a newsroom's own background")
    _replace(
        project.settings_file, "site_url: https://explainers.example.org/", "site_url: https://example.org/explainers/"
    )
    _replace(project.templates / "base.html", "{% block header %}", "{% block header %}" + written)
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 1
    assert f"templates/base.html:{HEADER}:1: links to " in capsys.readouterr().err


def test_addresses_written_rightly_pass_the_root_link_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same places written as a template should: through `page.link`, the site's whole address with its
    sub-path, a picture in the style's own data, and the domain's other site."""
    project = copy_project(tmp_path / "project")
    _replace(
        project.settings_file, "site_url: https://explainers.example.org/", "site_url: https://example.org/explainers/"
    )
    right = '<img srcset="{{ page.link(\'ar/\') }}x.png 1x, https://example.org/explainers/ar/y.png 2x" alt="">'
    right += (
        '<div style="background: url(data:image/gif;base64,R0lGOD)"></div><a href="https://example.org/news/">n</a>'
    )
    right += '<meta property="og:see_also" content="https://example.org/explainers/en/">'
    right += '<a href="https://example.org/ar/archives/">a</a>'  # the domain's other site has language folders too
    _replace(project.templates / "base.html", "{% block header %}", "{% block header %}" + right)
    # An explainer's link to the newsroom's main site, under /ar/ there (an outside tester's was refused, and blamed
    # on templates/base.html:1:1): the editor's to write, its home too.
    _replace(
        project.explainers / f"{SEED_SLUG}.yml",
        "which has been depleted by the war in Ukraine.",
        "which has been depleted by the war in Ukraine ([archives](https://example.org/ar/archives/2024/),"
        " [home](https://example.org/ar/)).",
    )
    monkeypatch.chdir(project.root)
    assert main(["check"]) == 0, capsys.readouterr().err


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
@pytest.mark.parametrize("previous_site", [False, True], ids=["first-build", "over-a-site"])
def test_system_error_while_writing_is_one_line(
    code: int,
    previous_site: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A full disk, a folder without write permission, a read-only file system (tests run as root, so
    the failure is simulated where every file is written): one line, exit 1, the previous site as it was."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    if previous_site:
        assert main(["build"]) == 0
        _replace(project.explainers / "kim-jong-un-russia-visit.yml", 'en: "Kim', 'en: "Now: Kim')  # a page to rewrite
    before = _files(project.site) if previous_site else {}
    capsys.readouterr()

    def failing(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(write, "write_public", failing)
    assert main(["build", "--no-search"]) == 1
    output = capsys.readouterr()
    lines = output.err.splitlines()
    assert len(lines) == 1, output.err
    assert lines[0].startswith(f"python -m generator build: {os.strerror(code).lower()} (.site-new/")
    advice = {errno.ENOSPC: "free some space on that disk", errno.EROFS: "the disk is mounted read-only"}
    assert lines[0].endswith("): " + advice.get(code, "the account that builds needs permission there (ls -l; chmod)"))
    assert "Traceback" not in output.err and output.out == ""
    assert (_files(project.site) if previous_site else {}) == before
    assert not project.site.exists() or previous_site
    assert sorted(path.name for path in project.root.iterdir() if path.name.startswith(".site")) == []


def test_template_failing_while_rendering_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A template that reads but names something no page has (an edited template): a problem at its line, as
    `check` reports every problem (its formats, the preview's panel), exit 1."""
    project = copy_project(tmp_path / "project")
    _replace(project.templates / "topics.html", "{%", "{{ no_such_value }}{%")
    monkeypatch.chdir(project.root)
    assert main(["build"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        'templates/topics.html:1:1: fails as it renders: `{{ no_such_value }}{% extends "base.html" %}`:'
        " 'no_such_value' is undefined (a name or attribute the page does not have, or not in every case: see the"
        " README's Templates of your own)",
        "1 problem found; nothing was written.",
    ]
    assert main(["check", "--format", "json"]) == 1
    assert '"message": "fails as it renders:' in capsys.readouterr().out


def test_unreadable_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A content file the user may not read (tests run as root, so the refusal is simulated): one line, exit 1."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    readable = Path.read_bytes

    def refusing(path: Path) -> bytes:
        if path.name == "ar.yml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return readable(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    for command in ("check", "build"):
        assert main([command]) == 1
        assert capsys.readouterr().err.splitlines() == [
            f"python -m generator {command}: permission denied (content/strings/ar.yml): the account that builds needs"
            " permission there (ls -l; chmod)"
        ]
    assert not project.site.exists()


def test_an_error_in_template_code_is_one_line_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only Jinja's own errors: whatever a template's code raises (`{{ 1/0 }}`) is a problem at its line."""
    project = copy_project(tmp_path / "project")
    topics = project.templates / "topics.html"
    topics.write_text(topics.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}{{ 1/0 }}"))
    monkeypatch.chdir(project.root)
    assert main(["build", "--no-search"]) == 1
    line, summary = capsys.readouterr().err.splitlines()
    assert line.startswith("templates/topics.html:") and "fails as it renders: `" in line
    assert "division by zero" in line and summary == "1 problem found; nothing was written."
