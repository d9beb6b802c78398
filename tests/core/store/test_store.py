"""The case file: schema, migrations, transactions, audit log, full-text search, order."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrchron.errors import CaseFileError, NewerCaseFileError, NotFoundError, ValidationError
from scrchron.records.case_records import Entry, Review
from scrchron.store import (
    Case,
    EntryQuery,
    add_entry,
    cipher,
    count_entries,
    get_entry,
    insert_entries,
    list_entries,
    schema,
    update_entry,
)

V1_FIXTURE = Path(__file__).parent / "data" / "v1.scrchron"


def make_case(tmp_path: Path, passphrase: str | None = None, **review: str) -> Case:
    values = {"title": "Child T", "review_type": "cspr"} | review
    return Case.create(tmp_path / "t.scrchron", Review(**values), passphrase=passphrase)


def entry(agency_id: int, event: str, start: str | None, **more: object) -> Entry:
    return Entry(agency_id=agency_id, event=event, date_text=start or "unknown", start=start,
                 end=start, precision="day" if start else "unknown", **more)  # type: ignore[arg-type]


@pytest.fixture
def case(tmp_path: Path, passphrase: str | None) -> Iterator[Case]:
    """A new case, plain and then protected with a passphrase (every test runs on both)."""
    opened = make_case(tmp_path, passphrase, scope_from="2014-01-01", scope_to="2015-12-31")
    yield opened
    opened.close()


def test_new_case_file_has_schema_pragmas_and_review(case: Case) -> None:
    conn = case.db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    review = case.review()
    assert (review.title, review.review_type, review.scope_from) == ("Child T", "cspr", "2014-01-01")
    assert "entries_fts" in case.db.table_names()


def test_new_case_gets_default_themes_for_its_type(tmp_path: Path, passphrase: str | None) -> None:
    with make_case(tmp_path, passphrase, review_type="sar") as sar:
        names = [row["name"] for row in sar.db.query("SELECT name FROM themes")]
    assert "Self-neglect" in names and "Information sharing" in names
    assert "Babies' vulnerability" not in names


def test_create_refuses_existing_file_and_bad_review(tmp_path: Path) -> None:
    make_case(tmp_path).close()
    with pytest.raises(CaseFileError, match="already exists"):
        make_case(tmp_path)
    with pytest.raises(ValidationError, match="Unknown review type 'xyz'"):
        Case.create(tmp_path / "other.scrchron", Review("T", "xyz"))
    with pytest.raises(ValidationError, match=r"ends .* before it starts"):
        Case.create(tmp_path / "o2.scrchron", Review("T", "sar", scope_from="2015-01-01", scope_to="2014-01-01"))
    assert not (tmp_path / "other.scrchron").exists()
    assert not (tmp_path / "o2.scrchron").exists()


def test_create_in_read_only_location_says_so_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root in CI, where folder permissions do not stop writes, so the
    # operating system's refusal is simulated at the point the file is put in place.
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(CaseFileError, match="read-only or you do not have permission"):
        Case.create(tmp_path / "x.scrchron", Review("T", "cspr"))
    assert list(tmp_path.iterdir()) == []


def test_open_refuses_what_is_not_a_case_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.scrchron"
    text.write_text("hello")
    with pytest.raises(CaseFileError, match="not a scrchron case file"):
        Case.open(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(CaseFileError, match="SQLite file but not a scrchron case file"):
        Case.open(other)
    with pytest.raises(CaseFileError, match="No case file"):
        Case.open(tmp_path / "missing.scrchron")
    with pytest.raises(CaseFileError, match="is a folder"):
        Case.open(tmp_path)


def test_open_refuses_newer_file_and_leaves_it_alone(tmp_path: Path) -> None:
    make_case(tmp_path).close()
    path = tmp_path / "t.scrchron"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerCaseFileError, match="newer version of scrchron"):
        Case.open(path)
    assert path.read_bytes() == before


def test_older_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.scrchron"
    shutil.copy(V1_FIXTURE, path)
    with Case.open(path) as case:
        assert schema.user_version(case.db) == schema.SCHEMA_VERSION
        events = [e.event for e in list_entries(case)]
        assert events == ["New birth visit completed", "Domestic incident; PPN sent",
                          "Neighbour reported shouting"]
        assert case.review().protective_marking == "OFFICIAL-SENSITIVE"
        assert [e.event for e in list_entries(case, EntryQuery(search="shouting"))] == [
            "Neighbour reported shouting"
        ]
    backups = list(tmp_path.glob("old.v1-backup-*.scrchron"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 3


def test_each_migration_step_applies_in_order(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "m.db"), execute_plugins=False)
    schema.migrate(db, target=1)
    assert schema.user_version(db) == 1
    assert "people" not in db.table_names()
    schema.migrate(db)
    assert schema.user_version(db) == schema.SCHEMA_VERSION
    assert {"people", "groups", "episodes", "findings", "actions"} <= set(db.table_names())


def test_failed_migration_rolls_back_whole_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "m.db"), execute_plugins=False)
    schema.migrate(db, target=1)

    def broken(database: sqlite_utils.Database) -> None:
        database.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db, target=2)
    assert schema.user_version(db) == 1
    assert "half_done" not in db.table_names()


def test_entries_come_in_chronological_order_with_undated_last(case: Case) -> None:
    police = case.add_agency("Police").id
    health = case.add_agency("Health Visiting").id
    with case.write():
        insert_entries(case, [
            entry(police, "undated note", None),
            entry(health, "same day, health", "2015-03-09", seq=1),
            entry(police, "same day, police", "2015-03-09", seq=1),
            entry(police, "evening", "2015-03-09T19:30", seq=2),
            entry(police, "earlier", "2014-06-01", seq=3),
        ])
    events = [e.event for e in list_entries(case)]
    assert events == ["earlier", "same day, police", "same day, health", "evening", "undated note"]


def test_paging_matches_the_full_order(case: Case) -> None:
    agency = case.add_agency("Police").id
    with case.write():
        insert_entries(case, [entry(agency, f"e{i}", f"2015-01-{1 + i % 28:02d}", seq=i) for i in range(60)])
    full = [e.id for e in list_entries(case)]
    pages = [e.id for offset in range(0, 60, 25)
             for e in list_entries(case, EntryQuery(limit=25, offset=offset))]
    assert pages == full and len(full) == 60


def test_filters_by_agency_dates_flags_and_hidden(case: Case) -> None:
    police = case.add_agency("Police", short_name="POL").id
    school = case.add_agency("School").id
    with case.write():
        insert_entries(case, [
            entry(police, "in 2014", "2014-05-01"),
            entry(school, "school 2015", "2015-02-01", flags=["year-inferred"]),
            entry(police, "old", "2010-01-01", flags=["outside-scope"]),
            entry(police, "gone", "2015-03-01", withdrawn=True),
        ])
    assert [e.event for e in list_entries(case, EntryQuery(agencies=["pol"]))] == ["in 2014"]
    assert [e.event for e in list_entries(case, EntryQuery(date_from="2015-01-01"))] == ["school 2015"]
    assert [e.event for e in list_entries(case, EntryQuery(date_to="2014-12-31"))] == ["in 2014"]
    assert [e.event for e in list_entries(case, EntryQuery(flags=["year-inferred"]))] == ["school 2015"]
    assert count_entries(case) == 2
    everything = [e.event for e in list_entries(case, EntryQuery(include_hidden=True))]
    assert everything == ["old", "in 2014", "school 2015", "gone"]
    assert [e.event for e in list_entries(case, EntryQuery(flags=["withdrawn"], include_hidden=True))] == ["gone"]


def test_date_range_filter_keeps_intervals_that_overlap(case: Case) -> None:
    agency = case.add_agency("Police").id
    spring = Entry(agency_id=agency, event="spring", date_text="Spring 2015", start="2015-03-01",
                   end="2015-05-31", precision="season")
    with case.write():
        insert_entries(case, [spring])
    assert [e.event for e in list_entries(case, EntryQuery(date_from="2015-04-15"))] == ["spring"]
    assert list_entries(case, EntryQuery(date_from="2015-06-01")) == []


def test_full_text_search_follows_inserts_and_edits(case: Case) -> None:
    agency = case.add_agency("Police").id
    entry_id = add_entry(case, entry(agency, "Strategy discussion with health", "2015-01-01"))
    assert [e.id for e in list_entries(case, EntryQuery(search="strategy"))] == [entry_id]
    assert [e.id for e in list_entries(case, EntryQuery(search="discussions"))] == [entry_id]  # stemmed
    update_entry(case, entry_id, {"event": "Home visit by social worker"})
    assert list_entries(case, EntryQuery(search="strategy")) == []
    assert [e.id for e in list_entries(case, EntryQuery(search="home visit"))] == [entry_id]
    # punctuation in the user's words is quoted, not an FTS syntax error
    assert list_entries(case, EntryQuery(search='visit" OR (')) == []


def _search_index_is_sound(case: Case) -> None:
    case.db.conn.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")


def test_a_large_batch_is_indexed_for_search_in_one_pass(case: Case) -> None:
    from scrchron.store.entries import BULK_INDEX_FROM

    agency = case.add_agency("Police").id
    add_entry(case, entry(agency, "Earlier visit by the health visitor", "2014-02-01"))
    batch = [entry(agency, f"Routine contact {n}", "2015-01-01") for n in range(BULK_INDEX_FROM)]
    batch[-1].event = "Strategy discussion held"
    with case.write():
        ids = insert_entries(case, batch)
    assert [e.id for e in list_entries(case, EntryQuery(search="strategy"))] == [ids[-1]]
    assert len(list_entries(case, EntryQuery(search="routine"))) == BULK_INDEX_FROM - 1
    assert [e.event for e in list_entries(case, EntryQuery(search="health visitor"))] == [
        "Earlier visit by the health visitor"]
    _search_index_is_sound(case)
    # the per-row trigger is back: a single entry added later is found too
    later = add_entry(case, entry(agency, "Core group meeting", "2015-03-01"))
    assert [e.id for e in list_entries(case, EntryQuery(search="core group"))] == [later]
    _search_index_is_sound(case)


def test_a_large_batch_that_fails_leaves_search_and_triggers_as_they_were(case: Case) -> None:
    from scrchron.store.entries import BULK_INDEX_FROM

    agency = case.add_agency("Police").id
    triggers = case.db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    batch = [entry(agency, f"Visit {n}", "2015-01-01") for n in range(BULK_INDEX_FROM + 5)]
    with pytest.raises(RuntimeError), case.write():
        insert_entries(case, batch)
        raise RuntimeError("crash after the insert")
    assert case.count("entries") == 0
    assert case.db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall() \
        == triggers
    _search_index_is_sound(case)
    entry_id = add_entry(case, entry(agency, "Visit after the failure", "2015-01-02"))
    assert [e.id for e in list_entries(case, EntryQuery(search="failure"))] == [entry_id]


def test_audit_log_records_every_change_with_old_and_new(case: Case) -> None:
    agency = case.add_agency("Police").id
    entry_id = add_entry(case, entry(agency, "Visit", "2015-01-01"))
    update_entry(case, entry_id, {"reviewer_note": "Child not seen", "significance": "key"})
    case.update_review(title="Child T (renamed)")
    log = case.audit_log()
    changes = {(r.table, r.field): (r.old, r.new) for r in log if r.action == "update"}
    assert changes[("entries", "reviewer_note")] == ("", "Child not seen")
    assert changes[("entries", "significance")] == ("", "key")
    assert changes[("review", "title")] == ("Child T", "Child T (renamed)")
    actions = [(r.action, r.table) for r in log]
    assert ("insert", "entries") in actions and ("insert", "agencies") in actions
    assert all(r.at for r in log)


def test_a_failed_write_changes_nothing(case: Case) -> None:
    agency = case.add_agency("Police").id
    before = case.count("entries"), case.count("audit")
    with pytest.raises(RuntimeError), case.write():
        insert_entries(case, [entry(agency, "one", "2015-01-01"), entry(agency, "two", "2015-01-02")])
        case.audit("import", "entries", None, "", None, "2 entries")
        raise RuntimeError("crash mid-import")
    assert (case.count("entries"), case.count("audit")) == before


def test_invalid_edits_are_refused_and_unknown_ids_named(case: Case) -> None:
    agency = case.add_agency("Police").id
    entry_id = add_entry(case, entry(agency, "Visit", "2015-01-01"))
    with pytest.raises(ValidationError, match="Significance"):
        update_entry(case, entry_id, {"significance": "huge"})
    with pytest.raises(ValidationError, match="event text"):
        update_entry(case, entry_id, {"event": "  "})
    with pytest.raises(NotFoundError, match="no entry 999"):
        get_entry(case, 999)
    assert get_entry(case, entry_id).significance == ""


def test_unmapped_columns_and_original_text_round_trip(case: Case) -> None:
    agency = case.add_agency("Police").id
    item = entry(agency, "Visit", "2015-01-01", extra={"Impact": "negative"},
                 original={"Date": "1/1/15", "Details": "Visit"}, sheet="Sheet1", row=7)
    entry_id = add_entry(case, item)
    stored = get_entry(case, entry_id)
    assert stored.extra == {"Impact": "negative"}
    assert stored.original == {"Date": "1/1/15", "Details": "Visit"}
    assert (stored.sheet, stored.row, stored.agency) == ("Sheet1", 7, "Police")


def test_agencies_have_names_colours_and_no_duplicates(case: Case) -> None:
    police = case.add_agency("Police", short_name="POL")
    school = case.add_agency("School", colour="#123abc")
    assert police.colour.startswith("#") and school.colour == "#123ABC"
    assert case.find_agency("pol") == police
    with pytest.raises(ValidationError, match="already an agency"):
        case.add_agency("police")
    with pytest.raises(ValidationError, match="#RRGGBB"):
        case.update_agency(police.id, colour="red")
    updated = case.update_agency(police.id, mapping={"event": "Details"})
    assert updated.mapping == {"event": "Details"}


def test_read_only_case_refuses_writes(case: Case) -> None:
    key = case.key
    case.close()
    with Case.open(case.path, read_only=True, key=key) as reader, \
            pytest.raises(CaseFileError, match="read-only"):
        reader.add_agency("Police")


def test_settings_are_stored_in_the_case(case: Case) -> None:
    assert case.setting("gap_days", "60") == "60"
    case.set_setting("gap_days", "90")
    assert case.setting("gap_days") == "90"


def test_a_failed_large_batch_caught_by_its_caller_keeps_search_working(case: Case) -> None:
    from scrchron.store.entries import BULK_INDEX_FROM

    police = case.add_agency("Police").id
    batch = [entry(police, f"Visit {n}", "2015-01-01") for n in range(BULK_INDEX_FROM)]
    batch[-1].agency_id = 999  # no such agency: the insert fails at its last row
    with case.write():
        with pytest.raises(cipher.IntegrityError):
            insert_entries(case, batch)
        case.set_setting("note", "the caller carries on and commits")  # a write that lands
    assert case.count("entries") == 0
    triggers = {row[0] for row in case.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "entries_ai" in triggers
    later = add_entry(case, entry(police, "Zebra crossing patrol", "2015-02-01"))
    assert [e.id for e in list_entries(case, EntryQuery(search="zebra"))] == [later]
    _search_index_is_sound(case)
