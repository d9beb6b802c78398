"""File > Read back an edited draft… (Alt+F, B): the panel's edits shown section by section,
nothing ticked, Enter takes nothing; the ticked sections taken as one undoable change; a
draft that is not this review's is refused with the core's message and the case unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from gui_driver import choose_files_when_asked, click, named, press, press_keys, tick, widgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from scrchron.export import write_report
from scrchron.export.report_prose import section_text, set_section_texts
from scrchron.store import Case
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CONCLUSION = "Agencies knew parts of the picture.\n\nNobody asked who lived there."
INTRODUCTION = "This review concerns Child T."


@pytest.fixture
def edited(case_file: Path, tmp_path: Path) -> Path:
    """The case's draft as the panel sent it back: a paragraph changed, one added, a comment, a line outside."""
    with Case.open(case_file) as case:
        set_section_texts(case, {"conclusion": CONCLUSION, "introduction": INTRODUCTION})
        write_report(case, tmp_path / "draft.docx")
    document = Document(str(tmp_path / "draft.docx"))
    first, second = paragraphs(document, "conclusion")
    first.runs[-1].text = "Agencies knew parts of the picture; none saw it whole."
    second.insert_paragraph_before("The panel added this paragraph.")
    document.add_comment(second.runs, text="Say which agency asked.", author="Panel chair", initials="PC")
    intro = paragraphs(document, "introduction")[0]
    intro.runs[-1].text = "This review concerns Child T and his sister."
    document.add_paragraph("A line the chair typed after the last section.")
    out = tmp_path / "edited by the panel.docx"
    document.save(str(out))
    return out


def paragraphs(document: object, key: str) -> list[Paragraph]:
    body = document.element.body  # type: ignore[attr-defined]
    for sdt in body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None and tag.get(qn("w:val")) == f"scrchron/{key}":
            return [Paragraph(p, document._body) for p in sdt.iter(qn("w:p"))]  # type: ignore[attr-defined]
    raise AssertionError(key)


def stored(path: Path, key: str) -> str:
    with Case.open(path, read_only=True) as case:
        return section_text(case, key)


def read_back_with_keys(qtbot: QtBot, window: MainWindow, draft: Path) -> QDialog:
    """Alt+F, B with the draft's name typed into the chooser; the dialog that shows the changes."""
    choose_files_when_asked([str(draft)])
    press_keys(qtbot, window, "f", "b")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog)
                    and QApplication.activeModalWidget().windowTitle().startswith("Read back"), timeout=30000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    return dialog


def test_the_changes_are_shown_none_ticked_and_enter_takes_nothing(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, edited: Path) -> None:
    window = open_window(case_file)
    dialog = read_back_with_keys(qtbot, window, edited)
    assert "2 sections" in named(dialog, "Read-back summary", QLabel).text()
    new = named(dialog, "In the edited draft: Conclusion", QPlainTextEdit).toPlainText()
    assert "none saw it whole" in new and "The panel added this paragraph." in new
    assert named(dialog, "In the case now: Conclusion", QPlainTextEdit).toPlainText() == CONCLUSION
    assert "Say which agency asked." in named(dialog, "Tracked changes and comments in Conclusion", QLabel).text()
    assert "A line the chair typed" in named(dialog, "Edited outside any section", QLabel).text()
    assert not any(box.isChecked() for box in widgets(dialog, QCheckBox))
    assert not named(dialog, "Take the ticked changes").isEnabled()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # Enter: Cancel, the default
    assert not dialog.isVisible()
    assert stored(case_file, "conclusion") == CONCLUSION and stored(case_file, "introduction") == INTRODUCTION


def test_the_ticked_sections_are_taken_as_one_undoable_change(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, edited: Path) -> None:
    window = open_window(case_file)
    dialog = read_back_with_keys(qtbot, window, edited)
    tick(qtbot, named(dialog, "Take Conclusion", QCheckBox))  # the introduction is left as it is
    click(qtbot, dialog, "Take the ticked changes")
    assert not dialog.isVisible()
    taken = stored(case_file, "conclusion")
    assert "none saw it whole" in taken and "The panel added this paragraph." in taken
    assert stored(case_file, "introduction") == INTRODUCTION
    words = named(window, "Reviewer's words", QPlainTextEdit)  # the Report tab shows what was taken
    assert words.toPlainText() == taken
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert stored(case_file, "conclusion") == CONCLUSION
    assert words.toPlainText() == CONCLUSION


@pytest.mark.parametrize("kind", ["not a draft", "corrupt"])
def test_a_bad_draft_is_refused_with_the_core_message_and_nothing_changed(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "letter.docx"
    if kind == "corrupt":
        bad.write_bytes(b"PK\x03\x04 this is not a whole zip")
    else:
        document = Document()
        document.add_paragraph("Dear panel, please find the minutes attached.")
        document.save(str(bad))
    before = case_file.read_bytes()
    window = open_window(case_file)
    choose_files_when_asked([str(bad)])
    press_keys(qtbot, window, "f", "b")
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=30000)
    message = next(b for b in window.findChildren(QMessageBox) if b.isVisible()).text()
    assert "letter.docx" in message and "nothing" in message.lower()
    assert not any(isinstance(w, QDialog) and w.windowTitle().startswith("Read back")
                   for w in QApplication.topLevelWidgets() if w.isVisible())
    window.close()
    assert case_file.read_bytes() == before


def test_the_keyboard_alone_ticks_a_section_and_takes_it(
        qtbot: QtBot, open_window: Callable[..., MainWindow], case_file: Path, edited: Path) -> None:
    window = open_window(case_file)
    dialog = read_back_with_keys(qtbot, window, edited)
    wanted = named(dialog, "Take Introduction", QCheckBox)
    for _ in range(30):  # Tab through the dialog to the tick
        if dialog.focusWidget() is wanted:
            break
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is wanted
    qtbot.keyClick(wanted, Qt.Key.Key_Space)
    assert wanted.isChecked(), "Space ticks it"
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier, window)  # Alt+T: Take the ticked changes
    # a mnemonic presses its button after a moment; the dialog closes and is deleted
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert stored(case_file, "introduction") == "This review concerns Child T and his sister."
    assert stored(case_file, "conclusion") == CONCLUSION
