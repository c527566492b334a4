"""Addresses: where each explainer claims its slug and the slugs it had (`former_slugs`), and the clashes.

A slug is an address in every language (/ar/<slug>/, /en/<slug>/), and a former slug is one too, kept by a page
that sends readers on (moved.py): no two explainers may claim the same, whichever kind each claim is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .document import Document, format_field
from .problems import Problem, shown

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Addresses under each language's folder (/ar/, /en/) that the site's own pages use, which an explainer's
# slug must not take.
RESERVED_SLUGS = frozenset({"page", "topics", "search", "archive"})


def free_slug(slug: str) -> str:
    """The slug, or a ValueError if the site's own pages have that address (the model's check and `new`'s)."""
    if slug in RESERVED_SLUGS:
        raise ValueError(f"`{slug}` is the address of the site's own pages (/ar/{slug}/); choose another slug")
    return slug


@dataclass(frozen=True)
class SlugClaim:
    """Where a file claims a slug (its `slug`, or one of its `former_slugs`), so a clash can be reported
    without parsing the file again."""

    path: Path
    slug: str
    line: int
    col: int
    field: str = "slug"  # `former_slugs[0]`: the field that holds it


Claims = tuple[SlugClaim, ...]  # a file's: its slug, then its former slugs


def slug_claims(document: Document) -> Claims:
    """Where a file claims its address and each it had (`former_slugs`): no other may have any of them. Read
    from the file as written, so a file with other problems still shows its clash (in the same run)."""
    data = document.data if isinstance(document.data, dict) else {}
    listed = data.get("former_slugs")
    former: list[object] = listed if isinstance(listed, list) else []
    at = [(data.get("slug"), ("slug",)), *((old, ("former_slugs", i)) for i, old in enumerate(former))]
    return tuple(
        SlugClaim(document.path, slug, *document.locate(field), format_field(field))
        for slug, field in at
        if isinstance(slug, str) and slug
    )


def check_slugs(claims: list[SlugClaim]) -> list[Problem]:
    """Every explainer needs its own address. Each file claiming a taken slug is told which others claim it:
    which of them keeps it (the published one) is the editor's to say. Telling only the later file by name
    sent an outside tester to change the published explainer's address, its copy being `2023/copy.yml`."""
    counts = Counter(claim.slug for claim in claims)  # only the twice claimed are sorted: 10,000 paths sort slowly
    claimed: dict[str, list[SlugClaim]] = {}
    for claim in sorted((claim for claim in claims if counts[claim.slug] > 1), key=lambda item: item.path):
        claimed.setdefault(claim.slug, []).append(claim)
    hints = {
        "slug": "every explainer needs its own slug: change the one not yet published, whose address no one has",
        "former": "a former slug keeps this explainer's old address, which another has now: remove it here",
    }
    return [
        Problem(claim.path, claim.line, claim.col, claim.field, f"`{slug}` is also {others}", hints[kind])
        for slug, each in claimed.items()
        for claim in each
        if (others := " and ".join(_claim_of(other) for other in each if other.path != claim.path))
        and (kind := "slug" if claim.field == "slug" else "former")
    ]


def clashes(claims: Claims, others: Iterable[Claims]) -> list[Problem]:
    """`check_slugs` for one file's new claims against the other files' (the editor's save, save_check.py): only
    the browser asked it before, and a save sent by any other client took a slug another explainer had, after
    which every build failed (an outside tester's)."""
    slugs, mine = {claim.slug for claim in claims}, {claim.path.resolve() for claim in claims}
    rivals = [other for each in others for other in each if other.slug in slugs and other.path.resolve() not in mine]
    return [problem for problem in check_slugs([*claims, *rivals]) if problem.path.resolve() in mine]


def _claim_of(claim: SlugClaim) -> str:
    """`the slug of content/explainers/x.yml`, or a former slug of it."""
    return f"{'the slug' if claim.field == 'slug' else 'a former slug'} of {shown(claim.path)}"
