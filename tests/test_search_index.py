"""What the index takes from a page: the marked part's words, weighed by where they stand, nothing else.

Pages here are written by hand to reach what the project's templates never do (comments, scripts, words cut
by inline markup, a template without `<meta charset>`), since a newsroom's own templates may.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO
from hypothesis import example, given
from hypothesis import strategies as st

from generator import search_index, search_shards, search_spelling, search_terms

PAGE = '<!doctype html><html lang="{lang}"><head>{head}<title>Tab title</title></head><body>{body}</body></html>'


def indexed(body: str, lang: str = "en", head: str = '<meta charset="utf-8">') -> search_index.Indexed:
    page = search_index.read_page(PAGE.format(lang=lang, head=head, body=body).encode("utf-8"), "en/x/", lang)
    assert page is not None
    return page


def test_only_the_marked_part_less_what_it_leaves_out() -> None:
    page = indexed(
        "<nav>Home Topics</nav><article data-search-body><h1>Harbour cranes</h1>"
        "<p class='meta' data-search-ignore>Published 12 September</p><p>Dockers unload ships.</p>"
        "<script>var hidden = 1;</script><!-- a comment --></article><footer>Footer words</footer>"
    )
    assert set(page.terms) == {"harbour", "crane", "docker", "unload", "ship"}
    assert (page.url, page.words) == ("en/x/", 5)


def test_the_pages_own_date_is_searched_though_its_line_is_left_out() -> None:
    """`Bardo 2015` found no page: the date under the title was a label's line (an archive reader's). Its words are
    terms, at a text's weight; not words of the page, which its excerpts never show (the browser's reading)."""
    page = indexed(
        "<article data-search-body><h1>Harbour cranes</h1><p class='meta' data-search-ignore>Published"
        " <time data-search-date datetime='2021-10-02'>2 October 2021</time> · 3 min</p><p>Dockers.</p>"
        "<p data-search-ignore><time data-search-date>4 May 1999</time></p></article>"
    )
    assert set(page.terms) == {"harbour", "crane", "docker", "2", "octob", "2021"}
    assert page.terms["2021"] == 5 and page.terms["octob"] == 1 and page.words == 3  # the year as an <h3>'s


def test_a_word_weighs_by_its_heading() -> None:
    page = indexed(
        "<article data-search-body><h1>water</h1><h2>water</h2><h3>water</h3><h6>water</h6>"
        "<p>water <em>water</em></p></article>"
    )
    assert page.terms == {"water": 7 + 6 + 5 + 2 + 1 + 1}


def test_blocks_part_words_and_inline_markup_does_not() -> None:
    page = indexed("<article data-search-body><p>sea</p><p>wall</p><p>un<em>believ</em>able</p>li<br>ne</article>")
    assert set(page.terms) == {"sea", "wall", "unbeliev", "li", "ne"}
    heading = indexed("<article data-search-body><span>sea<h2>gull</h2>wall</span></article>")
    assert heading.terms == {"sea": 1, "gull": 6, "wall": 1} and heading.words == 3


def test_a_page_without_a_charset_is_read_as_utf8() -> None:
    page = indexed("<article data-search-body><p>الميناء</p></article>", lang="ar", head="")
    assert "ميناء" in page.terms and page.words == 1


def test_a_page_with_nothing_marked_gives_nothing() -> None:
    assert search_index.read_page(PAGE.format(lang="en", head="", body="<p>x</p>").encode(), "en/x/", "en") is None


def test_arabic_words_keep_their_marks_and_are_indexed_under_their_forms() -> None:
    page = indexed("<article data-search-body><p>شعروا بالهزّة لعائلة</p></article>", lang="ar")
    # ئ as ي and ء (not as the other seat's و: `ذوب` found `ذئب`, a retester's); ة as ه
    assert set(page.terms) == {"شعروا", "هزه", "لعايله", "عايله", "لعاءله", "عاءله"}
    assert search_terms.words("بالهزّة F-16_x") == ["بالهزّة", "F", "16", "x"]


def test_chunks_hold_every_term_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks cut where their size says, in JavaScript's order of strings (UTF-16 units: an astral letter
    before U+FA0E), each listed with its first term; every term's postings are where the list says."""
    monkeypatch.setattr(search_index, "CHUNK_BYTES", 40)
    words = ["zebra", "apple", "\U00010428lpha", "\ufa0ex", "mango", "kiwi", "أمل", "banana"]
    pages = [indexed(f"<article data-search-body><p>{' '.join(words[n:])}</p></article>") for n in range(3)]
    assert search_index.write_shard(pages, tmp_path / "shard") == (3, sum(page.words for page in pages))
    meta = json.loads((tmp_path / "shard" / "meta.json").read_text(encoding="utf-8"))
    assert len(meta["chunks"]) > 2
    order: list[str] = []
    for first, name in meta["chunks"]:
        chunk = json.loads((tmp_path / "shard" / name).read_text(encoding="utf-8"))
        assert next(iter(chunk)) == first
        order += chunk
    assert order == sorted(order, key=lambda term: term.encode("utf-16-be"))
    astral, high = (next(term for term in order if term[0] == letter) for letter in ("\U00010428", "\ufa0e"))
    assert order.index(astral) < order.index(high), "JavaScript's order, not Python's"


@given(st.text(st.characters(max_codepoint=0xFFFF), max_size=60))
@example("Kim's_ x's y’S\u0301 snake_case 's ٢٠٢٣'s")
@example("وYahoo وَEU الـiPhone 2,946 ٢٬٩٤٦ 1.234.567 1.234 _2,946 ﻻx")
def test_the_two_word_patterns_find_the_same_words(text: str) -> None:
    """Text of the Basic Multilingual Plane is split by a pattern of ranges alone (search_terms._word_patterns,
    for speed): it finds the words the pattern for any text finds."""
    basic, every = search_terms._word_patterns()
    assert basic.findall(text) == every.findall(text)


@given(st.text(max_size=60))
def test_any_text_is_read_without_error(text: str) -> None:
    """Whatever an editor writes (escaped as the templates escape it), the page is read and its words found."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\x00", "")
    html = PAGE.format(lang="en", head="", body=f"<article data-search-body><p>{escaped}</p></article>")
    page = indexed(f"<article data-search-body><p>{escaped}</p></article>")
    read = lxml.html.document_fromstring(html.encode(), parser=lxml.html.HTMLParser(encoding="utf-8"))
    assert page.words == len(search_terms.words(read.find(".//article").text_content()))


@pytest.mark.parametrize("tag", ['<html lang="ar">', "<html lang='ar'>", "<html dir=rtl lang=ar>", '<HTML LANG="ar">'])
def test_a_pages_language_is_read_however_its_attribute_is_written(tmp_path: Path, tag: str) -> None:
    (tmp_path / "ar" / "x").mkdir(parents=True)
    (tmp_path / "ar" / "x" / "index.html").write_text(f"{tag}<body><article data-search-body><p>ماء</p></article>")
    (page,) = search_shards.read_pages(tmp_path)
    assert page.language == "ar"


@given(st.text(st.sampled_from("وفعلىيهاكمنةأإبالـَّ"), max_size=8))
@example("علية")
def test_an_arabic_word_normalised_twice_is_normalised_once(word: str) -> None:
    """An indexed form is a normalised word normalised again (search_spelling.forms): the two must agree, or a
    query's key would miss the page's (the name علية, read with ه, is the preposition's عليه either way)."""
    once = search_spelling.normalise(word)
    assert search_spelling.normalise(once) == once


def test_the_name_ali_is_not_the_preposition_ala() -> None:
    """`علي` found every page saying على, عليه or عليها (an outside tester's 147 results): the preposition keeps
    its ى, with a pronoun too, so the name is a term of its own and no start of the preposition's."""
    preposition = set().union(*(search_spelling.forms(word) for word in ["على", "عَلَى", "وعلى", "عليها", "وعليهم"]))
    assert preposition == {"على", "وعلى", "علىها", "علىهم", "وعلىهم"}
    assert search_spelling.forms("علي") == search_spelling.forms("عليّ") == {search_spelling.key("علي")} == {"علي"}


def test_digits_and_persian_letters_are_read_as_readers_type_them() -> None:
    assert search_terms.terms("٢٠٢٣", "ar") == search_terms.terms("۲۰۲۳", "en") == ("2023",)
    assert search_terms.terms("ایران", "ar") == search_terms.terms("إيران", "ar")
    assert search_terms.words("Kim's war, Kim’s") == ["Kim's", "war", "Kim’s"]
    assert search_terms.terms("Kim’s", "en") == search_terms.terms("Kim", "en") == ("kim",)


def test_accents_of_latin_letters_are_folded() -> None:
    """`naive` finds `naïve`, `istanbul` `İstanbul`, `finance` the ligature `ﬁnance`, NFC or NFD alike."""
    assert search_terms.terms("naïve", "en") == search_terms.terms("naive", "en")
    assert search_terms.terms("İstanbul", "fr") == ("istanbul",)
    assert search_terms.terms("ﬁnance", "en") == search_terms.terms("finance", "en")
    assert search_terms.terms("cafe\u0301", "fr") == search_terms.terms("caf\u00e9", "fr") == ("cafe",)


def test_a_part_inside_another_or_inside_one_left_out_is_not_read_again() -> None:
    nested = indexed("<article data-search-body><p>water</p><div data-search-body><p>well</p></div></article>")
    assert nested.terms == {"water": 1, "well": 1}
    ignored = indexed(
        "<article data-search-body><p>water</p></article><aside data-search-ignore><div data-search-body>"
        "<p>label</p></div></aside>"
    )
    assert ignored.terms == {"water": 1}


def test_latin_words_joined_to_an_arabic_prefix_are_words_apart() -> None:
    """Arabic letters and those of another script (or digits) joined: a word each, so `Yahoo` finds `وYahoo`;
    the Arabic word's marks stay with it, and Latin letters and digits together stay one word (`COP28`)."""
    assert search_terms.words("وYahoo وEU وJavaScript الـiPhone وَYahoo و2023 كوفيد19 COP28") == [
        *("و", "Yahoo", "و", "EU", "و", "JavaScript", "الـ", "iPhone", "وَ", "Yahoo", "و", "2023"),
        *("كوفيد", "19", "COP28"),
    ]
    page = indexed("<article data-search-body><p>أعلنت و<bdi>Yahoo</bdi> وEU</p></article>", lang="ar")
    assert {"yahoo", "eu", "و"} <= set(page.terms) and page.words == 5


def test_a_number_with_group_separators_is_one_word_found_without_them() -> None:
    """`2,946` and `٢٬٩٤٦` are one word each, indexed as 2946; dots group only as `1.234.567` (one dot is a
    decimal point in English: `6.8` is one word, the term 6.8, as `٦٫٨` is), and every group after the first has
    three digits. Any other comma between digits is a decimal comma (`4,9` in French, `1,2345`): one word, the
    term 4.9 (its `9` was a word apart, an outside tester's)."""
    text = "2,946 ٢٬٩٤٦ 115,000 1,000,000 1.234.567 1.234 6.8 ٦٫٨ 1,2345 12345,678 x1,234 2,946km 1.23.45 4,9 m"
    assert search_terms.words(text) == [
        *("2,946", "٢٬٩٤٦", "115,000", "1,000,000", "1.234.567", "1.234", "6.8", "٦٫٨", "1,2345"),
        *("12345", "678", "x1", "234", "2,946", "km", "1", "23.45", "4,9", "m"),
    ]
    assert search_terms.terms("6.8", "en") == search_terms.terms("٦٫٨", "ar") == ("6.8",)
    assert search_terms.terms("4,9", "fr") == search_terms.terms("4.9", "fr") == ("4.9",)
    assert search_terms.terms("95.50", "en") == ("95.5",) and search_terms.terms("6.0", "en") == ("6",)


def test_initials_are_one_word_found_as_readers_type_them() -> None:
    """`U.S.` is the term of `US`; letters either side of `&` stay together (`S&P` is not an S and a P, which
    matched every s- and p-word's page)."""
    words = search_terms.words("The U.S. and S&P 500, AT&T's Q&A; U.Sanctions, Tom & Jerry")
    assert words == ["The", "U.S", "and", "S&P", "500", "AT&T's", "Q&A", "U", "Sanctions", "Tom", "Jerry"]
    assert [search_terms.terms(word, "en")[0] for word in ("U.S", "US", "S&P", "AT&T's")] == ["us", "us", "s&p", "at&t"]
    for word, language in (("2,946", "en"), ("٢٬٩٤٦", "ar"), ("۲٬۹۴۶", "fr"), ("2946", "ar")):
        assert search_terms.terms(word, language) == ("2946",), word
    assert search_terms.terms("1.234.567", "en") == ("1234567",)
    # a programming language's name is one word, not the letter `C` of every `°C` (an outside tester's)
    assert search_terms.words("C++, C# and F# at 30°C; C++17") == ["C++", "C#", "and", "F#", "at", "30", "C", "C++17"]
    assert [search_terms.terms(word, "en")[0] for word in ("C++", "C#")] == ["c++", "c#"]
    page = indexed("<article data-search-body><p>Output fell by 115,000 barrels.</p></article>")
    assert "115000" in page.terms and page.words == 5


def test_words_a_reader_may_type_joined_or_apart_are_found_either_way() -> None:
    """`O'Neill`, `Sana'a`, `Qur'an` are one word each, found by `ONeill`, `Sanaa`, `Quran` (split at the
    apostrophe, `Sanaa` found nothing) and by their parts; `10km` by `10` and `km`; a page's `10 km`, `9 a.m.`,
    `40 °C` by `10km`, `9am`, `40C` (search_terms.terms, search_terms.joined)."""
    words = search_terms.words("O'Neill's Sana'a and Qur’an, 'quoted'")
    assert words == ["O'Neill's", "Sana'a", "and", "Qur’an", "quoted"]
    for page_word, query_word, language in (
        ("O'Neill", "ONeill", "en"),
        ("O'Neill's", "Neill", "en"),
        ("Sana'a", "Sanaa", "en"),
        ("Sana’a", "Sana", "ar"),
        ("Qur'an", "Quran", "ar"),
        ("10km", "10", "en"),
        ("10km", "km", "en"),
        ("COP28", "COP", "ar"),
    ):
        assert search_terms.terms(query_word, language)[0] in search_terms.terms(page_word, language), page_word
    # a number's ordinal or decade suffix is no unit: `30th` is not found by `30`, nor `1990s` by `1990`
    assert search_terms.terms("30th", "en") == ("30th",) and search_terms.terms("1990's", "en") == ("1990s",)
    text = "It fell 10 km away at 9 a.m. (40 °C, 41°C), 5 bn; 1,500 km, 6.5 km and ١٠ km; in 2023 the 10 million"
    # (`2023 the` too: any short word may be a unit, and a term no reader types costs a few bytes)
    assert search_terms.joined(text) == ["10km", "9am", "40C", "41C", "5bn", "١٠km", "2023the"]
    page = indexed(f"<article data-search-body><h2>At 9 a.m.</h2><p>{text}</p></article>")
    assert page.terms["9am"] == 6 + 1 and page.terms["10km"] == 2 and page.terms["40c"] == 1  # `١٠ km` is `10km`
    assert page.words == len(search_terms.words("At 9 a.m. " + text))  # joined words are no more words


def test_a_joiner_inside_an_arabic_word_keeps_it_one_word() -> None:
    """A zero-width joiner or non-joiner changes a letter's shape, not the word: `لا\u200dبد` was two words, found
    by neither `لابد` nor anything else a reader types (an outside tester's import)."""
    assert search_terms.words("لا\u200dبد من الحل، می\u200cخواهم") == ["لا\u200dبد", "من", "الحل", "می\u200cخواهم"]
    assert search_terms.terms("لا\u200dبد", "ar") == search_terms.terms("لابد", "ar")
    assert search_terms.terms("می\u200cخواهم", "ar") == search_terms.terms("میخواهم", "ar")


def test_a_word_in_capitals_is_also_indexed_as_written_in_capitals() -> None:
    """`UN` found Kim Jong `Un`, and `US` the `us` of a quotation: a word of two to four capitals, dots between
    or not, possessive or not, is also indexed under its term marked, which a query in capitals asks first."""
    marked = search_terms.CAPITALS
    for word, term in [("UN", "un"), ("U.S", "us"), ("UN's", "un"), ("NATO", "nato"), ("ΕΕ", "εε"), ("WHO", "who")]:
        assert search_terms.terms(word, "en") == (term, marked + term)
    # the term of the word without its possessive (an outside tester's `EU's` was `^eus`, which `EU` missed)
    assert search_terms.terms("EU's", "en") == ("eus", "eu", marked + "eu")
    assert search_terms.terms("WHO’s", "en")[-1] == marked + "who"
    for word in ["Un", "us", "Nato", "KOREA", "S&P", "U", "G20", "COP28", "Ǆa"]:
        assert not any(term.startswith(marked) for term in search_terms.terms(word, "en")), word


def test_numbers_joined_by_hyphens_are_one_term_with_them() -> None:
    """A score, a date or a range (`7-2`) is also one term with its hyphens, in Western digits: the query `2-1`
    had found every `21`. It is not joined as words are (`F-16`: `F16`), and an identifier is joined whole."""
    text = "won 7-2 on 2023-09-10, ٩–١٠ and 1,5-2; F-16; ٠٥٠-\u200e١٢٣-\u200e٤٥٦٧ in CVE-2023-1234, a 10-year plan"
    assert search_terms.joined(text)[:3] == ["7-2", "2023-09-10", "9-10"]
    assert "050-123-4567" in search_terms.joined(text)  # with the marks `digits: arab` holds a phone's groups by
    page = indexed(f"<article data-search-body><p>{text}</p></article>")
    assert page.terms["7-2"] == 1 and "72" not in page.terms and "5-2" not in page.terms
    assert {"f16", "cve20231234", "10year"} <= set(page.terms) and "20230910" not in page.terms
    # a decimal number's point inside a hyphenated word (an outside tester's), and in a range of numbers, where
    # the query `1.5-2` keeps it whole (a retester's found nothing); a decimal comma is a point there
    assert search_terms.joined("the 1.5-degree goal, 1.5-2 km") == ["1.5-2", "2km", "1.5degree"]
    assert search_terms.joined("rose 1,5–2.50 and 1,000-2,000") == ["1.5-2.5", "1000-2000"]
    assert search_terms.joined("قال عبد الفتاح ومعبد الأقصر وعبد الله") == ["وعبدالله", "عبدالفتاح"]


def test_shards_of_an_earlier_format_are_not_reused() -> None:
    """The words of a page changed (above): the format in every shard's recipe says so."""
    assert search_index.FORMAT == 17


@pytest.mark.parametrize("refused", ["chunk", "meta"])
def test_a_file_of_the_index_the_disk_refuses_is_named(tmp_path: Path, refused: str) -> None:
    """A full disk said "no space left on device" and no file, where the index wrote its chunks with
    `write_bytes`, whose close raised the error (an outside tester's, with a real tmpfs): the system's limit on a
    file's size refuses the bytes as a full disk does, here a chunk's (each under 24 KB) or the list of pages."""
    limit = 2_000 if refused == "chunk" else 60_000
    script = (
        "import resource, signal, sys; from pathlib import Path; from generator.search_index import Indexed,"
        " write_shard\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "pages = [Indexed({f'w{n}': 1}, 1, f'/en/explainer-of-a-long-name-{n}/') for n in range(2000)]\n"
        "try:\n    write_shard(pages, Path(sys.argv[1]))\nexcept OSError as error:\n    print(error.filename)\n"
    )
    folder = tmp_path / "en-2023"
    done = subprocess.run([sys.executable, "-c", script, str(folder)], cwd=REPO, capture_output=True, text=True)
    named = Path(done.stdout.strip())
    assert named.parent == folder, done.stdout + done.stderr
    assert named.name.startswith("chunk-") if refused == "chunk" else named.name == "meta.json"
