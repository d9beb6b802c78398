"""Helpers shared by the command modules: opening cases, reading dates, printing."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrchron.dates import reader
from scrchron.errors import ScrchronError, ValidationError, quoted
from scrchron.store import Case
from scrchron.store.case import is_protected, real_case_path
from scrchron.store.cipher import CaseKey, WrongPassphraseError
from scrchron.store.protection import check_new_passphrase

Handler = Callable[[argparse.Namespace], int]
Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


PASSPHRASE_FILE_HELP = ("read the passphrase of a protected case from the first line of FILE "
                        "(else it is asked on the terminal; never give it on the command line)")
_TRIES = 3


class _Passphrases:
    """Where this run reads passphrases from, and the keys of the cases it opened (this run only)."""

    file: Path | None = None
    keys: dict[Path, CaseKey] = {}  # noqa: RUF012 - one run of the command line


def use_passphrase_file(path: str | None) -> None:
    """Read passphrases from ``path`` (``--passphrase-file``) rather than the terminal."""
    _Passphrases.file = Path(path) if path else None
    _Passphrases.keys = {}


def uses_passphrase_file() -> bool:
    """True when this run was given ``--passphrase-file``."""
    return _Passphrases.file is not None


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """Give every command under ``parser`` that takes a CASE the ``--passphrase-file`` option."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_passphrase_option(child)
    has_case = any(action.dest == "case" for action in parser._actions)
    if has_case and not any(action.dest == "passphrase_file" for action in parser._actions):
        parser.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP)


def read_passphrase(prompt: str, source: Path | None = None) -> str:
    """A passphrase from ``source`` (its first line), else typed on the terminal (not echoed).

    Raises:
        ScrchronError: neither a file nor a terminal, or the file cannot be read.
    """
    source = source or _Passphrases.file
    if source is not None:
        try:
            with source.open(encoding="utf-8") as handle:
                line = handle.readline(4096)
        except (OSError, UnicodeDecodeError) as error:
            raise ScrchronError(f"The passphrase file {source} cannot be read ({error}).") from None
        passphrase = line.rstrip("\r\n")
        if not passphrase:
            raise ScrchronError(f"The passphrase file {source} is empty: put the passphrase on its first line.")
        return passphrase
    if not sys.stdin.isatty():
        raise ScrchronError("This needs the review's passphrase: run it on a terminal to type it, "
                            "or give --passphrase-file FILE.")
    return getpass.getpass(prompt)


def new_passphrase(source: Path | None = None) -> str:
    """A new passphrase: from a file, or typed twice on the terminal."""
    first = read_passphrase("New passphrase: ", source)
    if (source or _Passphrases.file) is None and getpass.getpass("Type it again: ") != first:
        raise ScrchronError("The two passphrases typed differ; nothing was changed.")
    return check_new_passphrase(first)


def case_key(path: Path) -> CaseKey | None:
    """The key of the protected case at ``path`` (None for a plain one), asking its passphrase.

    On a terminal, three tries; each wrong one changes nothing.
    """
    real = real_case_path(path)
    if real in _Passphrases.keys:
        return _Passphrases.keys[real]
    if _Passphrases.file is None and not is_protected(real):
        return None
    tries = 1 if _Passphrases.file is not None or not sys.stdin.isatty() else _TRIES
    for attempt in range(1, tries + 1):
        passphrase = read_passphrase(f"Passphrase for {real.name}: ")
        try:
            with Case.open(real, read_only=True, passphrase=passphrase) as case:
                key = case.key
        except WrongPassphraseError:
            if attempt == tries:
                raise
            print("That passphrase does not open it; try again.", file=sys.stderr)
            continue
        if key is not None:
            _Passphrases.keys[real] = key
        return key
    return None  # pragma: no cover - the loop returns or raises


def open_case(path: str, read_only: bool = False) -> Case:
    """Open the case file named on the command line (a notice, such as read-only media, goes to stderr).

    A protected case's passphrase is read from ``--passphrase-file`` or asked on the terminal.
    """
    key = case_key(Path(path))
    case = Case.open(Path(path), read_only=read_only, key=key)
    if case.notice:
        print(f"Note: {terminal_text(case.notice)}", file=sys.stderr)
    return case


def iso_day(text: str | None, what: str) -> str | None:
    """Read a date given as an option (any common form) and return it as YYYY-MM-DD."""
    if text is None or not text.strip():
        return None
    reading = reader.read_date(text)
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
