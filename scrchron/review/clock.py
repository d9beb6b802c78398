"""The statutory clock: working days in England or Wales, and each review type's milestones.

Working days exclude weekends and the bank holidays of the nation the review
belongs to, taken from the ``holidays`` library (``holidays.UK`` with the
subdivision ``ENG`` or ``WLS``), never from a hand-written list. England and
Wales share their bank holidays today (St David's Day is not one), but they are
looked up separately so that a future Welsh bank holiday is honoured.

A milestone's due date is counted from an anchor: the day the local authority
or board became aware of the incident (``aware``), the decision to hold the
review (``decision``, the review's commissioned date), or another milestone
(its actual date when done, else its due date). A rule without an amount is a
step whose timing the guidance leaves to the board: it has no due date until the
reviewer sets one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from scrchron.errors import ValidationError

#: The nations whose bank holidays scrchron knows, and their holidays.UK subdivision.
SUBDIVISIONS: dict[str, str] = {"england": "ENG", "wales": "WLS"}

#: Review types held under Welsh law; every other type defaults to England.
WELSH_TYPES: frozenset[str] = frozenset({"susr", "cpr", "apr"})

_WORKING_DAYS = "working days"
_MONTHS = "months"
_FAR = 3660  # ten years of days: no milestone is counted further than this
_YEARS = 100  # the widest span whose working days are counted (a report dated long after)


def nation_for(review_type: str, chosen: str = "") -> str:
    """The nation whose bank holidays count: the reviewer's choice, else the type's own."""
    if chosen:
        return check_nation(chosen)
    return "wales" if review_type in WELSH_TYPES else "england"


def check_nation(text: str) -> str:
    """'england' or 'wales', or ValidationError."""
    value = text.strip().lower()
    if value not in SUBDIVISIONS:
        raise ValidationError(f"Unknown nation '{text}'. Use england or wales.")
    return value


@cache
def _bank_holidays(nation: str, year: int) -> dict[date, str]:
    # Imported by name, not through holidays.country_holidays(): the library loads countries lazily,
    # which a frozen build (PyInstaller) would not see. Imported here, on the first date worked out,
    # not when the window starts (a seventh of its start-up).
    from holidays.countries.united_kingdom import UnitedKingdom

    table = UnitedKingdom(subdiv=SUBDIVISIONS[nation], years=year)  # type: ignore[no-untyped-call]
    return {day: str(name) for day, name in table.items()}


def bank_holiday(day: date, nation: str) -> str:
    """The bank holiday's name on ``day`` in ``nation``, or ''."""
    return _bank_holidays(nation, day.year).get(day, "")


def is_working_day(day: date, nation: str) -> bool:
    """Monday to Friday and not a bank holiday of ``nation``."""
    return day.weekday() < 5 and not bank_holiday(day, nation)


def add_working_days(start: date, days: int, nation: str) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is day 0)."""
    if days < 0 or days > _FAR:
        raise ValidationError(f"Cannot count {days} working days; use 0 to {_FAR}.")
    day = start
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day, nation):
            day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date, nation: str) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end is earlier)."""
    if abs(end.year - start.year) > _YEARS:
        raise ValidationError(f"Cannot count working days across more than {_YEARS} years.")
    low, high, sign = (start, end, 1) if end >= start else (end, start, -1)
    weeks, extra = divmod((high - low).days, 7)
    weekdays = weeks * 5 + sum(1 for n in range(1, extra + 1) if (low + timedelta(days=n)).weekday() < 5)
    holidays_in = sum(1 for year in range(low.year, high.year + 1) for day in _bank_holidays(nation, year)
                      if low < day <= high and day.weekday() < 5)
    return sign * (weekdays - holidays_in)


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when it is shorter)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Rule:
    """One milestone of a review type: what is due, counted from what, and on what authority."""

    key: str
    name: str
    anchor: str
    amount: int | None
    unit: str
    basis: str

    def due_from(self, anchor: date, nation: str) -> date | None:
        """The due date counted from the anchor's date (None when the board sets it)."""
        if self.amount is None:
            return None
        if self.unit == _WORKING_DAYS:
            return add_working_days(anchor, self.amount, nation)
        return add_months(anchor, self.amount)

    @property
    def timing(self) -> str:
        """The rule in words: '5 working days after aware', or 'set by the board'."""
        if self.amount is None:
            return "set by the board"
        return f"{self.amount} {self.unit} after {ANCHOR_WORDS.get(self.anchor, self.anchor)}"


ANCHOR_WORDS: dict[str, str] = {
    "aware": "becoming aware of the incident",
    "decision": "the decision to hold the review",
    "rapid_review": "the rapid review",
    "referral": "the referral",
}

_WT2023 = "Working Together to Safeguard Children 2023, chapter 5"
_SIX_MONTHS_CHILD = f"{_WT2023}: aim to complete and publish within six months of the decision"
_SUSR = ("Welsh Government, Single Unified Safeguarding Review statutory guidance "
         "(gov.wales/single-unified-safeguarding-review-guidance)")
_WTSP = "Working Together to Safeguard People (Wales), volume {n}"


def _board_steps(prefix: str, basis: str) -> tuple[Rule, ...]:
    """The Welsh steps whose timing the board's own procedure sets."""
    return (
        Rule(f"{prefix}case_review_group", "Case review group considers the referral", "aware", None, "", basis),
        Rule(f"{prefix}chair_decision", "Chair of the board decides whether to hold the review", "aware", None,
             "", basis),
        Rule(f"{prefix}learning_event", "Practitioner learning event", "decision", None, "", basis),
        Rule(f"{prefix}report_to_board", "Report and action plan to the board", "decision", None, "", basis),
        Rule(f"{prefix}publication", "Report published", "decision", None, "", basis),
    )


RULES: dict[str, tuple[Rule, ...]] = {
    "cspr": (
        Rule("notify_panel", "Local authority notifies the national Panel", "aware", 5, _WORKING_DAYS,
             f"{_WT2023}: within 5 working days of becoming aware of a serious incident"),
        Rule("rapid_review", "Rapid review completed and sent to the Panel", "aware", 15, _WORKING_DAYS,
             f"{_WT2023}: within 15 working days of becoming aware"),
        Rule("panel_reply", "The national Panel replies to the rapid review", "rapid_review", 10, _WORKING_DAYS,
             "Expected, not statutory: the Panel usually answers in about 10 working days"),
        Rule("complete_publish", "Local review completed and published", "decision", 6, _MONTHS,
             _SIX_MONTHS_CHILD),
    ),
    "scr": (
        Rule("complete", "Serious case review completed", "decision", 6, _MONTHS,
             "Working Together to Safeguard Children 2015, chapter 4: within six months of initiating it"),
    ),
    "sar": (
        Rule("complete", "Safeguarding adults review completed", "decision", 6, _MONTHS,
             "Care and support statutory guidance (Care Act 2014), chapter 14: within six months "
             "of initiating it unless there are good reasons for a longer period"),
    ),
    "dhr": (
        Rule("decision_due", "Decision whether to hold a DHR", "aware", 1, _MONTHS,
             "Home Office DHR statutory guidance: within one month of the notification"),
        Rule("complete", "Review completed and sent to the Home Office", "decision", 6, _MONTHS,
             "Home Office DHR statutory guidance: within six months of the decision"),
    ),
    "susr": (
        *_board_steps("", _SUSR),
        Rule("notify_wg", "Welsh Government notified that a SUSR will take place", "decision", None, "", _SUSR),
    ),
    "cpr": _board_steps("", _WTSP.format(n=2) + ": Child Practice Reviews"),
    "apr": _board_steps("", _WTSP.format(n=3) + ": Adult Practice Reviews"),
}

#: Added to a SUSR that meets the domestic homicide criteria: DHRs still go to the Home Office.
HOME_OFFICE_QA = Rule("home_office_qa", "Report sent to the Home Office for quality assurance", "decision",
                      None, "", f"{_SUSR}: reviews meeting the DHR criteria are quality assured by the "
                      "Home Office")


def rules_for(review_type: str, criteria: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The statutory milestones of a review type (a SUSR's depend on the criteria it meets)."""
    rules = RULES.get(review_type, ())
    if review_type == "susr" and "dhr" in criteria:
        rules = (*rules, HOME_OFFICE_QA)
    return rules
