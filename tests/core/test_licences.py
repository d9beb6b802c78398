"""The licence is declared once and truly, and every dependency is both used and listed.

A declared dependency nothing imports is a defect (dateparser was one); so is one the
third-party list does not name with its licence.
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9_.\-]+", requirement)
    assert match is not None
    return match.group(0).lower().replace("_", "-")


def _imported_distributions() -> set[str]:
    tops: set[str] = set()
    for path in (ROOT / "scrchron").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                tops.add(node.module.split(".")[0])
    owners = packages_distributions()
    return {dist.lower().replace("_", "-") for top in tops for dist in owners.get(top, [])}


def test_the_project_is_gpl_3_or_later() -> None:
    assert PROJECT["license"] == "GPL-3.0-or-later"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "GNU General Public License" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_runtime_dependency_is_imported_by_scrchron() -> None:
    used = _imported_distributions()
    unused = [req for req in PROJECT["dependencies"] if _name(req) not in used]
    assert not unused, f"declared but never imported: {unused}"


def test_every_dependency_is_listed_with_its_licence() -> None:
    listed = (ROOT / "THIRD_PARTY.md").read_text(encoding="utf-8").lower()
    wanted = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"],
              *PROJECT["optional-dependencies"]["dist"]]
    missing = [req for req in wanted if _name(req) not in listed]
    assert not missing, f"not in THIRD_PARTY.md: {missing}"
