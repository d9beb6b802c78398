"""The partnership's views across every review in a library.

- themes across reviews (counts by review type and year, recurring themes first);
- every action plan in one place (filter by agency, overdue);
- recurring recommendations (similar text, same theme, same owner: "recommended in 3 reviews");
- agency involvement across reviews (how many reviews, how long before the incident).

Every view takes a :class:`ViewFilter` (review type, year, agency, age band at the incident).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from datetime import date
from typing import Any

from scrchron.library.model import (
    AgencyAcross,
    PlanAction,
    RecurringRecommendation,
    ThemeAcross,
    ViewFilter,
)
from scrchron.library.store import LibraryStore

#: Two recommendations are "the same" when this share of their words (Jaccard) is shared.
SIMILAR = 0.5
_STOP = frozenset(("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
                   "is", "it", "its", "of", "on", "or", "should", "that", "the", "their", "there", "this",
                   "to", "will", "with", "all", "any"))
#: The filter that keeps every review.
ALL = ViewFilter()
_WORD = re.compile(r"[a-z0-9]+")


def themes_across(library: LibraryStore, where: ViewFilter = ALL) -> list[ThemeAcross]:
    """Every theme carried by a finding, the most-reviews first (then most findings, then by name)."""
    themes: dict[str, ThemeAcross] = {}
    for theme, review_type, year, reviews, findings in library.theme_counts(where):
        row = themes.setdefault(theme, ThemeAcross(theme))
        row.reviews += reviews
        row.findings += findings
        row.by_type[review_type] = row.by_type.get(review_type, 0) + reviews
        key = str(year) if year is not None else "unknown"
        row.by_year[key] = row.by_year.get(key, 0) + reviews
    for row in themes.values():
        row.by_type = dict(sorted(row.by_type.items()))
        row.by_year = dict(sorted(row.by_year.items()))
    return sorted(themes.values(), key=lambda t: (-t.reviews, -t.findings, t.theme.lower()))


def theme_findings(library: LibraryStore, theme: str,
                   where: ViewFilter = ALL) -> list[tuple[str, int, str]]:
    """The findings that carry a theme: (review title, finding number, finding title)."""
    return [(title, number, finding) for title, _, number, finding in library.theme_findings(theme, where)]


def action_plan(library: LibraryStore, where: ViewFilter = ALL, *, overdue_only: bool = False,
                today: date | None = None) -> list[PlanAction]:
    """Every action across the reviews (and every recommendation with none yet), by owner then due date.

    ``where.agency`` keeps what that agency owns (the action's owner, else the recommendation's).
    """
    day = (today or date.today()).isoformat()
    rows = library.plan_rows(where, where.agency.strip(), day if overdue_only else None, day)
    return [PlanAction(review=r[0], review_type=r[1], year=r[2], recommendation=r[3], recommendation_text=r[4],
                       text=r[5], owner=r[6], due=r[7], status=r[8], overdue=bool(r[9])) for r in rows]


def _words(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in _STOP)


def _similar(one: frozenset[str], other: frozenset[str]) -> bool:
    union = one | other
    return bool(union) and len(one & other) / len(union) >= SIMILAR


class _Bucket:
    """The groups of one (theme, owner): a new text joins the first group it is similar to.

    Candidates are found by prefix filtering (every text's words sorted rarest first: two texts
    sharing at least ``SIMILAR`` of their words share a word among the first few), so a text is
    compared with a handful of groups, not with every one.
    """

    def __init__(self) -> None:
        self.groups: list[tuple[frozenset[str], RecurringRecommendation, set[int]]] = []
        self.exact: dict[frozenset[str], int] = {}
        self.index: dict[str, list[int]] = {}

    def group_for(self, words: frozenset[str], ordered: list[str], theme: str, owner: str,
                  text: str) -> tuple[frozenset[str], RecurringRecommendation, set[int]]:
        found = self.exact.get(words)
        if found is None:
            candidates = sorted({i for word in _prefix(ordered) for i in self.index.get(word, ())})
            found = next((i for i in candidates if _similar(self.groups[i][0], words)), None)
        if found is None:
            found = len(self.groups)
            self.groups.append((words, RecurringRecommendation(theme, owner, text), set()))
            for word in _prefix(ordered):
                self.index.setdefault(word, []).append(found)
        self.exact.setdefault(words, found)
        return self.groups[found]


def _prefix(ordered: list[str]) -> list[str]:
    return ordered[: len(ordered) - math.ceil(SIMILAR * len(ordered)) + 1]


def recurring_recommendations(library: LibraryStore, where: ViewFilter = ALL,
                              minimum: int = 2) -> list[RecurringRecommendation]:
    """Recommendations made in at least ``minimum`` reviews: similar text, same theme, same owner.

    The most often repeated come first. A recommendation with no theme is grouped under ''.
    """
    rows = library.recommendation_rows(where)
    words = {text: _words(text) for text in {row[3] for row in rows}}
    frequency = Counter(word for found in words.values() for word in found)
    ordered = {text: sorted(found, key=lambda w: (frequency[w], w)) for text, found in words.items()}
    buckets: dict[tuple[str, str], _Bucket] = {}
    for review_id, title, _, text, owner, theme in rows:
        bucket = buckets.setdefault((theme.lower(), " ".join(owner.lower().split())), _Bucket())
        _, group, reviews = bucket.group_for(words[text], ordered[text], theme, owner, text)
        if review_id not in reviews:
            reviews.add(review_id)
            group.reviews.append(title)
            group.texts.append(text)
    found = [g[1] for bucket in buckets.values() for g in bucket.groups if len(g[2]) >= minimum]
    return sorted(found, key=lambda g: (-len(g.reviews), g.theme.lower(), g.owner.lower(), g.text))


def agencies_across(library: LibraryStore, where: ViewFilter = ALL) -> list[AgencyAcross]:
    """Each agency: in how many reviews (and what share), median days known before the incident,
    and in how many reviews a finding names it. The most-involved first."""
    reviews = library.review_rows(where)
    total = len(reviews)
    seen: dict[str, dict[int, tuple[int | None, bool]]] = {}
    names: dict[str, str] = {}
    for agency, review_id, first, incident, named in library.agency_rows(where):
        key = agency.lower()
        names.setdefault(key, agency)
        seen.setdefault(key, {})[review_id] = (_days_between(first, incident), bool(named))
    rows = [_agency_row(names[key], by_review, total) for key, by_review in seen.items()]
    return sorted(rows, key=lambda a: (-a.reviews, a.agency.lower()))


def _agency_row(agency: str, by_review: dict[int, tuple[int | None, bool]], total: int) -> AgencyAcross:
    days = [d for d, _ in by_review.values() if d is not None]
    return AgencyAcross(agency=agency, reviews=len(by_review),
                        share=round(len(by_review) / total, 3) if total else 0.0,
                        median_days_before=int(statistics.median(days)) if days else None,
                        in_findings=sum(1 for _, named in by_review.values() if named))


def _days_between(first: str | None, incident: str | None) -> int | None:
    try:
        return (date.fromisoformat(str(incident)) - date.fromisoformat(str(first))).days
    except ValueError:
        return None


def plan_shares(library: LibraryStore, where: ViewFilter = ALL) -> dict[str, Any]:
    """How many reviews record the subject's plan at the incident, and the share on each kind of plan."""
    reviews = library.review_rows(where)
    recorded = [plan for _, plan in reviews if plan]
    counts: dict[str, int] = {}
    for plan in recorded:
        counts[plan] = counts.get(plan, 0) + 1
    return {"reviews": len(reviews), "recorded": len(recorded),
            "plans": {plan: {"reviews": n, "share_of_recorded": round(n / len(recorded), 3)}
                      for plan, n in sorted(counts.items())}}

