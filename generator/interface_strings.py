"""Every word of the interface in one language (content/strings/<code>.yml), as a model: a missing string is
an error, never English on an Arabic page. `strings_check` checks what only shows at render time.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .fields import StrictModel

# The services a page offers share links to (news_parts.SHARE_LINKS has their addresses).
ShareChannel = Literal["whatsapp", "telegram", "x", "facebook", "email"]


class ShareNames(StrictModel):
    """Each share link's name, as readers of the language know the service: every one is required."""

    whatsapp: str
    telegram: str
    x: str
    facebook: str
    email: str


PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]


class DateFormats(StrictModel):
    """CLDR date patterns (as Babel reads them) for each precision a date can have."""

    day: str = Field(description="e.g. `d MMMM y` → 12 September 2023.")
    month: str = Field(description="e.g. `MMMM y` → September 2023.")
    year: str = Field(description="e.g. `y` → 2023.")


def _own_name(name: str) -> str:
    """A name a template prints as `page.strings.custom.<name>`: lower-case letters, digits and `_`, and none a
    mapping has of its own (`items` printed a method's address, different each build: an outside tester's)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"`{name}` is not a name a template can print: use lower-case a-z, 0-9 and _")
    if name in dir(dict):
        raise ValueError(f"`{name}` is a name templates read as something else: choose another")
    return name


def _written(text: str) -> str:
    if not text.strip():
        raise ValueError("is empty; write the text")
    return text


class InterfaceStrings(StrictModel):
    """Every word of the interface in one language, in content/strings/<language>.yml.

    All fields are required: a missing Arabic string is an error, never English on an Arabic page.
    Counted phrases give one form per CLDR plural category of the language (Arabic has six).
    """

    language_names: dict[str, str] = Field(
        description="Each of the site's languages named in this one, e.g. ar: Arabic."
    )
    read_in_language: str = Field(description="The language switch's label on other languages' pages: Read in English.")
    site_title: str
    site_description: str
    skip_to_content: str
    home: str
    all_explainers: str
    search: str = Field(description="The search page's name and the header link to it.")
    search_description: str
    search_without_javascript: str = Field(description="Shown on the search page when JavaScript is off.")
    search_results: dict[PluralCategory, str] = Field(
        description="The search page's status: `{count}` results for `{query}`, the reader's words, per plural form."
    )
    search_no_results: str = Field(description="The search page's status when nothing is found for `{query}`.")
    search_most_words: dict[PluralCategory, str] | None = Field(
        default=None,
        description="The search page's status when no page has every word of `{query}` and `{count}` pages have"
        " the most of them, per plural form. Left out, `search_results` is shown.",
    )
    searching: str = Field(description="The search page's status while it searches for `{query}`.")
    search_more: str = Field(description="The button under the search results that shows more of them.")
    search_failed: str = Field(
        description="The search page's status when its index cannot be read (the site was published anew, say)."
    )
    search_other_language: str | None = Field(
        default=None,
        description="The search page's status when `{query}`, written in another of the site's languages, finds"
        " nothing here; `{language}` is a link to that language's search for it, named as in `language_names`."
        " Left out, `search_no_results` is shown.",
    )
    search_from_file: str | None = Field(
        default=None,
        description="The search page's status when it is opened as a file on this computer (`file://`), from which"
        " browsers do not let it read its index: say to serve the site. Left out, `search_failed` is shown.",
    )
    topics: str = Field(
        description="The topics index: its heading, the header link to it, and the label of an explainer's topics."
    )
    topics_description: str = Field(description="The topics index's introduction and search-result description.")
    all_topics: str = Field(description="The link from a topic's page back to the topics index.")
    topic_description: str = Field(
        description="A topic page's introduction and search-result description; `{topic}` is the topic's name."
    )
    no_explainers: str = Field(description="A topic page's sentence when no explainer has the topic yet.")
    archive: str = Field(description="The archive of every explainer by year: its heading, and the links to it.")
    archive_description: str = Field(description="The archive's introduction and search-result description.")
    year_description: str = Field(
        description="A year's page in the archive: its introduction and description; `{year}` is the year."
    )
    pagination: str = Field(description="The name screen readers give the links between pages of a list.")
    newer: str = Field(description="The link to the previous page of a list, where the newer explainers are.")
    older: str = Field(description="The link to the next page of a list, where the older explainers are.")
    page_of: str = Field(description="Where a page stands in its list: `{page}` is its number, `{pages}` how many.")
    on_this_page: str
    key_takeaways: str
    timeline: str
    voices: str
    sources: str
    source_article: str
    published: str
    updated: str = Field(description="The label of the latest change's date, under the byline: Updated.")
    said_by: str = Field(description="Attribution after a statement; `{name}` is the voice's name.")
    see_section: str = Field(description="Link from a takeaway to its section; `{section}` is its heading.")
    choose_language: str
    byline: str = Field(description="Who an explainer is by; `{names}` are its authors, e.g. By {names}.")
    updates: str = Field(description="The heading of the list of updates and corrections at the end of a page.")
    update: str = Field(description="The label of an update in that list.")
    correction: str = Field(description="The label of a correction in that list, and in feeds.")
    key_figures: str = Field(description="The heading of the row of key figures.")
    per_source: str = Field(description="Who says so, for a key figure the source article gives.")
    in_section: str = Field(description="Where a voice's statement stands; `{section}` is the section's heading.")
    section_in_language: str = Field(
        description="The name of a link to the same section in this language, e.g. This section in English."
    )
    related: str = Field(description="The heading of the related reading: More on this topic.")
    latest: str = Field(description="The label of the newest explainer, featured first on the home page.")
    share: str = Field(description="The heading of the share links.")
    share_by: ShareNames = Field(description="Each share link's name, as readers know the service.")
    photo_credit: str = Field(description="A picture's credit; `{credit}` is who made it, e.g. Photo: {credit}.")
    map_credit: str = Field(description="A map's credit; `{credit}` is its data's maker, e.g. Map: {credit}.")
    graphic_credit: str | None = Field(
        default=None,
        description="The credit of a chart, an infographic or a drawing (`kind: graphic`); `{credit}` is who made"
        " it, e.g. Graphic: {credit}. Left out, `photo_credit` is shown.",
    )
    not_found_title: str
    not_found_body: str
    reading_time: dict[PluralCategory, str] = Field(description="`{count}` minutes of reading, per plural form.")
    explainer_count: dict[PluralCategory, str] = Field(description="`{count}` explainers, per plural form.")
    date_formats: DateFormats
    custom: dict[Annotated[str, AfterValidator(_own_name)], Annotated[str, AfterValidator(_written)]] = Field(
        default_factory=dict,
        description="A newsroom's own words for its templates, by name (`newsletter: …`, printed with"
        " `{{ page.strings.custom.newsletter }}`); every language names the same ones.",
    )
