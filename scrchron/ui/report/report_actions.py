"""File > Report settings… and File > Read back an edited draft….

The settings dialog changes the title page's and headers' settings through
``update_report_settings`` as one undoable change; Cancel changes nothing. The
read-back reads the edited .docx in the background (the core reads it in the
importers' cage), shows section by section what changed in Word, and takes only
the sections the reviewer ticks, as one undoable change. Nothing is ticked when
the dialog opens and Cancel is its default button, so Enter never takes changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ScrchronError
from scrchron.export.read_back import Comment, OutsideEdit, ReadBack, SectionChange, read_back
from scrchron.export.report_settings import STATUSES, ReportSettings, report_settings
from scrchron.ui.report.report_page import ReportPage
from scrchron.ui.report.report_undo import ChangeReportSettings, TakeReadBack
from scrchron.ui.widgets import commands
from scrchron.ui.widgets.error_dialogs import show_error
from scrchron.ui.widgets.tasks import Cancelled, Progress, run_task, with_case
from scrchron.ui.window import settings
from scrchron.ui.window.review_window import ReviewWindow

DRAFT_FILTER = "Word documents (*.docx)"


def add_report_actions(window: ReviewWindow, menu: QMenu) -> list[QAction]:
    """Add Report settings… and Read back an edited draft… to ``menu``; the page's button opens the settings."""
    edit = window.make_action("Re&port settings…", lambda: edit_report_settings(window))
    take = window.make_action("Read &back an edited draft…", lambda: read_back_draft(window))
    menu.addActions([edit, take])
    page = window.workspace.findChild(ReportPage)
    if page is not None:
        page.settings_button.clicked.connect(lambda _checked=False: edit.trigger())
    return [edit, take]


# -- report settings --------------------------------------------------------------------


#: The layout choices as the dialog words them.
INVOLVEMENT_WORDS = {"by-agency": "agency by agency", "by-period": "period by period (episodes, or years)"}
RECOMMENDATION_WORDS = {"apart": "in their own section", "with-findings": "also under the findings they answer"}


class ReportSettingsDialog(QDialog):
    """The report's settings: partnership, commissioner, author, version, status, marking, panel."""

    def __init__(self, current: ReportSettings, save: Callable[[dict[str, object]], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle("Report settings")
        self.setMinimumWidth(520)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, value in (("partnership", "&Partnership:", current.partnership),
                                  ("commissioned_by", "Commissioned &by:", current.commissioned_by),
                                  ("author", "&Author:", current.author), ("version", "&Version:", current.version),
                                  ("marking", "Protective &marking:", current.marking)):
            field = QLineEdit(value, self)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.fields[key] = field
            form.addRow(label, field)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status")
        self.status.addItems(list(STATUSES))
        self.status.setCurrentText(current.status)
        form.insertRow(4, "S&tatus:", self.status)
        self.involvement = self._choice("Agency involvement", INVOLVEMENT_WORDS, current.involvement)
        form.addRow("Agency &involvement told:", self.involvement)
        self.recommendations = self._choice("Recommendations", RECOMMENDATION_WORDS, current.recommendations)
        form.addRow("&Recommendations:", self.recommendations)
        self.panel = QPlainTextEdit("\n".join(current.panel), self)
        self.panel.setAccessibleName("Panel members")
        self.panel.setTabChangesFocus(True)
        self.panel.setPlaceholderText("One a line: Name, role")
        form.addRow("Pa&nel members\n(one a line, “Name, role”):", self.panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choice(self, name: str, words: dict[str, str], current: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        for value, text in words.items():
            box.addItem(text, value)
        box.setCurrentIndex(max(0, list(words).index(current) if current in words else 0))
        return box

    def accept(self) -> None:
        """OK or Enter: saved, and the dialog closes; a refused value keeps it open (the reviewer is told why)."""
        if self._save(self.changes()):
            super().accept()

    def changes(self) -> dict[str, object]:
        """The settings as the dialog now has them (``update_report_settings``'s arguments)."""
        values: dict[str, object] = {key: field.text() for key, field in self.fields.items()}
        values["status"] = self.status.currentText()
        values["involvement"] = self.involvement.currentData()
        values["recommendations"] = self.recommendations.currentData()
        values["panel"] = [line.strip() for line in self.panel.toPlainText().splitlines() if line.strip()]
        return values


def edit_report_settings(window: ReviewWindow) -> ReportSettingsDialog | None:
    """File > Report settings…: OK (or Enter) saves them as one undoable change."""
    session = window.session
    if session is None:
        return None

    def save(changes: dict[str, object]) -> bool:
        command = ChangeReportSettings(session, changes)
        if command.before == {**command.before, **changes}:
            return True  # OK on settings as they were: nothing to change or undo
        try:
            commands.apply(command)
        except ScrchronError as error:
            show_error(dialog, error)
            return False
        window.statusBar().showMessage("Report settings saved.", 8000)
        return True

    dialog = ReportSettingsDialog(report_settings(session.case), save, window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# -- read back -----------------------------------------------------------------------------


def read_back_draft(window: ReviewWindow, path: Path | None = None) -> None:
    """File > Read back an edited draft…: choose the .docx, read it in the background, show what changed."""
    session = window.session
    if session is None:
        return
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(window, "Read back an edited draft", str(settings.last_folder()),
                                              DRAFT_FILTER)
        if not name:
            return
        path = Path(name)
    chosen = path

    def call(own: Any, _progress: Progress, _cancelled: Cancelled) -> ReadBack:
        return read_back(own, chosen)

    def done(result: ReadBack) -> None:
        if window.session is session:
            show_read_back(window, result)

    def failed(error: BaseException) -> None:
        show_error(window, error if isinstance(error, ScrchronError) else str(error))

    window.statusBar().showMessage(f"Reading {chosen.name}…", 5000)
    run_task(with_case(session.case, call), done, failed, parent=window)


def show_read_back(window: ReviewWindow, result: ReadBack) -> ReadBackDialog:
    """Show what changed in the draft; the ticked sections are taken as one undoable change."""
    session = window.session
    assert session is not None
    dialog = ReadBackDialog(result, not session.read_only, window)

    def take() -> None:
        keys = dialog.ticked()
        if not keys:
            return
        try:
            commands.apply(TakeReadBack(session, result, keys))
        except ScrchronError as error:
            show_error(window, error)
            return
        window.statusBar().showMessage(f"Took {len(keys)} section{'s' if len(keys) != 1 else ''} "
                                       f"from {result.file}.", 10000)
        window.bring_into_view(commands.Where("report", 0, keys[0]))

    dialog.accepted.connect(take)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class ReadBackDialog(QDialog):
    """Section by section what changed in Word, a tick per change (none ticked), and the text outside."""

    def __init__(self, result: ReadBack, writable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Read back {result.file}")
        self.resize(900, 620)
        self.ticks: dict[str, QCheckBox] = {}
        body = QWidget(self)
        rows = QVBoxLayout(body)
        changes = result.changes
        for change in changes:
            rows.addWidget(self._section(change, writable))
        if result.outside or result.removed_outside or result.outside_comments or not result.outside_checked:
            rows.addWidget(self._outside(result))
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName("What changed in Word")
        summary = QLabel(self._summary(result, writable), self)
        summary.setAccessibleName("Read-back summary")
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.take_button = QPushButton("&Take the ticked changes", self)
        self.take_button.setAccessibleName("Take the ticked changes")
        self.take_button.setAutoDefault(False)
        self.take_button.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter never takes changes
        if changes and writable:
            buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        cancel.setFocus()

    @staticmethod
    def _summary(result: ReadBack, writable: bool) -> str:
        count = len(result.changes)
        if not count:
            return f"No section of {result.file} differs from the case; nothing to take."
        told = f"{count} section{'s' if count != 1 else ''} of {result.file} changed in Word. "
        if not writable:
            return told + "The review is open read-only, so nothing can be taken."
        return told + "Tick each section to take into the case, then press Take the ticked changes."

    def _section(self, change: SectionChange, writable: bool) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(f"Change to {change.heading}")
        layout = QVBoxLayout(frame)
        what = change.status if change.changed else "comments changed"
        tick = QCheckBox(f"Take “{change.heading}” ({what})", frame)
        tick.setAccessibleName(f"Take {change.heading}")
        tick.setEnabled(writable)
        tick.toggled.connect(lambda _on: self.take_button.setEnabled(bool(self.ticked())))
        self.ticks[change.key] = tick
        layout.addWidget(tick)
        if change.changed:
            row = QHBoxLayout()
            row.addWidget(self._words("In the case now", change.before, change.heading))
            row.addWidget(self._words("In the edited draft", change.after, change.heading))
            layout.addLayout(row)
        lines = [f"Tracked {t.kind} by {t.author or 'someone'}: “{t.text}”" for t in change.tracked]
        lines += [_comment_line(c) for c in change.comments]
        lines += change.notes
        if lines:
            layout.addWidget(self._note("\n".join(lines), f"Tracked changes and comments in {change.heading}"))
        return frame

    def _words(self, caption: str, text: str, heading: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(caption + ":", box))
        words = QPlainTextEdit(text, box)
        words.setReadOnly(True)
        words.setAccessibleName(f"{caption}: {heading}")
        words.setMaximumHeight(140)
        layout.addWidget(words)
        return box

    def _note(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        return label

    def _outside(self, result: ReadBack) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.addWidget(QLabel("Edited outside any section (shown here, not taken; copy it into a "
                                "section if it belongs in the report):", frame))
        lines = [_outside_line(edit) for edit in result.outside]
        if result.removed_outside:
            lines.append(f"{result.removed_outside} paragraph(s) or table row(s) of the exported draft are gone.")
        lines += [_comment_line(c) for c in result.outside_comments]
        if not result.outside_checked:
            lines.append("The text outside the sections could not be compared with the exported draft.")
        layout.addWidget(self._note("\n".join(lines), "Edited outside any section"))
        return frame

    def ticked(self) -> list[str]:
        """The keys of the sections the reviewer ticked, in report order."""
        return [key for key, tick in self.ticks.items() if tick.isChecked()]


def _comment_line(comment: Comment) -> str:
    on = f" on “{comment.on}”" if comment.on else ""
    return f"Comment by {comment.author or 'someone'}{on}: {comment.text}"


def _outside_line(edit: OutsideEdit) -> str:
    near = f" (near “{edit.near}”)" if edit.near else ""
    return f"“{edit.text}”{near}"
