"""The main window: a start page when no case is open, the chronology when one is.

The window opens and closes cases and wires menus to pages; it holds no rules.
Reading the case is the core's job (``scrchron.store``); showing it is the pages'.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from scrchron import __version__
from scrchron.errors import ScrchronError
from scrchron.store import Case, EntryQuery, count_entries
from scrchron.ui import settings
from scrchron.ui.chronology_model import ChronologyModel
from scrchron.ui.chronology_page import ChronologyPage
from scrchron.ui.errors import show_error
from scrchron.ui.new_review_dialog import FILE_FILTER, NewReviewDialog
from scrchron.ui.start_page import StartPage

APP_NAME = "scrchron"
#: Writes a demo case file at the path given and returns its path.
DemoBuilder = Callable[[Path], Path]
OPEN_FILTER = f"{FILE_FILTER};;All files (*)"
ABOUT = (
    "<h3>scrchron {version}</h3>"
    "<p>Multi-agency chronologies for statutory case reviews: Child Safeguarding "
    "Practice Reviews, Serious Case Reviews, Safeguarding Adults Reviews and "
    "Domestic Homicide Reviews.</p>"
    "<p>Each review is kept in one case file on your computer. Nothing is sent anywhere.</p>"
)


class MainWindow(QMainWindow):
    """The app's one main window."""

    case_opened = Signal(Path)
    case_closed = Signal()

    def __init__(self, demo_path: Path | None = None, parent: QWidget | None = None,
                 demo_builder: DemoBuilder | None = None) -> None:
        """``demo_path`` is a demo case to copy, or ``demo_builder`` writes one to a path."""
        super().__init__(parent)
        self.case: Case | None = None
        self.demo_path = demo_path
        self.demo_builder = demo_builder
        self._demo_folder: tempfile.TemporaryDirectory[str] | None = None
        self.model = ChronologyModel(self)
        self.start_page = StartPage(demo_path is not None or demo_builder is not None, self)
        self.chronology_page = ChronologyPage(self.model, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.chronology_page)
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        self._build_menus()
        self._connect()
        self._show_start_page()

    # -- building -------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.file_label = QLabel(self)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

    def _action(self, text: str, slot: object, key: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New review…", self.new_review, keys.New)
        self.open_action = self._action("&Open review…", self.open_review, keys.Open)
        self.close_action = self._action("&Close review", self.close_case, keys.Close)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action("&Find…", self.chronology_page.focus_search, keys.Find)
        self.about_action = self._action("&About scrchron", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addActions([self.close_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.menuBar().addMenu("&Edit").addAction(self.find_action)
        self.menuBar().addMenu("&Help").addAction(self.about_action)

    def _connect(self) -> None:
        self.start_page.new_requested.connect(self.new_review)
        self.start_page.open_requested.connect(self.open_review)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_chosen.connect(self.open_case)
        self.model.modelReset.connect(self._show_counts)

    # -- opening and closing cases --------------------------------------------

    def new_review(self) -> NewReviewDialog:
        """Ask for a new review's details; the window opens the case once it is created."""
        dialog = NewReviewDialog(settings.last_folder(), self)
        dialog.accepted.connect(lambda: self._open_created(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _open_created(self, dialog: NewReviewDialog) -> None:
        if dialog.created_path is not None:
            self.open_case(dialog.created_path)

    def open_review(self) -> None:
        """File > Open: choose a case file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open review", str(settings.last_folder()),
                                              OPEN_FILTER)
        if path:
            self.open_case(Path(path))

    def open_demo(self) -> None:
        """Open a fresh demo review in a temporary folder, so nothing installed changes."""
        if self.demo_path is None and self.demo_builder is None:
            return
        self.close_case()
        self._remove_demo_folder()
        self._demo_folder = tempfile.TemporaryDirectory(prefix="scrchron-demo-",
                                                        ignore_cleanup_errors=True)
        folder = Path(self._demo_folder.name)
        try:
            if self.demo_path is not None:
                demo = Path(shutil.copyfile(self.demo_path, folder / self.demo_path.name))
            else:
                assert self.demo_builder is not None
                demo = self.demo_builder(folder / "demo.scrchron")
        except ScrchronError as error:
            show_error(self, error)
            return
        self.open_case(demo, remember=False)

    def _remove_demo_folder(self) -> None:
        if self._demo_folder is not None:
            self._demo_folder.cleanup()
            self._demo_folder = None

    def open_case(self, path: Path, remember: bool = True) -> bool:
        """Open a case file, telling the reviewer what is wrong if it cannot be opened."""
        try:
            self.load_case(path, remember=remember)
        except ScrchronError as error:
            show_error(self, error)
            return False
        return True

    def load_case(self, path: Path, read_only: bool = False, remember: bool = True) -> None:
        """Open a case file and show its chronology; raises ``ScrchronError``."""
        case = Case.open(path, read_only=read_only)
        try:
            review, agencies = case.review(), case.agencies()
            entries = count_entries(case, EntryQuery())
        except Exception:
            case.close()
            raise
        self.close_case()
        self.case = case
        self.chronology_page.show_review(review, agencies, entries)
        self.model.set_case(case)
        self.setWindowTitle(f"{APP_NAME} — {review.title}")
        self.file_label.setText(str(case.path) + ("   (read-only)" if read_only else ""))
        self.pages.setCurrentWidget(self.chronology_page)
        self.close_action.setEnabled(True)
        self.find_action.setEnabled(True)
        if remember:
            settings.remember_case(path)
        self.case_opened.emit(case.path)

    def close_case(self) -> None:
        """Close the open case (if any) and go back to the start page."""
        if self.case is None:
            return
        self.model.set_case(None)
        self.case.close()
        self.case = None
        self._show_start_page()
        self.case_closed.emit()

    def _show_start_page(self) -> None:
        self.start_page.set_recent(settings.recent_cases())
        self.pages.setCurrentWidget(self.start_page)
        self.setWindowTitle(APP_NAME)
        self.file_label.clear()
        self.count_label.clear()
        self.close_action.setEnabled(False)
        self.find_action.setEnabled(False)

    # -- menus and status -----------------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_cases():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _=False, p=path: self.open_case(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent reviews").setEnabled(False)

    def _show_counts(self) -> None:
        if self.case is None:
            self.count_label.clear()
            return
        shown = self.model.total()
        if self.chronology_page.is_filtered():
            everything = count_entries(self.case, EntryQuery())
            self.count_label.setText(f"Showing {shown:,} of {everything:,} entries")
        else:
            self.count_label.setText(f"{shown:,} {'entry' if shown == 1 else 'entries'}")

    def show_about(self) -> None:
        """Help > About: the version and what scrchron is for."""
        QMessageBox.about(self, "About scrchron", ABOUT.format(version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the case file cleanly (and remove a demo copy)."""
        self.close_case()
        self._remove_demo_folder()
        super().closeEvent(event)
