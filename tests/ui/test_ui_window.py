"""The main window, driven the way a reviewer would: start page, open, search, filter, close."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from scrchron import __version__
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.chronology.chronology_page import NO_MATCH
from scrchron.ui.window import settings
from scrchron.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def opened(window: MainWindow, case_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window after File > Open on the sample case."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(case_file), ""))
    window.open_action.trigger()
    return window


def cell(window: MainWindow, row: int, column: Column) -> str:
    """The text a reviewer sees in a cell (which must be on screen)."""
    table = window.chronology_page.table
    index = table.model().index(row, column)
    assert table.visualRect(index).intersects(table.viewport().rect()), "cell is not visible"
    return str(index.data())


def message_boxes(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_start_page_offers_new_open_and_demo(window: MainWindow) -> None:
    page = window.start_page
    assert window.pages.currentWidget() is page
    assert [page.new_button.text(), page.open_button.text(), page.demo_button.text()] == [
        "New review…", "Open review…", "Open demo review"]
    assert page.new_button.isVisible() and page.open_button.isEnabled()
    assert not page.demo_button.isEnabled()  # no demo given
    assert page.no_recent.isVisible() and not page.recent.isVisible()
    assert window.windowTitle() == "scrchron"
    assert not window.close_action.isEnabled()


def test_demo_button_opens_a_copy_of_the_demo(qtbot: QtBot, case_file: Path) -> None:
    demo_window = MainWindow(demo_path=case_file)
    qtbot.addWidget(demo_window)
    assert demo_window.start_page.demo_button.isEnabled()
    qtbot.mouseClick(demo_window.start_page.demo_button, Qt.MouseButton.LeftButton)
    assert demo_window.case is not None
    assert demo_window.case.path != case_file and demo_window.case.path.name == case_file.name
    assert settings.recent_cases() == []  # the demo copy is not a review of one's own


def test_demo_button_builds_the_bundled_demo(qtbot: QtBot) -> None:
    from scrchron.ui.app import build_demo

    demo_window = MainWindow(demo_builder=build_demo)
    qtbot.addWidget(demo_window)
    qtbot.mouseClick(demo_window.start_page.demo_button, Qt.MouseButton.LeftButton)
    assert demo_window.case is not None
    folder = demo_window.case.path.parent
    assert demo_window.windowTitle().endswith("(demo)")
    assert demo_window.model.total() > 10
    demo_window.close()
    assert not folder.exists()  # the temporary copy goes when the window closes


def test_file_open_shows_the_chronology_in_date_order(opened: MainWindow, case_file: Path) -> None:
    assert opened.pages.currentWidget() is opened.workspace
    assert opened.workspace.currentWidget() is opened.chronology_page
    assert opened.windowTitle() == "scrchron — Child T: Child Safeguarding Practice Review"
    page = opened.chronology_page
    assert page.title.text() == "Child T: Child Safeguarding Practice Review"
    assert page.details.text() == (
        "Child Safeguarding Practice Review   ·   Child T   ·   Scope 1 Jan 2015 to 31 Jul 2015"
        "   ·   30 entries")
    assert "Tommy" not in page.details.text()  # the real name stays out of sight
    first_rows = [[cell(opened, row, column) for column in list(Column)[:5]] for row in range(3)]
    assert first_rows == [
        ["early 2015", "1 Jan – 30 Apr 2015", "", "Children's Social Care",
         "Mother known to adult services as a care leaver."],
        ["12 January 2015", "12 Jan 2015", "", "Health Visiting",
         "New birth visit by health visitor; mother and baby seen at home."],
        ["17/01/2015", "17 Jan 2015", "", "Police",
         "Domestic incident reported by neighbour; raised voices heard. PPN submitted."],
    ]
    assert opened.count_label.text() == "30 entries"
    assert opened.file_label.text() == str(case_file)


def test_undated_entry_is_last(opened: MainWindow) -> None:
    table = opened.chronology_page.table
    assert table.model().rowCount() == 30
    table.scrollToBottom()
    assert cell(opened, 29, Column.DATE) == "date not recorded"
    assert cell(opened, 29, Column.INTERPRETED) == "—"
    assert cell(opened, 28, Column.DATE) == "22 July 2015"


def test_times_and_uncertain_dates_are_shown(opened: MainWindow) -> None:
    model = opened.model
    rows = {model.index(r, Column.DATE).data(): r for r in range(model.rowCount())}
    assert model.index(rows["9 March 2015"], Column.TIME).data() == "23.40"
    assert model.index(rows["?12 Mar 2015"], Column.FLAGS).data() == "uncertain date"
    assert model.index(rows["w/c 4 May 2015"], Column.INTERPRETED).data() == "4–10 May 2015"


def test_typing_in_the_search_box_filters_after_a_pause(qtbot: QtBot, opened: MainWindow) -> None:
    page = opened.chronology_page
    qtbot.keyClicks(page.search, "PPN")
    assert opened.model.total() == 30  # debounced: nothing yet
    qtbot.waitUntil(lambda: opened.model.total() == 4)
    events = [cell(opened, row, Column.EVENT) for row in range(4)]
    assert all("PPN" in event for event in events)
    assert opened.count_label.text() == "Showing 4 of 30 entries"


def test_search_finds_word_forms_and_clearing_shows_all(qtbot: QtBot, opened: MainWindow) -> None:
    page = opened.chronology_page
    qtbot.keyClicks(page.search, "asleep")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter searches at once
    assert opened.model.total() == 1
    assert cell(opened, 0, Column.EVENT).startswith("Home visit by social worker; baby seen asleep")
    page.search.clear()
    qtbot.waitUntil(lambda: opened.model.total() == 30)
    assert opened.count_label.text() == "30 entries"


def test_agency_filter_and_search_combine(qtbot: QtBot, opened: MainWindow) -> None:
    page = opened.chronology_page
    names = [page.agency.itemText(i) for i in range(page.agency.count())]
    assert names == ["All agencies", "Police", "Children's Social Care", "Health Visiting"]
    assert not page.agency.itemIcon(1).isNull()  # the agency's colour chip
    page.agency.setCurrentIndex(1)
    assert opened.model.total() == 9
    assert {cell(opened, row, Column.AGENCY) for row in range(5)} == {"Police"}
    qtbot.keyClicks(page.search, "PPN")
    qtbot.waitUntil(lambda: opened.model.total() == 3)
    assert opened.count_label.text() == "Showing 3 of 30 entries"


def test_find_puts_the_cursor_in_the_search_box(qtbot: QtBot, opened: MainWindow) -> None:
    page = opened.chronology_page
    opened.activateWindow()
    page.table.setFocus()
    opened.find_action.trigger()
    qtbot.waitUntil(page.search.hasFocus)


def test_no_match_says_so(qtbot: QtBot, opened: MainWindow) -> None:
    page = opened.chronology_page
    qtbot.keyClicks(page.search, "giraffe")
    qtbot.waitUntil(lambda: page.body.currentWidget() is page.empty)
    assert page.empty.text() == NO_MATCH and page.empty.isVisible()
    assert opened.count_label.text() == "Showing 0 of 30 entries"


def test_closing_returns_to_start_page_with_the_case_in_recent(
        qtbot: QtBot, opened: MainWindow, case_file: Path) -> None:
    opened.close_action.trigger()
    assert opened.case is None and opened.windowTitle() == "scrchron"
    page = opened.start_page
    assert opened.pages.currentWidget() is page
    assert page.recent.count() == 1 and page.recent.isVisible()
    assert page.recent.item(0).text() == f"Child T\n{case_file.parent}"
    page.recent.itemActivated.emit(page.recent.item(0))
    assert opened.case is not None and opened.case.path == case_file


def test_recent_menu_lists_opened_cases(opened: MainWindow, case_file: Path) -> None:
    opened.recent_menu.aboutToShow.emit()
    actions = opened.recent_menu.actions()
    assert [action.text() for action in actions] == [case_file.name]
    opened.close_case()
    actions[0].trigger()
    assert opened.case is not None


def test_opening_something_that_is_not_a_case_says_why(window: MainWindow, tmp_path: Path) -> None:
    notes = tmp_path / "notes.scrchron"
    notes.write_text("meeting notes")
    assert not window.open_case(notes)
    assert message_boxes(window) == ["notes.scrchron is not a scrchron case file (it is not an SQLite database)."]
    assert window.pages.currentWidget() is window.start_page
    assert settings.recent_cases() == []


def test_opening_another_case_closes_the_first(opened: MainWindow, tmp_path: Path) -> None:
    from conftest import build_sample_case

    first = opened.case
    assert first is not None
    other = build_sample_case(tmp_path / "Other.scrchron")
    assert opened.open_case(other)
    assert opened.case is not None and opened.case.path == other
    with pytest.raises(sqlite3.ProgrammingError):  # the first file was closed
        first.db.conn.execute("SELECT 1")
    assert settings.recent_cases()[:2] == [other.resolve(), first.path.resolve()]


def test_standard_shortcuts(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    platform_quit = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    assert window.quit_action.shortcuts() == (platform_quit or [QKeySequence("Ctrl+Q")])
    assert QKeySequence("Ctrl+W") in window.close_action.shortcuts()


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.about_action.trigger()
    assert __version__ in shown[0]


def test_quit_closes_the_case_file(qtbot: QtBot, opened: MainWindow) -> None:
    case = opened.case
    assert case is not None
    opened.quit_action.trigger()
    assert opened.case is None and not opened.isVisible()
    with pytest.raises(sqlite3.ProgrammingError):
        case.db.conn.execute("SELECT 1")
