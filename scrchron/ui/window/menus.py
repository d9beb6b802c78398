"""The main window's menus and their shortcuts, declared in one place.

Actions are made here and kept on the window (tests trigger them as a reviewer
would); each calls one method of the window or of a page. Every action a reviewer
uses often has a shortcut: the platform's own where Qt knows one (New, Open, Close,
Undo, Redo, Find, Quit), otherwise a familiar one (Ctrl+Shift+N for a new window,
Ctrl+I to import, Ctrl+1… for the tabs).
"""

from __future__ import annotations

import functools
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QToolBar, QToolButton

from scrchron.ui.files import export_actions, protection_actions, template_actions
from scrchron.ui.report import report_actions
from scrchron.ui.review import agencies_page
from scrchron.ui.widgets.icons import crisp_icon
from scrchron.ui.window import appearance, help_window, library_window, settings
from scrchron.ui.window.review_window import ReviewWindow

Keys = QKeySequence.StandardKey
#: Used where the platform has no Quit key of its own (Windows, some Linux desktops).
QUIT_KEY = "Ctrl+Q"
NEW_WINDOW_KEY = "Ctrl+Shift+N"
CLOSE_WINDOW_KEY = "Ctrl+Shift+W"
WORD_REPORT_KEY = "Ctrl+Shift+E"
PSEUDONYMS_KEY = "Ctrl+Shift+P"


def standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's bindings for a standard key, or ``fallback`` when it has none."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys, and Ctrl+Y beside them everywhere but macOS.

    Qt's Redo on Linux is Ctrl+Shift+Z only; reviewers coming from Word press Ctrl+Y.
    """
    keys = list(QKeySequence.keyBindings(Keys.Redo))
    ctrl_y = QKeySequence("Ctrl+Y")
    if sys.platform != "darwin" and ctrl_y not in keys:
        keys.append(ctrl_y)
    return keys


def build_menus(window: ReviewWindow) -> None:
    """Make every action and menu of the main window."""
    action = window.make_action
    window.new_action = action("&New review…", window.new_review, Keys.New)
    window.new_window_action = action("New &window", window.new_window)
    window.new_window_action.setShortcut(QKeySequence(NEW_WINDOW_KEY))
    window.open_action = action("&Open review…", window.open_review, Keys.Open)
    window.close_action = action("&Close review", window.close_case)
    window.close_action.setShortcuts(Keys.Close)  # Ctrl+W as well as Ctrl+F4 on Linux
    window.close_window_action = action("Close win&dow", window.close)
    window.close_window_action.setShortcut(QKeySequence(CLOSE_WINDOW_KEY))
    window.import_action = action("&Import agency chronologies…", lambda: window.import_files())
    window.import_action.setShortcut(QKeySequence("Ctrl+I"))
    window.quit_action = action("&Quit", window.quit_app)
    window.quit_action.setShortcuts(standard_keys(Keys.Quit, QUIT_KEY))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.undo_action = action("&Undo", window.undo, Keys.Undo)
    window.redo_action = action("&Redo", window.redo, Keys.Redo)
    window.undo_action.setShortcuts(Keys.Undo)
    window.redo_action.setShortcuts(redo_keys())
    window.undo_action.setIconText("Undo")  # the tool bar stays one width; the menu says what
    window.redo_action.setIconText("Redo")
    window.find_action = action("&Find…", window.chronology_page.focus_search, Keys.Find)
    window.about_action = action("&About scrchron", window.show_about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window)
    _help_menu(window)
    _tool_bar(window)
    window.case_actions = [window.close_action, window.find_action, *window.export_actions,
                           *window.view_actions]
    window.writing_actions = [window.import_action, window.templates_action, window.summary_action,
                              window.protect_action, window.rekey_action, *window.review_actions,
                              *window.report_actions]


def _file_menu(window: ReviewWindow) -> None:
    menu = window.menuBar().addMenu("&File")
    menu.addActions([window.new_action, window.new_window_action, window.open_action])
    window.recent_menu = menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    menu.addAction("Open &learning library…").triggered.connect(lambda _c=False: library_window.open_library(window))
    menu.addActions([window.close_action, window.close_window_action])
    menu.addSeparator()
    menu.addAction(window.import_action)
    window.templates_action = window.make_action("Send &templates to agencies…",
                                                 lambda: template_actions.send_templates(window))
    menu.addAction(window.templates_action)
    window.summary_action = window.make_action("Read back a s&ummary form…",
                                               lambda: agencies_page.read_back_summary_forms(window))
    menu.addAction(window.summary_action)
    window.protect_action = window.make_action("Protect with pa&ssphrase…",
                                               lambda: protection_actions.protect_review(window))
    window.rekey_action = window.make_action("Change passp&hrase…",
                                             lambda: protection_actions.change_passphrase(window))
    menu.addActions([window.protect_action, window.rekey_action])
    export_menu = menu.addMenu("&Export")
    window.export_menu = export_menu
    window.export_actions = export_actions.add_export_actions(window, export_menu)
    window.export_actions[0].setShortcut(QKeySequence(WORD_REPORT_KEY))
    window.report_actions = report_actions.add_report_actions(window, menu)
    menu.addSeparator()
    menu.addAction(window.quit_action)


def _edit_menu(window: ReviewWindow) -> None:
    menu = window.menuBar().addMenu("&Edit")
    menu.addActions([window.undo_action, window.redo_action])
    menu.addSeparator()
    menu.addAction(window.find_action)
    window.link_action = window.make_action("&Link selected entries as one event",
                                        window.link_selected)
    window.link_action.setShortcut(QKeySequence("Ctrl+L"))
    window.add_episode_action = window.make_action("Add &episode from selected entries…",
                                               window.add_episode_from_selection)
    window.add_episode_action.setShortcut(QKeySequence("Ctrl+E"))
    menu.addSeparator()
    menu.addActions([window.link_action, window.add_episode_action])
    window.review_actions = [window.link_action, window.add_episode_action]


def _view_menu(window: ReviewWindow) -> None:
    menu = window.menuBar().addMenu("&View")
    window.view_actions = []
    for number in range(window.workspace.count()):
        title = window.workspace.tabText(number)  # its mnemonic too (Rep&ort: Appea&rance has R)
        view = window.make_action(title if "&" in title else f"&{title}",
                              functools.partial(window.workspace.setCurrentIndex, number))
        view.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
        menu.addAction(view)
        window.view_actions.append(view)
    columns = window.make_action("Chronology co&lumns…", window.show_column_menu)
    menu.addSeparator()
    menu.addAction(columns)
    window.view_actions.append(columns)
    window.pseudonyms_action = QAction("Show ps&eudonyms", window)
    window.pseudonyms_action.setCheckable(True)
    window.pseudonyms_action.setShortcut(QKeySequence(PSEUDONYMS_KEY))
    window.pseudonyms_action.setToolTip("Show the chronology as the published report will read: "
                                        "pseudonyms for names, doubtful places shaded; editing is off")
    window.pseudonyms_action.toggled.connect(window.show_pseudonyms)
    menu.addAction(window.pseudonyms_action)
    window.view_actions.append(window.pseudonyms_action)
    _appearance_menu(window, menu.addMenu("Appea&rance"))


def _appearance_menu(window: ReviewWindow, menu: QMenu) -> None:
    """View > Appearance: follow the system, or always light or dark (for every window)."""
    group = QActionGroup(menu)
    window.appearance_menu = menu
    window.appearance_actions = {}
    for choice, text in appearance.CHOICES.items():
        item = group.addAction(text)
        item.setCheckable(True)
        item.triggered.connect(lambda _checked=False, c=choice: choose_appearance(c))
        window.appearance_actions[choice] = item
    menu.addActions(group.actions())
    menu.aboutToShow.connect(lambda: _tick_appearance(window))
    _tick_appearance(window)


def _tick_appearance(window: ReviewWindow) -> None:
    current = appearance.chosen(settings.read_text(settings.APPEARANCE))
    window.appearance_actions[current].setChecked(True)


def choose_appearance(choice: str) -> None:
    """Draw the app in ``choice`` from now on, and remember it."""
    settings.write(settings.APPEARANCE, choice)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        appearance.apply_appearance(app, choice)


Icons = QStyle.StandardPixmap


def _tool_bar(window: ReviewWindow) -> None:
    """File > New/Open/Import/Export, Undo/Redo and Find, with the style's standard icons
    (crisp at any scale; the one-colour arrows in the palette's text colour)."""
    bar = QToolBar("Main tool bar", window)
    bar.setObjectName("main_tool_bar")
    bar.setAccessibleName("Main tool bar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    style = window.style()
    for action, icon, one_colour in ((window.new_action, Icons.SP_FileIcon, False),
                                     (window.open_action, Icons.SP_DialogOpenButton, False),
                                     (window.import_action, Icons.SP_ArrowDown, True),
                                     (window.undo_action, Icons.SP_ArrowBack, True),
                                     (window.redo_action, Icons.SP_ArrowForward, True),
                                     (window.find_action, Icons.SP_FileDialogContentsView, False)):
        action.setIcon(crisp_icon(style.standardIcon(icon), tint=one_colour))
    bar.addActions([window.new_action, window.open_action])
    bar.addSeparator()
    bar.addAction(window.import_action)
    window.export_button = QToolButton(bar)
    window.export_button.setText("Export")
    window.export_button.setAccessibleName("Export")
    window.export_button.setToolTip("Export the chronology or the review")
    window.export_button.setIcon(crisp_icon(style.standardIcon(Icons.SP_DialogSaveButton)))
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


#: The user guide's key on every platform (macOS adds its own Help key, Cmd+?).
HELP_KEY = "F1"


def _help_menu(window: ReviewWindow) -> None:
    """Help: the user guide (F1, and the platform's own help key), the shortcuts, About."""
    menu = window.menuBar().addMenu("&Help")
    guide = window.make_action("&User guide", lambda: help_window.show_guide(window))
    platform_keys = [key for key in QKeySequence.keyBindings(Keys.HelpContents) if key != QKeySequence(HELP_KEY)]
    guide.setShortcuts([QKeySequence(HELP_KEY), *platform_keys])
    shortcuts = window.make_action("&Keyboard shortcuts", lambda: help_window.show_shortcuts(window))
    menu.addActions([guide, shortcuts])
    menu.addSeparator()
    menu.addAction(window.about_action)
