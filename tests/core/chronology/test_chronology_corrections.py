"""Correcting an entry's date keeps the agency's own wording beside the correction."""

from __future__ import annotations

from pathlib import Path

from scrchron.chronology import entry_edits
from scrchron.chronology.submission_import import import_file
from scrchron.store import Case, EntryQuery, get_entry, list_entries


def _imported(case_file: Path, school_csv: Path) -> tuple[Case, int]:
    case = Case.open(case_file)
    import_file(case, school_csv, "Primary School")
    entry = next(e for e in list_entries(case, EntryQuery(agencies=["Primary School"]))
                 if e.date_text == "not known")
    return case, entry.id


def test_a_corrected_date_keeps_the_agencys_wording_and_is_flagged(case_file: Path, school_csv: Path) -> None:
    case, entry_id = _imported(case_file, school_csv)
    with case:
        entry_edits.correct_date(case, entry_id, "12 Feb 2015")
        entry = get_entry(case, entry_id)
        assert (entry.date_text, entry.start) == ("12 Feb 2015", "2015-02-12")
        assert entry.extra[entry_edits.AGENCY_DATE] == "not known"
        assert entry_edits.DATE_CORRECTED in entry.flags
        entry_edits.correct_date(case, entry_id, "13 Feb 2015")  # a second correction keeps the first wording
        assert get_entry(case, entry_id).extra[entry_edits.AGENCY_DATE] == "not known"
        entry_edits.correct_date(case, entry_id, "not known")  # back to what the agency wrote
        entry = get_entry(case, entry_id)
        assert entry_edits.AGENCY_DATE not in entry.extra and entry_edits.DATE_CORRECTED not in entry.flags


def test_an_entry_added_by_hand_has_no_agency_wording_to_keep(case_file: Path) -> None:
    with Case.open(case_file) as case:
        entry = entry_edits.add_by_hand(case, "Police", "3 March 2015", "Call from a neighbour.")
        entry_edits.correct_date(case, entry.id, "4 March 2015")
        corrected = get_entry(case, entry.id)
        assert entry_edits.AGENCY_DATE not in corrected.extra
        assert entry_edits.DATE_CORRECTED not in corrected.flags
