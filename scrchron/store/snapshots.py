"""Whole-record snapshots: an analysis record with every row that refers to it,
read before the record is deleted so that undo can put it all back exactly.

The rows that refer to a record are found from the schema's own foreign keys
(``PRAGMA foreign_key_list``), so a link table a later migration adds is kept
too without this module changing. A referring row that is itself a record with
an id (an action of a recommendation) brings the rows referring to it in turn.

``delete_snapshot`` and ``restore_snapshot`` must be called inside
``case.write()``; each audits every row it removes or puts back, so a deletion
or its undo lands whole, with its audit rows, or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scrchron.errors import ValidationError
from scrchron.store import cipher
from scrchron.store.analysis import NOUNS, get_row
from scrchron.store.case import Case

#: The records a reviewer may delete from the window (and their snapshots restore).
DELETABLE = ("episodes", "findings", "recommendations", "actions", "people")
_MAX_DEPTH = 4  # records owning records owning records...: far deeper than the schema goes


@dataclass(frozen=True)
class Referrer:
    """A foreign key ``table.column`` pointing at the id of ``target``.

    ``other`` is the table a link table's other key points at (``finding_entries``
    links a finding to ``entries``); empty for a table whose rows are records of
    their own (``actions``).
    """

    table: str
    column: str
    target: str
    other: str
    owns_records: bool


@dataclass(frozen=True)
class ReferringRows:
    """The rows of one table that referred to the deleted record (or to a record it owned)."""

    referrer: Referrer
    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RecordSnapshot:
    """A record's own row and every row referring to it, parents before children."""

    table: str
    record: dict[str, Any]
    referring: tuple[ReferringRows, ...]

    @property
    def id(self) -> int:
        """The record's id (kept on restore)."""
        return int(self.record["id"])

    def rows_of(self, table: str) -> list[dict[str, Any]]:
        """Every row of ``table`` in the snapshot (e.g. a recommendation's actions)."""
        return [row for group in self.referring if group.referrer.table == table for row in group.rows]


# -- reading ---------------------------------------------------------------------


def _tables(case: Case) -> list[str]:
    sql = ("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
           "ORDER BY name")
    return [row[0] for row in case.db.conn.execute(sql)]


def _keys(case: Case, table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of each foreign key of ``table``."""
    return [(row[3], row[2]) for row in case.db.conn.execute(f"PRAGMA foreign_key_list([{table}])")]


def _has_id(case: Case, table: str) -> bool:
    return any(row[1] == "id" for row in case.db.conn.execute(f"PRAGMA table_info([{table}])"))


def referrers(case: Case, table: str) -> list[Referrer]:
    """Every foreign key in the case file that points at ``table``, by table name."""
    found: list[Referrer] = []
    for name in _tables(case):
        keys = _keys(case, name)
        for column, target in keys:
            if target == table:
                others = [t for c, t in keys if c != column]
                found.append(Referrer(name, column, table, others[0] if others else "", _has_id(case, name)))
    return found


def _rows(case: Case, referrer: Referrer, ids: Sequence[int]) -> list[dict[str, Any]]:
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT * FROM [{referrer.table}] WHERE [{referrer.column}] IN ({marks}) ORDER BY rowid"
    return [dict(row) for row in case.db.query(sql, list(ids))]


def _collect(case: Case, table: str, ids: Sequence[int], depth: int) -> list[ReferringRows]:
    if depth > _MAX_DEPTH:
        raise ValueError(f"records refer to {table} too deeply to snapshot")
    found: list[ReferringRows] = []
    for referrer in referrers(case, table):
        rows = _rows(case, referrer, ids)
        if not rows:
            continue
        found.append(ReferringRows(referrer, tuple(rows)))
        if referrer.owns_records:
            found.extend(_collect(case, referrer.table, [row["id"] for row in rows], depth + 1))
    return found


def take_snapshot(case: Case, table: str, record_id: int) -> RecordSnapshot:
    """The record and every row referring to it, as stored now (NotFoundError if it is not there)."""
    if table not in DELETABLE:
        raise ValueError(f"{table} rows are not deleted with their links")
    record = get_row(case, table, record_id)
    return RecordSnapshot(table, record, tuple(_collect(case, table, [record_id], 0)))


# -- writing (call inside case.write()) --------------------------------------------


def _audit_rows(case: Case, action: str, snapshot: RecordSnapshot, group: ReferringRows) -> None:
    removing = action == "delete"
    if group.referrer.owns_records:
        for row in group.rows:
            case.audit(action, group.referrer.table, row["id"], "", row if removing else None,
                       None if removing else row)
        return
    rows = list(group.rows)
    case.audit(action, group.referrer.table, snapshot.id, group.referrer.column,
               rows if removing else None, None if removing else rows)


def delete_snapshot(case: Case, snapshot: RecordSnapshot) -> None:
    """Delete the record and every row in its snapshot (children first), auditing each."""
    conn = case.db.conn
    for group in reversed(snapshot.referring):
        column = group.referrer.column
        owners = sorted({row[column] for row in group.rows})
        marks = ", ".join("?" for _ in owners)
        conn.execute(f"DELETE FROM [{group.referrer.table}] WHERE [{column}] IN ({marks})", owners)
        _audit_rows(case, "delete", snapshot, group)
    conn.execute(f"DELETE FROM [{snapshot.table}] WHERE id = ?", [snapshot.id])
    case.audit("delete", snapshot.table, snapshot.id, "", snapshot.record, None)


def _insert(case: Case, table: str, rows: Sequence[dict[str, Any]]) -> None:
    columns = list(rows[0])
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    case.db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


def restore_snapshot(case: Case, snapshot: RecordSnapshot) -> None:
    """Put a deleted record back with its id and every row that referred to it, auditing each.

    Raises ValidationError (the caller's transaction then writes nothing) when the
    id has been taken again or something it was linked to has gone since.
    """
    noun = NOUNS[snapshot.table]
    taken = case.db.conn.execute(f"SELECT 1 FROM [{snapshot.table}] WHERE id = ?", [snapshot.id]).fetchone()
    if taken:
        raise ValidationError(f"The {noun} {snapshot.id} cannot be put back: the case holds another "
                              f"{noun} with its id. Nothing was changed.")
    try:
        _insert(case, snapshot.table, [snapshot.record])
        case.audit("restore", snapshot.table, snapshot.id, "", None, snapshot.record)
        for group in snapshot.referring:
            _insert(case, group.referrer.table, group.rows)
            _audit_rows(case, "restore", snapshot, group)
    except cipher.IntegrityError:
        raise ValidationError(f"The {noun} {snapshot.id} cannot be put back: something it was linked "
                              "to has been removed since. Nothing was changed.") from None
