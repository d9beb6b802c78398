"""The import wizard: one agency file from choosing its agency to the import's summary.

Files picked in File > Import (or dropped on the window) are imported one after
another, each through its own wizard. The wizard holds no rules: the pages fill
an ``ImportPlan`` and the core reads and imports (``scrchron.ui.importing.import_plan``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from scrchron.chronology.submission_import import ImportSummary
from scrchron.store.submission_entries import AgencyState
from scrchron.ui.importing.import_pages import AgencyPage, ImportPage, PreviewPage, TablePage
from scrchron.ui.importing.import_plan import ImportPlan
from scrchron.ui.importing.mapping_page import MappingPage
from scrchron.ui.widgets import commands
from scrchron.ui.window import settings
from scrchron.ui.window.session import Session

#: What File > Import offers (the importers read more; these are what agencies send).
IMPORT_FILTER = ("Agency chronologies (*.docx *.docm *.doc *.odt *.rtf *.pdf *.xlsx *.xlsm *.xls *.ods "
                 "*.csv *.tsv *.txt);;All files (*)")


class ImportWizard(QWizard):
    """Imports one agency file into the open case."""

    #: An import finished (the case file has the new entries).
    finished_import = Signal(object)
    #: The reviewer asked to see the entries of this agency that need attention.
    show_attention = Signal(str)

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan = ImportPlan(path=path)
        self.setWindowTitle(f"Import {path.name}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.agency_page = AgencyPage()
        self.table_page = TablePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.import_page = ImportPage()
        for page in (self.agency_page, self.table_page, self.mapping_page, self.preview_page,
                     self.import_page):
            self.addPage(page)
        self.import_page.show_attention.connect(self._show_attention)
        self.resize(820, 600)

    def set_busy(self, busy: bool) -> None:
        """While importing, the wizard cannot be closed (Stop ends the import cleanly)."""
        for which in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)

    def imported(self, summary: ImportSummary, before: AgencyState | None = None) -> None:
        """The import landed (a new agency with its chosen colour): make it undoable and
        tell the window. The file's folder is where the next File > Import starts."""
        settings.remember_import_folder(self.plan.path)
        if summary.submission_id is not None and not summary.dry_run:
            options = {"table": self.plan.table, "mapping": self.plan.overrides(),
                       "replace": self.plan.replace}
            commands.push_done(commands.ImportFile(self.session, self.plan.path, self.plan.agency,
                                                   summary, options, before))
        self.finished_import.emit(summary)
        self.session.chronology_changed.emit()

    def _show_attention(self, agency: str) -> None:
        self.show_attention.emit(agency)
        self.accept()

    def reject(self) -> None:
        """Closing is refused while an import runs."""
        task = self.import_page.task
        if task is not None and not task.done:
            return
        super().reject()


def choose_files(parent: QWidget) -> list[Path]:
    """Ask for one or more agency files, starting in the folder the last ones came from."""
    names, _ = QFileDialog.getOpenFileNames(parent, "Import agency chronologies",
                                            str(settings.import_folder()), IMPORT_FILTER)
    paths = [Path(name) for name in names]
    if paths:
        settings.remember_import_folder(paths[0])
    return paths


class ImportQueue:
    """Opens one wizard per file, the next when the last one closes."""

    def __init__(self, session: Session, paths: Sequence[Path], parent: QWidget) -> None:
        self.session = session
        self.paths = list(paths)
        self.parent = parent
        self.current: ImportWizard | None = None
        self.on_attention: list[object] = []
        #: Called once when the last wizard closes, with the number of files imported.
        self.on_finished: list[Callable[[int], None]] = []
        self.imported = 0

    def next(self) -> ImportWizard | None:
        """Open the wizard for the next file (None when there are no more)."""
        if not self.paths:
            self.current = None
            return None
        wizard = ImportWizard(self.session, self.paths.pop(0), self.parent)
        if len(self.paths):
            wizard.setButtonText(QWizard.WizardButton.FinishButton, "&Next file")
        for slot in self.on_attention:
            wizard.show_attention.connect(slot)
        wizard.finished.connect(lambda _result: self._closed(wizard))
        self.current = wizard
        wizard.open()
        return wizard

    def _closed(self, wizard: ImportWizard) -> None:
        wizard.deleteLater()
        landed = wizard.import_page.result is not None and not wizard.import_page.result.dry_run
        self.imported += int(landed)
        if wizard.result() == QWizard.DialogCode.Accepted and landed and self.paths:
            self.next()
            return
        self.current = None
        for call in self.on_finished:
            call(self.imported)
