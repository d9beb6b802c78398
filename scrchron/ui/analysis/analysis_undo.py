"""Undoable commands for the review's analysis: episodes, findings, recommendations,
actions and people.

Each command does its work through ``scrchron.analysis.operations`` both ways (so undo is
audited like any other change) and is pushed with ``commands.apply``: a change
the core refuses raises its ``ScrchronError`` and nothing reaches the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrchron.analysis.deletion import delete_record, restore_record
from scrchron.store.case import Case
from scrchron.store.snapshots import RecordSnapshot
from scrchron.ui.widgets.commands import CaseCommand, Where
from scrchron.ui.window.session import Session

Adder = Callable[..., Any]
Remover = Callable[[Case, int], None]
Getter = Callable[[Case, int], Any]
Updater = Callable[..., Any]
Mover = Callable[[Case, int, int], Any]


#: The table each kind of record lives in (for bringing it into view after undo).
TABLES = {"episode": "episodes", "finding": "findings", "recommendation": "recommendations",
          "action": "actions", "person": "people"}


class _AnalysisCommand(CaseCommand):
    #: The record's table ("findings"...), set by whoever makes the command.
    table = ""
    record_id = 0

    def announce(self) -> None:
        self.session.analysis_changed.emit()

    def where(self) -> Where | None:
        return Where(self.table, self.record_id) if self.table and self.record_id else None


class AddRecord(_AnalysisCommand):
    """Add an episode, finding, recommendation, action or person; undo removes it."""

    def __init__(self, session: Session, text: str, add: Adder, remove: Remover,
                 *args: Any, **values: Any) -> None:
        super().__init__(session, text)
        self._add, self._remove = add, remove
        self.args, self.values = args, values
        self.record_id = 0

    def do(self) -> None:
        record = self._add(self.session.case, *self.args, **self.values)
        self.record_id = record.id
        if self.text().startswith("Add ") and self.text().count(" ") == 1:  # "Add action" names it
            self.setText(f"{self.text()} {describe(record)}")

    def undo_change(self) -> None:
        self._remove(self.session.case, self.record_id)


class EditRecord(_AnalysisCommand):
    """Change some fields of one record; undo puts the earlier values back."""

    def __init__(self, session: Session, text: str, get: Getter, update: Updater,
                 record_id: int, changes: dict[str, Any]) -> None:
        super().__init__(session, text)
        current = get(session.case, record_id)
        self._update = update
        self.record_id = record_id
        self.changes = dict(changes)
        self.before = {name: getattr(current, name) for name in changes}

    def do(self) -> None:
        self._update(self.session.case, self.record_id, **self.changes)

    def undo_change(self) -> None:
        self._update(self.session.case, self.record_id, **self.before)


class MoveRecord(_AnalysisCommand):
    """Give a numbered record (episode, finding, recommendation) another number."""

    def __init__(self, session: Session, text: str, move: Mover, record_id: int,
                 before: int, after: int) -> None:
        super().__init__(session, text)
        self._move = move
        self.record_id, self.before, self.after = record_id, before, after

    def do(self) -> None:
        self._move(self.session.case, self.record_id, self.after)

    def undo_change(self) -> None:
        self._move(self.session.case, self.record_id, self.before)


class DeleteRecord(_AnalysisCommand):
    """Delete a record with everything linked to it; undo puts it back exactly.

    Undo restores the snapshot the deletion took: same id, same number, every link
    (and a recommendation's actions). Redo deletes it again.
    """

    def __init__(self, session: Session, text: str, table: str, record_id: int) -> None:
        super().__init__(session, text)
        self.table, self.record_id = table, record_id
        self.snapshot: RecordSnapshot | None = None

    def do(self) -> None:
        self.snapshot = delete_record(self.session.case, self.table, self.record_id)

    def undo_change(self) -> None:
        if self.snapshot is not None:
            restore_record(self.session.case, self.snapshot)


def describe(record: Any) -> str:
    """A record as an undo message names it: "3 “Audit the referral…”"."""
    number = getattr(record, "number", None) or getattr(record, "id", "")
    words = str(getattr(record, "title", "") or getattr(record, "text", "") or getattr(record, "name", ""))
    words = " ".join(words.split())
    short = words if len(words) <= 40 else words[:39].rstrip() + "…"
    return f"{number} “{short}”" if short else str(number)


def changed_only(current: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The ``values`` that differ from the record's (an unchanged save pushes nothing)."""
    return {name: value for name, value in values.items() if getattr(current, name) != value}
