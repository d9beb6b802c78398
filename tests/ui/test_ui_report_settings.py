"""File > Report settings… (Alt+F, P) and the Report tab's button: OK saves as one undoable
change, Escape changes nothing, a refused value is explained and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import click, named, press, press_keys, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from scrchron.export.report_settings import ReportSettings, report_settings
from scrchron.store import Case
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    return open_window(case_file)


def stored(window: MainWindow) -> ReportSettings:
    assert window.case is not None
    with Case.open(window.case.path, read_only=True) as case:
        return report_settings(case)


def settings_dialog(qtbot: QtBot) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog) and dialog.windowTitle() == "Report settings"
    return dialog


def test_settings_typed_and_entered_are_saved_and_undone_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    press_keys(qtbot, window, "f", "p")  # File > Report settings…
    dialog = settings_dialog(qtbot)
    type_into(qtbot, dialog, "Partnership", "Northshire Safeguarding Children Partnership")
    type_into(qtbot, dialog, "Author", "Dr A. Reviewer")
    status = named(dialog, "Status", QComboBox)
    status.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed into, then the status typed
    qtbot.keyClicks(status, "final")
    assert status.currentText() == "final"
    panel = named(dialog, "Panel members", QPlainTextEdit)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel, "Jo Bloggs, independent chair")
    qtbot.keyClick(panel, Qt.Key.Key_Return)  # a new line in the panel box, not OK
    qtbot.keyClicks(panel, "DS Smith, Northshire Police")
    assert dialog.isVisible()
    version = type_into(qtbot, dialog, "Version", "0.3")
    qtbot.keyClick(version, Qt.Key.Key_Return)  # Enter: OK
    assert not dialog.isVisible()
    now = stored(window)
    assert (now.partnership, now.author, now.version, now.status) == (
        "Northshire Safeguarding Children Partnership", "Dr A. Reviewer", "0.3", "final")
    assert now.panel == ("Jo Bloggs, independent chair", "DS Smith, Northshire Police")
    press(qtbot, Qt.Key.Key_Z, CTRL, window)  # Edit > Undo: every setting back at once
    assert stored(window) == ReportSettings()


def test_escape_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_9, CTRL, window)
    click(qtbot, window, "Report settings")  # the Report tab's button
    dialog = settings_dialog(qtbot)
    type_into(qtbot, dialog, "Partnership", "Somewhere else")
    marking = type_into(qtbot, dialog, "Protective marking", "OFFICIAL")
    qtbot.keyClick(marking, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert stored(window) == ReportSettings()
    assert window.session is not None and not window.session.undo_stack.canUndo()


def test_an_empty_version_is_explained_and_nothing_saved(qtbot: QtBot, window: MainWindow) -> None:
    press_keys(qtbot, window, "f", "p")
    dialog = settings_dialog(qtbot)
    type_into(qtbot, dialog, "Author", "Someone new")
    version = type_into(qtbot, dialog, "Version", "")
    qtbot.keyClick(version, Qt.Key.Key_Return)
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "version" in boxes[0].text().lower()
    assert dialog.isVisible() and named(dialog, "Author", QLineEdit).text() == "Someone new"  # typing kept
    assert stored(window) == ReportSettings()


def test_ok_on_unchanged_settings_leaves_nothing_to_undo(qtbot: QtBot, window: MainWindow) -> None:
    press_keys(qtbot, window, "f", "p")
    dialog = settings_dialog(qtbot)
    author = type_into(qtbot, dialog, "Author", "")
    qtbot.keyClick(author, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.session is not None and not window.session.undo_stack.canUndo()


def test_the_panel_section_shows_the_panel_as_soon_as_it_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QListWidget

    press(qtbot, Qt.Key.Key_9, CTRL, window)
    sections = named(window, "Report sections", QListWidget)
    row = next(sections.item(r) for r in range(sections.count()) if "Review panel" in sections.item(r).text())
    qtbot.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=sections.visualItemRect(row).center())
    facts = named(window, "Filled from the case", QPlainTextEdit)
    assert "Jo Bloggs" not in facts.toPlainText()
    click(qtbot, window, "Report settings")
    dialog = settings_dialog(qtbot)
    panel = named(dialog, "Panel members", QPlainTextEdit)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel, "Jo Bloggs, independent chair")
    click(qtbot, dialog, "OK")
    assert "Jo Bloggs" in facts.toPlainText()
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert "Jo Bloggs" not in facts.toPlainText()


def test_no_two_mnemonics_clash_in_the_settings_dialog(qtbot: QtBot, window: MainWindow) -> None:
    from test_ui_mnemonics import clashes, mnemonics

    press_keys(qtbot, window, "f", "p")
    dialog = settings_dialog(qtbot)
    assert len(mnemonics(dialog)) >= 7 and not clashes(dialog)
    press_keys(qtbot, dialog, "t")  # Alt+T: the status
    assert QApplication.focusWidget() is named(dialog, "Status", QComboBox)


def test_the_report_layout_is_chosen_with_the_settings_and_used_by_the_next_export(
        qtbot: QtBot, window: MainWindow) -> None:
    from scrchron.export.report_layout import layout_of

    press_keys(qtbot, window, "f", "p")  # File > Report settings…
    dialog = settings_dialog(qtbot)
    involvement = named(dialog, "Agency involvement", QComboBox)
    assert involvement.currentText() == "agency by agency"  # the default, as exports use it
    involvement.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(involvement, Qt.Key.Key_Down)  # the next choice: period by period
    recommendations = named(dialog, "Recommendations", QComboBox)
    recommendations.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(recommendations, Qt.Key.Key_Down)
    qtbot.keyClick(recommendations, Qt.Key.Key_Return)  # Enter: OK
    assert not dialog.isVisible()
    now = stored(window)
    assert (now.involvement, now.recommendations) == ("by-period", "with-findings")
    assert window.case is not None
    with Case.open(window.case.path, read_only=True) as case:
        assert layout_of(case).involvement == "by-period"  # what the next export lays out
    press(qtbot, Qt.Key.Key_Z, CTRL, window)  # Edit > Undo
    assert (stored(window).involvement, stored(window).recommendations) == ("by-agency", "apart")
