"""The Analysis and People tabs: episodes, findings, recommendations, the action plan,
people and pseudonyms, with their undo commands (``analysis_undo``)."""
