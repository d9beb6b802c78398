"""The main window's menus and their shortcuts, declared in one place, as data.

``ACTIONS`` lists every fixed action (the attribute the window keeps it under, its text
and mnemonic, what it does, its keys, when it can be used) and ``MENUS`` the File and
Edit menus in order; ``build_menus`` makes them. The View menu is made from the tabs
(Ctrl+1…), Help from the guide. Each action calls one method of the window or of a page. Every action a reviewer
uses often has a shortcut: the platform's own where Qt knows one (New, Open, Close,
Undo, Redo, Find, Quit), otherwise a familiar one (Ctrl+Shift+N for a new window,
Ctrl+I to import, Ctrl+1… for the tabs).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass

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


def _keys(*keys: QKeySequence.StandardKey | str) -> Callable[[], list[QKeySequence]]:
    return lambda: [QKeySequence(key) for key in keys]


NO_KEYS = _keys()


@dataclass(frozen=True)
class ActionSpec:
    """One action of the main window, as data: the attribute the window keeps it under, its
    menu text (with its mnemonic), what it does, its keys, and when it can be used
    ("always"; "case": a review is open; "writing": a review open for writing; "history":
    when the review's undo history has a step to take)."""

    name: str
    text: str
    run: Callable[[ReviewWindow], object]
    keys: Callable[[], list[QKeySequence]] = NO_KEYS
    when: str = "always"
    role: QAction.MenuRole | None = None
    icon_text: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_action", "&New review…", lambda w: w.new_review(), _keys(Keys.New)),
    ActionSpec("new_window_action", "New &window", lambda w: w.new_window(), _keys(NEW_WINDOW_KEY)),
    ActionSpec("open_action", "&Open review…", lambda w: w.open_review(), _keys(Keys.Open)),
    ActionSpec("library_action", "Open &learning library…", lambda w: library_window.open_library(w)),
    ActionSpec("close_action", "&Close review", lambda w: w.close_case(),  # Ctrl+W and Ctrl+F4 on Linux
               lambda: QKeySequence.keyBindings(Keys.Close), when="case"),
    ActionSpec("close_window_action", "Close win&dow", lambda w: w.close(), _keys(CLOSE_WINDOW_KEY)),
    ActionSpec("import_action", "&Import agency chronologies…", lambda w: w.import_files(), _keys("Ctrl+I"),
               when="writing"),
    ActionSpec("templates_action", "Send &templates to agencies…", lambda w: template_actions.send_templates(w),
               when="writing"),
    ActionSpec("summary_action", "Read back a s&ummary form…",
               lambda w: agencies_page.read_back_summary_forms(w), when="writing"),
    ActionSpec("protect_action", "Protect with pa&ssphrase…", lambda w: protection_actions.protect_review(w),
               when="writing"),
    ActionSpec("rekey_action", "Change passp&hrase…", lambda w: protection_actions.change_passphrase(w),
               when="writing"),
    ActionSpec("quit_action", "&Quit", lambda w: w.quit_app(), lambda: standard_keys(Keys.Quit, QUIT_KEY),
               role=QAction.MenuRole.QuitRole),
    ActionSpec("undo_action", "&Undo", lambda w: w.undo(), lambda: QKeySequence.keyBindings(Keys.Undo),
               when="history", icon_text="Undo"),  # the tool bar stays one width; the menu says what
    ActionSpec("redo_action", "&Redo", lambda w: w.redo(), redo_keys, when="history", icon_text="Redo"),
    ActionSpec("find_action", "&Find…", lambda w: w.chronology_page.focus_search(), _keys(Keys.Find),
               when="case"),
    ActionSpec("link_action", "&Link selected entries as one event", lambda w: w.link_selected(),
               _keys("Ctrl+L"), when="writing"),
    ActionSpec("add_episode_action", "Add &episode from selected entries…",
               lambda w: w.add_episode_from_selection(), _keys("Ctrl+E"), when="writing"),
    ActionSpec("about_action", "&About scrchron", lambda w: w.show_about(), role=QAction.MenuRole.AboutRole),
)
#: Where a menu holds something other than one of ACTIONS.
SEPARATOR, RECENT, EXPORT, REPORT = "-", "recent", "export", "report"
#: The File and Edit menus, top to bottom (View and Help are made from the tabs and the guide).
MENUS: dict[str, tuple[str, ...]] = {
    "&File": ("new_action", "new_window_action", "open_action", RECENT, "library_action", "close_action",
              "close_window_action", SEPARATOR, "import_action", "templates_action", "summary_action",
              "protect_action", "rekey_action", EXPORT, REPORT, SEPARATOR, "quit_action"),
    "&Edit": ("undo_action", "redo_action", SEPARATOR, "find_action", SEPARATOR, "link_action",
              "add_episode_action"),
}


def build_menus(window: ReviewWindow) -> None:
    """Make every action and menu of the main window from ACTIONS and MENUS."""
    made = {spec.name: _made(window, spec) for spec in ACTIONS}
    for name, action in made.items():
        setattr(window, name, action)
    for title, items in MENUS.items():
        _fill_menu(window, window.menuBar().addMenu(title), items, made)
    _view_menu(window)
    _help_menu(window)
    _tool_bar(window)
    window.review_actions = [window.link_action, window.add_episode_action]
    window.case_actions = [made[s.name] for s in ACTIONS if s.when == "case"] + [*window.export_actions,
                                                                                 *window.view_actions]
    window.writing_actions = [made[s.name] for s in ACTIONS if s.when == "writing"] + window.report_actions


def _made(window: ReviewWindow, spec: ActionSpec) -> QAction:
    action = window.make_action(spec.text, functools.partial(spec.run, window))
    keys = spec.keys()
    if keys:
        action.setShortcuts(keys)
    if spec.role is not None:
        action.setMenuRole(spec.role)
    if spec.icon_text:
        action.setIconText(spec.icon_text)
    return action


def _fill_menu(window: ReviewWindow, menu: QMenu, items: tuple[str, ...], made: dict[str, QAction]) -> None:
    for item in items:
        if item == SEPARATOR:
            menu.addSeparator()
        elif item == RECENT:
            window.recent_menu = menu.addMenu("Open &recent")
            window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
        elif item == EXPORT:
            window.export_menu = menu.addMenu("&Export")
            window.export_actions = export_actions.add_export_actions(window, window.export_menu)
            window.export_actions[0].setShortcut(QKeySequence(WORD_REPORT_KEY))
        elif item == REPORT:
            window.report_actions = report_actions.add_report_actions(window, menu)
        else:
            menu.addAction(made[item])


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
