"""scrchron: multi-agency chronologies for statutory case reviews."""

__version__ = "0.1.0"
