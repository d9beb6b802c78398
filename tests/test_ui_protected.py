"""A review protected with a passphrase opens in the window after the passphrase is typed;
a wrong one is asked again and changes nothing; cancelling opens nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import answer_next_dialog
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from scrchron.model import Review
from scrchron.store import Case
from scrchron.ui.main_window import MainWindow

SECRET = "correct horse battery staple"


@pytest.fixture
def protected(tmp_path: Path) -> Path:
    path = tmp_path / "Child P.scrchron"
    Case.create(path, Review("Child P review", "cspr"), passphrase=SECRET).close()
    return path


def type_passphrase(text: str, asked: list[str]) -> None:
    def answer(dialog: QWidget) -> None:
        box = dialog.findChild(QLineEdit)
        assert box is not None and box.echoMode() == QLineEdit.EchoMode.Password  # typed hidden
        asked.append(dialog.windowTitle())
        QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)

    answer_next_dialog(answer)


def test_a_protected_review_opens_after_a_wrong_then_the_right_passphrase(
        qtbot: QtBot, open_window: Callable[..., MainWindow], protected: Path) -> None:
    window = open_window(None)
    before = protected.read_bytes()
    asked: list[str] = []
    type_passphrase("wrong", asked)
    type_passphrase(SECRET, asked)  # planned in turn: the second dialog answers the second question
    window.open_path(protected)
    assert window.case is not None and window.windowTitle().endswith("Child P review")
    assert len(asked) == 2 and all("Child P.scrchron" in title for title in asked)
    window.close_case()
    assert protected.read_bytes()[:16] == before[:16]  # still the encrypted header


def test_cancelling_the_passphrase_opens_nothing(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                 protected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(None)
    shown: list[str] = []
    monkeypatch.setattr("scrchron.ui.main_window.show_error", lambda _parent, error: shown.append(str(error)))

    def cancel(dialog: QWidget) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    answer_next_dialog(cancel)
    window.open_path(protected)
    assert window.case is None
    assert shown and "needs its passphrase" in shown[0]
