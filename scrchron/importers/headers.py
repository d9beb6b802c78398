"""Matching a submission's column headers to the chronology FIELDS.

Headers are compared case- and punctuation-insensitively against synonyms seen
in real templates (Chronolator, Tayside, PLO, police/health/school exports),
then against keyword rules with lower scores. Each field gets at most one
column and each column at most one field; higher scores win.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from scrchron.importers.parsed import FIELDS

MIN_SCORE = 20
"""Matches scoring less than this are ignored."""

CORE_FIELDS = ("start_date", "event")
"""A header row must map these to be taken for a chronology."""

_EXACT_SCORE = 100

# field -> {normalised phrase: score}; a bare phrase scores _EXACT_SCORE.
_SYNONYMS: dict[str, dict[str, int]] = {
    "sequence": {
        **dict.fromkeys(
            (
                "seq", "seq no", "seq number", "seq ref", "sequence", "sequence no",
                "sequence number", "event ref", "event reference", "event no",
                "event number", "event ref no", "entry no", "entry number",
                "serial", "serial no", "serial number", "s no", "sr no", "no",
                "number", "ref", "ref no", "item", "item no", "item number",
                "line", "line no", "id", "event id", "entry id", "index",
                "chronology no", "chronology number", "chronology ref", "row",
                "row no", "para", "para no", "paragraph", "paragraph no",
                "paragraph number", "order", "record no", "record number",
            ),
            _EXACT_SCORE,
        ),
    },
    "start_date": {
        **dict.fromkeys(
            (
                "date", "dates", "start date", "date start", "date started",
                "date from", "from date", "from", "start", "date of contact",
                "contact date", "date of event", "event date", "event start date",
                "start date of event", "date or period of event",
                "date period of event", "date or period", "date period",
                "period of event", "date or date range", "date of incident",
                "incident date", "date of episode", "date of involvement",
                "date of visit", "visit date", "date of appointment",
                "appointment date", "date of meeting", "meeting date",
                "date and time", "date time", "date and time of event",
                "date and time of contact", "date time of contact",
                "date time of event", "when", "date of activity", "activity date",
                "date seen", "date of occurrence", "occurrence date",
                "date occurred", "date of referral", "referral date",
                "date of session", "session date", "date of consultation",
                "consultation date", "date of attendance", "attendance date",
                "date of admission", "admission date", "date of call",
                "call date", "date of report", "date reported", "date of information",
            ),
            _EXACT_SCORE,
        ),
        "period": 80,
        "date of entry": 60,
        "entry date": 60,
        "date recorded": 60,
        "recorded date": 60,
        "date of record": 60,
        "record date": 60,
        "creation date": 50,
        "created date": 50,
        "date created": 50,
    },
    "start_time": dict.fromkeys(
        (
            "time", "times", "start time", "time start", "time started",
            "time from", "from time", "time of contact", "contact time",
            "time of event", "event time", "event start time", "start time of event",
            "time of incident", "incident time", "time of visit", "visit time",
            "time of call", "call time", "time of appointment", "appointment time",
            "time of meeting", "meeting time", "time hrs", "time 24hr", "time 24 hr",
        ),
        _EXACT_SCORE,
    ),
    "end_date": dict.fromkeys(
        (
            "end date", "date end", "date ended", "end", "to", "date to", "to date",
            "until", "finish date", "date finished", "end of period",
            "completion date", "date completed", "closure date", "date closed",
            "closed date", "discharge date", "date of discharge", "event end date",
            "end date of event", "end date if applicable", "end date if relevant",
            "closed", "closed on", "ended", "finished",  # a log's "Opened | Closed" (police, case systems)
        ),
        90,
    ),
    "end_time": dict.fromkeys(
        (
            "end time", "time end", "time ended", "time to", "to time",
            "finish time", "time finished", "event end time", "end time of event",
        ),
        _EXACT_SCORE,
    ),
    "event": {
        **dict.fromkeys(
            (
                "event", "events", "significant event", "significant events",
                "significant event incident", "key event", "key events",
                "key event incident", "details", "detail", "details of incident contact",
                "details of contact incident", "details of incident or contact",
                "details of contact", "details of event", "details of events",
                "details of incident", "details of involvement",
                "details of agency involvement", "details of intervention",
                "details of significant event", "event details", "event detail",
                "event description", "description", "description of event",
                "description of contact", "description of incident",
                "brief description", "brief details", "what happened",
                "what happened event", "summary", "summary of event",
                "summary of events", "summary of contact", "summary of involvement",
                "summary of incident", "summary of information", "narrative",
                "incident", "incident details", "details of the incident",
                "information", "key information", "information recorded",
                "information known", "what was known", "case note", "case notes",
                "record of contact", "account", "occurrence", "episode",
                "details of the event", "details of the contact", "contact details",
                "event summary", "event narrative", "incident summary",
                "record of event", "presenting issue", "reason for contact",
                "nature of concern", "event information", "what happened and when",
                "details of contact event", "contact event", "event contact",
                "details of practice episode",
            ),
            _EXACT_SCORE,
        ),
        "contact details": 60,
        "contact": 50,
        "notes": 30,
        "note": 30,
        "free text": 40,
        "text": 40,
        "entry": 40,
        "record": 30,
        "comments": 20,
        "comment": 20,
    },
    "action": {
        **dict.fromkeys(
            (
                "action", "actions", "action taken", "actions taken",
                "action taken outcome", "action taken outcomes", "action outcome",
                "actions outcome", "actions outcomes", "outcome", "outcomes",
                "outcome action", "outcome actions", "outcome action taken",
                "outcome of contact", "outcome of event", "outcome decision",
                "outcome decisions", "decision", "decisions", "decision action",
                "decisions actions", "decisions made", "decision made",
                "decision and action", "decisions and actions", "action and outcome",
                "actions and outcomes", "response", "agency response",
                "response action", "action response", "next steps", "result",
                "actions agreed", "agreed actions", "what was done",
                "action taken by whom", "action taken and by whom",
                "follow up", "follow up action", "what action was taken",
                "outcome and action taken", "action plan", "outcome and actions",
                "action and outcome if known", "outcome if known",
            ),
            _EXACT_SCORE,
        ),
        "plan": 80,
    },
    "source": dict.fromkeys(
        (
            "source", "sources", "source of information", "information source",
            "source of info", "source document", "source documents",
            "source document ref", "source document reference", "source ref",
            "source reference", "document", "document ref", "document reference",
            "documents", "reference", "record reference", "record ref",
            "witness or document reference", "witness document reference",
            "evidence", "source record", "where recorded", "record source",
            "recorded in", "recording system", "source system", "file reference",
            "ref source", "reference source", "source of record", "source of entry",
            "page ref", "page reference", "disclosure reference", "source and ref",
            "source and reference", "source reference number", "source of data",
            "information taken from", "source agency", "system",
        ),
        _EXACT_SCORE,
    ),
    "practitioner_role": dict.fromkeys(
        (
            "practitioner", "practitioners", "practitioner role",
            "practitioner s role", "practitioners involved", "role", "roles",
            "role of practitioner", "role of worker", "officer", "officer role",
            "officer s role", "officers role", "staff", "staff member",
            "staff member role", "staff role", "worker", "worker role",
            "professional", "professionals", "professional role",
            "professionals involved", "professional involved", "designation",
            "job title", "job role", "by whom", "who", "who was involved",
            "completed by", "recorded by", "seen by", "author", "author role",
            "clinician", "clinician role", "lead professional", "name and role",
            "name role", "role and name", "practitioner designation",
            "staff involved", "agency professional", "practitioner name role",
            "professional s role", "role of professional", "worker s role",
            "practitioner job title", "staff designation", "staff grade", "grade",
        ),
        _EXACT_SCORE,
    ),
    "contact_type": {
        **dict.fromkeys(
            (
                "contact type", "type of contact", "type", "contact method",
                "method of contact", "method", "mode of contact", "contact mode",
                "event type", "type of event", "category", "event category",
                "activity type", "type of activity", "encounter type",
                "appointment type", "visit type", "type of visit",
                "nature of contact", "contact nature", "communication type",
                "type of intervention", "intervention type", "type of contact event",
                "contact event type", "type of involvement", "involvement type",
                "type of incident", "incident type", "type of record", "record type",
            ),
            _EXACT_SCORE,
        ),
        "contact": 45,
    },
    "agency_comment": dict.fromkeys(
        (
            "agency comment", "agency comments", "comment", "comments", "analysis",
            "agency analysis", "analysis comment", "comment analysis",
            "comments analysis", "analysis comments", "commentary",
            "agency commentary", "reflection", "reflections", "analysis reflection",
            "reflective comment", "impact", "impact positive or negative",
            "significance", "relevance", "learning", "learning points",
            "practice issues", "practice learning", "issues identified",
            "analysis of practice", "imr comment", "imr author comment",
            "author comment", "author s comment", "author comments",
            "reviewer comment", "observations", "evaluation",
            "professional analysis", "good practice", "was this good practice",
            "risk analysis", "significance of event", "analysis of event",
            "agency comment analysis", "comments from agency",
            "comment on practice", "practice comment", "agency reflection",
            "analysis and learning", "learning identified", "additional comments",
            "further comments", "any other comments", "other comments",
        ),
        _EXACT_SCORE,
    ),
}


@dataclass(frozen=True, slots=True)
class _Rule:
    """A keyword rule: any of ``tokens``, any of ``also`` (if given), no ``forbid``."""

    field: str
    tokens: frozenset[str]
    score: int
    forbid: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()

    def fits(self, words: frozenset[str]) -> bool:
        """Return True when a header made of ``words`` fits this rule."""
        if not words & self.tokens or words & self.forbid:
            return False
        return not self.also or bool(words & self.also)


_END_WORDS = frozenset(
    {"end", "ended", "to", "until", "finish", "finished", "completion", "closed",
     "closure", "discharge"}
)
_DATE_WORDS = frozenset({"date", "dates", "dated", "when", "dd", "yyyy"})
_BIRTH_WORDS = frozenset({"birth", "dob", "born", "age"})
_WRITTEN_WORDS = frozenset(
    {"recorded", "entered", "input", "created", "creation", "written", "review",
     "due", "next", "report", "printed", "modified", "updated"}
)
_DURATION_WORDS = frozenset(
    {"spent", "duration", "length", "taken", "scale", "timescale", "timescales",
     "travel", "period", "frame", "timeframe", "timeline", "line"}
)
_TIME_WORDS = frozenset({"time", "times", "hrs", "hours", "hour", "clock"})

_RULES: tuple[_Rule, ...] = (
    _Rule("end_date", _DATE_WORDS, 55, _BIRTH_WORDS | {"start", "from"}, _END_WORDS),
    _Rule("start_date", _DATE_WORDS, 55, _BIRTH_WORDS | _END_WORDS | _WRITTEN_WORDS),
    _Rule("start_date", _DATE_WORDS, 35, _BIRTH_WORDS | _END_WORDS),
    _Rule(
        "end_time", _TIME_WORDS, 50, _DATE_WORDS | _DURATION_WORDS | {"start", "from"},
        _END_WORDS,
    ),
    _Rule("start_time", _TIME_WORDS, 50, _DATE_WORDS | _DURATION_WORDS | _END_WORDS),
    _Rule("sequence", frozenset({"seq", "sequence", "serial"}), 55),
    _Rule(
        "event",
        frozenset({"event", "events", "details", "detail", "description", "summary",
                   "narrative", "happened", "incident", "incidents"}),
        45,
        frozenset({"type", "category", "date", "time", "ref", "reference", "no",
                   "number"}),
    ),
    _Rule(
        "event",
        frozenset({"information", "occurrence", "episode", "involvement",
                   "intervention", "account", "entry", "concern",
                   "concerns"}),
        35,
        frozenset({"type", "source", "date", "time", "ref", "reference"}),
    ),
    _Rule("event", frozenset({"notes", "note", "contact", "contacts"}), 25,
          frozenset({"type", "method", "date", "time", "name", "number", "phone"})),
    _Rule(
        "action",
        frozenset({"action", "actions", "outcome", "outcomes", "decision",
                   "decisions", "response", "result", "results", "followup"}),
        45,
        frozenset({"date", "time"}),
    ),
    _Rule(
        "source",
        frozenset({"source", "sources", "reference", "ref", "document", "documents",
                   "doc", "evidence", "witness", "system", "file"}),
        40,
        frozenset({"date", "time"}),
    ),
    _Rule(
        "practitioner_role",
        frozenset({"practitioner", "practitioners", "officer", "officers", "worker",
                   "workers", "staff", "professional", "professionals", "role",
                   "roles", "clinician", "designation", "author", "whom"}),
        45,
        frozenset({"date", "time", "comment", "comments", "analysis"}),
    ),
    _Rule(
        "contact_type",
        frozenset({"type", "method", "mode", "category", "kind", "nature", "medium"}),
        40,
        frozenset({"date", "time"}),
    ),
    _Rule(
        "agency_comment",
        frozenset({"comment", "comments", "commentary", "analysis", "reflection",
                   "reflections", "impact", "learning", "significance",
                   "observations", "observation", "evaluation", "opinion"}),
        40,
        frozenset({"date", "time"}),
    ),
)

_FILLER_WORDS = frozenset(
    {"mandatory", "optional", "required", "compulsory", "please", "dd", "mm",
     "yyyy", "yy", "hh", "24hr", "24h", "24", "hrs", "format", "eg", "e", "g",
     "if", "known", "applicable", "the", "a", "an", "field"}
)
_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_FIELD_INDEX = {name: index for index, name in enumerate(FIELDS)}


def normalize_header(text: str) -> str:
    """Return a header in comparable form: lower case, words only.

    Args:
        text: a header as written, e.g. "Date/Time (24hr)".

    Returns:
        e.g. "date time 24hr"; "&" becomes "and", "#" becomes "number",
        apostrophes are dropped ("officer's" -> "officer s").
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("&", " and ").replace("#", " number ").replace("+", " and ")
    return _NON_WORD.sub(" ", text).strip()


def _core_header(text: str) -> str:
    """Return the header without bracketed notes and filler words."""
    words = normalize_header(_BRACKETED.sub(" ", text)).split()
    kept = [word for word in words if word not in _FILLER_WORDS]
    return " ".join(kept or words)


def _exact_scores(forms: tuple[str, ...]) -> dict[str, int]:
    """Return field -> best synonym score for a header's normalised forms."""
    scores: dict[str, int] = {}
    for name, phrases in _SYNONYMS.items():
        best = max((phrases.get(form, 0) for form in forms), default=0)
        if best:
            scores[name] = best
    return scores


def _rule_scores(tokens: frozenset[str]) -> dict[str, int]:
    """Return field -> best keyword-rule score for a header's words."""
    scores: dict[str, int] = {}
    for rule in _RULES:
        if rule.fits(tokens):
            scores[rule.field] = max(scores.get(rule.field, 0), rule.score)
    return scores


MAX_HEADER_CHARS = 120
"""Longer cell texts are never taken for headers."""


@lru_cache(maxsize=4096)
def field_scores(header: str) -> dict[str, int]:
    """Score how well one header fits each field.

    Args:
        header: a header as written.

    Returns:
        field -> score (>= MIN_SCORE); empty when the header fits nothing.
        Do not modify the returned dict (it is cached).
    """
    if len(header) > MAX_HEADER_CHARS:
        return {}
    full = normalize_header(header)
    if not full:
        return {}
    core = _core_header(header)
    scores = _rule_scores(frozenset(full.split()) | frozenset(core.split()))
    for name, score in _exact_scores((full, core)).items():
        scores[name] = max(scores.get(name, 0), score)
    return {name: score for name, score in scores.items() if score >= MIN_SCORE}


@dataclass(slots=True)
class HeaderMatch:
    """The result of matching one row of headers.

    Attributes:
        columns: field -> column index.
        score: the sum of the scores of the chosen matches.
    """

    columns: dict[str, int] = field(default_factory=dict)
    score: int = 0

    @property
    def is_chronology(self) -> bool:
        """True when the core fields (date and event) are mapped."""
        return all(name in self.columns for name in CORE_FIELDS)


def match_header_row(headers: Sequence[str]) -> HeaderMatch:
    """Map headers to fields, greedily by score (then left to right).

    Args:
        headers: the header texts of one row ("" for an empty cell).

    Returns:
        The chosen field -> column mapping and its total score.
    """
    candidates: list[tuple[int, int, int, str]] = []
    for column, header in enumerate(headers):
        if not header:
            continue
        for name, score in field_scores(header).items():
            candidates.append((-score, column, _FIELD_INDEX[name], name))
    candidates.sort()
    result = HeaderMatch()
    used: set[int] = set()
    for neg_score, column, _, name in candidates:
        if name in result.columns or column in used:
            continue
        result.columns[name] = column
        result.score -= neg_score
        used.add(column)
    return result


def match_headers(headers: Sequence[str]) -> dict[str, int]:
    """Map column headers to chronology fields.

    Args:
        headers: the header texts, left to right ("" or None-like empties
            allowed as "").

    Returns:
        field -> 0-based column index, for each field that could be matched.
    """
    return match_header_row([header or "" for header in headers]).columns


def find_column(wanted: str, headers: Sequence[str]) -> int | None:
    """Find a column by its header as a user typed it.

    The comparison ignores case, punctuation and spacing; "Column C" or "C"
    also name the third column of a sheet.

    Args:
        wanted: the header the user typed.
        headers: the unique header names of the table.

    Returns:
        The 0-based column index, or None.
    """
    target = normalize_header(wanted)
    for column, header in enumerate(headers):
        if header == wanted:
            return column
    for column, header in enumerate(headers):
        if normalize_header(header) == target:
            return column
    return None
