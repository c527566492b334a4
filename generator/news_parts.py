"""The parts of an explainer page that make it news rather than a document, decided for the template: the byline,
the latest change and the list of updates and corrections, the key figures, and links to share the page.

Each takes what it shows already rendered by the page's `Frame`, so this module only chooses and words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from babel.lists import format_list
from markupsafe import Markup, escape

from .fields import Text
from .frame import Frame
from .i18n import DateView, Localizer
from .interface_strings import ShareChannel
from .model import Explainer
from .newsroom import Author
from .standalone import as_in_prose, starts_in

# Where each service takes a page to share: `{url}` and `{text}` are filled in, percent-encoded. Nothing else
# is added (no tracking parameters), and nothing needs JavaScript.
SHARE_LINKS: dict[ShareChannel, str] = {
    "whatsapp": "https://wa.me/?text={text}%20{url}",
    "telegram": "https://t.me/share/url?url={url}&text={text}",
    "x": "https://x.com/intent/post?text={text}&url={url}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "email": "mailto:?subject={text}&body={url}",
}


@dataclass(frozen=True)
class UpdateView:
    kind: str  # `update` or `correction`, for the stylesheet
    label: str  # "Correction", in the page's language
    date: DateView
    html: Markup


@dataclass(frozen=True)
class KeyFigureView:
    value: Markup  # in the language's digits
    label: Markup
    source: Markup  # who says so: "according to …", the name isolated in its own direction
    source_href: str  # the voice's card, or the sources
    length: str  # "", "medium" or "long": the stylesheet sizes a figure to its card by it (`figure_length`)


def figure_length(value: str) -> str:
    """How long a key figure is, for the stylesheet: a figure never breaks (`2023-` ended a line and `2024`
    began the next, `1,234,56` over `7`: an outside tester's), so a longer one is drawn smaller in a narrow
    card, and a short one keeps its size."""
    return "" if len(value) <= 5 else "medium" if len(value) <= 8 else "long"


@dataclass(frozen=True)
class ShareLink:
    channel: str
    name: str
    href: str


@dataclass(frozen=True)
class NewsParts:
    byline: Markup | None  # "By …", each author linked when they have a page, with their role
    last_updated: Markup | None  # "Updated <time>…</time>", when the explainer has changed since publication
    updates: tuple[UpdateView, ...]  # newest first
    key_figures: tuple[KeyFigureView, ...]
    share: tuple[ShareLink, ...]


def listed(names: list[Markup], locale: str) -> Markup:
    """Names joined the language's way (`A, B and C`, `أ وب وج`), each kept as the HTML it is."""
    tokens = [f"\x00{number}\x00" for number in range(len(names))]
    joined = escape(format_list(tokens, locale=locale))
    for token, name in zip(tokens, names, strict=True):
        joined = Markup(joined.replace(token, name))
    return joined


class NewsPartsBuilder:
    """Builds the news parts of an explainer's page in one language."""

    def __init__(self, frame: Frame, localize: Localizer, authors: tuple[Author, ...]) -> None:
        self.frame = frame
        self.strings = frame.strings
        self.localize = localize
        self.authors = {author.id: author for author in authors}

    def build(self, explainer: Explainer, address: str, title: str, voices: dict[str, Markup]) -> NewsParts:
        """`address` is the page's public URL and `title` its plain title (what shares carry); `voices` are the
        explainer's voices' names, rendered, by id."""
        latest = explainer.updates[-1].date if explainer.updates else None
        script, drawn = self.frame.language.script, self.frame.assets.draws_letter_mark
        return NewsParts(
            byline=self.byline(explainer.authors),
            last_updated=self.last_updated(latest) if latest and latest > explainer.published else None,
            updates=tuple(self.update(item.kind, item.date, item.text) for item in reversed(explainer.updates)),
            key_figures=tuple(
                KeyFigureView(
                    Markup(as_in_prose(script, self.frame.text.inline(figure.value), drawn)),
                    self.frame.inline(figure.label),
                    escape(self.strings.said_by).format(name=voices[figure.said_by])
                    if figure.said_by
                    else escape(self.strings.per_source),
                    f"#voice-{figure.said_by}" if figure.said_by else "#sources",
                    figure_length(figure.value),
                )
                for figure in explainer.key_figures
            ),
            share=self.share(address, title),
        )

    def byline(self, author_ids: list[str]) -> Markup | None:
        if not author_ids:
            return None
        names = []
        for author in (self.authors[author_id] for author_id in author_ids):
            name = self.frame.inline(author.in_byline or author.name)  # (a desk's `la rédaction` mid-sentence)
            if author.url:
                name = Markup('<a href="{}" rel="author">{}</a>').format(str(author.url), name)
            if author.role:
                name += Markup('<span class="author-role">{}{}</span>').format(
                    self.frame.language.comma, self.frame.inline(author.role)
                )
            names.append(Markup('<span class="author">{}</span>').format(name))
        return escape(self.strings.byline).format(names=listed(names, self.frame.language.locale))

    def last_updated(self, day: dt.date) -> Markup:
        """ "Updated 2 December 2026": the label, then the day as a `<time>`."""
        time = Markup('<time datetime="{}">{}</time>').format(day.isoformat(), self.localize.date(day))
        return Markup("{} {}").format(self.strings.updated, time)

    def update(self, kind: str, day: dt.date, text: Text) -> UpdateView:
        label = self.strings.correction if kind == "correction" else self.strings.update
        return UpdateView(kind, label, self.localize.dated(day), self.frame.inline(text))

    def share(self, address: str, title: str) -> tuple[ShareLink, ...]:
        """Links that open each service's own share form with the page's address and title, in this language. A
        message is plain text, shown in the direction of its first letter: an Arabic title that opens with a Latin
        word (`OPEC+ تمدد …`) opens with a right-to-left mark, since an app that does not know the isolates around
        that word (LRI … PDI, which the bidi algorithm skips there) shows the message left to right."""
        url, text = quote(address, safe=""), quote(starts_in(self.frame.language.direction, title), safe="")
        return tuple(
            ShareLink(channel, getattr(self.strings.share_by, channel), pattern.format(url=url, text=text))
            for channel, pattern in SHARE_LINKS.items()
        )
