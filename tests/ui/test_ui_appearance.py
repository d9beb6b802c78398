"""Light and dark: text stays readable on the palette in use (View > Appearance,
SCRCHRON_PALETTE), judged on what Qt actually paints, by the WCAG contrast ratio."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scrchron.ui.app import application
from scrchron.ui.files.new_review_dialog import NewReviewDialog
from scrchron.ui.window import appearance, settings
from scrchron.ui.window.appearance import (
    DARK,
    LIGHT,
    READABLE,
    SYSTEM,
    DarkFusion,
    apply_appearance,
    contrast,
    is_dark,
)
from scrchron.ui.window.main_window import MainWindow

#: A colour counts as text when at least this many pixels have it (not a stray edge).
TEXT_PIXELS = 8
#: WCAG 2.1 (1.4.11): the least contrast for the parts of a control one must see.
CONTROL_CONTRAST = 3.0


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QApplication]:
    """The whole app drawn with the dark palette, as View > Appearance > Dark does."""
    apply_appearance(qapp, DARK)
    yield qapp
    apply_appearance(qapp, SYSTEM)


@pytest.fixture
def window(qtbot: QtBot, case_file: Path) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def painted_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The contrast between the commonest colour painted (the background) and the
    colour that stands out most from it among those painted often enough to be text."""
    image = (widget.grab(area) if area is not None else widget.grab()).toImage()
    counts = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(contrast(QColor.fromRgb(pixel), background)
               for pixel, count in counts.items() if count >= TEXT_PIXELS)


def test_the_dark_palette_is_dark_and_readable(dark: QApplication) -> None:
    palette = dark.palette()
    assert is_dark(palette) and isinstance(dark.style(), DarkFusion)
    role = QPalette.ColorRole
    for text, ground in ((role.WindowText, role.Window), (role.Text, role.Base),
                         (role.Text, role.AlternateBase), (role.ButtonText, role.Button),
                         (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase),
                         (role.PlaceholderText, role.Base), (role.Link, role.Base)):
        assert contrast(palette.color(text), palette.color(ground)) >= READABLE, (text, ground)


def test_problem_in_the_new_review_dialog_reads_on_dark_and_light(
        qtbot: QtBot, dark: QApplication, tmp_path: Path) -> None:
    dialog = NewReviewDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_problem("Give the review a title.")
    on_dark = dialog.problem.palette().color(QPalette.ColorRole.WindowText)
    assert painted_contrast(dialog.problem) >= READABLE
    apply_appearance(dark, LIGHT)  # the label follows a change of palette while open
    assert not is_dark()
    qtbot.waitUntil(lambda: dialog.problem.palette().color(QPalette.ColorRole.WindowText) != on_dark)
    assert painted_contrast(dialog.problem) >= READABLE


def test_people_note_and_start_page_hint_read_on_dark(
        qtbot: QtBot, dark: QApplication, window: MainWindow, case_file: Path) -> None:
    assert window.start_page.no_recent.isVisible()
    assert painted_contrast(window.start_page.no_recent) >= READABLE
    assert window.open_case(case_file)
    people = window.review_tabs.people
    window.workspace.setCurrentWidget(people)
    qtbot.waitUntil(people.note.isVisible)
    assert painted_contrast(people.note) >= READABLE


def test_the_hint_is_readable_on_the_light_palette_too(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    apply_appearance(qapp, LIGHT)
    try:
        assert painted_contrast(window.start_page.no_recent) >= READABLE
    finally:
        apply_appearance(qapp, SYSTEM)


def test_chronology_rows_read_on_dark(qtbot: QtBot, dark: QApplication, window: MainWindow,
                                      case_file: Path) -> None:
    assert window.open_case(case_file)
    table = window.chronology_page.table
    for row in (0, 1):  # plain and alternate rows
        area = table.visualRect(table.model().index(row, 4))
        area = area.translated(table.viewport().pos())
        assert painted_contrast(table, area) >= READABLE
    assert painted_contrast(window.chronology_page.title) >= READABLE


def test_empty_tick_boxes_show_on_dark(qtbot: QtBot, dark: QApplication, window: MainWindow,
                                       case_file: Path) -> None:
    assert window.open_case(case_file)
    page = window.chronology_page
    page.table.selectRow(0)
    themes = page.entry_panel.themes
    qtbot.waitUntil(themes.isVisible)
    item = themes.item(0)
    assert item.checkState() == Qt.CheckState.Unchecked
    row = themes.visualItemRect(item)
    box = QRect(row.left(), row.top(), row.height(), row.height())  # the tick box starts the row
    assert painted_contrast(themes.viewport(), box) >= CONTROL_CONTRAST


def test_tool_bar_arrows_take_the_palette_text_colour(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    icon = window.import_action.icon()
    try:
        for choice in (LIGHT, DARK):
            apply_appearance(qapp, choice)
            text = qapp.palette().color(QPalette.ColorRole.ButtonText)
            arrow = icon.pixmap(QSize(24, 24), 2.0).toImage()
            assert arrow.width() == 48  # drawn for the screen's pixels, not blown up
            painted = {arrow.pixelColor(x, y).rgb() for x in range(48) for y in range(48)
                       if arrow.pixelColor(x, y).alpha() == 255}
            assert painted == {text.rgb()}
    finally:
        apply_appearance(qapp, SYSTEM)


def test_view_menu_chooses_the_appearance_and_remembers_it(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.appearance_actions[SYSTEM].isChecked()
    try:
        window.appearance_actions[DARK].trigger()
        assert is_dark(qapp.palette())
        assert settings.read_text(settings.APPEARANCE) == DARK
        other.appearance_menu.aboutToShow.emit()  # every window ticks the same choice
        assert other.appearance_actions[DARK].isChecked()
        window.appearance_actions[SYSTEM].trigger()
        assert not is_dark(qapp.palette())
        assert settings.read_text(settings.APPEARANCE) == SYSTEM
    finally:
        apply_appearance(qapp, SYSTEM)


def test_the_environment_overrides_the_saved_choice(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.write(settings.APPEARANCE, LIGHT)
    assert appearance.chosen(LIGHT) == LIGHT
    monkeypatch.setenv(appearance.ENVIRONMENT, "Dark")
    try:
        assert application() is qapp
        assert is_dark(qapp.palette())
    finally:
        monkeypatch.delenv(appearance.ENVIRONMENT)
        apply_appearance(qapp, SYSTEM)
    monkeypatch.setenv(appearance.ENVIRONMENT, "purple")
    assert appearance.chosen("nonsense") == SYSTEM


def test_contrast_ratio_matches_wcag() -> None:
    assert round(contrast(QColor("black"), QColor("white")), 1) == 21.0
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#123456"), QColor("#123456")) == 1.0
