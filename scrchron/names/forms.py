"""Every way the records write a person's name, and how sure we are it is the name.

A person's name is matched as: the full name and each alias (``EXPLICIT``); a
title before the full name or the surname (``TITLED``: ``Ms Marsh``); each part
of the name on its own (``PART``: ``Tanya``, ``Marsh``, each half of
``Mary-Jane``); a part's plural or possessive written without its apostrophe
(``DERIVED``: ``the Marshes'``, ``the Colleys``, ``Tanyas``); and the initials
(``T.M.``, ``TM``, ``T. M.``), matched in capitals only.

A part that is also a common English word (``COMMON_WORDS``: ``Wood``,
``Young``, ``Hope``, ``Brown``, ``Marsh``, ``Bird``; English surnames that are
words, chosen by hand) or has two letters is matched only where it reads
as a name: capitalised, inside a sentence. At the start of a sentence, or in a
line of capitals, it is doubtful and listed for the reviewer. Initials that are
also an abbreviation (``DC``, Detective Constable) are doubtful too. The
reviewer's decision about a doubtful form (keep it, or replace it) and the
phrases that contain a surname but are not a name (``Marsh Lane Surgery``) are
kept in the case file (:class:`NameDecisions`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from scrchron.names.seen_text import fold, read_as_shown
from scrchron.records.case_records import Person
from scrchron.runtime.resources import resource_path

EXPLICIT, TITLED, PART, DERIVED, NICKNAME = 0, 1, 2, 3, 4

TITLES: tuple[str, ...] = ("mr", "mrs", "ms", "miss", "mx", "dr", "master", "mister", "mstr")
TITLE_FORMS = tuple(t + dot for t in TITLES for dot in ("", "."))

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
low high street lane park field fields wall north south east west close marsh moss reed
rice bush lake pond fox lamb hart wolf house marshes fisher carter turner walker
bird swan crow drake hawk eagle crane heron finch wren lark swift raven rook sparrow parrot
peacock bull buck hare otter badger bear fish salmon trout pike frost gale moon sun knight
porter potter shepherd tanner weaver wheeler glover miller butcher cooper steward monk pope
hunt gold silver steel rock wells banks bank ford bridge cross hedges forest grove heath moor
pool sands shore rivers waters cliff dale vale mills rush leaf root ash oak pine birch elm
thorn berry plum peach apple bean pepper salt sugar love bliss sweet strong hard lean bright
sharp keen wise english french welsh prince duke lord earl baron squire judge mayor booth
barn church chapel temple tower castle gate gates yard way mount burns burn noble bond cash
money pound
"""
COMMON_WORDS: frozenset[str] = frozenset(_COMMON.split())

# Abbreviations written in capitals in agency records: initials equal to one are doubtful.
# Police ranks from https://en.wikipedia.org/wiki/Police_ranks_of_the_United_Kingdom (PC/DC,
# PS/DS, DI, CI/DCI, DSU, CS/DCS, ACC, DCC, SC, PCSO, SIO); the rest from DOMAIN.md's glossary,
# professional roles in records, and two-letter English words written in capitals.
_ROLE_ABBREVIATIONS = """
DC PC DS DI CI DCI CS DCS DSU DSI SC ACC DCC PS PCSO SW HV GP CP DA DV SN RN HT DHT TA SGO MP OT PA PE RE IT
AM PM BA MA UK US NHS ED AE TV CV ID DOB NFA NFI IO OIC SIO FLO DSL DSO PPU MASH EHA CIN
CPP CSE CCE LA LAC CLA YOT YOS ASB MH CMHT CAMHS SALT FNP ICPC RCPC PLO EPO ICO SSW ASW
AN AS AT BE BY DO GO HE IF IN IS ME MY NO OF OH OK ON OR SO TO UP WE
NA NB CC HR JP QC KC EU GB AKA ASAP ETA FYI TBC TBA AOB RIP
"""


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Capital-letter abbreviations that initials can collide with (built in + the glossary)."""
    found = set(_ROLE_ABBREVIATIONS.split())
    try:
        with resource_path("glossary.csv").open(encoding="utf-8", newline="") as handle:
            found |= {row["abbreviation"].strip() for row in csv.DictReader(handle)
                      if row.get("abbreviation", "").strip().isalpha()}
    except OSError:  # the built-in list is enough to be safe
        pass
    return frozenset(found)


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The lookup form of a name as written: as a reader sees it, folded case, one space,
    straight apostrophes and hyphens."""
    text = read_as_shown(text).replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    return fold(_SPACE.sub(" ", text.strip()))


def term_regex(key: str) -> str:
    """The regular expression (without boundaries) matching one normalised name as written."""
    return "".join(_char(ch) for ch in key)


def _char(ch: str) -> str:
    return {" ": r"\s+", "'": "['\u2018\u2019]", "-": "[-\u2010\u2011]"}.get(ch) or re.escape(ch)


def letters(word: str) -> int:
    """How many letters ``word`` has."""
    return sum(ch.isalpha() for ch in word)


def name_parts(name: str) -> list[tuple[str, str]]:
    """Each part of a full name with what it is ('first name' or 'surname'), hyphen halves too."""
    parts = " ".join(name.split()).split(" ")
    if len(parts) < 2:
        return []
    found: list[tuple[str, str]] = []
    for index, part in enumerate(parts):
        what = "surname" if index == len(parts) - 1 else "first name"
        for piece in [part, *(part.split("-") if "-" in part else [])]:
            if letters(piece) >= 2 and all(normalise(piece) != normalise(p) for p, _ in found):
                found.append((piece, what))
    return found


def is_common(word: str) -> bool:
    """A part matched only where it reads as a name (a common word, or two letters)."""
    return normalise(word) in COMMON_WORDS or letters(word) < 3


def implicit_parts(name: str) -> list[str]:
    """The parts of a full name replaced wherever they occur (not common words, three letters or more)."""
    return [part for part, _ in name_parts(name)
            if not is_common(part) and normalise(part) != normalise(name)]


def parts_not_replaced(name: str) -> list[str]:
    """Parts of a full name replaced only where they read as a name (short or common words).

    Front ends show them so the reviewer knows they are listed as doubtful at the start of a sentence.
    """
    parts = " ".join(name.split()).split(" ")
    replaced = {normalise(part) for part in implicit_parts(name)}
    return [part for part in parts if len(parts) > 1 and normalise(part) not in replaced]


@dataclass(frozen=True)
class Form:
    """One way of writing a person's name: the text, its rank (lower wins) and what it is."""

    text: str
    rank: int
    what: str = "name"  # 'name', 'first name', 'surname'
    common: bool = False  # built on a common word or a two-letter part


def name_terms(person: Person) -> list[tuple[str, int]]:
    """Every way of writing a person's name that is matched as a word, with its rank."""
    return [(form.text, form.rank) for form in name_forms(person)]


def name_forms(person: Person) -> list[Form]:
    """Every way of writing a person's name matched as a word (initials apart: :func:`initials`)."""
    name = " ".join(person.name.split())
    forms = [Form(name, EXPLICIT)] + [Form(alias, EXPLICIT) for alias in person.aliases]
    words = name.split(" ")
    titled = [(name, "name")] + ([(words[-1], "surname"), (words[0], "first name")] if len(words) > 1 else [])
    forms += [Form(f"{title} {part}", TITLED, what) for title in TITLE_FORMS for part, what in titled]
    forms += [Form(short, TITLED) for short in initialled(name)]
    forms += [Form(f"{title} {short}", TITLED) for short in initialled(name)[:2] for title in TITLE_FORMS]
    parts = [(part, what) for part, what in name_parts(name) if normalise(part) != normalise(name)]
    forms += [Form(part, PART, what, is_common(part)) for part, what in parts]
    forms += [Form(part.replace("'", ""), PART, what, is_common(part)) for part, what in parts
              if "'" in part and letters(part) >= 3]  # O'Brien written OBrien
    singles = parts + [(alias, "first name") for alias in person.aliases if " " not in alias.strip()]
    if " " not in name:
        singles.append((name, "first name"))
    # Built on a short or common part ('Lees', 'Woods'), a derived form is matched only where it
    # reads as a name; built on a longer one ('tanyas', 'deano') in any case, like the part.
    forms += [Form(derived, DERIVED, what, is_common(part) or letters(part) < 4) for part, what in singles
              if letters(part) >= 3 for derived in derived_forms(part)]
    forms += [Form(nickname, NICKNAME, what, is_common(part) or letters(part) < 4) for part, what in singles
              if letters(part) >= 3 for nickname in nicknames(part)]
    return forms


def initialled(name: str) -> list[str]:
    """A name with its first name or surname as an initial: 'T Marsh', 'T. Marsh', 'Tanya M', 'Tanya M.'."""
    parts = name.split(" ")
    if len(parts) < 2 or not parts[0][:1].isalpha() or not parts[-1][:1].isalpha():
        return []
    given, surname = parts[0], parts[-1]
    return [f"{given[0]} {surname}", f"{given[0]}. {surname}", f"{given} {surname[0]}", f"{given} {surname[0]}.",
            f"{given[0]}.{surname}"]


def derived_forms(word: str) -> list[str]:
    """Plurals and possessives of a name written without an apostrophe (or after the plural)."""
    plural = word + ("es" if word.lower().endswith(("s", "sh", "ch", "x", "z")) else "s")
    forms = [plural, plural + "'"]
    if plural != word + "s":
        forms.append(word + "s")
    return forms


def nicknames(word: str) -> list[str]:
    """Nicknames built on a name: Deano, Deany, Deanie; Tommo and Tommy from Tom."""
    if not word.isalpha():
        return []
    stems = [word]
    if len(word) <= 4 and word[-1].lower() not in "aeiouy" and word[-2:-1].lower() in tuple("aeiou"):
        stems.append(word + word[-1])  # Tom -> Tomm(o, y)
    if word[-1].lower() in "aeiouy" and len(word) >= 4:
        stems.append(word[:-1])  # Tanya -> Tany(o)
    return [stem + ending for stem in stems for ending in ("o", "y", "ie", "ey")
            if (stem + ending).lower() != word.lower()]


def initials(person: Person) -> list[str]:
    """The initials of a name of two or more parts ('TM'; 'TLM' and 'TM' for Tanya Louise Marsh)."""
    parts = [part for part in " ".join(person.name.split()).split(" ") if part[:1].isalpha()]
    if len(parts) < 2:
        return []
    found = ["".join(part[0] for part in parts).upper()]
    if len(parts) > 2:
        found.append((parts[0][0] + parts[-1][0]).upper())
    return [read_as_shown(letters_) for letters_ in found if letters_.isalpha()]


def initials_regex(letters_: str) -> str:
    """How initials are written: 'T.M.', 'T. M.', 'T.M', 'TM' (capitals only), after the first letter."""
    rest = letters_[1:]
    dotted = "".join(r"\.\s?" + re.escape(ch) for ch in rest)
    return rf"{dotted}\.|{dotted}(?![.\w])|{re.escape(rest)}"


def initials_pattern(all_initials: list[str]) -> str:
    r"""One pattern for many initials, grouped by first letter so the search skips ahead fast.

    The check that no letter or full stop comes before the initials is made after the first
    letter (``(?<![\w.].)``): a pattern that begins with a letter is searched for quickly.
    """
    by_first: dict[str, list[str]] = {}
    for letters_ in sorted(all_initials, key=lambda item: (-len(item), item)):
        by_first.setdefault(letters_[0], []).append(initials_regex(letters_))
    branches = [re.escape(first) + r"(?<![\w.].)(?:" + "|".join(alts) + ")" for first, alts in by_first.items()]
    return "(?:" + "|".join(branches) + r")(?![^\W\d])"  # TM001 is initials too


@dataclass
class NameDecisions:
    """The reviewer's decisions about doubtful forms and phrases, kept in the case file.

    ``keep``: normalised forms or phrases left as written (an abbreviation, an ordinary word).
    ``replace``: forms replaced as the person's name wherever they occur.
    ``not_names``: phrases containing a name that are not one ('Marsh Lane Surgery').
    """

    keep: set[str] = field(default_factory=set)
    replace: set[str] = field(default_factory=set)
    not_names: list[str] = field(default_factory=list)

    def decided(self, *keys: str) -> str:
        """'keep', 'replace' or '' for the first of ``keys`` decided (most specific first)."""
        for key in keys:
            if key in self.replace:
                return "replace"
            if key in self.keep:
                return "keep"
        return ""
