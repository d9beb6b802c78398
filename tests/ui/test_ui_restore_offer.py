"""A damaged review with a good backup: the window offers to restore it. Enter (Cancel)
changes nothing; Restore backup puts the backup in place, keeps the damaged file aside,
and opens the review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import press_button_when_asked, press_enter_when_asked
from pytestqt.qtbot import QtBot

from scrchron.store import Case, backups
from scrchron.ui.window.main_window import MainWindow
from tests.ui.test_ui_protected import open_with_ctrl_o


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for start in range(2 * 4096, len(data) - 4096, 3 * 4096):
        data[start + 100:start + 3000] = b"\xa5" * 2900
    path.write_bytes(bytes(data))


def test_a_damaged_review_is_restored_only_when_asked(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    with Case.open(case_file) as case:
        backup = backups.rotate_backup(case)
    _damage(case_file)
    damaged = case_file.read_bytes()
    window = open_window(None)
    seen: list[str] = []
    open_with_ctrl_o(qtbot, window, case_file, lambda: press_enter_when_asked(seen))
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert "is damaged" in seen[0] and backup.name in seen[0] and "Restore backup" in seen[0]
    assert "scrchron restore" not in seen[0]  # the window's words, not the command line's
    assert case_file.read_bytes() == damaged and window.case is None  # Enter restored nothing

    open_with_ctrl_o(qtbot, window, case_file, lambda: press_button_when_asked("Restore backup"))
    qtbot.waitUntil(lambda: window.case is not None)
    assert window.model.total() == 30
    assert "Restored" in window.statusBar().currentMessage()
    kept = [p for p in case_file.parent.iterdir() if p.read_bytes() == damaged]
    assert kept and kept[0] != case_file  # the damaged file is kept aside
