"""View > Show pseudonyms (Ctrl+Shift+P): the chronology and the entry panel read as the
published report will, and nothing typed then can put a pseudonym into the record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import named, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from scrchron.analysis import operations
from scrchron.chronology import entry_edits
from scrchron.store import Case, get_entry
from scrchron.ui.chronology.chronology_model import Column, EntryIdRole
from scrchron.ui.window.main_window import MainWindow

PSEUDONYMS = (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    with Case.open(case_file) as case:
        operations.add_person(case, "Tanya Marsh", "Mother", aliases=["Ms Marsh"], role="mother")
        entry_edits.add_by_hand(case, "Police", "5 March 2015", "Tanya Marsh called police; Ms Marsh was upset.")
    return open_window(case_file, (1366, 768))  # type: ignore[no-any-return]


def the_row(window: MainWindow) -> int:
    model = window.model
    return next(r for r in range(model.rowCount()) if model.index(r, Column.DATE).data() == "5 March 2015")


def test_ctrl_shift_p_shows_pseudonyms_read_only_and_back(qtbot: QtBot, window: MainWindow) -> None:
    table = window.chronology_page.table
    row = the_row(window)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.model.index(row, Column.EVENT)).center())
    assert "Tanya Marsh" in window.model.index(row, Column.EVENT).data()
    press(qtbot, *PSEUDONYMS, window)
    shown = window.model.index(row, Column.EVENT).data()
    assert "Tanya" not in shown and "Marsh" not in shown and "Mother" in shown
    event = named(window, "Event", QPlainTextEdit)
    assert "Marsh" not in event.toPlainText() and event.isReadOnly()
    assert "Showing pseudonyms" in window.statusBar().currentMessage()
    qtbot.mouseClick(event.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(event, " Extra words.")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.model.index(row, Column.EVENT)).center())
    assert window.case is not None
    entry_id = window.model.index(row, Column.EVENT).data(EntryIdRole)
    assert get_entry(window.case, entry_id).event == "Tanya Marsh called police; Ms Marsh was upset."
    assert window.session is not None and not window.session.undo_stack.canUndo()  # nothing was saved
    press(qtbot, *PSEUDONYMS, window)
    assert "Tanya Marsh" in window.model.index(row, Column.EVENT).data()
    assert not named(window, "Event", QPlainTextEdit).isReadOnly()
