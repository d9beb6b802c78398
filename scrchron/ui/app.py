"""The app's front door: ``run_app`` builds the QApplication and the first main window.

``scrchron gui [CASE] [--screenshot PNG]`` calls ``run_app``. With a screenshot
path it renders the window to a PNG and returns without entering the event loop,
which works headless (``QT_QPA_PLATFORM=offscreen``; chosen automatically when
there is no display). ``SCRCHRON_PALETTE=dark`` (or ``light``) draws it in that
appearance whatever View ▸ Appearance says.

More windows may open later (File ▸ New window); nothing here holds on to the
first one. Qt 6 scales for high-DPI screens by itself, so no scaling attributes
are set; icons are drawn for the screen's pixel ratio (``scrchron.ui.widgets.icons``).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QSize, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from scrchron import __version__
from scrchron.errors import ScrchronError
from scrchron.ui.widgets.error_dialogs import install_excepthook
from scrchron.ui.widgets.icons import app_icon
from scrchron.ui.window import appearance, settings, windows
from scrchron.ui.window.main_window import APP_NAME, MainWindow

SCREENSHOT_SIZE = QSize(1280, 800)
NO_DISPLAY = (
    "No display found: scrchron's window needs a desktop session. "
    "Try: scrchron gui --screenshot out.png with QT_QPA_PLATFORM=offscreen, or run under xvfb-run"
)
#: Qt platforms that need a display server, and the variable that names it.
_NEEDS_SERVER = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",)}


def has_display() -> bool:
    """True when Qt can open a window here (or was told to draw off screen).

    Only Linux and the BSDs need checking: there a missing X or Wayland server
    makes Qt abort the whole process instead of raising an error.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    names = [name.split(":", 1)[0].strip() for name in chosen.split(";") if name.strip()]
    if not names:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return any(_platform_usable(name) for name in names)


def _platform_usable(name: str) -> bool:
    family = "wayland" if name.startswith("wayland") else name
    needed = _NEEDS_SERVER.get(family, ())
    return all(os.environ.get(variable) for variable in needed)


def application() -> QApplication:
    """The QApplication (created once, with the names QSettings files live under),
    its icon, and the appearance the reviewer chose."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    appearance.apply_appearance(app, appearance.chosen(settings.read_text(settings.APPEARANCE)))
    return app


def run_app(case: Path | None, screenshot: Path | None) -> int:
    """Open the app (on ``case`` if given); with ``screenshot``, save a PNG and return.

    Returns the process exit status: 0, or 1 when there is no display or, when
    taking a screenshot, the case cannot be opened or the picture not written.
    """
    if not has_display():
        if screenshot is None or QApplication.instance() is not None:
            print(NO_DISPLAY, file=sys.stderr)
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    app = application()
    if screenshot is not None:
        previous = qInstallMessageHandler(_quiet_offscreen)
        try:
            return take_screenshot(app, case, screenshot)
        finally:
            qInstallMessageHandler(previous)
    return _interactive(app, case)


def _interactive(app: QApplication, case: Path | None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    install_excepthook(lambda: windows.front(MainWindow))
    first_window(case)
    return app.exec()  # until the last window closes; it saves its own layout


def first_window(case: Path | None) -> MainWindow:
    """Open the first main window where the last one closed (on ``case`` if given)."""
    window = MainWindow(demo_builder=build_demo)
    windows.keep_open(window)
    geometry = settings.load_state("main_window")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(SCREENSHOT_SIZE)
    window.show()
    if case is not None:
        window.open_path(case)
    return window


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's notes about window hints; pass on everything else."""
    if "does not support" in message:
        return
    if kind != QtMsgType.QtDebugMsg:
        print(message, file=sys.stderr)


def build_demo(path: Path) -> Path:
    """Write the bundled demo review at ``path`` (imported late: it reads dates and CSV)."""
    from scrchron.demo.demo_review import build_demo as build

    return build(path)


def take_screenshot(app: QApplication, case: Path | None, png: Path) -> int:
    """Render the main window (on ``case`` if given) to ``png``; return the exit status."""
    window = MainWindow(demo_builder=build_demo)
    try:
        window.resize(SCREENSHOT_SIZE)
        window.show()
        if case is not None:
            window.load_case(case, read_only=True, remember=False)
        _settle(app, window)
        if not window.grab().save(str(png)):
            print(f"scrchron: could not write the screenshot to {png}.", file=sys.stderr)
            return 1
    except ScrchronError as error:
        print(f"scrchron: {error}", file=sys.stderr)
        return 1
    finally:
        window.close()
        window.deleteLater()
    return 0


def _settle(app: QApplication, window: MainWindow, timeout: float = 5.0) -> None:
    """Let Qt lay out and paint until the table shows its first page (or time runs out)."""
    deadline = time.monotonic() + timeout
    rounds = 0
    while time.monotonic() < deadline:
        app.processEvents()
        rounds += 1
        if rounds >= 10 and _populated(window):
            return
        time.sleep(0.005)


def _populated(window: MainWindow) -> bool:
    model = window.model
    return window.case is None or model.rowCount() >= min(model.total(), 1)
