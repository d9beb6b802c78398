"""Tests for scrchron.dates.reader: each rule, columns, scope, ages and bad input."""

from __future__ import annotations

import csv
from datetime import date, datetime, time
from pathlib import Path

import pytest

from scrchron.dates.reader import (
    PRECISIONS,
    DateReading,
    apply_scope,
    clear_cache,
    combine_time,
    detect_order,
    read_date,
    read_date_column,
    read_time,
    scope_flags,
)
from scrchron.dates.wording import age_at

TODAY = date(2025, 6, 1)
LABELLED = Path(__file__).parent / "data" / "dates_labelled.csv"
# Flags that tell the reader a reading is a guess, not a statement.
HEDGES = {"year-inferred", "ambiguous-order", "weekday-mismatch", "approximate", "ambiguous-year",
          "ambiguous-word", "fallback"}


def read(text: str, hint: int | None = None) -> DateReading:
    return read_date(text, year_hint=hint, today=TODAY)


def interval(text: str, hint: int | None = None) -> tuple[str | None, str | None, str]:
    r = read(text, hint)
    return r.start, r.end, r.precision


# --- the labelled accuracy set -------------------------------------------------

def _labelled() -> list[dict[str, str]]:
    with LABELLED.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _read_row(row: dict[str, str]) -> DateReading:
    hint = int(row["year_hint"]) if row["year_hint"] else None
    return read_date_column([row["text"]], year_hint=hint, today=TODAY)[0]


def _expected(row: dict[str, str]) -> tuple[object, ...]:
    flags = tuple(f for f in row["flags"].split(";") if f)
    return (row["start"] or None, row["end"] or None, row["precision"],
            row["uncertain"] == "true", flags)


def test_labelled_set_is_large_enough() -> None:
    rows = _labelled()
    assert len(rows) >= 170
    assert {r["precision"] for r in rows} == set(PRECISIONS) - {"unknown"} | {"unknown"}


@pytest.mark.parametrize("row", _labelled(), ids=lambda r: r["text"][:40] or "<empty>")
def test_labelled_row_is_right(row: dict[str, str]) -> None:
    r = _read_row(row)
    assert (r.start, r.end, r.precision, r.uncertain, r.flags) == _expected(row)


def test_no_labelled_row_is_confidently_wrong() -> None:
    wrong = []
    for row in _labelled():
        r = _read_row(row)
        confident = r.start is not None and not r.uncertain and not HEDGES & set(r.flags)
        if confident and (r.start, r.end) != (row["start"] or None, row["end"] or None):
            wrong.append(row["text"])
    assert wrong == []


# --- rules ---------------------------------------------------------------------

def test_precisions_in_agreed_order() -> None:
    assert PRECISIONS == ("time", "day", "week", "part-month", "month", "quarter", "season",
                          "term", "part-year", "year", "range", "unknown")


@pytest.mark.parametrize("text", ["9 march 2015", "09/03/2015", "09.03.15", "9-mar-15",
                                  "Monday 9th March 2015", "9th of March 2015"])
def test_day_forms(text: str) -> None:
    assert interval(text) == ("2015-03-09", "2015-03-09", "day")


@pytest.mark.parametrize("text", ["09/03/2015 19:30", "9 March 2015 at 7.30pm",
                                  "2015-03-09T19:30", "09/03/2015 1930hrs", "9.3.15 19.30"])
def test_time_forms(text: str) -> None:
    assert interval(text) == ("2015-03-09T19:30", "2015-03-09T19:30", "time")


@pytest.mark.parametrize("text", ["Jul-15", "Jul 2015", "07/2015", "July 2015", "jul15"])
def test_month_forms_never_invent_a_day(text: str) -> None:
    assert interval(text) == ("2015-07-01", "2015-07-31", "month")


@pytest.mark.parametrize("text", ["2014", "in 2014"])
def test_year(text: str) -> None:
    assert interval(text) == ("2014-01-01", "2014-12-31", "year")


def test_weeks() -> None:
    assert interval("w/c 3/3/14") == ("2014-03-03", "2014-03-09", "week")
    assert interval("week commencing 3 March 2014") == ("2014-03-03", "2014-03-09", "week")
    assert interval("w/e 9/3/14") == ("2014-03-03", "2014-03-09", "week")


@pytest.mark.parametrize(("words", "first", "last"), [
    ("early", "01", "10"), ("beginning of", "01", "10"), ("mid-", "11", "20"),
    ("middle of", "11", "20"), ("late", "21", "31"), ("end of", "21", "31")])
def test_part_month(words: str, first: str, last: str) -> None:
    assert interval(f"{words} March 2015".replace("- ", "-")) == (
        f"2015-03-{first}", f"2015-03-{last}", "part-month")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("early 2013", "2013-01-01", "2013-04-30"), ("mid-2013", "2013-05-01", "2013-08-31"),
    ("late 2013", "2013-09-01", "2013-12-31")])
def test_part_year(text: str, start: str, end: str) -> None:
    assert interval(text) == (start, end, "part-year")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Spring 2014", "2014-03-01", "2014-05-31"), ("Summer 2014", "2014-06-01", "2014-08-31"),
    ("Autumn 2014", "2014-09-01", "2014-11-30"), ("Fall 2014", "2014-09-01", "2014-11-30"),
    ("Winter 2014", "2014-12-01", "2015-02-28")])
def test_seasons(text: str, start: str, end: str) -> None:
    assert interval(text) == (start, end, "season")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Autumn term 2014", "2014-09-01", "2014-12-31"),
    ("Spring term 2015", "2015-01-01", "2015-03-31"),
    ("Summer term 2015", "2015-04-01", "2015-07-31")])
def test_school_terms(text: str, start: str, end: str) -> None:
    assert interval(text) == (start, end, "term")


def test_quarter() -> None:
    assert interval("Q1 2015") == ("2015-01-01", "2015-03-31", "quarter")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("between May 2016 and June 2017", "2016-05-01", "2017-06-30"),
    ("May 2016 – June 2017", "2016-05-01", "2017-06-30"),
    ("12-14 June 2021", "2021-06-12", "2021-06-14"),
    ("3 March to 5 April 2015", "2015-03-03", "2015-04-05")])
def test_ranges(text: str, start: str, end: str) -> None:
    assert interval(text) == (start, end, "range")


@pytest.mark.parametrize(("text", "plain"), [
    ("?12 Mar 2015", "12 Mar 2015"), ("12 Mar 2015?", "12 Mar 2015"), ("c. 2014", "2014"),
    ("circa 2014", "2014"), ("approx. May 2015", "May 2015"), ("around 2014", "2014"),
    ("about 3/4/2015", "3/4/2015")])
def test_uncertain_marks(text: str, plain: str) -> None:
    marked = read(text)
    assert marked.uncertain and not read(plain).uncertain
    assert interval(text) == interval(plain)


@pytest.mark.parametrize("text", ["On the REDACTED November 2012", "xx/11/2012",
                                  "[redacted] 11/2012"])
def test_redacted_day_gives_the_month(text: str) -> None:
    r = read(text)
    assert (r.start, r.end, r.precision, r.flags) == (
        "2012-11-01", "2012-11-30", "month", ("redacted",))


@pytest.mark.parametrize(("text", "day"), [
    ("On 21st February 2013", "2013-02-21"), ("Dated: 22 Apr 2016", "2016-04-22"),
    ("Date of death 16/07/06", "2006-07-16")])
def test_labels_and_filler_ignored(text: str, day: str) -> None:
    assert interval(text) == (day, day, "day")


def test_no_year_needs_a_hint() -> None:
    assert read("April 1st").flags == ("no-year",)
    assert read("April 1st").precision == "unknown"
    r = read("the 30th March", hint=2015)
    assert (r.start, r.precision, r.flags) == ("2015-03-30", "day", ("year-inferred",))
    assert read("Summer", hint=2014).flags == ("year-inferred",)


@pytest.mark.parametrize("text", ["31 April 2015", "29 February 2015", "2015-13-01"])
def test_invalid(text: str) -> None:
    assert read(text).flags == ("invalid",)
    assert read(text).start is None


@pytest.mark.parametrize("text", ["two days later", "5 days after the attack",
                                  "the following morning"])
def test_relative(text: str) -> None:
    r = read(text)
    assert (r.precision, r.flags) == ("unknown", ("relative",))


def test_anything_else_is_unparsed_and_kept() -> None:
    r = read("when the family moved")
    assert (r.text, r.precision, r.flags) == ("when the family moved", "unknown", ("unparsed",))


def test_ambiguous_spelling_is_not_guessed() -> None:
    assert read("March 15").flags == ("unparsed",)  # 15 March, or March 2015?
    assert read("Mar-15").precision == "month"  # the Excel mmm-yy form


def test_weekday_mismatch_is_flagged_not_dropped() -> None:
    r = read("Tuesday 9 March 2015")
    assert (r.start, r.uncertain, r.flags) == ("2015-03-09", True, ("weekday-mismatch",))


def test_vague_time_is_kept_as_text() -> None:
    r = read("9 March 2015 evening")
    assert (r.start, r.precision, r.flags, r.time_text) == ("2015-03-09", "day", (), "evening")


def test_two_digit_years_follow_today() -> None:
    assert read_date("1/1/25", today=date(2025, 6, 1)).start == "2025-01-01"
    assert read_date("1/1/26", today=date(2025, 6, 1)).start == "1926-01-01"
    assert read_date("1/1/26", today=date(2026, 1, 1)).start == "2026-01-01"
    assert read_date("Jul-99", today=date(2025, 6, 1)).start == "1999-07-01"


def test_mdy_order_argument() -> None:
    assert read_date("08/28/2014", order="mdy").start == "2014-08-28"
    # Day-first cannot be: the one reading there is, said so.
    assert read_date("08/28/2014").start == "2014-08-28"
    assert read_date("08/28/2014").flags == ("order-mdy",)
    assert read_date("31/28/2014").flags == ("invalid",)
    with pytest.raises(ValueError):
        read_date("1/2/2015", order="ymd")


def test_as_dict() -> None:
    assert read("c. 2014").as_dict() == {
        "text": "c. 2014", "start": "2014-01-01", "end": "2014-12-31",
        "precision": "year", "uncertain": True, "flags": []}


# --- Excel -------------------------------------------------------------------------

def test_excel_serial_text() -> None:
    r = read("42072")
    assert (r.start, r.precision, r.flags) == ("2015-03-09", "day", ("excel-serial",))
    assert read("42072.8125").start == "2015-03-09T19:30"
    assert read("12345").flags == ("unparsed",)
    assert read("70000").flags == ("unparsed",)


def test_excel_values() -> None:
    assert read_date(42072).start == "2015-03-09"
    assert read_date(42072.5).start == "2015-03-09T12:00"
    assert read_date(date(2015, 3, 9)).precision == "day"
    assert read_date(datetime(2015, 3, 9)).precision == "day"
    r = read_date(datetime(2015, 3, 9, 19, 30))
    assert (r.start, r.end, r.precision) == ("2015-03-09T19:30", "2015-03-09T19:30", "time")


# --- columns ----------------------------------------------------------------------

def test_detect_order() -> None:
    assert detect_order(["08/28/2014", "09/03/2014"]) == "mdy"
    assert detect_order(["28/08/2014", "09/03/2014"]) == "dmy"
    assert detect_order(["09/03/2014", "05/04/2014"]) == "dmy"
    assert detect_order(["08/28/2014", "28/08/2014"]) == "dmy"
    assert detect_order(["8/28", "Jul-15"]) == "dmy"  # only full dates count


def test_month_first_column_is_read_whole_and_flagged() -> None:
    rows = read_date_column(["08/28/2014", "09/03/2014", "3 March 2014"], today=TODAY)
    assert [r.start for r in rows] == ["2014-08-28", "2014-09-03", "2014-03-03"]
    assert [r.flags for r in rows] == [("order-mdy",), ("order-mdy",), ()]


def test_mixed_column_flags_the_ambiguous() -> None:
    rows = read_date_column(["08/28/2014", "13/03/2014", "09/03/2014", "05/05/2014"],
                            today=TODAY)
    assert [r.start for r in rows] == ["2014-08-28", "2014-03-13", "2014-03-09", "2014-05-05"]
    assert [r.flags for r in rows] == [("order-mdy",), (), ("ambiguous-order",), ()]


def test_year_inferred_from_previous_entry() -> None:
    rows = read_date_column(["Summer", "12 March 2014", "3/4", "mid-June"], year_hint=2013,
                            today=TODAY)
    assert [r.start for r in rows] == ["2013-06-01", "2014-03-12", "2014-04-03", "2014-06-11"]
    assert [r.flags for r in rows] == [("year-inferred",), (), ("year-inferred",),
                                       ("year-inferred",)]


def test_year_inference_rolls_over_new_year() -> None:
    rows = read_date_column(["20 December 2014", "3 Jan", "5 Jan"], today=TODAY)
    assert [r.start for r in rows] == ["2014-12-20", "2015-01-03", "2015-01-05"]


def test_no_year_without_context_stays_unknown() -> None:
    assert read_date_column(["3 Jan"], today=TODAY)[0].flags == ("no-year",)


def test_column_accepts_cells_of_any_kind_and_caches() -> None:
    values: list[str | date | datetime | None] = [
        "09/03/2015", None, date(2015, 3, 10), datetime(2015, 3, 11, 8, 5), "09/03/2015", ""]
    rows = read_date_column(values, today=TODAY)
    assert [r.precision for r in rows] == ["day", "unknown", "day", "time", "day", "unknown"]
    assert rows[0] == rows[4]
    clear_cache()
    assert read_date_column(values, today=TODAY) == rows


# --- times -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "hm"), [
    ("19:30", "19:30"), ("19.30", "19:30"), ("1930hrs", "19:30"), ("2140 hrs", "21:40"),
    ("7.30pm", "19:30"), ("7pm", "19:00"), ("7 p.m.", "19:00"), ("noon", "12:00"),
    ("midnight", "00:00"), ("12am", "00:00"), ("0930", "09:30"), ("evening", None),
    ("25:00", None), ("13pm", None), ("", None)])
def test_read_time(text: str, hm: str | None) -> None:
    assert read_time(text) == hm


def test_combine_time() -> None:
    day = read("09/03/2015")
    timed = combine_time(day, "19.30")
    assert (timed.start, timed.end, timed.precision) == (
        "2015-03-09T19:30", "2015-03-09T19:30", "time")
    assert combine_time(day, time(7, 5)).start == "2015-03-09T07:05"
    assert combine_time(day, "evening").time_text == "evening"
    assert combine_time(day, "  ") == day
    month = read("March 2015")
    assert combine_time(month, "19:30").precision == "month"


# --- scope ---------------------------------------------------------------------------

def test_scope() -> None:
    r = read("March 2015")
    assert apply_scope(r, date(2015, 4, 1), None).flags == ("outside-scope",)
    assert apply_scope(r, None, date(2015, 2, 28)).flags == ("outside-scope",)
    assert apply_scope(r, date(2015, 3, 31), date(2016, 1, 1)).flags == ()  # overlaps
    outside = apply_scope(r, date(2016, 1, 1), date(2017, 1, 1))
    assert apply_scope(outside, date(2015, 1, 1), date(2017, 1, 1)).flags == ()
    assert scope_flags(read("soon"), date(2015, 1, 1), date(2016, 1, 1)) == ()


# --- ages ------------------------------------------------------------------------------

@pytest.mark.parametrize(("when", "age"), [
    (date(2015, 3, 9), "0 days"), (date(2015, 3, 10), "1 day"), (date(2015, 3, 22), "13 days"),
    (date(2015, 3, 23), "2 weeks"), (date(2015, 4, 13), "5 weeks"),
    (date(2015, 6, 7), "12 weeks"), (date(2015, 6, 8), "2 months"),
    (date(2015, 10, 9), "7 months"), (date(2016, 3, 8), "11 months"),
    (date(2016, 3, 9), "1 year"), (date(2018, 5, 20), "3 years 2 months"),
    (date(2014, 12, 25), "before birth")])
def test_age_at(when: date, age: str) -> None:
    assert age_at(date(2015, 3, 9), when) == age


def test_age_at_month_ends() -> None:
    assert age_at(date(2016, 1, 31), date(2016, 6, 30)) == "5 months"
    assert age_at(date(2016, 1, 31), date(2016, 6, 29)) == "4 months"
    assert age_at(date(2012, 2, 29), date(2013, 2, 28)) == "1 year"


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty(text: str) -> None:
    assert read(text).flags == ("empty",)
    assert read_date(None).flags == ("empty",)


def test_ten_thousand_characters() -> None:
    text = "12 March 2015 " + "x" * 10_000
    r = read(text)
    assert (r.precision, r.flags, r.text) == ("unknown", ("too-long", "unparsed"), text)


@pytest.mark.parametrize("text", [
    "\x00\x01\x02", "\x1b[31m", "🎂🎂🎂", "١٢/٠٣/٢٠١٥", "12 Мarch 2015", "二〇一五年三月",
    "1-" * 100, "-" * 200, "12 - " * 40, "9/" * 100, "\ufdfa" * 150, "?" * 200, "()" * 100,
    "x" * 199, "12/03/2015 " * 18])
def test_garbage_is_unknown_never_an_error(text: str) -> None:
    r = read(text)
    assert r.precision == "unknown"
    assert r.flags and r.flags[-1] in {"unparsed", "redacted"}


def test_control_characters_around_a_date_are_space() -> None:
    assert read("12/03/2015\n").start == "2015-03-12"
    assert read("\x0712/03/2015\x00").start == "2015-03-12"


def test_nan_and_bool_do_not_raise() -> None:
    assert read_date(float("nan")).flags == ("unparsed",)
    assert read_date(True).flags == ("unparsed",)  # a bool is not a serial number


# --- dates as real reviews write them (issue 19) ----------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("Published 14 Aug 2018", "2018-08-14"), ("Updated 31 October 2024", "2024-10-31"),
    ("Endorsed on 13/08/2012", "2012-08-13"), ("as at 25.08.2017", "2017-08-25"),
    ("Deceased 22 March 2016", "2016-03-22"), ("Today (16 January 2020)", "2020-01-16"),
    ("Published by WSCB – 3 rd June 2015", "2015-06-03"),
    ("28 th July 2021", "2021-07-28"), ("22 nd February 2016", "2016-02-22"),
])
def test_words_and_artefacts_before_a_date(text: str, day: str) -> None:
    assert interval(text) == (day, day, "day")


@pytest.mark.parametrize("text", [
    "before 3 March 2015", "since 2016", "by 3 June 2015", "Moved from 9th October 2018",
    "by the end of February 2009", "From the 29th June 2018", "cyn 2018", "ers 26 Ebrill 2018",
    "tan 20 Ebrill 2023", "In the week preceding 31 May 2018", "Until 2016", "aged 3 in 2016",
])
def test_a_bound_or_relation_is_not_read_as_the_date(text: str) -> None:
    assert read(text).start is None


def test_glued_year_and_time() -> None:
    r = read("29th of January 2021at 18.09 hours")
    assert (r.start, r.precision) == ("2021-01-29T18:09", "time")


def test_a_day_with_a_time_span() -> None:
    r = read("26th January 2017 1.45pm to 4.45pm")
    assert (r.start, r.end, r.precision) == ("2017-01-26T13:45", "2017-01-26T16:45", "time")
    assert read("26th January 2017 4.45pm to 1.45pm").flags == ("invalid",)


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("Towards the end of 2018", "2018-09-01", "2018-12-31", "part-year"),
    ("During the period from December 2016 to February 2017", "2016-12-01", "2017-02-28", "range"),
    ("During 2019 and 2020", "2019-01-01", "2020-12-31", "range"),
    ("In the second week of November 2017", "2017-11-08", "2017-11-14", "week"),
    ("the last week of February 2016", "2016-02-23", "2016-02-29", "week"),
    ("November, 2017 - Week 3", "2017-11-15", "2017-11-21", "week"),
    ("2010-17", "2010-01-01", "2017-12-31", "range"),
    ("the year ending 31 March 2015", "2014-04-01", "2015-03-31", "year"),
])
def test_words_around_known_forms(text: str, start: str, end: str, precision: str) -> None:
    assert interval(text) == (start, end, precision)


def test_half_term_week_commencing_takes_the_year_hint() -> None:
    r = read("Half Term week commencing 21st October", hint=2019)
    assert (r.start, r.end, r.precision, r.flags) == ("2019-10-21", "2019-10-27", "week", ("year-inferred",))


@pytest.mark.parametrize(("text", "start", "end", "precision", "flags"), [
    ("2014/15", "2014-04-01", "2015-08-31", "range", ("ambiguous-year",)),
    ("for the year 2022/23", "2022-04-01", "2023-08-31", "range", ("ambiguous-year",)),
    ("2018-2019", "2018-01-01", "2019-12-31", "range", ("ambiguous-year",)),
    ("financial year 2014/15", "2014-04-01", "2015-03-31", "year", ()),
    ("2014-15 Financial Year", "2014-04-01", "2015-03-31", "year", ()),
    ("Revenue Budget 2014/15 Outturn", "2014-04-01", "2015-03-31", "year", ()),
    ("Term Dates 2018/19", "2018-09-01", "2019-08-31", "year", ()),
    ("academic year 2017/18", "2017-09-01", "2018-08-31", "year", ()),
    ("blwyddyn ariannol 2017/18", "2017-04-01", "2018-03-31", "year", ()),
    ("Blwyddyn Academaidd 2020-2021", "2020-09-01", "2021-08-31", "year", ()),
    ("autumn term 2014/15", "2014-09-01", "2014-12-31", "term", ()),
])
def test_financial_and_academic_years(text: str, start: str, end: str, precision: str,
                                      flags: tuple[str, ...]) -> None:
    r = read(text)
    assert (r.start, r.end, r.precision, r.flags) == (start, end, precision, flags)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("summer holidays 2016", "2016-07-15", "2016-09-07"),
    ("Easter 2016", "2016-03-11", "2016-04-10"),  # Easter Sunday 27 March 2016, -16 to +14 days
    ("Easter holidays 2019", "2019-04-05", "2019-05-05"),  # Easter Sunday 21 April 2019
    ("Christmas 2015", "2015-12-14", "2016-01-10"),
    ("October half term 2019", "2019-10-16", "2019-11-06"),
    ("February half term 2020", "2020-02-07", "2020-03-03"),
    ("Hanner Tymor yr Haf 2023", "2023-05-22", "2023-06-07"),
])
def test_school_holidays_are_approximate_windows(text: str, start: str, end: str) -> None:
    r = read(text)
    assert (r.start, r.end, r.precision, r.flags) == (start, end, "range", ("approximate",))


@pytest.mark.parametrize(("text", "day"), [
    ("Good Friday 2016", "2016-03-25"), ("Easter Monday 2021", "2021-04-05"),
    ("Easter Sunday 2019", "2019-04-21"), ("Christmas Day 2015", "2015-12-25"),
    ("Boxing Day 2014", "2014-12-26"), ("Dydd Gwener y Groglith 2024", "2024-03-29"),
    ("Dydd Nadolig 2020", "2020-12-25"),
])
def test_named_days_are_exact(text: str, day: str) -> None:
    assert interval(text) == (day, day, "day")


def test_half_term_alone_is_not_guessed() -> None:
    assert read("half term").start is None
    assert read("half term 2016").start is None


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("ar 4 Rhagfyr 2018", "2018-12-04", "2018-12-04", "day"),
    ("ym mis Ebrill 2021", "2021-04-01", "2021-04-30", "month"),
    ("fis Rhagfyr 2013", "2013-12-01", "2013-12-31", "month"),
    ("ddydd Mercher 6 Ionawr 2021", "2021-01-06", "2021-01-06", "day"),
    ("Dydd Mawrth, 16eg Mawrth, 2010", "2010-03-16", "2010-03-16", "day"),
    ("6ed Rhagfyr 2017", "2017-12-06", "2017-12-06", "day"),
    ("10fed Ebrill 2020", "2020-04-10", "2020-04-10", "day"),
    ("2il Ebrill 2021", "2021-04-02", "2021-04-02", "day"),
    ("3ydd Mai 2021", "2021-05-03", "2021-05-03", "day"),
    ("25ain Awst 2022", "2022-08-25", "2022-08-25", "day"),
    ("1af Medi 2020", "2020-09-01", "2020-09-01", "day"),
    ("Dydd Mercher, 6ed Rhagfyr, 2017 10.00 yb", "2017-12-06T10:00", "2017-12-06T10:00", "time"),
    ("Dydd Llun, 21ain Tachwedd, 2022 2.00 yp", "2022-11-21T14:00", "2022-11-21T14:00", "time"),
    ("Dydd Llun 27 Hyd - Dydd Gwener 31 Hyd 2025", "2025-10-27", "2025-10-31", "range"),
    ("Gwanwyn 2024", "2024-03-01", "2024-05-31", "season"),
    ("Y Gwanwyn 2024", "2024-03-01", "2024-05-31", "season"),
    ("Haf 2020", "2020-06-01", "2020-08-31", "season"),
    ("Gaeaf 2019", "2019-12-01", "2020-02-29", "season"),
    ("Tymor yr Hydref 2022", "2022-09-01", "2022-12-31", "term"),
    ("Tymor y Gwanwyn 2023", "2023-01-01", "2023-03-31", "term"),
    ("rhwng Tachwedd 2010 a Mawrth 2011", "2010-11-01", "2011-03-31", "range"),
    ("Gorffennaf i Fedi 2023", "2023-07-01", "2023-09-30", "range"),
    ("1 Ebrill 2004 at 31 Mawrth 2005", "2004-04-01", "2005-03-31", "range"),
    ("yn gynnar yn 2026", "2026-01-01", "2026-04-30", "part-year"),
])
def test_welsh(text: str, start: str, end: str, precision: str) -> None:
    assert interval(text) == (start, end, precision)


def test_eleni_needs_a_year_hint() -> None:
    assert read("eleni").flags == ("no-year",)
    r = read("eleni", hint=2021)
    assert (r.start, r.end, r.flags) == ("2021-01-01", "2021-12-31", ("year-inferred",))


@pytest.mark.parametrize(("text", "start", "end", "precision", "flags"), [
    ("14 Hydref 2022", "2022-10-14", "2022-10-14", "day", ()),
    ("mis Hydref 2020", "2020-10-01", "2020-10-31", "month", ()),
    ("Mai 2025 i Hydref 2025", "2025-05-01", "2025-10-31", "range", ()),
    ("tymor yr hydref 2020", "2020-09-01", "2020-12-31", "term", ()),
    ("yn ystod hydref 2023", "2023-09-01", "2023-12-31", "season", ("ambiguous-word",)),
    ("Hydref 2019", "2019-09-01", "2019-12-31", "season", ("ambiguous-word",)),
])
def test_hydref_is_read_from_its_neighbours(text: str, start: str, end: str, precision: str,
                                           flags: tuple[str, ...]) -> None:
    r = read(text)
    assert (r.start, r.end, r.precision, r.flags) == (start, end, precision, flags)


def test_english_words_that_are_welsh_prepositions_are_left_alone() -> None:
    # "a", "i" and "at" are Welsh for "and", "to" and "to" only in Welsh text.
    assert read("a week later").flags == ("relative",)
    assert interval("3 March 2015 at 10am") == ("2015-03-03T10:00", "2015-03-03T10:00", "time")
