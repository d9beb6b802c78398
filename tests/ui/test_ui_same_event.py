"""Same-event review: proposals listed, accounts side by side, confirm/reject with undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.chronology import entry_edits
from scrchron.store import Case, EntryQuery, list_entries
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.chronology.same_event_page import SameEventPage
from scrchron.ui.window.main_window import MainWindow

MEETING = "Strategy meeting held about baby; police, health visitor and social worker attended."


def add_meeting(case_file: Path) -> None:
    """Two agencies' accounts of one strategy meeting."""
    with Case.open(case_file) as case:
        entry_edits.add_by_hand(case, "Police", "11 March 2015", MEETING)
        entry_edits.add_by_hand(case, "Children's Social Care", "11/03/2015",
                               "Strategy meeting held about the baby with police and health visitor.",
                               action="Section 47 enquiry agreed.")


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    add_meeting(case_file)
    return open_window(case_file, (1280, 800))  # type: ignore[no-any-return]


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
    assert "Why: same day; both mention strategy discussion" in page.heading.text()
    assert "primary record: entry" in page.heading.text()
    assert page.confirm.isEnabled()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0  # showing proposed groups: none left
    page.status.setCurrentIndex(1)  # Confirmed
    assert page.model.index(0, 3).data() == "confirmed"
    chron = window.model
    rows = [r for r in range(chron.rowCount()) if chron.index(r, Column.DATE).data() == "11 March 2015"]
    assert "same event" in chron.index(rows[0], Column.FLAGS).data()
    window.undo_action.trigger()  # the group is brought into view, in the list that shows it
    assert page.status.currentIndex() == 0 and page.model.rowCount() == 1
    assert page.model.index(0, 3).data() == "proposed"
    assert window.statusBar().currentMessage() == "Undid: confirm same-event group 1"


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
    # "?12 Mar 2015" (uncertain) and the fixture's undated entry: one rule (scrchron.dates.attention)
    # says an entry with no date read needs attention, flagged or not
    assert window.model.total() == 2


# -- split and add by hand ---------------------------------------------------------------

HEALTH_ACCOUNT = "Health visitor attended the strategy meeting held about the baby with police."


def group_rows(window: MainWindow) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = window.session.case.db.conn  # type: ignore[union-attr]
    return (sorted(tuple(r) for r in conn.execute("SELECT * FROM groups")),
            sorted(tuple(r) for r in conn.execute("SELECT * FROM group_entries")))


def card_agencies(page: SameEventPage) -> list[str]:
    entries = list_entries(page.session.case, EntryQuery(ids=list(page.split_buttons), include_hidden=True))  # type: ignore[union-attr]
    return sorted(entry.agency for entry in entries)


def entry_of(window: MainWindow, agency: str, date_text: str) -> int:
    entries = list_entries(window.session.case, EntryQuery(include_hidden=True))  # type: ignore[union-attr]
    return next(e.id for e in entries if e.agency == agency and e.date_text == date_text)


@pytest.fixture
def three(qtbot: QtBot, case_file: Path, sync_tasks: None) -> MainWindow:
    """The meeting recorded by three agencies, proposed as one group."""
    add_meeting(case_file)
    with Case.open(case_file) as case:
        entry_edits.add_by_hand(case, "Health Visiting", "11.03.15", HEALTH_ACCOUNT)
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    assert shown.open_case(case_file)
    shown.workspace.same_event_page.refresh_proposals()
    return shown


def test_split_one_account_out_of_three_then_undo_and_redo(qtbot: QtBot, three: MainWindow) -> None:
    page = three.workspace.same_event_page
    three.workspace.setCurrentWidget(page)
    assert page.model.rowCount() == 1
    assert card_agencies(page) == ["Children's Social Care", "Health Visiting", "Police"]
    before = group_rows(three)
    health = entry_of(three, "Health Visiting", "11.03.15")
    qtbot.mouseClick(page.split_buttons[health], Qt.MouseButton.LeftButton)
    assert card_agencies(page) == ["Children's Social Care", "Police"]
    assert page.model.index(0, 2).data() == "Police, Children's Social Care"
    assert page.notice.isVisible()
    assert page.notice.text().startswith("Health Visiting's account of 11.03.15")
    assert "will not be proposed with the other accounts again" in page.notice.text()
    three.undo_action.trigger()
    assert group_rows(three) == before  # the group and no rejected pairs left behind
    assert card_agencies(page) == ["Children's Social Care", "Health Visiting", "Police"]
    assert not page.notice.isVisible()
    three.redo_action.trigger()
    assert card_agencies(page) == ["Children's Social Care", "Police"]


def test_splitting_a_pair_removes_the_group_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    page = window.workspace.same_event_page
    window.workspace.setCurrentWidget(page)
    page.refresh_proposals()
    before = group_rows(window)
    police = entry_of(window, "Police", "11 March 2015")
    qtbot.mouseClick(page.split_buttons[police], Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and page.cards_layout.count() == 0
    assert "so the group was removed" in page.notice.text() and page.notice.isVisible()
    window.undo_action.trigger()
    assert page.model.rowCount() == 1 and page.model.index(0, 3).data() == "proposed"
    assert group_rows(window) == before


def test_add_an_entry_by_hand_then_undo(qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = window.workspace.same_event_page
    window.workspace.setCurrentWidget(page)
    page.refresh_proposals()
    before = group_rows(window)
    qtbot.mouseClick(page.add_entry, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert dialog is not None and dialog.isVisible()
    assert "confirms the group" in dialog.note.text()
    assert dialog.model.rowCount() > 3  # the entries near 11 March 2015
    qtmodeltester.check(dialog.model)
    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.search, "home visit health")
    assert [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())] == ["16 March 2015"]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.status.currentText() == "Confirmed"  # the group went where it can be seen
    assert card_agencies(page) == ["Children's Social Care", "Health Visiting", "Police"]
    assert page.model.index(0, 3).data() == "confirmed, dates conflict"  # five days apart
    assert "which is now confirmed as one event" in page.notice.text()
    assert "The dates these agencies give now disagree" in page.notice.text()
    window.undo_action.trigger()
    assert group_rows(window) == before
    page.status.setCurrentIndex(0)  # Proposed
    assert page.model.rowCount() == 1 and card_agencies(page) == ["Children's Social Care", "Police"]


def test_cancelling_the_search_for_same_events_changes_nothing(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

    from scrchron.chronology import merge

    page = window.workspace.same_event_page
    real = merge.refresh_proposals

    def cancel_then_refresh(case: Case, progress: object = None, cancelled: object = None,
                            learning: bool = True) -> object:
        (dialog,) = [d for d in page.findChildren(QProgressDialog) if not d.wasCanceled()]
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()  # as the reviewer does while the search runs
        return real(case, progress, cancelled, learning)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "refresh_proposals", cancel_then_refresh)
    window.workspace.setCurrentWidget(page)
    qtbot.mouseClick(page.propose, Qt.MouseButton.LeftButton)
    assert page.notice.isVisible() and "cancelled" in page.notice.text()
    assert page.model.rowCount() == 0 and page.propose.isEnabled()
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert window.case is not None and window.case.count("groups") == 0
    monkeypatch.setattr(merge, "refresh_proposals", real)
    qtbot.mouseClick(page.propose, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1  # the meeting, found when not cancelled
