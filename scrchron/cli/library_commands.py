"""The learning library: ``scrchron library add|list|refresh|remove|themes|actions|recommendations|
agencies|export LIBRARY ...``.

The library is its own small file; cases are only ever read (read-only, no lock). ``--json``
prints the view's rows as a JSON array (fields: see ``scrchron.library.model``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from scrchron.cli.common import iso_day, print_json, terminal_text
from scrchron.library import LibraryStore, ViewFilter, add_cases, refresh, remove_case, views
from scrchron.library.board import write_action_plan
from scrchron.library.demo import write_demo_library
from scrchron.library.export import export_library
from scrchron.library.model import AGE_BANDS, LibraryCase
from scrchron.records.case_records import REVIEW_TYPES


def register(subparsers: Any) -> None:
    """Add ``scrchron library ...``."""
    parser = subparsers.add_parser("library", help="the learning library: findings, themes and action "
                                                   "plans across many reviews")
    group = parser.add_subparsers(dest="library_command", metavar="COMMAND")
    add = _command(group, "add", "add case files (or folders of them) and read them", _add)
    add.add_argument("cases", nargs="+", metavar="CASE")
    _command(group, "list", "list the case files and whether each could be read", _list)
    _command(group, "refresh", "read again every case that changed", _refresh)
    remove = _command(group, "remove", "forget case files (the cases are not touched)", _remove)
    remove.add_argument("cases", nargs="+", metavar="CASE")
    themes = _viewing(group, "themes", "themes across the reviews, the recurring ones first", _themes)
    themes.add_argument("--theme", metavar="T", help="list the findings that carry this theme")
    actions = _viewing(group, "actions", "every action plan in one place", _actions)
    actions.add_argument("--overdue", action="store_true", help="only actions past their due date")
    actions.add_argument("--today", metavar="DATE", help="the day overdue is counted from (default today)")
    actions.add_argument("--out", metavar="FILE", help="also write the plan for the board: FILE.xlsx or FILE.docx")
    recs = _viewing(group, "recommendations", "recommendations made in several reviews", _recommendations)
    recs.add_argument("--min", type=int, default=2, metavar="N", help="made in at least N reviews (default 2)")
    _viewing(group, "agencies", "agency involvement across the reviews", _agencies)
    export = _command(group, "export", "the open export (CSV, JSON or SQLite; no entries, no names)", _export)
    export.add_argument("out", metavar="OUT", help="OUT.csv (one file per table), OUT.json or OUT.sqlite")
    demo = group.add_parser("demo", help="write a small library of three invented reviews")
    demo.add_argument("--out", default=".", metavar="DIR", help="folder to write into (default: here)")
    demo.set_defaults(handler=_demo)


def _command(group: Any, name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Any:
    parser = group.add_parser(name, help=help_text)
    parser.add_argument("library", metavar="LIBRARY")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=handler)
    return parser


def _viewing(group: Any, name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Any:
    parser = _command(group, name, help_text, handler)
    parser.add_argument("--type", choices=sorted(REVIEW_TYPES), help="only reviews of this type")
    parser.add_argument("--year", type=int, metavar="YYYY", help="only reviews of this year (of the incident)")
    parser.add_argument("--agency", metavar="A", default="", help="only reviews (or actions) of this agency")
    parser.add_argument("--age-band", choices=[band for _, band in AGE_BANDS], metavar="BAND",
                        help="the subject's age at the incident: " + ", ".join(b for _, b in AGE_BANDS))
    return parser


def _filter(args: argparse.Namespace) -> ViewFilter:
    return ViewFilter(args.type or "", args.year, args.agency.strip(), args.age_band or "")


def _case_line(case: LibraryCase) -> str:
    if case.status == "read":
        what = (f"{case.title} ({case.review_type}, {case.year or 'year unknown'}): {case.findings} findings, "
                f"{case.recommendations} recommendations, {case.actions} actions; read {case.read_at}")
    else:
        what = case.reason or "not read yet"
    return _lines(f"{case.status:<10}  {case.path}\n            {what}")


def _print_cases(library: LibraryStore, as_json: bool) -> None:
    cases = library.cases()
    if as_json:
        print_json([case.as_dict() for case in cases])
        return
    for case in cases:
        print(_case_line(case))
    read = sum(1 for case in cases if case.status == "read")
    print(f"{len(cases)} case files, {read} read, {len(cases) - read} listed with a reason.")


def _add(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library, create=True) as library:
        report = add_cases(library, [Path(case) for case in args.cases])
        if not args.json:
            print(f"Looked at {report.read} case files ({report.unchanged} unchanged since last read).")
        _print_cases(library, args.json)
    return 0


def _list(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        _print_cases(library, args.json)
    return 0


def _refresh(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        report = refresh(library)
        if not args.json:
            print(f"Read {report.read} changed case files; {report.unchanged} unchanged.")
        _print_cases(library, args.json)
    return 0


def _remove(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        for case in args.cases:
            known = remove_case(library, Path(case))
            print(terminal_text(f"{'Removed' if known else 'Not in the library:'} {case}"))
    return 0


def _rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str]) -> int:
    if as_json:
        print_json(rows)
        return 0
    if not rows:
        print("(none)")
    for row in rows:
        print(_lines(line(row)))
    return 0


def _lines(text: str) -> str:
    """Text safe for a terminal, its own line breaks kept."""
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items())


def _themes(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        if args.theme:
            found = views.theme_findings(library, args.theme, _filter(args))
            return _rows([{"review": r, "finding": n, "title": t} for r, n, t in found], args.json,
                         lambda r: f"{r['review']}: finding {r['finding']}. {r['title']}")
        rows = [theme.as_dict() for theme in views.themes_across(library, _filter(args))]
    return _rows(rows, args.json, lambda r: (
        f"{r['reviews']:>4} reviews {r['findings']:>4} findings  {r['theme']}"
        f"{'  [recurring]' if r['recurring'] else ''}\n      by type: {_counts(r['by_type'])}; "
        f"by year: {_counts(r['by_year'])}"))


def _actions(args: argparse.Namespace) -> int:
    today_text = iso_day(args.today, "day to count overdue from")
    today = date.fromisoformat(today_text) if today_text else None
    with LibraryStore.open(args.library) as library:
        plan = views.action_plan(library, _filter(args), overdue_only=args.overdue, today=today)
    if args.out:
        written = write_action_plan(plan, Path(args.out), _plan_title(args), today)
        print(terminal_text(f"Wrote {written} ({len(plan)} rows)"), file=sys.stderr if args.json else sys.stdout)
    return _rows([action.as_dict() for action in plan], args.json, lambda r: (
        f"{r['owner'] or '(no owner)'}: {r['text'] or '(no action yet)'} - due {r['due'] or 'no date'}, "
        f"{r['status']}{'  OVERDUE' if r['overdue'] else ''}\n      {r['review']}, recommendation "
        f"{r['recommendation']}: {r['recommendation_text']}"))


def _plan_title(args: argparse.Namespace) -> str:
    parts = [f"owned by {args.agency}" if args.agency else "", REVIEW_TYPES.get(args.type or "", ""),
             str(args.year or ""), "overdue only" if args.overdue else ""]
    return "Action plan across reviews" + "".join(f"; {part}" for part in parts if part)


def _recommendations(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        groups = views.recurring_recommendations(library, _filter(args), minimum=max(args.min, 1))
    return _rows([group.as_dict() for group in groups], args.json, lambda r: (
        f"Recommended in {r['times']} reviews ({r['owner'] or 'no owner'}; {r['theme'] or 'no theme'}): "
        f"{r['text']}\n      in: {'; '.join(r['reviews'])}"))


def _agencies(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        rows = [agency.as_dict() for agency in views.agencies_across(library, _filter(args))]
        plans = views.plan_shares(library, _filter(args))
    if args.json:
        print_json({"agencies": rows, "plans": plans})
        return 0
    _rows(rows, False, lambda r: (
        f"{r['agency']}: in {r['reviews']} reviews ({r['share']:.0%}), named in findings of {r['in_findings']}, "
        f"known a median {r['median_days_before'] if r['median_days_before'] is not None else '?'} days "
        "before the incident"))
    print(f"Plan at the incident recorded in {plans['recorded']} of {plans['reviews']} reviews"
          + "".join(f"; {plan}: {value['reviews']}" for plan, value in plans["plans"].items()))
    return 0


def _export(args: argparse.Namespace) -> int:
    with LibraryStore.open(args.library) as library:
        written = export_library(library, Path(args.out))
    for path in written:
        print(terminal_text(f"Wrote {path}"))
    return 0


def _demo(args: argparse.Namespace) -> int:
    library = write_demo_library(Path(args.out))
    print(terminal_text(f"Demo learning library written (three invented reviews): {library}"))
    print(terminal_text(f'See its themes with: scrchron library themes "{library}"'))
    return 0
