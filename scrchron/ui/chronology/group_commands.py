"""Undoable changes to a same-event group's members, made by hand on the Same event tab.

``SplitEntry`` takes one account out of a group ("not the same event");
``AddGroupEntry`` adds another agency's account to it. Both go through the core
(``merge.split_entry`` / ``merge.add_to_group``). Undo puts back every group the
entries concerned were in, exactly as stored before (ids, decisions, dates,
members: ``groups.restore_groups``), so the rejected pairs a split leaves behind
go too. Each command keeps ``message``: what happened, in the reviewer's words.
"""

from __future__ import annotations

from scrchron.chronology import merge
from scrchron.records.case_records import Entry
from scrchron.store import get_entry, groups
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.window.session import Session


def account(entry: Entry) -> str:
    """"Police's account of 11 March 2015 (entry 12)"."""
    return f"{entry.agency}'s account of {entry.date_text or 'an undated event'} (entry {entry.id})"


class _GroupEdit(CaseCommand):
    """A change to one group's members; undo restores every group its entries were in."""

    def __init__(self, session: Session, text: str, group_id: int, entry_id: int) -> None:
        super().__init__(session, text)
        case = session.case
        self.group_id, self.entry_id = group_id, entry_id
        self.entry = get_entry(case, entry_id)
        self.touched = sorted({*groups.get_group(case, group_id).entry_ids, entry_id})
        self.before = groups.groups_holding(case, self.touched)
        self.message = ""

    def undo_change(self) -> None:
        groups.restore_groups(self.session.case, self.before, self.touched)

    def announce(self) -> None:
        self.session.groups_changed.emit()
        self.session.entries_changed.emit(self.touched)  # the Flags column shows "same event"


class SplitEntry(_GroupEdit):
    """Take one account out of a group: it is not the same event as the others."""

    def __init__(self, session: Session, group_id: int, entry_id: int) -> None:
        super().__init__(session, f"Take entry {entry_id} out of same-event group {group_id}", group_id, entry_id)

    def do(self) -> None:
        after = merge.split_entry(self.session.case, self.group_id, self.entry_id)
        taken = f"{account(self.entry)} was taken out of group {self.group_id}"
        if after.status == "rejected":
            self.message = (f"{taken}. Fewer than two agencies' accounts were left, so the group was removed: "
                            "its accounts stay apart and will not be proposed together again.")
        else:
            self.message = f"{taken}; it will not be proposed with the other accounts again."


class AddGroupEntry(_GroupEdit):
    """Add another account to a group by hand; the group becomes confirmed."""

    def __init__(self, session: Session, group_id: int, entry_id: int) -> None:
        super().__init__(session, f"Add entry {entry_id} to same-event group {group_id}", group_id, entry_id)

    def do(self) -> None:
        was = groups.get_group(self.session.case, self.group_id)
        after = merge.add_to_group(self.session.case, self.group_id, self.entry_id)
        self.message = f"{account(self.entry)} was added to group {self.group_id}"
        if was.status != "confirmed":
            self.message += ", which is now confirmed as one event (an account added by hand is a decision)"
        self.message += "."
        if after.conflict and not was.conflict:
            self.message += " The dates these agencies give now disagree: check which is right."
