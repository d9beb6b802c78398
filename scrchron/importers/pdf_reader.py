"""Reading PDF submissions (text-based PDFs, which is what "print to PDF" gives).

pdfplumber (on pdfminer.six) finds the ruled tables of each page; a table that runs
over several pages is joined into one and the header row repeated on each page is
dropped. A PDF without tables is read as a narrative chronology (its text, line by
line). An image-only (scanned) PDF, one whose text layer is garbage, an encrypted,
damaged or very long PDF is refused with a message saying why. Like every reader it
runs in the cage (importers.cage), which bounds its time and memory.

Each page is read once (importers.pdf_pages: the characters trimmed to what tables
and text need, cells filled by position; the same tables as pdfplumber's
``extract_tables``), and in the cage the pages of a longer PDF are shared between
two workers on two cores (importers.workers), within the cage's limits.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from scrchron.importers import limits, pdf_streams, workers
from scrchron.importers.cells import clean_text
from scrchron.importers.limits import human_bytes
from scrchron.importers.parsed import Cell, SourceTable, SubmissionError
from scrchron.importers.pdf_pages import PageRead, RawTable, read_page
from scrchron.importers.safety import too_many_rows

MAX_PDF_PAGES = 500
"""Most pages read from one PDF (an agency's chronology prints to tens of pages)."""

_GARBAGE_SHARE = 0.3
"""A text layer with more than this share of unreadable characters is garbage."""


def read_pdf(path: Path) -> list[SourceTable]:
    """Read the tables of a PDF, or its text lines when it has none.

    In the cage a PDF of several pages is read by two workers (importers.workers), each
    taking half the pages; the pages are joined in order, so the result and the first
    refusal met are those of reading page after page.

    Args:
        path: the .pdf file (size already checked).

    Returns:
        The tables (continuations joined, each row knowing its page), or one table of
        kind 'text' holding the lines of text, page by page.

    Raises:
        SubmissionError: for a scanned, garbled, encrypted, damaged or too long PDF.
    """
    name = path.name
    with _opened(path) as pdf:
        count = len(pdf.pages)
        if count > MAX_PDF_PAGES:
            raise SubmissionError(
                f"'{name}' has {count:,} pages; the limit is {MAX_PDF_PAGES:,} pages per PDF. Ask the "
                "agency for the chronology itself (Word or Excel), or split the PDF.")
    spans = _spans(count, workers.worker_count(count // MIN_PAGES_PER_WORKER))
    read = workers.run_each(name, [partial(_read_span, path, first, last) for first, last in spans])
    collector = _Tables(name)
    characters = 0
    for span in read:
        for page in span.pages:
            characters += len(page.text.strip())
            _refuse_garbage(page.text, name, page.number)
            collector.add_page(page.number, page.tables)
        if span.refused is not None:
            raise span.refused
    if not characters:
        raise SubmissionError(
            f"'{name}': this PDF is a scan with no text; ask the agency for the original, or run it "
            "through OCR first.")
    if collector.tables:
        return collector.tables
    return [_text_lines([page for span in read for page in span.pages], name)]


MIN_PAGES_PER_WORKER = 2
"""A PDF is shared between workers when each gets at least this many pages."""


@dataclass(frozen=True, slots=True)
class _Span:
    """The pages one worker read, and the refusal that stopped it (if any)."""

    pages: list[PageRead]
    refused: SubmissionError | None


def _spans(count: int, parts: int) -> list[tuple[int, int]]:
    """Pages 1..count cut into ``parts`` runs of consecutive pages (first, last)."""
    size = -(-count // max(1, parts)) if count else 1
    return [(first, min(count, first + size - 1)) for first in range(1, count + 1, size)] or [(1, 0)]


def _read_span(path: Path, first: int, last: int) -> _Span:
    """Read pages ``first``..``last``; a refusal ends the run, keeping the pages read before it."""
    pages: list[PageRead] = []
    try:
        with _opened(path) as pdf:
            for number in range(first, last + 1):
                pages.append(read_page(pdf.pages[number - 1], number))
    except SubmissionError as error:
        return _Span(pages, error)
    return _Span(pages, None)


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    """Open a PDF, turning pdfminer's failures into messages."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about odd files are not ours
    pdf_streams.install()
    name = path.name
    try:
        with pdfplumber.open(path) as pdf:
            yield pdf
    except SubmissionError:
        raise
    except pdf_streams.StreamTooLarge as exc:
        raise _inflates(name) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, pdf_streams.StreamTooLarge):
            raise _inflates(name) from exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise _encrypted(name) from exc
        raise _damaged(name) from exc
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError, EOFError) as exc:
        raise _damaged(name) from exc


def _inflates(name: str) -> SubmissionError:
    limit = human_bytes(pdf_streams.MAX_PDF_STREAM_BYTES)
    return SubmissionError(
        f"'{name}' could not be read safely: a compressed part of it expands to more than {limit} (the limit "
        "for one part of a PDF), as a file built to exhaust memory does. Nothing was imported. Ask the agency "
        "to print the chronology to PDF again, or to send the Word or Excel original.")


def _encrypted(name: str) -> SubmissionError:
    return SubmissionError(
        f"'{name}' is a password-protected PDF. Ask the agency for an unprotected copy (or the Word or "
        "Excel original).")


def _damaged(name: str) -> SubmissionError:
    return SubmissionError(
        f"'{name}' is a damaged PDF (its structure cannot be read). Ask the agency to save it again, or "
        "to send the Word or Excel original.")


def _refuse_garbage(text: str, name: str, page: int) -> None:
    """Refuse a page whose text layer is mostly unreadable (a broken font mapping)."""
    if len(text) < 40:
        return
    bad = text.count("(cid:") * 6 + sum(1 for char in text if _unreadable(char))
    if bad > len(text) * _GARBAGE_SHARE:
        raise SubmissionError(
            f"'{name}': the text of page {page} cannot be read (the PDF's text layer is garbled, "
            "probably a font without a character map). Ask the agency for the Word or Excel original, or "
            "run the PDF through OCR first.")


def _unreadable(char: str) -> bool:
    category = unicodedata.category(char)
    return char == "\ufffd" or category in ("Co", "Cn", "Cs") or (category == "Cc" and char not in "\t\n\r")


class _Tables:
    """Collects a PDF's tables page by page, joining those that continue over a page break."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tables: list[SourceTable] = []
        self.last_page = 0
        self.rows = 0

    def add_page(self, page: int, found: list[RawTable]) -> None:
        """Add the tables found on one page (top to bottom)."""
        for position, raw in enumerate(found):
            rows = [[_cell(value) for value in row] for row in raw]
            rows = [row for row in rows if any(cell is not None for cell in row)]
            if not rows:
                continue
            self.rows += len(rows)
            if self.rows > limits.MAX_ROWS_PER_TABLE:
                raise too_many_rows("The PDF's tables", self.rows, self.name, more=True)
            if position == 0 and self._continues(page, rows):
                self._extend(page, rows)
            else:
                self.tables.append(SourceTable(f"Table {len(self.tables) + 1}", "table", rows,
                                               list(range(1, len(rows) + 1)), pages=[page] * len(rows)))
        if found:
            self.last_page = page

    def _continues(self, page: int, rows: list[list[Cell]]) -> bool:
        """A page's first table continues the last one when it follows on and is as wide."""
        if not self.tables or page != self.last_page + 1:
            return False
        previous = self.tables[-1]
        return len(rows[0]) == len(previous.rows[0])

    def _extend(self, page: int, rows: list[list[Cell]]) -> None:
        previous = self.tables[-1]
        if _same_row(rows[0], previous.rows[0]):
            rows = rows[1:]  # the header row printed again on each page
        if rows and _split_row(rows[0], previous.rows):
            previous.rows[-1] = _joined_row(previous.rows[-1], rows[0])
            rows = rows[1:]
        start = previous.row_numbers[-1] + 1
        previous.rows.extend(rows)
        previous.row_numbers.extend(range(start, start + len(rows)))
        previous.pages.extend([page] * len(rows))


def _split_row(row: list[Cell], above: list[list[Cell]]) -> bool:
    """Tell whether a page's first row is the rest of the row the page break split.

    It has no text in the first column although (nearly) every row above has, and
    fewer filled cells than the table is wide.
    """
    if row[0] is not None or len(above) < 2:
        return False
    filled = sum(1 for previous in above[1:] if previous and previous[0] is not None)
    return filled >= 0.9 * (len(above) - 1) and sum(cell is not None for cell in row) < len(row)


def _joined_row(first: list[Cell], rest: list[Cell]) -> list[Cell]:
    """A split row made whole again: each cell's two parts joined."""
    joined: list[Cell] = []
    for top, bottom in zip(first, rest, strict=False):
        parts = [str(part) for part in (top, bottom) if part is not None]
        joined.append(_cell("\n".join(parts)) if parts else None)
    return joined + first[len(joined):]


def _same_row(first: list[Cell], second: list[Cell]) -> bool:
    def key(row: list[Cell]) -> list[str]:
        return [" ".join(str(cell or "").lower().split()) for cell in row]

    return key(first) == key(second)


def _cell(value: str | None) -> Cell:
    """A PDF cell's text: lines wrapped by the page joined again (a break after / or - joins tight)."""
    if not value:
        return None
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    text = ""
    for line in lines:
        text = f"{text}{line}" if text.endswith(("/", "-")) else f"{text} {line}" if text else line
    return clean_text(text) or None


def _text_lines(pages: list[PageRead], name: str) -> SourceTable:
    """Every line of text, page by page, as a table of kind 'text' (for a narrative)."""
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    on_page: list[int] = []
    for page in pages:
        for line_number, line in enumerate(page.lines or [], start=1):
            rows.append([clean_text(line)])
            numbers.append(line_number)
            on_page.append(page.number)
        if len(rows) > limits.MAX_ROWS_PER_TABLE:
            raise too_many_rows("The PDF's text", len(rows), name, more=True)
    return SourceTable("Dated lines", "text", rows, numbers, pages=on_page)
