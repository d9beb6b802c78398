"""run_app: screenshots, bad files and machines without a display."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrchron.ui import app as app_module
from scrchron.ui.app import NO_DISPLAY, SCREENSHOT_SIZE, has_display, run_app
from scrchron.ui.window import settings


def test_screenshot_of_a_case(qapp: QApplication, case_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    assert run_app(case_file, png) == 0
    image = QImage(str(png))
    assert png.stat().st_size > 10_000
    ratio = image.devicePixelRatio()
    assert image.size() == SCREENSHOT_SIZE * ratio
    assert qapp.applicationName() == "scrchron" and qapp.organizationName() == "scrchron"
    assert settings.recent_cases() == []  # a screenshot leaves no trace in the settings


def test_screenshot_of_the_start_page(qapp: QApplication, tmp_path: Path) -> None:
    png = tmp_path / "start.png"
    assert run_app(None, png) == 0
    assert not QImage(str(png)).isNull()


def test_screenshot_of_something_that_is_not_a_case_fails_with_a_message(
        qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a case")
    png = tmp_path / "shot.png"
    assert run_app(notes, png) == 1
    assert "notes.txt is not a scrchron case file" in capsys.readouterr().err
    assert not png.exists()
    assert run_app(tmp_path / "missing.scrchron", png) == 1
    assert "No case file at" in capsys.readouterr().err


def test_screenshot_to_an_unwritable_place_fails(
        qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(None, tmp_path / "no such folder" / "shot.png") == 1
    assert "could not write the screenshot" in capsys.readouterr().err


def test_no_display_is_explained_instead_of_crashing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(app_module, "has_display", lambda: False)
    assert run_app(None, None) == 1
    assert capsys.readouterr().err.strip() == NO_DISPLAY


@pytest.mark.parametrize(("env", "expected"), [
    ({}, False),
    ({"DISPLAY": ":0"}, True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, True),
    ({"QT_QPA_PLATFORM": "xcb"}, False),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, True),
    ({"QT_QPA_PLATFORM": "wayland-egl;xcb", "DISPLAY": ":1"}, True),
    ({"QT_QPA_PLATFORM": "wayland"}, False),
])
def test_has_display_on_linux(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                              expected: bool) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert has_display() is expected


def test_windows_and_macos_always_have_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert has_display()


def test_interactive_run_opens_the_case_and_runs_the_loop(
        qtbot: QtBot, qapp: QApplication, case_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_exec() -> int:
        window = next(w for w in qapp.topLevelWidgets() if w.isVisible() and w.windowTitle() != "")
        seen.append(window.windowTitle())
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    assert run_app(case_file, None) == 0
    assert seen == ["scrchron — Child T: Child Safeguarding Practice Review"]
    assert settings.load_state("main_window") is not None
    assert settings.recent_cases() == [case_file.resolve()]
