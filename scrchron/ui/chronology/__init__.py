"""The Chronology, Same event and Gaps tabs: the merged table and its filters, the entry
panel, same-event groups and the gaps between contacts."""
