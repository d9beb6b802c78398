"""The import's seam: read, prepare (nothing written), commit (one transaction)."""

from __future__ import annotations

from pathlib import Path

from scrchron.chronology.submission_import import commit_import, import_file, prepare_import, read_submission
from scrchron.store import Case, EntryQuery, count_entries, list_entries


def _state(case: Case) -> tuple[int, int, int, int]:
    conn = case.db.conn
    return (count_entries(case, EntryQuery()), len(case.agencies()),
            conn.execute("SELECT count(*) FROM submissions").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_preparing_writes_nothing_and_committing_stores_what_was_prepared(
        case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        before = _state(case)
        agency, parsed = read_submission(case, school_csv, "Primary School")
        prepared = prepare_import(case, parsed, agency)
        assert _state(case) == before
        assert prepared.summary.imported == 5 and prepared.summary.submission_id is None
        school_csv.unlink()  # the file is not read again
        summary = commit_import(case, prepared, agency_colour="#226688".upper())
        school = case.find_agency("Primary School")
        assert school is not None and school.colour == "#226688".upper()
        assert summary.submission_id is not None
        stored = sorted(e.event for e in list_entries(case, EntryQuery(agencies=["Primary School"])))
        assert stored == sorted(e.event for e in prepared.entries)


def test_the_colour_lands_with_the_import_not_after_it(case_file: Path, school_csv: Path) -> None:
    """One transaction: the audit has the agency added with its colour, no later recolouring."""
    with Case.open(case_file) as case:
        import_file(case, school_csv, "Primary School", agency_colour="#AA3377")
        rows = case.db.conn.execute(
            "SELECT action, field FROM audit WHERE table_name = 'agencies' ORDER BY id").fetchall()
        assert ("update", "colour") not in [tuple(r) for r in rows]
        school = case.find_agency("Primary School")
        assert school is not None and school.colour == "#AA3377"


def test_a_dry_run_is_a_prepared_import(case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        before = _state(case)
        summary = import_file(case, school_csv, "Primary School", dry_run=True)
        assert summary.dry_run and summary.imported == 5
        assert _state(case) == before


def test_a_prepared_replacement_counts_what_changes(case_file: Path, school_csv: Path) -> None:
    with Case.open(case_file) as case:
        import_file(case, school_csv, "Primary School")
        school_csv.write_text(school_csv.read_text(encoding="utf-8").replace(
            "Last day of term.", "Last day of term; child collected by grandmother."), encoding="utf-8")
        dry = import_file(case, school_csv, "Primary School", replace=True, dry_run=True)
        agency, parsed = read_submission(case, school_csv, "Primary School")
        prepared = prepare_import(case, parsed, agency, replace=True)
        counts = ("unchanged", "changed", "added", "withdrawn")
        assert [getattr(prepared.summary, c) for c in counts] == [getattr(dry, c) for c in counts]
        assert prepared.summary.unchanged == 4 and prepared.summary.added + prepared.summary.changed == 1
        summary = commit_import(case, prepared)
        assert summary.replaced and summary.version == 2
