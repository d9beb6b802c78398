"""The start page lists what is overdue or due soon in the most recent review, read from its timetable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import named, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from scrchron.review.timetable import record_statutory
from scrchron.store import Case
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_closing_a_review_shows_what_is_overdue_in_it(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                      case_file: Path) -> None:
    with Case.open(case_file) as case:  # the Panel was told in time; the rest of the 2015 clock ran out
        record_statutory(case, "notify_panel", done="2015-07-24")
    window = open_window(case_file)
    overdue = "2 milestones are overdue: see the Timetable tab (Ctrl+7)."  # the rapid review, the Panel's reply
    assert window.statusBar().currentMessage() == overdue
    press(qtbot, Qt.Key.Key_W, CTRL, window)  # File > Close review: back to the start page
    heading = named(window, "Due and overdue in", QLabel).text()
    assert heading == "Due and overdue in Child T: Child Safeguarding Practice Review"
    lines = named(window, "Due and overdue", QLabel).text().splitlines()
    assert lines[0].startswith("Overdue: Rapid review completed and sent to the Panel (due ")
    assert "working days late" in lines[0]
    assert not any("notifies the national Panel" in line for line in lines)  # met: not listed


def test_a_review_with_nothing_due_shows_no_list(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                 case_file: Path) -> None:
    with Case.open(case_file) as case:
        for key in ("notify_panel", "rapid_review", "panel_reply", "complete_publish"):
            record_statutory(case, key, done="2015-08-03")
    window = open_window(case_file)
    press(qtbot, Qt.Key.Key_W, CTRL, window)
    assert not any(label.isVisible() for label in window.findChildren(QLabel)
                   if label.accessibleName() in ("Due and overdue", "Due and overdue in"))
