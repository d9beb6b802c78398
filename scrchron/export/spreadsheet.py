"""The merged chronology for Excel (.xlsx) and as CSV.

One row per entry in chronology order, the date as written beside its start
and end (real Excel dates, date-times where a time is known, so a reviewer can
sort, filter by date and work out intervals; ISO text in CSV), the agency's
colour as a light fill, and the group and flags columns a reviewer filters on.
``No.`` is the entry's row in the report's chronology appendix, so a row can be
found in either.

Every text cell is made safe to open: a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice on CSV
injection), so no formula runs when a partner opens the file. CSV is UTF-8 with
a byte order mark so Excel reads its accents and curly quotes correctly.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer

from scrchron.chronology.merge import recorded_by
from scrchron.errors import ExportCancelled, ValidationError
from scrchron.export.data import ExportData, gather, require_entries
from scrchron.export.formatting import SafeCsvWriter, entry_flags, neutralise, tint, xml_safe
from scrchron.export.other_details import other_headings
from scrchron.export.privacy import (
    ExportPrivacy,
    Finding,
    check_file_name,
    refuse_if_found,
    text_findings,
    zip_findings,
)
from scrchron.export.report import ExportSummary
from scrchron.export.safe_write import check_destination, private_work_folder, write_safely
from scrchron.records.case_records import Entry
from scrchron.review import review_types
from scrchron.runtime import collector
from scrchron.runtime.progress import Cancelled, Progress, Steps
from scrchron.store.case import Case

Value = str | int | date | datetime

#: (heading, width in characters, wrapped)
COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("No.", 7, False), ("Date (as written)", 18, True), ("Time", 8, False), ("Start", 17, False),
    ("End", 17, False), ("Precision", 11, False), ("Agency", 24, True), ("Event", 60, True),
    ("Action / outcome", 40, True), ("Source", 18, True), ("Practitioner role", 18, True),
    ("Contact type", 14, True), ("Agency comment", 32, True), ("Reviewer note", 32, True),
    ("Significance", 12, False), ("Group", 14, False), ("Recorded by", 30, True), ("Flags", 24, True),
    ("Entry id", 9, False),
)
HEADINGS = tuple(title for title, _, _ in COLUMNS)
_AGENCY = HEADINGS.index("Agency")
#: Start and End are real Excel dates (date-times where a time is known) in the workbook; ISO text in CSV.
_DATES = (HEADINGS.index("Start"), HEADINGS.index("End"))
DAY_FORMAT = "d mmm yyyy"
TIME_FORMAT = "d mmm yyyy hh:mm"
#: Excel's dates start in 1900; an earlier reading (a mistyped year) stays ISO text.
EXCEL_FIRST_YEAR = 1900
_WRAP = Alignment(vertical="top", wrap_text=True)
_EVERY = 500
_OTHER_WIDTH = 24


def cell_text(value: str) -> str:
    """A text as it may go into a spreadsheet cell: XML-safe and never a formula."""
    return neutralise(xml_safe(value))


def _iso(value: str | None) -> str:
    return value.replace("T", " ") if value else ""


class _Rows:
    """Turns the export's entries into spreadsheet rows (texts neutralised)."""

    def __init__(self, data: ExportData) -> None:
        self.data = data
        self.row_of = data.row_of
        self.recorded = {event.group: recorded_by(event.entries)[len("Recorded by: "):]
                         for event in data.events if event.group is not None}
        self.others = other_headings(data.entries)
        self.headings = [*HEADINGS, *_other_titles(self.others)]
        self.person = "child" if review_types.is_child_review(data.review.review_type, data.criteria) else "person"

    def _group(self, entry: Entry) -> tuple[str, str]:
        if entry.group is None:
            return "", ""
        if entry.group in self.recorded:
            return f"G{entry.group} confirmed", self.recorded[entry.group]
        return f"G{entry.group} proposed", ""

    def _flags(self, entry: Entry) -> str:
        words = entry_flags(entry)
        if entry.withdrawn:
            words.append("withdrawn")
        if entry.group in self.data.conflicts:
            words.append("dates differ between agencies")
        if entry.good_practice:
            words.append("good practice")
        if entry.child_seen:
            words.append(f"{self.person} seen")
        if entry.child_views:
            words.append(f"{self.person}'s views recorded")
        return "; ".join(words)

    def row(self, entry: Entry) -> list[Value]:
        """One entry's cells, in ``HEADINGS`` order."""
        group, recorded = self._group(entry)
        texts = [entry.date_text, entry.time_text, _iso(entry.start), _iso(entry.end), entry.precision,
                 entry.agency, entry.event, entry.action, entry.source, entry.practitioner_role,
                 entry.contact_type, entry.agency_comment, entry.reviewer_note, entry.significance, group,
                 recorded, self._flags(entry)]
        others = [cell_text(entry.extra.get(heading, "")) for heading in self.others]
        return [self.row_of.get(entry.id, 0), *(cell_text(t) for t in texts), entry.id, *others]

    def __iter__(self) -> Iterator[tuple[Entry, list[Value]]]:
        for entry in self.data.entries:
            yield entry, self.row(entry)


def _other_titles(others: Sequence[str]) -> list[str]:
    """A column title per unmapped heading; one that repeats a standard title says it was sent so."""
    return [cell_text(f"{heading} (as sent)" if heading in HEADINGS else heading) for heading in others]


def _prepare(case: Case, path: Path, suffix: str, anonymise: bool,
             include_withdrawn: bool, publication: tuple[bool, str | None] = (False, None),
             ) -> tuple[ExportPrivacy, ExportData]:
    if path.suffix.lower() != suffix:
        raise ValidationError(f"This export must be saved as {suffix}, not '{path.suffix or path.name}'.")
    check_destination(path, case.path)
    require_entries(case, include_withdrawn)
    privacy = ExportPrivacy.for_case(case, anonymise)
    check_file_name(path, privacy)
    data = gather(case, privacy, include_withdrawn=include_withdrawn, analysis=False,
                  publication=publication[0], marking=publication[1])
    return privacy, data


@collector.while_paused
def write_spreadsheet(case: Case, path: Path | str, *, anonymise: bool = False, include_withdrawn: bool = False,
                      progress: Progress | None = None, cancelled: Cancelled | None = None,
                      publication: bool = False, marking: str | None = None) -> ExportSummary:
    """Write the merged chronology as an Excel workbook (.xlsx).

    Args:
        case: the open case.
        path: the .xlsx file (replaced only when everything succeeded).
        anonymise: replace every known name; refuse if one remains in the written file.
        include_withdrawn: also list entries the agencies withdrew (flagged 'withdrawn').
        progress: called as ``progress(done, total)`` while rows are written.
        cancelled: when it returns True the export stops (ExportCancelled); nothing is written.
        publication: the version for publication (anonymised, the publication marking).
        marking: the protective marking to carry instead of the review's.
    """
    anonymise = anonymise or publication

    def findings(written: Path, privacy: ExportPrivacy) -> list[Finding]:
        return zip_findings(written, privacy, None if anonymise else ("docProps/",))

    return _export(case, Path(path), "xlsx", (anonymise, include_withdrawn), (progress, cancelled),
                   _write_workbook, findings, (publication, marking))


_OPENPYXL_TEMPS = threading.Lock()


@contextmanager
def _sheet_temporaries_in(folder: Path) -> Iterator[None]:
    """Make openpyxl's write-only sheets spill into ``folder`` (private, cleaned by scrchron)
    instead of the system temp folder, where a killed export would leave the chronology."""
    def create(suffix: str = "") -> str:
        handle, name = tempfile.mkstemp(prefix="sheet.", suffix=suffix, dir=folder)  # 0600
        os.close(handle)
        openpyxl_writer.ALL_TEMP_FILES.append(name)
        return name

    with _OPENPYXL_TEMPS:
        original = openpyxl_writer.create_temporary_file
        openpyxl_writer.create_temporary_file = create
        try:
            yield
        finally:
            openpyxl_writer.create_temporary_file = original


def _write_workbook(data: ExportData, target: Path, steps: Steps) -> None:
    with private_work_folder(target) as folder, _sheet_temporaries_in(folder):
        _fill_workbook(data, target, steps)


def _fill_workbook(data: ExportData, target: Path, steps: Steps) -> None:
    steps.advance()
    workbook = Workbook(write_only=True)
    _properties(workbook, data)
    sheet = workbook.create_sheet("Chronology")
    _sheet_setup(sheet, data, len(data.entries) + 1)
    try:
        _write_rows(sheet, data, steps)
    except ExportCancelled:
        with suppress(Exception):  # close openpyxl's row stream; the temporary file is deleted anyway
            workbook.save(str(target))
        raise
    workbook.save(str(target))


def _write_rows(sheet: Any, data: ExportData, steps: Steps) -> None:
    rows = _Rows(data)
    heading = _style(sheet, Font(bold=True), PatternFill("solid", fgColor="DCE3EC"), _WRAP)
    sheet.append([_cell(sheet, title, heading) for title in rows.headings])
    wrap = _style(sheet, alignment=_WRAP)
    fills = {c.agency.id: _style(sheet, fill=PatternFill("solid", fgColor=tint(c.agency.colour)), alignment=_WRAP)
             for c in data.agencies}
    wrapped = [index for index, (_, _, w) in enumerate(COLUMNS) if w and index != _AGENCY]
    wrapped += range(len(COLUMNS), len(rows.headings))
    day, moment = _style(sheet, number_format=DAY_FORMAT), _style(sheet, number_format=TIME_FORMAT)
    for count, (entry, values) in enumerate(rows, start=1):
        cells: list[Any] = list(values)
        for index in wrapped:
            if values[index]:
                cells[index] = _cell(sheet, values[index], wrap)
        for index, value in zip(_DATES, (entry.start, entry.end), strict=True):
            when = excel_date(value)
            if when is not None:
                cells[index] = _cell(sheet, when, moment if isinstance(when, datetime) else day)
        cells[_AGENCY] = _cell(sheet, values[_AGENCY], fills.get(entry.agency_id, wrap))
        sheet.append(cells)
        if count % _EVERY == 0:
            steps.set(count)
    steps.set(len(data.entries))


def excel_date(value: str | None) -> date | datetime | None:
    """An ISO date ('2014-03-14') as a date, a date-time ('2014-03-14T22:40') as a datetime; None if
    neither, or if Excel cannot show it (before 1900: the ISO text is written instead)."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value[:10])
    except ValueError:
        return None
    return when if when.year >= EXCEL_FIRST_YEAR else None


def _style(sheet: Any, font: Font | None = None, fill: PatternFill | None = None,
           alignment: Alignment | None = None, number_format: str | None = None) -> Any:
    """A cell carrying a style, whose style the row cells copy (one lookup per style, not per cell)."""
    model = WriteOnlyCell(sheet, value="")
    if number_format is not None:
        model.number_format = number_format
    if font is not None:
        model.font = font
    if fill is not None:
        model.fill = fill
    if alignment is not None:
        model.alignment = alignment
    return model


def _cell(sheet: Any, value: Value, model: Any) -> WriteOnlyCell:
    """A cell with ``model``'s style (copied whole: far faster than setting font, fill, alignment)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell._style = copy(model._style)  # openpyxl's StyleArray: the documented way is per attribute, 3x slower
    return cell


def _sheet_setup(sheet: Any, data: ExportData, rows: int) -> None:
    sheet.freeze_panes = "A2"
    width_of = [width for _, width, _ in COLUMNS]
    width_of += [_OTHER_WIDTH] * len(other_headings(data.entries))
    for index, width in enumerate(width_of, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(width_of))}{rows}"
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"
    marking = cell_text(data.review.protective_marking or "OFFICIAL-SENSITIVE")
    sheet.oddHeader.center.text = marking
    sheet.oddHeader.center.font = "Arial,Bold"
    sheet.oddFooter.center.text = f"{marking} - Page &P of &N"


def _properties(workbook: Workbook, data: ExportData) -> None:
    properties = workbook.properties
    properties.title = xml_safe(f"{data.review.title}: merged chronology")
    properties.subject = xml_safe(f"{data.review.type_name} concerning {data.subject}")
    properties.creator = "scrchron"
    properties.lastModifiedBy = "scrchron"
    properties.description = ""
    properties.keywords = xml_safe(data.review.protective_marking)


# -- CSV ------------------------------------------------------------------------------------


@collector.while_paused
def write_csv(case: Case, path: Path | str, *, anonymise: bool = False, include_withdrawn: bool = False,
              progress: Progress | None = None, cancelled: Cancelled | None = None,
              publication: bool = False, marking: str | None = None) -> ExportSummary:
    """Write the merged chronology as CSV (UTF-8 with a byte order mark, for Excel).

    Arguments as :func:`write_spreadsheet`.
    """
    return _export(case, Path(path), "csv", (anonymise or publication, include_withdrawn), (progress, cancelled),
                   _write_csv, text_findings, (publication, marking))


def _export(case: Case, path: Path, kind: str, options: tuple[bool, bool],
            watch: tuple[Progress | None, Cancelled | None], write: Callable[[ExportData, Path, Steps], None],
            findings: Callable[[Path, ExportPrivacy], list[Finding]],
            publication: tuple[bool, str | None] = (False, None)) -> ExportSummary:
    """Gather, write through a temporary file, read it back for names left, and sum up.

    ``options`` are (anonymise, include_withdrawn); ``watch`` is (progress, cancelled).
    """
    started = time.perf_counter()
    anonymise, include_withdrawn = options
    privacy, data = _prepare(case, path, f".{kind}", anonymise, include_withdrawn, publication)
    steps = Steps(watch[0], len(data.entries) + 10, watch[1])

    def check(written: Path) -> None:
        refuse_if_found(findings(written, privacy), privacy, path.name)

    write_safely(path, lambda target: write(data, target, steps), check)
    steps.finish()
    return ExportSummary(path, kind, len(data.entries), len(data.entries), anonymise, privacy.describe(),
                         time.perf_counter() - started, privacy.people, privacy.suggestions)


def _write_csv(data: ExportData, target: Path, steps: Steps) -> None:
    steps.advance()
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = SafeCsvWriter(handle)
        rows = _Rows(data)
        writer.writerow(rows.headings)
        for count, (_, values) in enumerate(rows, start=1):
            writer.writerow(values)
            if count % _EVERY == 0:
                steps.set(count)
        steps.set(len(data.entries))


def rows_for(data: ExportData) -> Sequence[list[Value]]:
    """Every spreadsheet row of ``data`` (for tests and other front ends)."""
    return [values for _, values in _Rows(data)]
