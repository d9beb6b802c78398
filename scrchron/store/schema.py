"""The case file's schema and its migrations.

The schema version lives in ``PRAGMA user_version``. Each migration takes the
file from version N-1 to N inside one transaction. A file whose version is
higher than ``SCHEMA_VERSION`` was written by a newer scrchron and is refused;
an older one is backed up beside itself and then migrated (see store.case).

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from contextlib import closing

import sqlite_utils

#: 'SCRC' as a big-endian int: marks an SQLite file as a scrchron case file.
APPLICATION_ID = 0x53435243

_V1 = """
CREATE TABLE review (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    review_type TEXT NOT NULL,
    subject_name TEXT NOT NULL DEFAULT '',
    subject_pseudonym TEXT NOT NULL DEFAULT '',
    subject_dob TEXT,
    scope_from TEXT,
    scope_to TEXT,
    incident_date TEXT,
    commissioned_date TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    short_name TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '#7F7F7F'
);
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    importer TEXT NOT NULL,
    mapping TEXT NOT NULL DEFAULT '{}',
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    submission_id INTEGER REFERENCES submissions(id),
    sheet TEXT NOT NULL DEFAULT '',
    row INTEGER,
    seq REAL NOT NULL DEFAULT 0,
    date_text TEXT NOT NULL DEFAULT '',
    start TEXT,
    "end" TEXT,
    precision TEXT NOT NULL DEFAULT 'unknown',
    uncertain INTEGER NOT NULL DEFAULT 0,
    flags TEXT NOT NULL DEFAULT '[]',
    time_text TEXT NOT NULL DEFAULT '',
    time TEXT,
    end_date_text TEXT NOT NULL DEFAULT '',
    end_time_text TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL,
    action TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    practitioner_role TEXT NOT NULL DEFAULT '',
    agency_comment TEXT NOT NULL DEFAULT '',
    reviewer_note TEXT NOT NULL DEFAULT '',
    significance TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX entries_agency ON entries(agency_id);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER,
    field TEXT NOT NULL DEFAULT '',
    old TEXT,
    new TEXT
);
"""

_V2 = """
ALTER TABLE review ADD COLUMN protective_marking TEXT NOT NULL DEFAULT 'OFFICIAL-SENSITIVE';
ALTER TABLE agencies ADD COLUMN mapping TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN skipped TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN status TEXT NOT NULL DEFAULT 'current';
ALTER TABLE submissions ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE entries ADD COLUMN date_manual INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN contact_type TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN good_practice INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN child_seen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN child_views INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN original TEXT NOT NULL DEFAULT '{}';
CREATE INDEX entries_order ON entries(start IS NULL, start, seq, agency_id, row, id);
CREATE INDEX entries_submission ON entries(submission_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    pseudonym TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    dob TEXT,
    is_subject INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    conflict INTEGER NOT NULL DEFAULT 0,
    manual INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE TABLE group_entries (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    PRIMARY KEY (group_id, entry_id)
);
CREATE INDEX group_entries_entry ON group_entries(entry_id);
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entry_themes (
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    theme_id INTEGER NOT NULL REFERENCES themes(id),
    PRIMARY KEY (entry_id, theme_id)
);
CREATE TABLE episodes (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    period_from TEXT,
    period_to TEXT,
    summary TEXT NOT NULL DEFAULT '',
    analysis TEXT NOT NULL DEFAULT '',
    good_practice TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT ''
);
CREATE TABLE episode_entries (
    episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    PRIMARY KEY (episode_id, entry_id)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    narrative TEXT NOT NULL DEFAULT ''
);
CREATE TABLE finding_themes (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes(id),
    PRIMARY KEY (finding_id, theme_id)
);
CREATE TABLE finding_entries (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    PRIMARY KEY (finding_id, entry_id)
);
CREATE TABLE finding_episodes (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    PRIMARY KEY (finding_id, episode_id)
);
CREATE TABLE finding_agencies (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (finding_id, agency_id)
);
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT ''
);
CREATE TABLE recommendation_findings (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    PRIMARY KEY (recommendation_id, finding_id)
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id),
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL DEFAULT 'not started'
        CHECK (status IN ('not started', 'in progress', 'complete')),
    evidence TEXT NOT NULL DEFAULT '',
    updated_at TEXT
);
"""

#: The entry columns the chronology search covers (FTS5, porter stemming).
FTS_COLUMNS = ["event", "action", "source", "agency_comment", "reviewer_note", "date_text"]
#: The trigger sqlite-utils creates to index each inserted entry.
FTS_INSERT_TRIGGER = "entries_ai"


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    db.executescript(_V1)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    db.executescript(_V2)
    db.table("entries").enable_fts(
        FTS_COLUMNS, fts_version="FTS5", create_triggers=True, tokenize="porter"
    )


_V3 = """
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    due TEXT,
    done TEXT,
    agency_id INTEGER REFERENCES agencies(id),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX milestones_agency ON milestones(agency_id);
CREATE TABLE agency_summaries (
    agency_id INTEGER PRIMARY KEY REFERENCES agencies(id),
    answers TEXT NOT NULL DEFAULT '{}',
    file_name TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL DEFAULT ''
);
"""


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    """The review's timetable (milestones) and the agencies' summaries of their involvement."""
    db.executescript(_V3)


#: MIGRATIONS[n] takes a file from version n to n + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_to_1, _migrate_to_2, _migrate_to_3]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database) -> int:
    """The schema version written in the file."""
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> None:
    """Bring the file up to ``target``, one migration per transaction."""
    for version in range(user_version(db), target):
        with db.atomic():
            MIGRATIONS[version](db)
            db.conn.execute(f"PRAGMA user_version = {version + 1}")


# -- checking a file's schema ---------------------------------------------------------------

#: Objects SQLite makes itself (statistics, autoincrement, automatic indexes).
_SQLITE_OWN = "sqlite_"


def _normalised(sql: str | None) -> str:
    return " ".join((sql or "").replace('"', "").replace("[", "").replace("]", "").split()).lower()


@functools.cache
def expected_objects(version: int) -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of every object a file of ``version`` holds."""
    with closing(sqlite3.connect(":memory:")) as conn:
        migrate(sqlite_utils.Database(conn), version)
        return _objects(conn)


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return {(str(kind), str(name)): _normalised(sql) for kind, name, sql in rows
            if not str(name).startswith(_SQLITE_OWN)}


def _fts_shadow(name: str) -> bool:
    """The FTS index's own tables: their SQL is SQLite's, and may differ between versions."""
    return name.startswith("entries_fts_")


def unexpected_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """What in a file's schema scrchron did not make: 'trigger wipe_audit', 'view x'...

    A trigger, view, table or index that is not in the schema of the file's version,
    or one whose definition differs (a changed trigger runs on every write), is listed.
    """
    expected = expected_objects(version)
    present = _objects(conn)
    found = []
    for (kind, name), sql in sorted(present.items()):
        wanted = expected.get((kind, name))
        if wanted is None or (wanted != sql and not _fts_shadow(name)):
            found.append(f"{kind} '{name}'" if wanted is None else f"changed {kind} '{name}'")
    missing = [f"missing {kind} '{name}'" for kind, name in sorted(expected) if (kind, name) not in present]
    return found + missing


def harmless_to_read(found: list[str]) -> bool:
    """True when only extra triggers, views or indexes were found: a read-only open runs none."""
    return all(item.startswith(("trigger ", "view ", "index ")) for item in found)


# -- checking a file's values ----------------------------------------------------------------

_ISO_DAY = "({c} IS NULL OR {c} IS date({c}))"
_ISO_MOMENT = "({c} IS NULL OR substr({c}, 1, 10) IS date(substr({c}, 1, 10)))"
_JSON = "(json_valid({c}) IS 1)"

#: (table, what the reviewer is told, condition every row must meet) for the values scrchron
#: reads back as JSON or as dates: a file changed outside scrchron may hold anything there.
VALUE_CHECKS: tuple[tuple[str, str, str], ...] = (
    ("review", "a date of the review", " AND ".join(_ISO_DAY.format(c=c) for c in (
        "subject_dob", "scope_from", "scope_to", "incident_date", "commissioned_date"))),
    ("entries", "an entry's flags, extra columns or original cells",
     " AND ".join(_JSON.format(c=c) for c in ("flags", "extra", "original"))),
    ("entries", "an entry's start or end", " AND ".join(_ISO_MOMENT.format(c=c) for c in ("start", '"end"'))),
    ("agencies", "an agency's saved column mapping", _JSON.format(c="mapping")),
    ("agency_summaries", "an agency's summary answers", _JSON.format(c="answers")),
    ("milestones", "a milestone's date", " AND ".join(_ISO_DAY.format(c=c) for c in ("due", "done"))),
    ("submissions", "a submission's details", " AND ".join(_JSON.format(c=c) for c in (
        "mapping", "skipped", "details"))),
)


def unreadable_value(conn: sqlite3.Connection, version: int) -> str:
    """The first stored value scrchron could not read back ('entries row 12: ...'), or ''."""
    if version < SCHEMA_VERSION:
        return ""  # an older file is checked after it is updated (in memory for a reader)
    for table, what, condition in VALUE_CHECKS:
        row = conn.execute(f"SELECT rowid FROM {table} WHERE NOT ({condition}) LIMIT 1").fetchone()
        if row is not None:
            return f"{what} (row {row[0]} of {table})"
    return ""
