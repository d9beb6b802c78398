"""The reviewer's anonymisation decisions, kept in the case file's settings.

One setting, ``anonymise.decisions``, holds a JSON object: ``keep`` and
``replace`` (normalised doubtful forms, see :class:`scrchron.names.forms.NameDecisions`)
and ``not_names`` (phrases as the reviewer wrote them). Each change is one
audited write.
"""

from __future__ import annotations

import json

from scrchron.names.forms import NameDecisions
from scrchron.store.case import Case

KEY = "anonymise.decisions"


def load_decisions(case: Case) -> NameDecisions:
    """The decisions stored in ``case`` (none when there are none, or the setting is unreadable)."""
    try:
        stored = json.loads(case.setting(KEY, "{}") or "{}")
    except json.JSONDecodeError:
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    return NameDecisions(keep={str(k) for k in stored.get("keep", [])},
                         replace={str(k) for k in stored.get("replace", [])},
                         not_names=[str(p) for p in stored.get("not_names", [])])


def save_decisions(case: Case, decisions: NameDecisions) -> None:
    """Store ``decisions`` in ``case`` (one transaction)."""
    value = {"keep": sorted(decisions.keep), "replace": sorted(decisions.replace),
             "not_names": list(decisions.not_names)}
    case.set_setting(KEY, json.dumps(value, ensure_ascii=False))
