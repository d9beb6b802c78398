"""Reading workbooks (.xlsx/.xlsm/.xlsb/.xls/.ods) with python-calamine.

Calamine returns cached formula values and real date/time cells (both the
1900 and 1904 date systems) and reads merged cells once (the value sits in the
top-left cell). Before calamine loads a sheet, the sheet's used area is
measured from its XML (xlsx, ods) so that a tiny hostile file cannot make it
allocate billions of cells.
"""

from __future__ import annotations

import datetime
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from scrchron.importers import limits
from scrchron.importers.parsed import Cell, SourceTable, SubmissionError
from scrchron.importers.safety import (
    ZIP_READ_ERRORS,
    Extent,
    check_extent,
    damaged,
    exact_extent,
    exceeds,
    quick_extent,
    xml_error,
)
from scrchron.importers.xmlsafe import XMLSyntaxError, iterparse, parse_bytes

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_TABLE = f"{{{_TABLE}}}table"
_ODS_ROW = f"{{{_TABLE}}}table-row"
_ODS_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_ODS_NAME = f"{{{_TABLE}}}name"
_ODS_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_ODS_COLS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_ODS_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_REL_ID = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"

class UnreadableWorkbook(SubmissionError):
    """calamine could not read the workbook (a LibreOffice conversion may help)."""


SheetFilter = Callable[[str, bool], bool]
"""Decides from (sheet name, hidden) whether a sheet is read."""


@dataclass(slots=True)
class WorkbookRead:
    """Sheets read from a workbook, and every sheet's name and visibility."""

    tables: list[SourceTable] = field(default_factory=list)
    sheets: list[tuple[str, bool]] = field(default_factory=list)


def read_workbook(path: Path, kind: str, want: SheetFilter) -> WorkbookRead:
    """Read the worksheets of a workbook chosen by ``want``.

    Args:
        path: the workbook (already safety-checked when it is a zip).
        kind: 'xlsx', 'xlsb', 'xls' or 'ods'.
        want: called with (name, hidden) for each worksheet.

    Returns:
        The chosen sheets as tables, and the list of all worksheets.

    Raises:
        SubmissionError: when the workbook cannot be read or a sheet is too big.
    """
    name = path.name
    result = WorkbookRead()
    with _Extents(path, kind) as extents:
        if kind == "ods":  # calamine loads every .ods sheet as soon as it opens the file
            extents.check_all()
        with _calamine_errors(name):
            workbook = calamine.CalamineWorkbook.from_path(str(path))
        with workbook:
            metas = [m for m in workbook.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
            _check_sheet_count(len(metas), name)
            for meta in metas:
                hidden = meta.visible != calamine.SheetVisibleEnum.Visible
                result.sheets.append((meta.name, hidden))
                if want(meta.name, hidden):
                    extents.check(meta.name)
                    result.tables.append(_read_sheet(workbook, meta.name, hidden, name))
    return result


def _check_sheet_count(count: int, name: str) -> None:
    if count > limits.MAX_SHEETS:
        raise SubmissionError(
            f"'{name}' has {count:,} worksheets; the limit is {limits.MAX_SHEETS:,}. A chronology "
            "needs one or a few: copy the sheets that hold it into a new workbook and import that."
        )


@contextmanager
def _calamine_errors(name: str) -> Iterator[None]:
    """Turn any calamine failure (including Rust panics) into a SubmissionError."""
    try:
        yield
    except SubmissionError:
        raise
    except calamine.PasswordError as exc:
        raise SubmissionError(
            f"'{name}' is password-protected: remove the password in Excel and save again."
        ) from exc
    except BaseException as exc:  # pyo3 panics derive from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise UnreadableWorkbook(
            f"'{name}' cannot be read as a workbook ({_short(exc)}). Open it in Excel "
            "and save it again as .xlsx."
        ) from exc


def _short(exc: BaseException) -> str:
    """Return the first line of an exception's text, shortened."""
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]


def _read_sheet(workbook: Any, sheet: str, hidden: bool, name: str) -> SourceTable:
    """Load one sheet and convert its cells."""
    with _calamine_errors(name):
        data = workbook.get_sheet_by_name(sheet)
        height, width = data.height, data.width
        check_extent(Extent(height, width), sheet, name)
        start = data.start or (0, 0)
        raw = data.to_python()
    rows = [_convert_row(row) for row in raw]
    del raw
    if start[1]:
        pad: list[Cell] = [None] * start[1]
        rows = [pad + row for row in rows]
    numbers = list(range(start[0] + 1, start[0] + 1 + len(rows)))
    return SourceTable(sheet, "sheet", rows, numbers, hidden, [])


def _convert_row(row: list[Any]) -> list[Cell]:
    """Convert calamine values: "" -> None, 3.0 -> 3, durations -> times."""
    return [(v.strip() or None) if v.__class__ is str else _convert_value(v) for v in row]


def _convert_value(value: Any) -> Cell:
    """Convert a non-text calamine value to a Cell."""
    kind = value.__class__
    if kind is float:
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if kind in _KEEP:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is datetime.timedelta:
        return _duration(value)
    if isinstance(value, (int, float, datetime.date, datetime.time)):
        return value
    return str(value)


_KEEP = frozenset({int, datetime.date, datetime.datetime, datetime.time})


def _duration(value: datetime.timedelta) -> Cell:
    """Return a duration under a day as a time of day, else as text."""
    if datetime.timedelta(0) <= value < datetime.timedelta(days=1):
        return (datetime.datetime.min + value).time()
    return str(value)


class _Extents:
    """Measures sheets' used areas before calamine loads them."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self._parts: dict[str, str] | None = None
        self._archive: zipfile.ZipFile | None = None  # opened once for every sheet

    def __enter__(self) -> _Extents:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._archive is not None:
            self._archive.close()

    def check(self, sheet: str) -> None:
        """Refuse the sheet if its used area is over the limits."""
        if self.kind == "xlsx":
            self._check_xlsx(sheet)

    def check_all(self) -> None:
        """Refuse the file if any .ods table's used area is over the limits."""
        for sheet, extent in ods_extents(self.path).items():
            check_extent(extent, sheet, self.path.name)

    def _check_xlsx(self, sheet: str) -> None:
        """Measure an .xlsx worksheet part: quickly, then exactly if needed."""
        name = self.path.name
        try:
            if self._archive is None:
                self._archive = zipfile.ZipFile(self.path)
            archive = self._archive
            if self._parts is None:
                self._parts = xlsx_sheet_parts(archive)
            part = self._parts.get(sheet)
            if part is None or part not in archive.NameToInfo:
                return
            quick = quick_extent(archive, part, name)
            if exceeds(quick):
                check_extent(_settled(quick, exact_extent(archive, part, name)), sheet, name)
        except ZIP_READ_ERRORS as exc:
            raise damaged(name) from exc


def _settled(quick: Extent, exact: Extent) -> Extent:
    """Combine the quick bound (full counts) with the exact scan (which stops early)."""
    rows = quick.rows if exact.rows > limits.MAX_ROWS_PER_TABLE else exact.rows
    columns = quick.columns if exact.columns > limits.MAX_COLUMNS else exact.columns
    return Extent(rows, columns, partial=exact.partial or quick.partial)


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet name of an .xlsx to its worksheet part.

    Args:
        archive: the .xlsx container.

    Returns:
        sheet name -> part name (e.g. "xl/worksheets/sheet1.xml").
    """
    try:
        workbook = parse_bytes(archive.read("xl/workbook.xml"))
        rels = parse_bytes(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    except ZIP_READ_ERRORS:
        return {}  # calamine will report the damage
    if workbook is None or rels is None:
        return {}
    targets = {str(rel.get("Id")): str(rel.get("Target", "")) for rel in rels}
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if not isinstance(element.tag, str) or not element.tag.endswith("}sheet"):
            continue
        rel_id = element.get(_REL_ID) or element.get(_STRICT_REL_ID)
        target = targets.get(str(rel_id), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target)
            )
            parts[str(element.get("name"))] = part
    return parts


def ods_extents(path: Path) -> dict[str, Extent]:
    """Measure the used area of each table of an .ods (repeats expanded).

    Args:
        path: the .ods file.

    Returns:
        table name -> used rows and columns.

    Raises:
        SubmissionError: when the content part is damaged.
    """
    extents: dict[str, Extent] = {}
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            _scan_ods(stream, extents)
    except KeyError:
        return extents
    except XMLSyntaxError as exc:
        raise xml_error(path.name, exc) from exc
    except ZIP_READ_ERRORS as exc:
        raise damaged(path.name) from exc
    return extents


def _scan_ods(stream: Any, extents: dict[str, Extent]) -> None:
    """Walk content.xml row by row, freeing memory as it goes."""
    table = ""
    row_index = rows = columns = 0
    for event, element in iterparse(stream):
        tag = element.tag
        if event == "start":
            if tag == _ODS_TABLE:
                table, row_index, rows, columns = str(element.get(_ODS_NAME, "")), 0, 0, 0
            continue
        if tag == _ODS_ROW:
            repeat = _repeat(element, _ODS_ROWS_REPEATED)
            used = _ods_row_width(element)
            if used:
                rows = row_index + repeat
                columns = max(columns, used)
            row_index += repeat
            _free(element)
        elif tag == _ODS_TABLE:
            extents[table] = Extent(rows, columns)
            element.clear()


def _free(element: Any) -> None:
    """Clear a processed element and drop its processed siblings."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _repeat(element: Any, attribute: str) -> int:
    """Return a repeat count attribute (1 when absent or invalid)."""
    try:
        return max(1, int(element.get(attribute, "1")))
    except ValueError:
        return 1


def _ods_row_width(row: Any) -> int:
    """Return the number of columns up to a row's last non-empty cell."""
    column = used = 0
    for cell in row:
        if cell.tag not in _ODS_CELLS:
            continue
        repeat = _repeat(cell, _ODS_COLS_REPEATED)
        column += repeat
        if cell.get(_ODS_VALUE_TYPE) is not None or len(cell):
            used = column
    return used


def cell_limit_note() -> str:
    """Describe the sheet limits (for help texts)."""
    return (
        f"{limits.MAX_ROWS_PER_TABLE:,} rows, {limits.MAX_COLUMNS:,} columns, "
        f"{limits.MAX_SHEET_CELLS:,} cells per sheet"
    )
