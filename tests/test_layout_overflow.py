"""What newsroom content and a reader's settings do to the layout, in Chromium: no page wider than the screen
and no picture taller than the window.

An outside reader's: a web address or hashtag in a section heading or a key figure's label (flex items, which
kept their longest word's width) made an Arabic page 351 px wide on a 320 px phone, opened scrolled so that the
start of every line was cut off; at twice the text size an ordinary long word did it, at two and a half times a
date and the pagination's links; a 1:5 graphic was 3,360 px tall, five screens before the first word; the key
figures' cards lost their edges in forced colours; the home page's newest explainer, a hashtag in its title, made the
page 959 px wide in a 768 px window (another's).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_SLUG, OpenPage, build_site, copy_project, serving
from PIL import Image, ImageDraw
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SLUG = "long-tokens"
WIDTHS = (320, 375, 768, 1280)
HEIGHT = 800
TALL = (800, 4000)  # a 1:5 graphic

# A campaign's hashtag long enough to be wider than the text column at every width.
HASHTAG = {
    "ar": "#التسجيل_في_اللوائح_الانتخابية_2024_عبر_البوابة_الرسمية_للمملكة_المغربية"
    "_في_جميع_الجهات_والأقاليم_قبل_نهاية_الشهر",
    "en": "#RegisterToVoteMorocco2024CampaignOnTheOfficialElectoralRollsPortalBeforeTheDeadline",
}
# Long tokens where newsroom content puts them: a portal's address and a campaign's hashtag in section
# headings and a key figure's label, and ordinary long words, which a reader's large text makes too wide.
EXPLAINER = """\
slug: long-tokens
published: 2024-09-03
updated: 2024-09-10
title:
  ar: "التسجيل في اللوائح الانتخابية عبر الإنترنت: HASHTAG_AR"
  en: "Registering to vote online: HASHTAG_EN"
dek:
  ar: "كيف تسجل في اللوائح الانتخابية عبر البوابة الرسمية."
  en: "How to register to vote through the official portal."
source:
  title: {ar: "بلاغ وزارة الداخلية", en: "Interior ministry statement"}
  language: ar
  date: 2024-09-02
image:
  file: media/tall-graphic.png
  alt: {ar: "رسم بياني طويل لمراحل التسجيل", en: "A tall chart of the steps of registration"}
  credit: {ar: "قسم الرسوم", en: "Graphics desk"}
key_figures:
  - value: "1.2m"
    label:
      ar: "تغريدات تحمل وسم #التسجيل_في_اللوائح_الانتخابية_2024_عبر_البوابة_الرسمية"
      en: "Posts tagged #RegisterToVoteMorocco2024CampaignOnTheOfficialPortal"
  - value: "2,946"
    label: {ar: "مكتب تسجيل", en: "Telecommunications administrations"}
takeaways:
  - text: {ar: "التسجيل متاح حتى نهاية الشهر.", en: "Registration is open until the end of the month."}
    section: portal
sections:
  - id: portal
    heading:
      ar: "ماذا تقول بوابة www.listeselectorales.ma/inscription-en-ligne/formulaire-de-demande-d-inscription-electorale"
      en: "What www.listeselectorales.ma/inscription-en-ligne/formulaire-de-demande-d-inscription-electorale says"
    paragraphs:
      - {ar: "تتيح البوابة التسجيل في دقائق.", en: "The portal allows registration in minutes."}
  - id: hashtag
    heading:
      ar: "وسم HASHTAG_AR على المنصات"
      en: "The HASHTAG_EN hashtag"
    paragraphs:
      - {ar: "انتشر الوسم على نطاق واسع.", en: "The hashtag spread widely."}
  - id: associations
    heading:
      ar: "مسؤوليات الجمعيات والإدارات المحلية"
      en: "Telecommunications associations' responsibilities"
    paragraphs:
      - {ar: "تساعد الجمعيات الناخبين على التسجيل.", en: "Associations help voters register."}
updates:
  - date: 2024-09-10
    kind: update
    text: {ar: "أضفنا موعد نهاية التسجيل.", en: "We added the registration deadline."}
""".replace("HASHTAG_AR", HASHTAG["ar"]).replace("HASHTAG_EN", HASHTAG["en"])


def tall_graphic() -> bytes:
    """A 1:5 chart: bands down its length, framed, so a screenshot shows whether it is drawn whole."""
    image = Image.new("RGB", TALL, "white")
    draw = ImageDraw.Draw(image)
    for band in range(10):
        top = band * TALL[1] // 10
        draw.rectangle((60, top + 40, 60 + 68 * (band + 1) // 2 + 300, top + 360), fill=(11, 83, 148))
    draw.rectangle((0, 0, TALL[0] - 1, TALL[1] - 1), outline=(164, 38, 44), width=24)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real project, the explainer above and its picture, one explainer a list page (so lists have
    pagination links), built and served; `open_page` opens its pages."""
    project = copy_project(tmp_path_factory.mktemp("overflow") / "project")
    (project.content / "media").mkdir()
    (project.content / "media" / "tall-graphic.png").write_bytes(tall_graphic())
    (project.content / "explainers" / f"{SLUG}.yml").write_text(EXPLAINER, encoding="utf-8")
    settings = project.content / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("page_size: 20", "page_size: 1"), "utf-8")
    build_site(project, search=False)
    with serving(project.site) as address:
        yield address


# Every element that sticks out of the window, for the failure message (the assertion is the page's width).
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width && (box.left < -0.5 || box.right > width + 0.5)) {
      const name = element.tagName.toLowerCase() + (element.className ? '.' + element.className : '');
      out.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)} ${element.textContent.trim().slice(0, 30)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, out: out.slice(-4)};
}"""


def assert_no_overflow(page: Page, where: str) -> None:
    measured = page.evaluate(OVERFLOW_JS)
    assert measured["scrollWidth"] <= measured["innerWidth"], (
        f"{where} is {measured['scrollWidth']} px wide in a {measured['innerWidth']} px window: {measured['out']}"
    )


def pages_of(code: str) -> list[str]:
    """The explainer with the long tokens, the seed (a date in its 'Updated' link), the home page's two pages and
    the root page, which offers the languages."""
    return [f"{code}/{SLUG}/", f"{code}/{SEED_SLUG}/", f"{code}/", f"{code}/page/2/", ""]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", ["ar", "en"])
def test_long_words_never_make_a_page_wider_than_the_screen(
    open_page: OpenPage, artifacts: Path, code: str, width: int
) -> None:
    """A web address or hashtag in a section heading or a key figure's label wraps inside the column, as it does
    in the title and the paragraphs, in both directions and at every width from a small phone's to a desktop's."""
    for path in pages_of(code):
        page = open_page(path, viewport={"width": width, "height": HEIGHT})
        assert_no_overflow(page, f"/{path}")
        if path.endswith(f"{SLUG}/") or path == f"{code}/":
            name = "long-words" if path.endswith(f"{SLUG}/") else "long-words-home"
            page.screenshot(path=str(artifacts / f"{name}-{code}-{width}.png"), full_page=True)


@pytest.mark.parametrize(
    ("size", "width"),
    [(32, 320), (32, 375), (40, 375), (48, 320)],
    ids=["200%-320", "200%-375", "250%-375", "300%-320"],
)
@pytest.mark.parametrize("code", ["ar", "en"])
def test_large_text_never_makes_a_page_wider_than_the_screen(
    open_page: OpenPage, artifacts: Path, code: str, size: int, width: int
) -> None:
    """A reader who sets the browser's text to twice or two and a half times its size on a phone (WCAG's
    reflow): an ordinary long word in a heading, a date that must not break and the pagination's links."""
    for path in pages_of(code):
        page = open_page(path, viewport={"width": width, "height": HEIGHT})
        page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size}})
        page.reload()
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == size
        assert_no_overflow(page, f"/{path} with {size} px text")
        if path.endswith(f"{SLUG}/"):  # the window only: a full-page screenshot sets the text size back
            page.eval_on_selector("#hashtag", "section => section.scrollIntoView()")
            page.screenshot(path=str(artifacts / f"large-text-{code}-{size}px-{width}.png"))


PICTURE_JS = """img => {
  const box = img.getBoundingClientRect();
  const style = getComputedStyle(img);
  return {width: box.width, height: box.height, fit: style.objectFit,
          attributes: [Number(img.getAttribute('width')), Number(img.getAttribute('height'))]};
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("code", ["ar", "en"])
def test_a_tall_picture_is_drawn_whole_within_the_window(
    open_page: OpenPage, artifacts: Path, code: str, width: int
) -> None:
    """A 1:5 graphic is held to 80% of the window's height, drawn whole (contained, never cropped) in a box
    whose size the width and height in the HTML decide, so nothing moves when the picture arrives."""
    page = open_page(f"{code}/{SLUG}/", viewport={"width": width, "height": HEIGHT})
    page.eval_on_selector(".figure.lead img", "img => img.decode()")
    page.eval_on_selector(".figure.lead", "figure => figure.scrollIntoView()")
    page.screenshot(path=str(artifacts / f"tall-picture-{code}-{width}.png"))
    picture = page.eval_on_selector(".figure.lead img", PICTURE_JS)
    assert picture["attributes"] == list(TALL)
    cap = 0.8 * HEIGHT
    assert picture["height"] <= cap + 0.5, f"the picture is {picture['height']} px tall in an {HEIGHT} px window"
    assert picture["fit"] == "contain", "the picture is cut or stretched to its box"
    # The box is the column's width and the height its attributes give at that width, up to the cap: the same
    # before the picture loads as after.
    column = page.eval_on_selector(".figure.lead", "figure => figure.getBoundingClientRect().width")
    assert abs(picture["width"] - column) <= 0.5
    assert abs(picture["height"] - min(column * TALL[1] / TALL[0], cap)) <= 1


@pytest.mark.parametrize("code", ["ar", "en"])
def test_key_figures_keep_their_edges_in_forced_colours(open_page: OpenPage, artifacts: Path, code: str) -> None:
    """The key figures' cards were drawn by their background alone, which forced colours (Windows' high contrast)
    take away: a transparent border is theirs, which forced colours draw."""
    page = open_page(f"{code}/{SEED_SLUG}/", viewport={"width": 375, "height": HEIGHT}, forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    page.eval_on_selector(".key-figures", "section => section.scrollIntoView()")
    page.screenshot(path=str(artifacts / f"forced-colours-key-figures-{code}.png"))
    edges = page.eval_on_selector_all(
        ".key-figures li",
        """cards => cards.map(card => {
          const style = getComputedStyle(card);
          return [style.borderBlockStartStyle, parseFloat(style.borderBlockStartWidth), style.borderBlockStartColor];
        })""",
    )
    assert edges
    for style, width, colour in edges:
        assert style == "solid" and width >= 1, (style, width)
        assert colour not in ("transparent", "rgba(0, 0, 0, 0)"), f"forced colours left the edge {colour}"


@pytest.mark.parametrize("code", ["ar", "en"])
def test_a_lists_pages_span_its_grid_of_cards(open_page: OpenPage, artifacts: Path, code: str) -> None:
    """At a desk's width the cards stand in a grid wider than the text's measure; the links to the list's other
    pages stood at the end of the measure, "Older explainers" mid-screen under the grid (an outside reader's)."""
    page = open_page(f"{code}/page/2/", viewport={"width": 1366, "height": HEIGHT})
    page.eval_on_selector(".pagination", "nav => nav.scrollIntoView()")
    page.screenshot(path=str(artifacts / f"pagination-{code}-1366.png"))
    grid, pages = (
        page.eval_on_selector(css, "box => box.getBoundingClientRect().toJSON()") for css in (".cards", ".pagination")
    )
    assert (round(pages["left"]), round(pages["right"])) == (round(grid["left"]), round(grid["right"]))
    assert grid["width"] > 1000  # (the measure is some 670 px)
