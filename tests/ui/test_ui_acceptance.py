"""A whole review through the window, done only as a reviewer does it.

Keys and shortcuts on whatever has focus, clicks on widgets found by their
accessible name or visible text, typing into fields, and reading what is shown.
No window or page method is called to get work done. The walk: create a review by
typing dates; import five agency files of different layouts in one File > Import,
pressing Enter at every page; check every agency's entries arrived under the right
agency and none was withdrawn; confirm a same-event proposal; add a person; add an
episode with Ctrl+E; add a finding, a recommendation and an action; undo and redo
across tabs; export the report and the spreadsheet from the menu; export again and
meet the overwrite question.

With ``SCRCHRON_SCREENSHOTS=folder`` each step is saved as a PNG there (the README's
screenshots are taken this way under Xvfb, see ``tools/screenshots.sh``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_driver import (
    choose_files_when_asked,
    click,
    labelled,
    named,
    press,
    press_enter_when_asked,
    press_keys,
    type_when_asked,
    widgets,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from review_files import EXPECTED, all_files

from scrchron.store import Case, EntryQuery, list_entries
from scrchron.ui.window import appearance
from scrchron.ui.window.main_window import MainWindow

SIZES = [pytest.param(((1024, 700), "light"), id="1024x700-light"),
         pytest.param(((1366, 768), "dark"), id="1366x768-dark")]
if os.environ.get("SCRCHRON_SCREENSHOTS"):  # pictures of every size in both looks
    SIZES += [pytest.param(((1024, 700), "dark"), id="1024x700-dark"),
              pytest.param(((1366, 768), "light"), id="1366x768-light")]
CTRL = Qt.KeyboardModifier.ControlModifier


class Walk:
    """The window and what the walk has seen, with a camera for each step."""

    def __init__(self, qtbot: QtBot, window: MainWindow, folder: Path, label: str) -> None:
        self.qtbot, self.window, self.folder, self.label = qtbot, window, folder, label
        shots = os.environ.get("SCRCHRON_SCREENSHOTS")
        self.shots = Path(shots) if shots else None
        self.step = 0

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        """Save what the reviewer sees now (only when screenshots were asked for)."""
        self.step += 1
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        target = widget or QApplication.activeModalWidget() or self.window
        target.grab().save(str(self.shots / f"{self.label}-{self.step:02d}-{name}.png"))

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        press(self.qtbot, key, modifier, self.window)

    def tab(self, title: str) -> QWidget:
        """Click a tab of the window by its visible title; returns its page."""
        tabs = self.window.findChild(QTabWidget)
        assert tabs is not None
        index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title)
        bar = tabs.tabBar()
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert tabs.currentIndex() == index
        return tabs.currentWidget()

    def status(self) -> str:
        return self.window.statusBar().currentMessage()


@pytest.fixture
def walk(qtbot: QtBot, tmp_path: Path, sync_tasks: None, request: pytest.FixtureRequest) -> Iterator[Walk]:
    size, look = request.param
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance.apply_appearance(app, look)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield Walk(qtbot, window, tmp_path, f"{size[0]}x{size[1]}-{look}")
    appearance.apply_appearance(app, "light")


def modal() -> QDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog), f"expected a dialog, the window shows {dialog!r}"
    return dialog


def create_review(walk: Walk) -> Path:
    walk.key(Qt.Key.Key_N, CTRL)
    dialog = modal()
    for label, text in (("Title", "Child T: Child Safeguarding Practice Review"),
                        ("Subject's name", "Tommy Marsh"), ("Pseudonym", "Child T"),
                        ("Scope from", "1 Mar 2014"), ("Scope to", "12/09/2015"),
                        ("Incident date", "9.3.15")):
        field = labelled(dialog, label)
        walk.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        walk.qtbot.keyClicks(field, text)
    readings = [w.text() for w in widgets(dialog, QLabel) if w.accessibleName().endswith("read as")]
    assert "Sat 1 Mar 2014" in readings and "Sat 12 Sep 2015" in readings and "Mon 9 Mar 2015" in readings
    location = labelled(dialog, "Save as")
    assert isinstance(location, QLineEdit)
    walk.qtbot.mouseClick(location, Qt.MouseButton.LeftButton)
    location.selectAll()
    target = walk.folder / "Child T.scrchron"
    walk.qtbot.keyClicks(location, str(target))
    walk.shot("new-review", dialog)
    walk.key(Qt.Key.Key_Return)
    assert target.exists() and not dialog.isVisible()
    assert walk.window.windowTitle().endswith("Child T: Child Safeguarding Practice Review")
    return target


def import_five_files(walk: Walk) -> None:
    files = all_files(walk.folder)
    choose_files_when_asked([str(path) for path in files])
    walk.key(Qt.Key.Key_I, CTRL)
    for number, path in enumerate(files):
        wizard = modal()
        assert isinstance(wizard, QWizard) and path.name in wizard.windowTitle()
        name = named(wizard, "New agency name", QLineEdit)
        walk.qtbot.waitUntil(lambda w=wizard, n=name: w.focusWidget() is n, timeout=1000)  # typing names it
        for _page in range(6):
            if not wizard.isVisible():
                break
            if number == 0:
                walk.shot(f"import-{wizard.currentId()}")
            walk.key(Qt.Key.Key_Return)
        assert not wizard.isVisible(), f"Enter did not take {path.name} through the wizard"
    assert QApplication.activeModalWidget() is None


def check_agencies(walk: Walk, case_path: Path) -> None:
    with Case.open(case_path, read_only=True) as case:
        names = {agency.name for agency in case.agencies()}
        assert names == set(EXPECTED)
        for agency, count in EXPECTED.items():
            entries = list_entries(case, EntryQuery(agencies=[agency], include_hidden=True))
            assert len(entries) == count, agency
            assert not any(entry.withdrawn for entry in entries), agency
    counts = walk.window.statusBar().findChildren(QLabel)
    assert any(label.text() == f"{sum(EXPECTED.values())} entries" for label in counts)
    assert "same events" in walk.status()
    walk.shot("chronology")


def confirm_same_event(walk: Walk) -> None:
    page = walk.tab("Same event")
    table = next(t for t in widgets(page, QTableView))
    assert table.model().rowCount() >= 1
    walk.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                          pos=table.visualRect(table.model().index(0, 1)).center())
    walk.shot("same-event")
    click(walk.qtbot, page, "Confirm: one event")
    combo = named(page, "Show groups", QComboBox)
    combo.setFocus()
    walk.qtbot.keyClicks(combo, "Confirmed")
    assert table.model().rowCount() == 1


def add_person(walk: Walk) -> None:
    page = walk.tab("People")
    for label, text in (("Name", "Tanya Marsh"), ("Pseudonym", "Mother"), ("Role", "mother")):
        field = named(page, label, QLineEdit)
        walk.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        walk.qtbot.keyClicks(field, text)
    walk.key(Qt.Key.Key_S, CTRL)
    table = next(t for t in widgets(page, QTableView) if t.model().rowCount())
    rows = [[table.model().index(r, c).data() for c in range(table.model().columnCount())]
            for r in range(table.model().rowCount())]
    assert any("Tanya Marsh" in row and "Mother" in row for row in rows), rows


def add_episode_with_ctrl_e(walk: Walk) -> None:
    page = walk.tab("Chronology")
    table = next(t for t in widgets(page, QTableView) if t.model().rowCount() > 10)
    for row, modifier in ((3, Qt.KeyboardModifier.NoModifier), (4, CTRL)):
        rect = table.visualRect(table.model().index(row, 0))
        walk.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    type_when_asked("The strategy discussion")
    walk.key(Qt.Key.Key_E, CTRL)
    with Case.open(walk.folder / "Child T.scrchron", read_only=True) as case:
        from scrchron.store import analysis as analysis_store

        episodes = analysis_store.list_episodes(case)
        assert [e.title for e in episodes] == ["The strategy discussion"] and len(episodes[0].entries) == 2


def type_text(walk: Walk, field: QWidget, text: str) -> None:
    walk.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    walk.qtbot.keyClicks(field, text)


def tick_item(walk: Walk, box: QListWidget, text: str) -> None:
    item = next(box.item(i) for i in range(box.count()) if box.item(i).text().startswith(text))
    box.scrollToItem(item)
    rect = box.visualItemRect(item)
    walk.qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Checked, f"clicking did not tick {text!r}"


def add_finding_recommendation_action(walk: Walk) -> None:
    analysis = walk.tab("Analysis")
    inner = analysis if isinstance(analysis, QTabWidget) else analysis.findChild(QTabWidget)
    assert isinstance(inner, QTabWidget)
    walk.key(Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Fin&dings
    assert inner.tabText(inner.currentIndex()).replace("&", "") == "Findings"
    page = inner.currentWidget()
    type_text(walk, named(page, "Title", QLineEdit), "Mother's account was relied on")
    tick_item(walk, named(page, "Themes", QListWidget), "Voice of the child")
    walk.key(Qt.Key.Key_S, CTRL)
    walk.key(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Reco&mmendations
    page = inner.currentWidget()
    type_text(walk, named(page, "Recommendation", QPlainTextEdit), "Check who lives at the address.")
    tick_item(walk, named(page, "Answers findings", QListWidget), "1.")
    walk.key(Qt.Key.Key_S, CTRL)
    walk.key(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Action p&lan
    page = inner.currentWidget()
    type_text(walk, named(page, "Action", QPlainTextEdit), "Audit the referral pathway")
    type_text(walk, named(page, "due date", QLineEdit), "31 Mar 2016")
    walk.key(Qt.Key.Key_S, CTRL)
    walk.shot("action-plan")
    table = next(t for t in widgets(page, QTableView))
    shown = [table.model().index(0, c).data() for c in range(table.model().columnCount())]
    assert any("Audit the referral pathway" in str(text) for text in shown), shown
    assert any("31 Mar 2016" in str(text) for text in shown), shown


def undo_and_redo_across_tabs(walk: Walk) -> None:
    page = walk.tab("Chronology")
    table = next(t for t in widgets(page, QTableView) if t.model().rowCount() > 10)
    rect = table.visualRect(table.model().index(0, 0))
    walk.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    date = named(page, "Date as written", QLineEdit)
    before = date.text()
    date.setFocus()
    date.selectAll()
    walk.qtbot.keyClicks(date, "13 March 2014")
    walk.key(Qt.Key.Key_Return)
    walk.key(Qt.Key.Key_Z, CTRL)  # the cursor is still in the date box: it undoes the saved change
    assert walk.status() == "Undid: change date to “13 March 2014”"
    assert named(page, "Date as written", QLineEdit).text() == before
    walk.key(Qt.Key.Key_Y, CTRL)
    assert walk.status().startswith("Redid: change date")
    walk.key(Qt.Key.Key_Z, CTRL)
    walk.key(Qt.Key.Key_Z, CTRL)  # the action added on the Analysis tab
    assert walk.status() == "Undid: add action 1 “Audit the referral pathway”"
    tabs = walk.window.findChild(QTabWidget)
    assert tabs is not None and tabs.tabText(tabs.currentIndex()).replace("&", "") == "Analysis"
    walk.key(Qt.Key.Key_Y, CTRL)
    assert walk.status() == "Redid: add action 1 “Audit the referral pathway”"


def export_twice(walk: Walk) -> None:
    report = walk.folder / "Child T draft.docx"
    walk.key(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = modal()
    path = named(dialog, "Export to", QLineEdit)
    path.selectAll()
    walk.qtbot.keyClicks(path, str(report))
    walk.key(Qt.Key.Key_Return)
    finished = modal()
    assert isinstance(finished, QMessageBox) and str(report) in finished.text()
    walk.key(Qt.Key.Key_Escape)
    assert report.stat().st_size > 10_000
    written = report.read_bytes()
    press_keys(walk.qtbot, walk.window, "f", "e", "x")  # File > Export > Excel workbook…
    dialog = modal()
    path = named(dialog, "Export to", QLineEdit)
    path.selectAll()
    walk.qtbot.keyClicks(path, str(walk.folder / "Child T chronology.xlsx"))
    walk.key(Qt.Key.Key_Return)
    walk.key(Qt.Key.Key_Escape)
    assert (walk.folder / "Child T chronology.xlsx").stat().st_size > 4_000
    walk.key(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)  # again, to the same file
    dialog = modal()
    path = named(dialog, "Export to", QLineEdit)
    path.selectAll()
    walk.qtbot.keyClicks(path, str(report))
    asked: list[str] = []
    press_enter_when_asked(asked)
    walk.key(Qt.Key.Key_Return)
    assert asked and "already exists" in asked[0]
    walk.key(Qt.Key.Key_Escape)
    assert report.read_bytes() == written  # Enter kept the first report
    assert (walk.folder / "Child T draft (2).docx").exists()


@pytest.mark.parametrize("walk", SIZES, indirect=True)
def test_a_whole_review_through_the_window(walk: Walk) -> None:
    case_path = create_review(walk)
    import_five_files(walk)
    check_agencies(walk, case_path)
    confirm_same_event(walk)
    add_person(walk)
    add_episode_with_ctrl_e(walk)
    add_finding_recommendation_action(walk)
    undo_and_redo_across_tabs(walk)
    export_twice(walk)
    assert not [w for w in widgets(walk.window, QTextEdit) if "Traceback" in w.toPlainText()]
