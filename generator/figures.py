"""Pictures on a page: the `<picture>` a figure becomes, its sources linked from the page, its words rendered.

The lead picture is the page's largest paint, so it loads at once (`fetchpriority="high"`); the others wait
until the reader scrolls near them (`loading="lazy"`). Every `<img>` has its width and height, so nothing
moves when it arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .frame import Frame
from .markup import plain
from .media import Picture
from .model import Figure

# How wide a picture is shown: the reading column (42rem, as the stylesheet's --measure), or the screen.
SIZES = "(min-width: 46rem) 42rem, 100vw"
# A picture twice as tall as wide or more (an infographic, not a phone's upright photo) links to its widest
# variant: drawn whole within 80% of the window, a 1080×4000 one's 44-pixel text was 7 pixels tall on a phone,
# with no way to open it (an outside tester's).
TALL = 2


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
    full: str | None = None  # a tall picture's widest variant, or a map's drawing, which the picture links to


def _sizes(width: int, height: int) -> str:
    """How wide the picture is drawn: a picture taller than wide is drawn whole within 80% of the window's height
    (the stylesheet's `max-block-size: 80vh`), narrower than the column, and Chromium fetched the 800-pixel
    variant of a 1000×9000 picture it drew 80 pixels wide (an outside tester's)."""
    if height <= width:
        return SIZES
    shown = f"{80 * width / height:.2f}vh"
    return f"(min-width: 46rem) min(42rem, {shown}), min(100vw, {shown})"


_LABEL_APART = re.compile(r" +(?=\{credit\})")


def figure_view(frame: Frame, link: urls.Linker, figure: Figure, picture: Picture, lead: bool) -> FigureView:
    """A figure in the page's language, its files linked from the page at `link`; its credit says what kind of
    picture it is (`Map: Natural Earth`, `Graphic: Reuters`, `Photo: Reuters`), so the editor writes only the name."""
    strings = frame.strings
    graphic = figure.kind == "graphic" and strings.graphic_credit  # (a chart was credited "Photo:": a reader's)
    credit_label = strings.map_credit if figure.map else graphic or strings.photo_credit
    sources = tuple(
        (source.type, ", ".join(f"{link(path)} {width}w" for path, width in source.srcset))
        for source in picture.sources
    )
    variants = [entry for source in picture.sources[-1:] for entry in source.srcset]  # (WebP's; a map has none)
    widest = max(variants, key=lambda entry: entry[1], default=None)
    src = link(dict(picture.localized).get(frame.code, picture.fallback))
    # A map opens alone, as drawn (1,200 px): its names were some 8 px on a phone, and nothing to tap (a reader's).
    full = src if figure.map else link(widest[0]) if widest and picture.height > picture.width * TALL else None
    return FigureView(
        sources=sources,
        src=src,
        width=picture.width,
        height=picture.height,
        alt=plain(frame.inline(figure.alt)),
        caption=frame.inline(figure.caption) if figure.caption else None,
        # The label is kept with the credit's first word (`صورة:` ended a phone's line, the agency on the next: an
        # outside tester's), as a no-break space keeps them.
        credit=escape(_LABEL_APART.sub("\u00a0", credit_label)).format(credit=frame.inline(figure.credit)),
        lead=lead,
        sizes=_sizes(picture.width, picture.height),
        full=full,
    )
