"""Keyset paging: ``entries_after`` pages and ``entry_position`` rows match ``list_entries``."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import CASE_PROTECTION

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries, list_entries
from scrchron.store.entries import PageKey, entries_after, entry_position

#: Starts that tie, a day with untimed and timed entries, a month, and undated (None).
STARTS = [None, "2015-03-09", "2015-03-09T08:00", "2015-03-09T19:30", "2015-03-01", "2014-12-31"]

QUERIES: dict[str, EntryQuery] = {
    "everything shown": EntryQuery(),
    "hidden too": EntryQuery(include_hidden=True),
    "one agency": EntryQuery(agencies=["pol"]),
    "dates": EntryQuery(date_from="2015-03-05", date_to="2015-03-09"),
    "search": EntryQuery(search="visit"),
    "flag": EntryQuery(flags=["year-inferred"]),
    "uncertain": EntryQuery(flags=["uncertain"]),
    "withdrawn": EntryQuery(flags=["withdrawn"], include_hidden=True),
    "extra where": EntryQuery(extra_where=["e.sheet = 'B'"]),
    "nothing": EntryQuery(search="no such word"),
}


def make_case(folder: Path, passphrase: str | None = None) -> Case:
    return Case.create(folder / "t.scrchron", Review(title="Child T", review_type="cspr"), passphrase=passphrase)


def tricky_entries(police: int, school: int) -> list[Entry]:
    """Ties on every order column, NULL rows, undated entries, hidden ones, in no order."""
    def one(n: int, agency: int, start: str | None, seq: float, row: int | None) -> Entry:
        return Entry(agency_id=agency, event=f"{'Home visit' if n % 3 else 'Call'} {n}",
                     date_text=start or "not recorded", start=start, end=start,
                     precision="day" if start else "unknown", seq=seq, row=row,
                     sheet="AB"[n % 2], uncertain=n % 5 == 0, withdrawn=n % 11 == 0,
                     flags=["year-inferred"] if n % 4 == 0 else
                     ["outside-scope"] if n % 13 == 0 else [])

    entries = []
    for n in range(120):
        start = STARTS[n % len(STARTS)]
        row = None if n % 7 < 2 else n % 3
        entries.append(one(n, (police, school)[n // 3 % 2], start, float(n % 2), row))
    return entries[::-1]


@pytest.fixture(scope="module", params=CASE_PROTECTION)
def case(request: pytest.FixtureRequest) -> Iterator[Case]:
    """The tricky case, plain and then protected with a passphrase."""
    with tempfile.TemporaryDirectory() as folder, make_case(Path(folder), request.param) as opened:
        police = opened.add_agency("Police", short_name="POL").id
        school = opened.add_agency("School").id
        with opened.write():
            insert_entries(opened, tricky_entries(police, school))
        yield opened


def keyset_ids(case: Case, query: EntryQuery, size: int) -> list[int]:
    """Every entry the query matches, read ``size`` at a time after the last one read."""
    ids: list[int] = []
    after = None
    while page := entries_after(case, query, after, size):
        assert len(page) <= size and len(ids) < 10_000  # a page that goes back would never end
        ids += [entry.id for entry in page]
        after = PageKey.of(page[-1])
    return ids


def test_the_case_has_the_hard_parts(case: Case) -> None:
    everything = list_entries(case, EntryQuery(include_hidden=True))
    assert sum(e.start is None for e in everything) > 10
    assert sum(e.row is None for e in everything) > 10
    assert sum(e.start is None and e.row is None for e in everything) > 2
    assert everything[-1].start is None  # undated entries come last


@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("size", [1, 2, 7, 50, 1000])
def test_keyset_pages_put_together_are_the_full_list(case: Case, name: str, size: int) -> None:
    query = QUERIES[name]
    full = [entry.id for entry in list_entries(case, query)]
    assert keyset_ids(case, query, size) == full
    if name != "nothing":
        assert full


@pytest.mark.parametrize("name", QUERIES)
def test_keyset_pages_are_the_offset_pages(case: Case, name: str) -> None:
    query = QUERIES[name]
    after = None
    for offset in range(0, 130, 9):
        page = entries_after(case, query, after, 9)
        offset_page = list_entries(case, EntryQuery(**{**vars(query), "limit": 9, "offset": offset}))
        assert [e.id for e in page] == [e.id for e in offset_page]
        after = PageKey.of(page[-1]) if page else after


@pytest.mark.parametrize("name", QUERIES)
def test_keys_after_are_the_keys_of_the_entries_after(case: Case, name: str) -> None:
    from scrchron.store.entries import keys_after

    query = QUERIES[name]
    after = None
    for _ in range(20):
        keys = keys_after(case, query, after, 7)
        assert keys == [PageKey.of(entry) for entry in entries_after(case, query, after, 7)]
        if not keys:
            break
        after = keys[-1]


@pytest.mark.parametrize("name", QUERIES)
def test_entry_position_is_the_row_in_the_list(case: Case, name: str) -> None:
    query = QUERIES[name]
    shown = [entry.id for entry in list_entries(case, query)]
    assert [entry_position(case, query, entry_id) for entry_id in shown] == list(range(len(shown)))
    hidden = {e.id for e in list_entries(case, EntryQuery(include_hidden=True))} - set(shown)
    assert all(entry_position(case, query, entry_id) is None for entry_id in hidden)


def test_entry_position_of_an_unknown_entry_is_none(case: Case) -> None:
    assert entry_position(case, None, 10_000) is None


def test_a_page_after_an_entry_the_filter_hides_still_follows_the_order(case: Case) -> None:
    everything = list_entries(case, EntryQuery(include_hidden=True))
    shown = [entry.id for entry in list_entries(case)]
    for hidden in (e for e in everything if e.withdrawn):
        after = PageKey.of(hidden)
        later = [e.id for e in everything[everything.index(hidden) + 1:] if e.id in shown]
        assert [e.id for e in entries_after(case, None, after, 5)] == later[:5]


# -- it reads the index from the key, not every entry before it -----------------


@pytest.fixture(scope="module", params=CASE_PROTECTION)
def large(request: pytest.FixtureRequest) -> Iterator[Case]:
    with tempfile.TemporaryDirectory() as folder, make_case(Path(folder), request.param) as opened:
        agency = opened.add_agency("Police").id
        entries = [Entry(agency_id=agency, event=f"Visit {n}", start=f"20{10 + n % 6}-01-{1 + n % 28:02d}",
                         seq=float(n), row=n) for n in range(6000)]
        entries += [Entry(agency_id=agency, event=f"Note {n}", seq=float(n)) for n in range(2000)]
        with opened.write():
            insert_entries(opened, entries)
        yield opened


def plans(case: Case, read: Callable[[], object]) -> list[list[tuple[int, int, str]]]:
    """The query plan of every SELECT ``read`` runs."""
    statements: list[str] = []
    case.db.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        case.db.conn.set_trace_callback(None)
    selects = [sql for sql in statements if sql.startswith("SELECT")]
    assert selects
    return [[(row[0], row[1], row[3]) for row in case.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            for sql in selects]


@pytest.mark.parametrize("depth", [0, 3000, 5999, 6500])
def test_a_page_is_read_in_order_from_the_order_index(large: Case, depth: int) -> None:
    last = list_entries(large, EntryQuery(limit=1, offset=depth))[0]
    for plan in plans(large, lambda: entries_after(large, None, PageKey.of(last), 100)):
        top = [detail for _id, parent, detail in plan if parent == 0]
        assert any(detail.startswith("SEARCH e USING INDEX entries_order") for detail in top)
        assert not any("TEMP B-TREE" in detail for detail in top)


def steps(case: Case, read: Callable[[], object]) -> int:
    """How much work SQLite does for ``read``, in thousands of virtual machine steps."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    case.db.conn.set_progress_handler(tick, 1000)
    try:
        read()
    finally:
        case.db.conn.set_progress_handler(None, 0)
    return count[0]


def test_a_page_deep_in_the_case_costs_what_the_first_page_costs(large: Case) -> None:
    first = steps(large, lambda: entries_after(large, None, None, 100))
    for depth in (2999, 5899, 7899):
        last = PageKey.of(list_entries(large, EntryQuery(limit=1, offset=depth))[0])
        deep = steps(large, partial(entries_after, large, None, last, 100))
        assert deep <= 2 * first + 5
    offset = steps(large, lambda: list_entries(large, EntryQuery(limit=100, offset=5900)))
    assert offset > 10 * first  # what keyset paging saves


# -- any mix of entries ---------------------------------------------------------------

ROWS = [None, 1, 2]


@st.composite
def mixes(draw: st.DrawFn) -> list[tuple[str | None, float, int, int | None, bool, bool]]:
    """(start, seq, agency 0/1, row, withdrawn, flagged) for up to 40 entries."""
    one = st.tuples(st.sampled_from(STARTS), st.sampled_from([0.0, 1.0, 2.5]), st.integers(0, 1),
                    st.sampled_from(ROWS), st.booleans(), st.booleans())
    return draw(st.lists(one, max_size=40))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixes(), st.integers(1, 9), st.sampled_from(sorted(QUERIES)))
def test_keyset_paging_matches_the_order_for_any_mix(
        mix: list[tuple[str | None, float, int, int | None, bool, bool]], size: int, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder, make_case(Path(folder)) as case:
        agencies = [case.add_agency("Police", short_name="POL").id, case.add_agency("School").id]
        entries = [Entry(agency_id=agencies[agency], event=f"Home visit {n}" if n % 2 else "Call",
                         start=start, end=start, seq=seq, row=row, withdrawn=withdrawn,
                         sheet="AB"[n % 2], uncertain=flagged,
                         flags=["year-inferred"] if flagged else [])
                   for n, (start, seq, agency, row, withdrawn, flagged) in enumerate(mix)]
        with case.write():
            insert_entries(case, entries)
        query = QUERIES[name]
        full = [entry.id for entry in list_entries(case, query)]
        assert keyset_ids(case, query, size) == full
        assert [entry_position(case, query, entry_id) for entry_id in full] == list(range(len(full)))


def test_a_keys_order_sorts_as_the_chronology_does(case: Case) -> None:
    entries = list_entries(case, EntryQuery(include_hidden=True))
    keys = [PageKey.of(entry) for entry in entries]
    assert any(k.start is None for k in keys) and any(k.row is None for k in keys)  # the hard parts
    assert sorted(keys, key=PageKey.order) == keys
