"""What every page links to from templates/assets: content-hashed names, the favicon.ico made from the touch
icon, and the site's colours read from its stylesheet for what CSS does not paint (the browser's theme
colour). The stylesheet stays the one place a newsroom sets its colours, and the icons are its to replace."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .frame import SiteAssets
from .hashing import hashed_name
from .load import decode
from .problems import ContentError, Problem
from .standalone import LETTER_MARK_RULE

ICON = "assets/icon.svg"  # the favicon every page declares (scalable, so one file serves every size)
TOUCH_ICON = "assets/touch-icon.png"  # 180 px, for home screens; also made into /favicon.ico
FAVICON = "favicon.ico"  # made from the touch icon, at the site's root, where clients ask for it

_ROOT = re.compile(r":root\s*\{([^}]*)\}")
# `@media (prefers-color-scheme: dark)`, or `screen and (…)`, as this stylesheet has it (paper stays light).
_DARK = re.compile(r"@media\s*(?:screen\s+and\s*)?\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{\s*:root\s*\{([^}]*)\}")
_MEDIA_ROOT = re.compile(r"@media[^{]*\{\s*:root\s*\{[^}]*\}")  # a `:root` for some media only: dark, print…
_PROPERTY = re.compile(r"--([a-z-]+)\s*:\s*([^;]+?)\s*(?:!important\s*)?(?:;|$)")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# The colours read for what CSS does not paint (share cards, the browser's theme colour).
COLOURS = ("background", "text", "accent", "muted")
# CSS Color 4's `rgb(200 16 46 / 50%)`: the channels as Pillow reads them, the alpha left out (cards are opaque).
_SPACED = re.compile(r"^(rgba?|hsla?)\(\s*([^,/)]+?)\s+([^,/)]+?)\s+([^,/)]+?)\s*(?:/[^)]*)?\)$")


@dataclass(frozen=True)
class Palette:
    """The colour custom properties (`--background`, `--text`, `--accent`…) of the light and dark schemes."""

    light: dict[str, str]
    dark: dict[str, str]

    def card_colours(self) -> tuple[str, str, str, str]:
        """Background, text, accent and muted colours of the light scheme, for the share cards."""
        defaults = {"background": "#ffffff", "text": "#1b1b1b", "accent": "#0b5394", "muted": "#575757"}
        colours = {**defaults, **self.light}
        return colours["background"], colours["text"], colours["accent"], colours["muted"]

    def theme(self) -> tuple[str | None, str | None]:
        """The page background in each scheme: what the browser paints around the page (`theme-color`)."""
        return self.light.get("background"), self.dark.get("background", self.light.get("background"))


def read_palette(css: str, path: Path) -> Palette:
    """The colours the stylesheet declares on `:root`, the later declaration winning as in the cascade, and
    those its dark scheme overrides, as `#rrggbb`. Any notation Pillow reads (`#c8102e`, `rgb(200 16 46)`,
    `hsl(…)`, `crimson`); one it cannot (`var(…)`, `oklch(…)`) is a problem where it is. Only the first
    `:root` was read, hex alone: an outside designer's accent override and `rgb()` colours were left out of
    the share cards without a word."""
    css = _COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), css)  # (its lines kept, for problems)
    darks = list(_DARK.finditer(css))
    inside = [range(*found.span()) for found in _MEDIA_ROOT.finditer(css)]  # (print's is paper's, not the screen's)
    lights = [found for found in _ROOT.finditer(css) if not any(found.start() in span for span in inside)]
    problems: list[Problem] = []
    # The dark scheme as the cascade ends it: a newsroom's `:root` after the stylesheet's dark block wins there too.
    # (Every block is read once for its problems, here; the light scheme's are among them.)
    ordered = sorted([*lights, *darks], key=lambda block: block.start())
    dark = _colours(css, ordered, path, problems)
    light = _colours(css, lights, path, [])
    if problems:
        raise ContentError(problems)
    for scheme, colours in (("light", light), ("dark", dark)):
        if {"text", "background"} <= colours.keys() and (
            ratio := _contrast(colours["text"], colours["background"])
        ) < 4.5:
            line = css.count("\n", 0, ordered[-1].start()) + 1
            message = (
                f"leaves the {scheme} scheme's text {colours['text']} on {colours['background']}, a contrast of "
                f"{ratio:.1f}:1 where readers need 4.5:1"
            )
            hint = (
                "set both schemes' colours: the dark one's in a `@media (prefers-color-scheme: dark) { :root { … } }`"
            )
            problems.append(Problem(path, line, 1, "", message, hint + " after your own `:root`"))
    if problems:  # (a newsroom's background set alone put the dark scheme's light text on it: an outside tester's)
        raise ContentError(problems)
    return Palette(light, dark)


def _contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two `#rrggbb` colours (its relative luminance: a formula, no library needed)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[at : at + 2], 16) / 255 for at in (1, 3, 5)]
        red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colours(css: str, blocks: list[re.Match[str]], path: Path, problems: list[Problem]) -> dict[str, str]:
    """The COLOURS the blocks set, in order (a later one wins), as `#rrggbb`; each unreadable one a problem."""
    from PIL import ImageColor  # (Pillow's colour names and notations; the rest of Pillow is not loaded)

    found: dict[str, str] = {}
    for block in blocks:
        for declared in _PROPERTY.finditer(block.group(1)):
            name, value = declared.groups()
            if name not in COLOURS:
                continue
            try:
                red, green, blue = ImageColor.getrgb(_SPACED.sub(r"\1(\2,\3,\4)", value.strip().lower()))[:3]
            except ValueError:
                line = css.count("\n", 0, block.start(1) + declared.start()) + 1
                message = f"sets --{name} to `{value}`, a colour the share cards and the theme colour cannot read"
                problems.append(Problem(path, line, 1, "", message, "write it as #rrggbb, rgb(…), hsl(…) or a name"))
                continue
            found[name] = f"#{red:02x}{green:02x}{blue:02x}"
    return found


def favicon(touch_icon: bytes, path: Path) -> bytes:
    """/favicon.ico, for the clients that ask the root for it whatever a page declares (Pillow writes ICO); a
    touch icon Pillow cannot read (no picture, or one of millions of pixels) is a problem at `path` (it was
    Pillow's message, naming a `BytesIO` object, or an internal error: an outside tester's)."""
    from PIL import Image  # only a site with a touch icon needs it

    output = io.BytesIO()
    try:
        with Image.open(io.BytesIO(touch_icon)) as icon:
            if icon.width * icon.height > 4096 * 4096:
                raise ValueError("it is larger than 4096 × 4096 pixels")
            icon.save(output, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        why = error if isinstance(error, ValueError) else "it is no picture Pillow can read"
        hint = "make it a PNG of 180 × 180 pixels"
        raise ContentError([Problem(path, 1, 1, "", f"cannot be made into /favicon.ico: {why}", hint)]) from None
    return output.getvalue()


def site_assets(
    assets: dict[str, bytes], fonts_css: str | None, templates: Path
) -> tuple[dict[str, bytes], SiteAssets, Palette]:
    """The files of templates/assets under content-hashed names (and /favicon.ico), those of templates/static
    as they are, and what pages link to."""
    names = {name: hashed_name(name, data) if name.startswith("assets/") else name for name, data in assets.items()}
    outputs = {names[name]: data for name, data in assets.items()}
    stylesheet = urls.STYLESHEET
    if TOUCH_ICON in assets:
        outputs[FAVICON] = favicon(assets[TOUCH_ICON], templates / TOUCH_ICON)
    css = decode(templates / stylesheet, assets[stylesheet])
    palette = read_palette(css, templates / stylesheet)  # (located)
    icons = names.get(ICON), names.get(TOUCH_ICON), FAVICON if FAVICON in outputs else None
    linked = SiteAssets(names[stylesheet], *icons, fonts_css, palette.theme(), LETTER_MARK_RULE in css)
    return outputs, linked, palette
