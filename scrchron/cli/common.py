"""Helpers shared by the command modules: opening cases, reading dates, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrchron import dates
from scrchron.errors import ValidationError, quoted
from scrchron.store import Case

Handler = Callable[[argparse.Namespace], int]
Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def open_case(path: str, read_only: bool = False) -> Case:
    """Open the case file named on the command line (a notice, such as read-only media, goes to stderr)."""
    case = Case.open(Path(path), read_only=read_only)
    if case.notice:
        print(f"Note: {terminal_text(case.notice)}", file=sys.stderr)
    return case


def iso_day(text: str | None, what: str) -> str | None:
    """Read a date given as an option (any common form) and return it as YYYY-MM-DD."""
    if text is None or not text.strip():
        return None
    reading = dates.read_date(text)
    if reading.start is None or reading.precision not in ("day", "time"):
        raise ValidationError(
            f"Cannot read the {what} '{quoted(text)}' as a single day. Write it like 2015-03-09 or 9 March 2015."
        )
    return reading.start[:10]


_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))}


def terminal_text(text: str) -> str:
    """Text safe to print on a terminal: control characters (ESC, BEL, CR...) escaped as ``\\x1b``.

    Agency data and file names may hold escape sequences that would rewrite the screen.
    """
    return text.translate(_CONTROLS)


def print_json(value: Any) -> None:
    """Print a value as indented JSON (UTF-8, non-ASCII kept)."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
