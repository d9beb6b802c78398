"""The timeline canvas: draws the case with ``scrchron.timeline.drawing`` and lets the reviewer
zoom (Ctrl+wheel, + and -), move (drag, wheel, arrow keys), hover a mark for its entry
and click it to select the entry. ``scrchron.ui.timeline.timeline_page`` puts it in the tab.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from scrchron.dates import wording
from scrchron.timeline import drawing
from scrchron.timeline.drawing import TimelineData, View

MIN_WIDTH = 700
#: Labels a little larger than in the report: the screen is read from further away.
TEXT_SCALE = 1.15
#: Lanes may grow to this many times their report height to use a tall window.
MAX_STRETCH = 1.8
#: One press of a zoom button or key; one notch of the wheel.
ZOOM_STEP = 1.5
WHEEL_ZOOM_STEP = 1.25
#: An arrow key moves the view by this share of its width.
ARROW_SHARE = 0.1
TOOLTIP_WORDS = 14
TOOLTIP_ENTRIES = 3
EMPTY = "Open a review to see its timeline."
HELP = ("Ctrl+wheel, + or - to zoom; drag, the arrow keys or the scroll bar to move; N and P choose "
        "the next and previous entry, Enter reads it in the chronology; "
        "click a mark to select its entry, double-click it to read the entry in the chronology.")
NOT_DRAWN = "This entry has no usable date, so it is not on the timeline."
OUTSIDE = "This entry falls outside the review's scope, so it is not on the timeline."

def palette_colours(palette: QPalette) -> drawing.Colours:
    """The picture's colours for the window's palette: its background and text, light or dark."""
    paper = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.Text)
    chosen = drawing.DARK_COLOURS if paper.lightness() < 128 else drawing.REPORT_COLOURS
    return replace(chosen, paper=paper.name(), ink=ink.name(), axis_ink=ink.name(), stripe=_mix(paper, ink, 0.05))


def _mix(paper: QColor, ink: QColor, share: float) -> str:
    """A colour ``share`` of the way from ``paper`` to ``ink``."""
    def part(a: int, b: int) -> int:
        return round(a + (b - a) * share)

    return QColor(part(paper.red(), ink.red()), part(paper.green(), ink.green()),
                  part(paper.blue(), ink.blue())).name()


def first_words(text: str, count: int = TOOLTIP_WORDS) -> str:
    """The first ``count`` words of ``text``, with '…' when there were more."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def describe_view(view: View) -> str:
    """'1 Mar – 31 May 2015 (92 days)'."""
    shown = wording.interval(view.start.isoformat(), view.end.isoformat(), "")
    return f"{shown} ({view.days:,} {'day' if view.days == 1 else 'days'})"


class TimelineCanvas(QWidget):
    """The timeline drawn live: a view of the case's dates to zoom, move and click in."""

    #: The id of the entry whose mark was clicked.
    entry_clicked = Signal(int)
    #: The id of the entry whose mark was double-clicked (to read it in the chronology).
    entry_opened = Signal(int)
    #: The dates shown changed (zoom, move, new data).
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: TimelineData | None = None
        self.view: View | None = None
        self.selected: int | None = None
        self.mark_of: dict[int, drawing.Mark] = {}
        self.marks = drawing.MarkMap()
        self._marks_stale = True
        self._press: QPointF | None = None
        self._press_view: View | None = None
        self._dragging = False
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(MIN_WIDTH)
        self.setAccessibleName("Timeline of the case")
        self.setAccessibleDescription(HELP)

    # -- state ------------------------------------------------------------------

    def set_data(self, data: TimelineData | None) -> None:
        """Show this picture (None: no case), keeping the dates shown when they still fit."""
        self.data = data
        self.mark_of = {m.entry_id: m for m in data.marks if m.entry_id} if data else {}
        if data is None:
            self.view = None
        else:
            whole = drawing.whole_view(data)
            old = self.view
            self.view = drawing.fit_view(whole, old.start.toordinal(), old.days) if old else whole
        self._fit_height()
        self._changed()

    def whole(self) -> View | None:
        """The whole case's span (None: no case)."""
        return drawing.whole_view(self.data) if self.data else None

    def set_view(self, view: View) -> None:
        """Show these dates (kept inside the case's span)."""
        whole = self.whole()
        if whole is None:
            return
        view = drawing.fit_view(whole, view.start.toordinal(), view.days)
        if view != self.view:
            self.view = view
            self._changed()

    def _changed(self) -> None:
        self._marks_stale = True
        self.update()
        self.view_changed.emit()

    def select(self, entry_id: int | None) -> None:
        """Ring this entry's mark (None: no ring)."""
        if entry_id != self.selected:
            self.selected = entry_id
            self.update()

    # -- zoom and move -------------------------------------------------------

    def zoom(self, factor: float, x: float | None = None) -> None:
        """Zoom in (``factor`` above 1) or out, keeping the day under pixel ``x`` in place."""
        whole = self.whole()
        if whole is None or self.view is None:
            return
        anchor = self.frame().day_at(x) if x is not None else None
        self.set_view(drawing.zoom_view(self.view, whole, factor, anchor))

    def show_whole(self) -> None:
        """Show the case's whole span."""
        whole = self.whole()
        if whole is not None:
            self.set_view(whole)

    def pan(self, days: float) -> None:
        """Move the view ``days`` later (earlier when negative)."""
        whole = self.whole()
        if whole is not None and self.view is not None:
            self.set_view(drawing.pan_view(self.view, whole, days))

    def pan_share(self, share: float) -> None:
        """Move the view by ``share`` of its width."""
        if self.view is not None:
            self.pan(max(1.0, self.view.days * abs(share)) * (1 if share > 0 else -1))

    def reveal(self, entry_id: int) -> bool:
        """Bring an entry's mark into view (zooming out if it is wider); False when it is not drawn."""
        whole, mark = self.whole(), self.mark_of.get(entry_id)
        if mark is None or whole is None or self.view is None or not whole.overlaps(mark.start, mark.end):
            return False
        self.set_view(drawing.reveal(self.view, whole, mark.start, mark.end))
        return True

    def step(self, by: int) -> None:
        """Select the next (``by`` = 1) or previous (-1) entry in date order, as a click would."""
        whole = self.whole()
        if self.data is None or whole is None:
            return
        ids = [m.entry_id for m in self.data.marks if m.entry_id and whole.overlaps(m.start, m.end)]
        if not ids:
            return
        here = ids.index(self.selected) if self.selected in ids else (-1 if by > 0 else len(ids))
        chosen = ids[min(max(here + by, 0), len(ids) - 1)]
        self.select(chosen)
        self.reveal(chosen)
        self.entry_clicked.emit(chosen)

    def open_selected(self) -> None:
        """Read the ringed entry in the chronology (Enter)."""
        if self.selected is not None:
            self.entry_opened.emit(self.selected)

    # -- geometry ---------------------------------------------------------------

    def natural_height(self) -> int:
        """The height the lanes need at this width."""
        if self.data is None:
            return 0
        return drawing.suggested_height(self.data, max(MIN_WIDTH, self.width()), TEXT_SCALE)

    def drawn_height(self) -> int:
        """The picture's height: its natural one, stretched up to :data:`MAX_STRETCH` to fill the widget."""
        natural = self.natural_height()
        return max(natural, min(self.height(), round(natural * MAX_STRETCH)))

    def frame(self) -> drawing.Frame:
        """Where things are drawn now (the widget's pixels)."""
        assert self.data is not None
        return drawing.Frame(self.data, self.width(), self.drawn_height(), TEXT_SCALE, self.view)

    def _fit_height(self) -> None:
        self.setMinimumHeight(self.natural_height())

    def current_marks(self) -> drawing.MarkMap:
        """Where each mark is now (drawn afresh when the view or size changed since the last paint)."""
        if self._marks_stale and self.isVisible():
            self.repaint()
        return self.marks

    def entries_at(self, point: QPoint | QPointF) -> list[int]:
        """Ids of the entries drawn at a point, best first."""
        if self.data is None or not self.frame().plot_contains(point.x(), point.y()):
            return []
        return self.current_marks().entries_at(point.x(), point.y())

    def entry_at(self, point: QPoint | QPointF) -> int | None:
        """The id of the entry drawn at a point, or None."""
        found = self.entries_at(point)
        return found[0] if found else None

    def tooltip_at(self, point: QPoint | QPointF) -> str:
        """What a hover over a point tells: each entry's date as written, agency and first words."""
        found = self.entries_at(point)
        notes = self.data.notes if self.data else {}
        parts = []
        for entry_id in found[:TOOLTIP_ENTRIES]:
            note = notes.get(entry_id)
            if note is not None:
                parts.append(f"{note.date_text or 'no date written'} · {note.agency}\n{first_words(note.event)}")
        if len(found) > TOOLTIP_ENTRIES:
            parts.append(f"and {len(found) - TOOLTIP_ENTRIES} more here")
        return "\n\n".join(parts)

    # -- painting ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Fill with the palette's background and draw the view through ``drawing.draw_timeline``."""
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            if self.data is None or self.view is None:
                self._paint_empty(painter)
                return
            self.marks = drawing.draw_timeline(painter, self.data, self.width(), self.drawn_height(),
                                                text_scale=TEXT_SCALE, view=self.view, selected=self.selected,
                                                colours=palette_colours(self.palette()))
            self._marks_stale = False
            if self.hasFocus():
                painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
                painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        finally:
            painter.end()

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), EMPTY)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The picture scales with the width: the lanes need a new height."""
        super().resizeEvent(event)
        self._marks_stale = True
        self._fit_height()

    # -- the mouse and the keys -------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a drag (or a click)."""
        if event.button() != Qt.MouseButton.LeftButton or self.view is None:
            super().mousePressEvent(event)
            return
        self._press, self._press_view, self._dragging = event.position(), self.view, False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Drag the dates along; otherwise show what the pointer is over."""
        if self._press is None or self._press_view is None:
            self._set_cursor(event.position())
            return
        moved = event.position().x() - self._press.x()
        if not self._dragging and abs(moved) < QApplication.startDragDistance():
            return
        self._dragging = True
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        whole = self.whole()
        if whole is not None:
            days = -moved / self.frame().pixels_per_day()
            self.set_view(drawing.pan_view(self._press_view, whole, days))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click (no drag) on a mark selects its entry."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        clicked = not self._dragging
        self._press, self._press_view, self._dragging = None, None, False
        self._set_cursor(event.position())
        entry_id = self.entry_at(event.position()) if clicked else None
        if entry_id is not None:
            self.select(entry_id)
            self.entry_clicked.emit(entry_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double click on a mark opens its entry (the window shows it in the chronology)."""
        entry_id = self.entry_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if entry_id is None:
            super().mouseDoubleClickEvent(event)
            return
        self.entry_opened.emit(entry_id)

    def _set_cursor(self, point: QPointF) -> None:
        on_mark = self.entry_at(point) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if on_mark else Qt.CursorShape.OpenHandCursor
                       if self.data is not None else Qt.CursorShape.ArrowCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms about the pointer; the horizontal wheel (or Shift+wheel) moves."""
        delta = event.angleDelta()
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and delta.y():
            self.zoom(WHEEL_ZOOM_STEP ** (delta.y() / 120), event.position().x())
        elif delta.x() or (shifted and delta.y()):
            self.pan_share(-(delta.x() or delta.y()) / 120 * ARROW_SHARE)
        else:
            event.ignore()  # the scroll area moves up and down through the lanes
            return
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """+ and - zoom, the arrows and Page Up/Down move, Home and End go to either end, 0 shows all;
        N and P choose the next and previous entry, Enter opens it."""
        action = KEYS.get(Qt.Key(event.key()))
        if action is None or self.data is None:
            super().keyPressEvent(event)
            return
        action(self)
        event.accept()

    def event(self, event: QEvent) -> bool:
        """Tooltips: what the pointer is over."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


#: What each key does on the timeline.
KEYS: dict[Qt.Key, Callable[[TimelineCanvas], None]] = {
    Qt.Key.Key_Plus: lambda canvas: canvas.zoom(ZOOM_STEP),
    Qt.Key.Key_Equal: lambda canvas: canvas.zoom(ZOOM_STEP),  # + without Shift
    Qt.Key.Key_Minus: lambda canvas: canvas.zoom(1 / ZOOM_STEP),
    Qt.Key.Key_Left: lambda canvas: canvas.pan_share(-ARROW_SHARE),
    Qt.Key.Key_Right: lambda canvas: canvas.pan_share(ARROW_SHARE),
    Qt.Key.Key_PageUp: lambda canvas: canvas.pan_share(-1.0),
    Qt.Key.Key_PageDown: lambda canvas: canvas.pan_share(1.0),
    Qt.Key.Key_Home: lambda canvas: canvas.pan(-math.inf),
    Qt.Key.Key_End: lambda canvas: canvas.pan(math.inf),
    Qt.Key.Key_0: lambda canvas: canvas.show_whole(),
    Qt.Key.Key_N: lambda canvas: canvas.step(1),
    Qt.Key.Key_P: lambda canvas: canvas.step(-1),
    Qt.Key.Key_Return: lambda canvas: canvas.open_selected(),
    Qt.Key.Key_Enter: lambda canvas: canvas.open_selected(),
}
