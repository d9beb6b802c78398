"""Working from the keyboard: shortcuts on the menu actions a reviewer uses often, none
used twice, and Tab moving through forms top to bottom, left to right."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from scrchron.ui.files.new_review_dialog import NewReviewDialog
from scrchron.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def tab_through(qtbot: QtBot, first: QWidget, presses: int) -> list[QWidget]:
    """Put the cursor in ``first`` and press Tab ``presses`` times; where the focus went."""
    first.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first.window())
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    visited = [first]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), "\t")
        focused = QApplication.focusWidget()
        assert focused is not None
        visited.append(focused)
    return visited


def test_menu_actions_have_the_shortcuts_a_reviewer_expects(window: MainWindow) -> None:
    expected = {window.new_action: "Ctrl+N", window.new_window_action: "Ctrl+Shift+N",
                window.open_action: "Ctrl+O", window.close_window_action: "Ctrl+Shift+W",
                window.import_action: "Ctrl+I", window.export_actions[0]: "Ctrl+Shift+E",
                window.find_action: "Ctrl+F", window.undo_action: "Ctrl+Z",
                window.link_action: "Ctrl+L", window.add_episode_action: "Ctrl+E",
                window.quit_action: "Ctrl+Q"}
    for action, key in expected.items():
        assert QKeySequence(key) in action.shortcuts(), action.text()
    assert QKeySequence("Ctrl+W") in window.close_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()
    assert window.pseudonyms_action.shortcut() == QKeySequence("Ctrl+Shift+P")
    tabs = [action.shortcut().toString() for action in window.view_actions[:window.workspace.count()]]
    assert tabs == [f"Ctrl+{number}" for number in range(1, window.workspace.count() + 1)]


def test_no_shortcut_is_used_twice(window: MainWindow) -> None:
    keys = Counter(key.toString() for action in window.findChildren(QAction)
                   for key in action.shortcuts())
    assert [key for key, uses in keys.items() if uses > 1] == []


def test_tab_goes_down_the_new_review_form(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewReviewDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.buttons
    expected: list[QWidget] = [
        dialog.review_type, dialog.title, dialog.subject_name, dialog.pseudonym, dialog.dob.edit,
        dialog.scope_from.edit, dialog.scope_to.edit, dialog.incident.edit, dialog.location,
        dialog.choose, dialog.protect, buttons.button(QDialogButtonBox.StandardButton.Ok),
        buttons.button(QDialogButtonBox.StandardButton.Cancel)]
    assert tab_through(qtbot, dialog.review_type, len(expected) - 1) == expected


def test_tab_follows_the_filter_bar_row_by_row(qtbot: QtBot, window: MainWindow, case_file: Path) -> None:
    assert window.open_case(case_file)
    bar = window.chronology_page.filters
    expected: list[QWidget] = [bar.search, bar.agency, bar.flags_button, bar.views_button,
                               bar.date_from.edit, bar.date_to.edit, bar.significance, bar.episode,
                               bar.theme, window.chronology_page.table]
    assert tab_through(qtbot, bar.search, len(expected) - 1) == expected


def test_tab_goes_down_the_entry_panel(qtbot: QtBot, window: MainWindow, case_file: Path) -> None:
    assert window.open_case(case_file)
    page = window.chronology_page
    page.table.selectRow(0)
    panel = page.entry_panel
    expected: list[QWidget] = [panel.date, panel.time, panel.event_box, panel.action_box, panel.note,
                               panel.significance, panel.child_seen, panel.child_views,
                               panel.good_practice, panel.themes, panel.episodes]
    assert tab_through(qtbot, panel.date, len(expected) - 1) == expected
