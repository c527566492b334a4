"""Latin phrases in Arabic text whose figures the bidi algorithm gives to the wrong side: repairs as bidi_repairs.py's
are (the class that puts a reading right), for a page read right to left. Each is an outside tester's phrase a
browser showed out of order.

A figure next to a Latin word reads as the Arabic sentence's unless it is part of the Latin phrase: a day before its
Latin month (`30 November 2023`), a time with its AM or PM (`11 p.m.`, `9 a.m.–5 p.m.`), a figure opening an
equation (`1 USD = 3.75 SAR`), a coordinate in degrees and minutes (`31°46′N`). Where the algorithm would give a
figure to a Latin name before it (`وكالة Reuters: 5 قتلى`, the rule W7), the colon between them is the Arabic
sentence's, and the figure stays with its noun. A figure and any other Latin word after it keep the house style:
`72 km` reads `km 72`, as `72 كم` does.
"""

from __future__ import annotations

import re

_ARABIC = "\u0621-\u064a\u066e-\u06d3"
_NUMBER = r"[0-9]+(?:[.,][0-9]+)*"
_LATIN_FIGURE = re.compile("[0-9⁺⁻]")  # (a figure, or a formula's charge: `Na⁺`)
# A day before its Latin month: the month's run took the year with it, and the day stood after the year (`30
# November 2023` read `November 2023 30`, `(30 Nov–12 Dec 2023)` `(Nov–12 Dec 2023 30)`).
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_DAY_BEFORE_LATIN_MONTH = re.compile(
    rf"(?<![\w.,:])[0-9]{{1,2}}(?:[ \u00a0]?[–-][ \u00a0]?[0-9]{{1,2}})?(?=[ \u00a0](?:{_MONTHS})(?![A-Za-z]))"
)
# A time and its AM or PM, one phrase, and a range of them (`9 a.m.–5 p.m.` read `a.m.–5 p.m. 9`, the first figure
# left on the right, and `p.m. 11` read as "11" and "p.m." apart: two retesters' findings). The figure after one
# stays the Arabic sentence's (`11 p.m. 5 ديسمبر`: the day went into the time's run).
_TIME_OF_DAY = re.compile(  # (and a range before one AM or PM: `9–11 a.m.`, `9:00–11:30 AM`)
    r"(?<![\d:.,])(?:[0-9]{1,2}(?::[0-9]{2})?[–-])?[0-9]{1,2}(?::[0-9]{2}){0,2}[ \u00a0\u202f]?"
    r"[AaPp]\.?[Mm]\.?(?![A-Za-z])"
)
_FIGURE_AFTER = re.compile(rf"[ \u00a0]+(?=[0-9][0-9.,/]*%?[ \u00a0]+[{_ARABIC}])")  # (`10 a.m. 5% دفعة`)
# A figure opening a Latin equation or rate (`1 USD = 3.75 SAR`, `≈`, `~`, `1 € = 1.08 USD`, after a joined `و`): it
# stood on the equation's right (`USD = 3.75 SAR 1`). Not `→`, which joins places and steps (`المرحلة 3 Paris → Lyon`).
_EQUATION = re.compile(rf"(?<![0-9A-Za-z.,]){_NUMBER}[ \u00a0](?=(?:[A-Za-z]+|[$€£¥])[A-Za-z ]*[ \u00a0]?[=≈~])")
# A coefficient before a chemical formula, in an equation (`2 H2 + O2 → 2 H2O`, `6 CO2 + 6 H2O`): it stood at the
# equation's right end. A formula is elements and their counts, so `3 Paris → Lyon` is none.
_COEFFICIENT = re.compile(rf"(?<![0-9A-Za-z.,]){_NUMBER}[ \u00a0](?=(?:[A-Z][a-z]?[0-9₀-₉]*)+[ \u00a0]?[+→=⇌⟶])")
# A coordinate in degrees and minutes, and seconds (`31°46′N`, `31° 46′ 12″ N`, a keyboard's `31°46'N`): its degrees
# were cut off and shown at its far right (`46′N 35°14′E °31`). Decimal degrees (`31.77°N`) read whole already.
_COORDINATE = re.compile(
    r"(?<![\d.,])[0-9]{1,3}°[ \u00a0]?[0-9]{1,2}(?:[.,][0-9]+)?[′'](?:[ \u00a0]?[0-9]{1,2}(?:[.,][0-9]+)?[″\"])?"
    r"[ \u00a0]?[NSEW](?![A-Za-z])"
)
# A power of a number, written with a superscript or a caret, and the factor before it (`10⁻⁹`, `3×10⁸`, `2^10`,
# `10^-3`), and a formula's charge (`Ca²⁺`, `SO₄²⁻`, `Na⁺/K⁺`): after an Arabic letter a figure is an Arabic number,
# and the sign between two such is the sentence's, so `10⁻⁹` read `⁹⁻10`, `2^10 = 1024` read `1024 = 10^2` and the
# charge stood before its ion (`⁺Ca²`: an outside tester's science desk).
_POWER = re.compile(
    r"(?<![\w.,^])(?:[0-9]+(?:[.,][0-9]+)?[ \u00a0]?[×x·][ \u00a0]?)?[0-9]+(?:\^[-+−]?[0-9]+|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)
_CHARGE = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9₀-₉⁰-⁹¹²³]*[⁺⁻](?![\w⁺⁻])")  # (and after `و`: `وK⁺`)
# A value and its margin (`5.4 ± 1.2`), one Latin phrase: the margin stood first from the right.
_MARGIN = re.compile(rf"(?<![0-9.,]){_NUMBER}[ \u00a0]?±[ \u00a0]?{_NUMBER}")
# A paragraph that opens with a per cent (`95% من العينات`, after an emoji or a bullet too) shows its sign where the
# sentence's others stand, at the number's left (house style): no Arabic letter before it, the sign stood at its right.
_OPENING_PER_CENT = re.compile(rf"^[^\w]*?{_NUMBER}(%)(?=[ \u00a0]*[{_ARABIC}])")
# A colon between a Latin name (`Reuters`, `@UN_News`, `COVID-19`, `G20`, `OPEC+`, `iPhone 15`) and, after a space,
# the figure that counts the Arabic noun after it: the Arabic sentence's, which the figure then stays in (it went
# with the name, away from its noun). Not where Latin follows the figure (`Klopp: 5 goals`), nor without the space
# (`localhost:8080`, `python:3.12`: a retester's); a name's version may be a decimal one (`iOS 17.2: 3 ميزات`). A
# version after a name (`Windows: 11 هو الأحدث`) reads as a count: the rule cannot tell them apart.
_LATIN_COLON_BEFORE_FIGURE = re.compile(
    rf"(?<![\w@#])[@#]?[A-Za-z][\w.+™-]*(?:[ \u00a0][0-9]+(?:\.[0-9]+)*)?[ \u00a0]?:"
    rf"(?=[ \u00a0]+[-+−]?{_NUMBER}%?[^A-Za-z{_ARABIC}]*+[{_ARABIC}])"
)

# A figure after a Latin name that counts the Arabic noun after it (`أطلقت Apple 3 هواتف`, `سجّل Haaland 36 هدفًا`,
# `خسر Bitcoin 10% من قيمته`, `<press@…> 24 ساعة`, and after a name's own number, `GTA 5 190 مليون`): the algorithm
# gave it to the name (W7), which read `Apple 3`, the count cut off from its noun (an outside tester's desk). The
# space before it is the Arabic sentence's, as the colon is above. A per cent, a score, a figure in brackets or in
# thousands is never a name's (`Barcelona 2-1 في`, `(43)`, `12 في المئة`); any other figure counts a noun of news
# copy's (`_UNITS`, `_PLURALS`, `_SINGULARS`) as Arabic counts it, for a version or a model number takes any other word
# after it (`iPhone 15 بسعر`, `Boeing 737 تحطمت`, `Boeing 737-800 التابعة`, `Euro 2024 يوم الجمعة`, `تعد Model 3
# سيارة`: two retesters' 258 phrases, 32 of them read wrong by a first rule that took every indefinite word for a
# counted noun). A noun the lists lack leaves the figure to the name, as before.
_BEFORE_COUNT = re.compile(
    r"(?<![A-Za-z0-9\u00c0-\u024f&])(?P<name>[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f&]*|\([A-Za-z][^()\n]*\))"
    r"(?:[ \u00a0][0-9]+)??"
    rf"(?P<space>[ \u00a0])(?:(?P<any>[-+−]?{_NUMBER}(?:[–-]{_NUMBER})?[%٪]|\({_NUMBER}\)"
    r"|[0-9]{1,2}[–-][0-9]{1,2}(?![0-9])|[0-9]{1,3}(?:,[0-9]{3})+(?![.,]?[0-9]))"
    r"|(?P<figure>[-+−]?[0-9]+(?:[.,][0-9]+)*)(?:[–-][0-9]+(?:[.,][0-9]+)*)?)"
    rf"(?=[ \u00a0]+(?P<word>[{_ARABIC}\u064b-\u0652]+)(?:[ \u00a0]+(?P<next>[{_ARABIC}]+|[0-9]))?)"
)
# A per cent or a score after a Latin name at the end of a clause (`ارتفع Nasdaq 2.1%.`, `Apple 3%،`, `فاز Liverpool على
# Chelsea 4-1`): the Arabic sentence's value, as before a noun above, where the algorithm read `2.1% Nasdaq` from the
# right (a retester's market copy), and the score Chelsea's win (an outside tester's).
_VALUE_AT_END = re.compile(
    r"(?<![A-Za-z0-9\u00c0-\u024f&])[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f&]*(?:[ \u00a0][0-9]+)?"
    rf"(?P<space>[ \u00a0])(?:[-+−]?{_NUMBER}[%٪]|[0-9]{{1,2}}[–-][0-9]{{1,2}}(?![0-9]))(?=[ \u00a0]*(?:[.،؛:)!؟]|$))"
)
# The nouns news copy counts. Units, currencies and the scale words follow any figure (`Bolt 9.58 ثانية`, `1 ملغ`);
# a plural any whole figure (Arabic counts 3–10 in the plural: `Apple 3 هواتف`); a singular one from 11 (`90 طائرة`,
# `36 هدفًا`, `211 هدفًا` as copy writes it), not before `آخر` (`Windows 12 عامًا آخر`, "another year"), nor a day or
# a month named after it (`iOS 18 يوم الاثنين`, `Windows 10 شهر أكتوبر`).
_UNITS = """
    ثانية دقيقة ساعة دولار يورو جنيه ريال درهم دينار ليرة روبل روبية ين فرنك سنت كيلومتر كلم كم متر ميل ياردة قدم طن
    برميل لتر كيلوغرام كغ غرام ملغ ملغم ميغاواط غيغاواط ميغابت غيغابايت جيجابايت تيرابايت بوصة درجة نقطة بالمئة بالمائة
    ألف الف مليون مليار تريليون مئة مائة"""
_PLURALS = """
    ثوان ثواني دقائق ساعات أيام أسابيع أشهر شهور سنوات أعوام عقود دولارات جنيهات ريالات دراهم دنانير ليرات كيلومترات
    أمتار أميال ياردات أقدام أطنان براميل لترات نقاط درجات أشخاص لاعبين لاعبون قتلى جرحى مصابين موظفين عمال طلاب
    مواطنين جنود أطفال نساء مشجعين ركاب مسافرين مستخدمين مشتركين متابعين أهداف مباريات سباقات بطولات ألقاب انتصارات
    هزائم ميداليات جولات أشواط هواتف سيارات طائرات وحدات أسهم فروع شركات وظائف دول ولايات مدن بلدان مرات حالات إصابات
    وفيات رحلات مقاعد أصوات شاحنات اتفاقيات مواد جرعات أدوية أسرة مستشفيات صواريخ تمريرات آلاف الاف ملايين مليارات
    ناشطين مرضى منتجات توربينات كرات مراكز أقمار متاجر براءات خدمات لغات نماذج شرائح مشاريع أجهزة ملاعب أندية قواعد
    سفن زوارق مصانع مدارس بنوك مصارف منازل مبان مباني قرى أحياء مناطق أحزاب مقاطع صور رسائل منشورات حسابات ملفات
    قضايا جرائم هجمات زلازل هزات عواصف تطبيقات منصات مبادرات متحورات سلالات لقاحات دراسات تجارب تقارير أفلام فنادق
    مطاعم جوائز صناديق مستثمرين ألعاب كتب أغان أغاني مواسم وثائق صفقات شحنات مسلسلات حلقات روايات مقالات سلع طرازات"""
_SINGULARS = """
    يوم أسبوع شهر سنة عام عقد شخص لاعب قتيل جريح مصاب موظف عامل طالب مواطن جندي طفل امرأة مشجع راكب مسافر مستخدم
    مشترك متابع هدف مباراة سباق بطولة لقب انتصار هزيمة ميدالية جولة شوط هاتف سيارة طائرة وحدة سهم فرع شركة وظيفة
    دولة ولاية مدينة بلد مرة حالة إصابة وفاة رحلة مقعد صوت شاحنة اتفاقية مادة جرعة دواء سرير مستشفى صاروخ تمريرة
    ناشط مريض منتج توربين كرة مركز قمر متجر براءة خدمة لغة نموذج شريحة مشروع جهاز ملعب ناد قاعدة سفينة مصنع مدرسة
    بنك منزل قرية منطقة حزب مقطع صورة رسالة حساب ملف قضية هجوم زلزال تطبيق منصة مبادرة متحور سلالة لقاح دراسة تجربة
    تقرير فيلم فندق مطعم جائزة صندوق مستثمر لعبة كتاب أغنية موسم وثيقة صفقة شحنة مسلسل حلقة رواية مقال سلعة طراز"""
UNITS, PLURALS, SINGULARS = (frozenset(words.split()) for words in (_UNITS, _PLURALS, _SINGULARS))
_PRODUCT_LINE = re.compile("[a-z]+[A-Z]")  # `iPhone`, `iOS`, `macOS`: a version follows, a singular is no count
# A sound feminine plural the lists lack, three letters before its ending and no article (`G20 5 مبادرات`, `WHO 3
# متحورات`: an outside tester's): the noun a figure of 3–10 counts, as Arabic counts them in the plural. (`بات`, `مات`
# are verbs; a version is seldom followed by a plural of 3 to 10.)
_FEMININE_PLURAL = re.compile(f"(?!ال)[{_ARABIC}]{{3,}}ات")
_DATED = frozenset({"يوم", "شهر"})  # before a day's or a month's name, or a date: when, not how many


def _counts(found: re.Match[str]) -> bool:
    """Whether `_BEFORE_COUNT`'s figure is the Arabic noun's count, the noun however voweled (`هدفًا`, `هدفاً`)."""
    word = "".join(char for char in found.group("word") if not "\u064b" <= char <= "\u0652")
    after = found.group("next") or ""
    if found.group("any") is not None or (word == "في" and after in ("المئة", "المائة")):
        return True
    figure = found.group("figure")
    stem = word[:-1] if word[-1:] == "ا" and len(word) > 3 else ""  # an accusative's (`كما` is no `كم`)
    if word in UNITS or stem in UNITS:
        return True
    if not figure.isdigit():  # a decimal counts a unit alone (`Python 3.11 أسرع`)
        return False
    number = int(figure)
    if word in PLURALS or (3 <= number <= 10 and _FEMININE_PLURAL.fullmatch(word)):
        return True
    if _PRODUCT_LINE.match(found.group("name")):  # (`يعد iPhone 15 هاتفًا`, "is a phone"; `iOS 18 أسبوعًا`)
        return False
    if word in SINGULARS:
        return number >= 11 and not (word in _DATED and after)
    return stem in SINGULARS and number >= 11 and after != "آخر"


def latin_in_arabic(text: str, classes: list[str]) -> None:
    """The repairs above, for a paragraph shown at base level 1 (an Arabic page). Each phrase holds a figure 0–9 or
    a charge: a paragraph with neither (most Arabic prose) is not scanned eight times for them."""
    if not _LATIN_FIGURE.search(text):
        return
    for match in (
        found
        for pattern in (_DAY_BEFORE_LATIN_MONTH, _EQUATION, _COEFFICIENT, _COORDINATE, _POWER, _CHARGE, _MARGIN)
        for found in pattern.finditer(text)
    ):
        classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
    for match in _TIME_OF_DAY.finditer(text):  # (one scan: the time, then the figure after it)
        classes[match.start() : match.end()] = ["L"] * (match.end() - match.start())
        if after := _FIGURE_AFTER.match(text, match.end()):
            classes[after.start() : after.end()] = ["R"] * (after.end() - after.start())
    for match in _LATIN_COLON_BEFORE_FIGURE.finditer(text) if ":" in text else ():
        classes[match.end() - 1] = "R"
    for match in _BEFORE_COUNT.finditer(text):
        if _counts(match):
            classes[match.start("space")] = "R"
    for match in _VALUE_AT_END.finditer(text) if "%" in text or "٪" in text or "-" in text or "–" in text else ():
        if _name_in_arabic(text, match.start("space")):  # not a Latin clause's last word (`(Growth will reach 5%.)`)
            classes[match.start("space")] = "R"
    if (sign := opening_per_cent(text)) is not None:
        classes[sign] = "ON"


# A word of a Latin name: capitalised or a figure (`Al`, `FTSE`, `100`, `S&P`), or a particle names hold (`Bank of
# America`, `Real Sociedad de Fútbol`).
_NAME_WORD = re.compile(r"[A-Z0-9\u00c0-\u00de][\w&.'’+-]*|of|de|del|da|di|du|la|le|van|von|bin|al|el|the")


def _name_in_arabic(text: str, end: int) -> bool:
    """Whether the Latin words before `end` are a name standing in Arabic text (`وتغلّب الهلال على Al Ain 4-2.`, `مؤشر
    FTSE 100 -0.6%،`): all a name's words back to an Arabic one or the text's start; a lowercase word is a Latin
    clause's. A two-word name was read as a clause, the score given to the other side (a retester's)."""
    for word in reversed(text[:end].split()):
        if any("\u0600" <= char <= "\u06ff" for char in word):
            return True
        if not _NAME_WORD.fullmatch(word.strip('()[]«»"“”،,')):
            return False
    return True


def opening_per_cent(text: str) -> int | None:
    """Where the per cent sign of an Arabic paragraph's opening figure is (`_OPENING_PER_CENT`), if it has one: the
    page marks the figure with an Arabic letter mark, which reads it as an Arabic number, as in the sentences."""
    opening = _OPENING_PER_CENT.match(text) if text[:1].isdigit() or not text[:1].isalpha() else None
    return opening.start(1) if opening else None


def powers(text: str) -> list[tuple[int, int]]:
    """Where a power of a number stands (`_POWER`: `10⁻⁹`, `3×10⁸`): Unicode has no Arabic-Indic superscripts, so
    with `digits: arab` its base turned and its exponent did not (`١٠⁻⁹`, one number in two systems: an outside
    tester's science desk); it keeps 0–9, as `1e-9` does. One written with a caret (`2^10`) turns whole."""
    found = _POWER.finditer(text) if _SUPERSCRIPT.search(text) else ()
    return [match.span() for match in found if _SUPERSCRIPT.search(match.group())]


_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
