"""The import wizard: its pages fill an import plan, the core reads and imports."""
