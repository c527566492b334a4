"""Share card text that does not fit or that the card's faces lack: words longer than a line, shortened titles
and site names, no-break spaces, letters of other scripts (drawn with an installed font, or reported by
`check`), and marks with their bases. Cards are decoded and their ink looked at, as a reader would."""

from __future__ import annotations

import io
import re
import subprocess

import numpy as np
import pytest
from conftest import check
from PIL import Image

from generator import card_faces, card_text
from generator.card_faces import assigned, undrawable
from generator.card_text import measure, pieces
from generator.cards import MARGIN, WIDTH, CardText, card_fonts, kept_card, render_card, title_lines
from generator.problems import ContentError
from generator.project import Project

COLOURS = ("#ffffff", "#1b1b1b", "#0b4f8a", "#555555")
FONTS = {"ar": card_fonts("ARABIC"), "en": card_fonts("LATIN")}
URL = "https://example.org/news/2023/09/12/kim-jong-un-russia-visit-vostochny-cosmodrome"
LONG_EN = (
    "Kim Jong Un's visit to Russia and his meeting with President Vladimir Putin at the Vostochny cosmodrome, "
    "where the two leaders discussed possible arms deals and cooperation on satellites and military technology, "
    "while the United States, South Korea and Japan watch with deep concern what the summit could mean"
)
LONG_AR = (
    "زيارة كيم جونغ أون إلى روسيا ولقاؤه الرئيس فلاديمير بوتين في قاعدة فوستوتشني الفضائية، حيث بحث الزعيمان "
    "صفقات أسلحة محتملة وتعاونا في مجال الأقمار الصناعية والتكنولوجيا العسكرية، بينما تراقب الولايات المتحدة "
    "وكوريا الجنوبية واليابان بقلق بالغ ما قد تسفر عنه هذه القمة من نتائج على أمن المنطقة"
)


def card(language: str, title: str, site_name: str = "") -> CardText:
    rtl = language == "ar"
    name = site_name or ("شروحات" if rtl else "Explainers")
    date = "12 سبتمبر 2023" if rtl else "12 September 2023"
    return CardText(name, title, date, "rtl" if rtl else "ltr", language, FONTS[language], COLOURS)


def ink(card_text: CardText, rows: slice = slice(15, None)) -> np.ndarray:
    """Which pixels of the drawn card are not the background (below the accent's bar, or in `rows`)."""
    image = np.asarray(Image.open(io.BytesIO(render_card(card_text))).convert("RGB"))
    return (image[rows] != 255).any(axis=2)  # the background is white


def columns(inked: np.ndarray) -> np.ndarray:
    return np.flatnonzero(inked.any(axis=0))


def within_margins(inked: np.ndarray) -> bool:
    found = columns(inked)
    return bool(found.size) and found.min() >= MARGIN and found.max() < WIDTH - MARGIN


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", f"Read {URL}"),
        ("ar", f"الخبر {URL}"),
        ("en", "W" * 40 + " " + "W" * 6),
        ("en", "Kim in Donaudampfschifffahrtsgesellschaftskapitänswitwenversicherungsgesellschaftsvertreter"),
        ("ar", "كيم في " + "روسيا" * 14),
    ],
)
def test_a_word_longer_than_a_line_is_broken_between_letters_and_stays_on_the_card(language: str, title: str) -> None:
    size, lines = title_lines(card(language, title))
    assert size == 46 and len(lines) > 1
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # every letter, in order, none cut off
    assert within_margins(ink(card(language, title)))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_word_of_many_thousand_letters_is_measured_about_a_line_at_a_time(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Breaking a pasted 40,000-letter word (an address, base64) shaped half the word at each step of its first
    line's search, and as much again for each line after: 17 s and 2 GB, and a word of 200,000 never ended (an
    outside tester's fuzzing). The letters measured are now a few times the word's, whatever its length."""
    measured = []
    real = card_text.breadth

    def counted(line: str, *rest: object) -> float:
        measured.append(len(line))
        return real(line, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(card_text, "breadth", counted)
    word = ("ب" if language == "ar" else "x") * 20_000
    size, lines = title_lines(card(language, f"{word[:3]} {word}"))
    assert size == 46 and lines[-1].endswith("…")
    assert sum(measured) < 40 * len(word), f"{sum(measured):,} letters measured for a word of {len(word):,}"


@pytest.mark.parametrize(("language", "title"), [("en", LONG_EN), ("ar", LONG_AR), ("en", " ".join(["Kim"] * 80))])
def test_a_shortened_title_ends_in_an_ellipsis_inside_the_margins(language: str, title: str) -> None:
    text = card(language, title)
    size, lines = title_lines(text)
    assert lines[-1].endswith(" …")
    kept = [word for line in lines for word in line.removesuffix(" …").split()]
    assert kept == title.split()[: len(kept)]  # whole words, in order
    assert measure(lines[-1], language == "ar", text.fonts, size, language) <= WIDTH - 2 * MARGIN
    assert within_margins(ink(text))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_long_site_name_is_made_smaller_then_shortened_after_a_word(language: str) -> None:
    name = " ".join(["شروحات الأخبار الدولية والإقليمية"] * 4 if language == "ar" else ["International Explainers"] * 5)
    site_band = slice(15, 170)
    assert within_margins(ink(card(language, "Kim", name), site_band))
    short = ink(card(language, "Kim", name.split()[0]), site_band)
    assert columns(short).size < columns(ink(card(language, "Kim", name), site_band)).size  # it is drawn


@pytest.mark.parametrize(
    ("language", "words", "together"),
    [
        ("en", "The distance between the two cities is roughly", "1180\u00a0km"),
        ("en", "The distance between the two cities is roughly", "1180\u202fkm"),
        ("en", "The distance between the two cities is roughly", "1180 \u2060km"),
        ("ar", "المسافة بين المدينتين نحو", "1180\u00a0كم"),
    ],
)
def test_a_no_break_space_keeps_its_words_on_one_line(language: str, words: str, together: str) -> None:
    for filler in range(12):  # the pair falls at the end of a line for one of these lengths
        title = f"{words} {'x ' * filler}{together} according to official estimates released"
        _, lines = title_lines(card(language, title))
        assert any(together in line for line in lines), lines
    spaced = measure(together, language == "ar", FONTS[language], 46, language)
    plain = measure(re.sub(r"\W+", " ", together), language == "ar", FONTS[language], 46, language)
    assert spaced == pytest.approx(plain, abs=8)  # drawn as a space (U+202F: a narrow one), not left out


def test_letters_the_faces_lack_are_drawn_with_an_installed_font() -> None:
    title_band = slice(170, 520)
    with_hebrew, empty = ink(card("en", "(הארץ)"), title_band), ink(card("en", "()"), title_band)
    drawn, bare = columns(with_hebrew), columns(empty)
    assert drawn.max() - drawn.min() > bare.max() - bare.min() + 80
    middle = with_hebrew[:, drawn.min() + 25 : drawn.max() - 25]  # between the parentheses
    assert middle.any()
    fonts = {piece.font for piece in pieces("هآرتس (הארץ)", True, FONTS["ar"], 68, "ar")}
    assert any("Hebrew" in font for font in fonts)


def test_a_card_drawn_with_an_installed_font_is_kept_by_that_font_too() -> None:
    hebrew = card("ar", "هآرتس (הארץ)")
    assert kept_card(hebrew, None)[0] != kept_card(card("ar", "هآرتس ()"), None)[0]
    assert undrawable("هآرتس (הארץ): كيم (김정은) 🚀", FONTS["ar"]) == "김정은"


def test_marks_go_with_their_base() -> None:
    assert "".join(char for char, _ in assigned("\uac00\u0301x", FONTS["en"])) == "x"  # no base drawn: no mark
    niqqud = pieces("שָׁלוֹם", False, FONTS["en"], 68, "en")
    assert len(niqqud) == 1 and niqqud[0].text == "שָׁלוֹם"  # the marks in their letters' font
    alone = pieces("كيم", True, FONTS["ar"], 68, "ar")[0]
    for before in ("\u07a6\u07a8", "ދިވެހި ", "\u0301"):  # Thaana vowel signs, a Thaana word, a mark alone
        arabic = [piece for piece in pieces(before + "كيم", True, FONTS["ar"], 68, "ar") if "كيم" in piece.text]
        assert arabic and arabic[0].width == pytest.approx(alone.width, abs=1)  # joined as ever


@pytest.mark.parametrize("written", ["김정은", "&#xAE40;&#xC815;&#xC740;"])  # the letters, or HTML references to them
def test_check_names_the_letters_a_card_cannot_draw(project: Project, written: str) -> None:
    path = project.content / "explainers" / "kim-jong-un-russia-visit.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^(  en: ")', rf"\g<1>Kim ({written}) ", text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(project)
    (problem,) = [problem for problem in raised.value.problems if "share card" in problem.message]
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith('  en: "'))
    assert (problem.path.name, problem.line, problem.field) == (path.name, line, "title.en")
    assert problem.message == "the share card cannot draw 김정은: no installed font has these letters"
    assert "fonts-noto-cjk" in problem.hint


def test_check_refuses_a_title_of_emoji_alone(project: Project) -> None:
    """A card leaves emoji out; a title of nothing else (`🔥🔥🔥`) passed, its card without a title (an outside
    tester's)."""
    path = project.content / "explainers" / "kim-jong-un-russia-visit.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^(  en: ")[^"]*"', r'\g<1>🔥🔥 🇷🇺!"', text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(project)
    (problem,) = raised.value.problems
    assert problem.field == "title.en" and "has no letter or figure" in problem.message


def test_a_title_in_hebrew_passes_check(project: Project) -> None:
    path = project.content / "explainers" / "kim-jong-un-russia-visit.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^(  en: ")', r"\g<1>Haaretz (הארץ): ", text, count=1), encoding="utf-8")
    check(project)


def test_ink_that_overhangs_a_line_start_is_moved_inside_the_margin() -> None:
    overhanging = [("en", "Japan's visit to Moscow"), ("ar", "زيارة إيران إلى فلاديفوستوك"), ("ar", "हिन्दी كيم")]
    for language, title in overhanging:  # a J's hook, an Arabic tail, a Devanagari vowel sign
        assert within_margins(ink(card(language, title)))


def test_a_variable_font_s_whole_font_row_is_no_face_to_choose(monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig lists a variable font's whole-font pattern with ranges (`weight: [0 210]`): a reviewer found
    it raised in `check`. No variable font is installed here, so fc-list's answer is given (its real format)."""
    rows = "Noto Sans Hebrew\t[0 210]\t0\t100\t0\t/fonts/var.ttf\nNoto Sans Hebrew\t200\t0\t100\t0\t/fonts/bold.ttf\n"
    answer = subprocess.CompletedProcess([], 0, stdout=rows)
    monkeypatch.setattr(card_faces.subprocess, "run", lambda *arguments, **options: answer)
    card_faces.installed.cache_clear()
    try:
        assert card_faces.installed("\u05d0") == "/fonts/bold.ttf"
    finally:
        card_faces.installed.cache_clear()


@pytest.mark.parametrize(
    ("title", "run"),
    [
        ("جرعة 5 mg/kg عند 38.5°C", "38.5°C"),
        ("أرباح Aramco تتراجع إلى $27.6bn", "$27.6bn"),
        ("الإصدار v2.0 متاح", "v2.0"),
    ],
)
def test_a_run_the_page_sets_in_latin_is_drawn_in_the_latin_face_first(title: str, run: str) -> None:
    """The page sets a Latin run in an Arabic title apart (`<bdi lang="en">`), in the Latin fonts (the stylesheet's
    `bdi:lang(en)`); the card drew its full stop in the Arabic face, low and slanted, so `38.5°C` read as `38,5°C`
    (an outside tester's). The card's faces follow the page's runs."""
    from conftest import text_renderer
    from lxml import html

    page = html.fragment_fromstring(text_renderer("ar").inline(title), create_parent="div")
    assert run in [bdi.text_content() for bdi in page.iter("bdi") if bdi.get("lang") == "en"]
    arabic, latin = card_fonts("ARABIC")[:2]
    drawn = card_faces.as_the_page(title, True, card_fonts("ARABIC"))
    start = title.index(run)
    assert {font for _, font in drawn[start : start + len(run)]} == {latin}  # its stops too
    assert {font for char, font in drawn if "\u0600" <= char <= "\u06ff"} == {arabic}


def test_a_keycaps_digit_is_drawn_without_its_frame_and_an_emoji_sequence_whole_or_not_at_all() -> None:
    """`1️⃣`: the keycap's frame, drawn by a text face, sat on the next word and hid the digit; `🏳️‍🌈` was drawn as
    the white flag alone, which says something else (an outside tester's). No colour emoji font: the digit
    stays, and a sequence no font draws whole is left out, as an emoji is."""
    for script, title in [("LATIN", "Round 1\ufe0f\u20e3 ends today"), ("ARABIC", "الجولة 1\ufe0f\u20e3 تنتهي اليوم")]:
        found = pieces(title, script == "ARABIC", card_fonts(script), 48, "en" if script == "LATIN" else "ar")
        drawn = "".join(piece.text for piece in found)
        assert "1" in drawn and "\u20e3" not in drawn
    flag = "Pride \U0001f3f3\ufe0f\u200d\U0001f308 march"
    assert "".join(char for char, _ in assigned(flag, card_fonts("LATIN"))) == "Pride  march"
