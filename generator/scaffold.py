"""The starting point `python -m generator new <slug>` writes: every field, every language, and what goes where."""

from __future__ import annotations

import datetime as dt
import re

from .fields import SLUG_PATTERN, free_slug
from .settings import Language

SLUG_MAX_LENGTH = 80  # as the content model's `Slug` allows

SKELETON = """\
# yaml-language-server: $schema=../../schema/explainer.schema.json
# A new explainer. Replace every text and date in [brackets]; keep every language side by side.
# Facts come from the source article only, attributed as the article attributes them.
# Check your work with `python -m generator check`; preview it with `python -m generator serve`.

# The address in each language, e.g. /{first}/{slug}/. Never change it once published; if it must change, list the
# old one here, and its address keeps sending readers on: former_slugs: [an-old-slug]
slug: {slug}
# The day it is first published, and (only after a real change) the day it was updated: YYYY-MM-DD.
published: {today}
# updated: {today}

# The headline: one line.
title:
  ar: "[العنوان]"
  en: "[Headline]"

# One paragraph under the headline that says what the explainer covers.
dek:
  ar: "[ملخص في فقرة واحدة]"
  en: "[A one-paragraph summary]"

# The article this explainer summarises.
source:
  title:
    ar: "[عنوان المقال المصدر]"
    en: "[The source article's headline]"
  language: {first}  # the language it was published in: a site language's code, or another's (he, fr)
  date: "[YYYY-MM-DD]"  # the day it was published
  # publisher:          # optional: who published it
  #   ar: "[الناشر]"
  #   en: "[Publisher]"
  # url: https://…      # optional: where to read it

# A picture under the headline (optional), every text in every language: a photo or chart under media/, or
# `map:` instead of `file:` (the README's "Pictures" has both). The same fields make a `- figure: {…}` item
# between a section's paragraphs.
# image:
#   file: media/[photo].jpg
#   alt: {ar: "[ما تُظهره الصورة]", en: "[What the picture shows]"}
#   caption: {ar: "[ما تضيفه]", en: "[What it adds]"}     # optional
#   credit: {ar: "[الوكالة]", en: "[Agency]"}

# Topic ids from content/site.yml, e.g. north-korea.
topics: []

# Who it is credited to: ids from content/authors.yml, e.g. [explainers-desk].
authors: []

# Up to four numbers a reader should take away, each as `- value: "1991"` (as the article writes it), a
# `label:` in every language saying what it counts, and `said_by:` a voice below when the article credits one.
key_figures: []

# Key facts, one sentence each, shown first. `section` links one to the section that explains it.
takeaways:
  - text:
      ar: "[نقطة رئيسية]"
      en: "[A key takeaway]"
    section: first-section

# The body. Each section has an id (its anchor in every language), a heading, and paragraphs, points or both.
# Markdown works in every text: **bold**, *emphasis*, [a link](https://…).
sections:
  - id: first-section
    heading:
      ar: "[عنوان القسم]"
      en: "[Section heading]"
    paragraphs:
      - ar: "[فقرة]"
        en: "[A paragraph]"
    points:
      - text:
          ar: "[تصريح منسوب]"
          en: "[An attributed statement]"
        said_by: first-voice   # the id of a voice below, when the article attributes the statement

# Who said what: the people and groups the article quotes or cites, as it names them.
voices:
  - id: first-voice
    name:
      ar: "[الاسم]"
      en: "[Name]"
    role:                      # optional
      ar: "[المنصب]"
      en: "[Role]"
    affiliation:               # optional
      ar: "[الجهة]"
      en: "[Institution]"

# Dated events the article mentions, oldest first. A date is a year, a month or a day: "2019", "2023-07", "2023-09-12".
timeline:
  - date: "[YYYY-MM-DD]"
    text:
      ar: "[ما حدث]"
      en: "[What happened]"

# Further articles used besides `source` (same fields as `source`).
sources: []

# Each change after publication, oldest first: `- date: YYYY-MM-DD`, `kind: update` (new information) or
# `kind: correction` (something published was wrong), and `text:` in every language saying what changed.
# The latest entry's date is `updated` above; check holds the two together.
updates: []
"""


# A text of the skeleton: its Arabic and English placeholder lines, which become one line per site language.
# A placeholder text in each language on lines of their own (commented out too), or inline (`{ar: …, en: …}`).
_TEXT = re.compile(
    r'^(?P<indent> *(?:# +)?)(?P<item>- )?ar: (?P<ar>"\[[^\n]*\]")\n *(?:# +)?en: (?P<en>"\[[^\n]*\]")$', re.MULTILINE
)
_INLINE_TEXT = re.compile(r'\{ar: (?P<ar>"\[[^"\n]*\]"), en: (?P<en>"\[[^"\n]*\]")\}')


def _per_language(text: str, languages: tuple[Language, ...]) -> str:
    """Each placeholder text written once per site language, in the comments too (a French site's had no French
    publisher or picture texts, an outside tester's): the Arabic placeholder for languages written in Arabic
    script, the English one for the others."""

    def placeholder(match: re.Match[str], language: Language) -> str:
        return match["ar"] if language.script == "ARABIC" else match["en"]

    def lines(match: re.Match[str]) -> str:
        indent, item = match["indent"], match["item"] or ""
        written = [
            f"{indent}{item if i == 0 else ' ' * len(item)}{language.code}: {placeholder(match, language)}"
            for i, language in enumerate(languages)
        ]
        return "\n".join(written)

    def inline(match: re.Match[str]) -> str:
        return "{" + ", ".join(f"{language.code}: {placeholder(match, language)}" for language in languages) + "}"

    return _INLINE_TEXT.sub(inline, _TEXT.sub(lines, text))


def skeleton(slug: str, today: dt.date, languages: tuple[Language, ...], first: str) -> str:
    """The text of a new explainer file; the slug must already be a safe address.

    Dates only the editor knows (the source article's, the timeline's) are written as the placeholder
    `[YYYY-MM-DD]`, which `check` refuses like a text placeholder: today's date there would look filled in and
    publish a wrong date unnoticed. `published` is today's date: it is the one date the tool does know, an
    explainer usually goes out the day it is written, and a day's slip there misleads no reader about the
    news itself (the editor corrects it if publication waits). The source's language is `first`, the one
    editors write first (an English-only site's skeleton said `ar` and failed its first `check`)."""
    if len(slug) > SLUG_MAX_LENGTH:  # checked first: a file name this long is refused by the file system
        raise ValueError(f"the slug is {len(slug)} characters long; a slug can have at most {SLUG_MAX_LENGTH}")
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ValueError(f"`{slug}` is not a safe slug: use lower-case a–z, 0–9 and single hyphens")
    free_slug(slug)  # or the file would be written, and check would then refuse it
    text = _per_language(SKELETON, languages).replace("{first}", first)
    return text.replace("{slug}", slug).replace("{today}", today.isoformat())
