"""The review's analysis: people, themes, key practice episodes, findings, recommendations and the action plan.

- ``operations``: adding, editing, ordering and linking analysis records (the CLI and the window call these).
- ``deletion``: deleting a record with everything that goes with it, and putting it back.
- ``themes``: the default learning themes of each review type.

The records themselves live in :mod:`scrchron.records.analysis_records`, below the store.
"""
