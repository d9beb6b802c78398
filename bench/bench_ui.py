"""Window figures, off screen: launch to a usable window, filtering and scrolling 100,000 entries.

Each figure is printed beside a baseline measured in the same run.
Run: python bench/bench_ui.py
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from scrchron.model import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries, list_entries

ENTRIES = 100_000
SEARCH = "bruising"
SCROLL_STEPS = 300

#: Both scripts print the wall-clock time (time.time) at which their window is usable; the
#: parent subtracts the moment it started the process, so interpreter start-up is counted.
LAUNCH = """
import sys, time
from pathlib import Path
from scrchron.ui.app import application
from scrchron.ui.main_window import MainWindow
app = application()
window = MainWindow()
window.resize(1280, 800)
window.show()
window.load_case(Path(sys.argv[1]), read_only=True, remember=False)
while window.model.rowCount() == 0 or not window.chronology_page.table.isVisible():
    app.processEvents()
app.processEvents()
print(time.time())
"""

BARE = """
import time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
widget.resize(1280, 800)
widget.show()
app.processEvents()
print(time.time())
"""

#: Words agency records are made of, so the text index sees realistic variety.
WHO = ["Health visitor", "Social worker", "GP", "Police officer", "School nurse", "Class teacher",
       "Midwife", "Duty social worker", "Paediatrician", "Housing officer", "DSL", "Neighbour"]
WHAT = ["home visit; baby seen asleep in cot", "telephoned mother, no answer",
        "domestic incident reported; PPN submitted", "appointment not attended",
        "strategy discussion held by phone", "child absent from school", "weight checked; on 9th centile",
        "mother reports low mood", "partner present and answered for mother",
        "referral received from police", "child in need meeting held", "records transferred late",
        "welfare check; no reply at the address", "advice letter sent to mother"]
EXTRA = ["", "", "", "", " Bruising noted on the arm.", " Mother said it was from a fall.",
         " Information shared with MASH.", " Next contact in six weeks."]


def processing(app: QApplication, until: object, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()


def build_large_case(path: Path) -> None:
    rng = random.Random(7)
    with Case.create(path, Review("Child T", "cspr", scope_from="2010-01-01",
                                  scope_to="2016-12-31")) as case:
        agencies = [case.add_agency(name).id for name in
                    ("Police", "Children's Social Care", "Health Visiting", "GP", "School",
                     "Housing", "Adult Social Care", "Probation", "CAMHS", "Ambulance")]
        entries = []
        for row in range(ENTRIES):
            day = f"20{rng.randint(10, 15)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            event = f"{rng.choice(WHO)}: {rng.choice(WHAT)}.{rng.choice(EXTRA)}"
            entries.append(Entry(agency_id=rng.choice(agencies), event=event, date_text=day,
                                 start=day, end=day, precision="day", seq=float(row), row=row + 1,
                                 sheet="Sheet1", action=rng.choice(["", "Visit planned.",
                                                                    "No further action."])))
        with case.write():
            insert_entries(case, entries)


def run(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, check=True)
    return float(done.stdout.strip().splitlines()[-1]) - start


def bench_launch(folder: Path) -> None:
    from scrchron.demo import build_demo

    demo = build_demo(folder / "demo.scrchron")
    run(BARE)  # warm the disk cache for both
    run(LAUNCH, str(demo))
    ours = statistics.median(run(LAUNCH, str(demo)) for _ in range(3))
    bare = statistics.median(run(BARE) for _ in range(3))
    print(f"(a) process start to a usable window on the demo review: {ours * 1000:7.0f} ms (target < 2000 ms); "
          f"bare QApplication + empty QWidget: {bare * 1000:.0f} ms; ratio {ours / bare:.1f}x")


def bench_filter(app: QApplication, path: Path) -> None:
    from scrchron.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.load_case(path, read_only=True, remember=False)
    page = window.chronology_page
    processing(app, lambda: window.model.rowCount() > 0)
    times = []
    for word in (SEARCH, "welfare", "strategy", SEARCH):
        page.search.setText("")
        page.apply_filter()
        processing(app, lambda: window.model.rowCount() > 0)
        start = time.perf_counter()
        page.search.setText(word)
        page.apply_filter()
        processing(app, lambda: window.model.rowCount() > 0
                   and page.table.indexAt(page.table.viewport().rect().topLeft()).isValid())
        app.processEvents()
        times.append(time.perf_counter() - start)
    shown = window.model.total()
    ours = statistics.median(times)

    def load_all_and_filter() -> list[Entry]:
        with Case.open(path, read_only=True) as case:
            return [e for e in list_entries(case, EntryQuery())
                    if SEARCH in f"{e.event} {e.action}".lower()]

    start = time.perf_counter()
    matched = load_all_and_filter()
    plain = time.perf_counter() - start
    print(f"(b) filter {ENTRIES:,} entries by text until the first rows show: {ours * 1000:7.1f} ms "
          f"(target < 200 ms; '{SEARCH}' matches {shown:,}); list_entries all + filter in Python: "
          f"{plain * 1000:.0f} ms ({len(matched):,} matched); {plain / ours:.0f}x faster")
    window.close()
    window.deleteLater()


def scroll_frames(app: QApplication, table: QTableView, steps: int) -> list[float]:
    bar = table.verticalScrollBar()
    app.processEvents()
    frames = []
    for _ in range(steps):
        start = time.perf_counter()
        bar.setValue(bar.value() + table.viewport().height())
        table.viewport().repaint()
        app.processEvents()
        frames.append((time.perf_counter() - start) * 1000)
    return frames


def bench_scroll(app: QApplication, path: Path) -> None:
    from scrchron.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.load_case(path, read_only=True, remember=False)
    processing(app, lambda: window.model.rowCount() > 0)
    table = window.chronology_page.table
    ours = scroll_frames(app, table, SCROLL_STEPS)
    reached = table.rowAt(0)
    window.close()
    window.deleteLater()

    rows = [e for e in _first_rows(path, reached + 200)]
    plain_model = QStandardItemModel(len(rows), 4)
    for number, entry in enumerate(rows):
        for column, text in enumerate((entry.date_text, entry.agency, entry.event, entry.action)):
            plain_model.setItem(number, column, QStandardItem(text))
    plain_view = QTableView()
    plain_view.resize(1280, 800)
    plain_view.setModel(plain_model)
    plain_view.setWordWrap(True)
    plain_view.show()
    plain = scroll_frames(app, plain_view, SCROLL_STEPS)
    plain_view.close()
    print(f"(c) scroll the {ENTRIES:,}-entry chronology, {SCROLL_STEPS} page steps (to row ~{reached:,}): "
          f"max frame {max(ours):.1f} ms, median {statistics.median(ours):.1f} ms "
          f"(target: no frame > 50 ms); preloaded QStandardItemModel ({len(rows):,} rows): "
          f"max {max(plain):.1f} ms, median {statistics.median(plain):.1f} ms; "
          f"median ratio {statistics.median(ours) / statistics.median(plain):.1f}x")


def _first_rows(path: Path, count: int) -> list[Entry]:
    with Case.open(path, read_only=True) as case:
        return list_entries(case, EntryQuery(limit=count))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
        bench_launch(folder)
        app = QApplication.instance() or QApplication(["bench_ui"])
        assert isinstance(app, QApplication)
        large = folder / "large.scrchron"
        start = time.perf_counter()
        build_large_case(large)
        print(f"(built the {ENTRIES:,}-entry case in {time.perf_counter() - start:.1f} s)")
        bench_filter(app, large)
        bench_scroll(app, large)


if __name__ == "__main__":
    main()
