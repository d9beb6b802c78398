"""Edit > Add episode from selected entries (Ctrl+E), and the episode form's own entry list.

Ctrl+E crashed every time (the action's ``checked`` flag arrived as the title). The
form can now add entries from a picker and take them out, saved as one undoable change.
Everything here is done with clicks and keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import click, named, press, type_when_asked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QTableView, QTabWidget
from pytestqt.qtbot import QtBot

from scrchron.store import analysis as analysis_store
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.chronology.entry_picker import EntryPicker
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    return open_window(case_file, (1366, 768))  # type: ignore[no-any-return]


def click_row(qtbot: QtBot, table: QTableView, row: int,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_ctrl_e_adds_an_episode_and_its_form_adds_and_removes_entries(qtbot: QtBot, window: MainWindow) -> None:
    table = window.chronology_page.table
    click_row(qtbot, table, 2)
    click_row(qtbot, table, 3, CTRL)
    chosen = {table.model().index(r, Column.EVENT).data() for r in (2, 3)}
    type_when_asked("Domestic abuse in early 2015")
    press(qtbot, Qt.Key.Key_E, CTRL, window)
    assert window.case is not None
    episodes = analysis_store.list_episodes(window.case)
    assert [e.title for e in episodes] == ["Domestic abuse in early 2015"] and len(episodes[0].entries) == 2
    first_two = list(episodes[0].entries)

    press(qtbot, Qt.Key.Key_3, CTRL, window)  # View > Analysis
    page = window.review_tabs.analysis
    assert window.workspace.currentWidget() is page
    assert isinstance(page, QTabWidget)
    rows = next(t for t in page.currentWidget().findChildren(QTableView) if t.isVisible())
    click_row(qtbot, rows, 0)
    entries = named(page, "Episode entries", QListWidget)
    assert entries.count() == 2
    assert {entries.item(i).toolTip() for i in range(2)} == chosen

    click(qtbot, page, "Add entries…")
    picker = QApplication.activeModalWidget()
    assert isinstance(picker, EntryPicker)
    qtbot.keyClicks(named(picker, "Search entries"), "visit")
    found = named(picker, "Entries to choose from", QTableView)
    free = [r for r in range(found.model().rowCount())
            if found.model().flags(found.model().index(r, 0)) & Qt.ItemFlag.ItemIsEnabled]
    assert free, "every visit is already in the episode"
    click_row(qtbot, found, free[0])
    press(qtbot, Qt.Key.Key_Return)
    assert not picker.isVisible() and entries.count() == 3

    original = next(entries.item(i) for i in range(entries.count()) if entries.item(i).toolTip() in chosen)
    qtbot.mouseClick(entries.viewport(), Qt.MouseButton.LeftButton, pos=entries.visualItemRect(original).center())
    click(qtbot, page, "Remove from episode")
    assert entries.count() == 2
    press(qtbot, Qt.Key.Key_S, CTRL, window)
    saved = analysis_store.list_episodes(window.case)[0].entries
    assert len(saved) == 2 and saved != first_two
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert sorted(analysis_store.list_episodes(window.case)[0].entries) == sorted(first_two)
    assert window.statusBar().currentMessage() == "Undid: edit episode 1"
