"""An age or a relative date ("aged 3", "two days later") is read from its anchor when the
reviewer accepts the offer in the entry panel: one click, undoable, the text kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import named, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from scrchron.chronology import entry_edits
from scrchron.chronology.submission_import import import_file
from scrchron.store import Case, EntryQuery, get_entry, list_entries
from scrchron.ui.chronology.chronology_model import Column, EntryIdRole
from scrchron.ui.window.main_window import MainWindow

NURSERY = ("Date,Event\n14/01/2015,Child attended nursery.\ntwo days later,Child absent; mother phoned.\n"
           "aged 3,Child seen by the dentist.\n")


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path) -> MainWindow:
    nursery = tmp_path / "nursery.csv"
    nursery.write_text(NURSERY, encoding="utf-8")
    with Case.open(case_file) as case:
        case.update_review(subject_dob="2012-05-01")
        import_file(case, nursery, "Nursery")
    return open_window(case_file, (1366, 768))  # type: ignore[no-any-return]


def choose(qtbot: QtBot, window: MainWindow, date_text: str) -> int:
    model, table = window.model, window.chronology_page.table
    row = next(r for r in range(model.rowCount()) if model.index(r, Column.DATE).data() == date_text)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(model.index(row, Column.EVENT)).center())
    return int(model.index(row, Column.EVENT).data(EntryIdRole))


@pytest.mark.parametrize(("written", "start", "flag", "source"), [
    ("two days later", "2015-01-16", "from-previous-entry", "the entry before"),
    ("aged 3", "2015-05-01", "from-age", "the date of birth"),
])
def test_an_offered_reading_is_taken_with_one_click_and_undone(
        qtbot: QtBot, window: MainWindow, written: str, start: str, flag: str, source: str) -> None:
    entry_id = choose(qtbot, window, written)
    assert window.case is not None and get_entry(window.case, entry_id).start is None
    offer = named(window, "Use the offered reading", QPushButton)
    assert offer.text().endswith(f"(worked out from {source})")
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    entry = get_entry(window.case, entry_id)
    assert (entry.date_text, entry.start, flag in entry.flags) == (written, start, True)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, window)
    assert get_entry(window.case, entry_id).start is None


def test_nothing_is_offered_without_an_anchor(case_file: Path, tmp_path: Path) -> None:
    nursery = tmp_path / "nursery.csv"
    nursery.write_text("Date,Event\naged 3,Child seen by the dentist.\n", encoding="utf-8")
    with Case.open(case_file) as case:
        import_file(case, nursery, "Nursery")
        entry = list_entries(case, EntryQuery(agencies=["Nursery"]))[0]
        assert entry_edits.offered_reading(case, entry) is None  # no date of birth, no entry before
