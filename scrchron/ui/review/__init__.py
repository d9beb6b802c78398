"""The review from its first day in the window: the Timetable tab (statutory and local
milestones, late returns) with its undo commands, the start page's due list, and the Agency
records tab (submissions and summary-form answers)."""
