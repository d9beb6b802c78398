"""Help, used as a reviewer uses it: F1 opens the user guide beside the review, its links
lead round the guide and nowhere else, and Help > Keyboard shortcuts lists the window's
actions with their keys as they really are."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from scrchron.runtime.resources import resource_path
from scrchron.ui.window.help_window import GuideWindow, ShortcutsDialog, guide_index, plain_text
from scrchron.ui.window.main_window import MainWindow

GUIDE = resource_path("guide")


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    return open_window(case_file, (1024, 700))  # type: ignore[no-any-return]


def shown_window(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    """The one visible top-level window of ``kind``, once it shows."""
    def visible() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    qtbot.waitUntil(lambda: len(visible()) == 1)
    return visible()[0]


def press(qtbot: QtBot, key: Qt.Key, times: int = 1) -> None:
    """Press ``key`` where the keyboard focus is, as a person would."""
    for _ in range(times):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, key)


def help_menu(window: MainWindow) -> QMenu:
    menus = [a.menu() for a in window.menuBar().actions() if plain_text(a) == "Help"]
    assert len(menus) == 1 and isinstance(menus[0], QMenu)
    return menus[0]


# -- the guide -----------------------------------------------------------------


def test_f1_opens_the_guide_beside_the_review(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = shown_window(qtbot, GuideWindow)
    assert isinstance(guide, GuideWindow)
    text = guide.browser.toPlainText()
    for heading in ("A five-minute tour", "From a new review to a published report", "Keyboard shortcuts",
                    "Where files live"):
        assert heading in text
    assert "Import agency chronologies" in text and "Ctrl+I" in text
    assert QApplication.activeModalWidget() is None  # the review stays usable beside it
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)  # F1 again brings the same guide back, not a second one
    assert shown_window(qtbot, GuideWindow) is guide


def test_the_guide_is_in_the_help_menu_and_works_on_the_start_page(qtbot: QtBot) -> None:
    start = MainWindow()
    qtbot.addWidget(start)
    start.show()
    qtbot.waitExposed(start)
    start.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is start)
    qtbot.keyClick(start, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Alt+H opens Help
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is help_menu(start))
    qtbot.keyClick(help_menu(start), Qt.Key.Key_U)  # its User guide item (triggered sends ``checked``)
    guide = shown_window(qtbot, GuideWindow)
    assert isinstance(guide, GuideWindow)
    assert "A five-minute tour" in guide.browser.toPlainText()


def test_links_lead_round_the_guide_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = shown_window(qtbot, GuideWindow)
    assert isinstance(guide, GuideWindow)
    guide.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    guide.browser.setFocus()
    qtbot.waitUntil(guide.browser.hasFocus)
    press(qtbot, Qt.Key.Key_Tab, 5)  # the contents: tour, workflow, keys, files, command line
    assert guide.browser.textCursor().selectedText() == "The same steps on the command line"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.browser.source().fileName() == "command-line.html")
    assert "scrchron new" in guide.browser.toPlainText()
    qtbot.mouseClick(guide.back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: guide.browser.source().fileName() == "index.html")
    assert guide.note.text() == ""


def test_a_link_out_of_the_guide_is_not_followed(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = shown_window(qtbot, GuideWindow)
    assert isinstance(guide, GuideWindow)
    assert not guide.browser.openExternalLinks()
    before = guide.browser.source()
    for link in ("https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
                 "../demo/police-chronology.xlsx", "file:///etc/passwd"):
        guide.browser.anchorClicked.emit(QUrl(link))  # what a click on such a link sends
        assert guide.browser.source() == before
        assert "offline" in guide.note.text()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        for key in ("name", "id"):
            if values.get(key):
                self.names.add(str(values[key]))


def _read(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def test_every_link_in_the_guide_leads_to_a_page_and_place_in_it() -> None:
    pages = sorted(GUIDE.glob("*.html"))
    assert guide_index() in pages and len(pages) >= 2
    for page in pages:
        for href in _read(page).hrefs:
            file, _, place = href.partition("#")
            target = page.parent / file if file else page
            assert ":" not in file and target.is_file(), f"{page.name}: {href}"
            assert not place or place in _read(target).names, f"{page.name}: {href}"


# -- the keyboard shortcuts ------------------------------------------------------


def test_help_keyboard_shortcuts_lists_what_the_keys_do(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Alt+H opens Help
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is help_menu(window))
    qtbot.keyClick(help_menu(window), Qt.Key.Key_K)  # its Keyboard shortcuts item
    dialog = shown_window(qtbot, ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    rows = dialog.shown_rows()
    assert ("File", "Import agency chronologies", "Ctrl+I") in rows
    assert ("File ▸ Export", "Word report", "Ctrl+Shift+E") in rows
    guide_keys = [keys for menu, action, keys in rows if (menu, action) == ("Help", "User guide")]
    assert len(guide_keys) == 1 and "F1" in guide_keys[0].split(", ")
    assert all("&" not in action for _menu, action, _keys in rows)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.table  # the list, ready for the arrow keys
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets()
                                 if isinstance(w, ShortcutsDialog) and w.isVisible()])


def test_the_shortcuts_list_is_read_from_the_window_so_it_cannot_drift(qtbot: QtBot, window: MainWindow) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    keyed = [a for a in window.findChildren(QAction) if [k for k in a.shortcuts() if not k.isEmpty()]]
    added = QAction("Mark as &reviewed", window)  # an action added later is listed too
    added.setShortcut(QKeySequence("Ctrl+Alt+R"))
    window.addAction(added)
    next(a for a in help_menu(window).actions() if plain_text(a) == "Keyboard shortcuts").trigger()
    dialog = shown_window(qtbot, ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    rows = dialog.shown_rows()
    listed = {(action, keys) for _menu, action, keys in rows}
    for action in keyed:
        assert (plain_text(action), action.shortcuts()[0].toString(native)) in {
            (name, keys.split(", ")[0]) for name, keys in listed}, action.text()
    assert ("Mark as reviewed", QKeySequence("Ctrl+Alt+R").toString(native)) in listed
    assert len(rows) == len(keyed) + 1


class _KeyTable(HTMLParser):
    """The rows of the guide's keyboard table: (action, keys) as the guide prints them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None


def menu_item(window: MainWindow, path: list[str]) -> QAction | None:
    """The window's menu item at ``path`` (["File", "Export", "Word report"]), found by its text."""
    actions = window.menuBar().actions()
    for step, name in enumerate(path):
        found = next((a for a in actions if plain_text(a) == name), None)
        if found is None or step == len(path) - 1:
            return found
        submenu = found.menu()
        actions = submenu.actions() if isinstance(submenu, QMenu) else []
    return None


def test_the_guides_keys_are_the_windows_keys(window: MainWindow) -> None:
    """Every menu item the guide names with its keys has those keys, so the guide stays true."""
    table = _KeyTable()
    table.feed(guide_index().read_text(encoding="utf-8"))
    checked = 0
    for action_text, keys in (row for row in table.rows if len(row) == 2):
        path = [part.strip().removesuffix("…") for part in action_text.split("(")[0].split("▸")]
        if len(path) < 2 or "," in action_text:
            continue  # a key inside a tab, or the row of tabs (checked below)
        item = menu_item(window, path)
        assert item is not None, f"the guide names a menu item the window lacks: {action_text}"
        portable = {key.toString() for key in item.shortcuts()}
        assert set(keys.split(" or ")) <= portable, (action_text, keys, portable)
        checked += 1
    assert checked >= 14
    tabs = [window.workspace.tabText(n).replace("&", "") for n in range(window.workspace.count())]
    assert f"View ▸ {', '.join(tabs)}" in [row[0] for row in table.rows if row]
    assert [menu_item(window, ["View", tab]).shortcut().toString() for tab in tabs] == [  # type: ignore[union-attr]
        f"Ctrl+{n}" for n in range(1, len(tabs) + 1)]
