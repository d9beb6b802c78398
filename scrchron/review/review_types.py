"""What a review type means for wording: who the subject is, and whether it is about a child.

A Welsh SUSR takes its wording from the criteria it meets: one meeting the Child
Practice Review criteria is about a child; one meeting only the homicide criteria
(DHR, MHHR, OWHR) is about a victim.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrchron.records.case_records import SUSR_CRITERIA

_CHILD_TYPES = ("cspr", "scr", "cpr")
_HOMICIDE = ("dhr", "mhhr", "owhr")


def is_child_review(review_type: str, criteria: Sequence[str] = ()) -> bool:
    """True for a review about a child (CSPR, SCR, CPR, or a SUSR meeting the CPR criteria)."""
    return review_type in _CHILD_TYPES or (review_type == "susr" and "cpr" in criteria)


def default_subject(review_type: str, criteria: Sequence[str] = ()) -> str:
    """How the report names its subject when no pseudonym was chosen."""
    if is_child_review(review_type, criteria):
        return "the child"
    if review_type == "dhr" or (review_type == "susr" and criteria and all(c in _HOMICIDE for c in criteria)):
        return "the victim"
    return "the adult"


def criteria_names(criteria: Sequence[str]) -> list[str]:
    """The criteria's full names, in the order given."""
    return [SUSR_CRITERIA[code] for code in criteria if code in SUSR_CRITERIA]
