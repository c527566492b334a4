"""The live preview as an editor uses it: serve, save a file, see the page change and the browser told."""

from __future__ import annotations

import contextlib
import json
import queue
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO, SEED_SLUG, name_fonts, parse
from servers import Preview, get, next_reload, served_version, start_preview, wait_for

from generator.build import Build
from generator.preview import Rebuilder
from generator.preview_page import CODE_STYLE
from generator.problems import ContentError
from generator.project import DEFAULT_TEMPLATES, Project

pytestmark = pytest.mark.slow
NOTO = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core
TITLE = '  en: "Kim Jong Un\'s visit to Russia: arms for Moscow, food and know-how for Pyongyang?"'


@pytest.fixture
def preview(project: Project, tmp_path: Path) -> Iterator[Preview]:
    yield from start_preview(project, tmp_path)


def test_saving_a_file_updates_the_page_and_tells_the_browser(project: Project, preview: Preview) -> None:
    page = f"{preview.address}en/{SEED_SLUG}/"
    status, html = get(page)
    assert status == 200
    version = served_version(html)
    written = (project.site / "en" / SEED_SLUG / "index.html").read_bytes()
    assert b"EventSource" not in written  # the published file stays free of JavaScript
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = explainer.read_text(encoding="utf-8")
    assert TITLE in text
    explainer.write_text(text.replace(TITLE, '  en: "Edited in the preview"'), encoding="utf-8")
    assert next_reload(preview.address, version) == f"data: {version + 1}"
    assert "Edited in the preview" in get(page)[1]


@pytest.mark.parametrize("temporary", [".seed.yml.swp", "seed.yml.tmp~", "../../seed-elsewhere.yml"])
def test_a_save_made_by_renaming_a_temporary_file_is_seen(project: Project, preview: Preview, temporary: str) -> None:
    """Editors that save atomically write a temporary file (hidden, a backup's name, or outside what is watched) and
    rename it over the explainer: a save stats only the files the watcher names, and the rename names it."""
    page = f"{preview.address}en/{SEED_SLUG}/"
    version = served_version(get(page)[1])
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    staged = explainer.parent / temporary
    staged.write_text(explainer.read_text("utf-8").replace(TITLE, '  en: "Saved by a rename"'), encoding="utf-8")
    staged.replace(explainer)
    assert next_reload(preview.address, version) == f"data: {version + 1}"
    assert "Saved by a rename" in get(page)[1]


def test_a_folder_of_explainers_moved_out_and_back_is_seen(project: Project, tmp_path: Path) -> None:
    """A folder's files have no events of their own: a year's folder moved out of content/ once the preview was
    quiet stayed listed, its page served, until an unrelated save (an outside tester's); moved back, it is listed
    again. Quiet: an edit built, and the search index made at the pause after it."""
    folder = project.explainers / "2026"
    folder.mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "second-explainer.yml", folder / "second-explainer.yml")

    def linked(html: str) -> set[str]:
        return {href.strip("/").rpartition("/")[2] for href in lxml.html.fromstring(html).xpath("//main//a/@href")}

    with contextlib.contextmanager(start_preview)(project, tmp_path) as preview:
        home = f"{preview.address}en/"
        seed, version = project.explainers / f"{SEED_SLUG}.yml", served_version(get(home)[1])
        seed.write_text(seed.read_text(encoding="utf-8").replace(TITLE, '  en: "Edited first"'), encoding="utf-8")
        next_reload(preview.address, version)
        wait_for(lambda: "search index updated" in preview.output(), timeout=60)
        listed = get(home)[1]
        assert {"fixture-second-explainer", SEED_SLUG} <= linked(listed)
        shutil.move(folder, tmp_path / "2026")
        next_reload(preview.address, served_version(listed))
        gone = get(home)[1]
        assert "fixture-second-explainer" not in linked(gone) and SEED_SLUG in linked(gone)
        assert "no explainer file makes the page published at /ar/fixture-second-explainer/" in gone  # (the note)
        shutil.move(tmp_path / "2026", folder)
        next_reload(preview.address, served_version(gone))
        assert "fixture-second-explainer" in linked(get(home)[1])


def test_a_broken_save_keeps_the_last_good_site_and_shows_its_problems(project: Project, preview: Preview) -> None:
    page = f"{preview.address}en/{SEED_SLUG}/"
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    good = explainer.read_text(encoding="utf-8")
    before = get(page)[1]
    assert 'id="preview-problems"' not in before
    explainer.write_text(good + '\ntitel: "<b>again</b>"\n', encoding="utf-8")
    next_reload(preview.address, served_version(before))
    status, broken = get(page)
    assert status == 200
    lines = good.count("\n") + 2
    assert "<b>Titel</b>: is not a field" in broken
    assert f"content/explainers/{SEED_SLUG}.yml:{lines}:1</code> <code>titel</code>" in broken
    assert "Pyongyang?" in broken  # the last good page stays under the overlay
    assert (project.site / "en" / SEED_SLUG / "index.html").read_text(encoding="utf-8") in broken.replace(
        broken[broken.index('<div id="preview-problems"') : broken.index("</body>")], ""
    )
    explainer.write_text(good, encoding="utf-8")
    next_reload(preview.address, served_version(broken))
    reloading = re.compile(r"<script>\(\(\) => \{ let v = .*?</script>")  # (it names the page's version)
    assert reloading.sub("", get(page)[1]) == reloading.sub("", before)
    assert "Traceback" not in preview.errors()


def test_a_template_that_fails_as_it_renders_is_shown_and_the_preview_goes_on(
    project: Project, preview: Preview
) -> None:
    """A name the page does not have, typed into base.html: the panel names the template's line, and the fix
    is built (an outside tester's preview died at it: a traceback, and no save built again)."""
    page = f"{preview.address}en/{SEED_SLUG}/"
    base = project.templates / "base.html"
    good = base.read_text(encoding="utf-8")
    assert "page.strings.all_explainers" in good
    before = get(page)[1]
    base.write_text(good.replace("page.strings.all_explainers", "page.strings.all_explainer", 1), encoding="utf-8")
    next_reload(preview.address, served_version(before))
    broken = get(page)[1]
    assert "templates/base.html:" in broken and "fails as it renders" in broken and "all_explainer" in broken
    base.write_text(good, encoding="utf-8")
    next_reload(preview.address, served_version(broken))
    assert 'id="preview-problems"' not in get(page)[1]
    assert "Traceback" not in preview.errors()


def test_a_templates_folder_made_while_the_preview_runs_is_the_projects_from_then_on(
    project: Project, tmp_path: Path
) -> None:
    """A project of content alone is built with the default templates; a designer copies them into the project to
    change them: the copy is built at once, and an edit to it (the preview went on with the default ones, and saw
    no edit to the copy until it was started again)."""
    shutil.rmtree(project.root / "templates")
    preview = start_preview(project, tmp_path)
    address = next(preview).address
    try:
        page = f"{address}en/{SEED_SLUG}/"
        before = get(page)[1]
        copy = tmp_path / "copy"
        shutil.copytree(DEFAULT_TEMPLATES, copy)
        base = copy / "base.html"
        base.write_text(base.read_text("utf-8").replace("</footer>", "<p>Our own footer</p></footer>", 1), "utf-8")
        copy.rename(project.root / "templates")  # (a folder moved in, as `cp -r` then `mv` make it)
        next_reload(address, served_version(before))
        changed = get(page)[1]
        assert "Our own footer" in changed
        base = project.root / "templates" / "base.html"
        base.write_text(base.read_text("utf-8").replace("Our own footer", "Edited again"), "utf-8")
        next_reload(address, served_version(changed))
        assert "Edited again" in get(page)[1]
    finally:
        preview.close()


def test_a_web_font_replaced_in_the_fonts_folder_is_built(project: Project, tmp_path: Path) -> None:
    """A font site.yml names, replaced by a newer cut in `fonts/`: built at once (it was built only when site.yml
    was next touched, the old subset served meanwhile: an outside tester's)."""
    (project.root / "fonts").mkdir()
    shutil.copy(NOTO / "NotoSans-Regular.ttf", project.root / "fonts" / "sans.ttf")
    name_fonts(project, {"en": "fonts/sans.ttf"})
    preview = start_preview(project, tmp_path)
    address = next(preview).address
    try:
        before = get(f"{address}fonts.css")[1]
        assert "en." in before
        version = served_version(get(f"{address}en/")[1])
        shutil.copy(NOTO / "NotoSerif-Regular.ttf", project.root / "fonts" / "sans.ttf")
        next_reload(address, version)
        after = get(f"{address}fonts.css")[1]
        assert after != before and re.search(r"en\.[0-9a-f]+\.woff2", after)
    finally:
        preview.close()


def test_a_slug_changed_in_the_preview_is_warned_of_until_its_old_address_is_kept(
    project: Project, preview: Preview
) -> None:
    """The editor's preview rebuilds at once, so neither the site folder nor the cache any longer tells `check`
    what was published: an outside tester changed a slug in the browser editor and broke the old address
    without a word. The preview keeps the pages it began with, and says which one a save took away, and where:
    at the file's slug, which it changed from what to what (the note named no file: a second tester's)."""
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    good = explainer.read_text(encoding="utf-8")
    before = get(f"{preview.address}en/")[1]
    explainer.write_text(good.replace(f"slug: {SEED_SLUG}", "slug: kim-putin-summit-2023", 1), encoding="utf-8")
    next_reload(preview.address, served_version(before))
    moved = get(f"{preview.address}en/kim-putin-summit-2023/")[1]
    code = f'<code style="{CODE_STYLE}">'
    assert f"its slug changed from {code}<bdi>{SEED_SLUG}</bdi></code> to {code}<bdi>kim-putin-summit-2023" in moved
    assert f"the page published at /ar/{SEED_SLUG}/ and /en/{SEED_SLUG}/ answers" in moved
    assert f"content/explainers/{SEED_SLUG}.yml:{good.split(chr(10)).index(f'slug: {SEED_SLUG}') + 1}:1" in moved
    assert "former_slugs" in moved
    # a note along the foot of the page, not the panel of a failed build over it: the build succeeded, and an
    # explainer withdrawn on purpose has nothing to fix (an outside tester's)
    assert 'id="preview-notes"' in moved and 'id="preview-problems"' not in moved
    assert "the site built, nothing to fix if this is meant" in moved and "Fix the file" not in moved
    kept = good.replace(f"slug: {SEED_SLUG}", f"slug: kim-putin-summit-2023\nformer_slugs: [{SEED_SLUG}]", 1)
    explainer.write_text(kept, encoding="utf-8")
    next_reload(preview.address, served_version(moved))
    assert 'id="preview-problems"' not in get(f"{preview.address}en/kim-putin-summit-2023/")[1]


@pytest.mark.parametrize(("path", "lang"), [("ar/missing/", "ar"), ("en/missing/", "en"), ("missing", "ar")])
def test_missing_pages_get_their_language_404(preview: Preview, path: str, lang: str, tmp_path: Path) -> None:
    status, html = get(preview.address + path)
    assert status == 404
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    assert parse(page).get("lang") == lang


def test_a_preview_started_on_broken_content_shows_the_problems_until_they_are_fixed(
    project: Project, tmp_path: Path
) -> None:
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    good = explainer.read_text(encoding="utf-8")
    explainer.write_text(good + "\ntitel: again\n", encoding="utf-8")
    with contextlib.contextmanager(start_preview)(project, tmp_path) as preview:
        status, html = get(f"{preview.address}en/{SEED_SLUG}/")
        assert status == 404  # nothing was ever built
        assert f"{SEED_SLUG}.yml:{good.count(chr(10)) + 2}:1</code> <code>titel</code>" in html
        explainer.write_text(good, encoding="utf-8")
        for _ in range(3):  # a save may reach the watcher as two writes (emptied, then filled), each a reload
            next_reload(preview.address, served_version(html))
            status, html = get(f"{preview.address}en/{SEED_SLUG}/")
            if status == 200:
                break
        assert status == 200 and "preview-problems" not in html and "Pyongyang?" in html
        assert "Traceback" not in preview.errors()


def edit_then_stop(project: Project, title: str, until: str) -> None:
    """`generator watch`; the seed's English title edited; stopped (Ctrl-C) once the watcher says `until`."""
    watcher = Watcher(project)
    try:
        assert any("ready" in line for line in watcher.lines_until("ready"))
        explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
        text = explainer.read_text(encoding="utf-8")
        explainer.write_text(text.replace(TITLE, f'  en: "{title}"'), encoding="utf-8")
        assert any(until in line for line in watcher.lines_until(until))
        watcher.process.send_signal(signal.SIGINT)
        assert watcher.process.wait(timeout=60) == 0
    finally:
        watcher.process.kill()


def test_a_preview_stopped_after_a_save_leaves_a_cache_the_next_build_trusts(project: Project) -> None:
    """The preview saves its cache when edits pause, not on every save; stopped (Ctrl-C) right after one, it
    saves it on the way out, so the next build writes nothing rather than the whole site again."""
    edit_then_stop(project, "Edited, then the preview stopped", "rebuilt")
    assert Build(project, search=False).run() == {}
    assert "Edited, then the preview stopped" in (project.site / "en" / SEED_SLUG / "index.html").read_text("utf-8")


def test_the_preview_index_is_in_the_cache_it_leaves(project: Project) -> None:
    """The preview makes the search index once edits pause; stopped after that, the cache it leaves says so,
    and the next build indexes nothing again (the index's files are the very ones the preview made)."""
    edit_then_stop(project, "Edited, then indexed", "search index updated")
    index = project.site / "search-index"
    made = {path: path.stat().st_ino for path in index.rglob("*")}
    assert Build(project).run() == {}
    assert {path: path.stat().st_ino for path in index.rglob("*")} == made


def test_the_search_index_waits_for_the_edits_to_pause(project: Project) -> None:
    """An editor saving every half second gets no search indexing (nor cache file encoding) between saves,
    sharing the interpreter with the next rebuild: it waits until SEARCH_IDLE_SECONDS after the last one."""
    watcher = Watcher(project)
    try:
        lines = watcher.lines_until("ready")
        explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
        text = explainer.read_text(encoding="utf-8")
        for number in range(6):
            explainer.write_text(text.replace(TITLE, f'  en: "Edit {number}"'), encoding="utf-8")
            lines += watcher.lines_until("rebuilt")
            time.sleep(0.5)  # the editor types on: a pause shorter than SEARCH_IDLE_SECONDS
        lines += watcher.lines_until("search index updated")
        assert "search index updated" in lines[-1]
        assert not any("search index updated" in line for line in lines[:-1]), lines
        # Each save rebuilt; one may reach the watcher as two writes (emptied, then filled), each rebuilt (a
        # loaded CI machine saw seven).
        assert sum("rebuilt" in line for line in lines) >= 6
        watcher.process.send_signal(signal.SIGINT)
        assert watcher.process.wait(timeout=60) == 0
    finally:
        watcher.process.kill()


class Watcher:
    """`generator watch` in the project, its output read line by line by a thread of its own, so that a wait
    for a line has a deadline: a preview that hangs fails its test, not the whole run."""

    def __init__(self, project: Project) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "watch"],
            cwd=project.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)

    def lines_until(self, word: str, seconds: float = 120) -> list[str]:
        """The watcher's lines up to the first that holds `word`."""
        deadline = time.monotonic() + seconds
        lines: list[str] = []
        while not lines or word not in lines[-1]:
            try:
                lines.append(self._lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no line with {word!r} within {seconds} s; the watcher said {lines}") from None
        return lines


def test_a_rebuild_the_system_refused_is_tried_again_once_it_can_be(project: Project) -> None:
    """A full disk: the preview said `[Errno 28] …` naming no file, and the edit, consumed by the failed rebuild,
    was published only at some later save (an outside tester's). The disk is full here as a process's file size
    limit makes it (RLIMIT_FSIZE, set on the running preview and lifted, as `prlimit` does; Python ignores the
    signal, so a write fails as on a full disk)."""
    watcher = Watcher(project)
    try:
        watcher.lines_until("ready")
        resource.prlimit(watcher.process.pid, resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))
        explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
        explainer.write_text(explainer.read_text(encoding="utf-8").replace(TITLE, '  en: "Edited"'), encoding="utf-8")
        refused = watcher.lines_until("file too large")[-1]
        assert "(site/" in refused or "(.cache/" in refused, refused  # the file it was about
        resource.prlimit(watcher.process.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        watcher.lines_until("rebuilt", seconds=60)  # with no other edit
        assert "Edited" in (project.site / "en" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    finally:
        watcher.process.kill()


def test_a_preview_started_over_a_built_site_reads_its_cache_before_the_first_save(project: Project) -> None:
    """Over a site built before, the preview's first build has nothing to do and reads no more of the cache
    file than its first line (warm.py). The cache is then read while the editor reads the page, with the
    rendering stack: the first save at N = 10,000 otherwise paid for it (0.66 s against 0.2 s for the next)."""
    Build(project).run()
    program = (
        "import sys\n"
        "from generator.build import Build\n"
        "from generator.preview import Rebuilder\n"
        "from pathlib import Path\n"
        "from generator.project import Project\n"
        "build = Build(Project(Path(sys.argv[1])))\n"
        "assert build.run() == {} and build.cache is None\n"  # the warm start: the cache file's first line only
        "Rebuilder(build, [], print).prepare()\n"
        "print(build.renderer is not None, sorted(build.cache.explainers) if build.cache else None)\n"
    )
    done = subprocess.run([sys.executable, "-c", program, str(project.root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == f"True ['{SEED_SLUG}.yml']"


def test_the_preview_compiles_templates_and_works_out_list_inputs_before_the_first_save(project: Project) -> None:
    """While the editor reads, the preview also compiles every template and works out each list output's
    inputs as the folder has them, rendering nothing: the first save that changed a title paid for both (110 ms
    of 270 at N = 10,000), and so works out only the inputs of the list pages that title is on."""
    Build(project).run()
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    program = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from generator import render\n"
        "from generator.build import Build\n"
        "from generator.preview import Rebuilder\n"
        "from generator.project import Project\n"
        "pages, keys = [], []\n"
        "page, key = render.Renderer._page, render.inputs_key\n"
        "render.Renderer._page = lambda self, made, *source, **view: (\n"
        "    pages.append(made.template) or page(self, made, *source, **view))\n"
        "render.inputs_key = lambda inputs: keys.append(inputs[0]) or key(inputs)\n"
        "build = Build(Project(Path(sys.argv[1])))\n"
        "assert build.run() == {}\n"
        "Rebuilder(build, [], print).prepare()\n"
        "compiled = sorted(template.name for template in build.renderer.env.cache.values())\n"
        "prepared = {'pages': list(pages), 'keys': list(keys), 'compiled': compiled}\n"
        "pages.clear(), keys.clear()\n"
        "explainer = Path(sys.argv[2])\n"
        f"explainer.write_text(explainer.read_text('utf-8').replace({TITLE!r}, '  en: \"Retitled\"'), 'utf-8')\n"
        "build.run()\n"
        "print(json.dumps({'prepared': prepared, 'saved': {'pages': pages, 'keys': keys}}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(project.root), str(explainer)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    prepared, saved = found["prepared"], found["saved"]
    assert {"base.html", "explainer.html", "home.html", "topic.html", "_listing.html", "feed.xml"} <= set(
        prepared["compiled"]
    )
    assert set(prepared["pages"]) <= {"root.html"}  # made once a renderer; every list page is in the folder
    assert {
        "home_page",
        "topic_page",
        "not_found_page",
        "search_page",
        "feed_file",
        "sitemap_file",
        "year_page",
    } <= set(prepared["keys"])
    assert "explainer.html" in saved["pages"] and "home.html" in saved["pages"]  # the new title is shown
    assert "not_found_page" not in saved["keys"] and "search_page" not in saved["keys"]  # known already
    assert 0 < len(saved["keys"]) < len(prepared["keys"])


def test_a_change_no_event_named_is_built_once_edits_pause(project: Project) -> None:
    """A save stats only the explainer files the watcher named; once edits pause the preview stats them all,
    and a change no event named (a watcher's queue overflowed, a folder moved in) is built then. Here no
    watcher runs at all: every event is lost."""
    build = Build(project)
    build.run()
    build.folder.search, build.folder.in_place = False, True  # as `watch` leaves them
    rebuilder = Rebuilder(build, [], lambda line: None)
    rebuilder.rebuild()  # the first save stats every file
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text("utf-8").replace(TITLE, '  en: "Changed unseen"'), "utf-8")
    with rebuilder.changed:
        assert rebuilder.changed.wait_for(lambda: rebuilder.version >= 2, timeout=60)
    assert "Changed unseen" in (project.site / "en" / SEED_SLUG / "index.html").read_text("utf-8")


def test_a_change_no_event_named_is_asked_for_once_while_site_yml_is_broken(project: Project) -> None:
    """The rebuild asked for fails before it stats anything (site.yml is broken): the next quiet moment does
    not ask again for the same files, or the browser would reload every two seconds until the fix."""
    build = Build(project)
    rebuilder = Rebuilder(build, [], lambda line: None)
    with rebuilder.lock:  # the preview's own loops wait (`busy`) while the test plays them
        build.run()
        explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
        explainer.write_text(explainer.read_text("utf-8").replace(TITLE, '  en: "Changed unseen"'), "utf-8")
        settings = project.content / "site.yml"
        settings.write_text(settings.read_text("utf-8") + "\nnot a setting: [\n", "utf-8")
        assert rebuilder._missed()
        with pytest.raises(ContentError):
            build.run(None)
        assert not rebuilder._missed()


def test_an_explainer_saved_while_site_yml_is_broken_is_built_once_it_is_mended(project: Project) -> None:
    """A rebuild that fails on site.yml reads no explainer: one saved meanwhile stayed unbuilt once site.yml was
    mended ("rebuilt 0 files", the old title served; an outside tester's). What a failed rebuild was told of is
    asked again at the next."""
    build = Build(project)
    build.run()
    build.folder.search, build.folder.in_place = False, True  # as `watch` leaves them
    rebuilder = Rebuilder(build, [], lambda line: None)
    rebuilder.rebuild()  # the first save stats every file
    settings, explainer = project.content / "site.yml", project.content / "explainers" / f"{SEED_SLUG}.yml"
    good = settings.read_text("utf-8")
    for path, text in [
        (settings, good + "\nnot a setting: [\n"),
        (explainer, explainer.read_text("utf-8").replace(TITLE, '  en: "Saved while site.yml was broken"')),
        (settings, good),
    ]:
        path.write_text(text, "utf-8")
        with rebuilder.noting:  # as the watcher notes a save
            rebuilder.touched.add(path.resolve())
        rebuilder.rebuild()
    assert rebuilder.problems == []
    assert "Saved while site.yml was broken" in (project.site / "en" / SEED_SLUG / "index.html").read_text("utf-8")


def test_the_preview_knows_the_files_before_the_first_save(project: Project) -> None:
    """While the editor reads, the preview stats every explainer file once: the first save then stats only
    the file the watcher names. A file changed before the watcher started (no event will name it) is built."""
    Build(project).run()
    build = Build(project)
    assert build.run() == {}
    rebuilder = Rebuilder(build, [], lambda line: None)
    rebuilder.prepare()
    assert not rebuilder.everything and set(build.stats) == {f"{SEED_SLUG}.yml"}
    assert not rebuilder.pending.is_set() and rebuilder.version == 0

    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text("utf-8").replace(TITLE, '  en: "Changed before the start"'), "utf-8")
    unchanged = Build(project)
    assert unchanged.run() != {}  # a new process's warm question says no: it builds the change itself
    again = Build(project)
    assert again.run() == {}
    explainer.write_text(explainer.read_text("utf-8").replace("Changed before the start", "Changed unseen"), "utf-8")
    late = Rebuilder(again, [], lambda line: None)
    late.prepare()  # as if the file changed between the start's build and the watcher's start
    with late.changed:
        assert late.changed.wait_for(lambda: late.version >= 1, timeout=60)
    assert "Changed unseen" in (project.site / "en" / SEED_SLUG / "index.html").read_text("utf-8")


def test_a_port_in_use_is_said_before_anything_is_built(project: Project) -> None:
    """`serve` on a busy port built the site, said "ready", then "address already in use" (an outside tester's):
    the address is tried first."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "generator", "--project", str(project.root), "serve", "--port", str(port)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    # the port and the way out named (an outside tester's met someone's nginx on the default one)
    assert (
        f"the preview cannot listen on port {port} (address already in use); choose another with --port" in done.stderr
    )
    assert "ready" not in done.stdout and "built" not in done.stdout


def test_a_fault_in_a_rebuild_is_said_and_the_next_save_builds(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error of ours in a rebuild ended the thread that rebuilds: the preview served stale pages for good,
    with no panel and no later save built (an outside tester's). It is said, on the page and in the terminal,
    and the next rebuild builds everything."""
    build = Build(project)
    build.run()
    said: list[str] = []
    rebuilder = Rebuilder(build, [], said.append)
    run = build.run
    monkeypatch.setattr(build, "run", lambda changed=None: (_ for _ in ()).throw(ValueError("a fault")))
    assert rebuilder.rebuild() is True
    assert rebuilder.problems and "ValueError: a fault" in rebuilder.problems[0].message
    assert any("internal error" in line for line in said) and rebuilder.everything
    monkeypatch.setattr(build, "run", run)
    explainer = project.content / "explainers" / f"{SEED_SLUG}.yml"
    explainer.write_text(explainer.read_text("utf-8").replace(TITLE, '  en: "After the fault"'), "utf-8")
    assert rebuilder.rebuild() is True and not rebuilder.problems
    assert "After the fault" in (project.site / "en" / SEED_SLUG / "index.html").read_text("utf-8")
