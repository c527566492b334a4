"""Pictures on a page: the `<picture>` a figure becomes, its sources linked from the page, its words rendered.

The lead picture is the page's largest paint, so it loads at once (`fetchpriority="high"`); the others wait
until the reader scrolls near them (`loading="lazy"`). Every `<img>` has its width and height, so nothing
moves when it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .frame import Frame
from .markup import plain
from .media import Picture
from .model import Figure

# How wide a picture is shown: the reading column (42rem, as the stylesheet's --measure), or the screen.
SIZES = "(min-width: 46rem) 42rem, 100vw"


@dataclass(frozen=True)
class FigureView:
    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset linked from the page)
    src: str  # the fallback, linked from the page
    width: int
    height: int
    alt: str
    caption: Markup | None
    credit: Markup
    lead: bool
    sizes: str = SIZES


def figure_view(frame: Frame, link: urls.Linker, figure: Figure, picture: Picture, lead: bool) -> FigureView:
    """A figure in the page's language, its files linked from the page at `link`; its credit says what kind of
    picture it is (`Map: Natural Earth`, `Photo: Reuters`), so the editor writes only the name."""
    credit_label = frame.strings.map_credit if figure.map else frame.strings.photo_credit
    sources = tuple(
        (source.type, ", ".join(f"{link(path)} {width}w" for path, width in source.srcset))
        for source in picture.sources
    )
    return FigureView(
        sources=sources,
        src=link(dict(picture.localized).get(frame.code, picture.fallback)),
        width=picture.width,
        height=picture.height,
        alt=plain(frame.inline(figure.alt)),
        caption=frame.inline(figure.caption) if figure.caption else None,
        credit=escape(credit_label).format(credit=frame.inline(figure.credit)),
        lead=lead,
    )
