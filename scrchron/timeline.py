"""The timeline picture: one swimlane per agency, key practice episodes shaded, gaps visible.

This is the one module outside ``scrchron/ui`` that uses Qt, and it uses only
QtGui (QPainter on a QImage, no widgets): the timeline view draws it on screen
with :func:`draw_timeline` and the Word export puts :func:`timeline_png` into the
report, so export never depends on windows (the export imports this module only
when it draws, so spreadsheet exports never load Qt). When no Qt application
exists (the command line), an off-screen QGuiApplication is created for fonts.

:class:`TimelineData` is plain data, built from a case by :func:`timeline_data`
or from already-filtered records by :func:`build_timeline_data` (the export
passes anonymised texts, so the picture never shows a name the report hides).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

from scrchron.model import Agency, Entry, Review

if TYPE_CHECKING:
    from scrchron.analysis_model import Episode
    from scrchron.merge import Gap
    from scrchron.store.case import Case

LOGICAL_WIDTH = 1400.0
LABEL_WIDTH = 190.0
TOP = 42.0
BOTTOM = 34.0
RIGHT = 18.0
LANE_HEIGHT = 30.0
_COARSE = {"month", "quarter", "season", "term", "part-year", "year", "range"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_APP: Any = None


@dataclass(frozen=True)
class Lane:
    """One agency's swimlane."""

    name: str
    colour: str


@dataclass(frozen=True)
class Mark:
    """One entry on a lane: its interval, and whether its date is coarse (a month or wider)."""

    lane: int
    start: date
    end: date
    coarse: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded period across every lane: a key practice episode or a gap."""

    start: date
    end: date
    label: str


@dataclass
class TimelineData:
    """Everything the picture shows (plain data, no Qt)."""

    lanes: list[Lane]
    marks: list[Mark]
    first: date
    last: date
    episodes: list[Band] = field(default_factory=list)
    gaps: list[Band] = field(default_factory=list)
    incident: date | None = None
    undated: int = 0


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _marks(entries: Iterable[Entry], lane_of: dict[int, int]) -> tuple[list[Mark], int]:
    marks: list[Mark] = []
    undated = 0
    for entry in entries:
        start = _day(entry.start)
        if start is None or entry.precision == "unknown" or entry.agency_id not in lane_of:
            undated += 1
            continue
        end = _day(entry.end) or start
        marks.append(Mark(lane_of[entry.agency_id], start, max(start, end), entry.precision in _COARSE))
    return marks, undated


def _span(review: Review, marks: Sequence[Mark]) -> tuple[date, date]:
    first = _day(review.scope_from) or min((m.start for m in marks), default=None)
    last = _day(review.scope_to) or max((m.end for m in marks), default=None)
    incident = _day(review.incident_date)
    first = first or incident or date.today()
    last = max(last or first, incident or first)
    if last <= first:
        last = date.fromordinal(first.toordinal() + 30)
    return first, last


def build_timeline_data(review: Review, agencies: Sequence[Agency], entries: Iterable[Entry],
                        episodes: Sequence[Episode] = (), gaps: Sequence[Gap] = ()) -> TimelineData:
    """The picture's data from records (texts used as given: filter them first for an export).

    Args:
        review: gives the scope (the picture's span) and the incident date.
        agencies: one lane each, in this order, in the agency's colour.
        entries: the entries to mark (undated ones are counted, not drawn).
        episodes: key practice episodes with a period, shaded and numbered.
        gaps: periods with no contact, hatched.
    """
    lanes = [Lane(a.short_name or a.name, a.colour) for a in agencies]
    lane_of = {a.id: index for index, a in enumerate(agencies)}
    marks, undated = _marks(entries, lane_of)
    first, last = _span(review, marks)
    bands = [Band(_day(e.period_from) or first, _day(e.period_to) or last, str(e.number))
             for e in episodes if e.period_from or e.period_to]
    holes = [Band(start, end, f"{g.days} days") for g in gaps
             if (start := _day(g.start)) and (end := _day(g.end))]
    return TimelineData(lanes, marks, first, last, bands, holes, _day(review.incident_date), undated)


def timeline_data(case: Case) -> TimelineData:
    """The picture's data for a case as the chronology window shows it (names as recorded)."""
    from scrchron import merge
    from scrchron.store import analysis as analysis_store
    from scrchron.store import list_entries

    entries = list_entries(case)
    review = case.review()
    try:
        gaps = merge.case_gaps(case)
    except Exception:  # a bad gap_days setting must not stop the picture
        gaps = []
    return build_timeline_data(review, case.agencies(), entries, analysis_store.list_episodes(case), gaps)


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
                   text_scale: float = 1.0) -> QImage:
    """The timeline drawn on a new white image of ``width`` x ``height`` pixels.

    Args:
        source: a case (read as the window shows it) or prepared :class:`TimelineData`.
        width: image width in pixels (everything scales with it).
        height: image height; :func:`suggested_height` when None.
        text_scale: labels and lanes this many times larger relative to the width
            (a picture shrunk onto a page needs about 1.4).
    """
    ensure_gui_application()
    data = source if isinstance(source, TimelineData) else timeline_data(source)
    height = height or suggested_height(data, width, text_scale)
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        draw_timeline(painter, data, width, height, text_scale=text_scale)
    finally:
        painter.end()
    return image


def timeline_png(source: Case | TimelineData, width: int, height: int | None = None, *,
                 text_scale: float = 1.0) -> bytes:
    """The timeline as PNG bytes (see :func:`paint_timeline`)."""
    image = paint_timeline(source, width, height, text_scale=text_scale)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    return bytes(array.data())



# -- drawing --------------------------------------------------------------------------


class _Frame:
    """Where things go, in logical units (the painter is scaled to the real size)."""

    def __init__(self, data: TimelineData, width: int, height: int, text_scale: float) -> None:
        self.width = LOGICAL_WIDTH / max(0.1, text_scale)
        self.scale = width / self.width
        self.height = height / self.scale
        self.left = LABEL_WIDTH
        self.right = self.width - RIGHT
        self.top = TOP
        self.bottom = self.height - BOTTOM
        self.lane_height = (self.bottom - self.top) / max(1, len(data.lanes))
        self.first = data.first.toordinal()
        self.days = max(1, data.last.toordinal() + 1 - self.first)

    def x(self, day: date, end: bool = False) -> float:
        """The x of the start of ``day`` (of its end with ``end``), kept inside the plot."""
        offset = day.toordinal() + (1 if end else 0) - self.first
        offset = min(max(offset, 0), self.days)
        return self.left + (self.right - self.left) * offset / self.days

    def lane_top(self, lane: int) -> float:
        """The y of the top of lane ``lane``."""
        return self.top + lane * self.lane_height


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("Arial")
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def draw_timeline(painter: QPainter, data: TimelineData, width: int, height: int, *,
                  text_scale: float = 1.0) -> None:
    """Draw the timeline with ``painter`` into a ``width`` x ``height`` area at its origin."""
    _draw(painter, data, _Frame(data, width, height, text_scale))


def _draw(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.scale(frame.scale, frame.scale)
    _draw_lanes(painter, data, frame)
    _draw_gaps(painter, data, frame)
    _draw_episodes(painter, data, frame)
    _draw_marks(painter, data, frame)
    _draw_axis(painter, data, frame)
    _draw_incident(painter, data, frame)
    painter.restore()


def _draw_lanes(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    painter.setFont(_font(12))
    metrics = QFontMetricsF(painter.font())
    for index, lane in enumerate(data.lanes):
        top = frame.lane_top(index)
        if index % 2 == 0:
            painter.fillRect(QRectF(0, top, frame.right, frame.lane_height), QColor("#F4F5F7"))
        painter.fillRect(QRectF(4, top + 4, 5, frame.lane_height - 8), QColor(lane.colour))
        label = metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, frame.left - 24)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(14, top, frame.left - 20, frame.lane_height),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), label)
    painter.setPen(QPen(QColor("#B8BEC6"), 1.0))
    painter.drawLine(QPointF(frame.left, frame.top), QPointF(frame.left, frame.bottom))


def _draw_gaps(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    painter.setFont(_font(10))
    for gap in data.gaps:
        left, right = frame.x(gap.start), frame.x(gap.end)
        rect = QRectF(left, frame.top, max(1.0, right - left), frame.bottom - frame.top)
        painter.fillRect(rect, QColor(214, 69, 65, 26))
        painter.fillRect(rect, QBrush(QColor(214, 69, 65, 90), Qt.BrushStyle.BDiagPattern))
        painter.setPen(QColor("#A4302C"))
        if right - left > 44:
            painter.drawText(QRectF(left, frame.bottom - 16, right - left, 15),
                             int(Qt.AlignmentFlag.AlignCenter), f"no contact {gap.label}")


def _draw_episodes(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    painter.setFont(_font(11, bold=True))
    for band in data.episodes:
        left, right = frame.x(band.start), frame.x(band.end, end=True)
        rect = QRectF(left, frame.top, max(2.0, right - left), frame.bottom - frame.top)
        painter.fillRect(rect, QColor(0, 114, 178, 34))
        painter.setPen(QPen(QColor(0, 84, 140, 160), 1.0, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(left, frame.top - 18), QPointF(left, frame.bottom))
        painter.drawLine(QPointF(right, frame.top - 18), QPointF(right, frame.bottom))
        painter.setPen(QColor("#00548C"))
        label = QRectF(left - 20, frame.top - 20, max(40.0, right - left + 40), 16)
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), f"Episode {band.label}"
                         if right - left > 70 else band.label)


def _draw_marks(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    """Every mark, drawn in one call per lane and kind (fewer calls: faster)."""
    tick = max(1.4, min(3.0, (frame.right - frame.left) / frame.days * 0.8))
    batches: dict[tuple[int, bool], list[QRectF]] = {}
    for mark in data.marks:
        share = 0.28 if mark.coarse else 0.62
        height = frame.lane_height * share
        left = frame.x(mark.start)
        width = max(tick, frame.x(mark.end, end=True) - left)
        top = frame.lane_top(mark.lane) + (frame.lane_height - height) / 2
        batches.setdefault((mark.lane, mark.coarse), []).append(QRectF(left, top, width, height))
    painter.setPen(Qt.PenStyle.NoPen)
    for (lane, coarse), rects in sorted(batches.items(), key=lambda item: not item[0][1]):
        colour = QColor(data.lanes[lane].colour)
        if coarse:
            colour.setAlpha(70)
        painter.setBrush(colour)
        painter.drawRects(rects)


def _ticks(data: TimelineData) -> tuple[list[date], int]:
    """Axis ticks (first of a month) and how many months between labelled ticks."""
    months = (data.last.year - data.first.year) * 12 + data.last.month - data.first.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    ticks = []
    year, month = data.first.year, data.first.month
    for _ in range(months + 1):
        ticks.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [t for t in ticks if data.first <= t <= data.last], step


def _draw_axis(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    ticks, step = _ticks(data)
    painter.setFont(_font(11))
    first_label = True
    for day in ticks:
        x = frame.x(day)
        labelled = (day.month - 1) % step == 0
        painter.setPen(QPen(QColor("#D0D4DA" if not labelled else "#9AA1AA"), 0.8))
        painter.drawLine(QPointF(x, frame.top), QPointF(x, frame.bottom + (6 if labelled else 3)))
        if labelled:
            text = str(day.year) if step == 12 else _MONTHS[day.month - 1]
            if step < 12 and (day.month == 1 or first_label):
                text = f"{_MONTHS[day.month - 1]} {day.year}"
            first_label = False
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(x - 40, frame.bottom + 7, 80, 16), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.setPen(QPen(QColor("#6B7280"), 1.0))
    painter.drawLine(QPointF(frame.left, frame.bottom), QPointF(frame.right, frame.bottom))


def _draw_incident(painter: QPainter, data: TimelineData, frame: _Frame) -> None:
    if data.incident is None or not data.first <= data.incident <= data.last:
        return
    x = frame.x(data.incident)
    painter.setPen(QPen(QColor("#C00000"), 2.0))
    painter.drawLine(QPointF(x, frame.top - 6), QPointF(x, frame.bottom))
    painter.setFont(_font(11, bold=True))
    painter.drawText(QRectF(x - 90, 2, 88, 16), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     "Incident")
