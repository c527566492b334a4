"""The frame of a page, in-process: alternates, switches and sharing metadata follow the site's languages."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from conftest import REPO, SEED_SLUG, load_explainer, site_languages

from generator import urls
from generator.frame import Frame, SiteAssets, alternates
from generator.interface_strings import InterfaceStrings
from generator.listing import Listing, newest_first
from generator.load import load
from generator.project import Project
from generator.settings import Content, SiteSettings

TRILINGUAL = REPO / "examples" / "trilingual"


@pytest.fixture(scope="module")
def content() -> Content:
    """The trilingual example's settings and strings (Arabic, English, French)."""
    settings = SiteSettings.model_validate(load(TRILINGUAL / "content" / "site.yml").data)
    strings = {code: load(TRILINGUAL / "content" / "strings" / f"{code}.yml").data for code in settings.languages}
    return Content(settings, {code: InterfaceStrings.model_validate(data) for code, data in strings.items()})


def test_alternates_name_every_language_then_x_default(content: Content) -> None:
    link = urls.Linker("https://e.org/", "fr/")
    found = alternates(link, content.languages, urls.topics, "ar")
    assert [(item.hreflang, item.href) for item in found] == [
        ("ar", "https://e.org/ar/topics/"),
        ("en", "https://e.org/en/topics/"),
        ("fr", "https://e.org/fr/topics/"),
        ("x-default", "https://e.org/ar/topics/"),
    ]
    homes = alternates(link, content.languages, urls.home, "ar")  # the homes' x-default is the root chooser
    assert [(item.hreflang, item.href) for item in homes][-1] == ("x-default", "https://e.org/")


def test_a_page_switches_to_every_other_language_in_its_own_words(content: Content) -> None:
    french = Frame(content, content.language("fr"), SiteAssets("assets/style.css"))
    page = french.page("fr/topics/", "topics.html", "Topics", "All topics", urls.topics)
    assert [(switch.lang, switch.dir, switch.label, switch.href) for switch in page.switches] == [
        ("ar", "rtl", "اقرأ بالعربية", "../../ar/topics/"),
        ("en", "ltr", "Read in English", "../../en/topics/"),
    ]
    assert page.social is not None and page.social.locale_alternates == ("ar_AR", "en_US")
    alone = french.page("fr/404.html", "404.html", "Not found", "Not found", None)
    assert alone.switches == () and alone.alternates == () and alone.social is None


def test_a_404_switches_to_the_other_homes_and_names_no_alternates(content: Content) -> None:
    """A reader sent to the Arabic 404 may not read Arabic: its switches lead to the other languages' homes,
    root-relative as every link of a 404 (served at any address); it is no page's translation."""
    french = Frame(content, content.language("fr"), SiteAssets("assets/style.css"))
    missing = french.page("fr/404.html", "404.html", "Not found", "Not found", urls.home)
    base = urlsplit(str(content.settings.site_url)).path  # the site's sub-path, `/trilingual/`
    assert [(switch.lang, switch.href) for switch in missing.switches] == [("ar", f"{base}ar/"), ("en", f"{base}en/")]
    assert missing.alternates == () and missing.social is None and missing.canonical is None


def test_json_ld_makes_the_source_language_version_the_original(content: Content) -> None:
    explainer = load_explainer(Project(TRILINGUAL), SEED_SLUG)
    for code, key in (("ar", "workTranslation"), ("fr", "translationOfWork")):
        frame = Frame(content, content.language(code), SiteAssets("assets/style.css"))
        social = frame._social(urls.Linker("https://e.org/", f"{code}/x/"), "T", "D", explainer)
        data = json.loads(str(social.json_ld))
        assert key in data and data["inLanguage"] == code
        if code == "ar":
            assert [version["inLanguage"] for version in data["workTranslation"]] == ["en", "fr"]
        else:
            assert data["translationOfWork"]["inLanguage"] == "ar"


def test_lists_are_newest_first_then_by_slug() -> None:
    def listing(slug: str, day: int) -> Listing:
        return Listing(slug, dt.date(2024, 1, day), None, (), {}, {}, {})

    ordered = newest_first([listing("b", 1), listing("a", 2), listing("c", 2)])
    assert [item.slug for item in ordered] == ["c", "a", "b"]


def test_the_repository_languages_are_arabic_then_english() -> None:
    assert [(language.code, language.direction) for language in site_languages()] == [("ar", "rtl"), ("en", "ltr")]
