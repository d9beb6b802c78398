"""A returned agency template through File > Import, as a reviewer meets it: filed under its agency
with no mapping page when nothing changed, through the mapping (saying what changed) when the agency
changed it, another review's template refused; then the Return check… button writes the check."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from gui_driver import choose_files_when_asked, click, named, press
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWizard
from pytestqt.qtbot import QtBot

from scrchron.export.template_pack import send_pack, send_summary_forms
from scrchron.importers.template_marker import COLUMNS
from scrchron.records.case_records import Review
from scrchron.store import Case, EntryQuery, count_entries
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
AGENCIES = ("Police", "Health Visiting")
ROWS = [
    (1, datetime.date(2014, 3, 2), "19:30", None, "Neighbour called about shouting at the flat", "Officers attended",
     "PC 1", "Police attendance", "Niche occurrence", ""),
    (2, "12/03/2015", None, None, "Domestic incident, DASH medium", "PPN to CSC", "Sarah Jones", "", "PPN", ""),
    (3, "05/05/2015", None, None, "I think mother was hiding the bruises", "Advice given", "PC 2", "", "", ""),
]


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "child-t.scrchron"
    review = Review("Review concerning Child T", "cspr", subject_name="Tommy Marsh", subject_pseudonym="Child T",
                    scope_from="2014-01-01", scope_to="2015-12-31")
    Case.create(path, review).close()
    return path


@pytest.fixture
def pack(case_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    with Case.open(case_path) as case:
        send_pack(case, folder, AGENCIES, "xlsx", due="2025-06-30")
    return folder


def filled(template: Path, out: Path, delete_column: str = "") -> Path:
    """The template filled in as an agency does (in Excel), optionally with a column deleted."""
    book = load_workbook(template)
    sheet = book["Chronology"]
    headings = [h for _, h in COLUMNS]
    if delete_column:
        sheet.delete_cols(headings.index(delete_column) + 1)
    for number, row in enumerate(ROWS, start=8):
        cells = [v for h, v in zip(headings, row, strict=True) if h != delete_column]
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(out)
    return out


def start_import(qtbot: QtBot, window: MainWindow, path: Path) -> QWizard:
    choose_files_when_asked([str(path)])
    press(qtbot, Qt.Key.Key_I, CTRL, window)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QWizard), timeout=5000)
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, QWizard)
    return wizard


def enter_through(qtbot: QtBot, wizard: QWizard, window: MainWindow, stop_at: str = "") -> list[str]:
    """Press Enter page by page (as far as the page titled ``stop_at``); the titles seen."""
    seen = []
    for _page in range(8):
        if not wizard.isVisible():
            break
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=5000)
        seen.append(wizard.currentPage().title())
        if seen[-1] == stop_at:
            break
        press(qtbot, Qt.Key.Key_Return, window=window)
    return seen


def test_a_template_returned_as_sent_needs_no_mapping_and_its_return_check_is_written(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_path: Path, pack: Path, tmp_path: Path) -> None:
    returned = filled(pack / "Chronology template - Police.xlsx", tmp_path / "police returned.xlsx")
    window = open_window(case_path)
    wizard = start_import(qtbot, window, returned)
    note = named(wizard, "Template", QLabel)
    qtbot.waitUntil(lambda: "came back as sent" in note.text(), timeout=5000)
    assert "Police" in note.text()
    assert named(wizard, "Existing agency").isEnabled()  # filed under Police, already in the review
    seen = enter_through(qtbot, wizard, window, stop_at="Imported")
    assert "Which column is which?" not in seen and "Which sheet or table holds the chronology?" not in seen
    assert seen[-1] == "Imported"
    out = tmp_path / "Police return check.docx"
    choose_files_when_asked([str(out)])
    click(qtbot, wizard, "Return check")
    written = named(wizard, "Return check written", QLabel)
    qtbot.waitUntil(lambda: "Wrote" in written.text(), timeout=5000)
    assert "returned as sent" in written.text()
    text = "\n".join(cell.text for table in Document(str(out)).tables for row in table.rows for cell in row.cells)
    assert "Sarah Jones" in text and "I think" in text  # a name in the role column; analysis among the facts
    press(qtbot, Qt.Key.Key_Return, window=window)  # Finish
    assert not wizard.isVisible()
    with Case.open(case_path, read_only=True) as case:
        assert count_entries(case, EntryQuery(agencies=["Police"])) == 3


def test_a_changed_template_goes_through_the_mapping_and_says_what_changed(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_path: Path, pack: Path, tmp_path: Path) -> None:
    returned = filled(pack / "Chronology template - Health Visiting.xlsx", tmp_path / "hv.xlsx",
                      delete_column="Source")
    window = open_window(case_path)
    wizard = start_import(qtbot, window, returned)
    note = named(wizard, "Template", QLabel)
    qtbot.waitUntil(lambda: "changed it" in note.text(), timeout=5000)
    assert "column 'Source' deleted or renamed" in note.text()
    seen = enter_through(qtbot, wizard, window, stop_at="Which column is which?")
    assert seen[-1] == "Which column is which?"
    status = [label.text() for label in wizard.currentPage().findChildren(QLabel) if "rows under" in label.text()]
    assert status and "'Source' deleted" in status[0]
    seen = enter_through(qtbot, wizard, window)
    assert not wizard.isVisible()
    with Case.open(case_path, read_only=True) as case:
        assert count_entries(case, EntryQuery(agencies=["Health Visiting"])) == 3


def test_another_reviews_template_is_refused_with_a_clear_message(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "adult-a.scrchron"
    Case.create(other, Review("Review concerning Adult A", "sar", subject_pseudonym="Adult A")).close()
    folder = tmp_path / "other-pack"
    folder.mkdir()
    with Case.open(other) as case:
        send_pack(case, folder, ["Police"], "xlsx")
    foreign = filled(folder / "Chronology template - Police.xlsx", tmp_path / "foreign.xlsx")
    window = open_window(case_path)
    wizard = start_import(qtbot, window, foreign)
    note = named(wizard, "Template", QLabel)
    qtbot.waitUntil(lambda: "another review" in note.text(), timeout=5000)
    assert "Adult A" in note.text() and "nothing was imported" in note.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    press(qtbot, Qt.Key.Key_Return, window=window)  # Enter does nothing harmful
    assert wizard.currentPage().title() == "Which agency sent this chronology?"
    press(qtbot, Qt.Key.Key_Escape, window=window)
    assert not wizard.isVisible()
    with Case.open(case_path, read_only=True) as case:
        assert case.submissions() == []


def test_a_summary_form_chosen_in_file_import_points_to_read_back(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_path: Path, tmp_path: Path) -> None:
    with Case.open(case_path) as case:
        send_summary_forms(case, tmp_path, ["Police"])
    window = open_window(case_path)
    wizard = start_import(qtbot, window, tmp_path / "Agency summary - Police.docx")
    note = named(wizard, "Template", QLabel)
    qtbot.waitUntil(lambda: "summary form" in note.text(), timeout=5000)
    assert "File > Read back a summary form… instead." in html.unescape(note.text())  # as shown
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    press(qtbot, Qt.Key.Key_Escape, window=window)
    with Case.open(case_path, read_only=True) as case:
        assert case.submissions() == []
