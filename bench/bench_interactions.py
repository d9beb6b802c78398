"""What a reviewer repeats all day, on a 10,000-entry case, off screen: the 95th percentile
of each interaction, beside the bare-Qt equivalent measured in the same run.

(a) choose the next entry with the Down key and see it in the entry panel;
(b) switch tabs with Ctrl+2 / Ctrl+1;
(c) edit a field (the reviewer's note) and undo it with Ctrl+Z;
(d) open the import wizard on a file (its first page drawn);
(e) zoom the timeline one step with +.

Every interaction is a key press or a window opening, as a person does it; the time
runs until the window has drawn the result (events processed, repaint done). The
target is under 100 ms at the 95th percentile.
Run: python bench/bench_interactions.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QUndoCommand, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, insert_entries

ENTRIES = 10_000
REPEAT = 40
TARGET_MS = 100.0
AGENCIES = ("Police", "Children's Social Care", "Health Visiting", "GP", "School", "Housing")


def build_case(path: Path) -> Path:
    rng = random.Random(11)
    with Case.create(path, Review("Child T", "cspr", scope_from="2012-01-01", scope_to="2015-12-31")) as case:
        ids = [case.add_agency(name).id for name in AGENCIES]
        entries = []
        for row in range(ENTRIES):
            day = f"201{rng.randint(2, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            entries.append(Entry(agency_id=rng.choice(ids), date_text=day, start=day, end=day,
                                 precision="day", seq=float(row), row=row + 1, sheet="Sheet1",
                                 event=f"Home visit {row}; mother seen, child not seen.",
                                 action=rng.choice(["", "Visit planned.", "No further action."])))
        with case.write():
            insert_entries(case, entries)
    return path


def settle(app: QApplication) -> None:
    """Let the window finish: every event handled, every repaint drawn."""
    for _ in range(3):
        app.processEvents()


def p95(action: Callable[[], object], app: QApplication, repeat: int = REPEAT) -> float:
    """95th percentile, in ms, of ``action`` followed by the window settling."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        settle(app)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20)[-1]


def report(label: str, ours: float, bare: float) -> None:
    verdict = "ok" if ours < TARGET_MS else "OVER"
    print(f"{label:<52} p95 {ours:7.1f} ms  (bare Qt {bare:6.1f} ms, ratio {ours / max(bare, 0.01):5.1f}x)  "
          f"target < {TARGET_MS:.0f} ms: {verdict}")


# -- the bare-Qt equivalents ------------------------------------------------------------------


class _Note(QUndoCommand):
    def __init__(self, box: QLineEdit, text: str) -> None:
        super().__init__("note")
        self.box, self.text, self.before = box, text, box.text()

    def redo(self) -> None:
        self.box.setText(self.text)

    def undo(self) -> None:
        self.box.setText(self.before)


def bare_window(app: QApplication) -> tuple[QTabWidget, QTableView, QLabel, QLineEdit, QUndoStack]:
    model = QStandardItemModel(ENTRIES, 5)
    for row in range(ENTRIES):
        model.setItem(row, 0, QStandardItem(f"2014-01-{row % 28 + 1:02d}"))
        model.setItem(row, 1, QStandardItem(f"Home visit {row}; mother seen, child not seen."))
    tabs = QTabWidget()
    page = QWidget()
    table = QTableView(page)
    table.setModel(model)
    label, note = QLabel(page), QLineEdit(page)
    layout = QVBoxLayout(page)
    for widget in (table, label, note):
        layout.addWidget(widget)
    table.selectionModel().currentRowChanged.connect(lambda current, _p: label.setText(str(current.row())))
    tabs.addTab(page, "Chronology")
    tabs.addTab(QLabel("Same event"), "Same event")
    tabs.resize(1366, 768)
    tabs.show()
    settle(app)
    return tabs, table, label, note, QUndoStack()


def bare_figures(app: QApplication) -> dict[str, float]:
    tabs, table, _label, note, stack = bare_window(app)
    table.setFocus()
    table.selectRow(0)
    figures = {"select": p95(lambda: QTest.keyClick(table, Qt.Key.Key_Down), app)}
    figures["tabs"] = p95(lambda: tabs.setCurrentIndex(1 - tabs.currentIndex()), app)

    def edit_and_undo() -> None:
        stack.push(_Note(note, "Why was MARAC not considered?"))
        stack.undo()

    figures["undo"] = p95(edit_and_undo, app)

    def wizard() -> None:
        shown = QWizard()
        shown.addPage(QWizardPage())
        shown.show()
        settle(app)
        shown.close()
        shown.deleteLater()

    figures["wizard"] = p95(wizard, app, repeat=15)
    canvas = QLabel("timeline")
    canvas.resize(1300, 600)
    canvas.show()
    figures["zoom"] = p95(canvas.repaint, app)
    tabs.close()
    canvas.close()
    return figures


# -- scrchron's window ------------------------------------------------------------------------


def our_figures(app: QApplication, case_path: Path, import_file: Path) -> dict[str, float]:
    from scrchron.ui.importing.import_wizard import ImportWizard
    from scrchron.ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.load_case(case_path, remember=False)
    settle(app)
    table = window.chronology_page.table
    table.setFocus()
    table.selectRow(0)
    settle(app)
    figures = {"select": p95(lambda: QTest.keyClick(table, Qt.Key.Key_Down), app)}

    def switch() -> None:
        index = window.workspace.currentIndex()
        QTest.keyClick(window, Qt.Key.Key_1 if index else Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    figures["tabs"] = p95(switch, app)
    window.workspace.setCurrentIndex(0)
    settle(app)
    note = window.chronology_page.entry_panel.note

    def edit_and_undo() -> None:
        note.setFocus()
        QTest.keyClicks(note, "Why?")
        table.setFocus()  # leaving the note saves it (one undoable change)
        settle(app)
        QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    figures["undo"] = p95(edit_and_undo, app)
    assert window.session is not None

    def wizard() -> None:
        shown = ImportWizard(window.session, import_file, window)  # type: ignore[arg-type]
        shown.show()
        settle(app)
        shown.close()
        shown.deleteLater()

    figures["wizard"] = p95(wizard, app, repeat=15)
    window.workspace.setCurrentWidget(window.review_tabs.timeline)
    settle(app)
    canvas = window.review_tabs.timeline.canvas
    canvas.setFocus()
    zoom_keys = iter([Qt.Key.Key_Plus, Qt.Key.Key_Minus] * REPEAT)
    figures["zoom"] = p95(lambda: QTest.keyClick(canvas, next(zoom_keys)), app)
    window.close()
    return figures


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        case_path = build_case(Path(folder) / "bench.scrchron")
        agency_file = Path(folder) / "police.csv"
        agency_file.write_text("Date,Event\n01/02/2014,Home visit.\n", encoding="utf-8")
        bare = bare_figures(app)
        ours = our_figures(app, case_path, agency_file)
    print(f"Interactions on a {ENTRIES:,}-entry case, {REPEAT} times each (offscreen, 1366x768):")
    labels = {"select": "(a) Down key: next entry shown in the panel",
              "tabs": "(b) Ctrl+2 / Ctrl+1: switch tabs",
              "undo": "(c) edit the note, then Ctrl+Z",
              "wizard": "(d) open the import wizard",
              "zoom": "(e) + on the timeline: zoom one step"}
    for key, label in labels.items():
        report(label, ours[key], bare[key])


if __name__ == "__main__":
    main()
