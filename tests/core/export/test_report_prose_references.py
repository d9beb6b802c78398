"""References in a section's words to what the case does not have are pointed out: entries
([E42] is entry 42, as the report's links read it), episodes, findings and recommendations."""

from __future__ import annotations

from pathlib import Path

from scrchron.export.report_prose import MAX_ENTRY_LOOKUPS, unknown_references
from scrchron.store import Case, EntryQuery, list_entries


def test_an_entry_the_case_does_not_have_is_pointed_out(case_file: Path) -> None:
    with Case.open(case_file) as case:
        ids = sorted(e.id for e in list_entries(case, EntryQuery(include_hidden=True)) if e.id is not None)
        missing = max(ids) + 1000
        text = f"See [E{ids[0]}] and [E{ids[-1]}], then [E{missing}] and [F99]; not [Ep1x]."
        assert unknown_references(case, text) == [f"E{missing}", "F99"]


def test_many_entry_references_are_looked_up_in_one_bounded_query(case_file: Path) -> None:
    with Case.open(case_file) as case:
        text = " ".join(f"[E{n}]" for n in range(100_000, 100_000 + MAX_ENTRY_LOOKUPS + 50))
        missing = unknown_references(case, text)
    assert len(missing) == MAX_ENTRY_LOOKUPS  # the first ones asked; the rest not looked up
