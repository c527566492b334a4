"""Which language a quotation is in, and whether one in the other direction's language is read whole, apart from
the sentence around it (`read_apart`, for bidi.quotations).

Told by its grammar words first: the little words every sentence of a language has and a name never is (`the`,
`to`, `we`; `في`, `من`, `على`). By its letters alone it went wrong every way an outside tester could find:
its first letter took `«Apple تطلق هاتف iPhone 16»` for English; most of its words, Latin names not counted,
took `"WE LOVE YOU مصر"`, `"How حزب الله Lost The War"` and `«Welcome to مدينة الملك عبدالله»` for Arabic
(capitals, and Arabic names, counted as an Arabic sentence's). With as many grammar words of each (none, in a
headline: `«Tesla تتراجع مجددًا»`), most of its words decide, a capitalised Latin word not counted (a name or a
brand, the first word's too, as headlines open with one: `«Nvidia تتصدر»`) unless a sentence's end comes before
it (`Proud. Grateful. Blessed.`); as many of those: the first word's, as `dir="auto"` has it.
"""

from __future__ import annotations

import re
import unicodedata

# Grammar words of the Latin-script languages newsrooms quote (English first, then French, Spanish, German).
_LATIN_WORDS = (
    "a an the and or but of to in on at for with from by as is are was were be been am it its this that these those"
    " we you he she they i me my our your his her their us them not no will can do does did have has had how what"
    " who why when where all so if than then there here just very about up out into over after before"
    " le la les et est nous je de des du un une el los las y es que en con por para der die das und ist wir ich"
    " nicht mit für"
    # and the greetings and cheers quoted in Arabic copy (`«Gracias المغرب»`, `«Thank you مصر»`: a retester's)
    " thanks thank hello welcome goodbye bye please sorry yes gracias obrigado merci danke bravo vamos allez"
)
_ARABIC_WORDS = (
    "في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين أن إن ان لا لم لن ما قد هل كان كانت هو هي نحن أنا"
    " هم كل بين بعد قبل عند حتى ثم أو بل لكن إذا كما"
)
_LATIN, _ARABIC = frozenset(_LATIN_WORDS.split()), frozenset(_ARABIC_WORDS.split())
# The articles and particles of Latin names and titles (`The Weeknd`, `Bank of America`, `Los Angeles`).
_PARTICLES = frozenset("the a an el la le les los las l de del della di da des du of von van al".split())  # noqa: SIM905
# A quotation inside it, whose words are its own (`«إنه "a deal for مصر" حقًا»`: a retester's).
_INNER = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“]*“')
_NUMBER_FIRST = re.compile(r"[^\w]*\d")  # a quotation that opens with a figure (`«٦٢٪ مقابل»`, `«$5 لكل»`)
_NUMBER_LAST = re.compile(r"\d[^\w]*$")  # one that ends with a figure and its signs (`… 0.99 €`, `… 12.5%`)


def read_apart(text: str, classes: tuple[str, ...], start: int, end: int, rtl: int) -> bool:
    """Whether a quotation is in the other direction's language (`written_left_to_right`), and holds what the
    algorithm would read apart from it: the page's letters, signs (`+212`, `$5`) or mark before more of its own
    letters (CLDR's LRM, `‎-3,2 مليون`, cut an Arabic quotation on an English page in two, its halves swapped: an
    outside tester's; an editor's RLM after its last, `Morocco.‏`, holds the stop on the page's side), or a number
    before its first word (`«62% مقابل»`) or after its last (`… وصل إلى 0.99 €`: the `€` went to the far end)."""
    if written_left_to_right(text[start:end]) is not bool(rtl):
        return False
    if _NUMBER_FIRST.match(text, start, end) or _NUMBER_LAST.search(text, start, end):
        return True
    own = {"L"} if rtl else {"R", "AL"}
    return any(
        kind in {"L", "R", "AL"} - own
        and (unicodedata.category(text[at]) != "Cf" or not own.isdisjoint(classes[at:end]))
        for at, kind in enumerate(classes[start:end], start)
    )


def written_left_to_right(quotation: str) -> bool | None:
    """Whether a quotation is in a left-to-right language (None: it has no letter; module docstring)."""
    grammar, counted, first, after_stop = [0, 0], [0, 0], None, False
    words = [(word, "".join(char for char in word if char.isalpha())) for word in _INNER.sub(" ", quotation).split()]
    words = [(word, letters) for word, letters in words if letters]
    in_name = _in_names(words)
    # A word in capitals is a grammar word only among others in capitals (`WE LOVE YOU`), not an abbreviation
    # alone (`بنحو 2 مليار US$`: `US`, read as `us`, made an Arabic quotation English, an outside tester's).
    shouted = sum(len(letters) > 1 and letters.isupper() for _, letters in words if _latin(letters)) > 1
    for index, (word, letters) in enumerate(words):
        ltr = _latin(letters)
        first = ltr if first is None else first
        if in_name[index]:
            continue
        grammar[ltr] += _grammar(letters, ltr) and (shouted or len(letters) == 1 or not letters.isupper())
        # (the first word, when an Arabic one follows: a headline opening with a brand, `«Nvidia تتصدر»`)
        opens = not after_stop and (index or (len(words) > 1 and not _latin(words[1][1])))
        named = ltr and (any(char.isupper() for char in letters[1:]) or (letters[0].isupper() and opens))
        if not named and not any(char.isdigit() for char in word):
            counted[ltr] += 1
        after_stop = word.rstrip("\"'”’»)").endswith((".", "!", "?"))
    if grammar[0] != grammar[1]:
        return grammar[1] > grammar[0]
    return first if counted[0] == counted[1] else counted[1] > counted[0]  # (None: no word)


def _in_names(words: list[tuple[str, str]]) -> list[bool]:
    """Which words belong to a Latin name or title, which counts for neither language: an article or a particle
    before a capitalised word (`The Weeknd`, `El Clásico`, `Los Angeles`, `Bank of America`, `The Lord of the
    Rings`), and a first word with a capitalised one after it (`Real Madrid يكتسح`). Counted, `«El Clásico يشعل
    الرياض»` and `«مشروع The Line يبدأ»` were English (a third retester's)."""
    titled = [_latin(letters) and letters[0].isupper() and not letters.isupper() for _, letters in words]
    found = [False] * len(words)
    for index in range(len(words) - 1, -1, -1):  # from the end: a particle before a particle of a name
        word, letters = words[index]
        ahead = index + 1 < len(words) and (titled[index + 1] or found[index + 1])
        if ahead and not word.endswith((".", "!", "?", ",", ":", ";")):
            found[index] = letters.lower() in _PARTICLES or (index == 0 and titled[0])
    return found


def _latin(letters: str) -> bool:
    return unicodedata.bidirectional(letters[0]) == "L"


def _grammar(letters: str, ltr: bool) -> bool:
    """Whether a word is one of its language's grammar words (an Arabic one with `و` or `ف` joined too: `وفي`)."""
    if ltr:
        return letters.lower() in _LATIN
    return letters in _ARABIC or (len(letters) > 2 and letters[0] in "وف" and letters[1:] in _ARABIC)
