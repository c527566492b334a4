"""Localised dates, numbers and counted phrases, and the Arabic digit setting."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import SEED_SLUG, build_site, check, parse, site_languages

from generator.i18n import Localizer, _format_date
from generator.project import Project


@pytest.fixture(scope="module")
def strings():  # type: ignore[no-untyped-def]
    from conftest import REPO

    return check(Project(REPO)).strings


def localizer(strings, code: str, digits: str = "latn") -> Localizer:  # type: ignore[no-untyped-def]
    language = next(language for language in site_languages() if language.code == code)
    return Localizer(dataclasses.replace(language, digits=digits), strings[code])


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "أقل من دقيقة قراءة"),
        (1, "دقيقة قراءة واحدة"),
        (2, "دقيقتا قراءة"),
        (3, "3 دقائق قراءة"),
        (11, "11 دقيقة قراءة"),
        (100, "100 دقيقة قراءة"),
    ],
)
def test_arabic_counts_use_all_six_plural_forms(strings, count: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert localizer(strings, "ar").count(strings["ar"].reading_time, count) == expected


def test_english_counts(strings) -> None:  # type: ignore[no-untyped-def]
    english = localizer(strings, "en")
    assert english.count(strings["en"].explainer_count, 1) == "1 explainer"
    assert english.count(strings["en"].explainer_count, 1000) == "1,000 explainers"


def test_dates_follow_the_language(strings) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2023, 9, 12)
    assert localizer(strings, "ar").date(day) == "12 سبتمبر 2023"
    assert localizer(strings, "en").date(day) == "12 September 2023"
    assert localizer(strings, "ar").partial_date("2023-07") == "يوليو 2023"
    assert localizer(strings, "en").partial_date("2019") == "2019"


def test_arabic_indic_digits_are_a_setting(strings) -> None:  # type: ignore[no-untyped-def]
    arabic = localizer(strings, "ar", digits="arab")
    assert arabic.date(dt.date(2023, 9, 12)) == "١٢ سبتمبر ٢٠٢٣"
    assert arabic.count(strings["ar"].explainer_count, 1000) == "١٬٠٠٠ شرح"


def test_arabic_indic_digits_reach_prose_but_never_urls(project: Project) -> None:
    settings = project.content / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("digits: latn", "digits: arab", 1), encoding="utf-8"
    )
    build_site(project)
    root = parse(project.site / "ar" / SEED_SLUG / "index.html")
    (published,) = root.cssselect(".meta time")
    assert published.get("datetime") == "2023-09-12"
    assert published.text == "١٢ سبتمبر ٢٠٢٣"
    assert all(not any("٠" <= c <= "٩" for c in link.get("href")) for link in root.cssselect("[href]"))
    # one page, one digit style: the editor's "2020" in Arabic prose shows as ٢٠٢٠ too
    background = root.get_element_by_id("background").text_content()
    assert "٢٠٢٠" in background and "2020" not in background
    english = parse(project.site / "en" / SEED_SLUG / "index.html")
    assert english.cssselect(".meta time")[0].text == "12 September 2023"
    # Parts of a line are set apart by a bar, not a middle dot, which reads as the zero `٠` beside a digit
    # (`تحديث · ٢ ديسمبر` as the 20th: an outside tester's); Latin digits keep the dot.
    lines = [root.findtext(".//title"), *(part.text_content() for part in root.cssselect(".meta, .source-details"))]
    assert all(" | " in line and "·" not in line for line in lines), lines
    assert " · " in english.findtext(".//title") and " · " in english.cssselect(".meta")[0].text_content()


@pytest.mark.parametrize(
    ("locale", "day", "said"),
    [
        ("fr", dt.date(2026, 12, 1), "1er décembre 2026"),
        ("fr_CA", dt.date(2026, 12, 1), "1er décembre 2026"),
        ("fr", dt.date(2026, 12, 11), "11 décembre 2026"),
        ("en", dt.date(2026, 12, 1), "1 December 2026"),
    ],
)
def test_french_writes_the_first_of_a_month_as_1er(locale: str, day: dt.date, said: str) -> None:
    """CLDR's patterns print `1 décembre`, where French writes `1er` (an outside tester's newsroom)."""
    assert _format_date(day, "d MMMM y", locale) == said
