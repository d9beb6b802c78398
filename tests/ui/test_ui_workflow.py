"""A reviewer's day, driven through the window: import a school's CSV through the
wizard, look at the doubtful dates, correct one in the entry panel, undo it, link
two accounts of one event, confirm a proposed group, and add an episode."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import named, press_button_when_asked, tick
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.chronology import merge
from scrchron.store import Case, EntryQuery, count_entries, get_entry
from scrchron.store import analysis as analysis_store
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.importing.import_wizard import ImportWizard
from scrchron.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    return open_window(case_file, (1280, 800))  # type: ignore[no-any-return]


def visible_texts(window: MainWindow, column: Column) -> list[str]:
    model = window.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def start_wizard(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> ImportWizard:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    window.import_action.trigger()
    assert window.import_queue is not None and window.import_queue.current is not None
    return window.import_queue.current


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    assert button.isEnabled(), f"cannot leave page {wizard.currentPage().title()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def import_school(qtbot: QtBot, window: MainWindow, school_csv: Path,
                  monkeypatch: pytest.MonkeyPatch) -> ImportWizard:
    wizard = start_wizard(window, school_csv, monkeypatch)
    agency = wizard.agency_page
    qtbot.mouseClick(agency.new_button, Qt.MouseButton.LeftButton)
    agency.name.selectAll()  # over the name suggested from the file
    qtbot.keyClicks(agency.name, "Primary School")
    assert not agency.replace.isVisible()
    next_page(qtbot, wizard)
    assert wizard.table_page.tables.count() == 1
    next_page(qtbot, wizard)
    page = wizard.mapping_page
    assert named(page, "Field for column Date", QComboBox).currentText() == "Date"
    assert named(page, "Field for column Event", QComboBox).currentText() == "Event"
    role = named(page, "Field for column Practitioner", QComboBox)
    assert role.currentText() == "Practitioner role"
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_Home)  # "(not used)": the reviewer unmaps it
    assert role.currentText() == "(not used)"
    next_page(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.model.rowCount() == 5
    assert preview.model.index(0, 2).data() == "14 Jan 2015"
    assert preview.model.index(3, 2).data() == "—"
    assert preview.model.index(3, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert preview.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "5 entries will be imported" in preview.status.text()
    assert "2 dates need checking" in preview.status.text()
    next_page(qtbot, wizard)  # Import
    return wizard


def test_import_a_csv_through_the_wizard(qtbot: QtBot, window: MainWindow, school_csv: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         qtmodeltester: ModelTester) -> None:
    wizard = import_school(qtbot, window, school_csv, monkeypatch)
    qtmodeltester.check(wizard.preview_page.model)
    page = wizard.import_page
    assert page.result is not None, page.summary.text()
    assert page.result.imported == 5
    assert "5 entries imported" in page.summary.text()
    assert "2 dates need your attention (1 with no date read)" in page.summary.text()
    assert window.model.total() == 35
    assert "Primary School" in [window.chronology_page.agency.itemText(i)
                                for i in range(window.chronology_page.agency.count())]
    assert window.case is not None
    assert window.case.find_agency("Primary School").mapping.get("practitioner_role") is None
    qtbot.mouseClick(page.attention_button, Qt.MouseButton.LeftButton)
    assert window.model.total() == 2
    assert visible_texts(window, Column.DATE) == ["?03/03/2015", "not known"]
    assert window.count_label.text() == "Showing 2 of 35 entries"
    assert window.chronology_page.filters.flags_button.text() == "Show only: Needs attention"


def test_second_import_offers_to_replace(qtbot: QtBot, window: MainWindow, school_csv: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = import_school(qtbot, window, school_csv, monkeypatch)
    wizard.accept()
    school_csv.write_text(school_csv.read_text().replace("20/07/2015,,Last day of term.,,Office\n", ""),
                          encoding="utf-8")
    again = start_wizard(window, school_csv, monkeypatch)
    agency = again.agency_page
    assert agency.new_button.isChecked() and not agency.replace.isVisible()  # never replaced by default
    qtbot.mouseClick(agency.existing_button, Qt.MouseButton.LeftButton)
    agency.existing.setCurrentIndex(agency.existing.findText("Primary School"))
    assert agency.replace.isVisible() and not agency.replace.isChecked()
    assert "School chronology.csv (version 1)" in agency.earlier.text()
    tick(qtbot, agency.replace)
    for _ in range(3):
        next_page(qtbot, again)
    asked: list[str] = []
    press_button_when_asked("Replace", asked)
    next_page(qtbot, again)  # Import, then the confirmation
    assert asked and "Primary School's 5 entries from School chronology.csv (version 1)" in asked[0]
    assert "0 new, 1 withdrawn" in asked[0]
    summary = again.import_page.summary.text()
    assert "Corrected version 2" in summary and "1 withdrawn" in summary
    assert window.model.total() == 34


def test_a_file_that_cannot_be_read_says_why(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    wizard = start_wizard(window, empty, monkeypatch)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    wizard.agency_page.name.selectAll()  # over the name suggested from the file
    qtbot.keyClicks(wizard.agency_page.name, "Housing")
    next_page(qtbot, wizard)
    page = wizard.currentPage()
    assert "cannot be read" in page.status.text()  # type: ignore[attr-defined]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert window.case is not None and window.case.find_agency("Housing") is None


def choose(window: MainWindow, date_text: str) -> int:
    page = window.chronology_page
    row = visible_texts(window, Column.DATE).index(date_text)
    page.table.selectRow(row)
    return row


def test_edit_a_date_in_the_entry_panel_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    row = choose(window, "February 2015")
    panel = window.chronology_page.entry_panel
    assert panel.isVisible()
    assert panel.reading.text().startswith("1–28 Feb 2015  ·  month")
    assert "Health Visiting" in panel.heading.text()
    panel.date.selectAll()
    qtbot.keyClicks(panel.date, "w/c 9 Feb 2015")
    assert panel.reading.text().startswith("9–15 Feb 2015  ·  week")  # read live, not saved yet
    assert window.model.index(row, Column.INTERPRETED).data() == "1–28 Feb 2015"
    qtbot.keyClick(panel.date, Qt.Key.Key_Return)
    assert window.model.index(row, Column.DATE).data() == "w/c 9 Feb 2015"
    assert window.model.index(row, Column.INTERPRETED).data() == "9–15 Feb 2015"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Change date to “w/c 9 Feb 2015”"
    window.undo_action.trigger()
    assert window.model.index(row, Column.DATE).data() == "February 2015"
    assert window.model.index(row, Column.INTERPRETED).data() == "1–28 Feb 2015"
    assert panel.date.text() == "February 2015"
    assert window.case is not None
    audit = [(r.field, r.new) for r in window.case.audit_log() if r.field == "date_text"]
    assert audit[:2] == [("date_text", "February 2015"), ("date_text", "w/c 9 Feb 2015")]  # newest first
    window.redo_action.trigger()
    assert window.model.index(row, Column.INTERPRETED).data() == "9–15 Feb 2015"


def test_note_significance_and_themes_are_saved_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    row = choose(window, "9 March 2015")
    panel = window.chronology_page.entry_panel
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "Why was MARAC not considered?")
    panel.significance.setFocus()  # leaving the note saves it
    qtbot.waitUntil(lambda: window.undo_action.isEnabled())
    panel.significance.setCurrentIndex(panel.significance.findData("key"))
    panel.significance.activated.emit(panel.significance.currentIndex())
    theme = panel.themes.item(0)
    theme_name = theme.text()
    theme.setCheckState(Qt.CheckState.Checked)
    assert window.case is not None
    entry_id = window.model.entry(row).id
    assert analysis_store.entry_theme_names(window.case, entry_id) == [theme_name]
    window.show_column_menu()
    window.chronology_page.show_column(Column.SIGNIFICANCE, True)
    assert window.model.index(row, Column.SIGNIFICANCE).data() == "key"
    for _ in range(3):
        window.undo_action.trigger()
    assert analysis_store.entry_theme_names(window.case, entry_id) == []
    assert window.model.index(row, Column.SIGNIFICANCE).data() == ""
    assert panel.note.toPlainText() == ""


def test_agency_fields_and_finding_evidence_are_edited_in_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    from scrchron.analysis import operations

    assert window.case is not None
    finding = operations.add_finding(window.case, "Risk from the father was not assessed")
    window.session.analysis_changed.emit()  # type: ignore[union-attr]
    row = choose(window, "9 March 2015")
    entry_id = window.model.entry(row).id
    panel = window.chronology_page.entry_panel
    role = panel.agency_fields["practitioner_role"]
    role.setFocus()
    role.selectAll()
    qtbot.keyClicks(role, "Duty social worker")
    qtbot.keyClick(role, Qt.Key.Key_Return)
    panel.comment_box.setFocus()
    qtbot.keyClicks(panel.comment_box, "Added after the agency's own review.")
    role.setFocus()  # leaving the comment saves it
    qtbot.waitUntil(lambda: get_entry(window.case, entry_id).agency_comment != "")
    saved = get_entry(window.case, entry_id)
    assert (saved.practitioner_role, saved.agency_comment) == (
        "Duty social worker", "Added after the agency's own review.")
    ticks = {panel.findings.item(n).text(): panel.findings.item(n) for n in range(panel.findings.count())}
    ticks[f"{finding.number}. Risk from the father was not assessed"].setCheckState(Qt.CheckState.Checked)
    assert operations.get_finding(window.case, finding.id).entries == [entry_id]
    assert window.undo_action.text().startswith(f"&Undo Cite entry {entry_id} in finding")
    window.undo_action.trigger()
    assert operations.get_finding(window.case, finding.id).entries == []
    assert panel.findings.item(0).checkState() == Qt.CheckState.Unchecked
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert get_entry(window.case, entry_id).practitioner_role != "Duty social worker"
    assert role.text() == get_entry(window.case, entry_id).practitioner_role


def test_link_by_hand_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    page = window.chronology_page
    first = choose(window, "10/03/2015")
    second = visible_texts(window, Column.DATE).index("9 March 2015")
    from PySide6.QtCore import QItemSelectionModel

    page.table.selectionModel().select(
        window.model.index(second, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.link_action.trigger()
    assert "same event" in str(window.model.index(first, Column.FLAGS).data())
    window.undo_action.trigger()
    assert "same event" not in str(window.model.index(first, Column.FLAGS).data())


def test_add_an_episode_from_selected_entries(qtbot: QtBot, window: MainWindow) -> None:
    row = choose(window, "15 June 2015")
    window.add_episode_from_selection("Step down to early help")
    page = window.chronology_page
    page.show_column(Column.EPISODE, True)
    assert window.model.index(row, Column.EPISODE).data() == "1. Step down to early help"
    episodes = [page.filters.episode.itemText(i) for i in range(page.filters.episode.count())]
    assert episodes == ["Any", "1. Step down to early help"]
    page.filters.episode.setCurrentIndex(1)
    assert window.model.total() == 1
    window.undo_action.trigger()
    assert window.case is not None and analysis_store.list_episodes(window.case) == []


def test_filters_combine_and_save_as_a_view(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.chronology_page.filters
    bar.agency.setCurrentIndex(bar.agency.findText("Police"))
    assert window.model.total() == 9
    qtbot.mouseClick(bar.date_from.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.date_from.edit, "1 Jun 2015")
    assert window.model.total() == 9  # nothing filters while the date is being typed
    qtbot.keyClick(bar.date_from.edit, Qt.Key.Key_Return)
    assert window.model.total() == 3
    bar.save_view("Police from June")
    bar.set_state(type(bar.state())())
    assert window.model.total() == 30
    bar.views_menu.aboutToShow.emit()
    view = next(a for a in bar.views_menu.actions() if a.text() == "Police from June")
    view.trigger()
    assert window.model.total() == 3
    assert window.count_label.text() == "Showing 3 of 30 entries"


def test_read_only_case_cannot_be_changed(qtbot: QtBot, case_file: Path, sync_tasks: None) -> None:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.load_case(case_file, read_only=True)
    assert not shown.import_action.isEnabled() and not shown.link_action.isEnabled()
    shown.chronology_page.table.selectRow(0)
    assert shown.chronology_page.entry_panel.date.isReadOnly()


def test_a_locked_case_offers_read_only(qtbot: QtBot, case_file: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from scrchron.store.lock import CaseLockedError

    real_open = Case.open

    def locked(path: Path, read_only: bool = False) -> Case:
        if not read_only:
            raise CaseLockedError("Child T.scrchron is open in scrchron on another computer.", None)
        return real_open(path, read_only=True)

    monkeypatch.setattr(Case, "open", staticmethod(locked))
    shown = MainWindow()
    qtbot.addWidget(shown)
    assert not shown.open_case(case_file)
    box = next(b for b in shown.findChildren(QMessageBox) if b.isVisible())
    assert "open it read-only" in box.text()
    read_only = next(b for b in box.buttons() if b.text() == "Open read-only")
    qtbot.mouseClick(read_only, Qt.MouseButton.LeftButton)
    assert shown.case is not None and shown.case.read_only


def test_export_says_when_it_is_not_available(qtbot: QtBot, window: MainWindow,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from scrchron.ui.files import export_actions

    monkeypatch.setattr(export_actions, "writer", lambda name: None)
    window.export_actions[0].trigger()
    texts = [b.text() for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert any("not available" in text for text in texts)


def test_proposals_count_is_unchanged_by_opening(window: MainWindow) -> None:
    assert window.case is not None
    assert count_entries(window.case, EntryQuery()) == 30
    assert merge.group_summaries(window.case) == []


def test_a_finished_export_offers_to_open_the_file_or_its_folder(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from scrchron.ui.files import export_actions

    def write_csv(case: Case, out: Path, anonymise: bool, progress: object, cancelled: object) -> None:
        out.write_text("date,event\n", encoding="utf-8")

    opened: list[str] = []
    monkeypatch.setattr(export_actions, "writer", lambda name: write_csv)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    text, name, suffix, file_filter = export_actions.KINDS[2]
    dialog = export_actions.start_export(window, text, name, suffix, file_filter)
    assert dialog is not None
    out = tmp_path / "out" / "Child T.csv"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.accept()
    assert out.exists()
    box = window.findChild(QMessageBox, "export_finished")
    assert box is not None and str(out) in box.text()
    buttons = {button.text().replace("&", ""): button for button in box.buttons()}
    qtbot.mouseClick(buttons["Open the file"], Qt.MouseButton.LeftButton)
    assert opened == [str(out)]
    box = window.findChild(QMessageBox, "export_finished")
    if box is None or not box.isVisible():  # clicking a button closes the message
        box = export_actions.show_exported(window, out)
    buttons = {button.text().replace("&", ""): button for button in box.buttons()}
    qtbot.mouseClick(buttons["Show in folder"], Qt.MouseButton.LeftButton)
    assert opened == [str(out), str(out.parent)]


def test_cancelling_an_export_writes_nothing_and_says_so(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from scrchron.export import write_csv
    from scrchron.ui.files import export_actions

    def press_cancel_then_write(case: Case, out: Path, **options: object) -> object:
        (dialog,) = [d for d in window.findChildren(QProgressDialog) if not d.wasCanceled()]
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()  # as the reviewer does while the export runs
        return write_csv(case, out, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(export_actions, "writer", lambda name: press_cancel_then_write)
    text, name, suffix, file_filter = export_actions.KINDS[2]
    dialog = export_actions.start_export(window, text, name, suffix, file_filter)
    assert dialog is not None
    out = tmp_path / "Child T.csv"
    dialog.path.setText(str(out))
    dialog.accept()
    assert not out.exists()
    assert window.findChild(QMessageBox, "export_finished") is None
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]  # no error shown
    assert window.statusBar().currentMessage() == "Export cancelled; Child T.csv was not written."


def test_the_preview_shows_every_column_and_the_whole_text_on_hover(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrchron.runtime.resources import resource_path

    wizard = start_wizard(window, resource_path("demo", "police-chronology.xlsx"), monkeypatch)
    wizard.resize(1000, 640)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    wizard.agency_page.name.selectAll()  # over the name suggested from the file
    qtbot.keyClicks(wizard.agency_page.name, "Police")
    for _ in range(3):  # agency, sheet, mapping
        next_page(qtbot, wizard)
    table = wizard.preview_page.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    header = table.horizontalHeader()
    drawn = sum(header.sectionSize(column) for column in range(header.count()))
    assert drawn <= table.viewport().width() + 2  # no column pushed out of view
    assert not table.horizontalScrollBar().isVisible()
    model = table.model()
    for row in range(model.rowCount()):
        interpreted = model.index(row, 2)
        assert model.data(interpreted) in html.unescape(model.data(interpreted, Qt.ItemDataRole.ToolTipRole))
        event = model.index(row, 4)
        whole = model.data(event, Qt.ItemDataRole.ToolTipRole)
        assert model.data(event).rstrip("…") in html.unescape(whole.replace("<br>", " "))
