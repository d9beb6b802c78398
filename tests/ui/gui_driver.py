"""Driving the window as a person does: keys, clicks on widgets found by what they show.

GUI tests find widgets by their accessible name or visible text (never by the
window's attributes), press keys on whatever has focus, and answer the dialogs a
reviewer would meet. Modal dialogs run their own event loop, so an answer is
planned before the key or click that opens one (``answer_next_dialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def widgets(root: QWidget, kind: type[W]) -> list[W]:
    """Every visible widget of ``kind`` under ``root`` (``root`` included)."""
    found = [root] if isinstance(root, kind) else []
    return [w for w in found + root.findChildren(kind) if w.isVisible()]


def _label(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    return (widget.accessibleName() or text).replace("&", "")


def find(root: QWidget, kind: type[W], name: str) -> W:
    """The one visible widget of ``kind`` whose accessible name or text is ``name``."""
    matches = [w for w in widgets(root, kind) if _label(w) == name
               or (isinstance(w, QAbstractButton) and w.text().replace("&", "") == name)]
    assert matches, f"no visible {kind.__name__} called {name!r}; saw " + repr(
        sorted({_label(w) for w in widgets(root, kind)}))
    return matches[0]


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    """Click the visible button called ``name``."""
    button = find(root, QAbstractButton, name)
    assert button.isEnabled(), f"{name!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_into(qtbot: QtBot, widget: QWidget) -> None:
    """Click into a widget: its window comes to the front and the widget takes the focus."""
    window = widget.window()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    widget.setFocus(Qt.FocusReason.MouseFocusReason)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a tick box or radio button on its indicator, where a person clicks."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def type_into(qtbot: QtBot, root: QWidget, name: str, text: str, replace: bool = True) -> QLineEdit:
    """Click into the field called ``name`` and type ``text`` (over what was there)."""
    field = find(root, QLineEdit, name)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    if replace:
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)
    return field


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          window: QWidget | None = None) -> None:
    """Press a key on whatever has the keyboard focus (as a person does): in the dialog on
    top when one is open, else in the active window. When a dialog has just closed and
    nothing is active (the offscreen platform does not hand activation back), ``window``
    comes back to the front first, as it does on a desktop."""
    dialog = QApplication.activeModalWidget()
    wanted = dialog if dialog is not None else (QApplication.activeWindow() or window)
    if wanted is not None and QApplication.activeWindow() is not wanted:
        wanted.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is wanted, timeout=2000)
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def menu_action(window: QWidget, *path: str) -> QAction:
    """The action at ``path`` in the window's menu bar ("File", "Export", "Word report…")."""
    bar = window.menuBar()  # type: ignore[attr-defined]
    actions = bar.actions()
    found: QAction | None = None
    for step in path:
        found = next((a for a in actions if a.text().replace("&", "") == step), None)
        assert found is not None, f"no menu item {step!r}; saw {[a.text() for a in actions]}"
        menu = found.menu()
        actions = menu.actions() if isinstance(menu, QMenu) else []
    assert found is not None
    return found


def choose_menu(window: QWidget, *path: str) -> None:
    """Choose a menu item as a click on it would (it must be enabled)."""
    action = menu_action(window, *path)
    assert action.isEnabled(), f"{' > '.join(path)} is disabled"
    action.trigger()


def answer_next_dialog(answer: Callable[[QWidget], None], tries: int = 3000) -> None:
    """When the next modal dialog shows, call ``answer`` with it (once)."""

    already = QApplication.activeModalWidget()  # a wizard open already is not the one awaited

    def look(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog is not already:
            answer(dialog)
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, look)


def press_button_when_asked(name: str, seen: list[str] | None = None) -> None:
    """Plan a click on the button ``name`` of the next message box (its text goes in ``seen``)."""

    def answer(dialog: QWidget) -> None:
        if seen is not None and isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == name]
        assert buttons, f"no button {name!r} in {dialog.windowTitle()!r}"
        buttons[0].click()

    answer_next_dialog(answer)


def press_enter_when_asked(seen: list[str] | None = None) -> None:
    """Plan Enter on the next modal dialog (its default button answers)."""

    def answer(dialog: QWidget) -> None:
        if seen is not None and isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        # The dialog's own focus (its default button answers Enter); never the application's
        # focus, which may still be in the window below before the dialog is activated.
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    answer_next_dialog(answer)


def labelled(root: QWidget, label: str) -> QWidget:
    """The field a visible label ("Title:", "T&itle:") stands beside (its buddy)."""
    for widget in widgets(root, QLabel):
        if widget.text().replace("&", "").rstrip(":").strip() == label and widget.buddy() is not None:
            buddy = widget.buddy()
            return buddy.focusProxy() or buddy
    raise AssertionError(f"no visible label {label!r} with a field")


def named(root: QWidget, name: str, kind: type[W] = QWidget) -> W:  # type: ignore[assignment]
    """The visible widget whose accessible name is ``name``."""
    matches = [w for w in widgets(root, kind) if w.accessibleName() == name]
    assert matches, f"no visible {kind.__name__} named {name!r}"
    return matches[0]


def press_keys(qtbot: QtBot, window: QWidget, first: str, *then: str) -> None:
    """Alt+``first`` on the window (a menu title), then each letter in the menu that opens."""
    press(qtbot, getattr(Qt.Key, f"Key_{first.upper()}"), Qt.KeyboardModifier.AltModifier, window)
    for letter in then:
        popup = QApplication.activePopupWidget()
        assert popup is not None, f"no menu open for {letter!r}"
        qtbot.keyClick(popup, letter)


def choose_files_when_asked(paths: list[str], then: Callable[[QWidget], None] | None = None) -> None:
    """When the file chooser opens, type the files' names into it and press Enter; ``then``
    answers the dialog that comes next (a question about what was chosen)."""

    def answer(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None, "the file chooser has no name box"
        name.setText(" ".join(f'"{path}"' for path in paths))
        if then is not None:
            answer_next_dialog(then)  # planned while the chooser is still on top
        QTest.keyClick(name, Qt.Key.Key_Return)

    answer_next_dialog(answer)


def type_when_asked(text: str) -> None:
    """When the next question with a text box opens, type ``text`` and press Enter."""

    def answer(dialog: QWidget) -> None:
        box = dialog.findChild(QLineEdit)
        assert box is not None, f"{dialog.windowTitle()!r} has no text box"  # typed into, Enter there
        box.selectAll()
        QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)

    answer_next_dialog(answer)
