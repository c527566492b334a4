"""The bidi resolver's shortcuts (texts that cannot hold an opposite run, texts of one direction) agree with the
full algorithm."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import bidi, bidi_isolates
from generator.quote_language import written_left_to_right

PIECES = [
    "قال",
    "الزلزال",
    " ",
    "، ",
    ". ",
    "2023",
    "٢٠٢٣",
    "9-10",
    "+212",
    "18+",
    "#",
    "$5",
    "(",
    ")",
    "«",
    "»",
    "-",
    "/",
]
LATIN = ["G20", "Kim", "\u200e", "é", "Ωmega", "Москва"]


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES + LATIN), min_size=1, max_size=10))
@pytest.mark.parametrize("base", [0, 1])
def test_shortcut_agrees_with_the_full_algorithm(pieces: list[str], base: int) -> None:
    text = "".join(pieces)
    quick = bidi.opposite_runs(text, base)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bidi, "_may_be_mixed", lambda text, base: True)
        assert bidi.opposite_runs(text, base) == quick


# Characters that could fool a one-direction answer: N'Ko digits (class R), Arabic punctuation (CS and AL),
# Hebrew, Arabic-Indic and extended digits, combining marks, the signs repairs turn, brackets and quotes.
TRICKY = [*"߁߂،؛؟۔שלום٣۴²+#$@/.!?«»()[]“”\"' \u00a0\u0301\u064e\u200f\u200e-–%°", "U.S.", "C++"]


def agrees_without_shortcut(
    module: ModuleType, resolve: Callable[[str, int], tuple[int, ...]], text: str, base: int
) -> bool:
    """Whether `resolve` gives the text the levels it gives with `module`'s one-direction shortcut turned off."""
    quick = resolve(text, base)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "ONE_DIRECTION", (frozenset(), frozenset()))
        return resolve(text, base) == quick


@settings(max_examples=1000, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(PIECES + LATIN + TRICKY) | st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
)
@pytest.mark.parametrize("base", [0, 1])
def test_one_direction_shortcut_agrees_with_the_full_algorithm(pieces: list[str], base: int) -> None:
    assert agrees_without_shortcut(bidi, bidi.levels.__wrapped__, "".join(pieces), base)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from([*PIECES, *LATIN, *TRICKY, "\u2066", "\u2067", "\u2069"]), max_size=12))
@pytest.mark.parametrize("base", [0, 1])
def test_the_cards_one_direction_shortcut_agrees_with_its_full_algorithm(pieces: list[str], base: int) -> None:
    """bidi_isolates answers a text of one direction from its classes alone, as its full rules would."""
    assert agrees_without_shortcut(bidi_isolates, bidi_isolates.isolated_levels.__wrapped__, "".join(pieces), base)


@pytest.mark.parametrize("text", ["+¼", "+①", "+ʹ", "كتب +¼ هنا", "$½", "/. ", "كتب /. هنا", "+_", "/_"])
def test_a_sign_before_a_neutral_number_is_not_taken_for_one_direction(text: str) -> None:
    """Found by the property test above: a sign opening a token of a number or letter neutral by class."""
    assert agrees_without_shortcut(bidi, bidi.levels.__wrapped__, text, 1)


@pytest.mark.parametrize(
    ("text", "base", "runs"),
    [
        ("شبكة 5G جديدة", 1, ["5G"]),
        ("قال Putin. وأضاف", 1, ["Putin"]),
        ("الولايات U.S. قالت", 1, ["U.S."]),
        ("«We stand with Morocco.» في", 1, ["We stand with Morocco."]),
        ("دول France، Germany و Italy", 1, ["France", "Germany", "Italy"]),
        ("من 9-10 سبتمبر", 1, []),
        ("Survivors in أمزميز 3 days", 0, ["أمزميز"]),
        ("Donations to صندوق 126 (Fund 126)", 0, ["صندوق 126"]),
        # a list of values in Arabic-Indic digits is the English sentence's too (the corpus's references cannot mark
        # figures on an English page: the raw order the reference shows is `الهلال ١ النصر ,٣`)
        ("Table: الهلال ٣, النصر ١ and الأهلي ٠.", 0, ["الهلال", "النصر", "الأهلي"]),
        # An outside tester's phrases: an Arabic quotation that only ends in a Latin word keeps its stop,
        ("قال إن «الاتفاق يشمل شركة Airbus.» ثم غادر", 1, ["Airbus"]),
        # a spaced hyphen is no minus sign, a formation is no phone number, `5/` is no address,
        ("بين 2011 -2023 تغير", 1, []),
        ("بخطة 4-2-3-1 أمام", 1, []),
        ("الصفحة 5/ من التقرير", 1, []),
        # a unit joins its figure, guillemets pair, an Arabic quotation in English keeps its `!`.
        ("بلغت الحرارة 45°C أمس", 1, ["45°C"]),
        ("قال Macron: «Nous sommes avec vous» للصحفيين", 1, ["Macron: «Nous sommes avec vous»"]),
        ('He shouted "عاش الملك!" twice.', 0, ["عاش الملك!"]),
        ("“نحن بخير,” she said.", 0, ["نحن بخير"]),
        # Straight quotes pair too, a quotation's emoji and stop are its own, a keycap is no digit (twentieth).
        ('كتب النادي على X: "Welcome, João! 🇸🇦💙" أمس', 1, ['X: "Welcome, João! 🇸🇦💙"']),
        ('كتب النادي: "Welcome, João! 💙" أمس', 1, ["Welcome, João! 💙"]),
        ('وقال الوزير: "We are on track 🚀."', 1, ["We are on track 🚀."]),
        ("وRúben Neves 👏🏽 1️⃣ في الملعب", 1, ["Rúben Neves"]),
        ("and روبن نيفيز 👏🏽 1️⃣", 0, ["روبن نيفيز"]),
        ("on Monday (15 رمضان 1445), came", 0, ["رمضان"]),
        ("كتب «We stand with Morocco.\u200f» في", 1, ["We stand with Morocco"]),  # the editor's RLM holds the stop
        # A plural's possessive `’` closes no quotation, Swedish quotes open with `”`, a year cut short keeps its
        # apostrophe (an outside tester's, twenty-eighth session); `Yes’,` still closes.
        ("قالت: ‘The players’ union said no’ أمس", 1, ["The players’ union said no"]),
        ("قالت: ‘Yes’, the players’ union أمس", 1, ["Yes", "the players’ union"]),
        ("قال Löfven: ”Vi är klara” أمس", 1, ["Löfven: ”Vi är klara”"]),
        ("عادت موسيقى ’90s إلى الإذاعة", 1, ["’90s"]),
        ("بطولة Euro ’24 انطلقت", 1, ["Euro ’24"]),
        # and a possessive at a Latin word's end, a short year after an Arabic prefix (twenty-ninth session)
        ("نقابة Players’ تطالب", 1, ["Players’"]),
        ("فريق Jones' الجديد", 1, ["Jones'"]),
        ("حقبة الـ’90s انتهت", 1, ["’90s"]),
        ("قال: 'We are done' أمس", 1, ["We are done"]),
        ("السعر US$10–US$50 اليوم", 1, ["US$10", "US$50"]),  # a range of sums reads as one of numbers does
        ("بين $10–$20 و$30–$40.", 1, ["$10", "$20", "$30", "$40"]),  # each sum its run (a retester's)
        ("قال ‘Yes’ ثم طالبت نقابة Players’ بالمزيد", 1, ["Yes", "Players’"]),
        ("في العام ’24 كان", 1, ["’24"]),
        ("قال 'the players' union' أمس", 1, ["the players' union"]),  # (a retester's)
        ("الأسعار $10-$20-$30 اليوم", 1, ["$10", "$20", "$30"]),
        ('قال: "Prices are $10–$50 now" أمس', 1, ["Prices are $10–$50 now"]),
        # a quotation in the other language that holds the page's words is one run (thirty-first session)
        ("She wrote «شكرًا Liverpool» on Instagram.", 0, ["شكرًا Liverpool"]),
        ("The ministry uses «ثاني أكسيد الكربون (CO2)» in", 0, ["ثاني أكسيد الكربون (CO2)"]),
        ('قال: "I love مصر so much" أمس', 1, ["I love مصر so much"]),
        ("She wrote (شكرًا Liverpool) on Instagram.", 0, ["شكرًا"]),  # an aside: as the algorithm reads it
    ],
)
def test_runs(text: str, base: int, runs: list[str]) -> None:
    assert [text[start:end] for start, end in bidi.opposite_runs(text, base)] == runs


@pytest.mark.parametrize(
    ("quotation", "left_to_right"),
    [
        ("Apple تطلق هاتف iPhone 16 في سبتمبر", False),  # a brand and a model: names (a retester's)
        ("Nvidia تتصدر", False),  # a headline opening with a brand
        ("Samsung تطلق Galaxy S24 اليوم", False),
        ("مصر is our home", True),
        ("WE LOVE YOU مصر FOREVER", True),  # capitals are no names here: `we`, `you` (a second retester's)
        ("How حزب الله Lost The War", True),
        ("Welcome to مدينة الملك عبدالله", True),  # an English sentence about an Arabic name
        ("Proud. Grateful. Blessed. الحمد لله", True),  # a capital after a sentence's end is no name's
        ('إنه "a deal for مصر" حقًا', False),  # a quotation inside counts for itself
        ("وفي الخبر Breaking News", False),  # `في` with `و` joined
        ("شكرًا Liverpool", False),
        ("أحب The Weeknd وColdplay كثيرًا", False),  # an article in a name is no English (a third retester's)
        ("El Clásico يشعل الرياض", False),
        ("بنك Bank of America يرفع الفائدة", False),
        ("Real Madrid يكتسح Bayern", False),
        ("The rain is heavy في الرياض", True),
        ("45°C", True),
        ("٦٢٪ مقابل ٣٨٪", False),
        ("2024", None),
    ],
)
def test_a_quotation_s_language_is_told_by_its_grammar_words_then_by_most_words(
    quotation: str, left_to_right: bool | None
) -> None:
    assert written_left_to_right(quotation) is left_to_right
