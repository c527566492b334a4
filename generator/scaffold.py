"""The starting point `python -m generator new <slug>` writes: every field, every language, and what goes where."""

from __future__ import annotations

import datetime as dt
import json
import re

from .load import load
from .problems import ContentError
from .project import Project
from .settings import Content, Language
from .skeleton import IN_LANGUAGE, SKELETON
from .slugs import SLUG_PATTERN, free_slug
from .validate import validate_settings

SLUG_MAX_LENGTH = 80  # as the content model's `Slug` allows


# A text of the skeleton: its Arabic and English placeholder lines, which become one line per site language.
# A placeholder text in each language on lines of their own (commented out too), or inline (`{ar: …, en: …}`).
_TEXT = re.compile(
    r'^(?P<indent> *(?:# +)?)(?P<item>- )?ar: (?P<ar>"\[[^\n]*\]")\n *(?:# +)?en: (?P<en>"\[[^\n]*\]")$', re.MULTILINE
)
_INLINE_TEXT = re.compile(r'\{ar: (?P<ar>"\[[^"\n]*\]"), en: (?P<en>"\[[^"\n]*\]")\}')


def _per_language(text: str, languages: tuple[Language, ...]) -> str:
    """Each placeholder text written once per site language, in the comments too (a French site's had no French
    publisher or picture texts, an outside tester's): the Arabic placeholder for languages written in Arabic
    script, the English one for English, and for the others the English one naming the language."""

    def placeholder(match: re.Match[str], language: Language) -> str:
        if language.script == "ARABIC":
            return match["ar"]
        if language.code.split("-")[0] == "en":
            return match["en"]
        return json.dumps(IN_LANGUAGE.format(placeholder=match["en"][2:-2], name=language.name), ensure_ascii=False)

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


def site_languages(project: Project) -> Content:
    """The site's settings alone (its languages): what `new` and the editor's new files are laid out for, and what
    the commands that read explainers without building need."""
    settings, problems = validate_settings(load(project.settings_file))
    if settings is None:
        raise ContentError(problems)
    return Content(settings, {})
