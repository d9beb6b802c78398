"""The vocabulary of safeguarding events: abbreviations, canonical event kinds, synonyms.

Agencies describe the same meeting in their own words ("Strat mtg with CSC",
"Named nurse took part in the strategy discussion", "Strategy discussion
record"). :func:`describe` turns free text into :class:`EventWords`: the words
with abbreviations expanded (DOMAIN.md's glossary and more), light stemming and
misspelt kind words put right ("stratergy"); the canonical event kinds the text
names as its event, apart from those it names only as context ("home visit
following the ICPC" is a home visit); and the words left once the kinds are taken
out. The matcher in :mod:`scrchron.chronology.merge` compares these, never the raw text.

Everything here is data plus small pure functions; nothing touches the case file.
Kind phrases are written in plain English and normalised at import time by the
same code that normalises entries, so the two can never drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class EventKind:
    """A canonical kind of event, with the phrases that name it.

    ``shared`` kinds are single happenings that several agencies attend or record
    (a strategy discussion, an ED attendance): two agencies naming one on the same
    day are very probably describing the same event. Kinds that are not shared
    (a home visit, a GP appointment) are things each agency does on its own, so a
    health visitor's and a social worker's home visit on one day are two events
    unless the words say otherwise (e.g. "joint visit").
    ``parent`` names a broader kind the text may use instead ("child protection
    conference" for an ICPC or an RCPC).
    ``routine`` kinds are an agency's repeated rows (a care provider's daily calls,
    "No access; card left"): they are one event with another account only when
    they also name the other account's event.
    ``meeting`` kinds are held by agencies together about something that happened: a
    strategy discussion "following the domestic incident" is not the incident, while an
    ED attendance "after an assault" is the assault's own aftermath.
    """

    name: str
    label: str
    phrases: tuple[str, ...]
    shared: bool = True
    parent: str | None = None
    routine: bool = False
    meeting: bool = False


#: Every kind the matcher knows. A text's main kind is the first it names outside a
#: context phrase ("Home visit to explain the outcome of the strategy discussion" is
#: a home visit), see :func:`describe`.
KINDS: tuple[EventKind, ...] = (
    EventKind("strategy", "Strategy discussion", ("strategy discussion", "strategy meeting", "strategy"), meeting=True),
    EventKind("icpc", "Initial child protection conference", (
        "initial child protection conference", "initial child protection case conference",
        "initial case conference", "initial conference"), parent="cp_conference", meeting=True),
    EventKind("rcpc", "Review child protection conference", (
        "review child protection conference", "child protection review conference",
        "review case conference", "review conference"), parent="cp_conference", meeting=True),
    EventKind("cp_conference", "Child protection conference", (
        "child protection conference", "child protection case conference", "case conference"), meeting=True),
    EventKind("core_group", "Core group", ("core group",), meeting=True),
    EventKind("cin_review", "Child in need review", (
        "child in need review", "child in need meeting", "child in need plan review"), meeting=True),
    EventKind("marac", "MARAC", ("multi agency risk assessment conference",), meeting=True),
    EventKind("professionals_meeting", "Professionals meeting", (
        "professionals meeting", "professional meeting", "multi agency meeting",
        "team around the child", "team around the family"), meeting=True),
    EventKind("section_47", "Section 47 enquiry", (
        "section 47", "child protection enquiry", "child protection investigation")),
    EventKind("section_42", "Section 42 enquiry", (
        "section 42", "safeguarding adults enquiry", "adult safeguarding enquiry")),
    EventKind("lado", "LADO", ("local authority designated officer",)),
    EventKind("mash", "MASH", ("multi agency safeguarding hub",)),
    EventKind("cp_medical", "Child protection medical", (
        "child protection medical", "safeguarding medical", "paediatric medical",
        "medical examination", "skeletal survey")),
    EventKind("court", "Court hearing", (
        "court hearing", "court", "magistrate", "emergency protection order")),
    EventKind("mha", "Mental Health Act assessment", (
        "mental health act assessment", "mental health act", "approved mental health professional")),
    EventKind("birth", "Birth", ("birth", "born")),
    EventKind("death", "Death", ("died", "death", "found unresponsive", "pronounced dead")),
    EventKind("ed_attendance", "ED attendance", (
        "emergency department", "accident and emergency", "casualty", "minor injuries unit", "minor injuries",
        "urgent care centre", "hospital attendance", "attended hospital", "presented to hospital")),
    EventKind("admission", "Hospital admission", (
        "admitted to hospital", "admitted to ward", "hospital admission", "admitted to")),
    EventKind("overdose", "Overdose or self-harm", ("overdose", "self harm", "ligature")),
    EventKind("cme", "Missing education", ("missing from education", "missing education")),
    EventKind("missing", "Missing episode", (
        "missing episode", "missing person", "missing from home", "reported missing",
        "went missing", "missing", "absconded")),
    EventKind("arrest", "Arrest", ("arrest", "custody", "detained in custody", "charged", "interviewed under caution")),
    EventKind("home_alone", "Children left alone", (
        "home alone", "left alone", "alone at home", "left unsupervised", "unsupervised at home")),
    EventKind("exclusion", "School exclusion", (
        "fixed term exclusion", "permanent exclusion", "exclusion", "excluded", "suspension", "suspended")),
    EventKind("domestic_incident", "Domestic incident", (
        "domestic incident", "domestic abuse incident", "domestic violence incident",
        "domestic abuse", "domestic violence", "domestic", "argument")),
    # An assault is an offence wherever it happens ("assaulting a peer" at school); it is a
    # domestic incident's own word only when the text says so ("assaulted by partner").
    EventKind("assault", "Assault", ("assault", "common assault", "assault by beating", "actual bodily harm",
                                     "grievous bodily harm", "wounding"), parent="domestic_incident"),
    # Adult safeguarding (Care Act 2014, Mental Capacity Act 2005; sources in tests/data/event_words_sources.tsv)
    EventKind("safeguarding_concern", "Safeguarding concern", (
        "safeguarding concern", "safeguarding adults concern", "adult safeguarding concern",
        "safeguarding alert", "safeguarding referral", "raised a safeguarding", "adult at risk referral")),
    EventKind("care_act_assessment", "Care Act assessment", (
        "care act assessment", "needs assessment", "care needs assessment", "social care assessment"),
        shared=False),
    EventKind("capacity_assessment", "Mental capacity assessment", (
        "mental capacity assessment", "capacity assessment", "assessed as lacking capacity",
        "assessed as having capacity"), shared=False),
    EventKind("best_interests", "Best-interests meeting", (
        "best interests meeting", "best interest meeting", "best interests decision",
        "best interest decision"), meeting=True),
    EventKind("dnacpr", "DNACPR decision", (
        "do not attempt cardiopulmonary resuscitation", "do not attempt resuscitation",
        "do not resuscitate", "resuscitation decision")),
    EventKind("self_neglect", "Self-neglect", ("self neglect", "squalor", "neglecting himself",
                                               "neglecting herself"), shared=False),
    EventKind("hoarding", "Hoarding", ("hoarding", "clutter rating", "cluttered"), shared=False),
    EventKind("care_package", "Care package", (
        "care package", "package of care", "domiciliary care started", "care package started",
        "care package increased", "care package cancelled"), shared=False),
    EventKind("carers_assessment", "Carer's assessment", ("carers assessment", "carer assessment"),
              shared=False),
    EventKind("discharge", "Hospital discharge", (
        "discharged from hospital", "hospital discharge", "discharge letter", "discharge summary",
        "discharged home", "discharge planning meeting", "discharge to assess")),
    EventKind("care_call", "Care call", (
        "care call", "carer visit", "carers visit", "daily call", "morning call", "lunch call",
        "tea call", "evening call", "bed call", "double up call", "medication prompt",
        "personal care given"), shared=False, routine=True),
    EventKind("district_nurse", "District nurse visit", (
        "district nurse visit", "district nurse", "community nurse visit", "dressing changed",
        "pressure area care"), shared=False, routine=True),
    EventKind("fall", "Fall", ("fallen", "found on the floor", "found on floor", "had a fall",
                               "fall at home", "unable to get up")),
    # Domestic abuse and homicide (DVCVA 2004 s9; Domestic Abuse Act 2021)
    EventKind("idva_referral", "IDVA referral", (
        "idva referral", "referral to independent domestic violence advisor",
        "referred to independent domestic violence advisor")),
    EventKind("clares_law", "Clare's Law disclosure", (
        "clares law", "domestic violence disclosure scheme", "right to ask", "right to know",
        "disclosure scheme")),
    EventKind("dvpn", "DVPN / DVPO", (
        "domestic violence protection notice", "domestic violence protection order",
        "domestic abuse protection notice", "domestic abuse protection order")),
    EventKind("strangulation", "Non-fatal strangulation", (
        "non fatal strangulation", "strangulation", "strangled", "choked", "grabbed by the throat",
        "hands around her neck", "hands around his neck"), parent="domestic_incident"),
    EventKind("coercive_control", "Coercive control", (
        "coercive control", "controlling or coercive behaviour", "controlling and coercive behaviour",
        "coercive and controlling behaviour"), parent="domestic_incident"),
    EventKind("stalking", "Stalking", ("stalking", "stalking protection order"), parent="domestic_incident"),
    EventKind("harassment", "Harassment", ("harassment", "harassing"), parent="domestic_incident"),
    EventKind("bail", "Bail", ("bail conditions", "released on bail", "police bail", "bailed",
                               "released under investigation"), parent="arrest"),
    EventKind("charge", "Charge", ("charging decision", "charged with", "remanded in custody"),
              parent="arrest"),
    EventKind("nfa", "No further action", ("no further action",), parent="arrest"),
    # Police operations
    EventKind("forced_entry", "Forced entry", (
        "forced entry", "force entry", "forced the door", "door forced", "entry forced",
        "gained entry", "gain entry", "entry gained", "broke the door", "door was broken", "entry was made",
        "forced open", "broke in")),
    EventKind("concern_welfare", "Concern for welfare", (
        "concern for welfare", "concern for the welfare", "welfare concern", "cause for concern call",
        "welfare check")),
    EventKind("s136", "Section 136", ("section 136", "place of safety"), parent="mha"),
    # Health
    EventKind("ambulance", "Ambulance call-out", (
        "ambulance", "paramedic", "ambulance crew", "conveyed to hospital", "conveyed to emergency department",
        "not conveyed", "non conveyance", "999 call")),
    EventKind("crisis_team", "Crisis team", (
        "crisis team", "home treatment team", "crisis resolution", "crisis assessment",
        "mental health crisis")),
    EventKind("mha_detention", "Detained under the Mental Health Act", (
        "section 2", "section 3", "sectioned", "detained under the mental health act"), parent="mha"),
    # Education and early years
    EventKind("ehe", "Elective home education", ("elective home education", "home educated",
                                                  "removed from roll", "off roll")),
    EventKind("ehcp", "EHCP review", ("education health and care plan", "ehcp review")),
    EventKind("attendance_meeting", "Attendance meeting", (
        "attendance meeting", "attendance panel", "fixed penalty notice", "education welfare")),
    EventKind("injury", "Injury", (
        "bruising", "bruise", "bruised", "burn", "burns", "fracture", "fractured", "head injury",
        "facial injury", "injury", "injuries", "mark on", "marks on", "cut to", "black eye")),
    EventKind("ppn", "PPN", ("police protection notice", "public protection notice")),
    EventKind("dash", "DASH", ("dash", "risk indicator checklist"), shared=False),
    EventKind("cp_plan", "Child protection plan", ("child protection plan", "subject of a plan")),
    EventKind("return_interview", "Return home interview", (
        "return home interview", "return interview"), shared=False),
    EventKind("home_visit", "Home visit", (
        "home visit", "visit to the home", "visit the home", "visit at home", "visit to home",
        "unannounced visit", "announced visit", "statutory visit", "new birth visit"), shared=False),
    EventKind("gp_appointment", "GP appointment", (
        "gp appointment", "gp consultation", "gp review", "seen by gp", "saw gp", "attend gp",
        "attend surgery", "surgery appointment", "appointment with gp", "telephone consultation"),
        shared=False),
    EventKind("no_access", "No access", (
        "no access", "no reply at the door", "no answer at the door", "card left", "calling card left",
        "card through the door"), shared=False, routine=True),
    EventKind("dna", "Did not attend", (
        "did not attend", "was not brought", "failed to attend", "no show",
        "missed appointment", "missed appointments", "missed visit", "missed visits", "missed contact",
        "missed session"), shared=False),
    EventKind("health_review", "Health review", (
        "developmental review", "development review", "development check", "health review",
        "health assessment", "month review", "year review"), shared=False),
    EventKind("assessment", "Assessment", (
        "single assessment", "child and family assessment", "core assessment", "initial assessment",
        "early help assessment"), shared=False),
    EventKind("referral", "Referral", ("referral", "referred"), shared=False),
    EventKind("phone_call", "Telephone call", (
        "telephone call", "phone call", "telephone contact", "telephone", "phoned"), shared=False),
)

KIND_BY_NAME: dict[str, EventKind] = {kind.name: kind for kind in KINDS}

#: Roles and services whose names hold a kind's words but name no event: the IDVA is an
#: advisor, not a domestic violence incident ("Telephone call to IDVA regarding MARAC").
ROLES: tuple[str, ...] = (
    "independent domestic violence advisor", "independent domestic violence advisor service",
    "domestic abuse service", "domestic abuse worker", "domestic abuse advisor")

#: Written forms with punctuation, rewritten (in one pass) before the text is split.
_REWRITE = re.compile(
    r"(?P<possessive>'s\b)|(?P<ae>\ba\s*(?:&|and|n|/)\s*e\b)"
    r"|(?P<section>\bs(?:ec(?:tion)?)?\.?\s*(?P<number>\d{1,3})\b)|(?P<hv>\bh/v\b)|(?P<amp>&)",
    re.ASCII,
)
_REWRITTEN = {"possessive": "", "ae": " emergency department ", "hv": " home visit ", "amp": " and "}


def _rewrite(found: re.Match[str]) -> str:
    if found.group("section"):
        return f" section {found.group('number')} "
    return _REWRITTEN[next(name for name in _REWRITTEN if found.group(name))]


#: Abbreviations and short forms reviewers meet in agency chronologies (see DOMAIN.md).
ABBREVIATIONS: dict[str, str] = {
    "icpc": "initial child protection conference", "rcpc": "review child protection conference",
    "cpc": "child protection conference", "cp": "child protection", "cpp": "child protection plan",
    "cin": "child in need", "ed": "emergency department", "ae": "emergency department",
    "dna": "did not attend", "wnb": "was not brought", "fta": "failed to attend",
    "hv": "health visitor", "sw": "social worker", "mw": "midwife",
    "csc": "childrens social care", "cs": "childrens services", "da": "domestic abuse",
    "dv": "domestic violence", "ppn": "police protection notice",
    "mash": "multi agency safeguarding hub", "marac": "multi agency risk assessment conference",
    "lado": "local authority designated officer", "idva": "independent domestic violence advisor",
    "camhs": "child and adolescent mental health service", "mfh": "missing from home",
    "rhi": "return home interview", "fte": "fixed term exclusion", "tac": "team around the child",
    "taf": "team around the family", "eha": "early help assessment", "strat": "strategy",
    "mtg": "meeting", "conf": "conference", "appt": "appointment", "tel": "telephone",
    "hosp": "hospital", "assmt": "assessment", "nfa": "no further action",
    "cse": "child sexual exploitation", "mha": "mental health act", "mca": "mental capacity act",
    "dsl": "designated safeguarding lead", "ppu": "public protection unit",
    "asb": "anti social behaviour", "lac": "looked after child", "cla": "child looked after",
    "epo": "emergency protection order", "paed": "paediatric", "paeds": "paediatric",
    "mau": "medical assessment unit", "miu": "minor injuries unit", "ucc": "urgent care centre",
    "gp": "gp", "gps": "gp", "grp": "group",
    "sar": "safeguarding adults review", "asc": "adult social care", "edt": "emergency duty team",
    "dn": "district nurse", "dns": "district nurse", "dnacpr": "do not attempt cardiopulmonary resuscitation",
    "dnar": "do not attempt resuscitation", "dnr": "do not resuscitate", "bi": "best interests",
    "dvpn": "domestic violence protection notice", "dvpo": "domestic violence protection order",
    "dapn": "domestic abuse protection notice", "dapo": "domestic abuse protection order",
    "dvds": "domestic violence disclosure scheme", "nfs": "non fatal strangulation",
    "ccb": "coercive and controlling behaviour", "rui": "released under investigation",
    "cfw": "concern for welfare", "amhp": "approved mental health professional",
    "crht": "crisis resolution home treatment team", "htt": "home treatment team",
    "cmht": "community mental health team", "cpn": "community psychiatric nurse",
    "yas": "ambulance", "nwas": "ambulance", "wmas": "ambulance", "secamb": "ambulance",
    "eeast": "ambulance", "swast": "ambulance", "nhsp": "ambulance", "neas": "ambulance",
    "emas": "ambulance", "scas": "ambulance", "las": "ambulance",
    "ehe": "elective home education", "ehcp": "education health and care plan",
    "fpn": "fixed penalty notice", "ewo": "education welfare officer", "send": "special educational needs",
    "mdt": "multi disciplinary team", "dols": "deprivation of liberty safeguards",
    "ot": "occupational therapist", "d2a": "discharge to assess", "sn": "school nurse",
    "abh": "actual bodily harm", "gbh": "grievous bodily harm",
    "didn": "did not", "wasn": "was not", "ssw": "senior social worker", "inc": "incident", "dom": "domestic",
}

_STOPWORD_TEXT = """
a an and the of to in on at for with by from re regarding about as into via per was were is
are be been being has had have this that these those it its he she they them his her their
him we our us i me my you your there then than who which what when where while also not no
but or if so do does did done made make held took part record recorded note noted details
entry contact update today same following further new s"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

JOINT_WORDS: frozenset[str] = frozenset({"joint", "jointly", "accompani", "alongside", "together"})

#: Words (normalised) that say the agency was told of the event rather than took part:
#: "EDT notified by police that...", "Informed by hospital", "PPN received".
NOTICE_WORDS: frozenset[str] = frozenset({
    "notifi", "notify", "notification", "inform", "told", "aware", "advis", "receiv", "passed"})

#: Words (normalised) that make a following kind the context, not the event itself:
#: "following the strategy discussion", "outcome of ICPC", "re core group".
CONTEXT_WORDS: frozenset[str] = frozenset({
    "follow", "after", "outcome", "since", "prior", "before", "ahead", "about", "re", "regard",
    "result", "explain", "due", "previou", "last", "recent"})
_CONTEXT_REACH = 3  # how many words before a kind phrase may mark it as context

_WORD = re.compile(r"[a-z0-9]+", re.ASCII)


#: Words the stem must leave alone: "missed" (an appointment) is not "missing" (a child).
_UNSTEMMED = frozenset({"missed"})


def stem(word: str) -> str:
    """A light English stem: enough to make 'visits', 'visited' and 'visit' one word."""
    if word in _UNSTEMMED:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


def _expand(word: str) -> tuple[str, ...]:
    expansion = ABBREVIATIONS.get(word)
    if expansion is None:
        stemmed = stem(word)
        expansion = ABBREVIATIONS.get(stemmed, stemmed)
    return tuple(stem(part) for part in expansion.split())


def normalise(text: str) -> list[str]:
    """Words of ``text``: lower case, abbreviations expanded, lightly stemmed."""
    value = unicodedata.normalize("NFKC", text).lower()
    value = _REWRITE.sub(_rewrite, value)
    words: list[str] = []
    for word in _WORD.findall(value):
        words.extend(_cached_expand(word))
    return words


@lru_cache(maxsize=20_000)
def _cached_expand(word: str) -> tuple[str, ...]:
    return _expand(word)


def _phrase_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for kind in KINDS:
        for phrase in kind.phrases:
            table.setdefault(" ".join(normalise(phrase)), kind.name)
    for role in ROLES:
        table.setdefault(" ".join(normalise(role)), "")
    return table


_PHRASE_KIND = _phrase_table()
# Longest phrase first, so "initial child protection conference" wins over the
# "child protection conference" inside it.
_PHRASES = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(p) for p in sorted(_PHRASE_KIND, key=len, reverse=True))
    + r")(?![a-z0-9])",
    re.ASCII,
)


@dataclass(frozen=True)
class EventWords:
    """What an entry's text says, ready for comparison.

    ``kinds`` are the canonical kinds the text names as its event, in order of
    mention, so the first is the main kind; ``context`` the kinds it names only as
    context ("following the ICPC"), whose words are left out of ``content``;
    ``content`` the distinct meaningful words, sorted and space-joined, with a
    ``kind:NAME`` word for each kind so that two wordings of one kind share a word;
    ``residual`` the same without the words that named the kinds; ``joint`` whether
    the text says the work was done together with another agency; ``main`` the
    main kind (None if no known kind), ``shared`` whether several agencies take
    part in events of that kind, and ``words`` the content words as a set (all
    three derived). ``notice`` says the agency was told of the event ("notified by
    police"); ``incidents`` are the kinds named that several agencies record and that
    are not routine rows; ``routine`` whether the main kind is a routine row.
    """

    kinds: tuple[str, ...]
    context: tuple[str, ...]
    content: str
    residual: str
    joint: bool
    notice: bool = False
    main: str | None = field(init=False)
    shared: bool = field(init=False)
    words: frozenset[str] = field(init=False)
    incidents: frozenset[str] = field(init=False)
    routine: bool = field(init=False)

    def __post_init__(self) -> None:
        # Stored, not computed on each use: the matcher reads these for every pair.
        main = self.kinds[0] if self.kinds else None
        object.__setattr__(self, "main", main)
        object.__setattr__(self, "shared", main is not None and KIND_BY_NAME[main].shared)
        object.__setattr__(self, "words", frozenset(self.content.split()))
        # An account of an incident also names the incidents it gives as its cause ("conveyed
        # to ED after a fall"); an agency's own work only the ones it is about.
        named = self.kinds + self.context if self.shared and not _is_meeting(main) else self.kinds
        object.__setattr__(self, "incidents", incident_kinds(named))
        object.__setattr__(self, "routine", main is not None and KIND_BY_NAME[main].routine)


def _is_meeting(kind: str | None) -> bool:
    return kind is not None and KIND_BY_NAME[kind].meeting


def _content(words: list[str]) -> str:
    return " ".join(sorted({w for w in words if w not in STOPWORDS and len(w) > 1}))


_KIND_WORDS: frozenset[str] = frozenset(w for p in _PHRASE_KIND for w in p.split() if len(w) > 4)


@lru_cache(maxsize=50_000)
def correct(word: str) -> str:
    """A misspelt kind word put right ('stratergy', 'confrence'); other words unchanged."""
    if len(word) < 6 or word in _KIND_WORDS or not word.isalpha():
        return word
    found = process.extractOne(word, _KIND_WORDS, scorer=fuzz.ratio, score_cutoff=88)
    return found[0] if found and found[0][0] == word[0] else word


def _read_kinds(joined: str) -> tuple[list[str], list[str], str, str]:
    """Kinds named as the event, kinds named as context, the text without context phrases,
    and the text without any kind's phrase (one scan gives all four)."""
    main: list[str] = []
    context: list[str] = []
    kept: list[str] = []
    bare: list[str] = []
    last_end = 0
    for found in _PHRASES.finditer(joined):
        between = joined[last_end:found.start()]
        kind = _PHRASE_KIND[found.group(0)]
        if not kind:
            continue  # a role named, not an event: its words stay in the text
        is_context = bool(CONTEXT_WORDS.intersection(between.split()[-_CONTEXT_REACH:]))
        (context if is_context else main).append(kind)
        kept.append(between if is_context else joined[last_end:found.end()])
        bare.append(between)
        last_end = found.end()
    kept.append(joined[last_end:])
    bare.append(joined[last_end:])
    return list(dict.fromkeys(main)), list(dict.fromkeys(context)), "".join(kept), " ".join(bare)


def describe(text: str) -> EventWords:
    """Read free text into :class:`EventWords`."""
    main, context, kept, bare = _read_kinds(" ".join(correct(word) for word in normalise(text)))
    words = kept.split()
    # An account of an incident is also about the incident it gives as the cause ("ED
    # attendance after an assault"): that kind is a word it shares with the assault's record.
    first = main[0] if main else None
    causes = incident_kinds(tuple(context)) if first and KIND_BY_NAME[first].shared and not _is_meeting(first) \
        else frozenset()
    return EventWords(
        kinds=tuple(main),
        context=tuple(context),
        content=_content(words + [f"kind:{kind}" for kind in main] + [f"kind:{kind}" for kind in sorted(causes)]),
        residual=_content(bare.split()),
        joint=any(w in JOINT_WORDS for w in words),
        notice=any(w in NOTICE_WORDS for w in words),
    )


@lru_cache(maxsize=4096)
def incident_kinds(kinds: tuple[str, ...]) -> frozenset[str]:
    """The kinds among ``kinds`` that several agencies record and that are not routine rows."""
    return frozenset(k for k in kinds if KIND_BY_NAME[k].shared and not KIND_BY_NAME[k].routine)


def agreement(a: EventWords, b: EventWords) -> str:
    """How two texts' kinds relate (see :func:`kinds_agreement`)."""
    return kinds_agreement(a.kinds, b.kinds)


@lru_cache(maxsize=4096)
def kinds_agreement(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """How two texts' kinds relate: 'same', 'related', 'different' or 'unknown'.

    'same': both have the same main kind. 'related': one's main kind is among the
    other's kinds, or is the broader (parent) form of it. 'overlap': the main kinds
    differ but both name some incident another agency also records (the caller's
    "concern for welfare ... forced entry" and the notified agency's "officers forced
    entry"). 'different': both name kinds and none of the above holds. 'unknown':
    either names no known kind.
    """
    if not a or not b:
        return "unknown"
    if a[0] == b[0]:
        return "same"
    if a[0] in b or b[0] in a or KIND_BY_NAME[a[0]].parent == b[0] or KIND_BY_NAME[b[0]].parent == a[0]:
        return "related"
    if incident_kinds(a) & incident_kinds(b):
        return "overlap"
    return "different"


def clear_caches() -> None:
    """Forget cached word readings (benchmarks time a cold start with this)."""
    _cached_expand.cache_clear()
    correct.cache_clear()
    kinds_agreement.cache_clear()
    incident_kinds.cache_clear()


def kind_label(name: str) -> str:
    """The reader's name for a kind, e.g. 'Strategy discussion'."""
    return KIND_BY_NAME[name].label if name in KIND_BY_NAME else name
