"""The loader: texts normalised to NFC, and characters no text may hold found where they are written."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.load import parse
from generator.problems import ContentError


def problems(text: str) -> list[str]:
    """What the loader finds: raised for the file's structure, carried by the document for its texts."""
    try:
        found = parse(Path("x.yml"), text).problems
    except ContentError as error:
        found = error.problems
    return [str(problem) for problem in found]


def test_texts_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Café آمنة")
    document = parse(Path("x.yml"), f"title:\n  en: {decomposed}\n")
    assert document.data["title"]["en"] == unicodedata.normalize("NFC", "Café آمنة")
    assert document.data["title"]["en"] != decomposed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('t:\n  ar: "نص \\x07 هنا"\n', "x.yml:2:11: t.ar: writes `\\x07`, the control character U+0007"),
        ('t:\n  en: "a \\\\x07 b \\a"\n', "x.yml:2:18: t.en: writes `\\a`, the control character U+0007"),
        (
            "t:\n  en: |\n    one\n    two &#x202E; three\n",
            "x.yml:4:9: t.en: writes `&#x202E;`, the invisible direction control",
        ),
        ("t:\n  en: >\n    one\n    two\x85three\n", "x.yml:4:8: t.en: contains the control character U+0085"),
        ("t:\n  en: 'one &#65534;'\n", "x.yml:2:12: t.en: writes `&#65534;`, U+FFFE, which Unicode reserves"),
        # text that YAML itself would change: an escape completing a reference, a tag or anchor eating a word
        (
            't:\n  ar: "عنوان \\x26#7; شرح"\n',
            "x.yml:2:7: t.ar: makes `&#7;` from escapes, the control character",
        ),
        (
            "t:\n  en: !Breaking quake hits\n",
            "x.yml:2:7: t.en: starts with `!Breaking`, which YAML reads as a type tag",
        ),
        ("t:\n  en: &Co announced results\n", "x.yml:2:7: t.en: starts with `&Co`, which YAML reads as an anchor"),
        ('t:\n  en: "one\u2028two"\n', "x.yml:2:11: t.en: contains the invisible line separator"),
        # fillers and the like inside a word, raw or written as escapes (an outside tester's fuzzing)
        ('t:\n  en: "Khar\u180etoum"\n', "x.yml:2:12: t.en: contains the invisible character U+180E, which shows"),
        ('t:\n  en: "Khar\\u3164toum"\n', "x.yml:2:12: t.en: writes `\\u3164`, the invisible character U+3164"),
        ('t:\n  en: "Khar\U000e0001toum"\n', "x.yml:2:12: t.en: contains the invisible character U+E0001"),
        # a backslash of a path or a typo before a letter, which double quotes read as a line break (an outside
        # editor's `ledger\news` lost its n and broke the line)
        (
            't:\n  en: "at ledger\\news."\n',
            "x.yml:2:17: t.en: writes `\\n`, which YAML reads in double quotes as a line",
        ),
    ],
)
def test_forbidden_characters_and_dropped_words_are_located_where_written(text: str, expected: str) -> None:
    (reported,) = problems(text)
    assert reported.startswith(expected), reported


def test_a_merge_separator_alone_in_a_folded_text_is_said() -> None:
    """A merge's `=======` alone between blank lines of a `>-` text: YAML keeps it a line, Markdown made the version
    above it a heading, and the page published both (a retester's); a `|-` text's under a line is a heading."""
    (said,) = parse(Path("x.yml"), "t: >-\n  وصل كيم إلى موسكو.\n\n  =======\n\n  وصل كيم إلى فلاديفوستوك.\n").problems
    assert said.message.startswith("holds a merge conflict's marker (`=======`)") and said.field == "t"
    assert parse(Path("x.yml"), "t: |-\n  A heading\n  =======\n  text\n").problems == []


def test_an_escaped_backslash_is_no_escape() -> None:
    assert parse(Path("x.yml"), 't:\n  en: "C:\\\\x07 and &amp;#1;"\n').data == {"t": {"en": "C:\\x07 and &amp;#1;"}}
    assert parse(Path("x.yml"), 't:\n  en: "One\\nTwo, a\\\\news"\n').problems == []  # a break meant, a backslash


def test_a_list_in_a_text_whose_lines_yaml_joins_is_said_and_prose_is_not() -> None:
    """A Markdown list in a folded, plain or quoted text showed as one line on the page (an outside editor's); prose
    wrapped at a dash, a number, `>` or `+` is no list (a retester's false positives), nor is a `|-` text's list."""
    listed = [
        "t: >-\n  Loans:\n  - mortgages\n",
        't: "aims:\n  - arms\n  - food"\n',
        "t: >-\n  A\n  - b\n  - c\n  - d\n",
        "t: >-\n  - mortgages\n  - car loans\n",  # two that end the text (an outside tester's)
        "t: >-\n  Affected are\n  - mortgages\n  - car loans\n",
        "t: Affected are\n  1. mortgages\n  2. car loans\n",
        "t: >-\n  Kim wants:\n  + food\n  + technology\n",  # `+` opens an item too (an outside tester's fuzzing)
        "t: >-\n  Kim wants:\n  • food\n  • technology\n",  # and a word processor's bullet
        "t: >-\n  يريد كيم:\n  ١. الغذاء\n  ٢. التكنولوجيا\n",  # and numbers as Arabic writes them
        "t: >-\n  يريد كيم:\n  (1) الغذاء\n  (2) التكنولوجيا\n",
        "t: >-\n          أهداف الزيارة:\n          ١- الغذاء\n          ٢- التكنولوجيا\n",  # (as deep as a file's)
    ]
    for text in listed:
        (said,) = parse(Path("x.yml"), text).problems
        assert "has a line that starts a list" in said.message and said.field == "t", text
    prose = [
        "t: >-\n  The minister said\n  - speaking in Moscow -\n  - and in Kyiv - that\n  it was over.\n",
        "t: >-\n  Prices rose to\n  > 5% in a year.\n",
        "t: > \n  10. The bank said\n  it would.\n",
        "t: >-\n  Growth of\n  + 3 per cent\n",
        "t: |-\n  Loans:\n  - mortgages\n",
        "t: >-\n  Loans:\n    - mortgages\n",
        # numbers opening lines of prose (a retester's): a count as the Gulf press writes it, scores, a range
        "t: >-\n  أعلنت الوزارة تسجيل\n  (15) إصابة، وبلغت الوفيات\n  (3) حالات، فيما تعافى\n  (120) مريضًا.\n",
        "t: >-\n  انتهت المباراة بنتيجة\n  2- 1 بعد أن تقدم الزمالك\n  1- 0 في الشوط الأول\n",
        "t: >-\n  وجاء في البيان ما يلي:\n  2- 3 ملايين لاجئ عبروا الحدود.\n",
        "t: >-\n  وبلغ عدد الإصابات أمس:\n  (19) حالة، معظمها في العاصمة.\n",
        "t: >-\n  The score was 3\n  - 1 at the break\n  and then\n  - 2 at the end.\n",
    ]
    for text in prose:
        assert parse(Path("x.yml"), text).problems == [], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            't: {ar: "روسيا, en: "Russia"}\n',
            'x.yml:1:9: t.ar: opens a double quote (") that does not close where its text ends',
        ),
        ('t: {ar: "ع", en: "Governor}\n', "x.yml:1:18: t.en: opens a double quote"),
        ('t:\n  ar: "ع"\n  en:"Title"\n', "x.yml:3:3: t.en: `en:` has no space after its colon"),
        ('t: {ar:"ع", en: "T"}\n', "x.yml:1:5: t.ar: `ar:` has no space after its colon"),
        (  # a hashtag in a flow group (site.yml's topics): its bracket went with the comment (a tester's fuzzing)
            "t:\n  name: {ar: روسيا, en: Russia #RU}\n",
            "x.yml:2:32: t.name.en: has `#RU}` in it, which YAML reads as a comment, with the bracket that closes",
        ),
        (  # not the quoted text's own `#`; and before its quote is said to close early (a retester's)
            't: {ar: "قسم #روسيا", en: Section #Russia}\n',
            "x.yml:1:35: t.en: has `#Russia}` in it",
        ),
        ('p:\n  - {ar: "انظر التقرير", en: See the report #UN}\n', "x.yml:2:45: p[0].en: has `#UN}` in it"),
        ('t: {ar: "قسم #روسيا", en: "Section"\n', "x.yml:1:4: t: is not valid YAML: a group in curly brackets that"),
    ],
)
def test_a_quote_left_open_or_a_key_glued_to_its_value_is_said_where_written(text: str, expected: str) -> None:
    with pytest.raises(ContentError) as refused:
        parse(Path("x.yml"), text)
    assert str(refused.value.problems[0]).startswith(expected), str(refused.value.problems[0])


def test_an_anchor_before_quotes_loses_nothing() -> None:
    assert parse(Path("x.yml"), 't:\n  en: &name "Kim Jong Un"\n').data == {"t": {"en": "Kim Jong Un"}}


def test_the_quick_scan_flags_every_character_the_full_scan_does() -> None:
    """`characters.scan` first tests a file in one quick pass (`_QUICK`), and only reads it line by line
    if it finds something: for every character the full pattern flags, the quick one must too (up to U+FFFF
    exactly the same ones; past it, any character, which the full pattern then looks at)."""
    from generator import characters

    def quick(char: str) -> bool:
        return characters._QUICK.search(char) is not None

    for code in range(0x110000):
        char = chr(code)
        if characters._SUSPECT.search(char):
            assert quick(char), f"U+{code:04X}"
        elif code <= 0xFFFF:
            assert not quick(char), f"U+{code:04X}"


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("&amp; more news", "`&`, which YAML reads as an anchor"),
        ("&nbsp;Leading space", "`&`, which YAML reads as an anchor"),
        ("@user said", "`@`, which YAML reads as a character it keeps for itself"),
        ("`code` first", "a backquote (`), which YAML reads as a character it keeps for itself"),
        ("%20 rise", "`%`, which YAML reads as the start of a directive"),
        ("| a note", "`|`, which YAML reads as the start of a block of text"),
        ("> a quote", "`>`, which YAML reads as the start of a block of text"),
        ("- 5 points", "`-`, which YAML reads as the start of a list"),
        ("? why", "`?`, which YAML reads as the start of a key"),
        ("[Breaking] news", "`[`, which YAML reads as a list"),
        ("{x} y", "`{`, which YAML reads as a mapping"),
    ],
)
def test_a_text_opening_with_yaml_syntax_is_named_with_its_field(value: str, named: str) -> None:
    """An import's texts (an outside tester's): each got libyaml's message (`while scanning an anchor`,
    `found character that cannot start any token`) and no hint; `[Breaking] news` was named `title.en[0]`."""
    (said,) = problems(f"title:\n  en: {value}\n")
    assert said.startswith(f"x.yml:2:7: title.en: starts with {named}")
    assert said.endswith(", and cannot read the rest (put the whole text in double quotes)")


def test_an_unclosed_list_is_not_named_a_text() -> None:
    (said,) = problems("topics: [a, b\n")
    assert "is not valid YAML" in said and "starts with" not in said


def test_a_dash_in_a_block_text_is_text_not_a_glued_list_item() -> None:
    """A line of a `|` text that starts `-ملاحظة:` is text: the mistake is the key below it, indented out of line
    (the glued-dash message blamed the text, and its hint would have changed it: an independent reviewer's)."""
    text = "dek:\n  en: y\n  ar: |\n    -ملاحظة: نص\n   bad: 1\n"
    with pytest.raises(ContentError) as refused:
        parse(Path("x.yml"), text)
    (problem,) = refused.value.problems
    assert (problem.line, problem.col) == (5, 4), problem
    assert problem.message == "`bad:` is indented 3 spaces, out of line with the keys around it", problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title:\u00a0\n  ar: ع\n  en: T\n", "x.yml:1:7: has a no-break space (U+00A0) after `title:`"),
        ("title:\n  ar: ع\n \u00a0en: T\n", "x.yml:3:2: has a no-break space (U+00A0) in the line's indentation"),
    ],
)
def test_a_space_yaml_does_not_read_as_one_is_said_where_it_is(text: str, expected: str) -> None:
    """`title:` and a no-break space ended `check` and `build` in an internal error (an outside tester's fuzzing);
    one in an indentation was blamed on another line and key. Said where it is, when the file does not read."""
    with pytest.raises(ContentError) as refused:
        parse(Path("x.yml"), text)
    assert str(refused.value.problems[0]).startswith(expected), refused.value.problems
