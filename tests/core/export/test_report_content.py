"""Everything the case holds reaches the report and the chronology exports (issue 21, item 5).

Agency comments kept apart from the facts (the chronology appendix and the summary
of agency involvement); themes on entries (findings' evidence, a themes table);
columns the importer did not map; the reading beside a written date wherever the
two differ (episode tables, findings' evidence); the child seen / heard in the CSV
flags; real Excel dates in the workbook's Start and End.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from report_content_world import build_case, chronology_rows, section

from scrchron.export import write_csv, write_report, write_spreadsheet
from scrchron.store import Case


@pytest.fixture(scope="module")
def case_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_case(tmp_path_factory.mktemp("content") / "child-r.scrchron")


@pytest.fixture(scope="module")
def report(case_path: Path) -> Path:
    out = case_path.with_name("report.docx")
    with Case.open(case_path, read_only=True) as case:
        write_report(case, out)
    return out


def _row_of(rows: list[list[str]], event: str) -> list[str]:
    return next(row for row in rows if event in row[3])


# -- agency comments ----------------------------------------------------------------------------


def test_agency_comment_is_in_the_chronology_notes_labelled_and_in_italics(report: Path) -> None:
    row = _row_of(chronology_rows(report), "a man's boots in the hall")
    assert "Missed chance to ask" not in row[3] and "Missed chance to ask" not in row[4]  # not among the facts
    assert "Agency's comment: Missed chance to ask" in row[5]
    table = Document(str(report)).tables[-1]
    cell = next(r.cells[5] for r in table.rows if "boots in the hall" in r.cells[3].text)
    runs = [run for p in cell.paragraphs for run in p.runs if "Missed chance" in run.text]
    assert runs and all(run.italic for run in runs)


def test_agency_comment_is_in_that_agencys_part_of_the_summary_of_involvement(report: Path) -> None:
    lines = section(report, "Summary of agency involvement")
    housing = lines.index("Housing") if "Housing" in lines else -1
    text = "\n".join(lines)
    assert "Missed chance to ask" in text
    assert "its analysis, not a finding of this review" in text
    comment_at = next(i for i, line in enumerate(lines) if "Missed chance to ask" in line)
    assert housing == -1 or comment_at > housing


# -- themes on entries ----------------------------------------------------------------------------


def test_findings_evidence_lists_its_entries_with_their_themes(report: Path) -> None:
    lines = section(report, "Findings")
    text = "\n".join(lines)
    assert "Entries cited for finding 1" in text
    cited = next(line for line in lines if "a man's boots in the hall" in line)
    assert "Information sharing" in cited and "Invisible fathers and male carers" in cited


def test_a_themes_table_shows_each_theme_with_its_findings_and_tagged_rows(report: Path) -> None:
    lines = section(report, "Findings")
    assert "Themes" in lines
    rows = chronology_rows(report)
    boots = rows.index(_row_of(rows, "boots in the hall"))
    information = next(line for line in lines if line.startswith("Information sharing |"))
    assert information.split(" | ")[1] == "1" and f"row {boots}" in information
    fathers = next(line for line in lines if line.startswith("Invisible fathers and male carers |"))
    assert fathers.split(" | ")[1] == "–"  # tagged on an entry, named by no finding


def test_entry_themes_are_in_the_chronology_notes(report: Path) -> None:
    row = _row_of(chronology_rows(report), "boots in the hall")
    assert "themes: Information sharing; Invisible fathers and male carers" in row[5]


# -- other details, dates with their reading ----------------------------------------------------


def test_other_details_reach_the_chronology_and_the_glossary(report: Path) -> None:
    row = _row_of(chronology_rows(report), "boots in the hall")
    assert "Risk: MARAC referral considered" in row[5]
    glossary = "\n".join(section(report, "Appendix B: Glossary"))
    assert "MARAC | Multi-Agency Risk Assessment Conference" in glossary  # only the other detail says MARAC


def test_episode_table_shows_the_reading_beside_a_month_first_date(report: Path) -> None:
    lines = section(report, "Analysis by key practice episode")
    row = next(line for line in lines if "boots in the hall" in line)
    assert "03/09/2015" in row and "read as 9 Mar 2015" in row


def test_findings_evidence_shows_the_reading_beside_the_written_date(report: Path) -> None:
    lines = section(report, "Findings")
    row = next(line for line in lines if "boots in the hall" in line)
    assert "03/09/2015" in row and "read as 9 Mar 2015" in row


def test_an_end_written_apart_is_shown_as_written(report: Path) -> None:
    row = _row_of(chronology_rows(report), "wishes recorded")
    assert "01/03/2015 to 05/03/2015" in row[1] and "read as 1–5 Mar 2015" in row[1]


# -- the chronology for Excel and as CSV ------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_flags_say_the_child_was_seen_and_heard(case_path: Path) -> None:
    out = case_path.with_name("chronology.csv")
    with Case.open(case_path, read_only=True) as case:
        write_csv(case, out)
    rows = _csv_rows(out)
    seen = next(r for r in rows if "seen asleep" in r["Event"])
    heard = next(r for r in rows if "wishes recorded" in r["Event"])
    assert "child seen" in seen["Flags"] and "child's views recorded" in heard["Flags"]
    assert seen["Start"] == "2014-02-14"  # CSV keeps ISO text


def _column(sheet: Any, title: str) -> list[Any]:
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    at = headings.index(title)
    return [row[at].value for row in sheet.iter_rows(min_row=2)]


def test_xlsx_start_and_end_are_real_dates_with_the_date_as_written_beside(case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "chronology.xlsx"
    with Case.open(case_path, read_only=True) as case:
        write_spreadsheet(case, out)
    sheet = load_workbook(out)["Chronology"]
    written, starts, ends = _column(sheet, "Date (as written)"), _column(sheet, "Start"), _column(sheet, "End")
    at = written.index("01/03/2015")
    assert (starts[at], ends[at]) == (datetime(2015, 3, 1), datetime(2015, 3, 5))
    assert all(isinstance(value, datetime) for value in starts)
    assert ends[at] - starts[at] == datetime(2015, 3, 5) - datetime(2015, 3, 1)  # intervals can be worked out
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    start_cell = next(sheet.iter_rows(min_row=2, max_row=2))[headings.index("Start")]
    assert start_cell.is_date and "yyyy" in start_cell.number_format


def test_xlsx_start_carries_the_time_when_one_is_known(tmp_path: Path) -> None:
    from scrchron.records.case_records import Entry, Review
    from scrchron.store import insert_entries

    path = tmp_path / "timed.scrchron"
    with Case.create(path, Review(title="Timed", review_type="cspr", subject_pseudonym="Child Q")) as case:
        agency = case.add_agency("Police", "").id
        with case.write():
            insert_entries(case, [Entry(agency_id=agency, event="Call", date_text="14/03/2014", time_text="22:40",
                                        start="2014-03-14T22:40", end="2014-03-14T22:40", time="22:40",
                                        precision="time")])
        write_spreadsheet(case, tmp_path / "timed.xlsx")
    sheet = load_workbook(tmp_path / "timed.xlsx")["Chronology"]
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    cell = next(sheet.iter_rows(min_row=2, max_row=2))[headings.index("Start")]
    assert cell.value == datetime(2014, 3, 14, 22, 40) and "hh:mm" in cell.number_format


def test_every_entry_an_export_gathers_has_its_other_details_filtered(case_path: Path) -> None:
    from scrchron.export.data import gather
    from scrchron.export.privacy import ExportPrivacy

    with Case.open(case_path, read_only=True) as case:
        data = gather(case, ExportPrivacy.for_case(case, anonymise=True))
    boots = next(e for e in data.entries if "boots in the hall" in e.event)
    assert boots.extra["Seen with"] == "Mother"  # the rapid review and every other writer see it filtered


def test_xlsx_keeps_a_reading_excel_cannot_show_as_iso_text(tmp_path: Path) -> None:
    from scrchron.records.case_records import Entry, Review
    from scrchron.store import insert_entries

    path = tmp_path / "typo.scrchron"
    with Case.create(path, Review(title="Typo", review_type="cspr", subject_pseudonym="Child Q")) as case:
        agency = case.add_agency("Police", "").id
        with case.write():
            insert_entries(case, [Entry(agency_id=agency, event="Call", date_text="14/03/1015", start="1015-03-14",
                                        end="1015-03-14", precision="day")])
        write_spreadsheet(case, tmp_path / "typo.xlsx")
    sheet = load_workbook(tmp_path / "typo.xlsx")["Chronology"]
    assert _column(sheet, "Start") == ["1015-03-14"]  # before 1900 Excel shows no date: the text stays
