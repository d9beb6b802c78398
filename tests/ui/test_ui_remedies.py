"""The window words an error's next step with its menus and pages, never with the
command line's commands or options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from scrchron.errors import REMEDIES, Remedy, ScrchronError
from scrchron.ui.widgets.error_dialogs import _ADVICE, error_text
from scrchron.ui.window.main_window import MainWindow
from tests.core.test_remedies import COMMAND_LINE
from tests.ui.test_ui_workflow import next_page, start_wizard


def test_every_remedy_has_window_words_and_none_names_the_command_line() -> None:
    assert set(_ADVICE) == set(REMEDIES)
    for kind in REMEDIES:
        text = error_text(ScrchronError("Something.", remedy=Remedy(kind, {"sheet": "S", "table": "2"})))
        assert COMMAND_LINE.search(text) is None, (kind, text)


def test_a_file_with_no_header_row_says_to_map_its_columns_on_the_columns_page(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    headless = tmp_path / "notes.csv"
    headless.write_text("Monday\nTuesday\nWednesday\n", encoding="utf-8")
    window = open_window(case_file)
    wizard = start_wizard(window, headless, monkeypatch)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    for _page in range(3):
        button = wizard.button(QWizard.WizardButton.NextButton)
        if not button.isEnabled():
            break
        next_page(qtbot, wizard)
    shown = wizard.currentPage().status.text()  # type: ignore[attr-defined]
    assert "cannot be read" in shown or "Columns page" in shown, shown
    assert "--map" not in shown and "scrchron " not in shown.replace("scrchron cannot", "")
