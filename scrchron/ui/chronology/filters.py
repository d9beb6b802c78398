"""What the filter bar asks for, turned into the store's ``EntryQuery``.

Most of a filter is the store's own (search, agencies, dates, group flags, "needs
attention" and significance, all in SQL). Episode and theme are answered by core
calls that give entry ids, and the query is narrowed to those ids. Saved views are kept
in the case file (a case setting), so they travel with the review.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from scrchron.store import Case, EntryQuery, entry_ids
from scrchron.store import analysis as analysis_store

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
                      include_hidden=any(flag in _HIDDEN for flag in wanted.flags),
                      needs_attention="attention" in wanted.flags, significance=wanted.significance)
    id_sets = [ids for ids in _id_sets(case, wanted) if ids is not None]
    if not id_sets:
        return base
    chosen = set.intersection(*id_sets)
    return replace(base, ids=sorted(chosen) or list(_NOTHING))


def _id_sets(case: Case, wanted: ChronologyFilter) -> list[set[int] | None]:
    return [
        set(analysis_store.get_episode(case, wanted.episode).entries) if wanted.episode else None,
        set(analysis_store.owners_linking(case, "entries", "themes", wanted.theme))
        if wanted.theme else None,
    ]


def attention_ids(case: Case, base: EntryQuery) -> set[int]:
    """Entries matching ``base`` whose date needs attention (one store query)."""
    return set(entry_ids(case, replace(base, needs_attention=True)))


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
