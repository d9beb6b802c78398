"""The open review as the pages share it: the case, the undo stack, and change signals.

Pages never talk to one another: an undo command or a finished import tells the
session what changed, and every page that shows it refreshes itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from scrchron.records.case_records import Review
from scrchron.store import Case


class Session(QObject):
    """One open case file and what the window knows about it."""

    #: Entry ids whose fields changed (an edit, an undo).
    entries_changed = Signal(list)
    #: Entries were added or withdrawn (an import): every list must be read again.
    chronology_changed = Signal()
    #: Same-event groups were decided or proposed afresh.
    groups_changed = Signal()
    #: Episodes, findings, recommendations, actions, themes or people changed.
    analysis_changed = Signal()
    #: Milestones were added, changed or removed (the Timetable tab reads them again).
    timetable_changed = Signal()
    #: An agency's record changed (its summary form was read back).
    agencies_changed = Signal()
    #: The report's sections' words changed; True: its settings too (what the sections are filled with).
    report_changed = Signal(bool)

    def __init__(self, case: Case, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.undo_stack = QUndoStack(self)
        self._review: Review | None = None

    @property
    def read_only(self) -> bool:
        """True when the case was opened read-only (nothing can be changed)."""
        return self.case.read_only

    def review(self) -> Review:
        """The review's details (read once, then kept)."""
        if self._review is None:
            self._review = self.case.review()
        return self._review

    def close(self) -> None:
        """Forget the undo history and close the case file."""
        self.undo_stack.clear()
        self.case.close()
