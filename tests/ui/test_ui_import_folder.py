"""File > Import starts in the folder agency files last came from, remembered apart
from the folder reviews are opened from (both in the test's own QSettings)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_ui_workflow import import_school, next_page, window

from scrchron.ui.window import settings
from scrchron.ui.window.main_window import MainWindow

__all__ = ["window"]


def answer_import_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """The next File > Import dialogs answer ``path`` (None: cancelled); returns the folders they start in."""
    started_in: list[str] = []

    def dialog(_parent: Any, _caption: str, folder: str, _filter: str) -> tuple[list[str], str]:
        started_in.append(folder)
        return ([str(path)] if path is not None else [], "")

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    return started_in


def test_import_dialog_starts_where_the_last_agency_file_came_from(
        qtbot: QtBot, window: MainWindow, school_csv: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    settings.write(settings.LAST_FOLDER, str(reviews))
    started_in = answer_import_dialog(monkeypatch, None)
    assert window.import_files() is None  # nothing chosen: nothing remembered
    assert started_in == [str(reviews)]  # nothing imported yet: the reviews' folder
    agency_files = tmp_path / "from agencies"
    agency_files.mkdir()
    school = Path(shutil.move(school_csv, agency_files / school_csv.name))
    import_school(qtbot, window, school, monkeypatch).accept()
    started_in = answer_import_dialog(monkeypatch, None)
    window.import_action.trigger()
    assert started_in == [str(agency_files)]
    assert settings.last_folder() == reviews  # opening reviews still starts in their folder


def test_a_dropped_file_once_imported_sets_the_import_folder(
        qtbot: QtBot, window: MainWindow, school_csv: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    queue = window.import_files([school_csv])  # as a drop on the window does
    assert queue is not None and queue.current is not None
    wizard = queue.current
    assert settings.read_text(settings.IMPORT_FOLDER) == ""  # not until the import lands
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    wizard.agency_page.name.selectAll()  # over the name suggested from the file
    qtbot.keyClicks(wizard.agency_page.name, "Primary School")
    for _ in range(4):
        next_page(qtbot, wizard)
    assert wizard.import_page.result is not None and wizard.import_page.result.imported == 5
    assert settings.import_folder() == school_csv.parent.resolve()


def test_a_folder_since_removed_falls_back_to_the_reviews_folder(
        qtbot: QtBot, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    settings.remember_import_folder(gone / "Police.xlsx")
    assert settings.import_folder() == gone
    gone.rmdir()
    settings.write(settings.LAST_FOLDER, str(tmp_path))
    assert settings.import_folder() == tmp_path
