"""The explainer page of one language: every text rendered, attributed and linked, decided here for the template."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .card_faces import undrawable
from .cards import CardStyle, CardText, kept_card
from .document import Document, format_field
from .fields import Text
from .figures import FigureView, figure_view
from .frame import Frame, NavLink, Page, Switch
from .i18n import DateView, Localizer, label
from .listing import Listing, ListItem, cards
from .markup import without_links
from .media import Picture
from .model import Explainer, Figure, SourceArticle
from .news_parts import NewsParts, NewsPartsBuilder
from .plain_text import plain_in_order
from .problems import Problem
from .stored import Output
from .voices import VoiceView, voice_card

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Attribution:
    """ "according to <name>", linked to the voice's entry."""

    label: Markup
    href: str


@dataclass(frozen=True)
class PointView:
    html: Markup
    said_by: Attribution | None


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Markup
    toc_label: Markup  # the heading without its links, to sit inside the contents link
    blocks: tuple[Markup | FigureView, ...]  # paragraphs (HTML) and figures, in reading order
    points: tuple[PointView, ...]
    switches: tuple[Switch, ...]  # the same section in every other language, labelled "This section in …"


@dataclass(frozen=True)
class TakeawayView:
    html: Markup
    section_href: str | None
    section_label: Markup | None


@dataclass(frozen=True)
class EventView:
    datetime: str
    date: str | None  # None when the event is dated by its year alone (its group says it)
    html: Markup
    said_by: Attribution | None


@dataclass(frozen=True)
class YearView:
    """The timeline's events of one year, under the year as a marker."""

    datetime: str
    year: str  # in the language's digits
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class SourceView:
    title: Markup
    publisher: Markup | None  # searched: a reader looks for what an agency reported (an outside tester's `KUNA`)
    dated: Markup  # date and language, each in its own direction, after a separator if there is a publisher
    url: str | None

    @property
    def details(self) -> Markup:
        """Publisher, date and language in one line (what templates of a newsroom's own were given)."""
        return (self.publisher or Markup()) + self.dated


@dataclass(frozen=True)
class ExplainerView:
    title: Markup
    dek: Markup
    image: FigureView | None  # the lead picture
    published: DateView
    reading_time: str
    topics: tuple[NavLink, ...]  # the explainer's topics, named in the page's language
    takeaways: tuple[TakeawayView, ...]
    sections: tuple[SectionView, ...]
    voices: tuple[VoiceView, ...]
    timeline: tuple[YearView, ...]
    sources: tuple[SourceView, ...]
    news: NewsParts  # byline, latest change, updates and corrections, key figures, share links
    related: tuple[ListItem, ...]  # more on this topic


class ExplainerPage:
    """Builds an explainer's page in one language."""

    def __init__(
        self, frame: Frame, localize: Localizer, topic_names: dict[str, Markup], card_style: CardStyle
    ) -> None:
        self.frame = frame
        self.code = frame.code
        self.strings = frame.strings
        self.localize = localize
        self.topic_names = topic_names
        self.card_style = card_style
        self.news = NewsPartsBuilder(frame, localize, frame.content.authors)

    def build(
        self, explainer: Explainer, pictures: dict[str, Picture], related: Sequence[Listing] = ()
    ) -> tuple[Page, ExplainerView, dict[str, Output]]:
        """The page's context, and the files it links to of its own (its share card). `pictures` are the
        published pictures of the explainer's figures, by file; `related` the explainers it offers next."""
        card_name, card = self.card(explainer)
        frame, code = self.frame, self.code
        url = urls.explainer(code, explainer.slug)

        def url_of(language: str) -> str:
            return urls.explainer(language, explainer.slug)

        title = frame.inline(explainer.title)
        description = plain_in_order(frame.block(explainer.dek))
        page = frame.page(url, "explainer.html", plain_in_order(title), description, url_of, explainer, card=card_name)
        # Each voice as "according to …" names it: a name Arabic inflects after بحسب as the editor wrote it so.
        names = {voice.id: without_links(frame.inline(voice.attributed or voice.name)) for voice in explainer.voices}
        headings = {section.id: frame.inline(section.heading) for section in explainer.sections}

        def attribution(voice_id: str | None) -> Attribution | None:
            if voice_id is None:
                return None
            return Attribution(label(self.strings.said_by, name=names[voice_id]), f"#voice-{voice_id}")

        def figure(item: Figure, lead: bool = False) -> FigureView:
            return figure_view(frame, page.link, item, pictures[item.key], lead)

        sections = tuple(
            SectionView(
                section.id,
                headings[section.id],
                without_links(headings[section.id]),
                frame.paragraphs(section.id, section.paragraphs, figure),
                tuple(PointView(frame.inline(point.text), attribution(point.said_by)) for point in section.points),
                tuple(
                    dataclasses.replace(switch, label=frame.content.strings[switch.lang].section_in_language)
                    for switch in frame.switches(page.link, url_of, section.id)
                ),
            )
            for section in explainer.sections
        )
        folder = urls.home(code)
        prefix = page.link.prefix(folder)
        view = ExplainerView(
            title=title,
            dek=frame.block(explainer.dek, "dek"),
            image=figure(explainer.image, lead=True) if explainer.image else None,
            published=self.localize.dated(explainer.published),
            reading_time=self.localize.count(self.strings.reading_time, self._minutes(explainer)),
            topics=tuple(
                NavLink(prefix + urls.topic(code, topic_id)[len(folder) :], self.topic_names[topic_id])
                for topic_id in explainer.topics
            ),
            takeaways=tuple(
                TakeawayView(
                    frame.inline(item.text),
                    f"#{item.section}" if item.section else None,
                    label(self.strings.see_section, section=without_links(headings[item.section]))
                    if item.section
                    else None,
                )
                for item in explainer.takeaways
            ),
            sections=sections,
            voices=tuple(voice_card(self.frame, explainer, voice, headings) for voice in explainer.voices),
            timeline=self._timeline(explainer, attribution),
            sources=tuple(self._source(source) for source in (explainer.source, *explainer.sources)),
            news=self.news.build(explainer, page.link.absolute(url), plain_in_order(title), names),
            related=cards(page, related, self.localize, self.topic_names),
        )
        return page, view, {card_name: card}

    def card(self, explainer: Explainer) -> tuple[str, Output]:
        """The share card of this language's page (site name, title, date), beside it, named by what it shows."""
        key, output = kept_card(self._card_text(explainer), self.card_style.kept)
        return urls.share_card(self.frame.language.code, explainer.slug, key), output

    def card_problems(self, document: Document, explainer: Explainer) -> list[Problem]:
        """The title's letters and digits no font on this machine has: its card would leave them out, a word
        missing where a symbol (an emoji) is only left out, so they are asked about at check time. A title as
        written whose characters the faces all have (no `&`, which may spell another) is not rendered to know."""
        written, at = explainer.title[self.code], ("title", self.code)
        if not any(char.isalnum() for char in written):  # (`🔥🔥🔥`: a card with no title, an outside tester's)
            message = "has no letter or figure: its share card, which leaves emoji out, would have no title"
            return [Problem(document.path, *document.locate(at), format_field(at), message, "write the title in words")]
        if "&" not in written and not undrawable(written, self.card_style.fonts):  # the usual, a tenth of the cost
            return []
        lacking = undrawable(self._card_text(explainer).title, self.card_style.fonts)
        if not lacking:
            return []
        message = f"the share card cannot draw {lacking}: no installed font has these letters"
        hint = "install Debian's fonts-noto-cjk, name a font with them in site.yml, or leave them out of the title"
        return [Problem(document.path, *document.locate(at), format_field(at), message, hint)]

    def _card_text(self, explainer: Explainer) -> CardText:
        language = self.frame.language
        return CardText(
            site_name=self.strings.site_title,
            title=plain_in_order(self.frame.inline(explainer.title)),  # with the page's isolates (bidi_isolates)
            date=self.localize.date(explainer.published),
            direction=language.direction,
            language=language.code,
            fonts=self.card_style.fonts,
            colours=self.card_style.colours,
        )

    def _timeline(
        self, explainer: Explainer, attribution: Callable[[str | None], Attribution | None]
    ) -> tuple[YearView, ...]:
        """The events grouped by year (the timeline is oldest first, so each year's events are together)."""
        years: dict[str, list[EventView]] = {}
        for event in explainer.timeline:
            year, _, rest = event.date.partition("-")
            date = self.localize.partial_date(event.date) if rest else None
            view = EventView(event.date, date, self.frame.inline(event.text), attribution(event.said_by))
            years.setdefault(year, []).append(view)
        return tuple(YearView(year, self.localize.partial_date(year), tuple(events)) for year, events in years.items())

    def _source(self, source: SourceArticle) -> SourceView:
        """The source's title, and its publisher (isolated like every text: `وكالة Reuters`), date and language."""
        publisher = without_links(self.frame.inline(source.publisher)) if source.publisher else None
        code = source.language  # a site language's name as the strings give it; another's, CLDR's
        name = self.strings.language_names.get(code) or self.localize.language_name(code) or code
        separator = Markup(f" {self.frame.separator} ")
        # A `<time>`, as every date of the page: one box that never breaks a line (`12` / `سبتمبر 2023` read as
        # two facts: an outside reader's), and a date machines read.
        day = Markup('<time datetime="{}">{}</time>').format(source.date.isoformat(), self.localize.date(source.date))
        dated = separator.join([day, escape(name)])
        url = str(source.url) if source.url else None
        return SourceView(self.frame.inline(source.title), publisher, separator + dated if publisher else dated, url)

    def _minutes(self, explainer: Explainer) -> int:
        """Reading time of the body, from the words the editor wrote (markup adds no reading)."""
        texts = [block for section in explainer.sections for block in section.paragraphs if isinstance(block, Text)]
        texts += [point.text for section in explainer.sections for point in section.points]
        words = sum(len(text[self.code].split()) for text in texts)
        return max(1, round(words / WORDS_PER_MINUTE))
