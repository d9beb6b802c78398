"""A labelled chronology set from three kinds of review: children's (CSPR), adults' (SAR), DHR.

Issue 20 asked for a labelled set built from the wording agencies use in each kind of
review, not from the matcher. The wordings below are written the way each agency's
chronology puts things, with the vocabulary checked against the public sources in
tests/data/event_words_sources.tsv (safeguarding adults procedures and glossaries,
domestic abuse disclosure and protection-order guidance, ambulance and Mental Health
Act guidance). Each event is recorded by the agency that did it, by agencies that took
part, and sometimes by an agency told of it afterwards (the same day or the next).
The answer (which entries are one event) is fixed when the entries are written, never
by running the matcher. Around each event go the routine rows that make real cases
dense: a care provider's four daily calls, district nurses' "No access; card left",
GP consultations, IDVA safety-planning calls.

Everything is invented and seeded: a seed always gives the same set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from merge_fixtures import LabelledSet, _Draft, _entry

#: review -> event name -> agency -> wordings. The first agency is the one that did it.
EVENTS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "sar": {
        "forced_entry": {
            "Police": ("Concern for welfare call from a neighbour: Adult A not seen for days. Officers "
                       "forced entry, Adult A found on the floor, ambulance requested",
                       "CFW: daughter unable to reach Adult A. Officers attended and gained entry via the "
                       "back door; Adult A on the floor, ambulance called"),
            "Ambulance Service": ("Called by police to a concern for welfare at the address; patient found "
                                  "on the floor after a fall, conveyed to ED",
                                  "Crew attended with police who forced entry; elderly female on floor for "
                                  "some hours, conveyed to hospital"),
            "Adult Social Care": ("EDT notified by police that officers and an ambulance crew forced entry to "
                                  "Adult A's flat; taken to hospital. Safeguarding concern logged",
                                  "Police notification: forced entry at Adult A's home overnight, Adult A "
                                  "in hospital; duty team to follow up"),
            "Hospital": ("Attended ED by ambulance after being found on the floor at home by police",),
        },
        "fall": {
            "Ambulance Service": ("999 call: Adult A had a fall at home, unable to get up; conveyed to ED",
                                  "Paramedic attended a fall at home; not conveyed, GP to review"),
            "Care Provider": ("Carer found Adult A on the floor at the morning call; 999 called, ambulance "
                              "attended", "Adult A had a fall before the lunch call; ambulance called by carer"),
            "Hospital": ("Attended ED by ambulance following a fall at home; no fracture",),
            "GP": ("Ambulance service notified practice of a fall at home; not conveyed",),
        },
        "safeguarding_concern": {
            "Care Provider": ("Safeguarding concern raised: unexplained bruising to both arms",
                              "Raised a safeguarding concern with the council: bruising to arms noted at "
                              "personal care"),
            "Adult Social Care": ("Safeguarding adults concern received from the care provider: bruising "
                                  "to arms", "Adult safeguarding concern: bruising to arms reported by carers; "
                                  "section 42 criteria considered"),
            "Police": ("Informed by adult social care of a safeguarding concern: bruising to arms",),
        },
        "s42_strategy": {
            "Adult Social Care": ("Section 42 enquiry: strategy meeting held with police and health",
                                  "S42 strategy discussion: enquiry to continue, police to lead"),
            "Police": ("Attended adult safeguarding strategy meeting (S42)",
                       "S42 strategy meeting - police checks shared"),
            "GP": ("GP contributed to the section 42 strategy meeting by phone",),
            "District Nursing": ("District nurse attended s42 strategy meeting",),
        },
        "discharge": {
            "Hospital": ("Discharged home from the ward with a package of care, four calls a day",
                         "Discharged from hospital; discharge to assess"),
            "Adult Social Care": ("Hospital discharge: care package restarted at four calls a day",
                                  "Discharge planning meeting: package of care agreed for discharge home"),
            "GP": ("Discharge summary received from the hospital", "Discharge letter received: admitted "
                   "after a fall, home with care"),
            "Care Provider": ("Care package restarted following discharge from hospital",),
        },
        "best_interests": {
            "Adult Social Care": ("Best interests meeting about a move to residential care",
                                  "Best interest decision meeting: accommodation"),
            "Hospital": ("Best interests meeting on the ward with family and social worker",),
            "GP": ("Attended best interests meeting regarding accommodation",),
        },
        "dnacpr": {
            "GP": ("DNACPR discussed with Adult A and daughter; form completed",
                   "Do not attempt resuscitation decision made with family"),
            "District Nursing": ("DNACPR form seen in the home, completed by the GP today",),
            "Care Provider": ("Informed by GP that a DNACPR is now in place",),
        },
        "mha": {
            "Mental Health Trust": ("Mental Health Act assessment at home; detained under section 2",
                                    "MHA assessment: admitted under section 2"),
            "Adult Social Care": ("AMHP coordinated a Mental Health Act assessment; admitted under s2",),
            "Police": ("Officers assisted the AMHP at a Mental Health Act assessment at the address",),
        },
    },
    "dhr": {
        "domestic_incident": {
            "Police": ("Domestic incident: victim assaulted by partner at home. DASH high risk, PPN submitted",
                       "Call from victim: partner assaulted her; officers attended, DASH medium risk, PPN"),
            "IDVA Service": ("PPN received: domestic incident, high risk; IDVA referral accepted",
                             "Referral from police following a domestic incident; IDVA to contact"),
            "GP": ("Police notification of a domestic incident received (PPN)",),
            "Hospital": ("Attended ED with facial injury after an assault by partner",),
        },
        "marac": {
            "Police": ("Case heard at MARAC: actions for police", "MARAC meeting: police actions set"),
            "IDVA Service": ("MARAC: IDVA presented the case", "Attended MARAC; safety plan shared"),
            "Housing": ("MARAC meeting - housing actions noted",),
            "GP": ("MARAC information shared with the practice",),
        },
        "arrest": {
            "Police": ("Partner arrested for assault; charged and bailed with conditions not to contact",
                       "Partner arrested for breach of bail conditions; remanded in custody"),
            "Probation": ("Partner charged with assault; bail conditions not to contact the victim",),
            "IDVA Service": ("Informed by police that the partner was charged and bailed",),
        },
        "clares_law": {
            "Police": ("Clare's Law disclosure made to the victim (right to ask)",
                       "DVDS: right to know disclosure made to the victim"),
            "IDVA Service": ("Supported the victim at the Clare's Law disclosure",),
        },
        "dvpn": {
            "Police": ("DVPN served on the partner; DVPO application to the magistrates",
                       "DVPO granted by the magistrates court for 28 days"),
            "IDVA Service": ("Informed of the DVPN; safety planning with the victim",),
            "Housing": ("Notified of a DVPO: partner excluded from the property",),
        },
        "strangulation": {
            "Police": ("Victim disclosed non-fatal strangulation by partner; partner arrested",),
            "Hospital": ("Attended ED: bruising to the neck, reports being strangled by partner",),
            "IDVA Service": ("Victim told IDVA of strangulation by partner; MARAC referral",),
        },
        "nfa": {
            "Police": ("NFA: victim withdrew support for prosecution",
                       "No further action on the assault; victim declined to support"),
            "IDVA Service": ("Informed by police of no further action against the partner",),
        },
    },
    "cspr": {
        "strategy": {
            "Children's Social Care": ("Strategy discussion with police and health: threshold for S47 met",
                                       "Strat meeting: joint section 47 agreed"),
            "Police": ("Strategy meeting with CSC - joint S47 investigation",),
            "Health Visiting": ("Named nurse took part in the strategy discussion",),
            "School": ("DSL attended strategy meeting",),
        },
        "icpc": {
            "Children's Social Care": ("Initial child protection conference: subject of a CP plan, neglect",),
            "Health Visiting": ("HV attended ICPC; report given",),
            "School": ("Initial conference attended by DSL",),
            "Police": ("Police report provided to initial child protection conference",),
        },
        "ed_attendance": {
            "Hospital": ("Attended ED with a burn to the hand; mother said it was the iron",),
            "Health Visiting": ("HV notified of ED attendance with a burn to the hand",),
            "GP": ("ED discharge letter: burn to hand",),
            "Children's Social Care": ("Hospital safeguarding notification of ED attendance: burn",),
        },
        "ehe": {
            "School": ("Mother removed Child T from roll for elective home education",),
            "Children's Social Care": ("School notified CSC that Child T is now home educated",),
            "Education Welfare": ("Elective home education notification received from school",),
        },
        "missing": {
            "Police": ("Child T reported missing by mother; found next morning",),
            "Children's Social Care": ("Missing episode notified by police; return home interview offered",),
            "School": ("Informed Child T was missing from home overnight",),
        },
        "nursery_injury": {
            "Nursery": ("Nursery noted bruising to the cheek at drop-off; DSL informed CSC",),
            "Children's Social Care": ("Contact from nursery: bruising to the cheek seen at drop-off",),
            "Health Visiting": ("Informed by nursery of bruising to the cheek",),
        },
    },
}

#: review -> agency -> routine or own rows: each agency's own work, never one event with another's.
ROUTINE: dict[str, dict[str, tuple[str, ...]]] = {
    "sar": {
        "Care Provider": ("Morning call: personal care given, breakfast prepared, medication prompt",
                          "Lunch call: Adult A settled, meal taken", "Tea call: no concerns",
                          "Bed call: assisted to bed", "Lunch call: no answer at the door, card left"),
        "District Nursing": ("No access; card left", "District nurse visit: dressing changed",
                             "Pressure area care: skin intact"),
        "GP": ("GP consultation: chest infection, antibiotics", "Repeat prescription issued",
               "Telephone consultation with daughter about memory"),
        "Adult Social Care": ("Care Act assessment completed", "Telephone call to daughter re care package",
                              "Case review: no change to the package"),
        "Police": ("ASB report: noise from the flat above",),
        "Housing": ("Repairs request: boiler", "Tenancy visit: property cluttered"),
    },
    "dhr": {
        "GP": ("GP consultation: anxiety and low mood", "Repeat prescription: sertraline",
               "Did not attend GP appointment"),
        "IDVA Service": ("Telephone contact with the victim: safety plan reviewed", "No answer; voicemail left"),
        "Housing": ("Rent arrears letter sent", "Repairs visit to the property"),
        "Probation": ("Supervision appointment with the partner", "Partner failed to attend probation"),
        "Police": ("ASB: noise complaint about the address",),
        "Substance Misuse Service": ("Key worker appointment attended; prescription collected",),
    },
    "cspr": {
        "Health Visiting": ("Home visit: weight checked, mother low in mood", "Telephone contact with mother"),
        "School": ("Late to school; uniform unwashed", "Attendance letter sent home"),
        "GP": ("GP appointment: Child T seen for a cough", "Did not attend immunisation appointment"),
        "Children's Social Care": ("Home visit by SW - children seen", "Supervision: case discussed"),
        "Nursery": ("Nursery session attended; settled well",),
        "Education Welfare": ("Attendance meeting with mother",),
    },
}

#: Each review's period: its events and rows fall in these two years.
PERIODS = {"cspr": date(2016, 1, 1), "sar": date(2019, 1, 1), "dhr": date(2022, 1, 1)}
#: Events named with these words are told to some agencies the next day.
NEXT_DAY_WORDS = ("notifi", "informed", "notification", "received", "told")


@dataclass
class _World:
    rng: random.Random
    drafts: list[_Draft]
    label: int = 0

    def day(self, review: str) -> date:
        return PERIODS[review] + timedelta(days=self.rng.randrange(730))

    def event(self, review: str, wordings: dict[str, tuple[str, ...]], day: date) -> None:
        lead, *others = list(wordings)
        size = self.rng.randint(1, len(others))
        chosen = [lead, *self.rng.sample(others, size)]
        for agency in chosen:
            text = self.rng.choice(wordings[agency])
            told = agency != lead and any(word in text.lower() for word in NEXT_DAY_WORDS)
            when = day + timedelta(days=1) if told and self.rng.random() < 0.5 else day
            self.drafts.append(_Draft(agency, text, when, label=self.label))
        self.label += 1

    def routine(self, review: str, day: date, count: int) -> None:
        rows = ROUTINE[review]
        for _ in range(count):
            agency = self.rng.choice(list(rows))
            self.drafts.append(_Draft(agency, self.rng.choice(rows[agency]), day))


def _free_days(world: _World, review: str, count: int) -> list[date]:
    """Days at least three weeks from the review's other events of the same kind."""
    days: list[date] = []
    while len(days) < count:
        day = world.day(review)
        if all(abs((day - other).days) > 21 for other in days):
            days.append(day)
    return days


def make_review_world(seed: int = 20, events_per_kind: int = 5, routine_per_day: int = 4) -> LabelledSet:
    """The labelled set: each kind of event of each review ``events_per_kind`` times, dense routine rows."""
    world = _World(random.Random(seed), [])
    for review, kinds in EVENTS.items():
        for wordings in kinds.values():
            for day in _free_days(world, review, events_per_kind):
                world.event(review, wordings, day)
                world.routine(review, day, world.rng.randint(1, routine_per_day))
                world.routine(review, day + timedelta(days=1), world.rng.randint(0, routine_per_day // 2))
        for _ in range(40):
            world.routine(review, world.day(review), 1)
    return _labelled(world)


def _labelled(world: _World) -> LabelledSet:
    world.rng.shuffle(world.drafts)
    names = sorted({draft.agency for draft in world.drafts})
    agency_ids = {name: n + 1 for n, name in enumerate(names)}
    entries, truth = [], {}
    for n, draft in enumerate(world.drafts, start=1):
        entries.append(_entry(n, draft, agency_ids[draft.agency]))
        if draft.label is not None:
            truth.setdefault(draft.label, set()).add(n)
    groups = [frozenset(ids) for ids in truth.values() if len(ids) > 1]
    return LabelledSet(entries, groups, {v: k for k, v in agency_ids.items()})
