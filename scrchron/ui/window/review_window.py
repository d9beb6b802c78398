"""What the menus and the File menu's actions use of a main window, declared below them.

``scrchron.ui.window.main_window.MainWindow`` is the one window there is; it builds its
menus with ``scrchron.ui.window.menus.build_menus`` and the File actions
(``scrchron.ui.files``) act on it. Those modules take a ``ReviewWindow``, so none of them
imports the main window and the main window imports them: no ring.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from scrchron.store import Case
from scrchron.ui.chronology.chronology_page import ChronologyPage
from scrchron.ui.widgets.commands import Where
from scrchron.ui.window.session import Session
from scrchron.ui.window.workspace import Workspace


class ReviewWindow(QMainWindow):
    """A window showing one review (or the start page): its actions, session and tabs."""

    case: Case | None
    session: Session | None
    workspace: Workspace
    chronology_page: ChronologyPage

    # Made by build_menus (scrchron.ui.window.menus).
    new_action: QAction
    new_window_action: QAction
    open_action: QAction
    close_action: QAction
    close_window_action: QAction
    import_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    about_action: QAction
    appearance_menu: QMenu
    appearance_actions: dict[str, QAction]
    link_action: QAction
    add_episode_action: QAction
    pseudonyms_action: QAction
    templates_action: QAction
    library_action: QAction
    summary_action: QAction
    protect_action: QAction
    rekey_action: QAction
    recent_menu: QMenu
    export_menu: QMenu
    export_button: QToolButton
    tool_bar: QToolBar
    export_actions: list[QAction]
    view_actions: list[QAction]
    review_actions: list[QAction]
    report_actions: list[QAction]
    case_actions: list[QAction]
    writing_actions: list[QAction]

    def make_action(self, text: str, slot: Callable[[], object],
                key: QKeySequence.StandardKey | None = None) -> QAction:
        """A menu action calling ``slot`` with no arguments (never the ``checked`` flag)."""
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def new_review(self) -> object:
        """File > New review: ask for a new review's details."""
        raise NotImplementedError

    def new_window(self) -> ReviewWindow:
        """File > New window."""
        raise NotImplementedError

    def open_review(self) -> None:
        """File > Open review."""
        raise NotImplementedError

    def open_path(self, path: Path, remember: bool = True, read_only: bool = False,
                  passphrase: str | None = None) -> ReviewWindow | None:
        """Open a case file where the reviewer expects it."""
        raise NotImplementedError

    def close_case(self) -> None:
        """File > Close review."""
        raise NotImplementedError

    def import_files(self, paths: list[Path] | None = None) -> object:
        """File > Import (or files dropped on the window)."""
        raise NotImplementedError

    def quit_app(self) -> None:
        """File > Quit: close every window."""
        raise NotImplementedError

    def undo(self) -> None:
        """Edit > Undo."""
        raise NotImplementedError

    def redo(self) -> None:
        """Edit > Redo."""
        raise NotImplementedError

    def link_selected(self) -> None:
        """Edit > Link selected entries as one event."""
        raise NotImplementedError

    def add_episode_from_selection(self, title: str | None = None) -> None:
        """Edit > Add episode from selected entries."""
        raise NotImplementedError

    def show_column_menu(self) -> None:
        """View > Chronology columns."""
        raise NotImplementedError

    def show_pseudonyms(self, shown: bool) -> None:
        """View > Show pseudonyms."""
        raise NotImplementedError

    def fill_recent_menu(self) -> None:
        """File > Open recent, filled as it opens."""
        raise NotImplementedError

    def show_about(self) -> None:
        """Help > About."""
        raise NotImplementedError

    def bring_into_view(self, where: Where) -> None:
        """Switch to the tab that shows a record and select it (after undo or redo)."""
        raise NotImplementedError
