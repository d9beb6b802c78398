"""Backup commands: ``backups`` (list, make one, how many to keep) and ``restore``.

The rules live in :mod:`scrchron.store.backups`; these handlers parse, call and
print. Both work on a damaged case: that is when they are needed most.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrchron.cli.common import case_key, open_case, print_json, read_passphrase, uses_passphrase_file
from scrchron.errors import ScrchronError
from scrchron.store import backups
from scrchron.store.case import is_protected
from scrchron.store.cipher import CaseKey, WrongPassphraseError


def register(subparsers: Any) -> None:
    """Add the backup commands."""
    parser = subparsers.add_parser(
        "backups", help="list a case's backups (one is made before every import)",
        description="List the backups kept beside the case file, newest first (1 = newest). "
                    "A backup is made before every import, every restore and every update "
                    "of an older file; the newest few are kept (the case setting backups_keep, "
                    f"default {backups.DEFAULT_KEEP}).")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("--now", action="store_true", help="make a backup now, then list")
    parser.add_argument("--keep", type=int, metavar="N",
                        help="keep the newest N backups from now on (1-100); older ones are deleted")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_backups)
    parser = subparsers.add_parser(
        "restore", help="replace a case file with one of its backups",
        description="Replace CASE with BACKUP (its number in 'scrchron backups', its file name, "
                    "or a path). The case as it is now is backed up first, so a restore can be "
                    "undone by restoring that backup. Close the case everywhere first.")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("backup", metavar="BACKUP")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_restore)


def run_backups(args: argparse.Namespace) -> int:
    """List backups; JSON: a list of {number, file, path, when, kind, size, entries, ok}."""
    path = Path(args.case)
    made = None
    if args.now or args.keep is not None:
        with open_case(args.case) as case:
            if args.keep is not None:
                backups.set_keep_count(case, args.keep)
            if args.now:
                made = backups.rotate_backup(case)
    listed = backups.list_backups(path, key=_backups_key(path))
    if args.json:
        print_json([backup.as_dict() for backup in listed])
        return 0
    if made is not None:
        print(f"Backed up to {made.name}.")
    _print_list(path, listed)
    return 0


def _print_list(path: Path, listed: list[backups.Backup]) -> None:
    if not listed:
        print(f"No backups of {path.name} yet: one is made before every import.")
        return
    print(f"Backups of {path.name} (newest first; the newest {_keep(path)} ordinary ones are kept):")
    for backup in listed:
        state = f"{backup.entries:,} entries" if backup.ok else "DAMAGED: do not restore"
        kind = "" if backup.kind == "backup" else f"  ({backup.kind})"
        print(f"  {backup.number:>2}  {backup.taken:%d %b %Y %H:%M:%S}  {_size(backup.size):>8}  "
              f"{state:<24} {backup.path.name}{kind}")
    print(f'Restore one with: scrchron restore "{path}" NUMBER')


def _backups_key(path: Path) -> CaseKey | None:
    """The key of a protected case's backups (None when neither it nor they are protected).

    Checked on the case itself when it opens; when it is damaged or missing, derived
    from the newest protected backup (its backups share its key).
    """
    listed = [backup.path for backup in backups.list_backups(path, check=False)]
    protected = [file for file in [path, *listed] if is_protected(file)]
    if not protected and not uses_passphrase_file():
        return None
    if path.is_file():
        try:
            return case_key(path)
        except WrongPassphraseError:
            raise
        except ScrchronError:
            if not protected:
                raise
    return CaseKey.for_file(protected[-1], read_passphrase(f"Passphrase for {path.name}: "))


def _keep(path: Path) -> int:
    try:
        with open_case(str(path), read_only=True) as case:
            return backups.keep_count(case)
    except ScrchronError:  # damaged or missing: the listing still helps
        return backups.DEFAULT_KEEP


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def run_restore(args: argparse.Namespace) -> int:
    """Restore a backup; JSON: {case, restored_from, kept_as, entries}."""
    done = backups.restore_backup(Path(args.case), args.backup, key=_backups_key(Path(args.case)))
    if args.json:
        print_json({"case": str(done.case_path), "restored_from": str(done.restored_from),
                    "kept_as": str(done.kept_as) if done.kept_as else None,
                    "entries": done.entries})
        return 0
    print(f"Restored {done.case_path.name} from {done.restored_from.name} ({done.entries:,} entries).")
    if done.kept_as is not None:
        print(f"The case as it was is kept as {done.kept_as.name}.")
    return 0
