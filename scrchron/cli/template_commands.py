"""Agency template commands: templates (send the pack), check (a return check to send back)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrchron.cli.common import iso_day, open_case, print_json, terminal_text
from scrchron.errors import ValidationError
from scrchron.export.guidance import section_keys
from scrchron.export.rapid_review import write_rapid_review
from scrchron.export.return_check_file import write_check
from scrchron.export.summary_form import QUESTIONS
from scrchron.export.template_pack import read_summary_forms, review_heading, send_pack, send_summary_forms
from scrchron.review.return_check import check_return, template_words
from scrchron.store.summaries import summaries


def register(subparsers: Any) -> None:
    """Add the template commands."""
    parser = subparsers.add_parser(
        "templates", help="write a chronology template for each agency (Word and/or Excel)",
        description="Write one chronology template per agency into DIR, pre-filled with the review "
                    "(by pseudonym), scope, agency and date due. A returned template imports with no "
                    "mapping: 'scrchron import CASE FILE' files it under its agency.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write the templates into")
    parser.add_argument("--agency", action="append", default=[], metavar="A",
                        help="an agency to send to (repeat; default: every agency in the case)")
    parser.add_argument("--format", default="both", choices=("docx", "xlsx", "both"), dest="fmt")
    parser.add_argument("--due", metavar="DATE", help="the date the chronologies are due (kept in the timetable)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_templates)
    register_check(subparsers)
    register_summary(subparsers)
    register_rapid_review(subparsers)
    register_report_text(subparsers)


def run_templates(args: argparse.Namespace) -> int:
    """Write the pack."""
    folder = Path(args.out)
    if not folder.is_dir():
        raise ValidationError(f"The folder {terminal_text(str(folder))} does not exist. Create it first.")
    due = iso_day(args.due, "date due")
    with open_case(args.case) as case:
        summary = send_pack(case, folder, args.agency, args.fmt, due)
    if args.json:
        print_json(vars(summary))
        return 0
    print(terminal_text(f"Wrote {len(summary.files)} template(s) for {len(summary.agencies)} agencies in "
                        f"{summary.folder}" + (f"; due {summary.due}." if summary.due else ".")))
    for name in summary.files:
        print(terminal_text(f"  {Path(name).name}"))
    return 0


def register_check(subparsers: Any) -> None:
    """Add the return check command."""
    parser = subparsers.add_parser(
        "check", help="check an agency's return and write what to correct (.docx or .xlsx) to send back",
        description="Check the chronology an agency returned: missing or unreadable dates, dates outside "
                    "the scope, missing sources, practitioners named instead of by role, analysis in the "
                    "event column, and what was changed in the template. Each row as in the agency's file.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--agency", required=True, metavar="A")
    parser.add_argument("--out", required=True, metavar="FILE", help="FILE.docx or FILE.xlsx")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Write the return check."""
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".xlsx"):
        raise ValidationError(f"Write the return check as .docx or .xlsx, not '{terminal_text(out.name)}'.")
    with open_case(args.case, read_only=True) as case:
        check = check_return(case, args.agency)
        heading = review_heading(case)
    write_check(check, out, heading)
    if args.json:
        print_json({"agency": check.agency, "rows": check.rows, "template": check.template,
                    "counts": check.counts(), "problems": [vars(p) for p in check.problems], "out": str(out)})
        return 0
    print(terminal_text(f"Wrote {out.name}: {len(check.problems)} point(s) for {check.agency} to check in "
                        f"{check.rows} rows. {template_words(check)}"))
    return 0


def register_summary(subparsers: Any) -> None:
    """Add the agency summary form commands."""
    parser = subparsers.add_parser("summary", help="the agency summary form: send it, read it back, show answers")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    send = verbs.add_parser("send", help="write a summary form for each agency (Word, one box per question)")
    send.add_argument("case", metavar="CASE")
    send.add_argument("--out", required=True, metavar="DIR")
    send.add_argument("--agency", action="append", default=[], metavar="A")
    send.add_argument("--due", metavar="DATE")
    send.set_defaults(handler=run_summary_send)
    read = verbs.add_parser("read", help="put returned forms' answers into each agency's record")
    read.add_argument("case", metavar="CASE")
    read.add_argument("files", nargs="+", metavar="FILE")
    read.add_argument("--agency", metavar="A", help="file the answers under this agency instead")
    read.add_argument("--replace", action="store_true",
                      help="replace answers an agency gave before (without it, nothing is read)")
    read.set_defaults(handler=run_summary_read)
    show = verbs.add_parser("show", help="each agency's answers")
    show.add_argument("case", metavar="CASE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_summary_show)


def run_summary_send(args: argparse.Namespace) -> int:
    """Write the summary forms."""
    folder = Path(args.out)
    if not folder.is_dir():
        raise ValidationError(f"The folder {terminal_text(str(folder))} does not exist. Create it first.")
    with open_case(args.case) as case:
        summary = send_summary_forms(case, folder, args.agency, iso_day(args.due, "date due"))
    print(terminal_text(f"Wrote {len(summary.files)} summary form(s) in {summary.folder}."))
    return 0


def run_summary_read(args: argparse.Namespace) -> int:
    """Read returned summary forms."""
    paths = [Path(name) for name in args.files]
    with open_case(args.case) as case:
        read = read_summary_forms(case, paths, args.agency, replace=args.replace)
    for path, (agency, answered) in zip(paths, read, strict=True):
        print(terminal_text(f"Read {path.name}: {answered} of {len(QUESTIONS)} questions answered by {agency}."))
    return 0


def run_summary_show(args: argparse.Namespace) -> int:
    """Print each agency's answers."""
    with open_case(args.case, read_only=True) as case:
        names = {agency.id: agency.name for agency in case.agencies()}
        found = {names.get(agency_id, str(agency_id)): answers for agency_id, answers in summaries(case).items()}
    if args.json:
        print_json(found)
        return 0
    for agency, answers in found.items():
        print(terminal_text(agency))
        for key, question, _ in QUESTIONS:
            print(terminal_text(f"  {question}: {answers.get(key, '(no answer)')}"))
    return 0


def register_rapid_review(subparsers: Any) -> None:
    """Add the rapid review document command."""
    parser = subparsers.add_parser("rapid-review", help="write 'Summary and outcome of the rapid review' (.docx)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("out", metavar="OUT.docx")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="replace every known name with its pseudonym, and refuse the file if any remains")
    parser.set_defaults(handler=run_rapid_review)


def run_rapid_review(args: argparse.Namespace) -> int:
    """Write the rapid review document."""
    with open_case(args.case, read_only=True) as case:
        summary = write_rapid_review(case, Path(args.out), anonymise=args.anonymise)
    print(terminal_text(f"Wrote {summary.path.name}: {summary.summaries} agency summaries of {summary.agencies} "
                        f"agencies; {len(summary.to_write)} places still need your words."))
    return 0


def register_report_text(subparsers: Any) -> None:
    """Add the command that stores the reviewer's words for a report section."""
    parser = subparsers.add_parser("report-text", help="store your words for a section of the report or the "
                                   "rapid review (e.g. rapid_recommendation)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("section", metavar="SECTION", help="a section key, e.g. rapid_facts, rapid_reasons, "
                        "conclusion")
    parser.add_argument("text", metavar="TEXT", help="the text ('' clears it; blank lines separate paragraphs)")
    parser.set_defaults(handler=run_report_text)


def run_report_text(args: argparse.Namespace) -> int:
    """Store a section's text."""
    keys = section_keys()
    if args.section not in keys:
        raise ValidationError(f"Unknown section '{terminal_text(args.section)}'. Sections: {', '.join(keys)}.")
    if len(args.text) > 200_000:
        raise ValidationError("A section's text is limited to 200,000 characters.")
    with open_case(args.case) as case:
        case.set_setting(f"report.{args.section}", args.text)
    print(f"Stored the text of '{args.section}'.")
    return 0
