"""A GP practice's chronology printed to PDF imports through File > Import like any other file:
the chooser offers PDFs, the wizard reads the table over its pages, and each entry names its page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import answer_next_dialog, press
from pdf_files import table_pages, write_pdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from scrchron.store import EntryQuery, list_entries
from scrchron.ui.window.main_window import MainWindow
from tests.ui.test_ui_workflow import next_page


def test_a_pdf_table_over_pages_imports_through_the_wizard(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path) -> None:
    rows = [[f"{n % 28 + 1:02d}/03/2015", f"Consultation {n}: mother seen with baby", "GP"] for n in range(45)]
    pdf = write_pdf(tmp_path / "gp-practice.pdf", table_pages(rows, header=["Date", "Consultation notes", "Clinician"]))
    window = open_window(case_file)
    offered: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        offered.extend(dialog.nameFilters())
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setText(f'"{pdf}"')
        QTest.keyClick(name, Qt.Key.Key_Return)

    answer_next_dialog(choose)
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier, window)  # File > Import
    qtbot.waitUntil(lambda: window.import_queue is not None and window.import_queue.current is not None)
    assert "*.pdf" in offered[0]  # the chooser's first filter, what a reviewer sees
    wizard = window.import_queue.current  # type: ignore[union-attr]
    assert wizard is not None
    assert wizard.agency_page.name.text() == "GP Practice"  # named from the file
    for _page in ("agency", "table", "mapping", "preview"):
        next_page(qtbot, wizard)
    assert "45 entries imported" in wizard.import_page.summary.text()
    assert window.case is not None
    entries = list_entries(window.case, EntryQuery(agencies=["GP Practice"]))
    assert len(entries) == 45 and entries[0].event.startswith("Consultation")
    assert {e.origin.rsplit(" (", 1)[-1] for e in entries} == {"page 1)", "page 2)"}  # each names its page
