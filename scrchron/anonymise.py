"""Names to pseudonyms, and the leak check every export runs before it writes.

Rules (see DOMAIN.md, "Anonymisation conventions"):

- Every person's full name and every alias is replaced by their pseudonym as a
  whole word, case-insensitively: ``Tanya``, ``TANYA`` and ``tanya`` all go;
  ``Deanna`` is not ``Dean``. A word is a run of letters, digits and
  underscores (Python's ``\\w``); hyphens and apostrophes end a word, so
  ``Tanya's`` becomes ``Mother's`` (straight or curly apostrophe kept as
  written) and ``Mary`` in an unknown ``Mary-Jane`` is replaced too: a leak is
  worse than an odd hyphen. A known ``Mary-Jane`` is replaced whole.
- Longest match first: ``Lee Smith`` is replaced before ``Lee``. Words of a
  name may be separated by any white space, including a line break.
- Implicit aliases: each part of a full name (given names, surname, and each
  half of a hyphenated part) is replaced on its own when it has at least three
  letters and is not a common English word (``COMMON_WORDS``: ``Will``,
  ``Rose``, ``Brown``, ``Ward``... would otherwise damage ordinary text).
  A part shared by several people (a family's surname) is replaced by
  ``PLACEHOLDER``, a visible redaction. A name or alias may not also be
  another person's name, alias or name part (``--alias Lee`` for one person
  when another is ``Lee Smith``): ``check_people`` refuses it as shared.
- Titles: ``Mr``, ``Mrs``, ``Ms``, ``Miss``, ``Mx``, ``Dr`` (with or without a
  full stop) before a surname or a full name are part of the match, so
  ``Ms Marsh`` and ``Mr Lee Smith`` become the pseudonym alone, never
  ``Ms Mother``. A title makes a common-word surname safe to match
  (``Mr Brown``). A surname shared by a family gives ``Ms [name withheld]``
  unless someone has the explicit alias ``Ms Marsh``, which then wins.
- A single-word name or alias that is a common word (a person called
  ``Grace``, a nickname ``Nan``) is matched only when written with a capital
  (``Grace``, ``GRACE``), so ``grace`` and ``nan`` in ordinary text survive.
- Capitalisation: the pseudonym is written as the reviewer typed it, its first
  letter raised when the name was capitalised, and all in capitals when the
  name was (``TANYA`` -> ``MOTHER``).

All names are found in one pass by one compiled regular expression whose
alternatives are a trie of the names (shared prefixes factored out), so the
cost does not grow with a loop of one substitution per alias.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from scrchron.errors import ValidationError
from scrchron.model import Entry, Person, Review
from scrchron.store.analysis import list_people
from scrchron.store.case import Case

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")

#: What replaces a name that belongs to several people (or to no pseudonym).
PLACEHOLDER = "[name withheld]"

TITLES: tuple[str, ...] = ("mr", "mrs", "ms", "miss", "mx", "dr")
_TITLE_FORMS = tuple(t + dot for t in TITLES for dot in ("", "."))

_COMMON = """
a about above after again against all also am an and any are as at be because been
before being below between both but by can cannot could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just let me more most my myself no nor not now of off on once only
or other our ours out over own same she should so some such than that the their them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours new old one two three four five six
seven eight nine ten first second last next day days week weeks month months year years
today time times home house school work call visit seen said told saw came went left right
well good bad best better man men woman women boy girl boys girls person people family child
children baby babies adult adults mother father mum mums dad dads mummy daddy parent parents
son sons daughter daughters brother brothers sister sisters sibling siblings grandmother
grandfather grandma grandpa gran granny grandad nan nana nanna aunt auntie aunty uncle cousin
partner partners husband wife boyfriend girlfriend friend friends neighbour neighbours carer
carers victim perpetrator maternal paternal step foster subject officer officers nurse doctor
teacher worker social police health hospital court team service services unknown
may june april august march grace hope faith joy dawn summer autumn winter spring holly ivy
amber ruby pearl crystal daisy lily violet heather hazel olive iris jasmine poppy rose willow
sky storm river brook rain snow sunny star angel honey candy cherry ginger misty penny
mark bill frank jack bob pat sue rob ray art don drew chase hunter mason cole gene jay guy
rich rusty sonny victor major miles will bishop page price bell cook baker ward hall hill
wood woods stone brown white green black grey gray young king long short little small large
low high street lane park field fields wall north south east west close
"""
COMMON_WORDS: frozenset[str] = frozenset(_COMMON.split())

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w)"
_EXPLICIT, _TITLED, _PART = 0, 1, 2


# Letters that re.IGNORECASE treats as equal to another but str.lower() keeps apart
# (dotless i, long s, Greek variants): folded too, so lower-casing finds what IGNORECASE would.
_FOLD = str.maketrans("ıſςϐϵϑϰϖϱϕẛﬅµ", "isσβεθκπρφṡﬆμ")


def fold(text: str) -> str:
    """Lower case for matching, the same length as ``text`` when the result is used for positions."""
    folded = text.lower()
    return folded if folded.isascii() else folded.translate(_FOLD)


def normalise(text: str) -> str:
    """The lookup form of a name as written: folded case, one space, straight apostrophes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    return fold(_SPACE.sub(" ", text.strip()))


def term_regex(key: str) -> str:
    """The regular expression (without boundaries) matching one normalised name as written."""
    return "".join(_char(ch) for ch in key)


def _char(ch: str) -> str:
    return {" ": r"\s+", "'": "['\u2018\u2019]", "-": "[-\u2010\u2011]"}.get(ch) or re.escape(ch)


def _trie_regex(keys: Collection[str]) -> str:
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}  # marks the end of a name
    return _BEFORE + "(?:" + _emit(trie) + ")" + _AFTER


def _emit(node: dict[str, Any]) -> str:
    branches = [_char(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a name ends here and a longer one may go on: try the longer first
        return f"(?:{body})?"
    return body


def implicit_parts(name: str) -> list[str]:
    """The parts of a full name replaced on their own (see the module docstring)."""
    parts = " ".join(name.split()).split(" ")
    found: list[str] = []
    halves = [half for whole in parts if "-" in whole for half in whole.split("-")]
    for part in parts + halves:
        letters = sum(ch.isalpha() for ch in part)
        if letters >= 3 and normalise(part) not in COMMON_WORDS and part not in found:
            found.append(part)
    return [part for part in found if normalise(part) != normalise(name)]


def parts_not_replaced(name: str) -> list[str]:
    """Parts of a full name that are not replaced on their own (short or common words).

    Front ends show them so the reviewer can add an alias when the records use one alone.
    """
    parts = " ".join(name.split()).split(" ")
    replaced = {normalise(part) for part in implicit_parts(name)}
    return [part for part in parts if len(parts) > 1 and normalise(part) not in replaced]


def name_terms(person: Person) -> list[tuple[str, int]]:
    """Every way of writing a person's name that is replaced, with its rank (lower wins)."""
    name = " ".join(person.name.split())
    terms = [(name, _EXPLICIT)] + [(alias, _EXPLICIT) for alias in person.aliases]
    titled = [name] + ([name.split(" ")[-1]] if " " in name else [])
    terms += [(f"{title} {part}", _TITLED) for title in _TITLE_FORMS for part in titled]
    terms += [(part, _PART) for part in implicit_parts(name)]
    return terms


@dataclass(frozen=True)
class Leak:
    """A known name or alias found in a text that should be anonymised."""

    start: int
    end: int
    text: str
    name: str
    pseudonym: str
    person_id: int | None


@dataclass(frozen=True)
class _Target:
    pseudonym: str
    name: str
    person_id: int | None
    shared: bool
    common: bool
    titled: bool

    def replacement(self, written: str) -> str:
        if self.shared:
            title = written.split(None, 1)[0] + " " if self.titled else ""
            return title + PLACEHOLDER
        return fit_case(self.pseudonym, written)


def fit_case(pseudonym: str, written: str) -> str:
    """The pseudonym capitalised like the name it replaces (see the module docstring)."""
    letters = [ch for ch in written if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return pseudonym.upper()
    if written[:1].isupper():
        return pseudonym[:1].upper() + pseudonym[1:]
    return pseudonym


def people_for(review: Review | None, people: Sequence[Person]) -> list[Person]:
    """The people to anonymise: ``people``, plus the review's subject when no one has that name."""
    found = list(people)
    if review and review.subject_name.strip():
        known = {normalise(person.name) for person in found}
        if normalise(review.subject_name) not in known:
            found.insert(0, Person(0, review.subject_name, review.subject_pseudonym or PLACEHOLDER,
                                   is_subject=True))
    return found


class Anonymiser:
    """Replaces known names with pseudonyms, and finds the names left in a text."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = list(people)
        self.conflicts: list[tuple[str, list[Person]]] = []
        self._targets = self._build_targets()
        pattern = _trie_regex(self._targets) if self._targets else None
        # Names are matched in the lower-cased text (same length, so the same positions),
        # about three times faster than re.IGNORECASE; the rare text whose lower case
        # changes length is matched with IGNORECASE instead.
        self._pattern = re.compile(pattern) if pattern else None
        self._pattern_i = re.compile(pattern, re.IGNORECASE) if pattern else None
        self._may_chain = self._names_share_words_with_pseudonyms()

    @classmethod
    def from_case(cls, case: Case) -> Anonymiser:
        """The anonymiser for a case: its people, and the review's subject."""
        return cls(people_for(case.review(), list_people(case)))

    @property
    def terms(self) -> list[str]:
        """Every name form replaced, normalised, longest first."""
        return sorted(self._targets, key=lambda key: (-len(key), key))

    def _build_targets(self) -> dict[str, _Target]:
        best: dict[str, dict[int, int]] = {}
        self._written: dict[str, str] = {}
        for index, person in enumerate(self.people):
            for text, rank in name_terms(person):
                self._written.setdefault(normalise(text), text)
                holders = best.setdefault(normalise(text), {})
                holders[index] = min(rank, holders.get(index, rank))
        targets = {}
        for key, holders in best.items():
            rank = min(holders.values())
            owners = [self.people[i] for i, r in holders.items() if r == rank]
            if rank == _EXPLICIT and len({i for i, r in holders.items() if r != _TITLED}) > 1:
                # one person's name or alias is another's name or alias, or part of their name
                others = [self.people[i] for i, r in holders.items() if r == _PART]
                self.conflicts.append((self._written[key], owners + others))
            owner = owners[0]
            targets[key] = _Target(owner.pseudonym.strip() or PLACEHOLDER, owner.name,
                                   owner.id if len(owners) == 1 else None, len(owners) > 1,
                                   " " not in key and key in COMMON_WORDS, rank == _TITLED)
        return targets

    def _names_share_words_with_pseudonyms(self) -> bool:
        """Could a pseudonym next to ordinary text spell another name? (Then we check again.)"""
        written = {word for person in self.people for word in _WORD.findall(person.pseudonym.lower())}
        written |= set(_WORD.findall(PLACEHOLDER))
        return any(word in written for key in self._targets for word in _WORD.findall(key))

    def _target(self, written: str, folded: str = "") -> _Target | None:
        # Most names are written as their key already (lower-cased, single spaces).
        target = self._targets.get(folded) or self._targets.get(normalise(written))
        if target is None or (target.common and not written[:1].isupper()):
            return None
        return target

    def _found(self, text: str) -> Iterator[tuple[int, int, _Target]]:
        """(start, end, target) of every known name in ``text``, left to right."""
        if self._pattern is None or self._pattern_i is None or not text:
            return
        folded = fold(text)
        same = len(folded) == len(text)
        matches = self._pattern.finditer(folded) if same else self._pattern_i.finditer(text)
        for match in matches:
            start, end = match.span()
            target = self._target(text[start:end], folded[start:end] if same else "")
            if target is not None:
                yield start, end, target

    def _substitute(self, text: str) -> str:
        parts: list[str] = []
        last = 0
        for start, end, target in self._found(text):
            parts += (text[last:start], target.replacement(text[start:end]))
            last = end
        return "".join(parts) + text[last:] if parts else text

    def replacement_for(self, written: str) -> str:
        """What one name, as written, becomes (itself when it is not a known name)."""
        target = self._target(written)
        return target.replacement(written) if target else written

    def anonymise(self, text: str) -> str:
        """``text`` with every known name replaced by its pseudonym."""
        result = self._substitute(text)
        # A pseudonym beside ordinary words can spell another alias ("Child T" + "Jones"
        # when "T Jones" is an alias): only then look again, a few times at most.
        for _ in range(3 if self._may_chain else 0):
            if not self.find_names(result):
                break
            result = self._substitute(result)
        return result

    def find_names(self, text: str) -> list[Leak]:
        """Every known name or alias still in ``text``, with its position."""
        return [Leak(start, end, text[start:end], target.name,
                     PLACEHOLDER if target.shared else target.pseudonym, target.person_id)
                for start, end, target in self._found(text)]

    def require_clean(self, text: str, where: str) -> None:
        """Raise ValidationError when ``text`` (described by ``where``) still names someone."""
        leaks = self.find_names(text)
        if leaks:
            shown = "; ".join(f"'{leak.text}' at {leak.start}" for leak in leaks[:5])
            more = f" and {len(leaks) - 5} more" if len(leaks) > 5 else ""
            raise ValidationError(f"The {where} still names someone: {shown}{more}. Nothing was written.")

    def anonymise_record(self, record: R, skip: Collection[str] = ()) -> R:
        """A copy of a dataclass with every text field (and list or dict of texts) anonymised."""
        changes = {}
        for item in fields(record):
            if item.name not in skip:
                value = getattr(record, item.name)
                new = self._value(value)
                if new is not value:
                    changes[item.name] = new
        return replace(record, **changes)

    def _value(self, value: object) -> object:
        if isinstance(value, str):
            return self.anonymise(value)
        if isinstance(value, list):
            return [self._value(item) for item in value]
        if isinstance(value, dict):
            return {key: self._value(item) for key, item in value.items()}
        return value

    def anonymise_entry(self, entry: Entry) -> Entry:
        """A copy of an entry with every text anonymised (codes, dates and ids untouched)."""
        return self.anonymise_record(entry, skip=("flags", "precision", "start", "end", "time",
                                                  "significance"))


def check_people(people: Sequence[Person]) -> None:
    """Refuse a set of people whose names and pseudonyms would defeat anonymisation.

    Raises ValidationError when a name or alias belongs to two people, when a
    pseudonym is used twice, or when a pseudonym contains anyone's name or alias
    (it would then name them in the published report).
    """
    anonymiser = Anonymiser(people)
    for written, owners in anonymiser.conflicts:
        names = " and ".join(person.name for person in owners[:2])
        raise ValidationError(f"'{written}' names both {names}; a name or alias can belong to only one person.")
    seen: dict[str, Person] = {}
    for person in people:
        other = seen.setdefault(normalise(person.pseudonym), person)
        if other is not person:
            raise ValidationError(
                f"The pseudonym '{person.pseudonym}' is already used for {other.name}; "
                "each person needs their own (e.g. 'Sibling 1', 'Sibling 2').")
        leaks = anonymiser.find_names(person.pseudonym)
        if leaks:
            raise ValidationError(
                f"The pseudonym '{person.pseudonym}' for {person.name} contains '{leaks[0].text}', "
                f"a name of {leaks[0].name}. Choose a pseudonym that names no one.")
