"""The grammar of written dates used by :mod:`scrchron.dates.reader`.

Month, season, term and part-of-period tables; the regular expressions that
recognise each written form; and, for each form, what it means as a
:class:`Part` (an interval pattern whose year may still be missing). The
reading pipeline (cleaning, ranges, year inference, columns) stays in
:mod:`scrchron.dates.reader`. The patterns run on text
that :mod:`scrchron.dates.reader` has already normalised (NFKC, lower case, one space
between words, full stops after letters dropped, redactions replaced by ``#``).

Every pattern is compiled with ``re.ASCII`` so that ``[0-9]`` and ``\\b`` never
match digits or letters of other scripts, and none nests unbounded repeats, so
matching time is linear in the (already length-capped) input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "janurary": 1,
    "february": 2, "feb": 2, "febuary": 2, "feburary": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # Welsh: agencies in Wales may send bilingual chronologies.
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5,
    "mehefin": 6, "gorffennaf": 7, "awst": 8, "medi": 9,
    "tachwedd": 11, "rhagfyr": 12,
    # "hydref" is October or autumn: scrchron.dates.welsh decides from its neighbours.
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "weds": 2, "wed": 2, "thursday": 3, "thurs": 3,
    "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

# (first month, last month, years added to reach the last month)
SEASONS: dict[str, tuple[int, int, int]] = {
    "spring": (3, 5, 0),
    "summer": (6, 8, 0),
    "autumn": (9, 11, 0),
    "fall": (9, 11, 0),
    "winter": (12, 2, 1),
}

# School terms in England: (first month, last month, is in the second calendar
# year of an academic year such as 2014/15).
TERMS: dict[str, tuple[int, int, bool]] = {
    "autumn": (9, 12, False),
    "spring": (1, 3, True),
    "summer": (4, 7, True),
}

# early / mid / late: 0, 1, 2 (thirds of a month or of a year)
THIRDS: dict[str, int] = {
    "early": 0, "beginning": 0, "start": 0,
    "mid": 1, "middle": 1,
    "late": 2, "end": 2,
}
# Days of the month for each third; 0 = last day of the month.
MONTH_THIRDS: tuple[tuple[int, int], ...] = ((1, 10), (11, 20), (21, 0))
YEAR_THIRDS: tuple[tuple[int, int], ...] = ((1, 4), (5, 8), (9, 12))

HALVES: dict[str, int] = {"first": 0, "1st": 0, "second": 1, "2nd": 1}
QUARTER_WORDS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "last": 4, "final": 4,
}

WEEK_STARTS = ("w/c", "wc", "w/b", "wb", "week commencing", "week beginning",
               "week starting", "week")  # "week of 13th February" (after "of" is dropped)
WEEK_ENDS = ("w/e", "we", "week ending")

_F = re.ASCII


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of words, longest first so prefixes never win."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = rf"(?P<mon>{_alt(MONTHS)})"
DAY = r"(?P<d>[0-9]{1,2}|#)(?P<ord>st|nd|rd|th)?"
YEAR = r"(?P<y>[0-9]{4}|[0-9]{2})"
SEP = r"(?:[/\-]|\.\s?|\s?'|\s)?"  # at most one separator: "9-mar", "jul '15"

# --- cleaning -------------------------------------------------------------
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"})
QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`"})
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
REDACTION = re.compile(
    r"\[\s*redacted\s*\]|\(\s*redacted\s*\)|\bredacted\b|\[\s*(?:\.{1,3}|day|date)?\s*\]"
    r"|\*{2,}|#+|\bx{1,4}\b", _F | re.IGNORECASE)
UNKNOWN_SLOT = re.compile(r"\?{1,2}(?=[/.\-][0-9])", _F)
LETTER_DOT = re.compile(r"(?<=[a-z])\.", _F)
COLON_LABEL = re.compile(r"^[a-z][a-z /]{0,40}:\s*", _F)
LABEL = re.compile(r"^(?:date of [a-z]+|d ?o ?b|d ?o ?d|dated|dates|date|born|died)\b\s*", _F)
UNCERTAIN = re.compile(
    r"\b(?:on or about|on or around|or thereabouts|approximately|approximate|approx"
    r"|circa|ca|around|about|roughly|estimated|est|possibly|probably|unconfirmed"
    r"|unverified|believed to be|believed|thought to be)\b|^c\b\s*|^c(?=[0-9])", _F)
PUNCT = re.compile(r"[()\[\]{},;\"]|(?<![0-9])\bat\b|@", _F)
ISO_T = re.compile(r"(?<=[0-9])t(?=[0-9])", _F)
SLASH_SPACES = re.compile(r"(?<=[0-9])\s*/\s*(?='?[0-9])", _F)
VAGUE_TIME = re.compile(
    r"\b(?:early hours(?: of the morning)?|(?:early|late|mid)[\s-]?(?:morning|afternoon|evening)"
    r"|late at night|late night|night[\s-]?time|day[\s-]?time|overnight|morning|afternoon"
    r"|evening|night|lunch[\s-]?time|tea[\s-]?time|bed[\s-]?time|after school|before school)\b"
    r"|(?<![0-9])(?<![0-9]\s)\b(?:am|pm)\b", _F)
WEEKDAY = re.compile(rf"\b(?P<wd>{_alt(WEEKDAYS)})\b", _F)
FILLER = re.compile(r"\b(?:on|the|of|in|during|sometime|some time|at some point|bst|gmt|utc"
                    r"|towards|toward|period|inclusive)\b", _F)
SPACES = re.compile(r"\s+", _F)
EDGE_PUNCT = " ,;:-/.|*"
# PDF and typing artefacts: "28 th July", "17thMarch", "2021at 18.09", "Re-openTuesday".
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
SPACED_ORDINAL = re.compile(r"(?<=[0-9]) (?=(?:st|nd|rd|th)\b)", _F)
GLUED_ORDINAL = re.compile(r"(?<=[0-9]st|[0-9]nd|[0-9]rd|[0-9]th)(?=[a-z])", _F)
GLUED_YEAR = re.compile(r"(?<=[0-9]{4})(?=(?:at|to|and|on|until|from)\b)", _F)

# --- times -----------------------------------------------------------------
TIME = (r"(?:(?P<h1>[0-9]{1,2})(?:[:.](?P<m1>[0-9]{2})(?::[0-9]{2})?)?\s*(?P<ap>am|pm))"
        r"|(?:(?P<h2>[0-9]{1,2})[:.h](?P<m2>[0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?"
        r"(?:\s*(?:hrs|hr|h|hours))?)"
        r"|(?:(?P<h3>[0-9]{2})(?P<m3>[0-9]{2})\s*(?:hrs|hr|h|hours))"
        r"|(?P<word>noon|midday|midnight)"
        r"|(?P<h4>[01][0-9]|2[0-3])(?P<m4>[0-5][0-9])")
TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
TIME_ONLY = re.compile(rf"(?:{TIME})(?:\s*z)?", _F)
TIME_TAIL = re.compile(rf"(?P<rest>.+?)(?:\s*[-,]\s*|\s+)(?:{TIME})(?:\s*z)?", _F)
TIME_HEAD = re.compile(rf"(?:{TIME})\s+(?P<rest>.+)", _F)

# --- point forms -------------------------------------------------------------
ISO_DAY = re.compile(r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})", _F)
ISO_MONTH = re.compile(r"(?P<y>[0-9]{4})\s*[-/]\s*(?P<m>[0-9]{2}|[0-9]{4})", _F)
COMPACT = re.compile(r"(?P<y>(?:19|20)[0-9]{2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})", _F)
NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,2}|#)[/.\-](?P<b>[0-9]{1,2}|#)[/.\-]'?(?P<y>[0-9]{4}|[0-9]{2})", _F)
NUMERIC_NO_YEAR = re.compile(r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})", _F)
SERIAL = re.compile(r"(?P<n>[0-9]{5})(?:\.(?P<f>[0-9]{1,12}))?", _F)
MONTH_NUM_YEAR = re.compile(r"(?P<m>[0-9]{1,2})[/.\-](?P<y>[0-9]{4})", _F)
DAY_MONTH_YEAR = re.compile(rf"{DAY}{SEP}{MONTH}{SEP}{YEAR}", _F)
MONTH_DAY_YEAR = re.compile(
    rf"{MONTH}[\s.\-]*(?P<d>[0-9]{{1,2}})(?P<ord>st|nd|rd|th)?\s+(?P<y>[0-9]{{4}})", _F)
MONTH_YEAR = re.compile(rf"{MONTH}(?P<sep>{SEP}){YEAR}", _F)
DAY_MONTH = re.compile(rf"{DAY}{SEP}{MONTH}", _F)
MONTH_DAY = re.compile(rf"{MONTH}\s*(?P<d>[0-9]{{1,2}})(?P<ord>st|nd|rd|th)?", _F)
MONTH_ONLY = re.compile(MONTH, _F)
YEAR_ONLY = re.compile(r"(?P<y>[0-9]{4})", _F)
DECADE = re.compile(r"(?P<y>[0-9]{3}0)'?s", _F)
PART_MONTH = re.compile(
    rf"(?P<p>{_alt(THIRDS)})[\s\-]*{MONTH}(?:{SEP}(?P<y>[0-9]{{4}}|[0-9]{{2}}))?", _F)
PART_YEAR = re.compile(rf"(?P<p>{_alt(THIRDS)})[\s\-]*(?P<y>[0-9]{{4}})", _F)
HALF_YEAR = re.compile(rf"(?P<h>{_alt(HALVES)})\s+half\s*(?P<y>[0-9]{{4}})?", _F)
QUARTER = re.compile(
    rf"(?:q\s?(?P<q>[1-4])|quarter\s+(?P<q2>[1-4])|(?P<qw>{_alt(QUARTER_WORDS)})\s+quarter)"
    r"(?:[\s\-/']*(?P<y>[0-9]{4}|[0-9]{2}))?", _F)
SEASON = re.compile(
    r"(?P<s>spring|summer|autumn|fall|winter)(?P<term>\s*term)?"
    r"(?:[\s\-/']*(?P<y>[0-9]{4}|[0-9]{2})(?:\s*[/\-]\s*(?P<y2>[0-9]{4}|[0-9]{2}))?)?", _F)
WEEK = re.compile(
    rf"(?P<w>{_alt(WEEK_STARTS + WEEK_ENDS)})\s*(?P<rest>[0-9#].*)", _F)
BARE_NUMBER = re.compile(r"(?P<n>[0-9]{1,2})(?:st|nd|rd|th)?", _F)

# --- school holidays and named days ------------------------------------------------
# Windows wide enough to hold the holiday in the English and Welsh school calendars of
# recent years collected for tests/data/dates_world.tsv (flag "approximate"):
# ((month, day), (month, day), years added).
HOLIDAYS: dict[str, tuple[tuple[int, int], tuple[int, int], int]] = {
    "october half term": ((10, 16), (11, 6), 0),
    "february half term": ((2, 7), (3, 3), 0),
    "may half term": ((5, 22), (6, 7), 0),
    "summer holidays": ((7, 15), (9, 7), 0),
    "christmas holidays": ((12, 14), (1, 10), 1),
}
# Easter holidays: Easter Sunday -16 days to +14 days (computed for each year).
HOLIDAY_NAMES: dict[str, str] = {
    "october half term": "october half term", "autumn half term": "october half term",
    "half term october": "october half term", "february half term": "february half term",
    "spring half term": "february half term", "feb half term": "february half term",
    "may half term": "may half term", "whitsun half term": "may half term",
    "summer half term": "may half term", "summer holidays": "summer holidays",
    "summer holiday": "summer holidays", "summer hols": "summer holidays",
    "school summer holidays": "summer holidays", "easter": "easter",
    "easter holidays": "easter", "easter holiday": "easter", "easter hols": "easter",
    "christmas": "christmas holidays", "xmas": "christmas holidays",
    "christmas holidays": "christmas holidays", "christmas holiday": "christmas holidays",
    "christmas hols": "christmas holidays",
}
FIXED_DAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new years day": (1, 1), "new year's eve": (12, 31),
    "new years eve": (12, 31),
}
EASTER_DAYS: dict[str, int] = {"goodfriday": -2, "eastersunday": 0, "easter day": 0,
                               "eastermonday": 1}
# Named days holding a weekday's name are joined up before weekdays are read.
NAMED_WEEKDAYS = re.compile(r"\b(good|easter)\s+(friday|sunday|monday)\b", _F)
NTH: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                       "fourth": 4, "4th": 4, "last": 5, "final": 5}
HOLIDAY = re.compile(rf"(?P<h>{_alt(HOLIDAY_NAMES)})(?:\s*(?P<y>[0-9]{{4}}))?", _F)
NAMED_DAY = re.compile(rf"(?P<n>{_alt(list(FIXED_DAYS) + list(EASTER_DAYS))})(?:\s*(?P<y>[0-9]{{4}}))?", _F)
NTH_WEEK = re.compile(
    rf"(?P<n>{_alt(NTH)})\s+week\s+{MONTH}(?:\s+(?P<y>[0-9]{{4}}))?(?P<k>)", _F)
MONTH_WEEK = re.compile(rf"{MONTH}\s+(?P<y>[0-9]{{4}})\s*-?\s*week\s*(?P<k>[1-4])(?P<n>)", _F)
HYDREF = re.compile(r"hydref(?:\s+(?P<y>[0-9]{4}))?", _F)
THIS_YEAR = re.compile(r"eleni", _F)
YEAR_ENDING = re.compile(r"(?:financial )?year (?:ending|ended|to)\s+(?P<rest>[0-9].*)", _F)
YEARS_SPAN = re.compile(r"(?P<y>[0-9]{4})\s*[-/]\s*(?P<t>[0-9]{2}|[0-9]{4})", _F)

# --- years with a context word ----------------------------------------------------
YEAR_PAIR = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*[-/]\s*(?P<t>[0-9]{4}|[0-9]{2})(?![0-9])", _F)
FINANCIAL = re.compile(r"\b(?:financial|fiscal|fy|budget|budgets|outturn)\b", _F)
ACADEMIC = re.compile(r"\b(?:academic|school|schools|term|terms|college)\b", _F)

# --- words before a date --------------------------------------------------------------
# A word that makes the date a bound or a relation, not the event's date: never stripped.
RELATIONAL = frozenset({
    "before", "after", "since", "until", "till", "prior", "following", "preceding", "ago",
    "later", "earlier", "except", "without", "not", "never", "unknown", "within", "onwards",
    "onward", "ongoing", "aged", "age", "subsequently", "afterwards", "yesterday", "tomorrow",
    "tonight", "same", "next", "between", "every", "each", "nearly", "almost",
    "over", "under", "up", "beyond", "throughout",
    "cyn", "ers", "erbyn", "tan", "wedi", "hyd", "nesaf", "nesa",  # Welsh, if left unread
})
# Relational only right before the date ("by 3 June", "from 9 October"; "published by X" is not).
RELATIONAL_LAST = frozenset({"by", "from", "to", "due", "deadline", "expires"})
# Words that give a year or month another meaning ("financial 2015", "half term 2016",
# "pre 2016"): before anything coarser than a day they stop the words being passed over.
PERIOD_WORDS = frozenset({
    "financial", "fiscal", "academic", "school", "tax", "term", "terms", "half", "easter",
    "christmas", "xmas", "summer", "spring", "autumn", "winter", "fall", "quarter", "week",
    "weeks", "month", "months", "year", "years", "fy", "budget", "season", "hydref", "eleni",
    "week-ending", "weekend", "pre", "post",
})
# The same, but only right before the date ("first November 2017", "late 2016").
PERIOD_LAST = frozenset({"early", "mid", "late", "end", "beginning", "start", "middle", "first",
                         "second", "third", "fourth", "last", "final"})
# Words that make a year pair something else than the year ("half term 2014/15").
NOT_A_YEAR = frozenset({"half", "quarter", "spring", "summer", "autumn", "winter", "easter",
                        "christmas", "week", "month", "q1", "q2", "q3",
                        "q4", "early", "mid", "late", "end", "beginning", "start"})
MAX_LEAD_WORDS = 8
# A word of a date itself: passing over it would cut the date in two ("end February | 2009").
DATE_WORDS = frozenset(MONTHS) | frozenset(THIRDS) | frozenset(SEASONS) | frozenset(NTH) \
    | frozenset(QUARTER_WORDS) | frozenset(WEEKDAYS) | {"hydref", "half", "quarter"}

# --- ranges and relative phrases ------------------------------------------------
RANGE_OPEN = re.compile(r"^(?P<kw>between|from)\s+", _F)
RANGE_WORD = re.compile(r"\s+(?:to|until|till|through|thru|and)\s+|-|(?<=[a-z])/(?=[a-z])", _F)
RANGE_TIME = re.compile(rf"(?:{TIME})", _F)
RELATIVE = re.compile(
    r"\b(?:later|after|afterwards|before|earlier|ago|following|next|previous|previously"
    r"|prior|same|yesterday|today|tomorrow|subsequently|tonight)\b"
    r"|\b(?:[0-9]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several"
    r"|couple)\s+(?:of\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b", _F)

# --- column order evidence ----------------------------------------------------------
PAIR_WITH_YEAR = re.compile(
    r"(?<![0-9])(?P<a>[0-9]{1,2})[/.\-](?P<b>[0-9]{1,2})[/.\-](?:[0-9]{4}|[0-9]{2})(?![0-9])", _F)
PAIR_NO_YEAR = re.compile(r"(?<![0-9/.\-])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})(?![0-9/.\-])", _F)


# --- what each written form means ---------------------------------------------

@dataclass(frozen=True)
class Part:
    """A parsed expression before its year is settled.

    ``first``/``last`` are (month, day) of the interval's ends; a last day of
    0 means the month's last day; ``year_span`` years are added for the end.
    """

    precision: str
    year: int | None
    first: tuple[int, int]
    last: tuple[int, int]
    year_span: int = 0
    week: int = 0
    hm: str = ""
    flags: tuple[str, ...] = ()
    hm_end: str = ""


@dataclass(frozen=True)
class Ctx:
    """How to read: numeric order ('dmy'/'mdy') and today (for 2-digit years)."""

    order: str
    today: date


_Builder = Callable[[re.Match[str], Ctx], Part | None]


# --- partial dates and year helpers -------------------------------------------

def day_part(year: int | None, month: int, day: int) -> Part:
    return Part("day", year, (month, day), (month, day))


def months_part(precision: str, year: int | None, m1: int, m2: int, span: int = 0) -> Part:
    return Part(precision, year, (m1, 1), (m2, 0), span)


def year_of(text: str, today: date) -> int:
    """Year from 2 or 4 digits; 0 when not a plausible year.

    Two-digit years up to this year's two digits are 2000s, the rest 1900s.
    Four-digit years run from 1850 to 30 years after today ("2140" in a date
    column is a time written in the wrong cell, not a year).
    """
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value <= today.year % 100 else 1900 + value
    return value if 1850 <= value <= today.year + 30 else 0


def _opt_year(text: str | None, today: date) -> int | None:
    """Like :func:`year_of` for an optional group: None when absent, 0 if bad."""
    return None if text is None else year_of(text, today)


def _follows(year: int, text: str) -> bool:
    """Whether ``text`` (2 or 4 digits) names the year after ``year``."""
    return int(text) == (year + 1 if len(text) == 4 else (year + 1) % 100)


# --- builders: one per written form ------------------------------------------

def _b_iso_day(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = year_of(m["y"], ctx.today)
    return day_part(year, int(m["m"]), int(m["d"])) if year else None


def _b_iso_month(m: re.Match[str], ctx: Ctx) -> Part | None:
    year, tail = year_of(m["y"], ctx.today), m["m"]
    if year and _follows(year, tail):
        return year_pair(year, "4" if len(tail) == 4 else "2")
    if year and len(tail) == 2 and 1 <= int(tail) <= 12 and " " not in m[0]:
        return months_part("month", year, int(tail), int(tail))
    return None


def _b_compact(m: re.Match[str], ctx: Ctx) -> Part | None:
    year, month, day = year_of(m["y"], ctx.today), int(m["m"]), int(m["d"])
    return day_part(year, month, day) if year and 1 <= month <= 12 and 1 <= day <= 31 else None


def _b_numeric(m: re.Match[str], ctx: Ctx) -> Part | None:
    day, month = (m["a"], m["b"]) if ctx.order == "dmy" else (m["b"], m["a"])
    year = year_of(m["y"], ctx.today)
    if not year:
        return None
    if month == "#":
        return months_part("year", year, 1, 12)
    if day == "#":
        return months_part("month", year, int(month), int(month))
    if ctx.order == "dmy" and int(month) > 12 >= int(day) >= 1:  # 9-18-2020: only month first
        return replace(day_part(year, int(day), int(month)), flags=("order-mdy",))
    return day_part(year, int(month), int(day))


def _b_numeric_no_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    day, month = (int(m["a"]), int(m["b"])) if ctx.order == "dmy" else (int(m["b"]), int(m["a"]))
    return day_part(None, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _b_month_num_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    month, year = int(m["m"]), year_of(m["y"], ctx.today)
    return months_part("month", year, month, month) if year and 1 <= month <= 12 else None


def _day_month(m: re.Match[str], year: int | None) -> Part:
    month = MONTHS[m["mon"]]
    if m["d"] == "#":
        return months_part("month", year, month, month)
    return day_part(year, month, int(m["d"]))


def _b_day_month_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = year_of(m["y"], ctx.today)
    return _day_month(m, year) if year else None


def _b_month_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    year, month = year_of(m["y"], ctx.today), MONTHS[m["mon"]]
    if len(m["y"]) == 2 and m["sep"].isspace() and int(m["y"]) <= 31:
        return None  # "May 16": 16 May or May 2016? Not guessed.
    return months_part("month", year, month, month) if year else None


def _b_day_month(m: re.Match[str], ctx: Ctx) -> Part | None:
    return _day_month(m, None)


def _b_month_day(m: re.Match[str], ctx: Ctx) -> Part | None:
    if not m["ord"] and len(m["d"]) == 2:
        return None  # "March 15": 15 March or March 2015? Not guessed.
    return day_part(None, MONTHS[m["mon"]], int(m["d"]))


def _b_month_only(m: re.Match[str], ctx: Ctx) -> Part | None:
    month = MONTHS[m["mon"]]
    return months_part("month", None, month, month)


def _b_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = year_of(m["y"], ctx.today)
    return months_part("year", year, 1, 12) if year else None


def _b_decade(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = year_of(m["y"], ctx.today)
    return months_part("range", year, 1, 12, 9) if year else None


def _b_part_month(m: re.Match[str], ctx: Ctx) -> Part | None:
    year, month = _opt_year(m["y"], ctx.today), MONTHS[m["mon"]]
    first, last = MONTH_THIRDS[THIRDS[m["p"]]]
    return None if year == 0 else Part("part-month", year, (month, first), (month, last))


def _b_part_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = year_of(m["y"], ctx.today)
    first, last = YEAR_THIRDS[THIRDS[m["p"]]]
    return months_part("part-year", year, first, last) if year else None


def _b_half_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    year, half = _opt_year(m["y"], ctx.today), HALVES[m["h"]]
    return None if year == 0 else months_part("part-year", year, 1 + 6 * half, 6 + 6 * half)


def _b_quarter(m: re.Match[str], ctx: Ctx) -> Part | None:
    year = _opt_year(m["y"], ctx.today)
    quarter = int(m["q"] or m["q2"] or QUARTER_WORDS.get(m["qw"] or "", 0))
    return None if year == 0 else months_part("quarter", year, 3 * quarter - 2, 3 * quarter)


def _b_season(m: re.Match[str], ctx: Ctx) -> Part | None:
    name, year, tail = m["s"], _opt_year(m["y"], ctx.today), m["y2"]
    if year == 0 or (year and tail and not _follows(year, tail)):
        return None
    if m["term"]:
        if name not in TERMS:
            return None
        first, last, second = TERMS[name]
        year = year + 1 if year and tail and second else year
        return months_part("term", year, first, last)
    first, last, span = SEASONS[name]
    return None if tail and not span else months_part("season", year, first, last, span)


def year_pair(year: int, kind: str) -> Part:
    """A year written with the next one: ``kind`` "financial", "academic", "2" (2014/15,
    unsaid: financial and academic together) or "4" (2014-2015, unsaid: both calendar years).
    """
    if kind == "financial":
        return Part("year", year, (4, 1), (3, 31), 1)
    if kind == "academic":
        return Part("year", year, (9, 1), (8, 31), 1)
    if kind == "2":
        return Part("range", year, (4, 1), (8, 31), 1, flags=("ambiguous-year",))
    return Part("range", year, (1, 1), (12, 31), 1, flags=("ambiguous-year",))


def _b_years_span(m: re.Match[str], ctx: Ctx) -> Part | None:
    """2010-17, 2018-21, 2000-2015: from the first year to the last (not the next year)."""
    year, tail = year_of(m["y"], ctx.today), m["t"]
    last = int(tail) if len(tail) == 4 else year - year % 100 + int(tail)
    if not year or not year + 1 < last <= year + 30:
        return None
    return months_part("range", year, 1, 12, last - year)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm in Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _around(day: date, before: int, after: int, year: int, flags: tuple[str, ...]) -> Part:
    first, last = day - timedelta(before), day + timedelta(after)
    precision = "day" if before == after == 0 else "range"
    return Part(precision, year, (first.month, first.day), (last.month, last.day),
                last.year - year, flags=flags)


def _b_holiday(m: re.Match[str], ctx: Ctx) -> Part | None:
    """School holidays as windows (flag ``approximate``); see :data:`HOLIDAYS`."""
    year = _opt_year(m["y"], ctx.today)
    name = HOLIDAY_NAMES[SPACES.sub(" ", m["h"])]
    if year == 0:
        return None
    if name == "easter":
        return None if year is None else _around(easter(year), 16, 14, year, ("approximate",))
    (m1, d1), (m2, d2), span = HOLIDAYS[name]
    return Part("range", year, (m1, d1), (m2, d2), span, flags=("approximate",))


def _b_named_day(m: re.Match[str], ctx: Ctx) -> Part | None:
    """Christmas Day, Boxing Day, Good Friday, Easter Monday...: exact days."""
    year = _opt_year(m["y"], ctx.today)
    offset = EASTER_DAYS.get(m["n"])
    if year == 0 or (offset is not None and year is None):
        return None
    if offset is not None and year:
        return _around(easter(year) + timedelta(offset), 0, 0, year, ())
    month, day = FIXED_DAYS[m["n"]]
    return day_part(year, month, day)


def _b_nth_week(m: re.Match[str], ctx: Ctx) -> Part | None:
    """The second week of November 2017: 8-14 November (the last week: its last 7 days)."""
    year, month = _opt_year(m["y"], ctx.today), MONTHS[m["mon"]]
    n = NTH.get(m["n"] or "", 0) or int(m["k"] or 0)
    if year == 0 or not 1 <= n <= 5:
        return None
    if n == 5:
        return Part("week", year, (month, 1), (month, 0), week=-1)
    return Part("week", year, (month, 7 * n - 6), (month, 7 * n))


def _b_hydref(m: re.Match[str], ctx: Ctx) -> Part | None:
    """Welsh "Hydref" alone: October or autumn; the wider September-December, flagged."""
    year = _opt_year(m["y"], ctx.today)
    return None if year == 0 else Part("season", year, (9, 1), (12, 0), flags=("ambiguous-word",))


def _b_this_year(m: re.Match[str], ctx: Ctx) -> Part | None:
    """Welsh "eleni" (this year): the year comes from the hint or the entry above."""
    return months_part("year", None, 1, 12)


def _b_year_ending(m: re.Match[str], ctx: Ctx) -> Part | None:
    """The year ending 31 March 2015: the twelve months up to that day."""
    end = read_point(m["rest"], ctx)
    if end is None or end.precision != "day" or end.year is None:
        return None
    try:
        last = date(end.year, *end.last)
        first = date(end.year - 1, last.month, last.day) + timedelta(1)
    except ValueError:
        return None
    return Part("year", first.year, (first.month, first.day), (last.month, last.day), last.year - first.year)


def _b_week(m: re.Match[str], ctx: Ctx) -> Part | None:
    part = read_point(m["rest"], ctx)
    if part is None or part.precision != "day":
        return None
    return replace(part, precision="week", week=1 if m["w"] in WEEK_STARTS else -1)


_FORMS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (ISO_DAY, _b_iso_day), (COMPACT, _b_compact), (NUMERIC, _b_numeric),
    (ISO_MONTH, _b_iso_month), (MONTH_NUM_YEAR, _b_month_num_year),
    (NUMERIC_NO_YEAR, _b_numeric_no_year), (DAY_MONTH_YEAR, _b_day_month_year),
    (MONTH_DAY_YEAR, _b_day_month_year), (MONTH_YEAR, _b_month_year),
    (DAY_MONTH, _b_day_month), (MONTH_DAY, _b_month_day),
    (MONTH_ONLY, _b_month_only), (YEAR_ONLY, _b_year), (DECADE, _b_decade),
    (PART_MONTH, _b_part_month), (PART_YEAR, _b_part_year),
    (HALF_YEAR, _b_half_year), (QUARTER, _b_quarter), (SEASON, _b_season),
    (WEEK, _b_week), (YEARS_SPAN, _b_years_span), (HOLIDAY, _b_holiday),
    (NAMED_DAY, _b_named_day), (NTH_WEEK, _b_nth_week), (MONTH_WEEK, _b_nth_week),
    (HYDREF, _b_hydref), (THIS_YEAR, _b_this_year), (YEAR_ENDING, _b_year_ending),
)


# --- parsing a cleaned string ------------------------------------------------

def read_point(s: str, ctx: Ctx) -> Part | None:
    """One date expression (no range, no time) in cleaned text, or None."""
    s = s[2:] if s.startswith("# ") else s  # "[redacted] 11/2012"
    for pattern, build in _FORMS:
        match = pattern.fullmatch(s)
        if match:
            part = build(match, ctx)
            if part is not None:
                return part
    return None


def clock(m: re.Match[str]) -> str | None:
    """'HH:MM' from a match of ``date_words.TIME``, or None if impossible."""
    if m["word"]:
        return TIME_WORDS[m["word"]]
    if m["h1"]:
        hour, minute = int(m["h1"]), int(m["m1"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"] == "pm" else 0)
    else:
        hour = int(m["h2"] or m["h3"] or m["h4"])
        minute = int(m["m2"] or m["m3"] or m["m4"])
    return f"{hour:02d}:{minute:02d}" if hour <= 23 and minute <= 59 else None


def read_timed(s: str, ctx: Ctx) -> Part | None:
    """A date expression, optionally with a clock time before or after it."""
    part = read_point(s, ctx)
    if part is not None:
        return part
    for pattern in (TIME_TAIL, TIME_HEAD):
        m = pattern.fullmatch(s)
        if not m:
            continue
        hm, part = clock(m), read_point(m["rest"], ctx)
        bare_needs_year = m["h4"] is not None and (
            part is None or part.year is None or m["h4"] + m["m4"] == str(part.year))
        if hm and part and part.precision == "day" and not bare_needs_year:
            return replace(part, precision="time", hm=hm)
    return None
