"""Property: whatever the text, the anonymiser never leaves a known name or alias as a whole word.

The check is independent of the anonymiser's trie: one naive case-insensitive
pattern per name form, with plain word boundaries. People sets are built once
(seeded, checked by ``check_people``) so 10,000 texts stay quick; a second,
smaller test lets hypothesis build the people too.
"""

from __future__ import annotations

import random
import re
import string
from functools import cache

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scrchron.errors import ValidationError
from scrchron.names.anonymise import COMMON_WORDS, Anonymiser, check_people, implicit_parts
from scrchron.records.case_records import Person

PSEUDONYMS = ("Mother", "Father", "Child T", "Sibling 1", "Mother's partner", "Maternal grandmother",
              "Adult A", "Adult B", "Neighbour 1", "Family friend")
FILLER = ("visit", "seen", "and", "the", "child", "mother", "GP", "said", "DNA", "Ms", "Mr", "Dr.", "T",
          "Child", "s", "O", "family", "partner", "1", "2015", "\u00e9t\u00e9", "\u0130", "\u017f", "\u00df")
SEPARATORS = (" ", " ", "", "\n", "-", "'", "\u2019s ", "'s ", ", ", ". ", "(", ")", '"', "\u2011", "\t")


def _word(rng: random.Random, used: set[str]) -> str:
    while True:
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 7))).capitalize()
        if word.lower() not in COMMON_WORDS and word not in used:
            used.add(word)
            return word


def _person(rng: random.Random, index: int, used: set[str], surnames: list[str]) -> Person:
    given = _word(rng, used)
    if rng.random() < 0.2:
        given = f"{given}-{_word(rng, used)}"
    surname = rng.choice(surnames) if surnames and rng.random() < 0.4 else _word(rng, used)
    if rng.random() < 0.1:
        surname = f"O'{surname}"
    surnames.append(surname)
    aliases = [_word(rng, used) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.3:
        aliases.append(f"Ms {surname}")
    if rng.random() < 0.2:
        aliases.append(f"T {_word(rng, used)}")  # beside "Child T" it can spell an alias
    return Person(index + 1, f"{given} {surname}", PSEUDONYMS[index], aliases=aliases)


@cache
def people_set(seed: int) -> tuple[Anonymiser, list[str], list[re.Pattern[str]]]:
    """A valid set of people, its anonymiser, its name forms, and one naive pattern per form."""
    rng = random.Random(seed)
    while True:
        used: set[str] = set()
        surnames: list[str] = []
        people = [_person(rng, i, used, surnames) for i in range(rng.randint(1, len(PSEUDONYMS)))]
        try:
            check_people(people)
        except ValidationError:
            continue
        return Anonymiser(people), _forms(people), _naive(people)


def _forms(people: list[Person]) -> list[str]:
    forms = []
    for person in people:
        forms += [person.name, *person.aliases, *implicit_parts(person.name)]
    return forms


def _naive(people: list[Person]) -> list[re.Pattern[str]]:
    return [re.compile(r"\b" + re.escape(form).replace(r"\ ", r"\s+").replace("'", "['\u2019]") + r"\b",
                       re.IGNORECASE) for form in _forms(people)]


def _assert_no_name_left(anonymiser: Anonymiser, naive: list[re.Pattern[str]], text: str) -> None:
    result = anonymiser.anonymise(text)
    left = [pattern.pattern for pattern in naive if pattern.search(result)]
    assert not left, (text, result, left)
    assert anonymiser.find_names(result) == []


@cache
def _tokens(seed: int) -> st.SearchStrategy[str]:
    """Name forms of one people set and their words (as written, upper, lower, title case), filler, junk."""
    _, forms, _ = people_set(seed)
    pieces = forms + [word for form in forms for word in form.split()]  # "Zed" of the alias "T Zed"
    variants = [v for form in pieces for v in (form, form.upper(), form.lower(), form.title())]
    return st.one_of(st.sampled_from(variants), st.sampled_from(FILLER), st.text(max_size=4))


_SEPARATOR = st.sampled_from(SEPARATORS)


@st.composite
def case_texts(draw: st.DrawFn) -> tuple[int, str]:
    seed = draw(st.integers(0, 39))
    pieces = draw(st.lists(st.tuples(_tokens(seed), _SEPARATOR), max_size=12))
    return seed, "".join(token + separator for token, separator in pieces)


@settings(max_examples=10_000, deadline=None)
@given(case_texts())
def test_no_known_name_survives_anonymisation(seed_and_text: tuple[int, str]) -> None:
    seed, text = seed_and_text
    anonymiser, _, naive = people_set(seed)
    _assert_no_name_left(anonymiser, naive, text)


names = st.text(st.sampled_from(string.ascii_letters), min_size=3, max_size=8).filter(
    lambda word: word.lower() not in COMMON_WORDS)


@st.composite
def people_and_text(draw: st.DrawFn) -> tuple[list[Person], str]:
    count = draw(st.integers(1, 4))
    words = draw(st.lists(names, min_size=count * 2 + 2, max_size=count * 2 + 2,
                          unique_by=lambda word: word.lower()))
    people = [Person(i + 1, f"{words[2 * i]} {words[2 * i + 1]}", PSEUDONYMS[i],
                     aliases=draw(st.lists(st.sampled_from(words[-2:]), max_size=1)))
              for i in range(count)]
    pieces = draw(st.lists(st.one_of(st.sampled_from(words), st.text(max_size=3)), max_size=10))
    joins = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return people, "".join(p + j for p, j in zip(pieces, joins, strict=True))


@settings(max_examples=500, deadline=None)
@given(people_and_text())
def test_no_known_name_survives_with_generated_people(people_text: tuple[list[Person], str]) -> None:
    people, text = people_text
    try:
        check_people(people)
    except ValidationError:
        assume(False)
    _assert_no_name_left(Anonymiser(people), _naive(people), text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_at_all(text: str) -> None:
    anonymiser, _, naive = people_set(0)
    _assert_no_name_left(anonymiser, naive, text)
