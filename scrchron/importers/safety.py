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

from scrchron.importers import limits
from scrchron.importers.cells import column_index
from scrchron.importers.limits import human_bytes
from scrchron.importers.model import SubmissionError

_XML_SUFFIXES = (".xml", ".rels", ".vml")
ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
"""What reading a damaged zip part can raise (CRC, inflate, truncation)."""
_CHUNK = 1024 * 1024
_OVERLAP = 64


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

_REFS = re.compile(rb' r="(\d+|[A-Z]{2,3}\d)')
_ELEMENT = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>(</(?:\w+:)?c>)?")
_ROW_ATTR = re.compile(rb'\br="(\d+)"')
_REF_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')


@dataclass(slots=True)
class Extent:
    """The used area of a sheet: rows and columns (upper bounds)."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        """Number of cells of the used area."""
        return self.rows * self.columns


def _chunks(archive: zipfile.ZipFile, part: str, name: str) -> Iterator[bytes]:
    """Yield a part's bytes in chunks that overlap by a few bytes."""
    tail = b""
    try:
        with archive.open(part) as stream:
            while True:
                block = stream.read(_CHUNK)
                if not block:
                    return
                yield tail + block
                tail = block[-_OVERLAP:]
    except ZIP_READ_ERRORS as exc:
        raise damaged(name) from exc


def quick_extent(archive: zipfile.ZipFile, part: str, name: str) -> Extent:
    """Bound a worksheet's used area quickly (row refs, wide column refs).

    Empty rows and formatted-only cells are counted too, so this may
    over-estimate; :func:`exact_extent` settles doubtful cases.

    Args:
        archive: the .xlsx container.
        part: the worksheet part, e.g. "xl/worksheets/sheet1.xml".
        name: the file name, for messages.

    Returns:
        Upper bounds of the rows and columns used.
    """
    max_row = 0
    wide: set[bytes] = set()
    for chunk in _chunks(archive, part, name):
        refs = _REFS.findall(chunk)
        numbers = [ref for ref in refs if ref[:1].isdigit()]
        if numbers:
            max_row = max(max_row, max(map(int, numbers)))
        else:
            max_row += chunk.count(b"<row") + chunk.count(b":row ")
        if len(numbers) < len(refs):
            wide.update(ref[:-1] for ref in refs if not ref[:1].isdigit())
    columns = max((column_index(ref.decode()) + 1 for ref in wide), default=26)
    return Extent(max_row, columns)


def exact_extent(archive: zipfile.ZipFile, part: str, name: str) -> Extent:
    """Measure a worksheet's used area from the cells that hold a value.

    Slower than :func:`quick_extent`; only used when that one looks too big.
    Stops as soon as the area is known to be over the limits.

    Args:
        archive: the .xlsx container.
        part: the worksheet part.
        name: the file name, for messages.

    Returns:
        The rows and columns spanned by cells with a value (as far as read).
    """
    extent = Extent(0, 0)
    row = col = 0
    for chunk in _chunks(archive, part, name):
        for kind, attrs, closed, emptied in _ELEMENT.findall(chunk):
            if kind == b"row":
                ref = _ROW_ATTR.search(attrs)
                row = int(ref.group(1)) if ref else row + 1
                col = 0
                continue
            cell = _REF_ATTR.search(attrs)
            if cell is None:
                col += 1
            else:
                row = int(cell.group(2))
                col = column_index(cell.group(1).decode()) + 1
            if not closed and not emptied and (row > extent.rows or col > extent.columns):
                extent = Extent(max(extent.rows, row), max(extent.columns, col))
                if exceeds(extent):
                    return extent
    return extent


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
        raise too_many_rows(f"Sheet '{sheet}'", extent.rows, name)
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


def too_many_rows(where: str, rows: int, name: str, more: bool = False) -> SubmissionError:
    """Return the error for a table above the row limit.

    Args:
        where: "Sheet 'X'" or "Table 2".
        rows: the number of rows found (at least).
        name: the file name.
        more: True when counting stopped at ``rows``.

    Returns:
        The error to raise.
    """
    count = f"more than {rows - 1:,}" if more else f"{rows:,}"
    return SubmissionError(
        f"{where} of '{name}' has {count} rows; the limit is "
        f"{limits.MAX_ROWS_PER_TABLE:,} rows per sheet or table. Split it into "
        "smaller files (for example one per year) and import each."
    )
