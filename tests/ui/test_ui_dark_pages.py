"""The pages that wrote colours of their own stay readable on the dark palette: the
same-event page, the analysis forms' errors and legend, the import preview's shading
and the timeline's incident line. Judged on what Qt paints, as test_ui_appearance does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from test_ui_appearance import TEXT_PIXELS, dark, painted_contrast
from test_ui_workflow import next_page, start_wizard

from scrchron.store import Case, EntryQuery, groups, list_entries
from scrchron.timeline import drawing
from scrchron.ui.chronology.same_event_page import SameEventPage, conflict_colours
from scrchron.ui.importing.import_plan import attention_colours
from scrchron.ui.window.appearance import DARK, LIGHT, READABLE, SYSTEM, apply_appearance, contrast, is_dark
from scrchron.ui.window.main_window import MainWindow

__all__ = ["dark"]

#: A painted colour is "warm" (the conflict wording) when its red beats its blue by this much.
WARM = 60


def add_conflicting_group(case_file: Path) -> None:
    """Police's PPN (17 Jan) and the MASH's record of it (19 Jan): one event, two dates."""
    with Case.open(case_file) as case:
        entries = list_entries(case, EntryQuery(include_hidden=True))
        ids = [e.id for e in entries if e.date_text in ("17/01/2015", "19.01.15")]
        with case.write():
            groups.create_group(case, ids, status="proposed", conflict=True, manual=False, action="propose")


@pytest.fixture
def window(qtbot: QtBot, case_file: Path, sync_tasks: None) -> Iterator[MainWindow]:
    add_conflicting_group(case_file)
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_case(case_file)
    yield shown


def commonest(widget: QWidget, area: QRect | None = None) -> QColor:
    """The colour painted most (the background)."""
    image = (widget.grab(area) if area is not None else widget.grab()).toImage()
    counts = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def warm_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The contrast of the warmest-looking text (orange or red, painted often enough) on the background."""
    image = (widget.grab(area) if area is not None else widget.grab()).toImage()
    counts = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    warm = [QColor.fromRgb(pixel) for pixel, count in counts.items() if count >= TEXT_PIXELS]
    warm = [colour for colour in warm if colour.red() - colour.blue() >= WARM]
    assert warm, "no warm text painted"
    return max(contrast(colour, background) for colour in warm)


def lower_half(widget: QWidget) -> QRect:
    return QRect(0, widget.height() // 2, widget.width(), widget.height() - widget.height() // 2)


def same_event_page(qtbot: QtBot, window: MainWindow) -> SameEventPage:
    page = window.workspace.same_event_page
    window.workspace.setCurrentWidget(page)
    qtbot.waitUntil(page.heading.isVisible)
    assert page.model.rowCount() == 1 and page.cards_layout.count() == 2
    return page


def card_label(page: SameEventPage, number: int) -> QLabel:
    item = page.cards_layout.itemAt(number)
    card = item.widget() if item is not None else None
    label = card.findChild(QLabel) if card is not None else None
    assert label is not None
    return label


def assert_same_event_page_reads(page: SameEventPage) -> None:
    """The shaded conflicting group, the heading's warning, the cards' dates, the notice."""
    page.table.clearSelection()  # a selected row is drawn in the highlight, not the shading
    cell = page.table.visualRect(page.model.index(0, 3)).translated(page.table.viewport().pos())
    _text, shading = conflict_colours(QApplication.palette())
    assert commonest(page.table, cell) == shading
    assert painted_contrast(page.table, cell) >= READABLE
    assert "disagree" in page.heading.text()
    assert warm_contrast(page.heading, lower_half(page.heading)) >= READABLE
    for number in range(page.cards_layout.count()):
        assert warm_contrast(card_label(page, number)) >= READABLE
    page.notice.setText("Health Visiting's account was taken out of the group.")
    page.notice.show()
    assert painted_contrast(page.notice) >= READABLE


def test_same_event_page_reads_on_dark(qtbot: QtBot, dark: QApplication, window: MainWindow) -> None:
    assert_same_event_page_reads(same_event_page(qtbot, window))


def test_same_event_page_follows_a_change_to_dark_and_back(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    try:
        apply_appearance(qapp, LIGHT)
        page = same_event_page(qtbot, window)
        assert conflict_colours(qapp.palette())[1] == QColor("#FCE8D5")  # the light look kept
        assert_same_event_page_reads(page)
        light_heading = page.heading.text()
        apply_appearance(qapp, DARK)  # while the page is open
        assert is_dark()
        qtbot.waitUntil(lambda: page.heading.text() != light_heading)
        qtbot.waitUntil(lambda: page.cards_layout.count() == 2)
        assert_same_event_page_reads(page)
    finally:
        apply_appearance(qapp, SYSTEM)


def test_analysis_error_box_and_legend_read_on_dark(
        qtbot: QtBot, dark: QApplication, window: MainWindow) -> None:
    analysis = window.review_tabs.analysis
    window.workspace.setCurrentWidget(analysis)
    qtbot.mouseClick(analysis.episodes.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(analysis.episodes.save_button, Qt.MouseButton.LeftButton)
    error = analysis.episodes.error
    qtbot.waitUntil(error.isVisible)
    assert painted_contrast(error) >= READABLE
    window_colour = dark.palette().color(QPalette.ColorRole.Window)
    assert contrast(commonest(error), window_colour) < 1.5  # a faint tint, not a bright box
    analysis.setCurrentWidget(analysis.action_plan)
    qtbot.waitUntil(analysis.action_plan.legend.isVisible)
    assert painted_contrast(analysis.action_plan.legend) >= READABLE


def test_action_plan_legend_reads_on_light(qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    apply_appearance(qapp, LIGHT)
    try:
        analysis = window.review_tabs.analysis
        window.workspace.setCurrentWidget(analysis)
        analysis.setCurrentWidget(analysis.action_plan)
        qtbot.waitUntil(analysis.action_plan.legend.isVisible)
        assert painted_contrast(analysis.action_plan.legend) >= READABLE
    finally:
        apply_appearance(qapp, SYSTEM)


def test_import_preview_shading_reads_on_dark(
        qtbot: QtBot, dark: QApplication, window: MainWindow, school_csv: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = start_wizard(window, school_csv, monkeypatch)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    wizard.agency_page.name.selectAll()  # over the name suggested from the file
    qtbot.keyClicks(wizard.agency_page.name, "Primary School")
    for _ in range(3):
        next_page(qtbot, wizard)
    preview = wizard.preview_page
    assert wizard.currentPage() is preview and preview.model.rowCount() == 5
    table = preview.table
    table.clearSelection()
    cell = table.visualRect(preview.model.index(3, 4)).translated(table.viewport().pos())  # "not known"
    assert commonest(table, cell) == attention_colours(dark.palette())[1]
    assert painted_contrast(table, cell) >= READABLE
    wizard.reject()


def test_timeline_incident_reads_on_dark(qtbot: QtBot, dark: QApplication, window: MainWindow) -> None:
    page = window.review_tabs.timeline
    window.workspace.setCurrentWidget(page)
    page.redraw()
    canvas = page.canvas
    qtbot.waitUntil(lambda: len(canvas.current_marks()) > 0)
    frame = canvas.frame()
    assert canvas.data is not None and canvas.data.incident is not None
    x, scale = frame.x(canvas.data.incident), frame.scale
    label = QRect(round((x - 90) * scale), round(2 * scale), round(88 * scale), round(16 * scale))
    assert painted_contrast(canvas, label) >= READABLE
    paper = dark.palette().color(QPalette.ColorRole.Base)
    assert contrast(QColor(drawing.DARK_COLOURS.incident), paper) >= READABLE
    assert contrast(QColor(drawing.DARK_COLOURS.incident), QColor(drawing.DARK_COLOURS.paper)) >= READABLE
    assert drawing.REPORT_COLOURS.incident == "#C00000"  # the report keeps its red


def test_overdue_actions_read_on_both_palettes(qapp: QApplication) -> None:
    from scrchron.records.analysis_records import Action
    from scrchron.ui.analysis.analysis_models import ActionModel

    model = ActionModel(lambda: {1: 1})
    model.set_records([Action(1, "Audit of strategy discussions", id=7, due="2020-01-31")])
    index = model.index(0, 1)
    for choice in (LIGHT, DARK):
        apply_appearance(qapp, choice)
        try:
            background = model.data(index, Qt.ItemDataRole.BackgroundRole)
            text = model.data(index, Qt.ItemDataRole.ForegroundRole)
            window = qapp.palette().color(QPalette.ColorRole.Base)
            assert contrast(text, background) >= READABLE
            assert (background.lightnessF() < 0.5) == (choice == DARK) == (window.lightnessF() < 0.5)
        finally:
            apply_appearance(qapp, SYSTEM)
