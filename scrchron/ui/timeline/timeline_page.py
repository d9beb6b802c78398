"""The Timeline tab: the case drawn live (agency lanes, episodes, gaps, the incident) by
the same painter the report uses (``scrchron.timeline.drawing``), to zoom into and move along.

Zoom with Ctrl+wheel (about the pointer), the + and - keys or the tool bar; move by
dragging, with the horizontal wheel, the scroll bar or the arrow keys. Hovering a
mark tells its date as written, agency and event; clicking it selects the entry
(``entry_selected``), and ``show_entry`` rings an entry chosen elsewhere and brings
it into view. The case is read once per change (``drawing.timeline_data``), never
on a repaint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScrollBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scrchron.runtime import collector
from scrchron.timeline import drawing
from scrchron.timeline.drawing import View
from scrchron.ui.timeline.timeline_canvas import (
    ARROW_SHARE,
    NOT_DRAWN,
    OUTSIDE,
    TEXT_SCALE,
    ZOOM_STEP,
    TimelineCanvas,
    describe_view,
)
from scrchron.ui.window.session import Session

__all__ = ["TEXT_SCALE", "TimelineCanvas", "TimelinePage"]


class TimelinePage(QWidget):
    """The timeline with its zoom buttons, the dates shown, and a scroll bar to move along the case."""

    #: The id of the entry the reviewer clicked on the timeline.
    entry_selected = Signal(int)
    #: The id of the entry the reviewer double-clicked: show it in the chronology.
    entry_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.canvas = TimelineCanvas(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_bar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.scroll_bar.setAccessibleName("Move along the timeline")
        self.range_label = QLabel(self)
        self.range_label.setAccessibleName("Dates shown")
        self.note_label = QLabel(self)
        self.note_label.setAccessibleName("Timeline note")
        #: The case changed while the tab was hidden: redraw when it is shown.
        self._stale = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.redraw)
        self._build_tool_bar()
        self._lay_out()
        self.setFocusProxy(self.canvas)
        self.canvas.view_changed.connect(self._show_view)
        self.canvas.entry_clicked.connect(self._entry_clicked)
        self.canvas.entry_opened.connect(self.entry_opened)
        self.scroll_bar.valueChanged.connect(self._scrolled)
        self._show_view()

    def _build_tool_bar(self) -> None:
        self.tool_bar = QToolBar("Timeline tools", self)
        self.tool_bar.setAccessibleName("Timeline tools")
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.zoom_in_action = self._tool("Zoom in", "Show fewer days, wider (+ or Ctrl+wheel)",
                                         QIcon.ThemeIcon.ZoomIn, self.zoom_in)
        self.zoom_out_action = self._tool("Zoom out", "Show more days (- or Ctrl+wheel)",
                                          QIcon.ThemeIcon.ZoomOut, self.zoom_out)
        self.whole_action = self._tool("Whole case", "Show the whole scope of the case (0)",
                                       QIcon.ThemeIcon.ZoomFitBest, self.whole_case)

    def _tool(self, text: str, tip: str, icon: QIcon.ThemeIcon, slot: Callable[[], object]) -> QAction:
        action = self.tool_bar.addAction(QIcon.fromTheme(icon), text)  # no icon where the desktop has none
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        button = self.tool_bar.widgetForAction(action)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        if isinstance(button, QToolButton):
            button.setAutoRaise(False)  # framed: plain text alone does not look like a button
        return action

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        controls.setContentsMargins(8, 4, 8, 0)
        controls.addWidget(self.tool_bar)
        controls.addSpacing(12)
        controls.addWidget(self.range_label)
        controls.addStretch(1)
        controls.addWidget(self.note_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(controls)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.scroll_bar)

    # -- the case -----------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Draw this case (None: no case open), from its whole span."""
        self.session = session
        self.canvas.select(None)
        self.canvas.set_data(None)
        if session is not None:
            for signal in (session.chronology_changed, session.groups_changed, session.analysis_changed):
                signal.connect(self.render_later)
            session.entries_changed.connect(lambda _ids: self.render_later())
        self.redraw()

    def render_later(self) -> None:
        """Read the case again after a short pause (many changes in a row read it once).

        While the tab is hidden nothing is read: it is drawn afresh when next shown, so an
        edit on the Chronology tab never waits for 10,000 marks nobody is looking at.
        """
        if self.isVisible():
            self.timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the tab after changes elsewhere: draw the case as it is now."""
        super().showEvent(event)
        if self._stale:
            self.redraw()

    def redraw(self) -> None:
        """Read the case's timeline now and draw it, keeping the dates shown and the selection."""
        self.timer.stop()
        self._stale = False
        data = drawing.timeline_data(self.session.case) if self.session is not None else None
        if data is not None:
            collector.keep_out()  # 10,000 marks live until the next redraw: out of the collector's sweeps
        self.canvas.set_data(data)
        self._show_note(None)
        if self.canvas.selected is not None and data is not None:
            self.canvas.select(self.canvas.selected if self.canvas.selected in self.canvas.mark_of else None)

    # -- what the reviewer does -----------------------------------------------------

    def zoom_in(self) -> None:
        """Show fewer days, about the middle of the view."""
        self.canvas.zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        """Show more days, about the middle of the view."""
        self.canvas.zoom(1 / ZOOM_STEP)

    def whole_case(self) -> None:
        """Show the case's whole span."""
        self.canvas.show_whole()

    def view(self) -> View | None:
        """The dates shown (None: no case)."""
        return self.canvas.view

    def selected_entry(self) -> int | None:
        """The id of the entry ringed on the timeline, or None."""
        return self.canvas.selected

    def show_entry(self, entry_id: int | None) -> bool:
        """Ring an entry chosen elsewhere and bring it into view; None clears the ring.

        Returns False (and says why) when the entry is not drawn: no usable date, or
        dated wholly outside the review's scope.
        Emits nothing, so connecting both ways with the chronology cannot loop.
        """
        self.canvas.select(entry_id)
        drawn = entry_id is not None and self.canvas.reveal(entry_id)
        missing = OUTSIDE if entry_id in self.canvas.mark_of else NOT_DRAWN
        self._show_note(missing if entry_id is not None and not drawn else None)
        return drawn

    def _entry_clicked(self, entry_id: int) -> None:
        self._show_note(None)
        self.entry_selected.emit(entry_id)

    # -- keeping the controls in step ---------------------------------------------------

    def _show_view(self) -> None:
        view, whole = self.canvas.view, self.canvas.whole()
        has_case = view is not None and whole is not None
        for action in (self.zoom_in_action, self.zoom_out_action, self.whole_action):
            action.setEnabled(has_case)
        self.scroll_bar.setEnabled(has_case)
        if view is None or whole is None:
            self.range_label.setText("")
            self._show_note(None)
            return
        self.zoom_in_action.setEnabled(view.days > min(drawing.MIN_VIEW_DAYS, whole.days))
        self.zoom_out_action.setEnabled(view != whole)
        self.whole_action.setEnabled(view != whole)
        self.range_label.setText(("Whole case: " if view == whole else "Showing ") + describe_view(view))
        self._set_scroll_bar(view, whole)

    def _set_scroll_bar(self, view: View, whole: View) -> None:
        with QSignalBlocker(self.scroll_bar):
            self.scroll_bar.setRange(0, whole.days - view.days)
            self.scroll_bar.setPageStep(view.days)
            self.scroll_bar.setSingleStep(max(1, round(view.days * ARROW_SHARE)))
            self.scroll_bar.setValue(view.start.toordinal() - whole.start.toordinal())

    def _scrolled(self, value: int) -> None:
        view, whole = self.canvas.view, self.canvas.whole()
        if view is not None and whole is not None:
            self.canvas.set_view(drawing.fit_view(whole, whole.start.toordinal() + value, view.days))

    def _show_note(self, text: str | None) -> None:
        """A note beside the dates: why an entry is missing, or how many entries have no date."""
        data = self.canvas.data
        if text is None and data is not None and data.undated:
            text = f"{data.undated:,} {'entry' if data.undated == 1 else 'entries'} without a usable date not shown"
        self.note_label.setText(text or "")
