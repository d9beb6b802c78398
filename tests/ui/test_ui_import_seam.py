"""The wizard imports what its preview showed: the file is read for the preview, the
import stores that preparation (the file is not read a fourth time), with the new
agency's colour in the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrchron.ui.window.main_window import MainWindow
from tests.ui.test_ui_workflow import next_page, start_wizard


def test_the_import_stores_what_the_preview_showed_without_reading_the_file_again(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, school_csv: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(case_file)
    wizard = start_wizard(window, school_csv, monkeypatch)
    qtbot.mouseClick(wizard.agency_page.new_button, Qt.MouseButton.LeftButton)
    wizard.agency_page.name.selectAll()
    qtbot.keyClicks(wizard.agency_page.name, "Primary School")
    for _page in ("agency", "table", "mapping"):
        next_page(qtbot, wizard)
    assert "5 entries will be imported" in wizard.preview_page.status.text()
    school_csv.write_text("Date,Event\n01/01/2015,Something else entirely\n", encoding="utf-8")
    next_page(qtbot, wizard)  # Import
    assert "5 entries imported" in wizard.import_page.summary.text()
    assert window.model.total() == 35
    assert window.case is not None
    school = window.case.find_agency("Primary School")
    assert school is not None and wizard.plan.colour and school.colour == wizard.plan.colour.upper()
    recoloured = window.case.db.conn.execute(
        "SELECT count(*) FROM audit WHERE table_name = 'agencies' AND field = 'colour'").fetchone()[0]
    assert recoloured == 0  # the colour came with the agency, not in a second transaction
