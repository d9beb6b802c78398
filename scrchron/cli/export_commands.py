"""The export command: the overview report (.docx) or the merged chronology (.xlsx, .csv).

``scrchron export CASE OUT.docx|OUT.xlsx|OUT.csv [--anonymise] [--publish] [--pdf] [--marking M] [--include-withdrawn]
[--involvement by-agency|by-period] [--recommendations apart|with-findings]``

The format follows the extension. The work is done by :mod:`scrchron.export`;
this handler parses, reports progress on stderr for long exports, and prints
what was written. Exit status 1 with a one-line reason when the export is
refused (no entries, a name left after anonymising, a folder that cannot be
written, a file open in Word or Excel).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from scrchron.cli.common import open_case, read_passphrase
from scrchron.errors import ValidationError
from scrchron.export import FORMATS, ExportSummary, ReportSummary, export
from scrchron.export.password import MIN_LENGTH, check_password
from scrchron.export.pdf import convert_report
from scrchron.export.privacy import ExportPrivacy
from scrchron.export.report_layout import INVOLVEMENT, RECOMMENDATIONS, layout_of

#: Exports of at least this many units of work report their progress on stderr.
PROGRESS_FROM = 2000


def register(subparsers: Any) -> None:
    """Add the export command."""
    parser = subparsers.add_parser(
        "export", help="write the overview report (.docx) or the chronology (.xlsx, .csv)",
        description="Write the overview report as Word (.docx), or the merged chronology for Excel "
                    "(.xlsx) or as CSV (.csv); the format follows OUT's extension. The subject is always "
                    "shown by pseudonym.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("out", metavar="OUT", help="OUT.docx, OUT.xlsx or OUT.csv")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="replace every known name and alias with its pseudonym, and refuse to write "
                             "the file if any remains (for publication)")
    parser.add_argument("--publish", action="store_true",
                        help="the version for publication: anonymised (as --anonymise), final (no DRAFT), the "
                             "partnership's publication marking (case setting publication_marking, else OFFICIAL)")
    parser.add_argument("--pdf", action="store_true",
                        help="also write the anonymised report as an accessible (tagged) PDF beside OUT.docx "
                             "(OUT.pdf), through LibreOffice, read back and checked like the Word file")
    parser.add_argument("--marking", metavar="M",
                        help="the protective marking to carry in this export instead of the review's")
    parser.add_argument("--include-withdrawn", action="store_true",
                        help="also list entries an agency withdrew in a later version (marked as withdrawn)")
    parser.add_argument("--protect", action="store_true",
                        help="write a .docx or .xlsx that Word or Excel opens only with a password "
                             "(asked twice on the terminal), for sending a draft by email")
    parser.add_argument("--password-file", metavar="FILE",
                        help="with --protect: read the export's password from the first line of FILE")
    parser.add_argument("--involvement", choices=INVOLVEMENT,
                        help="the report's summary of agency involvement told agency by agency, or period by "
                             "period (the key practice episodes and the times between them); default: the "
                             "case setting report_involvement, else by-agency")
    parser.add_argument("--recommendations", choices=RECOMMENDATIONS,
                        help="the report's recommendations in their own section only (apart), or also under "
                             "the findings they answer (with-findings); default: the case setting "
                             "report_recommendations, else apart")
    parser.set_defaults(handler=run_export)


class ProgressPrinter:
    """Prints 'exporting NAME: 40%' to stderr at every tenth, for long exports only."""

    def __init__(self, name: str, stream: Any = None) -> None:
        self.name = name
        self.stream = stream or sys.stderr
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM or total <= 0:
            return
        tenth = min(10, done * 10 // total)
        if tenth > self.shown:
            self.shown = tenth
            print(f"scrchron: exporting {self.name}: {tenth * 10}%", file=self.stream, flush=True)


def check_format(out: str) -> Path:
    """The output path, or ValidationError when its extension names no export format."""
    path = Path(out)
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(f"{suffix} ({what})" for suffix, what in FORMATS.items())
        raise ValidationError(f"Cannot tell what to write from '{path.name}': end the file name with {known}.")
    return path


def run_export(args: argparse.Namespace) -> int:
    """Write the export OUT names."""
    path = check_format(args.out)
    if args.pdf and path.suffix.lower() != ".docx":
        raise ValidationError("--pdf writes the report as PDF: give OUT as a .docx file "
                              "(OUT.pdf is written beside it).")
    password = _export_password(args, path)
    with open_case(args.case, read_only=True) as case:
        layout = layout_of(case, args.involvement, args.recommendations)
        summary = export(case, path, anonymise=args.anonymise or args.publish or args.pdf,
                         include_withdrawn=args.include_withdrawn, progress=ProgressPrinter(path.name),
                         publication=args.publish, marking=args.marking, password=password, layout=layout)
        if args.pdf:
            pdf = path.with_suffix(".pdf")
            convert_report(path, pdf, ExportPrivacy.for_case(case, anonymise=True))
    for line in describe(summary):
        print(line)
    if args.pdf:
        print(f"Wrote {pdf}: accessible (tagged) PDF of the report, read back: {summary.checked} remains.")
    if password is not None:
        print("Protected with a password: send the password by another route (a phone call, not the same email).")
    return 0


def _export_password(args: argparse.Namespace, path: Path) -> str | None:
    """The export's password (--protect), asked before the case is opened; None for a plain export."""
    if args.password_file and not args.protect:
        raise ValidationError("--password-file goes with --protect (a password-protected export).")
    if not args.protect:
        return None
    check_password(path, "x" * MIN_LENGTH)  # a CSV is refused before any password is asked
    source = Path(args.password_file) if args.password_file else None
    first = read_passphrase("Password for the export: ", source)
    if source is None and getpass.getpass("Type it again: ") != first:
        raise ValidationError("The two passwords typed differ; nothing was written.")
    check_password(path, first)
    return first


def describe(summary: ExportSummary) -> list[str]:
    """What was written, in a few lines for the terminal."""
    if isinstance(summary, ReportSummary):
        lines = [f"Wrote {summary.path}: overview report with {summary.entries} entries in {summary.rows} "
                 f"chronology rows, {summary.tables} tables, {summary.figures} figure(s), "
                 f"{summary.abbreviations} abbreviations in the glossary."]
        if summary.to_write:
            lines.append(f"{len(summary.to_write)} places still need your words (marked 'Guidance (delete "
                         f"when written)'): {', '.join(summary.to_write[:6])}"
                         + (", ..." if len(summary.to_write) > 6 else "") + ".")
    else:
        lines = [f"Wrote {summary.path}: merged chronology, {summary.entries} entries ({summary.format})."]
    if summary.anonymised and summary.people == 0:
        lines.append("Warning: the case names no one (no subject name, no people), so no name was replaced. "
                     "Add them with 'scrchron person add' before sharing this file.")
    elif summary.anonymised:
        lines.append(f"Anonymised, and read back: {summary.checked} remains.")
        if summary.suggestions:
            shown = "; ".join(f"'{phrase}'" for phrase in summary.suggestions[:5])
            lines.append(f"These may be places or organisations, not names (the name in them was replaced): "
                         f"{shown}. If so: scrchron names not-a-name CASE \"PHRASE\".")
    else:
        lines.append("Not anonymised: the subject is shown by pseudonym, other names as recorded. "
                     "Use --anonymise for a version to share or publish.")
    return lines
