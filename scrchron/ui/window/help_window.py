"""Help: the user guide shipped in resources/guide/, and the window's keyboard shortcuts.

The guide is HTML read from the app's own folder (``resource_path``), shown in a
``QTextBrowser`` that follows links between the guide's pages itself and opens
nothing else: scrchron makes no network calls, and a link out of the guide would
be one. The shortcuts dialog is read from the window's QActions when it opens,
so it always says what the keys really do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrchron.runtime.resources import resource_path

GUIDE_TITLE = "scrchron user guide"
SHORTCUTS_TITLE = "Keyboard shortcuts"
OUTSIDE = "scrchron works offline, so links outside the user guide are not opened."
MISSING = ("<h1>The user guide is missing</h1><p>This copy of scrchron has no "
           "<tt>resources/guide/index.html</tt>. Install scrchron again to get it back; your "
           "reviews are not affected.</p>")


def guide_index() -> Path:
    """The guide's first page, in the app's resources."""
    return resource_path("guide", "index.html")


def plain_text(action: QAction) -> str:
    """An action's menu text as a person reads it: no mnemonic '&', no trailing '…'."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


# -- the guide -----------------------------------------------------------------


class GuideWindow(QWidget):
    """The user guide in its own window, beside the review (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(GUIDE_TITLE)
        self.setObjectName("user_guide")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # follow() decides: pages of the guide only
        self.browser.anchorClicked.connect(self.follow)
        self.back = QPushButton("&Back", self)
        self.back.setEnabled(False)
        self.back.clicked.connect(lambda _checked=False: self.browser.backward())
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.contents = QPushButton("&Contents", self)
        self.contents.clicked.connect(lambda _checked=False: self.show_contents())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self._lay_out()
        self.resize(760, 640)
        self.show_contents()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.contents)
        buttons.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)

    def show_contents(self) -> None:
        """Show the guide's first page (or say plainly that this copy has none)."""
        index = guide_index()
        if index.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(index)))
        else:
            self.browser.setHtml(MISSING)

    def follow(self, link: QUrl) -> None:
        """Open a link when it leads to a page of the guide; say why when it does not."""
        target = self.browser.source().resolved(link)
        self.note.setText("" if self._inside(target) else OUTSIDE)
        if self._inside(target):
            self.browser.setSource(target)

    def _inside(self, target: QUrl) -> bool:
        if not target.isLocalFile():
            return False
        path = Path(target.toLocalFile()).resolve()
        return path.is_file() and path.is_relative_to(guide_index().parent.resolve())


def show_guide(window: QWidget) -> GuideWindow:
    """Help > User guide: bring the window's guide to the front, opening it the first time."""
    guide = window.findChild(GuideWindow)
    if guide is None:
        guide = GuideWindow(window)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


# -- the shortcuts -------------------------------------------------------------


@dataclass(frozen=True)
class Shortcut:
    """One action with keys: where it is, what it is called, its keys as the platform writes them."""

    menu: str
    action: str
    keys: str


def _keys(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(dict.fromkeys(key.toString(native) for key in action.shortcuts() if not key.isEmpty()))


def _menu_shortcuts(menu: QMenu, place: str, seen: set[int]) -> list[Shortcut]:
    found: list[Shortcut] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_shortcuts(submenu, f"{place} ▸ {plain_text(action)}", seen)
        elif _keys(action) and id(action) not in seen:
            seen.add(id(action))
            found.append(Shortcut(place, plain_text(action), _keys(action)))
    return found


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of ``window`` that has keys: the menus' in menu order, then any others."""
    seen: set[int] = set()
    found: list[Shortcut] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found += _menu_shortcuts(menu, plain_text(top), seen)
    for action in window.findChildren(QAction):
        if _keys(action) and id(action) not in seen and plain_text(action):
            seen.add(id(action))
            found.append(Shortcut("Other", plain_text(action), _keys(action)))
    return found


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: a table of the window's actions and their keys."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(SHORTCUTS_TITLE)
        self.setObjectName("keyboard_shortcuts")
        rows = window_shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName(SHORTCUTS_TITLE)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, shortcut in enumerate(rows):
            for column, text in enumerate((shortcut.menu, shortcut.action, shortcut.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        more = QLabel("Keys inside a tab (the timeline's zoom, Delete in a list) are in the user guide (F1).",
                      self)
        more.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(more)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(620, 560)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (menu, action, keys)."""
        return [(self._text(row, 0), self._text(row, 1), self._text(row, 2))
                for row in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Open the shortcuts of ``window`` (not modal; closed with Close or Escape)."""
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
