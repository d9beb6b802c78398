"""The timeline picture: its data with no Qt (``lanes``) and its painter (``drawing``, QtGui only),
shared by the window's Timeline tab and the report's timeline figure.
"""
