"""Same-event review: proposals listed, accounts side by side, confirm/reject with undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron import chronology
from scrchron.store import Case
from scrchron.ui.chronology_model import Column
from scrchron.ui.main_window import MainWindow

MEETING = "Strategy meeting held about baby; police, health visitor and social worker attended."


def add_meeting(case_file: Path) -> None:
    """Two agencies' accounts of one strategy meeting."""
    with Case.open(case_file) as case:
        chronology.add_by_hand(case, "Police", "11 March 2015", MEETING)
        chronology.add_by_hand(case, "Children's Social Care", "11/03/2015",
                               "Strategy meeting held about the baby with police and health visitor.",
                               action="Section 47 enquiry agreed.")


@pytest.fixture
def window(qtbot: QtBot, case_file: Path, sync_tasks: None) -> MainWindow:
    add_meeting(case_file)
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    assert shown.open_case(case_file)
    return shown


def test_propose_compare_confirm_and_undo(qtbot: QtBot, window: MainWindow,
                                          qtmodeltester: ModelTester) -> None:
    page = window.workspace.same_event_page
    window.view_actions[1].trigger()
    assert window.workspace.currentWidget() is page
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.propose, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    qtmodeltester.check(page.model)
    assert page.model.index(0, 2).data() == "Police, Children's Social Care"
    assert page.model.index(0, 1).data() == "11 Mar 2015"
    assert page.cards_layout.count() == 2
    assert "Police" in page.heading.text()
    assert page.confirm.isEnabled()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0  # showing proposed groups: none left
    page.status.setCurrentIndex(1)  # Confirmed
    assert page.model.index(0, 3).data() == "confirmed"
    chron = window.model
    rows = [r for r in range(chron.rowCount()) if chron.index(r, Column.DATE).data() == "11 March 2015"]
    assert "same event" in chron.index(rows[0], Column.FLAGS).data()
    window.undo_action.trigger()
    assert page.model.rowCount() == 0
    page.status.setCurrentIndex(0)
    assert page.model.index(0, 3).data() == "proposed"


def test_reject_keeps_the_entries_apart(qtbot: QtBot, window: MainWindow) -> None:
    page = window.workspace.same_event_page
    page.refresh_proposals()
    qtbot.mouseClick(page.reject, Qt.MouseButton.LeftButton)
    page.status.setCurrentIndex(2)  # Rejected
    assert page.model.index(0, 3).data() == "rejected"
    assert not page.reject.isEnabled() and not page.confirm.isEnabled()


def test_chronology_model_passes_qt_checks_after_filters(window: MainWindow,
                                                         qtmodeltester: ModelTester) -> None:
    window.chronology_page.filters.flag_actions["attention"].setChecked(True)
    qtmodeltester.check(window.model)
    # "?12 Mar 2015" (uncertain); the fixture's undated entry carries no flag (imports add "empty")
    assert window.model.total() == 1
