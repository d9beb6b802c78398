"""The import wizard's pages: agency, sheet or table, columns, preview, import.

Every page that reads the file does it through ``scrchron.ui.widgets.tasks`` (in the
background), says "Reading…" meanwhile, and is complete only once the answer is
back. A file the importers cannot read says why on the page itself.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from scrchron.chronology.submission_import import ImportSummary, agency_name_from_file
from scrchron.dates.attention import needs_attention
from scrchron.errors import ScrchronError
from scrchron.importers import SourceTable
from scrchron.importers.template_marker import read_marker
from scrchron.records.case_records import AGENCY_PALETTE
from scrchron.review.return_check import template_words
from scrchron.store import EntryQuery
from scrchron.store.submission_entries import AgencyState, agency_state
from scrchron.ui.chronology.chronology_model import colour_chip
from scrchron.ui.chronology.filters import attention_ids
from scrchron.ui.importing.import_plan import (
    ImportSteps,
    Preview,
    PreviewModel,
    import_work,
    preview_work,
    replacement_text,
    tables_work,
)
from scrchron.ui.importing.import_template import TemplateCheck, return_check_work, template_work
from scrchron.ui.widgets.error_dialogs import error_text
from scrchron.ui.widgets.tasks import Task, run_task

NOT_USED = "(not used)"
READING = "Reading the file…"


def _error_text(error: BaseException) -> str:
    if isinstance(error, ScrchronError):
        return error_text(error)
    return str(error) or type(error).__name__


#: The preview's Event column (Action / outcome follows it); both share the width left.
PREVIEW_EVENT = 4
#: The widest a short column (a long date as written) is drawn, in characters.
PREVIEW_DATE_CHARS = 24


class _Page(QWizardPage):
    def wizard_(self) -> ImportSteps:
        return cast(ImportSteps, self.wizard())

    def note(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


class AgencyPage(_Page):
    """Whose chronology is this? A new agency (the default), or one already in the review.

    A file is never taken for an agency already in the review unless the reviewer
    chooses that agency; replacing its chronology takes a second, explicit choice
    (the tick box) and is confirmed before anything is imported.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Which agency sent this chronology?")
        self.new_button = QRadioButton("A ne&w agency:", self)
        self.existing_button = QRadioButton("An agency &already in this review:", self)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.new_button)
        self.choice.addButton(self.existing_button)
        self.existing = QComboBox(self)
        self.existing.setAccessibleName("Existing agency")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Police, Health Visiting, GP practice")
        self.name.setAccessibleName("New agency name")
        self.colour_button = QPushButton("Colour…", self)
        self.colour_button.setAutoDefault(False)
        self.colour = ""
        self.replace = QCheckBox("This is a corrected &version: replace the earlier submission", self)
        self.replace.setToolTip("Entries still there keep your notes and links; new ones are "
                                "added; ones the agency took out are marked withdrawn. "
                                "Edit > Undo puts the earlier version back.")
        self.earlier = self.note()
        self.template_note = self.note()
        self.template_note.setAccessibleName("Template")
        self.checking = False
        self._lay_out()
        self.existing_button.toggled.connect(lambda _on: self._update())
        self.existing.currentIndexChanged.connect(lambda _i: self._update())
        self.name.textChanged.connect(lambda _text: self._update())
        self.replace.toggled.connect(lambda _on: self._update_note())
        self.colour_button.clicked.connect(lambda _checked=False: self._choose_colour())

    def _lay_out(self) -> None:
        new_row = QHBoxLayout()
        new_row.addWidget(self.name, 1)
        new_row.addWidget(self.colour_button)
        layout = QFormLayout(self)
        layout.addRow(self.new_button, new_row)
        layout.addRow(self.existing_button, self.existing)
        layout.addRow(self.replace)
        layout.addRow(self.earlier)
        layout.addRow(self.template_note)
        QWidget.setTabOrder(self.new_button, self.name)

    def initializePage(self) -> None:
        """A new agency named from the file, with the next colour; focus on its name."""
        wizard = self.wizard_()
        agencies = wizard.session.case.agencies()
        self.existing.clear()
        for agency in agencies:
            self.existing.addItem(colour_chip(agency.colour), agency.name, agency.id)
        self.existing_button.setEnabled(bool(agencies))
        self.new_button.setChecked(True)
        self.name.setText(agency_name_from_file(wizard.plan.path))
        self.colour = AGENCY_PALETTE[len(agencies) % len(AGENCY_PALETTE)]
        self._update()
        QTimer.singleShot(0, self._focus_name)  # after QWizard has focused the page's first button
        self._check_template()

    def _check_template(self) -> None:
        """Read the file's hidden marker: a returned template names its own agency."""
        wizard = self.wizard_()
        wizard.plan.template = TemplateCheck()
        self.template_note.clear()
        if read_marker(wizard.plan.path) is None:  # most files: one small look, no waiting
            return
        self.checking = True
        self.completeChanged.emit()
        run_task(template_work(wizard.plan.path, wizard.session.case), self._template_read,
                 lambda _error: self._template_read(TemplateCheck()), parent=self)  # unreadable: the next page says

    def _template_read(self, check: TemplateCheck) -> None:
        self.checking = False
        self.wizard_().plan.template = check
        if check.ours and check.marker is not None:
            self._choose_agency(check.marker.agency)
        words = html.escape(check.words(), quote=False)
        self.template_note.setText(f"<b>{words}</b>" if check.refused else words)
        self.completeChanged.emit()

    def _choose_agency(self, name: str) -> None:
        index = next((n for n in range(self.existing.count())
                      if self.existing.itemText(n).casefold() == name.casefold()), -1)
        if index >= 0:
            self.existing_button.setChecked(True)
            self.existing.setCurrentIndex(index)
        else:
            self.new_button.setChecked(True)
            self.name.setText(name)
        self._update()

    def _focus_name(self) -> None:
        if self.name.isEnabled():
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            self.name.selectAll()

    def _choose_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self, "Agency colour")
        if chosen.isValid():
            self.colour = chosen.name().upper()
            self._update()

    def _update(self) -> None:
        new = self.new_button.isChecked()
        self.existing.setEnabled(not new)
        self.name.setEnabled(new)
        self.colour_button.setEnabled(new)
        self.colour_button.setIcon(colour_chip(self.colour) if self.colour else QIcon())
        earlier = [] if new else self._earlier_submissions()
        self.replace.setVisible(bool(earlier))
        if not earlier:
            self.replace.setChecked(False)  # replacing is never carried over from another choice
        self._update_note()
        self.completeChanged.emit()

    def _update_note(self) -> None:
        new = self.new_button.isChecked()
        earlier = [] if new else self._earlier_submissions()
        if new and self._taken():
            text = (f"An agency called {self.agency_name()} is already in this review. This file's "
                    "entries will be added to it. To replace its chronology with this corrected "
                    "version, choose it under “An agency already in this review”.")
        elif earlier and not self.replace.isChecked():
            text = ("Already imported from this agency: " + ", ".join(earlier)
                    + ". This file's entries will be added beside them.")
        elif earlier:
            text = ("Already imported from this agency: " + ", ".join(earlier)
                    + ". <b>This file will replace it</b>: you will see what changes before "
                    "anything is imported.")
        else:
            text = ""
        self.earlier.setText(text)

    def _taken(self) -> bool:
        return self.wizard_().session.case.find_agency(self.agency_name()) is not None

    def _earlier_submissions(self) -> list[str]:
        agency_id = self.existing.currentData()
        if agency_id is None:
            return []
        submissions = self.wizard_().session.case.submissions(int(agency_id))
        return [f"{s.file_name} (version {s.version})" for s in submissions if s.status == "current"]

    def agency_name(self) -> str:
        """The agency chosen or typed."""
        return (self.name.text() if self.new_button.isChecked() else self.existing.currentText()).strip()

    def isComplete(self) -> bool:
        """An agency must be named (and the file must not be another review's template)."""
        plan = self.wizard_().plan if self.wizard() is not None else None
        refused = plan is not None and bool(plan.template.refused)
        return bool(self.agency_name()) and not self.checking and not refused

    def nextId(self) -> int:
        """A template returned as sent goes straight to the preview: no table or mapping to choose."""
        wizard = self.wizard()
        if self.wizard_().plan.template.unchanged:
            return next(n for n in wizard.pageIds() if isinstance(wizard.page(n), PreviewPage))
        return super().nextId()

    def validatePage(self) -> bool:
        """Write the choice into the plan."""
        plan = self.wizard_().plan
        case = self.wizard_().session.case
        plan.agency = self.agency_name()
        existing = case.find_agency(plan.agency)
        plan.new_agency = existing is None
        plan.colour = self.colour if plan.new_agency else ""
        plan.saved_mapping = dict(existing.mapping) if existing else {}
        if plan.template.ours:  # the columns as the template sent them
            plan.saved_mapping = plan.template.mapping
        plan.replace = (bool(existing) and self.existing_button.isChecked()
                        and self.replace.isVisible() and self.replace.isChecked())
        return True


class _ReadingPage(_Page):
    """A page that reads the file in the background when shown."""

    def __init__(self) -> None:
        super().__init__()
        self.status = self.note()
        self.task: Task | None = None
        self.ready = False

    def read(self, work: Any, on_done: Any) -> None:
        self.ready = False
        self.status.setText(READING)
        self.completeChanged.emit()

        def done(result: Any) -> None:
            on_done(result)
            self.ready = True
            self.completeChanged.emit()

        self.task = run_task(work, done, self._failed, parent=self)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(f"<b>This file cannot be read.</b><br>{_error_text(error)}")
        self.ready = False
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Complete once the file has been read."""
        return self.ready


class TablePage(_ReadingPage):
    """Which sheet or table holds the chronology?"""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Which sheet or table holds the chronology?")
        self.tables = QListWidget(self)
        self.tables.setAccessibleName("Sheets and tables")
        self.tables.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tables, 1)

    def initializePage(self) -> None:
        """Read the list of sheets or tables."""
        self.tables.clear()
        self.read(tables_work(self.wizard_().plan), self._show)

    def _show(self, tables: list[SourceTable]) -> None:
        self.wizard_().plan.tables = tables
        for table in tables:
            hidden = " (hidden)" if table.hidden else ""
            item = QListWidgetItem(f"{table.name}{hidden}: {len(table.rows):,} rows")
            self.tables.addItem(item)
        self.status.setText(f"{self.wizard_().plan.path.name} has {len(tables)} "
                            f"{'table' if len(tables) == 1 else 'sheets or tables'}.")
        self.tables.setCurrentRow(self._best(tables))

    @staticmethod
    def _best(tables: list[SourceTable]) -> int:
        visible = [n for n, table in enumerate(tables) if not table.hidden]
        return max(visible or [0], key=lambda n: len(tables[n].rows) if tables else 0)

    def isComplete(self) -> bool:
        """A table must be chosen."""
        return self.ready and self.tables.currentRow() >= 0

    def validatePage(self) -> bool:
        """Remember the table (1-based, as the importers count)."""
        self.wizard_().plan.table = self.tables.currentRow() + 1
        return True


class PreviewPage(_ReadingPage):
    """The first rows as they would be imported, dates read and doubtful ones shaded."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check the first rows")
        self.setSubTitle("Shaded rows have a date worth checking. Nothing is imported until you press Import.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(PREVIEW_EVENT, QHeaderView.ResizeMode.Stretch)
        #: What replacing the agency's chronology will do (None when nothing is replaced).
        self.replacement: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        """Read the file with the chosen mapping."""
        wizard = self.wizard_()
        self.replacement = None
        wizard.plan.prepared = None  # the mapping may have changed: prepare again
        self.read(preview_work(wizard.plan, wizard.session.case), self._show)

    def _size_columns(self) -> None:
        """Short columns fit their contents (a long date as written is cut short, its tooltip
        whole); the event and the action share the rest, so every column is in view."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widest = self.fontMetrics().averageCharWidth() * PREVIEW_DATE_CHARS
        for column in range(header.count()):
            text_column = column in (PREVIEW_EVENT, PREVIEW_EVENT + 1)
            mode = QHeaderView.ResizeMode.Stretch if text_column else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
            if not text_column and header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    def _show(self, preview: Preview) -> None:
        self.wizard_().plan.prepared = preview.prepared
        parsed, entries = preview.parsed, preview.entries
        self.model.set_entries(entries)
        self._size_columns()
        doubtful = sum(1 for entry in entries if needs_attention(entry.flags, entry.start, entry.uncertain))
        skipped = sum(parsed.skipped.values())
        self.replacement = None
        if preview.replacement is not None:
            self.replacement = replacement_text(self.wizard_().plan.agency, preview.replacement,
                                                self._sources())
        self.status.setText(
            (f"<b>{html.escape(self.replacement)}</b><br>" if self.replacement else "")
            + f"{len(entries):,} entries will be imported"
            + (f", {skipped:,} rows skipped" if skipped else "")
            + f". {doubtful:,} {'date needs' if doubtful == 1 else 'dates need'} checking."
            + (" " + html.escape(" ".join(parsed.warnings)) if parsed.warnings else ""))
        self.wizard().setFocus()  # Enter presses the wizard's default button (Import)

    def _sources(self) -> list[str]:
        case = self.wizard_().session.case
        agency = case.find_agency(self.wizard_().plan.agency)
        submissions = case.submissions(agency.id) if agency is not None else []
        return [f"{s.file_name} (version {s.version})" for s in submissions if s.status == "current"]

    def validatePage(self) -> bool:
        """A replacement is imported only after the reviewer confirms what it will do."""
        if self.replacement is None:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "Replace the earlier version?",
                          self.replacement + "\n\nEdit > Undo puts the earlier version back.",
                          QMessageBox.StandardButton.Cancel, self)
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace


class ImportPage(_Page):
    """The import itself, with progress and Stop, then what it did."""

    show_attention = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Importing")
        self.progress = QProgressBar(self)
        self.stop = QPushButton("S&top import", self)
        self.stop.setAutoDefault(False)  # Enter never stops an import: it means Finish
        self.summary = self.note()
        self.attention_button = QPushButton("Show entries needing &attention", self)
        self.attention_button.setAutoDefault(False)
        self.attention_button.hide()
        self.check_button = QPushButton("&Return check…", self)
        self.check_button.setAccessibleName("Return check")
        self.check_button.setToolTip("Write what the agency should correct (missing or unreadable dates, "
                                     "missing sources, names instead of roles, analysis among the facts) to a "
                                     "Word or Excel file to send back")
        self.check_button.setAutoDefault(False)  # Enter means Finish
        self.check_button.hide()
        self.check_note = self.note()
        self.check_note.setAccessibleName("Return check written")
        self.check_button.clicked.connect(lambda _checked=False: self.write_return_check())
        self.result: ImportSummary | None = None
        self.task: Task | None = None
        self.stop.clicked.connect(lambda _checked=False: self._stop())
        self.attention_button.clicked.connect(
            lambda _checked=False: self.show_attention.emit(self.wizard_().plan.agency))
        #: The agency as it was before a replacement (undo puts it back).
        self.before: AgencyState | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.attention_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.check_note)
        layout.addStretch(1)

    def initializePage(self) -> None:
        """Start the import in the background."""
        wizard = self.wizard_()
        self.result = None
        self.progress.setRange(0, 0)
        self.stop.setEnabled(True)
        self.stop.show()
        self.before = None
        agency = wizard.session.case.find_agency(wizard.plan.agency)
        if wizard.plan.replace and agency is not None:
            self.before = agency_state(wizard.session.case, agency.id)
        wizard.set_busy(True)
        self.task = run_task(import_work(wizard.plan, wizard.session.case), self._done,
                             self._failed, self._progress, parent=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.stop.setEnabled(False)
            self.summary.setText("Stopping…")

    def _done(self, summary: ImportSummary) -> None:
        self.result = summary
        self.setTitle("Imported")
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.stop.hide()
        case = self.wizard_().session.case
        attention = len(attention_ids(case, EntryQuery(agencies=[summary.agency])))
        self.summary.setText(summary_text(summary, attention))
        self.attention_button.setVisible(attention > 0)
        self.check_button.setVisible(not summary.dry_run and summary.imported > 0)
        self.check_note.clear()
        self.wizard_().imported(summary, self.before)
        self.wizard_().set_busy(False)
        self.completeChanged.emit()
        finish = self.wizard().button(QWizard.WizardButton.FinishButton)
        if isinstance(finish, QPushButton):
            finish.setDefault(True)
            finish.setFocus()

    def write_return_check(self) -> None:
        """Ask where to write the agency's return check (.docx or .xlsx) and write it there."""
        wizard = self.wizard_()
        agency = wizard.plan.agency
        start = wizard.plan.path.with_name(f"{agency} return check.docx")
        name, _ = QFileDialog.getSaveFileName(self, f"Return check for {agency}", str(start),
                                              "Word document (*.docx);;Excel workbook (*.xlsx)")
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() not in (".docx", ".xlsx"):
            out = out.with_name(out.name + ".docx")
        self.check_note.setText("Checking the return…")
        run_task(return_check_work(wizard.session.case, agency, out),
                 lambda check: self.check_note.setText(html.escape(
                     f"Wrote {out.name} in {out.parent}: {len(check.problems)} "
                     f"{'point' if len(check.problems) == 1 else 'points'} for {check.agency} to check in "
                     f"{check.rows} rows. {template_words(check)}")),
                 lambda error: self.check_note.setText(f"<b>The return check was not written.</b> "
                                                       f"{html.escape(_error_text(error))}"), parent=self)

    def _failed(self, error: BaseException) -> None:
        self.setTitle("Not imported")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.stop.hide()
        self.summary.setText(f"{_error_text(error)}<br>Nothing was changed in the case file.")
        self.wizard_().set_busy(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Finish is offered once the import has ended, whichever way."""
        return self.task is not None and self.task.done


def summary_text(summary: ImportSummary, attention: int) -> str:
    """What an import did, in the reviewer's words (rich text)."""
    lines = [f"<b>{summary.imported:,} entries imported</b> from {summary.file} for {summary.agency}."]
    if summary.replaced:
        lines.append(f"Corrected version {summary.version}: {summary.unchanged:,} unchanged, "
                     f"{summary.changed:,} changed, {summary.added:,} new, "
                     f"{summary.withdrawn:,} withdrawn.")
    skipped = sum(summary.skipped.values())
    if skipped:
        why = ", ".join(f"{count:,} {reason}" for reason, count in summary.skipped.items())
        lines.append(f"{skipped:,} rows skipped: {why}.")
    lines.append(f"{attention:,} {'date needs' if attention == 1 else 'dates need'} your attention"
                 + (f" ({summary.undated:,} with no date read)." if summary.undated else "."))
    lines.extend(summary.warnings)
    return "<br>".join(lines)
