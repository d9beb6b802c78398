"""Default learning themes per review type (see DOMAIN.md, 'Recurring learning themes')."""

from __future__ import annotations

COMMON_THEMES: tuple[str, ...] = (
    "Information sharing",
    "Risk assessment",
    "Thresholds and inter-agency language",
    "Cases closed too soon / step-down",
    "Professional curiosity and challenge",
    "Disguised or apparent compliance",
    "Over-optimism and reliance on self-report",
    "Domestic abuse and coercive control",
    "Invisible fathers and male carers",
    "Parental mental health",
    "Parental substance misuse",
    "Race, culture and identity",
    "Drift and delay",
    "Start-again syndrome",
    "Escalation of professional disagreement",
    "Whole-family working",
    "Workload, staffing and supervision",
)

CHILD_THEMES: tuple[str, ...] = (
    "Voice of the child (child not seen, not heard)",
    "Neglect",
    "Babies' vulnerability",
    "Children missing education",
    "Adolescents between child and adult services",
    "Adultification",
)

ADULT_THEMES: tuple[str, ...] = (
    "Self-neglect",
    "Making Safeguarding Personal",
    "Mental capacity",
    "Transition from children's to adults' services",
    "Carers' needs",
)

DHR_THEMES: tuple[str, ...] = (
    "Recognising coercive control",
    "Risk assessment (DASH) and MARAC",
    "Victim's voice and barriers to disclosure",
    "Perpetrator management",
    "Family and friends' knowledge",
    "Economic abuse",
)


def default_themes(review_type: str) -> tuple[str, ...]:
    """The default theme taxonomy for a review type ('cspr', 'scr', 'sar', 'dhr')."""
    if review_type in ("cspr", "scr"):
        return CHILD_THEMES + COMMON_THEMES
    if review_type == "sar":
        return ADULT_THEMES + COMMON_THEMES
    return DHR_THEMES + COMMON_THEMES
