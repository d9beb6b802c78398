"""A narrative chronology (dated paragraphs, no table) imports through the wizard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_importers_narrative import narrative_docx
from test_ui_workflow import next_page, start_wizard, window  # noqa: F401  (the window fixture)

from scrchron.ui.window.main_window import MainWindow


def test_dated_paragraphs_import_through_the_wizard(qtbot: QtBot, window: MainWindow,  # noqa: F811
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = start_wizard(window, narrative_docx(tmp_path), monkeypatch)
    agency = wizard.agency_page
    qtbot.mouseClick(agency.new_button, Qt.MouseButton.LeftButton)
    agency.name.selectAll()
    qtbot.keyClicks(agency.name, "Adult Social Care")
    next_page(qtbot, wizard)
    assert wizard.table_page.tables.item(0).text().startswith("Dated paragraphs")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # the mapping page: nothing to map for paragraphs
    assert wizard.preview_page.model.rowCount() == 4
    next_page(qtbot, wizard)  # Import
    page = wizard.import_page
    assert page.result is not None, page.summary.text()
    assert page.result.imported == 4
    assert "4 entries imported" in page.summary.text()
