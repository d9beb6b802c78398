"""Reading agency submissions: file -> tables -> header mapping -> parsed rows.

Public API (others code against these names):

- :data:`FIELDS`, :data:`Cell`
- :class:`SubmissionError` (and :class:`ImportCancelled`, a subclass)
- :class:`SourceTable`, :class:`ParsedRow`, :class:`ParsedSubmission`
- :func:`list_tables`, :func:`parse_submission`, :func:`match_headers`

Dates are never interpreted here: date cells are kept as read (text, or real
date/datetime/time objects from spreadsheet cells).

Limits (scrchron.importers.limits, named in the messages): 100 MB per file,
500 MB uncompressed per .docx/.xlsx/.ods, compression ratio 500 for parts
over 20 MB, 200,000 rows per sheet or table, 1,000 columns, 20 million cells
per sheet, 250 worksheets, 500 pages per PDF, LibreOffice conversions stopped after 120 s (and run
without network). Every file is read in a child process (importers.cage) that
may grow 1 GB beyond its start, use 60 s of processor and 120 s in all, and
hand back 512 MB of tables.
"""

from scrchron.importers.headers import match_headers
from scrchron.importers.parsed import (
    FIELDS,
    Cell,
    ImportCancelled,
    ParsedRow,
    ParsedSubmission,
    SourceTable,
    SubmissionError,
)
from scrchron.importers.submission import list_tables, parse_submission

__all__ = [
    "FIELDS",
    "Cell",
    "ImportCancelled",
    "ParsedRow",
    "ParsedSubmission",
    "SourceTable",
    "SubmissionError",
    "list_tables",
    "match_headers",
    "parse_submission",
]
