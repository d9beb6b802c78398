"""The New review dialog, error messages and settings."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from scrchron.errors import ValidationError
from scrchron.store import Case
from scrchron.ui.chronology.chronology_page import NO_ENTRIES
from scrchron.ui.files.new_review_dialog import NewReviewDialog, file_name_for
from scrchron.ui.widgets.error_dialogs import UNEXPECTED, make_excepthook, show_error
from scrchron.ui.window import settings
from scrchron.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    settings.write(settings.LAST_FOLDER, str(tmp_path))
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def click_create(qtbot: QtBot, dialog: NewReviewDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Create review"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_review_creates_the_case_and_opens_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = window.new_review()
    assert dialog.isVisible()
    dialog.review_type.setCurrentIndex(dialog.review_type.findData("sar"))
    qtbot.keyClicks(dialog.title, "Adult B: Safeguarding Adults Review")
    qtbot.keyClicks(dialog.subject_name, "Beryl Example")
    qtbot.keyClicks(dialog.pseudonym, "Adult B")
    qtbot.keyClicks(dialog.scope_from.edit, "1 Apr 2021")
    assert dialog.scope_from.reading.text() == "Thu 1 Apr 2021"
    expected = tmp_path / "Adult B Safeguarding Adults Review.scrchron"
    assert dialog.location.text() == str(expected)  # follows the title
    click_create(qtbot, dialog)
    assert not dialog.isVisible() and expected.exists()
    assert window.case is not None and window.case.path == expected
    assert window.windowTitle() == "scrchron — Adult B: Safeguarding Adults Review"
    review = window.case.review()
    assert (review.review_type, review.subject_pseudonym, review.scope_from, review.scope_to) == (
        "sar", "Adult B", "2021-04-01", None)
    page = window.chronology_page
    assert page.body.currentWidget() is page.empty and page.empty.text() == NO_ENTRIES
    assert window.count_label.text() == "0 entries"


def test_empty_title_is_explained_and_the_dialog_stays_open(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = window.new_review()
    qtbot.keyClicks(dialog.pseudonym, "Child Q")
    click_create(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem.isVisible() and dialog.problem.text() == "A review needs a title."
    assert dialog.pseudonym.text() == "Child Q"  # nothing typed is lost
    assert list(tmp_path.glob("*.scrchron")) == []
    assert window.case is None


def test_scope_ending_before_it_starts_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.new_review()
    qtbot.keyClicks(dialog.title, "Child Q")
    for field, day in ((dialog.scope_from, "1/5/2020"), (dialog.scope_to, "1 May 2019")):
        qtbot.keyClicks(field.edit, day)
    click_create(qtbot, dialog)
    assert dialog.problem.text() == "The scope ends (2019-05-01) before it starts (2020-05-01)."


def test_an_existing_file_is_not_overwritten(
        qtbot: QtBot, window: MainWindow, case_file: Path) -> None:
    dialog = window.new_review()
    qtbot.keyClicks(dialog.title, "Child T")
    dialog.location.clear()
    qtbot.keyClicks(dialog.location, str(case_file))
    click_create(qtbot, dialog)
    assert dialog.isVisible() and "already exists" in dialog.problem.text()
    with Case.open(case_file, read_only=True) as case:
        assert case.review().title == "Child T: Child Safeguarding Practice Review"


def test_a_location_typed_by_hand_gets_the_suffix_and_stops_following_the_title(
        qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewReviewDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.location.clear()
    qtbot.keyClicks(dialog.location, "my review")
    qtbot.keyClicks(dialog.title, "Child Z")
    assert dialog.location.text() == "my review"
    assert dialog.target_path() == tmp_path / "my review.scrchron"
    dialog.location.clear()
    with pytest.raises(ValidationError):
        dialog.target_path()


def test_dates_are_unknown_until_typed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewReviewDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.review().subject_dob is None and dialog.dob.edit.text() == ""  # no made-up date
    assert "not known" in dialog.dob.edit.placeholderText()
    dialog.dob.set_iso("2014-11-30")
    assert dialog.dob.edit.text() == "30 Nov 2014" and dialog.review().subject_dob == "2014-11-30"
    dialog.dob.edit.clear()
    assert dialog.review().subject_dob is None
    dialog.dob.set_iso(None)
    assert dialog.review().subject_dob is None


@pytest.mark.parametrize(("typed", "iso"), [
    ("9 Mar 2015", "2015-03-09"), ("27 Jul 2015", "2015-07-27"), ("09/03/2015", "2015-03-09"),
    ("9.3.15", "2015-03-09"), ("2015-03-09", "2015-03-09"), ("9th March 2015", "2015-03-09"),
])
def test_typed_dates_read_as_written(qtbot: QtBot, tmp_path: Path, typed: str, iso: str) -> None:
    """Typing "9 Mar 2015" gave 9 Dec 2015 in the old date edit: every form reads what is typed."""
    dialog = NewReviewDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.incident.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.incident.edit, typed)
    assert dialog.incident.iso() == iso
    day = QDate.fromString(iso, "yyyy-MM-dd")
    assert dialog.incident.reading.text() == f"{day.toString('ddd')} {day.day()} {day.toString('MMM yyyy')}"


@pytest.mark.parametrize("typed", ["March 2015", "next Tuesday", "31/02/2015", "?9 Mar 2015"])
def test_a_date_that_is_not_one_day_is_refused_with_a_hint(qtbot: QtBot, window: MainWindow,
                                                           typed: str) -> None:
    dialog = window.new_review()
    qtbot.keyClicks(dialog.title, "Child Q")
    qtbot.keyClicks(dialog.incident.edit, typed)
    assert dialog.incident.reading.text() == "Not a date"
    assert "type a day such as 9 Mar 2015" in dialog.incident.edit.toolTip()
    click_create(qtbot, dialog)
    assert dialog.isVisible() and dialog.problem.text().startswith("The incident date: ")
    assert window.case is None


@pytest.mark.parametrize(("title", "name"), [
    ("Child T", "Child T.scrchron"),
    ("Adult A: SAR / 2021?", "Adult A SAR 2021.scrchron"),
    ("   ", "New review.scrchron"),
])
def test_file_name_for_a_title(title: str, name: str) -> None:
    assert file_name_for(title) == name


def test_show_error_shows_the_message_as_written(qtbot: QtBot, window: MainWindow) -> None:
    box = show_error(window, ValidationError("An agency needs a name."))
    assert box.isVisible() and box.text() == "An agency needs a name."
    assert box.icon() == QMessageBox.Icon.Warning


def test_unexpected_errors_are_logged_and_shown_with_a_copyable_traceback(
        qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture) -> None:
    hook = make_excepthook(lambda: window)
    try:
        raise KeyError("missing")
    except KeyError:
        kind, error, tb = sys.exc_info()
    assert kind is not None and error is not None
    with caplog.at_level(logging.ERROR):
        hook(kind, error, tb)
        hook(kind, error, tb)  # a second one while the first is open goes only to the log
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and boxes[0].text() == UNEXPECTED
    assert "KeyError: 'missing'" in boxes[0].detailedText()
    assert caplog.text.count("KeyError: 'missing'") == 2
    copy = next(b for b in boxes[0].buttons() if b.text() == "Copy details and close")
    copy.click()
    assert "KeyError" in QApplication.clipboard().text()


def test_scrchron_errors_reaching_the_hook_are_shown_plainly(qtbot: QtBot, window: MainWindow) -> None:
    hook = make_excepthook(lambda: window)
    hook(ValidationError, ValidationError("The colour 'red' is not of the form #RRGGBB."), None)
    texts = [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert texts == ["The colour 'red' is not of the form #RRGGBB."]


def test_recent_cases_newest_first_without_repeats(qtbot: QtBot, tmp_path: Path) -> None:
    paths = [tmp_path / f"review {n}.scrchron" for n in range(12)]
    for path in paths:
        settings.remember_case(path)
    settings.remember_case(paths[5])
    recent = settings.recent_cases()
    assert recent[0] == paths[5] and len(recent) == settings.MAX_RECENT
    assert len(set(recent)) == len(recent)
    settings.forget_case(paths[5])
    assert paths[5] not in settings.recent_cases()
    assert settings.last_folder() == tmp_path


def test_settings_start_empty_in_tests(qtbot: QtBot) -> None:
    assert settings.recent_cases() == []
    assert settings.last_folder() == Path.home()
    assert settings.read_text(settings.APPEARANCE) == "system"
    assert {setting.key for setting in settings.SETTINGS} == {
        "preferences/recent_cases", "preferences/last_folder", "preferences/import_folder",
        "preferences/appearance", "state/exports_written"}


def test_one_recent_case_survives_the_ini_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    settings.remember_case(tmp_path / "only.scrchron")
    assert settings.recent_cases() == [tmp_path / "only.scrchron"]
