"""Data types shared by the submission readers.

Everything an importer hands to the rest of scrchron is defined here: the
canonical chronology fields, the cell type, the tables read from a file and the
parsed submission.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from scrchron.errors import Cancelled, ScrchronError

FIELDS: tuple[str, ...] = (
    "sequence",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "event",
    "action",
    "source",
    "practitioner_role",
    "contact_type",
    "agency_comment",
    "service",
)
"""The chronology fields a submission's columns can be mapped to."""

SERVICE_HEADING = "Service / team"
"""The detail a column mapped to ``service`` is kept under (health's "Service": GP, ED, health visiting).

An entry keeps it with its other details (``Entry.extra``), so it reaches the entry
panel, the appendix's "Other details" and the spreadsheet without a new column in
the case file. Only the reviewer's mapping (or a saved one) chooses it: a column
headed "Service" that nobody mapped stays a detail under its own heading, as before.
"""

Cell: TypeAlias = str | int | float | datetime.date | datetime.datetime | datetime.time | None
"""One cell as read: text, a number, a real date/time from a spreadsheet, or None."""


class SubmissionError(ScrchronError):
    """An agency submission cannot be read; ``str(error)`` tells the user why."""


class ImportCancelled(SubmissionError, Cancelled):
    """The user cancelled the import (``cancelled()`` returned True)."""


@dataclass(slots=True)
class SourceTable:
    """One sheet of a workbook or one table of a document, as read.

    Attributes:
        name: "Sheet1" for a sheet, "Table 1" for a document table.
        kind: 'sheet' or 'table'.
        rows: the cells of every row, top to bottom; rows may be ragged.
        row_numbers: the origin row number of each row (1-based sheet row or
            1-based table row).
        hidden: True for a hidden or very hidden sheet.
        preamble: document paragraphs before the table (empty for sheets).
        pages: for a PDF, the page of each row (empty elsewhere).
    """

    name: str
    kind: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    hidden: bool = False
    preamble: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ParsedRow:
    """One chronology entry read from a submission.

    Attributes:
        origin: where it came from, e.g. "Sheet 'Chronology' row 14".
        sheet: the sheet or table name.
        row: the origin row number.
        fields: the mapped FIELDS only (event is always a str, possibly "";
            other empty cells are None). Dates are kept as read.
        original: header -> original cell text for every non-empty cell.
        extra: unmapped header -> text for non-empty unmapped cells.
        order: position in the submission (the Seq value when the Seq column
            holds numbers, else the row order).
        section: the last banner/section label seen above this row ("2014",
            "January 2015"), "" if none; useful as a year hint for dates.
    """

    origin: str
    sheet: str
    row: int
    fields: dict[str, Cell]
    original: dict[str, str]
    extra: dict[str, str]
    order: float
    section: str = ""


@dataclass(slots=True)
class ParsedSubmission:
    """The result of reading one agency submission.

    Attributes:
        path: the file read.
        file_name: its name.
        sha256: hex digest of the file's bytes.
        importer: 'docx', 'xlsx', 'xls', 'ods', 'csv' or 'legacy-doc' etc.
        tables_used: names of the sheets/tables the rows come from.
        mapping: field -> header as written (unique header names).
        rows_read: data rows read below the header
            (== len(rows) + sum(skipped.values())).
        rows: the parsed rows, in submission order.
        skipped: reason -> count ('empty row', 'section row', 'repeated header').
        details: submission details offered from the text before the table
            (agency, author, period...).
        warnings: things the user should check.
        columns: what each column of the (first) table used became and why
            (importers.column_notes.ColumnNote); empty for a narrative.
    """

    path: Path
    file_name: str
    sha256: str
    importer: str
    tables_used: list[str]
    mapping: dict[str, str]
    rows_read: int
    rows: list[ParsedRow]
    skipped: dict[str, int]
    details: dict[str, str]
    warnings: list[str]
    columns: list[Any] = field(default_factory=list)
