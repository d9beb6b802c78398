"""The part every small fixed-column table model shares: a list of items, one per row,
the counts, and the column titles. Subclasses say what a cell shows (``cell``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Item = TypeVar("Item")


class HeaderedTableModel(QAbstractTableModel, Generic[Item]):
    """A flat table of items whose columns are ``HEADERS``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []

    def set_items(self, items: Sequence[Item]) -> None:
        """Show these items, in this order."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Item:
        """The item on a row."""
        return self._items[row]

    def items(self) -> list[Item]:
        """Every item shown, top to bottom."""
        return list(self._items)

    def row_count(self) -> int:
        """How many rows the model shows."""
        return len(self._items)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The rows of a flat table (none under an item)."""
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column per header."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What a cell shows for ``role`` (``cell``), for rows that exist."""
        if not index.isValid() or index.row() >= len(self._items):
            return None
        return self.cell(self._items[index.row()], index.column(), role)

    def cell(self, item: Item, column: int, role: int) -> Any:
        """What ``column`` of ``item`` shows for ``role`` (None: nothing)."""
        raise NotImplementedError
