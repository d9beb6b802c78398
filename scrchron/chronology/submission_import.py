"""Importing an agency's submission into the case: read, interpret dates, store.

The importers (scrchron.importers) turn a file into parsed rows; this module
reads their dates column by column (so a month-first export is recognised as a
whole), builds entries, and writes the submission and its entries in one
transaction. A resubmission (``replace=True``) keeps everything the reviewer
attached to entries that are still there, adds new ones and marks vanished
ones withdrawn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from scrchron.chronology.entry_edits import reading_fields, scope_of, year_hint
from scrchron.chronology.resubmission import Match, match_resubmission
from scrchron.dates import reader
from scrchron.dates.attention import needs_attention
from scrchron.importers import Cell, ParsedRow, ParsedSubmission, parse_submission
from scrchron.importers.narrative import MAPPING as NARRATIVE_MAPPING  # a narrative has no columns to save
from scrchron.importers.parsed import SERVICE_HEADING
from scrchron.records.case_records import Entry, Review, Submission
from scrchron.review.template_returns import note_changes, returned_template
from scrchron.runtime import collector
from scrchron.runtime.progress import Progress
from scrchron.store import Case, backups, insert_entries, now
from scrchron.store.submission_entries import entries_of_current_submissions, replace_submission_entries


@dataclass
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    file: str
    agency: str
    importer: str
    tables: list[str]
    mapping: dict[str, str]
    rows_read: int
    imported: int
    skipped: dict[str, int]
    date_flags: dict[str, int]
    undated: int
    submission_id: int | None = None
    version: int = 1
    replaced: bool = False
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    withdrawn: int = 0
    dry_run: bool = False
    details: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Entries whose date needs the reviewer's attention (scrchron.dates.attention).
    needs_attention: int = 0
    columns: list[dict[str, Any]] = field(default_factory=list)
    """What each column became and why: heading, field ("" for none), why, samples."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``scrchron import --json``."""
        return dict(vars(self))


@dataclass
class PreparedImport:
    """An import read and worked out, nothing written: what ``commit_import`` stores.

    The mapping is applied (``parsed``), every date is read (``entries``), and for a
    resubmission the comparison with what the agency sent before is made (``matches``);
    ``summary`` says what committing will do. The wizard shows this before the reviewer
    presses Import, and imports exactly this.
    """

    parsed: ParsedSubmission
    agency: str
    entries: list[Entry]
    summary: ImportSummary
    matches: list[Match] | None = None


def import_file(case: Case, path: Path, agency: str | None, *, sheet: str | None = None,
                table: int | None = None, mapping: dict[str, str] | None = None,
                replace: bool = False, dry_run: bool = False, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, agency_colour: str = "") -> ImportSummary:
    """Import one agency file into the case (or, with ``dry_run``, only report).

    ``agency`` may be None for a template this review sent: its hidden marker names the agency.
    The steps, for a front door that shows what it prepared before committing, are
    ``read_submission``, ``prepare_import`` and ``commit_import``.
    """
    with collector.paused():
        agency_name, parsed = read_submission(case, path, agency, sheet=sheet, table=table, mapping=mapping,
                                              progress=progress, cancelled=cancelled)
        prepared = prepare_import(case, parsed, agency_name, replace=replace)
        if dry_run:
            prepared.summary.dry_run = True
            return prepared.summary
        return commit_import(case, prepared, agency_colour=agency_colour)


def read_submission(case: Case, path: Path, agency: str | None, *, sheet: str | None = None,
                    table: int | None = None, mapping: dict[str, str] | None = None,
                    progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> tuple[str, ParsedSubmission]:
    """Read an agency file with the mapping this review keeps for the agency (or the one a
    returned template carries): (the agency's name, the parsed submission). Nothing is written."""
    returned = returned_template(case, Path(path), agency)
    existing = case.find_agency(returned.agency)
    saved = returned.mapping or (existing.mapping if existing else None)
    parsed = parse_submission(path, sheet=sheet, table=table, mapping_overrides=mapping,
                              saved_mapping=saved or None, progress=progress, cancelled=cancelled)
    parsed.warnings[:0] = returned.warnings
    note_changes(returned, parsed)
    return returned.agency, parsed


def prepare_import(case: Case, parsed: ParsedSubmission, agency: str, *, replace: bool = False) -> PreparedImport:
    """Read every date and, for a replacement, compare with the agency's current entries."""
    with collector.paused():
        existing = case.find_agency(agency)
        entries = build_entries(parsed, case.review(), agency_id=existing.id if existing else 0)
        summary = _summary(parsed, agency, entries)
        matches: list[Match] | None = None
        if replace and existing:
            summary.replaced = True
            old = entries_of_current_submissions(case, existing.id)
            matches = match_resubmission(old, entries)
            _count_matches(summary, matches, old)
        return PreparedImport(parsed, agency, entries, summary, matches)


def commit_import(case: Case, prepared: PreparedImport, *, agency_colour: str = "") -> ImportSummary:
    """Store a prepared import in one transaction (a new agency's colour included),
    after a restorable backup of the case as it was."""
    with collector.paused():
        return _store(case, prepared, agency_colour)


def build_entries(parsed: ParsedSubmission, review: Review, agency_id: int) -> list[Entry]:
    """Entries for every parsed row, with dates read column by column."""
    rows = parsed.rows
    hint = year_hint(review)
    starts = _read_column([r.fields.get("start_date") for r in rows], hint)
    ends = _read_column([r.fields.get("end_date") for r in rows], hint)
    in_scope = _ScopeCheck(*scope_of(review))
    return [_entry(row, _row_reading(row, in_scope(start), end, in_scope), agency_id)
            for row, start, end in zip(rows, starts, ends, strict=True)]


_NO_DATE = reader.read_date(None)


def _read_column(cells: list[Cell], hint: int | None) -> list[reader.DateReading]:
    if not any(cell is not None for cell in cells):  # no such column: nothing to read
        return [_NO_DATE] * len(cells)
    return reader.read_date_column([_date_cell(cell) for cell in cells], year_hint=hint)


class _ScopeCheck:
    """``reader.apply_scope`` for one review, remembering each distinct reading."""

    def __init__(self, scope_from: date | None, scope_to: date | None) -> None:
        self.scope = (scope_from, scope_to)
        self.seen: dict[reader.DateReading, reader.DateReading] = {}

    def __call__(self, reading: reader.DateReading) -> reader.DateReading:
        found = self.seen.get(reading)
        if found is None:
            found = self.seen[reading] = reader.apply_scope(reading, *self.scope)
        return found


def _date_cell(value: Cell) -> str | date | None:
    """A date cell as the date reader takes it: text, or a real date from a spreadsheet."""
    if value is None or isinstance(value, (str, date)):
        return value
    return _text(value)  # a number (an Excel serial typed as a number) or a stray time


def _row_reading(row: ParsedRow, start: reader.DateReading, end: reader.DateReading,
                 in_scope: Callable[[reader.DateReading], reader.DateReading]) -> reader.DateReading:
    """The row's date: ``start`` (already scoped) with its time, or the range to ``end``."""
    start_time = _text(row.fields.get("start_time"))
    if start_time:
        start = reader.combine_time(start, start_time)  # a time keeps the day, so the scope holds
    if end.start is None or start.start is None or "empty" in end.flags:
        return start
    if end.end and end.end[:10] >= start.start[:10] and end.end[:10] != start.end:
        flags = tuple(dict.fromkeys(start.flags + end.flags))
        return in_scope(reader.DateReading(
            text=start.text, start=start.start[:10], end=end.end[:10], precision="range",
            uncertain=start.uncertain or end.uncertain, flags=flags, time_text=start.time_text))
    return start


def _entry(row: ParsedRow, reading: reader.DateReading, agency_id: int) -> Entry:
    cells = row.fields
    return Entry(
        agency_id=agency_id, event=_text(cells.get("event")), date_text=_text(cells.get("start_date")),
        sheet=row.sheet, row=row.row, seq=row.order,
        time_text=_text(cells.get("start_time")) or reading.time_text,
        end_date_text=_text(cells.get("end_date")), end_time_text=_text(cells.get("end_time")),
        action=_text(cells.get("action")), source=_text(cells.get("source")),
        practitioner_role=_text(cells.get("practitioner_role")),
        contact_type=_text(cells.get("contact_type")), agency_comment=_text(cells.get("agency_comment")),
        extra=_with_service(row), original=row.original, **reading_fields(reading),
    )


def _with_service(row: ParsedRow) -> dict[str, str]:
    """The row's other details, with the service / team column (when mapped) among them."""
    service = _text(row.fields.get("service"))
    if not service:
        return row.extra  # handed over, not copied
    return {SERVICE_HEADING: service, **row.extra}


def _text(value: object) -> str:
    """A cell as text: dates the way UK Excel shows them, whole numbers without ".0"."""
    if value is None:
        return ""
    if type(value) is str:
        return value.strip()
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute) != (0, 0)
        return value.strftime("%d/%m/%Y %H:%M" if has_time else "%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _summary(parsed: ParsedSubmission, agency: str, entries: Sequence[Entry]) -> ImportSummary:
    flags: Counter[str] = Counter(flag for entry in entries for flag in entry.flags)
    return ImportSummary(
        file=parsed.file_name, agency=agency, importer=parsed.importer, tables=list(parsed.tables_used),
        mapping=dict(parsed.mapping), rows_read=parsed.rows_read, imported=len(entries),
        skipped=dict(parsed.skipped), date_flags=dict(sorted(flags.items())),
        undated=sum(1 for entry in entries if entry.start is None),
        details=dict(parsed.details), warnings=list(parsed.warnings),
        needs_attention=sum(1 for e in entries if needs_attention(e.flags, e.start, e.uncertain)),
        columns=[note.as_dict() for note in parsed.columns],
    )


def _count_matches(summary: ImportSummary, matches: list[Match], old: list[Entry]) -> None:
    summary.unchanged = sum(1 for m in matches if m.old is not None and not m.changed)
    summary.changed = sum(1 for m in matches if m.old is not None and m.changed)
    summary.added = sum(1 for m in matches if m.old is None)
    matched = {m.old.id for m in matches if m.old is not None}
    summary.withdrawn = sum(1 for e in old if e.id not in matched and not e.withdrawn)


def _store(case: Case, prepared: PreparedImport, agency_colour: str) -> ImportSummary:
    parsed, entries, summary, matches = prepared.parsed, prepared.entries, prepared.summary, prepared.matches
    backups.rotate_backup(case)  # a restorable copy of the case as it was before this import
    with case.write():
        agency = case.find_agency(prepared.agency)
        if agency is None:
            agency = case.add_agency(prepared.agency, colour=agency_colour)
        for entry in entries:
            entry.agency_id = agency.id
        latest = max((s.version for s in case.submissions(agency.id)), default=0)
        summary.version = latest + 1 if summary.replaced or latest == 0 else latest
        submission_id = case.add_submission(_submission(parsed, agency.id, summary))
        for entry in entries:
            entry.submission_id = submission_id
        if matches is not None:
            replace_submission_entries(case, agency.id, submission_id, matches)
        else:
            insert_entries(case, entries)
        if parsed.mapping not in ({}, NARRATIVE_MAPPING) and parsed.mapping != agency.mapping:
            case.update_agency(agency.id, mapping=dict(parsed.mapping))
    summary.submission_id = submission_id
    return summary


def _submission(parsed: ParsedSubmission, agency_id: int, summary: ImportSummary) -> Submission:
    return Submission(
        id=0, agency_id=agency_id, file_name=parsed.file_name, sha256=parsed.sha256,
        imported_at=now(), importer=parsed.importer, mapping=dict(parsed.mapping),
        rows_read=parsed.rows_read, rows_imported=summary.imported,
        rows_skipped=sum(parsed.skipped.values()), skipped=dict(parsed.skipped),
        version=summary.version, details=dict(parsed.details),
    )


def remove_submission(case: Case, submission_id: int) -> tuple[str, int]:
    """Undo an import: remove the submission and every entry it brought (with their links).

    A resubmission cannot be removed (what it replaced is not kept): the core
    refuses with a ``ValidationError`` and the reviewer restores a backup instead.
    Returns (file name, entries removed).
    """
    from scrchron.store.submission_entries import delete_submission

    return delete_submission(case, submission_id)


#: Words in a file's name that say what the file is, not whose it is.
_FILE_NAME_NOISE = frozenset({
    "chronology", "chronologies", "chron", "export", "exported", "extract", "report", "final",
    "draft", "copy", "version", "ver", "updated", "update", "revised", "corrected", "amended",
    "submission", "return", "template", "redacted", "agency", "csv", "data", "for", "the", "of",
    "scr", "cspr", "sar", "dhr", "review", "imr", "combined", "full", "new", "latest",
    "child", "adult", "case", "chronolator",
})
_NAME_PARTS = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: Words a file name cannot spell (no apostrophe in "childrens-social-care.docx").
_SPELLED = {"childrens": "Children's", "womens": "Women's", "peoples": "People's"}
_SHORT_FORMS = frozenset({"gp", "csc", "nhs", "cgl", "camhs", "mash", "ed", "ae", "hv", "yos", "mh"})


def agency_name_from_file(path: Path) -> str:
    """A new agency's name suggested by the file's name ("police-chronology-v2.xlsx" -> "Police").

    Words that describe the file ("chronology", "final", "v2", dates) are dropped;
    known short forms stay upper case (GP, CSC, CAMHS). Falls back to the file's stem.
    """
    words = [w for w in _NAME_PARTS.findall(path.stem.replace("_", " "))
             if len(w) > 1 and w.lower() not in _FILE_NAME_NOISE and not re.fullmatch(r"v\d*", w.lower())]
    if not words:
        return path.stem.strip() or path.name
    shaped = [_SPELLED.get(w.lower()) or (w.upper() if w.lower() in _SHORT_FORMS
                                          else w if not w.islower() else w.capitalize())
              for w in words]
    return " ".join(shaped)[:80]
