"""Long work that reports how far it has got and stops when the person asks.

``Steps`` turns units of work done into ``progress(done, total)`` calls (the window
draws a progress bar from them) and, at each step, asks ``cancelled()``; when that
says yes it raises the error the work was given (nothing has been written yet: the
caller writes only after its last step).
"""

from __future__ import annotations

from collections.abc import Callable

from scrchron.errors import ExportCancelled, ScrchronError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class Steps:
    """Counts work done, reports it, and stops when ``cancelled()`` says so."""

    def __init__(self, progress: Progress | None, total: int, cancelled: Cancelled | None = None,
                 stopped: ScrchronError | None = None) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self.total = max(1, total)
        self.done = 0
        self.stopped = stopped or ExportCancelled("The export was cancelled; nothing was written.")

    def advance(self, amount: int = 1) -> None:
        """Record ``amount`` more units of work."""
        self.set(self.done + amount)

    def finish(self) -> None:
        """Report the work complete (no more cancelling: the result is written)."""
        self.done = self.total
        if self.progress is not None:
            self.progress(self.total, self.total)

    def set(self, done: int) -> None:
        """Record that ``done`` units are finished; raise ``stopped`` if asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise self.stopped
        self.done = min(self.total, max(self.done, done))
        if self.progress is not None:
            self.progress(self.done, self.total)
