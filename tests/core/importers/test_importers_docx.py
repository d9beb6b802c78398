"""Word submissions: merged cells, line breaks, nested and continued tables, Strict OOXML."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from importer_fixtures import chronolator_docx, plo_docx, sample, tayside_docx, to_strict

from scrchron.importers import SubmissionError, list_tables, parse_submission


def test_merged_cells_ground_truth() -> None:
    # merged_cells.docx names each cell by the rows-cols it spans ("0-12" = row 0, cols 1-2)
    (table,) = list_tables(sample("docx2python/merged_cells.docx"))
    assert table.kind == "table" and table.name == "Table 1"
    assert table.rows == [
        ["0-0", "0-12", None, "0-3"],
        ["12-0", "1-1", "1-2", "1-3"],
        [None, "2-1", "2-2", "2-3"],
        ["3-0", "34-123"],
        ["4-0", None],
    ]
    assert table.row_numbers == [1, 2, 3, 4, 5]


def test_merged_cells_read_once_in_python_docx_sample() -> None:
    tables = list_tables(sample("python-docx/tbl-cell-access.docx"))
    assert [t.rows for t in tables] == [
        [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]],
        [["1", "2", "3"], ["4", None, "6"], ["7", "8", "9"]],
        [["1", "2", "3"], ["4", "5", "6"], ["7", None, "9"]],
        [["1", "2", "3"], ["4", None, "6"], [None, None, "9"]],
    ]


def test_soft_line_breaks_become_lines() -> None:
    (table,) = list_tables(sample("docx2python/soft_line_breaks.docx"))
    assert table.rows[0] == ["Line1\nLine2\nLine3\nLine4"]


def test_nested_table_is_flattened_into_its_cell() -> None:
    (table,) = list_tables(sample("textract/docx__paragraphs_and_tables.docx"))
    assert table.rows[0] == ["Row 1, Column 1", "Row 1, Column 2", "Row 1, Column 3"]
    assert table.rows[2][1] == "INNER TABLE!\n\nInner 1,1 | Inner 1,2\nInner 2,1 | Inner 1,2"
    assert table.preamble == ["This is the paragraph before the table. It should appear first."]


def test_nested_table_in_a_one_cell_table_keeps_its_paragraphs() -> None:
    tables = list_tables(sample("python-docx/blk-paras-and-tables.docx"))
    assert tables[1].rows == [["Text before\nTable\nBetween\nText after"]]


@pytest.mark.parametrize("name", ["test-docx2python-conversion-google_docs.docx",
                                  "created-in-pages-paragraphs-only.docx"])
def test_documents_without_tables_get_a_clear_message(name: str) -> None:
    with pytest.raises(SubmissionError, match=r"has no chronology table, and none of its \d+ paragraph\(s\) begins "
                                              "with a readable date"):
        parse_submission(sample(f"docx2python/{name}"))
    assert list_tables(sample(f"docx2python/{name}")) == []


def test_strict_ooxml_sample_is_read() -> None:
    (table,) = list_tables(sample("docx2python/strict.docx"))
    assert table.rows == [["Cellaa", "Cellab"], ["Cellba", "Cellbb"]]
    with pytest.raises(SubmissionError, match=r'No date or event column.*"Cellaa", "Cellab"'):
        parse_submission(sample("docx2python/strict.docx"))


def test_vertically_merged_week_cells_belong_to_their_first_row() -> None:
    tables = list_tables(sample("docx2python/Weekly Schedule.docx"))
    first = tables[0]
    assert first.rows[1][:3] == ["Week 1", "1/5", "Tuesday"]
    assert first.rows[2][:3] == [None, None, "Thursday Class"]
    assert all("\xa0" not in (cell or "") for row in first.rows for cell in row)


def test_chronolator_table_continued_after_page_break(tmp_path: Path) -> None:
    parsed = parse_submission(chronolator_docx(tmp_path))
    assert parsed.importer == "docx" and parsed.tables_used == ["Table 1"]
    assert parsed.mapping == {
        "sequence": "Seq", "start_date": "Start Date", "start_time": "Start Time", "end_date": "End Date",
        "end_time": "End Time", "event": "Event", "action": "Outcome", "source": "Source of Information",
        "agency_comment": "Agency comment",
    }
    assert [row.fields["event"] for row in parsed.rows] == [
        "Domestic incident at the home.", "Follow-up call to Mother; no answer.",
        "Strategy discussion with CSC.\nMother present.\nChild not seen.", "Second domestic incident.",
        "Partner interviewed.", "Bail conditions varied.", "Referral to MARAC.",
    ]
    assert parsed.skipped == {"repeated header": 2, "section row": 1}
    assert parsed.rows_read == len(parsed.rows) + sum(parsed.skipped.values()) == 10
    assert [row.order for row in parsed.rows] == [1, 2, 3, 4, 5, 6, 6.5]
    assert [row.row for row in parsed.rows] == [2, 3, 4, 7, 8, 10, 11]
    assert parsed.rows[0].origin == "Table 1 row 2"


def test_chronolator_cells_are_kept_as_written(tmp_path: Path) -> None:
    rows = parse_submission(chronolator_docx(tmp_path)).rows
    assert rows[1].fields["start_date"] == "?17/03/2014"
    assert rows[4].fields["start_date"] is None  # date merged down: belongs to the first row only
    assert rows[3].fields["start_date"] == "09/01/2015"
    assert rows[3].section == "2015"
    assert rows[6].fields["end_date"] == "14/07/2015"
    assert rows[0].original == {
        "Seq": "1", "Start Date": "14/03/2014", "Start Time": "22:40", "Source of Information": "Incident log 123",
        "Event": "Domestic incident at the home.", "Outcome": "PPN submitted",
        "Agency comment": "DASH should have been completed.",
    }
    assert rows[0].extra == {}


def test_text_before_the_table_is_offered_as_details(tmp_path: Path) -> None:
    parsed = parse_submission(chronolator_docx(tmp_path))
    assert parsed.details == {
        "title": "Anytown Police – chronology for Child T",
        "agency": "Anytown Police",
        "author": "DS 1, Public Protection Unit",
        "period": "01/01/2014 to 31/12/2015",
    }


def test_tayside_layout_after_a_details_table(tmp_path: Path) -> None:
    parsed = parse_submission(tayside_docx(tmp_path))
    assert parsed.tables_used == ["Table 2"]
    assert parsed.mapping == {
        "start_date": "Date or Period of Event", "event": "Significant Event", "action": "Action taken",
        "source": "Source", "agency_comment": "Impact (positive or negative)",
    }
    first, second, third = parsed.rows
    assert first.fields["start_date"] == "March 2014 - June 2014"  # a period stays text
    assert second.fields["event"] == "Baby seen at home, thriving.\nWeight | 9th centile\nLength | 25th centile"
    assert third.fields["start_date"] is None and third.fields["event"] == "Undated note: family moved address."
    assert parsed.details["agency"] == "Tayside Health Visiting"
    assert parsed.details["author"] == "HV 1" and parsed.details["period"] == "2014 - 2016"


def test_plo_layout_and_explicit_table_choice(tmp_path: Path) -> None:
    path = plo_docx(tmp_path)
    parsed = parse_submission(path, table=1)
    assert parsed.mapping["sequence"] == "Serial number" and len(parsed.rows) == 2
    with pytest.raises(SubmissionError, match="no number 2"):
        parse_submission(path, table=2)
    with pytest.raises(SubmissionError, match='no table named "Sheet1"'):
        parse_submission(path, sheet="Sheet1")


def test_strict_ooxml_chronology_imports(tmp_path: Path) -> None:
    strict = to_strict(chronolator_docx(tmp_path), tmp_path / "strict-chronology.docx")
    with zipfile.ZipFile(strict) as archive:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in archive.read("word/document.xml")
    parsed = parse_submission(strict)
    assert len(parsed.rows) == 7 and parsed.details["agency"] == "Anytown Police"


def test_docm_is_read_without_running_macros(tmp_path: Path) -> None:
    path = shutil.copy(chronolator_docx(tmp_path), tmp_path / "macro.docm")
    parsed = parse_submission(Path(path))
    assert parsed.importer == "docx" and len(parsed.rows) == 7


def test_two_tables_with_the_same_header_separated_by_text_are_both_used(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for year, event in (("2014", "First event"), ("2015", "Second event")):
        document.add_paragraph(f"Contacts in {year}")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Date", "Details"
        table.cell(1, 0).text, table.cell(1, 1).text = f"01/01/{year}", event
    other = document.add_table(rows=2, cols=3)
    for col, text in enumerate(["Date", "Event", "Agency"]):
        other.cell(0, col).text = text
    other.cell(1, 1).text = "From another table"
    path = tmp_path / "years.docx"
    document.save(str(path))
    parsed = parse_submission(path)
    assert parsed.tables_used == ["Table 1", "Table 2"]
    assert [row.fields["event"] for row in parsed.rows] == ["First event", "Second event"]
    assert [row.order for row in parsed.rows] == [1.0, 2.0]
    assert any("Table 3 also looks like a chronology" in w for w in parsed.warnings)


def test_continuation_without_header_after_a_continued_note(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    first = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Date", (0, 1): "Details", (1, 0): "01/01/2014", (1, 1): "A"}.items():
        first.cell(r, c).text = text
    document.add_paragraph("Police chronology (continued on next page)")
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "02/01/2014", "B"
    document.add_paragraph("Signed: DS 1")
    third = document.add_table(rows=1, cols=2)
    third.cell(0, 0).text, third.cell(0, 1).text = "Name", "Role"
    path = tmp_path / "continued.docx"
    document.save(str(path))
    assert [t.name for t in list_tables(path)] == ["Table 1", "Table 2"]
    parsed = parse_submission(path)
    assert [(row.origin, row.fields["event"]) for row in parsed.rows] == [
        ("Table 1 row 2", "A"), ("Table 1 row 3", "B")]
