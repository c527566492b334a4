"""The URL scheme in-process: where pages live, and links as seen from each page."""

from __future__ import annotations

import pytest

from generator import urls

SITE = "https://news.example.org/explainers/"


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("ar/", "ar/kim/", "kim/"),
        ("ar/kim/", "fr/kim/", "../../fr/kim/"),
        ("ar/page/3/", "ar/", "../../"),
        ("ar/topics/russia/page/2/", "ar/topics/", "../../../"),
        ("", "fa/", "fa/"),
        ("ar/kim/", "ar/kim/", "./"),
        ("ar/kim/", "assets/style.1a2b3c4d5e.css", "../../assets/style.1a2b3c4d5e.css"),
    ],
)
def test_links_are_relative_to_the_page(page: str, target: str, link: str) -> None:
    assert urls.Linker(SITE, page)(target) == link


def test_a_404_page_links_from_the_site_root_whatever_its_address() -> None:
    assert urls.Linker(SITE, "fr/404.html")("fr/", "main") == "/explainers/fr/#main"


def test_absolute_addresses_keep_the_sub_path() -> None:
    linker = urls.Linker(SITE, "ar/")
    assert linker.absolute(urls.explainer("fr", "kim")) == "https://news.example.org/explainers/fr/kim/"
    assert linker.base_path == "/explainers/"


@pytest.mark.parametrize(("total", "size", "pages"), [(0, 20, 1), (20, 20, 1), (21, 20, 2), (1000, 20, 50)])
def test_a_list_has_at_least_one_page(total: int, size: int, pages: int) -> None:
    assert urls.page_count(total, size) == pages


def test_every_address_is_under_its_language_folder() -> None:
    for code in ("ar", "fr", "pt-br"):
        made = [
            urls.home(code, 2),
            urls.topics(code),
            urls.topic(code, "russia", 3),
            urls.explainer(code, "kim"),
            urls.search(code),
            urls.feed(code),
            urls.not_found(code),
        ]
        assert all(address.startswith(f"{code}/") for address in made)
    assert urls.output_path("fr/kim/") == "fr/kim/index.html" and urls.output_path(urls.ROOT) == "index.html"
