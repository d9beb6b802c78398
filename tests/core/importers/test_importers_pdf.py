"""PDF submissions (pdfplumber): tables over pages joined, narratives, scans and broken files refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from PIL import Image
from test_importers_narrative import PARAGRAPHS, narrative_docx

from scrchron.importers import SubmissionError, list_tables, parse_submission, pdf_reader

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the test PDFs")
HEADER = ["Date", "Time", "Contact type", "Details of contact", "Outcome"]
ROWS = 90


def table_docx(folder: Path) -> Path:
    """A GP practice's record summary: one bordered table of ROWS rows, its header repeated on each page."""
    document = docx.Document()
    document.add_paragraph("Record summary printed from the practice system")
    table = document.add_table(rows=ROWS + 1, cols=len(HEADER))
    table.style = "Table Grid"
    for col, title in enumerate(HEADER):
        table.cell(0, col).text = title
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for n in range(1, ROWS + 1):
        values = [f"{(n % 28) + 1:02d}/{(n % 12) + 1:02d}/2019", f"{8 + n % 10:02d}:15",
                  "Telephone" if n % 2 else "Face to face",
                  f"Consultation {n}: patient seen about low mood and sleep; partner waited outside",
                  "Review in two weeks"]
        for col, value in enumerate(values):
            table.cell(n, col).text = value
    path = folder / "gp-record-summary.docx"
    document.save(str(path))
    return path


def to_pdf(folder: Path, *sources: Path, options: str = "pdf") -> None:
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", options, "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=240)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    if SOFFICE is not None:
        to_pdf(folder, table_docx(folder), narrative_docx(folder))
    return folder


@needs_soffice
def test_a_table_over_several_pages_is_one_table_without_repeated_headers(pdfs: Path) -> None:
    path = pdfs / "gp-record-summary.pdf"
    (table,) = list_tables(path)
    assert max(table.pages) >= 2  # it really runs over pages
    parsed = parse_submission(path)
    assert parsed.importer == "pdf"
    assert parsed.mapping["start_date"] == "Date" and parsed.mapping["event"] == "Details of contact"
    assert len(parsed.rows) == ROWS and not parsed.skipped
    assert parsed.rows[0].fields["event"] == (
        "Consultation 1: patient seen about low mood and sleep; partner waited outside")
    assert parsed.rows[0].origin == "Table 1 row 2 (page 1)"
    assert parsed.rows[-1].origin.endswith(f"(page {max(table.pages)})")
    assert [row.fields["event"] for row in parsed.rows][-1].startswith(f"Consultation {ROWS}:")


@needs_soffice
def test_a_pdf_without_tables_is_read_as_a_narrative(pdfs: Path) -> None:
    parsed = parse_submission(pdfs / "asc-narrative.pdf")
    assert [row.fields["start_date"] for row in parsed.rows] == [
        "14 March 2019", "20/03/2019", "Monday 6 January 2020", "?12 Mar 2020"]
    assert parsed.rows[0].origin == "Page 1, line 5"
    assert parsed.rows[0].fields["event"].endswith("stopped answering the door to the carers.")
    assert PARAGRAPHS[2] in parsed.details["notes"]


def test_a_scan_with_no_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scanned.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    with pytest.raises(SubmissionError, match="this PDF is a scan with no text; ask the agency for the original, "
                                              "or run it through OCR first"):
        parse_submission(path)


def test_a_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00garbage" * 50)
    with pytest.raises(SubmissionError, match="is a damaged PDF"):
        parse_submission(path)


@needs_soffice
def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    source = narrative_docx(tmp_path, name="protected.docx")
    to_pdf(tmp_path, source, options='pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                                     '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    with pytest.raises(SubmissionError, match="is a password-protected PDF"):
        parse_submission(tmp_path / "protected.pdf")


@needs_soffice
def test_too_many_pages_names_the_limit(pdfs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 1)
    with pytest.raises(SubmissionError, match=r"has \d+ pages; the limit is 1 pages per PDF"):
        parse_submission(pdfs / "gp-record-summary.pdf")


def test_a_garbled_text_layer_is_refused() -> None:
    with pytest.raises(SubmissionError, match="the text of page 3 cannot be read"):
        pdf_reader._refuse_garbage("(cid:12)(cid:40)(cid:7)" * 20, "x.pdf", 3)
    pdf_reader._refuse_garbage("14/03/2019 Home visit by the social worker; the child was seen.", "x.pdf", 1)


def test_a_zip_named_pdf_is_checked_as_a_zip(tmp_path: Path) -> None:
    import zipfile
    path = tmp_path / "bomb.pdf"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"0" * 10_000_000)
    with pytest.raises(SubmissionError, match="zip archive"):
        parse_submission(path)
