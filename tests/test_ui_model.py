"""ChronologyModel: pages from the store, roles, and Qt's own model checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrchron.model import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries
from scrchron.ui import formatting
from scrchron.ui.chronology_model import (
    PAGE_SIZE,
    AgencyColourRole,
    ChronologyModel,
    Column,
    EntryIdRole,
    EntryRole,
    flags_text,
    flags_tooltip,
    one_line,
)
from scrchron.ui.main_window import MainWindow


@pytest.fixture
def case(case_file: Path) -> Iterator[Case]:
    with Case.open(case_file, read_only=True) as opened:
        yield opened


@pytest.fixture
def large_case(tmp_path: Path) -> Path:
    """A case with 20,000 entries, inserted as one import would."""
    path = tmp_path / "large.scrchron"
    with Case.create(path, Review(title="Adult L", review_type="sar")) as case:
        agency = case.add_agency("Adult Social Care").id
        entries = [
            Entry(agency_id=agency, event=f"Care call {n}", date_text=f"{day:%d/%m/%Y}",
                  start=day.isoformat(), end=day.isoformat(), precision="day")
            for n, day in _days(20_000)
        ]
        with case.write():
            insert_entries(case, entries)
    return path


def _days(count: int) -> Iterator[tuple[int, object]]:
    from datetime import date, timedelta

    first = date(2010, 1, 1)
    for n in range(count):
        yield n, first + timedelta(days=n // 4)


def test_qt_model_checks_pass(qapp: QApplication, qtmodeltester: ModelTester, case: Case) -> None:
    model = ChronologyModel(page_size=7)
    model.set_case(case)
    qtmodeltester.check(model)
    model.set_query(EntryQuery(search="visit"))
    qtmodeltester.check(model)


def test_qt_model_checks_pass_with_no_case(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = ChronologyModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_pages_are_read_as_needed(qtbot: QtBot, case: Case) -> None:
    model = ChronologyModel(page_size=8)
    model.set_case(case)
    assert (model.rowCount(), model.total()) == (8, 30)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 16
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 30
    assert model.index(29, Column.DATE).data() == "date not recorded"


def test_roles(qtbot: QtBot, case: Case) -> None:
    model = ChronologyModel()
    model.set_case(case)
    index = model.index(1, Column.AGENCY)
    entry = index.data(EntryRole)
    assert isinstance(entry, Entry) and entry.agency == "Health Visiting"
    assert index.data(EntryIdRole) == entry.id
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert index.data(AgencyColourRole) == QColor(case.agencies()[2].colour)
    event = model.index(1, Column.EVENT)
    assert entry.event in event.data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(Column.EVENT, Qt.Orientation.Horizontal) == "Event"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_large_case_opens_one_page_at_a_time(qtbot: QtBot, large_case: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.load_case(large_case, read_only=True)
    model = window.model
    assert model.total() == 20_000
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    assert window.count_label.text() == "20,000 entries"
    window.chronology_page.table.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 3 * PAGE_SIZE
    assert model.index(1499, Column.EVENT).data() == "Care call 1499"


@pytest.mark.parametrize(("start", "end", "text"), [
    ("2015-03-09", "2015-03-09", "9 Mar 2015"),
    ("2015-03-09T19:30", "2015-03-09T19:30", "9 Mar 2015"),
    ("2015-03-01", "2015-03-31", "1–31 Mar 2015"),
    ("2014-03-01", "2014-05-31", "1 Mar – 31 May 2014"),
    ("2013-12-20", "2014-01-10", "20 Dec 2013 – 10 Jan 2014"),
    ("2015-03-09", None, "9 Mar 2015"),
    (None, None, "—"),
    ("REDACTED", None, "—"),
])
def test_interpreted_dates_are_as_short_as_they_can_be(
        start: str | None, end: str | None, text: str) -> None:
    assert formatting.interval(start, end) == text


def test_time_of_and_one_line() -> None:
    assert formatting.time_of("2015-03-09T19:30") == "19:30"
    assert formatting.time_of("2015-03-09") == ""
    assert one_line("Seen at home.\n\n  Mother   present.\n") == "Seen at home. ¶ Mother present."


def test_flags_are_named_in_the_reviewers_words() -> None:
    entry = Entry(agency_id=1, event="Visit", uncertain=True, flags=["order-mdy", "new-flag"])
    assert flags_text(entry) == "uncertain date, month first, new flag"
    tip = flags_tooltip(entry).splitlines()
    assert tip[1] == "month first: Read month-first (e.g. 10/15/2014), as this agency writes dates."
    assert tip[2] == "new flag"
