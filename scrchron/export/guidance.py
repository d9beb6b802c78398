"""Guidance prompts: what a section of the overview report should cover.

The prompts live in ``resources/report_guidance.json`` under ``sections``: each
section key maps to a ``default`` text and, where a review type words it
differently, a text for that type (``cspr``, ``scr``, ``sar``, ``dhr``).
``{subject}`` in a prompt becomes the subject's pseudonym.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from scrchron.runtime.resources import resource_path


@lru_cache(maxsize=1)
def _prompts() -> dict[str, dict[str, str]]:
    data: dict[str, Any] = json.loads(resource_path("report_guidance.json").read_text(encoding="utf-8"))
    return {key: dict(value) for key, value in data["sections"].items()}


def section_keys() -> list[str]:
    """Every section key that has a prompt."""
    return list(_prompts())


def guidance_for(key: str, review_type: str, subject: str = "the subject") -> str:
    """The prompt for section ``key`` in a review of ``review_type`` ('' when there is none)."""
    texts = _prompts().get(key, {})
    text = texts.get(review_type) or texts.get("default", "")
    return text.replace("{subject}", subject)
