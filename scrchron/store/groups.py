"""Every SQL statement about same-event groups.

A group is a row of ``groups`` and its members in ``group_entries``. The writers
here keep one rule: an entry belongs to at most one group that is not rejected.
Rejected groups are kept for good: they are the reviewer's "these are not the same
event", and :mod:`scrchron.chronology.merge` reads them as pairs it must never propose again.
A group made or changed by hand (``link``/``unlink``/``add_entry``/``take_out``)
is marked ``manual``. ``groups_holding`` and ``restore_groups`` let an undo put
back every group some entries were in, exactly (ids, decisions, dates, members).

Writers must be called inside ``case.write()`` and audit every change in it, so a
decision and its audit row land together or not at all. Gaps need no SQL of their
own: they are read from :func:`scrchron.store.list_entries`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scrchron.errors import NotFoundError, ValidationError
from scrchron.store.case import Case, now

STATUSES = ("proposed", "confirmed", "rejected")
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


@dataclass(frozen=True)
class GroupRecord:
    """One stored group: its decision and its members (entry ids, ascending)."""

    id: int
    status: str
    conflict: bool
    manual: bool
    created_at: str
    decided_at: str | None
    entry_ids: tuple[int, ...]


@dataclass
class SyncResult:
    """What refreshing the proposals changed: group ids in each category."""

    added: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _members(case: Case, group_ids: Sequence[int] | None = None) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    sql = "SELECT group_id, entry_id FROM group_entries"
    if group_ids is None:
        batches: Iterable[Sequence[int]] = [()]
    else:
        batches = _chunks(group_ids)
    for batch in batches:
        where = f" WHERE group_id IN ({', '.join('?' for _ in batch)})" if batch else ""
        for group_id, entry_id in case.db.conn.execute(sql + where + " ORDER BY entry_id", list(batch)):
            found[int(group_id)].append(int(entry_id))
    return found


def list_groups(case: Case, statuses: Sequence[str] = (), ids: Sequence[int] = ()) -> list[GroupRecord]:
    """Stored groups by id, optionally only some statuses or ids."""
    clauses: list[str] = []
    args: list[str] = []
    if statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
        args.extend(statuses)
    if ids:
        clauses.append(f"id IN ({', '.join(str(int(i)) for i in ids)})")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = case.db.conn.execute(
        "SELECT id, status, conflict, manual, created_at, decided_at FROM groups" + where + " ORDER BY id",
        args,
    ).fetchall()
    members = _members(case, [int(r[0]) for r in rows] if clauses else None)
    return [GroupRecord(int(r[0]), r[1], bool(r[2]), bool(r[3]), r[4], r[5], tuple(members[int(r[0])]))
            for r in rows]


def get_group(case: Case, group_id: int) -> GroupRecord:
    """One group by id, or NotFoundError."""
    found = list_groups(case, ids=[group_id])
    if not found:
        raise NotFoundError(
            f"There is no group {group_id} in this case. List the groups with 'scrchron dupes CASE'."
        )
    return found[0]


def group_of_entry(case: Case, entry_id: int) -> GroupRecord | None:
    """The entry's group that is not rejected (confirmed first), if any."""
    row = case.db.conn.execute(
        "SELECT g.id FROM group_entries ge JOIN groups g ON g.id = ge.group_id "
        "WHERE ge.entry_id = ? AND g.status != 'rejected' "
        "ORDER BY g.status = 'confirmed' DESC, g.id LIMIT 1",
        [entry_id],
    ).fetchone()
    return get_group(case, int(row[0])) if row else None


def groups_holding(case: Case, entry_ids: Sequence[int]) -> list[GroupRecord]:
    """Every group, of any status, holding at least one of these entries."""
    found: set[int] = set()
    for batch in _chunks(list(dict.fromkeys(entry_ids))):
        sql = f"SELECT DISTINCT group_id FROM group_entries WHERE entry_id IN ({', '.join('?' for _ in batch)})"
        found.update(int(row[0]) for row in case.db.conn.execute(sql, list(batch)))
    return list_groups(case, ids=sorted(found)) if found else []


def entry_agencies(case: Case, entry_ids: Sequence[int]) -> dict[int, int]:
    """Agency id of each entry; NotFoundError naming the ids that do not exist."""
    found: dict[int, int] = {}
    for batch in _chunks(list(dict.fromkeys(entry_ids))):
        sql = f"SELECT id, agency_id FROM entries WHERE id IN ({', '.join('?' for _ in batch)})"
        found.update((int(i), int(a)) for i, a in case.db.conn.execute(sql, list(batch)))
    missing = [i for i in entry_ids if i not in found]
    if missing:
        listed = ", ".join(str(i) for i in missing)
        noun = "entry" if len(missing) == 1 else "entries"
        raise NotFoundError(f"There is no {noun} {listed} in this case. Nothing was changed.")
    return found


# -- writers (call inside case.write()) ------------------------------------------


def create_group(case: Case, entry_ids: Sequence[int], *, status: str, conflict: bool,
                 manual: bool, action: str) -> int:
    """Insert a group with its members; audited as ``action`` ('propose' or 'link')."""
    if status not in STATUSES:
        raise ValidationError(f"Unknown group status '{status}'.")
    stamp = now()
    cursor = case.db.conn.execute(
        "INSERT INTO groups (status, conflict, manual, created_at, decided_at) VALUES (?, ?, ?, ?, ?)",
        [status, int(conflict), int(manual), stamp, None if status == "proposed" else stamp],
    )
    group_id = int(cursor.lastrowid or 0)
    _insert_members(case, group_id, entry_ids)
    case.audit(action, "groups", group_id, "entries", None, sorted(entry_ids))
    if conflict:
        case.audit(action, "groups", group_id, "conflict", None, 1)
    return group_id


def _insert_members(case: Case, group_id: int, entry_ids: Iterable[int]) -> None:
    case.db.conn.executemany(
        "INSERT INTO group_entries (group_id, entry_id) VALUES (?, ?)",
        [(group_id, entry_id) for entry_id in sorted(set(entry_ids))],
    )


def delete_group(case: Case, group: GroupRecord, action: str) -> None:
    """Remove a group (never its entries); audited as ``action``."""
    case.db.conn.execute("DELETE FROM group_entries WHERE group_id = ?", [group.id])
    case.db.conn.execute("DELETE FROM groups WHERE id = ?", [group.id])
    case.audit(action, "groups", group.id, "entries", list(group.entry_ids), None)


def set_members(case: Case, group: GroupRecord, entry_ids: Sequence[int], action: str = "update") -> None:
    """Replace a group's members; audited with the old and new lists."""
    new = sorted(set(entry_ids))
    if new == list(group.entry_ids):
        return
    case.db.conn.execute("DELETE FROM group_entries WHERE group_id = ?", [group.id])
    _insert_members(case, group.id, new)
    case.audit(action, "groups", group.id, "entries", list(group.entry_ids), new)


def _as_row(group: GroupRecord) -> dict[str, object]:
    return {"status": group.status, "conflict": int(group.conflict), "manual": int(group.manual),
            "created_at": group.created_at, "decided_at": group.decided_at, "entries": list(group.entry_ids)}


def put_group(case: Case, group: GroupRecord, action: str) -> None:
    """Make the stored group with this id exactly ``group`` (inserting it if gone); audited when it changes."""
    current = list_groups(case, ids=[group.id])
    if current and current[0] == group:
        return
    values = [group.status, int(group.conflict), int(group.manual), group.created_at, group.decided_at, group.id]
    if current:
        case.db.conn.execute("UPDATE groups SET status = ?, conflict = ?, manual = ?, created_at = ?, "
                             "decided_at = ? WHERE id = ?", values)
        case.db.conn.execute("DELETE FROM group_entries WHERE group_id = ?", [group.id])
    else:
        case.db.conn.execute("INSERT INTO groups (status, conflict, manual, created_at, decided_at, id) "
                             "VALUES (?, ?, ?, ?, ?, ?)", values)
    _insert_members(case, group.id, group.entry_ids)
    case.audit(action, "groups", group.id, "", _as_row(current[0]) if current else None, _as_row(group))


def set_conflict(case: Case, group: GroupRecord, conflict: bool) -> None:
    """Set or clear a group's date conflict flag; audited."""
    if conflict == group.conflict:
        return
    case.db.conn.execute("UPDATE groups SET conflict = ? WHERE id = ?", [int(conflict), group.id])
    case.audit("update", "groups", group.id, "conflict", int(group.conflict), int(conflict))


def set_status(case: Case, group: GroupRecord, status: str, *, manual: bool | None = None) -> None:
    """Record the reviewer's decision on a group; audited as 'confirm' or 'reject'."""
    if status not in STATUSES:
        raise ValidationError(f"Unknown group status '{status}'.")
    manual_value = group.manual if manual is None else manual
    case.db.conn.execute(
        "UPDATE groups SET status = ?, decided_at = ?, manual = ? WHERE id = ?",
        [status, None if status == "proposed" else now(), int(manual_value), group.id],  # undecided again
    )
    action = {"confirmed": "confirm", "rejected": "reject"}.get(status, "update")
    case.audit(action, "groups", group.id, "status", group.status, status)


def sync_proposals(case: Case, proposals: Sequence[tuple[tuple[int, ...], bool]]) -> SyncResult:
    """Make the stored proposed groups match ``proposals`` (entry ids, conflict).

    Identity is stable: a proposal with exactly the members of a stored proposed
    group keeps that group's id (so re-proposing unchanged data writes nothing);
    otherwise it takes over the stored proposal it shares most entries with.
    Stored proposals left over are withdrawn. Confirmed and rejected groups are
    never touched here.
    """
    result = SyncResult()
    stored = list_groups(case, statuses=["proposed"])
    pairing = _pair_with_stored(stored, [ids for ids, _ in proposals])
    paired_ids = {group.id for group in pairing.values()}
    for group in stored:
        if group.id not in paired_ids:
            delete_group(case, group, action="withdraw")
            result.withdrawn.append(group.id)
    for index, (ids, conflict) in enumerate(proposals):
        if index not in pairing:
            result.added.append(create_group(case, ids, status="proposed", conflict=conflict,
                                             manual=False, action="propose"))
            continue
        group = pairing[index]
        (result.kept if group.entry_ids == tuple(sorted(ids)) and group.conflict == conflict
         else result.changed).append(group.id)
        set_members(case, group, ids)
        set_conflict(case, group, conflict)
    return result


def _pair_with_stored(stored: Sequence[GroupRecord],
                      proposals: Sequence[tuple[int, ...]]) -> dict[int, GroupRecord]:
    by_members = {frozenset(group.entry_ids): group for group in stored}
    pairing: dict[int, GroupRecord] = {}
    for index, ids in enumerate(proposals):
        exact = by_members.pop(frozenset(ids), None)
        if exact is not None:
            pairing[index] = exact
    left = {group.id: group for group in by_members.values()}
    owner = {entry_id: group.id for group in left.values() for entry_id in group.entry_ids}
    for index, ids in enumerate(proposals):
        if index in pairing:
            continue
        shared = [owner[i] for i in ids if owner.get(i) in left]
        if shared:
            best = min(set(shared), key=lambda gid: (-shared.count(gid), gid))
            pairing[index] = left.pop(best)
    return pairing


def date_spread(case: Case, entry_ids: Sequence[int]) -> int:
    """Days from the earliest interval end to the latest start among entries (<= 0 if they overlap)."""
    spread = 0
    for batch in _chunks(list(entry_ids)):
        marks = ", ".join("?" for _ in batch)
        row = case.db.conn.execute(
            "SELECT CAST(julianday(MAX(substr(start, 1, 10))) AS INTEGER), "
            "CAST(julianday(MIN(substr(COALESCE([end], start), 1, 10))) AS INTEGER) "
            f"FROM entries WHERE id IN ({marks}) AND start IS NOT NULL",
            list(batch),
        ).fetchone()
        if row[0] is not None:
            spread = max(spread, int(row[0]) - int(row[1]))
    return spread


# -- the reviewer's decisions (each one transaction, audited) ------------------------


def confirm(case: Case, group_id: int) -> GroupRecord:
    """Confirm a proposed group: its entries are one event. A rejected group is refused."""
    group = get_group(case, group_id)
    if group.status == "rejected":
        listed = " ".join(str(i) for i in group.entry_ids)
        raise ValidationError(
            f"Group {group_id} was rejected, so it cannot be confirmed. If these entries are one "
            f"event after all, link them: scrchron link CASE {listed}"
        )
    if group.status != "confirmed":
        with case.write():
            set_status(case, group, "confirmed")
    return get_group(case, group_id)


def reject(case: Case, group_id: int) -> GroupRecord:
    """Reject a group: its entries are not one event, and will not be proposed together again."""
    group = get_group(case, group_id)
    if group.status != "rejected":
        with case.write():
            set_status(case, group, "rejected")
    return get_group(case, group_id)


def reopen(case: Case, group_id: int) -> GroupRecord:
    """Take back the decision on a proposed group: it is a proposal again and teaches nothing.

    A group linked by hand was never proposed, so it cannot be reopened (unlink instead).
    """
    group = get_group(case, group_id)
    if group.manual:
        raise ValidationError(
            f"Group {group_id} was linked by hand, so there is no proposal to go back to. To take an "
            f"entry out of it: scrchron unlink CASE ID"
        )
    if group.status != "proposed":
        with case.write():
            set_status(case, group, "proposed")
    return get_group(case, group_id)


def link(case: Case, entry_ids: Sequence[int], tolerance_days: int) -> GroupRecord:
    """Group entries by hand as one event (confirmed, manual), joining any groups they are in.

    The new group keeps the smallest id among those joined. It must hold entries of
    at least two agencies (one agency may appear twice). Its conflict flag is set
    when the dates lie more than ``tolerance_days`` apart.
    """
    ids = list(dict.fromkeys(entry_ids))
    if len(ids) < 2:
        raise ValidationError("Give at least two entry ids to link (accounts of one event by "
                              "different agencies). Nothing was changed.")
    entry_agencies(case, ids)
    joined = {g.id: g for g in (group_of_entry(case, i) for i in ids) if g is not None}
    members = sorted(set(ids).union(*(g.entry_ids for g in joined.values())))
    if len(set(entry_agencies(case, members).values())) < 2:
        raise ValidationError(f"Entries {', '.join(map(str, members))} are all from one agency; a "
                              "group links accounts of one event by different agencies. "
                              "Nothing was changed.")
    conflict = date_spread(case, members) > tolerance_days
    with case.write():
        if not joined:
            group_id = create_group(case, members, status="confirmed", conflict=conflict,
                                    manual=True, action="link")
            return get_group(case, group_id)
        keep = joined.pop(min(joined))
        for other in joined.values():
            delete_group(case, other, action="merge")
        set_members(case, keep, members, action="link")
        if keep.status != "confirmed" or not keep.manual:
            set_status(case, keep, "confirmed", manual=True)
        set_conflict(case, keep, conflict)
    return get_group(case, keep.id)


def unlink(case: Case, entry_id: int, tolerance_days: int) -> GroupRecord:
    """Take an entry out of its group; remember that it is not the same event as the rest.

    A group left with one entry, or one agency's entries only, becomes rejected (so
    it is not proposed again). Otherwise the rest stay grouped, and a rejected pair
    is kept for the entry and each remaining member. Returns the group as it now is.
    """
    entry_agencies(case, [entry_id])
    group = group_of_entry(case, entry_id)
    if group is None:
        raise ValidationError(f"Entry {entry_id} is not in a group; there is nothing to unlink.")
    rest = [i for i in group.entry_ids if i != entry_id]
    if len(rest) < 2 or len(set(entry_agencies(case, rest).values())) < 2:
        with case.write():
            set_status(case, group, "rejected", manual=True)
        return get_group(case, group.id)
    with case.write():
        set_members(case, group, rest, action="unlink")
        set_conflict(case, group, date_spread(case, rest) > tolerance_days)
        for other in rest:
            create_group(case, [entry_id, other], status="rejected", conflict=False, manual=True,
                         action="unlink")
    return get_group(case, group.id)


def take_out(case: Case, group_id: int, entry_id: int, tolerance_days: int) -> GroupRecord:
    """Take an entry out of this group (see :func:`unlink`); refused for a rejected group or a non-member."""
    group = get_group(case, group_id)
    if entry_id not in group.entry_ids:
        raise ValidationError(f"Entry {entry_id} is not in group {group_id}. Nothing was changed.")
    if group.status == "rejected":
        raise ValidationError(f"Group {group_id} was rejected: its accounts are already kept apart. "
                              "Nothing was changed.")
    return unlink(case, entry_id, tolerance_days)


def add_entry(case: Case, group_id: int, entry_id: int, tolerance_days: int) -> GroupRecord:
    """Add an entry to a group by hand: the group becomes confirmed and manual.

    A hand-made change is a decision, and a proposal would be overwritten by the next
    look for same events, so the group is confirmed. Refused for a rejected group, an
    entry already in it, or an entry in another group (take it out there first).
    """
    group = get_group(case, group_id)
    if group.status == "rejected":
        listed = " ".join(str(i) for i in (*group.entry_ids, entry_id))
        raise ValidationError(f"Group {group_id} was rejected. If these entries are one event after all, "
                              f"link them: scrchron link CASE {listed}")
    entry_agencies(case, [entry_id])
    if entry_id in group.entry_ids:
        raise ValidationError(f"Entry {entry_id} is already in group {group_id}. Nothing was changed.")
    other = group_of_entry(case, entry_id)
    if other is not None:
        raise ValidationError(f"Entry {entry_id} is already in group {other.id} ({other.status}). Take it out "
                              "of that group first, then add it here. Nothing was changed.")
    members = [*group.entry_ids, entry_id]
    with case.write():
        set_members(case, group, members, action="link")
        if group.status != "confirmed" or not group.manual:
            set_status(case, group, "confirmed", manual=True)
        set_conflict(case, group, date_spread(case, members) > tolerance_days)
    return get_group(case, group_id)


def restore_groups(case: Case, before: Sequence[GroupRecord], entry_ids: Sequence[int],
                   action: str = "undo") -> None:
    """Make the groups holding any of ``entry_ids`` exactly ``before`` again, in one transaction.

    ``before`` is what :func:`groups_holding` returned for these entries earlier:
    groups made since are removed, changed ones put back with their ids, decisions
    and dates, removed ones inserted again.
    """
    wanted = {group.id for group in before}
    with case.write():
        for group in groups_holding(case, entry_ids):
            if group.id not in wanted:
                delete_group(case, group, action=action)
        for group in before:
            put_group(case, group, action)
