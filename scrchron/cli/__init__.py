"""The command line: parses arguments, calls the core, prints.

Exit status: 0 success; 1 a user-facing error (one or two lines on stderr, no
traceback); 2 wrong usage. Each command group lives in its own module and adds
its sub-commands through ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scrchron import __version__
from scrchron.cli import (
    analysis_commands,
    backup_commands,
    case_commands,
    date_commands,
    demo_commands,
    export_commands,
    import_commands,
    library_commands,
    merge_commands,
    name_commands,
    protection_commands,
    reference_commands,
    report_commands,
    template_commands,
    timetable_commands,
)
from scrchron.cli.advice import error_text
from scrchron.cli.common import add_passphrase_option, terminal_text, use_passphrase_file
from scrchron.errors import ScrchronError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

_MODULES = (
    case_commands,
    protection_commands,
    import_commands,
    merge_commands,
    analysis_commands,
    name_commands,
    reference_commands,
    export_commands,
    backup_commands,
    demo_commands,
    date_commands,
    library_commands,
    timetable_commands,
    template_commands,
    report_commands,
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="scrchron",
        description=("Multi-agency chronologies for statutory case reviews "
                     "(CSPR, SCR, SAR, DHR; Wales: SUSR, CPR, APR)."),
    )
    parser.add_argument("--version", action="version", version=f"scrchron {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _MODULES:
        module.register(subparsers)
    add_passphrase_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from scrchron.cli.case_commands import open_gui

        return open_gui(None, None)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "handler", None):
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    use_passphrase_file(getattr(args, "passphrase_file", None))
    try:
        return int(args.handler(args) or EXIT_OK)
    except ScrchronError as error:
        print(f"scrchron: {terminal_text(error_text(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("scrchron: interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
