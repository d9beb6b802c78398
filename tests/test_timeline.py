"""The timeline picture: its data, what it draws, PNG output, and drawing with no display."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from test_export_report import build_export_case

from scrchron import timeline
from scrchron.analysis_model import Episode
from scrchron.merge import Gap
from scrchron.model import Agency, Entry, Review
from scrchron.store import Case
from scrchron.timeline import Band, Lane, Mark, TimelineData

REVIEW = Review("Child T", "cspr", scope_from="2014-01-01", scope_to="2014-12-31", incident_date="2014-12-20")
AGENCIES = [Agency(1, "Police", colour="#0072B2"), Agency(2, "Children's Social Care", "CSC", "#E69F00")]


def entry(agency_id: int, start: str | None, end: str | None = None, precision: str = "day") -> Entry:
    return Entry(agency_id=agency_id, event="x", start=start, end=end or start, precision=precision)


def sample() -> TimelineData:
    entries = [entry(1, "2014-02-10"), entry(1, "2014-03-01", "2014-03-31", "month"), entry(2, "2014-08-05"),
               entry(2, None, precision="unknown"), entry(9, "2014-05-05")]
    episodes = [Episode("First", number=1, period_from="2014-02-01", period_to="2014-03-15")]
    gaps = [Gap("2014-04-01", "2014-07-31", 121)]
    return timeline.build_timeline_data(REVIEW, AGENCIES, entries, episodes, gaps)


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
    data = timeline.build_timeline_data(Review("R", "sar"), AGENCIES, [entry(1, "2015-05-01"), entry(2, "2016-01-09")])
    assert (data.first, data.last) == (date(2015, 5, 1), date(2016, 1, 9))


def _colour_at(image: Any, x: int, y: int) -> str:
    return str(image.pixelColor(x, y).name()).upper()


def test_painting_draws_lanes_marks_gaps_and_episodes() -> None:
    data = sample()
    image = timeline.paint_timeline(data, 1400, 200)
    assert (image.width(), image.height()) == (1400, 200)
    frame_top, lane = timeline.TOP, (200 - timeline.TOP - timeline.BOTTOM) / 2
    police_y = round(frame_top + lane / 2)
    assert _colour_at(image, 6, police_y) == "#0072B2"  # the lane's colour key

    def x_of(day: date) -> int:
        left, right = timeline.LABEL_WIDTH, 1400 - timeline.RIGHT
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
    png = timeline.timeline_png(data, 1000)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage.fromData(png, "PNG")
    assert image.width() == 1000 and image.height() == timeline.suggested_height(data, 1000)
    assert timeline.suggested_height(data, 1000, text_scale=1.5) > image.height()


def test_more_agencies_make_a_taller_picture() -> None:
    few = sample()
    many = TimelineData([Lane(str(n), "#000000") for n in range(10)], [], few.first, few.last)
    assert timeline.suggested_height(many, 1400) > timeline.suggested_height(few, 1400)


def test_timeline_of_a_case(tmp_path: Path) -> None:
    path = build_export_case(tmp_path / "c.scrchron")
    with Case.open(path) as case:
        data = timeline.timeline_data(case)
        image = timeline.paint_timeline(case, 800)
    assert [lane.name for lane in data.lanes] == ["Police", "CSC", "HV"]
    assert len(data.marks) == 8 and data.undated == 1
    assert [band.label for band in data.episodes] == ["1"]
    assert image.width() == 800 and not image.isNull()


def test_drawing_needs_no_display(tmp_path: Path) -> None:
    """In a fresh process with no Qt application and no display, an off-screen one is made."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    script = ("from datetime import date\nfrom scrchron import timeline\n"
              "d = timeline.TimelineData([timeline.Lane('A', '#123456')], "
              "[timeline.Mark(0, date(2014, 1, 2), date(2014, 1, 2))], date(2014, 1, 1), date(2014, 2, 1))\n"
              "open(r'%s', 'wb').write(timeline.timeline_png(d, 300))\n" % (tmp_path / "t.png"))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
