"""Which dates ask the reviewer to look again: the one rule the window, the command line
and the store's filter share.

A date needs attention when the agency marked it uncertain, when no date was read at
all, or when its reading carries one of ``ATTENTION_FLAGS`` (the reader could not read
it, read it without a year, guessed the order of day and month...). A date the reviewer
set by hand has been looked at: ``settled_by_hand`` drops the reading's doubts and keeps
the agency's own "?".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: Date flags that ask the reviewer to look again ('uncertain' is also the store's own column).
ATTENTION_FLAGS = ("unparsed", "invalid", "no-year", "ambiguous-order", "relative", "empty",
                   "too-long", "weekday-mismatch", "year-inferred", "uncertain", "ambiguous-year",
                   "ambiguous-word")


def needs_attention(flags: Iterable[str], start: str | None = "", uncertain: bool = False) -> bool:
    """True when a date is marked uncertain, has a flag worth checking, or was not read at all."""
    return uncertain or start is None or any(flag in ATTENTION_FLAGS for flag in flags)


def attention_flag_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Of an import's flag counts, the ones that need the reviewer's attention."""
    return {flag: count for flag, count in counts.items() if flag in ATTENTION_FLAGS}


def settled_by_hand(flags: Iterable[str]) -> list[str]:
    """An entry's flags once the reviewer has set its date: the reading's doubts are answered
    (the agency's own "?" stays, as do flags that are not about reading the date)."""
    return [flag for flag in flags if flag not in ATTENTION_FLAGS or flag == "uncertain"]
