"""The Agencies tab and File > Read back a summary form…, used as a reviewer does: the returned form's
answers land in the agency's record and show there, question by question."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_driver import choose_files_when_asked, named, press, press_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QListWidget, QMessageBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from scrchron.export.template_pack import send_pack, send_summary_forms
from scrchron.records.case_records import Review
from scrchron.store import Case
from scrchron.store.summaries import summaries
from scrchron.ui.window.main_window import MainWindow
from tests.core.export.test_summary_form import fill_like_word

CTRL = Qt.KeyboardModifier.ControlModifier
ANSWERS = {
    "involvement": "Police attended the flat twice in March 2015 after calls from a neighbour.",
    "learning": "Officers did not speak to the child alone.\nDASH grading is being audited.",
}


def test_a_summary_form_read_back_shows_on_the_agencys_page(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                            case_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    with Case.open(case_file) as case:
        send_summary_forms(case, folder, ["Police"])
    returned = tmp_path / "police summary returned.docx"
    fill_like_word(folder / "Agency summary - Police.docx", returned, ANSWERS)
    window = open_window(case_file)
    press(qtbot, Qt.Key.Key_8, CTRL, window)  # View > Agencies
    agencies = named(window, "Agencies", QListWidget)
    assert [agencies.item(n).text() for n in range(agencies.count())] == [
        "Police", "Children's Social Care", "Health Visiting"]
    record = named(window, "Agency record", QTextBrowser)
    assert "No summary form read back yet" in record.toPlainText()

    choose_files_when_asked([str(returned)])
    press_keys(qtbot, window, "f", "u")  # File > Read back a summary form…
    qtbot.waitUntil(lambda: "2 of 5 questions answered" in window.statusBar().currentMessage(), timeout=5000)
    text = record.toPlainText()
    assert "Police attended the flat twice in March 2015" in text
    assert "Officers did not speak to the child alone.\nDASH grading is being audited." in text
    assert "What went well\n(no answer)" in text
    with Case.open(case_file, read_only=True) as case:
        police = case.find_agency("Police")
        assert police is not None and summaries(case)[police.id]["involvement"].startswith("Police attended")


def test_another_reviews_summary_form_is_refused(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                 case_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "adult-a.scrchron"
    Case.create(other, Review("Review concerning Adult A", "sar", subject_pseudonym="Adult A")).close()
    with Case.open(other) as case:
        send_summary_forms(case, tmp_path, ["Police"])
    window = open_window(case_file)
    choose_files_when_asked([str(tmp_path / "Agency summary - Police.docx")])
    press_keys(qtbot, window, "f", "u")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and "another review" in box.text() and "Adult A" in box.text()
    assert "--agency" not in box.text() and "nothing was changed" in box.text()
    box.close()
    with Case.open(case_file, read_only=True) as case:
        assert summaries(case) == {}


def test_a_chronology_template_chosen_as_a_summary_form_is_refused_before_anything_is_read(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path) -> None:
    with Case.open(case_file) as case:
        send_summary_forms(case, tmp_path, ["Police"])
        send_pack(case, tmp_path, ["Health Visiting"], "docx")
    good = tmp_path / "police returned.docx"
    fill_like_word(tmp_path / "Agency summary - Police.docx", good, ANSWERS)
    window = open_window(case_file)
    choose_files_when_asked([str(good), str(tmp_path / "Chronology template - Health Visiting.docx")])
    press_keys(qtbot, window, "f", "u")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and "chronology template" in box.text() and "File > Import" in box.text()
    box.close()
    with Case.open(case_file, read_only=True) as case:
        assert summaries(case) == {}  # the good form was not read either: all or nothing


def test_a_second_form_from_an_agency_replaces_its_answers_only_when_asked_to(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path) -> None:
    with Case.open(case_file) as case:
        send_summary_forms(case, tmp_path, ["Police"])
    first, second = tmp_path / "police first.docx", tmp_path / "police second.docx"
    fill_like_word(tmp_path / "Agency summary - Police.docx", first, ANSWERS)
    fill_like_word(tmp_path / "Agency summary - Police.docx", second, {"involvement": "A later account."})
    window = open_window(case_file)
    choose_files_when_asked([str(first)])
    press_keys(qtbot, window, "f", "u")
    qtbot.waitUntil(lambda: "2 of 5 questions answered" in window.statusBar().currentMessage(), timeout=5000)
    seen: list[str] = []

    def press_enter(box: QWidget) -> None:  # Enter keeps the earlier answers
        seen.append(box.text() if isinstance(box, QMessageBox) else "")
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)

    choose_files_when_asked([str(second)], then=press_enter)
    press_keys(qtbot, window, "f", "u")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "Police already has answers (from police first.docx" in seen[0]
    assert "police second.docx would replace them" in seen[0]
    with Case.open(case_file, read_only=True) as case:
        police = case.find_agency("Police")
        assert police is not None and summaries(case)[police.id] == ANSWERS

    def click_replace(box: QWidget) -> None:
        [replace] = [b for b in box.findChildren(QAbstractButton) if b.text() == "Replace them"]
        qtbot.mouseClick(replace, Qt.MouseButton.LeftButton)

    choose_files_when_asked([str(second)], then=click_replace)
    press_keys(qtbot, window, "f", "u")
    qtbot.waitUntil(lambda: "1 of 5 questions answered" in window.statusBar().currentMessage(), timeout=5000)
    assert "A later account." in named(window, "Agency record", QTextBrowser).toPlainText()
    with Case.open(case_file, read_only=True) as case:
        assert summaries(case)[police.id] == {"involvement": "A later account."}
