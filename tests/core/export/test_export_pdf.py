"""The accessible PDF of the report (issue 15, item 7): tagged, titled, in English, checked for names.

Needs LibreOffice (soffice); skipped without it unless SCRCHRON_REQUIRE_SOFFICE=1.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from test_export_privacy import FAMILY, LEAKY_EVENTS, privacy_for
from test_export_report import build_export_case

from scrchron.export import ExportRefused, write_pdf
from scrchron.export.pdf import PDF_FILTER, _convert, find_soffice, pdf_findings
from scrchron.records.case_records import Entry
from scrchron.store import Case, insert_entries

pytestmark = pytest.mark.skipif(find_soffice() is None and os.environ.get("SCRCHRON_REQUIRE_SOFFICE") != "1",
                                reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    path = build_export_case(folder / "case.scrchron")
    with Case.open(path) as case:
        with case.write():
            insert_entries(case, [Entry(agency_id=case.agencies()[0].id, event=event, row=90 + n)
                                  for n, event in enumerate(LEAKY_EVENTS)])
        summary = write_pdf(case, folder / "Child T review.pdf")
    assert summary.format == "pdf" and summary.anonymised
    return folder / "Child T review.pdf"


def test_the_pdf_is_tagged_titled_and_in_english(published: Path) -> None:
    reader = PdfReader(str(published))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == "Child T: practice review"
    assert len(reader.pages) >= 5 and "UseTaggedPDF" in PDF_FILTER


def test_the_pdf_names_no_one(published: Path) -> None:
    reader = PdfReader(str(published))
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() or "" for page in reader.pages)).casefold()
    assert [name for name in ("tanya", "tommy", "marsh", "brennan") if name in text] == []
    assert "[email address]" in text and "version 1.0 (final)" in text and "draft" not in text


def test_a_pdf_that_names_someone_is_found(tmp_path: Path) -> None:
    report = tmp_path / "leak.docx"
    document = Document()
    document.add_paragraph("Seen by Ta\u00adnya and DeanColley@example.com")
    document.save(str(report))
    soffice = find_soffice()
    assert soffice is not None
    pdf = _convert(soffice, report, tmp_path)
    found = {finding.text for finding in pdf_findings(pdf, privacy_for(*FAMILY))}
    assert any("nya" in text for text in found) and "DeanColley@example.com" in found


def test_a_refused_pdf_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_export_case(tmp_path / "case.scrchron")
    monkeypatch.setattr("scrchron.export.pdf.pdf_findings",
                        lambda written, privacy: privacy.findings("PDF page 1", "Tanya was here"))
    out = tmp_path / "published.pdf"
    with Case.open(path) as case, pytest.raises(ExportRefused, match="'Tanya' in PDF page 1"):
        write_pdf(case, out)
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
