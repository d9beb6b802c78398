"""The desktop app: the only package that imports Qt (PySide6).

Widgets here call the core (``scrchron.store`` and friends) and hold no SQL and
no rules of their own. ``scrchron.ui.app.run_app`` is the front door.
"""
