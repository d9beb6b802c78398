"""The page a case opens on: who the review is about, a filter bar, and the chronology."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.model import Agency, Review
from scrchron.store import EntryQuery
from scrchron.ui import formatting
from scrchron.ui.chronology_model import CHIP_SIZE, ChronologyModel, Column

SEARCH_DELAY_MS = 250
ROW_PADDING = 4
ALL_AGENCIES = "All agencies"

#: Starting widths, in average character widths; Event takes the rest.
COLUMN_CHARS: dict[Column, int] = {
    Column.DATE: 17, Column.INTERPRETED: 19, Column.TIME: 7, Column.AGENCY: 26,
    Column.ACTION: 26, Column.FLAGS: 14,
}
NO_ENTRIES = "This review has no entries yet."
NO_MATCH = "No entries match. Clear the search or choose “All agencies” to see them all."


def review_details(review: Review, entries: int) -> str:
    """The line under the title: type, subject, scope and how many entries."""
    parts = [review.type_name]
    if review.subject_pseudonym:
        parts.append(review.subject_pseudonym)
    if review.scope_from or review.scope_to:
        scope = f"{formatting.day(review.scope_from)} to {formatting.day(review.scope_to)}"
        parts.append(f"Scope {scope}")
    parts.append(f"{entries:,} {'entry' if entries == 1 else 'entries'}")
    return "   ·   ".join(parts)


class EntryDelegate(QStyledItemDelegate):
    """Draws a cell with breathing room above and below its two lines of text.

    The text area is exactly two lines high, so Qt elides a longer text at the
    end of the second line ("…") instead of showing the top of a third; the
    padding is painted with the row's background and selection. The agency chip
    sits beside the first line.
    """

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        """Qt's options, with the decoration moved to the top."""
        super().initStyleOption(option, index)
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint the background over the whole cell, then the content inside the padding."""
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        style = cell.widget.style() if cell.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, cell, painter, cell.widget)
        cell.rect = cell.rect.adjusted(0, ROW_PADDING, 0, -ROW_PADDING)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)


def row_height(metrics: QFontMetricsF) -> int:
    """Two lines of text and the padding above and below them."""
    return math.ceil(metrics.height() * 2) + 1 + 2 * ROW_PADDING


class ChronologyPage(QWidget):
    """Header, search box, agency filter and the table of entries."""

    def __init__(self, model: ChronologyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._build_header()
        self._build_filters()
        self._build_table()
        self._lay_out()
        model.modelReset.connect(self._show_table_or_empty)

    # -- building -------------------------------------------------------------

    def _build_header(self) -> None:
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.marking = QLabel(self)
        self.marking.setStyleSheet(
            "border: 1px solid palette(mid); border-radius: 3px; padding: 2px 8px;"
        )

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search events, actions, sources and notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search entries")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.agency = QComboBox(self)
        self.agency.setAccessibleName("Agency")
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.agency.currentIndexChanged.connect(self.apply_filter)

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(EntryDelegate(self.table))
        self.table.setIconSize(CHIP_SIZE)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._size_rows()
        self._size_columns()
        self.empty = QLabel(NO_ENTRIES, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

    def _size_rows(self) -> None:
        # Two lines per row, all rows alike: calm to read, and no measuring of
        # 100,000 rows. The tooltip has the whole text.
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(row_height(QFontMetricsF(self.table.font())))

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in COLUMN_CHARS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * char + 16)
        header.setSectionResizeMode(Column.EVENT, QHeaderView.ResizeMode.Stretch)

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.marking, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("Agency:", self))
        filters.addWidget(self.agency, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(heading)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)

    # -- showing a review -----------------------------------------------------

    def show_review(self, review: Review, agencies: list[Agency], entries: int) -> None:
        """Fill the header and the agency list for an opened case; clear the filter."""
        self.title.setText(review.title)
        self.details.setText(review_details(review, entries))
        self.marking.setText(review.protective_marking)
        self.marking.setVisible(bool(review.protective_marking))
        self._search_timer.stop()
        self.agency.blockSignals(True)
        self.search.blockSignals(True)
        self.search.clear()
        self.agency.clear()
        self.agency.addItem(ALL_AGENCIES, "")
        for agency in agencies:
            self.agency.addItem(self.model.agency_chip(agency), agency.name, agency.name)
        self.agency.blockSignals(False)
        self.search.blockSignals(False)
        self.table.scrollToTop()

    def focus_search(self) -> None:
        """Edit > Find: put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def query(self) -> EntryQuery:
        """The filter the search box and agency list describe."""
        agency = str(self.agency.currentData() or "")
        return EntryQuery(search=self.search.text().strip(), agencies=[agency] if agency else [])

    def is_filtered(self) -> bool:
        """True when the search box or the agency list narrows the chronology."""
        query = self.query()
        return bool(query.search or query.agencies)

    def apply_filter(self) -> None:
        """Show the entries the filter describes (the store does the filtering)."""
        self._search_timer.stop()
        self.model.set_query(self.query())

    def _show_table_or_empty(self) -> None:
        if self.model.total():
            self.body.setCurrentWidget(self.table)
            return
        self.empty.setText(NO_MATCH if self.is_filtered() else NO_ENTRIES)
        self.body.setCurrentWidget(self.empty)
