"""Choices the reviewer makes about how the report is laid out (not what it says).

- ``involvement``: the summary of agency involvement told agency by agency
  (``by-agency``, the default) or period by period (``by-period``: the key practice
  episodes and the stretches between them, or calendar years when there are none).
- ``recommendations``: in their own section only (``apart``, the default), or also
  under the findings they answer (``with-findings``).

Each is kept as a case setting (``report_involvement``, ``report_recommendations``)
and can be overridden for one export.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrchron.errors import ValidationError
from scrchron.store.case import Case

INVOLVEMENT = ("by-agency", "by-period")
RECOMMENDATIONS = ("apart", "with-findings")
INVOLVEMENT_SETTING = "report_involvement"
RECOMMENDATIONS_SETTING = "report_recommendations"


@dataclass(frozen=True)
class ReportLayout:
    """How the summary of agency involvement and the recommendations are laid out."""

    involvement: str = INVOLVEMENT[0]
    recommendations: str = RECOMMENDATIONS[0]

    def __post_init__(self) -> None:
        check_choice("involvement", self.involvement, INVOLVEMENT)
        check_choice("recommendations", self.recommendations, RECOMMENDATIONS)


def check_choice(what: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``, else ValidationError naming them."""
    if value not in choices:
        raise ValidationError(f"The report's {what} layout must be {' or '.join(choices)}, not '{value}'.")
    return value


def layout_of(case: Case, involvement: str | None = None, recommendations: str | None = None) -> ReportLayout:
    """The case's layout (its settings; a damaged setting reads as the default), with any override."""
    stored_involvement = case.setting(INVOLVEMENT_SETTING, INVOLVEMENT[0])
    stored_recommendations = case.setting(RECOMMENDATIONS_SETTING, RECOMMENDATIONS[0])
    return ReportLayout(
        involvement or (stored_involvement if stored_involvement in INVOLVEMENT else INVOLVEMENT[0]),
        recommendations or (stored_recommendations if stored_recommendations in RECOMMENDATIONS
                            else RECOMMENDATIONS[0]),
    )
