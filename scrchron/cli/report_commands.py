"""The report's words and settings: ``scrchron report sections|set|show|settings|read-back``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrchron.cli.common import open_case, print_json, terminal_text
from scrchron.errors import ValidationError
from scrchron.export.prose import MAX_TEXT
from scrchron.export.read_back import ReadBack, SectionChange, accept_read_back, read_back
from scrchron.export.report_layout import INVOLVEMENT, RECOMMENDATIONS
from scrchron.export.report_prose import find_section, report_sections, set_section_text, unknown_references
from scrchron.export.report_settings import STATUSES, report_settings, update_report_settings

#: How many texts edited outside the sections are printed (the JSON has them all).
OUTSIDE_SHOWN = 20


def register(subparsers: Any) -> None:
    """Add the report commands."""
    parser = subparsers.add_parser(
        "report", help="the report's sections (your words) and settings; read back a draft edited in Word",
        description="Write the overview report's sections in scrchron, set what its title page says, and "
                    "read back a draft the panel edited in Word.")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    sections = verbs.add_parser("sections", help="the report's sections in order, and which are written")
    sections.add_argument("case", metavar="CASE")
    sections.add_argument("--json", action="store_true")
    sections.set_defaults(handler=run_sections)
    store = verbs.add_parser("set", help="store your words for a section (markdown: **bold**, *italic*, "
                             "'- ' bullets, [E42] [Ep3] [F2] [R1] references)")
    store.add_argument("case", metavar="CASE")
    store.add_argument("section", metavar="SECTION")
    source = store.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="S", help="the words ('' clears the section)")
    source.add_argument("--file", metavar="F.md", help="a UTF-8 text or markdown file with the words")
    store.set_defaults(handler=run_set)
    show = verbs.add_parser("show", help="print a section's words")
    show.add_argument("case", metavar="CASE")
    show.add_argument("section", metavar="SECTION")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    _register_settings(verbs)
    _register_read_back(verbs)


def _register_settings(verbs: Any) -> None:
    parser = verbs.add_parser("settings", help="show or change the title page: partnership, commissioner, "
                              "author, version, status, marking, panel")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--partnership", metavar="P")
    parser.add_argument("--commissioned-by", metavar="C", dest="commissioned_by")
    parser.add_argument("--author", metavar="A")
    parser.add_argument("--version", metavar="V")
    parser.add_argument("--status", metavar="|".join(STATUSES), type=str.lower, choices=STATUSES)
    parser.add_argument("--marking", metavar="M", help="the protective marking, e.g. OFFICIAL-SENSITIVE")
    parser.add_argument("--panel", action="append", metavar='"Name, role"',
                        help="a panel member (repeat; the list given replaces the panel)")
    parser.add_argument("--involvement", choices=INVOLVEMENT, help="agency involvement told by agency or by period")
    parser.add_argument("--recommendations", choices=RECOMMENDATIONS,
                        help="recommendations in their own section only, or also under their findings")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_settings)


def _register_read_back(verbs: Any) -> None:
    parser = verbs.add_parser(
        "read-back", help="what changed in a draft edited in Word; --accept-all takes it into the case",
        description="Compare a draft report edited in Word with the case, section by section: changed words, "
                    "tracked changes, comments, and text edited outside any section. Without --accept-all "
                    "(or --section) nothing is changed.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("draft", metavar="EDITED.docx")
    parser.add_argument("--accept-all", action="store_true", help="take every changed section into the case")
    parser.add_argument("--section", action="append", metavar="SECTION",
                        help="take only this section's changes (repeat)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_read_back)


def run_sections(args: argparse.Namespace) -> int:
    """List the sections."""
    with open_case(args.case, read_only=True) as case:
        sections = report_sections(case)
    if args.json:
        print_json([{"key": s.key, "number": s.number, "heading": s.heading, "written": s.written,
                     "words": s.words, "guidance": s.guidance} for s in sections])
        return 0
    for s in sections:
        state = f"{s.words} words" if s.written else "to write"
        print(terminal_text(f"{s.number:>11}  {s.key:<24} {s.heading} ({state})"))
    return 0


def _words_from(args: argparse.Namespace) -> str:
    if args.file is None:
        return str(args.text)
    path = Path(args.file)
    if not path.is_file():
        raise ValidationError(f"There is no file {terminal_text(str(path))}.")
    if path.stat().st_size > MAX_TEXT * 4:
        raise ValidationError(f"{terminal_text(path.name)} is larger than a section's text may be "
                              f"({MAX_TEXT:,} characters).")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{terminal_text(path.name)} is not UTF-8 text; save it as UTF-8 and try again.") \
            from None


def run_set(args: argparse.Namespace) -> int:
    """Store a section's words."""
    text = _words_from(args)
    with open_case(args.case) as case:
        section = find_section(case, args.section)
        changed = set_section_text(case, section.key, text)
        missing = unknown_references(case, text)
    what = "Cleared" if not text.strip() else "Stored"
    print(terminal_text(f"{what} the words of {section.number} {section.heading}"
                        + ("." if changed else " (unchanged).")))
    if missing:
        refer = "refers" if len(missing) == 1 else "refer"
        print(terminal_text(f"Note: {', '.join(f'[{m}]' for m in missing)} {refer} to nothing in this case yet."))
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print a section's words."""
    with open_case(args.case, read_only=True) as case:
        section = find_section(case, args.section)
    if args.json:
        print_json({"key": section.key, "number": section.number, "heading": section.heading,
                    "text": section.text, "guidance": section.guidance})
        return 0
    print(terminal_text(f"{section.number} {section.heading}"))
    print(terminal_text(section.text) if section.written else terminal_text(f"(not written) {section.guidance}"))
    return 0


def run_settings(args: argparse.Namespace) -> int:
    """Show or change the report settings."""
    changes = {name: getattr(args, name) for name in ("partnership", "commissioned_by", "author", "version",
                                                      "status", "marking", "panel", "involvement",
                                                      "recommendations")}
    wanted = {name: value for name, value in changes.items() if value is not None}
    with open_case(args.case, read_only=not wanted) as case:
        settings = update_report_settings(case, **wanted) if wanted else report_settings(case)
    if args.json:
        print_json({**vars(settings), "panel": list(settings.panel)})
        return 0
    for label, value in (("Partnership", settings.partnership), ("Commissioned by", settings.commissioned_by),
                         ("Author", settings.author), ("Version", settings.version), ("Status", settings.status),
                         ("Protective marking", settings.marking), ("Agency involvement", settings.involvement),
                         ("Recommendations", settings.recommendations)):
        print(terminal_text(f"{label}: {value or '(not set)'}"))
    print(terminal_text("Panel: " + ("; ".join(settings.panel) if settings.panel else "(not set)")))
    return 0


def run_read_back(args: argparse.Namespace) -> int:
    """Show (and with --accept-all or --section, take) what changed in an edited draft."""
    accept = args.accept_all or bool(args.section)
    with open_case(args.case, read_only=not accept) as case:
        result = read_back(case, Path(args.draft))
        taken = accept_read_back(case, result, None if args.accept_all else args.section) if accept else []
    if args.json:
        print_json(_read_back_json(result, taken))
        return 0
    _print_read_back(result, taken, accept)
    return 0


def _change_json(change: SectionChange) -> dict[str, Any]:
    return {"key": change.key, "heading": change.heading, "status": change.status, "before": change.before,
            "after": change.after, "comments_changed": change.comments_changed, "notes": change.notes,
            "tracked": [vars(t) for t in change.tracked], "comments": [vars(c) for c in change.comments]}


def _read_back_json(result: ReadBack, taken: list[str]) -> dict[str, Any]:
    return {"file": result.file, "sections": len(result.sections),
            "changes": [_change_json(c) for c in result.changes], "taken": taken,
            "outside": [vars(o) for o in result.outside], "removed_outside": result.removed_outside,
            "outside_checked": result.outside_checked,
            "outside_comments": [vars(c) for c in result.outside_comments], "anonymised": result.anonymised}


def _print_read_back(result: ReadBack, taken: list[str], accept: bool) -> None:
    changes = result.changes
    print(terminal_text(f"{result.file}: {len(changes)} of {len(result.sections)} sections changed in Word."))
    for change in changes:
        _print_change(change)
    _print_outside(result)
    if result.anonymised and changes:
        print("Note: this draft was anonymised; its words carry pseudonyms, not names.")
    if accept:
        print(terminal_text(f"Took {len(taken)} section(s) into the case: {', '.join(taken) or 'none'}."))
    elif changes:
        print("Nothing was changed. Take these with --accept-all, or one section with --section SECTION.")


def _print_change(change: SectionChange) -> None:
    print()
    print(terminal_text(f"== {change.heading} [{change.key}]: {change.status}"))
    if change.changed:
        for line in _diff(change.before, change.after):
            print(terminal_text(line))
    for tracked in change.tracked:
        print(terminal_text(f"  tracked {tracked.kind} by {tracked.author or 'someone'}: {tracked.text}"))
    for comment in change.comments:
        print(terminal_text(f"  comment by {comment.author or 'someone'} on '{comment.on}': {comment.text}"))
    for note in change.notes:
        print(terminal_text(f"  note: {note}"))


def _diff(before: str, after: str) -> list[str]:
    import difflib

    old = [p for p in before.split("\n\n") if p.strip()]
    new = [p for p in after.split("\n\n") if p.strip()]
    lines = []
    for line in difflib.ndiff(old, new):
        if line[:1] in "+-":
            lines.append(f"  {line[:1]} {' '.join(line[2:].split())[:400]}")
    return lines


def _print_outside(result: ReadBack) -> None:
    if not result.outside_checked:
        print("Text outside the sections could not be checked (the draft's fingerprints were removed).")
    for edit in result.outside[:OUTSIDE_SHOWN]:
        print(terminal_text(f"Outside any section (after '{edit.near or 'the start'}'): {edit.text}"))
    if len(result.outside) > OUTSIDE_SHOWN:
        print(f"... and {len(result.outside) - OUTSIDE_SHOWN} more outside the sections (--json lists them all).")
    if result.removed_outside:
        print(f"{result.removed_outside} paragraph(s) or table row(s) outside the sections were changed or "
              "deleted in Word; they are written from the case and come back on the next export.")
    for comment in result.outside_comments:
        print(terminal_text(f"Comment outside any section by {comment.author or 'someone'} on '{comment.on}': "
                            f"{comment.text}"))
    if result.outside:
        print("Text outside the sections is not taken into the case: move it into a section, or into the "
              "case's entries, episodes or findings.")
