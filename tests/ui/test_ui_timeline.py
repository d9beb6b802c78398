"""The Timeline tab driven as a reviewer would: zoom with the buttons, keys and wheel, drag
along the case, hover and click a mark, and have an entry chosen elsewhere shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QHelpEvent, QImage, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from scrchron.store import Case, list_entries
from scrchron.timeline import drawing
from scrchron.ui.timeline.timeline_page import TEXT_SCALE, TimelinePage
from scrchron.ui.window.session import Session

WIDTH, HEIGHT = 1200, 520
#: The sample case's scope (tests/conftest.py).
SCOPE = drawing.View(date(2015, 1, 1), date(2015, 7, 31))
POLICE_COLOUR_LANE = 0  # agencies are laned in the order they were added: Police, CSC, Health Visiting


@pytest.fixture
def session(case_file: Path) -> Iterator[Session]:
    case = Case.open(case_file)
    shared = Session(case)
    yield shared
    shared.close()


@pytest.fixture
def page(qtbot: QtBot, session: Session) -> TimelinePage:
    shown = TimelinePage()
    qtbot.addWidget(shown)
    shown.resize(WIDTH, HEIGHT)
    shown.show()
    qtbot.waitExposed(shown)
    shown.set_session(session)
    QApplication.processEvents()
    return shown


def entry_id(session: Session, words: str) -> int:
    """The id of the sample entry whose event starts with ``words``."""
    return next(e.id for e in list_entries(session.case) if e.event.startswith(words))


def press(qtbot: QtBot, page: TimelinePage, action: QAction) -> None:
    """Click the tool bar button of ``action``."""
    qtbot.mouseClick(page.tool_bar.widgetForAction(action), Qt.MouseButton.LeftButton)


def shown(page: TimelinePage) -> drawing.View:
    view = page.view()
    assert view is not None
    return view


def x_of(page: TimelinePage, day: date) -> float:
    """Where the middle of ``day`` should be drawn, worked out from the layout's constants."""
    view = shown(page)
    scale = page.canvas.width() / (drawing.LOGICAL_WIDTH / TEXT_SCALE)
    left, right = drawing.LABEL_WIDTH * scale, page.canvas.width() - drawing.RIGHT * scale
    return left + (right - left) * (day.toordinal() + 0.5 - view.start.toordinal()) / view.days


def lane_middle(page: TimelinePage, lane: int) -> float:
    """The y of the middle of a lane, from the layout's constants."""
    scale = page.canvas.width() / (drawing.LOGICAL_WIDTH / TEXT_SCALE)
    height = page.canvas.drawn_height() / scale
    lane_height = (height - drawing.TOP - drawing.BOTTOM) / 3
    return (drawing.TOP + lane_height * (lane + 0.5)) * scale


def picture(page: TimelinePage) -> QImage:
    return page.canvas.grab().toImage()


def test_opens_on_the_whole_case(page: TimelinePage) -> None:
    assert shown(page) == SCOPE
    assert page.range_label.text() == "Whole case: 1 Jan – 31 Jul 2015 (212 days)"
    assert page.zoom_in_action.isEnabled()
    assert not page.zoom_out_action.isEnabled() and not page.whole_action.isEnabled()
    assert page.note_label.text() == "1 entry without a usable date not shown"


def test_buttons_zoom_in_and_out_and_back_to_the_whole_case(qtbot: QtBot, page: TimelinePage) -> None:
    press(qtbot, page, page.zoom_in_action)
    once = shown(page)
    assert once.days < SCOPE.days and SCOPE.start <= once.start and once.end <= SCOPE.end
    assert page.range_label.text().startswith("Showing ")
    press(qtbot, page, page.zoom_in_action)
    twice = shown(page)
    assert twice.days < once.days
    assert str(twice.days) in page.range_label.text()
    press(qtbot, page, page.zoom_out_action)
    assert shown(page).days > twice.days
    press(qtbot, page, page.whole_action)
    assert shown(page) == SCOPE
    assert page.range_label.text().startswith("Whole case")


def test_keys_zoom_and_move(qtbot: QtBot, page: TimelinePage) -> None:
    canvas = page.canvas
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    zoomed = shown(page)
    assert zoomed.days < SCOPE.days
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert shown(page).start > zoomed.start and shown(page).days == zoomed.days
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert shown(page).start == SCOPE.start
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert shown(page).end == SCOPE.end
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert shown(page).days > zoomed.days
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert shown(page) == SCOPE


def wheel(page: TimelinePage, x: float, angle: QPoint, modifiers: Qt.KeyboardModifier) -> None:
    canvas = page.canvas
    position = QPointF(x, canvas.height() / 3)
    event = QWheelEvent(position, QPointF(canvas.mapToGlobal(position)), QPoint(), angle,
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)


def test_ctrl_wheel_zooms_about_the_pointer(page: TimelinePage) -> None:
    x = x_of(page, date(2015, 3, 1))
    wheel(page, x, QPoint(0, 240), Qt.KeyboardModifier.ControlModifier)
    view = shown(page)
    assert view.days < SCOPE.days and view.start > SCOPE.start  # narrower, and not from the left edge
    assert abs(x_of(page, date(2015, 3, 1)) - x) < page.canvas.frame().pixels_per_day()  # 1 March stayed put
    wheel(page, x, QPoint(0, -240), Qt.KeyboardModifier.ControlModifier)
    assert shown(page).days > view.days


def test_horizontal_wheel_moves_and_plain_wheel_does_not(page: TimelinePage) -> None:
    page.zoom_in()
    before = shown(page)
    wheel(page, 600, QPoint(0, 120), Qt.KeyboardModifier.NoModifier)
    assert shown(page) == before  # the plain wheel is left to the scroll area
    wheel(page, 600, QPoint(-120, 0), Qt.KeyboardModifier.NoModifier)
    assert shown(page).start > before.start


def test_dragging_moves_along_the_case(qtbot: QtBot, page: TimelinePage) -> None:
    page.zoom_in()
    page.zoom_in()
    before = shown(page)
    canvas = page.canvas
    per_day = canvas.frame().pixels_per_day()
    start = QPoint(800, round(lane_middle(page, 1)))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(canvas, start - QPoint(30 * step, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start - QPoint(300, 0))
    after = shown(page)
    assert after.days == before.days
    moved = after.start.toordinal() - before.start.toordinal()
    assert abs(moved - 300 / per_day) <= 1  # dragged left: later dates come into view
    assert page.scroll_bar.value() == after.start.toordinal() - SCOPE.start.toordinal()
    assert page.selected_entry() is None  # a drag is not a click


def test_the_scroll_bar_moves_the_view(page: TimelinePage) -> None:
    page.zoom_in()
    days = shown(page).days
    page.scroll_bar.setValue(30)
    assert shown(page).start == date(2015, 1, 31) and shown(page).days == days
    page.scroll_bar.setValue(page.scroll_bar.maximum())
    assert shown(page).end == SCOPE.end


def zoom_to_march(page: TimelinePage) -> None:
    page.canvas.set_view(drawing.View(date(2015, 3, 1), date(2015, 3, 31)))


def test_clicking_a_mark_selects_its_entry(qtbot: QtBot, page: TimelinePage, session: Session) -> None:
    zoom_to_march(page)
    incident = entry_id(session, "Second domestic incident")  # Police, 9 March 2015, inside "March 2015"
    point = QPoint(round(x_of(page, date(2015, 3, 9))), round(lane_middle(page, POLICE_COLOUR_LANE)))
    police = session.case.agencies()[POLICE_COLOUR_LANE].colour
    assert picture(page).pixelColor(point).name().upper() == QColor(police).name().upper()
    with qtbot.waitSignal(page.entry_selected) as selected:
        qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert selected.args == [incident]
    assert page.selected_entry() == incident


def test_clicking_empty_space_selects_nothing(qtbot: QtBot, page: TimelinePage) -> None:
    zoom_to_march(page)
    point = QPoint(round(x_of(page, date(2015, 3, 20))), round(lane_middle(page, 2)))  # Health Visiting
    assert page.canvas.entries_at(point) == []
    with qtbot.assertNotEmitted(page.entry_selected):
        qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert page.selected_entry() is None


def test_hovering_a_mark_tells_its_date_agency_and_event(page: TimelinePage, session: Session) -> None:
    zoom_to_march(page)
    point = QPoint(round(x_of(page, date(2015, 3, 9))), round(lane_middle(page, POLICE_COLOUR_LANE)))
    text = page.canvas.tooltip_at(point)
    assert text.startswith("9 March 2015 · Police\nSecond domestic incident; mother had a cut")
    assert "March 2015 · Police\nPartner arrested for shoplifting" in text  # the month around it too
    event = QHelpEvent(QEvent.Type.ToolTip, point, page.canvas.mapToGlobal(point))
    QApplication.sendEvent(page.canvas, event)
    assert QToolTip.text() == text
    assert page.canvas.tooltip_at(QPoint(5, 5)) == ""


def darkest_left_of(image: QImage, rect: QRectF) -> int:
    """The lightness of the darkest pixel in the 6 pixels left of a mark, at its middle."""
    y = round(rect.center().y())
    return min(image.pixelColor(x, y).lightness() for x in range(int(rect.left()) - 6, int(rect.left())))


def test_show_entry_rings_it_and_brings_it_into_view(qtbot: QtBot, page: TimelinePage, session: Session) -> None:
    page.canvas.set_view(drawing.View(date(2015, 1, 1), date(2015, 1, 31)))
    welfare = entry_id(session, "Welfare check requested")  # Police, 4 July 2015
    with qtbot.assertNotEmitted(page.entry_selected):  # no echo back to the chronology
        assert page.show_entry(welfare)
    view = shown(page)
    assert view.start <= date(2015, 7, 4) <= view.end and view.days == 31
    assert page.selected_entry() == welfare
    rect = page.canvas.current_marks().rect_of(welfare)
    assert rect is not None and abs(rect.center().x() - x_of(page, date(2015, 7, 4))) < 2
    assert darkest_left_of(picture(page), rect) < 80  # the dark ring beside the mark
    page.show_entry(None)
    assert darkest_left_of(picture(page), rect) > 200
    assert page.show_entry(welfare) and shown(page) == view  # in view already: nothing moves


def test_show_entry_of_an_undated_entry_says_why_it_is_missing(page: TimelinePage, session: Session) -> None:
    undated = entry_id(session, "Intelligence report")
    assert not page.show_entry(undated)
    assert "no usable date" in page.note_label.text()
    assert page.show_entry(None) is False and page.selected_entry() is None


def test_show_entry_outside_the_scope_says_so(page: TimelinePage, session: Session) -> None:
    from scrchron.records.case_records import Entry
    from scrchron.store import add_entry

    police = session.case.agencies()[0].id
    early = add_entry(session.case, Entry(agency_id=police, event="Earlier call.", date_text="1/6/2014",
                                          start="2014-06-01", end="2014-06-01", precision="day"))
    page.redraw()
    assert not page.show_entry(early)
    assert "outside the review's scope" in page.note_label.text()
    assert shown(page) == SCOPE


def test_case_is_read_once_per_change_not_per_paint(qtbot: QtBot, page: TimelinePage, session: Session,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[object] = []
    real = drawing.timeline_data
    monkeypatch.setattr(timeline, "timeline_data", lambda case: reads.append(case) or real(case))
    page.zoom_in()
    page.canvas.repaint()
    page.canvas.pan(5)
    page.canvas.repaint()
    assert reads == []
    session.analysis_changed.emit()
    session.chronology_changed.emit()
    qtbot.waitUntil(lambda: len(reads) == 1)


def test_a_change_redraws_keeping_the_view_and_the_selection(qtbot: QtBot, page: TimelinePage,
                                                             session: Session) -> None:
    from scrchron.records.case_records import Entry
    from scrchron.store import add_entry

    zoom_to_march(page)
    incident = entry_id(session, "Second domestic incident")
    page.show_entry(incident)
    police = session.case.agencies()[0].id
    added = add_entry(session.case, Entry(agency_id=police, event="Call to the address.", date_text="20/03/2015",
                                          start="2015-03-20", end="2015-03-20", precision="day"))
    session.chronology_changed.emit()
    qtbot.waitUntil(lambda: page.canvas.current_marks().rect_of(added) is not None)
    assert shown(page) == drawing.View(date(2015, 3, 1), date(2015, 3, 31))
    assert page.selected_entry() == incident


def test_controls_have_accessible_names(page: TimelinePage) -> None:
    names = {page.tool_bar.widgetForAction(action).accessibleName()
             for action in (page.zoom_in_action, page.zoom_out_action, page.whole_action)}
    assert names == {"Zoom in", "Zoom out", "Whole case"}
    assert page.canvas.accessibleName() == "Timeline of the case"
    assert "zoom" in page.canvas.accessibleDescription()
    assert page.scroll_bar.accessibleName() and page.range_label.accessibleName()


def test_background_follows_a_dark_palette(page: TimelinePage) -> None:
    palette = page.canvas.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#E0E0E0"))
    page.canvas.setPalette(palette)
    image = picture(page)
    assert image.pixelColor(page.canvas.width() - 3, 3).name().upper() == "#1E1E1E"  # beside the incident label
    odd_lane = image.pixelColor(page.canvas.width() - 30, round(lane_middle(page, 1)))
    assert odd_lane.lightness() < 60  # the lanes are dark too


def test_no_case_shows_a_hint_and_disables_the_tools(qtbot: QtBot) -> None:
    empty = TimelinePage()
    qtbot.addWidget(empty)
    empty.set_session(None)
    assert empty.view() is None and not empty.zoom_in_action.isEnabled()
    assert not empty.show_entry(3)


def test_in_the_window_a_mark_and_the_chronology_select_each_other(qtbot: QtBot, case_file: Path) -> None:
    from scrchron.ui.window.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    assert window.open_path(case_file)
    tabs, chronology = window.review_tabs, window.chronology_page
    page = tabs.timeline
    session = window.session
    assert session is not None
    incident = entry_id(session, "Second domestic incident")
    # choosing a row in the chronology rings the entry on the timeline
    assert chronology.choose_entry(incident)
    assert page.selected_entry() == incident
    # a click on another mark selects that entry's row in the table
    window.workspace.setCurrentWidget(page)
    page.redraw()
    zoom_to_march(page)
    qtbot.waitUntil(lambda: len(page.canvas.current_marks()) > 0)
    other = next(e.id for e in list_entries(session.case) if e.id != incident and e.start
                 and e.start.startswith("2015-03") and e.precision in ("day", "time")
                 and page.canvas.current_marks().rect_of(e.id) is not None)
    rect = page.canvas.current_marks().rect_of(other)
    assert rect is not None
    point = rect.center().toPoint()
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert chronology.selected_entry_ids() == [other]
    assert window.workspace.currentWidget() is page  # a click keeps the reviewer on the timeline
    # a double click opens the entry in the chronology, with the entry panel showing it
    qtbot.mouseDClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert window.workspace.currentWidget() is chronology
    assert chronology.selected_entry_ids() == [other]
    assert chronology.entry_panel.entry is not None and chronology.entry_panel.entry.id == other


def test_n_and_p_step_through_the_entries_and_enter_opens_one(qtbot: QtBot, page: TimelinePage,
                                                               session: Session) -> None:
    in_order = [m.entry_id for m in drawing.timeline_data(session.case).marks
                if SCOPE.overlaps(m.start, m.end)]
    page.canvas.setFocus()
    with qtbot.waitSignal(page.entry_selected) as first:
        qtbot.keyClick(page.canvas, Qt.Key.Key_N)
    assert first.args == [in_order[0]] and page.selected_entry() == in_order[0]
    qtbot.keyClick(page.canvas, Qt.Key.Key_N)
    qtbot.keyClick(page.canvas, Qt.Key.Key_N)
    assert page.selected_entry() == in_order[2]
    qtbot.keyClick(page.canvas, Qt.Key.Key_P)
    assert page.selected_entry() == in_order[1]
    page.canvas.set_view(drawing.View(date(2015, 1, 1), date(2015, 1, 20)))
    for _ in range(len(in_order) + 2):  # past the last entry: it stays on the last
        qtbot.keyClick(page.canvas, Qt.Key.Key_N)
    assert page.selected_entry() == in_order[-1]
    last = page.canvas.mark_of[in_order[-1]]
    assert shown(page).overlaps(last.start, last.end)  # brought into view
    with qtbot.waitSignal(page.entry_opened) as opened:
        qtbot.keyClick(page.canvas, Qt.Key.Key_Return)
    assert opened.args == [in_order[-1]]
