"""The Gaps tab: stretches of the review period with no entry, from any agency or
from one, longer than a number of days the reviewer chooses (``contact_gaps.case_gaps``).

A gap is a question for the agencies (was nothing recorded, or was the family not
seen?), not a finding in itself.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.chronology import contact_gaps
from scrchron.errors import ScrchronError
from scrchron.ui.analysis.analysis_models import gap_model
from scrchron.ui.window.session import Session

ALL_AGENCIES = "All agencies together"


class GapsPage(QWidget):
    """Gaps in the chronology, with the minimum length and the agency to look at."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.model = gap_model(self)
        #: The entries changed since the gaps were last found.
        self._stale = False
        self._build()
        self._lay_out()

    def _build(self) -> None:
        self.min_days = QSpinBox(self)
        self.min_days.setRange(0, 3650)
        self.min_days.setSuffix(" days")
        self.min_days.setAccessibleName("Shortest gap shown")
        self.agency = QComboBox(self)
        self.agency.setAccessibleName("Agency")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.min_days.valueChanged.connect(lambda _v: self.refresh())
        self.agency.currentIndexChanged.connect(lambda _i: self.refresh())

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Show gaps longer than", self))
        controls.addWidget(self.min_days)
        controls.addSpacing(16)
        controls.addWidget(QLabel("in", self))
        controls.addWidget(self.agency)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def set_session(self, session: Session | None) -> None:
        """Show this case's gaps, from the case's own minimum (None: no case open)."""
        self.session = session
        self.min_days.blockSignals(True)
        self._fill_agencies()
        if session is not None:
            self.min_days.setValue(contact_gaps.gap_days(session.case))
            session.chronology_changed.connect(self._chronology_changed)
            session.entries_changed.connect(lambda _ids: self._changed())
        self.min_days.blockSignals(False)
        self.refresh()

    def _fill_agencies(self) -> None:
        """List the case's agencies now (an import adds one), keeping the one chosen."""
        chosen = str(self.agency.currentData() or "")
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(ALL_AGENCIES, "")
        if self.session is not None:
            for agency in self.session.case.agencies():
                self.agency.addItem(agency.name, agency.name)
        self.agency.setCurrentIndex(max(0, self.agency.findData(chosen)))
        self.agency.blockSignals(False)

    def _chronology_changed(self) -> None:
        self._fill_agencies()
        self._changed()

    def _changed(self) -> None:
        """The entries changed: find the gaps now if the tab is shown, else when it is next shown.

        Finding gaps reads every entry (0.3 s on 10,000); an edit on the Chronology tab
        must not wait for a tab nobody is looking at.
        """
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the tab after changes elsewhere: find the gaps again."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Find the gaps again for the chosen length and agency."""
        self._stale = False
        if self.session is None:
            self.model.set_records([])
            self.status.clear()
            return
        agency = str(self.agency.currentData() or "")
        try:
            gaps = contact_gaps.case_gaps(self.session.case, self.min_days.value(), [agency] if agency else [])
        except ScrchronError as error:
            self.model.set_records([])
            self.status.setText(str(error))
            return
        self.model.set_records(gaps)
        where = agency or "the chronology"
        self.status.setText(f"{len(gaps)} {'gap' if len(gaps) == 1 else 'gaps'} of more than "
                            f"{self.min_days.value()} days in {where}.")
