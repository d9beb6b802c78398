"""One job helper: every slow job shows the same progress dialog, its Cancel stops the
task, and a failure nobody expected shows the traceback dialog, not a bare message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from scrchron.errors import ExportCancelled, ValidationError
from scrchron.ui.widgets.jobs import Job, start_job
from scrchron.ui.window.main_window import MainWindow


def _visible_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_cancel_in_the_dialog_stops_the_work_and_says_nothing(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)
    outcome: list[str] = []

    def work(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
        (dialog,) = [d for d in window.findChildren(QProgressDialog) if not d.wasCanceled()]
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()  # as the reviewer does while the work runs
        if cancelled():
            raise ExportCancelled("Stopped.")
        return "finished"

    start_job(window, Job("Working…", work), outcome.append, on_cancelled=lambda e: outcome.append(str(e)))
    assert outcome == ["Stopped."]
    assert not _visible_boxes(window)
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


def test_a_refusal_is_shown_as_the_core_words_it(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)

    def work(_progress: object, _cancelled: object) -> None:
        raise ValidationError("The case has no entries yet.")

    start_job(window, Job("Working…", work), lambda _r: None)
    (box,) = _visible_boxes(window)
    assert box.text() == "The case has no entries yet." and not box.detailedText()


def test_an_unexpected_failure_shows_the_traceback_to_copy(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)

    def work(_progress: object, _cancelled: object) -> None:
        return {}["missing"]  # type: ignore[no-any-return]  # a bug in the work

    start_job(window, Job("Working…", work), lambda _r: None)
    (box,) = _visible_boxes(window)
    assert "did not expect" in box.text()
    assert "KeyError: 'missing'" in box.detailedText() and "Traceback" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details and close")
    assert copy is not None
