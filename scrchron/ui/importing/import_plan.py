"""What the import wizard has decided so far, the core calls it makes, and its preview model.

The wizard's pages fill an ``ImportPlan``; the functions here turn it into core
calls (``list_tables``, ``parse_submission`` + ``build_entries`` for the preview,
``import_file`` for the import) that run in the background, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from scrchron.chronology.submission_import import (
    ImportSummary,
    PreparedImport,
    commit_import,
    import_file,
    prepare_import,
    read_submission,
)
from scrchron.dates.attention import needs_attention
from scrchron.importers import FIELDS, ParsedSubmission, SourceTable, list_tables, parse_submission
from scrchron.records.case_records import Entry
from scrchron.store import Case
from scrchron.store.submission_entries import AgencyState
from scrchron.ui.chronology.chronology_model import flags_text, one_line, tooltip
from scrchron.ui.importing.import_template import TemplateCheck
from scrchron.ui.widgets import date_display
from scrchron.ui.widgets.table_model import HeaderedTableModel
from scrchron.ui.widgets.tasks import Cancelled, Progress, Work, with_case
from scrchron.ui.window.appearance import is_dark, readable
from scrchron.ui.window.session import Session

#: How many rows the preview shows.
PREVIEW_ROWS = 200
#: The shading of a row whose date needs attention: pale yellow on light, olive on dark.
ATTENTION_COLOUR, ATTENTION_ON_DARK = QColor("#FFF4D6"), QColor("#4D4420")

FIELD_LABELS: dict[str, str] = {
    "sequence": "Sequence / ref", "start_date": "Date", "start_time": "Time",
    "end_date": "End date", "end_time": "End time", "event": "Event", "action": "Action / outcome",
    "source": "Source", "practitioner_role": "Practitioner role", "contact_type": "Contact type",
    "agency_comment": "Agency comment", "service": "Service / team",
}


class ImportSteps(Protocol):
    """What the wizard's pages use of the wizard (``import_wizard.ImportWizard`` is the one).

    Declared here, below both, so the pages never import the wizard that holds them.
    """

    plan: ImportPlan
    session: Session

    def set_busy(self, busy: bool) -> None:
        """While importing, the wizard cannot be closed."""

    def imported(self, summary: ImportSummary, before: AgencyState | None = None) -> None:
        """The import landed: colour the new agency, make it undoable, tell the window."""


@dataclass
class ImportPlan:
    """One file's import as the reviewer sets it up, page by page."""

    path: Path
    agency: str = ""
    colour: str = ""
    new_agency: bool = False
    replace: bool = False
    saved_mapping: dict[str, str] = field(default_factory=dict)
    tables: list[SourceTable] = field(default_factory=list)
    table: int | None = None  # 1-based, as list_tables lists them
    headers: list[str] = field(default_factory=list)
    automatic: dict[str, str] = field(default_factory=dict)
    chosen: dict[str, str] = field(default_factory=dict)
    #: What the preview showed, dates read and any replacement worked out: what Import stores.
    prepared: PreparedImport | None = None
    #: What the file's hidden marker says (a returned template of this review, another's, or none).
    template: TemplateCheck = field(default_factory=TemplateCheck)

    def overrides(self) -> dict[str, str]:
        """The fields the reviewer mapped differently from the automatic match ('' unmaps)."""
        return {name: self.chosen.get(name, "") for name in FIELDS
                if self.chosen.get(name, "") != self.automatic.get(name, "")}


def headers_of(parsed: ParsedSubmission) -> list[str]:
    """Every column heading the reader found, mapped or not, in the order first seen."""
    seen = dict.fromkeys(parsed.mapping.values())
    for row in parsed.rows:
        seen.update(dict.fromkeys(row.original))
    return [header for header in seen if header]


def tables_work(plan: ImportPlan) -> Work:
    """List the file's sheets or tables."""
    return lambda _progress, _cancelled: list_tables(plan.path)


def parse_work(plan: ImportPlan, overrides: dict[str, str] | None = None) -> Work:
    """Read the chosen table (with the reviewer's mapping, when given)."""

    def work(progress: Progress, cancelled: Cancelled) -> ParsedSubmission:
        return parse_submission(plan.path, table=plan.table, mapping_overrides=overrides,
                                saved_mapping=plan.saved_mapping or None, progress=progress,
                                cancelled=cancelled)

    return work


@dataclass(frozen=True)
class Preview:
    """What the preview page shows: the import prepared (the parsed file, its entries, and
    for a corrected version what replacing the agency's chronology would do), nothing written."""

    prepared: PreparedImport

    @property
    def parsed(self) -> ParsedSubmission:
        return self.prepared.parsed

    @property
    def entries(self) -> list[Entry]:
        return self.prepared.entries

    @property
    def replacement(self) -> ImportSummary | None:
        return self.prepared.summary if self.prepared.summary.replaced else None


def preview_work(plan: ImportPlan, case: Case) -> Work:
    """Read the file and prepare its import, dates read as the import reads them: the
    preview shows exactly what Import will store."""

    def call(case: Case, progress: Progress, cancelled: Cancelled) -> Preview:
        agency, parsed = read_submission(case, plan.path, plan.agency, table=plan.table, mapping=plan.overrides(),
                                         progress=progress, cancelled=cancelled)  # a returned template's marker too
        return Preview(prepare_import(case, parsed, agency, replace=plan.replace))

    return with_case(case, call)


def replacement_text(agency: str, summary: ImportSummary, sources: list[str]) -> str:
    """The confirmation: "Police's 10 entries from police.xlsx (version 1) will be compared..."."""
    count = summary.unchanged + summary.changed + summary.withdrawn
    return (f"{agency}'s {count:,} {'entry' if count == 1 else 'entries'} from {', '.join(sources)} "
            f"will be compared with this file: {summary.unchanged:,} unchanged, {summary.changed:,} "
            f"changed, {summary.added:,} new, {summary.withdrawn:,} withdrawn.")


def import_work(plan: ImportPlan, case: Case) -> Work:
    """Store the import the preview prepared, in one transaction with a new agency's colour
    (on the worker's own connection): the file is not read again."""
    prepared = plan.prepared
    colour = plan.colour if plan.new_agency else ""

    def call(case: Case, progress: Progress, cancelled: Cancelled) -> ImportSummary:
        if prepared is None:  # no preview was shown: read, prepare and store in one
            return import_file(case, plan.path, plan.agency, table=plan.table, mapping=plan.overrides(),
                               replace=plan.replace, progress=progress, cancelled=cancelled,
                               agency_colour=colour)
        return commit_import(case, prepared, agency_colour=colour)

    return with_case(case, call)


def attention_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of a row whose date needs attention, the text readable on it."""
    background = ATTENTION_ON_DARK if is_dark(palette) else ATTENTION_COLOUR
    text = palette.color(QPalette.ColorRole.Text)
    return readable(text, background, palette.color(QPalette.ColorRole.WindowText)), background


class PreviewModel(HeaderedTableModel[Entry]):
    """The first rows of a submission as they would be imported."""

    HEADERS = ("Row", "Date (as written)", "Interpreted", "Time", "Event", "Action / outcome", "Flags")

    def set_entries(self, entries: list[Entry]) -> None:
        """Show these entries (the first ``PREVIEW_ROWS``)."""
        self.set_items(entries[:PREVIEW_ROWS])

    def cell(self, entry: Entry, column: int, role: int) -> object:
        """Cell text; rows whose date needs attention are shaded."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        shaded = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
        if role in shaded and needs_attention(entry.flags, entry.start, entry.uncertain):
            text, background = attention_colours(QGuiApplication.palette())
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell drawn cut short
            whole = {1: entry.date_text, 2: self._text(entry, 2), 3: self._text(entry, 3), 4: entry.event,
                     5: entry.action, 6: flags_text(entry)}
            return tooltip(whole.get(column, ""))
        return None

    @staticmethod
    def _text(entry: Entry, column: int) -> str:
        values = (
            str(entry.row or ""), one_line(entry.date_text) or date_display.UNKNOWN,
            date_display.interval(entry.start, entry.end),
            entry.time_text or date_display.time_of(entry.start), one_line(entry.event),
            one_line(entry.action), flags_text(entry),
        )
        return values[column]
