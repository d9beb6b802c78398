"""Five agency layouts the importer was not built on, as the files agencies send.

Each layout is an item of the labelled set tests/data/column_choice.json (its source
recorded there; labelled by reading the layout, before the mapper was run): a police
command-and-control log ("Incident No | Opened | Closed | Log entry"), a GP summary
printed to Excel under a title ("Consultation date | Clinician | Problem | Notes"), a
school safeguarding export in the CPOMS style with semicolons ("Date/Time | Category |
Incident | Action taken | Added by"), a probation contact list with tabs (outcome and
enforcement beside the notes) and a health visiting Word table whose header cells are
merged ("Date of contact" over "Date | Time", "Contact" over "With whom | Method").
Each file is written here, imported, and its event, date (and end date or time where
the layout has one) must be the columns a reviewer would pick; nothing is dropped and
every unmapped column stays with the entry.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from paths import DATA

from scrchron.chronology.submission_import import import_file
from scrchron.records.case_records import Review
from scrchron.store import Case, EntryQuery, list_entries

LABELLED = DATA / "column_choice.json"


def layout(name: str) -> dict[str, Any]:
    tables = json.loads(LABELLED.read_text(encoding="utf-8"))["tables"]
    found: dict[str, Any] = next(item for item in tables if item["id"] == name)
    return found


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    opened = Case.create(tmp_path / "c.scrchron",
                         Review(title="Child R", review_type="cspr", scope_from="2018-01-01", scope_to="2021-12-31"))
    yield opened
    opened.close()


def write_delimited(path: Path, item: dict[str, Any], delimiter: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(item["headers"])
        writer.writerows(item["rows"])
    return path


def write_titled_workbook(path: Path, item: dict[str, Any]) -> Path:
    """A practice system's print to Excel: a title and a blank row above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Record summary"
    sheet.append(["Patient record summary (printed 01/04/2019)"])
    sheet.append([])
    sheet.append(item["headers"])
    for row in item["rows"]:
        sheet.append(row)
    book.save(path)
    return path


def write_merged_header_docx(path: Path, item: dict[str, Any]) -> Path:
    """Headings "A / B" become "A" merged over the columns below it; a single heading is merged down."""
    headers: list[str] = item["headers"]
    document = docx.Document()
    document.add_paragraph("Health visiting chronology for Child R")
    table = document.add_table(rows=2 + len(item["rows"]), cols=len(headers))
    table.style = "Table Grid"
    col = 0
    while col < len(headers):
        top, _, below = headers[col].partition(" / ")
        if not below:
            table.cell(0, col).merge(table.cell(1, col)).text = top
            col += 1
            continue
        last = col
        while last + 1 < len(headers) and headers[last + 1].startswith(f"{top} / "):
            last += 1
        table.cell(0, col).merge(table.cell(0, last)).text = top
        for under in range(col, last + 1):
            table.cell(1, under).text = headers[under].split(" / ", 1)[1]
        col = last + 1
    for number, row in enumerate(item["rows"], start=2):
        for position, value in enumerate(row):
            table.cell(number, position).text = value
    document.save(str(path))
    return path


def imported(case: Case, path: Path, agency: str, item: dict[str, Any]) -> tuple[dict[str, str], list[Any]]:
    summary = import_file(case, path, agency)
    assert summary.mapping["event"] == item["event"]  # the labelled event column
    assert summary.rows_read == len(item["rows"]) == summary.imported and not summary.skipped
    entries = list_entries(case, EntryQuery())
    assert sorted(entry.event for entry in entries) == sorted(row[item["headers"].index(item["event"])]
                                                              for row in item["rows"])
    return summary.mapping, entries


def test_police_command_and_control_log(case: Case, tmp_path: Path) -> None:
    item = layout("police-command-control-log")
    mapping, entries = imported(case, write_delimited(tmp_path / "storm-log.csv", item, ","), "Police", item)
    assert mapping["start_date"] == "Opened" and mapping["end_date"] == "Closed"
    first = entries[0]
    assert (first.start, first.end) == ("2019-03-14", "2019-03-15")  # a period, read by the day
    assert (first.date_text, first.end_date_text) == ("14/03/2019 22:41", "15/03/2019 01:10")  # as written
    assert first.extra["Incident No"] == "PH-20190314-0412"


def test_gp_summary_printed_to_excel_under_a_title(case: Case, tmp_path: Path) -> None:
    item = layout("gp-summary-problem-notes")
    mapping, entries = imported(case, write_titled_workbook(tmp_path / "gp-summary.xlsx", item), "GP", item)
    assert mapping["start_date"] == "Consultation date"
    assert "Problem" not in mapping.values()
    assert [entry.extra["Problem"] for entry in entries][:2] == ["Low mood", "Contraception"]  # kept, not lost


def test_school_safeguarding_export_with_semicolons(case: Case, tmp_path: Path) -> None:
    item = layout("school-cpoms-datetime-added-by")
    mapping, entries = imported(case, write_delimited(tmp_path / "cpoms.csv", item, ";"), "School", item)
    assert mapping["start_date"] == "Date/Time" and mapping.get("action") == "Action taken"
    assert entries[0].start == "2019-03-04T08:52"
    assert entries[0].extra["Added by"] == "Class teacher"


def test_probation_contact_list_with_tabs(case: Case, tmp_path: Path) -> None:
    item = layout("probation-contact-list-enforcement")
    mapping, entries = imported(case, write_delimited(tmp_path / "contacts.tsv", item, "\t"), "Probation", item)
    assert mapping["start_date"] == "Date" and mapping["start_time"] == "Time"
    assert [entry.start for entry in entries][:2] == ["2020-01-07T10:00", "2020-01-14T10:00"]
    assert entries[1].extra["Enforcement"] == "Warning letter"


def test_word_table_with_merged_header_cells(case: Case, tmp_path: Path) -> None:
    item = layout("word-merged-header-contact")
    path = write_merged_header_docx(tmp_path / "health-visiting.docx", item)
    mapping, entries = imported(case, path, "Health visiting", item)
    assert mapping["start_date"] == "Date of contact / Date"
    assert mapping["start_time"] == "Date of contact / Time"
    assert entries[0].start == "2019-09-03T11:00"
    assert entries[0].extra["Contact / With whom"] == "Mother"
