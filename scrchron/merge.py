"""One chronology from many agencies: its order, same-event groups and conflicts.

Gaps (periods with no contact) are in :mod:`scrchron.contact_gaps`.

Order
    The merged chronology is ordered by interval start (a timed entry's start holds
    its time, so it sorts by time inside its day, after the untimed entries of that
    day), then the submission's own sequence, then agency, then row, then id;
    undated entries come last. The SQL lives in :mod:`scrchron.store.entries`
    (``ORDER_BY``); :func:`chronology_key` is the same order for lists in memory.
    A coarse date ("Summer 2014") sits at its interval's start and is shown as
    written. Withdrawn and out-of-scope entries are hidden by default, never deleted.

Same event, several agencies
    :func:`propose_groups` is pure, over Entry objects. Texts are read into event
    kinds and content words (:mod:`scrchron.event_words`). Candidate pairs come only
    from sliding date windows over entries sorted by start (intervals within
    ``TOLERANCE_DAYS``; or the same main kind within ``CONFLICT_DAYS``): about O(n·w),
    not O(n²). A pair of agencies is judged on kind agreement (different known kinds
    never match) plus rapidfuzz ``token_set_ratio`` on content words; kinds each
    agency does alone (home visits) also need the other words to agree or the text
    to say "joint". A union-find joins matches strongest first and never puts two
    entries of one agency in a proposal: if an agency recorded an event twice, the
    closer match joins and the other stays out (the reviewer may ``link`` it; a
    manual group may hold both). Undated entries and those coarser than a month are
    not matched. A group whose intervals, widened by ``TOLERANCE_DAYS``, share no
    day is flagged ``conflict`` (agencies gave different dates for one event).

Decisions
    Re-proposing leaves confirmed groups alone (only their conflict flag follows
    their entries' dates), never proposes two entries of a rejected group together
    again, and keeps a proposal's id while its members are unchanged, so it is
    idempotent. All SQL is in :mod:`scrchron.store.groups`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from rapidfuzz import fuzz

from scrchron import event_words
from scrchron.errors import ProposalsCancelled
from scrchron.event_words import EventWords
from scrchron.model import Entry
from scrchron.progress import Progress, Steps
from scrchron.same_event_reasons import NO_LEARNING, Learned, explain, learn
from scrchron.store import Case, EntryQuery, groups, list_entries

TOLERANCE_DAYS = 1
CONFLICT_DAYS = 14
#: Accounts that agree on their dates lie within a day of one event's day: at most two days apart.
MAX_GROUP_SPREAD = 2 * TOLERANCE_DAYS
MAX_SPAN_DAYS = 31

#: Minimum token_set_ratio of the content words, by how the kinds agree.
SAME_SHARED_TEXT = 40
SAME_OWN_TEXT = 60
OWN_RESIDUAL_TEXT = 72
RELATED_TEXT = 70
RELATED_INCIDENT_TEXT = 55
UNKNOWN_TEXT = 88
COARSE_TEXT = 60
CONFLICT_TEXT = 60
OVERLAP_TEXT = 70
#: Two accounts naming two or more of the same incidents ("concern for welfare",
#: "forced entry", "ambulance") need less of their other words to agree.
MANY_INCIDENTS_TEXT = 45
#: How much a kind pair the reviewer confirmed before lowers the text threshold.
LEARNED_TEXT = 15
_KIND_BONUS = {"same": 30.0, "related": 15.0, "overlap": 10.0, "unknown": 0.0}


def chronology_key(entry: Entry) -> tuple[bool, str, float, int, bool, int, int]:
    """Sort key equal to the stored chronology order (``store.entries.ORDER_BY``)."""
    return (entry.start is None, entry.start or "", entry.seq, entry.agency_id,
            entry.row is not None, entry.row or 0, entry.id)


# -- matching ------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """Why two entries look like one event: a ranking score and whether dates conflict."""

    score: float
    conflict: bool
    agreement: str


@dataclass(frozen=True)
class Proposal:
    """A proposed group: entry ids (ascending) and whether their dates conflict."""

    entry_ids: tuple[int, ...]
    conflict: bool


@dataclass(frozen=True)
class _Item:
    id: int
    agency_id: int
    first: int
    last: int
    exact: bool
    words: EventWords


def _ordinal(value: str) -> int:
    return date.fromisoformat(value[:10]).toordinal()


def _item(entry: Entry) -> _Item | None:
    if entry.start is None or entry.precision == "unknown":
        return None
    first = _ordinal(entry.start)
    last = _ordinal(entry.end) if entry.end else first
    if last - first >= MAX_SPAN_DAYS:
        return None
    exact = entry.precision in ("day", "time")
    return _Item(entry.id, entry.agency_id, first, last, exact, event_words.describe(entry.event))


def _day_gap(a: _Item, b: _Item) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max(0, a.first - b.last, b.first - a.last)


def _ratio(a: str, b: str, cutoff: float) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(a, b, processor=None, score_cutoff=cutoff))


def _base_threshold(a: _Item, b: _Item, agreement: str) -> float:
    if agreement == "same":
        if not (a.exact and b.exact):
            return COARSE_TEXT
        return SAME_SHARED_TEXT if a.words.shared else SAME_OWN_TEXT
    if agreement == "related" and a.words.incidents & b.words.incidents:
        return RELATED_INCIDENT_TEXT
    return {"related": RELATED_TEXT, "overlap": OVERLAP_TEXT}.get(agreement, UNKNOWN_TEXT)


def _near_threshold(a: _Item, b: _Item, agreement: str, raised: bool = False) -> float:
    threshold = _base_threshold(a, b, agreement)
    common = a.words.incidents & b.words.incidents
    if len(common) >= 2 or (common and a.exact and b.exact and _main_named(a, b, common)):
        threshold = min(threshold, MANY_INCIDENTS_TEXT)
    return threshold - LEARNED_TEXT if raised else threshold


def _main_named(a: _Item, b: _Item, common: frozenset[str]) -> bool:
    """Both accounts are of incidents, and one's incident is named by the other ("Attended ED
    after an assault by partner" beside the police record of the assault)."""
    return a.words.shared and b.words.shared and (a.words.main in common or b.words.main in common)


def _kind_pair(a: _Item, b: _Item) -> frozenset[str] | None:
    """The two main kinds, when both texts name one and they differ (what decisions teach)."""
    main_a, main_b = a.words.main, b.words.main
    if main_a is None or main_b is None or main_a == main_b:
        return None
    return frozenset((main_a, main_b))


def _routine_only(a: _Item, b: _Item) -> bool:
    """A routine row ("No access; card left") joins only an account of an incident it also names."""
    return (a.words.routine or b.words.routine) and a.words.incidents.isdisjoint(b.words.incidents)


def _own_kind_agrees(a: _Item, b: _Item) -> bool:
    """Two agencies' home visits (say) are one event only if they say so.

    Either text says the work was joint, or the words beyond the kind are nearly
    the same (token_sort_ratio, so "mother" does not match "mother appointment").
    """
    if a.words.joint or b.words.joint:
        return True
    if min(len(a.words.residual.split()), len(b.words.residual.split())) < 2:
        return False  # one shared word ("mother") is no evidence
    return fuzz.token_sort_ratio(a.words.residual, b.words.residual, processor=None) >= OWN_RESIDUAL_TEXT


def _judge(a: _Item, b: _Item, learned: Learned = NO_LEARNING) -> Match | None:
    if a.agency_id == b.agency_id:
        return None
    agreement = event_words.agreement(a.words, b.words)
    gap = _day_gap(a, b)
    pair = _kind_pair(a, b) if gap <= TOLERANCE_DAYS else None
    raised = pair is not None and pair in learned.confirmed
    if pair is not None and not raised and pair in learned.rejected:
        return None
    if raised and agreement == "different":
        agreement = "related"
    elif agreement == "different" and not a.words.incidents.isdisjoint(b.words.incidents):
        agreement = "overlap"
    if agreement == "different" or a.words.words.isdisjoint(b.words.words) or _routine_only(a, b):
        return None  # no word in common: no text score could pass
    if gap <= TOLERANCE_DAYS:
        threshold = _near_threshold(a, b, agreement, raised)
        text = _ratio(a.words.content, b.words.content, threshold)
        if text < threshold:
            return None
        if agreement == "same" and not a.words.shared and not _own_kind_agrees(a, b):
            return None
        return Match(_KIND_BONUS[agreement] + text - 5.0 * gap, False, agreement)
    return _judge_conflict(a, b, agreement, gap)


def _judge_conflict(a: _Item, b: _Item, agreement: str, gap: int) -> Match | None:
    if gap > CONFLICT_DAYS or agreement != "same" or not (a.exact and b.exact and a.words.shared):
        return None
    text = _ratio(a.words.content, b.words.content, CONFLICT_TEXT)
    if text < CONFLICT_TEXT:
        return None
    return Match(text - 5.0 * gap, True, agreement)


def match_entries(a: Entry, b: Entry) -> Match | None:
    """Whether two entries look like one event recorded by two agencies (None if not)."""
    item_a, item_b = _item(a), _item(b)
    if item_a is None or item_b is None:
        return None
    return _judge(item_a, item_b)


def _near_pairs(items: Sequence[_Item], learned: Learned = NO_LEARNING) -> Iterator[tuple[int, int]]:
    """Pairs of agencies whose intervals lie within the tolerance and whose kinds may agree.

    ``items`` are sorted by first day, so the inner loop stops at the window's edge.
    """
    agree = _learned_agreement(learned) if learned.confirmed else event_words.kinds_agreement
    count = len(items)
    for i, a in enumerate(items):
        reach = a.last + TOLERANCE_DAYS
        for j in range(i + 1, count):
            b = items[j]
            if b.first > reach:
                break
            if b.agency_id != a.agency_id and (
                    agree(a.words.kinds, b.words.kinds) != "different"
                    or not a.words.incidents.isdisjoint(b.words.incidents)):
                yield i, j


def _conflict_pairs(items: Sequence[_Item]) -> Iterator[tuple[int, int]]:
    """Same-main-kind exact pairs farther apart than the tolerance, within CONFLICT_DAYS."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.exact and item.words.shared and item.words.main is not None:
            by_kind[item.words.main].append(index)
    for indexes in by_kind.values():
        for n, i in enumerate(indexes):
            for j in indexes[n + 1:]:
                gap = items[j].first - items[i].first
                if gap > CONFLICT_DAYS:
                    break
                if gap > TOLERANCE_DAYS and items[j].agency_id != items[i].agency_id:
                    yield i, j


def _learned_agreement(learned: Learned) -> Callable[[tuple[str, ...], tuple[str, ...]], str]:
    def agree(a: tuple[str, ...], b: tuple[str, ...]) -> str:
        found = event_words.kinds_agreement(a, b)
        if found == "different" and frozenset((a[0], b[0])) in learned.confirmed:
            return "related"
        return found
    return agree


def _kind_days(items: Sequence[_Item]) -> dict[str, list[int]]:
    """For each main kind, the sorted first days of the exact entries of that kind."""
    days: dict[str, list[int]] = defaultdict(list)
    for item in items:
        if item.exact and item.words.main is not None:
            days[item.words.main].append(item.first)
    for found in days.values():
        found.sort()
    return days


def _ambiguous(a: _Item, b: _Item, kind_days: dict[str, list[int]]) -> bool:
    """Whether another date of the same kind lies near a match whose dates conflict or are coarse.

    Two accounts days apart (or one written as a month) are one event only when nothing
    else of that kind happened nearby: with another strategy discussion in between,
    which one each meant is a guess.
    """
    days = kind_days.get(a.words.main or b.words.main or "", [])
    if a.exact and b.exact:
        low, high = min(a.first, b.first) - CONFLICT_DAYS, max(a.first, b.first) + CONFLICT_DAYS
    else:
        low, high = min(a.first, b.first), max(a.last, b.last)
    exact_days = [item.first for item in (a, b) if item.exact]
    for day in days[bisect_left(days, low):bisect_right(days, high)]:
        if all(abs(day - known) > TOLERANCE_DAYS for known in exact_days):
            return True
    return False


def candidate_pairs(items: Sequence[_Item], learned: Learned = NO_LEARNING) -> Iterator[tuple[int, int]]:
    """Every pair worth judging, from the sliding date windows (no duplicates)."""
    yield from _near_pairs(items, learned)
    yield from _conflict_pairs(items)


class _Clusters:
    """Union-find that refuses joins putting one agency twice or a rejected pair together."""

    def __init__(self, items: Sequence[_Item], cannot_link: dict[int, set[int]]) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        self.members = [[i] for i in range(len(items))]
        self.agencies = [{item.agency_id} for item in items]
        self.cannot = cannot_link

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, lone_only: bool = False) -> None:
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j or self.agencies[root_i] & self.agencies[root_j]:
            return
        if lone_only and min(len(self.members[root_i]), len(self.members[root_j])) > 1:
            return  # two groups that each agree on their own dates are two events
        if not lone_only and self._span(root_i, root_j) > MAX_GROUP_SPREAD:
            return  # a chain of day-apart matches, not accounts of one day
        ids_j = {self.items[m].id for m in self.members[root_j]}
        if any(self.cannot.get(self.items[m].id, set()) & ids_j for m in self.members[root_i]):
            return
        if len(self.members[root_i]) < len(self.members[root_j]):
            root_i, root_j = root_j, root_i
        self.parent[root_j] = root_i
        self.members[root_i].extend(self.members[root_j])
        self.members[root_j] = []
        self.agencies[root_i] |= self.agencies[root_j]

    def _span(self, root_i: int, root_j: int) -> int:
        """Days from the first to the last start of the two clusters together (exact entries only)."""
        days = [self.items[m].first for root in (root_i, root_j) for m in self.members[root]
                if self.items[m].exact]
        return max(days) - min(days) if days else 0

    def groups(self) -> list[list[_Item]]:
        return [[self.items[m] for m in members] for members in self.members if len(members) > 1]


def _cannot_link_map(pairs: Iterable[Collection[int]]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for ids in pairs:
        for x, y in combinations(sorted(set(ids)), 2):
            found[x].add(y)
            found[y].add(x)
    return found


#: How often (entries read, pairs judged) the work reports progress and checks for Cancel.
_CHECK_EVERY = 200


def _items(entries: Iterable[Entry], exclude: Collection[int], watch: Steps | None = None) -> list[_Item]:
    items = []
    for count, entry in enumerate(entries, start=1):
        if entry.id not in exclude and (item := _item(entry)):
            items.append(item)
        if watch is not None and count % _CHECK_EVERY == 0:
            watch.set(count)
    if watch is not None:
        watch.set(watch.total // 2)
    items.sort(key=lambda item: (item.first, item.id))
    return items


def _judge_all(items: Sequence[_Item], pairs: Iterable[tuple[int, int]], watch: Steps | None,
               learned: Learned = NO_LEARNING) -> list[tuple[bool, float, int, int, int, int]]:
    judged = []
    for count, (i, j) in enumerate(pairs, start=1):
        match = _judge(items[i], items[j], learned)
        if match is not None:
            judged.append((match.conflict, -match.score, items[i].id, items[j].id, i, j))
        if watch is not None and count % _CHECK_EVERY == 0:
            watch.set(watch.total // 2 + i)  # the pairs come in order of their first item
    if watch is not None:
        watch.set(watch.total)
    judged.sort()
    return judged


def propose_groups(entries: Sequence[Entry], *, exclude: Collection[int] = (),
                   cannot_link: Iterable[Collection[int]] = (), window: bool = True,
                   learned: Learned = NO_LEARNING, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> list[Proposal]:
    """Propose groups of entries from different agencies describing one event.

    Matches whose dates agree are joined first, strongest first; a match with a
    conflicting date may then only bring a lone entry into a group.

    Args:
        entries: the chronology (any order); undated and coarse entries are skipped.
        exclude: entry ids not to propose (e.g. members of confirmed groups).
        cannot_link: sets of entry ids no two of which may be proposed together
            (the reviewer's rejected groups).
        window: False judges every pair instead: the quadratic baseline the
            benchmark measures against (same result, far slower).
        learned: what the reviewer's decisions in this case teach (see :class:`Learned`).
        progress: called now and then with (done, total).
        cancelled: checked as often; when it returns True, ``ProposalsCancelled`` is raised.

    Returns:
        Proposals ordered by their smallest entry id.
    """
    stopped = ProposalsCancelled("Looking for same events was cancelled; nothing was changed.")
    watch = Steps(progress, 2 * len(entries), cancelled, stopped) if progress or cancelled else None
    items = _items(entries, set(exclude), watch)
    pairs = candidate_pairs(items, learned) if window else combinations(range(len(items)), 2)
    judged = _judge_all(items, pairs, watch, learned)
    clusters = _Clusters(items, _cannot_link_map(cannot_link))
    kind_days = _kind_days(items)
    for conflict, _, _, _, i, j in judged:
        a, b = items[i], items[j]
        if not ((conflict or not (a.exact and b.exact)) and _ambiguous(a, b, kind_days)):
            clusters.join(i, j, lone_only=conflict)
    proposals = [
        Proposal(tuple(sorted(item.id for item in group)),
                 max(i.first for i in group) - min(i.last for i in group) > TOLERANCE_DAYS)
        for group in clusters.groups()
    ]
    return sorted(proposals, key=lambda p: p.entry_ids)


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
