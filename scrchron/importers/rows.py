"""Turning the data rows of a table into ParsedRows.

Empty rows, repeated header rows and section rows (a banner with no event:
"2014", "January 2015", a label such as "Pre-birth") are skipped and counted
by reason. Every other row is kept, even without a readable date; its cells
are kept as read (dates are interpreted later, elsewhere).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import compress

from scrchron.importers import limits
from scrchron.importers.cells import cell_text
from scrchron.importers.headers import normalize_header
from scrchron.importers.parsed import FIELDS, Cell, ParsedRow, SourceTable, SubmissionError
from scrchron.records.case_records import PDF_PAGE

SKIP_EMPTY = "empty row"
SKIP_SECTION = "section row"
SKIP_HEADER = "repeated header"

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
_SPAN = rf"{_YEAR}(?:\s*(?:-|/|to|and)\s*(?:{_YEAR}|\d\d))?"
_BANNER = re.compile(
    rf"^(?:(?:calendar |academic |financial |school )?year\s*)?{_SPAN}$"
    rf"|^{_MONTH}\.?(?:\s*(?:-|to|and)\s*{_MONTH})?(?:\s+{_YEAR})?$"
    rf"|^(?:(?:spring|summer|autumn|winter|fall|easter|christmas)(?:\s+(?:term|half\s*term))?"
    rf"(?:\s+\d)?)\s*{_YEAR}?(?:\s*(?:-|/)\s*(?:{_YEAR}|\d\d))?$"
    rf"|^(?:q[1-4]|quarter\s*[1-4])\s*{_YEAR}$",
)
_DECORATION = " \t-–—=*_:.#|>"
_NUMBER = re.compile(r"^\s*\??\s*(\d{1,9}(?:\.\d+)?)\s*$")

Tick = Callable[[int], None]
"""Called now and then with the number of rows processed so far."""


def is_banner(text: str) -> bool:
    """Tell whether a text is a year/month/term banner ("2014", "Jan 2015").

    Args:
        text: one cell's text.

    Returns:
        True for banner texts.
    """
    core = text.strip(_DECORATION).lower()
    if len(core) > 40 or "\n" in core:
        return False
    return bool(_BANNER.match(" ".join(core.split())))


@dataclass(slots=True)
class RowsResult:
    """The rows built from one table."""

    rows: list[ParsedRow] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    rows_read: int = 0
    no_date: int = 0
    no_event: int = 0


@dataclass(slots=True)
class TableLayout:
    """Where the header is and what each column means.

    Attributes:
        header_index: index (in ``table.rows``) of the header row.
        columns: field -> column index.
        headers: the unique header name of every column.
    """

    header_index: int
    columns: dict[str, int]
    headers: list[str]


def build_rows(table: SourceTable, layout: TableLayout, first_order: int, tick: Tick) -> RowsResult:
    """Build the ParsedRows of one table.

    Args:
        table: the table read.
        layout: its header row and column mapping.
        first_order: rows already placed from earlier tables (order offset).
        tick: progress/cancel callback, called every few hundred rows.

    Returns:
        The kept rows, the skipped counts and the number of data rows read.
    """
    builder = _RowBuilder(table, layout)
    result = RowsResult()
    seqs: list[float | None] = []
    start = layout.header_index + 1
    every = limits.PROGRESS_EVERY_ROWS
    for first in range(start, len(table.rows), every):
        tick(first - start)
        last = min(first + every, len(table.rows))
        builder.add_rows(table.rows[first:last], table.row_numbers[first:last], result, seqs)
    result.rows_read = max(0, len(table.rows) - start)
    _set_order(result.rows, seqs, first_order)
    return result


class _RowBuilder:
    """Classifies rows and builds ParsedRows for one table."""

    def __init__(self, table: SourceTable, layout: TableLayout) -> None:
        self.table = table
        self.headers = layout.headers
        self.event_col = layout.columns["event"]
        self.date_col = layout.columns["start_date"]
        self.seq_col = layout.columns.get("sequence", -1)
        self.items = sorted(layout.columns.items(), key=lambda item: FIELDS.index(item[0]))
        self.mapped = set(layout.columns.values())
        self.leftmost = min(self.mapped)
        header = table.rows[layout.header_index]
        self.header_raw = [cell_text(cell) for cell in header]
        self.header_raw += [""] * (len(layout.headers) - len(self.header_raw))
        self.header_norm = [normalize_header(text) for text in self.header_raw]
        self.header_needed = max(2, math.ceil(0.6 * sum(1 for t in self.header_norm if t)))
        self.section = ""
        self.name = table.name
        self.extra_columns = [
            (col, header) for col, header in enumerate(layout.headers) if col not in self.mapped
        ]
        self.prefix = (
            f"Sheet '{table.name}' row " if table.kind == "sheet" else f"{table.name} row "
        )
        self.page_of = dict(zip(table.row_numbers, table.pages, strict=True)) if table.pages else {}
        self.key_col = self.date_col if self.header_raw[self.date_col] else self.event_col
        self.key_len = len(self.header_raw[self.key_col])

    def add_rows(
        self, rows: list[list[Cell]], numbers: list[int], result: RowsResult, seqs: list[float | None]
    ) -> None:
        """Classify rows; append the kept ones to ``result.rows``, count the others."""
        headers, items, extra_columns = self.headers, self.items, self.extra_columns
        event_col, key_col, key_len = self.event_col, self.key_col, self.key_len
        prefix, name, seq_col = self.prefix, self.name, self.seq_col
        out, skipped, limit = result.rows, result.skipped, limits.MAX_CELL_CHARS
        for row, number in zip(rows, numbers, strict=True):
            texts: list[str] = [c if c.__class__ is str else "" if c is None else _text(c) for c in row]
            original = dict(compress(zip(headers, texts, strict=False), texts))
            if texts and max(map(len, texts)) > limit:
                raise _cell_too_long(prefix + str(number), max(map(len, texts)))
            if not original:
                skipped[SKIP_EMPTY] = skipped.get(SKIP_EMPTY, 0) + 1
                continue
            size = len(texts)
            event = texts[event_col] if event_col < size else ""
            if key_col < size and len(texts[key_col]) == key_len and self._is_header(texts):
                skipped[SKIP_HEADER] = skipped.get(SKIP_HEADER, 0) + 1
                continue
            single = len(original) == 1 or (
                (not event or (key_col < size and texts[key_col] == event)) and _all_same(original)
            )
            if single and self._is_section(texts, event):
                self.section = next(iter(original.values()))
                skipped[SKIP_SECTION] = skipped.get(SKIP_SECTION, 0) + 1
                continue
            fields: dict[str, Cell] = {key: (row[col] if col < size else None) for key, col in items}
            fields["event"] = event
            if not event:
                result.no_event += 1
            if fields["start_date"] is None:
                result.no_date += 1
            extra = {h: texts[col] for col, h in extra_columns if col < size and texts[col]} if extra_columns else {}
            origin = prefix + str(number) + (f" (page {self.page_of[number]})" if self.page_of else "")
            if self.page_of:  # a PDF: the page goes with the entry, so its origin names it
                extra = {**extra, PDF_PAGE: str(self.page_of[number])}
            out.append(ParsedRow(origin, name, number, fields, original, extra, 0.0, self.section))
            if seq_col >= 0:
                seq = row[seq_col] if seq_col < size else None
                plain = seq.__class__ is int or (seq.__class__ is str and seq.isascii() and seq.isdigit())
                seqs.append(float(seq) if plain else _number(seq))  # type: ignore[arg-type]

    def _is_header(self, texts: list[str]) -> bool:
        """Tell whether a row repeats the header row (its key cell already matched in length)."""
        if texts[self.key_col].lower() != self.header_raw[self.key_col].lower():
            return False
        norm = self.header_norm
        same = sum(
            1 for i, text in enumerate(texts[: len(norm)]) if text and normalize_header(text) == norm[i]
        )
        return same >= self.header_needed

    def _is_section(self, texts: list[str], event: str) -> bool:
        """Tell whether a row (one distinct value) is a banner or a label."""
        column = next(i for i, text in enumerate(texts) if text)
        value = texts[column]
        if is_banner(value):
            return True
        if event or "\n" in value or len(value) > 80:
            return False
        return column <= self.leftmost and not any(char.isdigit() for char in value)


def _cell_too_long(origin: str, length: int) -> SubmissionError:
    """Return the error for a cell above the cell size limit."""
    return SubmissionError(
        f"{origin} has a cell of {length:,} characters; the limit is {limits.MAX_CELL_CHARS:,} "
        "characters per cell. Check that cell (pasted data?) and import again."
    )


def _text(cell: Cell) -> str:
    """Return the text of a non-str cell (fast paths for the common kinds)."""
    if cell is None:
        return ""
    kind = cell.__class__
    if kind is int:
        return str(cell)
    if kind is date:
        return cell.isoformat()  # type: ignore[union-attr]
    return cell_text(cell)


def _all_same(original: dict[str, str]) -> bool:
    """Tell whether every non-empty cell of a row holds the same text."""
    values = [*original.values()]
    return values.count(values[0]) == len(values)


def _number(value: Cell) -> float | None:
    """Read a Seq cell as a number (1, 1.5, "2", "?3"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        match = _NUMBER.match(value)
        if match:
            return float(match.group(1))
    return None


def _set_order(rows: list[ParsedRow], seqs: list[float | None], first_order: int) -> None:
    """Set each row's order: its Seq value when the table has numeric Seqs."""
    if not seqs or all(seq is None for seq in seqs):
        for position, row in enumerate(rows, start=first_order + 1):
            row.order = float(position)
        return
    previous, gap = 0.0, 0
    for row, seq in zip(rows, seqs, strict=True):
        if seq is None:
            gap += 1
            row.order = previous + gap / 1000
        else:
            previous, gap = seq, 0
            row.order = seq
