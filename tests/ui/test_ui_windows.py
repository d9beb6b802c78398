"""Two reviews side by side: File > New window, opening a review while one is open,
the same review not opened twice, undo kept per window, and closing one window."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from scrchron.store import get_entry
from scrchron.store.lock import held_here
from scrchron.ui.chronology.chronology_model import Column
from scrchron.ui.widgets import tasks
from scrchron.ui.window import settings
from scrchron.ui.window.main_window import MainWindow, main_windows, window_showing

DEMO_TITLE = "Child T: Child Safeguarding Practice Review (demo)"
SAMPLE_TITLE = "Child T: Child Safeguarding Practice Review"


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo review, built once for these tests."""
    from scrchron.demo.demo_review import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.scrchron")


@pytest.fixture
def demo_file(built_demo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo to open as a reviewer's own review."""
    return Path(shutil.copyfile(built_demo, tmp_path / "Demo review.scrchron"))


@pytest.fixture
def first(qtbot: QtBot, sync_tasks: None) -> Iterator[MainWindow]:
    """The first window, on the start page; every window still open is closed afterwards.

    Windows the app opens delete themselves when closed, so they are not given to qtbot.
    """
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for other in main_windows():
        other.close()


def choose_in_open_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The next File > Open dialog answers ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def visible_boxes(*windows: MainWindow) -> list[str]:
    return [box.text() for window in windows for box in window.findChildren(QMessageBox)
            if box.isVisible()]


def edit_first_date(qtbot: QtBot, window: MainWindow, text: str) -> int:
    """Choose the first entry and retype its date, as a reviewer does; return its id."""
    page = window.chronology_page
    page.table.selectRow(0)
    panel = page.entry_panel
    panel.date.selectAll()
    qtbot.keyClicks(panel.date, text)
    qtbot.keyClick(panel.date, Qt.Key.Key_Return)
    assert panel.entry is not None
    return panel.entry.id


@pytest.fixture
def two(qtbot: QtBot, first: MainWindow, demo_file: Path, case_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> tuple[MainWindow, MainWindow]:
    """The demo open in the first window, then File > Open on another review from it."""
    choose_in_open_dialog(monkeypatch, demo_file)
    first.open_action.trigger()
    assert first.case is not None and first.case.path == demo_file
    choose_in_open_dialog(monkeypatch, case_file)
    first.open_action.trigger()
    second = window_showing(case_file)
    assert second is not None and second is not first
    qtbot.waitExposed(second)
    return first, second


def test_opening_a_review_in_a_busy_window_opens_a_new_window(
        two: tuple[MainWindow, MainWindow], demo_file: Path, case_file: Path) -> None:
    first, second = two
    assert set(main_windows()) == {first, second}
    assert first.windowTitle() == f"scrchron — {DEMO_TITLE}"
    assert second.windowTitle() == f"scrchron — {SAMPLE_TITLE}"
    assert first.chronology_page.title.text() == DEMO_TITLE
    assert second.chronology_page.title.text() == SAMPLE_TITLE
    assert first.model.total() == 45 and second.model.total() == 30
    assert first.count_label.text() == "45 entries" and second.count_label.text() == "30 entries"
    assert second.model.index(0, Column.EVENT).data() == "Mother known to adult services as a care leaver."
    assert first.case is not None and first.case.path == demo_file  # the first keeps its review
    assert settings.recent_cases()[:2] == [case_file.resolve(), demo_file.resolve()]
    assert visible_boxes(first, second) == []


def test_opening_a_review_already_open_brings_its_window_forward(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow], demo_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two
    second.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    choose_in_open_dialog(monkeypatch, demo_file)
    second.open_action.trigger()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert visible_boxes(first, second) == []  # no lock error, nothing asked
    assert len(main_windows()) == 2  # not opened a second time
    assert second.case is not None and second.chronology_page.title.text() == SAMPLE_TITLE
    assert first.case is not None and first.case.path == demo_file and not first.case.read_only
    second.recent_menu.aboutToShow.emit()  # Open recent goes the same way
    next(a for a in second.recent_menu.actions() if a.text() == demo_file.name).trigger()
    assert len(main_windows()) == 2


def test_opening_it_in_its_own_window_keeps_it_open(
        two: tuple[MainWindow, MainWindow], demo_file: Path) -> None:
    first, _second = two
    case = first.case
    assert first.open_case(demo_file)
    assert first.case is case  # not closed and opened again


def test_undo_belongs_to_its_window(qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    first, second = two
    assert first.session is not None and second.session is not None
    assert first.session.undo_stack is not second.session.undo_stack
    first_id = edit_first_date(qtbot, first, "15/03/2014")
    second_id = edit_first_date(qtbot, second, "Spring 2015")
    assert first.case is not None and second.case is not None
    assert get_entry(second.case, second_id).date_text == "Spring 2015"
    first.undo_action.trigger()
    assert get_entry(first.case, first_id).date_text == "14/03/2014"
    assert get_entry(second.case, second_id).date_text == "Spring 2015"  # untouched
    assert not first.undo_action.isEnabled() and second.undo_action.isEnabled()
    assert second.undo_action.text() == "&Undo Change date to “Spring 2015”"
    second.undo_action.trigger()
    assert get_entry(second.case, second_id).date_text == "early 2015"
    first.redo_action.trigger()
    assert get_entry(first.case, first_id).date_text == "15/03/2014"
    assert get_entry(second.case, second_id).date_text == "early 2015"


def test_closing_one_window_leaves_the_other_working(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow], demo_file: Path, case_file: Path) -> None:
    first, second = two
    assert held_here(demo_file) and held_here(case_file)
    first.close_window_action.trigger()
    assert first.case is None and not first.isVisible()
    assert not held_here(demo_file) and held_here(case_file)  # the first's lock went with it
    assert main_windows() == [second]
    qtbot.keyClicks(second.chronology_page.search, "MASH")
    qtbot.waitUntil(lambda: second.count_label.text() == "Showing 2 of 30 entries")
    edit_first_date(qtbot, second, "?17/01/2015")
    assert second.model.index(0, Column.DATE).data() == "?17/01/2015"
    second.undo_action.trigger()
    assert second.case is not None and not second.case.read_only
    assert second.model.index(0, Column.DATE).data() == "17/01/2015"


def test_new_window_shows_the_start_page(qtbot: QtBot, first: MainWindow, demo_file: Path) -> None:
    assert first.new_window_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert first.open_case(demo_file)
    first.new_window_action.trigger()
    others = [window for window in main_windows() if window is not first]
    assert len(others) == 1
    new = others[0]
    assert new.pages.currentWidget() is new.start_page and new.windowTitle() == "scrchron"
    assert new.case is None and new.session is None
    assert new.pos() != first.pos() and new.size() == first.size()  # cascaded, same size
    assert new.start_page.recent.count() == 1  # the shared recent list
    assert not new.undo_action.isEnabled()


def test_start_page_recent_list_follows_other_windows(
        qtbot: QtBot, first: MainWindow, demo_file: Path, case_file: Path) -> None:
    new = first.new_window()
    assert new.start_page.recent.count() == 0
    assert first.open_case(case_file)
    assert new.start_page.recent.count() == 1  # refreshed without being touched
    assert new.start_page.recent.item(0).text().startswith("Child T")
    new.start_page.recent.itemActivated.emit(new.start_page.recent.item(0))
    assert new.case is None and QApplication.activeWindow() is not new  # already open in `first`


def test_new_review_from_a_busy_window_opens_in_a_new_window(
        qtbot: QtBot, first: MainWindow, case_file: Path, tmp_path: Path) -> None:
    settings.write(settings.LAST_FOLDER, str(tmp_path))
    assert first.open_case(case_file)
    dialog = first.new_review()
    qtbot.keyClicks(dialog.title, "Adult B")
    dialog.accept()
    created = tmp_path / "Adult B.scrchron"
    window = window_showing(created)
    assert window is not None and window is not first
    assert first.case is not None and first.case.path == case_file


def test_dropping_a_case_file_opens_it_in_a_new_window(
        qtbot: QtBot, first: MainWindow, demo_file: Path, case_file: Path) -> None:
    assert first.open_case(demo_file)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(case_file))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    first.dropEvent(drop)
    window = window_showing(case_file)
    assert window is not None and window is not first


def test_a_review_locked_elsewhere_opens_read_only_in_a_new_window(
        qtbot: QtBot, first: MainWindow, demo_file: Path, case_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scrchron.store import Case
    from scrchron.store.lock import CaseLockedError

    real_open = Case.open

    def locked(path: Path, read_only: bool = False) -> Case:
        if path == case_file and not read_only:
            raise CaseLockedError("Child T.scrchron is open in another scrchron.", None)
        return real_open(path, read_only=read_only)

    monkeypatch.setattr(Case, "open", staticmethod(locked))
    assert first.open_case(demo_file)
    assert first.open_path(case_file) is None
    assert len(main_windows()) == 1  # no empty window left behind
    box = next(b for b in first.findChildren(QMessageBox) if b.isVisible())
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "Open read-only"),
                     Qt.MouseButton.LeftButton)
    window = window_showing(case_file)
    assert window is not None and window is not first
    assert window.case is not None and window.case.read_only
    assert first.case is not None and first.case.path == demo_file


def test_the_last_window_closed_keeps_the_layout(
        qtbot: QtBot, first: MainWindow, case_file: Path) -> None:
    new = first.new_window()
    new.move(40, 50)
    first.close()
    assert settings.load_state("main_window") is None  # another window is still open
    assert new.open_case(case_file)
    layout = new.saveGeometry()
    new.close()
    assert settings.load_state("main_window") == layout


def test_quit_closes_every_window(qtbot: QtBot, two: tuple[MainWindow, MainWindow],
                                  demo_file: Path, case_file: Path) -> None:
    first, second = two
    assert QApplication.quitOnLastWindowClosed()  # the app ends with its last window
    second.quit_action.trigger()
    assert main_windows() == []
    assert first.case is None and second.case is None
    assert not held_here(demo_file) and not held_here(case_file)


def test_windows_are_found_whatever_the_path_looks_like(
        qtbot: QtBot, first: MainWindow, case_file: Path, tmp_path: Path) -> None:
    assert first.open_case(case_file)
    link = tmp_path / "link.scrchron"
    link.symlink_to(case_file)
    assert window_showing(link) is first
    assert window_showing(case_file.parent / ".." / case_file.parent.name / case_file.name) is first
    assert first.open_path(link) is first and len(main_windows()) == 1


@pytest.fixture
def pool_tasks() -> Iterator[None]:
    """Background tasks run on thread pools, as in the app (not at once, as ``sync_tasks`` does)."""
    previous = tasks.set_runner(tasks.ThreadPoolRunner())
    yield
    tasks.set_runner(previous)


def held_task(window: MainWindow, hold: threading.Event, results: list[str]) -> tasks.Task:
    """Start a job for ``window`` that runs until ``hold`` is set; its result lands in ``results``."""
    def work(_progress: tasks.Progress, _cancelled: tasks.Cancelled) -> str:
        hold.wait(30)
        return window.objectName()

    return tasks.run_task(work, results.append, lambda error: results.append(repr(error)), parent=window)


def test_closing_a_window_waits_for_its_own_work_not_another_windows(
        qtbot: QtBot, first: MainWindow, pool_tasks: None) -> None:
    other = first.new_window()
    first.setObjectName("first")
    other.setObjectName("other")
    first_hold, other_hold = threading.Event(), threading.Event()
    first_results: list[str] = []
    other_results: list[str] = []
    long_import = held_task(first, first_hold, first_results)  # held until the test lets it go
    own = held_task(other, other_hold, other_results)
    # Had closing `other` waited for every window's work, this timer would have let the
    # first window's job end meanwhile; it lets `other`'s own job end soon after closing starts.
    release_first = threading.Timer(3.0, first_hold.set)
    release_other = threading.Timer(0.2, other_hold.set)
    release_first.start()
    release_other.start()
    try:
        other.close()
        assert not other.isVisible() and main_windows() == [first]
        assert own.done  # its own job was waited for
        assert not long_import.done  # the first window's job was not
        first_hold.set()
        qtbot.waitUntil(lambda: first_results == ["first"])  # and it still completes
        assert long_import.done and first.isVisible()
    finally:
        first_hold.set()
        other_hold.set()
        release_first.cancel()
        release_other.cancel()
    assert tasks.wait_for(first)


def test_a_result_arriving_after_its_window_closed_is_dropped(
        qtbot: QtBot, first: MainWindow, pool_tasks: None) -> None:
    other = first.new_window()
    hold = threading.Event()
    results: list[str] = []
    job = held_task(other, hold, results)
    release = threading.Timer(0.2, hold.set)
    release.start()
    try:
        other.close()  # waits for the job; its result is still queued for the GUI thread
        assert job.done and job.abandoned
        qtbot.wait(200)  # the queued result is delivered now: nothing may use the closed window
        assert results == []
        assert main_windows() == [first] and first.isVisible()
    finally:
        hold.set()
        release.cancel()


def test_a_job_outlasting_the_close_wait_survives_its_window(
        qtbot: QtBot, first: MainWindow, pool_tasks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda kind, error, trace: errors.append(error))
    real_wait = tasks.wait_for
    monkeypatch.setattr(tasks, "wait_for", lambda owner, msecs=30_000: real_wait(owner, 50))
    other = first.new_window()
    hold = threading.Event()
    results: list[str] = []
    progress_seen: list[int] = []

    def work(progress: tasks.Progress, cancelled: tasks.Cancelled) -> str:
        hold.wait(30)
        progress(1, 2)  # emitted after the window is gone: the task must still exist
        return "late"

    job = tasks.run_task(work, results.append, lambda error: results.append(repr(error)),
                         lambda done, _total: progress_seen.append(done), parent=other)
    release = threading.Timer(0.3, hold.set)
    release.start()
    try:
        other.close()
        qtbot.waitUntil(lambda: job.done, timeout=5000)
        qtbot.wait(100)
        assert job.abandoned and job.is_cancelled()
        assert results == [] and progress_seen == [] and errors == []
    finally:
        hold.set()
        release.cancel()
