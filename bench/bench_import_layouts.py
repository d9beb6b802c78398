"""Issue-18 figures: a 30-page PDF table, a 2,000-paragraph narrative, column choice by content.

Files are generated in a temporary folder (python-docx; LibreOffice turns the Word file
into the PDF). In the same run:

- ``parse_submission`` on a text PDF with a 600-row table over about 30 pages, beside the
  PDF library's plain page-by-page table extraction (``page.extract_tables()`` on every
  page of ``pdfplumber.open``). Target: under 3 s. Also with the pages read by one worker
  instead of two (importers.workers), to show what each part gives.
- ``parse_submission`` on a 2,000-paragraph narrative .docx, beside python-docx reading
  every paragraph's text. Target: under 1 s.
- the event column chosen on the hand-labelled set tests/data/column_choice.json, beside
  the heading-only match (``match_headers``). Target: at least 95% right.

Run: python bench/bench_import_layouts.py
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from timing import timed

from scrchron.importers import match_headers, parse_submission, workers
from scrchron.importers.layout import choose_layout
from scrchron.importers.parsed import Cell, SourceTable

PDF_ROWS = 600
PARAGRAPHS = 2_000
LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "column_choice.json"
HEADER = ["Date", "Time", "Contact type", "Clinician", "Details of contact", "Outcome"]


def table_docx(path: Path) -> Path:
    """A GP record summary: one bordered 600-row table, header repeated on every page."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(6)
    document.styles["Normal"].paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation, section.page_width, section.page_height = (
        WD_ORIENT.LANDSCAPE, section.page_height, section.page_width)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(1)
    document.add_paragraph("Record summary printed from the practice system")
    table = document.add_table(rows=PDF_ROWS + 1, cols=len(HEADER))
    table.style = "Table Grid"
    for col, title in enumerate(HEADER):
        table.cell(0, col).text = title
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for n in range(1, PDF_ROWS + 1):
        values = [f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/2019", f"{8 + n % 10:02d}:15",
                  "Telephone" if n % 2 else "Face to face", f"GP{n % 4 + 1}",
                  f"Consultation {n}: seen about low mood and poor sleep; partner waited outside the room",
                  "Review in two weeks"]
        for col, value in enumerate(values):
            table.cell(n, col).text = value
    document.save(str(path))
    return path


def narrative_docx(path: Path) -> Path:
    """An adult social care narrative: 2,000 paragraphs, most dated, some continuing, year headings."""
    document = docx.Document()
    document.add_paragraph("Adult social care chronology for Adult A")
    for n in range(PARAGRAPHS - 1):
        if n % 200 == 0:
            document.add_paragraph(str(2015 + n // 200))
        elif n % 5 == 4:
            document.add_paragraph("The worker recorded that the adult's daughter was present throughout.")
        else:
            document.add_paragraph(f"{n % 28 + 1} {('March', 'June', 'October')[n % 3]}: home visit {n}; "
                                   "the adult declined help with shopping and said she was managing.")
    document.save(str(path))
    return path


def to_pdf(source: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed to make the PDF")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{source.parent}/profile",
                    "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
                   check=True, capture_output=True, timeout=600)
    return source.with_suffix(".pdf")


def plain_extraction(path: Path) -> int:
    """The baseline: pdfplumber's own table extraction, page by page."""
    rows = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows += sum(len(table) for table in page.extract_tables())
            page.close()
    return rows


def cpu_seconds(action: Callable[[], object], who: int) -> float:
    """Processor time (user + system) ``action`` took in this process or in its reaped children."""
    before = resource.getrusage(who)
    action()
    after = resource.getrusage(who)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def python_docx_paragraphs(path: Path) -> int:
    return sum(len(paragraph.text) for paragraph in docx.Document(str(path)).paragraphs)


def _table(item: dict[str, Any]) -> SourceTable:
    rows: list[list[Cell]] = [list(item["headers"])] + [[v or None for v in row] for row in item["rows"]]
    return SourceTable(item["id"], "sheet", rows, list(range(1, len(rows) + 1)))


def column_choice() -> tuple[int, int, int]:
    """(right by content, right by heading only, tables) on the labelled set."""
    tables = json.loads(LABELLED.read_text(encoding="utf-8"))["tables"]
    ours = heading = 0
    for item in tables:
        choice = choose_layout(_table(item), {}, None)
        if choice and "event" in choice.layout.columns:
            ours += choice.layout.headers[choice.layout.columns["event"]] == item["event"]
        mapped = match_headers(item["headers"])
        heading += "event" in mapped and item["headers"][mapped["event"]] == item["event"]
    return ours, heading, len(tables)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(table_docx(Path(tmp) / "gp-record-summary.docx"))
        with pdfplumber.open(pdf) as opened:
            pages = len(opened.pages)
        parsed = parse_submission(pdf)
        assert len(parsed.rows) == PDF_ROWS, len(parsed.rows)
        base = timed(lambda: plain_extraction(pdf), repeat=3)
        ours = timed(lambda: parse_submission(pdf), repeat=3)
        workers.MAX_WORKERS = 1
        one_worker = timed(lambda: parse_submission(pdf), repeat=3)
        workers.MAX_WORKERS = 2
        base_cpu = cpu_seconds(lambda: plain_extraction(pdf), resource.RUSAGE_SELF)
        ours_cpu = cpu_seconds(lambda: parse_submission(pdf), resource.RUSAGE_CHILDREN)  # the cage and its workers
        story = narrative_docx(Path(tmp) / "asc-narrative.docx")
        entries = len(parse_submission(story).rows)
        docx_base = timed(lambda: python_docx_paragraphs(story))
        docx_ours = timed(lambda: parse_submission(story))
    right, heading, total = column_choice()
    print(f"PDF, {pages} pages, {PDF_ROWS}-row table (median of 3)")
    print(f"  pdfplumber extract_tables, page by page (baseline) {base * 1000:6.0f} ms")
    print(f"  parse_submission (in the cage)                     {ours * 1000:6.0f} ms   "
          f"{ours / base:4.2f}x baseline (target under 3 s)")
    print(f"  parse_submission, pages read by one worker         {one_worker * 1000:6.0f} ms   "
          f"{one_worker / base:4.2f}x baseline")
    print(f"  processor time: baseline {base_cpu:5.2f} s, parse_submission {ours_cpu:5.2f} s (both workers)   "
          f"{ours_cpu / base_cpu:4.2f}x (wall times above depend on what else the machine runs)")
    print(f"Narrative .docx, {PARAGRAPHS:,} paragraphs -> {entries:,} entries (median of 5)")
    print(f"  python-docx paragraph texts (baseline)             {docx_base * 1000:6.0f} ms")
    print(f"  parse_submission (in the cage)                     {docx_ours * 1000:6.0f} ms   "
          f"{docx_ours / docx_base:4.2f}x baseline (target under 1 s)")
    print(f"Event column on the labelled set ({total} tables)")
    print(f"  headings only (baseline)                           {heading:3d} right ({heading / total:.0%})")
    print(f"  headings and content                               {right:3d} right ({right / total:.0%}) "
          "(target at least 95%)")


if __name__ == "__main__":
    main()
