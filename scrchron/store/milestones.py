"""Every SQL statement about the review's timetable: milestones and the clock's settings.

A milestone row is one of three kinds: a statutory milestone the reviewer set a
date for or met (``rule`` holds the rule's key), an agency's chronology return
(``agency_id`` set), or a local milestone (panel meeting, learning event...).
Each write is one transaction with its audit rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrchron.errors import NotFoundError, ValidationError
from scrchron.records.case_records import check_iso_date
from scrchron.store.case import Case

#: Settings keys of the clock.
AWARE_SETTING = "timetable.aware"
NATION_SETTING = "review.nation"
CRITERIA_SETTING = "review.criteria"
FORM_SETTING = "review.form"


@dataclass
class Milestone:
    """One stored milestone."""

    id: int
    name: str
    rule: str = ""
    due: str | None = None
    done: str | None = None
    agency_id: int | None = None
    note: str = ""


def _milestone(row: dict[str, Any]) -> Milestone:
    return Milestone(row["id"], row["name"], row["rule"], row["due"], row["done"], row["agency_id"],
                     row["note"])


def milestones(case: Case) -> list[Milestone]:
    """Every stored milestone, in due order (undated last)."""
    sql = "SELECT * FROM milestones ORDER BY due IS NULL, due, id"
    return [_milestone(dict(row)) for row in case.db.query(sql)]


def _checked(name: str, due: str | None, done: str | None) -> tuple[str, str | None, str | None]:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("A milestone needs a name, e.g. 'Panel meeting 2'.")
    if len(clean) > 200:
        raise ValidationError("A milestone's name is limited to 200 characters.")
    return clean, check_iso_date(due, "due date"), check_iso_date(done, "date done")


def add_milestone(case: Case, name: str, due: str | None, *, rule: str = "", agency_id: int | None = None,
                  done: str | None = None, note: str = "") -> Milestone:
    """Store a milestone (one transaction, audited)."""
    name, due, done = _checked(name, due, done)
    row = {"name": name, "rule": rule, "due": due, "done": done, "agency_id": agency_id, "note": note}
    with case.write() as db:
        cursor = db.conn.execute(
            "INSERT INTO milestones (name, rule, due, done, agency_id, note) "
            "VALUES (:name, :rule, :due, :done, :agency_id, :note)", row)
        new_id = int(cursor.lastrowid or 0)
        case.audit("insert", "milestones", new_id, "", None, name)
    return Milestone(new_id, name, rule, due, done, agency_id, note)


def update_milestone(case: Case, milestone_id: int, **changes: str | None) -> Milestone:
    """Change a milestone's name, due date, date done or note (audited, one transaction)."""
    current = milestone(case, milestone_id)
    values = {"name": current.name, "due": current.due, "done": current.done, "note": current.note} | changes
    name, due, done = _checked(str(values["name"]), values["due"], values["done"])
    new = {"name": name, "due": due, "done": done, "note": str(values["note"] or "")}
    with case.write() as db:
        for field, value in new.items():
            old = getattr(current, field)
            if old != value:
                db.conn.execute(f"UPDATE milestones SET {field} = ? WHERE id = ?", [value, milestone_id])
                case.audit("update", "milestones", milestone_id, field, old, value)
    return milestone(case, milestone_id)


def remove_milestone(case: Case, milestone_id: int) -> None:
    """Delete a milestone (audited)."""
    current = milestone(case, milestone_id)
    with case.write() as db:
        db.conn.execute("DELETE FROM milestones WHERE id = ?", [milestone_id])
        case.audit("delete", "milestones", milestone_id, "", current.name, None)


def milestone(case: Case, milestone_id: int) -> Milestone:
    """The milestone with this id, or NotFoundError."""
    rows = list(case.db.query("SELECT * FROM milestones WHERE id = ?", [milestone_id]))
    if not rows:
        raise NotFoundError(f"No milestone {milestone_id}. See 'scrchron timetable CASE' for the numbers.")
    return _milestone(dict(rows[0]))


def for_rule(case: Case, rule: str) -> Milestone | None:
    """The stored record of a statutory milestone, if the reviewer set or met it."""
    rows = list(case.db.query("SELECT * FROM milestones WHERE rule = ? ORDER BY id LIMIT 1", [rule]))
    return _milestone(dict(rows[0])) if rows else None


def return_for(case: Case, agency_id: int) -> Milestone | None:
    """The chronology return milestone of an agency, if one was set."""
    rows = list(case.db.query("SELECT * FROM milestones WHERE agency_id = ? AND rule = '' ORDER BY id LIMIT 1",
                              [agency_id]))
    return _milestone(dict(rows[0])) if rows else None


def first_submission_days(case: Case) -> dict[int, str]:
    """Each agency's first import day (YYYY-MM-DD): the day its return arrived."""
    sql = "SELECT agency_id, min(substr(imported_at, 1, 10)) FROM submissions GROUP BY agency_id"
    return {int(agency): str(day) for agency, day in case.db.conn.execute(sql).fetchall()}


def criteria(case: Case) -> tuple[str, ...]:
    """The SUSR criteria the review meets, as codes (apr, cpr, dhr, mhhr, owhr)."""
    return tuple(code for code in case.setting(CRITERIA_SETTING).split(",") if code)


def restore_milestone(case: Case, record: Milestone) -> Milestone:
    """Put back a milestone exactly as it was, with its own id (undoing its removal; audited)."""
    name, due, done = _checked(record.name, record.due, record.done)
    row = {"id": record.id, "name": name, "rule": record.rule, "due": due, "done": done,
           "agency_id": record.agency_id, "note": record.note}
    with case.write() as db:
        db.conn.execute("INSERT INTO milestones (id, name, rule, due, done, agency_id, note) "
                        "VALUES (:id, :name, :rule, :due, :done, :agency_id, :note)", row)
        case.audit("insert", "milestones", record.id, "", None, name)
    return milestone(case, record.id)
