"""An explainer's former addresses (`former_slugs`): at each, in each language, a page that sends readers on.

Why. A slug changed after publication moved the explainer, and its old address, in every shared link and
search engine, answered "not found" (an outside tester's finding). Why a page and not a host's redirect rule:
`site/` is plain files for any host, at its root or under a sub-path, and a page works on all of them with
nothing to configure. It sends the browser on at once (`refresh`), names the new address as canonical (which
search engines take as a permanent move), shows the explainer's link preview, and is not indexed; its heading
links there too, for a browser that does not follow it. Not in lists, feeds, the sitemap or search: only the
explainer's own page is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from markupsafe import Markup

from . import urls
from .frame import Frame, Page
from .model import Explainer
from .plain_text import plain_in_order


@dataclass(frozen=True)
class MovedView:
    """Where the explainer is now, as a link from the old address, and its title."""

    href: str
    title: Markup


def moved_pages(frame: Frame, explainer: Explainer, shown: Page) -> list[tuple[Page, MovedView]]:
    """A page at each former address of the explainer in `frame`'s language, whose page there is `shown`.

    Each has that page's description and link preview (its card, title and address: a site that reads a shared
    link's preview does not follow a refresh, and previews of links shared before the move were a bare title,
    an outside tester's), without its structured data, which is the article's own page's."""
    title = frame.inline(explainer.title)
    target = urls.explainer(frame.code, explainer.slug)
    social = dataclasses.replace(shown.social, json_ld=None) if shown.social else None
    found = []
    for slug in explainer.former_slugs:
        page = frame.page(
            urls.explainer(frame.code, slug),
            "moved.html",
            plain_in_order(title),
            shown.description,
            None,
            switches=False,
        )
        page = dataclasses.replace(page, canonical=page.link.absolute(target), social=social)
        found.append((page, MovedView(page.link(target), title)))
    return found
