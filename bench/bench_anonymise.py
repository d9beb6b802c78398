"""Anonymiser figures: 20,000 entries of synthetic event text, 30 people, 100 aliases.

The one-regex anonymiser is timed on every entry; the baseline (a loop of one
precompiled ``re.sub`` per name form, longest first) is timed on a sample in the
same run and scaled, because on every entry it takes minutes. Both must give
the same output on the sample. Run: python bench/bench_anonymise.py
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from timing import timed

from scrchron.anonymise import Anonymiser, term_regex
from scrchron.model import Person

ENTRIES = 20_000
PEOPLE = 30
ALIASES = 100
SAMPLE = 500

_GIVEN_TEXT = ("Tanya Kayleigh Jordan Shannon Deanna Tyler Callum Jade Leanne Darren Kieran Demi Brandon "
          "Chelsea Connor Aaliyah Reece Courtney Jayden Tiffany Kirsty Wayne Lacey Dwayne Shanice "
          "Lorraine Mitchell Ashleigh Trevor Nadia Roxanne Desmond")
_SURNAMES_TEXT = ("Marsh Kowalski Henderson Okafor Pritchard Blackwood Fenwick Haworth Lindqvist Mbeki "
             "Oyelaran Quigley Rafferty Sandhu Thistlewood Underhill Vasquez Whitlock Yardley Zielinski "
             "Abernethy Brannigan Costello Dunleavy Ellwood Farrow Garside Hargreaves Ingham")
_ROLES = ("Mother", "Father", "Child T", "Sibling 1", "Sibling 2", "Mother's partner", "Maternal grandmother",
          "Paternal grandmother", "Maternal aunt", "Uncle 1", "Neighbour 1", "Family friend 1")
_WORDS_TEXT = ("home visit by health visitor; child seen asleep in cot, home conditions poor, "
          "mother reported feeling low and said partner had left, advised to see GP, "
          "referral to early help discussed, police attended following call from neighbour "
          "about shouting, no injuries seen, DASH completed standard risk, school reported "
          "attendance concerns and child arrived hungry, strategy discussion held, outcome "
          "single agency, letter sent, did not attend appointment, telephone call made")
_GIVEN, _SURNAMES, _WORDS = _GIVEN_TEXT.split(), _SURNAMES_TEXT.split(), _WORDS_TEXT.split()


def make_people(rng: random.Random) -> list[Person]:
    """30 people with 100 aliases between them (first names, titles, nicknames)."""
    people = []
    for index in range(PEOPLE):
        given, surname = _GIVEN[index], _SURNAMES[index % len(_SURNAMES)]
        pseudonym = _ROLES[index] if index < len(_ROLES) else f"Adult {chr(65 + index - len(_ROLES))}"
        people.append(Person(index + 1, f"{given} {surname}", pseudonym))
    forms = [lambda g, s: f"{g[:4]}ie", lambda g, s: f"{g}-{s[:3]}", lambda g, s: f"{g[0]} {s}",
             lambda g, s: f"Big {g}"]
    for number in range(ALIASES):
        person = people[number % PEOPLE]
        given, surname = person.name.split()
        person.aliases.append(forms[number // PEOPLE % len(forms)](given, surname))
    return people


def make_texts(rng: random.Random, people: list[Person]) -> list[str]:
    """Event texts of about 30 words with one to three names, possessives and titles."""
    names = [form for person in people for form in (person.name, *person.aliases,
                                                    person.name.split()[0], "Ms " + person.name.split()[1])]
    texts = []
    for _ in range(ENTRIES):
        words = rng.sample(_WORDS, 27)
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(names) + rng.choice(("", "'s", "", ","))
            words.insert(rng.randrange(len(words)), name.upper() if rng.random() < 0.05 else name)
        texts.append(" ".join(words).capitalize() + ".")
    return texts


def naive(anonymiser: Anonymiser) -> Callable[[str], str]:
    """The baseline: one precompiled substitution per name form, longest first."""
    patterns = [re.compile(rf"(?<!\w){term_regex(key)}(?!\w)", re.IGNORECASE) for key in anonymiser.terms]

    def replace(match: re.Match[str]) -> str:
        return anonymiser.replacement_for(match.group())

    def run(text: str) -> str:
        for pattern in patterns:
            text = pattern.sub(replace, text)
        return text

    return run


def main() -> None:
    rng = random.Random(2015)
    people = make_people(rng)
    texts = make_texts(rng, people)
    build = timed(lambda: Anonymiser(people), repeat=3)
    anonymiser = Anonymiser(people)
    baseline = naive(anonymiser)
    sample = texts[:SAMPLE]
    ours = [anonymiser.anonymise(text) for text in sample]
    theirs = [baseline(text) for text in sample]
    differ = sum(a != b for a, b in zip(ours, theirs, strict=True))
    leaks = sum(bool(anonymiser.find_names(text)) for text in ours)
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{ENTRIES} entries (~{words:.0f} words each), {PEOPLE} people, "
          f"{sum(len(p.aliases) for p in people)} aliases, {len(anonymiser.terms)} name forms")
    print(f"build anonymiser:             {build * 1000:8.1f} ms")
    one_regex = timed(lambda: [anonymiser.anonymise(text) for text in texts], repeat=3)
    check = timed(lambda: [anonymiser.find_names(text) for text in texts], repeat=3)
    loop = timed(lambda: [baseline(text) for text in sample], repeat=1) * ENTRIES / SAMPLE
    print(f"anonymise, one regex:         {one_regex * 1000:8.1f} ms")
    print(f"leak check (find_names):      {check * 1000:8.1f} ms")
    print(f"naive re.sub loop (scaled from {SAMPLE}): {loop * 1000:8.1f} ms")
    print(f"ratio naive / one regex:      {loop / one_regex:8.1f}x")
    print(f"sample outputs that differ:   {differ} of {SAMPLE}; sample outputs still naming someone: {leaks}")
    if differ or leaks:
        raise SystemExit("the anonymiser and the baseline disagree, or a name was left")


if __name__ == "__main__":
    main()
