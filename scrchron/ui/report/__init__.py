"""The Report tab: the review type's sections with the reviewer's words (undoable, ``report_undo``),
report settings and File > Read back an edited draft (``report_actions``)."""
