"""The learning library's own small SQLite file, and every SQL statement about it.

The library is not a copy of the cases: it keeps which case files it knows, when it
last read each (with the file's time and size, so an unchanged case is not read
again), and each review's summary (review details, findings, themes,
recommendations, actions, agencies; never entries, never names). Each case's
summary is replaced in one transaction. Cases are read elsewhere (library.reading).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from scrchron.errors import CaseFileError
from scrchron.library.model import FileStamp, LibraryCase, ReviewSummary, ViewFilter

#: 'SCRL' as a big-endian int: marks an SQLite file as a scrchron learning library.
APPLICATION_ID = 0x5343524C
SCHEMA_VERSION = 1
_CASE_APPLICATION_ID = 0x53435243

_SCHEMA = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'unread',
    reason TEXT NOT NULL DEFAULT '',
    case_id TEXT,
    mtime_ns INTEGER, size INTEGER, wal_mtime_ns INTEGER, wal_size INTEGER,
    read_at TEXT,
    title TEXT NOT NULL DEFAULT '',
    review_type TEXT NOT NULL DEFAULT '',
    year INTEGER,
    incident_date TEXT,
    age_band TEXT NOT NULL DEFAULT '',
    plan_at_incident TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_case_id ON cases(case_id);
CREATE TABLE findings (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, title TEXT NOT NULL, narrative TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_ref, number)
);
CREATE TABLE finding_themes (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    finding INTEGER NOT NULL, theme TEXT NOT NULL
);
CREATE INDEX finding_themes_case ON finding_themes(case_ref);
CREATE INDEX finding_themes_theme ON finding_themes(theme);
CREATE TABLE finding_agencies (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    finding INTEGER NOT NULL, agency TEXT NOT NULL
);
CREATE INDEX finding_agencies_case ON finding_agencies(case_ref);
CREATE TABLE recommendations (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_ref, number)
);
CREATE TABLE recommendation_themes (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    recommendation INTEGER NOT NULL, theme TEXT NOT NULL
);
CREATE INDEX recommendation_themes_case ON recommendation_themes(case_ref);
CREATE TABLE actions (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, recommendation INTEGER NOT NULL, text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '', due TEXT, status TEXT NOT NULL,
    has_evidence INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_ref, position)
);
CREATE INDEX actions_owner ON actions(owner COLLATE NOCASE);
CREATE INDEX actions_recommendation ON actions(case_ref, recommendation);
CREATE TABLE agencies (
    case_ref INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name TEXT NOT NULL, first_contact TEXT, last_contact TEXT, entries INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agencies_case ON agencies(case_ref);
CREATE INDEX agencies_name ON agencies(name COLLATE NOCASE);
"""

#: The summary tables, each cleared when its case is read again.
SUMMARY_TABLES = ("findings", "finding_themes", "finding_agencies", "recommendations",
                  "recommendation_themes", "actions", "agencies")


class LibraryError(CaseFileError):
    """The library file cannot be created, opened or written."""


class LibraryStore:
    """The open library file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @classmethod
    def open(cls, path: Path | str, create: bool = False) -> LibraryStore:
        """Open a library file; make it when ``create`` and it is not there.

        Raises:
            LibraryError: it is missing, a case file, another kind of file, or from a newer scrchron.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise LibraryError(f"No learning library at {path}. Make one with: "
                                   f'scrchron library add "{path}" CASE...')
            return cls._create(path)
        _check_library(path)
        try:
            conn = sqlite3.connect(str(path), isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error as error:
            raise LibraryError(f"{path.name} cannot be opened as a learning library: {error}.") from None
        return cls(path, conn)

    @classmethod
    def _create(cls, path: Path) -> LibraryStore:
        try:
            conn = sqlite3.connect(str(path), isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.executescript(f"BEGIN; {_SCHEMA} PRAGMA application_id = {APPLICATION_ID}; "
                               f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        except sqlite3.Error as error:
            raise LibraryError(f"The learning library {path.name} could not be made: {error}.") from None
        return cls(path, conn)

    def close(self) -> None:
        """Close the library file."""
        self.conn.close()

    def __enter__(self) -> LibraryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: lands whole or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- the cases it knows ---------------------------------------------------

    def add_path(self, path: str) -> int:
        """The row of a case path, added when new."""
        self.conn.execute("INSERT OR IGNORE INTO cases (path) VALUES (?)", [path])
        return int(self.conn.execute("SELECT id FROM cases WHERE path = ?", [path]).fetchone()[0])

    def remove_path(self, path: str) -> bool:
        """Forget a case path and its summary; True when it was there."""
        with self.transaction():
            return self.conn.execute("DELETE FROM cases WHERE path = ?", [path]).rowcount > 0

    def cases(self) -> list[LibraryCase]:
        """Every case file the library knows, in the order added."""
        sql = ("SELECT c.id, c.path, c.status, c.reason, c.read_at, c.case_id, c.title, c.review_type, "
               "c.year, (SELECT COUNT(*) FROM findings WHERE case_ref = c.id), "
               "(SELECT COUNT(*) FROM recommendations WHERE case_ref = c.id), "
               "(SELECT COUNT(*) FROM actions WHERE case_ref = c.id) FROM cases c ORDER BY c.id")
        return [LibraryCase(*row) for row in self.conn.execute(sql)]

    def stamp_of(self, case_ref: int) -> tuple[str, FileStamp | None]:
        """The status of a case and the stamp of the file when it was last read."""
        row = self.conn.execute("SELECT status, mtime_ns, size, wal_mtime_ns, wal_size FROM cases "
                                "WHERE id = ?", [case_ref]).fetchone()
        stamp = None if row[1] is None else FileStamp(row[1], row[2], row[3] or 0, row[4] or 0)
        return str(row[0]), stamp

    def path_with_case_id(self, case_id: str, other_than: int) -> str | None:
        """The path of another read case with this case id (the same case under another name)."""
        row = self.conn.execute("SELECT path FROM cases WHERE case_id = ? AND id != ? AND status = 'read' "
                                "ORDER BY id LIMIT 1", [case_id, other_than]).fetchone()
        return None if row is None else str(row[0])

    def save_refusal(self, case_ref: int, status: str, reason: str, stamp: FileStamp | None,
                     read_at: str, case_id: str | None = None) -> None:
        """Record why a case is not in the views (its old summary goes)."""
        with self.transaction():
            self._clear(case_ref)
            self.conn.execute(
                "UPDATE cases SET status = ?, reason = ?, case_id = ?, read_at = ?, title = '', "
                "review_type = '', year = NULL, incident_date = NULL, age_band = '', plan_at_incident = '' "
                "WHERE id = ?", [status, reason, case_id, read_at, case_ref])
            self._set_stamp(case_ref, stamp)

    def save_summary(self, case_ref: int, summary: ReviewSummary, stamp: FileStamp | None,
                     read_at: str) -> None:
        """Replace a case's summary in one transaction."""
        with self.transaction():
            self._clear(case_ref)
            self.conn.execute(
                "UPDATE cases SET status = 'read', reason = '', case_id = ?, read_at = ?, title = ?, "
                "review_type = ?, year = ?, incident_date = ?, age_band = ?, plan_at_incident = ? "
                "WHERE id = ?",
                [summary.case_id, read_at, summary.title, summary.review_type, summary.year,
                 summary.incident_date, summary.age_band, summary.plan_at_incident, case_ref])
            self._set_stamp(case_ref, stamp)
            self._insert_summary(case_ref, summary)

    def _clear(self, case_ref: int) -> None:
        for table in SUMMARY_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE case_ref = ?", [case_ref])

    def _set_stamp(self, case_ref: int, stamp: FileStamp | None) -> None:
        values = [None] * 4 if stamp is None else [stamp.mtime_ns, stamp.size, stamp.wal_mtime_ns,
                                                   stamp.wal_size]
        self.conn.execute("UPDATE cases SET mtime_ns = ?, size = ?, wal_mtime_ns = ?, wal_size = ? "
                          "WHERE id = ?", [*values, case_ref])

    def _insert_summary(self, ref: int, summary: ReviewSummary) -> None:
        many = self.conn.executemany
        many("INSERT INTO findings VALUES (?, ?, ?, ?)",
             [(ref, f.number, f.title, f.narrative) for f in summary.findings])
        many("INSERT INTO finding_themes VALUES (?, ?, ?)",
             [(ref, f.number, theme) for f in summary.findings for theme in f.themes])
        many("INSERT INTO finding_agencies VALUES (?, ?, ?)",
             [(ref, f.number, agency) for f in summary.findings for agency in f.agencies])
        many("INSERT INTO recommendations VALUES (?, ?, ?, ?)",
             [(ref, r.number, r.text, r.owner) for r in summary.recommendations])
        many("INSERT INTO recommendation_themes VALUES (?, ?, ?)",
             [(ref, r.number, theme) for r in summary.recommendations for theme in r.themes])
        many("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             [(ref, n, a.recommendation, a.text, a.owner, a.due, a.status, int(a.has_evidence))
              for n, a in enumerate(summary.actions, start=1)])
        many("INSERT INTO agencies VALUES (?, ?, ?, ?, ?)",
             [(ref, a.agency, a.first_contact, a.last_contact, a.entries) for a in summary.agencies])

    # -- the views' queries ---------------------------------------------------

    def theme_counts(self, where: ViewFilter) -> list[tuple[str, str, int | None, int, int]]:
        """(theme, review type, year, reviews, findings) for the reviews the filter keeps."""
        clause, args = _filter_sql(where)
        sql = ("SELECT t.theme, c.review_type, c.year, COUNT(DISTINCT c.id), COUNT(DISTINCT t.finding || '/' "
               f"|| c.id) FROM finding_themes t JOIN cases c ON c.id = t.case_ref WHERE {clause} "
               "GROUP BY t.theme, c.review_type, c.year")
        return [tuple(row) for row in self.conn.execute(sql, args)]  # type: ignore[misc]

    def theme_findings(self, theme: str, where: ViewFilter) -> list[tuple[str, int, int, str]]:
        """(review title, review id, finding number, finding title) carrying a theme."""
        clause, args = _filter_sql(where)
        sql = ("SELECT c.title, c.id, f.number, f.title FROM finding_themes t JOIN cases c ON c.id = t.case_ref "
               "JOIN findings f ON f.case_ref = t.case_ref AND f.number = t.finding "
               f"WHERE t.theme = ? COLLATE NOCASE AND {clause} ORDER BY c.year, c.id, f.number")
        return [tuple(row) for row in self.conn.execute(sql, [theme, *args])]  # type: ignore[misc]

    def plan_rows(self, where: ViewFilter, owner: str, overdue_on: str | None,
                  today: str) -> list[tuple[Any, ...]]:
        """Every action (and every recommendation without one) the filters keep, by owner then due date.

        Rows: (title, type, year, recommendation, its text, action text, owner, due, status, overdue).
        ``owner`` keeps the rows an agency owns (the action's owner, else the recommendation's).
        """
        clause, args = _filter_sql(ViewFilter(where.review_type, where.year, "", where.age_band))
        owned = "(CASE WHEN a.owner != '' THEN a.owner ELSE r.owner END)"
        actions = (
            f"SELECT c.title, c.review_type, c.year, r.number, r.text, a.text, {owned}, a.due, a.status, "
            "(a.due IS NOT NULL AND a.due < ? AND a.status != 'complete'), c.id, a.position "
            "FROM actions a JOIN cases c ON c.id = a.case_ref "
            "JOIN recommendations r ON r.case_ref = a.case_ref AND r.number = a.recommendation "
            f"WHERE {clause} AND (? = '' OR {owned} = ? COLLATE NOCASE) "
            "AND (? IS NULL OR (a.due IS NOT NULL AND a.due < ? AND a.status != 'complete'))")
        rows = self.conn.execute(actions, [today, *args, owner, owner, overdue_on, overdue_on]).fetchall()
        if overdue_on is None:
            waiting = (
                "SELECT c.title, c.review_type, c.year, r.number, r.text, '', r.owner, NULL, 'no action yet', 0, "
                "c.id, 0 FROM recommendations r JOIN cases c ON c.id = r.case_ref "
                f"WHERE {clause} AND (? = '' OR r.owner = ? COLLATE NOCASE) AND NOT EXISTS (SELECT 1 FROM "
                "actions a WHERE a.case_ref = r.case_ref AND a.recommendation = r.number)")
            rows += self.conn.execute(waiting, [*args, owner, owner]).fetchall()
        rows.sort(key=lambda r: (r[6].lower(), r[7] is None, r[7] or "", r[10], r[3], r[11]))
        return rows

    def recommendation_rows(self, where: ViewFilter) -> list[tuple[int, str, int, str, str, str]]:
        """(review id, review title, number, text, owner, theme) for every recommendation kept."""
        clause, args = _filter_sql(ViewFilter(where.review_type, where.year, "", where.age_band))
        sql = ("SELECT c.id, c.title, r.number, r.text, r.owner, COALESCE(t.theme, '') FROM recommendations r "
               "JOIN cases c ON c.id = r.case_ref LEFT JOIN recommendation_themes t ON t.case_ref = r.case_ref "
               f"AND t.recommendation = r.number WHERE {clause} AND (? = '' OR r.owner = ? COLLATE NOCASE) "
               "ORDER BY c.id, r.number")
        return [tuple(row) for row in self.conn.execute(sql, [*args, where.agency, where.agency])]  # type: ignore[misc]

    def agency_rows(self, where: ViewFilter) -> list[tuple[str, int, str | None, str | None, int]]:
        """(agency, review id, first contact, incident date, named in a finding) per review kept."""
        clause, args = _filter_sql(ViewFilter(where.review_type, where.year, "", where.age_band))
        sql = ("SELECT a.name, c.id, a.first_contact, c.incident_date, EXISTS (SELECT 1 FROM finding_agencies f "
               "WHERE f.case_ref = c.id AND f.agency = a.name COLLATE NOCASE) FROM agencies a "
               f"JOIN cases c ON c.id = a.case_ref WHERE {clause} ORDER BY a.name COLLATE NOCASE")
        return [tuple(row) for row in self.conn.execute(sql, args)]  # type: ignore[misc]

    def review_rows(self, where: ViewFilter) -> list[tuple[int, str]]:
        """(review id, plan at incident) of every read review the filters keep."""
        clause, args = _filter_sql(where)
        return [(int(r[0]), str(r[1])) for r in self.conn.execute(
            f"SELECT c.id, c.plan_at_incident FROM cases c WHERE {clause} ORDER BY c.id", args)]

    def table_rows(self, sql_name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The columns and rows of one of the open export's tables (see ``EXPORT_QUERIES``)."""
        cursor = self.conn.execute(EXPORT_QUERIES[sql_name])
        return [d[0] for d in cursor.description], [tuple(row) for row in cursor]


def _filter_sql(where: ViewFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over ``cases c`` for a filter (read reviews only)."""
    clauses: list[str] = ["c.status = 'read'"]
    args: list[Any] = []
    if where.review_type:
        clauses.append("c.review_type = ?")
        args.append(where.review_type.lower())
    if where.year is not None:
        clauses.append("c.year = ?")
        args.append(where.year)
    if where.age_band:
        clauses.append("c.age_band = ?")
        args.append(where.age_band)
    if where.agency:
        clauses.append("c.id IN (SELECT case_ref FROM agencies WHERE name = ? COLLATE NOCASE UNION "
                       "SELECT case_ref FROM finding_agencies WHERE agency = ? COLLATE NOCASE)")
        args += [where.agency, where.agency]
    return " AND ".join(clauses), args


_REVIEW_KEY = "(SELECT case_id FROM cases WHERE id = x.case_ref) AS review"
_READ_ONLY = "WHERE x.case_ref IN (SELECT id FROM cases WHERE status = 'read')"

#: The open export's tables (documented in docs/learning-library-export.md): never a path, an entry
#: or a name. Every row names its review by the case's id.
EXPORT_QUERIES: dict[str, str] = {
    "reviews": "SELECT case_id AS review, title, review_type, year, incident_date, age_band, "
               "plan_at_incident FROM cases WHERE status = 'read' ORDER BY id",
    "findings": f"SELECT {_REVIEW_KEY}, number, title, narrative FROM findings x "
                f"{_READ_ONLY} ORDER BY case_ref, number",
    "finding_themes": f"SELECT {_REVIEW_KEY}, finding, theme FROM finding_themes x "
                      f"{_READ_ONLY} ORDER BY case_ref, finding, rowid",
    "finding_agencies": f"SELECT {_REVIEW_KEY}, finding, agency FROM finding_agencies x "
                        f"{_READ_ONLY} ORDER BY case_ref, finding, rowid",
    "recommendations": f"SELECT {_REVIEW_KEY}, number, text, owner, (SELECT group_concat(theme, '; ') "
                       "FROM recommendation_themes t WHERE t.case_ref = x.case_ref AND t.recommendation = x.number) "
                       f"AS themes FROM recommendations x {_READ_ONLY} ORDER BY case_ref, number",
    "actions": f"SELECT {_REVIEW_KEY}, recommendation, text, owner, due, status, has_evidence FROM actions x "
               f"{_READ_ONLY} ORDER BY case_ref, position",
    "agencies": f"SELECT {_REVIEW_KEY}, name AS agency, first_contact, last_contact, entries FROM agencies x "
                f"{_READ_ONLY} ORDER BY case_ref, rowid",
}


def write_export_database(path: Path, tables: Mapping[str, tuple[list[str], Sequence[tuple[Any, ...]]]]) -> None:
    """Write the open export's tables into a new SQLite file at ``path``, in one transaction."""
    with closing(sqlite3.connect(str(path), isolation_level=None)) as conn:
        conn.execute("BEGIN")
        for name, (columns, rows) in tables.items():
            conn.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
            marks = ", ".join("?" for _ in columns)
            conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
        conn.execute("COMMIT")


def _check_library(path: Path) -> None:
    """Refuse a file that is not a library this scrchron reads."""
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a learning library.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        raise LibraryError(f"{path.name} is not a learning library (it is not an SQLite database).") from None
    if app_id == _CASE_APPLICATION_ID:
        raise LibraryError(f"{path.name} is a case file, not a learning library. Name a new file for the "
                           "library, e.g. learning.scrlib.")
    if app_id != APPLICATION_ID:
        raise LibraryError(f"{path.name} is not a learning library.")
    if version > SCHEMA_VERSION:
        raise LibraryError(f"{path.name} was made by a newer scrchron (library format {version}; this version "
                           f"reads up to {SCHEMA_VERSION}). Please update scrchron.")
