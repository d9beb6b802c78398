"""A date that may be unknown, typed as a person writes it.

Reviews often start before every date is known (the incident date of a review
commissioned from a referral, a date of birth still to be confirmed), so every
date on a form can be left empty: empty means "not known".

What is typed is read by the same core date reader as the importers ("9 Mar 2015",
"09/03/2015", "9.3.15", "2015-03-09", "9th March 2015"), and the field says how it
read it beside the box ("Mon 9 Mar 2015"), or, in the warning colour, what it
could not read and what to type instead. A field holds one day: "March 2015" is
refused with a hint, never taken as the 1st. Forms ask ``is_valid()`` before they
save.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from scrchron.dates import reader
from scrchron.errors import ValidationError

NOT_KNOWN_TEXT = "not known"
EXAMPLE = "9 Mar 2015"
#: The colour of a hint about a date that cannot be read (readable on light and dark).
WARNING_ROLE = QPalette.ColorRole.Link


def read_day(text: str) -> tuple[str | None, str]:
    """(ISO day or None, what to show beside the field) for what was typed.

    Empty text is a valid "not known". A reading that is not one certain day is
    refused with a hint saying why.
    """
    typed = text.strip()
    if not typed:
        return None, ""
    reading = reader.read_date(typed)
    if reading.start is None:
        return None, f"Cannot read “{typed[:40]}” as a date: type a day such as {EXAMPLE}."
    if reading.precision not in ("day", "time") or reading.uncertain:
        return None, f"“{typed[:40]}” is not one day: type a day such as {EXAMPLE}."
    day = date.fromisoformat(reading.start[:10])
    return day.isoformat(), day.strftime("%a ") + f"{day.day} " + day.strftime("%b %Y")


class OptionalDateField(QWidget):
    """A date typed in words or figures, empty for "not known"."""

    #: The date read changed (every keystroke that changes it).
    changed = Signal()
    #: The reviewer finished typing (Enter, or left the field), or emptied it.
    committed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None, compact: bool = False) -> None:
        """``compact`` (a tool bar) shows the reading only when the date cannot be read."""
        super().__init__(parent)
        self.label = label
        self.compact = compact
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(NOT_KNOWN_TEXT if compact else f"{NOT_KNOWN_TEXT} (e.g. {EXAMPLE})")
        self.edit.setAccessibleName(label)
        self._tip = (f"Type the {label} as you would write it ({EXAMPLE}, 09/03/2015, "
                     "2015-03-09); leave it empty when it is not known.")
        self.edit.setToolTip(self._tip)
        self.edit.setClearButtonEnabled(True)
        self.setFocusProxy(self.edit)  # a label's Alt+letter and Tab land in the box
        self.reading = QLabel(self)
        self.reading.setAccessibleName(f"{label} read as")
        self._iso: str | None = None
        self._valid = True
        self.edit.textChanged.connect(self._read)
        self.edit.editingFinished.connect(self.committed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reading)
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 Sep 2015 ") + 24)
        self.reading.setMinimumWidth(0 if compact else self.fontMetrics().horizontalAdvance("Wed 30 Sep 2015 "))
        self.reading.setVisible(not compact)

    def _read(self, text: str) -> None:
        iso, shown = read_day(text)
        valid = iso is not None or not text.strip()
        warning = "" if valid else f"color: {self.palette().color(WARNING_ROLE).name()};"
        self.reading.setStyleSheet(warning)
        self.reading.setText(shown if valid else "Not a date")
        self.reading.setToolTip("" if valid else shown)
        self.edit.setToolTip((f"Read as {shown}" if shown and self.compact else self._tip) if valid else shown)
        if self.compact:
            self.reading.setVisible(not valid)
        if (iso, valid) != (self._iso, self._valid):
            self._iso, self._valid = iso, valid
            self.changed.emit()
        if not text:
            self.committed.emit()

    def problem(self) -> str:
        """What is wrong with the typed date, in a sentence ('' when it reads)."""
        return "" if self._valid else f"The {self.label}: " + read_day(self.edit.text())[1]

    def is_valid(self) -> bool:
        """True when the field is empty (not known) or holds a day that reads."""
        return self._valid

    def iso(self) -> str | None:
        """The date as YYYY-MM-DD, or None when it is not known (or cannot be read)."""
        return self._iso

    def set_iso(self, value: str | None) -> None:
        """Show a date (None: "not known", an empty field)."""
        if not value:
            self.edit.setText("")
            return
        day = date.fromisoformat(value[:10])
        self.edit.setText(f"{day.day} {day.strftime('%b %Y')}")


def check_dates(*fields: OptionalDateField) -> None:
    """Refuse (``ValidationError``) when any field holds text that does not read as a day."""
    for field in fields:
        if not field.is_valid():
            raise ValidationError(field.problem())
