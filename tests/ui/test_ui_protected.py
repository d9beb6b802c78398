"""A review protected with a passphrase opens in the window after the passphrase is typed;
a wrong one is asked again and changes nothing; cancelling opens nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import answer_next_dialog, choose_files_when_asked, press, press_keys
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from scrchron.records.case_records import Review
from scrchron.store import Case
from scrchron.ui.files.new_review_dialog import NewReviewDialog
from scrchron.ui.window.main_window import MainWindow

SECRET = "correct horse battery staple"


@pytest.fixture
def protected(tmp_path: Path) -> Path:
    path = tmp_path / "Child P.scrchron"
    Case.create(path, Review("Child P review", "cspr"), passphrase=SECRET).close()
    return path


def open_with_ctrl_o(qtbot: QtBot, window: MainWindow, path: Path, *then: Callable[[], None]) -> None:
    """File > Open (Ctrl+O) with the file's name typed into the chooser; ``then`` plan the answers
    to the questions that follow it (planned after the chooser's, so answered after it)."""
    choose_files_when_asked([str(path)])
    for plan in then:
        plan()
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier, window)


def close_with_ctrl_w(qtbot: QtBot, window: MainWindow) -> None:
    """File > Close review (Ctrl+W)."""
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, window)
    assert window.case is None


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
    open_with_ctrl_o(qtbot, window, protected, lambda: type_passphrase("wrong", asked),
                     lambda: type_passphrase(SECRET, asked))  # each question answered in turn
    assert window.case is not None and window.windowTitle().endswith("Child P review")
    assert len(asked) == 2 and all("Child P.scrchron" in title for title in asked)
    close_with_ctrl_w(qtbot, window)
    assert protected.read_bytes()[:16] == before[:16]  # still the encrypted header


def test_cancelling_the_passphrase_opens_nothing(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                 protected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(None)
    shown: list[str] = []
    monkeypatch.setattr("scrchron.ui.window.main_window.show_error", lambda _parent, error: shown.append(str(error)))

    def cancel(dialog: QWidget) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    open_with_ctrl_o(qtbot, window, protected, lambda: answer_next_dialog(cancel))
    assert window.case is None
    assert shown and "needs its passphrase" in shown[0]


def test_a_new_review_can_be_protected_and_opens_without_asking_again(
        qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(None)
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_passphrase", lambda _path, why: asked.append(why))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewReviewDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title, "Child Q review")
    dialog.location.selectAll()
    qtbot.keyClicks(dialog.location, str(tmp_path / "Child Q review.scrchron"))  # never the real home folder
    assert not dialog.passphrase.isVisible()
    qtbot.mouseClick(dialog.protect, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.protect.height() // 2))
    assert dialog.passphrase.isVisible() and "cannot be recovered" in dialog.protect_note.text()
    qtbot.keyClicks(dialog.passphrase, SECRET)
    qtbot.keyClicks(dialog.passphrase_again, SECRET + "!")
    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_Return)
    assert dialog.isVisible() and "differ" in dialog.problem.text()
    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_Return)
    assert window.case is not None and not asked
    path = window.case.path
    close_with_ctrl_w(qtbot, window)
    assert SECRET.encode() not in path.read_bytes() and b"SQLite format 3" not in path.read_bytes()[:16]


def answer_with(*texts: str) -> None:
    """Type each text into the next hidden-text question, one question after another."""
    for text in texts:
        def answer(dialog: QWidget, text: str = text) -> None:
            box = dialog.findChild(QLineEdit)
            assert box is not None and box.echoMode() == QLineEdit.EchoMode.Password
            QTest.keyClicks(box, text)
            QTest.keyClick(box, Qt.Key.Key_Return)

        answer_next_dialog(answer)


def test_protect_then_change_the_passphrase_from_the_file_menu(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path) -> None:
    window = open_window(case_file)
    answer_with(SECRET, SECRET)
    press_keys(qtbot, window, "f", "s")  # File > Protect with passphrase…
    qtbot.waitUntil(lambda: window.case is not None and window.case.key is not None, timeout=10000)
    assert b"SQLite format 3" not in case_file.read_bytes()[:16]
    newer = "a different long passphrase"
    answer_with(SECRET, newer, newer)
    press_keys(qtbot, window, "f", "h")  # File > Change passphrase…
    qtbot.waitUntil(lambda: "new passphrase" in window.statusBar().currentMessage(), timeout=10000)
    close_with_ctrl_w(qtbot, window)
    with Case.open(case_file, passphrase=newer) as case:
        assert case.review().title == "Child T: Child Safeguarding Practice Review"
