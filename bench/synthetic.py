"""N synthetic but realistic explainers, grown from the seed explainer.

`make_project(n, folder)` copies content/, templates/ and mkdocs.yml into `folder`, replaces the seed
explainer with N generated ones and returns them as plain dicts (what `equivalents.py` turns into the
same pages for Hugo and MkDocs).

What "realistic" means here, and why it matters for a benchmark:

* Every text is unique, in both languages, across the whole project: the generator caches rendered text,
  so repeated texts would flatter it. Only who speaks (names, groups, roles, affiliations) repeats once
  its vocabulary runs dry, from some 5,000 explainers on, as a newsroom quotes the same people again.
  Long texts are the seed's own sentences, lightly shuffled (a few neighbouring words swapped, the first word
  kept in place), sometimes joined with a clause from another text and given an aligned phrase ("according to
  …", "in 2017"); short texts (titles, headings, names, roles, affiliations, publishers) come from aligned
  Arabic/English templates.
  A global registry rejects any text seen before, per language.
* Every field of the model is used: `updated` on some explainers, `topics` from site.yml, `source` with
  and without publisher and URL, extra `sources` on some, voices with and without role/affiliation,
  attributed and unattributed points and timeline events, takeaways with and without a section link,
  timeline dates of every precision, and Markdown emphasis, strong text and links in some texts.
* Sizes vary a little around the seed's (3-5 sections, 1-4 paragraphs, 0-5 points, 3-7 voices,
  3-7 timeline events), and publication dates spread over 2012-2024, so newest-first ordering has work.

Deterministic: the same N and seed give byte-identical files.

Run on its own to look at the output:  .venv/bin/python bench/synthetic.py 3 /tmp/synthetic
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "explainers" / "kim-jong-un-russia-visit.yml"
PYTHON = REPO / ".venv" / "bin" / "python"
HEADER = "# yaml-language-server: $schema=../../schema/explainer.schema.json\n"

Pair = tuple[str, str]  # (ar, en)

# Aligned vocabularies for the short texts. Arabic first, English second.
ACTORS: list[Pair] = [
    ("كوريا الشمالية", "North Korea"),
    ("روسيا", "Russia"),
    ("موسكو", "Moscow"),
    ("بيونغ يانغ", "Pyongyang"),
    ("الصين", "China"),
    ("الولايات المتحدة", "the United States"),
    ("كوريا الجنوبية", "South Korea"),
    ("اليابان", "Japan"),
    ("إيران", "Iran"),
    ("كيم جونغ أون", "Kim Jong Un"),
    ("فلاديمير بوتين", "Vladimir Putin"),
    ("سيرغي شويغو", "Sergei Shoigu"),
    ("الأمم المتحدة", "the United Nations"),
    ("الاتحاد الأوروبي", "the European Union"),
    ("سيول", "Seoul"),
    ("بكين", "Beijing"),
    ("واشنطن", "Washington"),
    ("طوكيو", "Tokyo"),
    ("أوكرانيا", "Ukraine"),
    ("الهند", "India"),
    ("منغوليا", "Mongolia"),
    ("فلاديفوستوك", "Vladivostok"),
]
PLACES: list[Pair] = [
    ("روسيا", "Russia"),
    ("فلاديفوستوك", "Vladivostok"),
    ("موسكو", "Moscow"),
    ("بكين", "Beijing"),
    ("بيونغ يانغ", "Pyongyang"),
    ("هانوي", "Hanoi"),
    ("سنغافورة", "Singapore"),
    ("أولان باتور", "Ulaanbaatar"),
    ("طهران", "Tehran"),
    ("نيويورك", "New York"),
    ("جنيف", "Geneva"),
    ("خاباروفسك", "Khabarovsk"),
    ("سيول", "Seoul"),
    ("طوكيو", "Tokyo"),
]
THEMES: list[Pair] = [
    ("الطاقة", "energy"),
    ("الأسلحة", "arms"),
    ("الغذاء", "food"),
    ("العقوبات", "sanctions"),
    ("التجارة", "trade"),
    ("الأمن", "security"),
    ("التكنولوجيا", "technology"),
    ("الحدود", "the borders"),
    ("الدبلوماسية", "diplomacy"),
    ("الملف النووي", "the nuclear file"),
    ("الاقتصاد", "the economy"),
    ("الصواريخ", "missiles"),
    ("الموانئ", "ports"),
    ("السكك الحديدية", "railways"),
    ("الفضاء", "space"),
    ("العمالة", "labour"),
]
QUESTIONS: list[Pair] = [
    ("أسلحة لموسكو وغذاء لبيونغ يانغ؟", "arms for Moscow, food for Pyongyang?"),
    ("ماذا يريد كل طرف؟", "what does each side want?"),
    ("صفقة رابحة للطرفين؟", "a win-win deal?"),
    ("هل تتعمق العلاقات؟", "will ties deepen?"),
    ("ما الذي نعرفه حتى الآن", "what we know so far"),
    ("خبرات مقابل ذخائر؟", "know-how for munitions?"),
    ("ولماذا يقلق ذلك واشنطن", "and why it worries Washington"),
    ("ما الذي تغير", "what has changed"),
]
MONTHS: list[Pair] = [
    ("يناير", "January"),
    ("فبراير", "February"),
    ("مارس", "March"),
    ("أبريل", "April"),
    ("مايو", "May"),
    ("يونيو", "June"),
    ("يوليو", "July"),
    ("أغسطس", "August"),
    ("سبتمبر", "September"),
    ("أكتوبر", "October"),
    ("نوفمبر", "November"),
    ("ديسمبر", "December"),
]
KOREAN_FAMILY: list[Pair] = [
    ("كيم", "Kim"),
    ("لي", "Lee"),
    ("بارك", "Park"),
    ("تشوي", "Choi"),
    ("جونغ", "Jung"),
    ("كانغ", "Kang"),
    ("تشو", "Cho"),
    ("يون", "Yoon"),
    ("جانغ", "Jang"),
    ("ليم", "Lim"),
    ("هان", "Han"),
    ("أوه", "Oh"),
    ("سيو", "Seo"),
    ("شين", "Shin"),
    ("كوون", "Kwon"),
    ("هوانغ", "Hwang"),
    ("آن", "Ahn"),
    ("سونغ", "Song"),
    ("ريو", "Ryu"),
    ("نام", "Nam"),
]
KOREAN_SYLLABLES: list[Pair] = [
    ("تاي", "tae"),
    ("وو", "woo"),
    ("سونغ", "sung"),
    ("ووك", "wook"),
    ("هيون", "hyun"),
    ("مين", "min"),
    ("جي", "ji"),
    ("سو", "soo"),
    ("يونغ", "young"),
    ("هو", "ho"),
    ("جين", "jin"),
    ("هي", "hee"),
    ("سيوك", "seok"),
    ("تشول", "chul"),
    ("هوا", "hwa"),
    ("كيونغ", "kyung"),
    ("وون", "won"),
    ("دونغ", "dong"),
    ("إيون", "eun"),
    ("غون", "gon"),
    ("بيونغ", "byung"),
    ("سانغ", "sang"),
    ("تشان", "chan"),
    ("يول", "yeol"),
]
GIVEN: list[Pair] = [
    ("سيرغي", "Sergei"),
    ("فلاديمير", "Vladimir"),
    ("أندريه", "Andrei"),
    ("دميتري", "Dmitry"),
    ("إيفان", "Ivan"),
    ("أولغا", "Olga"),
    ("ماريا", "Maria"),
    ("آنا", "Anna"),
    ("جون", "John"),
    ("سارة", "Sarah"),
    ("مايكل", "Michael"),
    ("إميلي", "Emily"),
    ("ديفيد", "David"),
    ("لورا", "Laura"),
    ("نيكولاي", "Nikolai"),
    ("يوري", "Yuri"),
    ("ليلى", "Laila"),
    ("أحمد", "Ahmed"),
]
FAMILY: list[Pair] = [
    ("بيتروف", "Petrov"),
    ("سميرنوف", "Smirnov"),
    ("إيفانوف", "Ivanov"),
    ("كوزلوف", "Kozlov"),
    ("فولكوف", "Volkov"),
    ("سوكولوف", "Sokolov"),
    ("ميلر", "Miller"),
    ("سميث", "Smith"),
    ("جونسون", "Johnson"),
    ("براون", "Brown"),
    ("ديفيس", "Davis"),
    ("ويلسون", "Wilson"),
    ("لافروف", "Lavrov"),
    ("بوبوف", "Popov"),
    ("موروزوف", "Morozov"),
    ("نوفيكوف", "Novikov"),
]
# Arab names: given name, father's name, family name ("Ahmed Khalid al-Masri"), as Arabic papers name people.
ARAB_GIVEN: list[Pair] = [
    ("أحمد", "Ahmed"),
    ("محمد", "Mohammed"),
    ("خالد", "Khaled"),
    ("عمر", "Omar"),
    ("يوسف", "Youssef"),
    ("سامي", "Sami"),
    ("طارق", "Tarek"),
    ("كريم", "Karim"),
    ("حسن", "Hassan"),
    ("علي", "Ali"),
    ("مروان", "Marwan"),
    ("وليد", "Walid"),
    ("فادي", "Fadi"),
    ("رامي", "Rami"),
    ("نبيل", "Nabil"),
    ("ماجد", "Majed"),
    ("هشام", "Hisham"),
    ("زياد", "Ziad"),
    ("باسل", "Basel"),
    ("عادل", "Adel"),
]
ARAB_FAMILY: list[Pair] = [
    ("المصري", "al-Masri"),
    ("الحسيني", "al-Husseini"),
    ("العلي", "al-Ali"),
    ("الخطيب", "al-Khatib"),
    ("النجار", "al-Najjar"),
    ("الحداد", "al-Haddad"),
    ("السيد", "al-Sayed"),
    ("الشامي", "al-Shami"),
    ("البغدادي", "al-Baghdadi"),
    ("العمري", "al-Omari"),
    ("الزعبي", "al-Zoubi"),
    ("القاسم", "al-Qasim"),
    ("الأحمد", "al-Ahmad"),
    ("الدوري", "al-Douri"),
    ("الرفاعي", "al-Rifai"),
    ("الطويل", "al-Taweel"),
]
GROUPS: list[Pair] = [
    ("مسؤولون في {A}", "Officials in {A}"),
    ("دبلوماسيون من {A}", "Diplomats from {A}"),
    ("وزارة خارجية {A}", "{A}'s foreign ministry"),
    ("محللون في {A}", "Analysts in {A}"),
]
FIELDS: list[Pair] = [
    ("العلوم السياسية", "political science"),
    ("العلاقات الدولية", "international relations"),
    ("الدراسات الكورية", "Korean studies"),
    ("الاقتصاد", "economics"),
    ("التاريخ", "history"),
    ("الدراسات الروسية", "Russian studies"),
    ("الأمن الدولي", "international security"),
    ("القانون الدولي", "international law"),
    ("الدراسات الآسيوية", "Asian studies"),
    ("الدراسات الاستراتيجية", "strategic studies"),
]
ROLES: list[Pair] = [
    ("أستاذ {F}", "Professor of {F}"),
    ("أستاذ {F} منذ {Y}", "Professor of {F} since {Y}"),
    ("محلل في شؤون {A}", "Analyst of {A} affairs"),
    ("باحث أول في {F} منذ {Y}", "Senior researcher in {F} since {Y}"),
    ("سفير {A} السابق لدى {B}", "Former ambassador of {A} to {B}"),
    ("مستشار سابق لشؤون {T} في {A}", "Former adviser on {T} in {A}"),
    ("مراسل في {P} منذ {Y}", "Correspondent in {P} since {Y}"),
]
INSTITUTES: list[Pair] = [
    ("معهد الدراسات الاستراتيجية", "Institute for Strategic Studies"),
    ("جامعة الدراسات الدولية", "University of International Studies"),
    ("مركز أبحاث الأمن", "Center for Security Research"),
    ("معهد السياسة الخارجية", "Foreign Policy Institute"),
    ("أكاديمية العلوم", "Academy of Sciences"),
    ("المعهد الكوري للتوحيد الوطني", "Korea Institute for National Unification"),
    ("معهد أسان للدراسات السياسية", "Asan Institute for Policy Studies"),
    ("مركز دراسات الشرق الأقصى", "Center for Far Eastern Studies"),
    ("جامعة العلاقات الدولية", "University of International Relations"),
    ("معهد الاقتصاد العالمي", "Institute of World Economy"),
]
CITIES: list[Pair] = [
    ("سيول", "Seoul"),
    ("موسكو", "Moscow"),
    ("بكين", "Beijing"),
    ("طوكيو", "Tokyo"),
    ("واشنطن", "Washington"),
    ("لندن", "London"),
    ("برلين", "Berlin"),
    ("سانت بطرسبرغ", "Saint Petersburg"),
    ("بوسان", "Busan"),
    ("فلاديفوستوك", "Vladivostok"),
    ("القاهرة", "Cairo"),
    ("الدوحة", "Doha"),
]
PUBLISHERS: list[Pair] = [
    ("وكالة أنباء {C}", "{C} News Agency"),
    ("صحيفة {C} اليومية", "The {C} Daily"),
    ("إذاعة {C} الدولية", "Radio {C} International"),
    ("مجلة {T} في {C}", "{C} {T} Review"),
]
TITLES: list[Pair] = [
    ("زيارة {A} إلى {P}: {Q}", "{A}'s visit to {P}: {Q}"),
    ("{A} و{B} في {Y}: {Q}", "{A} and {B} in {Y}: {Q}"),
    ("قمة {P} بين {A} و{B}: {Q}", "The {P} summit between {A} and {B}: {Q}"),
    ("لماذا تتجه {A} إلى {B} في {T}؟ {Q}", "Why is {A} turning to {B} on {T}? {Q}"),
    ("{T} بين {A} و{B}: {Q}", "{T} between {A} and {B}: {Q}"),
]
HEADINGS: list[Pair] = [
    ("ماذا تريد {A} من {B}؟", "What does {A} want from {B}?"),
    ("أهداف {A} في {T}", "{A}'s aims in {T}"),
    ("{A} و{B}: ما الذي تغير منذ {Y}؟", "{A} and {B}: what has changed since {Y}?"),
    ("مستقبل العلاقات بين {A} و{B}", "The future of relations between {A} and {B}"),
    ("الزيارة وسياقها منذ {Y}", "The visit and its context since {Y}"),
    ("دور {A} في {T}", "The role of {A} in {T}"),
    ("{T}: موقف {A}", "{T}: where {A} stands"),
    ("ما الذي جرى في {P} في {M} {Y}", "What happened in {P} in {M} {Y}"),
]
# Phrases that can close a long text, and joiners for mixing two texts.
TAILS: list[Pair] = [
    ("بحسب {A}", "according to {A}"),
    ("في عام {Y}", "in {Y}"),
    ("منذ {M} {Y}", "since {M} {Y}"),
    ("في ما يخص {T}", "as far as {T} is concerned"),
    ("وفق ما نقلته وسائل إعلام في {P}", "as media in {P} reported"),
]
TOPICS = ["north-korea", "russia"]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Texts:
    """Makes unique text pairs: no Arabic and no English text is ever handed out twice."""

    def __init__(self, rng: random.Random, seed: dict[str, Any]) -> None:
        self.rng = rng
        self.seen_ar: set[str] = set()
        self.seen_en: set[str] = set()
        pools: dict[str, list[Pair]] = {"dek": [], "paragraph": [], "point": [], "takeaway": [], "event": []}
        pair = lambda text: (text["ar"], text["en"])  # noqa: E731
        pools["dek"].append(pair(seed["dek"]))
        pools["source"] = [pair(seed["source"]["title"])]
        for section in seed["sections"]:
            pools["paragraph"] += [pair(p) for p in section.get("paragraphs", [])]
            pools["point"] += [pair(p["text"]) for p in section.get("points", [])]
        pools["takeaway"] = [pair(t["text"]) for t in seed["takeaways"]]
        pools["event"] = [pair(e["text"]) for e in seed["timeline"]]
        pools["dek"] += pools["paragraph"][:3]  # a dek reads like a lead paragraph
        pools["source"] += pools["takeaway"]
        self.pools = pools
        self.everything = [p for pool in pools.values() for p in pool]

    # -- uniqueness ---------------------------------------------------------------------------------
    def _unique(self, make: Callable[[int], Pair], repeats: bool = False) -> Pair:
        """A pair neither of whose texts was handed out before; `repeats`: once 400 tries found none, one seen
        before will do (people's names: a newsroom quotes the same people in explainer after explainer)."""
        for attempt in range(40 if repeats else 400):  # a name or a role that ran dry is not worth 400 tries
            ar, en = make(attempt)
            if ar not in self.seen_ar and en not in self.seen_en:
                self.seen_ar.add(ar)
                self.seen_en.add(en)
                return ar, en
        if repeats:
            return make(0)
        raise RuntimeError("could not make a unique text; enlarge the vocabularies in bench/synthetic.py")

    def _fill(self, template: Pair) -> Pair:
        """Fill {A} {B} {P} {T} {Q} {Y} {M} {F} {C} slots with aligned values."""
        rng = self.rng
        a, b = rng.sample(ACTORS, 2)
        values = {
            "A": a,
            "B": b,
            "P": rng.choice(PLACES),
            "T": rng.choice(THEMES),
            "Q": rng.choice(QUESTIONS),
            "Y": (str(rng.randint(1950, 2024)),) * 2,
            "M": rng.choice(MONTHS),
            "F": rng.choice(FIELDS),
            "C": rng.choice(CITIES),
        }
        ar, en = template
        for key, (value_ar, value_en) in values.items():
            ar = ar.replace("{" + key + "}", value_ar)
            en = en.replace("{" + key + "}", value_en)
        en = re.sub(r"([?:] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), en)  # "…? what" → "…? What"
        return ar, cap(en)

    def templated(self, templates: list[Pair], repeats: bool = False) -> Pair:
        def make(attempt: int) -> Pair:
            ar, en = self._fill(self.rng.choice(templates))
            if attempt > 200:  # a vocabulary ran dry: a year in brackets keeps it plausible
                year = self.rng.randint(1900, 2024)
                ar, en = f"{ar} ({year})", f"{en} ({year})"
            return ar, en

        return self._unique(make, repeats)

    # -- long texts -------------------------------------------------------------------------------
    def _shuffle(self, text: str, swaps: int) -> str:
        words = text.split()
        for _ in range(swaps):
            if len(words) < 5:
                break
            # Never moves the first word (no accidental "2019." list) nor the last (it carries the full stop).
            i = self.rng.randrange(1, len(words) - 2)
            words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)

    def long(self, kind: str, markdown: bool = True) -> Pair:
        rng = self.rng

        def make(attempt: int) -> Pair:
            ar, en = rng.choice(self.pools[kind])
            if rng.random() < 0.3:  # mix in a clause from another field
                other_ar, other_en = rng.choice(self.everything)
                ar = ar.rstrip(".،") + "، " + other_ar
                en = en.rstrip(".;,") + "; " + other_en
            if rng.random() < 0.5 or attempt:
                tail_ar, tail_en = self._fill(rng.choice(TAILS))
                ar = ar.rstrip(".") + "، " + tail_ar + "."
                en = en.rstrip(".") + ", " + tail_en[:1].lower() + tail_en[1:] + "."
            swaps = max(1, len(en.split()) // 8) + attempt
            ar, en = self._shuffle(ar, swaps), self._shuffle(en, swaps)
            if markdown and rng.random() < 0.12:
                ar, en = self._markdown(ar, en)
            return ar, en

        return self._unique(make)

    def _markdown(self, ar: str, en: str) -> Pair:
        """Emphasis, strong text or a link around the same stretch of words in both languages."""
        rng = self.rng
        kind = rng.choice(["strong", "emphasis", "link"])
        url = f"https://example.org/reports/{rng.randint(1000, 999999)}"

        def wrap(text: str) -> str:
            words = text.split()
            if len(words) < 5:
                return text
            i = rng.randrange(1, len(words) - 3)
            span = " ".join(words[i : i + 2]).rstrip(".,;:،؟?")
            rest = " ".join(words[i : i + 2])[len(span) :]
            marked = {"strong": f"**{span}**", "emphasis": f"*{span}*", "link": f"[{span}]({url})"}[kind]
            return " ".join([*words[:i], marked + rest, *words[i + 2 :]])

        return wrap(ar), wrap(en)

    # -- names ------------------------------------------------------------------------------------
    def person(self) -> Pair:
        rng = self.rng

        def make(attempt: int) -> Pair:
            if rng.random() < 0.3:
                (ga, ge), (pa, pe), (fa, fe) = rng.choice(ARAB_GIVEN), rng.choice(ARAB_GIVEN), rng.choice(ARAB_FAMILY)
                return f"{ga} {pa} {fa}", f"{ge} {pe} {fe}"
            if rng.random() < 0.7:
                (fa, fe), (s1a, s1e), (s2a, s2e) = (
                    rng.choice(KOREAN_FAMILY),
                    rng.choice(KOREAN_SYLLABLES),
                    rng.choice(KOREAN_SYLLABLES),
                )
                return f"{fa} {s1a} {s2a}", f"{fe} {cap(s1e)}-{s2e}"
            (ga, ge), (fa, fe) = rng.choice(GIVEN), rng.choice(FAMILY)
            if attempt > 100:
                (ma, me) = rng.choice(GIVEN)
                return f"{ga} {ma} {fa}", f"{ge} {me[0]}. {fe}"
            return f"{ga} {fa}", f"{ge} {fe}"

        return self._unique(make, repeats=True)


def _text(pair: Pair) -> dict[str, str]:
    return {"ar": pair[0], "en": pair[1]}


def _source(texts: Texts, rng: random.Random, published: dt.date, i: int, extra: bool) -> dict[str, Any]:
    source: dict[str, Any] = {
        "title": _text(texts.long("source", markdown=False)),
        "language": rng.choice(["ar", "en"]),
        "date": published - dt.timedelta(days=rng.randint(0, 20 if extra else 2)),
    }
    if extra or rng.random() < 0.5:
        source["publisher"] = _text(texts.templated(PUBLISHERS))
    if extra or rng.random() < 0.5:
        source["url"] = f"https://news.example.com/{published.year}/{i:05d}-{rng.randint(100, 999)}"
    return source


def make_explainer(i: int, seed: dict[str, Any], texts: Texts, rng: random.Random) -> dict[str, Any]:
    """One explainer as the dict its YAML file holds (field order as in the seed)."""
    published = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 13 * 365 - 1))
    title = texts.templated(TITLES)
    slug = "-".join(slugify(title[1]).split("-")[:6]) + f"-{i:05d}"
    explainer: dict[str, Any] = {"slug": slug, "published": published}
    if rng.random() < 0.3:
        explainer["updated"] = published + dt.timedelta(days=rng.randint(1, 90))
    explainer["title"] = _text(title)
    explainer["dek"] = _text(texts.long("dek"))
    explainer["source"] = _source(texts, rng, published, i, extra=False)
    roll = rng.random()
    explainer["topics"] = [] if roll < 0.1 else rng.sample(TOPICS, 1 if roll < 0.6 else 2)

    voices: list[dict[str, Any]] = []
    for _ in range(rng.randint(3, 7)):
        name = texts.templated(GROUPS, repeats=True) if rng.random() < 0.15 else texts.person()
        voice: dict[str, Any] = {"id": slugify(name[1])[:60].strip("-"), "name": _text(name)}
        if voice["id"] in {v["id"] for v in voices}:
            continue
        if rng.random() < 0.8:
            voice["role"] = _text(texts.templated(ROLES, repeats=True))
        if rng.random() < 0.6:
            places = [(f"{ia} في {{C}}", f"{ie}, {{C}}") for ia, ie in INSTITUTES]
            voice["affiliation"] = _text(texts.templated(places, repeats=True))
        voices.append(voice)
    voice_ids = [v["id"] for v in voices]

    def said_by(probability: float) -> dict[str, str]:
        return {"said_by": rng.choice(voice_ids)} if rng.random() < probability else {}

    sections: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for s in range(rng.randint(3, 5)):
        heading = texts.templated(HEADINGS)
        section_id = "-".join(slugify(heading[1]).split("-")[:4]) or f"section-{s}"
        if section_id in used_ids or section_id.endswith("-heading") or section_id.startswith("voice-"):
            section_id = f"{section_id}-{s}"
        used_ids.add(section_id)
        paragraphs = [_text(texts.long("paragraph")) for _ in range(rng.randint(1, 5 if s == 0 else 3))]
        points = [{"text": _text(texts.long("point")), **said_by(0.6)} for _ in range(rng.randint(0, 5))]
        section: dict[str, Any] = {"id": section_id, "heading": _text(heading)}
        if paragraphs and not (points and rng.random() < 0.1):  # a few sections are points only
            section["paragraphs"] = paragraphs
        if points:
            section["points"] = points
        sections.append(section)

    takeaways = []
    for _ in range(rng.randint(3, 6)):
        takeaway: dict[str, Any] = {"text": _text(texts.long("takeaway"))}
        if rng.random() < 0.8:
            takeaway["section"] = rng.choice(sections)["id"]
        takeaways.append(takeaway)

    timeline = []
    days = sorted(
        rng.sample(range((published - dt.date(1950, 1, 1)).days), rng.randint(3, 7)),
    )
    for offset in days:
        day = dt.date(1950, 1, 1) + dt.timedelta(days=offset)
        precision = rng.choice(["year", "month", "day", "day"])
        date = {"year": f"{day.year}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]
        timeline.append({"date": date, "text": _text(texts.long("event")), **said_by(0.25)})

    explainer["takeaways"] = takeaways
    explainer["sections"] = sections
    explainer["voices"] = voices
    explainer["timeline"] = timeline
    if rng.random() < 0.4:
        explainer["sources"] = [
            _source(texts, rng, published, i * 10 + k, extra=True) for k in range(rng.randint(1, 2))
        ]
    if "updated" in explainer:  # `check` ties a moved `updated` to an entry saying what changed
        day = dt.date.fromisoformat(explainer["updated"].isoformat())  # its own object: YAML would alias it
        explainer["updates"] = [{"date": day, "kind": "update", "text": _text(texts.long("event"))}]
    return explainer


def explainer_yaml(explainer: dict[str, Any]) -> str:
    body = yaml.safe_dump(explainer, allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=False)
    return HEADER + body


def generate(n: int, seed_value: int = 20230912) -> list[dict[str, Any]]:
    """N explainers, deterministic for a given seed."""
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    rng = random.Random(seed_value)
    texts = Texts(rng, seed)
    return [make_explainer(i, seed, texts, rng) for i in range(n)]


def refresh_shared(folder: Path) -> None:
    """Copy the repository's current settings, interface strings, templates and mkdocs.yml into `folder`.

    The generator may change while a long benchmark runs (a new interface string, a template); each
    build copy gets the parts that go with the code it runs. The explainers stay as generated.
    """
    for name in ("templates", "content/strings"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(REPO / name, folder / name)
    for name in ("content/site.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, folder / name)


def make_project(n: int, folder: Path, seed_value: int = 20230912, check: bool = True) -> list[dict[str, Any]]:
    """A throwaway project in `folder` with N synthetic explainers; checked with the generator's own `check`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for old in [*(folder / "content" / "explainers").glob("*"), *(folder / "content" / "translations").glob("*")]:
        old.unlink()
    explainers = generate(n, seed_value)
    paths = []
    for explainer in explainers:
        path = folder / "content" / "explainers" / f"{explainer['slug']}.yml"
        path.write_text(explainer_yaml(explainer), encoding="utf-8")
        paths.append(path)
    if check:
        # Record both languages as reviewed, as a real newsroom checkout has them (content/translations/).
        _generator(folder, "mark-reviewed", *map(str, paths))
        _generator(folder, "check", "--strict")
    return explainers


def _generator(folder: Path, *arguments: str) -> None:
    done = subprocess.run(
        [str(PYTHON), "-m", "generator", "--project", str(folder), *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"synthetic project in {folder} failed `generator {arguments[0]}` (exit {done.returncode})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Make a project of N synthetic explainers (checked with --strict).")
    parser.add_argument("count", type=int, help="how many explainers")
    parser.add_argument("target", type=Path, help="a new folder for the project")
    arguments = parser.parse_args()
    count, target = arguments.count, arguments.target
    if target.exists():
        raise SystemExit(f"{target} exists; give a new folder")
    made = make_project(count, target)
    print(f"{len(made)} explainers in {target / 'content' / 'explainers'}; `generator check --strict` passes.")
