"""The window at 1024×700 and 1366×768, light and dark: nothing that carries meaning is cut.

Each check drives the window as a reviewer does (clicks, View > Appearance from the
keyboard) and reads what is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_driver import named, press_keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from scrchron.analysis import operations
from scrchron.store import Case
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.window import appearance
from scrchron.ui.window.main_window import MainWindow


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(one: QColor, two: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def window(qtbot: QtBot, case_file: Path, sync_tasks: None) -> Iterator[MainWindow]:
    with Case.open(case_file) as case:  # names as long as reviewers give them
        operations.add_episode(case, "Step down to early help after the review meeting of June 2015, "
                                   "without a multi-agency plan or a named lead professional")
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1024, 700)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_case(case_file)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance.apply_appearance(app, "light")


@pytest.mark.parametrize("keys", [("v", "r", "d"), ("v", "r", "l")], ids=["dark", "light"])
def test_the_window_fits_1024_wide_in_either_look(qtbot: QtBot, window: MainWindow, keys: tuple[str, ...]) -> None:
    press_keys(qtbot, window, *keys)  # View > Appearance > Dark (or Light)
    window.resize(1024, 700)
    qtbot.wait(10)
    assert window.width() == 1024, f"the window cannot be narrower than {window.width()} px"
    marking = named(window, "Protective marking", QLabel)
    palette = QApplication.palette()
    drawn = QColor(marking.styleSheet().split("color:")[1].split(";")[0].strip())
    assert contrast(drawn, palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_choosing_an_entry_never_scrolls_the_dates_out_of_sight(qtbot: QtBot, window: MainWindow) -> None:
    table = window.chronology_page.table
    rect = table.visualRect(table.model().index(5, Column.FLAGS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the next entry, from the keyboard
    assert table.horizontalScrollBar().maximum() > 0  # the panel leaves the table less room than it needs
    assert table.horizontalScrollBar().value() == 0
    assert table.visualRect(table.model().index(5, Column.DATE)).left() >= 0


def test_a_long_date_as_written_shows_its_beginning(qtbot: QtBot, window: MainWindow) -> None:
    table = window.chronology_page.table
    row = next(r for r in range(table.model().rowCount())
               if table.model().index(r, Column.DATE).data() == "date not recorded")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(row, Column.DATE)).center())
    date = named(window, "Date as written", QLineEdit)
    assert date.text() == "date not recorded" and date.cursorPosition() == 0
