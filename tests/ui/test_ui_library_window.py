"""File > Open learning library…: the window over three invented reviews, used as a board
officer would: open the library from the File menu, add a folder, look at the themes, filter,
see what an agency still owes."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_reviews import build_library_cases
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.ui.window import library_window
from scrchron.ui.window.library_window import LibraryWindow, RowsModel
from scrchron.ui.window.main_window import MainWindow

THEMES, ACTIONS, RECURRING, AGENCIES = 1, 2, 3, 4


@pytest.fixture
def reviews(tmp_path: Path) -> Path:
    folder = tmp_path / "reviews"
    build_library_cases(folder)
    (folder / "notes.txt").write_text("not a case", encoding="utf-8")
    return folder


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, reviews: Path, sync_tasks: None) -> LibraryWindow:
    shown = LibraryWindow(tmp_path / "learning.scrlib")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.add_paths([reviews])
    return shown


def _column(window: LibraryWindow, tab: int, column: int) -> list[str]:
    window.tabs.setCurrentIndex(tab)
    return [row[column] for row in window.models[tab].rows]


def test_the_file_menu_opens_a_library(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "board.scrlib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    main = MainWindow()
    qtbot.addWidget(main)
    file_menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "&File")
    assert isinstance(file_menu, QMenu)
    [action] = [a for a in file_menu.actions() if a.text() == "Open &learning library…"]
    action.trigger()  # triggered sends ``checked``: the lambda drops it
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, LibraryWindow) and w.isVisible()]
    assert [w.path for w in opened] == [target]
    assert target.exists()
    for shown in opened:
        shown.close()


def test_cases_are_listed_with_their_reasons(window: LibraryWindow) -> None:
    assert sorted(_column(window, 0, 0)) == ["not a case", "read", "read", "read"]
    assert "4 case files, 3 read, 1 listed with a reason." in window.status.text()


def test_themes_and_their_filters(window: LibraryWindow) -> None:
    assert _column(window, THEMES, 0)[:2] == ["Information sharing", "Domestic abuse and coercive control"]
    assert _column(window, THEMES, 1)[:2] == ["3", "2"]
    window.type_box.setCurrentIndex(window.type_box.findData("sar"))
    assert _column(window, THEMES, 0) == ["Information sharing", "Self-neglect"]
    window.type_box.setCurrentIndex(0)
    window.year_box.setCurrentIndex(window.year_box.findData("2022"))
    assert _column(window, THEMES, 0) == ["Information sharing", "Self-neglect"]


def test_what_police_still_owe(window: LibraryWindow) -> None:
    window.tabs.setCurrentIndex(ACTIONS)
    window.agency_edit.setText("Police")
    window.agency_edit.editingFinished.emit()
    window.overdue_box.setChecked(True)
    assert _column(window, ACTIONS, 1) == ["Write a notification protocol", "Extend the protocol to adult social care"]
    assert set(_column(window, ACTIONS, 4)) == {"OVERDUE"}


def test_the_filtered_plan_goes_to_excel_for_the_board(window: LibraryWindow, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    window.agency_edit.setText("Probation")
    window.agency_edit.editingFinished.emit()
    written = window.export_plan(tmp_path / "board.xlsx")
    assert written is not None
    rows = [[c.value for c in row] for row in load_workbook(written).active.iter_rows(min_row=3)]
    assert [(r[0], r[1], r[5]) for r in rows] == [("Probation", "Report to the board", "DHR Jo")]


def test_recurring_recommendations_and_agencies(window: LibraryWindow) -> None:
    assert _column(window, RECURRING, 0)[0] == "Recommended in 3 reviews"
    assert _column(window, AGENCIES, 0)[0] == "Police"
    assert _column(window, AGENCIES, 2)[0] == "100%"


def test_the_tables_model_is_sound(qtmodeltester: ModelTester, window: LibraryWindow) -> None:
    window.tabs.setCurrentIndex(ACTIONS)
    model = window.models[ACTIONS]
    assert isinstance(model, RowsModel) and model.rowCount() > 0
    qtmodeltester.check(model)


def test_a_case_file_chosen_as_library_is_refused(qtbot: QtBot, reviews: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(library_window, "show_error", lambda parent, error: shown.append(str(error)))
    before = (reviews / "child-t.scrchron").read_bytes()
    assert library_window.open_library(None, reviews / "child-t.scrchron") is None
    assert shown == ["child-t.scrchron is a case file, not a learning library. Name a new file for the "
                     "library, e.g. learning.scrlib."]
    assert (reviews / "child-t.scrchron").read_bytes() == before


def test_screenshot(window: LibraryWindow, tmp_path: Path) -> None:
    window.resize(1200, 520)
    window.tabs.setCurrentIndex(ACTIONS)
    shot = window.grab()
    assert not shot.isNull()
    shot.save(str(tmp_path / "library-window.png"))
