"""Every SQL statement about chronology entries.

The chronology's order is fixed and documented here: interval start (undated
entries last), then the entry's sequence within its submission, then agency,
then row, then id. ``start`` holds ``YYYY-MM-DDTHH:MM`` when a time is known, so
a timed entry sorts after the untimed ones of its day and in time order. The
``entries_order`` index covers this order, so the first page of a large case is
read without sorting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from scrchron.errors import NotFoundError
from scrchron.model import Entry
from scrchron.store.case import Case, now

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


def _row_values(entry: Entry) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in _STORED}
    for name in _JSON_FIELDS:
        value = values[name]
        values[name] = json.dumps(value, ensure_ascii=False) if value else _EMPTY_JSON[name]
    for name in _BOOL_FIELDS:
        values[name] = int(values[name])
    return values


def _entry(row: dict[str, Any]) -> Entry:
    values = dict(row)
    values["agency"] = values.pop("agency_name", "")
    values["group"] = values.pop("group_id", None)
    for name in _JSON_FIELDS:
        values[name] = json.loads(values[name])
    for name in _BOOL_FIELDS:
        values[name] = bool(values[name])
    return Entry(**values)


def insert_entries(case: Case, entries: Iterable[Entry]) -> list[int]:
    """Insert entries in one statement batch; call inside ``case.write()``.

    Returns the new ids in input order. The caller writes one audit record for
    the batch (an import is one change), or uses ``add_entry`` for a single one.
    """
    rows = [_row_values(entry) for entry in entries]
    if not rows:
        return []
    columns = list(rows[0])
    sql = (
        f"INSERT INTO entries ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    conn = case.db.conn
    first = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]) + 1
    conn.executemany(sql, ([row[c] for c in columns] for row in rows))
    last = int(conn.execute("SELECT last_insert_rowid()").fetchone()[0])
    # One writer inside one transaction: SQLite hands out max(id) + 1 in turn.
    if last - first + 1 != len(rows):
        raise RuntimeError("entry ids were not allocated in sequence")
    return list(range(first, last + 1))


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
    new_values = _row_values(updated)
    old_values = _row_values(current)
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
    if not query.include_hidden and not query.ids:
        clauses.append("e.withdrawn = 0")
        clauses.extend(
            f"NOT EXISTS (SELECT 1 FROM json_each(e.flags) WHERE value = '{flag}')"
            for flag in HIDDEN_FLAGS
        )
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


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
        args = args + [query.limit, query.offset]
    sql = (
        f"SELECT e.*, a.name AS agency_name, {_GROUP_OF} AS group_id "
        f"FROM entries e JOIN agencies a ON a.id = e.agency_id{where} ORDER BY {ORDER_BY}{page}"
    )
    return [_entry(row) for row in case.db.query(sql, args)]


def count_entries(case: Case, query: EntryQuery | None = None) -> int:
    """How many entries a query matches."""
    where, args = _where(case, query or EntryQuery())
    sql = f"SELECT count(*) FROM entries e JOIN agencies a ON a.id = e.agency_id{where}"
    return int(case.db.conn.execute(sql, args).fetchone()[0])


def entries_of_submission(case: Case, submission_id: int) -> list[Entry]:
    """Every entry a submission brought, hidden ones included."""
    query = EntryQuery(include_hidden=True, extra_where=[f"e.submission_id = {int(submission_id)}"])
    return list_entries(case, query)
