"""The review's analysis screens as workspace tabs: Analysis, People, Gaps, Timeline, Timetable,
Agency records, Report.

Kept apart from the main window so it only has to ask for them; "Show entries"
on an episode filters the chronology tab to that episode and shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrchron.ui.analysis.analysis_page import AnalysisPage
from scrchron.ui.analysis.people_page import PeoplePage
from scrchron.ui.chronology.filters import ChronologyFilter
from scrchron.ui.chronology.gaps_page import GapsPage
from scrchron.ui.report.report_page import ReportPage
from scrchron.ui.review.agencies_page import AgenciesPage
from scrchron.ui.review.timetable_page import TimetablePage
from scrchron.ui.timeline.timeline_page import TimelinePage
from scrchron.ui.window.workspace import Workspace


@dataclass
class ReviewTabs:
    """The analysis screens added to a workspace."""

    analysis: AnalysisPage
    people: PeoplePage
    gaps: GapsPage
    timeline: TimelinePage
    timetable: TimetablePage
    agencies: AgenciesPage
    report: ReportPage


def add_review_tabs(workspace: Workspace) -> ReviewTabs:
    """Add the Analysis, People, Gaps, Timeline, Timetable and Agencies tabs to ``workspace``."""
    tabs = ReviewTabs(AnalysisPage(workspace), PeoplePage(workspace), GapsPage(workspace),
                      TimelinePage(workspace), TimetablePage(workspace), AgenciesPage(workspace),
                      ReportPage(workspace))
    workspace.add_page(tabs.analysis, "&Analysis")
    workspace.add_page(tabs.people, "&People")
    workspace.add_page(tabs.gaps, "&Gaps")
    workspace.add_page(tabs.timeline, "&Timeline")
    workspace.add_page(tabs.timetable, "Timeta&ble")
    workspace.add_page(tabs.agencies, "Agenc&y records")
    workspace.add_page(tabs.report, "Rep&ort")
    tabs.analysis.show_episode.connect(lambda episode_id: show_episode(workspace, episode_id))
    return tabs


def show_episode(workspace: Workspace, episode_id: int) -> None:
    """Show the chronology filtered to one episode's entries."""
    page = workspace.chronology_page
    page.filters.set_state(ChronologyFilter(episode=episode_id))
    workspace.setCurrentWidget(page)
