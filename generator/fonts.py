"""Optional web fonts, cut down to the characters the site actually shows.

By default the site uses each reader's system fonts and ships no font bytes at all. A newsroom that
wants its own face names a font file per language in site.yml; the build then keeps only the glyphs the
pages of that language use (fontTools, with the shaping tables Arabic needs for joined letters), ships
it as WOFF2 with a content-hashed name, and declares it with `unicode-range` and `font-display: swap`
so text shows at once in the fallback font and nothing is downloaded for characters a page lacks.
"""

from __future__ import annotations

import calendar
import io
import os
from dataclasses import dataclass

from babel import Locale

from .hashing import hashed_name
from .settings import Content, Language

FONTS_STYLESHEET = "fonts.css"  # not content-hashed: its name stays while the subsets change
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬"


@dataclass(frozen=True)
class WebFont:
    family: str
    language: str
    filename: str  # site path, content-hashed
    data: bytes
    unicode_range: str


def family_name(code: str) -> str:
    """The CSS family name of a language's web font: a fixed token, never editor text, so no title can
    end the declaration it is written into (`"; color: transparent`) or call another host with `url()`."""
    return f"explainers-web-{code}"


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that nothing in it can end.

    CSS ends a string at its quote or a newline, and a backslash starts an escape; those, every control or
    invisible character, and `<` (a `</style>` if the rule is ever inlined) are written as hex escapes,
    each followed by the space that ends one (CSS Syntax 3, "consume an escaped code point")."""
    escaped = "".join(
        f"\\{ord(character):x} " if character in '"\\<' or not character.isprintable() else character
        for character in text
    )
    return f'"{escaped}"'


def characters_of(html_texts: list[str]) -> set[str]:
    """Every character a set of pages shows (markup included: it is a superset, which is safe)."""
    return {character for text in html_texts for character in text if character.isprintable()}


# Fonts count seconds from 1904; `head.modified` is set from this so two builds give the same bytes.
FONT_EPOCH = calendar.timegm((1904, 1, 1, 0, 0, 0, 0, 0, 0))


def build_time() -> int:
    """Seconds since 1970 to stamp into generated files: SOURCE_DATE_EPOCH (the reproducible-builds
    convention) when it is a whole number, else 0, never the clock, so every build of a project is identical."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isascii() and value.isdigit() else 0


def subset_woff2(font: bytes, characters: set[str]) -> bytes:
    """The font with only these characters' glyphs (and what shaping them needs), as WOFF2.

    fontTools stamps `head.modified` with the clock when it saves; the stamp is set from `build_time`
    instead, so web fonts are byte-identical from build to build. (fontTools is imported here, not with the
    module: most sites name no web font, and every command would pay its tenth of a second to start.)"""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic joining forms, ligatures and marks live in these tables
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(character) for character in characters})
    parsed = TTFont(io.BytesIO(font), recalcTimestamp=False)
    subsetter.subset(parsed)
    parsed["head"].modified = build_time() - FONT_EPOCH
    output = io.BytesIO()
    parsed.flavor = "woff2"
    parsed.save(output, reorderTables=False)
    return output.getvalue()


def covered(font: bytes) -> set[str]:
    """The characters a font (of any flavour) has glyphs for."""
    from fontTools.ttLib import TTFont

    return {chr(code) for code in TTFont(io.BytesIO(font)).getBestCmap()}


def unicode_range(characters: set[str]) -> str:
    """A CSS `unicode-range` listing the characters, as ranges where they run on."""
    codes = sorted(ord(character) for character in characters)
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ", ".join(f"U+{start:X}" if start == end else f"U+{start:X}-{end:X}" for start, end in ranges)


def font_face(font: WebFont, href: str) -> str:
    """The @font-face rule for a subset font, scoped to its language's pages by the family name."""
    return (
        f'@font-face {{ font-family: {css_string(font.family)}; src: url({css_string(href)}) format("woff2"); '
        f"font-display: swap; unicode-range: {font.unicode_range}; }}"
    )


def stack(language: Language) -> str:
    """The stylesheet's system-font stack a language's web font falls back to: by the script it is written in."""
    return "arabic" if language.script == "ARABIC" else "latin"


def month_names(locale: str) -> list[str]:
    """Every month and weekday name Babel may print in a language's dates."""
    parsed = Locale.parse(locale)
    return [
        *parsed.months["format"]["wide"].values(),
        *parsed.months["stand-alone"]["wide"].values(),
        *parsed.days["format"]["wide"].values(),
    ]


class WebFonts:
    """The languages' web fonts, each cut to the characters its pages can show, and fonts.css declaring them."""

    def __init__(self, content: Content, fonts: dict[str, bytes], template_text: str) -> None:
        self.fonts = fonts
        self.languages = {language.code: language for language in content.languages}
        # Characters every page of a language may show besides the explainers' own: the interface, topic
        # names, Babel's month names, digits, and whatever the templates spell out.
        self.frame_characters: dict[str, set[str]] = {
            code: characters_of(
                [str(content.strings[code].model_dump()), template_text, DIGITS, *month_names(language.locale)]
            )
            | {character for topic in content.settings.topics for character in topic.name[code]}
            for code, language in self.languages.items()
            if code in fonts
        }

    def characters(self, code: str, explainers: list[str]) -> frozenset[str]:
        """Every character a language's pages can show: the frame's and the explainers' (`explainers`)."""
        return frozenset(self.frame_characters[code].union(*explainers))

    def subset(self, code: str, characters: frozenset[str]) -> tuple[str, bytes]:
        """A language's font cut to the characters its pages can show, as content-hashed WOFF2."""
        data = subset_woff2(self.fonts[code], set(characters))
        return hashed_name(f"assets/fonts/{code}.woff2", data), data

    def stylesheet(self, subsets: dict[str, tuple[str, bytes]]) -> bytes:
        """fonts.css: each subset declared with its unicode-range, and put first in its language's stack."""
        rules = []
        for code, (name, data) in subsets.items():
            family = family_name(code)  # a fixed token: editor text never reaches CSS
            rules.append(font_face(WebFont(family, code, name, data, unicode_range(covered(data))), name))
            rules.append(
                f":lang({code}) {{ font-family: {css_string(family)}, var(--font-{stack(self.languages[code])}); }}"
            )
        return ("\n".join(rules) + "\n").encode("utf-8")
