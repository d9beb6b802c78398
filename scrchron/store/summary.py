"""The SQL a learning library runs on a case: one consistent read of its summary.

A library reads a case opened read-only (``Case.open(path, read_only=True)``) inside
one read transaction, so a case being edited elsewhere is read as one snapshot.
Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from scrchron.store.case import Case


@dataclass(frozen=True)
class AgencyContact:
    """How one agency knew the subject: its first and last dated contact, and how many entries."""

    agency: str
    first_contact: str | None
    last_contact: str | None
    entries: int


@contextmanager
def snapshot(case: Case) -> Iterator[None]:
    """Read everything inside one read transaction (one snapshot of a changing case)."""
    conn = case.db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def agency_contacts(case: Case) -> list[AgencyContact]:
    """Every agency with its first and last dated contact (withdrawn entries left out)."""
    sql = ("SELECT a.name, MIN(substr(e.start, 1, 10)), MAX(substr(COALESCE(e.[end], e.start), 1, 10)), "
           "COUNT(e.id) FROM agencies a LEFT JOIN entries e ON e.agency_id = a.id AND e.withdrawn = 0 "
           "GROUP BY a.id ORDER BY a.name")
    try:
        rows = case.db.conn.execute(sql).fetchall()
    except sqlite3.Error:
        return []
    return [AgencyContact(str(name), first, last, int(count)) for name, first, last, count in rows]
