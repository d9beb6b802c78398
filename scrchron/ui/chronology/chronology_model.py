"""The chronology as a Qt table model that reads the case file a page at a time.

A case can hold 100,000 entries, so the model never lists them all: it asks the
store for one page when it is reset and another whenever the view scrolls near the
end (``canFetchMore`` and ``fetchMore``). Each page starts after the last entry read
(``entries_after``, keyset paging), so a page deep in the case costs what the first
one does. ``load_entry`` reads on to an entry not read yet, e.g. to select it. The
total comes from ``count_entries`` so the status bar can say how many there are
before they are read. Filtering is done by the store (full text search, agencies)
through ``set_query``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from scrchron.names.anonymise import Anonymiser
from scrchron.records.case_records import Agency, Entry
from scrchron.runtime import collector
from scrchron.store import Case, EntryQuery, count_entries, get_entry, list_entries
from scrchron.store.entries import PageKey, entries_after, entry_position, keys_after
from scrchron.ui.widgets import date_display

#: Entries read at a time. Reading a page costs about the same at any depth (about
#: 5 ms for 250), so a scroll frame that reads one stays well under 50 ms; with 500
#: the frames that read a page came close to it (bench/bench_ui.py, figure d).
PAGE_SIZE = 250
#: The agency colour chip: 12 pixels square, centred in the height of a line of text.
CHIP_SIZE = QSize(14, 18)

#: The Entry shown on a row.
EntryRole = Qt.ItemDataRole.UserRole + 1
#: The entry's id (an int), e.g. to keep a selection across a reset.
EntryIdRole = Qt.ItemDataRole.UserRole + 2
#: The agency's colour as a QColor (the Agency column also shows it as a chip).
AgencyColourRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The chronology's columns, in order."""

    DATE = 0
    INTERPRETED = 1
    TIME = 2
    AGENCY = 3
    EVENT = 4
    ACTION = 5
    FLAGS = 6
    EPISODE = 7
    SIGNIFICANCE = 8


#: The columns whose text shows pseudonyms under View > Show pseudonyms.
PSEUDONYM_COLUMNS = frozenset({Column.DATE, Column.EVENT, Column.ACTION})
#: Where the anonymiser doubts a place (a surname that is also a word, initials): pale orange.
DOUBT_COLOUR = QColor(255, 200, 120, 110)

HEADERS: dict[Column, str] = {
    Column.DATE: "Date (as written)",
    Column.INTERPRETED: "Interpreted",
    Column.TIME: "Time",
    Column.AGENCY: "Agency",
    Column.EVENT: "Event",
    Column.ACTION: "Action / outcome",
    Column.FLAGS: "Flags",
    Column.EPISODE: "Episode",
    Column.SIGNIFICANCE: "Significance",
}

HEADER_TIPS: dict[Column, str] = {
    Column.DATE: "The date exactly as the agency wrote it.",
    Column.INTERPRETED: "The period scrchron read from it; '—' when it could not tell.",
    Column.FLAGS: "Notes about the entry, e.g. an uncertain date.",
    Column.EPISODE: "The key practice episodes the entry belongs to.",
    Column.SIGNIFICANCE: "How much the entry matters to the review, as you judged it.",
}


def one_line(text: str) -> str:
    """Text on one line: paragraphs joined with ' ¶ ', runs of spaces collapsed."""
    paragraphs = [" ".join(part.split()) for part in text.splitlines()]
    return " ¶ ".join(part for part in paragraphs if part)


def entry_flags(entry: Entry) -> list[str]:
    """The entry's flags, with 'uncertain' first when the date is marked uncertain."""
    flags = list(entry.flags)
    if entry.uncertain and "uncertain" not in flags:
        flags.insert(0, "uncertain")
    return flags


def flags_text(entry: Entry) -> str:
    """The Flags column, in the reviewer's words: 'uncertain date, month first'."""
    words = [date_display.flag_label(flag) for flag in entry_flags(entry)]
    if entry.group is not None:
        words.append(date_display.flag_label("same-event"))
    if entry.withdrawn:
        words.append(date_display.flag_label("withdrawn"))
    return ", ".join(words)


def flags_tooltip(entry: Entry) -> str:
    """One line per flag: what it is called and what it means."""
    lines = [f"{date_display.flag_label(flag)}: {date_display.flag_explanation(flag)}".rstrip(": ")
             for flag in entry_flags(entry)]
    return "\n".join(lines)


def tooltip(text: str) -> str:
    """Rich text, so Qt wraps a long event in its tooltip instead of one wide line."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


def colour_chip(colour: str, size: QSize = CHIP_SIZE) -> QIcon:
    """A small rounded square in an agency's colour, centred in ``size``, sharp at 100% and 200%."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        icon.addPixmap(_chip_pixmap(colour, size, ratio))
    return icon


def _chip_pixmap(colour: str, size: QSize, ratio: float) -> QPixmap:
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    side = min(size.width(), size.height()) - 2.0
    square = QRectF(0, 0, side, side)
    square.moveCenter(QRectF(0, 0, size.width(), size.height()).center())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(square, 3.0, 3.0)
    painter.end()
    return pixmap


class ChronologyModel(QAbstractTableModel):
    """The entries of one case, in chronological order, read in pages."""

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._case: Case | None = None
        self._query = EntryQuery()
        self._rows: list[Entry | PageKey] = []  # a PageKey holds the place of a row not read yet
        self._row_of: dict[int, int] = {}
        self._after: PageKey | None = None  # the last entry read, as it was read
        self._fetching = False
        self._frozen = False  # rows read by fetchMore are frozen (scrchron.runtime.collector.keep_out)
        self._total = 0
        self._chips: dict[int, QIcon] = {}
        self._colours: dict[int, QColor] = {}
        self._episodes: dict[int, str] = {}
        #: View > Show pseudonyms: texts are shown as the published report writes them.
        self.pseudonyms: Anonymiser | None = None
        self._shown_as: dict[str, tuple[str, bool]] = {}  # text -> (as shown, doubtful)

    def set_pseudonyms(self, anonymiser: Anonymiser | None) -> None:
        """Show every text through ``anonymiser`` (None: the real text again)."""
        self.pseudonyms = anonymiser
        self._shown_as.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _as_shown(self, text: str) -> tuple[str, bool]:
        """(the text as shown now, whether the anonymiser doubts a place in it)."""
        if self.pseudonyms is None or not text:
            return text, False
        found = self._shown_as.get(text)
        if found is None:
            if len(self._shown_as) > 20_000:
                self._shown_as.clear()
            found = self._shown_as[text] = (self.pseudonyms.anonymise(text), bool(self.pseudonyms.doubts(text)))
        return found

    # -- what the model shows -------------------------------------------------

    def set_case(self, case: Case | None, query: EntryQuery | None = None) -> None:
        """Show another case (or none), from its first page."""
        self._case = case
        agencies = case.agencies() if case else []
        self._colours = {agency.id: QColor(agency.colour) for agency in agencies}
        self._chips = {}  # drawn when first shown (a pixmap needs the QApplication)
        self.set_query(query or EntryQuery())

    def set_query(self, query: EntryQuery) -> None:
        """Filter the entries (the store does it); reads the total and the first page."""
        self.beginResetModel()
        self._query = replace(query, limit=None, offset=0)
        self._rows, self._row_of, self._after = [], {}, None
        self._thaw()
        self._total = count_entries(self._case, self._query) if self._case else 0
        self._take(self._read_page(self._page_size))
        self.endResetModel()

    def query(self) -> EntryQuery:
        """The filter in force."""
        return self._query

    def case(self) -> Case | None:
        """The case shown (None when no case is open)."""
        return self._case

    def set_episodes(self, labels: dict[int, str]) -> None:
        """Entry id -> the episodes it belongs to, as the Episode column shows them."""
        self._episodes = dict(labels)
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.EPISODE),
                                  self.index(len(self._rows) - 1, Column.EPISODE))

    def refresh_entries(self, entry_ids: list[int]) -> None:
        """Read some entries again (after an edit) and repaint their rows where they are."""
        if self._case is None or not entry_ids:
            return
        wanted = set(entry_ids)
        rows = [row for row, entry in enumerate(self._rows) if entry.id in wanted]
        if not rows:
            return
        fresh = {e.id: e for e in list_entries(self._case, EntryQuery(ids=sorted(wanted)))}
        for row in rows:
            self._rows[row] = fresh.get(self._rows[row].id, self._rows[row])
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def row_of(self, entry_id: int) -> int:
        """The row showing an entry, or -1 when it is not read (or not shown)."""
        return self._row_of.get(entry_id, -1)

    def load_entry(self, entry_id: int) -> int:
        """The row showing an entry, reading whole pages up to it if need be.

        -1 when the filter does not show the entry. The store counts the entries
        before it, so the pages are read in one go rather than one by one.
        """
        row = self.row_of(entry_id)
        if row >= 0 or self._case is None:
            return row
        position = entry_position(self._case, self._query, entry_id)
        if position is None:
            return -1
        key = PageKey.of(get_entry(self._case, entry_id)).order()
        if self._after is not None and key < self._after.order():  # moved among the rows read: read afresh
            self.set_query(self._query)
            if self.row_of(entry_id) >= 0:
                return self.row_of(entry_id)
        if position >= len(self._rows) + self._page_size:  # far down: pass the rows between by key
            self._skip(position // self._page_size * self._page_size - len(self._rows))
        if position >= len(self._rows):
            self._fetch(position // self._page_size * self._page_size + self._page_size - len(self._rows))
        # Rows read earlier may since have moved later (an edit): read on, but never past the entry.
        while self.row_of(entry_id) < 0 and self.canFetchMore() and \
                (self._after is None or self._after.order() < key):
            self._fetch(self._page_size)
        return self.row_of(entry_id)

    def total(self) -> int:
        """How many entries match the filter, whether read yet or not."""
        return self._total

    def entry(self, row: int) -> Entry:
        """The entry on a row (read now, with the rows around it, if it was passed by key)."""
        found = self._rows[row]
        if isinstance(found, PageKey):
            self._read_block(row)
            found = self._rows[row]
        if isinstance(found, PageKey):  # gone from the file since: show what is known
            return Entry(agency_id=found.agency_id, event="", id=found.id, start=found.start)
        return found

    def _read_block(self, row: int) -> None:
        """Read the entries of the page-sized block around ``row`` that were passed by key."""
        assert self._case is not None
        first = row - row % self._page_size
        block = range(first, min(first + self._page_size, len(self._rows)))
        wanted = {self._rows[n].id: n for n in block if isinstance(self._rows[n], PageKey)}
        with collector.paused():
            for entry in list_entries(self._case, EntryQuery(ids=list(wanted), include_hidden=True)):
                self._rows[wanted[entry.id]] = entry
        collector.keep_out()  # like the pages read in order: they stay while shown
        self._frozen = True

    def entry_id(self, row: int) -> int:
        """The id of the entry on a row, without reading a row passed by key."""
        return self._rows[row].id

    def agency_chip(self, agency: Agency) -> QIcon:
        """The colour chip drawn beside an agency's name."""
        return self._chip(agency.id, agency.colour)

    def _chip(self, agency_id: int, colour: str) -> QIcon:
        if agency_id not in self._chips:
            self._chips[agency_id] = colour_chip(colour)
        return self._chips[agency_id]

    # -- paging ---------------------------------------------------------------

    def _read_page(self, count: int) -> list[Entry]:
        """The next ``count`` entries after those read."""
        if self._case is None or len(self._rows) >= self._total:
            return []
        return entries_after(self._case, self._query, self._after, count)

    def _skip(self, count: int) -> None:
        """Pass ``count`` rows by their keys only (their entries are read when shown)."""
        if count <= 0 or self._case is None:
            return
        keys = keys_after(self._case, self._query, self._after, count)
        if not keys:
            return
        self._fetching = True  # as in _fetch: no reading more while these rows go in
        try:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
            self._take(keys)
            self.endInsertRows()
        finally:
            self._fetching = False

    def _take(self, page: Sequence[Entry | PageKey]) -> None:
        """Keep entries read (or passed by key), after those already read."""
        first = len(self._rows)
        self._rows.extend(page)
        self._row_of.update((entry.id, first + n) for n, entry in enumerate(page))
        if page:
            last = page[-1]
            self._after = last if isinstance(last, PageKey) else PageKey.of(last)

    def _fetch(self, count: int) -> None:
        """Read and append the next ``count`` entries.

        Not again while the rows are going in: a view (or Qt's model tester) that asks
        for more from ``rowsAboutToBeInserted`` would read the same page twice.
        """
        if self._fetching:
            return
        self._fetching = True
        try:
            with collector.paused():
                self._append(self._read_page(count))
        finally:
            self._fetching = False
        collector.keep_out()  # the rows read stay for as long as they are shown
        self._frozen = True

    def _thaw(self) -> None:
        """Give the objects frozen while reading pages back to the collector, and collect once.

        Run on a new filter or case, after the rows read are let go: any cycle among
        what was frozen (a window closed, an undo command dropped) is freed now.
        """
        if self._frozen:
            self._frozen = False
            collector.let_back()

    def _append(self, page: list[Entry]) -> None:
        if not page:
            self._total = len(self._rows)  # the file changed under us: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._take(page)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """True while some matching entries have not been read yet."""
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Read the next page and append it."""
        if not parent.isValid():
            self._fetch(self._page_size)

    # -- QAbstractTableModel --------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows read so far (the view asks for more as it scrolls)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One column per ``Column``."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles and their tooltips."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What a cell shows, for each role."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self.entry(index.row())
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._display(entry, column)
            return self._as_shown(shown)[0] if column in PSEUDONYM_COLUMNS else shown
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(entry, column)
            return self._as_shown(tip)[0] if column in PSEUDONYM_COLUMNS else tip
        if role == Qt.ItemDataRole.BackgroundRole and self.pseudonyms is not None and column in PSEUDONYM_COLUMNS:
            text = entry.event if column == Column.EVENT else entry.action if column == Column.ACTION else ""
            return DOUBT_COLOUR if self._as_shown(text)[1] else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.AGENCY:
            colour = self._colours.get(entry.agency_id)
            return self._chip(entry.agency_id, colour.name()) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return self._custom(entry, role)

    def _display(self, entry: Entry, column: Column) -> str:
        if column == Column.DATE:
            return one_line(entry.date_text) or date_display.UNKNOWN
        if column == Column.INTERPRETED:
            return date_display.interval(entry.start, entry.end)
        if column == Column.TIME:
            return entry.time_text or date_display.time_of(entry.start)
        if column == Column.AGENCY:
            return entry.agency
        if column == Column.EVENT:
            return one_line(entry.event)
        if column == Column.ACTION:
            return one_line(entry.action)
        if column == Column.EPISODE:
            return self._episodes.get(entry.id, "")
        if column == Column.SIGNIFICANCE:
            return entry.significance
        return flags_text(entry)

    def _tooltip(self, entry: Entry, column: Column) -> str:
        if column == Column.EVENT:
            return tooltip(entry.event)
        if column == Column.ACTION:
            return tooltip(entry.action)
        if column == Column.DATE:
            return tooltip(entry.date_text)
        if column == Column.FLAGS:
            return flags_tooltip(entry)
        if column == Column.INTERPRETED and entry.start:
            return f"{entry.start} to {entry.end or entry.start} ({entry.precision})"
        return ""

    def _custom(self, entry: Entry, role: int) -> object:
        if role == EntryRole:
            return entry
        if role == EntryIdRole:
            return entry.id
        if role == AgencyColourRole:
            return self._colours.get(entry.agency_id)
        return None
