"""Set-up for the window's tests: Qt off screen, one QApplication, private settings.

- ``open_window(case_path, size)``: the one way a test gets a main window: shown, active,
  on that case (None: the start page), closed after the test.
- ``sync_tasks``: background work runs at once on the test's thread.
- Every test here gets its own settings folder (``QSettings`` redirected into a temporary
  folder), so no test reads or writes a real user's settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_configure(config: pytest.Config) -> None:
    """Create the one QApplication for the whole run before any test needs Qt.

    The export's timeline painter makes a bare QGuiApplication when none exists (the
    command line has no windows); if a core test ran it first, the GUI tests could
    not create their QApplication afterwards. One widget application up front serves both.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        config._scrchron_qapp = QApplication(["scrchron-tests"])  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _private_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point QSettings at a fresh temporary folder for every window test: no test reads or
    writes a real user's settings."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("scrchron")
    QCoreApplication.setApplicationName("scrchron")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


@pytest.fixture
def sync_tasks() -> Iterator[None]:
    """Background tasks run at once on the test's thread (Picard's FakeThreadPool)."""
    from scrchron.ui.widgets import tasks

    previous = tasks.set_runner(tasks.SynchronousRunner())
    yield
    tasks.set_runner(previous)


@pytest.fixture
def open_window(qtbot: object, sync_tasks: None) -> Callable[..., object]:
    """``open_window(case_path, size)``: a shown, active main window on that case (None: the
    start page), as a reviewer finds it after opening the case; closed after the test."""
    from PySide6.QtWidgets import QApplication

    from scrchron.ui.window.main_window import MainWindow

    def open_(case_path: Path | None, size: tuple[int, int] = (1366, 768)) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        if case_path is not None:
            assert window.open_case(case_path)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
        return window

    return open_
