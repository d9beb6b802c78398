"""File > Send templates to agencies…: the review's chronology template for every agency.

The pack (``scrchron.export.template_pack``) is one Word and one Excel template per
agency, pre-filled by pseudonym with the scope and guidance, carrying the hidden marker
that lets a returned template import with no mapping. The window asks where to write
it, writes it in the background and offers to show the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from scrchron.errors import ScrchronError
from scrchron.export.template_pack import PackSummary, send_pack
from scrchron.ui.files.export_actions import open_location
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.tasks import Cancelled, Progress, Task, run_task, with_case
from scrchron.ui.window import settings

if TYPE_CHECKING:
    from scrchron.ui.window.main_window import MainWindow


def send_templates(window: MainWindow, folder: Path | None = None) -> Task | None:
    """Ask for a folder (unless given) and write the template pack there for every agency."""
    session = window.session
    if session is None or session.read_only:
        return None
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(window, "Send templates to agencies: choose a folder",
                                                  str(settings.last_folder()))
        if not chosen:
            return None
        folder = Path(chosen)

    def call(case: Any, _progress: Progress, _cancelled: Cancelled) -> PackSummary:
        return send_pack(case, folder)

    def done(summary: PackSummary) -> None:
        session.chronology_changed.emit()  # agencies named in the pack are in the review now
        window.statusBar().showMessage(f"Wrote {len(summary.files)} templates for "
                                       f"{len(summary.agencies)} agencies to {folder}", 10000)
        box = QMessageBox(QMessageBox.Icon.Information, "Templates written",
                          f"A Word and an Excel chronology template for each of {len(summary.agencies)} "
                          f"agencies are in:\n{folder}\n\nA returned template imports with no column "
                          "mapping, under its own agency.", QMessageBox.StandardButton.Close, window)
        show = box.addButton("&Show the folder", QMessageBox.ButtonRole.ActionRole)
        show.clicked.connect(lambda _checked=False: open_location(window, folder))
        box.setObjectName("templates_written")
        box.open()

    def failed(error: BaseException) -> None:
        show_error(window, error if isinstance(error, ScrchronError) else str(error))

    return run_task(with_case(session.case, call), done, failed, parent=window)
