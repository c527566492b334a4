"""Cross-checks on raw data: they run on files the model refuses, whatever shape those files are in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEED_SLUG
from pydantic import TypeAdapter, ValidationError

from generator.document import Document
from generator.fields import Prose
from generator.load import load
from generator.messages import date_words
from generator.project import Project
from generator.repeated_entries import repeated_entries
from generator.scripts import other_scripts, strings_in_other_scripts
from generator.site_content import site_content
from generator.skeleton import PLACEHOLDERS
from generator.strings_check import said_twice
from generator.validate import check_references, check_timeline, validate_explainer

SEED = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"


def document(data: Any) -> Document:
    return Document(Path("x.yml"), data)


def messages(problems: list[Any]) -> list[str]:
    return [f"{problem.field}: {problem.message}" for problem in problems]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "text",
        [1, 2],
        {"sections": "x", "voices": 3, "topics": "north-korea", "takeaways": None, "timeline": "2023"},
        {"sections": [None, "x", {"id": ["a"], "points": "p"}], "voices": [{"id": 5}], "topics": [["a"], None]},
        {"timeline": [{"date": ["2023"]}, {"date": None}, "event", {"date": "2023-13"}, {"date": "٢٠٢٣"}]},
        {"sections": [{"id": [], "heading": "h"}, {"id": {}}, {"id": []}]},  # (a property test's: a traceback)
    ],
)
def test_any_shape_of_data_is_checked_without_crashing(data: Any) -> None:
    assert check_references(document(data), {"north-korea"}) == []
    assert check_timeline(document(data)) == []
    assert repeated_entries(document(data)) == []


def test_an_entry_written_twice_word_for_word_is_said_once_where_it_repeats() -> None:
    """A merge that kept both sides published an update twice, and check said nothing (an outside tester's
    fuzzing): a group of fields equal to one above it in the same list, but for its spaces, is refused, at any
    depth; a short paragraph (a Q&A's answer), the same text in two lists, names listed twice, and entries that
    differ in one field are not."""
    paragraph = {"ar": "وصل كيم جونغ أون إلى روسيا يوم الثلاثاء.", "en": "Kim Jong Un arrived in Russia on Tuesday."}
    retyped = {
        "ar": "وصل كيم جونغ أون إلى  روسيا يوم\u00a0الثلاثاء.",
        "en": "Kim Jong Un arrived in Russia on Tuesday. ",
    }
    yes = {"ar": "نعم، بحسب البيان الرسمي.", "en": "Yes, according to the official statement."}  # (a retester's Q&A)
    event = {"date": "2023", "text": {"ar": "قمة.", "en": "A summit."}}
    data = {
        "updates": [{"date": "2026-12-02", "kind": "update", "text": paragraph}] * 3,
        "sections": [{"id": "a", "paragraphs": [paragraph, yes, {"ar": "أخرى.", "en": "Another."}, yes, retyped]}],
        "takeaways": [{"text": paragraph}, {"text": paragraph, "section": "a"}],
        "topics": ["russia", "russia"],
        "timeline": [event, {"date": "2024", "text": event["text"]}, event],
    }
    assert messages(repeated_entries(document(data))) == [
        "updates[1]: repeats item 1 of its list, word for word (a merge that kept both sides?)",
        "updates[2]: repeats item 1 of its list, word for word (a merge that kept both sides?)",
        "sections[0].paragraphs[4]: repeats item 1 of its list, word for word (a merge that kept both sides?)",
        "timeline[2]: repeats item 1 of its list, word for word (a merge that kept both sides?)",
    ]
    assert repeated_entries(document(load(SEED))) == []


@pytest.mark.parametrize("written", ["بحسب المسؤولين", "بِحَسَب المسؤولين", "بحسـب المسؤولين", "\u200fبحسب المسؤولين"])
def test_a_name_attributed_with_the_words_the_page_writes_before_it_is_refused(written: str) -> None:
    """`بحسب بحسب الوزير` on every statement of the voice: the field's own example held `بحسب`, and a retester's
    spellings of it (marks, a tatweel, a direction mark pasted before it) passed."""
    site, _ = site_content(Project(REPO))
    voice = {
        "id": "us",
        "name": {"ar": "المسؤولون", "en": "Officials"},
        "attributed": {"ar": written, "en": "officials"},
    }
    (said,) = said_twice(document({"voices": [voice]}), site)
    assert said.field == "voices[0].attributed.ar" and said.message.startswith("opens with `بحسب`")
    voice["attributed"] = {"ar": "المسؤولين", "en": "officials"}
    assert said_twice(document({"voices": [voice]}), site) == []


def test_references_are_read_from_raw_data() -> None:
    data = {
        "topics": ["russia", " russia ", "mars"],
        "sections": [{"id": "a", "points": [{"said_by": "kim"}, {"said_by": " shoigu "}]}, {"id": "a"}, {"id": "toc"}],
        "voices": [{"id": "shoigu"}],
        "takeaways": [{"section": "b"}, {"section": None}],
        "timeline": [{"said_by": "putin"}],
    }
    assert messages(check_references(document(data), {"russia"})) == [
        "sections[1].id: `a` is already the id of another section",
        "topics[1]: `russia` is listed twice",
        "sections[2].id: `toc` is already used by the page itself",
        "takeaways[0].section: `b` is not the id of any section",
        "sections[0].points[0].said_by: `kim` is not the id of any voice",
        "timeline[0].said_by: `putin` is not the id of any voice",
        "topics[2]: `mars` is not the id of any topic in site.yml",
    ]


def test_a_renamed_section_is_the_one_its_old_references_are_said_to_mean() -> None:
    """A section renamed (`what-russia-wants` to `moscows-aims`) left its takeaways pointing at nothing, and
    check offered the closest spelling, another section (`what-kim-wants`): the one section nothing names now
    is the one they meant (an outside tester's)."""
    seed = load(SEED)
    seed.data["sections"][1]["id"] = "moscows-aims"
    problems = check_references(seed, None)
    hint = "did you mean `moscows-aims`? known: background, moscows-aims, what-kim-wants, what-comes-next"
    assert [(problem.field, problem.hint) for problem in problems] == [
        ("takeaways[1].section", hint),
        ("takeaways[2].section", hint),
    ]


def test_topics_are_not_checked_without_site_settings() -> None:
    assert check_references(document({"topics": ["mars"]}), None) == []


def timeline(*dates: str) -> list[str]:
    return messages(check_timeline(document({"timeline": [{"date": date} for date in dates]})))


def test_partial_dates_compare_on_the_precision_they_share() -> None:
    assert timeline("1991", "2019", "2023-07", "2023-09-12") == []
    assert timeline("2023-09-12", "2023-09", "2023", "2023-10") == []
    assert timeline("2023", "2023-01-01", "2023-12", "2023") == []
    assert timeline("2023-09-12", "2023-09-11") == [
        "timeline[1].date: `2023-09-11` is earlier than `2023-09-12` in timeline[0], above it"
    ]
    assert timeline("2023-09", "2022") == [
        "timeline[1].date: `2022` is earlier than `2023-09` in timeline[0], above it"
    ]


def test_an_event_is_compared_with_every_event_above_it_and_reported_once() -> None:
    assert timeline("2023-09", "2023", "2023-01", "2020", "2019") == [
        "timeline[2].date: `2023-01` is earlier than `2023-09` in timeline[0], above it"
    ]


def test_dates_the_model_refuses_are_left_to_the_model() -> None:
    assert timeline("2023", "2023-13", "[YYYY-MM-DD]", "٢٠٢٢", "2024") == []


@pytest.mark.parametrize(
    ("written", "partial", "expected"),
    [
        ("٢٠٢٣-٠٩-١٢", False, ("is written with Arabic-Indic digits", "type the digits 0–9: write 2023-09-12")),
        (
            "۲۰۲۳-۰۹",
            True,
            ("is written with Persian (Extended Arabic-Indic) digits", "type the digits 0–9: write 2023-09"),
        ),
        ("2023-٠٩-12", False, ("is written with Arabic-Indic digits", "type the digits 0–9: write 2023-09-12")),
        (
            "[YYYY-MM-DD]",
            False,
            ("is still the placeholder `[YYYY-MM-DD]`", "replace it with the real date: YYYY-MM-DD, e.g. 2023-09-12"),
        ),
        ("yesterday", False, None),
        (None, True, None),
    ],
)
def test_date_words(written: object, partial: bool, expected: tuple[str, str] | None) -> None:
    assert date_words(written, partial) == expected


def test_a_file_with_schema_problems_still_gets_its_references_checked() -> None:
    seed = load(SEED)
    seed.data["titel"] = seed.data.pop("title")
    seed.data["sections"][0]["points"][0]["said_by"] = "nobody"
    seed.data["timeline"].append(dict(seed.data["timeline"][0]))
    explainer, problems = validate_explainer(seed, None)
    assert explainer is None
    assert [problem.field for problem in problems] == [  # `title` is not also said to be missing
        "titel",
        "sections[0].points[0].said_by",
        "timeline[5].date",
        "timeline[5]",  # (the same event, word for word)
    ]


def test_a_field_the_model_refuses_gets_one_message() -> None:
    seed = load(SEED)
    seed.data["sections"][0]["points"][0]["said_by"] = "Nobody"
    _, problems = validate_explainer(seed, None)
    assert messages(problems) == [
        "sections[0].points[0].said_by: `Nobody` is not a safe name for an address",
    ]


def test_the_seed_passes_every_cross_check() -> None:
    seed = load(SEED)
    assert check_references(seed, {"north-korea", "russia"}) == []
    assert check_timeline(seed) == []


def test_a_text_in_another_languages_letters_is_refused() -> None:
    """An Arabic field holding the English text was built as the Arabic page (an outside tester's finding). A name
    or term alone (fewer than four words), mixed text, cited sources and credits are left alone (a second
    tester's affiliations `ANC`, `Goldman Sachs` and label `iPhone 15 Pro` were refused at first)."""
    site, _ = site_content(Project(REPO))
    title = "Kim Jong Un visits Russia"
    data = {
        "title": {"ar": title, "en": title},
        "dek": {
            "ar": "يلتقي كيم بوتين في [فلاديفوستوك](https://example.org/vladivostok).",
            "en": "زيارة كيم إلى روسيا قريبا",
        },
        "voices": [
            {"name": {"ar": "وكالة Reuters للأنباء", "en": "Reuters"}, "affiliation": {"ar": "ANC", "en": "ANC"}},
            {"role": {"ar": "ـThe cut starts in May.", "en": "x"}, "name": {"ar": "iPhone 15 Pro Max", "en": "x"}},
        ],
        "sections": [{"paragraphs": [{"ar": "فقرة عربية.\n\nThe second paragraph, pasted in English.", "en": "x"}]}],
        "source": {"title": {"ar": "Kim heads to Russia today", "en": "Kim heads to Russia today"}},
        "image": {"credit": {"ar": "Reuters / John Smith and Jane Doe", "en": "Reuters"}},
        "takeaways": [{"text": {"ar": "金正恩 访问 俄罗斯 今天", "en": "Kim Jong Un"}}],
    }
    assert messages(other_scripts(document(data), site.languages)) == [
        "title.ar: has no Arabic letters, only Latin words: is it the English text?",
        "dek.en: has no Latin letters, only Arabic words: is it the Arabic text?",
        "voices[1].role.ar: has no Arabic letters, only Latin words: is it the English text?",
        "sections[0].paragraphs[0].ar: has no Arabic letters, only Latin words: is it the English text?",
    ]
    assert other_scripts(load(SEED), site.languages) == []
    arabic = next(language for language in site.languages if language.code == "ar")
    strings = {
        "search": "Search every explainer here",
        "results": {"one": "{count} {query}"},
        "date_formats": {"day": "EEEE d MMMM y G"},
    }
    assert messages(strings_in_other_scripts(document(strings), arabic.code, site.languages)) == [
        "search: has no Arabic letters, only Latin words: is it the English text?"
    ]


def test_only_a_placeholder_new_writes_is_refused_as_one() -> None:
    """Any text wholly in brackets was called a placeholder left unfilled (an outside tester's `[sic]`); only the
    skeleton's own are (`[Headline]`, `[العنوان]`), in every text field it writes them in."""
    prose = TypeAdapter(Prose)
    for text in ["[sic]", "[1]", "[Update]", "[Egypt and Sudan sign a deal]", "[A key takeaway"]:
        assert prose.validate_python(text) == text
    assert {"[Headline]", "[العنوان]", "[A key takeaway]", "[الاسم]", "[Publisher]"} <= PLACEHOLDERS
    for text in PLACEHOLDERS - {"[YYYY-MM-DD]"}:
        with pytest.raises(ValidationError, match=re.escape(f"is still the placeholder `{text}`")):
            prose.validate_python(f" {text} ")
    with pytest.raises(ValidationError, match=re.escape("is still the placeholder `[Headline, in Français]`")):
        prose.validate_python("[Headline, in Français]")  # a French site's (scaffold._per_language)
    assert prose.validate_python("[Kim, in Moscow]") == "[Kim, in Moscow]"


def test_an_address_with_an_invisible_character_is_refused_and_one_with_a_space_is_not() -> None:
    """A Braille blank in a source's address (shown as a space) linked to another domain (an outside tester's);
    a plain space shows, and is written %20 as before (refused as "invisible U+0020": an independent reviewer's)."""
    seed = load(SEED)
    seed.data["source"]["url"] = "https://example.org/annual report.pdf"
    assert messages(validate_explainer(seed, None)[1]) == []
    seed.data["source"]["url"] = "https://www.exa\u2800mple.org/news"
    assert messages(validate_explainer(seed, None)[1]) == [
        "source.url: holds the invisible U+2800, which sends readers elsewhere; delete it"
    ]


def test_a_damaged_id_is_never_offered_as_the_mend_of_a_reference() -> None:
    """A NUL typed into a section's id: the reference that spelt it right was told "did you mean" the damaged one
    (an outside tester's fuzzing); the id's own damage is said where it is written."""
    from generator.validate import _id_hint

    hint = _id_hint("what-kim-wants", ["background", "what-kim-w\x00ants"], "section", {("section", "background")})
    assert "\x00" not in hint and "did you mean" not in hint
