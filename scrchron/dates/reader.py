"""Reading dates as agencies write them, as intervals with a precision.

A date in a chronology is never turned into an invented single day: ``Spring
2015`` stays 1 March - 31 May 2015 with precision ``season``, and the text as
written is always kept beside the interval. When the reader is unsure it says
so (precision ``unknown`` and a flag) rather than guess.

Flags (``DateReading.flags``):

- ``redacted``: part of the date was redacted (``xx/11/2012``, ``REDACTED``).
- ``year-inferred``: the year came from a hint or the previous dated entry.
- ``no-year``: no year written and none to infer; the reading is unknown.
- ``invalid``: the date does not exist (``31 April 2015``, reversed range).
- ``relative``: relative to another event (``two days later``).
- ``unparsed``: not recognised; the text is kept.
- ``empty``: empty or whitespace only.
- ``too-long``: longer than ``MAX_CHARS``; not read (a date cell never is).
- ``order-mdy``: read month-first because its column is month-first.
- ``ambiguous-order``: day and month could be swapped in a mixed column.
- ``excel-serial``: an Excel serial day number written as text.
- ``outside-scope``: the interval lies wholly outside the review's scope.
- ``weekday-mismatch``: the weekday written does not match the date (the
  date is kept and marked uncertain). Added to the agreed vocabulary.
- ``approximate``: a school holiday ("half term", "summer holidays 2016", "Easter
  2016", "Christmas 2015"), read as the window of ``date_words.HOLIDAYS``.
- ``ambiguous-year``: a year written with the next ("2014/15", "2018-2019") and no
  word saying financial or academic: the interval holds every reading.
- ``ambiguous-word``: a word with two meanings (Welsh "Hydref": October or
  autumn), read as the wider interval.
- ``order-mdy`` is also set on a single cell that can only be month-first
  ("08/28/2014").

Words before a date ("Published 14 Aug 2018", "ar 4 Rhagfyr 2018") are passed
over unless they make it a bound or a relation ("before", "since", "by", "from",
"cyn", "ers"); Welsh is read by :mod:`scrchron.dates.welsh`.

The reader never calls dateparser (measured as a last-resort reader on both labelled
sets, it read none of the cells the grammar leaves unknown right and four wrong; see
bench/bench_dates.py): every form is recognised by compiled,
linear regular expressions in :mod:`scrchron.dates.grammar`, so no day, month or
year is ever filled in from today's date, and the cost per cell is bounded.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from scrchron.dates import grammar
from scrchron.dates.welsh import to_english

PRECISIONS: tuple[str, ...] = (
    "time", "day", "week", "part-month", "month", "quarter", "season", "term",
    "part-year", "year", "range", "unknown",
)
MAX_CHARS = 200
"""Cells longer than this are flagged ``too-long`` and not read."""
EXCEL_SERIALS = range(20000, 60001)
"""Serial day numbers read as Excel dates (1954-10-03 to 2064-04-09)."""
_EXCEL_EPOCH = date(1899, 12, 30)  # 1900 system, after Excel's 1900 leap-day bug
_ROLLOVER = timedelta(days=183)
_MAX_SHIFTED_RANGE = timedelta(days=183)


@dataclass(frozen=True)
class DateReading:
    """One date as read: an inclusive interval with a precision and flags."""

    text: str
    start: str | None
    end: str | None
    precision: str
    uncertain: bool = False
    flags: tuple[str, ...] = ()
    time_text: str = ""

    def as_dict(self) -> dict[str, object]:
        """Plain dict for storage and JSON (``flags`` as a list)."""
        return {"text": self.text, "start": self.start, "end": self.end,
                "precision": self.precision, "uncertain": self.uncertain,
                "flags": list(self.flags)}


@dataclass
class _Marks:
    uncertain: bool = False
    redacted: bool = False
    weekday: int | None = None
    time_text: str = ""


def _span(part: grammar.Part, year: int) -> tuple[date, date] | None:
    """The inclusive interval of ``part`` in ``year``; None if it cannot exist."""
    try:
        start = date(year, *part.first)
        end_year, (month, day) = year + part.year_span, part.last
        end = date(end_year, month, day or calendar.monthrange(end_year, month)[1])
    except (ValueError, OverflowError):
        return None
    if part.week:
        start, end = (start, start + timedelta(6)) if part.week > 0 else (end - timedelta(6), end)
    return start, end


def _side(text: str, ctx: grammar.Ctx) -> grammar.Part | None:
    """One side of a range; a bare day number ("12" of "12-14 June") or clock time allowed."""
    text = text.strip(grammar.EDGE_PUNCT)
    bare = grammar.BARE_NUMBER.fullmatch(text)
    if bare:
        return grammar.Part("bare", None, (0, int(bare["n"])), (0, int(bare["n"])))
    part = grammar.read_timed(text, ctx)
    clock = grammar.RANGE_TIME.fullmatch(text) if part is None else None
    hm = grammar.clock(clock) if clock else None
    return grammar.Part("clock", None, (0, 0), (0, 0), hm=hm) if hm else part


def _fill_bare(bare: grammar.Part, other: grammar.Part) -> grammar.Part | None:
    """A bare day number takes its month and year from the other side."""
    if other.precision not in ("day", "time"):
        return None
    return grammar.day_part(other.year, other.first[0], bare.first[1])


def _ordered(left: grammar.Part, right: grammar.Part, year_l: int, year_r: int) -> bool:
    span_l, span_r = _span(left, year_l), _span(right, year_r)
    return bool(span_l and span_r and span_l[0] <= span_r[1]
                and span_r[1] - span_l[0] <= _MAX_SHIFTED_RANGE)


def _share_year(left: grammar.Part, right: grammar.Part) -> tuple[grammar.Part, grammar.Part]:
    """A side written without a year borrows the other side's year.

    "20 December to 3 January 2016" starts in 2015: the borrowed year moves
    back (or forward) one when that alone puts the range in order.
    """
    if left.year is None and right.year is not None:
        year = right.year
        if not _ordered(left, right, year, year) and _ordered(left, right, year - 1, year):
            year -= 1
        left = replace(left, year=year)
    elif right.year is None and left.year is not None:
        year = left.year
        if not _ordered(left, right, year, year) and _ordered(left, right, year, year + 1):
            year += 1
        right = replace(right, year=year)
    return left, right


def _pair(left_text: str, right_text: str, ctx: grammar.Ctx) -> tuple[grammar.Part, grammar.Part] | None:
    left, right = _side(left_text, ctx), _side(right_text, ctx)
    if left is None or right is None or left.precision == "clock":
        return None
    if right.precision == "clock":  # "26th January 2017 1.45pm to 4.45pm": the same day
        return (left, replace(left, hm_end=right.hm)) if left.precision == "time" else None
    if left.precision == "bare":
        left = _fill_bare(left, right)
    if left is not None and right.precision == "bare":
        right = _fill_bare(right, left)
    if left is None or right is None:
        return None
    return _share_year(left, right)


def _range(s: str, ctx: grammar.Ctx) -> tuple[grammar.Part, grammar.Part] | None:
    """Two expressions joined by to/until/and/-; tries at most 12 split points."""
    opener = grammar.RANGE_OPEN.match(s)
    body = s[opener.end():] if opener else s
    for count, sep in enumerate(grammar.RANGE_WORD.finditer(body)):
        if count >= 12:
            break
        pair = _pair(body[:sep.start()], body[sep.end():], ctx)
        if pair is not None:
            return pair
    return None


# --- cleaning ------------------------------------------------------------------

def _clean(text: str) -> tuple[str, _Marks]:
    """Lower-case, tidy text with marks (uncertain, redacted...) taken out."""
    marks = _Marks()
    s = unicodedata.normalize("NFKC", text).translate(grammar.DASHES).translate(grammar.QUOTES)
    s = grammar.CONTROL.sub(" ", grammar.CAMEL.sub(" ", s)).lower()
    s = grammar.GLUED_YEAR.sub(" ", grammar.GLUED_ORDINAL.sub(" ", grammar.SPACED_ORDINAL.sub("", s)))
    s = to_english(s)
    s, count = grammar.REDACTION.subn("#", s)
    marks.redacted = count > 0
    s, count = grammar.UNKNOWN_SLOT.subn("#", s)
    marks.uncertain = count > 0 or "?" in s
    s = grammar.LETTER_DOT.sub("", s.replace("?", " ")).strip()
    s = grammar.COLON_LABEL.sub("", s)
    s, count = grammar.UNCERTAIN.subn(" ", s)
    marks.uncertain = marks.uncertain or count > 0
    s = grammar.SLASH_SPACES.sub("/", grammar.ISO_T.sub(" ", grammar.PUNCT.sub(" ", s)))
    return _take_words(s, marks), marks


def _take_words(s: str, marks: _Marks) -> str:
    """Remove vague times, weekdays, labels and filler words, noting them."""
    vague = grammar.VAGUE_TIME.search(s)
    if vague:
        marks.time_text = vague[0]
        s = grammar.VAGUE_TIME.sub(" ", s)
    s = grammar.NAMED_WEEKDAYS.sub(r"\1\2", s)
    weekday = grammar.WEEKDAY.search(s)
    if weekday:
        marks.weekday = grammar.WEEKDAYS[grammar.SPACES.sub(" ", weekday["wd"])]
        s = grammar.WEEKDAY.sub(" ", s)
    s = grammar.LABEL.sub("", grammar.SPACES.sub(" ", s).strip(grammar.EDGE_PUNCT))
    return grammar.SPACES.sub(" ", grammar.FILLER.sub(" ", s)).strip(grammar.EDGE_PUNCT)


# --- building readings ------------------------------------------------------------

def _unknown(text: str, *flags: str, marks: _Marks | None = None) -> DateReading:
    marks = marks or _Marks()
    return DateReading(text, None, None, "unknown", marks.uncertain, tuple(flags),
                       marks.time_text)


def _iso(day: date, hm: str = "") -> str:
    return f"{day.isoformat()}T{hm}" if hm else day.isoformat()


def _single(text: str, part: grammar.Part, marks: _Marks, flags: list[str],
            hint: int | None) -> DateReading:
    flags = list(dict.fromkeys([*flags, *part.flags]))
    year = part.year
    if year is None:
        if hint is None:
            return _unknown(text, *flags, "no-year", marks=marks)
        year = hint
        flags.append("year-inferred")
    span = _span(part, year)
    if span is None:
        return _unknown(text, *flags, "invalid", marks=marks)
    uncertain = marks.uncertain
    if marks.weekday is not None and part.precision in ("day", "time") \
            and span[0].weekday() != marks.weekday:
        flags.append("weekday-mismatch")
        uncertain = True
    start, end = _iso(span[0], part.hm), _iso(span[1], part.hm)
    return DateReading(text, start, end, part.precision, uncertain, tuple(flags),
                       marks.time_text)


def _double(text: str, pair: tuple[grammar.Part, grammar.Part], marks: _Marks, flags: list[str],
            hint: int | None) -> DateReading:
    left, right = pair
    if right.hm_end:
        return _single(text, left, marks, flags, hint) if left.year is None and hint is None \
            else _time_span(text, left, right.hm_end, marks, flags, hint)
    flags = list(dict.fromkeys([*flags, *left.flags, *right.flags]))
    if left.year is None or right.year is None:
        if hint is None:
            return _unknown(text, *flags, "no-year", marks=marks)
        left, right = _share_year(replace(left, year=hint), right)
        flags.append("year-inferred")
    span_l, span_r = _span(left, left.year or 0), _span(right, right.year or 0)
    if span_l is None or span_r is None or span_l[0] > span_r[1]:
        return _unknown(text, *flags, "invalid", marks=marks)
    return DateReading(text, span_l[0].isoformat(), span_r[1].isoformat(), "range",
                       marks.uncertain, tuple(flags), marks.time_text)


def _time_span(text: str, day: grammar.Part, hm_end: str, marks: _Marks, flags: list[str],
               hint: int | None) -> DateReading:
    """One day from one clock time to another; an end before the start is not read."""
    reading = _single(text, day, marks, flags, hint)
    if reading.start is None or hm_end < day.hm:
        return reading if reading.start is None else _unknown(text, *reading.flags, "invalid",
                                                                 marks=marks)
    return replace(reading, end=f"{reading.start[:10]}T{hm_end}")


def _before_comma(text: str, order: str, hint: int | None, today: date) -> DateReading | None:
    """"March 2016, Alan Wood", "In March 2023, this chapter was updated": the date before
    the first comma, when the words after it hold no number and no relational word."""
    head, comma, tail = text.partition(",")
    words = set(grammar.SPACES.split(tail.lower().strip()))
    if not comma or any(c.isdigit() for c in tail) or (grammar.RELATIONAL | grammar.RELATIONAL_LAST) & words \
            or grammar.RELATIVE.search(tail.lower()):
        return None
    reading = _read_text(head, order, hint, today)
    return replace(reading, text=text) if reading.start else None


def _from_serial(text: str, m: re.Match[str]) -> DateReading | None:
    serial = int(m["n"])
    if serial not in EXCEL_SERIALS:
        return None
    day = _EXCEL_EPOCH + timedelta(days=serial)
    minutes = round(float("0." + (m["f"] or "0")) * 1440)
    if minutes in (0, 1440):
        return DateReading(text, day.isoformat(), day.isoformat(), "day", flags=("excel-serial",))
    stamp = _iso(day, f"{minutes // 60:02d}:{minutes % 60:02d}")
    return DateReading(text, stamp, stamp, "time", flags=("excel-serial",))


@lru_cache(maxsize=65536)
def _read_text(text: str, order: str, hint: int | None, today: date) -> DateReading:
    if not text.strip():
        return _unknown(text, "empty")
    if len(text) > MAX_CHARS:
        return _unknown(text, "too-long", "unparsed")
    s, marks = _clean(text)
    flags = ["redacted"] if marks.redacted else []
    if len(s) > MAX_CHARS:
        return _unknown(text, *flags, "too-long", "unparsed", marks=marks)
    serial = grammar.SERIAL.fullmatch(s)
    reading = _from_serial(text, serial) if serial else None
    if reading is not None:
        return reading
    ctx = grammar.Ctx(order, today)
    found = _expression(s, ctx) or _year_in_context(s) or _after_lead_words(s, ctx)
    if isinstance(found, grammar.Part):
        return _single(text, found, marks, flags, hint)
    if found is not None:
        return _double(text, found, marks, flags, hint)
    head = _before_comma(text, order, hint, today)
    if head is not None:
        return head
    if not s.replace("#", "").strip() and flags:
        return _unknown(text, *flags, marks=marks)  # wholly redacted
    return _unknown(text, *flags, "relative" if grammar.RELATIVE.search(s) else "unparsed",
                    marks=marks)


_Found = grammar.Part | tuple[grammar.Part, grammar.Part] | None


def _expression(s: str, ctx: grammar.Ctx) -> _Found:
    """The whole of ``s`` as one date expression or a range of two."""
    return grammar.read_timed(s, ctx) or _range(s, ctx)


def _year_in_context(s: str) -> grammar.Part | None:
    """``financial year 2014/15``, ``Term Dates 2018/19``: one year pair among words.

    A context word decides financial or academic; with neither (or both) the pair keeps
    its wider, flagged reading. Read only when the other words hold no number, no
    relational word and no word that makes the pair a part of a year ("half term").
    """
    pairs = list(grammar.YEAR_PAIR.finditer(s))
    if len(pairs) != 1:
        return None
    m = pairs[0]
    year = int(m["y"])
    rest = s[:m.start()] + " " + s[m.end():]
    words = {w.strip(grammar.EDGE_PUNCT) for w in rest.split()}
    if not grammar._follows(year, m["t"]) or any(c.isdigit() for c in rest) or \
            (grammar.RELATIONAL | grammar.NOT_A_YEAR | grammar.RELATIONAL_LAST) & words:
        return None
    financial, academic = grammar.FINANCIAL.search(rest), grammar.ACADEMIC.search(rest)
    if bool(financial) != bool(academic):
        return grammar.year_pair(year, "financial" if financial else "academic")
    return grammar.year_pair(year, str(len(m["t"])))


def _lead_allowed(lead: list[str]) -> bool:
    return not (grammar.RELATIONAL.intersection(lead) or lead[-1] in grammar.RELATIONAL_LAST
                or (grammar.RELATIVE.search(" ".join(lead)) and not {"today", "previous"} & set(lead)))


def _precise_enough(found: grammar.Part | tuple[grammar.Part, grammar.Part], lead: list[str]) -> bool:
    """What follows the words must say a year or a day; a period word needs a day."""
    parts = found if isinstance(found, tuple) else (found,)
    fine = all(p.precision in ("day", "time", "week") for p in parts)
    if (grammar.PERIOD_WORDS.intersection(lead) or lead[-1] in grammar.PERIOD_LAST) and not fine:
        return False
    return fine or any(p.year is not None for p in parts)


def _after_lead_words(s: str, ctx: grammar.Ctx) -> _Found:
    """A known form after a few words: "Published 14 Aug 2018", "Updated 31 October 2024".

    At most ``MAX_LEAD_WORDS`` words are passed over, and never a word that makes the date a
    bound or a relation ("before", "since", "by ...") or, before a month or year, a word
    that changes what it means ("financial", "half term").
    """
    words = s.split(" ")
    for k in range(1, min(len(words), grammar.MAX_LEAD_WORDS + 1)):
        lead = [w.strip(grammar.EDGE_PUNCT) for w in words[:k]]
        numbered = any(c.isdigit() for c in lead[-1])
        if grammar.RELATIONAL.intersection(lead):
            return None  # a relation: passing over more words keeps it
        if numbered and words[k] not in ("-", "|"):
            return None  # a number: the date would be cut in two
        rest = " ".join(words[k:]).strip(grammar.EDGE_PUNCT)
        if not rest or lead[-1] in grammar.DATE_WORDS or not _lead_allowed(lead):
            continue
        found = _expression(rest, ctx)
        if found is not None and _precise_enough(found, lead):
            return found
    return None


# --- public API ----------------------------------------------------------------

def read_date(value: str | date | datetime | float | None, *, year_hint: int | None = None,
              order: str = "dmy", today: date | None = None) -> DateReading:
    """Read one date cell.

    Args:
        value: the cell: text as written, or a date/datetime from a spreadsheet
            (an int or float is read as an Excel serial day number).
        year_hint: year to use when none is written (flag ``year-inferred``).
        order: ``"dmy"`` (England's default) or ``"mdy"`` for numeric dates.
        today: reference date for two-digit years (default: today).

    Returns:
        The reading; never raises for any cell content.

    Raises:
        ValueError: if ``order`` is neither ``"dmy"`` nor ``"mdy"``.
    """
    if order not in ("dmy", "mdy"):
        raise ValueError(f"order must be 'dmy' or 'mdy', not {order!r}")
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return DateReading(value.isoformat(), value.isoformat(), value.isoformat(), "day")
    if value is None:
        return _unknown("", "empty")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{value:.6f}".rstrip("0").rstrip(".") if value == value else str(value)
    return _read_text(str(value), order, year_hint, today or date.today())


def _from_datetime(value: datetime) -> DateReading:
    day = value.date().isoformat()
    if value.time() == time(0):
        return DateReading(value.isoformat(sep=" "), day, day, "day")
    stamp = f"{day}T{value:%H:%M}"
    return DateReading(value.isoformat(sep=" "), stamp, stamp, "time")


def read_time(text: str) -> str | None:
    """A clock time as 'HH:MM' ('19.30', '2140 hrs', '7.30pm', 'noon'), or None.

    Vague times ('evening') and impossible ones ('25:00') give None.
    """
    if not isinstance(text, str) or len(text) > 40:
        return None
    return _read_time(text)


@lru_cache(maxsize=4096)
def _read_time(text: str) -> str | None:
    """read_time for a short string; cached, as a time column repeats its values."""
    s = grammar.LETTER_DOT.sub("", unicodedata.normalize("NFKC", text).lower()).strip()
    s = re.sub(r"^(?:at|@)\s*", "", s, flags=re.ASCII)
    if re.fullmatch(r"[0-9]{3}", s, flags=re.ASCII):
        s = "0" + s  # "930" -> 09:30
    m = grammar.TIME_ONLY.fullmatch(s)
    return grammar.clock(m) if m else None


def combine_time(reading: DateReading, time_text: str | time) -> DateReading:
    """Apply a separate time column to a day-precision reading.

    A clock time turns a ``day`` reading into ``time`` precision; a vague or
    unreadable time is kept in ``time_text``. Other precisions keep their
    interval (a time means nothing for a month) but still keep the text.
    """
    if isinstance(time_text, time):
        time_text = f"{time_text:%H:%M}"
    raw = time_text.strip()
    if not raw:
        return reading
    hm = read_time(raw)
    if hm and reading.precision == "day" and reading.start:
        stamp = f"{reading.start}T{hm}"
        return DateReading(reading.text, stamp, stamp, "time", reading.uncertain, reading.flags,
                           reading.time_text)
    if reading.precision == "time":
        return reading
    return replace(reading, time_text=reading.time_text or raw)


def _numeric_pair(text: str) -> tuple[int, int, bool] | None:
    """First numeric a/b(/y) in ``text``: (a, b, has_year)."""
    if len(text) > MAX_CHARS:
        return None
    m = grammar.PAIR_WITH_YEAR.search(text) or grammar.PAIR_NO_YEAR.search(text)
    if m is None:
        return None
    return int(m["a"]), int(m["b"]), m.re is grammar.PAIR_WITH_YEAR


def _order_evidence(values: Iterable[str]) -> tuple[bool, bool]:
    """(some value fits only day-first, some value fits only month-first)."""
    dmy_only = mdy_only = False
    for text in values:
        pair = _numeric_pair(text) if isinstance(text, str) else None
        if pair is None or not pair[2]:
            continue
        a, b, _ = pair
        dmy_only = dmy_only or (a > 12 >= b)
        mdy_only = mdy_only or (b > 12 >= a)
    return dmy_only, mdy_only


def detect_order(values: Iterable[str]) -> str:
    """'mdy' when values are consistent only month-first, else 'dmy'.

    Only full numeric dates (with a year) count as evidence.
    """
    dmy_only, mdy_only = _order_evidence(values)
    return "mdy" if mdy_only and not dmy_only else "dmy"


class _ColumnReader:
    """Reads one column in order, carrying the previous dated entry."""

    def __init__(self, values: Sequence[object], year_hint: int | None, today: date):
        texts = {v for v in values if isinstance(v, str)}
        dmy_only, mdy_only = _order_evidence(texts)
        self.order = "mdy" if mdy_only and not dmy_only else "dmy"
        self.mixed = dmy_only and mdy_only
        self.year_hint, self.today = year_hint, today
        self.prev: date | None = None
        self.base: dict[str, DateReading] = {}

    def read(self, value: str | date | datetime | None) -> DateReading:
        reading = self._text(value) if isinstance(value, str) else read_date(value, today=self.today)
        if reading.start:
            self.prev = date.fromisoformat(reading.start[:10])
        return reading

    def _text(self, text: str) -> DateReading:
        reading = self.base.get(text)
        if reading is None:
            reading = self.base[text] = self._flagged(text, None)
        if "no-year" in reading.flags:
            reading = self._inferred(text, reading)
        return reading

    def _flagged(self, text: str, hint: int | None) -> DateReading:
        pair = _numeric_pair(text)
        swapped = bool(self.mixed and pair and pair[1] > 12 >= pair[0])
        order = "mdy" if swapped else self.order
        reading = _read_text(text, order, hint, self.today)
        if reading.start is None or pair is None:
            return reading
        if order == "mdy":
            return replace(reading, flags=(*reading.flags, "order-mdy"))
        if self.mixed and pair[0] <= 12 and pair[1] <= 12 and pair[0] != pair[1]:
            return replace(reading, flags=(*reading.flags, "ambiguous-order"))
        return reading

    def _inferred(self, text: str, reading: DateReading) -> DateReading:
        """Year from the previous dated entry (rolling over a year end)."""
        hint = self.prev.year if self.prev else self.year_hint
        if hint is None:
            return reading
        inferred = self._flagged(text, hint)
        if self.prev and inferred.start and \
                date.fromisoformat(inferred.start[:10]) < self.prev - _ROLLOVER:
            inferred = self._flagged(text, hint + 1)
        return inferred


def read_date_column(values: Sequence[str | date | datetime | None], *,
                     year_hint: int | None = None,
                     today: date | None = None) -> list[DateReading]:
    """Read a whole date column (one submission's date cells, in order).

    Detects month-first columns (flag ``order-mdy``) and mixed ones (flag
    ``ambiguous-order`` on values that could be swapped); a value without a
    year takes the year of the nearest dated entry above it (or ``year_hint``),
    moving on a year when that would put it more than six months before that
    entry ("20 Dec 2014", then "3 Jan"). Distinct strings are read once.
    """
    reader = _ColumnReader(values, year_hint, today or date.today())
    return [reader.read(value) for value in values]


def scope_flags(reading: DateReading, scope_from: date | None,
                scope_to: date | None) -> tuple[str, ...]:
    """``("outside-scope",)`` when the interval lies wholly outside the scope."""
    if reading.start is None or reading.end is None:
        return ()
    start = date.fromisoformat(reading.start[:10])
    end = date.fromisoformat(reading.end[:10])
    outside = (scope_from is not None and end < scope_from) or \
        (scope_to is not None and start > scope_to)
    return ("outside-scope",) if outside else ()


def apply_scope(reading: DateReading, scope_from: date | None,
                scope_to: date | None) -> DateReading:
    """The reading with ``outside-scope`` set (or cleared) for this scope."""
    kept = reading.flags
    if "outside-scope" in kept:
        kept = tuple(f for f in kept if f != "outside-scope")
    flags = kept + scope_flags(reading, scope_from, scope_to)
    return reading if flags == reading.flags else replace(reading, flags=flags)


def clear_cache() -> None:
    """Forget cached readings (for benchmarks and long-running sessions)."""
    _read_text.cache_clear()
    _read_time.cache_clear()
