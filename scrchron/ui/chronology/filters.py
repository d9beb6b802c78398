"""What the filter bar asks for, turned into the store's ``EntryQuery``.

Most of a filter is the store's own (search, agencies, dates, group flags). The
rest ("needs attention", significance, episode, theme) is answered by core calls
that give entry ids, and the query is narrowed to those ids. Saved views are kept
in the case file (a case setting), so they travel with the review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from scrchron.store import Case, EntryQuery, list_entries
from scrchron.store import analysis as analysis_store

#: Date flags that ask the reviewer to look again ('uncertain' is the store's own column).
ATTENTION_FLAGS = ("unparsed", "invalid", "no-year", "ambiguous-order", "relative", "empty",
                   "too-long", "weekday-mismatch", "year-inferred", "uncertain", "ambiguous-year",
                   "ambiguous-word")

#: The flag filters the bar offers: key -> label.
FLAG_FILTERS: dict[str, str] = {
    "attention": "Needs attention",
    "group": "Same-event groups",
    "conflict": "Conflicting accounts",
    "outside-scope": "Outside scope",
    "withdrawn": "Withdrawn",
}
_HIDDEN = ("outside-scope", "withdrawn")
#: Matches nothing: an id no entry has (an empty id list would mean "any id").
_NOTHING = (-1,)
SAVED_VIEWS_KEY = "ui.saved_views"


def needs_attention(flags: Iterable[str], start: str | None = "", uncertain: bool = False) -> bool:
    """True when a date is marked uncertain, has a flag worth checking, or was not read at all."""
    return uncertain or start is None or any(flag in ATTENTION_FLAGS for flag in flags)


@dataclass
class ChronologyFilter:
    """The filter bar's state; empty fields do not filter."""

    search: str = ""
    agencies: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    flags: list[str] = field(default_factory=list)
    significance: str = ""
    episode: int | None = None
    theme: int | None = None

    def is_empty(self) -> bool:
        """True when nothing narrows the chronology."""
        return self == ChronologyFilter()

    def to_json(self) -> dict[str, object]:
        """A plain dict for saving."""
        return asdict(self)

    @classmethod
    def from_json(cls, values: dict[str, object]) -> ChronologyFilter:
        """Read a saved filter (unknown keys ignored)."""
        known = {name: value for name, value in values.items() if name in cls.__dataclass_fields__}
        return cls(**known)  # type: ignore[arg-type]


def to_query(case: Case, wanted: ChronologyFilter) -> EntryQuery:
    """The store query for a filter (ids worked out through core calls when needed)."""
    store_flags = [flag for flag in wanted.flags if flag in ("group", "conflict", *_HIDDEN)]
    base = EntryQuery(search=wanted.search.strip(), agencies=list(wanted.agencies),
                      date_from=wanted.date_from, date_to=wanted.date_to, flags=store_flags,
                      include_hidden=any(flag in _HIDDEN for flag in wanted.flags))
    id_sets = [ids for ids in _id_sets(case, wanted, base) if ids is not None]
    if not id_sets:
        return base
    chosen = set.intersection(*id_sets)
    return replace(base, ids=sorted(chosen) or list(_NOTHING))


def _id_sets(case: Case, wanted: ChronologyFilter, base: EntryQuery) -> list[set[int] | None]:
    return [
        attention_ids(case, base) if "attention" in wanted.flags else None,
        _significance_ids(case, base, wanted.significance) if wanted.significance else None,
        set(analysis_store.get_episode(case, wanted.episode).entries) if wanted.episode else None,
        set(analysis_store.owners_linking(case, "entries", "themes", wanted.theme))
        if wanted.theme else None,
    ]


def attention_ids(case: Case, base: EntryQuery) -> set[int]:
    """Entries matching ``base`` whose date needs attention (one store query per flag)."""
    found: set[int] = set()
    for flag in ATTENTION_FLAGS:
        query = replace(base, flags=[*base.flags, flag])
        found.update(entry.id for entry in list_entries(case, query))
    return found


def _significance_ids(case: Case, base: EntryQuery, significance: str) -> set[int]:
    return {entry.id for entry in list_entries(case, base) if entry.significance == significance}


def saved_views(case: Case) -> dict[str, ChronologyFilter]:
    """The case's saved views, by name."""
    try:
        stored = json.loads(case.setting(SAVED_VIEWS_KEY, "{}"))
    except json.JSONDecodeError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {str(name): ChronologyFilter.from_json(values) for name, values in stored.items()
            if isinstance(values, dict)}


def save_view(case: Case, name: str, wanted: ChronologyFilter) -> None:
    """Keep a filter under a name in the case file (replacing one of that name)."""
    views = {key: view.to_json() for key, view in saved_views(case).items()}
    views[name] = wanted.to_json()
    case.set_setting(SAVED_VIEWS_KEY, json.dumps(views, ensure_ascii=False))
