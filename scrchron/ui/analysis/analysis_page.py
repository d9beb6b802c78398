"""The Analysis tab: key practice episodes, findings, recommendations and the
action plan, one sub-tab each, every one a list beside the form that edits it.

Everything is read through ``scrchron.analysis.operations`` and saved as undoable commands;
the page reads the case again whenever the session says the analysis changed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from scrchron.analysis import operations
from scrchron.records.analysis_records import ActionPlanSummary
from scrchron.ui.analysis.analysis_editors import ActionEditor, EpisodeEditor, FindingEditor, RecommendationEditor
from scrchron.ui.analysis.analysis_models import (
    ActionModel,
    episode_model,
    finding_model,
    numbers_of,
    recommendation_model,
)
from scrchron.ui.analysis.analysis_section import RecordSection
from scrchron.ui.window.appearance import follow_palette, hint_style
from scrchron.ui.window.session import Session


def summary_text(summary: ActionPlanSummary) -> str:
    """'12 actions: 5 complete, 4 in progress, 3 not started, 2 overdue'."""
    if not summary.total:
        return "No actions yet. Add a recommendation, then the actions that answer it."
    counts = summary.by_status
    noun = "action" if summary.total == 1 else "actions"
    return (f"{summary.total} {noun}: {counts.get('complete', 0)} complete, "
            f"{counts.get('in progress', 0)} in progress, {counts.get('not started', 0)} not started, "
            f"{summary.overdue} overdue")


class ActionPlanTab(QWidget):
    """The action plan table and form, under a one-line summary of progress."""

    def __init__(self, section: RecordSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.summary = QLabel(self)
        self.summary.setStyleSheet("font-weight:bold; padding:4px 0")
        self.legend = QLabel("Overdue actions are shaded and say “overdue” in their status.", self)
        follow_palette(self.legend, hint_style)
        for label in (self.summary, self.legend):
            label.setContentsMargins(6, 0, 6, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(section, 1)

    def show_summary(self, session: Session | None, today: date | None) -> None:
        """Write the summary line from ``action_plan_summary``."""
        self.summary.setText(summary_text(operations.action_plan_summary(session.case, today))
                             if session else "")


class AnalysisPage(QTabWidget):
    """Episodes, findings, recommendations and the action plan of the open review."""

    #: The reviewer asked to see an episode's entries (its id) in the chronology.
    show_episode = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.today: date | None = None  # tests fix the day; None is today
        self._numbers: dict[str, dict[int, int]] = {"episodes": {}, "findings": {}, "recommendations": {}}
        self._build_sections()
        self.addTab(self.episodes, "Ep&isodes")
        self.addTab(self.findings, "Fin&dings")
        self.addTab(self.recommendations, "Reco&mmendations")
        self.addTab(self.action_plan, "Action p&lan")

    def _build_sections(self) -> None:
        numbers = self._numbers
        self.episode_editor = EpisodeEditor()
        self.episode_editor.show_entries.connect(self.show_episode)
        self.episodes = RecordSection(episode_model(self), self.episode_editor, movable=True, parent=self)
        self.episodes.reader = lambda s: operations.list_episodes(s.case)
        self.findings = RecordSection(finding_model(lambda: numbers["episodes"], self), FindingEditor(),
                                      movable=True, parent=self)
        self.findings.reader = lambda s: operations.list_findings(s.case)
        self.recommendations = RecordSection(recommendation_model(lambda: numbers["findings"], self),
                                             RecommendationEditor(), movable=True, parent=self)
        self.recommendations.reader = lambda s: operations.list_recommendations(s.case)
        self.action_model = ActionModel(lambda: numbers["recommendations"], self)
        self.action_section = RecordSection(self.action_model, ActionEditor(), parent=self)
        self.action_section.reader = lambda s: operations.list_actions(s.case)
        self.action_section.splitter.setSizes([3000, 2400])  # the plan's table is read most; the form fits 1024 px
        self.action_plan = ActionPlanTab(self.action_section, self)

    def sections(self) -> list[RecordSection]:
        """The four list-and-form screens, in tab order."""
        return [self.episodes, self.findings, self.recommendations, self.action_section]

    def show_record(self, table: str, record_id: int) -> bool:
        """Choose the tab of ``table`` ("findings"...) and select the record there."""
        sections = {"episodes": (self.episodes, self.episodes), "findings": (self.findings, self.findings),
                    "recommendations": (self.recommendations, self.recommendations),
                    "actions": (self.action_plan, self.action_section)}
        if table not in sections:
            return False
        tab, section = sections[table]
        self.setCurrentWidget(tab)
        return section.select_id(record_id)

    def set_session(self, session: Session | None) -> None:
        """Show this case's analysis (None: no case open)."""
        self.session = session
        if session is not None:
            session.analysis_changed.connect(self.refresh)
        self._read_numbers()
        for section in self.sections():
            section.set_session(session)
        self.action_plan.show_summary(session, self.today)

    def refresh(self) -> None:
        """Read everything again (after a save, an undo, or an edit elsewhere)."""
        self._read_numbers()
        for section in self.sections():
            section.refresh()
        self.action_model.today = self.today
        self.action_plan.show_summary(self.session, self.today)

    def _read_numbers(self) -> None:
        case = self.session.case if self.session else None
        self._numbers["episodes"] = numbers_of(operations.list_episodes(case)) if case else {}
        self._numbers["findings"] = numbers_of(operations.list_findings(case)) if case else {}
        self._numbers["recommendations"] = numbers_of(operations.list_recommendations(case)) if case else {}
