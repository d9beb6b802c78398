"""Analysis commands: person, theme, episode, finding, recommendation, action, annotate, anonymise.

Every change goes through ``scrchron.analysis.operations`` (validated, one transaction,
audited). ``list --json`` prints a JSON array of objects, each with its ``id``
(the fields are a contract; see ``scrchron.records.analysis_records``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from scrchron.analysis import operations
from scrchron.cli.common import iso_day, open_case, print_json
from scrchron.errors import ValidationError
from scrchron.names.anonymise import Anonymiser, parts_not_replaced
from scrchron.records.analysis_records import person_as_dict

#: How a person may name a theme (``scrchron.analysis.themes.resolve_theme``).
THEME_HELP = "a theme's name, the part before its parenthesis, its start, or its number in 'theme list'"


def register(subparsers: Any) -> None:
    """Add the analysis commands."""
    _register_person(_group(subparsers, "person", "people named in the case and their pseudonyms"))
    _register_theme(_group(subparsers, "theme", "the review's learning themes"))
    _register_episode(_group(subparsers, "episode", "key practice episodes"))
    _register_finding(_group(subparsers, "finding", "findings (learning opportunities)"))
    _register_recommendation(_group(subparsers, "recommendation", "recommendations"))
    _register_action(_group(subparsers, "action", "the action plan"))
    _register_annotate(subparsers)
    _register_anonymise(subparsers)


def _group(subparsers: Any, name: str, help_text: str) -> Any:
    parser = subparsers.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND")


def _command(group: Any, name: str, help_text: str, handler: Any, *, target: str = "") -> Any:
    parser = group.add_parser(name, help=help_text)
    parser.add_argument("case", metavar="CASE")
    if target:
        parser.add_argument("id", type=int, metavar=target)
    parser.set_defaults(handler=handler)
    return parser


def id_list(text: str) -> list[int]:
    """Read ``--entries 3,5-8`` as [3, 5, 6, 7, 8]."""
    ids: list[int] = []
    try:
        for part in filter(None, (p.strip() for p in text.split(","))):
            first, _, last = part.partition("-")
            low, high = int(first), int(last or first)
            if high < low or high - low > 100_000:
                raise ValueError
            ids.extend(range(low, high + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of ids like 3,5-8") from None
    return ids


def _listing(rows: list[dict[str, Any]], as_json: bool, line: Any) -> int:
    if as_json:
        print_json(rows)
    elif not rows:
        print("(none)")
    for row in [] if as_json else rows:
        print(line(row))
    return 0


def _shown(row: dict[str, Any], as_json: bool, message: str) -> int:
    if as_json:
        print_json(row)
    else:
        print(message)
    return 0


def _register_move_remove(group: Any, kind: str) -> None:
    """``KIND move CASE ID --to N`` and ``KIND remove CASE ID`` for a numbered kind."""
    _command(group, "move", f"renumber a {kind}", _mover(kind), target="ID").add_argument(
        "--to", type=int, required=True, metavar="N")
    _command(group, "remove", f"remove a {kind}", _remover(kind), target="ID")


def _mover(kind: str) -> Any:
    def move(args: argparse.Namespace) -> int:
        with open_case(args.case) as case:
            rows = getattr(operations, f"move_{kind}")(case, args.id, args.to)
        for row in rows:
            print(f"{row.number:>3}. {getattr(row, 'title', None) or row.text} (id {row.id})")
        return 0

    return move


def _remover(kind: str) -> Any:
    def remove(args: argparse.Namespace) -> int:
        with open_case(args.case) as case:
            getattr(operations, f"remove_{kind}")(case, args.id)
        print(f"Removed {kind} {args.id}; the others were renumbered.")
        return 0

    return remove


# -- person --------------------------------------------------------------------


def _register_person(group: Any) -> None:
    parser = _command(group, "add", "add a person and their pseudonym", _person_add)
    parser.add_argument("name", metavar="NAME")
    parser.add_argument("--pseudonym", required=True, metavar="P")
    _person_options(parser)
    parser = _command(group, "update", "change a person", _person_update, target="ID")
    parser.add_argument("--name")
    parser.add_argument("--pseudonym", metavar="P")
    _person_options(parser)
    _command(group, "remove", "remove a person", _person_remove, target="ID")
    _command(group, "list", "list people", _person_list).add_argument("--json", action="store_true")


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alias", action="append", metavar="A",
                        help="another way the records write the name (repeat); replaces the list on update")
    parser.add_argument("--role", metavar="R", help="relationship or role, e.g. mother")
    parser.add_argument("--dob", metavar="DATE")
    parser.add_argument("--subject", action="store_true", help="the review's subject")
    parser.add_argument("--json", action="store_true")


def _person_saved(person: Any, as_json: bool, verb: str) -> int:
    for part in parts_not_replaced(person.name):
        print(f"Note: '{part}' is short or a common word, so alone it is replaced only where it reads as a "
              "name (capitalised inside a sentence); at the start of a sentence it is listed for you to "
              "decide (scrchron names doubtful).", file=sys.stderr)
    return _shown(person_as_dict(person), as_json,
                  f"{verb} person {person.id}: {person.name} -> {person.pseudonym}")


def _person_add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        person = operations.add_person(case, args.name, args.pseudonym, aliases=args.alias or [],
                                     role=args.role or "", dob=iso_day(args.dob, "date of birth"),
                                     subject=args.subject)
    return _person_saved(person, args.json, "Added")


def _person_update(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {key: value for key, value in (
        ("name", args.name), ("pseudonym", args.pseudonym), ("aliases", args.alias),
        ("role", args.role), ("dob", iso_day(args.dob, "date of birth"))) if value is not None}
    if args.subject:
        changes["is_subject"] = True
    with open_case(args.case) as case:
        person = operations.update_person(case, args.id, **changes)
    return _person_saved(person, args.json, "Updated")


def _person_remove(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        operations.remove_person(case, args.id)
    print(f"Removed person {args.id}.")
    return 0


def _person_list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        rows = [person_as_dict(person) for person in operations.list_people(case)]
    return _listing(rows, args.json, lambda r: (
        f"{r['id']:>4}  {r['name']} -> {r['pseudonym']}" + (f" ({r['role']})" if r["role"] else "")
        + (f"  aliases: {', '.join(r['aliases'])}" if r["aliases"] else "")
        + (f"  born {r['dob']}" if r["dob"] else "") + ("  [subject]" if r["subject"] else "")))


# -- theme ---------------------------------------------------------------------


def _register_theme(group: Any) -> None:
    _command(group, "list", "list themes", _theme_list).add_argument("--json", action="store_true")
    _command(group, "add", "add a theme", _theme_add).add_argument("name", metavar="NAME")
    parser = _command(group, "rename", "rename a theme", _theme_rename)
    parser.add_argument("theme", metavar="THEME", help=THEME_HELP)
    parser.add_argument("name", metavar="NEW_NAME")


def _theme_list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        rows = [theme.as_dict() for theme in operations.list_themes(case)]
    return _listing(rows, args.json, lambda r: f"{r['id']:>4}  {r['name']}" + ("" if r["builtin"] else "  (added)"))


def _theme_add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        theme = operations.add_theme(case, args.name)
    print(f"Added theme {theme.id}: {theme.name}")
    return 0


def _theme_rename(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        theme = operations.rename_theme(case, args.theme, args.name)
    print(f"Theme {theme.id} is now: {theme.name}")
    return 0


# -- episode -------------------------------------------------------------------


def _register_episode(group: Any) -> None:
    _episode_options(_command(group, "add", "add a key practice episode", _episode_add), adding=True)
    _episode_options(_command(group, "update", "change an episode", _episode_update, target="ID"),
                     adding=False)
    _register_move_remove(group, "episode")
    _command(group, "list", "list episodes", _episode_list).add_argument("--json", action="store_true")


def _episode_options(parser: argparse.ArgumentParser, adding: bool) -> None:
    parser.add_argument("--title", required=adding, metavar="T")
    parser.add_argument("--from", dest="period_from", metavar="DATE")
    parser.add_argument("--to", dest="period_to", metavar="DATE")
    parser.add_argument("--entries", type=id_list, metavar="ID,ID...",
                        help="entries chosen one by one (replaces the list on update)")
    if adding:
        parser.add_argument("--agency", action="append", default=[], metavar="A",
                            help="also add this agency's entries inside the period (repeat)")
        parser.add_argument("--in-period", action="store_true",
                            help="also add every agency's entries inside the period")
    for name in ("summary", "analysis", "good-practice", "questions"):
        parser.add_argument(f"--{name}", metavar="TEXT")
    parser.add_argument("--json", action="store_true")


def _episode_texts(args: argparse.Namespace) -> dict[str, Any]:
    values = {"title": args.title, "summary": args.summary, "analysis": args.analysis,
              "good_practice": args.good_practice, "questions": args.questions,
              "period_from": iso_day(args.period_from, "episode start"),
              "period_to": iso_day(args.period_to, "episode end")}
    return {key: value for key, value in values.items() if value is not None}


def _episode_add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        episode = operations.add_episode(case, entries=args.entries or [], agencies=args.agency,
                                       in_period=args.in_period, **_episode_texts(args))
    return _shown(episode.as_dict(), args.json, f"Added episode {episode.number} (id {episode.id}): "
                  f"{episode.title}, {len(episode.entries)} entries")


def _episode_update(args: argparse.Namespace) -> int:
    changes = _episode_texts(args) | ({"entries": args.entries} if args.entries is not None else {})
    with open_case(args.case) as case:
        episode = operations.update_episode(case, args.id, **changes)
    return _shown(episode.as_dict(), args.json, f"Updated episode {episode.number} (id {episode.id}).")




def _episode_list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        rows = [episode.as_dict() for episode in operations.list_episodes(case)]
    return _listing(rows, args.json, lambda r: (
        f"{r['number']:>3}. {r['title']} ({r['from'] or '?'} to {r['to'] or '?'}; "
        f"{len(r['entries'])} entries; id {r['id']})"))


# -- finding -------------------------------------------------------------------


def _register_finding(group: Any) -> None:
    _finding_options(_command(group, "add", "add a finding", _finding_add), adding=True)
    _finding_options(_command(group, "update", "change a finding", _finding_update, target="ID"),
                     adding=False)
    _register_move_remove(group, "finding")
    _command(group, "list", "list findings", _finding_list).add_argument("--json", action="store_true")


def _finding_options(parser: argparse.ArgumentParser, adding: bool) -> None:
    parser.add_argument("--title", required=adding, metavar="T")
    parser.add_argument("--text", metavar="S", help="the narrative")
    parser.add_argument("--theme", action="append", metavar="TH",
                        help=f"{THEME_HELP} (repeat); replaces the list on update")
    parser.add_argument("--episode", action="append", type=int, metavar="ID", help="evidence (repeat)")
    parser.add_argument("--entries", type=id_list, metavar="ID,ID...", help="evidence")
    parser.add_argument("--agency", action="append", metavar="A", help="agency concerned (repeat)")
    parser.add_argument("--json", action="store_true")


def _finding_links(args: argparse.Namespace) -> dict[str, Any]:
    values = {"themes": args.theme, "episodes": args.episode, "entries": args.entries, "agencies": args.agency}
    return {key: value for key, value in values.items() if value is not None}


def _finding_add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        finding = operations.add_finding(case, args.title, narrative=args.text or "", **_finding_links(args))
    return _shown(finding.as_dict(), args.json, f"Added finding {finding.number} (id {finding.id}): "
                  f"{finding.title}")


def _finding_update(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        finding = operations.update_finding(case, args.id, title=args.title, narrative=args.text,
                                          **_finding_links(args))
    return _shown(finding.as_dict(), args.json, f"Updated finding {finding.number} (id {finding.id}).")




def _finding_list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        rows = [finding.as_dict() for finding in operations.list_findings(case)]
    return _listing(rows, args.json, lambda r: (
        f"{r['number']:>3}. {r['title']} (id {r['id']})"
        + (f"  themes: {'; '.join(r['themes'])}" if r["themes"] else "")))


# -- recommendation --------------------------------------------------------------


def _register_recommendation(group: Any) -> None:
    for name, handler, adding in (("add", _recommendation_add, True), ("update", _recommendation_update, False)):
        parser = _command(group, name, f"{name} a recommendation", handler, target="" if adding else "ID")
        parser.add_argument("--text", required=adding, metavar="S")
        parser.add_argument("--finding", action="append", type=int, metavar="ID",
                            help="a finding it answers (repeat)")
        parser.add_argument("--owner", metavar="AGENCY", help="owning agency or partnership")
        parser.add_argument("--json", action="store_true")
    _register_move_remove(group, "recommendation")
    _command(group, "list", "list recommendations", _recommendation_list).add_argument(
        "--json", action="store_true")


def _recommendation_add(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        rec = operations.add_recommendation(case, args.text, findings=args.finding or [], owner=args.owner or "")
    return _shown(rec.as_dict(), args.json, f"Added recommendation {rec.number} (id {rec.id}).")


def _recommendation_update(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        rec = operations.update_recommendation(case, args.id, text=args.text, owner=args.owner,
                                             findings=args.finding)
    return _shown(rec.as_dict(), args.json, f"Updated recommendation {rec.number} (id {rec.id}).")




def _recommendation_list(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        rows = [rec.as_dict() for rec in operations.list_recommendations(case)]
    return _listing(rows, args.json, lambda r: (
        f"{r['number']:>3}. {r['text']} (owner: {r['owner'] or '-'}; id {r['id']})"))


# -- action ----------------------------------------------------------------------


def _register_action(group: Any) -> None:
    for name, handler, adding in (("add", _action_add, True), ("update", _action_update, False)):
        parser = _command(group, name, f"{name} an action", handler, target="" if adding else "ID")
        parser.add_argument("--recommendation", type=int, required=adding, metavar="ID")
        parser.add_argument("--text", required=adding, metavar="S")
        parser.add_argument("--owner", metavar="O")
        parser.add_argument("--due", metavar="DATE")
        parser.add_argument("--status", metavar="S", help="not started | in progress | complete")
        parser.add_argument("--evidence", metavar="TEXT", help="evidence of completion")
        parser.add_argument("--json", action="store_true")
    parser = _command(group, "list", "list the action plan", _action_list)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--overdue", action="store_true", help="only actions past due and not complete")
    parser.add_argument("--recommendation", type=int, metavar="ID")
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser = _command(group, "summary", "what has changed since the review, at a glance", _action_summary)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    _command(group, "remove", "remove an action", _action_remove, target="ID")


def _today(args: argparse.Namespace) -> date | None:
    day = iso_day(args.today, "--today date")
    return date.fromisoformat(day) if day else None


def _action_fields(args: argparse.Namespace) -> dict[str, Any]:
    values = {"recommendation_id": args.recommendation, "text": args.text, "owner": args.owner,
              "due": iso_day(args.due, "due date"), "status": args.status, "evidence": args.evidence}
    return {key: value for key, value in values.items() if value is not None}


def _action_add(args: argparse.Namespace) -> int:
    values = _action_fields(args)
    with open_case(args.case) as case:
        action = operations.add_action(case, values.pop("recommendation_id"), values.pop("text"), **values)
    return _shown(action.as_dict(), args.json, f"Added action {action.id} to recommendation "
                  f"{action.recommendation_id} ({action.status}).")


def _action_update(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        action = operations.update_action(case, args.id, **_action_fields(args))
    return _shown(action.as_dict(), args.json, f"Updated action {action.id} ({action.status}).")


def _action_remove(args: argparse.Namespace) -> int:
    with open_case(args.case) as case:
        operations.remove_action(case, args.id)
    print(f"Removed action {args.id}.")
    return 0


def _action_list(args: argparse.Namespace) -> int:
    today = _today(args)
    with open_case(args.case, read_only=True) as case:
        actions = operations.list_actions(case, recommendation_id=args.recommendation,
                                        overdue_only=args.overdue, today=today)
    rows = [action.as_dict(today) for action in actions]
    return _listing(rows, args.json, lambda r: (
        f"{r['id']:>4}  rec {r['recommendation']}  {r['status']:<11} due {r['due'] or '-':<10}"
        f"{'  OVERDUE' if r['overdue'] else ''}  {r['text']}" + (f" ({r['owner']})" if r["owner"] else "")))


def _action_summary(args: argparse.Namespace) -> int:
    with open_case(args.case, read_only=True) as case:
        summary = operations.action_plan_summary(case, _today(args))
    if args.json:
        print_json(summary.as_dict())
        return 0
    counts = ", ".join(f"{count} {status}" for status, count in summary.by_status.items())
    print(f"Action plan on {summary.today}: {summary.total} actions ({counts}); {summary.overdue} overdue.")
    print(f"Complete with evidence: {summary.complete_with_evidence}; "
          f"complete without evidence: {summary.complete_without_evidence}.")
    print(f"Recommendations: {summary.recommendations}; fully complete: "
          f"{len(summary.recommendations_complete)}; without any action: "
          f"{len(summary.recommendations_without_actions)}.")
    return 0


# -- annotate and anonymise --------------------------------------------------------


def _register_annotate(subparsers: Any) -> None:
    parser = subparsers.add_parser("annotate", help="the reviewer's note, significance and themes on an entry")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("id", type=int, metavar="ENTRY")
    parser.add_argument("--note", metavar="TEXT")
    parser.add_argument("--significance", metavar="S", help="key | relevant | background ('' clears)")
    for name in ("good-practice", "child-seen", "child-views"):
        parser.add_argument(f"--{name}", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--theme", action="append", metavar="TH",
                        help=f"{THEME_HELP} (repeat); replaces the entry's themes")
    parser.add_argument("--clear-themes", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_annotate)


def _annotate(args: argparse.Namespace) -> int:
    themes = [] if args.clear_themes else args.theme
    with open_case(args.case) as case:
        entry = operations.annotate_entry(case, args.id, note=args.note, significance=args.significance,
                                        good_practice=args.good_practice, child_seen=args.child_seen,
                                        child_views=args.child_views, themes=themes)
        names = operations.entry_themes(case, entry.id)
    row = {"id": entry.id, "reviewer_note": entry.reviewer_note, "significance": entry.significance,
           "good_practice": entry.good_practice, "child_seen": entry.child_seen,
           "child_views": entry.child_views, "themes": names}
    return _shown(row, args.json, f"Annotated entry {entry.id}.")


def _register_anonymise(subparsers: Any) -> None:
    parser = subparsers.add_parser("anonymise", help="show a text as an anonymised export would write it")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--text", required=True, metavar="S", help="the text ('-' reads standard input)")
    parser.add_argument("--check", action="store_true",
                        help="list the known names and the doubtful places in the text instead (exit 1 when "
                             "there are any)")
    parser.set_defaults(handler=_anonymise)


def _anonymise(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    with open_case(args.case, read_only=True) as case:
        anonymiser = Anonymiser.from_case(case)
    if not args.check:
        sys.stdout.write(anonymiser.anonymise(text) + ("" if text.endswith("\n") else "\n"))
        return 0
    leaks = anonymiser.find_names(text)
    for leak in leaks:
        print(f"{leak.start}-{leak.end}  '{leak.text}'  ({leak.name} -> {leak.pseudonym})")
    doubts = anonymiser.doubts(text)
    for doubt in doubts:
        print(f"{doubt.start}-{doubt.end}  '{doubt.text}'  doubtful: {doubt.reason} "
              f"(scrchron names keep|replace CASE \"{doubt.text}\")")
    if leaks:
        raise ValidationError(f"the text names someone {len(leaks)} time(s)"
                              + (f", and {len(doubts)} place(s) are doubtful." if doubts else "."))
    if doubts:
        raise ValidationError(f"{len(doubts)} place(s) in the text may be a name: decide each with "
                              "'scrchron names keep' or 'scrchron names replace'.")
    print("No known names found.")
    return 0
