"""schema.org JSON-LD for an explainer page: what search engines read of it, in the page's language.

Kept apart from the frame (which prints it) because it is a format of its own, checked against schema.org's
types by tests/test_metadata.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .fields import Text
from .markup import for_language
from .model import Explainer, SourceArticle
from .newsroom import Author
from .plain_text import plain_in_order
from .settings import Content, Language

# schema.org's type for an article that explains the background of a news story.
EXPLAINER_TYPE = "BackgroundNewsArticle"


@dataclass(frozen=True)
class ShareImage:
    """The picture a link preview shows (the share card): where, how large, and what it says."""

    url: str
    width: int
    height: int
    alt: str


def explainer_json_ld(
    explainer: Explainer,
    code: str,
    others: list[str],
    addresses: dict[str, str],
    words: tuple[str, str, str, str],
    image: ShareImage | None,
    shown: Callable[[Text], str],
    content: Content,
) -> Markup:
    """A BackgroundNewsArticle in language `code`, linked to its versions in the `others`; `words` are its
    headline, description and the site's name and home address in that language, and `shown` gives any other
    text as the page shows it, as plain text: the editor's Markdown and HTML references read (`AT&amp;T` was in
    the data as written where the page shows `AT&T`, an outside tester's import).

    The version in the source article's language is the original work, every other one a translation of
    it (`workTranslation` / `translationOfWork`), as schema.org models editions in several languages. Its
    `authors` (the site's, by id) give `author`: a Person, or an Organization for a desk; each correction
    is a `CorrectionComment` under `correction`, as schema.org asks news publishers to mark them. Without a
    byline the publisher, the newsroom at its `home` address, is the author: Google's article data asks for one,
    and an explainer without `authors` read as anonymous (an outside tester's). A source article's headline is
    its own, in its language as the page in that language shows it, not the page's translation of it tagged
    with the source's language (an outside tester's)."""
    headline, description, site_name, home = words

    def version(language: str) -> dict[str, str]:
        return {"@type": EXPLAINER_TYPE, "@id": addresses[language], "url": addresses[language], "inLanguage": language}

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": EXPLAINER_TYPE,
        "@id": addresses[code],
        "url": addresses[code],
        "mainEntityOfPage": addresses[code],
        "headline": headline,
        "description": description,
        "inLanguage": code,
        "datePublished": explainer.published.isoformat(),
        "dateModified": (explainer.updated or explainer.published).isoformat(),
        "publisher": {"@type": "Organization", "name": site_name, "url": home},
        "isBasedOn": [_source(source, shown, content.languages) for source in (explainer.source, *explainer.sources)],
    }
    credited = {author.id: author for author in content.authors}
    bylines = [_author(credited[author_id], shown) for author_id in explainer.authors]
    data["author"] = bylines or [data["publisher"]]
    corrections = [
        {"@type": "CorrectionComment", "text": shown(item.text), "datePublished": item.date.isoformat()}
        for item in explainer.updates
        if item.kind == "correction"
    ]
    if corrections:
        data["correction"] = corrections
    if image is not None:
        data["image"] = {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}
    if code == explainer.source.language:
        translations = [version(other) for other in others]
        data["workTranslation"] = translations[0] if len(translations) == 1 else translations
    elif explainer.source.language in addresses:  # (a source in another language has no original among them)
        data["translationOfWork"] = version(explainer.source.language)
    return json_ld(data)


def _author(author: Author, shown: Callable[[Text], str]) -> dict[str, Any]:
    """A byline's author: a journalist as a Person (with their job), a desk as an Organization."""
    data: dict[str, Any] = {"@type": "Organization" if author.kind == "desk" else "Person", "name": shown(author.name)}
    if author.role and author.kind == "person":
        data["jobTitle"] = shown(author.role)
    if author.url:
        data["url"] = str(author.url)
    return data


def _source(source: SourceArticle, shown: Callable[[Text], str], languages: tuple[Language, ...]) -> dict[str, Any]:
    """An article the explainer is based on: its headline in its own language, as that language's page shows it;
    one in a language the site has not is known by the page's translation of its headline alone, which is not
    its headline (`alternativeHeadline`)."""
    own = [for_language(language, languages) for language in languages if language.code == source.language]
    headline = plain_in_order(own[0].inline(source.title[source.language])) if own else None
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        **({"headline": headline} if headline is not None else {"alternativeHeadline": shown(source.title)}),
        "inLanguage": source.language,
        "datePublished": source.date.isoformat(),
    }
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": shown(source.publisher)}
    if source.url:
        data["url"] = str(source.url)
    return data


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">`; `<` is escaped so no text can close the element.
    Compact: an indented dump takes json's pure-Python encoder, a third of building an explainer's page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
