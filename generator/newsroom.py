"""What makes an explainer a news product rather than a document: who wrote it (authors, kept once in
content/authors.yml), what changed and why (dated updates and corrections), and the few figures a reader
should take away (key figures, each with who says so).

Kept apart from `model` so the explainer's own structure stays readable; `model.Explainer` names these.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import Field, field_validator

from .fields import NewsDay, Slug, StrictModel, Text, WebAddress, digits_named, first_repeated
from .text_kinds import Line
from .text_rules import MERGE_MARKER

# A key figure is short: a number with its sign or unit symbol (`2,946`, `5.5%`, `$11.7bn`, `1991`).
KEY_FIGURE_LENGTH = 12


class Author(StrictModel):
    """Someone an explainer is credited to: a journalist, or a desk when no one person wrote it."""

    id: Slug = Field(description="A short name explainers list under `authors`, e.g. `explainers-desk`.")
    name: Text = Field(description="The name as the byline shows it.")
    in_byline: Line | None = Field(
        default=None,
        description="The name as it reads inside the byline's sentence, where a language writes it otherwise there:"
        " French's `la rédaction` (« Par Nadia Amrani et la rédaction ») for the desk named `La rédaction`. Left out,"
        " `name`.",
    )
    role: Text | None = Field(default=None, description="Their job, e.g. Middle East correspondent.")
    kind: Literal["person", "desk"] = Field(
        default="person",
        description="`person` for a journalist; `desk` for a team credited as one (structured data calls it "
        "an organisation).",
    )
    url: WebAddress | None = Field(default=None, description="A page about them (a profile, an author page), if any.")


class Authors(StrictModel):
    """content/authors.yml: everyone explainers can be credited to, each written once."""

    authors: list[Author] = Field(default=[], description="The newsroom's authors and desks.")

    @field_validator("authors")
    @classmethod
    def _unique_ids(cls, authors: list[Author]) -> list[Author]:
        if (repeated := first_repeated([author.id for author in authors])) is not None:
            raise ValueError(f"lists the id `{repeated}` twice; give each author their own id")
        return authors


class Update(StrictModel):
    """A dated change to a published explainer, said to readers: a new development, or a correction."""

    date: NewsDay = Field(description="The day of the change, as YYYY-MM-DD; the latest is the explainer's `updated`.")
    kind: Literal["update", "correction"] = Field(
        description="`update` for new information; `correction` when something published was wrong."
    )
    text: Text = Field(description="What changed and why, in a sentence or two.")


# Arabic decimal and group separators and per cent sign, as a key figure is typed (0–9 . , %): `٣٫٥٪` was to be
# written `3.5٪`, which the English page then showed, Arabic sign and all (an outside tester's).
_SEPARATORS = {"٫": ".", "٬": ",", "٪": "%"}


class KeyFigure(StrictModel):
    """One number a reader should take away, with what it counts and who says so."""

    value: str = Field(
        max_length=KEY_FIGURE_LENGTH,
        description="The number as written in the source, with its sign or symbol: `1991`, `2,946`, `5.5%`. "
        "Shown in each language's digits, and as written on every language's page: words go in `label`.",
    )
    label: Text = Field(description="What it counts, in a few words, e.g. Kim's first meeting with Putin.")
    said_by: Slug | None = Field(
        default=None, description="The `id` of the voice it comes from; without one it is the source article's."
    )

    @field_validator("value")
    @classmethod
    def _a_number(cls, value: str) -> str:
        if not any(character.isdigit() or _fraction(character) for character in value):  # (`¾` is a number)
            raise ValueError("has no digits; a key figure is a number (its meaning goes in `label`)")
        # One value for every language, shown in each one's digits: typed in Arabic-Indic ones, `٤٠٠` reached the
        # English page as it was (an outside tester's); a date is refused so too.
        # (Another system's digits are decimal ones: a power's `⁹` or a formula's `₂` is no such digit, and `int`
        # could not read it, an outside tester's `10⁻⁹` refused with Python's own words.)
        if any((char.isdecimal() and not char.isascii()) or char in _SEPARATORS for char in value):
            western = "".join(
                str(int(c)) if c.isdecimal() and not c.isascii() else _SEPARATORS.get(c, c) for c in value
            )
            raise ValueError(f"is written with {digits_named(value)}; type the digits 0–9 and . , %: write {western}")
        if MERGE_MARKER.search(value):  # (`3 ======= 4` was published: an outside tester's)
            raise ValueError("holds a merge conflict's marker between two versions: keep the one you want")
        return value


def _fraction(character: str) -> bool:
    """A vulgar fraction (`½`, `¾`, `⅓`): a number, though no digit (an outside tester's `¾` was refused)."""
    return unicodedata.name(character, "").startswith("VULGAR FRACTION")
