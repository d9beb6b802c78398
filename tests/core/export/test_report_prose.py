"""The report's sections written in scrchron: the markdown subset, storing and listing sections,
search, audit, report settings on the title page and headers, the panel section, and the CLI.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from tests.test_export_report import build_export_case, every_paragraph

from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export import write_report
from scrchron.export.prose import Block, Span, normalised, parse, spans, to_text
from scrchron.export.report_preview import section_facts
from scrchron.export.report_prose import (
    find_section,
    report_sections,
    search_sections,
    section_text,
    set_section_text,
    set_section_texts,
)
from scrchron.export.report_settings import report_settings, update_report_settings
from scrchron.store import Case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return build_export_case(tmp_path / "child-t.scrchron")


# -- the markdown subset ----------------------------------------------------------------------------


def test_paragraphs_bullets_bold_italic_and_references() -> None:
    blocks = parse("First **bold** and *it* [F2].\n\n- one [E42]\n- two\ncontinued\n\nLast\nline")
    assert [b.bullet for b in blocks] == [False, True, True, False]
    assert blocks[0].spans == [Span("First "), Span("bold", bold=True), Span(" and "), Span("it", italic=True),
                               Span(" "), Span("[F2]", reference="F2"), Span(".")]
    assert blocks[1].spans[-1].reference == "E42"
    assert blocks[2].text == "two continued"
    assert blocks[3].text == "Last\nline"  # a single line break stays a break


def test_a_lone_star_is_not_italic_and_escapes_keep_the_character() -> None:
    assert spans("2 * 3 = 6") == [Span("2 * 3 = 6")]
    assert spans(r"\*not italic\* and \[E1]") == [Span("*not italic* and [E1]")]


def test_markup_round_trips_through_blocks() -> None:
    text = "A **b** *c* [Ep3] d\n\n- x\n- *y* [R1]\n\nEnd \\* star"
    assert to_text(parse(text)) == text
    assert normalised("  one\r\n\r\n\r\ntwo  ") == "one\n\ntwo"
    assert to_text([Block([Span("bold ", bold=True), Span("text", bold=True)])]) == "**bold text**"


def test_a_megabyte_of_unclosed_markers_is_parsed_in_one_pass() -> None:
    text = (("*" * 1000 + "[E" + "**x" * 300 + "\n") * 530)[:1_000_000]  # 1 MB of openings never closed
    blocks = parse(text)
    assert len(blocks) == 1 and blocks[0].text.count("x") == text.count("x")  # the stars read as marks


# -- sections in the case ----------------------------------------------------------------------------


def test_sections_follow_the_review_type_with_panel_and_timescales(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        keys = [s.key for s in report_sections(case)]
    assert keys[:6] == ["anonymisation", "summary_of_learning", "introduction", "terms_of_reference",
                        "lines_of_enquiry", "methodology"]
    assert {"timescales", "panel", "conclusion", "action_plan"} <= set(keys)
    for kind in ("sar", "dhr", "susr", "cpr"):
        path = build_export_case(tmp_path / f"{kind}.scrchron", kind)
        with Case.open(path) as case:
            assert {"timescales", "panel"} <= {s.key for s in report_sections(case)}, kind


def test_set_section_text_is_audited_listed_and_searchable(case_path: Path) -> None:
    with Case.open(case_path) as case:
        assert set_section_text(case, "conclusion", "Agencies did not *share* what they knew.\r\n")
        assert not set_section_text(case, "conclusion", "Agencies did not *share* what they knew.")
        section = find_section(case, "conclusion")
        log = case.audit_log(limit=3)
        hits = search_sections(case, "SHARE knew")
        none = search_sections(case, "share nowhere")
    assert section.written and section.words == 7 and section.number == "16"
    assert log[0].field == "report.conclusion" and log[0].new == "Agencies did not *share* what they knew."
    assert [h.key for h in hits] == ["conclusion"] and "share" in hits[0].snippet and none == []


def test_several_sections_land_in_one_transaction_or_not_at_all(case_path: Path) -> None:
    with Case.open(case_path) as case:
        with pytest.raises(ValidationError, match="Unknown section 'no_such'"):
            set_section_texts(case, {"conclusion": "kept?", "no_such": "x"})
        assert section_text(case, "conclusion") == ""
        with pytest.raises(ValidationError, match="limited to 1,000,000"):
            set_section_text(case, "conclusion", "x" * 1_000_001)
        with pytest.raises(ValidationError, match="has no section 'rapid_facts'"):
            find_section(case, "rapid_facts")


# -- report settings --------------------------------------------------------------------------------


def test_settings_reach_title_page_headers_and_panel(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        settings = update_report_settings(
            case, partnership="Northshire Safeguarding Children Partnership", commissioned_by="Independent scrutineer",
            author="Independent reviewer", version="0.3", status="final", marking="OFFICIAL",
            panel=["Independent chair, Northshire", "Designated nurse, ICB"])
        write_report(case, tmp_path / "r.docx")
    assert settings.status == "final" and settings.marking == "OFFICIAL" and len(settings.panel) == 2
    document = Document(str(tmp_path / "r.docx"))
    title = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert title["Commissioned by"] == "Independent scrutineer"
    assert title["Partnership"] == "Northshire Safeguarding Children Partnership"
    assert title["Author"] == "Independent reviewer" and title["Protective marking"] == "OFFICIAL"
    assert title["Version"].startswith("0.3 (final)")
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "OFFICIAL" in header and "(FINAL, version 0.3)" in header
    panel = next(t for t in document.tables if t.rows[0].cells[0].text == "Panel member")
    assert [r.cells[1].text for r in panel.rows[1:]] == ["Northshire", "ICB"]


def test_bad_settings_change_nothing(case_path: Path) -> None:
    with Case.open(case_path) as case:
        before = report_settings(case)
        for bad in ({"status": "sent", "version": "9"}, {"version": " ", "author": "x"},
                    {"marking": "", "author": "x"}, {"author": "x" * 301}):
            with pytest.raises(ValidationError):
                update_report_settings(case, **bad)  # type: ignore[arg-type]
        assert report_settings(case) == before


# -- the command line --------------------------------------------------------------------------------


def test_cli_sections_set_show_and_the_old_report_text(case_path: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    words = tmp_path / "pen.md"
    words.write_text("Child T *loved* the park.\n\n- wheels\n- his brother [F1]\n", encoding="utf-8")
    assert main(["report", "set", str(case_path), "pen_picture", "--file", str(words)]) == 0
    assert main(["report", "set", str(case_path), "conclusion", "--text", "See [F7]."]) == 0
    assert "[F7] refers to nothing" in capsys.readouterr().out
    assert main(["report-text", str(case_path), "introduction", "Stored the old way."]) == 0
    capsys.readouterr()
    assert main(["report", "sections", str(case_path), "--json"]) == 0
    listed = {s["key"]: s for s in json.loads(capsys.readouterr().out)}
    assert listed["pen_picture"]["written"] and listed["introduction"]["words"] == 4
    assert not listed["parallel_processes"]["written"] and listed["parallel_processes"]["guidance"]
    assert main(["report", "show", str(case_path), "pen_picture"]) == 0
    assert "- his brother [F1]" in capsys.readouterr().out
    assert main(["report", "show", str(case_path), "nonsense"]) == 1
    assert "has no section 'nonsense'" in capsys.readouterr().err
    write = main(["export", str(case_path), str(tmp_path / "r.docx")])
    assert write == 0
    text = "\n".join(p.text for p in every_paragraph(Document(str(tmp_path / "r.docx"))))
    assert "Child T loved the park." in text and "Stored the old way." in text and "his brother Finding 1" in text


def test_cli_settings_and_bad_status(case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "settings", str(case_path), "--status", "Published", "--panel", "A Chair, chair",
                 "--marking", "OFFICIAL", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "published" and shown["panel"] == ["A Chair, chair"] and shown["marking"] == "OFFICIAL"
    with pytest.raises(SystemExit):
        main(["report", "settings", str(case_path), "--status", "sent"])
    assert main(["report", "settings", str(case_path)]) == 0
    assert "Status: published" in capsys.readouterr().out


def test_references_are_links_to_bookmarked_headings(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        set_section_text(case, "conclusion", "As [F1] shows, see [Ep1] and [E1].")
        write_report(case, tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        xml = archive.read("word/document.xml").decode()
    for anchor in ("scrchron_F1", "scrchron_Ep1"):
        assert f'w:anchor="{anchor}"' in xml and f'w:name="{anchor}"' in xml
    text = "\n".join(p.text for p in every_paragraph(Document(str(tmp_path / "r.docx"))))
    assert "As Finding 1 shows, see Episode 1 and chronology row 1." in text


def test_section_facts_show_what_the_case_fills_without_the_reviewers_words(case_path: Path) -> None:
    with Case.open(case_path) as case:
        set_section_text(case, "methodology", "Our own words about the method.")
        update_report_settings(case, panel=["Independent chair, Northshire"])
        facts = section_facts(case)
    assert any("merged into a single chronology of 9 entries" in line for line in facts["methodology"])
    assert not any("Our own words" in line for line in facts["methodology"])
    assert "Independent chair | Northshire" in facts["panel"]
    assert facts["conclusion"] == [] and facts["findings"][0].startswith("Finding 1:")


def test_control_characters_in_words_and_titles_do_not_break_the_file(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        case.set_setting("report.conclusion", "Bell\x07 and form feed\x0c in the words.")  # as report-text may
        case.update_review(subject_pseudonym="Child\x0b T")
        write_report(case, tmp_path / "r.docx")
    text = "\n".join(p.text for p in every_paragraph(Document(str(tmp_path / "r.docx"))))
    assert "in the words." in text and "\x07" not in text
