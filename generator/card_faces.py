"""Which font a share card draws each character in: the language's faces, then the machine's, as a browser does.

A card is drawn with its language's list of faces (Noto Naskh Arabic has no Latin letters or ASCII digits,
Noto Sans no Arabic), as CSS does with a `font-family` list. A letter none of them has (Hebrew, Devanagari,
Korean in an Arabic title) is looked for among the fonts installed on the machine, through fontconfig, as a
browser's last resort is: one question per character, asked only for characters the faces lack, and
answered the same way on machines with the same fonts (Noto Sans first, bold, by file path). A character
no installed font has is left out rather than drawn as an empty box: a symbol (an emoji) silently, a letter
or digit with a problem for the editor (`undrawable`), since a word would be missing from the card.

Characters are assigned their font by grapheme cluster, a base and the marks on it: a mark goes with its
base's font, and with it when the base is left out, so no mark is drawn alone in a gap or sets the script
of the run it lands in (a Thaana vowel sign leading an Arabic run kept HarfBuzz from joining it).
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from . import glyphs
from .bidi import opposite_runs
from .problems import ContentError, Problem

# The faces cards are drawn with, by the script of the language's letters, each followed by the others for
# characters it lacks; Debian's fonts-noto-core has them (`make site` installs it).
FACES = {"ARABIC": "Noto Naskh Arabic", "LATIN": "Noto Sans"}
# COMBINING ENCLOSING KEYCAP: with U+FE0F, an emoji (`1️⃣`); drawn by a text face, it sat on the next word.
KEYCAP = "\u20e3"
# What draws nothing of its own, whatever font it is shaped in: HarfBuzz hides these (joiners, direction
# marks, variation selectors), so they are never a reason to look for another font.
IGNORABLE = frozenset([*range(0x200B, 0x2010), *range(0x2060, 0x2070), *range(0xFE00, 0xFE10), 0xFEFF, 0x034F])


@cache
def face_file(family: str) -> str | None:
    """The bold file of an installed family, as fontconfig finds it; None when the family is not installed
    (fontconfig would answer with some other face, which would draw the wrong letters)."""
    try:
        answer = subprocess.run(
            ["fc-match", f"{family}:bold", "--format=%{family}\t%{file}"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found, _, path = answer.partition("\t")
    return path if family in found.split(",") else None


def card_fonts(script: str, own: bytes | None = None) -> tuple[str, ...]:
    """The fonts a language's cards use: its own face when site.yml names one, the installed face of its
    script, then the others for what those lack."""
    families = [FACES.get(script, FACES["LATIN"]), *FACES.values()]
    files: list[str] = [glyphs.register(own)] if own else []
    for family in dict.fromkeys(families):
        path = face_file(family)
        if path is None:
            hint = "install Debian's fonts-noto-core (`make site` does), or name a `font:` for the language"
            need = f"share cards need the font {family}"
            raise ContentError([Problem(Path("content/site.yml"), 1, 1, "languages", need, hint)])
        files.append(path)
    return tuple(dict.fromkeys(files))


@cache
def installed(characters: str) -> str | None:
    """An installed outline font (no colour bitmaps: FreeType cannot scale them) with every one of the
    characters; None when there is none. Of several, the one a sans-serif bold title wants, the same one
    on every machine with the same fonts: Noto Sans before other Noto before the rest, bold, upright,
    normal width, then by file path."""
    charset = " ".join(f"{ord(character):x}" for character in characters)
    try:
        answer = subprocess.run(
            [
                "fc-list",
                f":outline=true:charset={charset}",
                "--format=%{family[0]}\t%{weight}\t%{slant}\t%{width}\t%{index}\t%{file}\n",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = []
    for row in answer.splitlines():
        try:  # a variable font's whole-font pattern gives ranges (`weight: [0 210]`): not a face to choose
            family, weight, slant, width, index, path = row.split("\t")
            noto = (not family.startswith("Noto Sans"), not family.startswith("Noto"))
            rank = (*noto, abs(float(weight) - 200), float(slant), abs(float(width) - 100))
        except ValueError:
            continue
        if index == "0" and path.endswith((".ttf", ".otf")):  # HarfBuzz and FreeType read a collection's first
            found.append((*rank, path))
    return min(found)[-1] if found else None


def clusters(text: str) -> list[str]:
    """The text as grapheme clusters, as far as cards need them: a base with the marks, joiners and
    variation selectors that follow it (and what a zero-width joiner joins), the units lines may break
    between and fonts are chosen for (UAX #29, without its Hangul jamo and regional-indicator rules)."""
    found: list[str] = []
    for character in text:
        if found and (_attached(character) or found[-1][-1] == "\u200d"):
            found[-1] += character
        else:
            found.append(character)
    return found


def _attached(character: str) -> bool:
    return unicodedata.category(character)[0] == "M" or character in "\u200c\u200d" or ord(character) in IGNORABLE


@lru_cache(maxsize=4096)
def font_for(character: str, fonts: tuple[str, ...]) -> str | None:
    """The first face with a glyph for the character, else an installed font with one; None when no font
    has it (an emoji: left out). Spaces and format characters go to the shaper whatever: HarfBuzz draws a
    space a face lacks as its plain space, and hides the rest."""
    found = next((font for font in fonts if ord(character) in glyphs.face(font).coverage), None)
    if found or unicodedata.category(character)[0] in "CZ":
        return found or fonts[0]
    return installed(character)


@lru_cache(maxsize=1024)
def assigned(text: str, fonts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each character drawn, with its font: a cluster in the first face (or installed font) that has all of
    it, else in its base's font with each mark in its own; a cluster whose base no font has is left out,
    marks and all, and so is a mark no font has."""
    found: list[tuple[str, str]] = []
    for cluster in clusters(text):
        cluster = cluster.replace(KEYCAP, "")  # an emoji's frame: the digit stays (`1️⃣` is 1; the frame hid it)
        base = font_for(cluster[0], fonts) if cluster else None
        if base is None:
            continue
        drawn = [character for character in cluster[1:] if ord(character) not in IGNORABLE]
        if drawn and not _has(base, drawn):
            whole = next((font for font in fonts if _has(font, cluster[:1] + "".join(drawn))), None)
            base = whole or installed(cluster[0] + "".join(drawn)) or base
        own = [(char, base if n == 0 or ord(char) in IGNORABLE or _has(base, char) else font_for(char, fonts))
               for n, char in enumerate(cluster)]  # fmt: skip
        if "\u200d" in cluster and any(font is None for _, font in own):
            continue  # an emoji sequence drawn in part says something else (`🏳️‍🌈` drawn as a white flag)
        found += [(char, font) for char, font in own if font is not None]
    return tuple(found)


@lru_cache(maxsize=1024)
def as_the_page(text: str, rtl: bool, fonts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`assigned`, with each run the page sets apart in the other direction and a language of its own (a
    `<bdi lang="en">` holding a letter: `38.5°C`, `$27.6bn`) drawn in that language's faces first, as the page's
    `:lang()` font stacks draw it: an Arabic card drew the `.` of `38.5°C` in the Arabic face, low and slanted,
    reading as `38,5` where the page showed a Latin full stop (an outside tester's)."""
    runs = [run for run in opposite_runs(text, 1 if rtl else 0) if any(char.isalpha() for char in text[slice(*run)])]
    found: list[tuple[str, str]] = []
    at = 0
    for start, end in runs:
        letter = ord(next(char for char in text[start:end] if char.isalpha()))
        own = tuple(sorted(fonts, key=lambda font: letter not in glyphs.face(font).coverage))  # (stable)
        found += assigned(text[at:start], fonts) + assigned(text[start:end], own)
        at = end
    return tuple(found) + assigned(text[at:], fonts)


@cache
def _coverage(fonts: tuple[str, ...]) -> frozenset[int]:
    return frozenset().union(*(glyphs.face(font).coverage for font in fonts))


def _has(font: str, characters: str | list[str]) -> bool:
    return glyphs.face(font).coverage.issuperset(map(ord, characters))


def fallbacks(text: str, fonts: tuple[str, ...]) -> list[str]:
    """The installed fonts, beyond the faces, that drawing the text takes: a card is kept by them too."""
    if _coverage(fonts).issuperset(map(ord, text)):  # the usual: the faces have every character
        return []
    return sorted({font for _, font in assigned(text, fonts) if font not in fonts})


def undrawable(text: str, fonts: tuple[str, ...]) -> str:
    """The letters and digits of the text no font on this machine has, which a card would leave out (a
    word missing from a title); symbols (emoji) are left out without a word said, as pages show them."""
    if _coverage(fonts).issuperset(map(ord, text)):  # the usual: asked of every title, in every check
        return ""
    lacking = (cluster for cluster in clusters(text) if font_for(cluster[0], fonts) is None)
    return "".join(cluster[0] for cluster in lacking if unicodedata.category(cluster[0])[0] in "LN")
