"""The Report tab, used as a reviewer does: Ctrl+9, a click on a section, typing, Save, Ctrl+Z.

The words are checked where the reviewer sees them (the list's tick, the editor, the
notice beside it) and in the case file the window wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_driver import click, click_into, named, press, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from scrchron.export.report_prose import section_text, set_section_texts
from scrchron.store import Case
from scrchron.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    with Case.open(case_file) as case:
        set_section_texts(case, {"introduction": "This review concerns Child T and the summer of 2015."})
    return open_window(case_file)


def stored(window: MainWindow, key: str) -> str:
    """The words the case file holds for a section (read from the file, on its own connection)."""
    assert window.case is not None
    with Case.open(window.case.path, read_only=True) as case:
        return section_text(case, key)


def report_tab(qtbot: QtBot, window: MainWindow) -> QListWidget:
    """Ctrl+9 shows the Report tab; its list of sections."""
    press(qtbot, Qt.Key.Key_9, CTRL, window)
    return named(window, "Report sections", QListWidget)


def item(sections: QListWidget, heading: str) -> QListWidgetItem:
    found = [sections.item(r) for r in range(sections.count()) if sections.item(r).text().endswith(f"  {heading}")]
    assert found, [sections.item(r).text() for r in range(sections.count())]
    return found[0]


def choose(qtbot: QtBot, sections: QListWidget, heading: str) -> None:
    """Click a section in the list."""
    row = item(sections, heading)
    sections.scrollToItem(row)
    qtbot.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=sections.visualItemRect(row).center())


def editor(window: QWidget) -> QPlainTextEdit:
    return named(window, "Reviewer's words", QPlainTextEdit)


def test_the_report_tab_lists_the_sections_in_order_with_a_tick_on_the_written_ones(
        qtbot: QtBot, window: MainWindow) -> None:
    sections = report_tab(qtbot, window)
    texts = [sections.item(r).text() for r in range(sections.count())]
    headings = [t.split("  ", 2)[-1] for t in texts]
    assert headings.index("Introduction") < headings.index("Findings") < headings.index("Conclusion")
    assert texts[-1].split("  ")[1].startswith("Appendix")  # the written appendices come last
    assert [t for t in texts if t.startswith("✓")] == [item(sections, "Introduction").text()]
    choose(qtbot, sections, "Introduction")
    assert named(window, "Section heading", QLabel).text().endswith("Introduction")
    assert "serious incident" in named(window, "Guidance", QLabel).text()
    assert "Child T" in named(window, "Filled from the case", QPlainTextEdit).toPlainText()
    assert editor(window).toPlainText() == "This review concerns Child T and the summer of 2015."


def test_words_typed_and_saved_are_one_undoable_change_that_comes_back_into_view(
        qtbot: QtBot, window: MainWindow) -> None:
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Conclusion")
    words = editor(window)
    click_into(qtbot, words)
    qtbot.keyClicks(words, "Agencies knew ")
    qtbot.keyClick(words, Qt.Key.Key_B, CTRL)  # bold around the cursor, then typed inside
    qtbot.keyClicks(words, "parts")
    qtbot.keyClick(words, Qt.Key.Key_End)
    qtbot.keyClicks(words, " of the picture [F99] [E99999].")
    notice = named(window, "References not in the case", QLabel)
    qtbot.waitUntil(lambda: notice.text() == "Not in the case: [F99], [E99999]")
    assert window.case is not None and window.case.path.exists()
    assert stored(window, "conclusion") == ""  # nothing is written while typing
    click(qtbot, window, "Save words")
    assert stored(window, "conclusion") == "Agencies knew **parts** of the picture [F99] [E99999]."
    assert item(sections, "Conclusion").text().startswith("✓")
    press(qtbot, Qt.Key.Key_1, CTRL, window)  # away to the chronology, then Edit > Undo
    press(qtbot, Qt.Key.Key_Z, CTRL, window)
    assert stored(window, "conclusion") == ""
    assert named(window, "Section heading", QLabel).text().endswith("Conclusion")  # brought into view
    assert editor(window).toPlainText() == ""
    assert not item(sections, "Conclusion").text().startswith("✓")
    press(qtbot, Qt.Key.Key_Y, CTRL, window)  # and Redo puts the words back
    assert stored(window, "conclusion") == "Agencies knew **parts** of the picture [F99] [E99999]."
    assert editor(window).toPlainText() == "Agencies knew **parts** of the picture [F99] [E99999]."


def test_ctrl_i_in_the_editor_italicises_the_selection_and_does_not_import(qtbot: QtBot, window: MainWindow) -> None:
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Pen picture of Child T")
    words = editor(window)
    click_into(qtbot, words)
    qtbot.keyClicks(words, "Tommy loved trains")
    for _ in range(6):
        qtbot.keyClick(words, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(words, Qt.Key.Key_I, CTRL)
    assert words.toPlainText() == "Tommy loved *trains*"
    assert QApplication.activeModalWidget() is None  # no import wizard or file chooser opened


def test_leaving_the_editor_saves_and_the_search_box_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Parallel processes")
    words = editor(window)
    click_into(qtbot, words)
    qtbot.keyClicks(words, "The coroner's inquest was adjourned.")
    type_into(qtbot, window, "Search the report's sections", "inquest")  # leaving the editor saves
    assert stored(window, "parallel_processes") == "The coroner's inquest was adjourned."
    shown = [sections.item(r).text() for r in range(sections.count()) if not sections.item(r).isHidden()]
    assert len(shown) == 1 and shown[0].endswith("Parallel processes")
    type_into(qtbot, window, "Search the report's sections", "")
    assert all(not sections.item(r).isHidden() for r in range(sections.count()))


def test_a_read_only_review_shows_the_words_but_takes_none(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                           case_file: Path) -> None:
    window = open_window(None)
    window.open_path(case_file, read_only=True)  # as File > Open's "open read-only" answer does
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Conclusion")
    assert editor(window).isReadOnly()
    assert not named(window, "Save words").isEnabled()
    assert not named(window, "Report settings").isEnabled()


def test_words_typed_and_not_saved_are_kept_when_the_review_is_closed(qtbot: QtBot, window: MainWindow,
                                                                      case_file: Path) -> None:
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Methodology and contributors")
    words = editor(window)
    click_into(qtbot, words)
    qtbot.keyClicks(words, "Each agency wrote an individual management review.")
    press(qtbot, Qt.Key.Key_W, CTRL, window)  # File > Close review, straight from the editor
    assert window.case is None
    with Case.open(case_file, read_only=True) as case:
        assert section_text(case, "methodology") == "Each agency wrote an individual management review."


def test_a_review_with_no_entries_yet_can_be_written(qtbot: QtBot, open_window: Callable[..., MainWindow],
                                                      tmp_path: Path) -> None:
    from scrchron.records.case_records import Review

    path = tmp_path / "Adult B.scrchron"
    Case.create(path, Review("Adult B: Safeguarding Adults Review", "sar")).close()
    window = open_window(path)
    sections = report_tab(qtbot, window)
    choose(qtbot, sections, "Introduction")
    assert "no entries" in named(window, "Filled from the case", QPlainTextEdit).toPlainText().lower()
    words = editor(window)
    click_into(qtbot, words)
    qtbot.keyClicks(words, "Adult B lived alone.")
    click(qtbot, window, "Save words")
    assert stored(window, "introduction") == "Adult B lived alone."
