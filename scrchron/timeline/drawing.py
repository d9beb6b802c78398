"""The timeline picture: one swimlane per agency, key practice episodes shaded, gaps visible.

This is the one module outside ``scrchron/ui`` that uses Qt, and it uses only
QtGui (QPainter on a QImage, no widgets): the timeline view draws it on screen
with :func:`draw_timeline` and the Word export puts :func:`timeline_png` into the
report, so export never depends on windows (the export imports this module only
when it draws, so spreadsheet exports never load Qt). When no Qt application
exists (the command line), an off-screen QGuiApplication is created for fonts.

:class:`TimelineData` and :class:`View` (plain data, zoom and pan) live in
``scrchron.timeline.lanes``, which needs no Qt; they are named here too, so
callers import the picture's names from one place.

The timeline view draws a :class:`View` (a stretch of dates: zoomed in, panned)
where the report draws the whole span, marks one entry as selected, and finds
the entry under the pointer through the :class:`MarkMap` that
:func:`draw_timeline` returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

from scrchron.runtime import collector
from scrchron.timeline.lanes import (
    DARK_COLOURS,
    MIN_VIEW_DAYS,
    REPORT_COLOURS,
    Band,
    Colours,
    EntryNote,
    Lane,
    Mark,
    TimelineData,
    View,
    build_timeline_data,
    fit_view,
    pan_view,
    reveal,
    timeline_data,
    whole_view,
    zoom_view,
)

if TYPE_CHECKING:
    from scrchron.store.case import Case

__all__ = [
    "DARK_COLOURS", "MIN_VIEW_DAYS", "REPORT_COLOURS", "Band", "Colours", "EntryNote", "Frame", "Lane",
    "Mark", "MarkMap", "TimelineData", "View", "build_timeline_data", "draw_timeline",
    "ensure_gui_application", "fit_view", "paint_timeline", "pan_view", "reveal", "suggested_height",
    "timeline_data", "timeline_png", "whole_view", "zoom_view",
]

LOGICAL_WIDTH = 1400.0
LABEL_WIDTH = 190.0
TOP = 42.0
BOTTOM = 34.0
RIGHT = 18.0
LANE_HEIGHT = 30.0
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_APP: Any = None


def suggested_height(data: TimelineData, width: int, text_scale: float = 1.0) -> int:
    """A height in pixels that gives each lane room at ``width`` (and ``text_scale``)."""
    lanes = max(1, len(data.lanes))
    return round((TOP + BOTTOM + lanes * LANE_HEIGHT) * width * text_scale / LOGICAL_WIDTH)


# -- images ---------------------------------------------------------------------------


def ensure_gui_application() -> None:
    """Create an off-screen Qt application when none exists (text needs one for its fonts).

    It is made as a QApplication (a QGuiApplication that windows can use too) when
    QtWidgets is installed, because Qt allows one application object per process:
    a bare QGuiApplication made here would stop a window opened later in the same
    process (the demo, a test run) from starting. Nothing here creates a widget.
    """
    global _APP
    existing = QCoreApplication.instance()
    if existing is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        try:
            from PySide6.QtWidgets import QApplication
        except ImportError:  # a build without QtWidgets: the picture needs only QtGui
            _APP = QGuiApplication([])
        else:
            _APP = QApplication([])
    elif not isinstance(existing, QGuiApplication):
        raise RuntimeError("the timeline needs a QGuiApplication, but a non-GUI Qt application exists")


def paint_timeline(source: Case | TimelineData, width: int, height: int | None = None, *,
                   text_scale: float = 1.0, view: View | None = None, selected: int | None = None) -> QImage:
    """The timeline drawn on a new white image of ``width`` x ``height`` pixels.

    Args:
        source: a case (read as the window shows it) or prepared :class:`TimelineData`.
        width: image width in pixels (everything scales with it).
        height: image height; :func:`suggested_height` when None.
        text_scale: labels and lanes this many times larger relative to the width
            (a picture shrunk onto a page needs about 1.4).
        view: the dates to draw; the whole span when None (as the report does).
        selected: an entry id to ring as selected.
    """
    ensure_gui_application()
    data = source if isinstance(source, TimelineData) else timeline_data(source)
    height = height or suggested_height(data, width, text_scale)
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        draw_timeline(painter, data, width, height, text_scale=text_scale, view=view, selected=selected)
    finally:
        painter.end()
    return image


#: Qt's PNG "quality" maps to zlib's level as (100 - quality) * 9 // 91: 70 is level 2.
PNG_QUALITY = 70


def timeline_png(source: Case | TimelineData, width: int, height: int | None = None, *,
                 text_scale: float = 1.0) -> bytes:
    """The timeline as PNG bytes (see :func:`paint_timeline`).

    The picture is opaque (drawn on white), so it is stored without an alpha channel, and
    compressed at zlib level 2 (Qt's quality 70): half the time of Qt's default for a file
    an eighth larger.
    """
    image = paint_timeline(source, width, height, text_scale=text_scale)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", PNG_QUALITY)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    return bytes(array.data())


# -- drawing --------------------------------------------------------------------------


class Frame:
    """Where things go, in logical units (the painter is scaled to the real size).

    ``x`` gives logical units; :meth:`day_at` and :attr:`scale` convert from the
    painter's pixels, so a view can tell which day is under the pointer.
    """

    def __init__(self, data: TimelineData, width: int, height: int, text_scale: float = 1.0,
                 view: View | None = None) -> None:
        self.view = view or whole_view(data)
        self.zoomed = self.view != whole_view(data)
        self.width = LOGICAL_WIDTH / max(0.1, text_scale)
        self.scale = width / self.width
        self.height = height / self.scale
        self.left = LABEL_WIDTH
        self.right = self.width - RIGHT
        self.top = TOP
        self.bottom = self.height - BOTTOM
        self.lane_height = (self.bottom - self.top) / max(1, len(data.lanes))
        self.first = self.view.start.toordinal()
        self.days = self.view.days

    def x(self, day: date, end: bool = False) -> float:
        """The x of the start of ``day`` (of its end with ``end``), kept inside the plot."""
        offset = day.toordinal() + (1 if end else 0) - self.first
        offset = min(max(offset, 0), self.days)
        return self.left + (self.right - self.left) * offset / self.days

    def lane_top(self, lane: int) -> float:
        """The y of the top of lane ``lane``."""
        return self.top + lane * self.lane_height

    def day_at(self, x: float) -> float:
        """The ordinal (with the fraction of the day) under the painter's pixel ``x``."""
        return self.first + (x / self.scale - self.left) * self.days / (self.right - self.left)

    def pixels_per_day(self) -> float:
        """How many of the painter's pixels one day takes."""
        return (self.right - self.left) * self.scale / self.days

    def plot_contains(self, x: float, y: float) -> bool:
        """True when the painter's pixel (x, y) is on the lanes (right of the labels)."""
        return self.left <= x / self.scale <= self.right and self.top <= y / self.scale <= self.bottom

    def shows_edge(self, day: date, end: bool = False) -> bool:
        """True when the start (end) of ``day`` is inside the view, or the view is the whole span."""
        offset = day.toordinal() + (1 if end else 0) - self.first
        return not self.zoomed or 0 <= offset <= self.days


class MarkMap:
    """Where each entry's mark was drawn, in the painter's pixels: finds the entry under a point."""

    #: How far (pixels) beside a thin mark a point still counts as on it.
    SLACK = 3.0

    def __init__(self) -> None:
        self._boxes: list[tuple[float, float, float, float, bool, int]] = []
        self._index: dict[int, int] | None = None  # made when first asked (a paint adds thousands)

    def add(self, entry_id: int, rect: QRectF, coarse: bool) -> None:
        """Remember that ``entry_id`` was drawn in ``rect`` (pixels)."""
        self.extend([(rect.left(), rect.top(), rect.right(), rect.bottom(), coarse, entry_id)])

    def extend(self, boxes: list[tuple[float, float, float, float, bool, int]]) -> None:
        """Remember many marks at once: (left, top, right, bottom, coarse, entry id), in pixels."""
        self._boxes.extend(boxes)
        self._index = None

    def rect_of(self, entry_id: int) -> QRectF | None:
        """Where ``entry_id`` was drawn, or None when it was not (outside the view, undated)."""
        if self._index is None:
            self._index = {box[5]: number for number, box in enumerate(self._boxes)}
        if entry_id not in self._index:
            return None
        left, top, right, bottom, _coarse, _id = self._boxes[self._index[entry_id]]
        return QRectF(left, top, right - left, bottom - top)

    def entries_at(self, x: float, y: float) -> list[int]:
        """Ids of the marks at or just beside (x, y): exact-date marks first, then the nearest."""
        found: list[tuple[bool, float, float, int]] = []
        for left, top, right, bottom, coarse, entry_id in self._boxes:
            if top <= y <= bottom and left - self.SLACK <= x <= right + self.SLACK:
                distance = max(left - x, x - right, 0.0)
                found.append((coarse, distance, right - left, entry_id))
        return [entry_id for *_key, entry_id in sorted(found)]

    def entry_at(self, x: float, y: float) -> int | None:
        """The id of the entry drawn at (x, y), or None."""
        found = self.entries_at(x, y)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self._boxes)


@dataclass
class _Canvas:
    """One drawing: the painter, what is drawn, where, and in which colours."""

    painter: QPainter
    data: TimelineData
    frame: Frame
    colours: Colours
    marks: MarkMap = field(default_factory=MarkMap)


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("Arial")
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def draw_timeline(painter: QPainter, data: TimelineData, width: int, height: int, *,
                  text_scale: float = 1.0, view: View | None = None, selected: int | None = None,
                  colours: Colours = REPORT_COLOURS) -> MarkMap:
    """Draw the timeline with ``painter`` into a ``width`` x ``height`` area at its origin.

    Args:
        painter: draws on the image or widget; its background is left as it is.
        data: what to draw.
        width: the area's width in the painter's pixels (everything scales with it).
        height: the area's height.
        text_scale: labels and lanes this many times larger relative to the width.
        view: the dates to draw (zoomed or panned); the whole span when None.
        selected: an entry id whose mark gets a ring.
        colours: text, stripes and lines (the report's by default).

    Returns:
        Where each entry's mark was drawn, to find the entry under a point.
    """
    canvas = _Canvas(painter, data, Frame(data, width, height, text_scale, view), colours)
    with collector.paused():  # a paint makes a rectangle per mark and no cycles: no collection in it
        _draw(canvas, selected)
    return canvas.marks


def _draw(c: _Canvas, selected: int | None) -> None:
    c.painter.save()
    c.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    c.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    c.painter.scale(c.frame.scale, c.frame.scale)
    _draw_lanes(c)
    _clip_to_plot(c)
    _draw_gaps(c)
    _draw_episodes(c)
    _draw_marks(c)
    _draw_selection(c, selected)
    c.painter.setClipping(False)
    _draw_axis(c)
    _draw_incident(c)
    c.painter.restore()


def _clip_to_plot(c: _Canvas) -> None:
    """A zoomed view keeps its bands and marks off the lane labels (the whole span needs no clip)."""
    if c.frame.zoomed:
        c.painter.setClipRect(QRectF(c.frame.left, 0, c.frame.right - c.frame.left, c.frame.height))


def _draw_lanes(c: _Canvas) -> None:
    painter, frame = c.painter, c.frame
    painter.setFont(_font(12))
    metrics = QFontMetricsF(painter.font())
    for index, lane in enumerate(c.data.lanes):
        top = frame.lane_top(index)
        if index % 2 == 0:
            painter.fillRect(QRectF(0, top, frame.right, frame.lane_height), QColor(c.colours.stripe))
        painter.fillRect(QRectF(4, top + 4, 5, frame.lane_height - 8), QColor(lane.colour))
        label = metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, frame.left - 24)
        painter.setPen(QColor(c.colours.ink))
        painter.drawText(QRectF(14, top, frame.left - 20, frame.lane_height),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), label)
    painter.setPen(QPen(QColor(c.colours.edge), 1.0))
    painter.drawLine(QPointF(frame.left, frame.top), QPointF(frame.left, frame.bottom))


def _draw_gaps(c: _Canvas) -> None:
    painter, frame = c.painter, c.frame
    painter.setFont(_font(10))
    for gap in c.data.gaps:
        if not frame.view.overlaps(gap.start, gap.end):
            continue
        left, right = frame.x(gap.start), frame.x(gap.end)
        rect = QRectF(left, frame.top, max(1.0, right - left), frame.bottom - frame.top)
        painter.fillRect(rect, QColor(214, 69, 65, 26))
        painter.fillRect(rect, QBrush(QColor(214, 69, 65, 90), Qt.BrushStyle.BDiagPattern))
        painter.setPen(QColor(c.colours.gap_ink))
        if right - left > 44:
            painter.drawText(QRectF(left, frame.bottom - 16, right - left, 15),
                             int(Qt.AlignmentFlag.AlignCenter), f"no contact {gap.label}")


def _draw_episodes(c: _Canvas) -> None:
    painter, frame = c.painter, c.frame
    painter.setFont(_font(11, bold=True))
    for band in c.data.episodes:
        if not frame.view.overlaps(band.start, band.end):
            continue
        left, right = frame.x(band.start), frame.x(band.end, end=True)
        rect = QRectF(left, frame.top, max(2.0, right - left), frame.bottom - frame.top)
        painter.fillRect(rect, QColor(0, 114, 178, 34))
        painter.setPen(QPen(QColor(c.colours.episode_edge), 1.0, Qt.PenStyle.DashLine))
        if frame.shows_edge(band.start):
            painter.drawLine(QPointF(left, frame.top - 18), QPointF(left, frame.bottom))
        if frame.shows_edge(band.end, end=True):
            painter.drawLine(QPointF(right, frame.top - 18), QPointF(right, frame.bottom))
        painter.setPen(QColor(c.colours.episode_ink))
        painter.setClipping(False)  # the number sits above the lanes
        label = QRectF(left - 20, frame.top - 20, max(40.0, right - left + 40), 16)
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), f"Episode {band.label}"
                         if right - left > 70 else band.label)
        _clip_to_plot(c)


def _draw_marks(c: _Canvas) -> None:
    """Every mark in the view, drawn in one call per lane and kind (fewer calls: faster).

    A mark covers its days on its lane (``Frame.x`` worked inline on day numbers: a
    zoom step on 10,000 entries repaints every mark, and calling it per mark took most
    of the time); a coarse date is a thinner bar; zoomed in, neighbouring days are kept
    apart.
    """
    frame, scale = c.frame, c.frame.scale
    tick = max(1.4, min(3.0, (frame.right - frame.left) / frame.days * 0.8))
    first, days, left0 = frame.first, frame.days, frame.left
    per_day = (frame.right - frame.left) / days
    lane_height, top0 = frame.lane_height, frame.top
    heights = {True: lane_height * 0.28, False: lane_height * 0.62}
    view_first, view_last = frame.view.start.toordinal(), frame.view.end.toordinal()
    batches: dict[tuple[int, bool], list[QRectF]] = {}
    boxes: list[tuple[float, float, float, float, bool, int]] = []
    for mark, (start, end) in zip(c.data.marks, _day_numbers(c.data), strict=True):
        if start > view_last or end < view_first:
            continue
        left = left0 + per_day * min(max(start - first, 0), days)
        width = max(tick, left0 + per_day * min(max(end + 1 - first, 0), days) - left)
        if frame.zoomed and width > 6:  # zoomed in, a day is wide: keep neighbouring days apart
            inset = min(width * 0.15, 4.0)
            left, width = left + inset, width - 2 * inset
        height = heights[mark.coarse]
        top = top0 + mark.lane * lane_height + (lane_height - height) / 2
        batches.setdefault((mark.lane, mark.coarse), []).append(QRectF(left, top, width, height))
        if mark.entry_id:
            boxes.append((left * scale, top * scale, (left + width) * scale, (top + height) * scale,
                          mark.coarse, mark.entry_id))
    c.marks.extend(boxes)
    c.painter.setPen(Qt.PenStyle.NoPen)
    for (lane, coarse), rects in sorted(batches.items(), key=lambda item: not item[0][1]):
        colour = QColor(c.data.lanes[lane].colour)
        if coarse:
            colour.setAlpha(70)
        c.painter.setBrush(colour)
        c.painter.drawRects(rects)


_DAY_NUMBERS: dict[int, tuple[object, list[tuple[int, int]]]] = {}


def _day_numbers(data: TimelineData) -> list[tuple[int, int]]:
    """Each mark's first and last day as ordinals, worked out once per timeline data."""
    cached = _DAY_NUMBERS.get(id(data))
    if cached is None or cached[0] is not data.marks:
        numbers = [(mark.start.toordinal(), mark.end.toordinal()) for mark in data.marks]
        _DAY_NUMBERS.clear()  # one timeline's data at a time is enough
        _DAY_NUMBERS[id(data)] = cached = (data.marks, numbers)
    return cached[1]


def _draw_selection(c: _Canvas, selected: int | None) -> None:
    """A ring round the selected entry's mark, and a dotted line down every lane at its date."""
    found = c.marks.rect_of(selected) if selected else None
    if found is None:
        return
    painter, frame = c.painter, c.frame
    rect = QRectF(found.topLeft() / frame.scale, found.bottomRight() / frame.scale)
    ring = rect.adjusted(-3.5, -3.5, 3.5, 3.5)
    painter.setPen(QPen(QColor(c.colours.selection), 1.0, Qt.PenStyle.DotLine))
    middle = rect.center().x()
    painter.drawLine(QPointF(middle, frame.top), QPointF(middle, ring.top()))
    painter.drawLine(QPointF(middle, ring.bottom()), QPointF(middle, frame.bottom))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(c.colours.paper), 5.0))
    painter.drawRoundedRect(ring, 3, 3)
    painter.setPen(QPen(QColor(c.colours.selection), 2.0))
    painter.drawRoundedRect(ring, 3, 3)


def _ticks(first: date, last: date) -> tuple[list[date], int]:
    """Axis ticks (first of a month) and how many months between labelled ticks."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    ticks = []
    year, month = first.year, first.month
    for _ in range(months + 1):
        ticks.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [t for t in ticks if first <= t <= last], step


def _month_labels(view: View) -> list[tuple[date, str | None]]:
    """Month ticks with their labels (None: a tick with no label), as the report has them."""
    ticks, step = _ticks(view.start, view.end)
    labels: list[tuple[date, str | None]] = []
    first_label = True
    for day in ticks:
        if (day.month - 1) % step:
            labels.append((day, None))
            continue
        text = str(day.year) if step == 12 else _MONTHS[day.month - 1]
        if step < 12 and (day.month == 1 or first_label):
            text = f"{_MONTHS[day.month - 1]} {day.year}"
        first_label = False
        labels.append((day, text))
    return labels


def _day_labels(view: View, pixels_per_day: float) -> list[tuple[date, str | None]]:
    """A zoomed-in axis: a tick a day (up to two months) or each Monday, labelled '9 Mar'."""
    every = 1 if view.days <= 62 else 7
    labelled = 1 if view.days <= 16 else 7
    start = view.start.toordinal()
    if every == 7:
        start += -view.start.weekday() % 7
    labels: list[tuple[date, str | None]] = []
    first_label = True
    for ordinal in range(start, view.end.toordinal() + 1, every):
        day = date.fromordinal(ordinal)
        if labelled == 7 and day.weekday():
            labels.append((day, None))
            continue
        text = f"{day.day} {_MONTHS[day.month - 1]}"
        if (first_label or (day.month, day.day) == (1, 1)) and pixels_per_day * labelled > 75:
            text += f" {day.year}"
        first_label = False
        labels.append((day, text))
    return labels


def _by_day(frame: Frame) -> bool:
    """True when the axis counts days and weeks (zoomed in close), not months."""
    return frame.zoomed and frame.days <= 120


def _axis_labels(frame: Frame) -> list[tuple[date, str | None]]:
    """The axis ticks of the view: months, or days and weeks when zoomed in close."""
    if _by_day(frame):
        return _day_labels(frame.view, (frame.right - frame.left) / frame.days)
    return _month_labels(frame.view)


def _draw_axis(c: _Canvas) -> None:
    painter, frame = c.painter, c.frame
    painter.setFont(_font(11))
    minor_top = frame.bottom if _by_day(frame) else frame.top  # day ticks would cut through the marks
    for day, text in _axis_labels(frame):
        x = frame.x(day)
        colour = c.colours.grid if text is None else c.colours.grid_strong
        painter.setPen(QPen(QColor(colour), 0.8))
        top = frame.top if text is not None else minor_top
        painter.drawLine(QPointF(x, top), QPointF(x, frame.bottom + (6 if text is not None else 3)))
        if text is not None:
            painter.setPen(QColor(c.colours.axis_ink))
            painter.drawText(QRectF(x - 40, frame.bottom + 7, 80, 16), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.setPen(QPen(QColor(c.colours.rule), 1.0))
    painter.drawLine(QPointF(frame.left, frame.bottom), QPointF(frame.right, frame.bottom))


def _draw_incident(c: _Canvas) -> None:
    incident, frame = c.data.incident, c.frame
    if incident is None or not frame.view.start <= incident <= frame.view.end:
        return
    x = frame.x(incident)
    c.painter.setPen(QPen(QColor(c.colours.incident), 2.0))
    c.painter.drawLine(QPointF(x, frame.top - 6), QPointF(x, frame.bottom))
    c.painter.setFont(_font(11, bold=True))
    c.painter.drawText(QRectF(x - 90, 2, 88, 16), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       "Incident")
