"""Undoing an import from the window: Ctrl+Z removes what the wizard brought in,
Ctrl+Shift+Z (or Ctrl+Y) brings it back; a corrected version that replaced an agency's
chronology is undone too, putting the earlier version back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_driver import click_into, press_button_when_asked, tick
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_ui_workflow import import_school, next_page, start_wizard, visible_texts, window

from scrchron.chronology.submission_import import import_file, remove_submission
from scrchron.errors import NotFoundError, ValidationError
from scrchron.store import Case, EntryQuery, count_entries, get_entry, groups, list_entries, update_entry
from scrchron.store.submission_entries import agency_state, entries_of_submission
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.window.main_window import MainWindow

__all__ = ["window"]


def events(window: MainWindow) -> list[str]:
    return visible_texts(window, Column.EVENT)


def test_undo_and_redo_an_import_with_the_keyboard(qtbot: QtBot, window: MainWindow,
                                                    school_csv: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = import_school(qtbot, window, school_csv, monkeypatch)
    wizard.accept()
    assert window.model.total() == 35
    assert "Last day of term." in events(window)
    assert window.undo_action.text() == "&Undo Import School chronology.csv for Primary School"
    window.chronology_page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.total() == 30
    assert "Last day of term." not in events(window)
    assert window.case is not None
    assert window.case.submissions() == []
    assert window.case.audit_log(1)[0].action == "remove submission"
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.model.total() == 35
    assert "Last day of term." in events(window)
    assert len(window.case.submissions()) == 1
    window.undo_action.trigger()  # the re-imported submission is the one undone
    assert window.model.total() == 30


def test_a_replacement_is_undone_and_redone_exactly(qtbot: QtBot, window: MainWindow, school_csv: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import_school(qtbot, window, school_csv, monkeypatch).accept()
    assert window.case is not None
    case = window.case
    school = case.find_agency("Primary School")
    assert school is not None
    last_day = next(e for e in list_entries(case, EntryQuery(agencies=["Primary School"]))
                    if e.event == "Last day of term.")
    update_entry(case, last_day.id, {"reviewer_note": "Who saw the child over the summer?"})
    before = agency_state(case, school.id)
    school_csv.write_text(school_csv.read_text().replace("20/07/2015,,Last day of term.,,Office\n", ""),
                          encoding="utf-8")
    again = start_wizard(window, school_csv, monkeypatch)
    qtbot.mouseClick(again.agency_page.existing_button, Qt.MouseButton.LeftButton)
    again.agency_page.existing.setCurrentIndex(again.agency_page.existing.findText("Primary School"))
    tick(qtbot, again.agency_page.replace)
    for _ in range(3):
        next_page(qtbot, again)
    press_button_when_asked("Replace")
    next_page(qtbot, again)
    again.accept()
    assert window.model.total() == 34  # the withdrawn entry is hidden
    assert get_entry(case, last_day.id).withdrawn
    click_into(qtbot, window.chronology_page.table)  # the reviewer clicks back into the chronology
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.total() == 35
    assert agency_state(case, school.id) == before  # entries, notes, versions: exactly as they were
    assert not get_entry(case, last_day.id).withdrawn
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.model.total() == 34
    assert [s.version for s in case.submissions(school.id) if s.status == "current"] == [2]


def test_remove_submission_removes_entries_and_links(case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        summary = import_file(case, school_csv, "Primary School")
        assert summary.submission_id is not None
        first = count_entries(case, EntryQuery(agencies=["Primary School"], include_hidden=True))
        assert first == 5
        ids = [e.id for e in entries_of_submission(case, summary.submission_id)]
        with case.write():
            group = groups.create_group(case, [ids[0], 1], status="proposed", conflict=False,
                                        manual=False, action="propose")
        assert remove_submission(case, summary.submission_id) == ("School chronology.csv", 5)
        assert count_entries(case, EntryQuery(agencies=["Primary School"], include_hidden=True)) == 0
        with pytest.raises(NotFoundError):
            groups.get_group(case, group)
        assert groups.group_of_entry(case, 1) is None
        audit = case.audit_log(1)[0]
        assert audit.action == "remove submission" and "5 entries" in str(audit.new)
        again = import_file(case, school_csv, "Primary School", replace=True)
        assert again.submission_id is not None
        again = import_file(case, school_csv, "Primary School", replace=True)
        assert again.submission_id is not None and again.version == 2
        with pytest.raises(ValidationError, match="cannot be undone"):
            remove_submission(case, again.submission_id)
