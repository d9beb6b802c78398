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
from test_store_paging import steps as sqlite_steps

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries, list_entries
from scrchron.ui.chronology.chronology_model import (
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
from scrchron.ui.widgets import date_display
from scrchron.ui.window.main_window import MainWindow


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
    last = 3 * PAGE_SIZE - 1
    assert model.index(last, Column.EVENT).data() == f"Care call {last}"


def read_all(model: ChronologyModel) -> list[int]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.entry(row).id for row in range(model.rowCount())]


@pytest.mark.parametrize("query", [
    EntryQuery(), EntryQuery(search="visit"), EntryQuery(agencies=["Police"]),
    EntryQuery(date_from="2015-03-01", date_to="2015-06-30"), EntryQuery(include_hidden=True),
])
def test_pages_follow_the_store_order_for_any_filter(qapp: QApplication, case: Case,
                                                      query: EntryQuery) -> None:
    model = ChronologyModel(page_size=3)
    model.set_case(case, query)
    assert read_all(model) == [entry.id for entry in list_entries(case, query)]
    assert model.rowCount() == model.total() > 0


def test_next_page_follows_the_last_row_as_it_was_read(qapp: QApplication, case_file: Path) -> None:
    with Case.open(case_file) as case:
        model = ChronologyModel(page_size=4)
        model.set_case(case)
        moved = model.entry(3).id  # an edit moves the last row read to the end of the order
        with case.write() as db:
            db.conn.execute("UPDATE entries SET start = '2099-01-01' WHERE id = ?", [moved])
        model.refresh_entries([moved])
        model.fetchMore(QModelIndex())
        following = list_entries(case, EntryQuery(limit=4, offset=3))  # nothing skipped
        assert [model.entry(row).id for row in range(4, 8)] == [e.id for e in following]


@pytest.fixture
def large(large_case: Path) -> Iterator[Case]:
    with Case.open(large_case, read_only=True) as opened:
        yield opened




def test_a_deep_page_costs_what_the_second_page_costs(qapp: QApplication, large: Case) -> None:
    model = ChronologyModel(page_size=500)
    model.set_case(large)
    second = sqlite_steps(large, lambda: model.fetchMore(QModelIndex()))
    model.load_entry(list_entries(large, EntryQuery(limit=1, offset=15_000))[0].id)
    deep = sqlite_steps(large, lambda: model.fetchMore(QModelIndex()))
    assert model.rowCount() == 16_000
    assert deep <= 2 * second + 5  # reading on from row 15,500 does not read rows 0 to 15,499


def test_qt_model_checks_pass_while_reading_on_to_an_entry(
        qapp: QApplication, qtmodeltester: ModelTester, case: Case) -> None:
    model = ChronologyModel(page_size=4)
    model.set_case(case)
    qtmodeltester.check(model)  # and it watches the rows going in
    entries = list_entries(case)
    assert model.load_entry(entries[21].id) == 21
    assert model.rowCount() == 24
    assert read_all(model) == [entry.id for entry in entries]


def test_load_entry_passes_rows_by_key_and_reads_them_when_shown(qtbot: QtBot, large: Case) -> None:
    model = ChronologyModel(page_size=500)
    model.set_case(large)
    wanted = list_entries(large, EntryQuery(limit=1, offset=12_345))[0].id
    read = model.rowCount()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    assert model.load_entry(wanted) == 12_345
    assert inserted == [(read, 11_999), (12_000, 12_499)]  # the rows between by key; the entry's page read
    assert (model.rowCount(), model.entry(12_345).id, model.row_of(wanted)) == (12_500, wanted, 12_345)
    steps = sqlite_steps(large, lambda: model.entry(7_000))  # a passed row: its block is read now
    assert steps > 0 and sqlite_steps(large, lambda: model.entry(7_001)) == 0  # and only once
    assert model.index(7_000, Column.EVENT).data() == list_entries(large, EntryQuery(limit=1, offset=7_000))[0].event
    with qtbot.assertNotEmitted(model.rowsInserted):
        assert model.load_entry(wanted) == 12_345
    model.fetchMore(QModelIndex())
    expected = list_entries(large, EntryQuery(limit=500, offset=12_500))
    assert [model.entry(row).id for row in range(12_500, 13_000)] == [e.id for e in expected]
    assert model.index(12_999, Column.EVENT).data() == expected[-1].event
    assert read_all(model) == [e.id for e in list_entries(large)]


def test_load_entry_of_an_entry_the_filter_hides(qtbot: QtBot, case: Case) -> None:
    model = ChronologyModel(page_size=5)
    model.set_case(case, EntryQuery(agencies=["Police"]))
    other = next(e.id for e in list_entries(case) if e.agency != "Police")
    with qtbot.assertNotEmitted(model.rowsInserted):
        assert model.load_entry(other) == -1
    assert ChronologyModel().load_entry(other) == -1  # no case open
    last = list_entries(case, EntryQuery(agencies=["Police"]))[-1].id
    assert model.load_entry(last) == model.total() - 1 == model.rowCount() - 1


def test_choose_entry_selects_an_entry_deep_in_a_large_case(qtbot: QtBot, large_case: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.load_case(large_case, read_only=True)
    page = window.chronology_page
    case = window.model.case()
    assert case is not None
    wanted = list_entries(case, EntryQuery(limit=1, offset=17_777))[0]
    assert page.choose_entry(wanted.id)
    assert page.table.currentIndex().row() == 17_777
    assert page.selected_entry_ids() == [wanted.id]
    assert window.model.rowCount() >= 18_000 and window.model.rowCount() % PAGE_SIZE == 0
    page.search.setText("no such words")
    page.apply_filter()
    assert not page.choose_entry(wanted.id)


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
    assert date_display.interval(start, end) == text


def test_time_of_and_one_line() -> None:
    assert date_display.time_of("2015-03-09T19:30") == "19:30"
    assert date_display.time_of("2015-03-09") == ""
    assert one_line("Seen at home.\n\n  Mother   present.\n") == "Seen at home. ¶ Mother present."


def test_flags_are_named_in_the_reviewers_words() -> None:
    entry = Entry(agency_id=1, event="Visit", uncertain=True, flags=["order-mdy", "new-flag"])
    assert flags_text(entry) == "uncertain date, month first, new flag"
    tip = flags_tooltip(entry).splitlines()
    assert tip[1] == "month first: Read month-first (e.g. 10/15/2014), as this agency writes dates."
    assert tip[2] == "new flag"


def test_rows_read_are_kept_out_of_the_cycle_collectors_walks(large: Case) -> None:
    import gc

    model = ChronologyModel()
    model.set_case(large)
    model.fetchMore()
    entry = model.entry(PAGE_SIZE + 1)  # from the second page
    try:
        tracked_ids = {id(obj) for obj in gc.get_objects()}  # every generation, not the frozen ones
        assert gc.get_freeze_count() >= PAGE_SIZE
        assert id(entry) not in tracked_ids and id(entry.flags) not in tracked_ids
    finally:
        gc.unfreeze()


def test_agency_chips_are_sharp_on_a_high_dpi_screen() -> None:
    from scrchron.ui.chronology.chronology_model import CHIP_SIZE, colour_chip

    icon = colour_chip("#0B6FB8")
    sharp = icon.pixmap(CHIP_SIZE, 2.0)
    assert sharp.devicePixelRatio() == 2.0
    assert (sharp.width(), sharp.height()) == (CHIP_SIZE.width() * 2, CHIP_SIZE.height() * 2)
    middle = sharp.toImage().pixelColor(sharp.width() // 2, sharp.height() // 2)
    assert middle.name().upper() == "#0B6FB8"


def daily_visits(folder: Path, days: int) -> Case:
    """A case with one police visit a day from 1 January 2015."""
    case = Case.create(folder / "t.scrchron", Review("T", "cspr"))
    police = case.add_agency("Police").id
    with case.write():
        insert_entries(case, [Entry(agency_id=police, event=f"visit {n}", date_text=f"{n + 1}/1/2015",
                                    start=f"2015-01-{n + 1:02d}", end=f"2015-01-{n + 1:02d}", precision="day")
                              for n in range(days)])
    return case


def test_an_entry_is_found_after_an_edit_moved_a_row_already_read(tmp_path: Path) -> None:
    from scrchron.store import update_entry

    with daily_visits(tmp_path, 20) as case:
        model = ChronologyModel(page_size=5)
        model.set_case(case)
        moved = model.entry(0).id
        update_entry(case, moved, {"start": "2015-12-31", "end": "2015-12-31", "date_text": "31/12/2015"})
        model.refresh_entries([moved])  # as the window does after the edit
        target = list_entries(case)[9]  # the last entry of the second page, as the store now orders them
        row = model.load_entry(target.id)
        assert row >= 0 and model.entry(row).id == target.id


def test_a_new_filter_lets_the_collector_free_what_was_frozen(large: Case) -> None:
    import gc
    import weakref

    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the cycle collector can free it

    model = ChronologyModel()
    model.set_case(large)
    node = Node()
    gone = weakref.ref(node)
    model.fetchMore()  # freezes everything alive, the node too
    del node
    gc.collect()
    assert gone() is not None  # frozen: out of the collector's reach
    model.set_query(EntryQuery(search="visit"))
    assert gone() is None and gc.get_freeze_count() == 0


def test_an_unread_entry_moved_among_the_rows_read_is_found_without_reading_everything(
        tmp_path: Path) -> None:
    from scrchron.store import update_entry

    with daily_visits(tmp_path, 30) as case:
        model = ChronologyModel(page_size=5)
        model.set_case(case)
        unread = list_entries(case)[20]
        update_entry(case, unread.id, {"start": "2014-12-31", "end": "2014-12-31", "date_text": "31/12/2014"})
        assert model.load_entry(unread.id) == 0  # now first in the chronology
        assert model.rowCount() == 5  # read afresh from the top, not to the end


def test_rows_passed_by_key_are_frozen_once_shown_and_their_ids_need_no_reading(large: Case) -> None:
    import gc

    model = ChronologyModel(page_size=500)
    model.set_case(large)
    deep = list_entries(large, EntryQuery(limit=1, offset=9_000))[0].id
    assert model.load_entry(deep) == 9_000
    try:
        expected = list_entries(large, EntryQuery(limit=1, offset=4_321))[0].id
        assert sqlite_steps(large, lambda: model.entry_id(4_321)) == 0 and model.entry_id(4_321) == expected
        entry = model.entry(4_321)  # shown: its block is read
        assert entry.id == expected
        tracked = {id(obj) for obj in gc.get_objects()}
        assert id(entry) not in tracked and id(entry.flags) not in tracked
    finally:
        gc.unfreeze()
