"""The timeline picture: its data, what it draws, PNG output, and drawing with no display."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from test_export_report import build_export_case

from scrchron.chronology.contact_gaps import Gap
from scrchron.records.analysis_records import Episode
from scrchron.records.case_records import Agency, Entry, Review
from scrchron.store import Case
from scrchron.timeline import drawing
from scrchron.timeline.drawing import Band, Lane, Mark, TimelineData

REVIEW = Review("Child T", "cspr", scope_from="2014-01-01", scope_to="2014-12-31", incident_date="2014-12-20")
AGENCIES = [Agency(1, "Police", colour="#0072B2"), Agency(2, "Children's Social Care", "CSC", "#E69F00")]


def entry(agency_id: int, start: str | None, end: str | None = None, precision: str = "day") -> Entry:
    return Entry(agency_id=agency_id, event="x", start=start, end=end or start, precision=precision)


def sample() -> TimelineData:
    entries = [entry(1, "2014-02-10"), entry(1, "2014-03-01", "2014-03-31", "month"), entry(2, "2014-08-05"),
               entry(2, None, precision="unknown"), entry(9, "2014-05-05")]
    episodes = [Episode("First", number=1, period_from="2014-02-01", period_to="2014-03-15")]
    gaps = [Gap("2014-04-01", "2014-07-31", 121)]
    return drawing.build_timeline_data(REVIEW, AGENCIES, entries, episodes, gaps)


def test_data_has_a_lane_per_agency_marks_bands_and_the_incident() -> None:
    data = sample()
    assert data.lanes == [Lane("Police", "#0072B2"), Lane("CSC", "#E69F00")]
    assert data.marks == [Mark(0, date(2014, 2, 10), date(2014, 2, 10)),
                          Mark(0, date(2014, 3, 1), date(2014, 3, 31), coarse=True),
                          Mark(1, date(2014, 8, 5), date(2014, 8, 5))]
    assert data.undated == 2  # no date, and an agency with no lane
    assert data.episodes == [Band(date(2014, 2, 1), date(2014, 3, 15), "1")]
    assert data.gaps == [Band(date(2014, 4, 1), date(2014, 7, 31), "121 days")]
    assert (data.first, data.last, data.incident) == (date(2014, 1, 1), date(2014, 12, 31), date(2014, 12, 20))


def test_without_a_scope_the_span_follows_the_entries() -> None:
    data = drawing.build_timeline_data(Review("R", "sar"), AGENCIES, [entry(1, "2015-05-01"), entry(2, "2016-01-09")])
    assert (data.first, data.last) == (date(2015, 5, 1), date(2016, 1, 9))


def _colour_at(image: Any, x: int, y: int) -> str:
    return str(image.pixelColor(x, y).name()).upper()


def test_painting_draws_lanes_marks_gaps_and_episodes() -> None:
    data = sample()
    image = drawing.paint_timeline(data, 1400, 200)
    assert (image.width(), image.height()) == (1400, 200)
    frame_top, lane = drawing.TOP, (200 - drawing.TOP - drawing.BOTTOM) / 2
    police_y = round(frame_top + lane / 2)
    assert _colour_at(image, 6, police_y) == "#0072B2"  # the lane's colour key

    def x_of(day: date) -> int:
        left, right = drawing.LABEL_WIDTH, 1400 - drawing.RIGHT
        return round(left + (right - left) * (day.toordinal() - date(2014, 1, 1).toordinal() + 0.5) / 365)

    assert _colour_at(image, x_of(date(2014, 2, 10)), police_y) == "#0072B2"
    csc_y = round(frame_top + lane * 1.5)
    assert _colour_at(image, x_of(date(2014, 8, 5)), csc_y) == "#E69F00"
    gap = image.pixelColor(x_of(date(2014, 6, 1)) + 1, csc_y + 5)
    assert gap.red() > gap.green() and gap.red() > gap.blue()  # the hatched red band
    episode = image.pixelColor(x_of(date(2014, 2, 20)), csc_y)
    assert episode.blue() > episode.red()  # the shaded blue band


def test_png_bytes_load_back_at_the_suggested_size() -> None:
    from PySide6.QtGui import QImage

    data = sample()
    png = drawing.timeline_png(data, 1000)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage.fromData(png, "PNG")
    assert image.width() == 1000 and image.height() == drawing.suggested_height(data, 1000)
    assert drawing.suggested_height(data, 1000, text_scale=1.5) > image.height()


def test_more_agencies_make_a_taller_picture() -> None:
    few = sample()
    many = TimelineData([Lane(str(n), "#000000") for n in range(10)], [], few.first, few.last)
    assert drawing.suggested_height(many, 1400) > drawing.suggested_height(few, 1400)


def test_timeline_of_a_case(tmp_path: Path) -> None:
    path = build_export_case(tmp_path / "c.scrchron")
    with Case.open(path) as case:
        data = drawing.timeline_data(case)
        image = drawing.paint_timeline(case, 800)
    assert [lane.name for lane in data.lanes] == ["Police", "CSC", "HV"]
    assert len(data.marks) == 8 and data.undated == 1
    assert [band.label for band in data.episodes] == ["1"]
    assert image.width() == 800 and not image.isNull()


def test_drawing_needs_no_display(tmp_path: Path) -> None:
    """In a fresh process with no Qt application and no display, an off-screen one is made."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    script = ("from datetime import date\nfrom scrchron import timeline\n"
              "d = drawing.TimelineData([drawing.Lane('A', '#123456')], "
              "[drawing.Mark(0, date(2014, 1, 2), date(2014, 1, 2))], date(2014, 1, 1), date(2014, 2, 1))\n"
              "open(r'%s', 'wb').write(drawing.timeline_png(d, 300))\n" % (tmp_path / "t.png"))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"


# -- views, hit-testing and the selection ring ------------------------------------------------

AUGUST = drawing.View(date(2014, 8, 1), date(2014, 8, 31))


def with_ids() -> TimelineData:
    """Three police entries with ids: a day, a month around it, and one in August; one CSC day."""
    entries = [Entry(agency_id=1, id=11, event="Home visit; baby seen asleep in cot.", date_text="10/02/2014",
                     start="2014-02-10", end="2014-02-10", precision="day"),
               Entry(agency_id=1, id=12, event="Calls about the partner.", date_text="Feb-14",
                     start="2014-02-01", end="2014-02-28", precision="month"),
               Entry(agency_id=1, id=13, event="x", start="2014-08-20", end="2014-08-20", precision="day"),
               Entry(agency_id=2, id=21, event="Strategy discussion held by phone.", date_text="5.8.14",
                     start="2014-08-05", end="2014-08-05", precision="day")]
    return drawing.build_timeline_data(REVIEW, AGENCIES, entries)


def draw(data: TimelineData, width: int = 1400, height: int = 200, **options: Any) -> tuple[Any, drawing.MarkMap]:
    """An image of the picture, and where each mark went."""
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        marks = drawing.draw_timeline(painter, data, width, height, **options)
    finally:
        painter.end()
    return image, marks


def test_marks_carry_their_entry_id_and_a_note_for_the_pointer() -> None:
    data = with_ids()
    assert [m.entry_id for m in data.marks] == [11, 12, 13, 21]
    note = data.notes[21]
    assert (note.date_text, note.agency, note.event) == ("5.8.14", "Children's Social Care",
                                                         "Strategy discussion held by phone.")


def test_default_view_is_the_whole_span_exactly_as_the_report_draws_it() -> None:
    """The report calls the painter with no view and no selection: that must equal the whole span."""
    data = with_ids()
    report = drawing.paint_timeline(data, 1200, text_scale=1.45)
    assert report == drawing.paint_timeline(data, 1200, text_scale=1.45, view=drawing.whole_view(data))
    assert report == drawing.paint_timeline(data, 1200, text_scale=1.45, selected=999)  # not drawn: no ring
    assert report != drawing.paint_timeline(data, 1200, text_scale=1.45, selected=21)
    assert drawing.Frame(data, 1200, 300).zoomed is False


def test_a_view_draws_only_its_dates_across_the_whole_width() -> None:
    data = with_ids()
    frame = drawing.Frame(data, 1400, 200, view=AUGUST)
    assert frame.zoomed and frame.days == 31
    assert frame.x(date(2014, 8, 1)) == drawing.LABEL_WIDTH
    assert frame.x(date(2014, 8, 31), end=True) == 1400 - drawing.RIGHT
    assert round(frame.day_at(frame.x(date(2014, 8, 5)) * frame.scale)) == date(2014, 8, 5).toordinal()
    image, marks = draw(data, view=AUGUST)
    assert marks.rect_of(11) is None and marks.rect_of(12) is None  # February is not in the view
    csc = marks.rect_of(21)
    assert csc is not None and csc.width() > 20  # a day is wide when zoomed in to one month
    assert _colour_at(image, round(csc.center().x()), round(csc.center().y())) == "#E69F00"
    whole = draw(data)[1].rect_of(21)
    assert whole is not None and whole.width() < 5


def test_a_view_shows_days_on_its_axis() -> None:
    data = with_ids()
    labels = drawing._axis_labels(drawing.Frame(data, 1400, 200, view=AUGUST))
    texts = [text for _day, text in labels if text]
    assert "4 Aug 2014" in texts and "11 Aug" in texts  # Mondays, the first with its year
    assert next(text for _day, text in drawing._axis_labels(drawing.Frame(data, 1400, 200)) if text) == "Jan 2014"


def test_hit_testing_finds_the_entry_under_a_point() -> None:
    data = with_ids()
    _image, marks = draw(data)
    day = marks.rect_of(11)
    month = marks.rect_of(12)
    assert day is not None and month is not None and month.contains(day.center())
    assert marks.entry_at(day.center().x(), day.center().y()) == 11  # the exact day before its month
    assert marks.entry_at(day.right() + 2, day.center().y()) == 11  # a thin mark has some slack
    assert marks.entry_at(month.right() - 2, month.center().y()) == 12
    csc = marks.rect_of(21)
    assert csc is not None and marks.entry_at(csc.center().x(), csc.center().y()) == 21
    assert marks.entry_at(csc.center().x(), csc.top() - 8) is None  # above the mark, on the police lane
    assert marks.entry_at(700, 5) is None
    assert sorted(marks.entries_at(day.center().x(), day.center().y())) == [11, 12]


def test_the_selected_entry_gets_a_ring() -> None:
    data = with_ids()
    plain, marks = draw(data, view=AUGUST)
    ringed, _ = draw(data, view=AUGUST, selected=21)
    rect = marks.rect_of(21)
    assert rect is not None
    scale = 1400 / drawing.LOGICAL_WIDTH
    x, y = round(rect.left() - 3.5 * scale), round(rect.center().y())
    assert ringed.pixelColor(x, y).lightness() < 80  # the dark ring beside the mark
    assert plain.pixelColor(x, y).lightness() > 200


def test_zoom_keeps_the_anchor_day_in_place_and_stays_inside_the_span() -> None:
    whole = drawing.View(date(2014, 1, 1), date(2014, 12, 31))
    anchor = date(2014, 3, 1).toordinal() + 0.5
    zoomed = drawing.zoom_view(whole, whole, 2.0, anchor)
    assert zoomed.days in (182, 183)
    before = (anchor - whole.start.toordinal()) / whole.days
    after = (anchor - zoomed.start.toordinal()) / zoomed.days
    assert abs(before - after) < 2 / zoomed.days
    assert drawing.zoom_view(zoomed, whole, 0.1) == whole
    narrowest = drawing.zoom_view(whole, whole, 1000.0)
    assert narrowest.days == drawing.MIN_VIEW_DAYS
    assert drawing.zoom_view(narrowest, whole, 1.01).days == drawing.MIN_VIEW_DAYS
    assert drawing.zoom_view(narrowest, whole, 1 / 1.01).days == drawing.MIN_VIEW_DAYS + 1  # a small step moves


def test_pan_and_reveal_keep_the_view_inside_the_span() -> None:
    whole = drawing.View(date(2014, 1, 1), date(2014, 12, 31))
    view = drawing.View(date(2014, 3, 1), date(2014, 3, 31))
    assert drawing.pan_view(view, whole, 10) == drawing.View(date(2014, 3, 11), date(2014, 4, 10))
    assert drawing.pan_view(view, whole, -1000) == drawing.View(date(2014, 1, 1), date(2014, 1, 31))
    assert drawing.pan_view(view, whole, 1000).end == date(2014, 12, 31)
    assert drawing.reveal(view, whole, date(2014, 3, 5), date(2014, 3, 5)) == view
    moved = drawing.reveal(view, whole, date(2014, 9, 9), date(2014, 9, 9))
    assert moved.days == view.days and moved.start <= date(2014, 9, 9) <= moved.end
    wide = drawing.reveal(view, whole, date(2014, 6, 1), date(2014, 8, 31))
    assert wide.start <= date(2014, 6, 1) and date(2014, 8, 31) <= wide.end
