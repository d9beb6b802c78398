"""Every SQL statement about a submission's entries as a whole: reading them, applying
a resubmission (corrected version) and removing an import (undo).

Single entries and the chronology's order live in :mod:`scrchron.store.entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scrchron.errors import NotFoundError, ValidationError
from scrchron.records.case_records import Entry
from scrchron.store.case import Case
from scrchron.store.entries import EntryQuery, insert_entries, list_entries, stored_values


def entries_of_submission(case: Case, submission_id: int) -> list[Entry]:
    """Every entry a submission brought, hidden ones included."""
    query = EntryQuery(include_hidden=True, extra_where=[f"e.submission_id = {int(submission_id)}"])
    return list_entries(case, query)


def entries_of_current_submissions(case: Case, agency_id: int, exclude: int | None = None) -> list[Entry]:
    """Every imported entry of an agency (withdrawn ones too), except those of ``exclude``."""
    where = [f"e.agency_id = {int(agency_id)}", "e.submission_id IS NOT NULL"]
    if exclude is not None:
        where.append(f"e.submission_id != {int(exclude)}")
    return list_entries(case, EntryQuery(include_hidden=True, extra_where=where))


#: Fields a resubmission may change; the reviewer's own fields are never in this list.
RESUBMITTED_FIELDS = (
    "submission_id", "sheet", "row", "seq", "date_text", "time_text", "end_date_text",
    "end_time_text", "event", "action", "source", "practitioner_role", "contact_type",
    "agency_comment", "extra", "original", "withdrawn",
)
_DATE_FIELDS = ("start", "end", "precision", "uncertain", "flags", "time")


def replace_submission_entries(case: Case, agency_id: int, submission_id: int,
                               matches: Sequence[Any]) -> None:
    """Apply a resubmission inside ``case.write()``.

    ``matches`` are ``scrchron.chronology.resubmission.Match`` values: a matched entry is
    updated in place (keeping its id, notes, links and any manual date), a new
    one is inserted, and earlier entries left unmatched are marked withdrawn.
    """
    matched_ids = set()
    new_entries = []
    for match in matches:
        if match.old is None:
            new_entries.append(match.new)
            continue
        matched_ids.add(match.old.id)
        if match.changed or match.old.withdrawn or match.old.submission_id != submission_id:
            _update_from_resubmission(case, match.old, match.new)
    insert_entries(case, new_entries)
    conn = case.db.conn
    vanished = [row[0] for row in conn.execute(
        "SELECT id FROM entries WHERE agency_id = ? AND submission_id IS NOT NULL "
        "AND submission_id != ? AND withdrawn = 0", [agency_id, submission_id])
        if row[0] not in matched_ids]
    conn.executemany("UPDATE entries SET withdrawn = 1 WHERE id = ?", [(i,) for i in vanished])
    for entry_id in vanished:
        case.audit("withdraw", "entries", entry_id, "withdrawn", 0, 1)
    conn.execute("UPDATE submissions SET status = 'replaced' WHERE agency_id = ? AND id != ?",
                 [agency_id, submission_id])


def _update_from_resubmission(case: Case, old: Entry, new: Entry) -> None:
    new.withdrawn = False
    names = RESUBMITTED_FIELDS + (() if old.date_manual else _DATE_FIELDS)
    old_values, new_values = stored_values(old), stored_values(new)
    changed = [name for name in names if old_values[name] != new_values[name]]
    if not changed:
        return
    assignments = ", ".join(f"[{name}] = ?" for name in changed)
    case.db.conn.execute(f"UPDATE entries SET {assignments} WHERE id = ?",
                         [new_values[name] for name in changed] + [old.id])
    for name in changed:
        if name not in ("submission_id", "row", "seq", "original", "sheet"):
            case.audit("resubmit", "entries", old.id, name, old_values[name], new_values[name])


#: Tables that link other records to entries; an entry's rows there go with it.
_ENTRY_LINKS = ("group_entries", "episode_entries", "finding_entries", "entry_themes")

RESUBMISSION_NOT_UNDONE = ("This import replaced an earlier version; it cannot be undone. "
                           "Restore a backup instead.")
REPLACED_NOT_UNDONE = ("A later version of this file replaced this import; it cannot be undone. "
                       "Restore a backup instead.")


def delete_submission(case: Case, submission_id: int) -> tuple[str, int]:
    """Remove one import: its entries, their links, and the submission, in one transaction.

    Refused (``ValidationError``) for a resubmission, whose earlier data cannot be
    put back, and for a submission a later version replaced. Same-event groups
    left with fewer than two entries are removed too. Returns (file name, entries
    removed); one audit record names both.
    """
    conn = case.db.conn
    with case.write():
        row = conn.execute("SELECT file_name, version, status, agency_id FROM submissions "
                           "WHERE id = ?", [submission_id]).fetchone()
        if row is None:
            raise NotFoundError(f"There is no import {submission_id} in this case.")
        file_name, version, status, agency_id = row
        replaced_another = conn.execute(
            "SELECT 1 FROM submissions WHERE agency_id = ? AND id < ? AND status = 'replaced'",
            [agency_id, submission_id]).fetchone()
        if int(version) > 1 or replaced_another is not None:
            raise ValidationError(RESUBMISSION_NOT_UNDONE)
        if status == "replaced":
            raise ValidationError(REPLACED_NOT_UNDONE)
        ids = "SELECT id FROM entries WHERE submission_id = ?"
        touched = [r[0] for r in conn.execute(
            f"SELECT DISTINCT group_id FROM group_entries WHERE entry_id IN ({ids})",
            [submission_id])]
        for table in _ENTRY_LINKS:
            conn.execute(f"DELETE FROM {table} WHERE entry_id IN ({ids})", [submission_id])
        for group_id in touched:
            conn.execute("DELETE FROM groups WHERE id = ? AND (SELECT count(*) FROM group_entries "
                         "WHERE group_id = ?) < 2", [group_id, group_id])
        count = conn.execute("DELETE FROM entries WHERE submission_id = ?", [submission_id]).rowcount
        conn.execute("DELETE FROM submissions WHERE id = ?", [submission_id])
        case.audit("remove submission", "submissions", submission_id, "file_name", file_name,
                   f"{file_name}: {count} entries removed")
    return str(file_name), int(count)


# -- an agency's imported state, kept so an import (a replacement too) can be undone ------------

#: Tables that link records to entries, with the table and column each link points at.
_LINK_TARGETS = {"group_entries": ("groups", "group_id"), "episode_entries": ("episodes", "episode_id"),
                 "finding_entries": ("findings", "finding_id"), "entry_themes": ("themes", "theme_id")}


@dataclass(frozen=True)
class AgencyState:
    """Everything an import can change for one agency, as stored rows.

    Taken before an import and again before it is undone, so undo and redo put the
    agency's submissions, entries (with the reviewer's notes and links) and mapping
    back exactly as they were.
    """

    agency: dict[str, Any]
    submissions: list[dict[str, Any]]
    entries: list[dict[str, Any]]
    links: dict[str, list[dict[str, Any]]]
    groups: list[dict[str, Any]]


def agency_state(case: Case, agency_id: int) -> AgencyState:
    """The agency's stored rows as they are now (see ``AgencyState``)."""
    conn = case.db.conn
    ids = "SELECT id FROM entries WHERE agency_id = ?"
    links = {table: _rows(conn, f"SELECT * FROM {table} WHERE entry_id IN ({ids})", [agency_id])
             for table in _LINK_TARGETS}
    group_ids = sorted({row["group_id"] for row in links["group_entries"]})
    marks = ",".join("?" * len(group_ids))
    return AgencyState(
        agency=_rows(conn, "SELECT * FROM agencies WHERE id = ?", [agency_id])[0],
        submissions=_rows(conn, "SELECT * FROM submissions WHERE agency_id = ?", [agency_id]),
        entries=_rows(conn, "SELECT * FROM entries WHERE agency_id = ?", [agency_id]),
        links=links,
        groups=_rows(conn, f"SELECT * FROM groups WHERE id IN ({marks})", group_ids) if group_ids else [],
    )


def restore_agency_state(case: Case, state: AgencyState, action: str = "undo import") -> None:
    """Put an agency back as ``state`` holds it, in one transaction (and one audit record)."""
    agency_id = int(state.agency["id"])
    conn = case.db.conn
    with case.write():
        ids = "SELECT id FROM entries WHERE agency_id = ?"
        touched = {r[0] for r in conn.execute(
            f"SELECT group_id FROM group_entries WHERE entry_id IN ({ids})", [agency_id])}
        for table in _LINK_TARGETS:
            conn.execute(f"DELETE FROM {table} WHERE entry_id IN ({ids})", [agency_id])
        conn.execute("DELETE FROM entries WHERE agency_id = ?", [agency_id])
        conn.execute("DELETE FROM submissions WHERE agency_id = ?", [agency_id])
        _insert(conn, "agencies", [state.agency], "OR REPLACE")
        _insert(conn, "submissions", state.submissions)
        _insert(conn, "entries", state.entries)
        _insert(conn, "groups", state.groups, "OR IGNORE")
        for table, (target, column) in _LINK_TARGETS.items():
            present = {r[0] for r in conn.execute(f"SELECT id FROM {target}")}
            _insert(conn, table, [row for row in state.links[table] if row[column] in present], "OR IGNORE")
        touched |= {int(row["id"]) for row in state.groups}
        for group_id in touched:
            conn.execute("DELETE FROM groups WHERE id = ? AND (SELECT count(*) FROM group_entries "
                         "WHERE group_id = ?) < 2", [group_id, group_id])
        case.audit(action, "agencies", agency_id, "entries", None,
                   f"{state.agency['name']}: {len(state.entries)} entries, "
                   f"{len(state.submissions)} submissions")


def _rows(conn: Any, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _insert(conn: Any, table: str, rows: Sequence[dict[str, Any]], verb: str = "") -> None:
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f"[{name}]" for name in names)
    marks = ", ".join("?" * len(names))
    conn.executemany(f"INSERT {verb} INTO {table} ({columns}) VALUES ({marks})",
                     [[row[name] for name in names] for row in rows])


def previous_dated_entry(case: Case, entry: Entry) -> Entry | None:
    """The dated entry just before ``entry`` in its agency's file (the anchor of "two days later")."""
    if entry.submission_id is None:
        return None
    found = list_entries(case, EntryQuery(include_hidden=True, extra_where=[
        "e.id = (SELECT p.id FROM entries p WHERE p.submission_id = "
        f"{int(entry.submission_id)} AND p.start IS NOT NULL AND p.seq < {float(entry.seq)!r} "
        "ORDER BY p.seq DESC LIMIT 1)"]))
    return found[0] if found else None
