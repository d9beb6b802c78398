"""File > Open learning library…: the partnership's view of every review in a library.

A window of its own over a library file (scrchron.library): the case files it knows (and why
some could not be read), themes across reviews, every action plan in one place, recommendations
made in several reviews, and agency involvement, all filtered by review type, year, agency and
the subject's age band. Reading cases runs in the background on its own library connection;
the views are quick queries on the window's own connection. No SQL here: every figure comes
from scrchron.library.views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scrchron.errors import ScrchronError
from scrchron.library import LibraryStore, ViewFilter, add_cases, refresh, views
from scrchron.library.board import write_action_plan
from scrchron.library.model import AGE_BANDS
from scrchron.records.case_records import REVIEW_TYPES
from scrchron.runtime.progress import Cancelled, Progress
from scrchron.ui.widgets import tasks
from scrchron.ui.widgets.error_dialogs import show_error

TITLE = "Learning library"
LIBRARY_FILTER = "Learning libraries (*.scrlib);;All files (*)"
CASE_FILTER = "Case files (*.scrchron);;All files (*)"
PLAN_FILTER = "Excel workbook (*.xlsx);;Word document (*.docx)"
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table of text rows under fixed headings."""

    def __init__(self, headings: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headings = list(headings)
        self.rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        """Show these rows instead."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.rows[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headings[section]
        return str(section + 1)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in counts.items())


#: Each tab: its title, its headings, and the rows it shows for a filter.
Rows = Callable[[LibraryStore, ViewFilter, bool], list[list[str]]]


def _case_rows(library: LibraryStore, _: ViewFilter, __: bool) -> list[list[str]]:
    return [[c.status, Path(c.path).name, c.title, c.review_type, str(c.year or ""), str(c.findings),
             str(c.actions), c.reason] for c in library.cases()]


def _theme_rows(library: LibraryStore, where: ViewFilter, _: bool) -> list[list[str]]:
    return [[t.theme, str(t.reviews), str(t.findings), "yes" if t.recurring else "", _counts(t.by_type),
             _counts(t.by_year)] for t in views.themes_across(library, where)]


def _action_rows(library: LibraryStore, where: ViewFilter, overdue: bool) -> list[list[str]]:
    return [[a.owner, a.text or "(no action yet)", a.due or "", a.status, "OVERDUE" if a.overdue else "",
             a.review, f"{a.recommendation}. {a.recommendation_text}"]
            for a in views.action_plan(library, where, overdue_only=overdue)]


def _recommendation_rows(library: LibraryStore, where: ViewFilter, _: bool) -> list[list[str]]:
    return [[f"Recommended in {len(g.reviews)} reviews", g.owner, g.theme, g.text, "; ".join(g.reviews)]
            for g in views.recurring_recommendations(library, where)]


def _agency_rows(library: LibraryStore, where: ViewFilter, _: bool) -> list[list[str]]:
    return [[a.agency, str(a.reviews), f"{a.share:.0%}", "" if a.median_days_before is None
             else str(a.median_days_before), str(a.in_findings)] for a in views.agencies_across(library, where)]


TABS: tuple[tuple[str, tuple[str, ...], Rows], ...] = (
    ("&Cases", ("Status", "File", "Review", "Type", "Year", "Findings", "Actions", "Reason"), _case_rows),
    ("&Themes", ("Theme", "Reviews", "Findings", "Recurring", "By type", "By year"), _theme_rows),
    ("&Action plan", ("Owner", "Action", "Due", "Status", "Overdue", "Review", "Recommendation"), _action_rows),
    ("&Recurring recommendations", ("Times", "Owner", "Theme", "Recommendation", "Reviews"), _recommendation_rows),
    ("A&gencies", ("Agency", "Reviews", "Share", "Median days known before", "Named in findings of"),
     _agency_rows),
)


class LibraryWindow(QWidget):
    """One learning library in a window of its own."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.path = path
        self.library = LibraryStore.open(path, create=True)
        self.setWindowTitle(f"{TITLE}: {path.name}")
        self.resize(1100, 640)
        self.models = [RowsModel(headings, self) for _, headings, _ in TABS]
        layout = QVBoxLayout(self)
        layout.addLayout(self._buttons())
        layout.addLayout(self._filters())
        self.tabs = QTabWidget(self)
        for (title, _, _), model in zip(TABS, self.models, strict=True):
            self.tabs.addTab(self._table(model), title)
        self.tabs.currentChanged.connect(lambda _index: self.show_views())
        layout.addWidget(self.tabs)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        self.show_views()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("Add case f&iles…", self.choose_cases), ("Add a fol&der…", self.choose_folder),
                           ("Re&fresh", self.refresh_cases), ("E&xport action plan…", self.export_plan)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, call=slot: call())
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.type_box = QComboBox(self)
        self.type_box.addItem("All review types", "")
        for code, name in REVIEW_TYPES.items():
            self.type_box.addItem(name, code)
        self.year_box = QComboBox(self)
        self.agency_edit = QLineEdit(self)
        self.agency_edit.setPlaceholderText("Agency (e.g. Police)")
        self.agency_edit.setMaximumWidth(260)
        self.age_box = QComboBox(self)
        self.age_box.addItem("Any age at the incident", "")
        for _, band in AGE_BANDS:
            self.age_box.addItem(band, band)
        self.overdue_box = QCheckBox("&Overdue actions only", self)
        for widget, label in ((self.type_box, "T&ype"), (self.year_box, "&Year"), (self.agency_edit, "Age&ncy"),
                              (self.age_box, "Ag&e band")):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(self.overdue_box)
        row.addStretch(1)
        for box in (self.type_box, self.year_box, self.age_box):
            box.currentIndexChanged.connect(lambda _index: self.show_views())
        self.agency_edit.editingFinished.connect(self.show_views)
        self.overdue_box.toggled.connect(lambda _checked: self.show_views())
        return row

    def _table(self, model: RowsModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- what is shown ----------------------------------------------------------

    def view_filter(self) -> ViewFilter:
        """The filter the controls describe."""
        year = self.year_box.currentData()
        return ViewFilter(self.type_box.currentData() or "", int(year) if year else None,
                          self.agency_edit.text().strip(), self.age_box.currentData() or "")

    def show_views(self) -> None:
        """Fill the current tab for the current filter (the other tabs are filled when shown)."""
        self._fill_years()
        number = self.tabs.currentIndex()
        rows = TABS[number][2](self.library, self.view_filter(), self.overdue_box.isChecked())
        self.models[number].set_rows(rows)
        table = self.tabs.widget(number)
        if isinstance(table, QTableView):
            table.resizeColumnsToContents()
        cases = self.library.cases()
        read = sum(1 for case in cases if case.status == "read")
        self.status.setText(f"{len(cases)} case files, {read} read, {len(cases) - read} listed with a reason. "
                            f"Showing {len(rows)} rows.")

    def _fill_years(self) -> None:
        years = sorted({case.year for case in self.library.cases() if case.year}, reverse=True)
        wanted = ["", *[str(year) for year in years]]
        if [self.year_box.itemData(i) for i in range(self.year_box.count())] == wanted:
            return
        chosen = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem("All years", "")
        for year in years:
            self.year_box.addItem(str(year), str(year))
        self.year_box.setCurrentIndex(max(self.year_box.findData(chosen), 0))
        self.year_box.blockSignals(False)

    def export_plan(self, path: Path | None = None) -> Path | None:
        """Write the action plan as filtered now to Excel or Word, for the board meeting."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Export the action plan", str(self.path.parent /
                                                  "action-plan.xlsx"), PLAN_FILTER)
            if not name:
                return None
            path = Path(name)
        where = self.view_filter()
        plan = views.action_plan(self.library, where, overdue_only=self.overdue_box.isChecked())
        title = "Action plan across reviews" + (f"; owned by {where.agency}" if where.agency else "")
        try:
            written = write_action_plan(plan, path, title)
        except ScrchronError as error:
            show_error(self, error)
            return None
        self.status.setText(f"Wrote {written.name} ({len(plan)} rows).")
        return written

    # -- reading cases ----------------------------------------------------------

    def choose_cases(self) -> None:
        """Ask for case files and add them."""
        names, _ = QFileDialog.getOpenFileNames(self, "Add case files to the library", str(self.path.parent),
                                                CASE_FILTER)
        if names:
            self.add_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        """Ask for a folder and add every file in it."""
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of case files", str(self.path.parent))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Add case files (or folders) in the background, then show the views again."""
        self._run(lambda store, progress, cancelled: add_cases(store, paths, progress, cancelled))

    def refresh_cases(self) -> None:
        """Read again the cases that changed."""
        self._run(lambda store, progress, cancelled: refresh(store, None, progress, cancelled))

    def _run(self, call: Callable[[LibraryStore, Progress, Cancelled], object]) -> None:
        path = self.path

        def work(progress: Progress, cancelled: Cancelled) -> object:
            with LibraryStore.open(path) as own:  # the worker's own connection
                return call(own, progress, cancelled)

        self.status.setText("Reading the case files…")
        tasks.run_task(work, lambda _result: self.show_views(), self._failed,
                       lambda done, total: self.status.setText(f"Reading case file {done} of {total}…"), self)

    def _failed(self, error: BaseException) -> None:
        show_error(self, error if isinstance(error, ScrchronError) else str(error))
        self.show_views()

    def closeEvent(self, event: QCloseEvent) -> None:
        tasks.wait_for(self)
        self.library.close()
        super().closeEvent(event)


def open_library(parent: QWidget | None, path: Path | None = None) -> LibraryWindow | None:
    """File > Open learning library…: open (or make) a library and show it in its own window."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(parent, "Open or make a learning library", "learning.scrlib",
                                              LIBRARY_FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return None
        path = Path(name)
    try:
        window = LibraryWindow(path, parent)
    except ScrchronError as error:
        show_error(parent, error)
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
