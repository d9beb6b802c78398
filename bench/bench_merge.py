"""Same-event matching figures: speed against an all-pairs baseline, and accuracy.

1. Proposing groups for 20,000 entries from 10 agencies over five years (target
   under 3 s), timed from a cold start (word caches cleared), median of 3 runs.
2. The all-pairs baseline: the same judging function applied to every pair, timed
   on a 2,000-entry subset in the same run and extrapolated quadratically to
   20,000 entries (x100: 20,000² / 2,000²). On that subset the windowed and the
   all-pairs proposals are compared, and must be identical.
3. Pairwise precision and recall against the labelled synthetic set
   (tests/merge_fixtures.py, fixed seed; 6 agencies), against the three-review set
   (tests/review_world.py: children's, adults' and domestic homicide wording, labelled
   when written; target >= 0.95 each), and on the 20,000 set (target >= 0.85 each),
   which is also measured as it was placed before issue 20's generator fix (events on
   random days when three weeks between events of one kind were not free).
4. The whole ``scrchron dupes`` path on a case file: reading 20,000 entries,
   proposing and storing the groups, then re-proposing unchanged data.

Run: python bench/bench_merge.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from merge_fixtures import (
    TEN_AGENCIES,
    LabelledSet,
    crowded_pairs,
    first_entries,
    make_labelled_set,
    precision_recall,
)
from review_world import make_review_world

from scrchron.chronology import event_words, merge
from scrchron.records.case_records import Review
from scrchron.store import Case, insert_entries

ENTRIES = 20_000
SUBSET = 2_000
T = TypeVar("T")


def cold(action: Callable[[], T]) -> tuple[float, T]:
    """Wall time of ``action`` with the word caches cleared first, and its result."""
    event_words.clear_caches()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def large_set(spread: bool = True) -> LabelledSet:
    labelled = make_labelled_set(7, groups=3100, background=2100, agencies=TEN_AGENCIES, days=1826, spread=spread)
    return first_entries(labelled, ENTRIES)


def bench_crowded() -> None:
    """The stress set as placed before issue 20: a random day when three weeks were not free."""
    labelled = large_set(spread=False)
    proposals = merge.propose_groups(labelled.entries)
    precision, recall = precision_recall([p.entry_ids for p in proposals], labelled.groups)
    crowded, pairs = crowded_pairs(labelled), len(labelled.true_pairs())
    print(f"  the same set with events placed on random days when three weeks were not free (before issue "
          f"20's fix): {crowded / pairs:.0%} of true pairs beside another event of their kind within a day; "
          f"precision {precision:.3f}, recall {recall:.3f}")


def bench_speed(labelled: LabelledSet) -> None:
    runs = [cold(lambda: merge.propose_groups(labelled.entries)) for _ in range(3)]
    ours = statistics.median(seconds for seconds, _ in runs)
    proposals = runs[0][1]
    subset = first_entries(labelled, SUBSET)
    window_small, windowed = cold(lambda: merge.propose_groups(subset.entries))
    baseline_small, baseline = cold(lambda: merge.propose_groups(subset.entries, window=False))
    extrapolated = baseline_small * (ENTRIES / SUBSET) ** 2
    same = "identical" if windowed == baseline else "DIFFERENT"
    print(f"propose groups, {len(labelled.entries):,} entries / 10 agencies: {ours:6.2f} s "
          f"(target < 3 s; median of 3 cold runs; {len(proposals):,} groups)")
    print(f"all-pairs baseline on {SUBSET:,} entries: {baseline_small:6.2f} s "
          f"(windowed on the same subset: {window_small:.3f} s; proposals {same})")
    print(f"all-pairs extrapolated to {ENTRIES:,} (x{(ENTRIES / SUBSET) ** 2:.0f}, quadratic): "
          f"{extrapolated:8.1f} s; ratio {extrapolated / ours:,.0f}x slower than windowed")
    precision, recall = precision_recall([p.entry_ids for p in proposals], labelled.groups)
    crowded, pairs = crowded_pairs(labelled), len(labelled.true_pairs())
    print(f"accuracy on the {len(labelled.entries):,}-entry stress set ({len(labelled.groups):,} true "
          f"groups): precision {precision:.3f}, recall {recall:.3f} (target >= 0.85 each; at this density "
          "events of one kind fall about a week apart in the same template words; "
          f"{crowded:,} of the {pairs:,} true pairs ({crowded / pairs:.0%}) belong to an event with another "
          "of its kind within a day)")


def bench_accuracy() -> None:
    labelled = make_labelled_set()
    agencies = len({entry.agency_id for entry in labelled.entries})
    proposals = merge.propose_groups(labelled.entries)
    precision, recall = precision_recall([p.entry_ids for p in proposals], labelled.groups)
    conflicts = sum(p.conflict for p in proposals)
    print(f"labelled set (seed 2024): {len(labelled.entries)} entries, {agencies} agencies, "
          f"{len(labelled.groups)} true groups; proposed {len(proposals)} ({conflicts} with conflicting "
          f"dates): precision {precision:.3f}, recall {recall:.3f} (pairwise; target >= 0.9 each)")


def bench_review_world() -> None:
    labelled = make_review_world()
    agencies = len({entry.agency_id for entry in labelled.entries})
    proposals = merge.propose_groups(labelled.entries)
    precision, recall = precision_recall([p.entry_ids for p in proposals], labelled.groups)
    print(f"three-review set (children's, adults', DHR; seed 20): {len(labelled.entries)} entries, {agencies} "
          f"agencies, {len(labelled.groups)} true groups; proposed {len(proposals)}: precision {precision:.3f}, "
          f"recall {recall:.3f} (pairwise; target >= 0.95 each)")


def bench_case_file(labelled: LabelledSet) -> None:
    with tempfile.TemporaryDirectory() as folder, Case.create(
            Path(folder) / "large.scrchron", Review("Adult A", "sar")) as case:
        for name in TEN_AGENCIES:
            case.add_agency(name)
        with case.write():
            insert_entries(case, [replace(entry, id=0) for entry in labelled.entries])
        first, result = cold(lambda: merge.refresh_proposals(case))
        again, repeat = cold(lambda: merge.refresh_proposals(case))
    print(f"dupes on a case file ({len(labelled.entries):,} entries): read + propose + store "
          f"{first:.2f} s ({len(result.added):,} groups); re-propose unchanged {again:.2f} s "
          f"({len(repeat.added) + len(repeat.changed) + len(repeat.withdrawn)} changes)")


def main() -> None:
    bench_accuracy()
    bench_review_world()
    labelled = large_set()
    bench_speed(labelled)
    bench_crowded()
    bench_case_file(labelled)


if __name__ == "__main__":
    main()
