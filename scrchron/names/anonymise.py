"""Names to pseudonyms, and the leak check every export runs on the file it wrote.

What is matched (the forms: :mod:`scrchron.names.forms`):

- The text as a reader sees it (:mod:`scrchron.names.seen_text`): soft hyphens and
  zero-width characters inside a name, look-alike Cyrillic or Greek letters,
  full-width or styled letters and accents do not hide it.
- Every full name, alias, title + name (``Ms Marsh``, ``Miss Tanya``), name with
  an initial (``T. Marsh``, ``Tanya M``), name part, plural or possessive written
  without an apostrophe (``the Colleys``, ``Tanyas``) and nickname (``Deano``),
  case-insensitively and as a whole word: ``Deanna`` is not ``Dean``,
  ``Marshall`` is not ``Marsh``.
  Longest match first; the words of a name may be split by any white space.
- Initials in capitals (``T.M.``, ``TM``, ``TM/001``, ``T. M.``).
- Names inside emails, links, handles, hashtags, paths and run-together words
  (:mod:`scrchron.names.tokens`): the whole token becomes a placeholder.

What is listed for the reviewer instead (a :class:`Doubt`): initials that are
also an abbreviation (``DC``), and a name part that is a common word (``Young``)
where it does not read as a name (starting a sentence, in a line of capitals,
before another capitalised word: ``Hope Street``).
Lower-case common words (``a young child``) are never a name. A decision about
a doubtful form, and phrases that contain a name but are not one (``Marsh Lane
Surgery``), are kept in the case file (:class:`~scrchron.names.forms.NameDecisions`).

How it is replaced: the pseudonym, capitalised like the name; a role word
followed by the name it stands for collapses (``Mother Tanya Marsh`` ->
``Mother``, ``her partner Lee`` -> ``her partner``, ``her mother, Tanya, said``
-> ``her mother said``, ``Tanya (Mother)`` -> ``Mother``); inside quoted speech the
replacement is shown in square brackets; a part several people share becomes a
redaction carrying its reason (``[surname redacted]``); ``the Colleys`` becomes
``the [surname redacted] family`` and ``Tanyas`` ``Mother's``.

All names are found in one pass by one compiled regular expression whose
alternatives are a trie of the names (shared prefixes factored out).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from scrchron.errors import ValidationError
from scrchron.names.forms import (
    COMMON_WORDS,
    DERIVED,
    EXPLICIT,
    PART,
    TITLED,
    Form,
    NameDecisions,
    abbreviations,
    implicit_parts,
    initialled,
    initials,
    initials_pattern,
    is_common,
    name_forms,
    name_terms,
    normalise,
    parts_not_replaced,
    term_regex,
)
from scrchron.names.quotes import (
    NEXT_WORD,
    QuotedSpeech,
    apposition,
    doubtful_place,
    place_after,
    role_after,
    role_before,
)
from scrchron.names.seen_text import ReaderView, fold, reader_view
from scrchron.names.tokens import PLACEHOLDERS, TokenFinder, TokenHit, absorbed, merged, sweep
from scrchron.records.case_records import Entry, Person, Review
from scrchron.store.analysis import list_people
from scrchron.store.case import Case

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["COMMON_WORDS", "PLACEHOLDER", "Anonymiser", "Doubt", "Leak", "NameDecisions", "check_people",
           "fit_case", "fold", "implicit_parts", "name_terms", "normalise", "parts_not_replaced",
           "people_for", "term_regex"]

R = TypeVar("R", bound="DataclassInstance")

#: What replaces a whole name that has no pseudonym.
PLACEHOLDER = "[name redacted]"
#: What replaces a name part several people share (or with no pseudonym), by what it is.
REDACTIONS = {"surname": "[surname redacted]", "first name": "[first name redacted]", "name": PLACEHOLDER}
INITIALS_REDACTED = "[initials redacted]"
_KEEP = -1
_BEFORE, _AFTER = r"(?<!\w)", r"(?!\w)"


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
class Doubt:
    """A place that may or may not be a name: left as written, listed for the reviewer.

    ``key`` is what a decision is stored under (``scrchron names keep|replace CASE KEY``).
    """

    start: int
    end: int
    text: str
    key: str
    name: str
    reason: str


@dataclass(frozen=True)
class _Target:
    pseudonym: str
    name: str
    person_id: int | None
    shared: bool
    rank: int
    what: str
    common: bool

    def replacement(self, written: str) -> str:
        if self.rank == _KEEP:
            return written
        if self.shared or not self.pseudonym:
            title = written.split(None, 1)[0] + " " if self.rank == TITLED else ""
            base = title + REDACTIONS[self.what]
        else:
            base = fit_case(self.pseudonym, written)
        if self.rank != DERIVED:
            return base
        possessive = written.endswith(("'", "\u2019"))
        if self.what == "surname":  # the Colleys: the family, whoever of them it was
            return REDACTIONS["surname"] + (" family's" if possessive else " family")
        return base + "'s"  # Tanyas: Tanya's written without its apostrophe

    @property
    def needs_capital(self) -> bool:
        return self.common

    @property
    def doubtful_at_start(self) -> bool:
        return self.common and self.rank >= PART


class _Hit(NamedTuple):
    start: int
    end: int
    name: str
    pseudonym: str
    person_id: int | None
    replacement: str
    collapsible: bool = False
    part: bool = False


def fit_case(pseudonym: str, written: str) -> str:
    """The pseudonym capitalised like the name it replaces (see the module docstring)."""
    if not written[:1].isupper():
        return pseudonym
    if written.isupper() and sum(ch.isalpha() for ch in written) >= 2:
        return pseudonym.upper()
    return pseudonym[:1].upper() + pseudonym[1:]


def people_for(review: Review | None, people: Sequence[Person]) -> list[Person]:
    """The people to anonymise: ``people``, plus the review's subject when no one has that name."""
    found = list(people)
    if review and review.subject_name.strip():
        known = {normalise(person.name) for person in found}
        if normalise(review.subject_name) not in known:
            found.insert(0, Person(0, review.subject_name, review.subject_pseudonym or "",
                                   is_subject=True))
    return found


def _trie_regex(keys: Collection[str]) -> str:
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}  # marks the end of a name
    return _BEFORE + "(?:" + _emit(trie) + ")" + _AFTER


def candidates_regex(keys: Collection[str]) -> str:
    """A regular expression finding every place one of the normalised names ``keys`` may be
    written, and more: without the word boundaries around a name, so a hit may be part of a
    longer word, an e-mail address or a link (where the anonymiser also finds names), and
    Python's matcher can skip ahead to a name's first letters (a boundary test before a name
    stops it: a third of the speed). The text around every hit is to be examined exactly."""
    return _trie_regex(keys).removeprefix(_BEFORE).removesuffix(_AFTER)


def _emit(node: dict[str, Any]) -> str:
    branches = [term_regex(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a name ends here and a longer one may go on: try the longer first
        return f"(?:{body})?"
    return body


#: Invisible characters where a line may break (soft hyphen, zero-width space).
_BREAK_HINTS = re.compile("[\u00ad\u200b]")


def without_break_hints(text: str) -> str:
    """``text`` without soft hyphens and zero-width spaces (a published file needs neither)."""
    return _BREAK_HINTS.sub("", text) if ("\u00ad" in text or "\u200b" in text) else text


class Anonymiser:
    """Replaces known names with pseudonyms, and finds the names left in a text."""

    def __init__(self, people: Sequence[Person], decisions: NameDecisions | None = None) -> None:
        self.people = list(people)
        self.decisions = decisions or NameDecisions()
        self.conflicts: list[tuple[str, list[Person]]] = []
        #: Phrases around a surname that may be a place or organisation (offered as not-a-name).
        self.suggested: set[str] = set()
        self._targets = self._build_targets()
        self._models: dict[str, _Hit] = {}
        pattern = _trie_regex(self._targets) if self._targets else None
        # Names are matched in the lower-cased view (same length, so the same positions),
        # about three times faster than re.IGNORECASE; the rare text whose lower case
        # changes length is matched with IGNORECASE instead.
        self._pattern = re.compile(pattern) if pattern else None
        self._pattern_i = re.compile(pattern, re.IGNORECASE) if pattern else None
        self._initials = self._build_initials()
        ordered = sorted(self._initials, key=lambda letters: (-len(letters), letters))
        self._initials_pattern = re.compile(initials_pattern(ordered)) if ordered else None
        names = [(key, target) for key, target in self._targets.items() if target.rank in (EXPLICIT, PART)]
        self._tokens = TokenFinder([key for key, target in names if not target.common],
                                   [key for key, target in names if target.common],
                                   [normalise(short.replace(" ", "").replace(".", "")) for person in self.people
                                    for short in initialled(person.name)[:1]])
        self._may_chain = self._names_share_words_with_pseudonyms()

    @classmethod
    def from_case(cls, case: Case) -> Anonymiser:
        """The anonymiser for a case: its people, the review's subject, the reviewer's decisions."""
        from scrchron.store.name_decisions import load_decisions

        return cls(people_for(case.review(), list_people(case)), load_decisions(case))

    @property
    def terms(self) -> list[str]:
        """Every name form replaced as a word, normalised, longest first."""
        return sorted((k for k, t in self._targets.items() if t.rank != _KEEP), key=lambda k: (-len(k), k))

    # -- building ------------------------------------------------------------------------

    def _build_targets(self) -> dict[str, _Target]:
        best: dict[str, dict[int, Form]] = {}
        self._written: dict[str, str] = {}
        for index, person in enumerate(self.people):
            for form in name_forms(person):
                key = normalise(form.text)
                self._written.setdefault(key, form.text)
                holders = best.setdefault(key, {})
                if index not in holders or form.rank < holders[index].rank:
                    holders[index] = form
        targets = {key: self._target_for(key, holders) for key, holders in best.items()}
        for phrase in self.decisions.not_names:
            targets[normalise(phrase)] = _Target("", "", None, False, _KEEP, "name", False)
        return targets

    def _target_for(self, key: str, holders: dict[int, Form]) -> _Target:
        rank = min(form.rank for form in holders.values())
        best = [(i, form) for i, form in holders.items() if form.rank == rank]
        owners = [self.people[i] for i, _ in best]
        named = {i for i, form in holders.items() if form.rank in (EXPLICIT, PART)}
        if rank == EXPLICIT and len(named) > 1:
            # one person's name or alias is another's name or alias, or part of their name
            others = [self.people[i] for i, form in holders.items() if form.rank == PART]
            self.conflicts.append((self._written[key], owners + others))
        owner, form = owners[0], best[0][1]
        common = " " not in key and (key in COMMON_WORDS or is_common(key) if rank == EXPLICIT else form.common)
        return _Target(owner.pseudonym.strip(), owner.name, owner.id if len(owners) == 1 else None,
                       len(owners) > 1, rank, form.what, common)

    def _build_initials(self) -> dict[str, list[Person]]:
        found: dict[str, list[Person]] = {}
        for person in self.people:
            for letters in initials(person):
                if person not in found.setdefault(letters, []):
                    found[letters].append(person)
        return found

    def _names_share_words_with_pseudonyms(self) -> bool:
        """Could a pseudonym next to ordinary text spell another name? (Then we check again.)"""
        written = {word for person in self.people for word in re.findall(r"\w+", person.pseudonym.lower())}
        for redaction in (*REDACTIONS.values(), INITIALS_REDACTED, *PLACEHOLDERS.values()):
            written |= set(re.findall(r"\w+", redaction))
        return any(word in written for key in self._targets for word in re.findall(r"\w+", key))

    # -- finding ---------------------------------------------------------------------------

    def _scan(self, text: str) -> tuple[list[_Hit], list[Doubt]]:
        """Every name to replace in ``text`` and every doubtful place, left to right."""
        if not text or (self._pattern is None and self._initials_pattern is None):
            return [], []
        view = reader_view(text)
        tokens = list(self._tokens.find(view.shown))
        spans = [[token.start, token.end] for token in tokens]
        found = sweep([*self._word_hits(view.shown), *self._initial_hits(view.shown)])
        kept = [item for item in found if not absorbed(spans, item[0], item[1])]
        hits: list[tuple[int, int, _Hit | Doubt]] = kept
        for (start, end), token in merged(spans, tokens):
            hits.append((start, end, self._token_hit(view.shown[start:end], token)))
        hits.sort(key=lambda item: item[0])
        return self._in_original(text, view, hits)

    def _in_original(self, text: str, view: ReaderView, found: list[tuple[int, int, _Hit | Doubt]],
                     ) -> tuple[list[_Hit], list[Doubt]]:
        hits: list[_Hit] = []
        doubts: list[Doubt] = []
        for start, end, item in found:
            if isinstance(item, Doubt):
                begin, stop = view.span(start, end)
                doubts.append(replace(item, start=begin, end=stop, text=text[begin:stop]))
            elif view.identity:
                hits.append(item if (item.start, item.end) == (start, end) else item._replace(start=start, end=end))
            else:
                begin, stop = view.span(start, end)
                hits.append(item._replace(start=begin, end=stop))
        return hits, doubts

    def _word_hits(self, shown: str) -> Iterator[tuple[int, int, _Hit | Doubt]]:
        if self._pattern is None or self._pattern_i is None:
            return
        folded = fold(shown)
        same = len(folded) == len(shown)
        for match in (self._pattern.finditer(folded) if same else self._pattern_i.finditer(shown)):
            start, end = match.span()
            written = shown[start:end]
            target = self._targets.get(folded[start:end] if same else "") or self._targets.get(normalise(written))
            if target is None or target.rank == _KEEP:
                continue
            if target.needs_capital and not written[:1].isupper():
                continue
            found = self._judge(target, shown, start, end)
            if found is not None:
                yield start, end, found

    def _judge(self, target: _Target, shown: str, start: int, end: int) -> _Hit | Doubt | None:
        written = shown[start:end]
        model = self._models.get(written)
        if model is None:  # the same spelling recurs thousands of times in an export: build it once
            if len(self._models) > 50_000:
                self._models.clear()
            model = self._models[written] = _Hit(
                0, 0, target.name, target.pseudonym or PLACEHOLDER, target.person_id, target.replacement(written),
                collapsible=not target.shared and bool(target.pseudonym) and target.rank != DERIVED,
                part=target.rank in (PART, TITLED))
        hit = _Hit(start, end, *model[2:])
        if not target.doubtful_at_start or not doubtful_place(shown, start, end) \
                or self._beside_own_name(target, shown, start, end):
            return hit
        word = normalise(written)
        after = NEXT_WORD.match(shown, end)
        phrase = f"{word} {after.group(1).lower()}" if after else word
        decision = self.decisions.decided(phrase, word)
        if decision == "replace":
            return hit
        if decision == "keep":
            return None
        reason = (f"'{written}' begins a sentence, a line of capitals or a capitalised phrase: the word, or "
                  f"{target.name}'s name?")
        place = place_after(shown, start, end)
        if place:
            reason += f" If '{' '.join(place.split())}' is a place or organisation, mark it not-a-name."
        return Doubt(start, end, written, word, target.name, reason)

    def _beside_own_name(self, target: _Target, shown: str, start: int, end: int) -> bool:
        """Is a doubtful part next to another part of the same person's name ('Young, Kelly')?"""
        after = re.match(r"[\s,]{1,3}([^\W\d_]+)", shown[end:end + 40])
        before = re.search(r"([^\W\d_]+)[\s,]{1,3}$", shown[max(0, start - 40):start])
        for word in (after, before):
            other = self._targets.get(normalise(word.group(1))) if word else None
            if other is not None and other.rank == PART and other.name == target.name and not other.common:
                return True
        return False

    def _initial_hits(self, shown: str) -> Iterator[tuple[int, int, _Hit | Doubt]]:
        if self._initials_pattern is None:
            return
        for match in self._initials_pattern.finditer(shown):
            written = match.group()
            letters = "".join(ch for ch in written if ch.isalpha())
            owners = self._initials.get(letters, [])
            if not owners:
                continue
            owner = owners[0]
            shared = len(owners) > 1 or not owner.pseudonym.strip()
            decision = self.decisions.decided(letters.lower())
            if decision == "keep":
                continue
            names = " and ".join(person.name for person in owners[:2])
            if letters in abbreviations() and decision != "replace":
                yield match.start(), match.end(), Doubt(
                    match.start(), match.end(), written, letters.lower(), names,
                    f"'{written}' is the initials of {names} and also an abbreviation")
                continue
            replacement = INITIALS_REDACTED if shared else owner.pseudonym.strip()
            yield match.start(), match.end(), _Hit(match.start(), match.end(), names, replacement,
                                                   None if shared else owner.id, replacement)

    def _token_hit(self, token: str, found: TokenHit) -> _Hit:
        pieces = self._tokens.run_together(token) if found.kind == "word" else []
        if pieces:  # a name written as one word: the person's pseudonym when it is one person's
            targets = [self._targets.get(piece) for piece in pieces]
            ids = {target.person_id if target else None for target in targets}
            first = targets[0]
            if first is not None and len(ids) == 1 and None not in ids and first.pseudonym:
                replacement = fit_case(first.pseudonym, token)
                return _Hit(0, 0, first.name, replacement, first.person_id, replacement)
            return _Hit(0, 0, first.name if first else "", PLACEHOLDER, None, PLACEHOLDER)
        target = self._targets.get(found.part) or next(
            (t for k, t in self._targets.items() if t.rank == PART and k in found.part), None)
        replacement = PLACEHOLDERS[found.kind]
        return _Hit(0, 0, target.name if target else "", replacement, target.person_id if target else None,
                    replacement)

    # -- replacing -------------------------------------------------------------------------

    def _substitute(self, text: str) -> str:
        hits, doubts = self._scan(text)
        for doubt in doubts:
            self._suggest(text, doubt.start, doubt.end)
        if not hits:
            return text
        quotes = QuotedSpeech(text)
        parts: list[str] = []
        last = 0
        for hit in hits:
            gap, replacement = text[last:hit.start], hit.replacement
            if quotes.inside(hit.start):
                replacement = replacement if replacement.startswith("[") else f"[{replacement}]"
            elif hit.collapsible and role_before(parts, gap, hit.pseudonym):
                gap, replacement = gap.rstrip(" \t"), ""
            elif hit.collapsible and (set_off := apposition(parts, gap, text, hit.end, hit.pseudonym)):
                (gap, last), replacement = set_off, ""
            elif hit.collapsible and text.startswith(" (", hit.end):
                last = role_after(text, hit.end, hit.pseudonym)
            if hit.part:
                self._suggest(text, hit.start, hit.end)
            parts += (gap, replacement)
            last = max(last, hit.end)
        return "".join(parts) + text[last:]

    def _suggest(self, text: str, start: int, end: int) -> None:
        phrase = place_after(text, start, end)
        if phrase:
            self.suggested.add(" ".join(phrase.split()))

    def replacement_for(self, written: str) -> str:
        """What one name, as written, becomes (itself when it is not a known name)."""
        hits, _ = self._scan(written)
        if len(hits) == 1 and (hits[0].start, hits[0].end) == (0, len(written)):
            return hits[0].replacement
        return written

    def anonymise(self, text: str) -> str:
        """``text`` with every known name replaced by its pseudonym.

        Invisible line-break hints (soft hyphen, zero-width space) are taken out first:
        where a line breaks at one, "A\u00adTanya" shows "A-" and "Tanya", a name the
        joined reading ("ATanya") would not find. Without them the text reads one way.
        """
        result = self._substitute(without_break_hints(text))
        # A pseudonym beside ordinary words can spell another alias ("Child T" + "Jones"
        # when "T Jones" is an alias): only then look again, a few times at most.
        for _ in range(3 if self._may_chain else 0):
            if not self.find_names(result):
                break
            result = self._substitute(result)
        return result

    def find_names(self, text: str) -> list[Leak]:
        """Every known name or alias still in ``text``, with its position."""
        return [Leak(hit.start, hit.end, text[hit.start:hit.end], hit.name, hit.pseudonym, hit.person_id)
                for hit in self._scan(text)[0]]

    def doubts(self, text: str) -> list[Doubt]:
        """The places in ``text`` that may be a name, for the reviewer to decide."""
        return self._scan(text)[1]

    def examine(self, text: str) -> tuple[list[Leak], list[Doubt]]:
        """:meth:`find_names` and :meth:`doubts` in one reading of ``text``."""
        hits, doubts = self._scan(text)
        return [Leak(hit.start, hit.end, text[hit.start:hit.end], hit.name, hit.pseudonym, hit.person_id)
                for hit in hits], doubts

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
        if not person.pseudonym.strip():
            continue
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
