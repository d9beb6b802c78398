"""Two-row and merged headers: "Date" over "From | To" is read as "Date / From" and "Date / To"."""

from __future__ import annotations

from pathlib import Path

import docx

from scrchron.importers import parse_submission
from scrchron.importers.layout import two_row_header
from scrchron.importers.parsed import Cell

ROWS = [
    ["01/02/2020", "14/02/2020", "Crisis team", "Daily home treatment after an overdose", "High"],
    ["15/02/2020", "", "CMHT", "Allocated to a care coordinator; first appointment booked", "Medium"],
    ["02/03/2020", "02/03/2020", "CMHT", "Did not attend; phone switched off", "Medium"],
]


def mental_health_docx(folder: Path) -> Path:
    """A trust's table: "Date" merged over "From" and "To"; "Team", "Details", "Risk" merged down."""
    document = docx.Document()
    document.add_paragraph("Mental health trust chronology")
    table = document.add_table(rows=2 + len(ROWS), cols=5)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Date"
    table.cell(1, 0).text, table.cell(1, 1).text = "From", "To"
    for col, title in ((2, "Team"), (3, "Details"), (4, "Risk")):
        table.cell(0, col).merge(table.cell(1, col)).text = title
    for r, values in enumerate(ROWS, start=2):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = folder / "mental-health.docx"
    document.save(str(path))
    return path


def test_merged_date_over_from_and_to_maps_start_and_end(tmp_path: Path) -> None:
    parsed = parse_submission(mental_health_docx(tmp_path))
    assert parsed.mapping["start_date"] == "Date / From"
    assert parsed.mapping["end_date"] == "Date / To"
    assert parsed.mapping["event"] == "Details"
    assert [row.fields["end_date"] for row in parsed.rows] == ["14/02/2020", None, "02/03/2020"]
    assert len(parsed.rows) == 3 and parsed.rows[0].extra == {"Team": "Crisis team", "Risk": "High"}


def test_contact_over_date_time_type_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Seq,Contact,,,Details\n"
        ",Date,Time,Type,\n"
        "1,14/03/2019,10:30,Phone,Mother called about the children's father at the door\n"
        "2,15/03/2019,09:00,Visit,Home visit; both children seen and spoken to alone\n",
        encoding="utf-8")
    parsed = parse_submission(path)
    assert parsed.mapping == {"sequence": "Seq", "start_date": "Contact / Date", "start_time": "Contact / Time",
                              "event": "Details", "contact_type": "Contact / Type"}
    assert parsed.rows_read == 2 and parsed.rows[1].fields["start_time"] == "09:00"


def test_one_header_row_above_data_is_not_combined() -> None:
    rows: list[list[Cell]] = [["Date", "Event", "Source"], ["14/03/2019", "Visit", "Log"]]
    assert two_row_header(rows, 0) is None
    full: list[list[Cell]] = [["Date", "Event"], ["Start", "Details"]]
    assert two_row_header(full, 0) is None  # nothing sits under a merged heading
