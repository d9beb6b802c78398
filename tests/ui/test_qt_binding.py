"""The Qt binding scrchron ships with must not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that
returns nothing; after some thousands of calls Python aborts ("none_dealloc").
A long session in the app makes millions of such calls, so pyproject.toml keeps
that release out. This test fails if such a binding is installed again.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
from PySide6.QtCore import QObject
item = QObject()
before = sys.getrefcount(None)
for _ in range(2000):
    item.setObjectName("probe")
print(before - sys.getrefcount(None))
"""


def test_qt_calls_keep_none_reference_count() -> None:
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 50, "the Qt binding loses references to None"
