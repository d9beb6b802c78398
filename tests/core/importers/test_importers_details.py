"""Submission details offered from the title block above a chronology."""

from __future__ import annotations

from scrchron.importers.details import details_from_lines, details_from_rows, merge_details


def test_label_lines() -> None:
    lines = ["Health Visiting chronology", "Agency: Anytown NHS Trust", "Completed by: HV 2",
             "Job title: Health visitor", "Period covered: 01/01/2014 - 31/12/2015", "Date: 03/02/2016",
             "Note: this line is ignored", "https://example.org: ignored too"]
    assert details_from_lines(lines) == {
        "title": "Health Visiting chronology", "agency": "Anytown NHS Trust", "author": "HV 2",
        "author_role": "Health visitor", "period": "01/01/2014 - 31/12/2015", "date_completed": "03/02/2016",
    }


def test_first_value_wins_and_multiline_paragraphs() -> None:
    assert details_from_lines(["Agency: Police\nAuthor: DS 1", "Agency: Other"]) == {
        "agency": "Police", "author": "DS 1"}


def test_label_and_value_in_adjacent_cells() -> None:
    rows = [["Anytown Police", None], ["Agency name:", "Anytown Police"], ["Author", None, "DC 3"],
            ["Chronology for: Child T"], [None, None]]
    assert details_from_rows(rows) == {
        "title": "Anytown Police", "agency": "Anytown Police", "author": "DC 3", "subject": "Child T"}


def test_merge_prefers_earlier_sources() -> None:
    assert merge_details({"agency": "A"}, {"agency": "B", "author": "C"}) == {"agency": "A", "author": "C"}
