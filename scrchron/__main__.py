"""Entry point: ``python -m scrchron`` and the ``scrchron`` commands."""

from __future__ import annotations

import sys


def main() -> int:
    """Run the command line (with no arguments it opens the app)."""
    from scrchron.cli import main as cli_main

    return cli_main()


def gui_main() -> int:
    """Open the desktop app (the GUI launcher's entry point)."""
    from scrchron.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
