"""File > Send templates to agencies… writes the pack where the reviewer says, and a returned
template then imports under its own agency with no mapping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import choose_files_when_asked, press_keys
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrchron.chronology.submission_import import import_file
from scrchron.store import EntryQuery, count_entries
from scrchron.ui.window.main_window import MainWindow


def test_send_templates_from_the_file_menu(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                           case_file: Path, tmp_path: Path) -> None:
    window = open_window(case_file)
    folder = tmp_path / "pack"
    folder.mkdir()
    choose_files_when_asked([str(folder)])  # the folder chooser: its name typed, then Enter
    press_keys(qtbot, window, "f", "t")  # File > Send templates to agencies…
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and "3 agencies" in box.text()
    box.close()
    written = sorted(path.name for path in folder.iterdir())
    assert len(written) == 6 and any(name.endswith(".xlsx") and "Police" in name for name in written)
    returned = next(folder / name for name in written if name.endswith(".docx") and "Police" in name)
    assert window.case is not None
    before = count_entries(window.case, EntryQuery(agencies=["Police"]))
    summary = import_file(window.case, returned, None)  # no agency named: the marker says Police
    assert summary.agency == "Police" and count_entries(window.case, EntryQuery(agencies=["Police"])) == before
