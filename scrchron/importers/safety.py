"""Checks run on a file before any third-party reader sees it.

Zip containers (.docx/.xlsx/.ods) are checked for their declared sizes and
compression ratios (zip bombs: both Python's zipfile and calamine refuse to
inflate a part beyond its declared size, so declared sizes bound memory), for
encrypted parts, and for DOCTYPE/ENTITY declarations in their XML parts (XXE,
"billion laughs"). Worksheets are pre-scanned for the extent of their used
area, because calamine allocates rows x columns cells at once and aborts the
whole process when that is too large.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scrchron.importers import limits
from scrchron.importers.cells import column_index
from scrchron.importers.limits import human_bytes
from scrchron.importers.parsed import SubmissionError
from scrchron.importers.xmlsafe import XMLSyntaxError, iterparse

_XML_SUFFIXES = (".xml", ".rels", ".vml")
ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
"""What reading a damaged zip part can raise (CRC, inflate, truncation)."""


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs, encrypted parts and XML with DTDs.

    Args:
        archive: the opened zip container.
        name: the file name, for messages.

    Raises:
        SubmissionError: when a limit is exceeded or the file is unsafe.
    """
    infos = archive.infolist()
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise SubmissionError(
            f"'{name}' contains {len(infos):,} parts; the limit is "
            f"{limits.MAX_ZIP_MEMBERS:,}. It is not a normal Word or Excel file."
        )
    _check_sizes(infos, name)
    for info in infos:
        if info.flag_bits & 0x1:
            raise SubmissionError(
                f"'{name}' is password-protected: remove the password in Word/Excel "
                "and save again."
            )
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            check_xml_prolog(archive, info, name)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a container whose parts would inflate too much."""
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_INFLATED_BYTES:
        raise SubmissionError(
            f"'{name}' would expand to {human_bytes(total)} when opened; the limit is "
            f"{human_bytes(limits.MAX_INFLATED_BYTES)}. Ask the agency for a smaller "
            "file (split it, or remove pictures)."
        )
    for info in infos:
        if info.file_size < limits.RATIO_CHECK_MIN_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.MAX_COMPRESSION_RATIO:
            raise SubmissionError(
                f"'{name}' looks like a zip bomb: part '{info.filename}' expands "
                f"{ratio:,.0f} times (limit {limits.MAX_COMPRESSION_RATIO}) to "
                f"{human_bytes(info.file_size)}. It was not opened."
            )


def check_xml_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse an XML part that declares a DOCTYPE or entities before its root.

    Args:
        archive: the zip container.
        info: the part to check.
        name: the file name, for messages.

    Raises:
        SubmissionError: when the part has a DTD or no root element early on.
    """
    try:
        with archive.open(info) as stream:
            head = stream.read(4096)
            verdict = prolog_verdict(head)
            if verdict == "unknown":  # a long prolog: look further
                verdict = prolog_verdict(head + stream.read(limits.XML_PROLOG_MAX_BYTES))
    except ZIP_READ_ERRORS as exc:
        raise damaged(name) from exc
    if verdict == "dtd":
        raise SubmissionError(
            f"'{name}' was refused: its part '{info.filename}' declares a DOCTYPE or "
            "entities, which Office files never need (possible XML attack)."
        )


def prolog_verdict(head: bytes) -> str:
    """Classify the start of an XML document.

    Args:
        head: the first bytes of the part.

    Returns:
        'ok' when the root element comes without a DTD (or the part is not
        XML at all), 'dtd' when a ``<!DOCTYPE``/``<!ENTITY`` comes first,
        'unknown' when the bytes end inside the prolog.
    """
    text = _decode_head(head)
    pos = 0
    length = len(text)
    while pos < length:
        if text[pos] in " \t\r\n\ufeff":
            pos += 1
            continue
        if text.startswith("<?", pos):
            end = text.find("?>", pos)
            pos = length if end < 0 else end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos)
            pos = length if end < 0 else end + 3
        elif text.startswith("<!", pos):
            return "dtd"
        else:
            return "ok"
    upper = text.upper()
    return "dtd" if "<!DOCTYPE" in upper or "<!ENTITY" in upper else "unknown"


def _decode_head(head: bytes) -> str:
    """Decode the first bytes of an XML part (UTF-8 or UTF-16)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def xml_error(name: str, exc: Exception) -> SubmissionError:
    """Return the error for XML a reader refused (too deep, too long, or broken).

    Args:
        name: the file name.
        exc: the parser's error.

    Returns:
        The error to raise.
    """
    text = str(exc)
    if "depth" in text:
        return SubmissionError(
            f"'{name}' nests its contents hundreds of levels deep, which Word and Excel never do; "
            "it was not read. Open it in Word/Excel and save it again."
        )
    if "too long" in text or "huge" in text.lower():
        return SubmissionError(
            f"'{name}' holds a single text of more than 10,000,000 characters, which is not a "
            "chronology entry; it was not read. Check the file and save it again."
        )
    return damaged(name)


def damaged(name: str) -> SubmissionError:
    """Return the error for a damaged or truncated container.

    Args:
        name: the file name.

    Returns:
        The error to raise.
    """
    return SubmissionError(
        f"'{name}' is damaged or incomplete (perhaps truncated while copying or "
        "attaching). Ask the agency to send it again."
    )


# --- worksheet extent pre-scan ------------------------------------------------

_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")  # an attribute's value, read by the XML parser
_SHEET_TAGS = ("{*}row", "{*}c")


@dataclass(slots=True)
class Extent:
    """The used area of a sheet: rows and columns (upper bounds)."""

    rows: int
    columns: int
    partial: bool = False  # measuring stopped once over a limit: there are more

    @property
    def cells(self) -> int:
        """Number of cells of the used area."""
        return self.rows * self.columns


def _sheet_cells(archive: zipfile.ZipFile, part: str, name: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (row, column, holds a value) for every cell of a worksheet part, 1-based.

    The part is read with a real (locked-down) XML parser, so a reference is found
    however its attribute is written (single or double quotes, tabs, new lines,
    a namespace prefix). Rows are freed as they are read: memory stays small.
    """
    row = 0
    try:
        with archive.open(part) as stream:
            column = 0
            for _event, element in iterparse(stream, tags=_SHEET_TAGS):
                if element.tag.endswith("}row") or element.tag == "row":
                    row = _number(element.get("r"), row + 1)
                    column = 0
                    _free(element)
                    continue
                column += 1
                found = _CELL_REF.fullmatch(element.get("r") or "")
                if found:
                    column = column_index(found.group(1)) + 1
                    row = int(found.group(2))
                else:
                    row = max(row, 1)
                yield row, column, bool(len(element) or (element.text or "").strip())
    except XMLSyntaxError as exc:
        raise xml_error(name, exc) from exc
    except ZIP_READ_ERRORS as exc:
        raise damaged(name) from exc


def _number(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _free(element: Any) -> None:
    """Clear a processed row and drop the rows before it."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def quick_extent(archive: zipfile.ZipFile, part: str, name: str) -> Extent:
    """Bound a worksheet's used area: every cell counts, formatted-only ones too.

    May over-estimate; :func:`exact_extent` settles doubtful cases. Stops once the
    area is known to be over the limits (``partial``).

    Args:
        archive: the .xlsx container.
        part: the worksheet part, e.g. "xl/worksheets/sheet1.xml".
        name: the file name, for messages.

    Returns:
        Upper bounds of the rows and columns used.
    """
    return _measure(_sheet_cells(archive, part, name), valued_only=False, stop=True)


def exact_extent(archive: zipfile.ZipFile, part: str, name: str) -> Extent:
    """Measure a worksheet's used area from the cells that hold a value.

    Stops as soon as the area is known to be over the limits.

    Args:
        archive: the .xlsx container.
        part: the worksheet part.
        name: the file name, for messages.

    Returns:
        The rows and columns spanned by cells with a value (as far as read).
    """
    return _measure(_sheet_cells(archive, part, name), valued_only=True, stop=True)


def _measure(cells: Iterator[tuple[int, int, bool]], valued_only: bool, stop: bool) -> Extent:
    rows = columns = 0
    for row, column, valued in cells:
        if (valued or not valued_only) and (row > rows or column > columns):
            rows, columns = max(rows, row), max(columns, column)
            if stop and exceeds(Extent(rows, columns)):
                return Extent(rows, columns, partial=True)
    return Extent(rows, columns)


def check_extent(extent: Extent, sheet: str, name: str) -> None:
    """Refuse a sheet whose used area exceeds the limits.

    Args:
        extent: the sheet's used area.
        sheet: the sheet name.
        name: the file name.

    Raises:
        SubmissionError: naming the limit exceeded.
    """
    if extent.rows > limits.MAX_ROWS_PER_TABLE:
        raise too_many_rows(f"Sheet '{sheet}'", extent.rows, name, at_least=extent.partial)
    if extent.columns > limits.MAX_COLUMNS:
        raise SubmissionError(
            f"Sheet '{sheet}' of '{name}' uses {extent.columns:,} columns; the limit is "
            f"{limits.MAX_COLUMNS:,}. Delete the unused columns and save again."
        )
    if extent.cells > limits.MAX_SHEET_CELLS:
        raise SubmissionError(
            f"Sheet '{sheet}' of '{name}' spans {extent.rows:,} rows x "
            f"{extent.columns:,} columns; the limit is {limits.MAX_SHEET_CELLS:,} "
            "cells. Delete unused rows and columns and save again."
        )


def exceeds(extent: Extent) -> bool:
    """Return True when an extent is over any sheet limit."""
    return (
        extent.rows > limits.MAX_ROWS_PER_TABLE
        or extent.columns > limits.MAX_COLUMNS
        or extent.cells > limits.MAX_SHEET_CELLS
    )


def too_many_rows(where: str, rows: int, name: str, more: bool = False,
                  at_least: bool = False) -> SubmissionError:
    """Return the error for a table above the row limit.

    Args:
        where: "Sheet 'X'" or "Table 2".
        rows: the number of rows found (at least).
        name: the file name.
        more: True when counting stopped at ``rows``.
        at_least: True when measuring stopped once ``rows`` was found (there may be more).

    Returns:
        The error to raise.
    """
    count = f"more than {rows - 1:,}" if more else f"at least {rows:,}" if at_least else f"{rows:,}"
    return SubmissionError(
        f"{where} of '{name}' has {count} rows; the limit is "
        f"{limits.MAX_ROWS_PER_TABLE:,} rows per sheet or table. Split it into "
        "smaller files (for example one per year) and import each."
    )
