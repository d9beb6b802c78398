"""Passphrase commands: ``encrypt``, ``decrypt`` and ``rekey`` a case file.

The rules live in :mod:`scrchron.store.protection`; these handlers ask for the
passphrases (on the terminal, or from files: never on the command line), call it
and print what was done.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrchron.cli.common import PASSPHRASE_FILE_HELP, new_passphrase, read_passphrase
from scrchron.errors import CaseFileError
from scrchron.store import protection

_NEW_FILE_HELP = "read the new passphrase from the first line of FILE (else it is asked twice)"


def register(subparsers: Any) -> None:
    """Add the passphrase commands."""
    parser = subparsers.add_parser(
        "encrypt", help="protect a case file and its backups with a passphrase",
        description="Encrypt CASE and its backups with a new passphrase (close the case everywhere "
                    "first). A forgotten passphrase cannot be recovered.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--passphrase-file", metavar="FILE", help=_NEW_FILE_HELP)
    parser.set_defaults(handler=run_encrypt)
    parser = subparsers.add_parser(
        "decrypt", help="remove a case file's passphrase (it and its backups open without one)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP)
    parser.set_defaults(handler=run_decrypt)
    parser = subparsers.add_parser(
        "rekey", help="change a protected case file's passphrase (in one step)")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP)
    parser.add_argument("--new-passphrase-file", metavar="FILE", help=_NEW_FILE_HELP)
    parser.set_defaults(handler=run_rekey)


def run_encrypt(args: argparse.Namespace) -> int:
    """Protect a plain case file with a new passphrase."""
    path = Path(args.case)
    protection.refuse_if_protected(path)  # before asking for a new passphrase
    done = protection.protect(path, new_passphrase())
    _report(done, "Protected")
    print("Keep the passphrase safe: a forgotten passphrase cannot be recovered, and nor can the review.")
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    """Remove a case file's passphrase."""
    path = Path(args.case)
    done = protection.unprotect(path, read_passphrase(f"Passphrase for {path.name}: "))
    _report(done, "Removed the passphrase of")
    print("Anyone who has the file can now read it.")
    return 0


def run_rekey(args: argparse.Namespace) -> int:
    """Change a protected case file's passphrase."""
    path = Path(args.case)
    old = read_passphrase(f"Current passphrase for {path.name}: ")
    new_source = Path(args.new_passphrase_file) if args.new_passphrase_file else None
    if new_source is None and args.passphrase_file:
        raise CaseFileError("Give the new passphrase with --new-passphrase-file FILE too; nothing was changed.")
    done = protection.change_passphrase(path, old, new_passphrase(new_source))
    _report(done, "Changed the passphrase of")
    return 0


def _report(done: protection.Converted, what: str) -> None:
    count = len(done.backups)
    print(f"{what} {done.case_path.name} and {count} backup{'' if count == 1 else 's'}.")
    for failed in done.failed:
        print(f"Warning: the backup {failed.name} is damaged and was left as it was; delete it if you "
              "do not need it.")
