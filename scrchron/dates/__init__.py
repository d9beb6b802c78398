"""Dates as agencies write them, and as scrchron words them.

- ``reader``: reading a written date as an interval with a precision.
- ``grammar``: the month, season, term and period words and patterns the reader uses.
- ``welsh``: Welsh dates said again in the English words the reader knows.
- ``anchored``: readings offered for ages and relative dates ("aged 3", "two days later").
- ``wording``: one wording of dates for the window and every export.
"""
