"""File > Export: the Word report, an Excel workbook or CSV, anonymised or not.

The writers live in ``scrchron.export`` (another part of scrchron). They are
looked up when the menu is used, so a copy of scrchron without them says so
plainly instead of failing. Writing runs in the background on its own connection
to the case file.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ExportCancelled, ScrchronError
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.tasks import Cancelled, Progress, Task, run_task, with_case
from scrchron.ui.window import settings

if TYPE_CHECKING:
    from scrchron.ui.window.main_window import MainWindow

#: (menu text, writer's name in scrchron.export, file suffix, file filter)
KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("&Word report…", "write_report", ".docx", "Word documents (*.docx)"),
    ("E&xcel workbook…", "write_spreadsheet", ".xlsx", "Excel workbooks (*.xlsx)"),
    ("&CSV file…", "write_csv", ".csv", "CSV files (*.csv)"),
)
NOT_AVAILABLE = ("Exporting a {what} is not available in this copy of scrchron (the export "
                 "module is not installed yet). Nothing was written.")


def writer(name: str) -> Callable[..., Any] | None:
    """The export function ``name`` when this copy of scrchron has it."""
    try:
        module = importlib.import_module("scrchron.export")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


class ExportDialog(QDialog):
    """Where to write the export, and whether to anonymise it."""

    def __init__(self, title: str, suggested: Path, file_filter: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._filter = file_filter
        self.path = QLineEdit(str(suggested), self)
        self.path.setAccessibleName("Export to")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(lambda _checked=False: self._browse())
        browse.setAutoDefault(False)
        self.anonymise = QCheckBox("&Anonymise (pseudonyms instead of real names)", self)
        self.anonymise.setChecked(True)
        note = QLabel("A report for publication must be anonymised. Keep real names only for "
                      "the panel's own working copy.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Export to:", self))
        layout.addLayout(row)
        layout.addWidget(self.anonymise)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), self._filter,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.path.setText(name)

    def accept(self) -> None:
        """Export; a file already there is replaced only when the reviewer says so."""
        target = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip():
            return
        if target.exists():
            chosen = ask_overwrite(self, target)
            if chosen is None:
                return
            self.path.setText(str(chosen))
        super().accept()


def free_name(path: Path) -> Path:
    """"Child T draft (2).docx" beside "Child T draft.docx": the first name not taken."""
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem} (new){path.suffix}")


def ask_overwrite(parent: QWidget, path: Path) -> Path | None:
    """Ask before replacing ``path``: the new file under a free name (the default), ``path``
    itself, or None (cancel). A file changed since scrchron wrote it says so plainly."""
    other = free_name(path)
    edited = settings.changed_since_export(path)
    text = f"{path.name} already exists in {path.parent}."
    if edited:
        text += ("\n\nIt has been changed since scrchron wrote it (perhaps edited in Word, or written "
                 "by someone else). Replacing it loses those changes.")
    box = QMessageBox(QMessageBox.Icon.Warning, "File already exists", text,
                      QMessageBox.StandardButton.Cancel, parent)
    keep = box.addButton(f"Save as “{other.name}”", QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton("Replace it", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    if box.clickedButton() is keep:
        return other
    if box.clickedButton() is replace:
        return path
    return None


def add_export_actions(window: MainWindow, menu: QMenu) -> list[QAction]:
    """Fill File > Export; returns its actions."""
    actions = []
    for text, name, suffix, file_filter in KINDS:
        action = menu.addAction(text)
        action.triggered.connect(
            lambda _c=False, t=text, n=name, s=suffix, f=file_filter: start_export(window, t, n, s, f))
        actions.append(action)
    return actions


def start_export(window: MainWindow, text: str, name: str, suffix: str,
                 file_filter: str) -> ExportDialog | None:
    """Ask where to export, then write it in the background with a progress dialog."""
    what = text.replace("&", "").rstrip("…").lower()
    function = writer(name)
    if window.session is None:
        return None
    if function is None:
        show_error(window, NOT_AVAILABLE.format(what=what))
        return None
    case = window.session.case
    case_path = case.path
    dialog = ExportDialog(f"Export {what}", settings.last_folder() / (case_path.stem + suffix),
                          file_filter, window)
    dialog.accepted.connect(lambda: _run(window, function, Path(dialog.path.text()),
                                         dialog.anonymise.isChecked(), case))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _run(window: MainWindow, function: Callable[..., Any], out: Path, anonymise: bool,
         case: Any) -> Task:
    progress = QProgressDialog("Writing the export…", "Cancel", 0, 0, window)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    stop = threading.Event()  # set from the GUI thread by the dialog's Cancel button
    progress.canceled.connect(stop.set)

    def call(own: Any, report: Progress, cancelled: Cancelled) -> Path:
        function(own, out, anonymise=anonymise, progress=report,
                 cancelled=lambda: stop.is_set() or cancelled())
        return out

    def done(path: Path) -> None:
        progress.close()
        progress.deleteLater()
        settings.remember_export(path)
        window.statusBar().showMessage(f"Exported to {path}", 8000)
        show_exported(window, path)

    def failed(error: BaseException) -> None:
        progress.close()
        progress.deleteLater()
        if isinstance(error, ExportCancelled):  # the reviewer pressed Cancel: nothing to report
            window.statusBar().showMessage(f"Export cancelled; {out.name} was not written.", 8000)
            return
        show_error(window, error if isinstance(error, ScrchronError) else str(error))

    def moved(done_count: int, total: int) -> None:
        progress.setRange(0, max(total, 1))
        progress.setValue(done_count)

    return run_task(with_case(case, call), done, failed, moved, parent=window)


def show_exported(parent: QWidget, path: Path) -> QMessageBox:
    """The export is written: offer to open it, or to show the folder it is in."""
    box = QMessageBox(QMessageBox.Icon.Information, "Export finished",
                      f"The export was written to:\n{path}", QMessageBox.StandardButton.Close,
                      parent)
    box.setObjectName("export_finished")
    open_button = box.addButton("&Open the file", QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton("&Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_button)
    open_button.clicked.connect(lambda: open_location(parent, path))
    folder_button.clicked.connect(lambda: open_location(parent, path.parent))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_location(parent: QWidget, path: Path) -> bool:
    """Open a file or folder with the desktop's own application; say so when that fails."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    show_error(parent, f"scrchron could not open {path} here. You can find it in that folder "
                       "yourself.")
    return False
