"""Workbooks: header offsets, merged cells, real date cells, guidance and hidden sheets."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest
from importer_fixtures import police_workbook, sample, school_workbook, tayside_1904_workbook

from scrchron.importers import SubmissionError, list_tables, parse_submission


def test_header_row_below_junk_is_found() -> None:
    (table,) = list_tables(sample("calamine/header-row.xlsx"))
    assert table.kind == "sheet" and table.name == "Sheet1"
    assert table.row_numbers[0] == 3 and table.rows[0] == [None, None, "Note 1", None]
    header = table.row_numbers.index(9)
    assert table.rows[header] == ["Columns", "Column A", "Column B", "Column C"]
    parsed = parse_submission(sample("calamine/header-row.xlsx"),
                              mapping_overrides={"event": "Columns", "start_date": "Column A"})
    assert parsed.mapping == {"start_date": "Column A", "event": "Columns"}
    (row,) = parsed.rows
    assert row.origin == "Sheet 'Sheet1' row 10"
    assert row.fields == {"start_date": 1, "event": "put data here"}
    assert row.extra == {"Column B": "2", "Column C": "3"}


def test_table_in_the_middle_of_a_sheet_keeps_its_columns() -> None:
    (table,) = list_tables(sample("calamine/temperature-in-middle.xlsx"))
    assert table.row_numbers == [4, 5, 6]
    assert table.rows == [[None, "label", "value"], [None, "celsius", 22.2222], [None, "fahrenheit", 72]]
    parsed = parse_submission(sample("calamine/temperature-in-middle.xlsx"),
                              mapping_overrides={"start_date": "value", "event": "label"})
    assert [r.origin for r in parsed.rows] == ["Sheet 'Sheet1' row 5", "Sheet 'Sheet1' row 6"]


def test_sheet_without_header_gets_a_clear_error() -> None:
    with pytest.raises(SubmissionError) as caught:
        parse_submission(sample("calamine/no-header.xlsx"))
    message = str(caught.value)
    assert "No header row found in 'no-header.xlsx'" in message and '--map start_date="Header"' in message
    assert len(message.splitlines()) <= 2


@pytest.mark.parametrize("name", ["merge_cells.xlsx", "merge_cells.xls"])
def test_merged_cells_are_read_once(name: str) -> None:
    (table,) = list_tables(sample(f"calamine/{name}"))
    assert table.rows == [["Row Merge", None, "Not Merged"], ["Column Merge", "Chunk Merged", None]]


def test_merged_ranges_on_two_sheets() -> None:
    tables = list_tables(sample("calamine/merged_range.xlsx"))
    assert [t.name for t in tables] == ["Sheet1", "Sheet2"]
    assert tables[1].rows[2] == [None, "B3", "C3", None, "E3", None]


@pytest.mark.parametrize("name", ["date.xlsx", "date_1904.xlsx"])
def test_real_date_cells_in_both_date_systems(name: str) -> None:
    (table,) = list_tables(sample(f"calamine/{name}"))
    assert table.rows[0] == [datetime.date(2021, 1, 1), 15]
    assert table.rows[1] == [datetime.date(2021, 1, 2), 16]
    assert table.rows[2][1] == 17 and isinstance(table.rows[2][0], str)  # a 10-day duration stays text


def test_iso_date_cells_and_time_only_cell() -> None:
    (table,) = list_tables(sample("calamine/date_iso.xlsx"))
    assert [row[0] for row in table.rows[:3]] == [
        datetime.date(2021, 1, 1), datetime.datetime(2021, 1, 1, 10, 10, 10), datetime.time(10, 10, 10)]


def test_ods_dates() -> None:
    (table,) = list_tables(sample("calamine/date.ods"))
    assert table.rows[0] == [datetime.date(2021, 1, 1), 15]
    assert table.rows[1][0] == datetime.datetime(2021, 1, 1, 10, 10, 10)
    assert table.rows[2][0] == datetime.time(10, 10, 10)


def test_1904_workbook_dates_import_as_real_dates(tmp_path: Path) -> None:
    parsed = parse_submission(tayside_1904_workbook(tmp_path))
    assert [row.fields["start_date"] for row in parsed.rows] == [
        datetime.date(2021, 1, 1), datetime.datetime(2021, 1, 2, 10, 10)]
    assert parsed.rows[1].original["Date or Period of Event"] == "2021-01-02 10:10"


def test_police_workbook_with_guidance_title_block_and_banners(tmp_path: Path) -> None:
    parsed = parse_submission(police_workbook(tmp_path))
    assert parsed.importer == "xlsx" and parsed.tables_used == ["Chronology"]
    assert parsed.mapping == {
        "start_date": "Date", "start_time": "Time", "event": "Details of Incident / Contact",
        "action": "Action Taken / Outcome", "source": "Source Document / Ref", "practitioner_role": "Officer Role",
    }
    assert parsed.skipped == {"section row": 3, "empty row": 1}
    assert parsed.rows_read == 9 == len(parsed.rows) + 4
    first, second, third, fourth, fifth = parsed.rows
    assert first.fields["start_date"] == datetime.date(2014, 3, 14)
    assert first.fields["start_time"] == datetime.time(22, 40)
    assert first.origin == "Sheet 'Chronology' row 8" and first.section == "2014"
    assert second.fields["start_date"] == "17.03.14" and second.fields["start_time"] == "19.30"
    assert third.fields["start_date"] == datetime.datetime(2014, 6, 2, 9, 15)
    assert fourth.fields["action"] == 2  # formula read as its cached value
    assert fourth.section == "January 2015"
    assert fifth.fields["start_date"] is None and fifth.fields["event"].startswith("Report of shouting")
    assert parsed.details == {
        "title": "Anytown Police", "subject": "Child T", "author": "DS 2, Public Protection Unit",
        "period": "January 2014 to December 2015"}
    assert any("Hidden sheet 'Lookups' was not read" in w for w in parsed.warnings)


def test_hidden_sheet_is_read_only_when_chosen(tmp_path: Path) -> None:
    path = police_workbook(tmp_path)
    hidden = parse_submission(path, sheet="Lookups")
    assert hidden.tables_used == ["Lookups"]
    assert [row.fields["event"] for row in hidden.rows] == ["Should never be imported"]
    assert [(t.name, t.hidden) for t in list_tables(path)] == [
        ("Guidance", False), ("Chronology", False), ("Lookups", True)]
    with pytest.raises(SubmissionError, match=r"no sheet named \"Nope\". Sheets: \"Guidance\", \"Chronology\""):
        parse_submission(path, sheet="Nope")


def test_guidance_sheet_chosen_explicitly_is_explained(tmp_path: Path) -> None:
    with pytest.raises(SubmissionError, match=r"No event column recognised .*Sheet 'Guidance'"):
        parse_submission(police_workbook(tmp_path), sheet="Guidance")


def test_school_sheet_with_term_dates(tmp_path: Path) -> None:
    parsed = parse_submission(school_workbook(tmp_path))
    assert [row.fields["start_date"] for row in parsed.rows] == [
        "Autumn term 2014", "w/c 3/3/14", "Spring 2015", "23rd June 2015"]
    assert parsed.skipped == {"section row": 1}
    assert parsed.rows[3].section == "Summer term 2015"
    assert parsed.rows[0].extra == {"Year group": "Y2"}
    assert parsed.mapping["practitioner_role"] == "Staff member (role)"


def test_overrides_and_their_errors(tmp_path: Path) -> None:
    path = school_workbook(tmp_path)
    parsed = parse_submission(path, mapping_overrides={"event": "Action taken", "action": "Details",
                                                       "practitioner_role": ""})
    assert parsed.rows[0].fields["event"] == "Letter home"
    assert parsed.rows[0].fields["action"] == "Attendance 82%; several late arrivals."
    assert "practitioner_role" not in parsed.mapping
    assert parsed.rows[0].extra == {"Year group": "Y2", "Staff member (role)": "Attendance officer"}
    with pytest.raises(SubmissionError, match=r'Unknown field "when".*Valid fields: sequence, start_date'):
        parse_submission(path, mapping_overrides={"when": "Date"})
    with pytest.raises(SubmissionError, match=r'No column "Nope".*Headers found: "Date", "Year group"'):
        parse_submission(path, mapping_overrides={"event": "Nope"})


def test_saved_mapping_is_used_when_all_its_headers_are_present(tmp_path: Path) -> None:
    path = school_workbook(tmp_path)
    saved = {"start_date": "Date", "event": "Year group"}
    parsed = parse_submission(path, saved_mapping=saved)
    assert parsed.mapping["event"] == "Year group" and parsed.mapping["action"] == "Action taken"
    other = parse_submission(path, saved_mapping={"start_date": "Date", "event": "Gone"})
    assert other.mapping["event"] == "Details"
    assert any("saved from this agency's previous submission does not fit" in w for w in other.warnings)


def test_workbook_named_docx_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = Path(shutil.copy(school_workbook(tmp_path), tmp_path / "misnamed.docx"))
    parsed = parse_submission(path)
    assert parsed.importer == "xlsx"
    assert any("named .docx but is an Excel workbook" in w for w in parsed.warnings)


def test_progress_and_cancel(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Event"])
    for index in range(1200):
        sheet.append([f"{index % 28 + 1:02d}/01/2015", f"Event {index}"])
    path = tmp_path / "long.xlsx"
    book.save(str(path))
    calls: list[tuple[int, int]] = []
    parsed = parse_submission(path, progress=lambda done, total: calls.append((done, total)))
    assert len(parsed.rows) == 1200
    assert calls[0] == (0, 1200) and calls[-1] == (1200, 1200) and len(calls) >= 3
    from scrchron.importers import ImportCancelled

    with pytest.raises(ImportCancelled, match="cancelled"):
        parse_submission(path, cancelled=lambda: True)
    seen: list[int] = []

    def cancel_later() -> bool:
        seen.append(1)
        return len(seen) > 3

    with pytest.raises(ImportCancelled):
        parse_submission(path, cancelled=cancel_later)
