"""No slot receives a button's or action's ``checked`` flag by mistake.

``triggered``, ``clicked`` and ``toggled`` pass a bool. Connected to a method with
a parameter of its own (``add_episode(title=None)``), the bool arrives as that
parameter: Edit > Add episode crashed on ``False.strip()``. This reads every such
connection in ``scrchron/ui`` and fails on a method whose first parameter is not
the bool, and on a helper that hands its slot the signal's arguments.
"""

from __future__ import annotations

import ast
from pathlib import Path

import scrchron.ui

UI = Path(scrchron.ui.__file__).parent
SIGNALS = {"triggered", "clicked", "toggled"}


def _functions() -> dict[tuple[str, str], list[ast.FunctionDef]]:
    """(file, name) -> definitions, and ("", name) -> every file's."""
    found: dict[tuple[str, str], list[ast.FunctionDef]] = {}
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                found.setdefault((path.name, node.name), []).append(node)
                found.setdefault(("", node.name), []).append(node)
    return found


def _connections() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect" and isinstance(node.func.value, ast.Attribute)
                    and node.func.value.attr in SIGNALS and node.args):
                found.append((path.name, node.lineno, node.args[0]))
    return found


def _takes_checked_wrongly(function: ast.FunctionDef) -> bool:
    params = [a for a in function.args.args if a.arg not in ("self", "cls")]
    if not params:
        return False
    first = params[0].annotation
    return not (isinstance(first, ast.Name) and first.id == "bool")


def test_no_slot_takes_checked_as_something_else() -> None:
    functions = _functions()
    wrong = []
    for file, line, slot in _connections():
        if isinstance(slot, ast.Name):  # a helper passing on a slot it was given
            wrong.append(f"{file}:{line} connects {slot.id} as given: wrap it so it drops `checked`")
        elif isinstance(slot, ast.Attribute):
            owner = "main_window.py" if isinstance(slot.value, ast.Name) and slot.value.id == "window" else file
            defined = functions.get((owner, slot.attr)) or functions.get(("", slot.attr), [])
            if any(_takes_checked_wrongly(f) for f in defined):
                wrong.append(f"{file}:{line} connects {slot.attr}, whose first parameter is not `checked`")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_the_connections() -> None:
    assert len(_connections()) > 30  # the reader finds the window's connections at all
