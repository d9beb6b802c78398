"""Showing errors: one function for the messages a reviewer is meant to read, and
an exception hook for the ones nobody expected.

A ``ScrchronError`` already says what is wrong and what to do, so it is shown as
it is, without a traceback, followed by the window's words for its next step (its
``Remedy``: the menu or page that does it; the command line words the same remedies
with its commands). Anything else is a bug: it is logged, and a dialog
says so plainly with the details in a copyable box (Anki's ``aqt/errors.py`` does
the same). Boxes are opened window-modal with ``open()`` so nothing blocks the
caller, and tests can read them without a second event loop.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from scrchron.errors import ScrchronError

log = logging.getLogger(__name__)

TITLE = "scrchron"
UNEXPECTED = (
    "Something went wrong inside scrchron that it did not expect.\n\n"
    "What you were doing may not have finished. Your case file keeps every change "
    "that was completed. If this happens again, copy the details below and send "
    "them to whoever supports scrchron for you; they contain no case details."
)

#: The window's words for an error's next step (``scrchron.errors.Remedy``).
_ADVICE: dict[str, str] = {
    "create_case": "Make one with File > New review….",
    "protect_case": "Protect it with File > Protect with passphrase….",
    "give_passphrase": "",  # the window asks for it
    "list_backups": "Its backups are kept beside it, in the same folder, named after it with “backup” "
                    "and the time they were taken.",
    "restore_backup": "Restore backup puts it back in place of the damaged file, which is kept aside.",
    "choose_sheet": "Choose the sheet “{sheet}” on the import's Sheet or table page.",
    "choose_table": "Choose table {table} on the import's Sheet or table page.",
    "map_columns": "Choose the columns on the import's Columns page.",
    "name_agency": "Choose the agency on the import's first page.",
    "read_summary_form": "Read it with File > Read back a summary form….",
    "replace_answers": "Read the forms back again and choose Replace when asked.",
    "import_chronologies": "Import them with File > Import agency chronologies….",
    "list_agencies": "The agencies are listed in the chronology's Agency filter.",
    "add_aliases": "Add them on the People tab.",
    "export_draft": "Export one with File > Export > Word report….",
    "decide_names": "Decide each one where the export lists it (keep it, or replace it as the name).",
}


def window_advice(error: ScrchronError) -> str:
    """The window's sentence for an error's next step ('' for none)."""
    remedy = error.remedy
    if remedy is None:
        return ""
    return _ADVICE[remedy.kind].format_map(_Values(remedy.values))


def error_text(error: ScrchronError | str) -> str:
    """An error as the window shows it: the message, then how to do the next step here."""
    if isinstance(error, str):
        return error
    told = window_advice(error)
    return f"{error} {told}" if told else str(error)


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return key


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def show_error(parent: QWidget | None, error: ScrchronError | str) -> QMessageBox:
    """Show a message the reviewer should read (``error_text(error)``); return the box."""
    box = _box(parent, QMessageBox.Icon.Warning, error_text(error))
    box.open()
    return box


def show_unexpected(parent: QWidget | None, details: str) -> QMessageBox:
    """Say that something unexpected happened, with the traceback to copy."""
    box = _box(parent, QMessageBox.Icon.Critical, UNEXPECTED)
    box.setDetailedText(details)
    copy = box.addButton("Copy details and close", QMessageBox.ButtonRole.AcceptRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.open()
    return box


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def make_excepthook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """An exception hook that logs and shows errors over the widget ``parent()`` returns."""
    showing: list[QMessageBox] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if isinstance(error, ScrchronError):
            show_error(parent(), error)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unexpected error:\n%s", details)
        if any(isValid(box) and box.isVisible() for box in showing):
            return  # one dialog at a time; the rest are in the log
        showing[:] = [show_unexpected(parent(), details)]

    return hook


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions (including those in Qt slots) to ``make_excepthook``."""
    sys.excepthook = make_excepthook(parent)
