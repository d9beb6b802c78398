"""Shared test set-up.

- Qt draws off screen (set before anything imports Qt), so GUI tests run headless.
- Tests that use Qt get their own settings folder (``QSettings`` redirected into a
  temporary folder), so no test reads or writes a real user's settings.
- ``case_file``: a small made-up case (3 agencies, 30 entries, one undated).

Core tests need none of this: they use ``tmp_path`` and never import Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

# CI (SCRCHRON_CI=1, set by .ci/run) runs every property test on a fixed sequence of
# generated cases, so a green build stays green; elsewhere each run explores new cases.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("SCRCHRON_CI") == "1":
    _hypothesis_settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Create the one QApplication for the whole run before any test needs Qt.

    The export's timeline painter makes a bare QGuiApplication when none exists (the
    command line has no windows); if a core test ran it first, the GUI tests could
    not create their QApplication afterwards. One widget application up front serves both.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        config._scrchron_qapp = QApplication(["scrchron-tests"])  # type: ignore[attr-defined]

#: (agency, date as written, start, end, precision, time, event, action) in no order.
SAMPLE_ENTRIES: list[tuple[str, str, str | None, str | None, str, str, str, str]] = [
    ("Police", "date not recorded", None, None, "unknown", "",
     "Intelligence report about partner's drug use.", ""),
    ("Health Visiting", "20 July 2015", "2015-07-20", "2015-07-20", "day", "",
     "Home visit; baby seen, bruise noted on the cheek; mother said it was from a toy.",
     "Discussed with safeguarding lead."),
    ("Children's Social Care", "21 July 2015", "2015-07-21", "2015-07-21", "day", "",
     "Referral from health visitor about bruising.", "Section 47 enquiry started."),
    ("Police", "22 July 2015", "2015-07-22", "2015-07-22", "day", "",
     "Joint visit with social worker; partner arrested.", ""),
    ("Health Visiting", "12 January 2015", "2015-01-12", "2015-01-12", "day", "",
     "New birth visit by health visitor; mother and baby seen at home.",
     "Universal plus offer; next contact at 6-8 weeks."),
    ("Police", "17/01/2015", "2015-01-17", "2015-01-17", "day", "",
     "Domestic incident reported by neighbour; raised voices heard. PPN submitted.",
     "PPN shared with MASH."),
    ("Children's Social Care", "19.01.15", "2015-01-19", "2015-01-19", "day", "",
     "MASH received police PPN; information gathered from health and police.",
     "Threshold not met; advice letter to mother."),
    ("Health Visiting", "February 2015", "2015-02-01", "2015-02-28", "month", "",
     "Health visitor attempted contact by phone; no answer.", ""),
    ("Health Visiting", "26 Feb 2015", "2015-02-26", "2015-02-26", "day", "",
     "6-8 week review; baby weight on 9th centile; mother reports low mood.",
     "Referred to GP for assessment of low mood."),
    ("Police", "March 2015", "2015-03-01", "2015-03-31", "month", "",
     "Partner arrested for shoplifting; no children present.", ""),
    ("Police", "9 March 2015", "2015-03-09T23:40", "2015-03-09T23:40", "time", "23.40",
     "Second domestic incident; mother had a cut to her lip. PPN submitted; DASH medium risk.",
     "Referral to MARAC not made."),
    ("Children's Social Care", "10/03/2015", "2015-03-10", "2015-03-10", "day", "",
     "Referral received from police following second domestic incident.",
     "Strategy discussion held by phone."),
    ("Children's Social Care", "?12 Mar 2015", "2015-03-12", "2015-03-12", "day", "",
     "Home visit by social worker; baby seen asleep in cot; mother alone.",
     "Child and family assessment started."),
    ("Health Visiting", "16 March 2015", "2015-03-16", "2015-03-16", "day", "",
     "Home visit by health visitor; mother tired but coping.", ""),
    ("Children's Social Care", "2 April 2015", "2015-04-02", "2015-04-02", "day", "",
     "Child and family assessment completed; mother engaging.", "Child in need plan agreed."),
    ("Police", "3 April 2015", "2015-04-03", "2015-04-03", "day", "",
     "Call from mother saying partner had left the home.", ""),
    ("Health Visiting", "15.04.2015", "2015-04-15", "2015-04-15", "day", "",
     "Baby not brought to clinic appointment.", "Letter sent offering a new appointment."),
    ("Children's Social Care", "21 April 2015", "2015-04-21", "2015-04-21", "day", "",
     "Child in need meeting; health visitor not invited.", "Next meeting in six weeks."),
    ("Health Visiting", "w/c 4 May 2015", "2015-05-04", "2015-05-10", "week", "",
     "Home visit; partner present and answered for mother.", ""),
    ("Police", "11/05/2015", "2015-05-11", "2015-05-11", "day", "",
     "Neighbour reports partner back at the address.",
     "Information shared with children's social care."),
    ("Children's Social Care", "May 2015", "2015-05-01", "2015-05-31", "month", "",
     "Social worker left the authority; case allocated to the duty team.", ""),
    ("Children's Social Care", "3 June 2015", "2015-06-03", "2015-06-03", "day", "",
     "Duty social worker telephoned mother, who said all was well.", "Visit planned."),
    ("Health Visiting", "10 June 2015", "2015-06-10", "2015-06-10", "day", "",
     "Baby's weight dropped to the 2nd centile.", "Referral to paediatrician."),
    ("Police", "13/06/2015", "2015-06-13T02:15", "2015-06-13T02:15", "time", "02.15",
     "Third domestic incident; mother declined to give a statement. PPN submitted.", ""),
    ("Children's Social Care", "15 June 2015", "2015-06-15", "2015-06-15", "day", "",
     "Review meeting; decision to step down to early help.", "Case closed to social care."),
    ("Health Visiting", "Summer 2015", "2015-06-01", "2015-08-31", "season", "",
     "Mother moved between addresses; records transferred late.", ""),
    ("Health Visiting", "1 July 2015", "2015-07-01", "2015-07-01", "day", "",
     "Paediatric appointment not attended.", ""),
    ("Police", "4 July 2015", "2015-07-04", "2015-07-04", "day", "",
     "Welfare check requested by a relative; no reply at the address.", ""),
    ("Children's Social Care", "6 July 2015", "2015-07-06", "2015-07-06", "day", "",
     "Call from health visitor about missed appointments.", "Advice given; no further action."),
    ("Children's Social Care", "early 2015", "2015-01-01", "2015-04-30", "part", "",
     "Mother known to adult services as a care leaver.", ""),
]


def _uses_qt(request: pytest.FixtureRequest) -> bool:
    names = set(request.fixturenames)
    return bool(names & {"qtbot", "qapp", "qtmodeltester"}) or request.module.__name__.startswith(
        "test_ui"
    )


@pytest.fixture(autouse=True)
def _cycle_collector_as_found() -> Iterator[None]:
    """The chronology model freezes what it has read (``gc.freeze``): thaw it after each test,
    so objects a test left behind are collected and no test depends on another's freeze."""
    yield
    import gc

    gc.unfreeze()


@pytest.fixture(autouse=True)
def _private_qt_settings(request: pytest.FixtureRequest,
                         tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point QSettings at a fresh temporary folder for every test that uses Qt."""
    if not _uses_qt(request):
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("scrchron")
    QCoreApplication.setApplicationName("scrchron")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield


def build_sample_case(path: Path) -> Path:
    """Write the made-up case ``SAMPLE_ENTRIES`` describes to ``path``; return it."""
    from scrchron.records.case_records import Entry, Review
    from scrchron.store import Case, add_entry, insert_entries

    review = Review(title="Child T: Child Safeguarding Practice Review", review_type="cspr",
                    subject_name="Tommy Example", subject_pseudonym="Child T",
                    scope_from="2015-01-01", scope_to="2015-07-31", incident_date="2015-07-20")
    with Case.create(path, review) as case:
        ids = {name: case.add_agency(name).id
               for name in ("Police", "Children's Social Care", "Health Visiting")}
        entries = [
            Entry(agency_id=ids[agency], date_text=text, start=start, end=end, precision=precision,
                  time_text=time, event=event, action=action, uncertain=text.startswith("?"))
            for agency, text, start, end, precision, time, event, action in SAMPLE_ENTRIES
        ]
        add_entry(case, entries[0])  # one by hand, the rest as an import would
        with case.write():
            insert_entries(case, entries[1:])
    return path


#: The passphrase of the protected cases the store tests also run against (invented).
TEST_PASSPHRASE = "Correct horse, battery staple 17"
CASE_PROTECTION = [pytest.param(None, id="plain"), pytest.param(TEST_PASSPHRASE, id="protected")]


@pytest.fixture(params=CASE_PROTECTION)
def passphrase(request: pytest.FixtureRequest) -> str | None:
    """None (a plain case file), then a passphrase (an encrypted one): each test runs on both."""
    value: str | None = request.param
    return value


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    """A closed case file with 3 agencies and 30 entries (one undated), in no order."""
    return build_sample_case(tmp_path / "Child T.scrchron")


@pytest.fixture
def sync_tasks() -> Iterator[None]:
    """Background tasks run at once on the test's thread (Picard's FakeThreadPool)."""
    from scrchron.ui.widgets import tasks

    previous = tasks.set_runner(tasks.SynchronousRunner())
    yield
    tasks.set_runner(previous)


#: An agency's CSV export as a test sends it: one doubtful date, one with no date.
SCHOOL_CSV = (
    "Date,Time,Event,Outcome,Practitioner\n"
    "14/01/2015,09:10,Child attended school; seemed tired and hungry.,Breakfast club offered.,Class teacher\n"
    "?03/03/2015,,Child absent; mother phoned in sick.,,Office\n"
    "10/03/2015,,DSL spoke to mother about attendance.,Attendance plan agreed.,DSL\n"
    "not known,,Child disclosed shouting at home.,Logged on CPOMS.,Class teacher\n"
    "20/07/2015,,Last day of term.,,Office\n"
)


@pytest.fixture
def school_csv(tmp_path: Path) -> Path:
    """A school's chronology as CSV (5 rows)."""
    path = tmp_path / "School chronology.csv"
    path.write_text(SCHOOL_CSV, encoding="utf-8")
    return path


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
