"""The main window: a start page when no case is open, the chronology when one is.

The window opens and closes cases and wires menus to pages; it holds no rules.
Reading the case is the core's job (``scrchron.store``); showing it is the pages'.

Several windows can be open, one review each (File ▸ New window). Where a review
opens is what a reviewer expects from a word processor:

- a window showing the start page opens it in itself;
- a window that already shows a review keeps it, and the other review opens in a
  new window (File ▸ Open, Open recent, New review, a case file dropped on it);
- a review already open in one of this scrchron's windows is not opened twice:
  that window comes to the front.

Closing a window closes its review; the app ends when the last window closes, and
that window's size and place are remembered for next time.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from scrchron import __version__
from scrchron.errors import ScrchronError
from scrchron.names.anonymise import Anonymiser
from scrchron.store import SUFFIX, Case, EntryQuery, count_entries
from scrchron.store.backups import restore_backup
from scrchron.store.case import CaseDamagedError
from scrchron.store.lock import same_case
from scrchron.ui.analysis.analysis_tabs import add_review_tabs
from scrchron.ui.chronology.chronology_model import ChronologyModel
from scrchron.ui.files.new_review_dialog import FILE_FILTER, NewReviewDialog
from scrchron.ui.files.opening import OpenedCase, dropped_paths, is_locked_error, read_case
from scrchron.ui.importing.import_wizard import ImportQueue, choose_files
from scrchron.ui.review.due_list import due_now
from scrchron.ui.widgets import commands, tasks, undo_keys
from scrchron.ui.widgets.error_dialogs import error_text, show_error
from scrchron.ui.window import settings, windows
from scrchron.ui.window.menus import build_menus
from scrchron.ui.window.review_window import ReviewWindow
from scrchron.ui.window.session import Session
from scrchron.ui.window.start_page import StartPage
from scrchron.ui.window.workspace import Workspace

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
    "<p>scrchron is free software: you can redistribute it and/or modify it under the terms "
    "of the GNU General Public License, version 3 or (at your option) any later version. "
    "It comes with no warranty. See LICENSE and THIRD_PARTY.md.</p>"
)
LOCKED = ("{error}\n\nYou can open it read-only to look at it; changes can only be made "
          "where it is open for writing.")


def main_windows() -> list[MainWindow]:
    """This scrchron's visible main windows."""
    return windows.shown(MainWindow)


def window_showing(path: Path) -> MainWindow | None:
    """The main window that has this case file open, if any."""
    return next((window for window in main_windows()
                 if window.case is not None and same_case(window.case.path, path)), None)


class MainWindow(ReviewWindow):
    """A main window: one review (or the start page), with its own session and undo."""

    case_opened = Signal(Path)
    case_closed = Signal()

    def __init__(self, demo_path: Path | None = None, parent: QWidget | None = None,
                 demo_builder: DemoBuilder | None = None) -> None:
        """``demo_path`` is a demo case to copy, or ``demo_builder`` writes one to a path."""
        super().__init__(parent)
        self.case: Case | None = None
        self.session: Session | None = None
        self.import_queue: ImportQueue | None = None
        self.demo_path = demo_path
        self.demo_builder = demo_builder
        self._demo_folder: tempfile.TemporaryDirectory[str] | None = None
        self.model = ChronologyModel(self)
        self.start_page = StartPage(demo_path is not None or demo_builder is not None, self)
        self.workspace = Workspace(self.model, self)
        self.chronology_page = self.workspace.chronology_page
        self.review_tabs = add_review_tabs(self.workspace)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        self.setAcceptDrops(True)
        self._build_status_bar()
        undo_keys.install()
        self._build_menus()
        self._connect()
        self._show_start_page()

    # -- building -------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.file_label = QLabel(self)
        self.count_label = QLabel(self)
        self.stop_looking = QPushButton("Stop looking for same events", self)
        self.stop_looking.setAutoDefault(False)
        self.stop_looking.hide()
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.stop_looking)
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_menus(self) -> None:
        build_menus(self)

    def _connect(self) -> None:
        same_event = self.workspace.same_event_page
        same_event.looking.connect(self._looking)
        same_event.told.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.stop_looking.clicked.connect(lambda _checked=False: same_event.stop_looking())
        self.chronology_page.entry_chosen.connect(lambda _id: self._update_undo_actions())
        self.start_page.new_requested.connect(self.new_review)
        self.start_page.open_requested.connect(self.open_review)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_chosen.connect(self.open_path)
        self.model.modelReset.connect(self._show_counts)
        timeline = self.review_tabs.timeline  # a mark clicked selects its row, and back
        timeline.entry_selected.connect(self.chronology_page.choose_entry)
        self.chronology_page.entry_chosen.connect(timeline.show_entry)
        timeline.entry_opened.connect(self.show_entry_in_chronology)

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
            passphrase = dialog.created_passphrase  # just chosen: not asked for again
            self.open_path(dialog.created_path, passphrase=passphrase)

    def open_review(self) -> None:
        """File > Open: choose a case file and open it (in a new window if this one is in use)."""
        path, _ = QFileDialog.getOpenFileName(self, "Open review", str(settings.last_folder()),
                                              OPEN_FILTER)
        if path:
            self.open_path(Path(path))

    def new_window(self) -> MainWindow:
        """File > New window: another main window, on the start page, kept until it closes."""
        window = MainWindow(self.demo_path, demo_builder=self.demo_builder)
        windows.keep_open(window)
        windows.cascade(window, self)
        window.show()
        windows.bring_to_front(window)
        return window

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
        """Open a case file in this window (replacing its review), telling the reviewer
        what is wrong if it cannot be opened. A review already open in another window
        is not opened twice: that window comes to the front instead."""
        return self._open(path, remember, read_only=False, here=True) is not None

    def open_path(self, path: Path, remember: bool = True, read_only: bool = False,
                  passphrase: str | None = None) -> MainWindow | None:
        """Open a review where the reviewer expects it: the window that already shows it,
        this window when it shows the start page, otherwise a new window. Returns the
        window that shows it, or None when it could not be opened (the reviewer is told)."""
        return self._open(path, remember, read_only, here=self.case is None, passphrase=passphrase)

    def _open(self, path: Path, remember: bool, read_only: bool, here: bool,
              passphrase: str | None = None) -> MainWindow | None:
        showing = window_showing(path)
        if showing is not None:
            windows.bring_to_front(showing)
            return showing
        try:
            given = [passphrase] if passphrase is not None else []
            opened = read_case(path, read_only,
                               lambda why: given.pop() if given else self.ask_passphrase(path, why))
        except ScrchronError as error:
            self._explain(path, error, remember, here)
            return None
        target = self if here else self.new_window()
        target.show_case(opened, remember)
        return target

    def _explain(self, path: Path, error: ScrchronError, remember: bool, here: bool) -> None:
        if is_locked_error(error):
            self.offer_read_only(path, error, remember, here)
        elif isinstance(error, CaseDamagedError) and error.latest_backup is not None:
            self.offer_restore(path, error, remember, here)
        else:
            show_error(self, error)

    def offer_restore(self, path: Path, error: CaseDamagedError, remember: bool,
                      here: bool = True) -> QMessageBox:
        """The case is damaged and a good backup exists: offer "Restore backup" or "Cancel"
        (Cancel is the default: Enter changes nothing). Restoring keeps the damaged file aside."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, error_text(error),
                          QMessageBox.StandardButton.Cancel, self)
        restore = box.addButton("Restore backup", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        backup = error.latest_backup
        assert backup is not None
        restore.clicked.connect(lambda: self._restore(path, backup.path.name, remember, here))
        box.open()
        return box

    def _restore(self, path: Path, backup_name: str, remember: bool, here: bool) -> None:
        try:
            restored = restore_backup(path, backup_name)
        except ScrchronError as refused:
            show_error(self, refused)
            return
        if self._open(path, remember, read_only=False, here=here) is not None:
            kept = f"; the damaged file was kept as {restored.kept_as.name}" if restored.kept_as else ""
            self.statusBar().showMessage(f"Restored {backup_name}{kept}.", 15000)

    def ask_passphrase(self, path: Path, why: str) -> str | None:
        """Ask for a protected review's passphrase (typed hidden); None when cancelled."""
        text, ok = QInputDialog.getText(self, f"Open {path.name}", why, QLineEdit.EchoMode.Password)
        return text if ok else None

    def offer_read_only(self, path: Path, error: ScrchronError, remember: bool,
                        here: bool = True) -> QMessageBox:
        """The case is open for writing elsewhere: offer "Open read-only" or "Cancel"."""
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, LOCKED.format(error=error),
                          QMessageBox.StandardButton.Cancel, self)
        button = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        button.clicked.connect(lambda: self._open(path, remember, read_only=True, here=here))
        box.open()
        return box

    def load_case(self, path: Path, read_only: bool = False, remember: bool = True) -> None:
        """Open a case file and show its chronology here; raises ``ScrchronError``."""
        self.show_case(read_case(path, read_only, lambda why: self.ask_passphrase(path, why)), remember)

    def show_case(self, opened: OpenedCase, remember: bool = True) -> None:
        """Show a case that was opened and read (closing the one shown before)."""
        case = opened.case
        self.close_case()
        self.case = case
        self.session = Session(case, self)
        self.model.set_case(case)
        self.chronology_page.show_review(opened.review, opened.agencies, opened.entries)
        self.workspace.set_session(self.session)
        self.session.undo_stack.indexChanged.connect(lambda _i: self._update_undo_actions())
        self.session.analysis_changed.connect(self._people_changed)
        self.setWindowTitle(f"{APP_NAME} — {opened.review.title}")
        self.file_label.setText(str(case.path) + ("   (read-only)" if case.read_only else ""))
        self.pages.setCurrentWidget(self.workspace)
        self.chronology_page.restore_columns()
        self._enable_case_actions(True, case.read_only)
        overdue = self.review_tabs.timetable.overdue()
        if overdue:
            self.statusBar().showMessage(f"{overdue} {'milestone is' if overdue == 1 else 'milestones are'} overdue: "
                                         "see the Timetable tab (Ctrl+7).", 15000)
        if remember:
            settings.remember_case(case.path)
            for window in main_windows():
                window.refresh_recent()
        self.case_opened.emit(case.path)

    def close_case(self) -> None:
        """Close the open case (if any) and go back to the start page."""
        if self.case is None:
            return
        self.pseudonyms_action.setChecked(False)
        self.workspace.set_session(None)
        self.model.set_case(None)
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
        else:
            self.case.close()
        self.session = None
        self.case = None
        self._show_start_page()
        self.case_closed.emit()

    def refresh_recent(self) -> None:
        """Show the recent reviews again (another window may have opened one)."""
        recent = settings.recent_cases()
        self.start_page.set_recent(recent)
        latest = next((path for path in recent if path.exists()), None)
        self.start_page.set_due(due_now(latest) if latest is not None else None)

    def _show_start_page(self) -> None:
        self.refresh_recent()
        self.pages.setCurrentWidget(self.start_page)
        self.setWindowTitle(APP_NAME)
        self.file_label.clear()
        self.count_label.clear()
        self._enable_case_actions(False, True)

    def _enable_case_actions(self, case_open: bool, read_only: bool) -> None:
        for action in self.case_actions:
            action.setEnabled(case_open)
        for action in self.writing_actions:
            action.setEnabled(case_open and not read_only)
        self.export_button.setEnabled(case_open)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        if self.session is not None:
            self.undo_action.setEnabled(self.session.undo_stack.canUndo())
            self.redo_action.setEnabled(self.session.undo_stack.canRedo())

    # -- importing --------------------------------------------------------------

    def import_files(self, paths: list[Path] | None = None) -> ImportQueue | None:
        """File > Import (or files dropped on the window): one wizard per file."""
        if self.session is None or self.session.read_only:
            return None
        chosen = paths if paths is not None else choose_files(self)
        if not chosen:
            return None
        self.import_queue = ImportQueue(self.session, chosen, self)
        self.import_queue.on_attention.append(self._show_attention)
        self.import_queue.on_finished.append(self._imports_finished)
        self.import_queue.next()
        return self.import_queue

    def _imports_finished(self, imported: int) -> None:
        """Every file of a File > Import is done: look for same events among the new entries."""
        if imported and self.session is not None and not self.session.read_only:
            self.workspace.same_event_page.look_after_import()

    def _looking(self, busy: bool) -> None:
        self.stop_looking.setVisible(busy)
        if busy:
            self.statusBar().showMessage("Looking for same events among the imported entries…")

    def show_entry_in_chronology(self, entry_id: int) -> bool:
        """Go to the Chronology tab with the entry chosen (False when the filter hides it)."""
        self.workspace.setCurrentWidget(self.chronology_page)
        if self.chronology_page.choose_entry(entry_id):
            return True
        self.statusBar().showMessage("The chronology's filter hides that entry: clear the filter to see it.",
                                     8000)
        return False

    def _show_attention(self, agency: str) -> None:
        self.workspace.setCurrentWidget(self.chronology_page)
        self.chronology_page.show_attention(agency)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Case files can be dropped on any window, agency files on a review open for writing."""
        paths = dropped_paths(event.mimeData())
        writable = self.session is not None and not self.session.read_only
        if any(path.suffix == SUFFIX for path in paths) or (paths and writable):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the dropped case files (as File > Open does) and import the other files."""
        paths = dropped_paths(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        for case_path in (path for path in paths if path.suffix == SUFFIX):
            self.open_path(case_path)
        agency_files = [path for path in paths if path.suffix != SUFFIX]
        if agency_files:
            self.import_files(agency_files)

    # -- the reviewer's decisions ------------------------------------------------

    def link_selected(self) -> None:
        """Edit > Link: the selected entries are accounts of one event."""
        ids = self.chronology_page.selected_entry_ids()
        if self.session is None or len(ids) < 2:
            show_error(self, "Select two or more entries from different agencies to link them.")
            return
        self._apply(commands.LinkEntries, self.session, ids)

    def add_episode_from_selection(self, title: str | None = None) -> None:
        """Edit > Add episode: a key practice episode made of the selected entries."""
        if self.session is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, "Add episode", "Title of the key practice episode:")
            if not ok:
                return
        self._apply(commands.AddEpisode, self.session, title,
                    self.chronology_page.selected_entry_ids())

    def _apply(self, *args: object) -> None:
        error = commands.try_apply(*args)
        if error is not None:
            show_error(self, error)

    def show_pseudonyms(self, shown: bool) -> None:
        """View > Show pseudonyms: the chronology and the entry panel as the published report
        reads them (doubtful places shaded); editing is off until it is switched back."""
        anonymiser = Anonymiser.from_case(self.case) if shown and self.case is not None else None
        self.model.set_pseudonyms(anonymiser)
        self.chronology_page.entry_panel.show_pseudonyms(anonymiser)
        self.statusBar().showMessage(
            "Showing pseudonyms, as the published report will; shaded text is a place the "
            "anonymiser is not sure of. Editing is off until you switch back (Ctrl+Shift+P)."
            if anonymiser is not None else "Showing real names again; editing is on.", 10000)

    def _people_changed(self) -> None:
        if self.pseudonyms_action.isChecked():
            self.show_pseudonyms(True)  # a new person or alias: shown at once

    def show_column_menu(self) -> None:
        """View > Columns: the same menu as the table header's."""
        self.workspace.setCurrentWidget(self.chronology_page)
        menu = self.chronology_page.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.mapToGlobal(self.rect().center()))

    # -- undo -------------------------------------------------------------------

    def undo(self) -> None:
        """Edit > Undo: the inverse change goes through the core, so it is audited too."""
        self._undo_or_redo(undo=True)

    def redo(self) -> None:
        """Edit > Redo."""
        self._undo_or_redo(undo=False)

    def _undo_or_redo(self, undo: bool) -> None:
        if self.session is None:
            return
        stack = self.session.undo_stack
        command = stack.command(stack.index() - 1 if undo else stack.index())
        if command is None:
            return
        try:
            stack.undo() if undo else stack.redo()
        except ScrchronError as error:
            show_error(self, error)
            return
        refused = getattr(command, "error", None)
        if refused is not None:
            stack.redo() if undo else stack.undo()  # skipped by the command: back in step
            show_error(self, refused)
            return
        text = command.text()
        self.statusBar().showMessage(f"{'Undid' if undo else 'Redid'}: {text[:1].lower()}{text[1:]}", 10000)
        where = command.where() if isinstance(command, commands.CaseCommand) else None
        if where is not None:
            self.bring_into_view(where)

    def bring_into_view(self, where: commands.Where) -> None:
        """Switch to the tab that shows a record and select it (after undo or redo)."""
        if where.table == "entries":
            self.show_entry_in_chronology(where.record_id)
        elif where.table == "groups":
            self.workspace.setCurrentWidget(self.workspace.same_event_page)
            self.workspace.same_event_page.select_group(where.record_id)
        elif where.table == "milestones":
            self.workspace.setCurrentWidget(self.review_tabs.timetable)
            self.review_tabs.timetable.select_milestone(where.record_id)
        elif where.table == "people":
            self.workspace.setCurrentWidget(self.review_tabs.people)
            self.review_tabs.people.section.select_id(where.record_id)
        elif where.table == "report":
            self.workspace.setCurrentWidget(self.review_tabs.report)
            self.review_tabs.report.show_section(where.key)
        else:
            self.review_tabs.analysis.show_record(where.table, where.record_id)
            self.workspace.setCurrentWidget(self.review_tabs.analysis)

    # -- menus and status -----------------------------------------------------

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_cases():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
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

    def _update_undo_actions(self) -> None:
        stack = self.session.undo_stack if self.session else None
        if stack is not None and not shiboken_alive(stack):  # the case is closing
            return
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(f"&Undo {stack.undoText()}".rstrip() if stack else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redoText()}".rstrip() if stack else "&Redo")

    def show_about(self) -> None:
        """Help > About: the version and what scrchron is for."""
        QMessageBox.about(self, "About scrchron", ABOUT.format(version=__version__))

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to a window on the start page lists reviews opened meanwhile elsewhere."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.case is None:
            self.refresh_recent()

    def quit_app(self) -> None:
        """File > Quit: close every window (each closes its review), this one last."""
        for window in main_windows():
            if window is not self:
                window.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the case file cleanly (and remove a demo copy), after background work ends.

        The last window to close leaves its size and place for the next start.
        """
        tasks.wait_for(self)  # this window's work only: another window's import runs on
        tasks.abandon(self)  # a result still on its way must not reach the closed case
        if self.isVisible() and all(window is self for window in main_windows()):
            settings.save_state("main_window", self.saveGeometry())
        self.close_case()
        self._remove_demo_folder()
        super().closeEvent(event)


def shiboken_alive(item: object) -> bool:
    """False once Qt has deleted the object behind ``item`` (a closing case's undo stack)."""
    return bool(shiboken6.isValid(item))
