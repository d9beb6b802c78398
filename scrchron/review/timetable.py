"""The review's timetable: the statutory milestones, the reviewer's own, and agency returns.

``build_timetable`` reads the case (through scrchron.store.milestones) and the
clock's rules, and returns rows a reviewer reads top to bottom: what is done,
what is overdue, what is due and when. The CLI prints them, the window's
Timetable page shows them, and the report's timescale section quotes them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from scrchron.errors import ValidationError
from scrchron.records.case_records import check_iso_date
from scrchron.review import clock
from scrchron.store import milestones as stored
from scrchron.store.case import Case

#: How many working days ahead a milestone counts as 'due soon'.
SOON = 10


@dataclass
class TimetableRow:
    """One line of the timetable."""

    name: str
    kind: str  # 'statutory', 'local' or 'return'
    due: str | None
    done: str | None = None
    status: str = ""  # 'done', 'overdue', 'due soon', 'upcoming', 'no date'
    working_days_left: int | None = None
    basis: str = ""
    timing: str = ""
    rule: str = ""
    agency: str = ""
    id: int | None = None


@dataclass
class Timetable:
    """The whole timetable of a review on one day."""

    review_type: str
    nation: str
    today: str
    aware: str | None
    decision: str | None
    rows: list[TimetableRow] = field(default_factory=list)

    @property
    def late_returns(self) -> list[str]:
        """The agencies whose chronology is overdue."""
        return [row.agency for row in self.rows if row.kind == "return" and row.status == "overdue"]

    def as_json(self) -> dict[str, Any]:
        """The timetable as plain JSON values."""
        return {"review_type": self.review_type, "nation": self.nation, "today": self.today,
                "aware": self.aware, "decision": self.decision,
                "milestones": [asdict(row) for row in self.rows], "late_returns": self.late_returns}


def build_timetable(case: Case, today: date | None = None) -> Timetable:
    """The case's timetable as it stands on ``today`` (the real today by default)."""
    review = case.review()
    day = today or date.today()
    nation = clock.nation_for(review.review_type, case.setting(stored.NATION_SETTING))
    aware = case.setting(stored.AWARE_SETTING) or review.incident_date
    table = Timetable(review.review_type, nation, day.isoformat(), aware, review.commissioned_date)
    table.rows = [*_statutory(case, table), *_returns(case), *_local(case)]
    for row in table.rows:
        _set_status(row, day, nation)
    table.rows.sort(key=lambda r: (r.due is None, r.due or "", r.kind != "statutory"))
    return table


def _statutory(case: Case, table: Timetable) -> list[TimetableRow]:
    anchors: dict[str, str | None] = {"aware": table.aware, "decision": table.decision}
    rows = []
    for rule in clock.rules_for(table.review_type, stored.criteria(case)):
        record = stored.for_rule(case, rule.key)
        start = anchors.get(rule.anchor)
        due = rule.due_from(date.fromisoformat(start), table.nation) if start else None
        row = TimetableRow(rule.name, "statutory", due.isoformat() if due else None, basis=rule.basis,
                           timing=rule.timing, rule=rule.key)
        if record is not None:
            row.id, row.done = record.id, record.done
            row.due = record.due or row.due
        anchors[rule.key] = row.done or row.due
        rows.append(row)
    return rows


def _returns(case: Case) -> list[TimetableRow]:
    arrived = stored.first_submission_days(case)
    names = {agency.id: agency.name for agency in case.agencies()}
    rows = []
    for record in stored.milestones(case):
        if record.agency_id is None or record.rule:
            continue
        agency = names.get(record.agency_id, "")
        rows.append(TimetableRow(record.name, "return", record.due, record.done or arrived.get(record.agency_id),
                                 agency=agency, id=record.id, timing="date set when the template was sent"))
    return rows


def _local(case: Case) -> list[TimetableRow]:
    return [TimetableRow(m.name, "local", m.due, m.done, id=m.id, basis=m.note)
            for m in stored.milestones(case) if m.agency_id is None and not m.rule]


def _set_status(row: TimetableRow, today: date, nation: str) -> None:
    if row.done:
        row.status = "done"
        return
    if row.due is None:
        row.status = "no date"
        return
    left = clock.working_days_between(today, date.fromisoformat(row.due), nation)
    row.working_days_left = left
    if date.fromisoformat(row.due) < today:
        row.status = "overdue"
    else:
        row.status = "due soon" if left <= SOON else "upcoming"


def record_statutory(case: Case, key: str, *, due: str | None = None, done: str | None = None) -> None:
    """Set the date a statutory milestone is due (the board's own date) or was met."""
    review = case.review()
    rule = next((r for r in clock.rules_for(review.review_type, stored.criteria(case)) if r.key == key), None)
    if rule is None:
        keys = ", ".join(r.key for r in clock.rules_for(review.review_type, stored.criteria(case)))
        raise ValidationError(f"A {review.type_name} has no milestone '{key}'. Its milestones: {keys}.")
    record = stored.for_rule(case, key)
    if record is None:
        stored.add_milestone(case, rule.name, due, rule=key, done=done)
        return
    changes = {name: value for name, value in (("due", due), ("done", done)) if value is not None}
    stored.update_milestone(case, record.id, **changes)


def set_clock(case: Case, *, aware: str | None = None, nation: str | None = None) -> None:
    """Set the day the clock starts (becoming aware of the incident) or the nation whose holidays count."""
    if aware is not None:
        case.set_setting(stored.AWARE_SETTING, check_iso_date(aware, "date of becoming aware") or "")
    if nation is not None:
        case.set_setting(stored.NATION_SETTING, clock.check_nation(nation) if nation else "")
