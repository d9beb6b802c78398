"""The report's copy (issue 21, item 7): sentences that read as a reviewer writes them.

Each defect was found by exporting the demo review and reading the text: "between
14 Feb 2014 – 27 Jul 2015", "rows 26", "136 months later", the SAR's section 44
sentence twice, the action plan's "Rec." header breaking in two, a merged row's
"by:" and "source:" not saying whose, command-line text in the body, a glossary
without police ranks and with PPN wrong.

The glossary meanings were checked against public sources: PPN, a police Public
Protection Notice (Devon County Council, "Devon and Cornwall Police – Public
Protection Notice (PPN's) and Operation Encompass", devon.gov.uk; BCP Council,
"Multi-agency risk assessment conference and public protection notice forms");
police ranks PC/DC, PS/DS, DI and CID (Police ranks of the United Kingdom, as
summarised at wikisum.wiki and lineofduty.fandom.com "UK Police Ranks"); STORM, the
command and control system in which forces log incidents (IOPC recommendations to
Wiltshire Police, April 2026, and Essex Police, September 2019, policeconduct.gov.uk).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from report_content_world import body, body_text, build_case, chronology_rows, section

from scrchron.analysis import operations
from scrchron.export import write_report
from scrchron.export.glossary import glossary_for
from scrchron.export.report_sections import LEGAL_BASIS
from scrchron.store import Case
from scrchron.store import analysis as store

TODAY = date(2026, 12, 1)


def _report(tmp_path: Path, review_type: str = "cspr", name: str = "report.docx") -> Path:
    path = build_case(tmp_path / f"{review_type}.scrchron", review_type)
    out = tmp_path / name
    with Case.open(path, read_only=True) as case:
        write_report(case, out, today=TODAY)
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(tmp_path_factory.mktemp("copy"))


def test_an_agencys_span_is_between_one_day_and_another(report: Path) -> None:
    lines = section(report, "Summary of agency involvement")
    assert "2 entries, between 14 Feb 2014 and 7 Oct 2014." in lines
    assert not any(re.search(r"between [^.]*–", line) for line in body(report))


def test_one_chronology_row_is_a_row_not_rows(report: Path) -> None:
    text = "\n".join(section(report, "Findings"))
    assert "chronology row 4 (Appendix E)" in text  # finding 1 cites one entry
    assert "chronology rows 1–2 (Appendix E)" in text
    assert not re.search(r"\brows \d+\b(?![–,])", text)


def test_time_since_commissioning_is_in_years_and_months(tmp_path: Path) -> None:
    lines = section(_report(tmp_path, "sar"), "Timescales")
    # commissioned 1 Sep 2015, dated 1 Dec 2026
    assert any("11 years 3 months later" in line for line in lines), lines
    assert not re.search(r"\b\d{2,} months later", "\n".join(lines))


def test_a_sar_says_its_section_44_basis_once(tmp_path: Path) -> None:
    report = _report(tmp_path, "sar")
    assert body_text(report).count(LEGAL_BASIS["sar"]) == 1
    assert LEGAL_BASIS["sar"] in section(report, "The legal mandate for this review")


def test_every_other_review_type_keeps_its_legal_basis_in_the_introduction(tmp_path: Path) -> None:
    for review_type in ("cspr", "dhr", "susr"):
        lines = section(_report(tmp_path, review_type, f"{review_type}.docx"), "Introduction")
        assert LEGAL_BASIS[review_type] in lines


def test_a_merged_rows_notes_say_which_agency_each_belongs_to(report: Path) -> None:
    row = next(r for r in chronology_rows(report) if r[2].startswith("Recorded by:"))
    notes = row[5].split("\n")
    assert "Police: by: DS, Public Protection Unit; source: PPU minutes" in notes
    assert "Children's Social Care: by: Team manager; source: Case notes" in notes
    assert not any(line.startswith(("by:", "source:")) for line in notes)


def test_a_single_rows_other_details_stay_as_they_were(report: Path) -> None:
    row = next(r for r in chronology_rows(report) if "boots in the hall" in r[3])
    assert "Risk: MARAC referral considered" in row[5].split("\n")


@pytest.mark.parametrize("review_type", ["cspr", "sar", "dhr", "susr", "cpr"])
def test_no_command_line_text_in_the_body_of_a_report(tmp_path: Path, review_type: str) -> None:
    text = body_text(_report(tmp_path, review_type))
    assert "scrchron " not in text.lower().replace("scrchron's", "")
    assert not re.search(r"(^|\s)--[a-z]", text)
    assert "case setting" not in text


def test_no_command_line_text_in_the_rapid_review(tmp_path: Path) -> None:
    from scrchron.export.rapid_review import write_rapid_review

    path = build_case(tmp_path / "rapid.scrchron")
    with Case.open(path, read_only=True) as case:
        write_rapid_review(case, tmp_path / "rapid.docx")
    text = body_text(tmp_path / "rapid.docx")
    assert "scrchron " not in text.lower().replace("scrchron's", "")
    assert not re.search(r"(^|\s)--[a-z]", text)


def test_the_demo_style_anonymisation_note_names_no_command(report: Path) -> None:
    lines = section(report, "Anonymisation")
    assert any("the version for publication is exported anonymised" in line for line in lines)


#: Liberation Sans has Arial's metrics (the report's font); headers are bold 8.5 pt.
BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")
CELL_MARGINS_CM = 0.38  # 0.19 cm each side, Word's and LibreOffice's default


def _fits(word: str, width_cm: float) -> bool:
    from PIL import ImageFont

    points = ImageFont.truetype(str(BOLD), 850).getlength(word) / 100
    return points / 72 * 2.54 + CELL_MARGINS_CM <= width_cm


def report_with_an_action(tmp_path: Path) -> Path:
    """The report of the test case with one action in its plan, written at ``tmp_path/actions.docx``."""
    path = build_case(tmp_path / "case.scrchron")
    with Case.open(path) as case:
        operations.add_action(case, store.list_recommendations(case)[0].id, "Audit the checklist", owner="Housing",
                            due="2016-01-01")
        out = tmp_path / "actions.docx"
        write_report(case, out, today=TODAY)
    return out


@pytest.mark.skipif(not BOLD.exists(), reason="needs the Liberation Sans font (Arial's metrics)")
def test_every_table_header_word_fits_its_column(tmp_path: Path) -> None:
    out = report_with_an_action(tmp_path)
    for table in Document(str(out)).tables:
        for cell in table.rows[0].cells:
            for word in cell.text.split():
                assert _fits(word, cell.width.cm), f"'{word}' does not fit {cell.width.cm:.2f} cm"
    assert any(t.rows[0].cells[0].text == "Rec." for t in Document(str(out)).tables)  # the action plan was checked


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_the_action_plan_header_reads_rec_on_one_line_in_the_pdf(tmp_path: Path) -> None:
    out = report_with_an_action(tmp_path)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "actions.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    header = next(line for line in text.splitlines() if "Evidence of change" in line)
    assert header.split()[0] == "Rec.", header


def test_the_glossary_knows_police_ranks_and_systems() -> None:
    text = "DS, Public Protection Unit; DC and PC attended; PS briefed the DI; CID and the MIT; STORM 1509/1188; PPN"
    found = dict(glossary_for([text]))
    assert found["DS"] == "Detective Sergeant (police)"
    assert found["DC"] == "Detective Constable (police)"
    assert found["PC"] == "Police Constable"
    assert found["PS"] == "Police Sergeant"
    assert found["DI"] == "Detective Inspector (police)"
    assert found["CID"] == "Criminal Investigation Department (police)"
    assert found["MIT"] == "Major Investigation Team (police)"
    assert "command and control" in found["STORM"]
    assert found["PPN"].startswith("Public Protection Notice")


def test_the_phrases_sentences_are_built_from() -> None:
    from scrchron.export.phrases import between, elapsed, rows_phrase

    assert between("2014-02-14", "2015-07-27") == "between 14 Feb 2014 and 27 Jul 2015"
    assert between("2015-03-09", "2015-03-09") == "on 9 Mar 2015"
    assert rows_phrase([26]) == "row 26" and rows_phrase([26, 27, 30]) == "rows 26–27, 30"
    assert elapsed(date(2015, 9, 1), date(2026, 12, 1)) == "11 years 3 months"
    assert elapsed(date(2015, 9, 1), date(2015, 9, 22)) == "3 weeks"
    assert elapsed(date(2015, 9, 1), date(2015, 9, 1)) is None
