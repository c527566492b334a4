"""The text `python -m generator new <slug>` starts an explainer file from (scaffold.py fills it in), and its
placeholders, which `check` refuses left unfilled (fields.py). Apart from scaffold.py, which needs the site's
languages, so that the field types can know the placeholders without importing the settings they are part of."""

from __future__ import annotations

import re

SKELETON = """\
# yaml-language-server: $schema=../../schema/explainer.schema.json
# A new explainer. Replace every text and date in [brackets]; keep every language side by side.
# Facts come from the source article only, attributed as the article attributes them.
# Check your work with `python -m generator check`; preview it with `python -m generator serve`, which shows each
# [bracket] left as a problem until it is filled (`new --draft` keeps a file out of the site while you write).

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
#   license: "[on what terms we may publish it]"               # optional, for the record, not shown

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

# Every placeholder text the skeleton writes (`[Headline]`, `[العنوان]`): what `check` refuses as left unfilled
# (fields.py). Only these: a text of the editor's own wholly in brackets (`[sic]`, `[Update]`, `[1]`) is text,
# which any text in brackets being a placeholder refused (an outside tester's fuzzing).
PLACEHOLDERS = frozenset(re.findall(r'"(\[[^"\n]*\])"', SKELETON))
# A language of neither placeholder's (a French site's) gets the English one naming it: `[Headline, in Français]`,
# where the English alone told a French desk nothing of which language a field wants (an outside tester's).
IN_LANGUAGE = "[{placeholder}, in {name}]"
_IN_LANGUAGE = re.compile(r"\[(.*), in [^\[\]]+\]")


def is_placeholder(text: str) -> bool:
    """Whether a text is one the skeleton writes, in any language's form of it."""
    return text in PLACEHOLDERS or bool((named := _IN_LANGUAGE.fullmatch(text)) and f"[{named[1]}]" in PLACEHOLDERS)
