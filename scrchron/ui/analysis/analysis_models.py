"""Table models for the analysis screens: each shows a list of records the core
returns (``scrchron.analysis.operations.list_*``), one column per ``Column``.

The models only show: saving goes through the editors and undo commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from scrchron.chronology.contact_gaps import Gap
from scrchron.records.analysis_records import Action, Episode, Finding, Recommendation
from scrchron.records.case_records import Person
from scrchron.ui.widgets import date_display
from scrchron.ui.widgets.table_model import HeaderedTableModel
from scrchron.ui.window.appearance import is_dark

Record = TypeVar("Record")
#: Overdue actions: a warm background, always with "overdue" written in the row too
#: (light palette, then dark palette: each pair reads at better than 7:1).
OVERDUE_COLOUR = QColor("#FCE1C8")
OVERDUE_TEXT = QColor("#7A2E00")
OVERDUE_COLOUR_DARK = QColor("#5A2E12")
OVERDUE_TEXT_DARK = QColor("#FFE2CC")
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[Record]):
    """A column: its title and the text it shows for a record."""

    title: str
    text: Callable[[Record], str]


class RecordModel(HeaderedTableModel[Record]):
    """A read-only table of records, one ``Column`` each."""

    def __init__(self, columns: Sequence[Column[Record]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.HEADERS = tuple(column.title for column in self.columns)

    def set_records(self, records: Sequence[Record]) -> None:
        """Show these records (read again from the core)."""
        self.set_items(records)

    def record(self, row: int) -> Record:
        """The record on a row."""
        return self.item(row)

    def records(self) -> list[Record]:
        """Every record shown, top to bottom."""
        return self.items()

    def cell(self, record: Record, column: int, role: int) -> object:
        """Cell text (the full text as a tooltip); the record itself under ``RECORD_ROLE``."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[column].text(record)
        if role == RECORD_ROLE:
            return record
        return self.decoration(record, role)

    def decoration(self, record: Record, role: int) -> object:
        """Colours and the like for a row (none by default)."""
        return None


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def _numbers(ids: Sequence[int], numbers: dict[int, int]) -> str:
    return ", ".join(str(numbers.get(i, i)) for i in ids)


def episode_model(parent: QObject | None = None) -> RecordModel[Episode]:
    """Episodes: number, title, period, entries, summary."""
    return RecordModel([
        Column("No.", lambda e: str(e.number)),
        Column("Title", lambda e: e.title),
        Column("Period", lambda e: date_display.interval(e.period_from, e.period_to or e.period_from)),
        Column("Entries", lambda e: str(len(e.entries))),
        Column("Summary", lambda e: _short(e.summary)),
    ], parent)


def finding_model(episode_numbers: Callable[[], dict[int, int]],
                  parent: QObject | None = None) -> RecordModel[Finding]:
    """Findings: number, title, themes, the episodes that evidence them."""
    return RecordModel([
        Column("No.", lambda f: str(f.number)),
        Column("Title", lambda f: f.title),
        Column("Themes", lambda f: ", ".join(f.themes)),
        Column("Episodes", lambda f: _numbers(f.episodes, episode_numbers())),
    ], parent)


def recommendation_model(finding_numbers: Callable[[], dict[int, int]],
                         parent: QObject | None = None) -> RecordModel[Recommendation]:
    """Recommendations: number, text, owner, findings answered."""
    return RecordModel([
        Column("No.", lambda r: str(r.number)),
        Column("Recommendation", lambda r: _short(r.text, 120)),
        Column("Owner", lambda r: r.owner),
        Column("Findings", lambda r: _numbers(r.findings, finding_numbers())),
    ], parent)


def status_text(action: Action, today: date | None = None) -> str:
    """'in progress', or 'in progress — overdue' when past its due date."""
    return f"{action.status} — overdue" if action.is_overdue(today) else action.status


class ActionModel(RecordModel[Action]):
    """The action plan; overdue rows in a warm colour and saying "overdue"."""

    def __init__(self, recommendation_numbers: Callable[[], dict[int, int]],
                 parent: QObject | None = None) -> None:
        super().__init__([
            Column("Rec.", lambda a: str(recommendation_numbers().get(a.recommendation_id, "?"))),
            Column("Action", lambda a: _short(a.text, 120)),
            Column("Owner", lambda a: a.owner),
            Column("Due", lambda a: date_display.day(a.due) if a.due else "—"),
            Column("Status", lambda a: status_text(a, self.today)),
            Column("Evidence", lambda a: _short(a.evidence)),
        ], parent)
        self.today: date | None = None  # tests may fix the day; None is today

    def decoration(self, record: Action, role: int) -> object:
        """Overdue rows: warm background, dark text (the Status column also says so)."""
        if not record.is_overdue(self.today):
            return None
        dark = is_dark()
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_COLOUR_DARK if dark else OVERDUE_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_TEXT_DARK if dark else OVERDUE_TEXT
        return None


def person_model(parent: QObject | None = None) -> RecordModel[Person]:
    """People and their pseudonyms."""
    return RecordModel([
        Column("Name", lambda p: p.name),
        Column("Role", lambda p: p.role),
        Column("Pseudonym", lambda p: p.pseudonym),
        Column("Aliases", lambda p: ", ".join(p.aliases)),
        Column("Date of birth", lambda p: date_display.day(p.dob) if p.dob else "—"),
        Column("Subject", lambda p: "subject" if p.is_subject else ""),
    ], parent)


def gap_model(parent: QObject | None = None) -> RecordModel[Gap]:
    """Gaps in the chronology: from, to, days, agency."""
    return RecordModel([
        Column("From", lambda g: date_display.day(g.start)),
        Column("To", lambda g: date_display.day(g.end)),
        Column("Days", lambda g: str(g.days)),
        Column("Agency", lambda g: g.agency or "All agencies"),
    ], parent)


def numbers_of(records: Sequence[Any]) -> dict[int, int]:
    """Record id -> its number (episodes, findings, recommendations)."""
    return {record.id: record.number for record in records}
