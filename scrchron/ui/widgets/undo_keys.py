"""Ctrl+Z in a text field with nothing of its own to undo undoes the reviewer's last change.

A text field takes Undo and Redo for its own typing, even when it has none: after
a date typed into the entry panel was saved with Enter, Ctrl+Z did nothing while
the cursor stayed in the field. This filter lets a field keep Undo/Redo while it
has typing to undo, and otherwise lets the key reach Edit > Undo / Redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit


def _available(widget: QObject, undo: bool) -> bool | None:
    """Whether a text field has typing to undo (redo); None for other widgets."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        document = widget.document()
        return document.isUndoAvailable() if undo else document.isRedoAvailable()
    return None


#: Redo beside the platform's own keys (see ``menus.redo_keys``).
CTRL_Y = QKeySequence("Ctrl+Y")


class UndoKeys(QObject):
    """An application event filter handing spare Undo/Redo keys to the window's actions."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow a text field's claim on Undo/Redo when it has nothing to undo/redo."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        for key, undo in ((QKeySequence.StandardKey.Undo, True), (QKeySequence.StandardKey.Redo, False)):
            if event.matches(key) or (not undo and QKeySequence(event.keyCombination()) == CTRL_Y):
                return _available(watched, undo) is False  # True: the shortcut goes to the action
        return False


_installed: UndoKeys | None = None


def install() -> None:
    """Install the filter once for the application."""
    global _installed
    app = QApplication.instance()
    if _installed is None and app is not None:
        _installed = UndoKeys(app)
        app.installEventFilter(_installed)
