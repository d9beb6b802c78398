"""The page a case opens on: who the review is about, a filter bar, the chronology and
the entry panel beside it."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrchron.records.case_records import Agency, Review
from scrchron.store import EntryQuery, count_entries
from scrchron.store import analysis as analysis_store
from scrchron.ui.chronology.chronology_model import CHIP_SIZE, HEADERS, ChronologyModel, Column
from scrchron.ui.chronology.entry_panel import EntryPanel
from scrchron.ui.chronology.filter_bar import ALL_AGENCIES, FilterBar
from scrchron.ui.chronology.filters import ChronologyFilter, to_query
from scrchron.ui.widgets import date_display
from scrchron.ui.window import settings
from scrchron.ui.window.appearance import follow_palette
from scrchron.ui.window.session import Session

ROW_PADDING = 4
PANEL_WIDTH = 370
#: Columns a reviewer can bring back from the header's menu.
HIDDEN_AT_FIRST = (Column.EPISODE, Column.SIGNIFICANCE)
__all__ = ["ALL_AGENCIES", "ChronologyPage"]

#: Starting widths, in average character widths; Event takes the rest.
COLUMN_CHARS: dict[Column, int] = {
    Column.DATE: 15, Column.INTERPRETED: 17, Column.TIME: 7, Column.AGENCY: 22,
    Column.ACTION: 24, Column.FLAGS: 13, Column.EPISODE: 20, Column.SIGNIFICANCE: 11,
}
NO_ENTRIES = "This review has no entries yet."
NO_MATCH = "No entries match. Clear the search or choose “All agencies” to see them all."


def review_details(review: Review, entries: int) -> str:
    """The line under the title: type, subject, scope and how many entries."""
    parts = [review.type_name]
    if review.subject_pseudonym:
        parts.append(review.subject_pseudonym)
    if review.scope_from or review.scope_to:
        scope = f"{date_display.day(review.scope_from)} to {date_display.day(review.scope_to)}"
        parts.append(f"Scope {scope}")
    parts.append(f"{entries:,} {'entry' if entries == 1 else 'entries'}")
    return "   ·   ".join(parts)



def marking_style(palette: QPalette) -> str:
    """The protective marking's box, in the colours of the palette now in use."""
    text = palette.color(QPalette.ColorRole.WindowText).name()
    border = palette.color(QPalette.ColorRole.WindowText).name()
    return (f"color: {text}; border: 1px solid {border}; border-radius: 3px; padding: 2px 8px;"
            "font-weight: bold;")


class RowTable(QTableView):
    """A table read row by row: choosing a row scrolls up or down to it, never sideways.

    At 1024 px, clicking an entry's event made the table scroll right to show that
    cell whole, and the dates lost their first digits ("2 May 2014" for 12 May).
    """

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Scroll to the row only; the reviewer's own sideways scrolling stays as it was."""
        across = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        self.horizontalScrollBar().setValue(across)


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
    """Header, filter bar, the table of entries and, beside it, the entry panel."""

    #: The entry chosen in the table (its id), or None.
    entry_chosen = Signal(object)

    def __init__(self, model: ChronologyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.session: Session | None = None
        self._build_header()
        self.filters = FilterBar(self)
        self.search = self.filters.search
        self.agency = self.filters.agency
        self.filters.changed.connect(self.apply_filter)
        self._build_table()
        self.entry_panel = EntryPanel(self)
        self._lay_out()
        model.modelReset.connect(self._show_table_or_empty)
        model.modelReset.connect(self._choose_after_reset)

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
        self.marking.setAccessibleName("Protective marking")
        follow_palette(self.marking, marking_style)  # readable again after View > Appearance

    def _build_table(self) -> None:
        self.table = RowTable(self)
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
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
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
        for column in HIDDEN_AT_FIRST:
            header.setSectionHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.marking, 0, Qt.AlignmentFlag.AlignTop)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.body)
        self.splitter.addWidget(self.entry_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.entry_panel.hide()  # shown when an entry is chosen: the table has the width until then
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(heading)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

    # -- columns ------------------------------------------------------------------

    def column_menu(self) -> QMenu:
        """A menu of tick boxes, one per column, to show or hide it."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            action = menu.addAction(HEADERS[column])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.EVENT)  # the event is the entry
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def _column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def show_column(self, column: Column, shown: bool) -> None:
        """Show or hide a column; the layout is remembered between sessions."""
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        settings.save_state("chronology_header", self.table.horizontalHeader().saveState())

    def restore_columns(self) -> None:
        """Bring back the columns as the reviewer last left them."""
        state = settings.load_state("chronology_header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    # -- showing a review -----------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Edit this case's entries in the panel (None: no case open)."""
        self.session = session
        self.entry_panel.set_session(session)
        if session is not None:
            session.entries_changed.connect(self.model.refresh_entries)
            session.analysis_changed.connect(self.refresh_episodes)
            session.analysis_changed.connect(self.filters.refresh_lists)
            session.chronology_changed.connect(self.reload)
            self.refresh_episodes()

    def show_review(self, review: Review, agencies: list[Agency], entries: int) -> None:
        """Fill the header and the agency list for an opened case; clear the filter."""
        self.title.setText(review.title)
        self.details.setText(review_details(review, entries))
        self.marking.setText(review.protective_marking)
        self.marking.setVisible(bool(review.protective_marking))
        self.filters.set_case(self.model.case(), agencies)
        self.table.scrollToTop()

    def reload(self) -> None:
        """Read the case again (after an import): agencies, counts and the filtered entries."""
        case = self.model.case()
        if case is None:
            return
        wanted = self.filters.state()
        self.model.set_case(case)
        self.show_review(case.review(), case.agencies(), count_entries(case, EntryQuery()))
        self.filters.set_state(wanted)
        self.refresh_episodes()

    def refresh_episodes(self) -> None:
        """Fill the Episode column from the case's episodes."""
        case = self.model.case()
        labels: dict[int, list[str]] = {}
        for episode in analysis_store.list_episodes(case) if case else []:
            for entry_id in episode.entries:
                labels.setdefault(entry_id, []).append(f"{episode.number}. {episode.title}")
        self.model.set_episodes({key: "; ".join(value) for key, value in labels.items()})

    def focus_search(self) -> None:
        """Edit > Find: put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def query(self) -> EntryQuery:
        """The store query the filter bar describes."""
        case = self.model.case()
        return to_query(case, self.filters.state()) if case else EntryQuery()

    def is_filtered(self) -> bool:
        """True when the filter bar narrows the chronology."""
        return not self.filters.state().is_empty()

    def apply_filter(self) -> None:
        """Show the entries the filter describes (the store does the filtering)."""
        self.filters.timer.stop()
        self.model.set_query(self.query())

    def show_attention(self, agency: str) -> None:
        """Show one agency's entries whose dates need attention (after an import)."""
        self.filters.set_state(ChronologyFilter(agencies=[agency] if agency else [],
                                                flags=["attention"]))

    def selected_entry_ids(self) -> list[int]:
        """The ids of the selected rows, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.entry_id(row) for row in rows]

    def choose_entry(self, entry_id: int) -> bool:
        """Select an entry's row (reading pages up to it if need be) and show it in the panel.

        False when the filter does not show the entry.
        """
        row = self.model.load_entry(entry_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, Column.EVENT))
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry_id = self.model.entry_id(current.row()) if current.isValid() else None
        self.entry_panel.show_entry(entry_id)
        if entry_id is not None and self.entry_panel.isHidden():
            self.entry_panel.show()
            width = self.splitter.width()
            self.splitter.setSizes([max(width - PANEL_WIDTH, width // 2), PANEL_WIDTH])
        self.entry_chosen.emit(entry_id)

    def _choose_after_reset(self) -> None:
        self.entry_panel.show_entry(None)
        self.entry_panel.hide()

    def _show_table_or_empty(self) -> None:
        if self.model.total():
            self.body.setCurrentWidget(self.table)
            return
        self.empty.setText(NO_MATCH if self.is_filtered() else NO_ENTRIES)
        self.body.setCurrentWidget(self.empty)
