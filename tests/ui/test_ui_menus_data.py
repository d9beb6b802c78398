"""The menus are made from their declaration (ui/window/menus.py ACTIONS and MENUS): every
declared action is in its menu with its text and keys, and 'when' decides what a read-only
review allows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import menu_action

from scrchron.ui.window.main_window import MainWindow
from scrchron.ui.window.menus import ACTIONS, MENUS


def test_every_declared_action_is_in_its_menu_with_its_keys(
        open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)
    by_name = {spec.name: spec for spec in ACTIONS}
    for title, items in MENUS.items():
        for name in (item for item in items if item in by_name):
            spec = by_name[name]
            shown = menu_action(window, title.replace("&", ""), spec.text.replace("&", ""))
            assert shown is getattr(window, name)
            assert shown.shortcuts() == spec.keys(), name


def test_when_decides_what_a_read_only_review_allows(
        open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(None)
    window.load_case(case_file, read_only=True)  # as File > Open read-only leaves it
    assert window.case is not None and window.case.read_only
    for spec in (s for s in ACTIONS if s.when != "history"):  # nothing to undo yet
        action = getattr(window, spec.name)
        assert action.isEnabled() == (spec.when != "writing"), spec.name
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
