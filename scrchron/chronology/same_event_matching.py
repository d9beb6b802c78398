"""Same-event matching: which entries from different agencies record one event.

Pure, over Entry objects: nothing here touches the case file (see :mod:`scrchron.chronology.merge`).

Same event, several agencies
    Texts are read into event kinds and content words (:mod:`scrchron.chronology.event_words`).
    Candidate pairs come only from sliding date windows over entries sorted by start
    (intervals within ``TOLERANCE_DAYS``; or the same main kind within
    ``CONFLICT_DAYS``): about O(n·w), not O(n²). A pair of agencies is judged on
    kind agreement (different known kinds match only when both name the same
    incident, see below) plus rapidfuzz ``token_set_ratio`` on content words; kinds each
    agency does alone (home visits) also need the other words to agree or the text
    to say "joint". A union-find joins matches strongest first and never puts two
    entries of one agency in a proposal: if an agency recorded an event twice, the
    closer match joins and the other stays out (the reviewer may ``link`` it; a
    manual group may hold both). Undated entries and those coarser than a month are
    not matched. A group whose intervals, widened by ``TOLERANCE_DAYS``, share no
    day is flagged ``conflict`` (agencies gave different dates for one event).

Dense cases
    Accounts that agree on their dates lie at most ``MAX_GROUP_SPREAD`` days apart
    (no chains of day-apart matches). A match whose dates conflict, or one of whose
    dates is only a month, is taken only when no other event of its kind lies nearby
    (see :func:`_ambiguous`). Routine rows (daily care calls, "No access; card left")
    join only an account of an incident they also name. Accounts whose main kinds
    differ match when they name the same incidents ("concern for welfare ... forced
    entry" beside "notified that officers forced entry"), more easily when they
    share two or more.

Lessons
    ``learned`` (:class:`scrchron.chronology.same_event_reasons.Learned`) carries what the
    reviewer's decisions in the case teach: rejected kind pairs on one day are not
    proposed, confirmed ones need fewer words in common.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from rapidfuzz import fuzz

from scrchron.chronology import event_words
from scrchron.chronology.event_words import EventWords
from scrchron.chronology.same_event_reasons import NO_LEARNING, Learned
from scrchron.errors import ProposalsCancelled
from scrchron.records.case_records import Entry
from scrchron.runtime.progress import Progress, Steps

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


def _item(entry: Entry, read: dict[str, EventWords] | None = None) -> _Item | None:
    """The entry as the matcher compares it; ``read`` holds texts already read in this search
    (a care provider's "Morning call: personal care given" is read once, not every day)."""
    if entry.start is None or entry.precision == "unknown":
        return None
    first = _ordinal(entry.start)
    last = _ordinal(entry.end) if entry.end else first
    if last - first >= MAX_SPAN_DAYS:
        return None
    exact = entry.precision in ("day", "time")
    words = read.get(entry.event) if read is not None else None
    if words is None:
        words = event_words.describe(entry.event)
        if read is not None:
            read[entry.event] = words
    return _Item(entry.id, entry.agency_id, first, last, exact, words)


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
            # Two texts with no word in common cannot pass any text score (see _judge):
            # two thirds of a dense case's same-day pairs stop here.
            if b.agency_id != a.agency_id and not a.words.words.isdisjoint(b.words.words) and (
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
    read: dict[str, EventWords] = {}
    for count, entry in enumerate(entries, start=1):
        if entry.id not in exclude and (item := _item(entry, read)):
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
