"""The merged chronology for Excel and as CSV: layout, neutralised cells, anonymisation, bad input."""

from __future__ import annotations

import csv
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from scrchron.errors import ValidationError
from scrchron.export import ExportCancelled, ExportError, ExportRefused, export, write_csv, write_spreadsheet
from scrchron.export.formatting import neutralise, tint
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.spreadsheet import HEADINGS
from scrchron.records.case_records import Review
from scrchron.store import Case
from tests.core.export.test_export_report import REAL_NAMES, build_export_case

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return build_export_case(tmp_path / "child-t.scrchron")


@pytest.fixture
def workbook_path(case_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "chronology.xlsx"
    with Case.open(case_path) as case:
        write_spreadsheet(case, out)
    return out


def column(sheet: Any, title: str) -> list[object]:
    rows = list(sheet.iter_rows(values_only=True))
    index = list(rows[0]).index(title)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_neutralise_prefixes_every_formula_start(start: str) -> None:
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


def test_neutralise_leaves_ordinary_text() -> None:
    assert neutralise("Home visit - child seen") == "Home visit - child seen"
    assert neutralise("") == ""


def test_xlsx_has_a_bold_frozen_filtered_header_and_one_row_per_entry(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    sheet = book["Chronology"]
    assert [c.value for c in sheet[1]] == list(HEADINGS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{sheet.max_row}"
    assert sheet.max_row == 1 + 9
    assert sheet.column_dimensions["H"].width == 60
    event = sheet.cell(row=2, column=HEADINGS.index("Event") + 1)
    assert event.alignment.wrap_text
    assert book.properties.creator == "scrchron" and book.properties.lastModifiedBy == "scrchron"


def test_xlsx_fills_the_agency_cell_with_a_light_tint_of_its_colour(case_path: Path, workbook_path: Path) -> None:
    with Case.open(case_path) as case:
        colours = {a.name: tint(a.colour) for a in case.agencies()}
    sheet = load_workbook(workbook_path)["Chronology"]
    agency = HEADINGS.index("Agency") + 1
    fills = {sheet.cell(row=r, column=agency).value: sheet.cell(row=r, column=agency).fill.fgColor.rgb
             for r in range(2, sheet.max_row + 1)}
    assert {name: str(rgb)[-6:] for name, rgb in fills.items()} == colours
    assert all(int(c[i:i + 2], 16) >= 0xC0 for c in colours.values() for i in (0, 2, 4))  # light


def test_xlsx_dates_as_written_iso_start_end_group_and_flags(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Chronology"]
    written = column(sheet, "Date (as written)")
    starts, ends = column(sheet, "Start"), column(sheet, "End")
    at = written.index("w/c 24/3/14")
    assert (starts[at], ends[at]) == (datetime(2014, 3, 24), datetime(2014, 3, 30))  # real Excel dates
    groups = [g for g in column(sheet, "Group") if g]
    assert len(groups) == 2 and groups[0] == groups[1] and str(groups[0]).endswith("confirmed")
    recorded = [r for r in column(sheet, "Recorded by") if r]
    assert recorded == ["Police, Children's Social Care"] * 2
    flags = column(sheet, "Flags")
    assert "uncertain date" in str(flags[written.index("?12 Mar 2015")])
    numbers = column(sheet, "No.")
    assert numbers[:6] == [1, 2, 3, 4, 5, 5]  # a confirmed group shares its row in the report


def test_no_cell_can_run_as_a_formula_in_xlsx(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Chronology"]
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "'=HYPERLINK(\"http://x\",\"click\")" in values
    assert "'+44 7700 900000 called about shouting." in values
    assert "'-ve" in values and "'\tTabbed" in values and "'@SUM(A1) DNA clinic." in values
    assert not any(v.startswith(FORMULA_STARTS) for v in values)


def test_csv_is_utf8_with_bom_and_neutralised(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "chronology.csv"
    with Case.open(case_path) as case:
        summary = write_csv(case, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADINGS) and len(rows) == 1 + 9 == 1 + summary.rows
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"click\")" in cells and "'-ve" in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
    assert "–" in data.decode("utf-8-sig") or "Children's Social Care" in data.decode("utf-8-sig")


def test_the_subject_is_shown_by_pseudonym_in_every_spreadsheet(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        write_spreadsheet(case, tmp_path / "a.xlsx")
        write_csv(case, tmp_path / "a.csv")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "Tommy" not in text and "Child T" in text and "Tanya" in text
    values = [str(c.value) for row in load_workbook(tmp_path / "a.xlsx")["Chronology"].iter_rows() for c in row]
    assert not any("Tommy" in v for v in values)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_anonymised_spreadsheets_hold_no_known_name(case_path: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"published{suffix}"
    with Case.open(case_path) as case:
        summary = export(case, out, anonymise=True)
    assert summary.anonymised
    if suffix == ".csv":
        text = out.read_text(encoding="utf-8-sig")
    else:
        book = load_workbook(out)
        text = "\n".join(str(c.value) for row in book["Chronology"].iter_rows() for c in row)
        text += str(book.properties.title) + str(book.properties.subject)
    for name in REAL_NAMES:
        assert name not in text
    assert "Mother's partner present and answered for Mother" in text


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_name_left_refuses_the_spreadsheet(case_path: Path, tmp_path: Path, suffix: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExportPrivacy, "texts", lambda self, values: list(values))
    out = tmp_path / f"published{suffix}"
    with Case.open(case_path) as case, pytest.raises(ExportRefused, match="Tanya"):
        export(case, out, anonymise=True)
    assert not out.exists() and list(tmp_path.glob(".~*")) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_empty_case_is_refused(tmp_path: Path, suffix: str) -> None:
    with (Case.create(tmp_path / "empty.scrchron", Review("Empty", "sar")) as case,
          pytest.raises(ValidationError, match="The case has no entries yet: import agency chronologies first")):
        export(case, tmp_path / f"out{suffix}")


def test_an_open_workbook_is_left_whole(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "chronology.xlsx"
    out.write_bytes(b"open in Excel")

    def locked(*args: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", locked)
    with Case.open(case_path) as case, pytest.raises(ExportError, match="close it in Word/Excel"):
        write_spreadsheet(case, out)
    assert out.read_bytes() == b"open in Excel"


def test_withdrawn_entries_are_flagged_when_included(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        summary = write_csv(case, tmp_path / "all.csv", include_withdrawn=True)
    assert summary.entries == 10
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8-sig", newline="")))
    withdrawn = [r for r in rows if "withdrawn" in r["Flags"]]
    assert len(withdrawn) == 1 and withdrawn[0]["Event"].startswith("Withdrawn entry")


def test_an_unknown_extension_is_refused(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case, pytest.raises(ValidationError, match=r"\.docx, \.xlsx, \.csv"):
        export(case, tmp_path / "out.pdf")
    with Case.open(case_path) as case, pytest.raises(ValidationError, match=r"\.xlsx"):
        write_spreadsheet(case, tmp_path / "out.xls")


def test_progress_is_reported_while_rows_are_written(case_path: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    with Case.open(case_path) as case:
        write_spreadsheet(case, tmp_path / "p.xlsx", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_a_cancelled_export_writes_nothing(case_path: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with Case.open(case_path) as case, pytest.raises(ExportCancelled, match="nothing was written"):
        export(case, out, cancelled=cancelled)
    assert not out.exists() and list(tmp_path.glob(".~*")) == []
