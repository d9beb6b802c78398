"""The Word overview report: structure by review type, filled sections, guidance, appendices,
Word structure, anonymisation and its read-back check, bad input, and a LibreOffice PDF check.

``build_export_case`` (used by the other export tests too) makes a small case with
everything a report shows: three agencies, dated and coarse entries, a confirmed
same-event group, a withdrawn entry, formula-like text, people with aliases, an
episode, a finding, a recommendation and an overdue action.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.text.paragraph import Paragraph

from scrchron.analysis import operations
from scrchron.chronology import merge
from scrchron.errors import ValidationError
from scrchron.export import ExportError, ExportRefused, write_report
from scrchron.export.docx_tables import Cell, Column, table_xml
from scrchron.export.privacy import ExportPrivacy
from scrchron.names.anonymise import Anonymiser
from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries, list_entries

REAL_NAMES = ("Tommy", "Tanya", "Brennan", "Marsh")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: (agency, date as written, start, end, precision, event, action)
ENTRIES: list[tuple[str, str, str | None, str | None, str, str, str]] = [
    ("Police", "14/03/2014", "2014-03-14", "2014-03-14", "day",
     "Domestic incident; Tanya Marsh had a cut lip, Tommy asleep upstairs. PPN to MASH.", "DASH standard risk."),
    ("Children's Social Care", "17.03.14", "2014-03-17", "2014-03-17", "day",
     "MASH received the PPN; Ms Marsh told the worker Lee had left.", "NFA; letter to mother."),
    ("Health Visiting", "w/c 24/3/14", "2014-03-24", "2014-03-30", "week",
     "Home visit attempted after the PPN; no answer.", "Card left."),
    ("Health Visiting", "Summer 2014", "2014-06-01", "2014-08-31", "season",
     "Two visits planned; neither took place (staff sickness).", ""),
    ("Police", "7 October 2014", "2014-10-07", "2014-10-07", "day",
     "Strategy discussion with CSC and health about Tommy.", "S47 agreed."),
    ("Children's Social Care", "07/10/2014", "2014-10-07", "2014-10-07", "day",
     "Strategy discussion held with police and the HV; S47 enquiry agreed.", "Visit within two days."),
    ("Children's Social Care", "?12 Mar 2015", "2015-03-12", "2015-03-12", "day",
     "Home visit; Lee Brennan present and answered for Tanya.", "=HYPERLINK(\"http://x\",\"click\")"),
    ("Police", "date not recorded", None, None, "unknown", "+44 7700 900000 called about shouting.", "-ve"),
    ("Health Visiting", "1 July 2015", "2015-07-01", "2015-07-01", "day", "@SUM(A1) DNA clinic.", "\tTabbed"),
    ("Police", "3 August 2015", "2015-08-03", "2015-08-03", "day", "Withdrawn entry about Tanya.", ""),
]


def every_paragraph(document: Any) -> list[Paragraph]:
    """Every paragraph of the body, those in content controls (the sections' words) too."""
    return [Paragraph(p, document._body) for p in document.element.body.iter(f"{W}p")]


def build_export_case(path: Path, review_type: str = "cspr") -> Path:
    """Write the test case at ``path``; return it."""
    review = Review(title="Tommy Marsh: practice review", review_type=review_type, subject_name="Tommy Marsh",
                    subject_pseudonym="Child T", subject_dob="2012-09-20", scope_from="2014-03-01",
                    scope_to="2015-09-12", incident_date="2015-09-12", commissioned_date="2015-10-20")
    with Case.create(path, review) as case:
        ids = {name: case.add_agency(name, short).id
               for name, short in (("Police", ""), ("Children's Social Care", "CSC"), ("Health Visiting", "HV"))}
        rows = [Entry(agency_id=ids[agency], date_text=text, start=start, end=end, precision=precision,
                      event=event, action=action, uncertain=text.startswith("?"), withdrawn="Withdrawn" in event,
                      row=n, seq=float(n))
                for n, (agency, text, start, end, precision, event, action) in enumerate(ENTRIES, start=1)]
        with case.write():
            entry_ids = insert_entries(case, rows)
        merge.link_entries(case, [entry_ids[4], entry_ids[5]])
        _add_analysis(case, entry_ids)
    return path


def _add_analysis(case: Case, entry_ids: list[int]) -> None:
    operations.add_person(case, "Tommy Marsh", "Child T", subject=True, dob="2012-09-20")
    operations.add_person(case, "Tanya Marsh", "Mother", role="mother", aliases=["Ms Marsh"])
    operations.add_person(case, "Lee Brennan", "Mother's partner", role="mother's partner", aliases=["Lee"])
    episode = operations.add_episode(case, "The first PPN and the MASH decision", period_from="2014-03-14",
                                   period_to="2014-03-31", in_period=True,
                                   summary="Police attended; Tanya said Lee had left.")
    finding = operations.add_finding(case, "Information about domestic abuse was not shared with health",
                                   narrative="The PPN outcome did not reach the HV.",
                                   themes=["Information sharing"], episodes=[episode.id],
                                   entries=entry_ids[:2], agencies=["Police"])
    rec = operations.add_recommendation(case, "The MASH shares PPN outcomes with the health visitor.",
                                      findings=[finding.id], owner="Children's Social Care")
    operations.add_action(case, rec.id, "Audit PPN sharing", owner="MASH manager", due="2016-01-01")
    operations.annotate_entry(case, entry_ids[0], significance="key", child_seen=True)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return build_export_case(tmp_path / "child-t.scrchron")


@pytest.fixture
def report(case_path: Path, tmp_path: Path) -> Iterator[Path]:
    out = tmp_path / "report.docx"
    with Case.open(case_path) as case:
        write_report(case, out)
    yield out


@pytest.fixture
def anonymised(case_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "published.docx"
    with Case.open(case_path) as case:
        write_report(case, out, anonymise=True)
    return out


def headings(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


def all_xml_text(path: Path) -> str:
    """Every XML part of a docx, tags and all (a name anywhere shows up)."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels")))


# -- structure by review type --------------------------------------------------------------


@pytest.mark.parametrize(("review_type", "expected", "absent"), [
    ("cspr", ["Family involvement and the child's voice", "Pen picture of Child T", "Appendix C: Action plan"],
     ["Preface", "The six safeguarding principles"]),
    ("scr", ["Family involvement and the child's voice", "Analysis by key practice episode"], ["Preface"]),
    ("sar", ["The legal mandate for this review", "The six safeguarding principles", "Timescales", "Referral"],
     ["Preface", "Family involvement and the child's voice"]),
    ("dhr", ["Preface", "Confidentiality", "Equality and diversity", "Dissemination", "Lessons to be learnt",
             "Review panel members and the chair's independence", "Action plan"],
     ["Anonymisation", "The six safeguarding principles"]),
])
def test_each_review_type_has_its_own_sections(tmp_path: Path, review_type: str, expected: list[str],
                                                absent: list[str]) -> None:
    path = build_export_case(tmp_path / f"{review_type}.scrchron", review_type)
    out = tmp_path / f"{review_type}.docx"
    with Case.open(path) as case:
        summary = write_report(case, out)
    found = headings(out)
    titles = [h.split(". ", 1)[-1] for h in found]
    for title in expected:
        assert any(title in h for h in found), f"{title} missing from {found}"
    for title in absent:
        assert title not in titles
    assert summary.review_type == review_type
    assert "Findings" in titles and "Recommendations" in titles
    assert any(h.endswith("Merged multi-agency chronology") for h in found)


def test_main_sections_are_numbered_and_appendices_lettered(report: Path) -> None:
    found = headings(report)
    assert found[0] == "1. Anonymisation"
    appendices = [h for h in found if h.startswith("Appendix")]
    assert [h.split(":")[0] for h in appendices] == [f"Appendix {c}" for c in "ABCDE"]


# -- filled from the case ------------------------------------------------------------------------


def test_title_page_shows_marking_status_version_and_pseudonym(report: Path) -> None:
    document = Document(str(report))
    first_page = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "TOC Heading":
            break
        first_page.append(paragraph.text)
    details = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    text = "\n".join(first_page + [f"{k}: {v}" for k, v in details.items()])
    assert "OFFICIAL-SENSITIVE" in text and "DRAFT" in text
    assert "Child Safeguarding Practice Review" in text and "Child T" in first_page
    assert details["Version"].startswith("0.1 (draft), ")
    assert details["Scope period"] == "1 March 2014 to 12 September 2015"
    assert details["Commissioned by"] == "[the safeguarding partnership]"
    assert "Tommy" not in text and "Marsh" not in text


def test_agencies_table_lists_each_agencys_contribution(report: Path) -> None:
    document = Document(str(report))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Agency"
                 and t.rows[0].cells[1].text == "Entries")
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert set(rows) == {"Police", "Children's Social Care", "Health Visiting"}
    assert rows["Police"][1] == "3"  # the withdrawn one is not exported by default
    assert rows["Health Visiting"][2] == "24 Mar 2014 – 1 Jul 2015"
    assert rows["Police"][3] == "added by hand"


def test_episode_finding_recommendation_and_action_plan_are_filled(report: Path) -> None:
    document = Document(str(report))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Episode 1: The first PPN and the MASH decision" in text
    assert "Police attended; Child T" not in text  # only the subject is replaced in a draft
    assert "Police attended; Tanya said Lee had left." in text
    assert "Finding 1: Information about domestic abuse was not shared with health" in text
    assert "Themes: Information sharing" in text
    assert "Evidence: Episode 1 (The first PPN and the MASH decision); chronology rows 1–2 (Appendix E)" in text
    recommendations = next(t for t in document.tables if t.rows[0].cells[1].text == "Recommendation")
    assert [c.text for c in recommendations.rows[1].cells] == [
        "1", "The MASH shares PPN outcomes with the health visitor.", "Children's Social Care", "1"]
    plan = next(t for t in document.tables if t.rows[0].cells[1].text == "Action")
    assert plan.rows[1].cells[4].text == "not started (overdue)"
    episode_table = next(t for t in document.tables if len(t.columns) == 4
                         and t.rows[0].cells[3].text == "What happened")
    assert len(episode_table.rows) == 1 + 3  # 14 and 17 March, and the week of 24 March


def test_unwritten_sections_carry_guidance_in_its_own_style(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        first = write_report(case, tmp_path / "a.docx")
        case.set_setting("report.conclusion", "The reviewer's conclusion.\n\nA second paragraph.")
        second = write_report(case, tmp_path / "b.docx")
    assert "Conclusion" in first.to_write and "Conclusion" not in second.to_write
    document = Document(str(tmp_path / "b.docx"))
    guidance = [p for p in every_paragraph(document) if p.style.name == "Guidance"]
    assert guidance and all(p.text.startswith("Guidance (delete when written): ") for p in guidance)
    style = document.styles["Guidance"]
    assert style.font.italic and style.font.color.rgb is not None
    assert style.element.pPr.find(f"{W}shd") is not None
    texts = [p.text for p in every_paragraph(document)]
    at = texts.index("The reviewer's conclusion.")
    assert texts[at + 1] == "A second paragraph."
    assert "Working Together" in "\n".join(p.text for p in guidance)


def test_guidance_follows_the_review_type(tmp_path: Path) -> None:
    path = build_export_case(tmp_path / "sar.scrchron", "sar")
    with Case.open(path) as case:
        write_report(case, tmp_path / "sar.docx")
    text = "\n".join(p.text for p in every_paragraph(Document(str(tmp_path / "sar.docx"))))
    assert "section 44(1) to (3) of the Care Act 2014" in text
    assert "Making Safeguarding Personal" in text
    assert "Empowerment: people being supported" in text


# -- appendices ------------------------------------------------------------------------------------


def test_chronology_appendix_is_landscape_with_repeated_header_and_fitting_columns(report: Path) -> None:
    document = Document(str(report))
    section = document.sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Date", "Agency", "What happened",
                                                       "Action / outcome", "Notes"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    grid = sum(int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol"))
    usable = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU -> twips
    assert grid <= usable + 5
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_chronology_rows_show_dates_as_written_agencies_and_groups_once(report: Path) -> None:
    document = Document(str(report))
    table = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 8  # 9 exported entries, two of them one confirmed event
    assert all(row[2].strip() for row in rows)  # an agency (or 'Recorded by') on every row
    group = [row for row in rows if row[2].startswith("Recorded by:")]
    assert len(group) == 1 and group[0][2] == "Recorded by: Police, Children's Social Care"
    assert "Police: Strategy discussion with CSC and health about Child T." in group[0][3]
    dates = {row[3][:20]: row[1] for row in rows}
    assert dates["Home visit attempted"] == "w/c 24/3/14\nread as 24–30 Mar 2014"
    assert dates["Domestic incident; T"] == "14/03/2014"
    assert dates["Home visit; Lee Bren"] == "?12 Mar 2015\nread as 12 Mar 2015 (uncertain)"
    assert rows[-1][1] == "date not recorded\ndate not understood"
    assert [row[0] for row in rows] == [str(n) for n in range(1, 9)]


def test_glossary_lists_only_abbreviations_that_occur(report: Path) -> None:
    document = Document(str(report))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Abbreviation")
    found = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    assert {"PPN", "MASH", "DASH", "S47", "HV", "NFA", "DNA", "CSC"} <= set(found)
    assert found["CSC"] == "Children's Social Care"
    assert "LADO" not in found and "MARAC" not in found


def test_timeline_figure_is_a_png_with_a_caption(report: Path) -> None:
    document = Document(str(report))
    assert len(document.inline_shapes) == 1
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert any(c.startswith("Figure 1: Agency contacts") for c in captions)
    assert any(c.startswith("Table 1:") for c in captions)
    with zipfile.ZipFile(report) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert images and archive.read(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'descr="Timeline of agency contacts' in all_xml_text(report)


# -- Word structure --------------------------------------------------------------------------------


def test_contents_page_page_fields_header_and_footer(report: Path) -> None:
    xml = all_xml_text(report)
    # the contents page is written filled in (one line a heading, its page a PAGEREF), not a TOC
    # field waiting for Word; Word is asked to update the page numbers when it opens the file
    assert "Right-click here and choose Update Field" not in xml and " PAGEREF _Toc" in xml
    assert '<w:updateFields w:val="true"/>' in xml
    document = Document(str(report))
    lines = [p.text for p in every_paragraph(document) if p.style.name.startswith("toc ")]
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [line.split("\t")[0] for line in lines] == headings
    section = document.sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "OFFICIAL-SENSITIVE" in header and "Child T: practice review" in header
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert "Page 1 of 1" in section.footer.paragraphs[0].text
    assert all(s.header.is_linked_to_previous for s in document.sections[1:])


def test_built_in_styles_and_properties_name_no_person(report: Path) -> None:
    document = Document(str(report))
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "Guidance"} <= used
    assert document.tables[0].style.name == "Normal Table"  # the title page's details
    assert all(t.style.name == "Table Grid" for t in document.tables[1:])
    properties = document.core_properties
    assert properties.author == "scrchron" and properties.last_modified_by == "scrchron"
    assert properties.comments == "" and properties.title == "Child T: practice review"
    assert properties.keywords == "OFFICIAL-SENSITIVE"


# -- anonymisation ------------------------------------------------------------------------------------


def test_anonymised_report_has_no_known_name_in_any_part(anonymised: Path, case_path: Path) -> None:
    xml = all_xml_text(anonymised)
    for name in REAL_NAMES:
        assert name not in xml
    with Case.open(case_path) as case:
        anonymiser = Anonymiser.from_case(case)
    document = Document(str(anonymised))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert anonymiser.find_names(text) == []
    assert "Mother's partner present and answered for Mother" in text
    assert "anonymised for publication" in document.tables[0].rows[3].cells[1].text


def test_draft_report_replaces_only_the_subject(report: Path) -> None:
    xml = all_xml_text(report)
    assert "Tommy" not in xml
    assert "Tanya" in xml and "Lee Brennan" in xml
    details = {row.cells[0].text: row.cells[1].text for row in Document(str(report)).tables[0].rows}
    assert details["Anonymisation"].startswith("NOT anonymised")


def test_a_name_left_after_anonymising_refuses_the_export(case_path: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExportPrivacy, "texts", lambda self, values: list(values))  # a filter that misses
    out = tmp_path / "published.docx"
    out.write_bytes(b"the previous version")
    with Case.open(case_path) as case, pytest.raises(ExportRefused) as refused:
        write_report(case, out, anonymise=True)
    assert "'Tanya" in str(refused.value) and "word/document.xml" in str(refused.value)
    assert out.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


# -- bad input -------------------------------------------------------------------------------------------


def test_an_empty_case_is_refused(tmp_path: Path) -> None:
    with (Case.create(tmp_path / "empty.scrchron", Review("Empty", "cspr")) as case,
          pytest.raises(ValidationError, match="no entries yet: import agency chronologies first")):
        write_report(case, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_a_missing_folder_is_refused(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case, pytest.raises(ExportError, match="does not exist"):
        write_report(case, tmp_path / "nowhere" / "r.docx")


def test_a_read_only_folder_is_refused(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with Case.open(case_path) as case, pytest.raises(ExportError, match="read-only"):
        write_report(case, tmp_path / "r.docx")
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob(".~*")) == []


def test_a_file_open_in_word_is_left_whole(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.docx"
    out.write_bytes(b"the reviewer's edited copy")

    def locked(*args: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with Case.open(case_path) as case, pytest.raises(ExportError, match="close it in Word/Excel and try again"):
        write_report(case, out)
    assert out.read_bytes() == b"the reviewer's edited copy"
    assert list(tmp_path.glob(".~*")) == []


def test_a_failure_while_writing_leaves_the_old_file(case_path: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")

    def disk_full(docx: bytes, target: Path, tables: object) -> None:
        target.write_bytes(docx[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scrchron.export.report.splice_tables", disk_full)
    with Case.open(case_path) as case, pytest.raises(ExportError, match="disk is full"):
        write_report(case, out)
    assert out.read_bytes() == b"old" and list(tmp_path.glob(".~*")) == []


def test_the_extension_must_be_docx(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case, pytest.raises(ValidationError, match=r"\.docx"):
        write_report(case, tmp_path / "r.doc")


def test_progress_reaches_the_total_and_never_goes_back(case_path: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    with Case.open(case_path) as case:
        write_report(case, tmp_path / "r.docx", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_withdrawn_entries_only_when_asked(case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        normal = write_report(case, tmp_path / "a.docx")
        everything = write_report(case, tmp_path / "b.docx", include_withdrawn=True)
    assert everything.entries == normal.entries + 1
    notes = [row.cells[5].text for row in Document(str(tmp_path / "b.docx")).tables[-1].rows]
    assert any("withdrawn by the agency" in n for n in notes)


def test_entries_the_case_holds_in_order(case_path: Path) -> None:
    with Case.open(case_path) as case:
        assert len(list_entries(case)) == 9


# -- fast tables -------------------------------------------------------------------------------------------


def test_table_xml_escapes_text_and_drops_control_characters() -> None:
    xml = table_xml([Column("A", 2), Column("B", 3)],
                    [["<b>&amp;</b>", Cell(["one\ntwo", [("bold", "b"), (" plain", "")]], "ABCDEF")],
                     ["bell\x07 and  two spaces", ""]])
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in xml and "\x07" not in xml
    assert '<w:shd w:val="clear" w:color="auto" w:fill="ABCDEF"/>' in xml
    assert xml.count("<w:tr>") == 3 and "<w:tblHeader/>" in xml
    assert '<w:t xml:space="preserve">bell and  two spaces</w:t>' in xml
    assert "<w:b/></w:rPr><w:t>bold</w:t>" in xml


# -- LibreOffice: the report converts to PDF ---------------------------------------------------------------


def test_report_converts_to_pdf_with_libreoffice(anonymised: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("SCRCHRON_REQUIRE_SOFFICE") == "1":
            pytest.fail("SCRCHRON_REQUIRE_SOFFICE=1 but soffice (LibreOffice) is not installed: "
                        "apt-get install libreoffice-writer-nogui poppler-utils")
        pytest.skip("LibreOffice (soffice) is not installed; set SCRCHRON_REQUIRE_SOFFICE=1 to make this fail")
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(anonymised)], capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / "published.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr or result.stdout
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = _pdf_pages(pdf, data)
    assert pages >= 5, f"the PDF has {pages} pages"


def _pdf_pages(pdf: Path, data: bytes) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))  # LibreOffice writes "/Type/Page"
