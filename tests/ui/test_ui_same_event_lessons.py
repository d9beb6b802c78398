"""The Same event page shows what the reviewer's decisions taught, and takes it back (issue 20).

Driven as a reviewer does: Ctrl+2 to the page, clicks on its buttons and its tick box,
Ctrl+Z / Ctrl+Shift+Z; the assertions read what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import click, find, press, tick, widgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

CTRL = Qt.KeyboardModifier.ControlModifier
CALL = "Concern for welfare: Adult C found on the floor, ambulance called"
CREW = "Ambulance attended a concern for welfare: Adult C found on the floor"
LESSON = "not proposing ambulance call-out with concern for welfare on the same day (you rejected group 1)"


def welfare_case(folder: Path) -> Path:
    """Two concerns for welfare months apart, each told by police and by the ambulance crew."""
    path = folder / "Adult C.scrchron"
    with Case.create(path, Review("Adult C", "sar")) as case:
        police, crew = case.add_agency("Police").id, case.add_agency("Ambulance Service").id
        rows = [(police, CALL, "2023-04-02"), (crew, CREW, "2023-04-02"),
                (police, CALL.replace("floor", "floor again"), "2023-09-20"), (crew, CREW, "2023-09-20")]
        with case.write():
            insert_entries(case, [Entry(agency_id=agency, event=text, date_text=day, start=day, end=day,
                                        precision="day") for agency, text, day in rows])
    return path


def listed(window: QWidget) -> int:
    (table,) = widgets(window, QTableView)
    return table.model().rowCount()


def lessons(window: QWidget) -> str:
    return find(window, QLabel, "What your decisions taught").text()


def test_a_rejected_group_stops_the_next_one_visibly_until_undone_or_untick(
        qtbot: QtBot, open_window: Callable[..., QWidget], tmp_path: Path) -> None:
    window = open_window(welfare_case(tmp_path))
    press(qtbot, Qt.Key.Key_2, CTRL, window)
    click(qtbot, window, "Look for same events again")
    assert listed(window) == 2
    assert lessons(window).startswith("Nothing learned yet")
    click(qtbot, window, "Reject: different events")  # the April group, shown first
    assert lessons(window) == f"Learned from your decisions (the next search uses them):\n• {LESSON}"
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert lessons(window).startswith("Nothing learned yet")  # undoing the decision undoes its lesson
    press(qtbot, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier, window)
    assert LESSON in lessons(window)
    click(qtbot, window, "Look for same events again")
    assert listed(window) == 0  # September's pair is not proposed: the rejected kinds on one day
    tick(qtbot, find(window, QCheckBox, "Learn from my decisions"))
    assert lessons(window).startswith("Not learning from your decisions")
    click(qtbot, window, "Look for same events again")
    assert listed(window) == 1  # without the lesson, September's pair is proposed again
