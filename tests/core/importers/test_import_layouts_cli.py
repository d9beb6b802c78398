"""Every layout of issue 18 through the command line: ``scrchron import`` and ``--dry-run``.

Each file is generated here (python-docx, LibreOffice for .pdf/.doc/.odt, hand-written
PDFs from tests/pdf_files.py, CSV text), imported with ``--dry-run`` (which must show
what every column became and why, and change nothing), then for real; the entries in
the case are read back. A refused file leaves the case as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pdf_files import PdfPage, table_pages, write_pdf
from PIL import Image

from scrchron.cli import main
from scrchron.store import Case, EntryQuery, list_entries
from tests.core.importers.test_importers_narrative import PARAGRAPHS, narrative_docx
from tests.core.importers.test_importers_pdf import table_docx
from tests.core.importers.test_importers_two_row_headers import mental_health_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the .pdf/.doc/.odt files")
NARRATIVE_STARTS = ["14 March 2019", "20/03/2019", "Monday 6 January 2020", "?12 Mar 2020"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "review.scrchron"
    code, _, err = run(capsys, "new", str(path), "--title", "Adult A", "--type", "sar",
                       "--scope-from", "2018-01-01", "--scope-to", "2021-12-31")
    assert code == 0, err
    return path


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files LibreOffice makes: a GP table and a narrative printed to PDF, the narrative as .doc and .odt."""
    folder = tmp_path_factory.mktemp("office")
    if SOFFICE is None:
        return folder
    sources = [table_docx(folder), narrative_docx(folder)]
    for target in ("pdf", "doc", "odt"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", target, "--outdir", str(folder / target),
                        *map(str, sources if target == "pdf" else sources[1:])],
                       check=True, capture_output=True, timeout=300)
    return folder


def entries_of(case: Path) -> list[object]:
    with Case.open(case, read_only=True) as opened:
        return list(list_entries(opened, EntryQuery()))


def dry_then_import(capsys: pytest.CaptureFixture[str], case: Path, path: Path, agency: str,
                    *more: str) -> tuple[str, dict[str, object]]:
    """``--dry-run`` (nothing written), then the import as JSON; returns (dry-run text, summary)."""
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    code, shown, err = run(capsys, "import", str(case), str(path), "--agency", agency, "--dry-run", *more)
    assert code == 0, err
    assert shown.startswith(f"Would import {path.name} for {agency}")
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before  # a dry run writes nothing
    code, out, err = run(capsys, "import", str(case), str(path), "--agency", agency, "--json", *more)
    assert code == 0, err
    (summary,) = json.loads(out)
    return shown, summary


def refused(capsys: pytest.CaptureFixture[str], case: Path, path: Path, message: str) -> str:
    """The import fails with ``message`` on one line, no traceback, the case file unchanged."""
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    code, out, err = run(capsys, "import", str(case), str(path), "--agency", "Agency")
    assert code != 0 and message in err and "Traceback" not in err and not out
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before
    return err


def column_lines(shown: str) -> dict[str, str]:
    """heading -> "field: why" from the dry run's column lines."""
    found = {}
    for line in shown.splitlines():
        if line.startswith("    '") and "' -> " in line:
            heading, rest = line.strip()[1:].split("' -> ", 1)
            found[heading] = rest
    return found


def test_housing_csv_maps_notes_to_the_event_and_the_dry_run_says_why(
        capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "housing.csv"
    path.write_text(
        "Date,Contact,Notes,Estate\n"
        "03/02/2019,Tenancy,Report of a damaged front door; tenant said it was kicked in by an ex-partner,Northfield\n"
        "10/02/2019,Repairs,Door lock replaced after the tenant called twice about it,Northfield\n"
        "12/02/2019,Repairs,Tenant asked about a move to another estate; officer gave her the forms,Southmead\n",
        encoding="utf-8")
    shown, summary = dry_then_import(capsys, case, path, "Housing")
    columns = column_lines(shown)
    assert columns["Notes"].startswith("event: by its values: its free text is longer than that of 'Contact'")
    assert columns["Contact"].startswith("contact_type: by its values")
    assert columns["Date"] == 'start_date: by its heading (e.g. "03/02/2019")'
    assert columns["Estate"].startswith("not mapped: kept with each entry as other details")
    assert summary["mapping"] == {"start_date": "Date", "event": "Notes", "contact_type": "Contact"}
    assert [column["heading"] for column in summary["columns"]] == ["Date", "Contact", "Notes", "Estate"]
    assert summary["columns"][3]["samples"] == ["Northfield", "Northfield", "Southmead"]
    first = entries_of(case)[0]
    assert first.event.startswith("Report of a damaged front door")  # type: ignore[attr-defined]
    assert first.contact_type == "Tenancy" and first.extra == {"Estate": "Northfield"}  # type: ignore[attr-defined]


def test_a_hand_mapping_is_shown_as_such(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "housing.csv"
    path.write_text("Date,Contact,Notes\n03/02/2019,Tenancy,Report of a damaged front door\n", encoding="utf-8")
    code, shown, _ = run(capsys, "import", str(case), str(path), "--agency", "Housing", "--dry-run",
                         "--map", "event=Contact")
    assert code == 0
    columns = column_lines(shown)
    assert columns["Contact"].startswith("event: mapped by hand")
    assert columns["Notes"].startswith("not mapped: kept with each entry")


def test_pdf_table_over_pages_hand_made(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    rows = [[f"{n % 28 + 1:02d}/03/2019", f"Home visit {n}: Adult A seen, carers present", "DN"] for n in range(70)]
    path = write_pdf(tmp_path / "district-nursing.pdf", table_pages(rows, header=["Date", "Details", "Staff"]))
    shown, summary = dry_then_import(capsys, case, path, "District nursing")
    assert summary["importer"] == "pdf" and summary["rows_read"] == 70 and summary["imported"] == 70
    assert column_lines(shown)["Details"].startswith("event: by its heading")
    entries = entries_of(case)
    assert len(entries) == 70 and {e.row for e in entries} == set(range(2, 72))  # type: ignore[attr-defined]


@needs_soffice
def test_pdf_table_printed_by_libreoffice(capsys: pytest.CaptureFixture[str], case: Path, office: Path) -> None:
    path = office / "pdf" / "gp-record-summary.pdf"
    shown, summary = dry_then_import(capsys, case, path, "GP")
    assert summary["imported"] == 90 and not summary["skipped"]  # the header repeated on each page dropped
    assert summary["mapping"]["event"] == "Details of contact"
    assert "'Details of contact' -> event: by its heading" in shown


@needs_soffice
def test_pdf_without_a_table_is_a_narrative(capsys: pytest.CaptureFixture[str], case: Path, office: Path) -> None:
    shown, summary = dry_then_import(capsys, case, office / "pdf" / "asc-narrative.pdf", "ASC")
    assert "Read as a narrative chronology" in shown
    assert summary["imported"] == 4
    assert sorted(e.date_text for e in entries_of(case)) == sorted(NARRATIVE_STARTS)  # type: ignore[attr-defined]


def test_hand_made_pdf_without_a_table_is_a_narrative(
        capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "letter.pdf", [PdfPage(lines=[
        "Chronology of involvement", "14/03/2019 Adult A seen at the surgery about weight loss.",
        "She said she was eating well.", "02/04/2019 Did not attend the review appointment."])])
    shown, summary = dry_then_import(capsys, case, path, "GP")
    assert summary["imported"] == 2 and summary["details"]["notes"] == "Chronology of involvement"
    assert "Read as a narrative chronology: one entry per line" in shown


def test_scanned_pdf_is_refused(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    refused(capsys, case, path, "this PDF is a scan with no text; ask the agency for the original, or run it "
                                "through OCR first")


def test_narrative_docx_and_txt(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    _, summary = dry_then_import(capsys, case, narrative_docx(tmp_path), "ASC")
    assert summary["imported"] == 4 and summary["details"]["author"] == "Social worker 2"
    text = tmp_path / "probation-notes.txt"
    text.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    _, summary = dry_then_import(capsys, case, text, "Probation")
    assert summary["imported"] == 4
    assert sorted(e.date_text for e in entries_of(case)) == sorted(NARRATIVE_STARTS * 2)  # type: ignore[attr-defined]


@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "odt"])
def test_narrative_through_libreoffice(capsys: pytest.CaptureFixture[str], case: Path, office: Path,
                                       kind: str) -> None:
    _, summary = dry_then_import(capsys, case, office / kind / f"asc-narrative.{kind}", "ASC")
    assert summary["importer"] == f"legacy-{kind}" and summary["imported"] == 4
    assert sorted(e.date_text for e in entries_of(case)) == sorted(NARRATIVE_STARTS)  # type: ignore[attr-defined]


def test_merged_two_row_header_in_word(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    shown, summary = dry_then_import(capsys, case, mental_health_docx(tmp_path), "Mental health")
    assert summary["mapping"]["start_date"] == "Date / From" and summary["mapping"]["end_date"] == "Date / To"
    columns = column_lines(shown)
    assert columns["Date / To"].startswith("end_date:") and columns["Risk"].startswith("not mapped")
    ends = [e.end_date_text for e in entries_of(case)]  # type: ignore[attr-defined]
    assert ends == ["14/02/2020", "", "02/03/2020"]


def test_two_row_header_in_a_csv(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Seq,Contact,,,Details\n,Date,Time,Type,\n"
                    "1,14/03/2019,10:30,Phone,Mother called about the children's father at the door\n"
                    "2,15/03/2019,09:00,Visit,Home visit; both children seen and spoken to alone\n", encoding="utf-8")
    _, summary = dry_then_import(capsys, case, path, "Children's services")
    assert summary["mapping"]["start_time"] == "Contact / Time" and summary["imported"] == 2
    assert [e.time_text for e in entries_of(case)] == ["10:30", "09:00"]  # type: ignore[attr-defined]


def test_semicolon_csv_with_iso_date_times(capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("Timestamp;Channel;Narrative\n"
                    "2019-03-14T10:30:00;Phone;Caller reports a child alone on the balcony of a flat\n"
                    "2019-03-14T10:55:00;Radio;Officers on scene; mother returned from the shop\n", encoding="utf-8")
    shown, summary = dry_then_import(capsys, case, path, "Police")
    assert summary["mapping"]["start_date"] == "Timestamp"
    assert "'Channel' -> not mapped" in shown
    assert [e.start for e in entries_of(case)] == ["2019-03-14T10:30", "2019-03-14T10:55"]  # type: ignore[attr-defined]


def test_tab_visit_log_with_date_and_time_keeps_every_routine_call(
        capsys: pytest.CaptureFixture[str], case: Path, tmp_path: Path) -> None:
    path = tmp_path / "visit-log.tsv"
    routine = "Morning call: personal care and breakfast, medication prompted, no concerns"
    lines = ["Visit date\tVisit time\tCarer\tVisit notes"]
    lines += [f"{day:02d}/01/2021\t08:00\tCarer 1\t{routine}" for day in range(1, 29)] * 2  # same calls twice
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown, summary = dry_then_import(capsys, case, path, "Home care")
    assert summary["rows_read"] == 56 and summary["imported"] == 56 and not summary["skipped"]
    assert column_lines(shown)["Visit time"].startswith("start_time:")
    entries = entries_of(case)
    assert len(entries) == 56 and entries[0].start == "2021-01-01T08:00"  # type: ignore[attr-defined]


def test_word_table_with_multi_paragraph_cells(capsys: pytest.CaptureFixture[str], case: Path,
                                               tmp_path: Path) -> None:
    """The most common submission still works beside the new layouts."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for col, title in enumerate(["Date", "Event", "Source"]):
        table.cell(0, col).text = title
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "9 March 2019", "Strategy meeting", "CSC"
    table.cell(1, 1).add_paragraph("Police and health attended.")
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "10 March 2019", "Visit", "CSC"
    path = tmp_path / "csc.docx"
    document.save(str(path))
    _, summary = dry_then_import(capsys, case, path, "Children's services")
    assert summary["imported"] == 2
    assert entries_of(case)[0].event == "Strategy meeting\nPolice and health attended."  # type: ignore[attr-defined]
