"""Choose entries from the chronology without leaving a form ("Add entries…" on an episode).

The list holds the visible entries in a period (the episode's own, when it has one),
narrowed as the reviewer types; several can be chosen at once. Entries already
chosen are shown but cannot be chosen again.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.records.case_records import Entry
from scrchron.store import Case, EntryQuery, list_entries
from scrchron.ui.widgets import date_display
from scrchron.ui.widgets.date_field import OptionalDateField
from scrchron.ui.widgets.table_model import HeaderedTableModel

#: More than a reviewer reads: they narrow the search instead.
LIMIT = 500


def entry_line(entry: Entry) -> str:
    """"12 Mar 2015 · Police · Home visit; baby seen…" for lists of chosen entries."""
    event = " ".join(entry.event.split())
    short = event if len(event) <= 70 else event[:69] + "…"
    return f"{date_display.interval(entry.start, entry.end)} · {entry.agency} · {short}"


class PickModel(HeaderedTableModel[Entry]):
    """Entries to choose from: date, agency, event; those already chosen are greyed."""

    HEADERS = ("Date", "Agency", "Event")

    def __init__(self, taken: Collection[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taken = set(taken)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """An entry already chosen cannot be chosen again."""
        if not index.isValid() or self.item(index.row()).id in self.taken:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cell(self, entry: Entry, column: int, role: int) -> object:
        """Cell text; the whole event as a tooltip."""
        if role == Qt.ItemDataRole.DisplayRole:
            return (date_display.interval(entry.start, entry.end), entry.agency,
                    " ".join(entry.event.split()))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.event + (" (already in the episode)" if entry.id in self.taken else "")
        return None


class EntryPicker(QDialog):
    """Pick one or more entries; ``chosen()`` lists their ids once accepted."""

    def __init__(self, case: Case, taken: Collection[int], period: tuple[str | None, str | None],
                 parent: QWidget | None = None, title: str = "Add entries to the episode") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.case = case
        self.model = PickModel(taken, self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Search entries")
        self.search.setPlaceholderText("Words in the event, action or source…")
        self.date_from = OptionalDateField("first date listed", self, compact=True)
        self.date_to = OptionalDateField("last date listed", self, compact=True)
        self.date_from.set_iso(period[0])
        self.date_to.set_iso(period[1])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Entries to choose from")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.search.textChanged.connect(lambda _text: self.refill())
        for field in (self.date_from, self.date_to):
            field.committed.connect(self.refill)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_button())
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.refill()
        self.resize(760, 480)
        self.search.setFocus()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        for label, field in (("From:", self.date_from), ("To:", self.date_to)):
            row.addWidget(QLabel(label, self))
            row.addWidget(field)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)

    def refill(self) -> None:
        """List the entries the search and dates allow (at most LIMIT)."""
        query = EntryQuery(search=self.search.text().strip(), date_from=self.date_from.iso(),
                           date_to=self.date_to.iso(), limit=LIMIT)
        entries = list_entries(self.case, query)
        self.model.set_items(entries)
        more = " (the first 500: type more to narrow them)" if len(entries) == LIMIT else ""
        self.count.setText(f"{len(entries):,} {'entry' if len(entries) == 1 else 'entries'}{more}. "
                           "Choose one or more (Ctrl+click), then Add.")
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.chosen())
        self.add_button.setText(f"Add {count} {'entry' if count == 1 else 'entries'}" if count else "Add")
        self.add_button.setEnabled(bool(count))

    def chosen(self) -> list[int]:
        """The ids of the entries selected, in chronology order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row).id for row in rows if self.model.item(row).id not in self.model.taken]
