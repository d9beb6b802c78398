"""Readings offered for ages and relative dates from an anchor (scrchron.dates.anchored)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrchron.dates.anchored import offer_reading
from scrchron.dates.reader import DateReading, read_date

DOB = date(2012, 11, 3)
MEETING = DateReading("9 March 2015", "2015-03-09", "2015-03-09", "day")
SPRING = DateReading("Spring 2015", "2015-03-01", "2015-05-31", "season")


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("aged 3", "2015-11-03", "2016-11-02", "range"),
    ("Aged 13", "2025-11-03", "2026-11-02", "range"),
    ("when she was 13", "2025-11-03", "2026-11-02", "range"),
    ("at the age of 9 weeks", "2013-01-05", "2013-01-11", "week"),
    ("aged 8 months", "2013-07-03", "2013-08-02", "range"),
    ("aged 2 years 11 months", "2015-10-03", "2015-11-02", "range"),
    ("3 years old", "2015-11-03", "2016-11-02", "range"),
    ("aged 10 days", "2012-11-13", "2012-11-13", "day"),
])
def test_ages_from_the_date_of_birth(text: str, start: str, end: str, precision: str) -> None:
    r = offer_reading(text, date_of_birth=DOB)
    assert r is not None
    assert (r.text, r.start, r.end, r.precision, r.flags) == (text, start, end, precision, ("from-age",))


def test_weeks_pregnant_is_before_the_birth_and_approximate() -> None:
    r = offer_reading("at 29 weeks pregnant", date_of_birth=DOB)
    assert r is not None
    assert (r.start, r.end, r.flags) == ("2012-08-04", "2012-09-08", ("from-age", "approximate"))


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("two days later", "2015-03-11", "2015-03-11", "day"),
    ("3 days later", "2015-03-12", "2015-03-12", "day"),
    ("the next day", "2015-03-10", "2015-03-10", "day"),
    ("The following day", "2015-03-10", "2015-03-10", "day"),
    ("the same day", "2015-03-09", "2015-03-09", "day"),
    ("the following week", "2015-03-16", "2015-03-22", "week"),  # 9 March 2015 was a Monday
    ("a month later", "2015-04-01", "2015-04-30", "month"),
])
def test_relative_dates_from_the_previous_entry(text: str, start: str, end: str, precision: str) -> None:
    r = offer_reading(text, previous=MEETING)
    assert r is not None
    assert (r.text, r.start, r.end, r.precision) == (text, start, end, precision)
    assert "from-previous-entry" in r.flags


def test_weeks_later_is_an_approximate_week() -> None:
    r = offer_reading("two weeks later", previous=MEETING)
    assert r is not None
    assert (r.start, r.end, r.flags) == ("2015-03-20", "2015-03-26", ("from-previous-entry", "approximate"))


def test_a_coarse_anchor_moves_as_a_whole() -> None:
    r = offer_reading("two days later", previous=SPRING)
    assert r is not None
    assert (r.start, r.end, r.precision) == ("2015-03-03", "2015-06-02", "range")


@pytest.mark.parametrize("text", ["aged 3", "two days later", "the following week"])
def test_read_alone_they_stay_unknown(text: str) -> None:
    assert read_date(text).start is None


def test_no_anchor_or_no_match_offers_nothing() -> None:
    assert offer_reading("aged 3") is None
    assert offer_reading("two days later", date_of_birth=DOB) is None
    assert offer_reading("aged 3", previous=MEETING) is None
    assert offer_reading("see above", date_of_birth=DOB, previous=MEETING) is None
    assert offer_reading("two days later", previous=read_date("not known")) is None
    assert offer_reading("aged 999", date_of_birth=DOB) is None
    assert offer_reading("9999 years later", previous=MEETING) is None


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(max_size=100), st.dates(date(1900, 1, 1), date(2030, 1, 1)),
       st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_any_text_and_anchor_never_raise(text: str, dob: date, previous_day: date) -> None:
    previous = DateReading("x", previous_day.isoformat(), previous_day.isoformat(), "day")
    for reading in (offer_reading(text, date_of_birth=dob), offer_reading(text, previous=previous)):
        if reading is not None:
            assert reading.text == text and reading.start and reading.end
            assert reading.start <= reading.end
            assert {"from-age", "from-previous-entry"} & set(reading.flags)


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(0, 120), st.sampled_from(["aged {n}", "aged {n} years", "when he was {n}", "{n} years old"]),
       st.dates(date(1900, 1, 1), date(2025, 1, 1)))
def test_an_age_in_years_is_that_year_of_life(n: int, form: str, dob: date) -> None:
    r = offer_reading(form.format(n=n), date_of_birth=dob)
    assert r is not None and r.start and r.end
    start, end = date.fromisoformat(r.start), date.fromisoformat(r.end)
    assert (start - dob).days // 365 in (n - 1, n) and 364 <= (end - start).days <= 365
