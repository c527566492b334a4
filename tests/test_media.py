"""Pictures in content: published in modern formats at several widths with nothing of their metadata, shown
without layout shift, checked at their line when wrong, and rebuilt when replaced under the same name."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import (
    FIXTURES,
    axe_results,
    build_site,
    chart,
    check,
    describe,
    describe_violation,
    parse,
    photo,
    run_vnu,
    serving,
)
from PIL import Image
from playwright.sync_api import Browser

from generator import media, picture_checks
from generator.listing import CARD_SIZES, FEATURED_SIZES
from generator.problems import ContentError
from generator.project import Project

SLUG = "fixture-pictures"


@pytest.fixture
def pictures_project(project: Project) -> Project:
    media = project.content / "media"
    media.mkdir()
    (media / "harbour.jpg").write_bytes(photo(rotated=True))
    (media / "chart.png").write_bytes(chart())
    shutil.copy(FIXTURES / "pictures-explainer.yml", project.explainers / "pictures-explainer.yml")
    return project


def test_a_lead_picture_and_a_figure_are_published_in_modern_formats(pictures_project: Project) -> None:
    build_site(pictures_project)
    site = pictures_project.site
    page = parse(site / "en" / SLUG / "index.html")
    lead, figure = page.xpath("//figure")
    lead_image = lead.xpath(".//img")[0]
    assert lead_image.get("fetchpriority") == "high" and lead_image.get("loading") is None
    # the camera's orientation applied: 2000×1200 taken sideways is 1200 wide, 2000 tall, at the largest width
    assert (lead_image.get("width"), lead_image.get("height")) == ("1200", "2000")
    assert [source.get("type") for source in lead.xpath(".//source")] == ["image/avif", "image/webp"]
    caption = lead.xpath("string(.//figcaption)").strip()
    assert caption == "The harbour the source article mentions. Photo:\u00a0Fixture photo"
    figure_image = figure.xpath(".//img")[0]
    assert figure_image.get("loading") == "lazy" and figure_image.get("alt") == "A bar chart rising from left to right."
    assert (
        figure.xpath("string(.//*[@class='credit'])") == "Graphic:\u00a0Fixture desk"
    )  # a chart is no photo (a reader's)
    arabic = parse(site / "ar" / SLUG / "index.html").xpath("//figure")[1]
    assert arabic.xpath("string(.//*[@class='credit'])") == "رسم:\u00a0مكتب الاختبار"
    paragraphs = [element.tag for element in page.xpath("//section[@id='fixture-section']/*")]
    assert paragraphs[paragraphs.index("figure") - 1] == "p" and paragraphs[paragraphs.index("figure") + 1] == "p"
    widths = []
    for source in page.xpath("//source"):
        for candidate in source.get("srcset").split(", "):
            link, width = candidate.split(" ")
            with Image.open(site / "en" / SLUG / link) as published:
                assert published.width == int(width.removesuffix("w"))
                widths.append(published.width)
    assert {480, 800, 1000, 1200} <= set(widths)


def test_a_graphic_without_its_own_credit_string_is_credited_as_a_photo_and_one_labelled_is_refused(
    pictures_project: Project,
) -> None:
    """A newsroom's strings file written before `graphic_credit` keeps its pages (`check` warns of it); a credit
    typed with the label the page writes before it (`Graphic: …`) is refused, as `Photo: …` is."""
    english = pictures_project.content / "strings" / "en.yml"
    english.write_text(english.read_text("utf-8").replace('graphic_credit: "Graphic: {credit}"\n', ""), "utf-8")
    build_site(pictures_project)
    figure = parse(pictures_project.site / "en" / SLUG / "index.html").xpath("//figure")[1]
    assert figure.xpath("string(.//*[@class='credit'])") == "Photo:\u00a0Fixture desk"
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    explainer.write_text(explainer.read_text("utf-8").replace('"Fixture desk"', '"Chart: Fixture desk"'), "utf-8")
    with pytest.raises(ContentError) as refused:
        check(pictures_project)
    assert [problem.field for problem in refused.value.problems] == ["sections[0].paragraphs[1].figure.credit.en"]


def test_no_metadata_is_published(pictures_project: Project) -> None:
    build_site(pictures_project)
    published = sorted(path for path in (pictures_project.site / "media").iterdir() if path.suffix != ".svg")
    assert len(published) >= 10
    for path in published:
        data = path.read_bytes()
        assert b"FixtureCam" not in data and b"Exif" not in data, path.name
        with Image.open(path) as image:
            assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info, path.name


def test_a_picture_replaced_under_the_same_name_rebuilds_its_pages(pictures_project: Project) -> None:
    build_site(pictures_project)
    before = {path.name for path in (pictures_project.site / "media").iterdir()}
    (pictures_project.content / "media" / "chart.png").write_bytes(photo(1400, 900))
    written = build_site(pictures_project)
    assert f"en/{SLUG}/index.html" in written and f"ar/{SLUG}/index.html" in written
    after = {path.name for path in (pictures_project.site / "media").iterdir()}
    assert after != before and not any(name.startswith("chart.") and name in before for name in after)
    assert build_site(pictures_project) == {}  # and nothing more when nothing changed


def test_a_replaced_picture_leaves_the_build_cache(pictures_project: Project) -> None:
    """The variants of a picture no page shows any more (replaced under the same name) leave `.cache/media/`;
    the other picture's stay as they were; an older encoding's entry leaves too."""
    build_site(pictures_project)
    kept = pictures_project.root / ".cache" / "media"

    def entries() -> dict[str, int]:
        return {path.name: path.stat().st_ino for path in kept.iterdir()}

    before = entries()
    assert len(before) == 2 and all(name.startswith(f"{media.ENCODING}-") for name in before)
    (kept / f"media-0-{'a' * 64}").mkdir()  # left by an older encoding
    (pictures_project.content / "media" / "chart.png").write_bytes(photo(1400, 900))
    build_site(pictures_project)
    after = entries()
    assert len(after) == 2 and len(set(after) & set(before)) == 1
    (same,) = set(after) & set(before)
    assert after[same] == before[same]  # the harbour's variants, untouched
    published = {path.name.split(".")[1] for path in (pictures_project.site / "media").iterdir()}
    assert {name.split("-")[-1][:10] for name in after} <= published


def test_a_published_variant_deleted_by_hand_is_published_again(pictures_project: Project) -> None:
    """A warm build looks at the media folder's time, not at each variant: a name gone moves the time."""
    build_site(pictures_project)
    victim = next(path for path in (pictures_project.site / "media").iterdir() if path.suffix == ".avif")
    victim.unlink()
    build_site(pictures_project)
    assert victim.is_file()
    assert build_site(pictures_project) == {}


def test_an_unchanged_picture_is_never_encoded_again(
    pictures_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(pictures_project)
    from generator import media

    def refuse(data: bytes) -> dict[str, bytes]:
        raise AssertionError("encoded again")

    monkeypatch.setattr(media, "_encode", refuse)
    build_site(pictures_project, use_cache=False)  # a cold build of the pages: the pictures come from the cache


def test_cached_pictures_and_cards_are_linked_into_the_site_not_copied(pictures_project: Project) -> None:
    build_site(pictures_project)
    build_site(pictures_project, use_cache=False)  # pages rendered again: pictures and cards from .cache
    cache = pictures_project.root / ".cache"
    cached = {(status.st_dev, status.st_ino) for status in (path.stat() for path in cache.rglob("*") if path.is_file())}
    published = [path for path in pictures_project.site.rglob("*") if path.suffix in {".avif", ".webp", ".png", ".jpg"}]
    linked = [path for path in published if (path.stat().st_dev, path.stat().st_ino) in cached]
    assert any("/media/" in path.as_posix() for path in linked) and any("card" in path.as_posix() for path in linked)
    assert all(path.stat().st_mode & 0o777 == 0o644 for path in linked)  # readable by the web server's user
    # the cache replaced (as it only ever is: whole) leaves the site's file as it was published
    victim = linked[0]
    before = victim.read_bytes()
    for path in cache.rglob("*"):
        if path.is_file() and path.stat().st_ino == victim.stat().st_ino:
            temporary = path.with_name(path.name + ".new")
            temporary.write_bytes(b"other")
            temporary.replace(path)
    assert victim.read_bytes() == before


def test_a_cold_build_links_cached_variants_without_reading_them(
    pictures_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build (no page cache, no site/) publishes the variants the media cache holds by link, their
    bytes unread: seven files a picture were read only to be linked, and their bytes carried to the writer."""
    from generator.stored import Stored

    build_site(pictures_project)
    shutil.rmtree(pictures_project.site)

    def refuse(self: Stored, limit: int = -1) -> bytes:
        if limit < 0:
            raise AssertionError(f"{self.path.name} read whole")
        return Path(self.path).read_bytes()[:limit]  # a WebP's header: its size

    monkeypatch.setattr(Stored, "read", refuse)
    build_site(pictures_project, use_cache=False)
    assert [path for path in (pictures_project.site / "media").iterdir() if path.stat().st_nlink > 1]


def test_a_link_planted_in_the_media_cache_is_not_published(pictures_project: Project, tmp_path: Path) -> None:
    """A variant in the cache that is a symbolic link (to a private file, say) is no cache file: the picture
    is encoded again, and the site holds a file of its own, never the link nor what it points to."""
    build_site(pictures_project)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    variants = [path for path in (pictures_project.root / ".cache" / "media").rglob("*.webp")]
    variants[0].unlink()
    variants[0].symlink_to(secret)
    shutil.rmtree(pictures_project.site)
    build_site(pictures_project, use_cache=False)
    for path in (pictures_project.site / "media").iterdir():
        assert not path.is_symlink() and path.read_bytes() != b"private", path.name


def test_cache_folders_that_are_links_are_never_written_through(pictures_project: Project, tmp_path: Path) -> None:
    """`.cache/cards` or `.cache/media` a link to a folder outside the project (committed, planted): a build
    wrote its cards and pictures there, and removed the files there named like cards (an outside tester's).
    The links are taken out, and so is one in place of a picture's entry; what they lead to stays as it was."""
    outside = {name: tmp_path / name for name in ("cards", "media", "entry")}
    for folder in outside.values():
        folder.mkdir()
        (folder / "notes.txt").write_text("someone's own")
        (folder / f"{'0' * 64}.png").write_text("named like a card, but not one")
    cache = pictures_project.root / ".cache"
    (cache / "media").mkdir(parents=True)
    harbour = (pictures_project.content / "media" / "harbour.jpg").read_bytes()
    (cache / "media" / media.cache_key(harbour)).symlink_to(outside["entry"])
    build_site(pictures_project, search=False)
    for name in ("cards", "media"):
        shutil.rmtree(cache / name)
        (cache / name).symlink_to(outside[name])
    fixture = pictures_project.explainers / "pictures-explainer.yml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("Fixture explainer title", "Fixture explainer title, edited"), encoding="utf-8")
    build_site(pictures_project, search=False)  # its pages, pictures and cards made again, and the cache pruned
    for folder in outside.values():
        assert sorted(path.name for path in folder.iterdir()) == ["0" * 64 + ".png", "notes.txt"]
    for name in ("cards", "media"):
        assert (cache / name).is_dir() and not (cache / name).is_symlink() and any((cache / name).iterdir())
    assert len([path for path in pictures_project.site.rglob("share.*.png")]) >= 2


def test_a_cache_folder_that_is_a_link_is_never_written_through(pictures_project: Project, tmp_path: Path) -> None:
    """`.cache` itself a link to a folder outside the project: the build wrote its cache, lock and cards there
    and pruned a file there named like a card (an independent reviewer's). The link is taken out."""
    outside = tmp_path / "elsewhere"
    (outside / "cards").mkdir(parents=True)
    (outside / "cards" / f"{'0' * 64}.png").write_text("named like a card, but not one")
    (pictures_project.root / ".cache").symlink_to(outside)
    build_site(pictures_project, search=False)
    assert sorted(path.relative_to(outside).as_posix() for path in outside.rglob("*")) == [
        "cards",
        f"cards/{'0' * 64}.png",
    ]
    cache = pictures_project.root / ".cache"
    assert cache.is_dir() and not cache.is_symlink() and (cache / "build.json").is_file()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ("media/chart.png", "sections[0].paragraphs[1].figure.file", "names `media/nothing.png`, which does not exist"),
        ("media/notes.png", "sections[0].paragraphs[1].figure.file", "which is not a picture the site can read"),
        ("media/small.png", "sections[0].paragraphs[1].figure.file", "400 pixels wide"),
        ("../site.yml", "sections[0].paragraphs[1].figure.file", "outside content/"),
        # ... each by what it is (an outside tester's: one message for all told a JPEG's editor to save it as JPEG)
        ("media/empty.jpg", "sections[0].paragraphs[1].figure.file", "an empty file (0 bytes)"),
        ("media/chart.svg", "sections[0].paragraphs[1].figure.file", "an SVG drawing"),
        ("media/photo.heic", "sections[0].paragraphs[1].figure.file", "an HEIC picture"),
        ("media/doc.pdf", "sections[0].paragraphs[1].figure.file", "a PDF document"),
        # ... and a name the file has in other capitals, which a Mac's disk finds and a Linux server does not
        ("media/Chart.PNG", "sections[0].paragraphs[1].figure.file", "but the file is `media/chart.png`"),
    ],
)
def test_a_wrong_picture_is_refused_where_it_is_named(
    pictures_project: Project, change: str, field: str, words: str
) -> None:
    media = pictures_project.content / "media"
    (media / "notes.png").write_text("not a picture", encoding="utf-8")
    Image.new("RGB", (400, 300)).save(media / "small.png")
    (media / "empty.jpg").write_bytes(b"")
    (media / "chart.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    (media / "photo.heic").write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(64))
    (media / "doc.pdf").write_bytes(b"%PDF-1.7\n" + bytes(64))
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    target = "media/nothing.png" if change == "media/chart.png" else change
    explainer.write_text(explainer.read_text(encoding="utf-8").replace("media/chart.png", target), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == field and words in problem.message and problem.line > 1
    assert not pictures_project.site.exists()


@pytest.mark.parametrize(("mode", "options"), [("RGB", {"quality": 78}), ("RGB", {"lossless": True}), ("RGBA", {})])
def test_a_webp_s_size_is_read_from_its_header(mode: str, options: dict[str, object]) -> None:
    image = Image.new(mode, (1234, 567), (10, 20, 30, 0))
    image.putpixel((5, 5), (200, 100, 50, 255))  # some transparency: the extended format
    output = io.BytesIO()
    image.save(output, format="WEBP", **options)
    assert media._size(output.getvalue()) == (1234, 567)


def test_a_wrong_picture_is_named_in_the_same_run_as_the_file_s_other_problems(pictures_project: Project) -> None:
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    text = explainer.read_text(encoding="utf-8").replace("media/chart.png", "media/nothing.png")
    explainer.write_text(text.replace("\nslug:", "\ntitel: typo\nslug:", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    fields = sorted(problem.field for problem in error.value.problems)
    assert fields == ["sections[0].paragraphs[1].figure.file", "titel"], error.value.problems


@pytest.mark.slow  # the Nu checker runs in Java
def test_pages_with_pictures_are_valid_html(pictures_project: Project) -> None:
    build_site(pictures_project)
    pages = [str(pictures_project.site / code / SLUG / "index.html") for code in ("ar", "en")]
    errors = [describe(m, pictures_project.site) for m in run_vnu(*pages) if m["type"] == "error"]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_a_tall_infographic_is_fetched_at_the_width_it_is_drawn_and_opens_whole(
    browser: Browser, pictures_project: Project
) -> None:
    """A 1000×4000 picture is drawn whole within 80% of the window, a fifth of its height wide: its `sizes` says
    so, so Chromium fetches the smallest variant, not the column's (800), and the picture links to its widest
    variant, where its text can be read (an outside tester's infographic, 7 pixels a letter on a phone)."""
    Image.new("RGB", (1000, 4000), (20, 120, 60)).save(pictures_project.content / "media" / "chart.png")
    build_site(pictures_project)
    (figure,) = [f for f in parse(pictures_project.site / "en" / SLUG / "index.html").xpath("//figure") if f.xpath("a")]
    assert figure.xpath("a/@href")[0].endswith(".1000.webp") and figure.xpath("a//img")
    assert "min(42rem, 20.00vh)" in figure.xpath(".//source/@sizes")[0]
    with serving(pictures_project.site) as address:
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page.goto(f"{address}en/{SLUG}/")
        image = page.locator(".figure-full img")
        image.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelector('.figure-full img').complete")
        assert ".480." in image.evaluate("img => img.currentSrc")  # drawn 135 pixels wide: 270 at twice the density
        page.close()


@pytest.mark.browser
def test_chromium_shows_the_avif_at_its_reserved_size(
    browser: Browser, pictures_project: Project, artifacts: Path
) -> None:
    build_site(pictures_project)
    with serving(pictures_project.site) as address:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(f"{address}ar/{SLUG}/")
        page.wait_for_function("document.querySelector('.lead img').complete")
        shown = page.eval_on_selector(
            ".lead img", "img => [img.currentSrc, img.naturalWidth, img.clientWidth, img.clientHeight]"
        )
        assert shown[0].endswith(".avif") and shown[1] > 0
        assert abs(shown[3] - shown[2] * 2000 / 1200) < 2  # the box the width and height reserved
        results = axe_results(page)
        assert not results["violations"], "\n".join(describe_violation(v) for v in results["violations"])
        page.screenshot(path=str(artifacts / "pictures-ar.png"), full_page=True)
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scale", [1, 2])
def test_a_card_s_picture_is_at_least_as_sharp_as_the_card_shows_it(
    browser: Browser, pictures_project: Project, scale: int
) -> None:
    """On the home page, from a phone's width to a desktop's, on screens of one and two pixels a point, each
    card's picture is a file at least as many pixels wide as the card shows it (or the widest there is, 1200):
    the featured card showed the 480 px file 658 points wide (an outside tester's)."""
    build_site(pictures_project)
    blurred = []
    with serving(pictures_project.site) as address:
        for width in (360, 600, 800, 1024, 1366, 1920):
            page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=scale)
            page.goto(f"{address}en/")
            page.wait_for_function("[...document.querySelectorAll('.card source ~ img')].every(i => i.complete)")
            shown = page.eval_on_selector_all(
                ".card source ~ img", "images => images.map(i => [i.currentSrc, i.clientWidth])"
            )
            page.close()
            assert shown
            for source, points in shown:  # the file's width is in its name (`harbour.<digest>.800.avif`)
                if int(source.rsplit(".", 2)[-2]) < min(1200, points * scale):
                    blurred.append((width, source.rsplit("/", 1)[-1], points))
    assert not blurred, blurred


def test_lists_show_the_lead_picture_at_the_width_a_card_needs(pictures_project: Project) -> None:
    """A card offers every width of its picture with the width a card shows it at (the browser's choice is
    tested above)."""
    build_site(pictures_project)
    for code in ("ar", "en"):
        home = parse(pictures_project.site / code / "index.html")
        items = home.xpath("//ol[contains(@class, 'explainer-list')]/li")
        with_pictures = [item for item in items if item.xpath(".//picture")]
        assert len(with_pictures) == len(items) == 2
        photo_item, map_item = sorted(with_pictures, key=lambda item: bool(item.xpath(".//source")), reverse=True)
        assert (
            map_item.xpath(".//img")[0]
            .get("src")
            .endswith(f".{code}.{map_item.xpath('.//img')[0].get('src').split('.')[-2]}.svg")
        )
        image = photo_item.xpath(".//img")[0]
        assert image.get("alt") == "" and image.get("width") == "480"
        # the newest is featured at the top of the home page and loads at once; the others when scrolled to
        featured = "featured" in photo_item.get("class")
        assert image.get("loading") == (None if featured else "lazy")
        assert image.get("fetchpriority") == ("high" if featured else None)
        for source in photo_item.xpath(".//source"):
            offered = [candidate.split(" ") for candidate in source.get("srcset").split(", ")]
            assert [width for _, width in offered] == ["480w", "800w", "1200w"]
            assert all((pictures_project.site / code / path).resolve().is_file() for path, _ in offered)
            assert source.get("sizes") == (FEATURED_SIZES if featured else CARD_SIZES)


def test_transparent_16_bit_and_oddly_named_pictures_are_published_as_they_look(pictures_project: Project) -> None:
    """Found by an outside tester: transparency went black, 16-bit greys went white, a space broke srcset."""
    media = pictures_project.content / "media"
    transparent = Image.new("RGBA", (1000, 800), (0, 0, 0, 0))
    transparent.paste((200, 0, 0, 255), (400, 300, 600, 500))
    transparent.save(media / "with space.png")
    # and a name of 250 letters, valid on disk, which made published names too long (an outside tester's)
    long_name = "a" * 250
    Image.linear_gradient("L").resize((1000, 700)).convert("I").point(lambda v: v * 256).convert("I;16").save(
        media / f"{long_name}.png"
    )
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    text = explainer.read_text(encoding="utf-8").replace("media/chart.png", "media/with space.png")
    explainer.write_text(text.replace("media/harbour.jpg", f"media/{long_name}.png"), encoding="utf-8")
    build_site(pictures_project)
    page = parse(pictures_project.site / "en" / SLUG / "index.html")
    for srcset in page.xpath("//source/@srcset"):
        assert all(len(candidate.split(" ")) == 2 for candidate in srcset.split(", ")), srcset
    published = pictures_project.site / "media"
    (flat,) = published.glob("with-space.*.1000.jpg")
    with Image.open(flat) as image:
        assert image.getpixel((5, 5)) == (255, 255, 255) and image.getpixel((500, 400))[0] > 150
    (grey,) = published.glob(f"{'a' * 80}.*.1000.jpg")  # its own name cut to 80 letters
    with Image.open(grey) as image:
        top, bottom = image.convert("L").getpixel((500, 5)), image.convert("L").getpixel((500, 690))
        assert top < 40 and bottom > 200  # the gradient kept, not one white


def test_a_picture_named_in_decomposed_letters_is_found_by_its_name(pictures_project: Project) -> None:
    """A file named on a Mac (`cafe` and a combining accent) was "missing" where content named it, byte for byte:
    content's texts are NFC (an outside tester's). Found, published, and an edit to it rebuilds its page."""
    media = pictures_project.content / "media"
    (media / "chart.png").rename(media / "cafe\u0301.png")
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    text = explainer.read_text(encoding="utf-8").replace("media/chart.png", "media/cafe\u0301.png")
    explainer.write_text(text, encoding="utf-8")
    check(pictures_project)
    build_site(pictures_project)
    (published,) = (pictures_project.site / "media").glob("caf.*.1000.jpg")
    before = published.name
    Image.new("RGB", (1000, 600), (0, 90, 200)).save(media / "cafe\u0301.png")
    build_site(pictures_project)
    assert not (pictures_project.site / "media" / before).exists()
    assert len(list((pictures_project.site / "media").glob("caf.*.1000.jpg"))) == 1


def test_a_picture_of_too_many_pixels_is_told_a_width_that_fits() -> None:
    """The hint "at most 8,000 pixels wide" sent an outside tester's 9000×6000 camera original back at 8000×5333, which
    was still over 40 megapixels: the hint is the width at which this picture's shape fits, and that fits."""

    def png(width: int, height: int) -> bytes:
        data = io.BytesIO()
        Image.new("1", (width, height)).save(data, "PNG")  # one bit a pixel: small to make and to decode
        return data.getvalue()

    problem = picture_checks.picture_problem("media/huge.png", png(9000, 6000))
    assert problem == (
        "names `media/huge.png`, 9,000×6,000 pixels, over 40 megapixels",
        "export it at most 7,700 pixels wide, 40 megapixels at most",
    )
    assert picture_checks.picture_problem("media/huge.png", png(7700, round(6000 * 7700 / 9000))) is None
