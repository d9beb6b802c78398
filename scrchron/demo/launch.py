"""``make run``: build the demo review and open the app on it.

With no display the window cannot open, so it builds the demo review, writes
its report and Excel chronology headlessly, says where they are and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrchron.cli.demo_commands import use_offscreen_without_display
from scrchron.demo.demo_review import CASE_NAME, build_demo, write_demo

DEFAULT_FOLDER = Path("out/demo")


def main(argv: list[str]) -> int:
    """Build the demo in the folder given (default out/demo) and open it, or write it headlessly."""
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    from scrchron.ui.app import has_display, run_app

    if not has_display():
        use_offscreen_without_display()
        files = write_demo(folder)
        print("No display found, so the scrchron window cannot open here. The demo review was built "
              "and its report written headlessly (every person in it is invented):")
        for path in files.written():
            print(f"  {path}")
        print("To see the window, run 'make run' in a desktop session (or under xvfb-run).")
        return 0
    return run_app(build_demo(folder / CASE_NAME), None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
