"""Why entries look like one event, which account is the primary record, and what decisions teach.

Pure functions over Entry objects (no case file, no Qt), so the ``dupes`` command and the
window's Same event page show the same words. The reason is read from the texts and
dates each time a group is shown, never stored: it always matches the entries as they
now are.

Lessons
    :class:`Learned` is read from the case's decided groups by :func:`learn`. A pair of
    different main kinds that two agencies recorded within a day in a rejected group
    ("concern for welfare" with "telephone consultation") is not proposed on the same
    day again anywhere in the case; a pair from a confirmed group (or one linked by
    hand) is proposed more readily. Lessons of one kind with itself are not drawn: two
    strategy discussions rejected as one say nothing about the next strategy discussion.
    Undoing or changing the decision changes the lesson, since it is read afresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from scrchron.chronology import event_words
from scrchron.chronology.event_words import EventWords
from scrchron.records.case_records import Entry

#: Entries within this many days of each other are "the same day" (merge.TOLERANCE_DAYS).
SAME_DAY = 1
#: Words too common in chronologies to say two accounts share people or a place.
_PLAIN_WORDS = frozenset({
    "attend", "call", "seen", "report", "told", "inform", "notifi", "notification", "receiv",
    "took", "said", "state", "advis", "record", "agency", "officer", "staff", "worker", "team"})
_MAX_SHARED_WORDS = 4


@dataclass(frozen=True)
class Learned:
    """What the reviewer's decisions in a case teach its later proposals (see the module doc).

    Keys are pairs of main kinds; values the id of the group the lesson came from. A
    pair both confirmed and rejected counts as confirmed.
    """

    rejected: dict[frozenset[str], int] = field(default_factory=dict)
    confirmed: dict[frozenset[str], int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One plain sentence per lesson, for the reviewer to see."""
        said = [f"not proposing {pair_text(pair)} on the same day (you rejected group {group})"
                for pair, group in sorted(self.rejected.items(), key=lambda kv: kv[1])]
        said += [f"proposing {pair_text(pair)} more readily (you confirmed group {group})"
                 for pair, group in sorted(self.confirmed.items(), key=lambda kv: kv[1])]
        return said


NO_LEARNING = Learned()


def kind_words(kind: str) -> str:
    """A kind's name inside a sentence: 'strategy discussion', but 'PPN', 'ED attendance'."""
    return " ".join(word if len(word) > 1 and word.isupper() else word.lower()
                    for word in event_words.kind_label(kind).split())


def pair_text(pair: frozenset[str]) -> str:
    """'concern for welfare with telephone call': a kind pair in the reader's words."""
    return " with ".join(sorted(kind_words(kind) for kind in pair))


def _day(entry: Entry) -> int:
    return date.fromisoformat((entry.start or "")[:10]).toordinal()


def decided_pairs(entries: Sequence[Entry]) -> set[frozenset[str]]:
    """Kind pairs (two different main kinds) of a group's accounts from different agencies, within a day."""
    dated = [(e, event_words.describe(e.event).main) for e in entries if e.start]
    found: set[frozenset[str]] = set()
    for (a, kind_a), (b, kind_b) in combinations(dated, 2):
        if a.agency_id == b.agency_id or kind_a is None or kind_b is None or kind_a == kind_b:
            continue
        if abs(_day(a) - _day(b)) <= SAME_DAY:
            found.add(frozenset((kind_a, kind_b)))
    return found


def learn(decided: Iterable[tuple[int, str, Sequence[Entry]]]) -> Learned:
    """Lessons from decided groups, given as (group id, status, its entries)."""
    rejected: dict[frozenset[str], int] = {}
    confirmed: dict[frozenset[str], int] = {}
    for group_id, status, entries in decided:
        target = confirmed if status == "confirmed" else rejected if status == "rejected" else None
        if target is not None:
            for pair in decided_pairs(entries):
                target.setdefault(pair, group_id)
    return Learned({p: g for p, g in rejected.items() if p not in confirmed}, confirmed)


# -- the reason shown with a group -------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """Why a group's accounts look like one event, and which account is the primary record."""

    reason: str
    primary: int | None


def _primary(entries: Sequence[Entry], words: dict[int, EventWords]) -> Entry:
    """Of the accounts by those who took part (not told of it afterwards), the one of the
    earliest day (the caller before the hospital next morning), then naming most incidents."""
    def rank(entry: Entry) -> tuple[bool, int, int, str, int]:
        told = words[entry.id].notice
        day = _day(entry) if entry.start else 0
        return (told, day, -len(words[entry.id].incidents), entry.start or "", entry.id)
    return min(entries, key=rank)


def _dates_part(entries: Sequence[Entry]) -> str:
    days = sorted({_day(e) for e in entries if e.start})
    if not days:
        return "undated"
    spread = days[-1] - days[0]
    return "same day" if spread == 0 else "same or next day" if spread == 1 else f"dates {spread} days apart"


def _kinds_part(entries: Sequence[Entry], words: dict[int, EventWords]) -> str:
    counts = Counter(kind for e in entries for kind in dict.fromkeys(words[e.id].kinds))
    common = [kind for kind, n in counts.most_common() if n > 1]
    if not common:
        return ""
    labels = [kind_words(k) for k in common[:3]]
    if len(entries) == 2:
        return "both mention " + _and(labels)
    return "accounts mention " + _and(f"{label} ({counts[k]})" for label, k in zip(labels, common, strict=False))


def _shared_words_part(entries: Sequence[Entry], words: dict[int, EventWords]) -> str:
    counts = Counter(w for e in entries for w in words[e.id].residual.split())
    shared = [w for w, n in counts.most_common() if n > 1 and len(w) > 3 and w not in _PLAIN_WORDS
              and not w.isdigit()]
    return "shared words: " + ", ".join(sorted(shared[:_MAX_SHARED_WORDS])) if shared else ""


def _notice_part(entries: Sequence[Entry], words: dict[int, EventWords], primary: Entry) -> str:
    told = [e for e in entries if e.id != primary.id and words[e.id].notice]
    if not told:
        return ""
    return f"{primary.agency or 'the primary agency'} recorded it; " + _and(
        e.agency or f"agency {e.agency_id}" for e in told) + " notified afterwards"


def _and(parts: Iterable[str]) -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def explain(entries: Sequence[Entry], learned: Learned = NO_LEARNING, group_id: int | None = None) -> Explanation:
    """The reason shown with a group, e.g. 'same day; they mention forced entry and ambulance call-out;
    shared words: address, floor; Police recorded it; Adult Social Care notified afterwards'.

    ``group_id`` is the group being explained, so it is not said to be raised by itself.
    """
    if not entries:
        return Explanation("", None)
    words = {e.id: event_words.describe(e.event) for e in entries}
    primary = _primary(entries, words)
    parts = [_dates_part(entries), _kinds_part(entries, words), _shared_words_part(entries, words),
             _notice_part(entries, words, primary)]
    raised = sorted({learned.confirmed[p] for p in decided_pairs(entries)
                     if p in learned.confirmed and learned.confirmed[p] != group_id})
    if raised:
        parts.append("proposed more readily because you confirmed group " + _and(str(g) for g in raised))
    return Explanation("; ".join(part for part in parts if part), primary.id)
