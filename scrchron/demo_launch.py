"""``make run``: build the demo review and open the app on it.

With no display, say so, say where the demo case was written, and exit 1 with a hint.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrchron.demo import build_demo


def main(argv: list[str]) -> int:
    """Build the demo case in the folder given (default out/demo) and open it."""
    folder = Path(argv[0] if argv else "out/demo")
    folder.mkdir(parents=True, exist_ok=True)
    case = build_demo(folder / "demo.scrchron")
    from scrchron.ui.app import has_display, run_app

    if not has_display():
        print(
            "No display found, so the scrchron window cannot open here.\n"
            f"The demo review was written to {case}.\n"
            "Hint: run under a desktop session, or try "
            f"'xvfb-run make run', or 'QT_QPA_PLATFORM=offscreen scrchron gui {case} --screenshot demo.png'.",
            file=sys.stderr,
        )
        return 1
    return run_app(case, None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
