"""A labelled synthetic chronology for measuring the same-event matcher.

``make_labelled_set`` builds entries from several agencies with a known answer:
which entries are one event recorded by several agencies (each described in that
agency's own words and abbreviations), and which are not. It deliberately adds
what makes matching hard:

- many same-day entries that are different events (a domestic incident and a home
  visit; a health visitor's and a social worker's own home visits on one day);
- a few events recorded by one agency only, of kinds other agencies usually attend;
- events where one agency's date is 3 to 12 days off the others' (true groups
  whose dates conflict), one day off, or written as a month;
- times on some police entries, and coarse background entries ("Summer 2014").

Everything is made up and seeded, so a seed always gives the same set.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from scrchron.records.case_records import Entry

POLICE, CSC, HV, GP, ED, SCHOOL = (
    "Police", "Children's Social Care", "Health Visiting", "GP", "Emergency Department", "School")
MIDWIFE, HOUSING, PROBATION, CAMHS = "Midwifery", "Housing", "Probation", "CAMHS"
SIX_AGENCIES = (POLICE, CSC, HV, GP, ED, SCHOOL)
TEN_AGENCIES = (*SIX_AGENCIES, MIDWIFE, HOUSING, PROBATION, CAMHS)

DETAILS = ("head injury", "burn to hand", "bruising to face", "fractured wrist", "swallowed tablets")

#: kind -> agency -> ways that agency words it. ``*`` is any other agency.
SHARED_EVENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "strategy": {
        CSC: ("Strategy discussion with police and health; threshold for S47 met",
              "Strategy meeting chaired by team manager - single agency enquiry agreed",
              "Strat discussion re {detail}; section 47 enquiries to start"),
        POLICE: ("Strategy meeting with CSC and health - joint S47 agreed",
                 "DS PPU took part in strategy discussion with children's social care",
                 "Strategy discussion: police checks shared, joint investigation"),
        HV: ("Named nurse took part in the strategy discussion",
             "HV contributed to stratergy discussion by phone",
             "Strategy discussion record"),
        "*": ("Strategy discussion record received", "Attended strategy discussion",
              "Invited to strategy mtg; information shared",
              "Following the domestic incident, strategy discussion held"),
    },
    "icpc": {
        CSC: ("Initial child protection conference: children made subject of CP plans (neglect)",
              "ICPC held - plan made under category of emotional harm"),
        POLICE: ("ICPC attended by DC from PPU", "Police report provided to initial conference"),
        HV: ("HV attended initial child protection conference", "Initial CP conference - HV report given"),
        "*": ("Attended ICPC", "Report submitted to initial child protection confrence",
              "Initial conference attended by DSL"),
    },
    "rcpc": {
        CSC: ("Review child protection conference - plans continue", "RCPC: children remain on CP plans"),
        HV: ("RCPC attended by HV", "Review conference: HV reported missed appointments"),
        "*": ("Attended review conference", "Report to RCPC", "Review CP conference attended"),
    },
    "core_group": {
        CSC: ("Core group meeting held; plan reviewed", "Core group - mother did not attend"),
        HV: ("Core group attended by HV", "HV at core group meeting, progress discussed"),
        "*": ("Attended core group", "Core group meeting at school", "Core grp mtg - actions agreed"),
    },
    "cin_review": {
        CSC: ("Child in need review meeting", "CIN review held - plan to continue"),
        "*": ("Attended CIN meeting", "CIN review at school", "Child in need review attended"),
    },
    "marac": {
        POLICE: ("Case heard at MARAC - high risk", "MARAC meeting: police actions set"),
        CSC: ("MARAC: information shared about the children", "Case discussed at MARAC"),
        "*": ("Attended MARAC", "MARAC meeting - agency actions noted",
              "Multi-agency risk assessment conference held"),
    },
    "ed_attendance": {
        ED: ("Attended ED with {detail}; mother said fall from sofa",
             "Presented to A&E with {detail} - safeguarding form completed"),
        GP: ("Notification of A&E attendance - {detail}", "ED discharge summary: {detail}"),
        HV: ("HV notified of ED attendance ({detail})", "A&E liaison: child attended with {detail}"),
        CSC: ("Hospital attendance notification received: {detail}", "ED attendance reported by hospital"),
        "*": ("Informed of A&E attendance with {detail}",),
    },
    "missing": {
        POLICE: ("Child T reported missing by mother; found next morning",
                 "Missing person report - returned home 0200hrs"),
        CSC: ("Missing episode notified by police", "Police informed SW that Child T went missing"),
        "*": ("Informed Child T was missing from home overnight",),
    },
    "arrest": {
        POLICE: ("Mother's partner arrested for {detail} to mother", "Partner arrested and held in custody"),
        CSC: ("Police informed SW partner arrested", "Partner arrested - bail conditions not to attend"),
        "*": ("Informed that partner was arrested",),
    },
    "exclusion": {
        SCHOOL: ("Fixed term exclusion (3 days) for assaulting a peer", "Child T excluded for 2 days"),
        CSC: ("School informed SW of fixed term exclusion", "FTE from school - SW informed"),
        "*": ("Informed of exclusion from school",),
    },
    "left_alone": {
        POLICE: ("Concern for welfare: children found home alone, mother returned 2200",
                 "Officers attended - children left home alone overnight"),
        CSC: ("Police notification: children left home alone overnight",
              "Children found home alone by police officers"),
        "*": ("Informed children were left home alone overnight",),
    },
    "cp_medical": {
        CSC: ("CP medical arranged - {detail}", "Child protection medical: {detail} consistent with NAI"),
        POLICE: ("Attended child protection medical", "CP medical - officer present ({detail})"),
        "*": ("Paediatric medical examination: {detail}", "Child protection medical completed"),
    },
}

#: Which agencies take part in each shared event (first ones most often).
PARTICIPANTS: dict[str, tuple[str, ...]] = {
    "strategy": (CSC, POLICE, HV, GP, SCHOOL, ED, CAMHS),
    "icpc": (CSC, POLICE, HV, SCHOOL, GP, HOUSING, PROBATION),
    "rcpc": (CSC, HV, SCHOOL, POLICE, GP, HOUSING),
    "core_group": (CSC, HV, SCHOOL, HOUSING, CAMHS),
    "cin_review": (CSC, SCHOOL, HV, CAMHS),
    "marac": (POLICE, CSC, HV, GP, HOUSING, PROBATION),
    "ed_attendance": (ED, GP, HV, CSC, SCHOOL),
    "missing": (POLICE, CSC, SCHOOL, CAMHS),
    "arrest": (POLICE, CSC, PROBATION, HOUSING),
    "exclusion": (SCHOOL, CSC, CAMHS),
    "cp_medical": (CSC, POLICE, ED),
    "left_alone": (POLICE, CSC, SCHOOL, HV),
}

#: Own contacts that mention a shared event in passing: a different event, recorded on
#: the day of that event by an agency that was not part of it.
MENTIONS: dict[str, tuple[str, ...]] = {
    "strategy": ("Home visit to explain the outcome of the strategy discussion to mother",
                 "Telephone call to mother about the strategy meeting"),
    "core_group": ("GP appointment - mother upset after the core group",
                   "Home visit following core group"),
    "missing": ("Child T tired in class after the missing episode",),
    "icpc": ("Home visit ahead of the ICPC; mother anxious",),
    "marac": ("Telephone call to IDVA regarding MARAC",),
    "ed_attendance": ("Home visit after the A&E attendance: child well",),
}

#: Single-agency contacts: each agency's own work, never one event with another's.
OWN_CONTACTS: dict[str, tuple[str, ...]] = {
    POLICE: ("Domestic incident reported by neighbour; DASH standard risk, PPN submitted",
             "Call from mother: partner shouting at the door", "Welfare check at home address",
             "Mother reported harassment by ex-partner", "ASB complaint about the household"),
    CSC: ("Home visit by SW - children seen, home conditions poor", "Telephone call to mother re appointment",
          "Supervision: case discussed with manager", "Unannounced visit - no answer",
          "Single assessment started"),
    HV: ("Home visit: weight checked, mother low in mood", "8 month developmental review at clinic",
         "Telephone contact with mother", "Did not attend clinic appointment", "New birth visit"),
    GP: ("GP appointment: mother seen for anxiety", "Child T DNA immunisation appointment",
         "Repeat prescription issued to mother", "Telephone consultation with mother re sleep",
         "Letter from hospital: outpatient review"),
    ED: ("Mother attended minor injuries with sprained ankle", "Child T seen in paediatric clinic",
         "Safeguarding liaison review of attendances"),
    SCHOOL: ("Late to school; uniform unwashed", "Attendance letter sent home",
             "Child T upset in class, spoke to DSL", "Parents evening - mother attended",
             "Nurture group session"),
    MIDWIFE: ("Antenatal booking appointment", "Midwife home visit post-natal"),
    HOUSING: ("Rent arrears letter sent", "Repairs visit to property", "Housing officer home visit"),
    PROBATION: ("Supervision appointment with partner", "Partner failed to attend probation appointment"),
    CAMHS: ("CAMHS appointment: low mood assessment", "CAMHS telephone review"),
}

COARSE_NOTES = ("Summer {year}: family moved to a new address", "{year}: mother's new relationship",
                "Autumn {year} - health visitor caseload transferred")


@dataclass
class LabelledSet:
    """Entries with their true same-event groups (entry ids)."""

    entries: list[Entry]
    groups: list[frozenset[int]] = field(default_factory=list)
    agencies: dict[int, str] = field(default_factory=dict)
    #: The kind of event each true group is, as the generator wrote it (beside ``groups``).
    kinds: list[str] = field(default_factory=list)

    def true_pairs(self) -> set[frozenset[int]]:
        """Every pair of entries that are one event."""
        return pairs_of(self.groups)


def pairs_of(groups: Iterable[Collection[int]]) -> set[frozenset[int]]:
    """Every pair inside any of ``groups``."""
    return {frozenset(pair) for group in groups for pair in combinations(sorted(group), 2)}


def precision_recall(proposed: Iterable[Collection[int]], truth: Iterable[Collection[int]]
                     ) -> tuple[float, float]:
    """Pairwise precision and recall of proposed groups against the true groups."""
    got, want = pairs_of(proposed), pairs_of(truth)
    hits = len(got & want)
    return (hits / len(got) if got else 1.0, hits / len(want) if want else 1.0)


@dataclass
class _Draft:
    agency: str
    text: str
    day: date
    precision: str = "day"
    end: date | None = None
    time: str | None = None
    label: int | None = None
    kind: str | None = None


class _Builder:
    def __init__(self, seed: int, agencies: tuple[str, ...], first: date, days: int,
                 spread: bool = True) -> None:
        self.rng = random.Random(seed)
        self.spread = spread
        self.agencies = agencies
        self.first = first
        self.days = days
        self.drafts: list[_Draft] = []
        self.taken: dict[str, list[date]] = {}

    def day(self) -> date:
        return self.first + timedelta(days=self.rng.randrange(self.days))

    def free_day(self, kind: str) -> date:
        """A day at least three weeks from any other event of this kind (as in life).

        A case too dense for that (the 20,000-entry stress set has an event of each kind
        about every week) gets the day, of 50 tried, farthest from the others of its kind:
        the events are as far apart as the case allows, never two on one day by chance
        when another day was free. Without ``spread`` (the placement before issue 20's
        fix, kept so the bench can show it) the last day tried is taken, whatever lies there.
        """
        taken = self.taken.setdefault(kind, [])
        best, best_gap = self.day(), -1
        for attempt in range(50):
            day = best if attempt == 0 else self.day()
            gap = min((abs((day - other).days) for other in taken), default=self.days)
            if gap > 21:
                best = day
                break
            if gap > best_gap or not self.spread:
                best, best_gap = day, gap
        taken.append(best)
        return best

    def wording(self, kind: str, agency: str, detail: str) -> str:
        options = SHARED_EVENTS[kind].get(agency) or SHARED_EVENTS[kind]["*"]
        return self.rng.choice(options).format(detail=detail)

    def shared_event(self, label: int) -> date:
        kind = self.rng.choice(list(SHARED_EVENTS))
        present = [a for a in PARTICIPANTS[kind] if a in self.agencies]
        size = min(len(present), self.rng.choice((2, 2, 2, 3, 3, 4)))
        chosen = [present[0], *self.rng.sample(present[1:], size - 1)]
        day, detail = self.free_day(kind), self.rng.choice(DETAILS)
        shifted = self.rng.random() < 0.12
        for n, agency in enumerate(chosen):
            draft = _Draft(agency, self.wording(kind, agency, detail), day, label=label, kind=kind)
            if n == len(chosen) - 1 and shifted:
                draft.day = day + timedelta(days=self.rng.choice((-1, 1)) * self.rng.randint(3, 12))
            elif n > 0 and self.rng.random() < 0.15:
                draft.day = day + timedelta(days=self.rng.choice((-1, 1)))
            elif n > 0 and self.rng.random() < 0.05:
                draft.precision, draft.day, draft.end = "month", day.replace(day=1), _month_end(day)
            if agency == POLICE and self.rng.random() < 0.5:
                time = f"{self.rng.randint(8, 22):02d}:{self.rng.choice((0, 15, 30, 45)):02d}"
                if draft.precision == "day":  # a time on a date written as a month ("May-15 21:30") is no date
                    draft.time = time
            self.drafts.append(draft)
        self.mention(kind, day, chosen)
        return day

    def mention(self, kind: str, day: date, chosen: list[str]) -> None:
        others = [a for a in (CSC, HV, GP, SCHOOL) if a in self.agencies and a not in chosen]
        if kind in MENTIONS and others and self.rng.random() < 0.5:
            self.drafts.append(_Draft(self.rng.choice(others), self.rng.choice(MENTIONS[kind]), day))

    def own_contact(self, day: date, agency: str | None = None) -> None:
        agency = agency or self.rng.choice(self.agencies)
        self.drafts.append(_Draft(agency, self.rng.choice(OWN_CONTACTS[agency]), day))

    def lone_shared(self) -> None:
        kind = self.rng.choice(list(SHARED_EVENTS))
        agency = self.rng.choice([a for a in PARTICIPANTS[kind] if a in self.agencies])
        text = self.wording(kind, agency, self.rng.choice(DETAILS))
        self.drafts.append(_Draft(agency, text, self.free_day(kind)))

    def coarse(self) -> None:
        year = self.day().year
        text = self.rng.choice(COARSE_NOTES).format(year=year)
        start, end = (date(year, 6, 1), date(year, 8, 31)) if "Summer" in text else (
            (date(year, 9, 1), date(year, 11, 30)) if "Autumn" in text else (date(year, 1, 1), date(year, 12, 31)))
        self.drafts.append(_Draft(self.rng.choice(self.agencies), text, start,
                                  "season" if start.month != 1 else "year", end))


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def make_labelled_set(seed: int = 2024, *, groups: int = 60, agencies: tuple[str, ...] = SIX_AGENCIES,
                      same_day_noise: int = 3, background: int = 80, lone_shared: int = 8,
                      first: date = date(2014, 1, 1), days: int = 730, spread: bool = True) -> LabelledSet:
    """Build a labelled set: ``groups`` true groups, each with same-day noise around it
    (``spread``: see :meth:`_Builder.free_day`)."""
    builder = _Builder(seed, agencies, first, days, spread)
    for label in range(groups):
        day = builder.shared_event(label)
        for _ in range(builder.rng.randint(1, same_day_noise * 2 - 1)):
            builder.own_contact(day + timedelta(days=builder.rng.choice((0, 0, 0, 1, -1))))
    for _ in range(background):
        builder.own_contact(builder.day())
    for _ in range(lone_shared):
        builder.lone_shared()
    for _ in range(max(1, background // 40)):
        builder.coarse()
    return _finish(builder, agencies)


def _finish(builder: _Builder, agencies: tuple[str, ...]) -> LabelledSet:
    drafts = builder.drafts
    builder.rng.shuffle(drafts)
    agency_ids = {name: n + 1 for n, name in enumerate(agencies)}
    entries: list[Entry] = []
    truth: dict[int, set[int]] = {}
    kinds: dict[int, str] = {}
    for n, draft in enumerate(drafts, start=1):
        entries.append(_entry(n, draft, agency_ids[draft.agency]))
        if draft.label is not None:
            truth.setdefault(draft.label, set()).add(n)
            kinds[draft.label] = draft.kind or ""
    labels = [label for label, ids in truth.items() if len(ids) > 1]
    return LabelledSet(entries, [frozenset(truth[label]) for label in labels], {v: k for k, v in agency_ids.items()},
                       [kinds[label] for label in labels])


def _entry(entry_id: int, draft: _Draft, agency_id: int) -> Entry:
    start = draft.day.isoformat() + (f"T{draft.time}" if draft.time else "")
    end = draft.end.isoformat() if draft.end else start
    written = {"day": draft.day.strftime("%d/%m/%Y"), "month": draft.day.strftime("%b-%y")}
    return Entry(agency_id=agency_id, agency=draft.agency, event=draft.text, id=entry_id,
                 date_text=written.get(draft.precision, draft.day.strftime("%Y")), start=start, end=end,
                 precision="time" if draft.time else draft.precision, time=draft.time,
                 seq=float(entry_id), row=entry_id, sheet="Sheet1")


def first_entries(labelled: LabelledSet, count: int) -> LabelledSet:
    """The first ``count`` entries (the set is shuffled) with the true groups cut to them."""
    entries = labelled.entries[:count]
    kept = {entry.id for entry in entries}
    cut = [(group & kept, kind) for group, kind in zip(labelled.groups, labelled.kinds or [""] * len(labelled.groups),
                                                        strict=True) if len(group & kept) > 1]
    return LabelledSet(entries, [frozenset(g) for g, _ in cut], labelled.agencies, [kind for _, kind in cut])


def crowded_pairs(labelled: LabelledSet) -> int:
    """True pairs whose event has another event of the same kind within a day of one of its
    accounts: which accounts belong to which is then a guess for anyone reading them."""
    day = {entry.id: date.fromisoformat((entry.start or "")[:10]).toordinal() for entry in labelled.entries}
    days_of_kind: dict[str, list[tuple[int, int]]] = {}
    for n, (group, kind) in enumerate(zip(labelled.groups, labelled.kinds, strict=True)):
        days_of_kind.setdefault(kind, []).extend((day[i], n) for i in group)
    for found in days_of_kind.values():
        found.sort()
    crowded = 0
    for n, (group, kind) in enumerate(zip(labelled.groups, labelled.kinds, strict=True)):
        near = days_of_kind[kind]
        if any(m != n for i in group for _, m in near[bisect_left(near, (day[i] - 1, -1)):
                                                     bisect_right(near, (day[i] + 1, len(labelled.groups)))]):
            crowded += len(group) * (len(group) - 1) // 2
    return crowded
