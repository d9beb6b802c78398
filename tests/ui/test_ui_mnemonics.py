"""No two mnemonics (Alt+letter) clash in what one window shows at once.

Alt+S was both the Same event tab and "Save action"; Alt+C both the Chronology
tab and "Confirm: one event". Qt gives a clashing Alt+letter to whichever it
finds first, so a reviewer saving an action switched tabs instead. This test
visits every tab (and the Analysis tab's own tabs) and reads the mnemonics of
every visible button, tab, label with a buddy and menu title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMenu, QTabBar, QTabWidget, QWidget, QWizard
from pytestqt.qtbot import QtBot

from scrchron.ui.window.main_window import MainWindow

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic a reviewer can press now in ``window``."""
    found: list[tuple[str, str]] = []

    def add(text: str) -> None:
        match = MNEMONIC.search(text.replace("&&", ""))
        if match:
            found.append((match.group(1).lower(), text))

    if isinstance(window, MainWindow):
        for action in window.menuBar().actions():
            add(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    letters = mnemonics(window)
    counts = Counter(letter for letter, _text in letters)
    return {letter: [text for other, text in letters if other == letter]
            for letter, count in counts.items() if count > 1}


@pytest.fixture
def window(open_window: Callable[..., MainWindow], case_file: Path) -> MainWindow:
    return open_window(case_file, (1366, 768))  # type: ignore[no-any-return]


def test_no_two_mnemonics_clash_on_any_tab(window: MainWindow) -> None:
    problems = {}
    tabs = window.workspace
    for number in range(tabs.count()):
        tabs.setCurrentIndex(number)
        inner = tabs.currentWidget()
        pages = range(inner.count()) if isinstance(inner, QTabWidget) else [None]
        for page in pages:
            if page is not None and isinstance(inner, QTabWidget):
                inner.setCurrentIndex(page)
            found = clashes(window)
            if found:
                where = tabs.tabText(number).replace("&", "")
                if page is not None and isinstance(inner, QTabWidget):
                    where += " > " + inner.tabText(page).replace("&", "")
                problems[where] = found
    assert not problems, problems


def test_the_check_reads_the_tabs_and_buttons(window: MainWindow) -> None:
    texts = [text for _letter, text in mnemonics(window)]
    assert "&File" in texts and any("Chronology" in text for text in texts)


def test_no_mnemonics_clash_in_the_new_review_dialog_or_the_import_wizard(
        qtbot: QtBot, window: MainWindow, school_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = window.new_review()
    qtbot.waitExposed(dialog)
    assert not clashes(dialog)
    dialog.reject()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(school_csv)], ""))
    window.import_action.trigger()
    wizard = next(w for w in window.findChildren(QWizard) if w.isVisible())
    seen = []
    for _page in range(4):
        assert not clashes(wizard), wizard.currentPage().title()
        seen.append(wizard.currentPage().title())
        qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled()
                        or wizard.button(QWizard.WizardButton.CommitButton).isEnabled())
        if wizard.button(QWizard.WizardButton.NextButton).isVisible():
            wizard.next()
    assert len(set(seen)) == 4


def test_no_two_items_of_one_menu_share_a_letter(window: MainWindow) -> None:
    """In View, "&Analysis" (the tab) and "&Appearance" shared A: Alt+V, A went to the tab."""
    problems = {}

    def visit(menu: QMenu, where: str) -> None:
        letters = [(m.group(1).lower(), a.text()) for a in menu.actions()
                   if (m := MNEMONIC.search(a.text().replace("&&", ""))) and a.isVisible()]
        counts = Counter(letter for letter, _text in letters)
        clash = {letter: [t for other, t in letters if other == letter] for letter, n in counts.items() if n > 1}
        if clash:
            problems[where] = clash
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                visit(action.menu(), f"{where} > {action.text()}")

    for action in window.menuBar().actions():
        assert isinstance(action.menu(), QMenu)
        visit(action.menu(), action.text())
    assert not problems, problems
