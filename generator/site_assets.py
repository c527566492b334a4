"""What every page links to from templates/assets: content-hashed names, the favicon.ico made from the touch
icon, and the site's colours read from its stylesheet for what CSS does not paint (the browser's theme
colour). The stylesheet stays the one place a newsroom sets its colours, and the icons are its to replace."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from .frame import SiteAssets
from .hashing import hashed_name

ICON = "assets/icon.svg"  # the favicon every page declares (scalable, so one file serves every size)
TOUCH_ICON = "assets/touch-icon.png"  # 180 px, for home screens; also made into /favicon.ico

_ROOT = re.compile(r":root\s*\{([^}]*)\}")
_DARK = re.compile(r"@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{\s*:root\s*\{([^}]*)\}")
_PROPERTY = re.compile(r"--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;")


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


def read_palette(css: str) -> Palette:
    """The hex colours the stylesheet declares on `:root`, and those its dark scheme overrides."""
    light = _ROOT.search(css)
    dark = _DARK.search(css)
    colours = {name: value.lower() for name, value in _PROPERTY.findall(light.group(1))} if light else {}
    dark_colours = {name: value.lower() for name, value in _PROPERTY.findall(dark.group(1))} if dark else {}
    return Palette(colours, {**colours, **dark_colours})


def favicon(touch_icon: bytes) -> bytes:
    """/favicon.ico, for the clients that ask the root for it whatever a page declares (Pillow writes ICO)."""
    from PIL import Image  # only a site with a touch icon needs it

    output = io.BytesIO()
    Image.open(io.BytesIO(touch_icon)).save(output, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return output.getvalue()


def site_assets(assets: dict[str, bytes], fonts_css: str | None) -> tuple[dict[str, bytes], SiteAssets, Palette]:
    """The files of templates/assets under content-hashed names (and /favicon.ico), those of templates/static
    as they are, and what pages link to."""
    names = {name: hashed_name(name, data) if name.startswith("assets/") else name for name, data in assets.items()}
    outputs = {names[name]: data for name, data in assets.items()}
    stylesheet = next(name for name in names if name.startswith("assets/") and name.endswith(".css"))
    if TOUCH_ICON in assets:
        outputs["favicon.ico"] = favicon(assets[TOUCH_ICON])
    palette = read_palette(assets[stylesheet].decode("utf-8"))
    linked = SiteAssets(names[stylesheet], names.get(ICON), names.get(TOUCH_ICON), fonts_css, palette.theme())
    return outputs, linked, palette
