"""``scrchron import``: bring agency submissions into a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrchron.chronology.submission_import import ImportSummary, import_file
from scrchron.cli.common import open_case, print_json
from scrchron.dates.attention import attention_flag_counts
from scrchron.errors import ValidationError
from scrchron.importers import FIELDS


def register(subparsers: Any) -> None:
    """Add the import command."""
    parser = subparsers.add_parser(
        "import", help="import agency chronologies (Word, Excel, CSV)",
        description="Import each FILE as a submission from the agency NAME. Nothing is written "
                    "unless every row of a file could be read; --dry-run writes nothing at all.",
    )
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--agency", metavar="NAME",
                        help="the agency the files are from (not needed for a template this review sent)")
    parser.add_argument("--sheet", metavar="S", help="the worksheet to read (name)")
    parser.add_argument("--table", type=int, metavar="N", help="the Word table to read (1 = first)")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                        help=f"map a column by hand; fields: {', '.join(FIELDS)}")
    parser.add_argument("--replace", action="store_true",
                        help="a corrected version of the agency's earlier submission")
    parser.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_import)


def parse_map(pairs: list[str]) -> dict[str, str]:
    """Turn FIELD=HEADER options into a mapping, checking the field names."""
    mapping = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not header.strip():
            raise ValidationError(f"--map '{pair}' should look like event=\"Details of contact\".")
        if name not in FIELDS:
            raise ValidationError(f"--map: unknown field '{name}'. Fields: {', '.join(FIELDS)}.")
        mapping[name] = header.strip()
    return mapping


def run_import(args: argparse.Namespace) -> int:
    """Import each file in turn; stop at the first that cannot be read."""
    mapping = parse_map(args.map)
    summaries = []
    with open_case(args.case, read_only=args.dry_run) as case:
        for name in args.files:
            summaries.append(import_file(
                case, Path(name), args.agency, sheet=args.sheet, table=args.table,
                mapping=mapping or None, replace=args.replace, dry_run=args.dry_run))
    if args.json:
        print_json([summary.as_dict() for summary in summaries])
    else:
        for summary in summaries:
            print(describe(summary))
    return 0


def describe_column(column: dict[str, Any]) -> str:
    """One column of a dry run: ``'Notes' -> event: by its values: ... (e.g. "...")``."""
    became = column["field"] or "not mapped"
    samples = column.get("samples") or []
    sample = f" (e.g. \"{samples[0]}\")" if samples else ""
    return f"'{column['heading']}' -> {became}: {column['why']}{sample}"


def describe(summary: ImportSummary) -> str:
    """The human summary of one import."""
    verb = "Would import" if summary.dry_run else "Imported"
    lines = [f"{verb} {summary.file} for {summary.agency} ({summary.importer}; "
             f"{', '.join(summary.tables) or 'no table'})"]
    lines.append("  Columns: " + ", ".join(f"{k} <- '{v}'" for k, v in summary.mapping.items()))
    if summary.dry_run:
        lines.extend(f"    {describe_column(column)}" for column in summary.columns)
    lines.append(f"  Rows read {summary.rows_read}, imported {summary.imported}, "
                 f"skipped {sum(summary.skipped.values())}")
    lines.extend(f"    skipped {count}: {reason}" for reason, count in summary.skipped.items())
    if summary.replaced:
        lines.append(f"  Version {summary.version}: unchanged {summary.unchanged}, changed "
                     f"{summary.changed}, added {summary.added}, withdrawn {summary.withdrawn}")
    attention = attention_flag_counts(summary.date_flags)
    if summary.needs_attention:
        flags = ", ".join(f"{flag} {count}" for flag, count in attention.items())
        lines.append(f"  Dates needing attention: {summary.needs_attention} ({flags}; undated: {summary.undated})")
    other = {flag: count for flag, count in summary.date_flags.items() if flag not in attention}
    if other:
        lines.append("  Other date notes: " + ", ".join(f"{flag} {count}" for flag, count in other.items()))
    lines.extend(f"  Note: {warning}" for warning in summary.warnings)
    return "\n".join(lines)
