"""The core never loads Qt: importing every module outside ``scrchron/ui`` in a fresh
interpreter leaves PySide6 unloaded. The one exception the house allows is the timeline
painter (``scrchron.timeline.drawing``: QtGui on a QImage, no widgets), which the report loads
only when it draws the picture."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import scrchron

ALLOWED = {"scrchron.timeline.drawing"}


def test_importing_the_whole_core_leaves_pyside6_unloaded() -> None:
    core = sorted(m.name for m in pkgutil.walk_packages(scrchron.__path__, "scrchron.")
                  if not m.name.startswith("scrchron.ui") and m.name not in ALLOWED)
    assert len(core) > 50  # the walk found the core at all
    code = "import sys\n" + "".join(f"import {name}\n" for name in core) + "print('PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False", "a core module imports Qt"
