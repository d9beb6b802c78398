"""Welsh dates, said again in the English words :mod:`scrchron.dates.grammar` reads.

Agencies and boards in Wales write dates in Welsh: ``ddydd Mercher 6 Ionawr 2021``,
``ar 4 Rhagfyr 2018``, ``ym mis Ebrill 2021``, ``rhwng Tachwedd 2010 a Mawrth 2011``,
``Tymor yr Hydref 2022``, ``6ed``/``25ain``/``1af``. :func:`to_english` runs on text that is
already lower case and rewrites, in order:

1. weekdays (``dydd``/``ddydd`` + day) into English weekday names, before any month,
   as ``dydd Mawrth`` is Tuesday and ``Mawrth`` March;
2. named periods (``tymor yr hydref``, ``hanner tymor``, ``gwyliau'r haf``, ``y pasg``,
   ``blwyddyn ariannol``...) and the words for early, late, during;
3. month names with their mutations (``Fedi``, ``Dachwedd``, ``Orffennaf``...) and the short
   forms (``27 Hyd``) written after a day number;
4. ``hydref``: October after a day number, after ``mis``/``fis`` or beside another month
   (``Mai 2025 i Hydref 2025``); otherwise it is left as ``hydref``, which the grammar reads
   as the wider September-December with the flag ``ambiguous-word``;
5. seasons, range words (``rhwng``, ``a``/``ac``, ``i``, ``hyd``, ``tan``, ``at``), the words
   that make a date relative (``cyn``, ``ers``, ``erbyn``, ``wedi``), ``yb``/``yp`` for am/pm,
   and prepositions and articles (``ar``, ``yn``, ``ym``, ``mis``, ``y``, ``yr``, ``o``...),
   which are dropped.

Nothing is rewritten unless the text has a Welsh date word, so English text (where ``a``,
``i`` and ``at`` mean other things) is never touched. Every pattern is ``re.ASCII`` with no
nested repeats, so the cost is linear in the (length-capped) cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_F = re.ASCII

_MONTHS: dict[str, str] = {
    "ionawr": "january", "chwefror": "february", "mawrth": "march", "fawrth": "march",
    "ebrill": "april", "mai": "may", "fai": "may", "mehefin": "june", "fehefin": "june",
    "gorffennaf": "july", "orffennaf": "july", "ngorffennaf": "july", "gorfennaf": "july",
    "awst": "august", "medi": "september", "fedi": "september", "tachwedd": "november",
    "dachwedd": "november", "thachwedd": "november", "nhachwedd": "november",
    "rhagfyr": "december", "ragfyr": "december",
}
# Short forms, read as months only right after a day number ("27 Hyd", "16 Chwef").
_SHORT: dict[str, str] = {
    "ion": "january", "chwef": "february", "maw": "march", "ebr": "april", "meh": "june",
    "gorff": "july", "hyd": "october", "tach": "november", "rhag": "december",
}
_WEEKDAYS: dict[str, str] = {
    "llun": "monday", "mawrth": "tuesday", "mercher": "wednesday", "iau": "thursday",
    "gwener": "friday", "sadwrn": "saturday", "sul": "sunday",
}
# Named periods, longest first; each is said in the words the English grammar reads.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("hanner tymor yr hydref", "autumn half term"), ("hanner tymor y gwanwyn", "spring half term"),
    ("hanner tymor yr haf", "summer half term"), ("hanner tymor", "half term"),
    ("tymor yr hydref", "autumn term"), ("tymor y gwanwyn", "spring term"),
    ("tymor yr haf", "summer term"), ("gwyliau'r haf", "summer holidays"),
    ("gwyliau'r pasg", "easter holidays"), ("gwyliau'r nadolig", "christmas holidays"),
    ("gwyliau ysgol", "school holidays"), ("dydd nadolig", "christmas day"),
    ("gwener y groglith", "good friday"), ("llun y pasg", "easter monday"),
    ("sul y pasg", "easter sunday"), ("y pasg", "easter"), ("pasg", "easter"),
    ("nadolig", "christmas"),
    ("blwyddyn ariannol", "financial year"), ("flwyddyn ariannol", "financial year"),
    ("blwyddyn academaidd", "academic year"), ("flwyddyn academaidd", "academic year"),
    ("mlwyddyn academaidd", "academic year"), ("blwyddyn ysgol", "school year"),
    ("tymhorau", "term"), ("tymor", "term"), ("cyllideb", "budget"), ("ariannol", "financial"),
    ("yn ystod", "during"), ("yn gynnar yn", "early"), ("yn gynnar", "early"),
    ("gynnar", "early"), ("cynnar", "early"), ("canol", "mid"), ("ddiwedd", "end"),
    ("diwedd", "end"), ("ddechrau", "beginning"), ("dechrau", "beginning"), ("hwyr", "late"),
    ("ar ol", "after"), ("ar \u00f4l", "after"), ("hyd at", "until"),
)
_SEASONS: dict[str, str] = {"gwanwyn": "spring", "wanwyn": "spring", "haf": "summer",
                            "gaeaf": "winter", "aeaf": "winter"}
_WORDS: dict[str, str] = {
    "rhwng": "between", "a": "and", "ac": "and", "i": "to", "hyd": "until", "tan": "until",
    "at": "to", "cyn": "before", "ers": "since", "erbyn": "by", "wedi": "after",
    "yb": "am", "yp": "pm",
    "ar": "", "yn": "", "ym": "", "yng": "", "mis": "", "fis": "", "y": "", "yr": "",
    "o": "", "dros": "", "fel": "", "dyddiedig": "", "eleni": "eleni",
}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WELSH = re.compile(
    rf"\b(?:d?dydd|{_alt(_MONTHS)}|hydref|mis|fis|rhwng|eleni|tymor|tymhorau|gwanwyn|haf|"
    r"gaeaf|nadolig|pasg|gwyliau|blwyddyn|flwyddyn|mlwyddyn|cyllideb|ariannol|academaidd|"
    r"dyddiedig|yb|yp|ym|yng|yn|ar|ers|cyn|erbyn|tan|dros|ystod|dechrau|ddechrau|diwedd|ddiwedd|"
    r"gynnar|cynnar|canol|hwyr|wedi|gwnaed|cyhoeddwyd|diweddarwyd)\b"
    rf"|(?<![0-9])[0-9]{{1,2}}\s+(?:{_alt(_SHORT)})\b", _F)
_WEEKDAY = re.compile(rf"\bd?dydd\s+({_alt(_WEEKDAYS)})\b", _F)
_PHRASE = re.compile(rf"\b(?:{_alt(p for p, _ in _PHRASES)})\b")
_SHORT_AFTER_DAY = re.compile(rf"(?<![0-9])([0-9]{{1,2}})\s+({_alt(_SHORT)})\b", _F)
_MONTH = re.compile(rf"\b({_alt(_MONTHS)})\b", _F)
_ORDINAL = re.compile(r"(?<=[0-9])(?:af|il|ydd|ed|fed|eg|ain)\b", _F)
_OCTOBER = re.compile(r"(?:(?<![0-9])[0-9]{1,2}(?:\s+o)?|\b(?:mis|fis))\s+hydref\b", _F)
_ENGLISH_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|november|december)\b", _F)
_SEASON = re.compile(rf"\b({_alt(_SEASONS)})\b", _F)
_WORD = re.compile(rf"(?<![\w'])({_alt(_WORDS)})(?![\w'])", _F)
_SPACES = re.compile(r"\s+", _F)
_PHRASE_MAP = dict(_PHRASES)
_CHRISTMAS_DAY = re.compile(r"\bd?dydd\s+nadolig\b", _F)
_HOLY_DAY = re.compile(r"\b(?:d?dydd\s+)?(gwener y groglith|llun y pasg|sul y pasg)\b", _F)


def is_welsh(text: str) -> bool:
    """Whether lower-case ``text`` holds a Welsh date word."""
    return _WELSH.search(text) is not None


def _october(text: str) -> str:
    text = _OCTOBER.sub(lambda m: m[0][: -len("hydref")] + "october", text)
    if "hydref" in text and _ENGLISH_MONTH.search(text):
        text = re.sub(r"\bhydref\b", "october", text, flags=_F)  # a range of months
    return text


def to_english(text: str) -> str:
    """Lower-case ``text`` with its Welsh date words said in English; unchanged if none."""
    if not is_welsh(text):
        return text
    text = _CHRISTMAS_DAY.sub("christmas day", text)
    text = _HOLY_DAY.sub(lambda m: _PHRASE_MAP[m[1]], text)  # before "dydd Gwener" is Friday
    text = _WEEKDAY.sub(lambda m: _WEEKDAYS[m[1]], text)
    text = _PHRASE.sub(lambda m: _PHRASE_MAP[m[0]], text)
    text = _ORDINAL.sub("", text)
    text = _SHORT_AFTER_DAY.sub(lambda m: f"{m[1]} {_SHORT[m[2]]}", text)
    text = _MONTH.sub(lambda m: _MONTHS[m[1]], text)
    text = _october(text)
    text = _SEASON.sub(lambda m: _SEASONS[m[1]], text)
    text = _WORD.sub(lambda m: f" {_WORDS[m[1]]} ", text)
    return _SPACES.sub(" ", text).strip()
