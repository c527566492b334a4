"""A save from the browser editor keeps the file's layout and comments: only what changed is written again
(generator/kept_layout.py). Decap's file is made here as Decap makes it, from the values alone (PyYAML's dump
in the model's order stands in for js-yaml's; tests/test_editor_browser.py saves through Decap itself)."""

from __future__ import annotations

import codecs
import copy
import difflib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SEED_SLUG, container, examples, paths
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.decap_api import answer
from generator.decap_files import Files, RefusedError
from generator.kept_layout import UnreadableError, saved
from generator.load import parse

SEED = REPO / "content" / "explainers" / f"{SEED_SLUG}.yml"
BEFORE = SEED.read_bytes()
DATA = parse(SEED, BEFORE.decode("utf-8")).data


def decap(data: Any) -> bytes:
    """A file written from values alone, as Decap writes one: no comment, its own quotes and layout."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80).encode("utf-8")


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def saved_as(data: Any, before: bytes = BEFORE) -> bytes:
    written = saved(SEED, before, decap(data))
    assert written != decap(data), "fell back to Decap's file"
    assert parse(SEED, written.decode("utf-8")).data == data  # every value as sent
    return written


def test_a_changed_title_rewrites_its_line_alone_in_its_own_quotes() -> None:
    data = copy.deepcopy(DATA)
    data["title"]["ar"] += " جديد"
    lines = changed_lines(BEFORE, saved_as(data))
    assert len(lines) == 2 and lines[0].startswith('-  ar: "') and lines[1].startswith('+  ar: "')
    assert lines[1].endswith(' جديد"')


def test_an_empty_list_decap_leaves_out_stays_as_written() -> None:
    """Decap sends no empty list: a save took `sources: []` and `updates: []` out of the file, untouched (an outside
    editor's); only the changed line changes."""
    before = BEFORE.replace(b"\nsections:\n", b"\nsources: []\nformer_slugs: []\nsections:\n", 1)
    data = parse(SEED, before.decode("utf-8")).data
    assert data["sources"] == [] and data["former_slugs"] == []
    sent = {key: value for key, value in copy.deepcopy(data).items() if value != []}
    sent["title"]["en"] += " now"
    written = saved(SEED, before, decap(sent))
    assert b"\nsources: []\nformer_slugs: []\n" in written
    assert len(changed_lines(before, written)) == 2


def test_every_comment_and_the_layout_elsewhere_stay() -> None:
    note = b"# Editor's note: the second section waits on Reuters.\n"
    commented = BEFORE.replace(b"\nsections:\n", b"\n" + note + b"sections:\n")
    assert commented != BEFORE
    data = copy.deepcopy(DATA)
    data["sections"][1]["paragraphs"][0]["en"] = "A new paragraph, with: a colon."
    written = saved_as(data, commented)
    assert note in written
    assert written.startswith(b"# yaml-language-server: $schema=")
    assert len(changed_lines(commented, written)) == 2


def test_an_item_added_or_taken_out_rewrites_that_item_alone() -> None:
    added = copy.deepcopy(DATA)
    added["voices"].insert(1, {"id": "new-voice", "name": {"ar": "اسم جديد", "en": "A new name"}})
    lines = changed_lines(BEFORE, saved_as(added))
    # in the file's way with quotes: its texts double-quoted (as `new` writes them), its ids plain
    assert lines == ["+  - id: new-voice", "+    name:", '+      ar: "اسم جديد"', '+      en: "A new name"']
    taken = copy.deepcopy(DATA)
    gone = taken["voices"].pop(2)
    lines = changed_lines(BEFORE, saved_as(taken))
    assert lines[0] == f"-  - id: {gone['id']}" and all(line.startswith("-") for line in lines)


def test_a_key_added_goes_after_the_one_before_it_and_a_flow_list_stays_one_line() -> None:
    data = copy.deepcopy(DATA)
    data["topics"] = ["russia"]
    data["updated"] = "2023-09-13"
    lines = changed_lines(BEFORE, saved_as(data))
    assert "+topics: [russia]" in lines and "+updated: 2023-09-13" in lines
    assert len(lines) == 4  # each one line out, one line in


def test_a_key_added_takes_the_place_where_the_file_has_it_commented_out() -> None:
    """`new` writes the fields a file may have commented out (`# updated: …`, `# image:` and its lines): a save that
    adds one wrote it after the block before it in Decap's order (a new file from the browser had `updated:` at its
    end, and its `image:` between the source's commented fields and their block): it takes their place."""
    before = BEFORE.replace(b"\npublished:", b"\n# former_slugs: [an-old-slug]\npublished:", 1)
    before = before.replace(b"\nsource:\n", b'\nsource:\n  # publisher:\n  #   ar: "[x]"\n', 1)
    data = copy.deepcopy(DATA)
    data["former_slugs"], data["source"]["publisher"] = ["kim-visit"], {"ar": "رويترز", "en": "Reuters"}
    written = saved_as(data, before).decode("utf-8")
    assert "# former_slugs:" not in written and "# publisher:" not in written and '#   ar: "[x]"' not in written
    assert "\nslug: kim-jong-un-russia-visit\nformer_slugs: [kim-visit]\npublished:" in written
    assert "\nsource:\n  publisher:\n" in written
    assert parse(SEED, written).data == parse(SEED, decap(data).decode("utf-8")).data


def test_a_block_taken_out_leaves_no_blank_lines_behind() -> None:
    """Blocks taken from between others left their blank lines behind, three in a row, and one taken from a
    file's end left it ending in a blank line (two retesters')."""
    sent = b"slug: a\npublished: 2024-01-01\n"
    for before in (
        b"slug: a\n\npublished: 2024-01-01\n\n# the last\nsources:\n  - title: x\n",
        b"slug: a\n\n# between\nsources:\n  - title: x\n\npublished: 2024-01-01\n",
    ):
        assert saved(SEED, before, sent) == b"slug: a\n\npublished: 2024-01-01\n", before


def test_over_a_file_that_does_not_read_nothing_is_written(tmp_path: Path) -> None:
    broken = BEFORE.replace(b'  en: "Kim', b"  en: DISK: Kim", 1)
    assert broken != BEFORE
    with pytest.raises(UnreadableError, match=r"^line 10, column 11: "):
        saved(SEED, broken, decap(DATA))
    folder = tmp_path / "content" / "explainers"
    folder.mkdir(parents=True)
    (folder / SEED.name).write_bytes(broken)
    path = f"content/explainers/{SEED.name}"
    with pytest.raises(RefusedError, match="does not read as it is on disk") as refused:
        answer(Files(tmp_path), "persistEntry", {"entry": {"path": path, "raw": "slug: typed-in-an-empty-form\n"}})
    assert refused.value.status == 409 and (folder / SEED.name).read_bytes() == broken


def test_a_new_file_and_an_unchanged_one_are_written_as_they_come() -> None:
    assert saved(SEED, None, decap(DATA)) == decap(DATA)
    assert saved(SEED, BEFORE, decap(DATA)) == BEFORE  # nothing changed: not a byte


def test_the_local_backend_saves_into_the_files_layout(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "explainers"
    folder.mkdir(parents=True)
    (folder / SEED.name).write_bytes(BEFORE)
    data = copy.deepcopy(DATA)
    data["title"]["en"] = "Kim in Russia: a title the editor wrote"
    path = f"content/explainers/{SEED.name}"
    answer(Files(tmp_path), "persistEntry", {"entry": {"path": path, "raw": decap(data).decode()}})
    assert len(changed_lines(BEFORE, (folder / SEED.name).read_bytes())) == 2


TEXT = st.text(
    st.sampled_from([*"abc xyz", *"كيم في روسيا", ":", "#", "'", '"', "-", "\n", "|", ">", "[", "{", "&", "*", "!"]),
    max_size=40,
)


@st.composite
def edited(draw: st.DrawFn) -> tuple[Any, bool]:
    """The seed's values with one to three edits: a text changed, an item taken out or repeated, a key taken
    out; and whether every edit was a text changed to one that stands on one line (always kept in place)."""
    data, simple = copy.deepcopy(DATA), True
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(paths(data)[1:]))
        holder, value, kind = container(data, at), container(data, (*at, None)), draw(st.integers(0, 3))
        if isinstance(value, str) and kind < 2:
            new = draw(TEXT)
            holder[at[-1]] = new
            simple = simple and new == new.strip() and "\n" not in new and new != ""
        elif isinstance(holder, list) and kind == 2:
            holder.insert(at[-1], copy.deepcopy(value))
            simple = False
        else:
            del holder[at[-1]]
            simple = False
    return data, simple


@settings(max_examples=examples(300), deadline=None)
@given(edited())
def test_whatever_is_edited_the_file_reads_as_the_values_sent(case: tuple[Any, bool]) -> None:
    data, simple = case
    written = saved(SEED, BEFORE, decap(data))
    if written == decap(data):
        assert not simple, "a text changed on one line fell back to Decap's file"
        return
    assert parse(SEED, written.decode("utf-8")).data == data
    comments = [line for line in BEFORE.decode().splitlines() if line.lstrip().startswith("#")]
    assert all(line in written.decode() for line in comments) or not simple


def merged(before: str, change: Any, raw: bytes | None = None) -> str:
    """`before` (a file made by hand) saved with `change` made to its values: the file written, which must not be
    Decap's own and must read as Decap's values."""
    data = parse(SEED, before).data
    change(data)
    written = saved(SEED, raw if raw is not None else before.encode("utf-8"), decap(data))
    assert written != decap(data), "fell back to Decap's file"
    assert parse(SEED, written.decode("utf-8-sig").replace("\r\n", "\n")).data == data
    return written.decode("utf-8-sig")


NUMBERS = ["7.0", "+3", "1.50", "007", "0x1A", "1e3", "0o17", ".5", "true", "null", "~", "yes"]


def test_a_text_that_looks_like_a_number_stays_that_text_for_decap_too(tmp_path: Path) -> None:
    """Written plain, `7.0` was read by Decap (YAML 1.2) as 7, and its next save wrote `7`: the published key
    figure changed with no one seeing it (an independent reviewer's and an outside tester's)."""
    written = merged("title: x  # t\nfigures:\n- a\n", lambda data: data["figures"].extend(NUMBERS))
    read = tmp_path / "read.js"
    read.write_text(
        "const yaml = require(process.argv[2]); process.stdout.write(JSON.stringify("
        "yaml.parse(require('fs').readFileSync(0, 'utf8'))))",
        encoding="utf-8",
    )
    decap_yaml = str(REPO / "node_modules" / "yaml")
    found = subprocess.run(["node", read, decap_yaml], input=written, capture_output=True, text=True, check=True)
    assert json.loads(found.stdout)["figures"] == ["a", *NUMBERS]  # as Decap reads the file


def test_numbers_and_truths_decap_writes_plain_stay_plain(tmp_path: Path) -> None:
    """A map label added in the editor: Decap writes its coordinates and place plain, as numbers and a truth value.
    The save wrote them quoted (`at: ['44', '40']`, `place: 'false'`), which Decap then read as texts: its toggle
    showed `'false'` on (a string is true to it), and the list stood beside `at: [100, 62]` (a retester's)."""
    before = "topics: [north-korea, russia]\nlabels:\n  - at: [100, 62]\n    place: true\n"
    values = {"topics": ["north-korea", "russia"], "labels": [{"at": [100, 62], "place": True}]}
    values["labels"].append({"at": [44.5, 40], "place": False})
    write = tmp_path / "write.js"  # the file as Decap writes it, with its own YAML library
    write.write_text(
        "const yaml = require(process.argv[2]); process.stdout.write(yaml.stringify(JSON.parse(process.argv[3])))",
        encoding="utf-8",
    )
    decap_yaml = str(REPO / "node_modules" / "yaml")
    sent = subprocess.run(["node", write, decap_yaml, json.dumps(values)], capture_output=True, check=True).stdout
    written = saved(SEED, before.encode(), sent).decode()
    assert written == before + "  - at: [44.5, 40]\n    place: false\n", written


def test_records_added_to_an_empty_list_are_blocks_in_the_models_order() -> None:
    """`new` writes `key_figures: []`: filled in the editor, its records were one ever-longer line, keys sorted."""
    figure = {"value": "1991", "label": {"ar": "سنة", "en": "Year"}, "said_by": "a-voice"}
    written = merged("title: x\nkey_figures: []\ntopics: [a]\n", lambda data: data["key_figures"].append(figure))
    assert "key_figures:\n  - value: '1991'\n    label:\n      ar: سنة\n" in written and "topics: [a]\n" in written


def test_comments_go_with_what_was_taken_out_and_stay_with_what_was_kept() -> None:
    before = "items:\n  # about a\n  - a\n  # about b\n  - b\n  # about c\n  - c\nmap:\n  # about x\n  x: 1\n  y: 2\n"
    written = merged(before, lambda data: (data["items"].remove("b"), data["map"].pop("x")))
    assert written == "items:\n  # about a\n  - a\n  # about c\n  - c\nmap:\n  y: 2\n"
    first = "people:\n  - id: p  # the id\n    # about the name\n    name: A\n    role: R\n"
    written = merged(first, lambda data: data["people"][0].pop("id"))
    assert "# about the name\n    name: A\n    role: R\n" in written and "the id" not in written


@pytest.mark.parametrize(
    ("before", "change"),
    [
        ("title: x\nurl:   # to fill later\nend: y\n", lambda data: data.update(url="https://example.org")),
        ("title: x  # t\nitems:\n- a\n- b", lambda data: data["items"].append("c")),  # no line break at the end
        ("title: x  # t\nitems:\n- a\n- b\nend: y\n", lambda data: data.update(items=[])),
        ("items:\n  -   # the commission\n    name: A\n  - name: B\n", lambda data: data["items"][0].update(name="Z")),
        ("text: {ar: 'موسكو', en: \"Moscow\"}\n", lambda data: data["text"].update(en="Moscow, Russia")),
    ],
    ids=["empty-value-filled", "no-final-line-break", "indentless-list-emptied", "comment-after-dash", "flow-map"],
)
def test_simple_edits_of_hand_made_layouts_are_made_in_place(before: str, change: Any) -> None:
    """Each fell back to Decap's whole file, every comment lost (an outside tester's and an independent reviewer's)."""
    written = merged(before, change)
    assert sum(line not in before.splitlines() for line in written.splitlines()) <= 2, written


def test_windows_line_ends_a_byte_order_mark_and_decomposed_diacritics_stay() -> None:
    before = 'title:\r\n  ar: "مُّحَمَّد"\r\n  en: x  # a note\r\n'
    raw = codecs.BOM_UTF8 + before.encode("utf-8")
    written = saved(SEED, raw, decap({"title": {"ar": "مُّحَمَّد", "en": "y"}}))
    assert written == raw.replace(b"en: x", b"en: y")  # one value changed; the rest byte for byte


def test_a_number_written_plain_by_hand_is_kept_as_written_when_decap_sends_it_back_as_a_number() -> None:
    """Decap reads YAML 1.2, where a plain `2.50` is a number: it showed and sent back `2.5`, and a save of the
    title changed the key figure (`011`, `1e3`, `0x1F` too: an outside tester's). The file's text is kept."""
    before = b"title: a  # t\nfigures:\n- 2.50\n- 011\n- 1e3\n- 0x1F\n- .5\n"
    sent = b"title: b\nfigures:\n- 2.5\n- 11\n- 1000\n- 31\n- 0.5\n"
    assert saved(SEED, before, sent) == before.replace(b"title: a", b"title: b")


def test_an_item_taken_out_and_the_next_edited_keep_each_comment_with_its_own_item() -> None:
    """An event taken out and the next one edited in one save: the edited one was paired with the one taken out,
    whose `# referendum month` then stood on the December event (an outside tester's)."""
    before = (
        "timeline:\n"
        '  - date: "2022-07"   # referendum month\n    text: A referendum on the constitution.\n'
        '  - date: "2022-12"   # first round\n    text: The first round of the election.\n'
    )
    written = merged(before, lambda data: (data["timeline"].pop(0), data["timeline"][0].update(text="Boycotted.")))
    assert "referendum month" not in written and '"2022-12"   # first round\n    text: Boycotted.' in written


def test_an_item_moved_keeps_its_comments_and_quotes() -> None:
    """Dragged below the next one in the editor, a takeaway lost its comment and its quotes (an outside tester's)."""
    before = 'items:\n  # first\n  - "One."   # about one\n  # second\n  - "Two."\n'
    written = merged(before, lambda data: data["items"].reverse())
    assert written == 'items:\n  # second\n  - "Two."\n  # first\n  - "One."   # about one\n'


def test_a_folded_paragraph_changed_is_folded_again_at_its_width() -> None:
    """A hand-folded `>-` paragraph with one word changed became one long line (an outside tester's)."""
    before = "dek:\n  en: >-\n    Securing food shipments and the transfer of military technology expertise\n"
    before += "    that would help support plans to build weapons.\n"
    written = merged(before, lambda data: data["dek"].update(en=data["dek"]["en"].replace("Securing", "Getting")))
    lines = written.splitlines()  # (folded as YAML folds: a line ends at the first space past the width)
    assert lines[:3] == ["dek:", "  en: >-", lines[2]] and lines[2].startswith("    Getting food")
    assert len(lines) == 4 and max(map(len, lines)) <= 78 + 5


@pytest.mark.parametrize(
    ("file", "added"),
    [
        (  # indented by four, lists under their keys: what is added is too
            "title:\n    ar: ع\n    en: T\ntakeaways:\n    -   text:\n            ar: أ\n            en: A\n",
            "    -   text:\n            ar: ب\n            en: B\n        tags:\n            - x\n",
        ),
        (  # lists flush under their keys, as PyYAML writes: kept so
            "title:\n  ar: ع\n  en: T  # as the wire has it\ntakeaways:\n- text:\n    ar: أ\n    en: A\n",
            "- text:\n    ar: ب\n    en: B\n  tags:\n  - x\n",
        ),
        (  # indented by four, an item's keys two past its `-`, as written by hand (an independent reviewer's)
            "title:\n    ar: ع\n    en: T\ntakeaways:\n    - text:\n          ar: أ\n          en: A\n",
            "    - text:\n          ar: ب\n          en: B\n      tags:\n          - x\n",
        ),
    ],
    ids=["four-spaces", "lists-flush", "four-spaces-dash-two"],
)
def test_entries_added_are_laid_out_as_the_file_is(file: str, added: str) -> None:
    """Entries added to a file indented by four were written indented by two, their lists flush under their keys
    (a tester's and an independent reviewer's): they take the file's step and its way with lists."""
    written = merged(file, lambda data: data["takeaways"].append({"text": {"ar": "ب", "en": "B"}, "tags": ["x"]}))
    assert written == file + added


def test_two_equal_items_moved_at_once_each_keep_their_own_lines() -> None:
    """Two equal items moved in one save took the first one's lines twice, the second's comment lost (an
    independent reviewer's): each is moved with its own."""
    before = "title: x\ntopics:\n  - north-korea\n  # one\n  - russia\n  - ukraine\n  # two\n  - russia\n"
    written = merged(before, lambda data: data.update(topics=["russia", "russia", "north-korea", "ukraine"]))
    assert written.count("# one\n") == 1 and written.count("# two\n") == 1, written


def test_a_comment_after_a_text_made_several_lines_stays_on_its_line() -> None:
    """A comment after a text, on its line, was read as the text's last words once the editor gave it a second
    paragraph: the result was refused and Decap's file written, every comment lost (a retester's). It goes on
    the block's first line, and the block's blank line has no trailing spaces."""
    before = 'title:\n  ar: "ع"  # the desk\'s\n  en: "Para"  # checked against the wire\n'
    written = merged(before, lambda data: data["title"].update(en="Line one\n\nLine two"))
    assert (
        written
        == 'title:\n  ar: "ع"  # the desk\'s\n  en: |-  # checked against the wire\n    Line one\n\n    Line two\n'
    )


@pytest.mark.parametrize(
    ("file", "added"),
    [
        # most texts double-quoted, beside plain ids, dates, figures and folded paragraphs (which are not counted)
        (
            'slug: x\ndate: 2023-09-12\nat: [1, 2]\ntitle:\n  ar: "عنوان هنا"\n  en: "A title here"\n'
            'dek:\n  en: >-\n    One\n    two\nvoices:\n  - id: one\n    name:\n      ar: "اسم"\n      en: "A Name"\n',
            '  - id: two\n    name:\n      ar: "اسم آخر"\n      en: "Armenia"\n',
        ),
        (
            "title:\n  ar: 'عنوان هنا'\n  en: 'A title here'\nvoices:\n  - id: one\n",
            "  - id: two\n    name: 'Another Name'\n",
        ),
    ],
    ids=["double", "single"],
)
def test_texts_added_take_the_files_quotes(file: str, added: str) -> None:
    """Texts a save added were unquoted in a file of quoted ones (`new` writes them double-quoted), a one-word
    English text beside its quoted Arabic, and a file of single-quoted texts got none (a retester's)."""
    voice: dict[str, Any] = {"id": "two", "name": {"ar": "اسم آخر", "en": "Armenia"}} if "A Name" in file else {}
    voice = voice or {"id": "two", "name": "Another Name"}
    written = merged(file, lambda data: data["voices"].append(voice))
    assert written == file + added, written


def test_a_short_list_added_is_on_one_line_where_the_files_are() -> None:
    """A map label added had its coordinates as a block list beside `at: [100, 62]` above it (a retester's): a list
    of words or figures is written on one line where most of the file's are, as `new` writes `topics: [a, b]`."""
    before = "topics: [north-korea, russia]\nlabels:\n  - at: [100, 62]\n    place: true\n"
    written = merged(before, lambda data: data["labels"].append({"at": ["44", "40"], "place": "true"}))
    assert written == before + "  - at: ['44', '40']\n    place: 'true'\n", written
    block = "topics:\n  - north-korea\nlabels:\n  - at:\n      - '100'\n"
    assert merged(block, lambda data: data["labels"].append({"at": ["44"]})) == block + "  - at:\n      - '44'\n"
