"""The reviewer's records as small typed dataclasses, with validation beside them.

The ground floor: the store reads and writes these, every part above uses them, and
nothing here imports another part of scrchron except :mod:`scrchron.errors`.

- ``case_records``: agencies, submissions, entries, people, same-event groups.
- ``analysis_records``: episodes, findings, themes, recommendations, actions.
"""
