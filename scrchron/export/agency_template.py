"""The agency template pack: one Word and/or Excel chronology template per agency.

Each template is pre-filled with the review's title (the subject's pseudonym,
never the real name), the scope period, the agency's name and the date due,
carries short guidance, has the fixed columns of
:data:`scrchron.importers.template_marker.COLUMNS`, and a hidden marker (a custom
document property) so that the returned file imports with no mapping and under
the right agency. The Excel one adds data validation (dates and times warn, the
contact type offers a list) and a frozen header.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Cm, Pt

from scrchron.dates.wording import long_day
from scrchron.errors import ValidationError
from scrchron.export.formatting import xml_safe
from scrchron.export.safe_write import write_safely
from scrchron.importers.template_marker import COLUMNS, CONTACT_TYPES, PROPERTY, SHEET, TemplateMarker

FORMATS = ("docx", "xlsx", "both")

GUIDANCE: tuple[str, ...] = (
    "Record the date of the event, not the date it was written up.",
    "One event per row; add rows as you need them.",
    "Practitioners by role (for example 'Health visitor 1', 'GP1'), never by name.",
    "Keep the facts (Event, Action / outcome) apart from your agency's analysis (Agency comment).",
    "Mark an uncertain date with ? (for example ?12/03/2015); write a period as you know it (Spring 2014).",
    "Give the source of each entry (the record, system or document it comes from).",
    "Do not add, remove, rename or reorder the columns: the review merges this template as it was sent.",
)

#: Rows (Excel) kept empty and validated below the header.
XLSX_ROWS = 500
DOCX_ROWS = 12
_HEADER_ROW = 7  # the Excel header's row: a title block of five rows and a blank one above it
_WIDTHS = {"Seq": 6, "Date": 13, "Time": 12, "End date": 13, "Event": 48, "Action / outcome": 32,
           "Practitioner role": 22, "Contact type": 20, "Source": 20, "Agency comment": 32}
_WIDTH_TOTAL = sum(max(w, 10) for w in _WIDTHS.values())
_USABLE_CM = 26.7  # A4 landscape less 1.5 cm margins
_FILL = "1F3864"
_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ '&(),-]+")


@dataclass(frozen=True)
class TemplateDetails:
    """What every template of a pack says about the review, and one agency's own."""

    review: str
    scope: str
    agency: str
    due: str
    marker: TemplateMarker


def check_format(text: str) -> str:
    """'docx', 'xlsx' or 'both', or ValidationError."""
    value = text.strip().lower()
    if value not in FORMATS:
        raise ValidationError(f"Unknown template format '{text}'. Use docx, xlsx or both.")
    return value


def file_stem(agency: str) -> str:
    """A file name for the agency's template: 'Chronology template - Police'."""
    clean = " ".join(_UNSAFE_NAME.sub(" ", agency).split())[:80] or "agency"
    return f"Chronology template - {clean}"


def scope_words(scope_from: str | None, scope_to: str | None) -> str:
    """'1 January 2014 to 31 December 2015', or what is known of it."""
    if scope_from and scope_to:
        return f"{long_day(scope_from)} to {long_day(scope_to)}"
    if scope_from or scope_to:
        return f"from {long_day(scope_from)}" if scope_from else f"up to {long_day(scope_to or '')}"
    return "as set out in the review's terms of reference"


def due_words(due: str | None) -> str:
    """The date due in words, or what to do without one."""
    return long_day(due) if due else "as agreed with the review's business unit"


def _info(details: TemplateDetails) -> list[tuple[str, str]]:
    return [("Review", details.review), ("Agency", details.agency), ("Scope period", details.scope),
            ("Please return by", details.due)]


# -- Excel ------------------------------------------------------------------------------------


def _workbook(details: TemplateDetails, marker: str = "") -> Any:
    # openpyxl is imported where a workbook is written, not when the window starts
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _title_block(sheet, details)
    _header(sheet)
    _validation(sheet)
    guidance = book.create_sheet("Guidance")
    guidance.column_dimensions["A"].width = 110
    guidance["A1"] = "How to fill in this chronology"
    guidance["A1"].font = Font(bold=True, size=14)
    for row, line in enumerate(GUIDANCE, start=3):
        guidance.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
    book.custom_doc_props.append(StringProperty(name=PROPERTY, value=marker or details.marker.as_json()))
    return book


def _title_block(sheet: Any, details: TemplateDetails) -> None:
    from openpyxl.styles import Font

    sheet["A1"] = f"Agency chronology: {details.review}"
    sheet["A1"].font = Font(bold=True, size=14)
    for row, (label, value) in enumerate(_info(details)[1:], start=2):
        sheet.cell(row=row, column=1, value=f"{label}: {value}").font = Font(bold=True)
    sheet.cell(row=5, column=1, value="Guidance on the Guidance sheet: one event per row, date of the "
               "event, roles not names, facts apart from comment, ? for an uncertain date.").font = \
        Font(italic=True)


def _header(sheet: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill, font = PatternFill("solid", fgColor=_FILL), Font(bold=True, color="FFFFFF")
    for column, (_, heading) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=column, value=heading)
        cell.fill, cell.font = fill, font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = _WIDTHS[heading]
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _validation(sheet: Any) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = {heading: sheet.cell(row=_HEADER_ROW, column=n).column_letter
              for n, (_, heading) in enumerate(COLUMNS, start=1)}
    first, last = _HEADER_ROW + 1, _HEADER_ROW + XLSX_ROWS
    for heading in ("Date", "End date"):
        rule = DataValidation(type="date", operator="greaterThan", formula1="DATE(1900,1,1)",
                              errorStyle="warning", showErrorMessage=True, allow_blank=True,
                              errorTitle="Not a date",
                              error="Enter a date such as 12/03/2015. Keep ?12/03/2015 or 'Spring 2014' "
                                    "if the date is uncertain: choose Yes.")
        rule.add(f"{letter[heading]}{first}:{letter[heading]}{last}")
        sheet.add_data_validation(rule)
    timing = DataValidation(type="time", operator="between", formula1="0", formula2="0.999988",
                            errorStyle="warning", showErrorMessage=True, allow_blank=True,
                            errorTitle="Not a time", error="Enter a time such as 14:30.")
    timing.add(f"{letter['Time']}{first}:{letter['Time']}{last}")
    sheet.add_data_validation(timing)
    kinds = DataValidation(type="list", formula1='"' + ",".join(CONTACT_TYPES) + '"', allow_blank=True,
                           errorStyle="information", showErrorMessage=True,
                           errorTitle="Contact type", error="Choose from the list, or keep your own words.")
    kinds.add(f"{letter['Contact type']}{first}:{letter['Contact type']}{last}")
    sheet.add_data_validation(kinds)
    for row in range(first, first + 3):
        for heading in ("Date", "End date"):
            sheet[f"{letter[heading]}{row}"].number_format = "dd/mm/yyyy"


# -- Word ------------------------------------------------------------------------------------


def _document(details: TemplateDetails, marker: str = "") -> Any:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)  # A4 landscape (the default is Letter)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(xml_safe(f"Agency chronology: {details.review}"), level=1)
    info = document.add_table(rows=0, cols=2)
    info.style = "Table Grid"
    info.autofit = False
    for label, value in _info(details):
        cells = info.add_row().cells
        cells[0].text, cells[1].text = label, xml_safe(value)
        cells[0].paragraphs[0].runs[0].bold = True
    _set_widths(info, [Cm(4.5), Cm(_USABLE_CM - 4.5)])
    document.add_paragraph()
    document.add_paragraph("How to fill in this chronology", style="Heading 2")
    for line in GUIDANCE:
        document.add_paragraph(line, style="List Bullet")
    _chronology_table(document)
    add_marker(document, marker or details.marker.as_json())
    return document


def _chronology_table(document: Any) -> None:
    document.add_paragraph("Chronology", style="Heading 2")
    table = document.add_table(rows=1 + DOCX_ROWS, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, (_, heading) in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    table.autofit = False
    widths = [Cm(_USABLE_CM * max(_WIDTHS[h], 10) / _WIDTH_TOTAL) for _, h in COLUMNS]
    _set_widths(table, widths)


def _set_widths(table: Any, widths: Sequence[Any]) -> None:
    """Widths on the grid and on every cell (Word reads one, LibreOffice the other)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_marker(document: Any, marker: str) -> None:
    """The custom document property ``scrchron.template`` (python-docx has no API for it)."""
    package = document.part.package
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="' + PROPERTY + '">'
        f"<vt:lpwstr>{escape(xml_safe(marker))}</vt:lpwstr></property></Properties>"
    )
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CT, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# -- the pack ------------------------------------------------------------------------------

#: Stand-ins written into the master files, replaced per agency (they survive XML untouched).
AGENCY_TOKEN = "scrchronagency7f3a"
MARKER_TOKEN = "scrchronmarker7f3a"


class TemplatePack:
    """The pack's master files, built once, then personalised per agency in the zip.

    Building a Word or Excel file costs tens of milliseconds; replacing the agency's name
    and marker in an already built file costs well under one, so a 20-agency pack is
    quick. Only the stand-ins are replaced, after the agency's name is XML-escaped.
    """

    def __init__(self, review: str, scope: str, due: str | None, fmt: str) -> None:
        self.fmt = check_format(fmt)
        stand_in = TemplateMarker("", "", AGENCY_TOKEN, SHEET, (), "")
        details = TemplateDetails(review, scope, AGENCY_TOKEN, due_words(due), stand_in)
        self.masters: dict[str, bytes] = {}
        if self.fmt in ("docx", "both"):
            self.masters["docx"] = _saved(_document(details, MARKER_TOKEN))
        if self.fmt in ("xlsx", "both"):
            self.masters["xlsx"] = _saved(_workbook(details, MARKER_TOKEN))

    def write(self, folder: Path, agency: str, marker: TemplateMarker) -> list[Path]:
        """Write one agency's template(s) into ``folder``; return the paths written."""
        written = []
        for kind, master in self.masters.items():
            path = folder / f"{file_stem(agency)}.{kind}"
            _write_bytes(path, personalised(master, agency, marker.as_json()))
            written.append(path)
        return written


def _write_bytes(path: Path, data: bytes) -> None:
    def write(target: Path) -> None:
        target.write_bytes(data)

    write_safely(path, write)


def _saved(document: Any) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def personalised(master: bytes, agency: str, marker_json: str) -> bytes:
    """``master`` with the agency's name and marker in place of the stand-ins."""
    replacements = {AGENCY_TOKEN.encode(): escape(xml_safe(agency)).encode("utf-8"),
                    MARKER_TOKEN.encode(): escape(xml_safe(marker_json)).encode("utf-8")}
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(master)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            for token, value in replacements.items():
                data = data.replace(token, value)
            target.writestr(info, data)
    return out.getvalue()


def marker_for(case_id: str, review: str, agency: str, sent: date) -> TemplateMarker:
    """The marker of one agency's template."""
    return TemplateMarker(case_id, review, agency, SHEET, tuple(h for _, h in COLUMNS), sent.isoformat())


def headings() -> Sequence[str]:
    """The template's column headings, in order."""
    return [heading for _, heading in COLUMNS]
