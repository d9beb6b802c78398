"""Building blocks every tab uses: undo commands, background tasks, date fields, error
dialogs, table models, icons and the window's date display."""
