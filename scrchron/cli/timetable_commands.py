"""Timetable commands: timetable, milestone, clock."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from scrchron.cli.common import iso_day, open_case, print_json, terminal_text
from scrchron.errors import ValidationError
from scrchron.records.case_records import SUSR_CRITERIA, check_criteria, check_form
from scrchron.review import timetable
from scrchron.store import milestones as stored
from scrchron.store.case import Case


def register(subparsers: Any) -> None:
    """Add the timetable commands."""
    parser = subparsers.add_parser("timetable", help="the review's statutory clock, milestones and late returns")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--today", metavar="DATE", help="show the timetable as on this day")
    parser.set_defaults(handler=run_timetable)
    _register_milestone(subparsers)
    _register_clock(subparsers)


def _register_milestone(subparsers: Any) -> None:
    parser = subparsers.add_parser("milestone", help="add, date, meet or remove a milestone")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="a local milestone (panel meeting, learning event, family meeting...)")
    add.add_argument("case", metavar="CASE")
    add.add_argument("--name", required=True)
    add.add_argument("--due", required=True, metavar="DATE")
    add.add_argument("--agency", metavar="A", help="the date this agency's chronology is due")
    add.add_argument("--note", default="")
    add.set_defaults(handler=run_milestone_add)
    for verb, text in (("done", "mark a milestone met (today unless --on)"), ("due", "set a milestone's date")):
        sub = verbs.add_parser(verb, help=text)
        sub.add_argument("case", metavar="CASE")
        sub.add_argument("milestone", metavar="ID|RULE", help="its number in 'scrchron timetable', or a "
                         "statutory milestone's key (e.g. rapid_review)")
        sub.add_argument("--on", metavar="DATE", required=verb == "due")
        sub.set_defaults(handler=run_milestone_date, field=verb)
    remove = verbs.add_parser("remove", help="remove a local milestone")
    remove.add_argument("case", metavar="CASE")
    remove.add_argument("milestone", metavar="ID", type=int)
    remove.set_defaults(handler=run_milestone_remove)


def _register_clock(subparsers: Any) -> None:
    parser = subparsers.add_parser("clock", help="when the clock started, which nation's bank holidays, "
                                   "the SUSR criteria met, a practice review's form")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--aware", metavar="DATE", help="the day the local authority or board became aware")
    parser.add_argument("--nation", choices=("england", "wales"))
    parser.add_argument("--criteria", metavar="LIST", help="SUSR criteria met: " + ",".join(SUSR_CRITERIA))
    parser.add_argument("--form", choices=("concise", "extended"), help="a CPR or APR's form")
    parser.set_defaults(handler=run_clock)


def _today(args: argparse.Namespace) -> date:
    text = iso_day(getattr(args, "today", None) or getattr(args, "on", None), "date")
    return date.fromisoformat(text) if text else date.today()


def run_timetable(args: argparse.Namespace) -> int:
    """Print the timetable."""
    with open_case(args.case, read_only=True) as case:
        table = timetable.build_timetable(case, _today(args))
    if args.json:
        print_json(table.as_json())
        return 0
    print(f"Timetable on {table.today} ({table.nation.title()} bank holidays); clock started "
          f"{table.aware or 'not set (scrchron clock CASE --aware DATE)'}; decision {table.decision or 'not set'}.")
    for row in table.rows:
        number = f"{row.id or row.rule}"
        left = f" ({row.working_days_left} working days)" if row.status in ("due soon", "upcoming") else ""
        when = (row.done and f"done {row.done}") or row.due or "no date"
        print(terminal_text(f"  [{row.status:>8}] {when:<15} {row.name}{left}  <{number}>"))
    if table.late_returns:
        print(terminal_text("Late agency returns: " + ", ".join(table.late_returns)))
    return 0


def run_milestone_add(args: argparse.Namespace) -> int:
    """Add a local milestone or an agency's return date."""
    with open_case(args.case) as case:
        agency_id = case.agency_named(args.agency, create=False).id if args.agency else None
        added = stored.add_milestone(case, args.name, iso_day(args.due, "due date"), agency_id=agency_id,
                                     note=args.note)
    print(f"Added milestone {added.id}: {added.name}, due {added.due}.")
    return 0


def _find(case: Case, ref: str) -> stored.Milestone | None:
    if ref.isdigit():
        return stored.milestone(case, int(ref))
    return None


def run_milestone_date(args: argparse.Namespace) -> int:
    """Set a milestone's due date or the date it was met."""
    day = _today(args).isoformat()
    with open_case(args.case) as case:
        record = _find(case, args.milestone)
        if record is None:
            timetable.record_statutory(case, args.milestone, **{args.field: day})
        else:
            stored.update_milestone(case, record.id, **{args.field: day})
    print(f"Milestone {args.milestone}: {'met' if args.field == 'done' else 'due'} {day}.")
    return 0


def run_milestone_remove(args: argparse.Namespace) -> int:
    """Remove a milestone."""
    with open_case(args.case) as case:
        stored.remove_milestone(case, args.milestone)
    print(f"Removed milestone {args.milestone}.")
    return 0


def run_clock(args: argparse.Namespace) -> int:
    """Set the clock's start, nation, SUSR criteria or form."""
    if not any((args.aware, args.nation, args.criteria is not None, args.form)):
        raise ValidationError("Say what to set: --aware DATE, --nation, --criteria or --form.")
    with open_case(args.case) as case:
        timetable.set_clock(case, aware=iso_day(args.aware, "date of becoming aware"), nation=args.nation)
        if args.criteria is not None:
            case.set_setting(stored.CRITERIA_SETTING, ",".join(check_criteria(args.criteria)))
        if args.form:
            case.set_setting(stored.FORM_SETTING, check_form(args.form))
    print("Clock updated; see 'scrchron timetable CASE'.")
    return 0
