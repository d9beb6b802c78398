"""The Timetable tab, used as a reviewer does: read what is overdue, add a panel meeting,
mark it done, undo, remove it (Enter at the question keeps it), set a statutory milestone's date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from gui_driver import (
    answer_next_dialog,
    click,
    click_into,
    find,
    named,
    press,
    press_button_when_asked,
    press_enter_when_asked,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.store import Case
from scrchron.store import milestones as stored
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_rows(window: MainWindow) -> list[list[str]]:
    """What the timetable shows, row by row (every column's text)."""
    view = named(window, "Timetable", QTableView)
    model = view.model()
    return [[str(model.data(model.index(row, column)) or "") for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def row_of(window: MainWindow, name: str) -> list[str]:
    rows = [row for row in shown_rows(window) if row[3].startswith(name)]
    assert rows, f"{name!r} is not in the timetable: {[row[3] for row in shown_rows(window)]}"
    return rows[0]


def click_row(qtbot: QtBot, window: MainWindow, name: str) -> None:
    view = named(window, "Timetable", QTableView)
    number = next(n for n, row in enumerate(shown_rows(window)) if row[3].startswith(name))
    rect = view.visualRect(view.model().index(number, 3))
    click_into(qtbot, view)  # the window comes to the front (after a dialog), as on a desktop
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def typed_day(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def fill_milestone_when_asked(fields: dict[str, str]) -> None:
    """When the milestone dialog opens, type into its fields (by name) and press Enter."""

    def answer(dialog: QWidget) -> None:
        box = dialog
        for name, text in fields.items():
            box = next(w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == name)
            QTest.mouseClick(box, Qt.MouseButton.LeftButton)
            box.selectAll()
            QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter in the last field typed into: Save

    answer_next_dialog(answer)


def test_add_mark_done_undo_and_remove_a_local_milestone(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                         case_file: Path) -> None:
    window = open_window(case_file)
    press(qtbot, Qt.Key.Key_7, CTRL, window)  # View > Timetable
    assert row_of(window, "Local authority notifies the national Panel")[0] == "overdue"  # incident 2015
    summary = named(window, "Timetable summary", QLabel).text()
    assert "overdue" in summary and "England" in summary

    due = date.today() + timedelta(days=40)
    fill_milestone_when_asked({"Milestone name": "Panel meeting 1", "due date": typed_day(due)})
    click(qtbot, window, "Add milestone")
    qtbot.waitUntil(lambda: any(row[3] == "Panel meeting 1" for row in shown_rows(window)))
    row = row_of(window, "Panel meeting 1")
    assert row[0] in ("upcoming", "due soon") and row[5] == "Local" and str(due.year) in row[1]

    click_row(qtbot, window, "Panel meeting 1")
    click(qtbot, window, "Mark done today")
    assert row_of(window, "Panel meeting 1")[0] == "done"
    assert str(date.today().day) in row_of(window, "Panel meeting 1")[2]
    press(qtbot, Qt.Key.Key_Z, CTRL, window)  # Edit > Undo
    assert row_of(window, "Panel meeting 1")[0] != "done"
    assert "Undid" in window.statusBar().currentMessage()

    click_row(qtbot, window, "Panel meeting 1")
    seen: list[str] = []
    press_enter_when_asked(seen)  # Enter at "Remove?" is Cancel: nothing is removed
    click(qtbot, window, "Remove milestone")
    assert seen and "Panel meeting 1" in seen[0]
    assert any(row[3] == "Panel meeting 1" for row in shown_rows(window))
    press_button_when_asked("Remove")
    click(qtbot, window, "Remove milestone")
    assert not any(row[3] == "Panel meeting 1" for row in shown_rows(window))
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert any(row[3] == "Panel meeting 1" for row in shown_rows(window))
    with Case.open(case_file, read_only=True) as case:
        assert [m.name for m in stored.milestones(case)] == ["Panel meeting 1"]


def test_the_timetable_model_is_a_proper_qt_model(qtmodeltester: ModelTester,
                                                 open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)
    qtmodeltester.check(window.review_tabs.timetable.model)


def test_a_statutory_milestone_met_and_a_late_agency_return(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                           case_file: Path) -> None:
    with Case.open(case_file) as case:  # the template pack asked Police for its chronology by a past date
        police = case.find_agency("Police")
        assert police is not None
        stored.add_milestone(case, "Chronology due", (date.today() - timedelta(days=3)).isoformat(),
                             agency_id=police.id)
        assert not case.submissions(police.id)  # and the agency has sent nothing yet
    window = open_window(case_file)
    press(qtbot, Qt.Key.Key_7, CTRL, window)
    late = named(window, "Late agency returns", QLabel)
    assert "Police" in late.text()
    assert row_of(window, "Chronology due")[0] == "overdue" and "Police" in row_of(window, "Chronology due")[3]

    click_row(qtbot, window, "Rapid review completed")
    fill_milestone_when_asked({"date done": "3 Aug 2015"})
    click(qtbot, window, "Change dates")
    qtbot.waitUntil(lambda: row_of(window, "Rapid review completed")[0] == "done")
    row = row_of(window, "Rapid review completed")
    assert row[0] == "done" and row[2] == "Mon 3 Aug 2015"
    click_row(qtbot, window, "Rapid review completed")
    assert not find(window, QWidget, "Remove milestone").isEnabled()  # statutory ones stay
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert row_of(window, "Rapid review completed")[0] == "overdue"
    press(qtbot, Qt.Key.Key_Y, CTRL, window)
    assert row_of(window, "Rapid review completed")[0] == "done"


def test_setting_the_clock_moves_the_statutory_dates_and_undo_moves_them_back(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)
    press(qtbot, Qt.Key.Key_7, CTRL, window)
    assert row_of(window, "Local authority notifies the national Panel")[1] == "Mon 27 Jul 2015"  # incident + 5
    fill_milestone_when_asked({"date of becoming aware": "1 Aug 2015"})
    click(qtbot, window, "Set the clock")
    qtbot.waitUntil(lambda: "Sat 1 Aug 2015" in named(window, "Timetable summary", QLabel).text())
    assert row_of(window, "Local authority notifies the national Panel")[1] == "Fri 7 Aug 2015"  # 5 working days
    click_row(qtbot, window, "Local authority notifies the national Panel")
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert row_of(window, "Local authority notifies the national Panel")[1] == "Mon 27 Jul 2015"
