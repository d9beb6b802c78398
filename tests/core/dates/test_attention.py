"""'Needs attention' is one rule: the store's SQL filter, the import's count and the
window's shading all follow scrchron.dates.attention."""

from __future__ import annotations

from pathlib import Path

from scrchron.chronology.entry_edits import set_interval
from scrchron.chronology.submission_import import import_file
from scrchron.dates.attention import ATTENTION_FLAGS, attention_flag_counts, needs_attention, settled_by_hand
from scrchron.store import Case, EntryQuery, entry_ids, get_entry, list_entries


def test_the_store_filter_and_the_rule_agree_on_every_entry(case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        import_file(case, school_csv, "Primary School")
        everything = list_entries(case, EntryQuery())
        by_rule = {e.id for e in everything if needs_attention(e.flags, e.start, e.uncertain)}
        assert set(entry_ids(case, EntryQuery(needs_attention=True))) == by_rule
        assert 0 < len(by_rule) < len(everything)  # the sample has both kinds


def test_the_import_counts_what_the_filter_finds(case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        summary = import_file(case, school_csv, "Primary School")
        found = entry_ids(case, EntryQuery(agencies=["Primary School"], needs_attention=True))
        assert summary.needs_attention == len(found) == 2  # "?03/03/2015" and "not known"
        assert set(attention_flag_counts(summary.date_flags)) <= set(ATTENTION_FLAGS)


def test_a_date_set_by_hand_no_longer_needs_attention_unless_the_agency_doubted_it(case_file: Path) -> None:
    with Case.open(case_file) as case:
        undated = next(e for e in list_entries(case, EntryQuery()) if e.start is None)
        set_interval(case, undated.id, "2015-02-01", "2015-02-28", "month")
        assert undated.id not in entry_ids(case, EntryQuery(needs_attention=True))
        changed = get_entry(case, undated.id)
        assert not needs_attention(changed.flags, changed.start, changed.uncertain)
    assert settled_by_hand(["unparsed", "ambiguous-order", "uncertain", "outside-scope"]) == \
        ["uncertain", "outside-scope"]


def test_significance_is_filtered_in_the_store(case_file: Path) -> None:
    from scrchron.analysis import operations

    with Case.open(case_file) as case:
        first = list_entries(case, EntryQuery())[3]
        operations.annotate_entry(case, first.id, significance="key")
        marked = {e.id for e in list_entries(case, EntryQuery()) if e.significance == "key"}
        assert set(entry_ids(case, EntryQuery(significance="key"))) == marked == {first.id}
