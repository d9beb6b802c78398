"""The overview report as an accessible PDF, through LibreOffice (issue 15, item 7).

Public bodies must publish accessible documents (the Public Sector Bodies
Accessibility Regulations 2018). The Word report already carries what a tagged
PDF needs: a document title and language (en-GB), built-in headings, table
header rows that repeat, alt text on the timeline figure. LibreOffice
(``soffice --headless``, run with a profile of its own in a temporary folder,
no network) turns it into a tagged PDF (PDF/UA), and the PDF is read back
(every page's text and the document information) with the same leak check as
the Word file; a PDF that names someone is refused and nothing is left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from scrchron.errors import ValidationError
from scrchron.export.privacy import ExportPrivacy, Finding, refuse_if_found
from scrchron.export.report import ReportSummary, write_report
from scrchron.export.safe_write import ExportError, check_destination, write_safely
from scrchron.runtime.progress import Cancelled, Progress
from scrchron.store.case import Case

#: LibreOffice's PDF export options: tagged, PDF/UA, bookmarks from the headings.
PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"},'
              '"ExportBookmarks":{"type":"boolean","value":"true"}}')
CONVERT_SECONDS = 300


def find_soffice() -> str | None:
    """LibreOffice's command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(case: Case, path: Path | str, *, publication: bool = True, marking: str | None = None,
              include_withdrawn: bool = False, progress: Progress | None = None,
              cancelled: Cancelled | None = None, today: date | None = None) -> ReportSummary:
    """Write the anonymised overview report of ``case`` as an accessible (tagged) PDF at ``path``.

    Arguments as :func:`~scrchron.export.report.write_report`; the report is always anonymised.

    Raises:
        ExportError: LibreOffice is missing or failed; the folder cannot be written.
        ExportRefused: a known name or an undecided doubtful form is in the report or the PDF.
    """
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"An accessible PDF must be saved as .pdf, not '{path.suffix or path.name}'.")
    soffice = _soffice()
    check_destination(path)
    with tempfile.TemporaryDirectory(prefix="scrchron-pdf-") as folder:
        report = Path(folder) / f"{path.stem}.docx"
        summary = write_report(case, report, anonymise=True, publication=publication, marking=marking,
                               include_withdrawn=include_withdrawn, progress=progress, cancelled=cancelled,
                               today=today)
        convert_report(report, path, ExportPrivacy.for_case(case, anonymise=True), soffice)
    summary.path, summary.format = path, "pdf"
    return summary


def convert_report(report: Path, path: Path, privacy: ExportPrivacy, soffice: str | None = None) -> None:
    """Turn a written Word report into a tagged PDF at ``path``, read it back and refuse it if it names someone."""
    command = soffice or _soffice()
    with tempfile.TemporaryDirectory(prefix="scrchron-lo-") as folder:
        produced = _convert(command, report, Path(folder))

        def check(written: Path) -> None:
            refuse_if_found(pdf_findings(written, privacy), privacy, path.name)

        def write(target: Path) -> None:
            shutil.copyfile(produced, target)

        write_safely(path, write, check)


def _soffice() -> str:
    found = find_soffice()
    if found is None:
        raise ExportError("Writing a PDF needs LibreOffice (soffice), which is not installed. Install it "
                          "(e.g. apt-get install libreoffice-writer), or open the .docx in Word and save it as PDF.")
    return found


def _convert(soffice: str, report: Path, folder: Path) -> Path:
    profile = (folder / "profile").as_uri()  # its own profile: never the user's, never shared
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", PDF_FILTER, "--outdir", str(folder), str(report)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_SECONDS, check=False,
                                stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ExportError(f"LibreOffice did not finish the PDF in {CONVERT_SECONDS} s; nothing was written. "
                          "Close other LibreOffice windows and try again.") from None
    except OSError as error:
        raise ExportError(f"Could not start LibreOffice ({error.strerror or error}); nothing was written.") from None
    produced = folder / f"{report.stem}.pdf"
    if result.returncode != 0 or not produced.is_file():
        reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no PDF was produced"]
        raise ExportError(f"LibreOffice could not write the PDF ({reason[0][:200]}); nothing was written.")
    return produced


def pdf_findings(path: Path, privacy: ExportPrivacy) -> list[Finding]:
    """Known names (and undecided doubtful places) in a PDF: every page's text and its information."""
    from pypdf import PdfReader  # only PDF exports need it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        information = [str(value) for value in (reader.metadata or {}).values()]
    except (PdfReadError, OSError, ValueError) as error:
        return [Finding(path.name, f"(the PDF could not be read back: {error})")]
    found = privacy.findings("the PDF's properties", "\x00".join(information))
    for number, text in enumerate(pages, start=1):
        found += privacy.findings(f"PDF page {number}", text)
    return found
