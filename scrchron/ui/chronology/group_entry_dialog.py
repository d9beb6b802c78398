""""Add an entry…" on the Same event tab: pick another agency's account of the event.

The list holds the visible entries near the group's dates (``merge.entries_near_group``),
narrowed as the reviewer types. An entry already in another group is shown but
cannot be chosen: it says which group holds it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.chronology import merge
from scrchron.records.case_records import Entry
from scrchron.store import Case
from scrchron.ui.widgets import date_display
from scrchron.ui.widgets.table_model import HeaderedTableModel

DEFAULT_DAYS = 14
LIMIT = 500  # more than a reviewer can read: they narrow the search instead


class EntryChoiceModel(HeaderedTableModel[Entry]):
    """Entries to choose from: date as written, agency, event, the group already holding it."""

    HEADERS = ("Date", "Agency", "Event", "In group")

    def set_entries(self, entries: list[Entry]) -> None:
        """Show these entries."""
        self.set_items(entries)

    def entry(self, row: int) -> Entry:
        """The entry on a row."""
        return self.item(row)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """An entry in another group cannot be chosen."""
        if not index.isValid() or self.item(index.row()).group is not None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cell(self, entry: Entry, column: int, role: int) -> object:
        """Cell text; the full event (or why it cannot be chosen) as a tooltip."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.group is not None:
                return f"Already in group {entry.group}: take it out of that group first."
            return entry.event
        return None

    @staticmethod
    def _text(entry: Entry, column: int) -> str:
        when = entry.date_text or date_display.interval(entry.start, entry.end)
        values = (f"{when} {entry.time_text}".strip(), entry.agency, " ".join(entry.event.split()),
                  f"group {entry.group}" if entry.group is not None else "")
        return values[column]


class AddEntryDialog(QDialog):
    """Choose an entry near a group's date to add to it."""

    def __init__(self, case: Case, group: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case, self.group_id = case, int(group["id"])
        self.setWindowTitle(f"Add an entry to group {self.group_id}")
        self.model = EntryChoiceModel(self)
        self._build(group)
        self.reload()

    def _build(self, group: dict[str, Any]) -> None:
        when = date_display.interval(group["start"], group["end"])
        note = (f"Choose another account of the event of {when} to add to group {self.group_id}.")
        if group["status"] != "confirmed":
            note += " Adding an account by hand confirms the group as one event."
        self.note = QLabel(note, self)
        self.note.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search: words from the date, agency, event or action")
        self.search.setAccessibleName("Search the entries")
        self.search.setClearButtonEnabled(True)
        self.days = QSpinBox(self)
        self.days.setRange(0, 3650)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Within how many days of the event")
        self.table = self._table()
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = QPushButton("&Add to group", self)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.days.valueChanged.connect(lambda _value: self.reload())
        self._lay_out()

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(lambda _s, _d: self._enable())
        table.doubleClicked.connect(lambda index: self.accept() if self._choosable(index.row()) else None)
        return table

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel("within", self))
        filters.addWidget(self.days)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

    def reload(self) -> None:
        """Read the entries near the group again, keeping those with every word searched for."""
        found = merge.entries_near_group(self.case, self.group_id, self.days.value(), self.search.text())
        self.model.set_entries(found[:LIMIT])
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        shown = f"{len(found)} {'entry' if len(found) == 1 else 'entries'}"
        self.count.setText(shown if len(found) <= LIMIT else f"{shown}; the first {LIMIT} shown: search to narrow")
        self._enable()

    def _choosable(self, row: int) -> bool:
        return 0 <= row < self.model.rowCount() and self.model.entry(row).group is None

    def _enable(self) -> None:
        self.add_button.setEnabled(self.chosen_id() is not None)

    def chosen_id(self) -> int | None:
        """The entry chosen (None: none, or one that cannot be added)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()).id if rows and self._choosable(rows[0].row()) else None
