"""One chronology from many agencies: its order, same-event groups and conflicts.

Gaps (periods with no contact) are in :mod:`scrchron.chronology.contact_gaps`.

Order
    The merged chronology is ordered by interval start (a timed entry's start holds
    its time, so it sorts by time inside its day, after the untimed entries of that
    day), then the submission's own sequence, then agency, then row, then id;
    undated entries come last. The SQL lives in :mod:`scrchron.store.entries`
    (``ORDER_BY``); :func:`chronology_key` is the same order for lists in memory.
    A coarse date ("Summer 2014") sits at its interval's start and is shown as
    written. Withdrawn and out-of-scope entries are hidden by default, never deleted.

Same event, several agencies
    :func:`propose_groups` (in :mod:`scrchron.chronology.same_event_matching`, re-exported
    here) proposes groups of entries from different agencies that record one event;
    :mod:`scrchron.chronology.same_event_reasons` says why and which account is the primary
    record, and what the reviewer's decisions teach.

Decisions
    Re-proposing leaves confirmed groups alone (only their conflict flag follows
    their entries' dates), never proposes two entries of a rejected group together
    again, and keeps a proposal's id while its members are unchanged, so it is
    idempotent. All SQL is in :mod:`scrchron.store.groups`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scrchron.chronology.same_event_matching import (
    CONFLICT_DAYS,
    TOLERANCE_DAYS,
    Match,
    Proposal,
    candidate_pairs,
    match_entries,
    propose_groups,
)
from scrchron.chronology.same_event_reasons import NO_LEARNING, Learned, explain, learn
from scrchron.records.case_records import Entry
from scrchron.runtime.progress import Progress
from scrchron.store import Case, EntryQuery, groups, list_entries

__all__ = ["CONFLICT_DAYS", "TOLERANCE_DAYS", "ChronologyEvent", "Learned", "Match", "Proposal",
           "candidate_pairs", "case_learning", "chronology_key", "grouped_view", "match_entries",
           "propose_groups", "refresh_proposals"]


def chronology_key(entry: Entry) -> tuple[bool, str, float, int, bool, int, int]:
    """Sort key equal to the stored chronology order (``store.entries.ORDER_BY``)."""
    return (entry.start is None, entry.start or "", entry.seq, entry.agency_id,
            entry.row is not None, entry.row or 0, entry.id)


# -- the grouped view ------------------------------------------------------------


def recorded_by(entries: Iterable[Entry]) -> str:
    """'Recorded by: Police, Children's Social Care, Health', agencies in chronology order."""
    ordered = sorted(entries, key=chronology_key)
    names = list(dict.fromkeys(entry.agency or f"agency {entry.agency_id}" for entry in ordered))
    return "Recorded by: " + ", ".join(names)


@dataclass
class ChronologyEvent:
    """One row of the grouped chronology: a lone entry, or a confirmed group's accounts."""

    entries: list[Entry]
    group: int | None = None

    @property
    def agencies(self) -> list[str]:
        """The agencies that recorded it, in chronology order, each once."""
        return list(dict.fromkeys(entry.agency for entry in self.entries))

    @property
    def label(self) -> str:
        """'Recorded by: ...' for a group; the agency name for a lone entry."""
        return recorded_by(self.entries) if self.group is not None else self.entries[0].agency


def grouped_view(entries: Sequence[Entry], confirmed: Collection[int]) -> list[ChronologyEvent]:
    """The chronology with each confirmed group shown once, at its earliest account.

    Args:
        entries: entries in chronology order (as ``list_entries`` returns them).
        confirmed: ids of confirmed groups; other groups' entries stay separate.
    """
    events: list[ChronologyEvent] = []
    by_group: dict[int, ChronologyEvent] = {}
    for entry in sorted(entries, key=chronology_key):
        group = entry.group if entry.group in confirmed else None
        if group is None:
            events.append(ChronologyEvent([entry]))
        elif group in by_group:
            by_group[group].entries.append(entry)
        else:
            by_group[group] = ChronologyEvent([entry], group)
            events.append(by_group[group])
    return events


# -- on a case file (SQL in store.groups) ------------------------------------------


def _learned(stored: Sequence[groups.GroupRecord], by_id: dict[int, Entry]) -> Learned:
    decided = [(g.id, g.status, [by_id[i] for i in g.entry_ids if i in by_id])
               for g in stored if g.status != "proposed"]
    return learn(decided)


def case_learning(case: Case) -> Learned:
    """What the case's decided groups teach its proposals (see :class:`Learned`)."""
    stored = [g for g in groups.list_groups(case) if g.status != "proposed"]
    wanted = sorted({i for g in stored for i in g.entry_ids})
    return _learned(stored, _entries_by_id(case, wanted))


def _entries_by_id(case: Case, wanted: Sequence[int]) -> dict[int, Entry]:
    return {e.id: e for n in range(0, len(wanted), 500)
            for e in list_entries(case, EntryQuery(ids=list(wanted[n:n + 500]), include_hidden=True))}


def refresh_proposals(case: Case, progress: Progress | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      learning: bool = True) -> groups.SyncResult:
    """Propose groups afresh for the case's visible entries, keeping every decision.

    Members of confirmed groups are left out, rejected groups become pairs never
    proposed again, and stored proposals keep their ids where their members are
    unchanged. Confirmed groups' conflict flags follow their entries' current dates.
    With ``learning`` the decided groups also teach the proposals (see :class:`Learned`).
    ``progress`` and ``cancelled`` are as in :func:`propose_groups`; a cancelled
    search writes nothing.
    """
    stored = groups.list_groups(case)
    confirmed = [g for g in stored if g.status == "confirmed"]
    rejected = [g.entry_ids for g in stored if g.status == "rejected"]
    entries = list_entries(case)
    proposals = propose_groups(entries, cannot_link=rejected,
                               exclude={i for g in confirmed for i in g.entry_ids},
                               learned=_learned(stored, {e.id: e for e in entries}) if learning else NO_LEARNING,
                               progress=progress, cancelled=cancelled)
    with case.write():
        result = groups.sync_proposals(case, [(p.entry_ids, p.conflict) for p in proposals])
        for group in confirmed:
            groups.set_conflict(case, group, groups.date_spread(case, group.entry_ids) > TOLERANCE_DAYS)
    return result


def link_entries(case: Case, entry_ids: Sequence[int]) -> groups.GroupRecord:
    """Link entries by hand as one event (see :func:`scrchron.store.groups.link`)."""
    return groups.link(case, entry_ids, TOLERANCE_DAYS)


def unlink_entry(case: Case, entry_id: int) -> groups.GroupRecord:
    """Take an entry out of its group (see :func:`scrchron.store.groups.unlink`)."""
    return groups.unlink(case, entry_id, TOLERANCE_DAYS)


def split_entry(case: Case, group_id: int, entry_id: int) -> groups.GroupRecord:
    """Take an entry out of a group (see :func:`scrchron.store.groups.take_out`)."""
    return groups.take_out(case, group_id, entry_id, TOLERANCE_DAYS)


def add_to_group(case: Case, group_id: int, entry_id: int) -> groups.GroupRecord:
    """Add an entry to a group by hand (see :func:`scrchron.store.groups.add_entry`)."""
    return groups.add_entry(case, group_id, entry_id, TOLERANCE_DAYS)


def entries_near_group(case: Case, group_id: int, days: int, search: str = "") -> list[Entry]:
    """Visible entries within ``days`` of a group's dates, not in it, holding every word of ``search``.

    The words are matched anywhere (a part of a word too) in the date as written,
    the agency, the event and the action, ignoring case: what a picker needs.
    """
    group = groups.get_group(case, group_id)
    members = list_entries(case, EntryQuery(ids=list(group.entry_ids), include_hidden=True))
    dated = [e for e in members if e.start]
    if not dated:
        return []
    low = date.fromisoformat(min(e.start or "" for e in dated)[:10]) - timedelta(days=days)
    high = date.fromisoformat(max((e.end or e.start or "")[:10] for e in dated)) + timedelta(days=days)
    near = list_entries(case, EntryQuery(date_from=low.isoformat(), date_to=high.isoformat()))
    words = search.casefold().split()
    return [e for e in near if e.id not in group.entry_ids and all(w in _searchable(e) for w in words)]


def _searchable(entry: Entry) -> str:
    return " ".join((entry.date_text, entry.agency, entry.event, entry.action)).casefold()


def group_summary(record: groups.GroupRecord, entries: Sequence[Entry],
                  learned: Learned = NO_LEARNING) -> dict[str, object]:
    """The JSON form of a group used by ``scrchron dupes --json`` (a contract).

    ``reason`` (why the accounts look like one event) and ``primary`` (the entry id of
    the account that is the primary record; the others reported it or were told of it)
    were added for issue 20; every older field is unchanged.
    """
    ordered = sorted(entries, key=chronology_key)
    explained = explain(ordered, learned, record.id)
    starts = [e.start for e in ordered if e.start]
    ends = [e.end or e.start for e in ordered if e.start]
    return {
        "id": record.id, "status": record.status, "entries": list(record.entry_ids),
        "agencies": list(dict.fromkeys(e.agency for e in ordered)),
        "start": min(starts) if starts else None, "end": max(e for e in ends if e) if starts else None,
        "conflict": record.conflict, "manual": record.manual, "recorded_by": recorded_by(ordered),
        "events": [{"id": e.id, "agency": e.agency, "date_text": e.date_text, "start": e.start,
                    "event": e.event} for e in ordered],
        "reason": explained.reason, "primary": explained.primary,
    }


def group_summaries(case: Case, statuses: Sequence[str] = (),
                    ids: Sequence[int] = ()) -> list[dict[str, object]]:
    """Stored groups (all, or of some statuses or ids) with their entries, as JSON-ready dicts."""
    records = groups.list_groups(case, statuses=statuses, ids=ids)
    learned = case_learning(case)
    wanted = sorted({i for record in records for i in record.entry_ids})
    by_id = _entries_by_id(case, wanted)
    return [group_summary(r, [by_id[i] for i in r.entry_ids if i in by_id], learned) for r in records]


def grouped_chronology(case: Case, query: EntryQuery | None = None) -> list[ChronologyEvent]:
    """The chronology with each confirmed group shown once (see :func:`grouped_view`)."""
    confirmed = {g.id for g in groups.list_groups(case, statuses=["confirmed"])}
    return grouped_view(list_entries(case, query), confirmed)
