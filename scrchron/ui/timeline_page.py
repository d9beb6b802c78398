"""The Timeline tab: the case drawn as one picture (agency lanes, episodes, gaps,
the incident), by the same painter the report uses (``scrchron.timeline``).

The picture is drawn again to fit the window's width when it is resized (after a
short pause) and whenever the chronology or the analysis changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from scrchron import timeline
from scrchron.ui.session import Session

MIN_WIDTH = 700
#: Labels a little larger than in the report: the screen is read from further away.
TEXT_SCALE = 1.15
#: Lanes may grow to this many times their report height to use a tall window.
MAX_STRETCH = 1.8
EMPTY = "Open a review to see its timeline."


class TimelinePage(QWidget):
    """The timeline picture in a scroll area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.picture = QLabel(EMPTY, self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.picture.setAccessibleName("Timeline of the case")
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.picture)
        self.scroll_area.setWidgetResizable(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.redraw)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def set_session(self, session: Session | None) -> None:
        """Draw this case (None: no case open)."""
        self.session = session
        if session is not None:
            for signal in (session.chronology_changed, session.groups_changed, session.analysis_changed):
                signal.connect(self.render_later)
            session.entries_changed.connect(lambda _ids: self.render_later())
        self.redraw()

    def render_later(self) -> None:
        """Draw again after a short pause (many changes in a row draw once)."""
        self.timer.start()

    def image(self) -> QImage:
        """The timeline as wide as the scroll area shows."""
        assert self.session is not None
        viewport = self.scroll_area.viewport()
        width = max(MIN_WIDTH, viewport.width() - 8)
        data = timeline.timeline_data(self.session.case)
        natural = timeline.suggested_height(data, width, TEXT_SCALE)
        height = max(natural, min(viewport.height() - 8, round(natural * MAX_STRETCH)))
        return timeline.paint_timeline(data, width, height, text_scale=TEXT_SCALE)

    def redraw(self) -> None:
        """Draw the case's timeline now (only when the tab is on screen, or forced by tests)."""
        self.timer.stop()
        if self.session is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(EMPTY)
            return
        self.picture.setPixmap(QPixmap.fromImage(self.image()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the picture to the new width."""
        super().resizeEvent(event)
        if self.session is not None:
            self.render_later()
