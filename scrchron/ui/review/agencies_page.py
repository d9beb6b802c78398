"""The Agencies tab: each agency's record — what it sent, when its chronology is due, its summary form.

The summary form's answers (``scrchron.store.summaries``) are shown question by
question, as the report's agency summary section and the rapid review document
use them. File > Read back a summary form… puts a returned form's answers into
its agency's record (``scrchron.export.template_pack.read_summary_forms``), in the
background; the page reads the case again when it is told the agencies changed.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTextBrowser,
    QWidget,
)

from scrchron.errors import ScrchronError, ValidationError, quoted
from scrchron.export.summary_form import QUESTIONS
from scrchron.export.template_pack import AnswersExist, read_summary_forms
from scrchron.importers.template_marker import read_marker
from scrchron.records.case_records import Agency
from scrchron.review.template_returns import DETAIL, UNCHANGED
from scrchron.store import Case
from scrchron.store import milestones as stored
from scrchron.store.case import CASE_ID_SETTING
from scrchron.store.summaries import summaries
from scrchron.ui.review.timetable_page import day_text
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.jobs import Job, start_job
from scrchron.ui.widgets.tasks import Cancelled, Progress, Task, with_case
from scrchron.ui.window import settings
from scrchron.ui.window.review_window import ReviewWindow
from scrchron.ui.window.session import Session

AgencyRole = Qt.ItemDataRole.UserRole + 1
NO_FORM = "No summary form read back yet: File > Read back a summary form… puts its answers here."


class AgenciesPage(QWidget):
    """The agencies on the left, the chosen one's record on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.agencies = QListWidget(self)
        self.agencies.setAccessibleName("Agencies")
        self.agencies.currentItemChanged.connect(lambda _now, _before: self._show_record())
        self.record = QTextBrowser(self)
        self.record.setAccessibleName("Agency record")
        self.record.setOpenLinks(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.agencies, 1)
        layout.addWidget(self.record, 3)

    def set_session(self, session: Session | None) -> None:
        """Show another review's agencies (or none)."""
        if self.session is not None:
            self.session.agencies_changed.disconnect(self.refresh)
            self.session.chronology_changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.agencies_changed.connect(self.refresh)
            session.chronology_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the agencies again, keeping the one chosen."""
        chosen = self.agencies.currentItem().data(AgencyRole) if self.agencies.currentItem() else None
        self.agencies.blockSignals(True)
        self.agencies.clear()
        for agency in self.session.case.agencies() if self.session is not None else []:
            item = QListWidgetItem(agency.name)
            item.setData(AgencyRole, agency.id)
            self.agencies.addItem(item)
            if agency.id == chosen:
                self.agencies.setCurrentItem(item)
        if self.agencies.currentItem() is None and self.agencies.count():
            self.agencies.setCurrentRow(0)
        self.agencies.blockSignals(False)
        self._show_record()

    def show_agency(self, name: str) -> bool:
        """Choose an agency by name (False when the review has none of that name)."""
        for row in range(self.agencies.count()):
            if self.agencies.item(row).text().casefold() == name.casefold():
                self.agencies.setCurrentRow(row)
                return True
        return False

    def _show_record(self) -> None:
        item = self.agencies.currentItem()
        if self.session is None or item is None:
            self.record.clear()
            return
        agency = next((a for a in self.session.case.agencies() if a.id == item.data(AgencyRole)), None)
        self.record.setHtml(record_html(self.session, agency) if agency is not None else "")


def record_html(session: Session, agency: Agency) -> str:
    """The agency's record as the page shows it (everything the agency wrote escaped)."""
    case = session.case
    parts = [f"<h2>{html.escape(agency.name)}</h2>", "<h3>Chronology</h3>"]
    sent = [s for s in case.submissions(agency.id) if s.status == "current"]
    if sent:
        items = "".join(f"<li>{html.escape(s.file_name)} (version {s.version}): {s.rows_imported:,} entries, "
                        f"imported {day_text(s.imported_at)}{_template_words(s.details)}</li>" for s in sent)
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>No chronology imported yet.</p>")
    due = stored.return_for(case, agency.id)
    if due is not None and due.due:
        parts.append(f"<p>Chronology due {day_text(due.due)}.</p>")
    parts.append("<h3>Summary of involvement (the agency summary form)</h3>")
    answers = summaries(case).get(agency.id)
    if not answers:
        parts.append(f"<p><i>{html.escape(NO_FORM)}</i></p>")
        return "".join(parts)
    for key, question, _hint in QUESTIONS:
        answer = answers.get(key, "").strip()
        text = html.escape(answer).replace("\n", "<br>") if answer else "<i>(no answer)</i>"
        parts.append(f"<h4>{html.escape(question)}</h4><p>{text}</p>")
    return "".join(parts)


def _template_words(details: dict[str, str]) -> str:
    state = details.get(DETAIL, "")
    if not state:
        return ""
    return "; on the review's template, returned as sent" if state == UNCHANGED else \
        f"; on the review's template, changed: {html.escape(state)}"


def check_form(case: Case, path: Path) -> None:
    """Refuse, in the window's words, a file that is not one of this review's summary forms."""
    marker = read_marker(path)
    if marker is None or marker.form != "summary":
        what = "a chronology template: import it with File > Import agency chronologies…" if marker else \
            "not an agency summary form this review sent (it has no marker)"
        raise ValidationError(f"{quoted(path.name)} is {what}. Nothing was read.")
    if marker.case_id != case.setting(CASE_ID_SETTING):
        raise ValidationError(f"{quoted(path.name)} is the summary form of another review, '{quoted(marker.review)}' "
                              f"(sent to {quoted(marker.agency)}). Open that review to read it back; nothing was "
                              "changed here.")


def read_back_summary_forms(window: ReviewWindow, paths: list[Path] | None = None, *,
                            replace: bool = False) -> Task | None:
    """File > Read back a summary form…: put each returned form's answers into its agency's record.

    An agency's earlier answers are replaced only when the reviewer says so: asked, Keep them
    is the default (Enter reads nothing).
    """
    session = window.session
    if session is None or session.read_only:
        return None
    if paths is None:
        names, _ = QFileDialog.getOpenFileNames(window, "Read back agency summary forms",
                                                str(settings.import_folder()), "Summary forms (*.docx)")
        paths = [Path(name) for name in names]
    if not paths:
        return None
    chosen = list(paths)

    def call(case: Case, _progress: Progress, _cancelled: Cancelled) -> list[tuple[str, int]]:
        for path in chosen:  # every file is looked at before any answer is stored
            check_form(case, path)
        return read_summary_forms(case, chosen, replace=replace)

    def done(read: list[tuple[str, int]]) -> None:
        session.agencies_changed.emit()
        window.statusBar().showMessage("; ".join(f"{agency}: {answered} of {len(QUESTIONS)} questions answered"
                                                 for agency, answered in read), 15000)
        page = window.workspace.findChild(AgenciesPage)
        if page is not None:
            window.workspace.setCurrentWidget(page)
            page.show_agency(read[-1][0])

    def refused(error: ScrchronError) -> None:
        if not isinstance(error, AnswersExist):
            show_error(window, error)
        elif ask_replace(window, error):
            read_back_summary_forms(window, chosen, replace=True)

    job = Job("Reading the summary forms…", with_case(session.case, call), title="Summary forms")
    return start_job(window, job, done, on_refused=refused)


def ask_replace(parent: QWidget, error: AnswersExist) -> bool:
    """Whether to replace agencies' earlier answers (Keep them, the default, reads nothing)."""
    lines = []
    for item in error.earlier:
        source = ""
        if item.file_name:
            when = f", read {day_text(item.received_at[:10])}" if item.received_at else ""
            source = f" (from {item.file_name}{when})"
        lines.append(f"• {item.agency} already has answers{source}: {item.replaced_by} would replace them.")
    box = QMessageBox(QMessageBox.Icon.Question, "Replace earlier answers?",
                      "\n".join(lines) + "\n\nReplace them with the answers in the forms you chose? "
                      "The earlier answers stay in the review's history.", QMessageBox.StandardButton.NoButton,
                      parent)
    keep = box.addButton("Keep the earlier answers", QMessageBox.ButtonRole.RejectRole)
    replace = box.addButton("Replace them", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is replace
