"""The reviewer's timetable changes, one undoable command each (as ``scrchron.ui.widgets.commands``).

Adding, changing, marking done and removing a milestone go through the core
(``scrchron.store.milestones``, ``scrchron.review.timetable.record_statutory``), so undo and
redo are audited like any other change. A removed or re-added milestone comes back
with its own number, so later commands that name it still find it.
"""

from __future__ import annotations

from scrchron.review import timetable
from scrchron.review.timetable import TimetableRow
from scrchron.store import milestones as stored
from scrchron.ui.widgets.commands import CaseCommand, Where
from scrchron.ui.window.session import Session

MILESTONES = "milestones"


class _MilestoneCommand(CaseCommand):
    milestone_id = 0

    def where(self) -> Where | None:
        return Where(MILESTONES, self.milestone_id) if self.milestone_id else None

    def announce(self) -> None:
        self.session.timetable_changed.emit()


class AddMilestone(_MilestoneCommand):
    """A local milestone (panel meeting, learning event, family meeting…); undo removes it."""

    def __init__(self, session: Session, name: str, due: str | None, note: str = "") -> None:
        super().__init__(session, f"Add milestone “{' '.join(name.split())}”")
        self.name, self.due, self.note = name, due, note
        self.record: stored.Milestone | None = None

    def do(self) -> None:
        case = self.session.case
        if self.record is None:
            self.record = stored.add_milestone(case, self.name, self.due, note=self.note)
        else:  # redo: the same milestone, with its own number
            stored.restore_milestone(case, self.record)
        self.milestone_id = self.record.id

    def undo_change(self) -> None:
        stored.remove_milestone(self.session.case, self.milestone_id)


class RemoveMilestone(_MilestoneCommand):
    """Remove a local milestone or an agency's return date; undo puts it back as it was."""

    def __init__(self, session: Session, milestone_id: int) -> None:
        self.record = stored.milestone(session.case, milestone_id)
        super().__init__(session, f"Remove milestone “{self.record.name}”")
        self.milestone_id = milestone_id

    def do(self) -> None:
        stored.remove_milestone(self.session.case, self.milestone_id)

    def undo_change(self) -> None:
        stored.restore_milestone(self.session.case, self.record)


class ChangeMilestone(_MilestoneCommand):
    """Change a milestone's dates (any kind), or a local one's name and note.

    A statutory milestone the reviewer has not touched yet has no stored record:
    the first change makes one (``record_statutory``) and undo removes it again, so
    its due date is counted by the clock once more.
    """

    def __init__(self, session: Session, row: TimetableRow, changes: dict[str, str | None],
                 text: str = "") -> None:
        super().__init__(session, text or f"Change milestone “{row.name}”")
        self.rule = row.rule
        self.milestone_id = row.id or 0
        self.changes = dict(changes)
        self.created = False
        self.before: dict[str, str | None] = {}
        if row.id is not None:
            current = stored.milestone(session.case, row.id)
            self.before = {name: getattr(current, name) for name in self.changes}

    def do(self) -> None:
        case = self.session.case
        if self.milestone_id and not self.created:
            stored.update_milestone(case, self.milestone_id, **self.changes)
            return
        timetable.record_statutory(case, self.rule, due=self.changes.get("due"), done=self.changes.get("done"))
        record = stored.for_rule(case, self.rule)
        self.milestone_id = record.id if record is not None else 0
        self.created = True

    def undo_change(self) -> None:
        if self.created:
            stored.remove_milestone(self.session.case, self.milestone_id)
            return
        stored.update_milestone(self.session.case, self.milestone_id, **self.before)


class SetClock(CaseCommand):
    """When the clock started (the day of becoming aware) and whose bank holidays count; undo restores both."""

    def __init__(self, session: Session, aware: str | None, nation: str) -> None:
        super().__init__(session, "Set the statutory clock")
        self.after = (aware or "", nation)
        case = session.case
        self.before = (case.setting(stored.AWARE_SETTING), case.setting(stored.NATION_SETTING))

    def do(self) -> None:
        timetable.set_clock(self.session.case, aware=self.after[0], nation=self.after[1])

    def undo_change(self) -> None:
        timetable.set_clock(self.session.case, aware=self.before[0], nation=self.before[1])

    def announce(self) -> None:
        self.session.timetable_changed.emit()
