"""The open review's screens, one tab each: chronology, same-event review, analysis,
gaps and timeline. The workspace only holds them; each page reads the case itself."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from scrchron.ui.chronology.chronology_model import ChronologyModel
from scrchron.ui.chronology.chronology_page import ChronologyPage
from scrchron.ui.chronology.same_event_page import SameEventPage
from scrchron.ui.window.session import Session


class Workspace(QTabWidget):
    """Tabs over the open case."""

    def __init__(self, model: ChronologyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.chronology_page = ChronologyPage(model, self)
        self.addTab(self.chronology_page, "&Chronology")
        self.extra_pages: list[QWidget] = []
        self.same_event_page = SameEventPage(self)
        self.add_page(self.same_event_page, "&Same event")

    def add_page(self, page: QWidget, title: str) -> None:
        """Add a screen that follows the session (it needs ``set_session``)."""
        self.extra_pages.append(page)
        self.addTab(page, title)

    def set_session(self, session: Session | None) -> None:
        """Show another case (or none) on every screen."""
        self.chronology_page.set_session(session)
        for page in self.extra_pages:
            page.set_session(session)  # type: ignore[attr-defined]
        self.setCurrentWidget(self.chronology_page)
