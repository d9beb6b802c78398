"""The analysis screens driven as a reviewer would: episodes, findings,
recommendations and the action plan; people and pseudonyms; gaps; the timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.analysis import operations
from scrchron.store import Case
from scrchron.ui.analysis.analysis_page import AnalysisPage
from scrchron.ui.analysis.analysis_section import RecordSection
from scrchron.ui.window.main_window import MainWindow

# Screenshots go to a temporary folder unless SCRCHRON_SCREENSHOTS names one (used to
# refresh docs/screenshots by hand): tests never write into the repository.
SCREENSHOTS_ENV = "SCRCHRON_SCREENSHOTS"


@pytest.fixture
def window(qtbot: QtBot, case_file: Path, sync_tasks: None) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    assert shown.open_case(case_file)
    return shown


@pytest.fixture
def page(window: MainWindow) -> AnalysisPage:
    window.workspace.setCurrentWidget(window.review_tabs.analysis)
    return window.review_tabs.analysis


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def cell(section: RecordSection, row: int, column: int) -> str:
    return str(section.model.index(row, column).data())


def add_episode(qtbot: QtBot, page: AnalysisPage, title: str, summary: str = "") -> None:
    section, editor = page.episodes, page.episode_editor
    click(qtbot, section.new_button)
    editor.title.setText(title)
    editor.summary.setPlainText(summary)
    click(qtbot, section.save_button)


def test_add_edit_reorder_episodes_with_undo(qtbot: QtBot, window: MainWindow, page: AnalysisPage,
                                             qtmodeltester: ModelTester) -> None:
    section, editor = page.episodes, page.episode_editor
    add_episode(qtbot, page, "First referral", "Police shared a PPN.")
    editor.period_from.set_iso("2015-01-17")
    editor.period_to.set_iso("2015-01-19")
    click(qtbot, section.save_button)
    add_episode(qtbot, page, "Step down to early help")
    assert [cell(section, r, 1) for r in range(2)] == ["First referral", "Step down to early help"]
    assert cell(section, 0, 2) == "17–19 Jan 2015"
    section.select_id(section.model.record(0).id)
    editor.summary.setPlainText("Police shared a PPN; MASH decided threshold not met.")
    click(qtbot, section.save_button)
    assert "threshold not met" in cell(section, 0, 4)
    assert section.heading.text() == "Episode 1"
    click(qtbot, section.down_button)
    assert [cell(section, r, 1) for r in range(2)] == ["Step down to early help", "First referral"]
    assert cell(section, 1, 0) == "2"
    qtmodeltester.check(section.model)
    window.undo_action.trigger()  # the move
    assert cell(section, 0, 1) == "First referral"
    window.undo_action.trigger()  # the summary
    assert cell(section, 0, 4) == "Police shared a PPN."


def test_an_episode_without_a_title_is_refused_inline(qtbot: QtBot, window: MainWindow,
                                                      page: AnalysisPage) -> None:
    click(qtbot, page.episodes.new_button)
    click(qtbot, page.episodes.save_button)
    assert page.episodes.error.isVisible()
    assert page.episodes.error.text() == "An episode needs a title."
    assert page.episodes.model.rowCount() == 0
    assert not window.session.undo_stack.canUndo()  # type: ignore[union-attr]


def test_show_entries_filters_the_chronology(qtbot: QtBot, window: MainWindow, page: AnalysisPage) -> None:
    chronology = window.chronology_page
    chronology.table.selectRow(0)
    chronology.table.selectionModel().select(window.model.index(1, 0), chronology.table.selectionModel()
                                              .SelectionFlag.Select | chronology.table.selectionModel()
                                              .SelectionFlag.Rows)
    window.add_episode_from_selection("Two entries")
    window.workspace.setCurrentWidget(page)
    page.episodes.select_id(page.episodes.model.record(0).id)
    assert page.episodes.model.index(0, 3).data() == "2"
    click(qtbot, page.episode_editor.show_button)
    assert window.workspace.currentWidget() is chronology
    assert window.model.rowCount() == 2


def test_finding_with_two_themes(qtbot: QtBot, page: AnalysisPage, qtmodeltester: ModelTester) -> None:
    add_episode(qtbot, page, "First referral")
    page.setCurrentWidget(page.findings)
    editor = page.findings.editor
    click(qtbot, page.findings.new_button)
    editor.title.setText("Referrals were judged one at a time")  # type: ignore[attr-defined]
    themes = editor.themes  # type: ignore[attr-defined]
    names = [themes.item(row).text() for row in range(themes.count())]
    for name in names[:2]:
        themes.findItems(name, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    editor.episodes.item(0).setCheckState(Qt.CheckState.Checked)  # type: ignore[attr-defined]
    click(qtbot, page.findings.save_button)
    assert page.findings.model.rowCount() == 1
    assert cell(page.findings, 0, 2) == ", ".join(names[:2])
    assert cell(page.findings, 0, 3) == "1"
    qtmodeltester.check(page.findings.model)


def test_recommendation_and_overdue_action(qtbot: QtBot, window: MainWindow, page: AnalysisPage,
                                           qtmodeltester: ModelTester) -> None:
    page.today = date(2026, 1, 1)
    page.setCurrentWidget(page.recommendations)
    rec = page.recommendations
    click(qtbot, rec.new_button)
    rec.editor.text.setPlainText("Partners should review how repeat referrals are judged.")  # type: ignore[attr-defined]
    rec.editor.owner.setCurrentText("Police")  # type: ignore[attr-defined]
    click(qtbot, rec.save_button)
    assert cell(rec, 0, 2) == "Police"
    qtmodeltester.check(rec.model)
    page.setCurrentWidget(page.action_plan)
    actions = page.action_section
    editor = actions.editor
    click(qtbot, actions.new_button)
    editor.text.setPlainText("Audit twenty repeat referrals.")  # type: ignore[attr-defined]
    editor.due.set_iso("2025-06-30")  # type: ignore[attr-defined]
    editor.status.setCurrentText("in progress")  # type: ignore[attr-defined]
    click(qtbot, actions.save_button)
    assert actions.model.rowCount() == 1
    assert cell(actions, 0, 3) == "30 Jun 2025"
    assert "overdue" in cell(actions, 0, 4)
    assert actions.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.action_plan.summary.text() == \
        "1 action: 0 complete, 1 in progress, 0 not started, 1 overdue"
    editor.status.setCurrentText("complete")  # type: ignore[attr-defined]
    click(qtbot, actions.save_button)
    assert "overdue" not in cell(actions, 0, 4)
    assert actions.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    qtmodeltester.check(actions.model)


def test_person_with_alias_and_a_refused_alias(qtbot: QtBot, window: MainWindow,
                                               qtmodeltester: ModelTester) -> None:
    people = window.review_tabs.people
    window.workspace.setCurrentWidget(people)
    assert "Pseudonyms replace these names in anonymised exports" in people.note.text()
    section, editor = people.section, people.editor
    before = section.model.rowCount()
    click(qtbot, section.new_button)
    editor.name.setText("Sharon Example")
    editor.role.setText("mother")
    editor.pseudonym.setText("Mother")
    editor.aliases.setText("Shaz, Sharon E")
    click(qtbot, section.save_button)
    assert section.model.rowCount() == before + 1
    row = [section.model.record(r).name for r in range(section.model.rowCount())].index("Sharon Example")
    assert cell(section, row, 3) == "Shaz, Sharon E"
    click(qtbot, section.new_button)
    editor.name.setText("Darren Example")
    editor.pseudonym.setText("Partner")
    editor.aliases.setText("Shaz")
    click(qtbot, section.save_button)
    assert section.error.isVisible()
    assert "'Shaz' names both" in section.error.text()
    assert section.model.rowCount() == before + 1
    with Case.open(window.case.path, read_only=True) as case:  # type: ignore[union-attr]
        assert "Darren Example" not in [p.name for p in operations.list_people(case)]
    qtmodeltester.check(section.model)


def test_gaps_tab_lists_a_gap(window: MainWindow, qtmodeltester: ModelTester) -> None:
    gaps = window.review_tabs.gaps
    window.workspace.setCurrentWidget(gaps)
    assert gaps.min_days.value() == 60  # the case's own setting
    assert gaps.model.rowCount() == 0  # every agency together: no long silence
    gaps.agency.setCurrentIndex(gaps.agency.findData("Police"))
    gaps.min_days.setValue(25)
    assert gaps.model.rowCount() >= 1
    assert [cell for cell in (gaps.model.index(0, c).data() for c in range(4))] == \
        ["17 Jan 2015", "1 Mar 2015", "43", "Police"]
    assert gaps.status.text().startswith(f"{gaps.model.rowCount()} gap")
    qtmodeltester.check(gaps.model)
    gaps.min_days.setValue(3650)
    assert gaps.model.rowCount() == 0
    assert gaps.status.text().startswith("0 gaps")


def test_timeline_tab_draws_the_case(qtbot: QtBot, window: MainWindow) -> None:
    timeline = window.review_tabs.timeline
    window.workspace.setCurrentWidget(timeline)
    timeline.redraw()
    qtbot.waitUntil(lambda: len(timeline.canvas.current_marks()) > 0)
    width = timeline.canvas.width()
    window.resize(1500, 800)
    qtbot.waitUntil(lambda: timeline.canvas.width() != width, timeout=2000)


def test_screenshots_of_the_demo_case(qtbot: QtBot, tmp_path: Path, sync_tasks: None) -> None:
    from scrchron.demo.demo_review import build_demo

    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1400, 860)
    shown.show()
    assert shown.open_case(build_demo(tmp_path / "Child T review.scrchron"))
    tabs = shown.review_tabs
    shown.workspace.setCurrentWidget(tabs.analysis)
    tabs.analysis.setCurrentWidget(tabs.analysis.action_plan)
    section = tabs.analysis.action_section
    overdue = [r for r in range(section.model.rowCount()) if "overdue" in cell(section, r, 4)]
    assert overdue, "the demo's action plan has an overdue action"
    section.select_id(section.model.record(0).id)  # the overdue row keeps its shading in view
    QApplication.processEvents()
    import os

    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert shown.grab().save(str(folder / "analysis-actions.png"))
    shown.workspace.setCurrentWidget(tabs.timeline)
    QApplication.processEvents()
    tabs.timeline.redraw()
    assert shown.grab().save(str(folder / "timeline.png"))
    assert (folder / "timeline.png").stat().st_size > 10_000


def test_people_page_previews_a_sentence_as_anonymised(qtbot: QtBot, window: MainWindow) -> None:
    people = window.review_tabs.people
    window.workspace.setCurrentWidget(people)
    qtbot.keyClicks(people.try_text, "Tommy Example stayed with Shaz.")
    assert people.preview.text() == "Child T stayed with Shaz."  # the review's subject
    section, editor = people.section, people.editor
    click(qtbot, section.new_button)
    editor.name.setText("Sharon Example")
    editor.pseudonym.setText("Mother")
    editor.aliases.setText("Shaz")
    click(qtbot, section.save_button)
    assert people.preview.text() == "Child T stayed with Mother."  # updated when people change
    people.try_text.setText("Shaz rang.")
    assert people.preview.text() == "Mother rang."
    window.undo_action.trigger()
    assert people.preview.text() == "Shaz rang."
    people.try_text.clear()
    assert people.preview.text() == ""


# -- deleting, with undo and redo ------------------------------------------------------


def build_analysis(case_file: Path) -> dict[str, int]:
    """Two episodes, three findings, two recommendations with three actions (as the core writes them)."""
    with Case.open(case_file) as case:
        ids = {"e1": operations.add_episode(case, "First referral", entries=[1, 2]).id,
               "e2": operations.add_episode(case, "Step down", entries=[3, 4, 5]).id}
        ids["f1"] = operations.add_finding(case, "Fathers unseen").id
        ids["f2"] = operations.add_finding(case, "Referrals judged one at a time",
                                         themes=["Information sharing", "Drift and delay"],
                                         episodes=[ids["e1"]], entries=[6, 7], agencies=["Police"]).id
        ids["f3"] = operations.add_finding(case, "Step down too soon", episodes=[ids["e1"], ids["e2"]]).id
        ids["r1"] = operations.add_recommendation(case, "Share PPNs with health", findings=[ids["f2"]]).id
        ids["r2"] = operations.add_recommendation(case, "Audit step down", findings=[ids["f2"], ids["f3"]]).id
        ids["a1"] = operations.add_action(case, ids["r1"], "Train officers", due="2016-03-31").id
        ids["a2"] = operations.add_action(case, ids["r2"], "Audit 20 cases", status="in progress").id
        ids["a3"] = operations.add_action(case, ids["r2"], "Report to the board").id
    return ids


@pytest.fixture
def ids(case_file: Path) -> dict[str, int]:
    return build_analysis(case_file)


@pytest.fixture
def analysed(qtbot: QtBot, ids: dict[str, int], case_file: Path, sync_tasks: None) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    assert shown.open_case(case_file)
    shown.workspace.setCurrentWidget(shown.review_tabs.analysis)
    return shown


def column(section: RecordSection, number: int) -> list[str]:
    return [cell(section, row, number) for row in range(section.model.rowCount())]


def confirm_delete(qtbot: QtBot, section: RecordSection) -> str:
    """Click the question's Delete button; return what the question said."""
    box = section.confirm_box
    assert box is not None and box.isVisible()
    said = f"{box.text()}\n{box.informativeText()}"
    (delete,) = [b for b in box.buttons() if b.text() == f"Delete {section.editor.noun}"]
    click(qtbot, delete)
    return said


def test_delete_a_finding_with_its_links_then_undo_and_redo(qtbot: QtBot, analysed: MainWindow,
                                                          ids: dict[str, int]) -> None:
    page = analysed.review_tabs.analysis
    case = analysed.session.case  # type: ignore[union-attr]
    before = operations.get_finding(case, ids["f2"])
    page.setCurrentWidget(page.findings)
    findings, recommendations = page.findings, page.recommendations
    assert column(findings, 1) == ["Fathers unseen", "Referrals judged one at a time", "Step down too soon"]
    assert column(recommendations, 3) == ["2", "2, 3"]
    findings.select_id(ids["f2"])
    click(qtbot, findings.delete_button)
    said = confirm_delete(qtbot, findings)
    assert said.startswith("Delete Finding 2 (“Referrals judged one at a time”) and its links to 2 entries, "
                           "1 episode, 2 themes, 1 agency and 2 recommendations?")
    assert "Recommendation 1 will then answer no finding" in said
    assert column(findings, 0) == ["1", "2"]
    assert column(findings, 1) == ["Fathers unseen", "Step down too soon"]
    assert column(recommendations, 3) == ["", "2"]  # finding 3 is now number 2
    assert analysed.undo_action.text() == "&Undo Delete finding 2"
    analysed.undo_action.trigger()
    assert column(findings, 1) == ["Fathers unseen", "Referrals judged one at a time", "Step down too soon"]
    assert column(findings, 2)[1] == "Information sharing, Drift and delay"
    assert column(recommendations, 3) == ["2", "2, 3"]
    assert operations.get_finding(case, ids["f2"]) == before  # same id, number, themes, entries, agencies
    analysed.redo_action.trigger()
    assert column(findings, 1) == ["Fathers unseen", "Step down too soon"]
    assert column(recommendations, 3) == ["", "2"]


def test_cancel_keeps_the_finding(qtbot: QtBot, analysed: MainWindow, ids: dict[str, int]) -> None:
    page = analysed.review_tabs.analysis
    page.setCurrentWidget(page.findings)
    page.findings.select_id(ids["f1"])
    click(qtbot, page.findings.delete_button)
    box = page.findings.confirm_box
    assert box is not None
    click(qtbot, box.button(box.StandardButton.Cancel))
    assert page.findings.model.rowCount() == 3
    assert not analysed.session.undo_stack.canUndo()  # type: ignore[union-attr]


def test_delete_key_deletes_an_episode_undo_puts_back_its_entries_and_evidence(
        qtbot: QtBot, analysed: MainWindow, ids: dict[str, int]) -> None:
    page = analysed.review_tabs.analysis
    case = analysed.session.case  # type: ignore[union-attr]
    episodes, findings = page.episodes, page.findings
    before = operations.get_episode(case, ids["e1"])
    assert column(findings, 3) == ["", "1", "1, 2"]
    episodes.select_id(ids["e1"])
    episodes.table.setFocus()
    qtbot.keyClick(episodes.table, Qt.Key.Key_Delete)
    said = confirm_delete(qtbot, episodes)
    assert said.startswith("Delete Episode 1 (“First referral”) and its links to 2 entries and 2 findings?")
    assert "Findings 2 and 3 stay but no longer cite it as evidence." in said
    assert column(episodes, 1) == ["Step down"] and column(episodes, 0) == ["1"]
    assert column(findings, 3) == ["", "", "1"]
    analysed.undo_action.trigger()
    assert column(episodes, 1) == ["First referral", "Step down"]
    assert column(episodes, 3) == ["2", "3"]  # its entries
    assert column(findings, 3) == ["", "1", "1, 2"]
    assert operations.get_episode(case, ids["e1"]) == before and sorted(before.entries) == [1, 2]
    analysed.redo_action.trigger()
    assert column(episodes, 1) == ["Step down"]


def test_delete_an_action_then_undo_and_redo(qtbot: QtBot, analysed: MainWindow, ids: dict[str, int]) -> None:
    page = analysed.review_tabs.analysis
    page.today = date(2026, 1, 1)
    case = analysed.session.case  # type: ignore[union-attr]
    before = operations.get_action(case, ids["a1"])
    page.setCurrentWidget(page.action_plan)
    actions = page.action_section
    assert column(actions, 1) == ["Train officers", "Audit 20 cases", "Report to the board"]
    actions.select_id(ids["a1"])
    click(qtbot, actions.delete_button)
    assert confirm_delete(qtbot, actions).startswith(
        "Delete The action “Train officers” of recommendation 1?")
    assert column(actions, 1) == ["Audit 20 cases", "Report to the board"]
    assert page.action_plan.summary.text().startswith("2 actions")
    analysed.undo_action.trigger()
    assert column(actions, 1) == ["Train officers", "Audit 20 cases", "Report to the board"]
    assert page.action_plan.summary.text().startswith("3 actions")
    assert operations.get_action(case, ids["a1"]) == before  # same id, due date, updated_at
    analysed.redo_action.trigger()
    assert column(actions, 1) == ["Audit 20 cases", "Report to the board"]


def test_deleting_a_recommendation_says_its_actions_go_too_and_undo_brings_them_back(
        qtbot: QtBot, analysed: MainWindow, ids: dict[str, int]) -> None:
    page = analysed.review_tabs.analysis
    page.setCurrentWidget(page.recommendations)
    recommendations, actions = page.recommendations, page.action_section
    recommendations.select_id(ids["r2"])
    click(qtbot, recommendations.delete_button)
    said = confirm_delete(qtbot, recommendations)
    assert said.startswith("Delete Recommendation 2, its 2 actions and its links to 2 findings?")
    assert "Its 2 actions leave the action plan with it." in said
    assert column(actions, 1) == ["Train officers"]
    analysed.undo_action.trigger()
    assert column(recommendations, 0) == ["1", "2"]
    assert column(actions, 1) == ["Train officers", "Audit 20 cases", "Report to the board"]
    assert column(actions, 0) == ["1", "2", "2"]


def test_delete_a_person_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    people = window.review_tabs.people
    window.workspace.setCurrentWidget(people)
    section, editor = people.section, people.editor
    click(qtbot, section.new_button)
    editor.name.setText("Sharon Example")
    editor.pseudonym.setText("Mother")
    click(qtbot, section.save_button)
    rows = section.model.rowCount()
    click(qtbot, section.delete_button)
    assert "no longer replace “Sharon Example” with “Mother”" in confirm_delete(qtbot, section)
    assert section.model.rowCount() == rows - 1
    window.undo_action.trigger()
    assert "Sharon Example" in column(section, 0)
