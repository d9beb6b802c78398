"""Narrative chronologies: one entry per dated paragraph or line, in Word, plain text and through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from scrchron.chronology.submission_import import import_file
from scrchron.importers import SubmissionError, list_tables, parse_submission
from scrchron.importers.narrative import leading_date
from scrchron.records.case_records import Review
from scrchron.store import Case, EntryQuery, list_entries

PARAGRAPHS = [
    "Adult social care chronology for Adult A",
    "Author: Social worker 2",
    "This chronology covers our contact with Adult A and her daughter.",
    "2019",
    "14 March: Adult A's daughter phoned the front door, worried about her mother's weight.",
    "She said her mother had stopped answering the door to the carers.",
    "20/03/2019 \u2013 Home visit by the social worker; Adult A declined an assessment.",
    "",
    "2020",
    "Monday 6 January at 10:30, Care Act assessment started.",
    "?12 Mar 2020 Safeguarding concern from the GP about weight loss.",
]


def narrative_docx(folder: Path, paragraphs: list[str] = PARAGRAPHS, name: str = "asc-narrative.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    opened = Case.create(tmp_path / "c.scrchron",
                         Review(title="Adult A", review_type="sar", scope_from="2019-01-01", scope_to="2020-12-31"))
    yield opened
    opened.close()


def test_one_entry_per_dated_paragraph(tmp_path: Path) -> None:
    parsed = parse_submission(narrative_docx(tmp_path))
    assert [row.origin for row in parsed.rows] == ["Paragraph 5", "Paragraph 7", "Paragraph 10", "Paragraph 11"]
    first = parsed.rows[0]
    assert first.fields["start_date"] == "14 March 2019"  # the heading "2019" gives the year
    assert first.fields["event"] == ("Adult A's daughter phoned the front door, worried about her mother's weight.\n"
                                     "She said her mother had stopped answering the door to the carers.")
    assert parsed.rows[2].fields["start_time"] == "10:30"
    assert parsed.rows[3].fields["start_date"] == "?12 Mar 2020"
    assert parsed.details["author"] == "Social worker 2"
    assert "This chronology covers our contact" in parsed.details["notes"]
    assert parsed.rows_read == len(parsed.rows) + sum(parsed.skipped.values())
    assert parsed.warnings[0].startswith("Read as a narrative chronology: one entry per paragraph")


def test_narrative_import_reads_dates_and_keeps_the_saved_mapping(case: Case, tmp_path: Path) -> None:
    table = tmp_path / "asc-table.csv"
    table.write_text("Date,Event\n01/02/2019,Referral received from the GP\n", encoding="utf-8")
    import_file(case, table, "Adult Social Care")
    summary = import_file(case, narrative_docx(tmp_path), "Adult Social Care")
    assert summary.imported == 4
    entries = [e for e in list_entries(case, EntryQuery()) if e.submission_id == summary.submission_id]
    assert [e.start for e in entries] == ["2019-03-14", "2019-03-20", "2020-01-06T10:30", "2020-03-12"]
    assert entries[3].uncertain
    agency = case.find_agency("Adult Social Care")
    assert agency is not None and agency.mapping == {"start_date": "Date", "event": "Event"}


def test_plain_text_lines(tmp_path: Path) -> None:
    path = tmp_path / "gp-summary.txt"
    path.write_text("GP record summary\n\n03/01/2020 Seen with low mood; partner present.\n"
                    "  Declined referral to talking therapies.\n2020-02-14T09:10:00 Telephone consultation.\n",
                    encoding="utf-8")
    parsed = parse_submission(path)
    assert [(r.origin, r.fields["start_date"]) for r in parsed.rows] == [
        ("Line 3", "03/01/2020"), ("Line 5", "2020-02-14T09:10:00")]
    assert parsed.rows[0].fields["event"].endswith("Declined referral to talking therapies.")
    assert [t.kind for t in list_tables(path)] == ["sheet", "text"]  # the chooser lists the lines too
    assert parse_submission(path, table=2).rows[0].origin == "Line 3"  # as the wizard asks for them


def test_a_small_details_table_does_not_hide_the_dated_paragraphs(tmp_path: Path) -> None:
    path = narrative_docx(tmp_path)
    document = docx.Document(str(path))
    details = document.add_table(rows=2, cols=2)
    details.cell(0, 0).text, details.cell(0, 1).text = "Agency", "Adult Social Care"
    details.cell(1, 0).text, details.cell(1, 1).text = "Completed by", "Team manager"
    document.save(str(path))
    assert len(parse_submission(path).rows) == 4
    assert [t.name for t in list_tables(path)] == ["Table 1", "Dated paragraphs"]
    assert len(parse_submission(path, table=2).rows) == 4


def test_no_dated_paragraph_is_refused_clearly(tmp_path: Path) -> None:
    path = narrative_docx(tmp_path, ["Our involvement", "We knew the family for two years.", "The case closed."])
    with pytest.raises(SubmissionError, match=r"none of its 3 paragraph\(s\) begins with a readable date"):
        parse_submission(path)


def test_a_csv_is_never_read_as_a_narrative(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,Role,Notes\n01/01/2020 A,B,C\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match="No date column recognised"):
        parse_submission(path)


@pytest.mark.parametrize(("text", "expected"), [
    ("14/03/2019 Home visit", ("14/03/2019", "", "Home visit")),
    ("23rd February 2016 - Strategy meeting", ("23rd February 2016", "", "Strategy meeting")),
    ("w/c 3/3/14: daily visits", ("w/c 3/3/14", "", "daily visits")),
    ("Spring 2014 \u2013 moved to the area", ("Spring 2014", "", "moved to the area")),
    ("9 march 2015 at 19.30 Police attended", ("9 march 2015", "19.30", "Police attended")),
    ("Jul-15 Discharged", ("Jul-15", "", "Discharged")),
])
def test_leading_dates_in_the_forms_agencies_write(text: str, expected: tuple[str, str, str]) -> None:
    assert leading_date(text) == expected


@pytest.mark.parametrize("text", ["2 children were seen at school", "12 officers attended", "The 14th visit",
                                  "March was a difficult month", "100 Main Street"])
def test_text_that_does_not_begin_with_a_date(text: str) -> None:
    assert leading_date(text) is None


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_odt_narrative_through_libreoffice(tmp_path: Path) -> None:
    assert SOFFICE is not None
    source = narrative_docx(tmp_path)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "odt", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    parsed = parse_submission(tmp_path / "out" / "asc-narrative.odt")
    assert parsed.importer == "legacy-odt"
    assert [row.fields["start_date"] for row in parsed.rows] == [
        "14 March 2019", "20/03/2019", "Monday 6 January 2020", "?12 Mar 2020"]
