"""The agency template pack, returned templates and the return check, end to end.

The pack is sent, filled the way agencies fill it (one as sent, one in Word, one that
deletes a column, one that pastes its own table over the template's), imported with
no agency and no mapping where nothing changed, and checked. Names are invented.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from scrchron.chronology.submission_import import import_file
from scrchron.cli import main
from scrchron.errors import ValidationError
from scrchron.export.template_pack import send_pack
from scrchron.importers.template_marker import COLUMNS, read_marker
from scrchron.records.case_records import Review
from scrchron.review.return_check import analysis_phrase, check_return, looks_like_a_name
from scrchron.store import Case
from scrchron.store import milestones as stored

AGENCIES = ("Police", "Health Visiting", "School", "Children's Social Care")
SENT = datetime.date(2025, 6, 2)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "child-t.scrchron"
    review = Review("Review concerning Child T", "cspr", subject_name="Tommy Marsh", subject_pseudonym="Child T",
                    scope_from="2014-01-01", scope_to="2015-12-31")
    Case.create(path, review).close()
    return path


@pytest.fixture
def pack(case_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    with Case.open(case_path) as case:
        send_pack(case, folder, AGENCIES, "both", due="2025-06-30", today=SENT)
    return folder


def _xlsx(pack: Path, agency: str) -> Path:
    return pack / f"Chronology template - {agency}.xlsx"


def _docx(pack: Path, agency: str) -> Path:
    return pack / f"Chronology template - {agency}.docx"


def _fill_xlsx(template: Path, out: Path, rows: list[tuple[object, ...]], delete_column: str = "") -> None:
    book = load_workbook(template)
    sheet = book["Chronology"]
    if delete_column:
        index = [h for _, h in COLUMNS].index(delete_column) + 1
        sheet.delete_cols(index)
    for number, row in enumerate(rows, start=8):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(out)


POLICE_ROWS = [
    (1, datetime.date(2014, 3, 2), "19:30", None, "Neighbour called about shouting at the flat", "Officers attended",
     "PC 1", "Police attendance", "Niche occurrence", ""),
    (2, "?12/03/2015", None, None, "Domestic incident, DASH medium", "PPN to CSC", "DS, PPU", "", "PPN",
     "We think this should have gone to MARAC"),
    (3, "", None, None, "Mother reported threats by text", "Advice given", "Call handler", "Telephone call", "",
     ""),
    (4, "some time last year", None, None, "Anonymous call", "No further action", "Sarah Jones", "", "Storm", ""),
    (5, "03/02/2011", None, None, "Warning marker added", "", "PC 2", "", "PNC", ""),
    (6, "05/05/2015", None, None, "I think mother was hiding the bruises", "Officers should have checked",
     "PC 1", "", "Niche", ""),
]


def test_the_pack_is_prefilled_by_pseudonym_with_marker_validation_and_frozen_header(pack: Path,
                                                                                     case_path: Path) -> None:
    files = sorted(p.name for p in pack.iterdir())
    assert len(files) == 2 * len(AGENCIES)
    for path in pack.iterdir():
        with zipfile.ZipFile(path) as archive:
            xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
        assert "Tommy" not in xml and "Marsh" not in xml
        assert "Child T" in xml and "30 June 2025" in xml
        marker = read_marker(path)
        assert marker is not None and marker.agency in AGENCIES
    sheet = load_workbook(_xlsx(pack, "Police"))["Chronology"]
    assert sheet.freeze_panes == "A8"
    assert [sheet.cell(row=7, column=n).value for n in range(1, 11)] == [h for _, h in COLUMNS]
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert {"date", "time", "list"} <= kinds
    listed = next(v for v in sheet.data_validations.dataValidation if v.type == "list")
    assert "Home visit" in listed.formula1 and str(listed.sqref).startswith("H8")
    document = Document(str(_docx(pack, "Health Visiting")))
    assert [c.text for c in document.tables[-1].rows[0].cells] == [h for _, h in COLUMNS]
    assert any("roles, not names" in p.text.lower() or "by role" in p.text for p in document.paragraphs)
    with Case.open(case_path) as case:
        returns = [m for m in stored.milestones(case) if m.agency_id is not None]
        assert {m.name for m in returns} == {f"Chronology from {a}" for a in AGENCIES}
        assert {m.due for m in returns} == {"2025-06-30"}


def test_returned_templates_file_themselves_and_changed_ones_still_import(pack: Path, case_path: Path,
                                                                         tmp_path: Path) -> None:
    police = tmp_path / "police return.xlsx"
    _fill_xlsx(_xlsx(pack, "Police"), police, POLICE_ROWS)
    school = tmp_path / "school.xlsx"
    _fill_xlsx(_xlsx(pack, "School"), school, [(1, "12/09/2014", "", "", "Attendance 82%", "Letter home", "DSL",
                                                 "Letter or email", "")], delete_column="Source")
    health = tmp_path / "hv.docx"
    document = Document(str(_docx(pack, "Health Visiting")))
    table = document.tables[-1]
    for cell, value in zip(table.rows[1].cells, ("1", "14/04/2014", "10:00", "", "New birth visit", "Universal",
                                                   "Health visitor 1", "Home visit", "EMIS", ""), strict=True):
        cell.text = value
    document.save(str(health))
    social = tmp_path / "csc.docx"
    document = Document(str(_docx(pack, "Children's Social Care")))
    own = document.add_table(rows=2, cols=4)
    for cell, value in zip(own.rows[0].cells, ("Date of contact", "Details", "Outcome", "Worker"), strict=True):
        cell.text = value
    for cell, value in zip(own.rows[1].cells, ("03/03/2015", "Referral from police (PPN)", "Strategy discussion",
                                               "Social worker 1"), strict=True):
        cell.text = value
    document.tables[-2]._tbl.getparent().remove(document.tables[-2]._tbl)  # the template's table replaced
    document.save(str(social))

    with Case.open(case_path) as case:
        results = {name: import_file(case, path, None)
                   for name, path in (("police", police), ("school", school), ("hv", health), ("csc", social))}
    assert {name: r.agency for name, r in results.items()} == {
        "police": "Police", "school": "School", "hv": "Health Visiting", "csc": "Children's Social Care"}
    assert results["police"].imported == 6 and results["police"].details["template"] == "returned as sent"
    assert results["police"].mapping == dict(COLUMNS) | {}  # every column mapped as sent
    assert results["hv"].details["template"] == "returned as sent" and results["hv"].imported == 1
    assert "column 'Source' deleted or renamed" in results["school"].details["template"]
    assert results["school"].imported == 1
    assert "column 'Date' deleted or renamed" in results["csc"].details["template"]
    assert "column 'Date of contact' added" in results["csc"].details["template"]
    assert results["csc"].imported == 1 and any("template was changed" in w for w in results["csc"].warnings)


def test_the_return_check_lists_each_row_as_the_agency_wrote_it(pack: Path, case_path: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    police = tmp_path / "police.xlsx"
    _fill_xlsx(_xlsx(pack, "Police"), police, POLICE_ROWS)
    assert main(["import", str(case_path), str(police)]) == 0
    with Case.open(case_path, read_only=True) as case:
        check = check_return(case, "Police")
    found = {(p.row, p.issue.split(":")[0]) for p in check.problems}
    assert found == {
        (10, "No date"), (10, "No source"),
        (11, "Date not readable"), (11, "Practitioner named"),
        (12, "Date outside the scope"),
        (13, "Analysis in the event column"), (13, "Analysis in the action / outcome column"),
    }  # row 9's "should have" is in the agency comment, where analysis belongs
    assert next(p for p in check.problems if p.row == 11).text == "Anonymous call"
    capsys.readouterr()
    for name in ("check.docx", "check.xlsx"):
        assert main(["check", str(case_path), "--agency", "Police", "--out", str(tmp_path / name)]) == 0
    assert "7 point(s)" in capsys.readouterr().out
    text = "\n".join(c.text for row in Document(str(tmp_path / "check.docx")).tables[0].rows for c in row.cells)
    assert "some time last year" in text and "Sarah Jones" in text and "I think" in text
    sheet = load_workbook(tmp_path / "check.xlsx")["Return check"]
    assert sheet.freeze_panes == "A7" and sheet["E7"].value.startswith("No date")
    assert "returned as sent" in sheet["A3"].value


def test_a_file_without_marker_needs_an_agency_and_another_reviews_template_says_so(
        pack: Path, case_path: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["Date", "Event"])
    book.active.append(["12/03/2015", "Home visit"])
    book.save(plain)
    other = tmp_path / "other.scrchron"
    Case.create(other, Review("Review concerning Adult A", "sar", subject_pseudonym="Adult A")).close()
    folder = tmp_path / "other-pack"
    folder.mkdir()
    with Case.open(other) as case:
        send_pack(case, folder, ["Police"], "xlsx")
    foreign = tmp_path / "foreign.xlsx"
    _fill_xlsx(folder / "Chronology template - Police.xlsx", foreign, POLICE_ROWS[:1])
    before = case_path.read_bytes()
    with Case.open(case_path) as case:
        with pytest.raises(ValidationError, match="name the agency with --agency"):
            import_file(case, plain, None)
        with pytest.raises(ValidationError, match=r"template of another review.*Adult A"):
            import_file(case, foreign, None)
        assert case.submissions() == []
        summary = import_file(case, foreign, "Police")
    assert summary.imported == 1 and any("another review" in w for w in summary.warnings)
    assert summary.details["template"].startswith("a template of another review")
    assert before != case_path.read_bytes()


@pytest.mark.parametrize(("role", "named"), [
    ("Sarah Jones", True), ("Mrs Smith", True), ("PC Harris", True), ("Dr. Patel", True),
    ("Health visitor 1", False), ("PC 1", False), ("Duty Social Worker", False), ("DS, PPU", False),
    ("GP1", False), ("Nurse Practitioner", False), ("PC Community Support", False),
    ("Designated Safeguarding Lead", False), ("", False),
])
def test_a_name_in_the_role_column_is_noticed(role: str, named: bool) -> None:
    assert looks_like_a_name(role) is named


def test_analysis_phrases_are_found_only_as_words() -> None:
    assert analysis_phrase("I think mother was hiding it") == "I think"
    assert analysis_phrase("Staff should have escalated") == "should have"
    assert analysis_phrase("Child seen at home; shoulder havoc") == ""


def test_bad_input_for_the_template_commands(case_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", str(case_path), "--out", str(tmp_path / "missing")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["templates", str(case_path), "--out", str(tmp_path)]) == 1
    assert "no agencies yet" in capsys.readouterr().err
    assert main(["check", str(case_path), "--agency", "Police", "--out", str(tmp_path / "c.pdf")]) == 1
    assert ".docx or .xlsx" in capsys.readouterr().err
    assert main(["check", str(case_path), "--agency", "Police", "--out", str(tmp_path / "c.docx")]) == 1
    assert "No agency called 'Police'" in capsys.readouterr().err


def test_an_agency_name_with_markup_is_written_and_read_back_exactly(case_path: Path, tmp_path: Path) -> None:
    name = "Children's Social Care & <Early Help>"
    with Case.open(case_path) as case:
        summary = send_pack(case, tmp_path, [name], "both")
    assert len(summary.files) == 2
    for path in map(Path, summary.files):
        marker = read_marker(path)
        assert marker is not None and marker.agency == name
    document = Document(str(tmp_path / "Chronology template - Children's Social Care & Early Help.docx"))
    assert document.tables[0].rows[1].cells[1].text == name
    sheet = load_workbook(tmp_path / "Chronology template - Children's Social Care & Early Help.xlsx")["Chronology"]
    assert sheet["A2"].value == f"Agency: {name}"


def _edited(template: Path, out: Path, edit: str) -> None:
    book = load_workbook(template)
    sheet = book["Chronology"]
    for number, row in enumerate(POLICE_ROWS[:2], start=8):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    if edit == "guidance rows deleted":
        sheet.delete_rows(1, 6)
    elif edit == "sheet renamed":
        sheet.title = "Police chronology"
    elif edit == "columns reordered":
        for row in sheet.iter_rows(min_row=7, max_row=9):
            row[1].value, row[4].value = row[4].value, row[1].value  # Date and Event swapped
    elif edit == "column added":
        sheet.cell(row=7, column=11, value="Risk level")
        sheet.cell(row=8, column=11, value="Medium")
    elif edit == "marker removed":
        book.custom_doc_props = type(book.custom_doc_props)()
    book.save(out)


@pytest.mark.parametrize(("edit", "expected"), [
    ("guidance rows deleted", "returned as sent"),
    ("sheet renamed", "sheet 'Chronology' renamed or replaced"),
    ("columns reordered", "columns reordered"),
    ("column added", "column 'Risk level' added"),
])
def test_a_changed_template_still_imports_and_says_what_changed(pack: Path, case_path: Path, tmp_path: Path,
                                                                edit: str, expected: str) -> None:
    out = tmp_path / "edited.xlsx"
    _edited(_xlsx(pack, "Police"), out, edit)
    with Case.open(case_path) as case:
        summary = import_file(case, out, None)
        assert summary.agency == "Police" and summary.imported == 2
        assert expected in summary.details["template"]
        check = check_return(case, "Police")
    assert expected in check.template


def test_a_template_whose_marker_was_removed_imports_with_an_agency(pack: Path, case_path: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "no-marker.xlsx"
    _edited(_xlsx(pack, "Police"), out, "marker removed")
    assert read_marker(out) is None
    with Case.open(case_path) as case:
        with pytest.raises(ValidationError, match="--agency"):
            import_file(case, out, None)
        summary = import_file(case, out, "Police")
        assert summary.imported == 2 and "template" not in summary.details
        assert check_return(case, "Police").template == ""
