"""`check`'s warnings kept between runs (.cache/check.json): the same as worked out afresh, worked out again for
a file or a record that changed, and never taken from a file this code did not write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import SEED_SLUG, copy_project

from generator import check_warnings
from generator.cli import main


def test_kept_warnings_are_those_worked_out_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 1,000 explainers `check` with nothing changed took 5.2 s of CPU reading every file for its warnings,
    0.95 s with them kept; an outside tester's 3,650 took 10 s."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.write_text(seed.read_text("utf-8").replace("The visit and its context", "The visit, and its context", 1))
    assert main(["check"]) == 0
    afresh = capsys.readouterr().out
    assert "the English changed after the Arabic was reviewed" in afresh
    assert (project.root / ".cache" / "check.json").is_file()

    parsed: list[Path] = []
    real = check_warnings.parse

    def parse(path: Path, text: str) -> object:
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(check_warnings, "parse", parse)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == afresh and parsed == []  # as kept: not parsed again
    assert main(["mark-reviewed", str(seed)]) == 0  # the record changed: its warnings are worked out again
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "All clear" in capsys.readouterr().out and parsed == [seed]
    kept = project.root / ".cache" / "check.json"
    data = json.loads(kept.read_text("utf-8"))
    (key,) = [key for key in data["files"] if key.startswith(f"content/explainers/{SEED_SLUG}.yml ")]
    # not as this code writes it:
    data["files"][key] = {"translations": "all clear", "others": [], "dates": [], "never": []}
    kept.write_text(json.dumps(data), encoding="utf-8")
    parsed.clear()
    assert main(["check"]) == 0  # the file is taken whole or not at all: the seed's warnings are worked out again
    assert "All clear" in capsys.readouterr().out and parsed == [seed]


def test_strings_of_a_language_the_site_lacks_are_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`strings/fa.yml` with no Persian in site.yml (added too soon, or left when the language went) was said
    nothing of (an outside tester's): `check` warns, and passes."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    (project.content / "strings" / "fa.yml").write_text("site_title: نمونه\n", encoding="utf-8")
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    assert (
        "content/strings/fa.yml:1:1: holds the interface strings of `fa`, which is not a language of the site" in said
    )
    assert "strings/ar.yml" not in said and "strings/en.yml" not in said


def test_interface_strings_left_out_are_warned_of_as_no_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newsroom's own strings file from before `search_most_words` was added showed "12 results" where no page
    had every word, said nothing of (an outside tester's): `check` warns, counted as a warning, not a translation."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    english = project.content / "strings" / "en.yml"
    text, written = english.read_text("utf-8"), re.compile(r"^search_most_words:\n(?:  .*\n)+", re.MULTILINE)
    assert written.search(text)
    english.write_text(written.sub("", text), "utf-8")
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    left_out = "search_most_words: is not written: `search_results` is shown in its place"
    assert f"content/strings/en.yml:1:1: {left_out}" in said
    assert said.splitlines()[-1] == "1 warning to look at." and "strings/ar.yml" not in said


def checked_with_first_takeaway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arabic: str) -> None:
    """`check` run in a copy of the project whose seed's first takeaway says `arabic` in Arabic."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    takeaway = text.split("takeaways:\n  - text:\n      ar: ", 1)[1].split("\n", 1)[0]
    seed.write_text(text.replace(takeaway, json.dumps(arabic, ensure_ascii=False), 1), encoding="utf-8")
    main(["check"])


@pytest.mark.parametrize(
    ("arabic", "warned"),
    [
        # an outside tester's: an English sentence left after the Arabic one, and a headline after `عاجل:`
        ("صوّت الناخبون بكثافة أقل. Voters in large cities turned out less than in villages, officials said.", 12),
        ("عاجل: Morocco's 2021 election: the RNI leads with 102 seats as the PJD collapses", 11),
        ("قالت منظمة United Nations Educational, Scientific and Cultural Organization إن", 0),  # a name, 7 words
        ('قال: <bdi lang="en">We will never accept a deal that leaves our people hungry</bdi> أمس', 0),  # marked
        ("Kim Jong Un visits Russia to meet Vladimir Putin in the Far East", 0),  # no Arabic: check's error
        ("تُضاف إليها حروف مثل a b c d e f g h i j في الأبجدية", 0),  # a list of letters is no sentence
    ],
)
def test_a_sentence_left_in_another_languages_letters_is_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], arabic: str, warned: int
) -> None:
    """An English sentence inside an Arabic text passed `check` as mixed text (an outside tester's): words in a
    row in another site language's letters, eight or more, are a translation to look at; a name is shorter, and a
    quotation marked with its language is kept as said."""
    checked_with_first_takeaway(tmp_path, monkeypatch, arabic)
    said = capsys.readouterr()
    found = [line for line in said.out.splitlines() if "in a row in Latin letters" in line]
    if warned:
        assert len(found) == 1 and found[0].startswith("content/explainers/")
        assert f"takeaways[0].text.ar: has {warned} words in a row in Latin letters" in found[0]
        assert "is it English left untranslated?" in found[0] and '<bdi lang="en">' in found[0]
    else:
        assert not found, found


def test_an_arabic_quotation_in_english_is_told_to_be_marked_arabic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint named `lang="en"` whatever the run's language: followed, an Arabic verse in English text was
    published as English (an independent reviewer's). It names the run's language."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    takeaway = text.split("takeaways:\n  - text:\n      ar: ", 1)[1].split("\n", 2)[1].split("en: ", 1)[1]
    verse = "The verse reads: إِنَّا أَنزَلْنَاهُ فِي لَيْلَةِ الْقَدْرِ وَمَا أَدْرَاكَ مَا لَيْلَةُ الْقَدْرِ (97:1-2)."
    seed.write_text(text.replace(takeaway, json.dumps(verse, ensure_ascii=False), 1), encoding="utf-8")
    main(["check"])
    (found,) = [line for line in capsys.readouterr().out.splitlines() if "in a row in Arabic letters" in line]
    assert "takeaways[0].text.en:" in found and "is it Arabic left untranslated?" in found
    assert '<bdi lang="ar">' in found


PDF = "in the presentation forms of its letters, as text copied from a PDF is (type it, or paste"
PASTE = "its letters; if that reads backwards, type it)"


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        (
            "للاستفسار: press.office@example.org أو https://example.org/report/2023.",
            "(make it a link: <press.office@example.org>)",
        ),
        ("التفاصيل على www.oncf.ma، قبل الموعد.", "(make it a link: [www.oncf.ma](https://www.oncf.ma))"),
        ("التفاصيل على <https://example.org/report> و[الموقع](https://example.org).", None),
        ("الأمر `curl https://example.org/x` يجلب الملف.", None),
        # the advice as it must be followed (an outside tester's fuzzing): not the emphasis after it, its brackets
        # kept, not the Arabic `و` before it, its scheme in lower case; a link whose text holds brackets is one
        ("اقرأ **https://example.org/a** اليوم.", "(make it a link: <https://example.org/a>)"),
        (
            "انظر https://en.wikipedia.org/wiki/Kim_(surname) الآن.",
            "(make it a link: <https://en.wikipedia.org/wiki/Kim_(surname)>)",
        ),
        ("راسلوا وpress@example.org الآن.", "(make it a link: <press@example.org>)"),
        ("اقرأ HTTPS://reuters.com/x اليوم.", "(make it a link: <https://reuters.com/x>)"),
        ("انظر [التقرير [الكبير]](https://example.org/r) الآن.", None),
        # Arabic copied from a PDF, in its letters' presentation forms (an outside tester's fuzzing)
        (
            "بدأ ﺯﻳﺎﺭﺓ ﻛﻴﻢ إلى روسيا.",
            f"`ﺯﻳﺎﺭﺓ` {PDF} `زيارة`, {PASTE}",
        ),
        (
            "ﻓﻲ موسكو.",
            f"`ﻓﻲ` {PDF} `في`, {PASTE}",
        ),
        (
            "قال: ﴿وما أدراك﴾ والحمد ﷲ، وصلى الله عليه ﷺ، وقال عمر ﵁ إن الفتحة ﹶ.",
            None,
        ),  # ornate brackets, ligatures of words: on purpose
    ],
)
def test_a_text_a_reader_cannot_use_as_written_is_warned_of(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    written: str,
    warned: str | None,
) -> None:
    """A web or e-mail address typed as text was shown but could not be tapped on a phone, where a reader selected
    230 characters by hand (an outside reader's), and Arabic pasted from a PDF was published in its letters'
    presentation forms (`ﺯﻳﺎﺭﺓ ﻛﻴﻢ`, an outside tester's fuzzing), and `check` said nothing: it warns, with what
    to write instead."""
    checked_with_first_takeaway(tmp_path, monkeypatch, written)
    found = [line for line in capsys.readouterr().out.splitlines() if "takeaways[0].text.ar: writes " in line]
    if warned is None:
        assert not found, found
        return
    (line,) = found
    assert line.startswith("content/explainers/") and line.endswith(warned), line
    assert main(["check", "--strict"]) == 1


def test_presentation_forms_in_the_texts_every_page_shows_are_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A topic's name, a byline's and an interface string in presentation forms were not warned of, where the same
    word in an explainer was (a retester's)."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    settings = project.settings_file.read_text(encoding="utf-8")
    project.settings_file.write_text(settings.replace("name: {ar: روسيا,", "name: {ar: ﺭﻭﺳﻴﺎ,", 1), encoding="utf-8")
    strings = project.strings_file("ar")
    strings.write_text(strings.read_text(encoding="utf-8").replace("site_title: ", "site_title: ﺷﺮﻭﺡ ", 1), "utf-8")
    main(["check"])
    found = [line for line in capsys.readouterr().out.splitlines() if "presentation forms" in line]
    assert any(line.startswith("content/site.yml:48:") and "name.ar: writes `ﺭﻭﺳﻴﺎ`" in line for line in found), found
    assert any(line.startswith("content/strings/ar.yml:") and "site_title: writes `ﺷﺮﻭﺡ`" in line for line in found)


@pytest.mark.parametrize("form", ["json", "text"])
def test_a_damaged_record_is_said_with_the_contents_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    """A merge conflict in a translation record (two branches each ran `mark-reviewed`) hid every other problem,
    and `--format json` printed nothing on standard output (an outside tester's): it is said beside the
    explainer's own, in the format asked for; a warning, as the build never reads records (as an error, `check`
    refused what `build` published: an outside tester's fuzzing)."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    record = project.content / "translations" / f"{SEED_SLUG}.yml"
    lines = record.read_text("utf-8").split("\n")
    conflict = ["<<<<<<< HEAD", '  - {ar: "0ae29d7d13", en: "b8acb8789b"}', "=======", ">>>>>>> other-branch"]
    record.write_text("\n".join(lines[:5] + conflict + lines[5:]), "utf-8")
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.write_text(seed.read_text("utf-8").replace("published: 2023-09-12", "published: 2023-02-30", 1), "utf-8")
    if form == "json":
        assert main(["check", "--format", "json"]) == 1
        found = {
            (item["file"], item["line"], item["severity"]) for item in json.loads(capsys.readouterr().out)["problems"]
        }
        assert (f"content/translations/{SEED_SLUG}.yml", 6, "warning") in found
        assert (f"content/explainers/{SEED_SLUG}.yml", 6, "error") in found
    else:
        assert main(["check"]) == 1
        said = capsys.readouterr()
        assert f"content/translations/{SEED_SLUG}.yml:6:1: holds a merge conflict's marker (`<<<<<<<`)" in said.out
        assert f"content/explainers/{SEED_SLUG}.yml:6:1: published: is not a real date" in said.err
        # ... and beside the explainer's own conflict, which stops it being read at all (it was said only once
        # that was mended: an outside tester's two editors).
        text = seed.read_text("utf-8")
        seed.write_text(text.replace("published:", "<<<<<<< HEAD\npublished:", 1), "utf-8")
        assert main(["check"]) == 1
        said = capsys.readouterr()
        assert f"content/translations/{SEED_SLUG}.yml:6:1: holds a merge conflict's marker (`<<<<<<<`)" in said.out
        assert f"content/explainers/{SEED_SLUG}.yml:6:1: holds a merge conflict's marker" in said.err


def test_a_damaged_record_alone_fails_check_only_when_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` and `build` agree: a record that does not read stops neither, and `check` says where it is
    damaged, with the mend that keeps its reviews (it said "delete it and run mark-reviewed again", at 1:1)."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    record = project.content / "translations" / f"{SEED_SLUG}.yml"
    record.write_text(record.read_text("utf-8").replace("reviewed:", "reviewd:", 1), "utf-8")
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    assert f"content/translations/{SEED_SLUG}.yml:" in said and "git checkout" in said and "delete it" not in said
    assert main(["check", "--strict"]) == 1
    assert main(["build"]) == 0


def test_a_word_in_a_key_figures_value_is_warned_of_and_a_units_symbol_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value is the same on every language's page: `$8 billion` read in English on the Arabic page (an outside
    tester's). A warning, not a refusal: a retester's units (`$3/MMBtu`, `40 nmol/L`, `10¹²`) were refused."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    text = seed.read_text("utf-8").replace('value: "2019"', 'value: "$8 billion"', 1)
    seed.write_text(text.replace('value: "2020"', 'value: "$3/MMBtu"', 1).replace('value: "1991"', 'value: "10¹²"', 1))
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    line = text.split("\n").index('  - value: "$8 billion"') + 1
    assert (
        f"content/explainers/{SEED_SLUG}.yml:{line}:5: key_figures[0].value: shows the word `billion` as written on"
        " every language's page (a value is the same in each)"
    ) in said
    assert "MMBtu" not in said and "¹²" not in said
    decades = [(value, value) for value in ("1950s", "'90s", "1950's", "1950’s", "1990S", "3rd", "10th")]  # (a desk's)
    for value, word in (("1 in 3", "in"), ("2023م", "م"), *decades):
        seed.write_text(text.replace('value: "$8 billion"', f'value: "{value}"', 1), encoding="utf-8")
        assert main(["check"]) == 0
        assert f"key_figures[0].value: shows the word `{word}` as written" in capsys.readouterr().out


def test_a_paste_of_more_than_was_meant_is_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An outside tester's desk pasted the whole source article into one point (published as one quotation of one
    expert, the two unrelated headlines after it too), into the dek (a 3,490-character description for link
    previews), and twenty times into one paragraph; `check` said nothing. Each is warned of where it is."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    data = yaml.safe_load(seed.read_text("utf-8"))
    # An article's worth of Arabic (the source itself sits outside the repository): every paragraph of the seed.
    article = " ".join(item["ar"] for section in data["sections"] for item in section["paragraphs"] if "ar" in item)
    article = (article + " ") * (3600 // len(article) + 1)
    data["sections"][0]["points"][0]["text"]["ar"], data["dek"]["ar"] = article, article[:3490]
    data["updates"][0]["text"]["ar"] = article  # any other text too (a retester's update)
    paragraphs = data["sections"][1]["paragraphs"]
    paragraphs[0]["ar"] = " ".join([paragraphs[0]["ar"]] * 3)
    figures = "Consumer prices rose 3.5 percent in March from a year earlier, the office said. Food prices rose 6.5"
    figures += " percent in March from a year earlier, the U.S. office said."
    data["sections"][0]["paragraphs"][0]["en"] = figures
    seed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    assert main(["check"]) == 0
    said = capsys.readouterr().out
    assert f"sections[0].points[0].text.ar: is {len(article):,} characters long, where one is seldom over 1,200" in said
    assert "dek.ar: is 3,490 characters long, where one is seldom over 800 (a paste of more than was meant?" in said
    assert "sections[1].paragraphs[0].ar: holds the sentence “" in said and "(a paste made twice? keep one)" in said
    assert "sections[0].paragraphs[0].en" not in said  # a figure's point ends no sentence (a reviewer's `3.5`)
    assert f"updates[0].text.ar: is {len(article):,} characters long, where one is seldom over 1,500" in said
    assert main(["check", "--strict"]) == 1
