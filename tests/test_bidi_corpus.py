"""The mixed-direction corpus through the real build, in Chromium, against hand-marked references.

Every phrase of tests/corpus/mixed_direction.yml goes into one throwaway explainer as a section's
heading, paragraph and point (Arabic phrases on the Arabic page, English ones on the English page). The
site is built and served, and each rendered text's visual order is compared with the phrase's reference:
the raw text with exactly the hand-marked runs isolated (see tests/bidi_oracle.py for what is measured).
A property test does the same for random mixes of Arabic words and the corpus's marked tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from html import escape as html_escape
from typing import Any

import lxml.html
import pytest
from bidi_oracle import (
    LETTER_MARK,
    MIRRORS,
    NESTED,
    NOT_THE_TEXT,
    PLACEMENTS,
    Order,
    difference,
    explainer_yaml,
    inner_html,
    load_corpus,
    open_built_page,
    reference_orders,
    same,
    save_side_by_side,
    unmarked,
    visual_orders,
    without_markup,
)
from conftest import ARTIFACTS, build_site, copy_project, serving
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.bidi_figures import FIGURE_WITH_UNIT
from generator.card_faces import card_fonts
from generator.card_text import line_levels, pieces, words
from generator.markup import for_language
from generator.plain_text import plain_in_order
from generator.settings import LanguageSettings, resolve

pytestmark = pytest.mark.browser

CORPUS = load_corpus()
SLUG = "bidi-corpus"
VIEWPORT = {"width": 1800, "height": 1000}

# --- random mixes ----------------------------------------------------------------------------------

ARABIC_WORDS = ["قال", "الرئيس", "في", "بيان", "الوزارة", "إن", "الزلزال", "القمة", "مدينة", "مراكش", "وكالة"]
ENGLISH_WORDS = ["officials", "said", "the", "village", "of", "residents", "near", "called", "reported", "after"]
WRAPS = [("", ""), ("(", ")"), ("«", "»"), ('"', '"')]
MARKUP = [("", ""), ("*", "*"), ("**", "**"), ("[", "](https://example.org/)")]


@st.composite
def mixes(draw: st.DrawFn, lang: str) -> str:
    """A marked phrase: words of the page's language with corpus tokens between them, never two tokens
    side by side (two adjacent Latin tokens are one run for the browser, a question the corpus settles)."""
    words, after = (ARABIC_WORDS, [" ", "، ", "؛ ", ": "]) if lang == "ar" else (ENGLISH_WORDS, [" ", ", ", "; "])
    tokens = sorted({token for phrase in CORPUS if phrase.lang == lang for token in phrase.tokens})

    def token() -> str:
        marked = draw(st.sampled_from(tokens))
        # A quotation's own full stop (`We stand with Morocco.`) is the quotation's only inside its marks, and
        # so is one an emoji follows (`Welcome to Al-Hilal, João! 💙`: corpus tokens drawn anew met it unquoted).
        core = marked.rstrip("\u200e\u200f")
        while core and (core[-1].isspace() or unicodedata.category(core[-1]) in {"So", "Mn", "Cf"}):
            core = core[:-1]
        quoted = core.endswith(tuple(".!?…"))
        # And a number or a bracket that opens a run is the run's only as it opens a quotation (`“2024 was the year”`).
        headed = re.match(r"[-+−]?[0-9][0-9.,:/–½¼¾-]* |[(\[]", unmarked(core)) is not None
        # ... and one that ends with a number, before a word (`التضخم 35% of`, `تسجل 48°C called`: the number counts
        # the next English word, README) is the quotation's in the corpus.
        # (signed too: `الربع الثاني: -3.4%`, drawn in brackets once the corpus grew)
        headed = (
            headed or re.search(r" [-+−]?\d[\d.,:/–-]*(?:%| ?[°′″][A-Za-z]{0,2}|[½¼¾℃])?$", unmarked(core)) is not None
        )
        # And one that holds the page's words or signs (not a figure's unit), a letter mark or opens with a figure
        # is whole as a quotation.
        nested = [part for part in NESTED.findall(marked) if not FIGURE_WITH_UNIT.fullmatch(part)]
        headed = headed or LETTER_MARK in marked or bool(nested) or re.match(r"\W*\d", unmarked(core)) is not None
        opening, closing = draw(st.sampled_from(WRAPS[2:] if headed else WRAPS[1:] if quoted else WRAPS))
        prefix = draw(st.sampled_from(["", "و"])) if lang == "ar" and not opening else ""
        return f"{prefix}{opening}⟦{marked}⟧{closing}{draw(st.sampled_from(after))}"

    text = token() if draw(st.booleans()) else ""
    for _ in range(draw(st.integers(1, 3))):
        text += " ".join(draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))) + " " + token()
    text += " ".join(draw(st.lists(st.sampled_from(words), max_size=2)))
    text = text.strip() + draw(st.sampled_from(["", ".", "؟" if lang == "ar" else "?"]))
    # Emphasis or a link from one space to another, which may open or close inside a token (`*وزير Antony*
    # Blinken`): it changes no order (the reference is the phrase without it).
    opening, closing = draw(st.sampled_from(MARKUP))
    spaces = [index for index, character in enumerate(text) if character == " "]
    if opening and len(spaces) >= 2:
        start, end = sorted(draw(st.lists(st.sampled_from(spaces), min_size=2, max_size=2, unique=True)))
        text = f"{text[: start + 1]}{opening}{text[start + 1 : end]}{closing}{text[end:]}"
    return text


def generated_mixes(count: int = 150) -> list[tuple[str, str]]:
    """`count` (Arabic, English) marked mixes, the same on every run."""
    found: list[tuple[str, str]] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(mixes("ar"), mixes("en"))
    def collect(ar: str, en: str) -> None:
        found.append((ar, en))

    collect()
    return list(dict.fromkeys(found))


MIXES = generated_mixes()

# --- one build, one page load per language ----------------------------------------------------------


def _sections() -> list[tuple[str, str, str]]:
    """(section id, Arabic text, English text): corpus phrases beside a filler, then the mixes."""
    sections = [
        (phrase.id, phrase.raw, f"Filler for {phrase.id}.")
        if phrase.lang == "ar"
        else (phrase.id, f"نص مرافق للعبارة {phrase.id[2:5]}.", phrase.raw)
        for phrase in CORPUS
    ]
    return sections + [(f"mix-{index:03d}", unmarked(ar), unmarked(en)) for index, (ar, en) in enumerate(MIXES)]


def _targets() -> list[tuple[str, str, str, str, str]]:
    """Everything measured: (key, lang, section id, placement, marked reference)."""
    targets = [
        (f"{phrase.id}/{placement}", phrase.lang, phrase.id, placement, phrase.reference)
        for phrase in CORPUS
        for placement in PLACEMENTS
    ]
    for index, pair in enumerate(MIXES):
        for lang, marked in zip(("ar", "en"), pair, strict=True):
            targets += [
                (f"mix-{index:03d}-{lang}/{placement}", lang, f"mix-{index:03d}", placement, without_markup(marked))
                for placement in PLACEMENTS
            ]
    return targets


@pytest.fixture(scope="module")
def measured(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Per measured text: the page's and the reference's visual order, and the page's HTML."""
    project = copy_project(tmp_path_factory.mktemp("bidi") / "project")
    (project.content / "explainers" / f"{SLUG}.yml").write_text(explainer_yaml(SLUG, _sections()), encoding="utf-8")
    build_site(project)
    targets = _targets()
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    results: dict[str, Any] = {}
    with serving(project.site) as address:
        for lang in ("ar", "en"):
            mine = [target for target in targets if target[1] == lang]
            selectors = [PLACEMENTS[placement].format(id=section) for _, _, section, placement, _ in mine]
            open_built_page(page, f"{address}{lang}/{SLUG}/")
            shown = visual_orders(page, selectors, exclude=NOT_THE_TEXT)
            markup = inner_html(page, selectors)
            references = reference_orders(page, [(lang, marked) for *_, marked in mine])
            for target, on_page, html, reference in zip(mine, shown, markup, references, strict=True):
                results[target[0]] = {"page": on_page, "reference": reference, "html": html, "marked": target[4]}
    yield {"results": results, "page": page}
    context.close()


def _failures(results: dict[str, Any], prefix: str) -> list[tuple[tuple[str, str], str]]:
    """(where the orders first part, a readable message) for each measured text that differs."""
    found = []
    for key, entry in results.items():
        page, reference = entry["page"], entry["reference"]
        if key.startswith(prefix) and not same(page, reference):
            pairs = zip(reference.units if reference else (), page.units if page else (), strict=False)
            first = next(((one, other) for one, other in pairs if one != other), ("", ""))
            found.append((first, difference(unmarked(entry["marked"]), reference, page, key)))
    return found


@pytest.mark.parametrize("phrase", CORPUS, ids=[phrase.id for phrase in CORPUS])
def test_phrase_reads_as_marked(measured: dict[str, Any], phrase: Any) -> None:
    """As heading, paragraph and point, the phrase shows in the order of its hand-marked reference."""
    failures = [message for _, message in _failures(measured["results"], f"{phrase.id}/")]
    if failures:
        pytest.fail(f"hand marking: {phrase.marked}\n" + "\n".join(failures), pytrace=False)


def test_random_mixes_read_as_marked(measured: dict[str, Any]) -> None:
    """Random mixes of words and corpus tokens show as the reference that isolates each token."""
    failures = _failures(measured["results"], "mix-")
    kinds = dict(failures)  # one example per first difference (the reference's unit, the page's)
    shown = "\n".join(list(kinds.values())[:10])
    if failures:
        message = f"{len(failures)} of {len(MIXES) * 6} mixed texts differ, in {len(kinds)} ways; one of each:"
        pytest.fail(f"{message}\n{shown}", pytrace=False)


def card_units(html: str, lang: str) -> tuple[str, ...]:
    """A heading's text as its share card draws it, in the units the oracle measures a page's in (left to right,
    an Arabic word one unit, a bracket as it faces): the page's isolates as plain text's controls, ordered by
    card_text, each run's characters drawn the way its direction goes."""
    rtl, fonts = lang == "ar", card_fonts("ARABIC" if lang == "ar" else "LATIN")
    text = " ".join(words(plain_in_order(html), fonts))  # one line, emoji left out (card_text.wrap's words)
    drawn = pieces(text, rtl, fonts, 40, lang, line_levels([text], rtl)[0])
    units: list[str] = []
    for piece in drawn:
        found: list[str] = []
        for char in piece.text.replace("\ufe0f", ""):  # (a keycap's frame is left out, its digit drawn)
            if unicodedata.category(char) == "Cf" or char.isspace():
                found.append("")
            elif (
                found
                and found[-1]
                and (unicodedata.category(char)[0] == "M" or (arabic(char) and arabic(found[-1][-1])))
            ):
                found[-1] += char
            else:
                found.append(MIRRORS.get(char, char) if piece.rtl else char)
        units += reversed([unit for unit in found if unit]) if piece.rtl else [unit for unit in found if unit]
    return tuple(units)


def drawable_units(units: tuple[str, ...], fonts: tuple[str, ...]) -> tuple[str, ...]:
    """A page's units less the emoji a card leaves out (card_text.words) and a keycap's frame."""
    kept = (unit.replace("\ufe0f", "").replace("\u20e3", "") for unit in units)
    return tuple(unit for unit in kept if words(unit, fonts))


def arabic(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" and "ARABIC" in unicodedata.name(char, "")


def test_a_share_card_draws_each_phrase_in_its_pages_order(measured: dict[str, Any]) -> None:
    """Every corpus phrase and random mix as a title: the card's order is the page heading's, as Chromium shows
    it. The card drew `Chelsea 4-1` as `1-4` where the page's `<bdi>` kept the score the Arabic sentence's, and 84
    of the corpus's 409 phrases otherwise than their pages (an outside tester's, then this test's)."""
    differ, headings = [], {key: entry for key, entry in measured["results"].items() if key.endswith("/heading")}
    for key, entry in headings.items():
        lang = "en" if key.startswith("en") or key.endswith("-en/heading") else "ar"
        drawn = card_units(entry["html"], lang)
        fonts = card_fonts("ARABIC" if lang == "ar" else "LATIN")
        if entry["page"] is None or drawn != drawable_units(entry["page"].units, fonts):
            differ.append(f"{key} {entry['marked']}\n  page: {entry['page'] and entry['page'].units}\n  card: {drawn}")
    assert not differ, f"{len(differ)} of {len(headings)} differ:\n" + "\n".join(differ)


def test_corpus_screenshot(measured: dict[str, Any]) -> None:
    """The built page's rendering beside the reference, per corpus phrase (as a point), for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    results = measured["results"]
    rows = [
        (phrase.id, phrase.lang, entry["html"], phrase.reference, same(entry["page"], entry["reference"]))
        for phrase in CORPUS
        for entry in [results[f"{phrase.id}/point"]]
    ]
    save_side_by_side(measured["page"], rows, ARTIFACTS / "bidi-corpus.png")
    assert (ARTIFACTS / "bidi-corpus.png").stat().st_size > 10_000


# --- the oracle itself -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    yield context.new_page()
    context.close()


def orders_of_html(page: Any, fragments: list[tuple[str, str]]) -> list[Order | None]:
    """Visual orders of (lang, HTML) fragments, each in a block with that language's direction."""
    direction = {"ar": "rtl", "en": "ltr"}
    page.set_content(
        '<!doctype html><meta charset="utf-8"><body style="white-space: nowrap">'
        + "".join(
            f'<div id="f{index}" dir="{direction[lang]}" lang="{lang}">{fragment}</div>'
            for index, (lang, fragment) in enumerate(fragments)
        )
    )
    return visual_orders(page, [f"#f{index}" for index in range(len(fragments))])


def test_oracle_measures_units_left_to_right(blank: Any) -> None:
    [order] = orders_of_html(blank, [("ar", "شبكة 5G جديدة")])
    assert order is not None and order.units == ("جديدة", "5", "G", "شبكة")
    assert order.text == "جديدة 5G شبكة"


def test_oracle_finds_raw_text_equal_to_a_restating_reference(blank: Any) -> None:
    """A phrase that needs no isolation compares equal to its marked reference."""
    raw = orders_of_html(blank, [("ar", "شبكة 5G جديدة"), ("en", "The village of أمزميز was hit.")])
    marked = reference_orders(blank, [("ar", "شبكة ⟦5G⟧ جديدة"), ("en", "The village of ⟦أمزميز⟧ was hit.")])
    assert all(same(one, other) for one, other in zip(raw, marked, strict=True))


def test_oracle_detects_a_wrong_order(blank: Any) -> None:
    """Today's cut `5<bdi>G</bdi>` and a deliberately wrong reference are both told apart."""
    [cut] = orders_of_html(blank, [("ar", 'شبكة 5<bdi dir="ltr" lang="en">G</bdi> جديدة')])
    [reference, wrong] = reference_orders(blank, [("ar", "شبكة ⟦5G⟧ جديدة"), ("ar", "⟦شبكة 5G جديدة⟧")])
    assert not same(cut, reference) and not same(wrong, reference)
    assert "G5" in difference("شبكة 5G جديدة", reference, cut)


def test_oracle_sees_which_way_brackets_face(blank: Any) -> None:
    """Brackets isolated with their run or left in the Arabic run look alike; a bracket cut off from its
    pair faces the wrong way, and that is a difference."""
    inside, outside, cut = orders_of_html(
        blank,
        [
            ("ar", 'بتوقيت <bdi dir="ltr">(UTC+1)</bdi> ليلا'),
            ("ar", 'بتوقيت (<bdi dir="ltr">UTC+1</bdi>) ليلا'),
            ("ar", 'بتوقيت <bdi dir="ltr">(</bdi>UTC+1) ليلا'),
        ],
    )
    assert same(inside, outside)
    assert inside is not None and "".join(inside.units[1:-1]) == "(UTC+1)"
    assert not same(cut, inside)


def test_oracle_sees_which_way_lone_brackets_face(blank: Any) -> None:
    """A bracket alone in an isolate, or alone at a text's edge, still has a known direction."""
    orders = orders_of_html(
        blank,
        [
            ("ar", 'نص <bdi dir="ltr">(</bdi> نص'),
            ("ar", 'نص <bdi dir="rtl">(</bdi> نص'),
            ("en", "(text) «نص»"),
            ("ar", "(نص) «text»"),
        ],
    )
    assert [order.units[1] for order in orders[:2] if order] == ["(", ")"]
    assert [order.text for order in orders[2:] if order] == ["(text) «نص»", "«text» (نص)"]


# Hebrew and Arabic, each inside the other, and inside English: the outside tester's phrases and more.
SAME_WAY = [
    ("ar", "بقيادة يائير لبيد (יאיר לפיד) في الكنيست"),
    ("ar", "قال בני גנץ، زعيم المعارضة، إن 64 نائبًا صوتوا"),
    ("ar", "صحيفة הארץ 2023 وصحيفة ידיעות אחרונות"),
    ("ar", 'ما يسمى "חוק הסבירות" أثار احتجاجات'),
    ("he", "השם בערבית הוא القدس והוא יפה"),
    ("he", "ערוץ الجزيرة (Al Jazeera) דיווח ב-2023"),
    ("en", "Lapid (יאיר לפיד) and Al-Quds (القدس) met in 2023."),
    # a range after the run: isolated, it read the Arabic before it and turned round (an independent reviewer's)
    ("ar", "قال إن בשנים 2019-2020 ارتفع"),
    ("ar", "حزب הליכוד 1-0"),
    ("he", "התוצאה كرة 3-1"),
    ("he", "עלייה של مؤشر 5%-10%"),
    ("ar", "بسمِ الله לְךָ و"),  # a vowel sign after the run's last letter is its letter's
]


def test_another_languages_script_read_the_pages_way_is_marked_and_keeps_its_order(blank: Any) -> None:
    """Hebrew on an Arabic page (and Arabic on a Hebrew one) reads the page's way, so the bidi algorithm has
    nothing to isolate; it still gets its language (`lang="he"`: its font, its voice), which it lacked (an
    outside tester's he-ar-en site). Chromium shows each phrase as it shows the raw text."""
    languages = tuple(resolve(code, LanguageSettings(name=code)) for code in ("he", "ar", "en"))
    renderers = {language.code: for_language(language, languages) for language in languages}
    rendered = [(code, str(renderers[code].inline(text))) for code, text in SAME_WAY]
    for (code, text), (_, html) in zip(SAME_WAY, rendered, strict=True):
        other = {"ar": "he", "he": "ar"}.get(code)
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
        if other:  # marked with its language, not isolated, its last letter's vowel sign inside
            spans = fragment.xpath("span[@lang]")  # (`span.unbroken` keeps a range's dash on its line)
            assert spans and {span.get("lang") for span in spans} == {other}, html
            for span in spans:
                end = text.index(span.text) + len(span.text)
                assert end == len(text) or unicodedata.category(text[end]) not in {"Mn", "Me"}, html
            assert not [bdi for bdi in fragment.xpath("bdi") if bdi.get("dir") == "rtl"], html
        assert fragment.text_content() == text
    page_dir = {"he": "rtl", "ar": "rtl", "en": "ltr"}
    blank.set_content(
        '<!doctype html><meta charset="utf-8"><body style="white-space: nowrap">'
        + "".join(
            f'<div id="r{index}" dir="{page_dir[code]}" lang="{code}">{html_escape(text)}</div>'
            f'<div id="o{index}" dir="{page_dir[code]}" lang="{code}">{ours}</div>'
            for index, ((code, text), (_, ours)) in enumerate(zip(SAME_WAY, rendered, strict=True))
        )
    )
    raw = visual_orders(blank, [f"#r{index}" for index in range(len(SAME_WAY))])
    ours = visual_orders(blank, [f"#o{index}" for index in range(len(SAME_WAY))])
    for (code, text), one, other in zip(SAME_WAY, raw, ours, strict=True):
        assert one is not None and other is not None and same(one, other), (code, text, one, other)
    blank.screenshot(path=str(ARTIFACTS / "bidi-same-way.png"))
