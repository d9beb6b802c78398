"""The wizard's column page as a reviewer uses it: three values under every column, why a column was
chosen by what it holds, and any column mapped to any field (service / team, contact type)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import choose_files_when_asked, named, press, widgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWizard
from pytestqt.qtbot import QtBot

from scrchron.importers.parsed import SERVICE_HEADING
from scrchron.store import Case, EntryQuery, list_entries
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
HOUSING_CSV = (
    "Date,Service,Contact,Notes,Officer\n"
    "14/01/2019,Housing,Tenancy,Report of a damaged front door; tenant said it was kicked in by an ex-partner,"
    "Housing officer 1\n"
    "20/02/2019,Housing,Repairs,Repairs visit; door replaced; tenant seemed anxious and asked about moving,"
    "Repairs operative\n"
    "03/03/2019,Housing,Tenancy,Tenant did not attend the tenancy review meeting; letter sent,Housing officer 1\n"
    "11/03/2019,ASB team,Tenancy,Neighbour reported shouting late at night; logged as ASB,ASB officer\n"
)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Click the drop-down, then pick ``text`` with the arrow keys and Enter, as a person does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not offered for {combo.accessibleName()}")


def test_samples_reasons_and_service_on_the_column_page(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                       case_file: Path, tmp_path: Path) -> None:
    housing = tmp_path / "Housing.csv"
    housing.write_text(HOUSING_CSV, encoding="utf-8")
    window = open_window(case_file)
    choose_files_when_asked([str(housing)])
    press(qtbot, Qt.Key.Key_I, CTRL, window)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QWizard), timeout=5000)
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, QWizard)
    for _page in range(2):  # agency (named from the file), table
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=5000)
        press(qtbot, Qt.Key.Key_Return, window=window)
    qtbot.waitUntil(lambda: wizard.currentPage().title() == "Which column is which?" and
                    wizard.currentPage().isComplete(), timeout=5000)
    page = wizard.currentPage()

    notes = named(page, "Values of column Notes", QLabel).text().splitlines()
    assert len(notes) == 3 and notes[0].startswith("Report of a damaged front door")
    assert named(page, "Values of column Contact", QLabel).text().splitlines() == ["Tenancy", "Repairs"]
    assert len(named(page, "Values of column Date", QLabel).text().splitlines()) == 3
    why = named(page, "Why column Notes", QLabel).text()
    assert "taken as the event" in why and "free text" in why  # heading and content disagreed: it says why
    assert named(page, "Field for column Notes", QComboBox).currentText() == "Event"
    assert named(page, "Field for column Contact", QComboBox).currentText() == "Contact type"
    columns = [w.accessibleName() for w in widgets(page, QComboBox)]
    assert columns == [f"Field for column {h}" for h in ("Date", "Service", "Contact", "Notes", "Officer")]

    choose(qtbot, named(page, "Field for column Service", QComboBox), "Service / team")
    choose(qtbot, named(page, "Field for column Officer", QComboBox), "Contact type")
    clash = named(page, "Columns on one field", QLabel).text()
    assert "Contact type is chosen for 2 columns (Contact, Officer)" in clash and not page.isComplete()
    choose(qtbot, named(page, "Field for column Contact", QComboBox), "(not used)")
    assert page.isComplete()
    for _page in range(3):  # the mapping, the preview (Import), the summary (Finish)
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=5000)
        press(qtbot, Qt.Key.Key_Return, window=window)
    assert not wizard.isVisible()
    with Case.open(case_file, read_only=True) as case:
        entries = list_entries(case, EntryQuery(agencies=["Housing"], include_hidden=True))
    assert [e.extra.get(SERVICE_HEADING) for e in entries] == ["Housing", "Housing", "Housing", "ASB team"]
    assert entries[0].event.startswith("Report of a damaged front door")
    assert entries[0].contact_type == "Housing officer 1" and entries[0].extra.get("Contact") == "Tenancy"
