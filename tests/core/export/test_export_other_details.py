"""Columns the agency sent that were not mapped reach the report and the spreadsheets, filtered."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from scrchron.analysis import operations
from scrchron.export import write_csv, write_report, write_spreadsheet
from scrchron.export.spreadsheet import HEADINGS
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries


def _case(path: Path) -> Path:
    review = Review(title="Practice review", review_type="cspr", subject_name="Tommy Marsh",
                    subject_pseudonym="Child T", scope_from="2019-01-01", scope_to="2019-12-31")
    with Case.create(path, review) as case:
        housing = case.add_agency("Housing", "").id
        rows = [
            Entry(agency_id=housing, date_text="14/03/2019", start="2019-03-14", end="2019-03-14",
                  precision="day", event="Report of a damaged front door", row=2, seq=1.0,
                  extra={"Risk": "High", "Seen with": "Tanya Marsh and her son"}),
            Entry(agency_id=housing, date_text="20/03/2019", start="2019-03-20", end="2019-03-20",
                  precision="day", event="Door replaced", row=3, seq=2.0, extra={"Estate": "North"}),
        ]
        with case.write():
            insert_entries(case, rows)
        operations.add_person(case, "Tommy Marsh", "Child T", subject=True)
        operations.add_person(case, "Tanya Marsh", "Mother", role="mother")
    return path


def test_spreadsheet_has_one_column_per_unmapped_heading(tmp_path: Path) -> None:
    case_path = _case(tmp_path / "case.scrchron")
    out = tmp_path / "chronology.xlsx"
    with Case.open(case_path) as case:
        write_spreadsheet(case, out)
    rows = list(load_workbook(out)["Chronology"].iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADINGS, "Risk", "Seen with", "Estate"]
    assert list(rows[1][len(HEADINGS):]) == ["High", "Tanya Marsh and her son", None]
    assert list(rows[2][len(HEADINGS):]) == [None, None, "North"]


def test_anonymised_csv_filters_the_other_details(tmp_path: Path) -> None:
    case_path = _case(tmp_path / "case.scrchron")
    out = tmp_path / "published.csv"
    with Case.open(case_path) as case:
        write_csv(case, out, anonymise=True)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    seen = rows[0].index("Seen with")
    assert rows[1][seen] == "Mother and her son"
    assert "Tanya" not in out.read_text(encoding="utf-8-sig")


def _chronology_notes(path: Path) -> str:
    table = Document(str(path)).tables[-1]
    return "\n".join(row.cells[-1].text for row in table.rows)


def test_report_chronology_shows_other_details_and_anonymises_them(tmp_path: Path) -> None:
    case_path = _case(tmp_path / "case.scrchron")
    draft, published = tmp_path / "draft.docx", tmp_path / "published.docx"
    with Case.open(case_path) as case:
        write_report(case, draft)
        write_report(case, published, anonymise=True)
    notes = _chronology_notes(draft)
    assert "Risk: High" in notes and "Seen with: Tanya Marsh and her son" in notes and "Estate: North" in notes
    assert "Seen with: Mother and her son" in _chronology_notes(published)
    with zipfile.ZipFile(published) as archive:
        assert not any("Tanya" in archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
