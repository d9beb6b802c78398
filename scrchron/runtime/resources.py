"""Finding the files in resources/, from source and from a frozen (PyInstaller) build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a file under resources/, wherever scrchron runs from."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent.parent
    return root.joinpath("resources", *parts)
