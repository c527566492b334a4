"""Share cards: a PNG of the right size per explainer page, lines broken between words, and the title drawn
as Chromium draws it with the same fonts (Arabic joined and right to left, Latin runs in their place).

The browser comparison renders one line both ways, black on white, crops each to its ink, and compares the
ink of each column along the line (lightly smoothed): a line with its runs in another order, or with Arabic
letters unjoined, gives a profile that does not match, which the controls below check the measure can see.
"""

from __future__ import annotations

import io
import shutil
import zlib
from pathlib import Path

import numpy as np
import pytest
from conftest import text_renderer
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from generator.card_text import line_levels
from generator.cards import (
    CardText,
    card_fonts,
    draw_line,
    drawing_modules,
    kept_card,
    pieces,
    render_card,
    title_lines,
    wrap,
)
from generator.plain_text import plain_in_order

COLOURS = ("#ffffff", "#000000", "#000000", "#000000")
SIZE = 48
LINES = [  # one line each: (language, direction, script of the language, title)
    ("ar", "rtl", "ARABIC", "زيارة كيم جونغ أون إلى روسيا: أسلحة لموسكو"),
    ("en", "ltr", "LATIN", "Kim Jong Un's visit to Russia: arms for Moscow"),
    ("ar", "rtl", "ARABIC", "قمة G20 في نيودلهي: الاتحاد الأفريقي عضو دائم"),
    ("en", "ltr", "LATIN", "The word حرب عالمية means world war"),
    ("en", "ltr", "LATIN", "She wrote «شكرًا Liverpool» on Instagram"),  # read whole from the right, as the page
]


def page_text(language: str, title: str) -> str:
    """A title as its page gives it to the card: rendered, its runs isolated (explainer_page._card_text)."""
    return plain_in_order(text_renderer(language).inline(title))


def card_text(language: str, direction: str, script: str, title: str) -> CardText:
    title = page_text(language, title)
    return CardText("Explainers", title, "12 September 2023", direction, language, card_fonts(script), COLOURS)


def test_a_card_is_a_1200_by_630_png_and_the_same_bytes_every_time() -> None:
    card = card_text("ar", "rtl", "ARABIC", LINES[0][3])
    data = render_card(card)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert render_card(card) == data


def test_a_kept_card_is_named_by_the_rules_that_order_its_title_too() -> None:
    """A card kept in the build cache before a change to the mixed-direction rules kept its old order under its
    old name, published beside a page title in the new order (an outside tester's: `لسنة 8 رقم قانون 2004` on
    the card after the page was mended). Its name comes from every module that draws or orders it."""
    drawn_by = {module.__name__.rpartition(".")[2] for module in drawing_modules()}
    assert {"bidi", "bidi_repairs", "bidi_figures", "latin_in_arabic", "quote_language", "quote_marks"} <= drawn_by
    assert {"cards", "card_text", "card_faces", "glyphs", "png"} <= drawn_by


def test_the_png_holds_what_was_drawn() -> None:
    """The bands' deflate blocks spliced into one stream decode (Pillow's reading checks the zlib checksum) to
    the palette indexes drawn: the accent bar on top, the background below it."""
    card = card_text("en", "ltr", "LATIN", LINES[1][3])
    with Image.open(io.BytesIO(render_card(card))) as image:
        image.load()
        pixels = np.asarray(image)
        assert image.mode == "P" and not image.info.keys() - {"transparency"}
    assert (pixels[:15] == 16).all() and (pixels[15:40] == 0).all()  # full accent, then background
    assert len(np.unique(pixels[200:480])) > 8  # the title's anti-aliased edges, in several shades


@pytest.mark.parametrize("line", LINES, ids=[line[0] + "-" + line[3][:12] for line in LINES])
def test_zlib_ng_gives_the_bytes_zlib_gives(line: tuple[str, str, str, str]) -> None:
    """png.py deflates with zlib-ng for speed; a card is named by its bytes, so they must be zlib's own, or a
    card would change name with the library under it. Each band of a real title, compressed both ways."""
    from generator import png

    canvas = np.zeros((SIZE * 2, 1200), dtype=np.uint8)
    draw_line(canvas, line[3], card_text(*line), SIZE, SIZE * 3 // 2)
    indexes = (canvas >> 4).astype(np.uint8)  # a coverage's top four bits, as the card's shades are
    assert indexes.any()
    rows = np.zeros((indexes.shape[0], indexes.shape[1] + 1), dtype=np.uint8)
    rows[:, 1:] = indexes
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    expected = deflater.compress(rows.tobytes()) + deflater.flush(zlib.Z_FULL_FLUSH)
    for _ in range(2):  # png.py keeps its compressor from band to band: the second is as a new one's
        band = png._compressed(rows)
        assert (band.deflated, band.adler) == (expected, zlib.adler32(rows.tobytes()))


def test_a_character_no_installed_font_has_is_left_out_not_drawn_as_a_box() -> None:
    with_emoji = card_text("en", "ltr", "LATIN", "Kim Jong Un 🚀 in Russia 🇷🇺")
    assert render_card(with_emoji) == render_card(card_text("en", "ltr", "LATIN", "Kim Jong Un in Russia"))
    nothing = render_card(card_text("ar", "rtl", "ARABIC", "\U0001f1f7\U0001f1fa \U0001f680\ufe0f"))  # no title
    assert nothing == render_card(card_text("ar", "rtl", "ARABIC", ""))
    # punctuation after what was left out stays with the word before it, no space between (`Greece :`)
    flagged = card_text("en", "ltr", "LATIN", "Wildfires in Greece \U0001f1ec\U0001f1f7: what we know")
    assert render_card(flagged) == render_card(card_text("en", "ltr", "LATIN", "Wildfires in Greece: what we know"))


def test_a_language_own_font_comes_first_and_may_be_woff2(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    woff2 = tmp_path / "own.woff2"
    font = TTFont(card_fonts("LATIN")[0])
    font.flavor = "woff2"
    font.save(woff2)
    fonts = card_fonts("LATIN", woff2.read_bytes())
    assert len(fonts) == 3 and fonts[1:] == card_fonts("LATIN")
    own = CardText("Explainers", LINES[1][3], "12 September 2023", "ltr", "en", fonts, COLOURS)
    assert render_card(own) == render_card(card_text("en", "ltr", "LATIN", LINES[1][3]))  # the same face, unpacked


def test_a_drawn_card_is_kept_and_taken_again_by_the_next_build(tmp_path: Path) -> None:
    """A card just drawn is kept by the site's own file, linked into the cache once written (one file, not a
    cache file and a copy); the next build takes it from there; a cache file that is not a card of this size
    is drawn again and replaced."""
    from generator.site_version import SiteVersion
    from generator.stored import Kept, Output, Stored

    cards, card = tmp_path / "cards", card_text("en", "ltr", "LATIN", LINES[1][3])

    def published(output: Output) -> Path:
        shutil.rmtree(tmp_path / "site", ignore_errors=True)
        with SiteVersion(tmp_path / "site", None) as version:
            version.put({"en/share.png": output})
            version.finish()
        return tmp_path / "site" / "en" / "share.png"

    key, output = kept_card(card, cards)
    drawn = render_card(card)
    assert isinstance(output, Kept) and output.data == drawn and not list(cards.glob("*.png"))
    site_file = published(output)
    (kept,) = cards.glob("*.png")
    assert kept.samefile(site_file) and kept.read_bytes() == drawn and kept.name == f"{key}.png"
    again, output = kept_card(card, cards)
    assert isinstance(output, Stored) and output.path == kept and again == key  # taken, not drawn again
    other = render_card(card_text("en", "ltr", "LATIN", LINES[3][3]))
    kept.unlink()  # replaced whole, as a cache file only ever is (the site's file is the same file)
    kept.write_bytes(other)
    output = kept_card(card, cards)[1]
    assert isinstance(output, Stored) and output.read() == other  # taken as it is: its bytes need not name it
    kept.unlink()
    kept.write_bytes(b"\x89PNG not a card")
    again, output = kept_card(card, cards)
    assert isinstance(output, Kept) and output.data == drawn  # what is not a card of this size is drawn again ...
    published(output)
    assert kept.read_bytes() == drawn  # ... and replaced
    retitled = kept_card(card_text("en", "ltr", "LATIN", "Another title"), cards)[0]
    assert retitled != key
    assert kept_card(card, None) == (key, drawn)  # `check` names it alike, and draws it


def test_lines_break_between_words_and_a_long_title_ends_in_an_ellipsis() -> None:
    title = " ".join(["تسلّح"] * 12 + ["G20"] * 6 + ["الاتحاد الأفريقي"] * 30)
    card = card_text("ar", "rtl", "ARABIC", title)
    size, lines = title_lines(card)
    assert lines[-1].endswith(" …") and size == 46
    shown = [line.removesuffix(" …").translate(dict.fromkeys(range(0x2066, 0x206A))) for line in lines]  # (isolates)
    words = [word for line in shown for word in line.split()]
    assert words == title.split()[: len(words)]  # whole words, in order, none cut
    short = wrap("قمة G20 في نيودلهي", True, card.fonts, 68, 1040, "ar")
    assert short == ["قمة G20 في نيودلهي"]


def runs_seen(line: str, rtl: bool, script: str) -> list[str]:
    """A line's runs from left to right, a run being the pieces of one direction side by side."""
    runs: list[tuple[bool, str]] = []
    for piece in pieces(page_text("ar" if rtl else "en", line), rtl, card_fonts(script), 40, "ar" if rtl else "en"):
        if runs and runs[-1][0] == piece.rtl:
            runs[-1] = (piece.rtl, runs[-1][1] + piece.text)
        else:
            runs.append((piece.rtl, piece.text))
    return [text.strip() for _, text in runs if text.strip()]


def test_a_wrapped_lines_runs_are_in_its_paragraphs_order() -> None:
    """Levels are resolved for the title, then lines break (UAX #9): `عند 2.75%` broken after `عند` drew
    `2.75%` on the card's second line where the page, broken there too, shows `%2.75` (an outside tester's)."""
    lines = page_text("ar", "بنك المغرب يبقي الفائدة عند 2.75% والتضخم يتراجع").split(" عند ")
    lines = [lines[0] + " عند", lines[1]]
    context = line_levels(lines, True)[1]
    seen = [piece.text for piece in pieces(lines[1], True, card_fonts("ARABIC"), 40, "ar", context)]
    alone = [piece.text for piece in pieces(page_text("ar", lines[1]), True, card_fonts("ARABIC"), 40, "ar")]
    where = lambda found, text: next(i for i, piece in enumerate(found) if text in piece)  # noqa: E731
    assert where(seen, "%") < where(seen, "2.75"), seen  # `%` at the number's left, as the page
    # and alone, as a paragraph that opens with a per cent now reads (latin_in_arabic.opening_per_cent)
    assert where(alone, "%") < where(alone, "2.75"), alone
    whole = line_levels([page_text("ar", "بنك المغرب يبقي الفائدة عند 2.75% والتضخم يتراجع")], True)[0]
    assert line_levels(lines, True)[0] + (1,) + context == whole


def test_runs_are_in_the_order_a_reader_sees_them() -> None:
    assert runs_seen("قمة G20 في نيودلهي", True, "ARABIC") == ["في نيودلهي", "G20", "قمة"]  # قمة at the right edge
    assert runs_seen("The word حرب عالمية means", False, "LATIN") == ["The word", "حرب عالمية", "means"]
    # An Arabic quotation that holds English reads from the right whole, its English inside it (bidi.quotations)
    assert runs_seen("She wrote «شكرًا Liverpool» on", False, "LATIN") == ["She wrote «Liverpool", "شكرًا", "» on"]
    # Phone numbers typed in Arabic-Indic digits, as the page's text gives them to the card (with the marks that keep
    # their groups in order): each left to right, as dialled (drawn with their groups from the right: a retester's)
    title = "اتصلوا على ٠٥٠-١٢٣-٤٥٦٧ أو +٩٧١ ٤ ١٢٣ ٤٥٦٧"
    seen = [run.replace("\u200e", "") for run in runs_seen(title, True, "ARABIC")]
    assert seen == ["+٩٧١ ٤ ١٢٣ ٤٥٦٧", "أو", "٠٥٠-١٢٣-٤٥٦٧", "اتصلوا على"]


def ours(language: str, direction: str, script: str, title: str) -> Image.Image:
    coverage = np.zeros((160, 1200), dtype=np.uint8)
    card = card_text(language, direction, script, title)
    draw_line(coverage, card.title, card, SIZE, 100)
    return Image.fromarray(255 - coverage)  # black on white, as the browser's


def unshaped(script: str, title: str) -> Image.Image:
    """The control for shaping and order: the line drawn character by character, left to right."""
    image = Image.new("L", (1200, 160), 255)
    font = ImageFont.truetype(card_fonts(script)[0], SIZE, layout_engine=ImageFont.Layout.BASIC)
    ImageDraw.Draw(image).text((80, 100), title, font=font, fill=0, anchor="ls")
    return image


def in_chromium(browser: Browser, folder: Path, language: str, direction: str, script: str, title: str) -> Image.Image:
    """The title as the page marks it up (its runs isolated), in Chromium, with the cards' font files."""
    fonts = card_fonts(script)
    faces = "".join(
        f"@font-face {{ font-family: F{i}; font-weight: 700; src: url('file://{path}'); }}"
        for i, path in enumerate(fonts)
    )
    family = ", ".join(f"F{i}" for i in range(len(fonts)))
    style = (
        "body { margin: 0; background: #fff; } "
        f"div {{ font: bold {SIZE}px {family}; white-space: nowrap; color: #000; padding: 20px 80px; }}"
    )
    page_file = folder / f"line-{language}-{len(title)}.html"
    markup = text_renderer(language).inline(title)
    head = f"<!doctype html><html lang={language} dir={direction}><style>{faces} {style}</style>"
    page_file.write_text(f"{head}<div>{markup}</div></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 160})
    page.goto(page_file.as_uri())
    page.evaluate("document.fonts.ready")
    try:
        taken = page.screenshot()
    except PlaywrightError as error:  # a loaded machine's Chromium once answered so, in a CI run: asked again
        if "Unable to capture screenshot" not in str(error):
            raise
        taken = page.screenshot()
    shot = Image.open(io.BytesIO(taken)).convert("L")
    page.close()
    return shot


def ink_profile(image: Image.Image) -> tuple[list[float], int]:
    """The dark pixels of each column of the line's ink, smoothed over 9 columns; and the ink's width."""
    box = image.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert box is not None, "no ink"
    crop = image.crop(box)
    width, height = crop.size
    pixels = crop.load()
    columns = [sum(1 for y in range(height) if pixels[x, y] < 128) for x in range(width)]  # type: ignore[index]
    smoothed = [sum(columns[max(0, x - 4) : x + 5]) / 9 for x in range(width)]
    return smoothed, width


def similarity(first: Image.Image, second: Image.Image) -> tuple[float, float]:
    """Correlation of the two lines' ink profiles (resampled to one length), and the ratio of their widths."""
    (a, width_a), (b, width_b) = ink_profile(first), ink_profile(second)
    n = 400
    a = [a[round(i * (len(a) - 1) / (n - 1))] for i in range(n)]
    b = [b[round(i * (len(b) - 1) / (n - 1))] for i in range(n)]
    mean_a, mean_b = sum(a) / n, sum(b) / n
    covariance = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return covariance / spread, width_a / width_b


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "direction", "script", "title"),
    LINES,
    ids=["arabic", "english", "arabic-with-latin", "english-with-arabic", "english-with-arabic-quotation"],
)
def test_a_card_line_is_drawn_as_chromium_draws_it(
    browser: Browser, tmp_path: Path, artifacts: Path, language: str, direction: str, script: str, title: str
) -> None:
    drawn = ours(language, direction, script, title)
    reference = in_chromium(browser, tmp_path, language, direction, script, title)
    name = f"card-line-{language}-{len(title)}"
    drawn.save(artifacts / f"{name}-ours.png")
    reference.save(artifacts / f"{name}-chromium.png")
    alike, widths = similarity(drawn, reference)
    assert alike > 0.9 and abs(widths - 1) < 0.03, (alike, widths)
    # The measure tells a wrong order apart (the words the other way round) ...
    reversed_words = ours(language, direction, script, " ".join(reversed(title.split())))
    assert similarity(reversed_words, reference)[0] < 0.5
    # ... and, wherever there is Arabic, letters left unjoined and unordered.
    if any("\u0600" <= character <= "\u06ff" for character in title):
        assert similarity(unshaped(script, title), reference)[0] < 0.5


@settings(max_examples=60, deadline=None)
@given(
    above=st.integers(0, 40),
    below=st.integers(0, 40),
    rows=st.lists(st.lists(st.sampled_from([0, 0, 0, 3, 17, 48]), min_size=24, max_size=24), min_size=0, max_size=12),
)
def test_a_band_reads_only_its_inked_rows(above: int, below: int, rows: list[list[int]]) -> None:
    """Cards compress only the rows they drew on and say which those are; the rows of the background between
    and around them are not read (a card's buffer is not cleared there). What comes out inflates to every
    row, filter byte first, and carries their Adler-32: the PNG is the whole band's."""
    from generator import png

    assume(above + len(rows) + below > 0)  # a band has rows
    inner = np.array(rows, dtype=np.uint8).reshape(len(rows), 24)
    whole = np.vstack([np.zeros((above, 24), np.uint8), inner, np.zeros((below, 24), np.uint8)])
    filtered = np.hstack([np.zeros((len(whole), 1), np.uint8), whole])  # each row's filter byte: 0, none
    inked = whole.any(axis=1)
    untidy = filtered.copy()
    untidy[~inked, 1:] = 7  # what a reused buffer may hold where nothing was drawn
    band = png.band(untidy, inked)
    assert band == png.band(filtered, inked)
    assert zlib.decompress(band.deflated + png.LAST_BLOCK, -15) == filtered.tobytes()
    assert (band.length, band.adler) == (filtered.nbytes, zlib.adler32(filtered.tobytes()))
