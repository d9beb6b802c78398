"""Case commands: gui, new, info, add, entries."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from scrchron.chronology import entry_edits
from scrchron.cli.common import iso_day, new_passphrase, open_case, print_json, terminal_text
from scrchron.export.formatting import SafeCsvWriter
from scrchron.records.case_records import (
    PRACTICE_REVIEW_FORMS,
    REVIEW_TYPES,
    SUSR_CRITERIA,
    Review,
    check_criteria,
    check_form,
)
from scrchron.store import Case, EntryQuery, count_entries, list_entries
from scrchron.store import milestones as stored_clock
from scrchron.store.schema import user_version

FORGOTTEN_PASSPHRASE = ("It is protected with your passphrase. Keep the passphrase safe: "
                        "a forgotten passphrase cannot be recovered, and nor can the review.")


def register(subparsers: Any) -> None:
    """Add the case commands."""
    _register_gui(subparsers)
    _register_new(subparsers)
    _register_info(subparsers)
    _register_add(subparsers)
    _register_entries(subparsers)


def _register_gui(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="open the app (on CASE if given)")
    parser.add_argument("case", nargs="?", metavar="CASE")
    parser.add_argument("--screenshot", metavar="PNG",
                        help="render the main window to PNG and exit")
    parser.set_defaults(handler=lambda args: open_gui(args.case, args.screenshot))


def _register_new(subparsers: Any) -> None:
    parser = subparsers.add_parser("new", help="create a case file for a review")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--title", required=True)
    parser.add_argument("--type", required=True, dest="review_type", metavar="TYPE",
                        help="|".join(REVIEW_TYPES))
    parser.add_argument("--subject", default="", help="the subject's real name")
    parser.add_argument("--pseudonym", default="", help="the subject's pseudonym, e.g. 'Child T'")
    parser.add_argument("--scope-from", metavar="DATE")
    parser.add_argument("--scope-to", metavar="DATE")
    parser.add_argument("--dob", metavar="DATE", help="the subject's date of birth")
    parser.add_argument("--incident", metavar="DATE", help="date of the incident")
    parser.add_argument("--commissioned", metavar="DATE", help="date the review was commissioned")
    parser.add_argument("--encrypt", action="store_true",
                        help="protect the case file with a passphrase (asked twice, or read from "
                             "--passphrase-file); a forgotten passphrase cannot be recovered")
    parser.add_argument("--criteria", default="", metavar="LIST",
                        help="a SUSR's criteria met: " + ",".join(SUSR_CRITERIA))
    parser.add_argument("--form", default="", choices=("", *PRACTICE_REVIEW_FORMS), help="a CPR or APR's form")
    parser.set_defaults(handler=run_new)


def _register_info(subparsers: Any) -> None:
    parser = subparsers.add_parser("info", help="show a case's details")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_info)


def _register_add(subparsers: Any) -> None:
    parser = subparsers.add_parser("add", help="add an entry by hand (interviews are evidence too)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--agency", required=True, metavar="A")
    parser.add_argument("--date", required=True, metavar="TEXT")
    parser.add_argument("--event", required=True, metavar="TEXT")
    parser.add_argument("--time", default="", metavar="T")
    parser.add_argument("--action", default="", metavar="TEXT")
    parser.add_argument("--source", default="", metavar="TEXT", help="document or record reference")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_add)


def _register_entries(subparsers: Any) -> None:
    parser = subparsers.add_parser("entries", help="list the chronology in date order")
    parser.add_argument("case", metavar="CASE")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
    parser.add_argument("--agency", action="append", default=[], metavar="A")
    parser.add_argument("--from", dest="date_from", metavar="DATE")
    parser.add_argument("--to", dest="date_to", metavar="DATE")
    parser.add_argument("--search", default="", metavar="WORDS", help="full-text search")
    parser.add_argument("--flag", action="append", default=[], metavar="F")
    parser.add_argument("--all", action="store_true", help="include withdrawn and out-of-scope entries")
    parser.set_defaults(handler=run_entries)


def open_gui(case: str | None, screenshot: str | None) -> int:
    """Open the desktop app (imported lazily so the CLI never loads Qt)."""
    from scrchron.ui.app import run_app

    return run_app(Path(case) if case else None, Path(screenshot) if screenshot else None)


def run_new(args: argparse.Namespace) -> int:
    """Create a case file."""
    review = Review(
        title=args.title, review_type=args.review_type, subject_name=args.subject,
        subject_pseudonym=args.pseudonym, subject_dob=iso_day(args.dob, "date of birth"),
        scope_from=iso_day(args.scope_from, "scope start"), scope_to=iso_day(args.scope_to, "scope end"),
        incident_date=iso_day(args.incident, "incident date"),
        commissioned_date=iso_day(args.commissioned, "commissioning date"),
    )
    criteria, form = check_criteria(args.criteria), check_form(args.form)
    path = Path(args.case)
    if not path.suffix:
        path = path.with_suffix(".scrchron")
    passphrase = new_passphrase() if args.encrypt else None
    with Case.create(path, review, passphrase=passphrase) as case:
        if criteria:
            case.set_setting(stored_clock.CRITERIA_SETTING, ",".join(criteria))
        if form:
            case.set_setting(stored_clock.FORM_SETTING, form)
        print(f"Created {case.path} ({case.review().type_name}: {review.title}).")
    if passphrase is not None:
        print(FORGOTTEN_PASSPHRASE)
    return 0


def case_info(case: Case) -> dict[str, Any]:
    """Everything ``info`` shows, as a dict."""
    review = case.review()
    agencies = []
    for agency in case.agencies():
        query = EntryQuery(agencies=[agency.name], include_hidden=True)
        agencies.append({"id": agency.id, "name": agency.name, "short_name": agency.short_name,
                         "colour": agency.colour, "entries": count_entries(case, query),
                         "submissions": len(case.submissions(agency.id))})
    return {
        "path": str(case.path),
        "title": review.title,
        "type": review.review_type,
        "type_name": review.type_name,
        "subject": review.subject_name,
        "pseudonym": review.subject_pseudonym,
        "dob": review.subject_dob,
        "scope_from": review.scope_from,
        "scope_to": review.scope_to,
        "incident_date": review.incident_date,
        "commissioned_date": review.commissioned_date,
        "protective_marking": review.protective_marking,
        "criteria": list(stored_clock.criteria(case)),
        "form": case.setting(stored_clock.FORM_SETTING),
        "entries": count_entries(case, EntryQuery(include_hidden=True)),
        "hidden_entries": count_entries(case, EntryQuery(include_hidden=True))
        - count_entries(case),
        "agencies": agencies,
        "submissions": len(case.submissions()),
        "schema_version": user_version(case.db),
        "protected": case.protected,
        "size_bytes": os.path.getsize(case.path),
    }


def run_info(args: argparse.Namespace) -> int:
    """Show a case's details."""
    with open_case(args.case, read_only=True) as case:
        info = case_info(case)
    if args.json:
        print_json(info)
        return 0
    scope = f"{info['scope_from'] or '?'} to {info['scope_to'] or '?'}"
    print(f"{info['title']} ({info['type_name']})")
    print(f"  Subject: {info['subject'] or '-'}  Pseudonym: {info['pseudonym'] or '-'}  DOB: {info['dob'] or '-'}")
    print(f"  Scope: {scope}  Incident: {info['incident_date'] or '-'}")
    print(f"  Entries: {info['entries']} ({info['hidden_entries']} hidden)  Submissions: {info['submissions']}")
    for agency in info["agencies"]:
        print(f"  - {agency['name']}: {agency['entries']} entries, {agency['submissions']} submissions")
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Add one entry by hand."""
    with open_case(args.case) as case:
        entry = entry_edits.add_by_hand(case, args.agency, args.date, args.event,
                                       time_text=args.time, action=args.action, source=args.source)
    if args.json:
        print_json(entry_edits.entry_summary(entry))
    else:
        print(terminal_text(f"Added entry {entry.id}: {entry.start} ({entry.precision}) {entry.agency}: "
                            f"{entry.event}"))
    return 0


def run_entries(args: argparse.Namespace) -> int:
    """List entries in chronological order."""
    query = EntryQuery(
        agencies=args.agency, date_from=iso_day(args.date_from, "--from date"),
        date_to=iso_day(args.date_to, "--to date"), search=args.search, flags=args.flag,
        include_hidden=args.all,
    )
    with open_case(args.case, read_only=True) as case:
        rows = [entry_edits.entry_summary(entry) for entry in list_entries(case, query)]
    if args.json:
        print_json(rows)
    elif args.csv:
        _write_csv(rows)
    else:
        for row in rows:
            flags = f" [{', '.join(row['flags'])}]" if row["flags"] else ""
            print(terminal_text(f"{row['id']:>6}  {row['date_text'] or '-':<22} {row['agency']:<24} "
                                f"{row['event']}{flags}"))
    return 0


def _write_csv(rows: list[dict[str, Any]]) -> None:
    columns = ["id", "agency", "date_text", "start", "end", "precision", "uncertain", "time",
               "event", "action", "source", "origin", "flags", "group"]
    writer = SafeCsvWriter(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["; ".join(row[c]) if c == "flags" else row[c] for c in columns])
