"""Python's cycle collector and the large, long-lived object graphs scrchron builds.

An import builds hundreds of thousands of small objects that live until it ends,
and a window reading a long chronology keeps as many for as long as it is shown.
Python's cycle collector would walk them all again and again: a third of a large
import's time, and pauses of 100-250 ms while scrolling. Reference counting frees
them either way; only cycles need the collector.

- ``paused()``: no collection while the block runs (imports; reading many pages);
  ``@while_paused`` runs a whole function so (the exports).
  Blocks on several threads may overlap: the collector runs again when the last
  ends, and only if it was running before the first began.
- ``keep_out()``: move everything alive now out of the collector's sight
  (``gc.freeze``), after collecting the young generations; ``let_back()`` undoes
  it and collects once, so a cycle frozen meanwhile is freed then.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _Pause:
    """Pause the cycle collector while a block builds many objects (see the module)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.was_enabled = True

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.running == 0:
                self.was_enabled = gc.isenabled()
            self.running += 1
            gc.disable()
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                if self.running == 0 and self.was_enabled:
                    gc.enable()


paused = _Pause()


def while_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run with the collector paused (see ``paused``)."""
    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused():
            return function(*args, **kwargs)
    return run


def keep_out() -> None:
    """Freeze what is alive now (after collecting the young generations: a few milliseconds)."""
    gc.collect(1)
    gc.freeze()


def let_back() -> None:
    """Give frozen objects back to the collector and collect once.

    Freezing is for the whole process: a new filter in one window thaws the rows
    of every window, until each reads its next page and freezes them again.
    """
    gc.unfreeze()
    gc.collect()
