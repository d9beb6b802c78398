"""Row rules: empty, section and repeated-header rows; order; origin and original text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from importer_fixtures import inline_cell, minimal_xlsx, sheet_xml

from scrchron.importers import SourceTable, SubmissionError, parse_submission
from scrchron.importers.layout import choose_layout, header_names
from scrchron.importers.parsed import Cell
from scrchron.importers.rows import build_rows, is_banner


def _table(rows: list[list[Cell]], kind: str = "sheet") -> SourceTable:
    return SourceTable("Chronology" if kind == "sheet" else "Table 1", kind, rows,
                       list(range(1, len(rows) + 1)), False, [])


def _build(rows: list[list[Cell]], kind: str = "sheet"):  # type: ignore[no-untyped-def]
    table = _table(rows, kind)
    choice = choose_layout(table, {}, None)
    assert choice is not None and choice.is_chronology
    return build_rows(table, choice.layout, 0, lambda _done: None)


@pytest.mark.parametrize("text", ["2014", "2014-2015", "2014/15", "Year 2015", "January 2015", "Jan 2015",
                                  "--- 2016 ---", "Autumn term 2014", "Spring 2015", "Q1 2015", "March",
                                  "Academic year 2014/15"])
def test_banners(text: str) -> None:
    assert is_banner(text)


@pytest.mark.parametrize("text", ["12/03/2014", "Mother phoned", "2014 visit to GP", "May 2014 mother moved"])
def test_not_banners(text: str) -> None:
    assert not is_banner(text)


def test_sections_empty_rows_and_kept_rows() -> None:
    result = _build([
        ["Date", "Event", "Outcome"],
        ["2014", None, None],
        ["Pre-birth", None, None],
        [None, None, None],
        ["12/03/2014", "Visit", "Seen"],
        [None, "January 2015", None],
        [None, "Mother phoned; no date recorded.", None],
        ["14/03/2014", None, "Letter sent"],
        ["15/03/2014", None, None],
        [None, None, "Case closed"],
    ])
    assert result.skipped == {"section row": 3, "empty row": 1}
    assert result.rows_read == 9
    kept = [(row.row, row.fields["start_date"], row.fields["event"], row.section) for row in result.rows]
    assert kept == [
        (5, "12/03/2014", "Visit", "Pre-birth"),
        (7, None, "Mother phoned; no date recorded.", "January 2015"),
        (8, "14/03/2014", "", "January 2015"),
        (9, "15/03/2014", "", "January 2015"),
        (10, None, "", "January 2015"),
    ]


def test_repeated_header_rows_are_skipped_even_in_other_case() -> None:
    result = _build([
        ["Date", "Event"],
        ["01/01/2014", "A"],
        ["Date", "Event"],
        ["DATE", "EVENT"],
        ["02/01/2014", "B"],
    ])
    assert result.skipped == {"repeated header": 2}
    assert [row.fields["event"] for row in result.rows] == ["A", "B"]


def test_order_follows_seq_with_decimals() -> None:
    result = _build([
        ["Seq", "Date", "Event"],
        [1, "01/01/2014", "A"],
        ["1.5", "01/01/2014", "B"],
        [2.0, "02/01/2014", "C"],
        [None, "03/01/2014", "D"],
        ["?3", "04/01/2014", "E"],
    ])
    assert [row.order for row in result.rows] == [1.0, 1.5, 2.0, 2.001, 3.0]


def test_order_is_row_order_without_numeric_seq() -> None:
    result = _build([["Event Ref", "Date", "Event"], ["E1", "x", "A"], ["E2", "y", "B"]])
    assert [row.order for row in result.rows] == [1.0, 2.0]


def test_original_extra_and_cell_values() -> None:
    result = _build([
        ["Date", "Time", "Event", "", "Agency", "Agency"],
        [datetime.date(2014, 3, 1), datetime.time(9, 5), "Visit", "stray", "Police", "CSC"],
    ])
    (row,) = result.rows
    assert row.fields == {"start_date": datetime.date(2014, 3, 1), "start_time": datetime.time(9, 5), "event": "Visit"}
    assert row.original == {"Date": "2014-03-01", "Time": "09:05", "Event": "Visit", "Column D": "stray",
                            "Agency": "Police", "Agency (2)": "CSC"}
    assert row.extra == {"Column D": "stray", "Agency": "Police", "Agency (2)": "CSC"}
    assert row.origin == "Sheet 'Chronology' row 2" and row.sheet == "Chronology" and row.row == 2


def test_table_origin_wording() -> None:
    result = _build([["Date", "Event"], ["01/01/2014", "A"]], kind="table")
    assert result.rows[0].origin == "Table 1 row 2"


def test_header_found_below_a_title_block() -> None:
    table = _table([
        ["Anytown Police chronology", None, None],
        ["Agency:", "Anytown Police", None],
        [None, None, None],
        ["Date of contact", "What happened", "Decision"],
        ["01/01/2014", "A", "B"],
    ])
    choice = choose_layout(table, {}, None)
    assert choice is not None and choice.layout.header_index == 3
    assert choice.layout.columns == {"start_date": 0, "event": 1, "action": 2}


def test_header_names_are_unique() -> None:
    assert header_names(["Date", None, "Date", "date"], 5, "sheet") == [
        "Date", "Column B", "Date (2)", "date (3)", "Column E"]
    assert header_names([None], 2, "table") == ["Column 1", "Column 2"]


def test_giant_cell_is_refused(tmp_path: Path) -> None:
    rows = (b'<row r="1">' + inline_cell("A1", "Date") + inline_cell("B1", "Event") + b'</row><row r="2">'
            + inline_cell("A2", "01/03/2015") + inline_cell("B2", "x" * 200_000) + b"</row>")
    path = minimal_xlsx(tmp_path / "giant.xlsx", sheet_xml(rows))
    with pytest.raises(SubmissionError, match=r"Sheet 'Sheet1' row 2 has a cell of 200,000 characters; the limit "
                                              r"is 131,072"):
        parse_submission(path)
