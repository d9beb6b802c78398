"""Merge commands: dupes (same-event groups), link, unlink, gaps.

The rules live in :mod:`scrchron.chronology.merge` and :mod:`scrchron.store.groups`; these
handlers parse, call them and print. JSON output is a contract (see each handler).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from scrchron.chronology import contact_gaps, merge
from scrchron.cli.common import open_case, print_json
from scrchron.store import Case, groups


def register(subparsers: Any) -> None:
    """Add the merge commands."""
    _register_dupes(subparsers)
    _register_link(subparsers)
    _register_gaps(subparsers)


def _register_dupes(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dupes", help="propose and list groups of entries that record one event",
        description="Refresh the proposed same-event groups, then list every group. "
                    "Decisions (confirmed, rejected, linked by hand) are kept.")
    parser.add_argument("case", metavar="CASE")
    decide = parser.add_mutually_exclusive_group()
    decide.add_argument("--confirm", type=int, metavar="G", help="confirm group G")
    decide.add_argument("--reject", type=int, metavar="G", help="reject group G")
    decide.add_argument("--reopen", type=int, metavar="G",
                        help="take back the decision on group G: proposed again, and its lessons dropped")
    decide.add_argument("--no-propose", action="store_true",
                        help="list the stored groups without refreshing the proposals")
    parser.add_argument("--status", action="append", default=[], choices=groups.STATUSES,
                        help="list only groups with this status (repeatable)")
    parser.add_argument("--no-learning", action="store_true",
                        help="propose without the lessons drawn from your confirmed and rejected groups")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_dupes)


def _register_link(subparsers: Any) -> None:
    parser = subparsers.add_parser("link", help="group entries by hand as one event (confirmed)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("ids", nargs="+", type=int, metavar="ID")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_link)
    parser = subparsers.add_parser("unlink", help="take an entry out of its group")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("id", type=int, metavar="ID")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_unlink)


def _register_gaps(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gaps", help="list periods in scope with no entry",
        description="Periods inside the review's scope with no entry, longer than N days "
                    "(the case setting gap_days, default 60).")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--min-days", type=int, metavar="N", help="list gaps longer than N days")
    parser.add_argument("--agency", action="append", default=[], metavar="A",
                        help="gaps in this agency's entries (repeatable)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_gaps)


def _summary(case: Case, record: groups.GroupRecord) -> dict[str, Any]:
    return merge.group_summaries(case, ids=[record.id])[0]


def run_dupes(args: argparse.Namespace) -> int:
    """Propose and list groups, or confirm, reject or reopen one.

    JSON: a list of groups (or, with --confirm/--reject, the one group), each with
    id, status, entries, agencies, start, end, conflict, manual, recorded_by, events,
    reason and primary (added in issue 20).
    """
    chosen = [(g, decide) for g, decide in ((args.confirm, groups.confirm), (args.reject, groups.reject),
                                              (args.reopen, groups.reopen)) if g is not None]
    with open_case(args.case, read_only=args.no_propose) as case:
        if chosen:
            ((decision, decide),) = chosen
            group = _summary(case, decide(case, decision))
            return _print_groups([group], args.json, single=True)
        learning = not args.no_learning
        refreshed = None if args.no_propose else merge.refresh_proposals(case, learning=learning)
        found = merge.group_summaries(case, statuses=args.status)
        lessons = merge.case_learning(case).lines() if learning else []
    if refreshed is not None and not args.json:
        print(f"Proposals refreshed: {len(refreshed.added)} new, {len(refreshed.changed)} changed, "
              f"{len(refreshed.kept)} unchanged, {len(refreshed.withdrawn)} withdrawn.")
        for lesson in lessons:
            print(f"Learned from your decisions: {lesson} (--no-learning to propose without it).")
    return _print_groups(found, args.json)


def _print_groups(found: Sequence[dict[str, Any]], as_json: bool, single: bool = False) -> int:
    if as_json:
        print_json(found[0] if single else list(found))
        return 0
    for group in found:
        flags = " [conflict]" if group["conflict"] else ""
        manual = " (by hand)" if group["manual"] else ""
        print(f"Group {group['id']}: {group['status']}{manual}  {group['start'] or '-'}  "
              f"{group['recorded_by']}{flags}")
        for event in group["events"]:
            print(f"  {event['id']:>6}  {event['date_text'] or '-':<14} {event['agency']}: {event['event']}")
        if group.get("reason"):
            print(f"  Why: {group['reason']}; primary record: entry {group['primary']}")
    if not single:
        counts = {s: sum(g["status"] == s for g in found) for s in groups.STATUSES}
        print(f"{len(found)} groups: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".")
    return 0


def run_link(args: argparse.Namespace) -> int:
    """Link entries as one event; JSON: the group (as in ``dupes --json``)."""
    with open_case(args.case) as case:
        group = _summary(case, merge.link_entries(case, args.ids))
    return _print_groups([group], args.json, single=True)


def run_unlink(args: argparse.Namespace) -> int:
    """Take an entry out of its group; JSON: the group as it now is."""
    with open_case(args.case) as case:
        group = _summary(case, merge.unlink_entry(case, args.id))
    if not args.json:
        print(f"Entry {args.id} taken out of group {group['id']} (now {group['status']}).")
    return _print_groups([group], args.json, single=True)


def run_gaps(args: argparse.Namespace) -> int:
    """List gaps; JSON: a list, each with start, end, days, agency, previous_entry, next_entry."""
    with open_case(args.case, read_only=True) as case:
        found = contact_gaps.case_gaps(case, args.min_days, args.agency)
        limit = contact_gaps.gap_days(case) if args.min_days is None else args.min_days
    if args.json:
        print_json([gap.as_dict() for gap in found])
        return 0
    print(f"Periods of more than {limit} days with no entry: {len(found)}")
    for gap in found:
        who = f"  [{gap.agency}]" if gap.agency else ""
        print(f"  {gap.start} to {gap.end}  {gap.days:>5} days{who}")
    return 0
