"""The timeline's data, with no Qt: lanes, marks, bands, colours, and the view (zoom and pan).

:class:`TimelineData` is built from a case by :func:`timeline_data` or from
already-filtered records by :func:`build_timeline_data` (the export passes
anonymised texts, so the picture never shows a name the report hides). A
:class:`View` is the stretch of dates drawn; the functions at the end zoom and
move it in whole days. ``scrchron.timeline.drawing`` draws all this with QtGui.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scrchron.dates.wording import parse_day
from scrchron.records.case_records import Agency, Entry, Review

if TYPE_CHECKING:
    from scrchron.chronology.contact_gaps import Gap
    from scrchron.records.analysis_records import Episode
    from scrchron.store.case import Case

_COARSE = {"month", "quarter", "season", "term", "part-year", "year", "range"}
#: The narrowest view: two weeks.
MIN_VIEW_DAYS = 14

@dataclass(frozen=True)
class Lane:
    """One agency's swimlane."""

    name: str
    colour: str


@dataclass(frozen=True)
class Mark:
    """One entry on a lane: its interval, and whether its date is coarse (a month or wider)."""

    lane: int
    start: date
    end: date
    coarse: bool = False
    entry_id: int = 0


@dataclass(frozen=True)
class EntryNote:
    """What the view says about a mark under the pointer."""

    date_text: str
    agency: str
    event: str


@dataclass(frozen=True)
class Band:
    """A shaded period across every lane: a key practice episode or a gap."""

    start: date
    end: date
    label: str


@dataclass
class TimelineData:
    """Everything the picture shows (plain data, no Qt)."""

    lanes: list[Lane]
    marks: list[Mark]
    first: date
    last: date
    episodes: list[Band] = field(default_factory=list)
    gaps: list[Band] = field(default_factory=list)
    incident: date | None = None
    undated: int = 0
    notes: dict[int, EntryNote] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class View:
    """The stretch of the time axis drawn: from the start of ``start`` to the end of ``end``."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the view shows (at least one)."""
        return max(1, self.end.toordinal() + 1 - self.start.toordinal())

    def overlaps(self, start: date, end: date) -> bool:
        """True when any day from ``start`` to ``end`` is in the view."""
        return start <= self.end and end >= self.start


@dataclass(frozen=True)
class Colours:
    """The picture's own colours (agency colours and the bands keep theirs); defaults are the report's."""

    paper: str = "#FFFFFF"
    ink: str = "#222222"
    axis_ink: str = "#333333"
    stripe: str = "#F4F5F7"
    grid: str = "#D0D4DA"
    grid_strong: str = "#9AA1AA"
    rule: str = "#6B7280"
    edge: str = "#B8BEC6"
    episode_ink: str = "#00548C"
    episode_edge: str = "#A000548C"  # ARGB: the dashed edges are part see-through
    gap_ink: str = "#A4302C"
    selection: str = "#111111"
    incident: str = "#C00000"  # the incident's line and label


#: The report's colours: dark ink on white paper.
REPORT_COLOURS = Colours()
#: Light ink for a dark window (the paper, ink and stripe are usually taken from the palette).
DARK_COLOURS = Colours(paper="#1E1F22", ink="#E4E6EA", axis_ink="#D4D7DC", stripe="#26282C", grid="#3A3D42",
                       grid_strong="#5C616A", rule="#8A9099", edge="#4A4E55", episode_ink="#7CC4F2",
                       episode_edge="#C07CC4F2", gap_ink="#F08A84", selection="#FFFFFF", incident="#FF6B6B")


_day = parse_day


def _marks(entries: Iterable[Entry], lane_of: dict[int, int]) -> tuple[list[Mark], int]:
    marks: list[Mark] = []
    undated = 0
    for entry in entries:
        start = _day(entry.start)
        if start is None or entry.precision == "unknown" or entry.agency_id not in lane_of:
            undated += 1
            continue
        end = _day(entry.end) or start
        marks.append(Mark(lane_of[entry.agency_id], start, max(start, end), entry.precision in _COARSE, entry.id))
    return marks, undated


def _notes(entries: Iterable[Entry], agencies: Sequence[Agency]) -> dict[int, EntryNote]:
    names = {a.id: a.name for a in agencies}
    return {e.id: EntryNote(e.date_text, names.get(e.agency_id, e.agency), e.event) for e in entries if e.id}


def _span(review: Review, marks: Sequence[Mark]) -> tuple[date, date]:
    first = _day(review.scope_from) or min((m.start for m in marks), default=None)
    last = _day(review.scope_to) or max((m.end for m in marks), default=None)
    incident = _day(review.incident_date)
    first = first or incident or date.today()
    last = max(last or first, incident or first)
    if last <= first:
        last = date.fromordinal(first.toordinal() + 30)
    return first, last


def build_timeline_data(review: Review, agencies: Sequence[Agency], entries: Iterable[Entry],
                        episodes: Sequence[Episode] = (), gaps: Sequence[Gap] = (), *,
                        notes: bool = True) -> TimelineData:
    """The picture's data from records (texts used as given: filter them first for an export).

    Args:
        review: gives the scope (the picture's span) and the incident date.
        agencies: one lane each, in this order, in the agency's colour.
        entries: the entries to mark (undated ones are counted, not drawn).
        episodes: key practice episodes with a period, shaded and numbered.
        gaps: periods with no contact, hatched.
        notes: also keep each entry's date, agency and event for the marks' tooltips (a
            picture for a report has none).
    """
    lanes = [Lane(a.short_name or a.name, a.colour) for a in agencies]
    lane_of = {a.id: index for index, a in enumerate(agencies)}
    rows = list(entries)
    marks, undated = _marks(rows, lane_of)
    first, last = _span(review, marks)
    bands = [Band(_day(e.period_from) or first, _day(e.period_to) or last, str(e.number))
             for e in episodes if e.period_from or e.period_to]
    holes = [Band(start, end, f"{g.days} days") for g in gaps
             if (start := _day(g.start)) and (end := _day(g.end))]
    return TimelineData(lanes, marks, first, last, bands, holes, _day(review.incident_date), undated,
                        _notes(rows, agencies) if notes else {})


def timeline_data(case: Case) -> TimelineData:
    """The picture's data for a case as the chronology window shows it (names as recorded)."""
    from scrchron.chronology import contact_gaps
    from scrchron.store import analysis as analysis_store
    from scrchron.store import list_entries

    entries = list_entries(case)
    review = case.review()
    try:
        gaps = contact_gaps.case_gaps(case)
    except Exception:  # a bad gap_days setting must not stop the picture
        gaps = []
    return build_timeline_data(review, case.agencies(), entries, analysis_store.list_episodes(case), gaps)


# -- views (zoom and pan, in whole days) ------------------------------------------------


def whole_view(data: TimelineData) -> View:
    """The whole span of the picture (what the report draws)."""
    return View(data.first, data.last)


def fit_view(whole: View, start: float, days: float) -> View:
    """``days`` days from ordinal ``start``, no shorter than :data:`MIN_VIEW_DAYS`, moved inside ``whole``."""
    length = round(min(max(days, min(MIN_VIEW_DAYS, whole.days)), whole.days))
    first = round(min(max(start, whole.start.toordinal()), whole.end.toordinal() + 1 - length))
    return View(date.fromordinal(first), date.fromordinal(first + length - 1))


def zoom_view(view: View, whole: View, factor: float, anchor: float | None = None) -> View:
    """``view`` made ``factor`` times narrower (wider when below 1), keeping day ``anchor`` where it is.

    Args:
        view: the view now.
        whole: the whole span; the result stays inside it.
        factor: above 1 zooms in, below 1 zooms out.
        anchor: an ordinal (with a fraction of a day) that stays put, e.g. under the
            pointer; the middle of the view when None.
    """
    anchor = view.start.toordinal() + view.days / 2 if anchor is None else anchor
    days = view.days / max(factor, 1e-6)
    days = min(days, view.days - 1) if factor > 1 else max(days, view.days + 1)  # a small step still moves
    share = (anchor - view.start.toordinal()) / view.days
    return fit_view(whole, anchor - share * days, days)


def pan_view(view: View, whole: View, days: float) -> View:
    """``view`` moved ``days`` later (earlier when negative), kept inside ``whole``."""
    return fit_view(whole, view.start.toordinal() + days, view.days)


def reveal(view: View, whole: View, start: date, end: date) -> View:
    """``view`` if it shows ``start`` to ``end`` already; else a view centred on them, wide enough."""
    if view.start <= start and end <= view.end:
        return view
    days = max(view.days, (end.toordinal() + 1 - start.toordinal()) * 3 // 2)
    middle = (start.toordinal() + end.toordinal() + 1) / 2
    return fit_view(whole, middle - days / 2, days)
