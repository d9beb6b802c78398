"""Reading the tables of a Word document (.docx/.docm, Transitional or Strict).

The main document part is streamed with a locked-down lxml parser (macros are
never run: only XML is read). Merged cells are read once: a horizontally
merged cell sits in its first grid column, a vertically merged cell's text
belongs to its first row only. Paragraphs and soft line breaks inside a cell
become lines; nested tables are flattened into their cell's text. A table
continued after a page break or a "(continued)" paragraph, with the same
header row, is read as one table.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from scrchron.importers import limits
from scrchron.importers.cells import clean_text, one_line
from scrchron.importers.headers import normalize_header
from scrchron.importers.parsed import Cell, SourceTable, SubmissionError
from scrchron.importers.safety import ZIP_READ_ERRORS, check_xml_prolog, damaged, too_many_rows, xml_error
from scrchron.importers.xmlsafe import XMLSyntaxError, iterparse

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _tags(local: str) -> frozenset[str]:
    """Return the qualified tag names of a WordprocessingML element."""
    return frozenset(f"{{{ns}}}{local}" for ns in _W)


_P, _TBL, _TR, _TC = _tags("p"), _tags("tbl"), _tags("tr"), _tags("tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _tags("sdt"), _tags("sdtContent"), _tags("customXml")
_T, _TAB, _PTAB = _tags("t"), _tags("tab"), _tags("ptab")
_BREAKS = _tags("br") | _tags("cr")
_HYPHEN = _tags("noBreakHyphen")
_SKIP = (
    _tags("del") | _tags("moveFrom") | _tags("pPr") | _tags("rPr") | _tags("tcPr")
    | _tags("trPr") | _tags("tblPr") | _tags("tblGrid") | _tags("sdtPr")
    | _tags("sdtEndPr") | _tags("instrText") | _tags("delText") | {_MC_FALLBACK}
)
_TCPR, _TRPR = _tags("tcPr"), _tags("trPr")
_GRID_SPAN, _V_MERGE, _H_MERGE = _tags("gridSpan"), _tags("vMerge"), _tags("hMerge")
_GRID_BEFORE, _ROW_DELETED = _tags("gridBefore"), _tags("del")
_VAL = _tags("val")
_BLOCKS = _P | _TBL | _SDT | _SDT_CONTENT | _CUSTOM_XML
_BODY = _tags("body")
_STREAMED = tuple(sorted(_P | _TBL | _SDT | _CUSTOM_XML | _TR))
_CONTINUED = re.compile(r"\b(continued|contd|cont d)\b|^cont$")


def read_docx(path: Path, main_part: str) -> list[SourceTable]:
    """Read every body table of a Word document.

    Args:
        path: the .docx/.docm file (already safety-checked).
        main_part: the main document part, e.g. "word/document.xml".

    Returns:
        The tables in document order, continuation tables merged.

    Raises:
        SubmissionError: when the document is damaged or a table is too long.
    """
    name = path.name
    builder = _TableBuilder(name)
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(main_part)
            check_xml_prolog(archive, info, name)
            with archive.open(info) as stream:
                _stream_body(stream, builder)
    except KeyError as exc:
        raise SubmissionError(
            f"'{name}' has no document text part ({main_part}); it is not a normal "
            "Word document. Open it in Word and save it again as .docx."
        ) from exc
    except XMLSyntaxError as exc:
        raise xml_error(name, exc) from exc
    except ZIP_READ_ERRORS as exc:
        raise damaged(name) from exc
    return builder.tables + ([builder.text()] if builder.paragraphs else [])


def _stream_body(stream: Any, builder: _TableBuilder) -> None:
    """Feed each body-level block to the builder, freeing memory as we go."""
    rows = 0
    for _event, element in iterparse(stream, _STREAMED):
        if element.tag in _TR:
            rows += 1
            if rows > limits.MAX_ROWS_PER_TABLE:  # stop before a huge table is in memory
                raise too_many_rows(f"Table {len(builder.tables) + 1}", rows, builder.name, more=True)
            continue
        parent = element.getparent()
        if parent is None or parent.tag not in _BODY:
            continue
        builder.block(element)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]
        rows = 0


class _TableBuilder:
    """Collects body tables and the paragraphs between them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tables: list[SourceTable] = []
        self.pending: list[str] = []
        self.paragraphs: list[str] = []

    def text(self) -> SourceTable:
        """The document's body paragraphs as a one-column table of kind 'text' (for narratives)."""
        rows: list[list[Cell]] = [[text] for text in self.paragraphs]
        return SourceTable("Dated paragraphs", "text", rows, list(range(1, len(rows) + 1)))

    def block(self, element: Any) -> None:
        """Handle one body-level block (paragraph, table, content control)."""
        tag = element.tag
        if tag in _P:
            text = clean_text(paragraph_text(element))
            self.pending.append(text)
            self.paragraphs.append(text)
            if len(self.paragraphs) > limits.MAX_ROWS_PER_TABLE:
                raise too_many_rows("The text", len(self.paragraphs), self.name, more=True)
        elif tag in _TBL:
            self.table(element)
        elif tag in _SDT or tag in _CUSTOM_XML or tag in _SDT_CONTENT:
            for child in element:
                if child.tag in _BLOCKS:
                    self.block(child)

    def table(self, element: Any) -> None:
        """Add a table, or unwrap a 1x1 layout table holding tables."""
        inner = _wrapped_content(element)
        if inner is not None:
            for child in inner:
                self.block(child)
            return
        rows = read_rows(element, self.name, f"Table {len(self.tables) + 1}")
        if not rows:
            self.pending = []
            return
        if self._continues(rows):
            self._extend(rows)
        else:
            preamble = [text for text in self.pending if text]
            numbers = list(range(1, len(rows) + 1))
            self.tables.append(
                SourceTable(f"Table {len(self.tables) + 1}", "table", rows, numbers,
                            False, preamble)
            )
        self.pending = []

    def _continues(self, rows: list[list[Cell]]) -> bool:
        """Tell whether a new table continues the previous one."""
        if not self.tables:
            return False
        between = [normalize_header(text) for text in self.pending if text.strip()]
        marked = any(len(text) <= 80 and _CONTINUED.search(text) for text in between)
        if len(between) > int(marked):
            return False
        previous = self.tables[-1]
        first = _row_key(rows[0])
        if first and any(_row_key(row) == first for row in previous.rows[:3]):
            return True
        return marked and len(rows[0]) == max(len(row) for row in previous.rows[:3])

    def _extend(self, rows: list[list[Cell]]) -> None:
        """Append a continuation's rows to the previous table."""
        previous = self.tables[-1]
        if len(previous.rows) + len(rows) > limits.MAX_ROWS_PER_TABLE:
            raise too_many_rows(previous.name, len(previous.rows) + len(rows), self.name)
        start = previous.row_numbers[-1] + 1 if previous.row_numbers else 1
        previous.rows.extend(rows)
        previous.row_numbers.extend(range(start, start + len(rows)))


def _row_key(row: list[Cell]) -> tuple[str, ...]:
    """Return a row's normalised texts when it could be a header, else ()."""
    texts = tuple(normalize_header(str(cell)) if cell else "" for cell in row)
    worded = sum(1 for text in texts if any(char.isalpha() for char in text))
    return texts if worded >= 2 else ()


def _wrapped_content(table: Any) -> Any | None:
    """Return the cell of a 1x1 layout table wrapping a real table, else None."""
    rows = [child for child in table if child.tag in _TR]
    if len(rows) != 1:
        return None
    cells = [child for child in rows[0] if child.tag in _TC]
    if len(cells) != 1:
        return None
    if any(child.tag in _TBL and _is_grid(child) for child in cells[0]):
        return cells[0]
    return None


def _is_grid(table: Any) -> bool:
    """Tell whether a table has at least two rows and two columns."""
    rows = _children(table, _TR)
    return len(rows) >= 2 and any(len(_children(row, _TC)) >= 2 for row in rows)


def read_rows(table: Any, name: str, where: str) -> list[list[Cell]]:
    """Read the rows of a table, each merged cell once.

    Args:
        table: a ``w:tbl`` element.
        name: the file name, for messages.
        where: "Table N", for messages.

    Returns:
        One list per row; cells covered by a merge are None.

    Raises:
        SubmissionError: when the table has too many rows.
    """
    rows: list[list[Cell]] = []
    for row in _children(table, _TR):
        if _row_deleted(row):
            continue
        read = _read_row(row)
        if len(read) > limits.MAX_COLUMNS:
            raise SubmissionError(
                f"Row {len(rows) + 1} of {where} of '{name}' has more than {limits.MAX_COLUMNS:,} columns, "
                "the limit. Check the table in Word (it is not a normal chronology)."
            )
        rows.append(read)
        if len(rows) > limits.MAX_ROWS_PER_TABLE:
            raise too_many_rows(where, len(rows), name, more=True)
    return rows


def _children(element: Any, tags: frozenset[str]) -> list[Any]:
    """Return children with the given tags, looking through content controls."""
    found: list[Any] = []
    for child in element:
        tag = child.tag
        if tag in tags:
            found.append(child)
        elif tag in _SDT or tag in _SDT_CONTENT or tag in _CUSTOM_XML:
            found.extend(_children(child, tags))
    return found


def _row_deleted(row: Any) -> bool:
    """Tell whether a row is a tracked deletion."""
    for child in row:
        if child.tag in _TRPR:
            return any(prop.tag in _ROW_DELETED for prop in child)
    return False


def _read_row(row: Any) -> list[Cell]:
    """Read one row: each cell at its grid column, covered cells None."""
    cells: list[Cell] = []
    column = _grid_before(row)
    for cell in _children(row, _TC):
        if column > limits.MAX_COLUMNS:  # over the limit: the caller refuses the row, read no more
            return [*cells, *[None] * max(1, limits.MAX_COLUMNS + 1 - len(cells))]
        span, covered = _cell_props(cell)
        while len(cells) < column:
            cells.append(None)
        cells.append(None if covered else (cell_text(cell) or None))
        column += span
    return cells


def _grid_before(row: Any) -> int:
    """Return the number of grid columns skipped before a row's first cell."""
    for child in row:
        if child.tag in _TRPR:
            for prop in child:
                if prop.tag in _GRID_BEFORE:
                    return _int_val(prop, 0)
    return 0


def _cell_props(cell: Any) -> tuple[int, bool]:
    """Return (grid span, covered by a merge) for a ``w:tc``."""
    span, covered = 1, False
    for child in cell:
        if child.tag not in _TCPR:
            continue
        for prop in child:
            if prop.tag in _GRID_SPAN:
                span = _int_val(prop, 1)
            elif prop.tag in _V_MERGE or prop.tag in _H_MERGE:
                covered = _str_val(prop) != "restart"
        break
    return max(1, min(span, limits.MAX_COLUMNS)), covered


def _str_val(element: Any) -> str:
    """Return an element's w:val attribute ("" when absent)."""
    for key in _VAL:
        value = element.get(key)
        if value is not None:
            return str(value)
    return ""


def _int_val(element: Any, default: int) -> int:
    """Return an element's w:val attribute as an int."""
    try:
        return int(_str_val(element))
    except ValueError:
        return default


def cell_text(cell: Any) -> str:
    """Return a cell's text: one line per paragraph, nested tables flattened.

    Args:
        cell: a ``w:tc`` element.

    Returns:
        The cleaned text ("" when empty).
    """
    lines: list[str] = []
    _collect_blocks(cell, lines)
    return clean_text("\n".join(lines))


def _collect_blocks(container: Any, lines: list[str]) -> None:
    """Append the text of each paragraph/nested table of a container."""
    for child in container:
        tag = child.tag
        if tag in _P:
            lines.append(paragraph_text(child))
        elif tag in _TBL:
            lines.append(nested_table_text(child))
        elif tag in _SDT or tag in _SDT_CONTENT or tag in _CUSTOM_XML:
            _collect_blocks(child, lines)


def nested_table_text(table: Any) -> str:
    """Flatten a nested table: one line per row, cells joined by " | ".

    Args:
        table: a ``w:tbl`` inside a cell.

    Returns:
        The table's text.
    """
    lines = []
    for row in _children(table, _TR):
        texts = [one_line(str(cell)) for cell in _read_row(row) if cell]
        if texts:
            lines.append(" | ".join(texts))
    return "\n".join(lines)


def paragraph_text(paragraph: Any) -> str:
    """Return a paragraph's text; soft line breaks become "\\n", tabs "\\t".

    Deleted (tracked) text, field codes and fallback copies of drawings are
    left out.

    Args:
        paragraph: a ``w:p`` element.

    Returns:
        The raw text.
    """
    parts: list[str] = []
    _collect_runs(paragraph, parts)
    return "".join(parts)


def _collect_runs(element: Any, parts: list[str]) -> None:
    """Walk a paragraph's descendants collecting text."""
    for child in element:
        tag = child.tag
        if tag in _T:
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag in _TAB or tag in _PTAB:
            parts.append("\t")
        elif tag in _HYPHEN:
            parts.append("-")
        elif tag in _SKIP:
            continue
        elif len(child):
            if tag in _P:
                parts.append("\n")
            _collect_runs(child, parts)
