"""The reference commands: the documents and guidance the overview report cites.

``scrchron reference add CASE TEXT [--url URL] [--at N]``   add a reference (last, or at position N)
``scrchron reference list CASE [--json]``                   the references, numbered as the report numbers them
``scrchron reference remove CASE NUMBER``                   take reference NUMBER out of the list

The report lists them in its References appendix. Exit status 1 with a one-line
reason for an empty or overlong reference, a web address that is not one, a
reference listed already or a number not in the list.
"""

from __future__ import annotations

import argparse
from typing import Any

from scrchron.analysis import references
from scrchron.cli.common import open_case, print_json


def register(subparsers: Any) -> None:
    """Add the reference command group."""
    parser = subparsers.add_parser("reference", help="documents and guidance the report cites (its References)")
    group = parser.add_subparsers(dest="reference_command", metavar="COMMAND")
    add = _command(group, "add", "add a reference, written as the report should cite it", _add)
    add.add_argument("text", metavar="TEXT",
                     help='e.g. "HM Government (2023) Working Together to Safeguard Children"')
    add.add_argument("--url", metavar="URL", default="", help="where it can be read (https://...)")
    add.add_argument("--at", metavar="N", type=int, help="put it at position N (default: last)")
    _command(group, "list", "list the references in the report's order", _list).add_argument(
        "--json", action="store_true")
    _command(group, "remove", "take a reference out of the list", _remove).add_argument(
        "number", metavar="NUMBER", type=int, help="its number in 'scrchron reference list'")


def _command(group: Any, name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    parser.add_argument("case", metavar="CASE")
    parser.set_defaults(handler=handler)
    return parser


def _add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        number = references.add_reference(case, args.text, args.url, args.at)
    print(f"Added reference {number}.")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        found = references.list_references(case)
    if args.json:
        print_json([{"number": n, "text": r.text, "url": r.url} for n, r in enumerate(found, start=1)])
        return 0
    if not found:
        print("No references yet: add one with 'scrchron reference add CASE TEXT'.")
    for number, reference in enumerate(found, start=1):
        print(f"{number:>3}  {reference.text}" + (f"  <{reference.url}>" if reference.url else ""))
    return 0


def _remove(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        removed = references.remove_reference(case, args.number)
    print(f"Removed reference {args.number}: {removed.text}")
    return 0
