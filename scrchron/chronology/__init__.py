"""One chronology from many agencies: importing submissions into it, ordering, same events, gaps.

- ``submission_import``: an agency's parsed submission into the case (dates read, one transaction).
- ``resubmission``: matching a corrected submission to the one before.
- ``entry_edits``: edits of entries that join date reading and the case file.
- ``merge``: the merged order, same-event groups and conflicts.
- ``same_event_matching`` / ``same_event_reasons``: which entries record one event, and why.
- ``event_words``: the vocabulary of safeguarding events.
- ``contact_gaps``: periods with no (or one agency's) contact.
"""
