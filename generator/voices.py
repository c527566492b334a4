"""A voice's card on an explainer page: who they are, and each statement the explainer attributes to them."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .frame import Frame
from .i18n import label
from .markup import without_links
from .model import Explainer, Voice
from .standalone import as_in_prose


@dataclass(frozen=True)
class StatementView:
    html: Markup  # the statement, unlinked
    href: str  # where it stands on the page
    where: Markup  # the link's words: in “<section>”


@dataclass(frozen=True)
class VoiceView:
    anchor: str
    name: Markup
    role: Markup | None
    affiliation: Markup | None
    statements: tuple[StatementView, ...]


def voice_card(frame: Frame, explainer: Explainer, voice: Voice, headings: dict[str, Markup]) -> VoiceView:
    """A voice's card: each statement attributed to them in the page's order, with a link to where it stands (the
    statement itself is not a link: a card of underlined text is hard to read). A key figure is one (its value,
    then its label): a voice credited with a figure alone had a card with nothing under its name, where the
    figure's "according to" led (an outside tester's)."""
    strings = frame.strings
    script, drawn = frame.language.script, frame.assets.draws_letter_mark
    in_figures = label(strings.in_section, section=escape(strings.key_figures))
    statements = [
        StatementView(
            Markup(f"{as_in_prose(script, frame.text.inline(figure.value), drawn)} {frame.separator} ")
            + without_links(frame.inline(figure.label)),
            "#key-figures",
            in_figures,
        )
        for figure in explainer.key_figures
        if figure.said_by == voice.id
    ]
    statements += [
        StatementView(
            without_links(frame.inline(point.text)),
            f"#{section.id}",
            label(strings.in_section, section=without_links(headings[section.id])),
        )
        for section in explainer.sections
        for point in section.points
        if point.said_by == voice.id
    ]
    in_timeline = label(strings.in_section, section=escape(strings.timeline))
    statements += [
        StatementView(without_links(frame.inline(event.text)), "#timeline", in_timeline)
        for event in explainer.timeline
        if event.said_by == voice.id
    ]
    role, affiliation = (frame.inline(part) if part else None for part in (voice.role, voice.affiliation))
    return VoiceView(f"voice-{voice.id}", frame.inline(voice.name), role, affiliation, tuple(statements))
