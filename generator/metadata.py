"""What search engines and social networks read: Open Graph, Twitter cards and schema.org JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .i18n import LANGUAGES, LanguageCode, other
from .model import Explainer, SourceArticle

# schema.org's type for an article that explains the background of a news story.
EXPLAINER_TYPE = "BackgroundNewsArticle"


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">`; `<` is escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _source(source: SourceArticle, code: LanguageCode) -> dict[str, Any]:
    """The article the explainer is based on, titled in the page's language."""
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": getattr(source.title, code),
        "inLanguage": source.language,
        "datePublished": source.date.isoformat(),
    }
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": getattr(source.publisher, code)}
    if source.url:
        data["url"] = str(source.url)
    return data


def explainer_json_ld(
    explainer: Explainer,
    code: LanguageCode,
    urls: dict[LanguageCode, str],
    headline: str,
    description: str,
    site_name: str,
) -> Markup:
    """A BackgroundNewsArticle in one language, linked to its other-language version.

    The version in the source article's language is the original work; the other is its translation
    (`workTranslation` / `translationOfWork`), as schema.org models bilingual editions.
    """
    target = other(code)
    counterpart = {"@type": EXPLAINER_TYPE, "@id": urls[target], "url": urls[target], "inLanguage": target}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": EXPLAINER_TYPE,
        "@id": urls[code],
        "url": urls[code],
        "mainEntityOfPage": urls[code],
        "headline": headline,
        "description": description,
        "inLanguage": LANGUAGES[code].code,
        "datePublished": explainer.published.isoformat(),
        "dateModified": (explainer.updated or explainer.published).isoformat(),
        "publisher": {"@type": "Organization", "name": site_name},
        "isBasedOn": [_source(source, code) for source in (explainer.source, *explainer.sources)],
    }
    if code == explainer.source.language:
        data["workTranslation"] = counterpart
    else:
        data["translationOfWork"] = counterpart
    return json_ld(data)
