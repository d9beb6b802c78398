"""``scrchron parse-date``: show how scrchron reads dates."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scrchron.dates import reader


def register(subparsers: Any) -> None:
    """Add the parse-date command."""
    parser = subparsers.add_parser(
        "parse-date",
        help="show how dates are read (one per line from standard input when no TEXT)",
        description="Read dates the way the importers do and print each interpretation.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT")
    parser.add_argument("--year-hint", type=int, metavar="YYYY",
                        help="year for dates written without one")
    parser.add_argument("--order", choices=("dmy", "mdy"), default="dmy",
                        help="day/month order for numeric dates (default dmy)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Interpret each TEXT, or each line of standard input."""
    texts = args.text if args.text else (line.rstrip("\r\n") for line in sys.stdin)
    as_json = args.json or not args.text
    for text in texts:
        reading = reader.read_date(text, year_hint=args.year_hint, order=args.order)
        if as_json:
            print(json.dumps(reading.as_dict(), ensure_ascii=False), flush=False)
        else:
            print(_describe(reading.as_dict()))
    return 0


def _describe(value: dict[str, Any]) -> str:
    span = value["start"] if value["start"] == value["end"] else f"{value['start']} – {value['end']}"
    if value["start"] is None:
        span = "unknown"
    extras = (["uncertain"] if value["uncertain"] else []) + list(value["flags"])
    note = f"  [{', '.join(extras)}]" if extras else ""
    return f"{value['text']!r}: {span} ({value['precision']}){note}"
