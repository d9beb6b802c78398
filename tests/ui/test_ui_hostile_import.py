"""The window survives a reader that aborts (issue 16, defect 6).

The cyclic-sector .xls makes calamine grow until it aborts; before the cage
that took the whole window with it. Imported through the wizard, it now gives
the cage's message on the page, the window lives on and the case is unchanged.
The tasks run on the real thread pool, so the child is forked from a worker
thread of a running Qt application, as in use.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from tests.test_ui_workflow import next_page, start_wizard

from scrchron.ui.window.main_window import MainWindow
from tests.hostile_inputs import cyclic_xls


@pytest.fixture
def window(qtbot: QtBot, case_file: Path) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_case(case_file)
    return shown


def test_an_aborting_reader_gives_its_message_in_the_wizard(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                            case_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = cyclic_xls(tmp_path / "housing.xls")
    before = hashlib.sha256(case_file.read_bytes()).hexdigest()
    assert window.case is not None
    entries = window.case.count("entries")
    wizard = start_wizard(window, path, monkeypatch)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.agency_page.name, "Housing Trust")
    next_page(qtbot, wizard)
    page = wizard.currentPage()
    status = page.status  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "could not be read safely" in status.text(), timeout=60_000)
    assert "more than 1 GB of memory" in status.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert window.isVisible() and window.case is not None
    assert window.case.count("entries") == entries and window.case.find_agency("Housing Trust") is None
    wizard.reject()
    window.case.close()
    assert hashlib.sha256(case_file.read_bytes()).hexdigest() == before
