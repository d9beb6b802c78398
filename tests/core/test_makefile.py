"""Every module the Makefile runs with ``python -m`` exists (``make run`` once named a module the
re-layout had moved: the demo launcher is ``scrchron.demo.launch``)."""

from __future__ import annotations

import importlib.util
import re

from paths import ROOT


def test_every_module_the_makefile_runs_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    modules = set(re.findall(r"python -m (scrchron[\w.]*)", makefile))
    assert "scrchron.demo.launch" in modules  # make run
    missing = sorted(m for m in modules if importlib.util.find_spec(m) is None)
    assert missing == []
