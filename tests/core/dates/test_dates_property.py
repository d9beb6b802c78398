"""Property tests for scrchron.dates.reader: any cell, never an error or an invented date."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrchron.dates.reader import PRECISIONS, DateReading, read_date, read_date_column

TODAY = date(2025, 6, 1)
FLAGS = {"redacted", "year-inferred", "no-year", "invalid", "relative", "unparsed", "empty",
         "too-long", "order-mdy", "ambiguous-order", "excel-serial", "outside-scope",
         "weekday-mismatch", "approximate", "ambiguous-year", "ambiguous-word", "fallback"}
ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?")


def quiet(examples: int) -> settings:
    """No deadline, no example database written into the work tree."""
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces agencies write dates with, shuffled into plausible and implausible cells.
PIECES = st.sampled_from([
    "1", "9", "09", "12", "13", "28", "29", "30", "31", "00", "1st", "23rd", "9th",
    "3", "7", "15", "16", "99", "2014", "2015", "2016", "1999", "2100", "0000", "42072",
    "march", "Mar", "JUL", "sept.", "feb", "may", "Mawrth", "monday", "Tue", "early",
    "mid", "late", "end of", "beginning of", "spring", "summer", "autumn", "winter", "term",
    "q1", "quarter", "first", "half", "w/c", "w/e", "week commencing", "between", "and",
    "to", "from", "c.", "circa", "approx", "?", "xx", "[redacted]", "REDACTED", "**",
    "19:30", "7.30pm", "2140hrs", "noon", "evening", "at", "on", "the", "of", "in",
    "days", "later", "after", "Date:", "DOB", "(", ")", ",", "'", "T", "1990s", "🎂",
    "\x00", "٢", "Мarch",
])
SEPARATORS = st.sampled_from(["", " ", "/", ".", "-", " - ", "–", ", ", "  ", "\n"])


@st.composite
def cells(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(PIECES, min_size=1, max_size=7))
    text = pieces[0]
    for piece in pieces[1:]:
        text += draw(SEPARATORS) + piece
    return text


def numeric_dates() -> st.SearchStrategy[str]:
    day, month = st.integers(0, 35), st.integers(0, 14)
    year = st.one_of(st.integers(0, 99).map(lambda y: f"{y:02d}"),
                     st.integers(1840, 2160).map(str))
    sep = st.sampled_from(["/", ".", "-"])
    return st.builds(lambda d, s, m, y: f"{d}{s}{m}{s}{y}", day, sep, month, year)


#: Days named, not numbered (Christmas Day, Dydd Nadolig, Good Friday): their day is in the name.
NAMED_DAY = re.compile(r"christmas|boxing day|new year|good ?friday|easter|nadolig|groglith|gŵyl|gwyl",
                       re.IGNORECASE)


def check(reading: DateReading, text: str) -> None:
    assert reading.precision in PRECISIONS
    assert set(reading.flags) <= FLAGS
    assert len(set(reading.flags)) == len(reading.flags)
    assert (reading.start is None) == (reading.end is None) == (reading.precision == "unknown")
    if reading.start is None or reading.end is None:
        return
    assert ISO.fullmatch(reading.start) and ISO.fullmatch(reading.end)
    assert reading.start <= reading.end
    assert ("T" in reading.start) == (reading.precision == "time")
    date.fromisoformat(reading.start[:10])
    date.fromisoformat(reading.end[:10])
    digits = re.sub(r"[^0-9]", "", text)
    if "year-inferred" not in reading.flags and "excel-serial" not in reading.flags:
        # A week ending on 1 Jan, or "20 December to 3 January 2016", legitimately starts in
        # the year before the one written: the written year is then the end's.
        years = {reading.start[:4], reading.end[:4]}
        assert any(y in digits or y[2:] in digits for y in years), "year invented"
    if reading.precision in ("day", "time") and "excel-serial" not in reading.flags and not NAMED_DAY.search(text):
        day = str(int(reading.start[8:10]))
        compact = reading.start[:10].replace("-", "")  # '20140909' is a whole date, day included
        assert re.search(rf"(?<![0-9])0?{day}(?![0-9])", text) or compact in digits, "day invented"


@quiet(10_000)
@given(cells(), st.one_of(st.none(), st.integers(1990, 2030)))
def test_any_cell_reads_without_error(text: str, hint: int | None) -> None:
    check(read_date(text, year_hint=hint, today=TODAY), text)


@quiet(3_000)
@given(st.text(max_size=300))
def test_any_unicode_text_reads_without_error(text: str) -> None:
    check(read_date(text, today=TODAY), text)


@quiet(3_000)
@given(numeric_dates(), st.sampled_from(["dmy", "mdy"]))
def test_numeric_dates_are_right_or_unknown(text: str, order: str) -> None:
    reading = read_date(text, order=order, today=TODAY)
    check(reading, text)
    if reading.precision == "day" and reading.start:
        first, second, _ = re.split(r"[/.\-]", text)
        day, month = (first, second) if order == "dmy" else (second, first)
        if "order-mdy" in reading.flags:  # day-first was impossible: read the other way, flagged
            assert order == "dmy" and int(second) > 12
            day, month = month, day
        assert (int(reading.start[8:10]), int(reading.start[5:7])) == (int(day), int(month))


@quiet(500)
@given(st.lists(st.one_of(cells(), numeric_dates(), st.none()), max_size=30),
       st.one_of(st.none(), st.integers(1990, 2030)))
def test_any_column_reads_without_error(values: list[str | None], hint: int | None) -> None:
    readings = read_date_column(values, year_hint=hint, today=TODAY)
    assert len(readings) == len(values)
    for value, reading in zip(values, readings, strict=True):
        check(reading, value or "")


# --- Welsh forms and financial/academic years (issue 19) ------------------------------

WELSH_MONTHS = [("Ionawr",), ("Chwefror",), ("Mawrth", "Fawrth"), ("Ebrill",), ("Mai", "Fai"),
                ("Mehefin", "Fehefin"), ("Gorffennaf", "Orffennaf"), ("Awst",), ("Medi", "Fedi"),
                ("Hydref",), ("Tachwedd", "Dachwedd"), ("Rhagfyr", "Ragfyr")]
WELSH_DAYS = ["Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul"]


def welsh_ordinal(day: int) -> str:
    """The Welsh ordinal suffix agencies write after a day number (1af, 2il, 3ydd, 25ain...)."""
    table = {1: "af", 2: "il", 3: "ydd", 4: "ydd", 5: "ed", 6: "ed", 7: "fed", 8: "fed", 9: "fed",
             10: "fed", 11: "eg", 12: "fed", 13: "eg", 14: "eg", 15: "fed", 16: "eg", 17: "eg",
             18: "fed", 19: "eg", 20: "fed"}
    return table.get(day, "ain")


@quiet(1_500)
@given(st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.booleans(), st.booleans(),
       st.sampled_from(["", "ar ", "Ar ", "dyddiedig ", "fel ar ", "weekday"]), st.integers(0, 1))
def test_welsh_days_are_read_right(day: date, ordinal: bool, comma: bool, before: str,
                                   mutated: int) -> None:
    names = WELSH_MONTHS[day.month - 1]
    month = names[min(mutated, len(names) - 1)]
    if before == "weekday":
        before = f"ddydd {WELSH_DAYS[day.weekday()]} "
    text = f"{before}{day.day}{welsh_ordinal(day.day) if ordinal else ''} {month}{',' if comma else ''} {day.year}"
    reading = read_date(text, today=TODAY)
    check(reading, text)
    assert (reading.start, reading.end, reading.precision) == (day.isoformat(), day.isoformat(), "day")
    assert reading.flags == ()


@quiet(500)
@given(st.integers(1990, 2030), st.integers(1, 12), st.sampled_from(["ym mis ", "fis ", "mis ", ""]))
def test_welsh_months_are_read_right(year: int, month: int, before: str) -> None:
    text = f"{before}{WELSH_MONTHS[month - 1][0]} {year}"
    reading = read_date(text, today=TODAY)
    check(reading, text)
    if month == 10 and not before:  # "Hydref 2019": October or autumn, read wide and flagged
        assert (reading.start, reading.end, reading.flags) == (f"{year}-09-01", f"{year}-12-31",
                                                               ("ambiguous-word",))
    else:
        assert (reading.start, reading.precision) == (f"{year}-{month:02d}-01", "month")


@quiet(1_000)
@given(st.integers(1990, 2030), st.sampled_from(["/", "-", " / ", " - "]), st.booleans(),
       st.sampled_from(["", "financial year ", "blwyddyn ariannol ", "budget ", "academic year ",
                        "Term Dates ", "blwyddyn academaidd ", "annual report "]))
def test_year_pairs_hold_every_reading_and_say_which(year: int, sep: str, long_tail: bool,
                                                    context: str) -> None:
    tail = str(year + 1) if long_tail else f"{(year + 1) % 100:02d}"
    text = f"{context}{year}{sep}{tail}"
    reading = read_date(text, today=TODAY)
    check(reading, text)
    assert reading.start and reading.end
    if any(w in context for w in ("financial", "ariannol", "budget")):
        assert (reading.start, reading.end, reading.flags) == (f"{year}-04-01", f"{year + 1}-03-31", ())
    elif any(w in context for w in ("academic", "academaidd", "Term")):
        assert (reading.start, reading.end, reading.flags) == (f"{year}-09-01", f"{year + 1}-08-31", ())
    else:  # no word says which: never one of them silently
        assert reading.flags == ("ambiguous-year",)
        assert reading.start <= f"{year}-04-01" and reading.end >= f"{year + 1}-08-31"


WELSH_PIECES = st.sampled_from([
    "ar", "ym", "mis", "fis", "ddydd", "dydd", "Mawrth", "Mercher", "Hydref", "Tymor", "yr", "y",
    "Gwanwyn", "Haf", "Gaeaf", "rhwng", "a", "ac", "i", "hyd", "tan", "at", "cyn", "ers", "eleni",
    "hanner", "tymor", "gwyliau'r", "Pasg", "Nadolig", "6ed", "25ain", "1af", "2il", "3ydd",
    "10fed", "yb", "yp", "Hyd", "Chwef", "2014/15", "2019-20", "blwyddyn", "ariannol", "o",
    "2016", "12", "31", "Ionawr", "Rhagfyr", "Fedi", "Dachwedd",
])


@quiet(3_000)
@given(st.lists(WELSH_PIECES, min_size=1, max_size=8), st.one_of(st.none(), st.integers(1990, 2030)))
def test_any_welsh_cell_reads_without_error(pieces: list[str], hint: int | None) -> None:
    text = " ".join(pieces)
    check(read_date(text, year_hint=hint, today=TODAY), text)
