"""Every SQL statement about chronology entries, one at a time or a page at a time.

The chronology's order is fixed and documented here: interval start (undated
entries last), then the entry's sequence within its submission, then agency,
then row, then id. ``start`` holds ``YYYY-MM-DDTHH:MM`` when a time is known, so
a timed entry sorts after the untimed ones of its day and in time order. The
``entries_order`` index covers this order, so the first page of a large case is
read without sorting.

A window pages through the chronology with ``entries_after`` (keyset paging): the
next page starts after the last entry shown, found by a search of the index, so a
page deep in a large case costs what the first one does (``LIMIT``/``OFFSET`` reads
and skips every earlier entry). ``entry_position`` says which row an entry is on.

A submission's entries as a whole (resubmission, undoing an import) are in
:mod:`scrchron.store.submission_entries`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter, itemgetter
from typing import Any, Literal

from scrchron.dates.attention import ATTENTION_FLAGS
from scrchron.errors import NotFoundError
from scrchron.records.case_records import Entry
from scrchron.store import cipher
from scrchron.store.case import Case
from scrchron.store.schema import FTS_COLUMNS
from scrchron.store.schema import FTS_INSERT_TRIGGER as _INSERT_TRIGGER

ORDER_BY = "e.start IS NULL, e.start, e.seq, e.agency_id, e.row, e.id"

#: Flags that hide an entry unless the reviewer asks to see everything.
HIDDEN_FLAGS = ("outside-scope",)

_JSON_FIELDS = ("flags", "extra", "original")
_BOOL_FIELDS = ("uncertain", "date_manual", "good_practice", "child_seen", "child_views", "withdrawn")
_NOT_STORED = ("id", "agency", "group")
_STORED = tuple(f.name for f in fields(Entry) if f.name not in _NOT_STORED)
_EMPTY_JSON = {"flags": "[]", "extra": "{}", "original": "{}"}

_GROUP_OF = (
    "(SELECT ge.group_id FROM group_entries ge JOIN groups g ON g.id = ge.group_id "
    "WHERE ge.entry_id = e.id AND g.status != 'rejected' ORDER BY g.status = 'confirmed' DESC "
    "LIMIT 1)"
)


@dataclass
class EntryQuery:
    """Which entries to list. Empty fields do not filter."""

    agencies: Sequence[str] = ()
    date_from: str | None = None
    date_to: str | None = None
    search: str = ""
    flags: Sequence[str] = ()
    include_hidden: bool = False
    ids: Sequence[int] = ()
    limit: int | None = None
    offset: int = 0
    extra_where: list[str] = field(default_factory=list)
    #: Only entries whose date needs the reviewer's attention (scrchron.dates.attention's rule).
    needs_attention: bool = False
    #: Only entries the reviewer marked with this significance.
    significance: str = ""


_encode_json = json.JSONEncoder(ensure_ascii=False).encode


def stored_values(entry: Entry) -> dict[str, Any]:
    """An entry's columns as stored: JSON fields encoded, booleans as 0/1."""
    return dict(zip(_STORED, _row_tuple(entry), strict=True))


def _row_tuple(entry: Entry) -> tuple[Any, ...]:
    """The stored values of an entry, in ``_STORED`` order (JSON encoded, booleans as 0/1)."""
    values = list(_stored_of(entry))
    for index in _JSON_INDEXES:
        value = values[index]
        values[index] = _encode_json(value) if value else _EMPTY_JSON[_STORED[index]]
    for index in _BOOL_INDEXES:
        values[index] = int(values[index])
    return tuple(values)


_stored_of = attrgetter(*_STORED)
_JSON_INDEXES = tuple(_STORED.index(name) for name in _JSON_FIELDS)
_BOOL_INDEXES = tuple(_STORED.index(name) for name in _BOOL_FIELDS)


_decode_json = json.JSONDecoder().decode
_RENAMED = {"agency_name": "agency", "group_id": "group"}


def _read_entries(cursor: sqlite3.Cursor) -> list[Entry]:
    """Entries from a ``SELECT e.*, agency_name, group_id`` cursor.

    Read as tuples, with the empty JSON values most entries hold made without the
    JSON decoder, and each entry made from its values in field order (a third of the
    time keywords take): a window reading 100,000 entries spends its time here.
    """
    names = [_RENAMED.get(column[0], column[0]) for column in cursor.description]
    json_at = [index for index, name in enumerate(names) if name in _JSON_FIELDS]
    bool_at = [index for index, name in enumerate(names) if name in _BOOL_FIELDS]
    in_field_order = _in_field_order(names)
    entries = []
    for row in cursor:
        values = list(row)
        for index in json_at:
            text = values[index]
            values[index] = [] if text == "[]" else {} if text == "{}" else _decode_json(text)
        for index in bool_at:
            values[index] = bool(values[index])
        if in_field_order is None:
            entries.append(Entry(**dict(zip(names, values, strict=True))))
        else:
            entries.append(Entry(*in_field_order(values)))
    return entries


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _in_field_order(names: list[str]) -> Callable[[list[Any]], tuple[Any, ...]] | None:
    """What takes a row's values (columns ``names``) to Entry's fields in order; None unless
    the columns are exactly the fields."""
    if sorted(names) != sorted(_ENTRY_FIELDS):
        return None
    return itemgetter(*(names.index(name) for name in _ENTRY_FIELDS))


#: From this many entries on, the search index is built in one pass after the insert
#: rather than row by row by the insert trigger (about 8 times faster for an import).
BULK_INDEX_FROM = 500

_INSERT_SQL = (f"INSERT INTO entries ({', '.join(f'[{c}]' for c in _STORED)}) "
               f"VALUES ({', '.join('?' for _ in _STORED)})")


def insert_entries(case: Case, entries: Iterable[Entry]) -> list[int]:
    """Insert entries in one statement batch; call inside ``case.write()``.

    Returns the new ids in input order. The caller writes one audit record for
    the batch (an import is one change), or uses ``add_entry`` for a single one.
    """
    entries = entries if isinstance(entries, Sequence) else list(entries)
    if not entries:
        return []
    conn = case.db.conn
    first = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]) + 1
    rows = map(_row_tuple, entries)  # made one at a time: a large import never holds them all
    if len(entries) < BULK_INDEX_FROM:
        conn.executemany(_INSERT_SQL, rows)
    else:
        with _search_index_built_after(case, first):
            conn.executemany(_INSERT_SQL, rows)
    last = int(conn.execute("SELECT last_insert_rowid()").fetchone()[0])
    # One writer inside one transaction: SQLite hands out max(id) + 1 in turn.
    if last - first + 1 != len(entries):
        raise RuntimeError("entry ids were not allocated in sequence")
    return list(range(first, last + 1))


@contextmanager
def _search_index_built_after(case: Case, first: int) -> Iterator[None]:
    """Insert without the per-row search-index trigger, then index the new rows at once.

    Runs inside the caller's transaction, so the trigger's removal and return
    land with the entries or not at all.
    """
    conn = case.db.conn
    found = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                         [_INSERT_TRIGGER]).fetchone()
    if found is None or not conn.in_transaction:  # keep the trigger outside a transaction
        yield
        return
    conn.execute("SAVEPOINT bulk_index")  # a failure below puts the trigger back, whatever the caller does
    try:
        conn.execute(f"DROP TRIGGER [{_INSERT_TRIGGER}]")
        yield
        columns = ", ".join(f"[{c}]" for c in FTS_COLUMNS)
        conn.execute(f"INSERT INTO entries_fts (rowid, {columns}) SELECT id, {columns} FROM entries "
                     "WHERE id >= ?", [first])
        conn.execute(found[0])
    except BaseException:
        _roll_back_to(conn, "bulk_index")
        raise
    conn.execute("RELEASE bulk_index")


def _roll_back_to(conn: sqlite3.Connection, savepoint: str) -> None:
    """Undo the work since ``savepoint``; nothing to do when SQLite already rolled the whole
    transaction back (a full disk, an I/O error): then the savepoint is gone too."""
    if not conn.in_transaction:
        return
    try:
        conn.execute(f"ROLLBACK TO {savepoint}")
        conn.execute(f"RELEASE {savepoint}")
    except cipher.Error:
        pass  # the savepoint went with the transaction: the caller's error says what went wrong


def add_entry(case: Case, entry: Entry) -> int:
    """Add one entry (e.g. typed in by hand from an interview), audited."""
    entry.validate()
    with case.write():
        (entry_id,) = insert_entries(case, [entry])
        case.audit("insert", "entries", entry_id, "event", None, entry.event)
    return entry_id


def get_entry(case: Case, entry_id: int) -> Entry:
    """One entry by id, hidden or not."""
    found = list_entries(case, EntryQuery(ids=[entry_id], include_hidden=True))
    if not found:
        raise NotFoundError(f"There is no entry {entry_id} in this case.")
    return found[0]


def update_entry(case: Case, entry_id: int, changes: dict[str, Any]) -> Entry:
    """Change fields of one entry, auditing each changed field."""
    current = get_entry(case, entry_id)
    updated = Entry(**(asdict(current) | changes)).validate()
    new_values = stored_values(updated)
    old_values = stored_values(current)
    with case.write() as db:
        for name in changes:
            if name in _NOT_STORED or old_values[name] == new_values[name]:
                continue
            db.conn.execute(f"UPDATE entries SET [{name}] = ? WHERE id = ?", [new_values[name], entry_id])
            case.audit("update", "entries", entry_id, name, old_values[name], new_values[name])
    return get_entry(case, entry_id)


def _where(case: Case, query: EntryQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = list(query.extra_where)
    args: list[Any] = []
    if query.ids:
        clauses.append(f"e.id IN ({', '.join('?' for _ in query.ids)})")
        args.extend(query.ids)
    if query.agencies:
        names = ", ".join("?" for _ in query.agencies)
        clauses.append(
            f"(a.name COLLATE NOCASE IN ({names}) OR a.short_name COLLATE NOCASE IN ({names}))"
        )
        args.extend(list(query.agencies) * 2)
    if query.date_from:
        clauses.append("COALESCE(e.[end], e.start) >= ?")
        args.append(query.date_from)
    if query.date_to:
        clauses.append("e.start <= ?")
        args.append(query.date_to + "T99")
    if query.search.strip():
        clauses.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
        args.append(case.db.quote_fts(query.search))
    for flag in query.flags:
        clauses.append(_flag_clause(flag))
        if flag not in ("withdrawn", "uncertain", "manual", "group", "conflict"):
            args.append(flag)
    if query.needs_attention:
        clauses.append(_ATTENTION_CLAUSE)
    if query.significance:
        clauses.append("e.significance = ?")
        args.append(query.significance)
    if not query.include_hidden and not query.ids:
        clauses.append("e.withdrawn = 0")
        clauses.extend(
            f"NOT EXISTS (SELECT 1 FROM json_each(e.flags) WHERE value = '{flag}')"
            for flag in HIDDEN_FLAGS
        )
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


_ATTENTION_CLAUSE = (
    "(e.uncertain = 1 OR e.start IS NULL OR EXISTS (SELECT 1 FROM json_each(e.flags) WHERE value IN ("
    + ", ".join(f"'{flag}'" for flag in ATTENTION_FLAGS) + ")))"
)


def _flag_clause(flag: str) -> str:
    special = {
        "withdrawn": "e.withdrawn = 1",
        "uncertain": "e.uncertain = 1",
        "manual": "e.date_manual = 1",
        "group": f"{_GROUP_OF} IS NOT NULL",
        "conflict": (
            "EXISTS (SELECT 1 FROM group_entries ge JOIN groups g ON g.id = ge.group_id "
            "WHERE ge.entry_id = e.id AND g.conflict = 1 AND g.status != 'rejected')"
        ),
    }
    return special.get(flag, "EXISTS (SELECT 1 FROM json_each(e.flags) WHERE value = ?)")


def list_entries(case: Case, query: EntryQuery | None = None) -> list[Entry]:
    """Entries in chronological order (see the module docstring)."""
    query = query or EntryQuery()
    where, args = _where(case, query)
    page = ""
    if query.limit is not None:
        page = " LIMIT ? OFFSET ?"
        args = [*args, query.limit, query.offset]
    sql = f"{_SELECT}{where} ORDER BY {ORDER_BY}{page}"
    return _read_entries(case.db.conn.execute(sql, args))


def entry_ids(case: Case, query: EntryQuery | None = None) -> list[int]:
    """The ids of the entries a query matches (in no particular order)."""
    where, args = _where(case, query or EntryQuery())
    sql = f"SELECT e.id FROM entries e JOIN agencies a ON a.id = e.agency_id{where}"
    return [int(row[0]) for row in case.db.conn.execute(sql, args)]


def count_entries(case: Case, query: EntryQuery | None = None) -> int:
    """How many entries a query matches."""
    where, args = _where(case, query or EntryQuery())
    sql = f"SELECT count(*) FROM entries e JOIN agencies a ON a.id = e.agency_id{where}"
    return int(case.db.conn.execute(sql, args).fetchone()[0])


# -- keyset paging ------------------------------------------------------------------


@dataclass(frozen=True)
class PageKey:
    """An entry's place in the chronology's order; the next page starts after it."""

    start: str | None
    seq: float
    agency_id: int
    row: int | None
    id: int

    @classmethod
    def of(cls, entry: Entry) -> PageKey:
        """The key of an entry as it was read."""
        return cls(entry.start, entry.seq, entry.agency_id, entry.row, entry.id)

    def order(self) -> tuple[bool, str, float, int, bool, int, int]:
        """The key as a tuple that sorts as ``ORDER_BY`` does (undated last, a NULL row first)."""
        return (self.start is None, self.start or "", self.seq, self.agency_id, self.row is not None,
                self.row or 0, self.id)


@dataclass(frozen=True)
class _Part:
    """Dated or undated entries: a run of the order that one index search reads in order.

    SQLite will not read ``entries_order`` in order for ``ORDER BY start IS NULL, ...``
    once the ``start IS NULL`` term is fixed by the WHERE clause, so each part fixes it
    and orders by the columns after it: the same order as ``ORDER_BY`` within the part.
    ``head`` are the part's order columns before ``row`` and ``id``; none can be NULL.
    """

    where: str
    head: tuple[str, ...]

    @property
    def order(self) -> str:
        return ", ".join(f"e.{name}" for name in (*self.head, "row", "id"))


#: Entries after a key (">") or before it ("<").
_Side = Literal[">", "<"]
_DATED = _Part("(e.start IS NULL) = 0", ("start", "seq", "agency_id"))
_UNDATED = _Part("(e.start IS NULL) = 1 AND e.start IS NULL", ("seq", "agency_id"))
_SELECT = (f"SELECT e.*, a.name AS agency_name, {_GROUP_OF} AS group_id "
           "FROM entries e JOIN agencies a ON a.id = e.agency_id")


def entries_after(case: Case, query: EntryQuery | None, after: PageKey | None,
                  limit: int) -> list[Entry]:
    """The next ``limit`` entries the query matches after ``after`` (from the first: None).

    Same order as ``list_entries``; the query's own ``limit`` and ``offset`` are not used.
    """
    query = query or EntryQuery()
    found: list[Entry] = []
    for part, key in _parts_after(after):
        if len(found) < limit:
            found += _page_of(case, query, part, key, limit - len(found))
    return found


_KEY_SELECT = ("SELECT e.start, e.seq, e.agency_id, e.row, e.id "
               "FROM entries e JOIN agencies a ON a.id = e.agency_id")


def keys_after(case: Case, query: EntryQuery | None, after: PageKey | None, limit: int) -> list[PageKey]:
    """The keys of the next ``limit`` entries ``entries_after`` would read (a tenth of the work).

    A window jumping far down reads the keys of the rows it passes, and their
    entries only when they are shown.
    """
    query = query or EntryQuery()
    found: list[PageKey] = []
    for part, key in _parts_after(after):
        if len(found) < limit:
            where, args = _part_where(case, query, part, key, ">")
            sql = f"{_KEY_SELECT}{where} ORDER BY {part.order} LIMIT ?"
            found += [PageKey(*row) for row in case.db.conn.execute(sql, [*args, limit - len(found)])]
    return found


def _parts_after(after: PageKey | None) -> list[tuple[_Part, PageKey | None]]:
    if after is None:
        return [(_DATED, None), (_UNDATED, None)]
    if after.start is None:
        return [(_UNDATED, after)]
    return [(_DATED, after), (_UNDATED, None)]


def _page_of(case: Case, query: EntryQuery, part: _Part, after: PageKey | None,
             limit: int) -> list[Entry]:
    where, args = _part_where(case, query, part, after, ">")
    sql = f"{_SELECT}{where} ORDER BY {part.order} LIMIT ?"
    return _read_entries(case.db.conn.execute(sql, [*args, limit]))


def _part_where(case: Case, query: EntryQuery, part: _Part, key: PageKey | None,
                side: _Side) -> tuple[str, list[Any]]:
    """The query's filter, narrowed to a part and to the entries on one side of ``key``."""
    where, args = _where(case, query)
    clauses = [part.where]
    if key is not None:
        compare, key_args = _beyond(part, key, side)
        clauses.append(compare)
        args = [*args, *key_args]
    narrowed = " AND ".join(clauses)
    return (f"{where} AND {narrowed}" if where else f" WHERE {narrowed}"), args


def _beyond(part: _Part, key: PageKey, side: _Side) -> tuple[str, list[Any]]:
    """Entries after (``side`` '>') or before ('<') ``key`` in the part's order.

    The first comparison (head columns, never NULL) is the index's range; the second
    settles ties on the head by ``row`` and ``id``, where a NULL row sorts first.
    """
    columns = ", ".join(f"e.{name}" for name in part.head)
    marks = ", ".join("?" for _ in part.head)
    head = [getattr(key, name) for name in part.head]
    tail, tail_args = _tail_beyond(key, side)
    sql = f"({columns}) {side}= ({marks}) AND (({columns}) {side} ({marks}) OR ({tail}))"
    return sql, [*head, *head, *tail_args]


def _tail_beyond(key: PageKey, side: _Side) -> tuple[str, list[Any]]:
    if side == ">":
        if key.row is None:
            return "e.row IS NOT NULL OR e.id > ?", [key.id]
        return "(e.row, e.id) > (?, ?)", [key.row, key.id]
    if key.row is None:
        return "e.row IS NULL AND e.id < ?", [key.id]
    return "e.row IS NULL OR (e.row, e.id) < (?, ?)", [key.row, key.id]


def entry_position(case: Case, query: EntryQuery | None, entry_id: int) -> int | None:
    """The row (from 0) an entry is on among those the query matches; None if not matched."""
    query = query or EntryQuery()
    key = _matching_key(case, query, entry_id)
    if key is None:
        return None
    if key.start is not None:
        return _count_part(case, query, _DATED, key)
    return _count_part(case, query, _DATED, None) + _count_part(case, query, _UNDATED, key)


def _matching_key(case: Case, query: EntryQuery, entry_id: int) -> PageKey | None:
    where, args = _where(case, query)
    sql = ("SELECT e.start, e.seq, e.agency_id, e.row, e.id "
           f"FROM entries e JOIN agencies a ON a.id = e.agency_id{where}")
    sql += f"{' AND' if where else ' WHERE'} e.id = ?"
    found = case.db.conn.execute(sql, [*args, entry_id]).fetchone()
    return None if found is None else PageKey(*found)


def _count_part(case: Case, query: EntryQuery, part: _Part, before: PageKey | None) -> int:
    """How many of a part's matching entries come before ``before`` (all of them: None)."""
    where, args = _part_where(case, query, part, before, "<")
    sql = f"SELECT count(*) FROM entries e JOIN agencies a ON a.id = e.agency_id{where}"
    return int(case.db.conn.execute(sql, args).fetchone()[0])
