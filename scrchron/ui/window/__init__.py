"""The window's shell: the main window, its menus and tabs, the start page, the session
(the open case and its undo stack), the help and library windows, settings and appearance."""
