"""Pictures an outside tester made to break the build (tests/fixtures/hostile-pictures/, see its README): each
is published as it should look, or refused at the line that names it; none stops a run with a traceback."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, build_site, check, photo
from PIL import Image, ImageCms

from generator import picture_checks
from generator.load import read_inside
from generator.problems import ContentError
from generator.project import Project

HOSTILE = FIXTURES / "hostile-pictures"
LEAD = "image.file"


@pytest.fixture
def pictures_project(project: Project) -> Project:
    (project.content / "media").mkdir()
    (project.content / "media" / "harbour.jpg").write_bytes(photo(rotated=True))
    shutil.copy(FIXTURES / "pictures-explainer.yml", project.explainers / "pictures-explainer.yml")
    explainer = project.explainers / "pictures-explainer.yml"
    explainer.write_text(explainer.read_text("utf-8").replace("media/chart.png", "media/harbour.jpg"), "utf-8")
    return project


def lead(project: Project, name: str, data: bytes | None = None) -> None:
    """Make the explainer lead with `name` (from the fixtures, unless `data` is given)."""
    target = project.content / "media" / name.rsplit("/", 1)[-1]
    target.write_bytes(data if data is not None else (HOSTILE / name).read_bytes())
    explainer = project.explainers / "pictures-explainer.yml"
    text = explainer.read_text("utf-8").replace("file: media/harbour.jpg", f'file: "media/{target.name}"', 1)
    explainer.write_text(text, "utf-8")


def published(project: Project, stem: str) -> Image.Image:
    """The picture's JPEG fallback (one a picture, at its width or 1,200 pixels)."""
    (path,) = (project.site / "media").glob(f"{stem}.*.jpg")
    return Image.open(path)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("tall-1000x20000.png", "1000×20000 pixels: published 1000 wide, it would be 20,000 tall, past WebP's 16,383"),
        ("corrupt-missing-item.avif", "which is not a picture the site can read"),
    ],
)
def test_a_picture_no_variant_can_be_made_of_is_refused_at_its_line(
    pictures_project: Project, name: str, words: str
) -> None:
    lead(pictures_project, name)
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == LEAD and words in problem.message and problem.line > 1, problem


def test_a_jpeg_with_a_garbled_stretch_is_refused_at_its_line(pictures_project: Project) -> None:
    """A JPEG with a stretch of its data garbled (zeros, as a transfer that lost a block writes them) opens and
    decodes in Pillow, which fills the rest with grey and says nothing: it was published so (an outside
    tester's). libjpeg-turbo's own warning now refuses it."""
    good = photo()
    middle = len(good) // 2
    lead(pictures_project, "garbled.jpg", good[:middle] + bytes(400) + good[middle + 400 :])
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == LEAD and problem.line > 1, problem
    assert "a JPEG whose data is damaged (Corrupt JPEG data: premature end of data segment)" in problem.message
    (pictures_project.content / "media" / "garbled.jpg").write_bytes(good)
    check(pictures_project)  # the same picture whole passes


@pytest.mark.parametrize("kind", ["damaged-metadata", "mpo"])
def test_garbled_data_is_found_behind_damaged_metadata_and_in_a_phone_s_mpo(
    pictures_project: Project, kind: str
) -> None:
    """libjpeg stops at its first warning: a damaged metadata block before garbled picture data hid the data's
    damage, and a phone's MPO was not checked at all (the reviewer's)."""
    whole = photo() if kind == "damaged-metadata" else (HOSTILE / "camera-mpo.jpg").read_bytes()
    if kind == "damaged-metadata":  # three stray bytes before the EXIF block
        whole = whole[:20] + b"\x01\x02\x03" + whole[20:]
    middle = len(whole) // 4  # inside the (first) picture's data
    lead(pictures_project, f"{kind}.jpg", whole[:middle] + bytes(400) + whole[middle + 400 :])
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert "a JPEG whose data is damaged" in problem.message, problem
    (pictures_project.content / "media" / f"{kind}.jpg").write_bytes(whole)
    check(pictures_project)  # whole, with its damaged metadata, it passes


def test_a_picture_cut_short_is_told_so(pictures_project: Project) -> None:
    """An upload cut short was told "not a picture the site can read (save it again as JPEG or PNG)", of a JPEG
    (an outside tester's): it is the file that is incomplete."""
    good = photo()
    lead(pictures_project, "cut.jpg", good[: len(good) // 2])
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert (problem.message, problem.hint) == (
        "names `media/cut.jpg`, a picture whose file is cut short",
        "upload or copy it again, whole",
    )


def test_a_nul_in_a_picture_s_name_is_a_problem_not_a_crash(pictures_project: Project) -> None:
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    text = explainer.read_text("utf-8").replace("file: media/harbour.jpg", 'file: "media/harbour\\0.jpg"', 1)
    explainer.write_text(text, "utf-8")
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    assert {problem.field for problem in error.value.problems} == {LEAD}, error.value.problems


@pytest.mark.parametrize("loop", ["two-links", "folder-to-itself"])
def test_a_picture_behind_links_in_a_loop_is_a_problem_not_a_crash(pictures_project: Project, loop: str) -> None:
    """Links that lead round in a loop (`l1.jpg` → `l2.jpg` → `l1.jpg`, or `media` linked to itself) made
    resolving the picture's path raise, and check and build stopped with an internal error (an outside
    tester's finding): the picture is named at its line, as one that is not there."""
    media = pictures_project.content / "media"
    if loop == "two-links":
        (media / "l1.jpg").symlink_to("l2.jpg")
        (media / "l2.jpg").symlink_to("l1.jpg")
        name = "media/l1.jpg"
    else:
        (media / "itself").symlink_to("itself")
        name = "media/itself/harbour.jpg"
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    explainer.write_text(explainer.read_text("utf-8").replace("file: media/harbour.jpg", f"file: {name}", 1), "utf-8")
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == LEAD and "does not exist" in problem.message and problem.line > 1, problem


def test_a_file_past_the_limit_is_not_read_whole(pictures_project: Project) -> None:
    huge = pictures_project.content / "media" / "video.jpg"
    with huge.open("wb") as handle:  # 3 GB, sparse: a video named as a picture by mistake
        handle.truncate(3_000_000_000)
    assert len(read_inside(pictures_project.content, "media/video.jpg", picture_checks.MAX_BYTES) or b"") == 20_000_001
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    explainer.write_text(
        explainer.read_text("utf-8").replace("file: media/harbour.jpg", "file: media/video.jpg", 1), "utf-8"
    )
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == LEAD and "over 20,000,000 bytes" in problem.message


def test_a_damaged_exif_block_is_dropped_and_the_picture_published(
    pictures_project: Project, recwarn: pytest.WarningsRecorder
) -> None:
    """One file's GPS pointer is damaged (Pillow's EXIF writer failed on it); the other's EXIF is cut short
    (Pillow warned in the editor's terminal)."""
    lead(pictures_project, "bad-exif-typeerror.jpg")
    shutil.copy(HOSTILE / "corrupt-exif-warning.jpg", pictures_project.content / "media")
    explainer = pictures_project.explainers / "pictures-explainer.yml"
    text = explainer.read_text("utf-8").replace("media/harbour.jpg", "media/corrupt-exif-warning.jpg")
    explainer.write_text(text, "utf-8")
    build_site(pictures_project, search=False)
    for stem in ("bad-exif-typeerror", "corrupt-exif-warning"):
        with published(pictures_project, stem) as image:
            assert not image.getexif() and "exif" not in image.info
    assert not [str(warning.message) for warning in recwarn if "EXIF" in str(warning.message)]


def test_a_phone_s_multi_picture_jpeg_is_published_as_a_jpeg(pictures_project: Project) -> None:
    lead(pictures_project, "camera-mpo.jpg")
    build_site(pictures_project, search=False)
    with Image.open(HOSTILE / "camera-mpo.jpg") as original, published(pictures_project, "camera-mpo") as image:
        assert original.format == "MPO" and image.size == original.size
        first = original.convert("RGB").getpixel((500, 350))
        assert max(abs(a - b) for a, b in zip(image.getpixel((500, 350)), first, strict=True)) < 12


def test_colours_are_converted_from_the_picture_s_profile_to_srgb(pictures_project: Project) -> None:
    """A Display P3 photo (every recent phone's): its values read as sRGB would be duller."""
    lead(pictures_project, "display-p3-tagged.jpg")
    build_site(pictures_project, search=False)
    with Image.open(HOSTILE / "display-p3-tagged.jpg") as original:
        as_stored = original.getpixel((600, 400))
        profile = ImageCms.ImageCmsProfile(str(HOSTILE / "p3.icc"))
        srgb = ImageCms.profileToProfile(original, profile, ImageCms.createProfile("sRGB")).getpixel((600, 400))
    assert max(abs(a - b) for a, b in zip(as_stored, srgb, strict=True)) > 30  # the test tells the two apart
    with published(pictures_project, "display-p3-tagged") as image:
        shown = image.getpixel((600, 400))
        assert "icc_profile" not in image.info
    assert max(abs(a - b) for a, b in zip(shown, srgb, strict=True)) < 8, (shown, srgb, as_stored)


@pytest.mark.parametrize("profiled", [False, True])  # with a colour profile, converted first (a reviewer found)
def test_a_colour_keyed_png_is_laid_on_white(pictures_project: Project, profiled: bool) -> None:
    with Image.open(HOSTILE / "trns-colour-key.png") as original:
        output = io.BytesIO()
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        original.save(output, format="PNG", transparency=original.info["transparency"], icc_profile=srgb)
    lead(pictures_project, "trns-colour-key.png", output.getvalue() if profiled else None)
    build_site(pictures_project, search=False)
    with Image.open(HOSTILE / "trns-colour-key.png") as original:
        key = original.info["transparency"]
        where = next((x, y) for y in range(0, 700, 7) for x in range(0, 1000, 7) if original.getpixel((x, y)) == key)
    with published(pictures_project, "trns-colour-key") as image:
        assert min(image.getpixel(where)) > 240, (where, key, image.getpixel(where))


def test_a_planted_media_cache_entry_publishes_nothing_but_pictures(pictures_project: Project) -> None:
    """CI keeps `.cache/` between runs: an entry naming `1000.html` (a page of the site's origin) and a "webp"
    that is a page are not published; the picture is encoded again."""
    build_site(pictures_project, search=False)
    (entry,) = (pictures_project.root / ".cache" / "media").iterdir()
    names = json.loads((entry / "variants.json").read_text("utf-8"))  # each variant's size, by name
    (entry / "1000.html").write_text("<script>alert(document.domain)</script>", "utf-8")
    (entry / "variants.json").write_text(json.dumps({**names, "1000.html": 39}), "utf-8")
    shutil.rmtree(pictures_project.site)
    build_site(pictures_project, use_cache=False, search=False)
    assert not [path.name for path in (pictures_project.site / "media").iterdir() if path.suffix == ".html"]
    largest = max((name for name in names if name.endswith(".webp")), key=lambda name: int(name.split(".")[0]))
    (entry / "variants.json").write_text(json.dumps(names), "utf-8")
    (entry / largest).unlink()
    (entry / largest).write_text("<script>alert(document.domain)</script>", "utf-8")
    shutil.rmtree(pictures_project.site)
    build_site(pictures_project, use_cache=False, search=False)
    for path in (pictures_project.site / "media").iterdir():
        assert b"<script>" not in path.read_bytes(), path.name


def test_a_damaged_cache_file_is_not_published_again(pictures_project: Project) -> None:
    """A share card and a picture variant cut short in `.cache/` (or written over in place through the site's
    hard link to them) were published by build after build; `build --no-cache` fixed one build, and the next
    brought the damage back (an outside tester's findings)."""
    root = pictures_project.root
    build = [sys.executable, "-m", "generator", "build", "--no-search"]
    subprocess.run(build, cwd=root, check=True, capture_output=True)
    good = {path.relative_to(pictures_project.site): path.read_bytes() for path in pictures_project.site.rglob("*.*")}
    card = next((root / ".cache" / "cards").iterdir())
    variant = next(path for path in (root / ".cache" / "media").rglob("*.avif"))
    for damaged in (card, variant):
        os.truncate(damaged, 100)
    shutil.rmtree(pictures_project.site)
    subprocess.run(build, cwd=root, check=True, capture_output=True)
    again = {path.relative_to(pictures_project.site): path.read_bytes() for path in pictures_project.site.rglob("*.*")}
    assert again == good
    # A card written over whole, as an image tool saving in place does: `--no-cache` makes the cache anew,
    # and the next build publishes the card as drawn.
    (shared,) = (pictures_project.site / "en" / "fixture-pictures").glob("share.*.png")
    with Image.open(shared) as image:
        image.convert("RGB").save(shared, format="PNG")
    subprocess.run([*build, "--no-cache"], cwd=root, check=True, capture_output=True)
    subprocess.run(build, cwd=root, check=True, capture_output=True)
    assert shared.read_bytes() == good[shared.relative_to(pictures_project.site)]


@pytest.mark.parametrize("kind", ["WEBP", "PNG"])
def test_an_animation_is_refused_as_a_gif_is_not_published_as_its_first_frame(
    pictures_project: Project, kind: str
) -> None:
    """An animated GIF is refused, with WebP among the kinds to save it as; an animated WebP then passed `check`
    and `build`, and was published as its first frame, without a word (an outside tester's)."""
    frames = [Image.new("RGB", (1000, 600), colour) for colour in ("red", "green", "blue")]
    data = io.BytesIO()
    frames[0].save(data, format=kind, save_all=True, append_images=frames[1:], duration=100)
    lead(pictures_project, f"anim.{kind.lower()}", data.getvalue())
    with pytest.raises(ContentError) as error:
        check(pictures_project)
    (problem,) = error.value.problems
    assert problem.field == LEAD and "an animation of 3 frames" in problem.message, problem
