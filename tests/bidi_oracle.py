"""The bidi oracle: what order a reader sees, measured in Chromium, page against a hand-marked reference.

A phrase's visual order is its visible units sorted by their on-screen x position: each non-Arabic
character is a unit, each Arabic word is one (ligatures make single Arabic letters unmeasurable);
whitespace and invisible marks are not units. A mirrored character (a bracket, a guillemet) drawn in a
right-to-left run shows its mirror glyph, so it is recorded as that glyph: `(UTC+1)` isolated with its
brackets and `(UTC+1)` with the brackets left in the Arabic run look alike and compare equal.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus" / "mixed_direction.yml"
PAGE_DIRECTION = {"ar": "rtl", "en": "ltr"}
ISOLATE_DIRECTION = {"ar": "ltr", "en": "rtl"}  # the other script's direction, per page language
MARKED = re.compile(r"⟦(.*?)⟧")
# Inside a marked run, ⟪…⟫ brackets a stretch read the page's way again: a figure and its unit read left to right
# inside an Arabic phrase of an English page (`⟦موجة حر ⟪45°C⟫⟧`), an English name in an Arabic quotation there.
NESTED = re.compile(r"⟪(.*?)⟫")


# In a reference only, ⟡ stands for an Arabic letter mark: the numbers after it read as the Arabic page reads
# them, after Arabic words (`«⟦⟡62% مقابل 38%⟧»`: each per cent sign on its figure's left).
LETTER_MARK = "⟡"


def unmarked(marked: str) -> str:
    """A marked phrase as the editor writes it: every mark taken away."""
    return re.sub("[⟦⟧⟪⟫⟡]", "", marked)


# An editor's emphasis and links in a phrase (`*…*`, `**…**`, `[…](https://…)`): they change no order, so the
# reference is the phrase without them (`without_markup`), whatever runs they cut.
_EMPHASIS, _LINK = re.compile(r"\*{1,2}"), re.compile(r"\[([^\]]*)\]\(https?://[^)\s]*\)")


def without_markup(marked: str) -> str:
    """A phrase as the reader sees its characters: its emphasis and links taken away."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", marked))


MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
# Playwright's page is not typed here: the module stays importable without it.
Page = Any


@dataclass(frozen=True)
class Phrase:
    """One hand-marked phrase: `marked` has ⟦…⟧ around each run that reads against the page."""

    id: str
    lang: str  # the page it is written for
    kind: str
    marked: str
    note: str = ""

    @property
    def raw(self) -> str:
        """What the editor writes."""
        return unmarked(self.marked)

    @property
    def reference(self) -> str:
        """The hand marking of what the reader sees (`without_markup`)."""
        return without_markup(self.marked)

    @property
    def tokens(self) -> list[str]:
        return MARKED.findall(self.reference)


def load_corpus() -> list[Phrase]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return [
        Phrase(f"{lang}{index:03d}-{entry['kind']}", lang, entry["kind"], entry["phrase"], entry.get("note", ""))
        for lang in ("ar", "en")
        for index, entry in enumerate(data[lang], start=1)
    ]


def mark_tokens(text: str, tokens: list[str]) -> str:
    """`text` with ⟦…⟧ around every occurrence of the tokens (longest first, never overlapping)."""
    pattern = re.compile("|".join(re.escape(token) for token in sorted(set(tokens), key=len, reverse=True)))
    return pattern.sub(lambda match: f"⟦{match.group()}⟧", text) if tokens else text


def reference_html(marked: str, lang: str) -> str:
    """The raw text, escaped, with exactly the marked runs isolated in the other direction."""
    direction, again = ISOLATE_DIRECTION[lang], PAGE_DIRECTION[lang]
    pieces = MARKED.split(marked)  # even indexes: raw text; odd: marked runs

    def run(piece: str) -> str:
        inner = NESTED.split(piece)
        return "".join(f'<bdi dir="{again}">{html.escape(part)}</bdi>' if i % 2 else html.escape(part)
                       for i, part in enumerate(inner)).replace(LETTER_MARK, "\u061c")  # fmt: skip

    return "".join(
        f'<bdi dir="{direction}">{run(piece)}</bdi>' if index % 2 else html.escape(piece)
        for index, piece in enumerate(pieces)
    )


# Where a section's texts land on an explainer page: each corpus phrase is placed in all three.
PLACEMENTS = {
    "heading": "#{id} > .section-head > h2",
    "paragraph": "#{id} > :not(.section-head, .points)",
    "point": "#{id} > ul.points > li",
}
NOT_THE_TEXT = ".attribution, .more"  # what the template adds after a point, takeaway or event


def explainer_yaml(slug: str, sections: list[tuple[str, str, str]]) -> str:
    """A valid explainer whose sections (id, Arabic, English) each carry the texts as heading, paragraph
    and point."""
    data = {
        "slug": slug,
        "published": dt.date(2023, 9, 12),
        "title": {"ar": "نصوص مختلطة الاتجاه", "en": "Mixed-direction texts"},
        "dek": {"ar": "عبارات من الأخبار تمزج العربية باللاتينية.", "en": "News phrases that mix scripts."},
        "source": {
            "title": {"ar": "مدونة الاختبار", "en": "The test corpus"},
            "language": "ar",
            "date": dt.date(2023, 9, 12),
        },
        "takeaways": [{"text": {"ar": "كل عبارة تظهر كما كتبت.", "en": "Every phrase shows as written."}}],
        "sections": [
            {
                "id": section_id,
                "heading": {"ar": ar, "en": en},
                "paragraphs": [{"ar": ar, "en": en}],
                "points": [{"text": {"ar": ar, "en": en}}],
            }
            for section_id, ar, en in sections
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# Rendering the page wide and without line breaks makes x order well-defined; it changes no bidi level.
WIDE_CSS = "main { max-inline-size: none !important; } * { white-space: nowrap !important; }"

MEASURE_JS = """
({selectors, exclude, mirrors}) => {
  const arabic = c => /[\\p{L}\\p{M}]/u.test(c) && /\\p{scx=Arabic}/u.test(c);
  const format = c => /\\p{Cf}/u.test(c);
  const blank = c => /[\\s\\p{Cc}\\p{Zs}\\p{Zl}\\p{Zp}]/u.test(c);
  const mark = c => /\\p{M}/u.test(c);
  const rangeOf = u => {
    const range = document.createRange();
    range.setStart(u.node, u.start);
    range.setEnd(u.node, u.end);
    return range;
  };
  // Which way a character runs: the caret before it stands at its leading edge (the left one in a
  // left-to-right run), the caret after it at its trailing edge (a collapsed range's box is the caret).
  // Where runs meet, one of the two carets may stand elsewhere; it then tells nothing.
  const rtl = u => {
    const box = rangeOf(u).getBoundingClientRect();
    const caretX = offset => {
      const caret = document.createRange();
      caret.setStart(u.node, offset);
      return caret.getBoundingClientRect().left;
    };
    const near = (x, edge) => Math.abs(x - edge) < 0.5;
    const before = caretX(u.start), after = caretX(u.end), votes = new Set();
    if (near(before, box.left) || near(after, box.right)) votes.add(false);
    if (near(before, box.right) || near(after, box.left)) votes.add(true);
    return votes.size === 1 ? [...votes][0] : null;
  };
  return selectors.map(selector => {
    const root = document.querySelector(selector);
    if (!root) return null;
    const units = [];
    let word = null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const skipped = exclude && node.parentElement.closest(exclude);
      if (skipped && root.contains(skipped)) continue;
      let i = 0;
      for (const c of node.data) {
        const start = i;
        i += c.length;
        if (format(c)) continue;  // invisible marks: not units, and they do not split a word
        if (blank(c)) { word = null; continue; }
        const last = units[units.length - 1];
        if (arabic(c) && word && word.node === node) { word.text += c; word.end = i; continue; }
        if (mark(c) && last && last.node === node) { last.text += c; last.end = i; continue; }
        const unit = {text: c, node, start, end: i};
        units.push(unit);
        word = arabic(c) ? unit : null;
      }
    }
    const placed = units.map(u => {
      const box = rangeOf(u).getBoundingClientRect();
      return {u, box, area: box.width * box.height};
    });
    const seen = placed.filter(p => p.area > 0).sort((a, b) => (a.box.left + a.box.right) - (b.box.left + b.box.right));
    const shown = seen.map(p => {
      if (!(p.u.text in mirrors)) return p.u.text;
      const way = rtl(p.u);
      return way === null ? p.u.text + '?' : way ? mirrors[p.u.text] : p.u.text;
    });
    // For people only: a space where the screen shows a gap of more than a fifth of the font size.
    const text = shown.map((unit, k) => {
      if (!k) return unit;
      const size = parseFloat(getComputedStyle(seen[k].u.node.parentElement).fontSize);
      return (seen[k].box.left - seen[k - 1].box.right > size / 5 ? ' ' : '') + unit;
    }).join('');
    const hidden = placed.filter(p => p.area === 0).map(p => '∅' + p.u.text);
    return {units: shown.concat(hidden), text: text + hidden.join('')};
  });
}
"""


class Order(NamedTuple):
    """A text's visible units from left to right on screen, and the same as a line for people to read."""

    units: tuple[str, ...]
    text: str


def visual_orders(page: Page, selectors: list[str], exclude: str = "") -> list[Order | None]:
    """For each selector, its visual order (None: no such element).

    `exclude` skips text inside matching descendants (an attribution, a "more" link)."""
    found = page.evaluate(MEASURE_JS, {"selectors": selectors, "exclude": exclude, "mirrors": MIRRORS})
    return [None if item is None else Order(tuple(item["units"]), item["text"]) for item in found]


def same(one: Order | None, other: Order | None) -> bool:
    return one is not None and other is not None and one.units == other.units


def difference(raw: str, reference: Order | None, shown: Order | None, where: str = "") -> str:
    """A readable failure: the phrase, then both visual orders, each read left to right on screen."""

    def line(order: Order | None) -> str:
        return "(element not found)" if order is None else order.text

    return (
        f"visual order differs{f' ({where})' if where else ''}\n"
        f"  phrase:                {raw}\n"
        f"  reference, left→right: {line(reference)}\n"
        f"  page, left→right:      {line(shown)}\n"
        f"  reference units: {reference and list(reference.units)}\n"
        f"  page units:      {shown and list(shown.units)}"
    )


def reference_document(items: list[tuple[str, str]]) -> str:
    """A page of hand-marked references: (lang, marked) each in a block with that page's direction."""
    rows = "".join(
        f'<div id="ref-{index}" dir="{PAGE_DIRECTION[lang]}" lang="{lang}">{reference_html(marked, lang)}</div>'
        for index, (lang, marked) in enumerate(items)
    )
    return (
        '<!doctype html><meta charset="utf-8"><style>body { font: 20px sans-serif; white-space: nowrap; }'
        f"div {{ margin: 4px 0; }}</style><body>{rows}</body>"
    )


def reference_orders(page: Page, items: list[tuple[str, str]]) -> list[Order | None]:
    """The visual order of each hand-marked reference, rendered in `page` (a blank page of its own)."""
    page.set_content(reference_document(items))
    return visual_orders(page, [f"#ref-{index}" for index in range(len(items))])


def open_built_page(page: Page, address: str) -> None:
    """Open a built page and lay it out wide, so no measured text wraps."""
    response = page.goto(address)
    assert response is not None and response.ok, f"{address}: HTTP {response and response.status}"
    page.add_style_tag(content=WIDE_CSS)


def inner_html(page: Page, selectors: list[str]) -> list[str]:
    """The rendered HTML of measured elements, to show beside their references."""
    return list(page.evaluate("s => s.map(q => document.querySelector(q)?.innerHTML ?? '')", selectors))


def save_side_by_side(page: Page, rows: list[tuple[str, str, str, str, bool]], path: Path) -> None:
    """A screenshot: per row (label, lang, page HTML, marked reference, equal), the page's rendering and
    the reference side by side, rows that differ in red."""
    cells = "".join(
        f'<tr class="{"" if equal else "bad"}"><td>{html.escape(label)}</td>'
        f'<td dir="{PAGE_DIRECTION[lang]}" lang="{lang}">{page_html}</td>'
        f'<td dir="{PAGE_DIRECTION[lang]}" lang="{lang}">{reference_html(marked, lang)}</td></tr>'
        for label, lang, page_html, marked, equal in rows
    )
    page.set_content(
        '<!doctype html><meta charset="utf-8"><style>body { font: 15px sans-serif; white-space: nowrap; }'
        "td { padding: 2px 12px; border-bottom: 1px solid #ccc; } tr.bad { background: #fdd; }"
        "td:first-child { font: 12px monospace; color: #555; }</style>"
        f"<table><tr><th>phrase</th><th>built page</th><th>hand-marked reference</th></tr>{cells}</table>"
    )
    page.screenshot(path=str(path), full_page=True)
