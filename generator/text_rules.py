"""What a text field may hold: which characters, which markup, and when it counts as empty.

One module for rules that `check` enforces and the renderer relies on, so the two never disagree: the
renderer shows as text whatever `refused_markup` reports, and a character `forbidden` names never reaches
a page, a feed or a title.
"""

from __future__ import annotations

import html
import re
import unicodedata

from markdown.inlinepatterns import HTML_RE

from .link_rules import CODE_SPAN, lookalike
from .markdown_floods import flooded

# Inline markup a text may carry, written in Markdown or as HTML; the sanitiser keeps nothing else.
INLINE_TAGS = frozenset({"a", "em", "strong", "code", "br", "bdi", "abbr", "sub", "sup", "del", "ins"})
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "bdi": {"lang", "dir"},
    "span": {"lang"},  # ours alone: a run in another site language's script (direction.py); editors write <bdi lang>
    "ol": {"start"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
ALLOWED_LINK_STARTS = ("https://", "http://", "mailto:", "#")

# The elements of HTML (WHATWG's index, with the obsolete ones browsers still parse): a tag with one of
# these names is real markup; `<Kim>` or `<Reuters>` is text that happens to sit in angle brackets.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt
    em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup
    hr html i iframe img input ins isindex kbd keygen label legend li link listing main map mark marquee math
    menu meta meter nav nobr noembed noframes noscript object ol optgroup option output p param picture
    plaintext pre progress q rb rp rt rtc ruby s samp script search section select slot small source span
    strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
    track tt u ul var video wbr xmp""".split()  # noqa: SIM905 - a word list reads better than 140 quoted names
)
_GIVEN_LANGUAGE = re.compile(r"""\slang\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)  # `<span lang="fr">`
TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# What a `lang` may say (BCP 47's form: `en`, `pt-BR`, `zh-Hant-TW`) and a `dir`: `<bdi lang="x onmouseover=…">`
# was published, quoted and harmless, but no language for a reader's voice or font (an outside tester's).
ATTRIBUTE_VALUES = {
    "lang": (re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"), "a language code: `en`, `fr`, `pt-BR`"),
    "dir": (re.compile(r"ltr|rtl|auto", re.IGNORECASE), "`ltr`, `rtl` or `auto`"),
}
_ATTRIBUTE = re.compile(r"""\s([A-Za-z_:][-\w:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_LINK_TARGET = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>", re.IGNORECASE)  # `<https://…>`, which Markdown links
_AUTOMAIL = re.compile(r"<(?!(?:https?|mailto):)([^>\s@:]+@[^>\s@]+)>", re.IGNORECASE)  # and `<editor@example.com>`
EMPTY_LINK = "has a link with no text (`[](…)`), which no reader can see or click; write its words between the [ ]"
# A merge conflict's marker indented into a text: `<<<<<<<`/`>>>>>>>` and git's branch (not a post's arrows, `<<<<<<<
# من`), `=======` between words or alone after a blank line (under a line of text, it underlines a heading).
MERGE_MARKER = re.compile(
    r"(?:^|\s)(?:<{7}|\|{7}|>{7})(?:[ \t]+[\x21-\x7e][\x20-\x7e]*)?(?:\n|$)|\S[ \t]+={7}[ \t]+\S"
    r"|(?:\A|\n[ \t]*\n)[ \t]*={7}[ \t]*(?:\n|\Z)"
)
# Markdown this one prints as written, with what each needs (asked first: most texts have none); not in code.
_UNSHOWN_MARKS = re.compile(r"\||~~|\[\^|\]:")
_MERGE_MARKS = ("=======", "<<<<<<<", ">>>>>>>")  # (asked apart: in the pattern above, they tripled its time)
_UNSHOWN = (
    ("| -", re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$", re.M), "a table (`|---|`)",
     "write it as a list, or as key figures"),
    ("~~", re.compile(r"~~(?=\S).*?\S~~", re.S), "struck text (`~~…~~`)", "delete the `~~` (a correction: `updates:`)"),
    ("[^", re.compile(r"\[\^\w+\]"), "a footnote (`[^1]`)", "put the note in the text, or the source in `sources:`"),
    ("]:", re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*\S", re.M), "a link by reference (`[1]: https://…`)",
     "its address is dropped: write the link in place, `[the report](https://…)`"),
    ("", MERGE_MARKER,
     "a merge conflict's marker (`=======`, `<<<<<<<` or `>>>>>>>`)",
     "keep the lines you want of each version, and delete the marker"),
)  # fmt: skip
_EMPTY_LINK = re.compile(r"(?<![!\\])\[\s*\]\(")  # `[](https://…)`: a link a reader cannot see
# A link's text and address apart (`[the note] (https://…)`), which Markdown shows as written, brackets and all;
# and an address with a space in it, which is not the title a link may have after it (`(https://… "title")`).
_SPACED_LINK = re.compile(r"\]\s+\((?:https?://|mailto:)")
# A title (`"…"` or `'…'`, which may hold brackets and quotes: its last quote is the one before the `)`), or
# whatever else stands after the address up to a `)`: that Python-Markdown reads as part of the address.
_SPACE_IN_ADDRESS = re.compile(
    r"""(?<!!)\[[^\]]*\]\(\s*(<?)([^)\s>]+)>?\s+(?=\S)("(?:[^"]|"(?!\s*\)))*"(?=\s*\))|'(?:[^']|'(?!\s*\)))*'(?=\s*\))|[^)]*)\)"""
)
_TITLE = re.compile(r"""(["']).*\1\s*""", re.S)

# Characters that show nothing although they are not spaces: Hangul fillers, the Braille blank, the
# Mongolian vowel separator. (Format characters and combining marks are found by their category.)
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
# What no text may hold for it shows nothing (`forbidden`; characters.py scans files for the same): the fillers,
# Khmer's inherent vowels (which Unicode says not to use) and the language tag.
BLANKS = "".join(sorted(_FILLERS)) + "\u17b4\u17b5\U000e0001"
_SILENT_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"})
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CHARACTER_REFERENCE = re.compile(r"&#(?:([0-9]{1,8})|[xX]([0-9A-Fa-f]{1,7}));?")


def unseen_in(address: str) -> str | None:
    """The first character of an address no one sees: a format or control character, a space of another width
    than the plain one (which shows, and an address's link writes as %20), a filler."""
    return next(
        (char for char in address if (unicodedata.category(char) in _UNSEEN and char != " ") or char in _FILLERS), None
    )


_UNSEEN = _SILENT_CATEGORIES - {"Mn", "Me"}  # (a mark in an address is a letter's, as in an Arabic domain)


def shows_nothing(text: str) -> bool:
    """Whether a reader would see a blank: only spaces, format characters, combining marks alone or fillers
    (also when typed as HTML references such as `&#8203;`)."""
    visible = html.unescape(text) if "&" in text else text
    return all(char in _FILLERS or unicodedata.category(char) in _SILENT_CATEGORIES for char in visible)


def forbidden(char: str) -> str | None:
    """Why a character may not stand in a text (None if it may): it is invisible and does harm."""
    if len(char) != 1:
        return None
    point = ord(char)
    if BIDI_CONTROLS.fullmatch(char):
        return (
            f"the invisible direction control U+{point:04X}, which can reorder text without showing it; "
            "delete it (the site isolates mixed-direction text itself)"
        )
    if (point < 0x20 and char not in "\t\n") or 0x7F <= point <= 0x9F:
        return f"the control character U+{point:04X}, which no page or feed can show; delete it"
    if point in (0x2028, 0x2029):
        return (
            f"the invisible line separator U+{point:04X} (pasted from a word processor); use a plain line break (in"
            " a headline or a name, a space)"
        )
    if point == 0xAD:
        return (
            "an invisible soft hyphen U+00AD (pasted from a word processor), which hides the word from search; "
            "delete it"
        )
    if point == 0xFEFF:
        return (
            "the invisible byte order mark U+FEFF (pasted from another file), which hides the word from search; "
            "delete it"
        )
    if 0x2061 <= point <= 0x2064 or 0xFFF9 <= point <= 0xFFFB or 0x1D173 <= point <= 0x1D17A:
        # Invisible operators of mathematics (`a⁢b`), interlinear annotation marks and musical format characters:
        # nothing a news text holds, and search parts a word at them (an outside tester's fuzzing)
        return f"the invisible format character U+{point:04X}, which parts a word for search; delete it"
    if char in BLANKS:  # `Khar\u180etoum` showed whole, and search had `khar` (an outside tester's fuzzing)
        return (
            f"the invisible character U+{point:04X}, which shows nothing yet parts a word for search or changes an "
            "address; delete it"
        )
    if 0xD800 <= point <= 0xDFFF:
        return f"half of a surrogate pair (U+{point:04X}), which is not a character; delete it"
    if 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE:
        return f"U+{point:04X}, which Unicode reserves as a non-character; delete it"
    return None


# A zero-width space between two letters or digits of scripts that part words with spaces (`Chi\u200bchaoua`,
# pasted from a web page or a word processor): the word shows whole but search and line breaks see two. (Thai,
# Khmer or Burmese text parts its words with it, and keeps it.)
_SPLIT_WORD = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f\u0370-\u04ff\u0600-\u06ff]\u200b+[0-9A-Za-z\u00c0-\u024f\u0370-\u04ff\u0600-\u06ff]"
)


# A zero-width space at a text's edge or beside a space or a punctuation mark, in any script: it parts nothing
# there, and is only junk a paste brought (`responded\u200b to`), which reached a page's description.
_AROUND = r"[\s!-/:-@\[-`{-~\u00a1-\u00bf\u2010-\u2027\u2030-\u205e\u3000-\u303f\u060c\u061b\u061f\u066a-\u066d\u06d4]"
_LOOSE = re.compile(rf"^\u200b|\u200b$|(?<={_AROUND})\u200b|\u200b(?={_AROUND})")


# A zero-width joiner or non-joiner between two letters of a script that never joins them (`Qzmo\u200cnday`): the
# word shows whole, and search sees two. Arabic script, Persian's half-space and the Indic scripts need them,
# and emoji sequences join with one: those keep them.
# So does any other format character there (a mark of direction, the Arabic letter mark's too, the word joiner, a
# tag character, a shorthand or hieroglyph format control: `Khar\u2060toum`, a retester's fuzzing), which no word
# of these scripts holds.
_LATIN = r"[0-9A-Za-z\u00c0-\u024f\u0370-\u04ff]"
CUTTING = re.compile("[\u061c\u200c-\u200f\u2060\U000e0020-\U000e007f\U0001bca0-\U0001bca3\U00013430-\U0001343f]")
_CUT_WORD = re.compile(rf"{_LATIN}{CUTTING.pattern}+{_LATIN}|[\u0621-\u064a][\u061c\u200e\u200f]+[\u0621-\u064a]")


def joined_words(text: str) -> list[str]:
    """Each word of Latin, Greek or Cyrillic letters a joiner or another format character cuts in two
    (`Qzmo|nday`), and of Arabic letters a direction mark does (`و|النقابة`, pasted: no word needs one there)."""
    found = []
    for match in _CUT_WORD.finditer(text):
        start, end = text.rfind(" ", 0, match.start()) + 1, text.find(" ", match.end())
        found.append(CUTTING.sub("|", text[start : len(text) if end < 0 else end]))
    return list(dict.fromkeys(found))


def split_words(text: str) -> list[str]:
    """Each word a zero-width space cuts in two without showing it (`Chi|chaoua`), or stands beside for
    nothing (`responded| to`)."""
    found = []
    for loose, match in [
        *((0, match) for match in _SPLIT_WORD.finditer(text)),
        *((1, m) for m in _LOOSE.finditer(text)),
    ]:
        start = text.rfind(" ", 0, max(match.start() - loose, 0)) + 1  # a loose one: the word before a space too
        end = text.find(" ", match.end() + loose)
        found.append(text[start : len(text) if end < 0 else end].replace("\u200b", "|"))
    return list(dict.fromkeys(found))


def referenced(match: re.Match[str]) -> str:
    """The character an HTML reference (`&#1;`, `&#x202E;`) stands for; '' for one beyond Unicode."""
    point = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    return chr(point) if 0 < point <= 0x10FFFF else ("\0" if point == 0 else "")


def refused_markup(text: str) -> list[str]:
    """What in a text is real HTML the page would not show (a tag, an attribute, a link's scheme), said for
    the editor, or so many marks that the page's Markdown would take minutes to read it (markdown_floods).

    The renderer applies the same rule (it shows such a tag as text), so `check` names exactly what a reader
    would otherwise find missing or garbled."""
    if flood := flooded(text):
        return flood
    found = [
        f"contains {what}, which the page would print as written, marks and all; {hint}"
        for needed, pattern, what, hint in (
            _UNSHOWN if _UNSHOWN_MARKS.search(text) or any(mark in text for mark in _MERGE_MARKS) else ()
        )
        if all(mark in text for mark in needed.split()) and pattern.search(CODE_SPAN.sub("", text))
    ]  # (an outside tester's table was published as a line of pipes; most texts have none of the marks, asked in C)
    if "<" not in text and "]" not in text:  # each finding is a tag, a comment or a link: most texts
        return found
    source = CODE_SPAN.sub("", text.replace("\\<", ""))
    targets = _LINK_TARGET.findall(source) + _AUTOLINK.findall(source)
    balance: dict[str, int] = {}
    for match in re.finditer(HTML_RE, source):
        raw = match.group(1)
        if raw.startswith("<!--"):
            found.append("contains an HTML comment, which the page would not show; delete it")
            continue
        tag = TAG_NAME.match(raw)
        if tag is None:
            continue
        slash, name = tag.group(1), tag.group(2).lower()
        if name in INLINE_TAGS and name != "br":
            balance[name] = balance.get(name, 0) + (-1 if slash else 1)
        if name in INLINE_TAGS:
            for attribute, value in _ATTRIBUTE.findall(raw[tag.end() :]):
                if attribute.lower() not in ATTRIBUTES.get(name, set()):
                    found.append(f"gives `<{name}>` the attribute `{attribute}`, which the page would drop; delete it")
                elif attribute.lower() == "href":
                    targets.append(html.unescape(value.strip("\"'")))
                elif attribute.lower() in ATTRIBUTE_VALUES:
                    rule, write = ATTRIBUTE_VALUES[attribute.lower()]
                    if not rule.fullmatch(given := html.unescape(value.strip("\"'"))):  # (as the page reads it)
                        said = f"gives `<{name}>` the {attribute.lower()} `{given}`, which the page would drop"
                        found.append(f"{said}; write {write}")
        elif name in HTML_ELEMENTS and not slash and (language := _GIVEN_LANGUAGE.search(raw)):
            found.append(
                f"gives a language with `<{name}>`, which the page would not show; write "
                f'`<bdi lang="{language.group(1)}">…</bdi>` to give a phrase its language'
            )
        elif name in HTML_ELEMENTS and not (slash and any(f"`<{name}>`" in line for line in found)):
            found.append(
                f"contains the HTML tag `<{slash}{name}>`, which the page would not show; delete it, "
                "or write `&lt;` for the `<` to show the bracket as text"
            )
    for name, count in balance.items():
        if count:
            missing = f"</{name}>" if count > 0 else f"<{name}>"
            found.append(f"has `<{name}>` and `</{name}>` unpaired, so the page would drop one; add the `{missing}`")
    if _IMAGE.search(source):
        found.append("contains an image (`![…](…)`), which a text cannot show; delete it")
    if _EMPTY_LINK.search(source):
        found.append(EMPTY_LINK)
    if _SPACED_LINK.search(source):
        found.append("has a space between a link's `]` and its `(`, so the page shows both as written; delete it")
    for bracket, address, more in _SPACE_IN_ADDRESS.findall(source):  # (`… 'Reuters' 2023)`: all read as the address)
        if not _TITLE.fullmatch(more):
            shown = f"{address} {more.split('>')[0] if bracket and '>' in more else more}"  # `<a b> "title"`: `a b`
            found.append(f"links to `{shown}`, an address with a space in it; write %20 for a space in it")
    mails = _AUTOMAIL.findall(source)  # (Markdown's links to an e-mail address: checked as addresses are)
    for target in [*targets, *mails]:
        if unseen := unseen_in(target):
            # (an LRM after the host dropped the link; a Braille blank in it linked to another domain: a tester's)
            found.append(
                f"links to `{target}`, whose address holds the invisible U+{ord(unseen):04X}, which sends readers "
                "elsewhere or nowhere; delete it (copied from a page, it came with the address)"
            )
        if alike := lookalike(target):  # (`exаmple.com`, its `а` Cyrillic: an outside tester's)
            found.append(f"links to `{target}`, which {alike}; type the address again")
        if target and target not in mails and not target.startswith(ALLOWED_LINK_STARTS):
            shown = target.split(":")[0] + ":" if ":" in target else target
            found.append(
                f"links to `{shown}`, which the page would not link; "
                "give a full address starting with https://, http:// or mailto:"
            )
    return found
