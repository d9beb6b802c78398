"""Reading delimited text exports (.csv/.tsv/.txt).

The encoding is detected (UTF-16 or UTF-8 with a byte order mark, then UTF-8,
Windows-1252 and Latin-1, each tried strictly), the delimiter is sniffed among
``, ; TAB |`` and quoted cells may span several lines. Rows are counted while
they are read so that a huge file is refused early.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scrchron.importers import limits
from scrchron.importers.cells import clean_text
from scrchron.importers.parsed import Cell, SourceTable, SubmissionError
from scrchron.importers.safety import too_many_rows

DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


@dataclass(slots=True)
class TextRead:
    """A text table and what was detected about it."""

    table: SourceTable
    encoding: str
    delimiter: str
    warnings: list[str] = field(default_factory=list)


def read_text_table(path: Path) -> TextRead:
    """Read a delimited text file as one table.

    Args:
        path: the file (size already checked).

    Returns:
        The table (named after the file, like Excel names a CSV's sheet),
        the encoding and the delimiter used.

    Raises:
        SubmissionError: when the file is not text, a cell is too long or the
            file has too many rows or columns.
    """
    name = path.name
    encoding = detect_encoding(path)
    warnings: list[str] = []
    try:
        with _open_text(path, encoding, warnings) as stream:
            head = stream.read(limits.CSV_SNIFF_BYTES)
            _check_is_text(head, name)
            stream.seek(0)
            forced = _explicit_separator(stream)
            delimiter = forced or sniff_delimiter(head, path.suffix.lower())
            rows, numbers = _read_rows(stream, delimiter, name)
    except OSError as exc:
        raise SubmissionError(f"'{name}' cannot be read: {exc.strerror or exc}.") from exc
    table = SourceTable(path.stem or name, "sheet", rows, numbers, False, [])
    if encoding == "latin-1":
        warnings.append(
            f"'{name}' is neither UTF-8 nor Windows-1252 text; it was read as Latin-1 "
            "and some characters may be wrong."
        )
    return TextRead(table, encoding, delimiter, warnings)


NARRATIVE_SUFFIXES = frozenset({".txt", ".text"})
"""Plain text files that may hold a narrative chronology (dated lines) instead of a table."""


def read_text_lines(path: Path) -> SourceTable:
    """Read a plain text file's lines as a one-column table of kind 'text' (for narratives).

    Args:
        path: the file (size already checked).

    Returns:
        One row per line, numbered from 1.

    Raises:
        SubmissionError: when the file has more lines than a table may have rows.
    """
    text, _ = decode_text(path.read_bytes())
    lines = text.splitlines()
    if len(lines) > limits.MAX_ROWS_PER_TABLE:
        raise too_many_rows("The text", len(lines), path.name)
    rows: list[list[Cell]] = [[clean_text(line)] for line in lines]
    return SourceTable("Dated lines", "text", rows, list(range(1, len(rows) + 1)))


def _open_text(path: Path, encoding: str, warnings: list[str]) -> TextIO:
    """Open a text file for csv; a file mixing encodings is decoded line by line."""
    if encoding != MIXED:
        return path.open(encoding=encoding, errors="replace", newline="")
    text, utf8, cp1252 = decode_mixed(path.read_bytes())
    warnings.append(
        f"'{path.name}' mixes text encodings ({utf8} line(s) in UTF-8, {cp1252} in Windows-1252); "
        "each line was read in its own encoding: check accented characters."
    )
    return io.StringIO(text, newline="")


MIXED = "mixed"
"""detect_encoding's answer for a file mixing UTF-8 and Windows-1252 lines."""

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def detect_encoding(path: Path) -> str:
    """Find a text file's encoding without loading it whole.

    UTF-16 (byte order mark, or ASCII-heavy text without one) first, then
    UTF-8 (with or without BOM), a mix of UTF-8 and Windows-1252 lines
    (:data:`MIXED`), Windows-1252 and Latin-1, each tried strictly over the
    whole file.

    Args:
        path: the file.

    Returns:
        A Python codec name, or :data:`MIXED`.

    Raises:
        SubmissionError: when the file holds NUL bytes (binary data).
    """
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _bomless_utf16(head)
    if utf16:
        return utf16
    utf8_ok, has_utf8 = _scan_bytes(path)
    if utf8_ok:
        return "utf-8-sig"
    if has_utf8:
        return MIXED
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _scan_bytes(path: Path) -> tuple[bool, bool]:
    """One pass: refuse NUL bytes; tell (valid UTF-8?, any UTF-8 sequence?)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    valid, seen, offset = True, False, 0
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            nul = block.find(b"\x00")
            if nul >= 0:
                raise SubmissionError(
                    f"'{path.name}' contains binary data (a NUL byte at byte {offset + nul:,}); it is "
                    "not a clean text export. Ask the agency to export it again."
                )
            if valid:
                try:
                    decoder.decode(block)
                    seen = seen or not block.isascii()
                except UnicodeDecodeError:
                    valid = False
            if not valid and not seen:
                seen = _UTF8_SEQUENCE.search(block) is not None
            offset += len(block)
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return valid, seen


def _decodes(path: Path, encoding: str) -> bool:
    """Tell whether a whole file decodes strictly with a codec."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1024 * 1024), b""):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def decode_mixed(data: bytes) -> tuple[str, int, int]:
    """Decode each line as UTF-8 when it is valid UTF-8, else as Windows-1252.

    Args:
        data: the file's bytes.

    Returns:
        (text, non-ASCII lines read as UTF-8, lines read as Windows-1252).
    """
    parts: list[str] = []
    utf8 = cp1252 = 0
    for line in data.splitlines(keepends=True):
        try:
            text = line.decode("utf-8-sig" if not parts else "utf-8")
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            cp1252 += 1
        parts.append(text)
    return "".join(parts), utf8, cp1252


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes with the same rules as :func:`detect_encoding`.

    Args:
        data: text bytes.

    Returns:
        (text, encoding name used).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _bomless_utf16(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _bomless_utf16(head: bytes) -> str:
    """Recognise UTF-16 text without a byte order mark (ASCII-heavy)."""
    if len(head) < 4:
        return ""
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return ""


def _check_is_text(text: str, name: str) -> None:
    """Refuse binary content read as text."""
    sample = text[:65536]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    if "\x00" in sample or controls > len(sample) // 100:
        raise SubmissionError(
            f"'{name}' does not contain text (it looks like a binary file renamed). "
            "Ask the agency for the original Word, Excel or CSV file."
        )
    if not sample.strip():
        raise SubmissionError(f"'{name}' contains no text.")


def _explicit_separator(stream: TextIO) -> str:
    """Honour Excel's ``sep=;`` first line: consume it and return the delimiter."""
    first = stream.readline()
    start = first.lstrip("\ufeff")
    if start[:4].lower() == "sep=" and len(start) > 4 and start[4] in DELIMITERS and not start[5:].strip():
        return start[4]
    stream.seek(0)
    return ""


def sniff_delimiter(sample: str, suffix: str = "") -> str:
    """Choose the delimiter that splits the sample most consistently.

    csv.Sniffer's guess (restricted to ``, ; TAB |``) wins ties.

    Args:
        sample: the start of the text.
        suffix: the file extension (".tsv" prefers a tab).

    Returns:
        The delimiter character (comma when nothing fits).
    """
    if suffix in (".tsv", ".tab"):
        return "\t"
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    scores = {delimiter: _consistency(sample, delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (scores[d], d == sniffed, d == ","))
    return best if scores[best] > (0.0, 0) else ","


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """Score a delimiter: share of rows with the usual width, and that width."""
    if "\n" in sample.rstrip("\n"):
        sample = sample[: sample.rstrip("\n").rfind("\n") + 1]
    try:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                  if any(cell.strip() for cell in row)]
    except csv.Error:
        return (0.0, 0)
    if not widths:
        return (0.0, 0)
    width, count = Counter(widths).most_common(1)[0]
    if width < 2:
        return (0.0, 0)
    return (round(count / len(widths), 2), width)


def _read_rows(stream: TextIO, delimiter: str, name: str) -> tuple[list[list[Cell]], list[int]]:
    """Parse all records, counting them against the row limit.

    Lines are fed to the parser one by one and each is bounded, so that a file of
    100 MB of commas is refused in a few megabytes. A cell whose quote is never
    closed (it swallows the rows below it) is refused with its line number.
    """
    rows: list[list[Cell]] = []
    long_cells: list[tuple[int, str]] = []  # (line where the record starts, a many-line cell)
    reader = csv.reader(_bounded_lines(stream, delimiter, name), delimiter=delimiter, strict=False)
    try:
        line = 1
        for record in reader:
            if len(rows) >= limits.MAX_ROWS_PER_TABLE:
                raise too_many_rows("The table", len(rows) + 1, name, more=True)
            if len(record) > limits.MAX_COLUMNS:
                raise _too_wide(name, len(rows) + 1, len(record))
            long_cells.extend((line, cell) for cell in record if cell.count("\n") >= _SWALLOW_MIN_LINES)
            rows.append([(cell.strip() or None) if "\r" not in cell else _text_cell(cell) for cell in record])
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SubmissionError(
            f"'{name}' cannot be read near row {len(rows) + 1}: a cell is longer than "
            f"{limits.CSV_MAX_FIELD_CHARS:,} characters (an unclosed quote?). Fix the "
            "quotes in the file and import it again."
        ) from exc
    _refuse_swallowed_rows(long_cells, rows, delimiter, name)
    return rows, list(range(1, len(rows) + 1))


_SWALLOW_MIN_LINES = 5
"""A cell over this many lines is checked for rows swallowed by an unclosed quote."""

MAX_LINE_CHARS = 1_000_000
"""Longest physical line of a text export (a chronology row is a few thousand characters)."""


def _bounded_lines(stream: TextIO, delimiter: str, name: str) -> Iterator[str]:
    """The file's lines, each refused when longer than :data:`MAX_LINE_CHARS` or wider
    than the column limit could ever need (before the parser builds its cells)."""
    for number, line in enumerate(iter(lambda: stream.readline(MAX_LINE_CHARS + 1), ""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SubmissionError(
                f"Line {number:,} of '{name}' is longer than {MAX_LINE_CHARS:,} characters, which "
                "no chronology row is; it is not a normal export. Ask the agency to export it again."
            )
        if line.count(delimiter) > limits.MAX_COLUMNS * 4 and '"' not in line:
            raise _too_wide(name, number, line.count(delimiter) + 1, "Line")
        yield line


def _too_wide(name: str, number: int, columns: int, what: str = "Row") -> SubmissionError:
    return SubmissionError(
        f"{what} {number:,} of '{name}' has {columns:,} columns; the limit is "
        f"{limits.MAX_COLUMNS:,}. Check that it is a real CSV file."
    )


def _refuse_swallowed_rows(long_cells: list[tuple[int, str]], rows: list[list[Cell]], delimiter: str,
                           name: str) -> None:
    """Refuse a cell that runs over many lines shaped like the file's rows (an unclosed quote).

    A line is shaped like a row when it splits into the file's usual number of cells and
    its first cell looks like the rows' usual first cell ('99/99/9999' for dates);
    paragraphs of prose inside a quoted cell are not.
    """
    if not long_cells or not rows:
        return
    width = Counter(len(row) for row in rows).most_common(1)[0][0]
    first = Counter(_shape(str(row[0] or "")) for row in rows if row).most_common(1)[0][0]
    if width < 2 or not first:
        return
    for line, cell in long_cells:
        inner = cell.splitlines()
        rowlike = sum(1 for text in inner if _row_shape(text, delimiter) == (width, first))
        if rowlike >= _SWALLOW_MIN_LINES and rowlike * 2 >= len(inner):
            raise SubmissionError(
                f"'{name}' has a quote (\") that is never closed: the cell starting on line {line:,} "
                f"runs over {len(inner):,} lines, {rowlike:,} of them shaped like rows of their own, "
                "so they would be imported as one entry. Fix the quote in the file and import it again."
            )


def _row_shape(text: str, delimiter: str) -> tuple[int, str]:
    """(number of cells, shape of the first cell) of one line read as a row."""
    try:
        cells = next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return (0, "")
    return (len(cells), _shape(cells[0]) if cells else "")


_SHAPE = str.maketrans("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                       "9" * 10 + "a" * 52)


def _shape(text: str) -> str:
    """A cell's look: digits as 9, letters as a ('09/03/2015' -> '99/99/9999'), first 12 characters."""
    return text.strip()[:12].translate(_SHAPE)


def _text_cell(value: str) -> Cell:
    """Clean a multi-line CSV cell ("\r\n" inside quotes): lines kept, edges stripped."""
    return clean_text(value) or None
