"""The main window's menus and their shortcuts, declared in one place.

Actions are made here and kept on the window (tests trigger them as a reviewer
would); each calls one method of the window or of a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar, QToolButton

from scrchron.ui import export_actions

if TYPE_CHECKING:
    from scrchron.ui.main_window import MainWindow

Keys = QKeySequence.StandardKey


def build_menus(window: MainWindow) -> None:
    """Make every action and menu of the main window."""
    action = window._action
    window.new_action = action("&New review…", window.new_review, Keys.New)
    window.open_action = action("&Open review…", window.open_review, Keys.Open)
    window.close_action = action("&Close review", window.close_case, Keys.Close)
    window.import_action = action("&Import agency chronologies…", lambda: window.import_files())
    window.import_action.setShortcut(QKeySequence("Ctrl+I"))
    window.quit_action = action("&Quit", window.close, Keys.Quit)
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.undo_action = action("&Undo", window.undo, Keys.Undo)
    window.redo_action = action("&Redo", window.redo, Keys.Redo)
    window.undo_action.setShortcuts(Keys.Undo)  # every platform binding (Ctrl+Y and Ctrl+Shift+Z)
    window.redo_action.setShortcuts(Keys.Redo)
    window.find_action = action("&Find…", window.chronology_page.focus_search, Keys.Find)
    window.about_action = action("&About scrchron", window.show_about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window)
    window.menuBar().addMenu("&Help").addAction(window.about_action)
    _tool_bar(window)
    window.case_actions = [window.close_action, window.find_action, *window.export_actions,
                           *window.view_actions]
    window.writing_actions = [window.import_action, *window.review_actions]


def _file_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu("&File")
    menu.addActions([window.new_action, window.open_action])
    window.recent_menu = menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
    menu.addAction(window.close_action)
    menu.addSeparator()
    menu.addAction(window.import_action)
    export_menu = menu.addMenu("&Export")
    window.export_menu = export_menu
    window.export_actions = export_actions.add_export_actions(window, export_menu)
    menu.addSeparator()
    menu.addAction(window.quit_action)


def _edit_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu("&Edit")
    menu.addActions([window.undo_action, window.redo_action])
    menu.addSeparator()
    menu.addAction(window.find_action)
    window.link_action = window._action("&Link selected entries as one event",
                                        window.link_selected)
    window.link_action.setShortcut(QKeySequence("Ctrl+L"))
    window.add_episode_action = window._action("Add &episode from selected entries…",
                                               window.add_episode_from_selection)
    window.add_episode_action.setShortcut(QKeySequence("Ctrl+E"))
    menu.addSeparator()
    menu.addActions([window.link_action, window.add_episode_action])
    window.review_actions = [window.link_action, window.add_episode_action]


def _view_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu("&View")
    window.view_actions = []
    for number in range(window.workspace.count()):
        title = window.workspace.tabText(number).replace("&", "")
        view = window._action(f"&{title}", lambda _c=False, n=number: window.workspace.setCurrentIndex(n))
        view.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
        menu.addAction(view)
        window.view_actions.append(view)
    columns = window._action("Chronology &columns…", window.show_column_menu)
    menu.addSeparator()
    menu.addAction(columns)
    window.view_actions.append(columns)


Icons = QStyle.StandardPixmap


def _tool_bar(window: MainWindow) -> None:
    """File > New/Open/Import/Export, Undo/Redo and Find, with the style's standard icons."""
    bar = QToolBar("Main tool bar", window)
    bar.setObjectName("main_tool_bar")
    bar.setAccessibleName("Main tool bar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    style = window.style()
    for action, icon in ((window.new_action, Icons.SP_FileIcon),
                         (window.open_action, Icons.SP_DialogOpenButton),
                         (window.import_action, Icons.SP_ArrowDown),
                         (window.undo_action, Icons.SP_ArrowBack),
                         (window.redo_action, Icons.SP_ArrowForward),
                         (window.find_action, Icons.SP_FileDialogContentsView)):
        action.setIcon(style.standardIcon(icon))
    bar.addActions([window.new_action, window.open_action])
    bar.addSeparator()
    bar.addAction(window.import_action)
    window.export_button = QToolButton(bar)
    window.export_button.setText("Export")
    window.export_button.setAccessibleName("Export")
    window.export_button.setToolTip("Export the chronology or the review")
    window.export_button.setIcon(style.standardIcon(Icons.SP_DialogSaveButton))
    window.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.export_button.setMenu(window.export_menu)
    bar.addWidget(window.export_button)
    bar.addSeparator()
    bar.addActions([window.undo_action, window.redo_action])
    bar.addSeparator()
    bar.addAction(window.find_action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.tool_bar = bar
