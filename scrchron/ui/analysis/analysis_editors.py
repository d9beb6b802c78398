"""The forms for episodes, findings, recommendations and actions.

Each form reads its record, offers the case's lists (themes, episodes, findings,
recommendations) as choices, and turns a Save into one undoable command. The
core checks the values (``scrchron.analysis.operations``); the form only gathers them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.analysis import operations
from scrchron.errors import ValidationError
from scrchron.records.analysis_records import ACTION_STATUSES, Action, Episode, Finding, Recommendation
from scrchron.store import EntryQuery, list_entries
from scrchron.ui.analysis.analysis_section import CheckList, RecordEditor, text_box
from scrchron.ui.analysis.analysis_undo import AddRecord, EditRecord, MoveRecord, changed_only
from scrchron.ui.chronology.entry_picker import EntryPicker, entry_line
from scrchron.ui.widgets.commands import CaseCommand
from scrchron.ui.widgets.date_field import OptionalDateField, check_dates
from scrchron.ui.window.session import Session

#: Owners offered besides the case's agencies (a reviewer may type any other).
PARTNERSHIP = "Safeguarding partnership"


def save_command(session: Session, record: Any, noun: str, values: dict[str, Any], add: Any,
          remove: Any, get: Any, update: Any, *first: str) -> CaseCommand | None:
    """An AddRecord for a new record or an EditRecord of what changed (None: nothing did).

    ``first`` names the values passed positionally to ``add`` (after the case).
    """
    if record is None:
        args = [values.pop(name) for name in first]
        return AddRecord(session, f"Add {noun}", add, remove, *args, **values)
    changes = changed_only(record, values)
    if not changes:
        return None
    return EditRecord(session, f"Edit {noun} {getattr(record, 'number', '')}".rstrip(),
                      get, update, record.id, changes)


class EpisodeEditor(RecordEditor):
    """A key practice episode: title, period, its entries, and the reviewer's texts about it.

    Entries are added with "Add entries…" (a picker over the chronology, the episode's
    period first) and taken out with "Remove from episode"; Save keeps the list.
    """

    noun = "episode"
    table = "episodes"
    show_entries = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.title = QLineEdit(self)
        self.period_from = OptionalDateField("episode start", self)
        self.period_to = OptionalDateField("episode end", self)
        self.summary = text_box(self, 4)
        self.analysis = text_box(self, 5)
        self.good_practice = text_box(self, 3)
        self.questions = text_box(self, 3)
        self.entry_ids: list[int] = []
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName("Episode entries")
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.entry_list.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 14)
        self.entries = QLabel(self)
        self.entries.setWordWrap(True)
        self.add_entries = QPushButton("Add entries…", self)
        self.remove_entries = QPushButton("Remove from episode", self)
        self.show_button = QPushButton("Show entries in the chronology", self)
        for button in (self.add_entries, self.remove_entries, self.show_button):
            button.setAutoDefault(False)
        self.add_entries.clicked.connect(lambda _checked=False: self.pick_entries())
        self.remove_entries.clicked.connect(lambda _checked=False: self.remove_chosen())
        self.show_button.clicked.connect(lambda _checked=False: self._show_entries())
        for label, field in (("Title", self.title), ("From", self.period_from), ("To", self.period_to),
                             ("Summary", self.summary), ("Analysis", self.analysis),
                             ("Good practice", self.good_practice),
                             ("Questions for agencies", self.questions)):
            self.form.addRow(label, field)
        self.form.addRow("Entries", self._entries_box())

    def _entries_box(self) -> QWidget:
        box = QWidget(self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_entries, self.remove_entries, self.show_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entries)
        layout.addWidget(self.entry_list)
        layout.addLayout(buttons)
        return box

    def refresh_choices(self, session: Session) -> None:
        """Keep the session: the picker reads the chronology."""
        self.session = session

    def load(self, record: Episode | None) -> None:
        """Show an episode (None: a new one)."""
        episode = record or Episode("")
        self.title.setText(episode.title)
        self.period_from.set_iso(episode.period_from)
        self.period_to.set_iso(episode.period_to)
        for name in ("summary", "analysis", "good_practice", "questions"):
            getattr(self, name).setPlainText(getattr(episode, name))
        self.set_entry_ids(list(episode.entries))
        self.show_button.setVisible(bool(record and episode.entries))

    def set_entry_ids(self, ids: list[int]) -> None:
        """Show these entries as the episode's (not saved until Save)."""
        self.entry_ids = list(dict.fromkeys(ids))
        self.entry_list.clear()
        if self.session is not None and self.entry_ids:
            query = EntryQuery(ids=self.entry_ids, include_hidden=True)
            for entry in list_entries(self.session.case, query):
                item = QListWidgetItem(entry_line(entry), self.entry_list)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                item.setToolTip(entry.event)
        count = len(self.entry_ids)
        self.entries.setText(f"{count} {'entry' if count == 1 else 'entries'}" if count else
                             "No entries yet: “Add entries…”, or select entries in the chronology "
                             "and press Ctrl+E.")
        self.remove_entries.setEnabled(bool(count))

    def pick_entries(self) -> EntryPicker | None:
        """Add entries chosen from the chronology (the episode's period listed first)."""
        if self.session is None:
            return None
        picker = EntryPicker(self.session.case, self.entry_ids,
                             (self.period_from.iso(), self.period_to.iso()), self)
        picker.accepted.connect(lambda: self.set_entry_ids(self.entry_ids + picker.chosen()))
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def remove_chosen(self) -> None:
        """Take the entries selected in the list out of the episode (until Save)."""
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in self.entry_list.selectedItems()}
        self.set_entry_ids([entry_id for entry_id in self.entry_ids if entry_id not in chosen])

    def _show_entries(self) -> None:
        if self.record is not None:
            self.show_entries.emit(self.record.id)

    def values(self) -> dict[str, Any]:
        """The form's values, named as ``add_episode`` and ``update_episode`` take them."""
        check_dates(self.period_from, self.period_to)
        return {"title": self.title.text(), "period_from": self.period_from.iso(),
                "period_to": self.period_to.iso(), "summary": self.summary.toPlainText(),
                "analysis": self.analysis.toPlainText(),
                "good_practice": self.good_practice.toPlainText(),
                "questions": self.questions.toPlainText(), "entries": list(self.entry_ids)}

    def command(self, session: Session) -> CaseCommand | None:
        """Add or edit the episode."""
        return save_command(session, self.record, "episode", self.values(), operations.add_episode,
                     operations.remove_episode, operations.get_episode, operations.update_episode, "title")

    def move_command(self, session: Session, to: int) -> CaseCommand | None:
        """Renumber the episode."""
        return MoveRecord(session, f"Move episode {self.record.number} to {to}", operations.move_episode,
                          self.record.id, self.record.number, to)


class FindingEditor(RecordEditor):
    """A finding: title, narrative, themes, and the episodes that evidence it."""

    noun = "finding"
    table = "findings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(self)
        self.narrative = text_box(self, 8)
        self.themes = CheckList(self, 9)
        self.episodes = CheckList(self, 5)
        for label, field in (("Title", self.title), ("Narrative", self.narrative),
                             ("Themes", self.themes), ("Evidence: episodes", self.episodes)):
            self.form.addRow(label, field)

    def refresh_choices(self, session: Session) -> None:
        """Offer the case's themes and episodes."""
        self.themes.set_choices([(t.name, t.name) for t in operations.list_themes(session.case)])
        self.episodes.set_choices([(e.id, f"{e.number}. {e.title}")
                                   for e in operations.list_episodes(session.case)])

    def load(self, record: Finding | None) -> None:
        """Show a finding (None: a new one)."""
        finding = record or Finding("")
        self.title.setText(finding.title)
        self.narrative.setPlainText(finding.narrative)
        self.themes.set_checked(finding.themes)
        self.episodes.set_checked(finding.episodes)

    def command(self, session: Session) -> CaseCommand | None:
        """Add or edit the finding."""
        values = {"title": self.title.text(), "narrative": self.narrative.toPlainText(),
                  "themes": self.themes.checked(), "episodes": self.episodes.checked()}
        return save_command(session, self.record, "finding", values, operations.add_finding,
                     operations.remove_finding, operations.get_finding, operations.update_finding, "title")

    def move_command(self, session: Session, to: int) -> CaseCommand | None:
        """Renumber the finding."""
        return MoveRecord(session, f"Move finding {self.record.number} to {to}", operations.move_finding,
                          self.record.id, self.record.number, to)


def owner_combo(parent: QWidget) -> QComboBox:
    """An owner: one of the case's agencies, the partnership, or typed in."""
    combo = narrow_combo(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


def narrow_combo(parent: QWidget) -> QComboBox:
    """A drop-down list that a long choice (a recommendation's whole text) cannot widen past
    the form: it takes the width there is, and its list shows each choice whole."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


def fill_owners(combo: QComboBox, session: Session) -> None:
    """Offer the case's agencies and the partnership, keeping what is typed."""
    text = combo.currentText()
    combo.clear()
    combo.addItems(["", PARTNERSHIP, *(a.name for a in session.case.agencies())])
    combo.setCurrentText(text)


class RecommendationEditor(RecordEditor):
    """A recommendation: its text, owner, and the findings it answers."""

    noun = "recommendation"
    table = "recommendations"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text_box(self, 6)
        self.owner = owner_combo(self)
        self.findings = CheckList(self, 6)
        for label, field in (("Recommendation", self.text), ("Owner", self.owner),
                             ("Answers findings", self.findings)):
            self.form.addRow(label, field)

    def refresh_choices(self, session: Session) -> None:
        """Offer owners and the case's findings."""
        fill_owners(self.owner, session)
        self.findings.set_choices([(f.id, f"{f.number}. {f.title}")
                                   for f in operations.list_findings(session.case)])

    def load(self, record: Recommendation | None) -> None:
        """Show a recommendation (None: a new one)."""
        recommendation = record or Recommendation("")
        self.text.setPlainText(recommendation.text)
        self.owner.setCurrentText(recommendation.owner)
        self.findings.set_checked(recommendation.findings)

    def command(self, session: Session) -> CaseCommand | None:
        """Add or edit the recommendation."""
        values = {"text": self.text.toPlainText(), "owner": self.owner.currentText(),
                  "findings": self.findings.checked()}
        return save_command(session, self.record, "recommendation", values, operations.add_recommendation,
                     operations.remove_recommendation, operations.get_recommendation,
                     operations.update_recommendation, "text")

    def move_command(self, session: Session, to: int) -> CaseCommand | None:
        """Renumber the recommendation."""
        return MoveRecord(session, f"Move recommendation {self.record.number} to {to}",
                          operations.move_recommendation, self.record.id, self.record.number, to)


class ActionEditor(RecordEditor):
    """An action of the plan: its recommendation, text, owner, due date, status, evidence."""

    noun = "action"
    table = "actions"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recommendation = narrow_combo(self)
        self.text = text_box(self, 4)
        self.owner = owner_combo(self)
        self.due = OptionalDateField("due date", self)
        self.status = QComboBox(self)
        self.status.addItems(list(ACTION_STATUSES))
        self.evidence = text_box(self, 4)
        for label, field in (("Recommendation", self.recommendation), ("Action", self.text),
                             ("Owner", self.owner), ("Due", self.due), ("Status", self.status),
                             ("Evidence of impact", self.evidence)):
            self.form.addRow(label, field)

    def refresh_choices(self, session: Session) -> None:
        """Offer the case's recommendations and owners."""
        fill_owners(self.owner, session)
        self.recommendation.clear()
        for rec in operations.list_recommendations(session.case):
            text = rec.text if len(rec.text) < 70 else rec.text[:69] + "…"
            self.recommendation.addItem(f"{rec.number}. {text}", rec.id)

    def load(self, record: Action | None) -> None:
        """Show an action (None: a new one)."""
        action = record or Action(0, "")
        if record is not None:
            self.recommendation.setCurrentIndex(max(0, self.recommendation.findData(action.recommendation_id)))
        self.text.setPlainText(action.text)
        self.owner.setCurrentText(action.owner)
        self.due.set_iso(action.due)
        self.status.setCurrentText(action.status)
        self.evidence.setPlainText(action.evidence)

    def command(self, session: Session) -> CaseCommand | None:
        """Add or edit the action."""
        check_dates(self.due)
        values = {"recommendation_id": self.recommendation.currentData() or 0,
                  "text": self.text.toPlainText(), "owner": self.owner.currentText(),
                  "due": self.due.iso(), "status": self.status.currentText(),
                  "evidence": self.evidence.toPlainText()}
        if not values["recommendation_id"]:
            raise ValidationError("Add a recommendation first: every action answers one.")
        return save_command(session, self.record, "action", values, operations.add_action,
                     operations.remove_action, operations.get_action, operations.update_action,
                     "recommendation_id", "text")
