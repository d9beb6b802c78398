"""Each undo command on its own: do it, check the case; undo, check it is as before;
redo, check it is as after; undo again (the window's Edit > Undo and Redo run these)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from scrchron.analysis import operations
from scrchron.analysis.deletion import delete_record, restore_record
from scrchron.chronology import merge
from scrchron.chronology.submission_import import import_file
from scrchron.store import Case, EntryQuery, count_entries, get_entry, groups, list_entries
from scrchron.store import analysis as analysis_store
from scrchron.ui.analysis.analysis_undo import AddRecord, DeleteRecord, EditRecord, MoveRecord
from scrchron.ui.chronology.group_commands import AddGroupEntry, SplitEntry
from scrchron.ui.widgets import commands
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.window.session import Session


@pytest.fixture
def session(qapp: object, case_file: Path) -> Iterator[Session]:
    opened = Session(Case.open(case_file))
    yield opened
    opened.close()


def round_trip(session: Session, command: CaseCommand, read: Callable[[], Any]) -> tuple[Any, Any]:
    """Apply, undo, redo and undo ``command``, checking ``read()`` at each step."""
    before = read()
    commands.apply(command)
    after = read()
    assert after != before, "the command changed nothing"
    stack = session.undo_stack
    stack.undo()
    assert command.error is None and read() == before
    stack.redo()
    assert command.error is None and read() == after
    stack.undo()
    assert read() == before
    return before, after


def _entries(session: Session) -> list[Any]:
    return list_entries(session.case, EntryQuery())


def _entry(session: Session, index: int = 2) -> int:
    return _entries(session)[index].id


def _two_agencies(session: Session) -> list[int]:
    seen: dict[int, int] = {}
    for entry in _entries(session):
        seen.setdefault(entry.agency_id, entry.id)
    return list(seen.values())[:3]


def test_edit_entry(session: Session) -> None:
    entry_id = _entry(session)
    round_trip(session, commands.EditEntry(session, entry_id, {"reviewer_note": "Seen by the panel."}),
               lambda: get_entry(session.case, entry_id).reviewer_note)


def test_correct_date(session: Session) -> None:
    entry_id = _entry(session)
    def date_of() -> tuple[str | None, str]:
        entry = get_entry(session.case, entry_id)
        return entry.start, entry.date_text

    _, after = round_trip(session, commands.CorrectDate(session, entry_id, "3 June 2015", ""), date_of)
    assert after == ("2015-06-03", "3 June 2015")


def test_set_entry_themes(session: Session) -> None:
    entry_id = _entry(session)
    theme = analysis_store.list_themes(session.case)[0].name
    round_trip(session, commands.SetEntryThemes(session, entry_id, [theme]),
               lambda: analysis_store.entry_theme_names(session.case, entry_id))


def test_link_entries_then_decide_the_group(session: Session) -> None:
    ids = _two_agencies(session)[:2]
    round_trip(session, commands.LinkEntries(session, ids), lambda: groups.group_of_entry(session.case, ids[0]))
    group = merge.link_entries(session.case, ids)
    groups.set_status(session.case, groups.get_group(session.case, group.id), "proposed")
    round_trip(session, commands.DecideGroup(session, group.id, confirm=False),
               lambda: groups.get_group(session.case, group.id).status)


def test_split_an_entry_out_of_a_group_and_add_one(session: Session) -> None:
    first, second, third = _two_agencies(session)
    group = merge.link_entries(session.case, [first, second])

    def members() -> list[tuple[str, tuple[int, ...]]]:
        return sorted((g.status, tuple(g.entry_ids)) for g in groups.list_groups(session.case))

    round_trip(session, AddGroupEntry(session, group.id, third), members)
    merge.add_to_group(session.case, group.id, third)
    _, after = round_trip(session, SplitEntry(session, group.id, second), members)
    assert all(second not in ids for status, ids in after if status != "rejected")


def test_add_and_edit_an_episode(session: Session) -> None:
    entry_id = _entry(session)
    command = commands.AddEpisode(session, "Step down to early help", entries=[entry_id])
    round_trip(session, command, lambda: [e.title for e in analysis_store.list_episodes(session.case)])
    episode = operations.add_episode(session.case, "Referral of March 2015")
    round_trip(session, commands.EditEpisode(session, episode.id, {"title": "Referral after the second incident"}),
               lambda: analysis_store.get_episode(session.case, episode.id).title)


def test_add_edit_move_and_delete_findings(session: Session) -> None:
    def findings() -> list[tuple[int, int, str]]:
        return [(f.id, f.number, f.title) for f in analysis_store.list_findings(session.case)]

    round_trip(session, AddRecord(session, "Add finding", operations.add_finding, operations.remove_finding,
                                  "Information about the partner was not shared"), findings)
    one = operations.add_finding(session.case, "Fathers were not seen")
    two = operations.add_finding(session.case, "Step-down without a plan")
    round_trip(session, EditRecord(session, "Edit finding", analysis_store.get_finding, operations.update_finding,
                                   one.id, {"title": "Fathers and partners were not seen"}), findings)
    round_trip(session, MoveRecord(session, "Move finding", operations.move_finding, two.id, two.number, 1),
               findings)
    operations.add_recommendation(session.case, "Audit step-down decisions", findings=[two.id])
    round_trip(session, DeleteRecord(session, "Delete finding", "findings", one.id), findings)


def test_an_import_is_undone_and_redone_exactly(session: Session, school_csv: Path) -> None:
    def state() -> tuple[int, list[dict[str, Any]]]:
        return (count_entries(session.case, EntryQuery(include_hidden=True)),
                [asdict(s) for s in session.case.submissions()])

    before = state()
    summary = import_file(session.case, school_csv, "Primary School")
    after = state()
    command = commands.ImportFile(session, school_csv, "Primary School", summary, {})
    commands.push_done(command)
    session.undo_stack.undo()
    assert state() == before
    school_csv.unlink()  # redo puts back what undo took, without the file
    session.undo_stack.redo()
    assert state()[0] == after[0] == before[0] + 5
    assert [s["file_name"] for s in state()[1]] == [s["file_name"] for s in after[1]]
    session.undo_stack.undo()
    assert state() == before


def test_a_deleted_record_comes_back_with_its_links(session: Session) -> None:
    finding = operations.add_finding(session.case, "Threshold decisions")
    recommendation = operations.add_recommendation(session.case, "Review thresholds", findings=[finding.id])
    snapshot = delete_record(session.case, "findings", finding.id)
    restore_record(session.case, snapshot)
    restored = analysis_store.get_recommendation(session.case, recommendation.id)
    assert finding.id in restored.findings
