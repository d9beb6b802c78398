"""Reading an agency submission: file -> tables -> header mapping -> rows."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scrchron.errors import Remedy
from scrchron.importers import cage, legacy, limits
from scrchron.importers.cells import quoted_list
from scrchron.importers.column_notes import explain_columns
from scrchron.importers.csv_reader import NARRATIVE_SUFFIXES, read_text_lines, read_text_table
from scrchron.importers.details import details_from_lines, details_from_rows, merge_details
from scrchron.importers.detect import detect
from scrchron.importers.docx_reader import read_docx
from scrchron.importers.layout import (
    LayoutChoice,
    check_overrides,
    choose_layout,
    missing_override_error,
    no_chronology_error,
    ordered_mapping,
    where,
)
from scrchron.importers.narrative import MAPPING as NARRATIVE_MAPPING
from scrchron.importers.narrative import Narrative, no_dated_paragraph_error, read_narrative
from scrchron.importers.parsed import (
    ImportCancelled,
    ParsedRow,
    ParsedSubmission,
    SourceTable,
    SubmissionError,
)
from scrchron.importers.pdf_reader import read_pdf
from scrchron.importers.rows import build_rows
from scrchron.importers.sheet_reader import SheetFilter, UnreadableWorkbook, read_workbook
from scrchron.runtime import collector
from scrchron.runtime.progress import Cancelled, Progress

_CONVERTED = {"doc": "docx", "odt": "docx", "rtf": "docx", "xls": "xlsx"}


@dataclass(slots=True)
class _Source:
    """An opened submission, ready to give its tables."""

    path: Path
    kind: str
    importer: str
    main_part: str = ""
    warnings: list[str] = field(default_factory=list)

    def read(self, want: SheetFilter) -> tuple[list[SourceTable], list[tuple[str, bool]]]:
        """Read the tables (sheets chosen by ``want``) and list the sheets."""
        if self.kind == "docx":
            tables = read_docx(self.path, self.main_part)
            return tables, [(table.name, False) for table in tables if table.kind != "text"]
        if self.kind == "pdf":
            tables = read_pdf(self.path)
            return tables, [(table.name, False) for table in tables if table.kind != "text"]
        if self.kind == "csv":
            text = read_text_table(self.path)
            self.warnings.extend(text.warnings)
            lines = [read_text_lines(self.path)] if self.path.suffix.lower() in NARRATIVE_SUFFIXES else []
            return [text.table, *lines], [(text.table.name, False)]
        book = read_workbook(self.path, self.kind, want)
        return book.tables, book.sheets


@contextmanager
def _open_source(path: Path) -> Iterator[_Source]:
    """Identify a file; convert legacy formats with LibreOffice when needed."""
    detected = detect(path)
    kind = detected.kind
    if kind in ("doc", "odt", "rtf"):
        with _converted(path, kind) as source:
            source.warnings[:0] = detected.warnings
            yield source
        return
    yield _Source(path, kind, kind, detected.main_part, list(detected.warnings))


@contextmanager
def _converted(path: Path, kind: str) -> Iterator[_Source]:
    """Convert a legacy file in a temporary folder and open the result."""
    target = _CONVERTED[kind]
    with tempfile.TemporaryDirectory(prefix="scrchron-import-") as tmp:
        output = legacy.convert(path, kind, target, Path(tmp))
        detected = detect(output)
        note = f"'{path.name}' was converted to .{target} with LibreOffice before reading."
        yield _Source(output, detected.kind, f"legacy-{kind}", detected.main_part, [note])


def list_tables(path: Path) -> list[SourceTable]:
    """Read every sheet or table of a submission, for a chooser.

    Hidden sheets are included (``hidden=True``).

    Args:
        path: the submission file.

    Returns:
        The sheets or tables in file order.

    Raises:
        SubmissionError: when the file cannot be read.
    """
    path = Path(path)
    with collector.paused(), _open_source(path) as source:
        tables, _ = _read_any(source, lambda _name, _hidden: True)
    return listed_tables(tables)


def listed_tables(tables: list[SourceTable]) -> list[SourceTable]:
    """The tables a chooser lists: the file's tables, then its dated paragraphs when it has any.

    Args:
        tables: every table read, the document's text (kind 'text') among them.

    Returns:
        The tables in file order, and last the text when a paragraph begins with a date
        (so a narrative chronology can be chosen like a table: ``table=`` counts it).
    """
    plain = [table for table in tables if table.kind != "text"]
    text = next((table for table in tables if table.kind == "text"), None)
    if text is not None and read_narrative(text).rows:
        plain.append(text)
    return plain


def _read_any(
    source: _Source, want: SheetFilter, cancelled: Cancelled | None = None
) -> tuple[list[SourceTable], list[tuple[str, bool]]]:
    """Read a source in the cage; an unreadable .xls is retried through LibreOffice."""
    try:
        return _read_caged(source, want, cancelled)
    except UnreadableWorkbook:
        if source.kind != "xls" or legacy.find_soffice() is None:
            raise
    with tempfile.TemporaryDirectory(prefix="scrchron-import-") as tmp:
        output = legacy.convert(source.path, "xls", "xlsx", Path(tmp))
        detect(output)
        source.warnings.append(
            f"'{source.path.name}' was converted to .xlsx with LibreOffice before reading."
        )
        source.importer = "legacy-xls"
        return _read_caged(_Source(output, "xlsx", "legacy-xls"), want, cancelled, source.path.name)


def _read_caged(
    source: _Source, want: SheetFilter, cancelled: Cancelled | None, name: str = ""
) -> tuple[list[SourceTable], list[tuple[str, bool]]]:
    """Run the reader in a child process with hard limits (see importers.cage)."""
    def task() -> tuple[list[SourceTable], list[tuple[str, bool]], list[str]]:
        tables, sheets = source.read(want)
        return tables, sheets, source.warnings

    tables, sheets, warnings = cage.run_caged(name or source.path.name, task, cancelled)
    source.warnings[:] = warnings
    return tables, sheets


def parse_submission(
    path: Path,
    *,
    sheet: str | None = None,
    table: int | None = None,
    mapping_overrides: dict[str, str] | None = None,
    saved_mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedSubmission:
    """Read an agency submission into rows, without interpreting dates.

    Args:
        path: the submission file (.docx/.docm/.xlsx/.xlsm/.xls/.ods/.csv/
            .tsv/.txt, or .doc/.odt/.rtf through LibreOffice).
        sheet: read this sheet (by name), even if hidden.
        table: read this table/sheet (1-based, as listed by list_tables).
        mapping_overrides: field -> header, overriding automatic matches
            ("" unmaps a field).
        saved_mapping: the mapping of the agency's previous submission, used
            when all its headers are present.
        progress: called with (rows done, rows total).
        cancelled: polled; returning True stops the import (ImportCancelled).

    Returns:
        The parsed submission.

    Raises:
        SubmissionError: with a message for the user when the file cannot be
            read or no date and event columns are found.
    """
    path = Path(path)
    overrides = check_overrides(mapping_overrides)
    _check_cancel(cancelled)
    with collector.paused(), _open_source(path) as source:
        tables, sheets = _read_any(source, _sheet_filter(sheet, table), cancelled)
        _check_cancel(cancelled)
        return _Parse(path, source, overrides, saved_mapping, progress, cancelled).run(
            tables, sheets, sheet, table
        )


def _sheet_filter(sheet: str | None, table: int | None) -> SheetFilter:
    """Decide which worksheets to load."""
    if table is not None:
        return lambda _name, _hidden: True
    if sheet is not None:
        wanted = sheet.strip().lower()
        return lambda name, _hidden: name.strip().lower() == wanted
    return lambda _name, hidden: not hidden


def _check_cancel(cancelled: Cancelled | None) -> None:
    """Raise ImportCancelled when the user asked to stop."""
    if cancelled is not None and cancelled():
        raise ImportCancelled("Import cancelled.")


class _Parse:
    """One run of parse_submission over tables already read."""

    def __init__(
        self,
        path: Path,
        source: _Source,
        overrides: dict[str, str],
        saved: Mapping[str, str] | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.path = path
        self.name = path.name
        self.source = source
        self.overrides = overrides
        self.saved = saved
        self.progress = progress
        self.cancelled = cancelled
        self.warnings = source.warnings

    def run(
        self,
        tables: list[SourceTable],
        sheets: list[tuple[str, bool]],
        sheet: str | None,
        table: int | None,
    ) -> ParsedSubmission:
        """Choose the tables, map the columns and build the rows (or read dated paragraphs)."""
        text = next((t for t in tables if t.kind == "text"), None)
        listed = listed_tables(tables)
        if table is not None and 1 <= table <= len(listed) and listed[table - 1].kind == "text":
            return self._narrative(listed[table - 1], None)  # chosen in the wizard's list
        tables = [t for t in tables if t.kind != "text"]
        narrative_allowed = text is not None and sheet is None and table is None and not self.overrides
        if narrative_allowed and not tables:
            assert text is not None
            return self._narrative(text, None)
        try:
            candidates = self._candidates(tables, sheets, sheet, table)
            choices = [(t, choose_layout(t, self.overrides, self.saved)) for t in candidates]
            used = self._select(choices, explicit=sheet is not None or table is not None)
        except ImportCancelled:
            raise
        except SubmissionError as error:
            if not narrative_allowed or text is None:
                raise
            return self._narrative(text, error)
        self.warnings.extend(used[0][1].reasons)
        self._note_skipped_sheets(sheets, used, sheet, table)
        return self._build(tables, used)

    def _narrative(self, text: SourceTable, table_error: SubmissionError | None) -> ParsedSubmission:
        """Read the dated paragraphs (or lines) of a file with no chronology table."""
        place = "Line" if self.source.kind in ("csv", "pdf") else "Paragraph"
        found = read_narrative(text, place, " " if self.source.kind == "pdf" else "\n")
        if not found.rows:
            plain_text = self.source.kind == "csv" and self.path.suffix.lower() in NARRATIVE_SUFFIXES
            if table_error is not None and not plain_text:  # its tables' headers say more than "no dated paragraph"
                raise table_error
            raise no_dated_paragraph_error(self.name, sum(1 for row in text.rows if row and row[0]))
        what = "line" if place == "Line" else "paragraph"
        note = (f"Read as a narrative chronology: one entry per {what} that begins with a date "
                f"({len(found.rows)}); {found.continued} {what}(s) without a leading date continue the entry "
                f"above")
        note += f", {found.headings} heading(s) gave the year" if found.headings else ""
        note += f", and {len(found.preamble)} {what}(s) before the first date are kept as the notes." if (
            found.preamble) else "."
        self.warnings.insert(0, note)
        details = details_from_lines(found.preamble)
        if found.preamble:
            details["notes"] = "\n".join(found.preamble)[:limits.MAX_CELL_CHARS]
        self._tick(len(text.rows), len(text.rows))
        no_date = sum(1 for row in found.rows if not row.fields.get("start_date"))
        self._note_rows(len(found.rows), no_date, sum(1 for row in found.rows if not row.fields["event"]))
        return ParsedSubmission(
            path=self.path, file_name=self.name, sha256=_sha256(self.path), importer=self.source.importer,
            tables_used=[text.name], mapping=dict(NARRATIVE_MAPPING), rows_read=len(text.rows), rows=found.rows,
            skipped=_narrative_skipped(text, found), details=details, warnings=self.warnings,
        )

    def _candidates(
        self,
        tables: list[SourceTable],
        sheets: list[tuple[str, bool]],
        sheet: str | None,
        table: int | None,
    ) -> list[SourceTable]:
        """Return the tables to consider, honouring sheet=/table=."""
        if table is not None:
            if not 1 <= table <= len(tables):
                raise SubmissionError(
                    f"'{self.name}' has {len(tables)} table(s) or sheet(s); there is no "
                    f"number {table}. Choose one between 1 and {max(len(tables), 1)}."
                )
            return [tables[table - 1]]
        if sheet is not None:
            wanted = sheet.strip().lower()
            chosen = [t for t in tables if t.name.strip().lower() == wanted]
            if not chosen:
                names = [name for name, _ in sheets]
                kind = "table" if self.source.kind == "docx" else "sheet"
                raise SubmissionError(
                    f"'{self.name}' has no {kind} named \"{sheet}\". "
                    f"{kind.capitalize()}s: {quoted_list(names)}."
                )
            return chosen
        if not tables:
            raise self._no_tables(sheets)
        return tables

    def _no_tables(self, sheets: list[tuple[str, bool]]) -> SubmissionError:
        """Return the error for a file with nothing to read."""
        if self.source.kind == "docx":
            return SubmissionError(
                f"'{self.name}' contains no table. scrchron reads chronologies from "
                "tables: ask the agency to send the chronology as a Word table "
                "(Insert > Table) or an Excel sheet."
            )
        hidden = [name for name, is_hidden in sheets if is_hidden]
        if hidden:
            return SubmissionError(
                f"'{self.name}' has only hidden sheets ({quoted_list(hidden)}). Choose one to read.",
                remedy=Remedy("choose_sheet", {"sheet": hidden[0]})
            )
        return SubmissionError(f"'{self.name}' contains no worksheet with data.")

    def _select(
        self, choices: list[tuple[SourceTable, LayoutChoice | None]], explicit: bool
    ) -> list[tuple[SourceTable, LayoutChoice]]:
        """Pick the chronology table(s): the best, plus tables with the same headers."""
        found = [(t, c) for t, c in choices if c is not None and c.is_chronology]
        if self.overrides:
            self._check_overrides_found(choices, found)
        if not found:
            table, choice = _best_partial(choices)
            raise no_chronology_error(self.name, table, choice)
        best = max(found, key=lambda item: (item[1].overrides_found, item[1].saved_used,
                                            item[1].score))
        if explicit:
            return [best]
        signature = best[1].signature()
        used = [(t, c) for t, c in found if c.signature() == signature]
        for t, c in found:
            if c.signature() != signature:
                self.warnings.append(
                    f"{where(t)} also looks like a chronology but has different columns; "
                    f"it was not imported (choose table {_index(choices, t)} to import it)."
                )
        return used

    def _check_overrides_found(
        self,
        choices: list[tuple[SourceTable, LayoutChoice | None]],
        found: list[tuple[SourceTable, LayoutChoice]],
    ) -> None:
        """Refuse overrides naming headers that no chosen table has."""
        if any(c.overrides_found for _, c in found):
            return
        table, choice = _best_partial(choices)
        if table is not None:
            raise missing_override_error(self.name, table, choice)

    def _note_skipped_sheets(
        self,
        sheets: list[tuple[str, bool]],
        used: list[tuple[SourceTable, LayoutChoice]],
        sheet: str | None,
        table: int | None,
    ) -> None:
        """Warn about hidden sheets left out and a saved mapping not used."""
        if sheet is None and table is None and self.source.kind != "docx":
            for name, hidden in sheets:
                if hidden:
                    self.warnings.append(
                        f"Hidden sheet '{name}' was not read (choose that sheet if it holds entries)."
                    )
        if self.saved and not any(c.saved_used for _, c in used):
            self.warnings.append(
                "The column mapping saved from this agency's previous submission does not "
                "fit this file (some of its headers are missing); columns were matched "
                "automatically: please check them."
            )

    def _build(
        self, tables: list[SourceTable], used: list[tuple[SourceTable, LayoutChoice]]
    ) -> ParsedSubmission:
        """Build the rows of the used tables and assemble the result."""
        total = sum(max(0, len(t.rows) - c.layout.header_index - 1) for t, c in used)
        rows: list[ParsedRow] = []
        skipped: dict[str, int] = {}
        rows_read = no_date = no_event = 0
        for table, choice in used:
            done = rows_read

            def tick(count: int, done: int = done) -> None:
                self._tick(done + count, total)

            result = build_rows(table, choice.layout, len(rows), tick)
            rows.extend(result.rows)
            rows_read += result.rows_read
            no_date, no_event = no_date + result.no_date, no_event + result.no_event
            for reason, count in result.skipped.items():
                skipped[reason] = skipped.get(reason, 0) + count
        self._tick(total, total)
        first_table, first_choice = used[0]
        self._note_rows(len(rows), no_date, no_event)
        return ParsedSubmission(
            path=self.path,
            file_name=self.name,
            sha256=_sha256(self.path),
            importer=self.source.importer,
            tables_used=[table.name for table, _ in used],
            mapping=ordered_mapping(first_choice),
            rows_read=rows_read,
            rows=rows,
            skipped=skipped,
            details=_details(tables, first_table, first_choice),
            warnings=self.warnings,
            columns=explain_columns(first_table, first_choice, self.overrides),
        )

    def _tick(self, done: int, total: int) -> None:
        """Report progress and honour cancellation."""
        _check_cancel(self.cancelled)
        if self.progress is not None:
            self.progress(done, total)

    def _note_rows(self, kept: int, no_date: int, no_event: int) -> None:
        """Warn about rows with no date or no event text."""
        if no_date:
            self.warnings.append(f"{no_date} row(s) have an empty date cell; they were kept.")
        if no_event:
            self.warnings.append(f"{no_event} row(s) have no event text; they were kept.")
        if not kept:
            self.warnings.append("No entries were found below the header row.")


def _narrative_skipped(text: SourceTable, found: Narrative) -> dict[str, int]:
    """Why paragraphs are not entries of their own (they add up with the entries to all read)."""
    empty = len(text.rows) - len(found.rows) - found.continued - found.headings - len(found.preamble)
    counts = {"empty row": empty, "section row": found.headings,
              "joined to the entry above": found.continued,
              "kept as the submission's notes": len(found.preamble)}
    return {reason: count for reason, count in counts.items() if count}


def _best_partial(
    choices: list[tuple[SourceTable, LayoutChoice | None]],
) -> tuple[SourceTable | None, LayoutChoice | None]:
    """Return the table whose headers came closest to a chronology."""
    scored = [(t, c) for t, c in choices if c is not None]
    if not scored:
        return (choices[0][0] if choices else None), None
    return max(scored, key=lambda item: (item[1].overrides_found, item[1].score))


def _index(choices: list[tuple[SourceTable, LayoutChoice | None]], table: SourceTable) -> int:
    """Return a table's 1-based number among the tables read."""
    for number, (candidate, _) in enumerate(choices, start=1):
        if candidate is table:
            return number
    return 0


def _details(
    tables: list[SourceTable], table: SourceTable, choice: LayoutChoice
) -> dict[str, str]:
    """Collect submission details from the text and rows above the table."""
    above = details_from_rows(table.rows[: choice.layout.header_index])
    lines = details_from_lines(table.preamble)
    small: dict[str, str] = {}
    for other in tables:
        if other is table:
            break
        if other.kind == "table" and max((len(r) for r in other.rows), default=0) <= 4:
            small = merge_details(small, details_from_rows(other.rows))
    return merge_details(lines, small, above)


def _sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()

