"""Addresses: where each explainer claims its slug and the slugs it had (`former_slugs`), and the clashes.

A slug is an address in every language (/ar/<slug>/, /en/<slug>/), and a former slug is one too, kept by a page
that sends readers on (moved.py): no two explainers may claim the same, whichever kind each claim is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .model import Explainer
from .problems import Problem, shown


@dataclass(frozen=True)
class SlugClaim:
    """Where a file claims a slug, so a clash can be reported without parsing the file again."""

    path: Path
    slug: str
    line: int
    col: int


def slug_claims(document: Document, explainer: Explainer) -> tuple[SlugClaim, ...]:
    """Where an explainer claims its address and each it had (`former_slugs`): no other may have any of them."""
    at = [(explainer.slug, ("slug",)), *((old, ("former_slugs", i)) for i, old in enumerate(explainer.former_slugs))]
    return tuple(SlugClaim(document.path, slug, *document.locate(field)) for slug, field in at)


def check_slugs(claims: list[SlugClaim]) -> list[Problem]:
    """Every explainer needs its own address. Each file claiming a taken slug is told which others claim it:
    which of them keeps it (the published one) is the editor's to say. Telling only the later file by name
    sent an outside tester to change the published explainer's address, its copy being `2023/copy.yml`."""
    counts = Counter(claim.slug for claim in claims)  # only the twice claimed are sorted: 10,000 paths sort slowly
    claimed: dict[str, list[SlugClaim]] = {}
    for claim in sorted((claim for claim in claims if counts[claim.slug] > 1), key=lambda item: item.path):
        claimed.setdefault(claim.slug, []).append(claim)
    hint = "every explainer needs its own slug: change the one not yet published, whose address no one has"
    return [
        Problem(claim.path, claim.line, claim.col, "slug", f"`{slug}` is also the slug of {others}", hint)
        for slug, each in claimed.items()
        for claim in each
        if (others := " and ".join(shown(other.path) for other in each if other is not claim))
    ]
