"""A date that may be unknown: a tick box ("Known") beside a calendar date edit.

Reviews often start before every date is known (the incident date of a review
commissioned from a referral, a date of birth still to be confirmed), so every
date on a form can be left unset.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

DISPLAY_FORMAT = "d MMM yyyy"
#: The date edit's lowest date stands for "not known" (Qt shows the special text for it).
NOT_KNOWN = QDate(1900, 1, 1)
NOT_KNOWN_TEXT = "not known"


class OptionalDateField(QWidget):
    """A date field that reads "not known" until the reviewer ticks "Known"."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox("Known", self)
        self.known.setToolTip(f"Tick when you know the {label}.")
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat(DISPLAY_FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(NOT_KNOWN)
        self.edit.setSpecialValueText(NOT_KNOWN_TEXT)  # shown while the date is NOT_KNOWN
        self.edit.setDate(NOT_KNOWN)
        self.edit.setAccessibleName(label)
        self.edit.setEnabled(False)
        self._last = QDate.currentDate()
        self.known.toggled.connect(self._set_known)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)

    def _set_known(self, known: bool) -> None:
        if not known and self.edit.date() != NOT_KNOWN:
            self._last = self.edit.date()  # ticking again brings it back
        self.edit.setEnabled(known)
        self.edit.setDate(self._last if known else NOT_KNOWN)
        self.changed.emit()

    def iso(self) -> str | None:
        """The date as YYYY-MM-DD, or None when it is not known."""
        if not self.known.isChecked() or self.edit.date() == NOT_KNOWN:
            return None
        return self.edit.date().toString("yyyy-MM-dd")

    def set_iso(self, value: str | None) -> None:
        """Set the date (None makes it "not known")."""
        if value:
            self._last = QDate.fromString(value, "yyyy-MM-dd")
            self.known.setChecked(False)  # so that ticking below always sets the date
        self.known.setChecked(value is not None)
