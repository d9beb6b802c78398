"""What long work needs while it runs, with no Qt: progress and cancelling (``progress``),
the cycle collector paused for large imports (``collector``), and the bundled files (``resources``).
"""
