"""The names commands: the reviewer's decisions about doubtful name forms.

``scrchron names doubtful CASE [--json]``      the undecided doubtful places in the entries
``scrchron names keep CASE FORM``              leave FORM as written where it is doubtful ('DC')
``scrchron names replace CASE FORM``           replace FORM as the person's name ('Young')
``scrchron names not-a-name CASE PHRASE``      a place or organisation containing a surname
``scrchron names list CASE [--json]``          the decisions kept in the case
``scrchron names forget CASE FORM``            remove a decision or a not-a-name phrase

Exit status 1 with a one-line reason for a bad form or a read-only case.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from scrchron.cli.common import open_case, print_json
from scrchron.names import decisions
from scrchron.store.name_decisions import load_decisions


def register(subparsers: Any) -> None:
    """Add the names command group."""
    parser = subparsers.add_parser("names", help="decide about doubtful name forms (DC, Young, Marsh Lane)")
    group = parser.add_subparsers(dest="names_command", metavar="COMMAND")
    doubtful = _command(group, "doubtful", "list the places that may be a name, undecided", _doubtful)
    doubtful.add_argument("--json", action="store_true")
    for verb, help_text in (("keep", "leave FORM as written where it is doubtful (an abbreviation, a word)"),
                            ("replace", "replace FORM as the person's name wherever it is doubtful")):
        _command(group, verb, help_text, _decider(verb)).add_argument("form", metavar="FORM")
    _command(group, "not-a-name", "PHRASE contains a name but is a place or organisation: leave it",
             _not_a_name).add_argument("phrase", metavar="PHRASE")
    _command(group, "list", "list the decisions kept in the case", _list).add_argument("--json", action="store_true")
    _command(group, "forget", "remove a decision or a not-a-name phrase", _forget).add_argument("form", metavar="FORM")


def _command(group: Any, name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    parser.add_argument("case", metavar="CASE")
    parser.set_defaults(handler=handler)
    return parser


def _doubtful(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        places = decisions.doubtful_places(case)
    if args.json:
        print_json([asdict(place) for place in places])
        return 0
    if not places:
        print("No doubtful places: every name form is matched or decided.")
    for place in places:
        print(f"{place.record} {place.id} {place.field}: '{place.text}' in \"...{place.context}...\"  "
              f"({place.reason}; decide with: scrchron names keep|replace CASE \"{place.text}\")")
    return 0


def _decider(verb: str) -> Any:
    def decide(args: argparse.Namespace) -> int:
        with open_case(args.case) as case:
            decisions.decide(case, args.form, verb)
        told = "left as written" if verb == "keep" else "replaced as a name"
        print(f"'{args.form}' will be {told} where it is doubtful, in every export of this case.")
        return 0

    return decide


def _not_a_name(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        decisions.mark_not_a_name(case, args.phrase)
    print(f"'{' '.join(args.phrase.split())}' is not a name: it will be left as written.")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        decisions = load_decisions(case)
    row = {"keep": sorted(decisions.keep), "replace": sorted(decisions.replace),
           "not_names": list(decisions.not_names)}
    if args.json:
        print_json(row)
        return 0
    for label, items in (("kept as written", row["keep"]), ("replaced as a name", row["replace"]),
                         ("not a name", row["not_names"])):
        print(f"{label}: {', '.join(items) if items else '(none)'}")
    return 0


def _forget(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        decisions.forget(case, args.form)
    print(f"Forgot the decision about '{args.form}'.")
    return 0
