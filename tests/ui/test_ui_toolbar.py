"""The tool bar (File > New/Open/Import/Export, Undo/Redo, Find) and the accessible
names of controls that have no visible label of their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scrchron.ui.window.main_window import MainWindow


def test_tool_bar_has_the_main_actions_with_icons(qtbot: QtBot, case_file: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    bar = window.tool_bar
    actions = bar.actions()
    for action in (window.new_action, window.open_action, window.import_action,
                   window.undo_action, window.redo_action, window.find_action):
        assert action in actions
        assert not action.icon().isNull()
    assert window.export_button.menu() is window.export_menu
    assert not window.export_button.isEnabled()  # no case open yet
    assert window.open_case(case_file)
    assert window.export_button.isEnabled()
    window.find_action.trigger()
    QApplication.processEvents()
    assert window.chronology_page.search.hasFocus() or window.focusWidget() is window.chronology_page.search


def test_controls_without_a_visible_label_have_accessible_names(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    filters = window.chronology_page.filters
    panel_widgets: list[QWidget] = [filters.search, filters.flags_button, filters.views_button,
                                    filters.date_from.edit, filters.date_to.edit]
    names = [widget.accessibleName() for widget in panel_widgets]
    assert all(names), names
    assert len(set(names)) == len(names)
    panel = window.findChildren(QWidget)
    named = {widget.accessibleName() for widget in panel}
    for name in ("Event", "Action or outcome", "Reviewer's note", "Significance", "Came from"):
        assert name in named
