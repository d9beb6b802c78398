"""Matching a corrected submission's entries to the ones the agency sent before.

An entry matches an earlier one when its date is written the same way and its
event text is similar; failing that, when its event text is the same (case and spacing aside)
(the agency corrected the date). Each earlier entry matches at most once, best
scores first. Matched entries keep their id, and so everything the reviewer
attached to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from scrchron.records.case_records import Entry

#: Event texts at least this similar (0-100) with the same date text are one entry.
SAME_DATE_SIMILARITY = 80.0

_COMPARED = ("date_text", "time_text", "event", "action", "source", "practitioner_role",
             "contact_type", "agency_comment", "end_date_text", "end_time_text", "extra")


@dataclass
class Match:
    """A new entry and the earlier entry it replaces (None when it is new)."""

    new: Entry
    old: Entry | None = None
    changed: bool = True


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _candidates(old: Sequence[Entry], new: Sequence[Entry]) -> list[tuple[float, int, int]]:
    by_date: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        by_date.setdefault(_norm(entry.date_text), []).append(index)
    scored = []
    for new_index, entry in enumerate(new):
        event = _norm(entry.event)
        for old_index in by_date.get(_norm(entry.date_text), []):
            score = fuzz.token_sort_ratio(event, _norm(old[old_index].event))
            if score >= SAME_DATE_SIMILARITY:
                scored.append((score + 100.0, new_index, old_index))
    return scored


def _text_only_candidates(old: Sequence[Entry], new: Sequence[Entry], used_old: set[int],
                          used_new: set[int]) -> list[tuple[float, int, int]]:
    events: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        if index not in used_old:
            events.setdefault(_norm(entry.event), []).append(index)
    scored = []
    for new_index, entry in enumerate(new):
        if new_index in used_new:
            continue
        for old_index in events.get(_norm(entry.event), []):
            scored.append((100.0, new_index, old_index))
    return scored


def _assign(scored: list[tuple[float, int, int]], pairs: dict[int, int], used_old: set[int]) -> None:
    for _, new_index, old_index in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if new_index not in pairs and old_index not in used_old:
            pairs[new_index] = old_index
            used_old.add(old_index)


def match_resubmission(old: Sequence[Entry], new: Sequence[Entry]) -> list[Match]:
    """One Match per new entry, in the new submission's order."""
    pairs: dict[int, int] = {}
    used_old: set[int] = set()
    _assign(_candidates(old, new), pairs, used_old)
    _assign(_text_only_candidates(old, new, used_old, set(pairs)), pairs, used_old)
    matches = []
    for index, entry in enumerate(new):
        earlier = old[pairs[index]] if index in pairs else None
        changed = earlier is None or any(getattr(entry, f) != getattr(earlier, f) for f in _COMPARED)
        matches.append(Match(entry, earlier, changed))
    return matches
