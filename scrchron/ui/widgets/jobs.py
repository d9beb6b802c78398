"""One way to run slow work with the reviewer watching: a job in one progress dialog.

A ``Job`` is a label and the work (``work(progress, cancelled)``, as ``tasks`` runs it).
``start_job`` runs it in the background behind a window-modal progress dialog whose
Cancel asks the task to stop, and reports how it ended, the same way for every job:

- done: ``on_done(result)``;
- stopped by the reviewer (a ``Cancelled`` error: export, import, same-event search):
  ``on_cancelled(error)``, nothing else is said;
- refused by the core (a ``ScrchronError``): the message, in the window's words;
- anything else is a bug: the dialog that says so, with the traceback to copy.

A quiet job (``progress=False``) shows no dialog; its task can still be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from scrchron.errors import Cancelled, ScrchronError
from scrchron.ui.widgets.error_dialogs import show_error, show_unexpected
from scrchron.ui.widgets.tasks import Task, Work, prepared_task, runner

#: How long a job runs before its dialog shows (a quick one never flashes a dialog).
SHOW_AFTER_MS = 400


@dataclass(frozen=True)
class Job:
    """Slow work the reviewer waits for: what the dialog says, and the work itself."""

    label: str
    work: Work
    title: str = "scrchron"
    progress: bool = True


def start_job(parent: QWidget, job: Job, on_done: Callable[[Any], None],
              on_cancelled: Callable[[Cancelled], None] | None = None,
              on_refused: Callable[[ScrchronError], None] | None = None,
              on_ended: Callable[[], None] | None = None) -> Task:
    """Run ``job`` in the background; see the module docstring for how it ends.

    ``on_ended`` runs first whatever the end (to re-enable a button); ``on_refused``
    replaces the message box for the core's refusals.
    """
    dialog = _dialog(parent, job) if job.progress else None

    def ended() -> None:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        if on_ended is not None:
            on_ended()

    def done(result: Any) -> None:
        ended()
        on_done(result)

    def failed(error: BaseException) -> None:
        ended()
        if isinstance(error, Cancelled):
            if on_cancelled is not None:
                on_cancelled(error)
        elif isinstance(error, ScrchronError):
            (on_refused or (lambda refused: show_error(parent, refused)))(error)
        else:
            show_unexpected(parent, getattr(error, "traceback_text", "") or f"{type(error).__name__}: {error}")

    def moved(count: int, total: int) -> None:
        if dialog is not None:
            dialog.setRange(0, max(total, 1))
            dialog.setValue(count)

    task = prepared_task(job.work, done, failed, moved, parent=parent)
    if dialog is not None:  # connected before the task starts: a synchronous runner finishes at once
        dialog.canceled.connect(task.cancel)
    runner().start(task)
    return task


def _dialog(parent: QWidget, job: Job) -> QProgressDialog:
    dialog = QProgressDialog(job.label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(job.title)
    dialog.setAccessibleName(job.title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    return dialog
