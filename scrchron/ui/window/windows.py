"""Top-level windows of this scrchron: keeping a window alive, finding, placing and raising it.

A reviewer may have two reviews open side by side, each in a main window of its own
with its own case, session and undo history. Nothing here knows "the" window: the
open windows are whatever top-level widgets are visible, and the app ends when the
last one closes (Qt's ``quitOnLastWindowClosed``). What windows share lives in
QSettings (recent reviews, last folder, layout, appearance).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)

#: How far a new window sits below and to the right of the one it came from.
CASCADE = 32

#: Windows opened by the app itself: Python must keep them until they close.
_KEPT: set[QWidget] = set()


def keep_open(window: QWidget) -> None:
    """Keep a parentless window alive until it is closed (it is deleted then)."""
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _KEPT.add(window)
    window.destroyed.connect(lambda _object=None: _KEPT.discard(window))


def shown(kind: type[W]) -> list[W]:
    """The visible top-level windows of one kind."""
    return [widget for widget in QApplication.topLevelWidgets()
            if isinstance(widget, kind) and widget.isVisible()]


def front(kind: type[W]) -> W | None:
    """The active window of a kind, else any visible one, else None."""
    active = QApplication.activeWindow()
    if isinstance(active, kind):
        return active
    return next(iter(shown(kind)), None)


def bring_to_front(window: QWidget) -> None:
    """Show a window above the others and give it the keyboard."""
    if window.isMinimized():
        window.showNormal()
    if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and says so
        window.raise_()
    window.activateWindow()


def cascade(window: QWidget, source: QWidget) -> None:
    """Give ``window`` the size of ``source``, a little below and right of it, on screen."""
    window.resize(source.size())
    place = source.pos() + QPoint(CASCADE, CASCADE)
    screen = source.screen()
    if screen is not None:
        room = screen.availableGeometry()
        if not room.contains(place + QPoint(window.width() // 2, window.height() // 2)):
            place = room.topLeft()
    window.move(place)
