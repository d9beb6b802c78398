"""The action plan across reviews for a board meeting, as Excel (.xlsx) or Word (.docx).

One row per action (or recommendation with no action yet), as ``views.action_plan`` gives them:
owner, action, due date, status, overdue, review, recommendation. Cells that could run as
formulas are neutralised; every file is written through a temporary file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from scrchron.errors import ValidationError
from scrchron.export.formatting import neutralise, xml_safe
from scrchron.export.safe_write import write_safely
from scrchron.library.model import PlanAction

#: (heading, width: characters in Excel, centimetres in Word)
COLUMNS: tuple[tuple[str, int, float], ...] = (
    ("Owner", 22, 3.0), ("Action", 44, 5.6), ("Due", 11, 2.6), ("Status", 13, 2.6), ("Overdue", 9, 2.4),
    ("Review", 26, 3.4), ("Recommendation", 60, 6.8),
)


def plan_cells(action: PlanAction) -> list[str]:
    """One action as the board reads it."""
    return [action.owner or "(no owner)", action.text or "(no action yet)", action.due or "", action.status,
            "OVERDUE" if action.overdue else "", action.review,
            f"{action.recommendation}. {action.recommendation_text}"]


def write_action_plan(plan: Sequence[PlanAction], path: Path, title: str, today: date | None = None) -> Path:
    """Write the plan (overdue as of ``today``) to ``path`` (.xlsx or .docx); return it."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_safely(path, lambda target: _xlsx(plan, target, title))
    elif suffix == ".docx":
        write_safely(path, lambda target: _docx(plan, target, title, today or date.today()))
    else:
        raise ValidationError(f"Cannot write the action plan to '{path.name}': name a .xlsx or .docx file.")
    return path


def _xlsx(plan: Sequence[PlanAction], target: Path, title: str) -> None:
    from openpyxl import Workbook  # local: only this export needs it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append([xml_safe(neutralise(title))])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([heading for heading, _, _ in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for action in plan:
        sheet.append([xml_safe(neutralise(text)) for text in plan_cells(action)])
    for number, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(len(plan) + 2, 2)}"
    workbook.save(target)


def _docx(plan: Sequence[PlanAction], target: Path, title: str, today: date) -> None:
    from docx import Document  # local: only this export needs it
    from docx.shared import Cm

    from scrchron.export.docx_parts import set_page

    document = Document()
    set_page(document.sections[0], landscape=True)
    document.add_heading(xml_safe(title), level=1)
    overdue = sum(1 for action in plan if action.overdue)
    document.add_paragraph(f"{len(plan)} actions and recommendations; {overdue} overdue on "
                           f"{today:%d %B %Y}.")
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, (heading, _, _) in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for action in plan:
        for cell, text in zip(table.add_row().cells, plan_cells(action), strict=True):
            cell.text = xml_safe(text)
    for number, (_, _, width) in enumerate(COLUMNS):
        table.columns[number].width = Cm(width)
        for cell in table.columns[number].cells:
            cell.width = Cm(width)
    document.save(str(target))
