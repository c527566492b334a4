"""Languages as data, in-process: what site.yml may leave out comes from CLDR, and what it gets wrong is
refused where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.document import Document
from generator.settings import Content, LanguageSettings, resolve, script_of
from generator.validate import validate_settings


@pytest.mark.parametrize(
    ("code", "direction", "og_locale", "script"),
    [
        ("ar", "rtl", "ar_EG", "ARABIC"),
        ("en", "ltr", "en_US", "LATIN"),
        ("fr", "ltr", "fr_FR", "LATIN"),
        ("fa", "rtl", "fa_IR", "ARABIC"),
        ("ur", "rtl", "ur_PK", "ARABIC"),
        ("he", "rtl", "he_IL", "HEBREW"),
    ],
)
def test_a_language_named_by_its_code_alone_gets_cldr_defaults(
    code: str, direction: str, og_locale: str, script: str
) -> None:
    language = resolve(code, LanguageSettings(name=code))
    assert (language.direction, language.og_locale, language.script, language.locale) == (
        direction,
        og_locale,
        script,
        code,
    )


def test_what_site_yml_says_wins_over_the_defaults() -> None:
    language = resolve("ar", LanguageSettings(name="العربية", og_locale="ar_AR", locale="ar-MA", direction="rtl"))
    assert (language.og_locale, language.locale) == ("ar_AR", "ar_MA")
    assert language.comma == "، " and resolve("fr", LanguageSettings(name="Français")).comma == ", "


def test_the_script_of_a_letter() -> None:
    assert [script_of(letter) for letter in "aكگא"] == ["LATIN", "ARABIC", "ARABIC", "HEBREW"]


def settings_document(languages: dict[str, object], **more: object) -> Document:
    data = {"site_url": "https://explainers.example.org/", "languages": languages, **more}
    return Document(Path("content/site.yml"), data, {})


def test_the_order_of_languages_is_the_order_written_and_the_first_is_the_default() -> None:
    settings, problems = validate_settings(
        settings_document({"fr": {"name": "Français"}, "ar": {"name": "العربية"}, "en": {"name": "English"}})
    )
    assert problems == [] and settings is not None
    content = Content(settings, {})
    assert [language.code for language in content.languages] == ["fr", "ar", "en"]
    assert content.default_language == content.translation_source == "fr"


@pytest.mark.parametrize(
    ("languages", "more", "field", "words"),
    [
        ({"ar": {"name": "العربية", "digits": "arabext"}}, {}, "languages.ar.digits", "Arabic does not write"),
        ({"fa": {"name": "فارسی", "digits": "arabext"}}, {}, "", ""),  # Persian digits (۰-۹)
        ({"xx": {"name": "?"}}, {}, "languages.xx", "not a locale CLDR knows"),
        ({"ar": {"name": "العربية"}}, {"default_language": "en"}, "default_language", "not one of the site's"),
        ({"ar": {"name": "العربية"}}, {"translation_source": "fr"}, "translation_source", "not one of the site's"),
        ({"AR": {"name": "العربية"}}, {}, "languages.AR", "is not a language code as the site writes them"),
        ({}, {}, "languages", "at least one"),
    ],
)
def test_languages_site_yml_gets_wrong_are_refused_at_their_field(
    languages: dict[str, object], more: dict[str, object], field: str, words: str
) -> None:
    settings, problems = validate_settings(settings_document(languages, **more))
    if not field:
        assert problems == [] and settings is not None
        return
    assert settings is None
    assert any(problem.field.startswith(field) and words in problem.message for problem in problems), problems


@pytest.mark.parametrize(
    ("more", "field", "said"),
    [
        ({"site_url": None}, "site_url", "is not a web address (write the full address, starting with https://)"),
        ({"site_url": "https://e.org/" + "a" * 3000}, "site_url", "is longer than 2083 characters"),
        ({"page_size": "true"}, "page_size", "must be a whole number (write it in digits, e.g. 12)"),
        ({"page_size": "1.5"}, "page_size", "must be a whole number (write it in digits, e.g. 12)"),
        ({"page_size": "0"}, "page_size", "must be at least 1"),
        ({"languages": {"ar": {"name": ""}}}, "languages.ar.name", "is empty; write the text"),
        (
            {"languages": {"ar": {"name": "العربية", "og_locale": 'en"><script>'}}},
            "languages.ar.og_locale",
            "is not an Open Graph locale (write a language and a country, e.g. `ar_AR` or `en_US`)",
        ),
    ],
)
def test_settings_of_the_wrong_kind_are_said_in_the_sites_words(more: dict[str, object], field: str, said: str) -> None:
    """Where pydantic's own words showed through they read `uRL input should be a string or URL` (its capital
    lowered) or `unable to parse string as an integer`; an empty language name and an `og_locale` that is no
    locale were taken as they were (an outside tester's findings)."""
    _, problems = validate_settings(settings_document(**({"languages": {"ar": {"name": "العربية"}}} | more)))
    (problem,) = problems
    assert problem.field == field and f"{problem.message} ({problem.hint})".startswith(said), problem
