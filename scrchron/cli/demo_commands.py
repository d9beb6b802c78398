"""The demo command: ``scrchron demo [--out DIR]`` builds the synthetic demo review."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from scrchron.demo.demo_review import write_demo


def register(subparsers: Any) -> None:
    """Add the demo command."""
    parser = subparsers.add_parser(
        "demo", help="build the demo review (invented people) with its report and chronology",
        description="Build the demo review from the synthetic agency files shipped with scrchron: "
                    "imports every submission, groups the same events, adds people, episodes, "
                    "findings and an action plan, then writes demo.scrchron, demo-report.docx and "
                    "demo-chronology.xlsx into DIR (replacing an earlier demo there).",
    )
    parser.add_argument("--out", default=".", metavar="DIR", help="folder to write into (default: here)")
    parser.add_argument("--anonymise", action="store_true",
                        help="write the report and chronology as for publication (pseudonyms only)")
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """Build the demo and say where its files are."""
    use_offscreen_without_display()
    files = write_demo(Path(args.out), anonymise=args.anonymise)
    print("Demo review written (every person in it is invented):")
    print(f"  case file:  {files.case}")
    print(f"  report:     {files.report}")
    print(f"  chronology: {files.chronology}")
    print(f'Open it with: scrchron gui "{files.case}"')
    return 0


def use_offscreen_without_display() -> None:
    """Let the report's timeline picture be drawn on a machine with no display.

    Only Linux and the BSDs need it: Windows and macOS always have a screen.
    An explicit QT_QPA_PLATFORM is left as it is.
    """
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
