"""Writing the return check as a Word document or an Excel sheet to send back to the agency."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from scrchron.dates.wording import long_day
from scrchron.errors import ValidationError
from scrchron.export.formatting import xml_safe
from scrchron.export.safe_write import write_safely
from scrchron.export.spreadsheet import cell_text
from scrchron.review.return_check import ReturnCheck, template_words

HEADINGS = ("Sheet or table", "Row", "Date as written", "Event (as written)", "What to check")
_WIDTHS_CM = (3.0, 1.4, 3.0, 9.0, 10.3)
_TEXT_LIMIT = 400


def write_check(check: ReturnCheck, path: Path, review: str, today: date | None = None) -> None:
    """Write the check at ``path`` (.docx or .xlsx), through a temporary file."""
    kind = path.suffix.lower()
    if kind not in (".docx", ".xlsx"):
        raise ValidationError(f"Write the return check as .docx or .xlsx, not '{path.suffix or path.name}'.")
    day = today or date.today()
    if kind == ".docx":
        document = _document(check, review, day)
        write_safely(path, lambda target: document.save(str(target)))
    else:
        book = _workbook(check, review, day)
        write_safely(path, lambda target: book.save(target))


def _intro(check: ReturnCheck, review: str, day: date) -> list[str]:
    rows = f"{check.rows} row{'s' if check.rows != 1 else ''}"
    asks = len(check.problems)
    return [
        f"Review: {review}. Agency: {check.agency}. Checked on {long_day(day)}: {rows}.",
        template_words(check),
        (f"{asks} point{'s' if asks != 1 else ''} to check, each with the row number in your file. "
         "Please correct them in your chronology and send it back; keep rows you cannot change and "
         "say why in the agency comment.") if asks else "Nothing to correct: thank you.",
    ]


def _cells(check: ReturnCheck) -> list[tuple[str, str, str, str, str]]:
    return [(p.sheet, str(p.row or ""), p.date_text, _short(p.text), p.issue) for p in check.problems]


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= _TEXT_LIMIT else one[: _TEXT_LIMIT - 1] + "…"


def _lines(values: tuple[str, ...]) -> int:
    """How many wrapped lines the row's fullest cell needs (Excel does not size wrapped rows itself)."""
    return max(1, *(-(-len(v) // max(1, int(w * 5))) for v, w in zip(values, _WIDTHS_CM, strict=True)))


def _document(check: ReturnCheck, review: str, day: date) -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(xml_safe(f"Return check: chronology from {check.agency}"), level=1)
    for line in _intro(check, review, day):
        document.add_paragraph(xml_safe(line))
    if not check.problems:
        return document
    table = document.add_table(rows=1, cols=len(HEADINGS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for values in _cells(check):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = xml_safe(value)
    for column, width in zip(table.columns, _WIDTHS_CM, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return document


def _workbook(check: ReturnCheck, review: str, day: date) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Return check"
    sheet["A1"] = cell_text(f"Return check: chronology from {check.agency}")
    sheet["A1"].font = Font(bold=True, size=14)
    for row, line in enumerate(_intro(check, review, day), start=2):
        sheet.cell(row=row, column=1, value=cell_text(line))
    header = 6
    fill, font = PatternFill("solid", fgColor="1F3864"), Font(bold=True, color="FFFFFF")
    for column, (heading, width) in enumerate(zip(HEADINGS, _WIDTHS_CM, strict=True), start=1):
        cell = sheet.cell(row=header, column=column, value=heading)
        cell.fill, cell.font = fill, font
        sheet.column_dimensions[cell.column_letter].width = width * 5
    for row, values in enumerate(_cells(check), start=header + 1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=cell_text(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * _lines(values)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return book

