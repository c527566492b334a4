"""Shared fixtures: throwaway copies of the project, built sites, and parsed pages."""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import lxml.html
import pytest
from hypothesis import settings
from PIL import Image

from generator.build import Build
from generator.load import load
from generator.markup import TextRenderer, for_language
from generator.model import Explainer
from generator.project import Project
from generator.settings import Content, Language
from generator.validate import validate_settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# CI (.ci/run) tries each property test on the examples derived from the test itself: a landing must not
# hinge on a random draw. Every other run draws afresh, and what one finds becomes a fixed regression case
# (tests/test_bidi.py holds one, found so in the fifth session). No run times an example: a test asserts what
# the code does, not how fast a shared machine did it (an example took 256 ms, over Hypothesis's 200, on a CI
# machine busy with Chromium, and failed a landing); speed is bench/'s.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_SLUG = "kim-jong-un-russia-visit"
ARTIFACTS = REPO / "tests" / "artifacts"


# `make test-fast` sets this: the property tests then try a sixth of their examples (every one still runs).
FAST = bool(os.environ.get("EXPLAINERS_FAST_TESTS"))


def examples(count: int) -> int:
    """How many examples a property test tries: `count`, or a sixth of it in the fast run."""
    return max(25, count // 6) if FAST else count


def build_site(
    project: Project, site: Path | None = None, use_cache: bool = True, search: bool = True, allow_empty: bool = False
) -> dict[str, bytes]:
    """`python -m generator build`, in-process: the files written."""
    return Build(project, site, use_cache=use_cache, search=search, allow_empty=allow_empty).run()


def build(project: Project) -> dict[str, bytes]:
    """Every file of the site, in memory, as `check` and the MkDocs plugin make them (nothing written)."""
    return Build(project, write=False).run()


def check(project: Project) -> Content:
    """`python -m generator check`'s pipeline, in-process: raises ContentError, or gives the site's content."""
    pipeline = Build(project, write=False, use_cache=False)
    pipeline.run()
    assert pipeline.site is not None
    return pipeline.site


def load_explainer(project: Project, slug: str) -> Explainer:
    """An explainer of a project as the model reads it, found by its slug."""
    for path in project.explainer_listing()[0]:
        explainer = Explainer.model_validate(load(path).data)
        if explainer.slug == slug:
            return explainer
    raise LookupError(slug)


def name_fonts(project: Project, fonts: dict[str, str]) -> list[int]:
    """Name a web font for languages in the project's site.yml (`languages.<code>.font`); the lines they are on."""
    settings = project.content / "site.yml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    for code, path in fonts.items():
        lines.insert(lines.index(f"  {code}:") + 1, f"    font: {path}")
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [lines.index(f"    font: {path}") + 1 for path in fonts.values()]


def site_languages(root: Path = REPO) -> tuple[Language, ...]:
    """A project's languages, as its site.yml sets them."""
    settings, problems = validate_settings(load(root / "content" / "site.yml"))
    assert settings is not None, problems
    return Content(settings, {}).languages


def text_renderer(code: str, digits: str = "latn") -> TextRenderer:
    """The markup of one of the real project's languages, with the digit setting given."""
    languages = site_languages()
    language = next(language for language in languages if language.code == code)
    return for_language(dataclasses.replace(language, digits=digits), languages)


BAD_CASES = Path(__file__).resolve().parent / "bad_content"  # one mistake per file; see test_bad_content.py
_CASE_TARGETS = {
    "site--": "content/site.yml",
    "strings-ar--": "content/strings/ar.yml",
    "authors--": "content/authors.yml",
}


def place(case: Path, project_root: Path) -> None:
    for prefix, target in _CASE_TARGETS.items():
        if case.name.startswith(prefix):
            shutil.copy(case, project_root / target)
            return
    shutil.copy(case, project_root / "content" / "explainers" / case.name)


def copy_project(destination: Path) -> Project:
    """A private copy of the real project (content, templates, mkdocs.yml), safe to edit."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, destination / name)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return Project(destination)


def module_project(prefix: str) -> Project:
    """A copy of the project for a whole test module's examples (hypothesis runs them outside any fixture),
    removed when the test process ends: a folder made and left at import filled /tmp run after run."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return copy_project(folder / "project")


EXAMPLE = REPO / "examples" / "trilingual"  # a project in three languages, with no code of its own


def example_copy(folder: Path) -> Path:
    """examples/trilingual at the same depth as in the repository, with the repository's templates beside it
    (its mkdocs.yml names them as ../../templates); returns the project folder."""
    project = folder / "examples" / "trilingual"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    (folder / "templates").symlink_to(REPO / "templates")
    return project


def add_explainer(project: Project, slug: str, published: dt.date, topics: list[str]) -> None:
    """A copy of the fixture explainer under another slug, date and topics."""
    text = (FIXTURES / "second-explainer.yml").read_text(encoding="utf-8")
    changed = text.replace("slug: fixture-second-explainer", f"slug: {slug}", 1).replace(
        "published: 2024-01-15", f"published: {published.isoformat()}\ntopics: [{', '.join(topics)}]", 1
    )
    assert changed.count(slug) == 1 and "topics:" in changed
    (project.content / "explainers" / f"{slug}.yml").write_text(changed, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture
def two_explainer_project(project: Project) -> Project:
    """The real project plus the small second fixture explainer."""
    shutil.copy(FIXTURES / "second-explainer.yml", project.content / "explainers" / "second-explainer.yml")
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project plus the fixture explainer, built once for all read-only tests."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    shutil.copy(FIXTURES / "second-explainer.yml", project.content / "explainers" / "second-explainer.yml")
    build_site(project)
    return project.site


Parse = Callable[[Path], lxml.html.HtmlElement]


def parse(path: Path) -> lxml.html.HtmlElement:
    """A page as a tree, parsed the way an HTML parser reads it."""
    return lxml.html.document_fromstring(path.read_bytes())


@pytest.fixture
def artifacts() -> Path:
    """Where tests leave screenshots and reports for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright():  # type: ignore[no-untyped-def]
    """One Playwright driver a test process: the sync API cannot run two at once in one thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):  # type: ignore[no-untyped-def]
    """Debian's Chromium, driven by Playwright; never a downloaded browser build."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def killed_browser(playwright, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A Chromium of the test's own, started here and killed (its whole process group) when the test ends, not
    asked to close: a Decap page's close after a save hung past pytest-timeout's ten minutes in three CI runs
    (twenty-ninth, thirtieth and thirty-fourth sessions), every assertion held, and Playwright's close has no
    timeout of its own. Playwright attaches over the DevTools protocol, on the port Chromium chose and wrote
    in its profile folder (no port to race for)."""
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, *CHROMIUM_ARGS, "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        written = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (written.is_file() and written.read_text().count("\n") >= 1):
            assert process.poll() is None, f"Chromium exited with {process.returncode} before it listened"
            assert time.monotonic() < deadline, "Chromium did not write DevToolsActivePort within 30 s"
            time.sleep(0.05)
        port = written.read_text().split("\n")[0]
        yield playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


DESKTOP = {"width": 1280, "height": 800}
OpenPage = Callable[..., "Page"]


@pytest.fixture
def open_page(browser: Browser, served_site: str) -> Iterator[OpenPage]:
    """Open a path of the served site in a fresh context (its own viewport, colour scheme, JS setting, forced
    colours); all closed afterwards. A module that serves a site of its own overrides `served_site`."""
    contexts = []

    def _open(path: str, *, viewport: dict[str, int] = DESKTOP, **context_options: Any) -> Page:
        context = browser.new_context(viewport=viewport, **context_options)  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        response = page.goto(served_site + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        assert_styled(page)
        return page

    yield _open
    for context in contexts:
        context.close()


def assert_styled(page: Page) -> None:
    """Guard against vacuous passes: an unstyled page (broken stylesheet link) would still 'not overflow'."""
    margin = page.eval_on_selector("body", "body => getComputedStyle(body).marginTop")
    assert margin == "0px", f"{page.url}: stylesheet not applied (body margin {margin})"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A folder over HTTP on 127.0.0.1 (directory URLs need a server that maps them to index.html)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    with serving(built_site) as address:
        yield address


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into parsed YAML data, so a mutation can target any field at any depth (property tests)."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*at, index))
    return found


def container(data: Any, at: tuple[Any, ...]) -> Any:
    """What holds the value at a path (a path from `paths`)."""
    for part in at[:-1]:
        data = data[part]
    return data


# --- The web's own checkers, shared by the standards tests of every project ------------------------------

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def run_vnu(*arguments: str) -> list[dict[str, Any]]:
    """Run the Nu checker once; its JSON report (written to stderr) as a list of messages."""
    java = shutil.which("java")
    assert java, "java is not installed (make test-deps installs default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci`"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu exited {result.returncode} without a JSON report:\n{result.stderr}\n{result.stdout}")
    messages: list[dict[str, Any]] = report["messages"]
    # vnu exits 1 exactly when it reports errors; anything else is the checker itself failing.
    assert result.returncode in (0, 1), f"vnu exited {result.returncode}: {result.stderr}"
    return messages


def message_path(message: dict[str, Any]) -> str:
    """The checked file a message is about ('file:/tmp/x.html' -> '/tmp/x.html')."""
    return unquote(message.get("url", "").removeprefix("file:"))


def describe(message: dict[str, Any], root: Path) -> str:
    where = message_path(message).removeprefix(str(root.resolve()) + "/")
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    extract = message.get("extract", "").replace("\n", "⏎")
    return f"{where}:{line}:{column}: {message['message']}" + (f"\n    {extract}" if extract else "")


def split_report(messages: list[dict[str, Any]], root: Path, artifact: Path) -> tuple[list[str], list[str]]:
    """Errors (including the checker's own 'non-document-error') and warnings, described; the report saved."""
    artifact.write_text(json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8")
    errors = [describe(m, root) for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [describe(m, root) for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    for warning in warnings:  # allowed, but shown (pytest prints captured output with -rA or on failure)
        print("vnu warning:", warning)
    return errors, warnings


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """
async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})
"""


def axe_results(page: Page) -> dict[str, Any]:
    page.add_script_tag(path=str(AXE))
    page.evaluate("document.fonts.ready")
    results: dict[str, Any] = page.evaluate(AXE_RUN, [*WCAG_TAGS, "best-practice"])
    return results


def describe_violation(violation: dict[str, Any]) -> str:
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}"]
    for node in violation["nodes"]:
        lines.append(f"  at {' '.join(map(str, node['target']))}")
        lines.extend(f"    {line}" for line in node.get("failureSummary", "").splitlines())
    return "\n".join(lines)


def in_process(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *arguments: str
) -> tuple[int, str, str]:
    from generator.cli import main

    monkeypatch.chdir(project.root)
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# axe-core's color-contrast rule skips any text it takes for an icon-font ligature (axe.commons.text.
# isIconLigature), and joined Arabic letters look like ligatures to it: on the Arabic explainer about two
# text nodes in three, skip link and h1 included, are silently left unchecked. So the contrast of every
# text node is also measured here, the way WCAG 1.4.3 defines it, whatever its script.
CONTRAST_JS = """
scope => {
  const parse = value => {
    const match = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const luminance = rgb => {
    const [r, g, b] = rgb.slice(0, 3).map(c => {
      c /= 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backdrop = element => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') return null;
      const colour = parse(style.backgroundColor);
      if (colour === null) return null;
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '');
  const failures = [];
  const unmeasured = [];
  let checked = 0;
  for (const element of document.querySelectorAll(scope)) {
    for (const el of [element, ...element.querySelectorAll('*')]) {
      const texts = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.nodeValue.trim());
      if (!texts.length || !el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible') continue;
      const background = backdrop(el);
      const foreground = parse(style.color);
      if (background === null || foreground === null) {
        unmeasured.push(describe(el));
        continue;
      }
      const text = over(foreground, background);
      const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      checked += 1;
      if (ratio < needed) {
        failures.push({element: describe(el), text: texts[0].nodeValue.trim().slice(0, 40),
                       ratio: Math.round(ratio * 100) / 100, needed, color: style.color});
      }
    }
  }
  return {checked, failures, unmeasured};
}
"""


GPS = 0x8825  # the EXIF block of a GPS position


def photo(width: int = 2000, height: int = 1200, rotated: bool = False) -> bytes:
    """A JPEG as a phone writes it: EXIF with a GPS position and the camera's orientation."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "FixtureCam"  # Make
    exif[0x0112] = 6 if rotated else 1  # Orientation: 6 = turn 90° clockwise to view
    exif.get_ifd(GPS).update({1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)})
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, quality=90, comment=b"FixtureCam comment")
    return output.getvalue()


def chart() -> bytes:
    image = Image.new("RGB", (1000, 600), "white")
    for bar in range(5):
        image.paste((11, 83, 148), (100 + bar * 170, 500 - bar * 90, 200 + bar * 170, 560))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
