"""Every change a reviewer makes from the window, as one undoable command each.

A command does its work through the core (``update_entry``, ``correct_date``,
``annotate_entry``, the group decisions, ``add_episode``...), so redo AND undo are
audited in the case file like any other change. Commands are pushed on the GUI
thread only, through ``apply``: it runs the change first and pushes it only when
the core accepted it, so a refused change (a ``ScrchronError``) leaves the undo
history as it was and the reviewer reads why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoCommand

from scrchron.analysis import operations
from scrchron.chronology import entry_edits, merge
from scrchron.chronology.submission_import import ImportSummary, import_file, remove_submission
from scrchron.errors import ScrchronError
from scrchron.store import analysis as analysis_store
from scrchron.store import get_entry, groups, update_entry
from scrchron.store.submission_entries import AgencyState, agency_state, restore_agency_state
from scrchron.ui.window.session import Session

#: The fields a date correction changes, restored together on undo.
DATE_FIELDS = ("date_text", "time_text", "start", "end", "precision", "uncertain", "flags", "time",
               "date_manual", "extra")

FIELD_NAMES = {
    "event": "event", "action": "action", "reviewer_note": "note", "significance": "significance",
    "good_practice": "good practice", "child_seen": "child seen", "child_views": "child's views",
    "source": "source", "practitioner_role": "role", "contact_type": "contact type",
    "agency_comment": "agency comment", "withdrawn": "withdrawn",
}


@dataclass(frozen=True)
class Where:
    """Where the record a command changed is shown: a table of the case and its row id.

    ``table`` is "entries", "groups", "people", or an analysis table ("episodes",
    "findings", "recommendations", "actions"); the window switches to its tab and
    selects the record after an undo or redo.
    """

    table: str
    record_id: int
    #: A record named by a key rather than a row id (a report section: table "report").
    key: str = ""


class CaseCommand(QUndoCommand):
    """A command on the session's case; ``apply`` has already done it once."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._applied = False
        #: The core's refusal the last time Qt ran this command (the window shows it).
        self.error: ScrchronError | None = None

    def where(self) -> Where | None:
        """The record to bring into view after undo or redo (None: nothing to show)."""
        return None

    def do(self) -> None:
        """Make the change (through the core)."""
        raise NotImplementedError

    def undo_change(self) -> None:
        """Make the inverse change (through the core)."""
        raise NotImplementedError

    def announce(self) -> None:
        """Tell the pages what changed."""

    def redo(self) -> None:
        """Qt calls this on push (skipped: ``apply`` did it) and on every redo."""
        self._run(self.do)

    def undo(self) -> None:
        """Qt calls this on undo."""
        self._run(self.undo_change)

    def _run(self, change: Any) -> None:
        """Run ``change`` unless a skip is pending; a refusal is kept in ``error``.

        After a refusal the next call (the window stepping the stack back to where
        it was) is skipped, so the history stays in step with the case file.
        """
        self.error = None
        if self._applied:
            self._applied = False
            return
        try:
            change()
        except ScrchronError as error:
            self.error = error
            self._applied = True
            return
        self.announce()


def apply(command: CaseCommand) -> None:
    """Do ``command`` now and, when the core accepts it, put it on the undo stack.

    Raises the core's ``ScrchronError`` (nothing pushed) when it refuses.
    """
    command.do()
    command._applied = True
    command.session.undo_stack.push(command)
    command.announce()


# -- entries -----------------------------------------------------------------------


class _EntryCommand(CaseCommand):
    def __init__(self, session: Session, entry_id: int, text: str) -> None:
        super().__init__(session, text)
        self.entry_id = entry_id

    def where(self) -> Where:
        return Where("entries", self.entry_id)

    def announce(self) -> None:
        self.session.entries_changed.emit([self.entry_id])


class EditEntry(_EntryCommand):
    """Change some fields of one entry (``update_entry``)."""

    def __init__(self, session: Session, entry_id: int, changes: dict[str, Any]) -> None:
        names = ", ".join(FIELD_NAMES.get(name, name.replace("_", " ")) for name in changes)
        super().__init__(session, entry_id, f"Edit {names}")
        current = asdict(get_entry(session.case, entry_id))
        self.changes = dict(changes)
        self.before = {name: current[name] for name in changes}

    def do(self) -> None:
        update_entry(self.session.case, self.entry_id, self.changes)

    def undo_change(self) -> None:
        update_entry(self.session.case, self.entry_id, self.before)


class CorrectDate(_EntryCommand):
    """Re-write an entry's date as written; it is read again (``correct_date``)."""

    def __init__(self, session: Session, entry_id: int, date_text: str, time_text: str) -> None:
        super().__init__(session, entry_id, f"Change date to “{date_text}”")
        current = asdict(get_entry(session.case, entry_id))
        self.before = {name: current[name] for name in DATE_FIELDS}
        self.date_text, self.time_text = date_text, time_text

    def do(self) -> None:
        entry_edits.correct_date(self.session.case, self.entry_id, self.date_text, self.time_text)

    def undo_change(self) -> None:
        update_entry(self.session.case, self.entry_id, self.before)


class SetEntryThemes(_EntryCommand):
    """Tag an entry with learning themes (``annotate_entry``)."""

    def __init__(self, session: Session, entry_id: int, themes: Sequence[str]) -> None:
        super().__init__(session, entry_id, "Change themes")
        self.before = analysis_store.entry_theme_names(session.case, entry_id)
        self.after = list(themes)

    def do(self) -> None:
        operations.annotate_entry(self.session.case, self.entry_id, themes=self.after)

    def undo_change(self) -> None:
        operations.annotate_entry(self.session.case, self.entry_id, themes=self.before)


# -- same-event groups ---------------------------------------------------------------


class DecideGroup(CaseCommand):
    """Confirm or reject a proposed same-event group; undo restores its earlier status."""

    def __init__(self, session: Session, group_id: int, confirm: bool) -> None:
        super().__init__(session, f"{'Confirm' if confirm else 'Reject'} same-event group {group_id}")
        self.group_id = group_id
        self.confirm = confirm
        self.before = groups.get_group(session.case, group_id).status

    def where(self) -> Where:
        return Where("groups", self.group_id)

    def do(self) -> None:
        decide = groups.confirm if self.confirm else groups.reject
        decide(self.session.case, self.group_id)

    def undo_change(self) -> None:
        case = self.session.case
        with case.write():
            groups.set_status(case, groups.get_group(case, self.group_id), self.before)

    def announce(self) -> None:
        self.session.groups_changed.emit()
        self.session.entries_changed.emit(list(groups.get_group(self.session.case,
                                                                self.group_id).entry_ids))


class LinkEntries(CaseCommand):
    """Link entries by hand as one event (``merge.link_entries``).

    Undo removes the group the link made and puts back the groups its entries were
    in before (with their decisions), so the case reads as it did.
    """

    def __init__(self, session: Session, entry_ids: Sequence[int]) -> None:
        super().__init__(session, f"Link {len(entry_ids)} entries as one event")
        self.entry_ids = list(entry_ids)
        found = (groups.group_of_entry(session.case, i) for i in self.entry_ids)
        self.before = list({g.id: g for g in found if g is not None}.values())
        self.group_id = 0

    def do(self) -> None:
        self.group_id = merge.link_entries(self.session.case, self.entry_ids).id

    def undo_change(self) -> None:
        case = self.session.case
        with case.write():
            groups.delete_group(case, groups.get_group(case, self.group_id), action="undo link")
            for old in self.before:
                groups.create_group(case, old.entry_ids, status=old.status, conflict=old.conflict,
                                    manual=old.manual, action="undo link")

    def announce(self) -> None:
        self.session.groups_changed.emit()
        touched = set(self.entry_ids).union(*(g.entry_ids for g in self.before))
        self.session.entries_changed.emit(sorted(touched))


# -- episodes --------------------------------------------------------------------------


class AddEpisode(CaseCommand):
    """Add a key practice episode (``add_episode``); undo removes it."""

    def __init__(self, session: Session, title: str, entries: Sequence[int] = (),
                 period_from: str | None = None, period_to: str | None = None) -> None:
        super().__init__(session, f"Add episode “{title}”")
        self.values: dict[str, Any] = {"period_from": period_from, "period_to": period_to,
                                       "entries": list(entries)}
        self.title = title
        self.episode_id = 0

    def where(self) -> Where:
        return Where("episodes", self.episode_id)

    def do(self) -> None:
        self.episode_id = operations.add_episode(self.session.case, self.title, **self.values).id

    def undo_change(self) -> None:
        operations.remove_episode(self.session.case, self.episode_id)

    def announce(self) -> None:
        self.session.analysis_changed.emit()
        self.session.entries_changed.emit(list(self.values["entries"]))


class EditEpisode(CaseCommand):
    """Change an episode's title, period, texts or entries (``update_episode``)."""

    def __init__(self, session: Session, episode_id: int, changes: dict[str, Any]) -> None:
        super().__init__(session, "Edit episode")
        current = asdict(analysis_store.get_episode(session.case, episode_id))
        self.episode_id = episode_id
        self.changes = dict(changes)
        self.before = {name: current[name] for name in changes}

    def where(self) -> Where:
        return Where("episodes", self.episode_id)

    def do(self) -> None:
        operations.update_episode(self.session.case, self.episode_id, **self.changes)

    def undo_change(self) -> None:
        operations.update_episode(self.session.case, self.episode_id, **self.before)

    def announce(self) -> None:
        self.session.analysis_changed.emit()
        touched = set(self.changes.get("entries", [])) | set(self.before.get("entries", []))
        if touched:
            self.session.entries_changed.emit(sorted(touched))


# -- imports ----------------------------------------------------------------------------


class ImportFile(CaseCommand):
    """An import the wizard made; undo takes it out, redo puts it back exactly.

    The import itself ran in the background before the command was pushed, so it
    is pushed as already done (see ``push_done``). ``before`` is the agency as it
    was before a corrected version replaced its chronology: undo puts it back
    (entries, notes, links, earlier versions). A first import is undone by
    removing the submission. Undo keeps the agency as it was just before, so redo
    restores that rather than reading the file again.
    """

    def __init__(self, session: Session, path: Path, agency: str, summary: ImportSummary,
                 options: dict[str, Any], before: AgencyState | None = None) -> None:
        super().__init__(session, f"Import {path.name} for {agency}")
        self.path, self.agency, self.options = path, agency, dict(options)
        self.submission_id = summary.submission_id or 0
        self.before = before
        self.after: AgencyState | None = None

    def do(self) -> None:
        if self.after is not None:
            restore_agency_state(self.session.case, self.after, action="redo import")
            return
        summary = import_file(self.session.case, self.path, self.agency, **self.options)
        self.submission_id = summary.submission_id or 0

    def undo_change(self) -> None:
        case = self.session.case
        agency = case.find_agency(self.agency)
        if agency is not None:
            self.after = agency_state(case, agency.id)
        if self.before is not None:
            restore_agency_state(case, self.before)
        else:
            remove_submission(case, self.submission_id)

    def announce(self) -> None:
        self.session.chronology_changed.emit()
        self.session.groups_changed.emit()
        self.session.analysis_changed.emit()


def push_done(command: CaseCommand) -> None:
    """Put a command whose change has already been made on the undo stack."""
    command._applied = True
    command.session.undo_stack.push(command)


def try_apply(command_factory: Any, *args: Any) -> ScrchronError | None:
    """Build and apply a command; return the core's refusal instead of raising it."""
    try:
        apply(command_factory(*args))
    except ScrchronError as error:
        return error
    return None
