"""The statutory clock: working days with the bank holidays of England or Wales.

Expected dates are taken from the published bank holiday lists (gov.uk/bank-holidays:
Good Friday 18 April 2025, Easter Monday 21 April 2025, the summer bank holiday on
25 August 2025 in England and Wales and on 4 August 2025 in Scotland; 2 January is a
bank holiday in Scotland only; St David's Day, 1 March, is not a bank holiday in Wales),
not from running scrchron.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scrchron.errors import ValidationError
from scrchron.review import clock

NATIONS = ("england", "wales")


@pytest.mark.parametrize("nation", NATIONS)
def test_five_working_days_across_easter(nation: str) -> None:
    # Monday 14 April 2025: 15, 16, 17, (Good Friday, weekend, Easter Monday), 22, 23.
    assert clock.add_working_days(date(2025, 4, 14), 5, nation) == date(2025, 4, 23)


@pytest.mark.parametrize("nation", NATIONS)
def test_fifteen_working_days_across_easter(nation: str) -> None:
    # From Thursday 10 April 2025: 11, 14-17 (5), 22-25 (9), 28 Apr-2 May (14), 6 May (May Day on the 5th).
    assert clock.add_working_days(date(2025, 4, 10), 15, nation) == date(2025, 5, 6)


@pytest.mark.parametrize("nation", NATIONS)
def test_the_august_bank_holiday_is_the_last_monday(nation: str) -> None:
    assert clock.add_working_days(date(2025, 8, 22), 1, nation) == date(2025, 8, 26)
    assert clock.is_working_day(date(2025, 8, 4), nation)  # Scotland's summer bank holiday only


@pytest.mark.parametrize("nation", NATIONS)
def test_days_that_are_holidays_elsewhere_in_the_uk_are_working_days(nation: str) -> None:
    assert clock.is_working_day(date(2025, 1, 2), nation)  # 2 January: Scotland only
    assert clock.is_working_day(date(2021, 3, 1), nation)  # St David's Day, a Monday, not a bank holiday
    assert clock.is_working_day(date(2025, 3, 17), nation)  # St Patrick's Day: Northern Ireland only


def test_england_and_wales_are_looked_up_separately_and_agree() -> None:
    for year in range(2000, 2031):
        jan1 = date(year, 1, 1)
        days = [date.fromordinal(jan1.toordinal() + n) for n in range(365)]
        assert [clock.bank_holiday(d, "england") != "" for d in days] == \
               [clock.bank_holiday(d, "wales") != "" for d in days]
    assert clock.bank_holiday(date(2025, 4, 18), "wales") == "Good Friday"


def test_christmas_and_new_year() -> None:
    assert clock.add_working_days(date(2025, 12, 24), 1, "england") == date(2025, 12, 29)
    assert clock.add_working_days(date(2025, 12, 31), 1, "wales") == date(2026, 1, 2)


def test_working_days_between_counts_forwards_and_back() -> None:
    assert clock.working_days_between(date(2025, 4, 14), date(2025, 4, 23), "england") == 5
    assert clock.working_days_between(date(2025, 4, 23), date(2025, 4, 14), "wales") == -5
    assert clock.working_days_between(date(2025, 4, 18), date(2025, 4, 18), "wales") == 0


def test_working_days_over_years_agree_with_counting_day_by_day() -> None:
    start = date(2014, 3, 7)
    for end in (date(2014, 3, 7), date(2014, 12, 31), date(2016, 4, 1), date(2026, 12, 1)):
        by_day = sum(1 for n in range(1, (end - start).days + 1)
                     if clock.is_working_day(start + timedelta(days=n), "wales"))
        assert clock.working_days_between(start, end, "wales") == by_day
        assert clock.working_days_between(end, start, "wales") == -by_day


def test_months_keep_the_day_or_end_of_month() -> None:
    assert clock.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert clock.add_months(date(2025, 8, 20), 6) == date(2026, 2, 20)


def test_welsh_types_count_welsh_holidays_unless_chosen() -> None:
    assert clock.nation_for("susr") == "wales" and clock.nation_for("apr") == "wales"
    assert clock.nation_for("cspr") == "england"
    assert clock.nation_for("dhr", "Wales") == "wales"
    with pytest.raises(ValidationError, match="england or wales"):
        clock.nation_for("dhr", "scotland")


def test_counting_is_bounded() -> None:
    with pytest.raises(ValidationError):
        clock.add_working_days(date(2025, 1, 1), 10**9, "england")
    with pytest.raises(ValidationError):
        clock.working_days_between(date(1900, 1, 1), date(2025, 1, 1), "england")


def test_a_susr_meeting_the_dhr_criteria_goes_to_the_home_office() -> None:
    keys = [rule.key for rule in clock.rules_for("susr", ("apr", "dhr"))]
    assert "home_office_qa" in keys
    assert "home_office_qa" not in [rule.key for rule in clock.rules_for("susr", ("apr",))]
