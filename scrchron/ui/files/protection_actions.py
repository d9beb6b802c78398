"""File > Protect with passphrase… and File > Change passphrase…, for the review open here.

Both rewrite the whole case file under the new key in one step (``scrchron.store.protection``),
so the window closes the review first, does it in the background, and opens it again with
the passphrase just chosen. A forgotten passphrase cannot be recovered: the question says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit

from scrchron.errors import ScrchronError, ValidationError
from scrchron.store import protection
from scrchron.store.protection import MIN_PASSPHRASE, check_new_passphrase
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.tasks import Cancelled, Progress, Task, run_task

if TYPE_CHECKING:
    from scrchron.ui.window.main_window import MainWindow

FORGOTTEN = "A forgotten passphrase cannot be recovered: nobody can open the review without it."


def _ask(window: MainWindow, title: str, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(window, title, prompt, QLineEdit.EchoMode.Password)
    return text if ok else None


def _new_passphrase(window: MainWindow, title: str) -> str | None:
    first = _ask(window, title, f"The new passphrase (at least {MIN_PASSPHRASE} characters).\n{FORGOTTEN}")
    if first is None:
        return None
    try:
        check_new_passphrase(first)
    except ValidationError as error:
        show_error(window, error)
        return None
    again = _ask(window, title, "The same passphrase again:")
    if again != first:
        if again is not None:
            show_error(window, "The two passphrases differ; nothing was changed.")
        return None
    return first


def protect_review(window: MainWindow) -> Task | None:
    """Protect the open (unprotected) review with a passphrase."""
    case = window.case
    if case is None or case.read_only:
        return None
    if case.key is not None:
        show_error(window, f"{case.path.name} is already protected: use File > Change passphrase….")
        return None
    passphrase = _new_passphrase(window, "Protect with passphrase")
    if passphrase is None:
        return None
    return _rewrite(window, case.path, lambda path: protection.protect(path, passphrase), passphrase)


def change_passphrase(window: MainWindow) -> Task | None:
    """Give the open (protected) review a new passphrase."""
    case = window.case
    if case is None or case.read_only:
        return None
    if case.key is None:
        show_error(window, f"{case.path.name} has no passphrase: use File > Protect with passphrase….")
        return None
    old = _ask(window, "Change passphrase", f"The passphrase {case.path.name} has now:")
    if old is None:
        return None
    new = _new_passphrase(window, "Change passphrase")
    if new is None:
        return None
    return _rewrite(window, case.path, lambda path: protection.change_passphrase(path, old, new), new)


def _rewrite(window: MainWindow, path: Path, convert: Callable[[Path], object], passphrase: str) -> Task:
    """Close the review, rewrite it in the background, open it again with ``passphrase``."""
    window.close_case()

    def work(_progress: Progress, _cancelled: Cancelled) -> object:
        return convert(path)

    def done(_result: object) -> None:
        window.open_path(path, passphrase=passphrase)
        window.statusBar().showMessage(f"{path.name} is protected with the new passphrase. {FORGOTTEN}", 15000)

    def failed(error: BaseException) -> None:
        show_error(window, error if isinstance(error, (ScrchronError, ValidationError)) else str(error))
        window.open_path(path)  # as it was: the conversion changes nothing unless it completes

    return run_task(work, done, failed, parent=window)

