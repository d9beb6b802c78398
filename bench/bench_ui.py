"""Window figures, off screen: launch to a usable window, filtering and scrolling 100,000 entries
(near the top, and on from row 50,000, where each page the view asks for is read deep in the case).

Each figure is printed beside a baseline measured in the same run.
Run: python bench/bench_ui.py
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from scrchron.records.case_records import Entry, Review
from scrchron.store import Case, EntryQuery, insert_entries, list_entries

ENTRIES = 100_000
SEARCH = "bruising"
SCROLL_STEPS = 300
#: The deep scroll starts here; the page loads on the way are read this deep in the case.
DEEP_ROW = 50_000

#: Both scripts print the wall-clock time (time.time) at which their window is usable; the
#: parent subtracts the moment it started the process, so interpreter start-up is counted.
LAUNCH = """
import sys, time
from pathlib import Path
from scrchron.ui.app import application
from scrchron.ui.window.main_window import MainWindow
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
    from scrchron.demo.demo_review import build_demo

    demo = build_demo(folder / "demo.scrchron")
    run(BARE)  # warm the disk cache for both
    run(LAUNCH, str(demo))
    ours = statistics.median(run(LAUNCH, str(demo)) for _ in range(3))
    bare = statistics.median(run(BARE) for _ in range(3))
    print(f"(a) process start to a usable window on the demo review: {ours * 1000:7.0f} ms (target < 2000 ms); "
          f"bare QApplication + empty QWidget: {bare * 1000:.0f} ms; ratio {ours / bare:.1f}x")


def bench_filter(app: QApplication, path: Path) -> None:
    from scrchron.ui.window.main_window import MainWindow

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
    return [ms for ms, _rows in timed_steps(app, table, steps)]


def timed_steps(app: QApplication, table: QTableView, steps: int) -> list[tuple[float, int]]:
    """Scroll down a viewport at a time: (ms, rows the model gained) for each frame."""
    bar = table.verticalScrollBar()
    model = table.model()
    app.processEvents()
    frames = []
    for _ in range(steps):
        rows = model.rowCount()
        start = time.perf_counter()
        bar.setValue(bar.value() + table.viewport().height())
        table.viewport().repaint()
        app.processEvents()
        frames.append(((time.perf_counter() - start) * 1000, model.rowCount() - rows))
    return frames


def go_deep(app: QApplication, table: QTableView) -> float:
    """Read pages as the view would up to DEEP_ROW and show it at the top; seconds taken."""
    model = table.model()
    start = time.perf_counter()
    while model.rowCount() <= DEEP_ROW and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    app.processEvents()  # the view lays out the rows, so the scroll bar reaches them
    table.scrollTo(model.index(DEEP_ROW, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    app.processEvents()
    if table.rowAt(0) < DEEP_ROW - 1:
        raise RuntimeError(f"the view shows row {table.rowAt(0):,}, not row {DEEP_ROW:,}")
    return time.perf_counter() - start


def bench_scroll(app: QApplication, path: Path) -> None:
    from scrchron.ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.load_case(path, read_only=True, remember=False)
    processing(app, lambda: window.model.rowCount() > 0)
    table = window.chronology_page.table
    ours = scroll_frames(app, table, SCROLL_STEPS)
    reached = table.rowAt(0)
    reading = go_deep(app, table)
    with full_collections() as pauses:
        deep = timed_steps(app, table, SCROLL_STEPS)
    deep_reached = table.rowAt(0)
    row_height = table.verticalHeader().defaultSectionSize()
    window.close()
    window.deleteLater()

    plain_view = plain_table(path, deep_reached + 200, row_height)
    plain = scroll_frames(app, plain_view, SCROLL_STEPS)
    go_deep(app, plain_view)
    plain_deep = scroll_frames(app, plain_view, SCROLL_STEPS)
    plain_view.close()
    print(f"(c) scroll the {ENTRIES:,}-entry chronology, {SCROLL_STEPS} page steps (to row ~{reached:,}): "
          f"max frame {max(ours):.1f} ms, median {statistics.median(ours):.1f} ms "
          f"(target: no frame > 50 ms); preloaded QStandardItemModel: "
          f"max {max(plain):.1f} ms, median {statistics.median(plain):.1f} ms; "
          f"median ratio {statistics.median(ours) / statistics.median(plain):.1f}x")
    report_deep(deep, deep_reached, reading, plain_deep)
    print(f"    full garbage collections during (d): {len(pauses)}"
          f"{f', longest {max(pauses):.0f} ms' if pauses else ''}")


@contextmanager
def full_collections() -> Iterator[list[float]]:
    """The length (ms) of each full (generation 2) garbage collection inside the block."""
    pauses: list[float] = []
    started = [0.0]

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(note)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(note)


def report_deep(deep: list[tuple[float, int]], reached: int, reading: float,
                plain: list[float]) -> None:
    frames = [ms for ms, _rows in deep]
    loads = [ms for ms, rows in deep if rows]
    quiet = [ms for ms, rows in deep if not rows]
    print(f"(d) scroll on from row {DEEP_ROW:,}, {SCROLL_STEPS} page steps (to row ~{reached:,}), "
          f"{len(loads)} page loads on the way: max frame {max(frames):.1f} ms, median "
          f"{statistics.median(frames):.1f} ms (target: no frame > 50 ms); frames with a page load: "
          f"max {max(loads, default=0):.1f} ms, median {statistics.median(loads or [0]):.1f} ms; "
          f"without: max {max(quiet):.1f} ms; preloaded QStandardItemModel at the same rows: "
          f"max {max(plain):.1f} ms, median {statistics.median(plain):.1f} ms; worst-frame ratio "
          f"{max(frames) / max(plain):.1f}x (reading the {DEEP_ROW:,} rows above, page by page: "
          f"{reading:.1f} s)")


def plain_table(path: Path, count: int, row_height: int) -> QTableView:
    """The first ``count`` entries in a QStandardItemModel, all read beforehand, on show.

    Its rows are as high as the chronology's, so the same steps scroll the same rows.
    """
    rows = _first_rows(path, count)
    plain_model = QStandardItemModel(len(rows), 4)
    for number, entry in enumerate(rows):
        for column, text in enumerate((entry.date_text, entry.agency, entry.event, entry.action)):
            plain_model.setItem(number, column, QStandardItem(text))
    plain_view = QTableView()
    plain_view.resize(1280, 800)
    plain_view.setModel(plain_model)
    plain_view.setWordWrap(True)
    plain_view.verticalHeader().setDefaultSectionSize(row_height)
    plain_view.show()
    return plain_view


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
