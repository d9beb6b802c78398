"""Running a core call in the background and handing its result back on the GUI thread.

One helper for every slow job (reading a submission, importing, exporting). A job is
a plain function ``work(progress, cancelled)`` that calls the core; when it needs
the case file it opens its OWN ``Case`` on the same path (``with_case``), because
sqlite3 objects must stay on the thread that made them. Only the UI turns the
``progress(done, total)`` callable into a signal; widgets are never touched from
the worker (Picard's ``run_task`` and Anki's ``QueryOp`` do the same).

Each window runs its jobs on a thread pool of its own (the pool is a child of the
window, found again by name), so closing one window waits for its own work only,
never for an import running in another window (``wait_for``).

Tests swap in ``SynchronousRunner``, which runs the job at once on the calling
thread, so background work finishes inside the test.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from scrchron.errors import ScrchronError
from scrchron.runtime.progress import Cancelled as Cancelled
from scrchron.runtime.progress import Progress as Progress
from scrchron.store import Case

log = logging.getLogger(__name__)

Work = Callable[[Progress, Cancelled], Any]
#: The object name of the thread pool a window keeps for its tasks.
_POOL_NAME = "scrchron_tasks"


class Task(QObject):
    """One background job: its signals arrive on the GUI thread, in order.

    ``finished(result)``, ``failed(error)`` (an exception: a ``ScrchronError`` is
    for the reviewer to read; anything else carries ``traceback_text``) and
    ``progressed(done, total)``.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.done = False
        self.abandoned = False

    def cancel(self) -> None:
        """Ask the job to stop (it stops at its next ``cancelled()`` check)."""
        self._cancel.set()

    def abandon(self) -> None:
        """Stop the job and drop its outcome: its window is closing."""
        self.abandoned = True
        self.cancel()
        self.setParent(None)

    def is_cancelled(self) -> bool:
        """True once ``cancel`` was called."""
        return self._cancel.is_set()

    def run(self) -> None:
        """Run the job here (on whatever thread calls this) and emit the outcome."""
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except ScrchronError as error:
            self.done = True
            self.failed.emit(error)
        except Exception as error:
            error.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            log.error("Background task failed:\n%s", error.traceback_text)  # type: ignore[attr-defined]
            self.done = True
            self.failed.emit(error)
        else:
            self.done = True
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()


class Runner(Protocol):
    """Starts tasks: in a thread pool in the app, at once in tests."""

    def start(self, task: Task) -> None:
        """Start ``task``; its signals arrive on the GUI thread."""


class ThreadPoolRunner:
    """Runs each window's tasks on that window's own pool (ownerless ones on the global pool)."""

    def __init__(self) -> None:
        self._running: set[Task] = set()  # keep Python owners alive while they run

    def start(self, task: Task) -> None:
        """Queue ``task`` on its owner's pool."""
        self._running.add(task)
        task.finished.connect(lambda _result: self._running.discard(task))
        task.failed.connect(lambda _error: self._running.discard(task))
        _pool_for(owner_of(task.parent())).start(_Runnable(task))

    def wait(self, owner: QObject, msecs: int = 30_000) -> bool:
        """Wait for the tasks ``owner`` started (used when its window closes); False on time-out."""
        pool = pool_of(owner_of(owner))
        return pool is None or pool.waitForDone(msecs)

    def abandon(self, owner: QObject) -> None:
        """Forget the tasks of ``owner``'s window as it closes: asked to stop, their results unread.

        A result already on its way to the GUI thread is dropped (the window's case is
        about to close), and each task leaves the window, so it outlives the window's
        deletion until its worker ends.
        """
        window = owner_of(owner)
        for task in list(self._running):
            if owner_of(task.parent()) is window:
                task.abandon()


def owner_of(thing: QObject | None) -> QObject | None:
    """The window a task belongs to: the top of ``thing``'s parents (None: no owner)."""
    while thing is not None and thing.parent() is not None:
        thing = thing.parent()
    return thing


def pool_of(owner: QObject | None) -> QThreadPool | None:
    """The pool ``owner``'s tasks run on (None until it starts one); the global pool for no owner."""
    if owner is None:
        return QThreadPool.globalInstance()
    return owner.findChild(QThreadPool, _POOL_NAME, Qt.FindChildOption.FindDirectChildrenOnly)


def _pool_for(owner: QObject | None) -> QThreadPool:
    """``owner``'s pool, made on first use as its child (so it goes when the window goes)."""
    pool = pool_of(owner)
    if pool is None:
        pool = QThreadPool(owner)
        pool.setObjectName(_POOL_NAME)
    return pool


class SynchronousRunner:
    """Runs tasks at once on the calling thread (tests; Picard's ``FakeThreadPool``)."""

    def start(self, task: Task) -> None:
        """Run ``task`` now."""
        task.run()


_runner: Runner = ThreadPoolRunner()


def runner() -> Runner:
    """The runner tasks use (tests replace it with ``set_runner``)."""
    return _runner


def set_runner(new: Runner) -> Runner:
    """Use another runner; returns the one it replaces."""
    global _runner
    previous, _runner = _runner, new
    return previous


def abandon(owner: QObject) -> None:
    """Drop the outcome of the work ``owner``'s window started (it is closing); see ``ThreadPoolRunner``."""
    running = runner()
    if isinstance(running, ThreadPoolRunner):
        running.abandon(owner)


def wait_for(owner: QObject, msecs: int = 30_000) -> bool:
    """Wait (at most ``msecs``) for the background work ``owner``'s window started; True when none is left.

    Other windows' work is not waited for. The synchronous runner of tests has
    nothing left to wait for.
    """
    running = runner()
    return running.wait(owner, msecs) if isinstance(running, ThreadPoolRunner) else True


def run_task(work: Work, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
             on_progress: Progress | None = None, parent: QObject | None = None) -> Task:
    """Run ``work`` in the background; call ``on_done``/``on_error`` on the GUI thread."""
    task = Task(work, parent)
    task.finished.connect(lambda result: None if task.abandoned else on_done(result))
    task.failed.connect(lambda error: None if task.abandoned else on_error(error))
    if on_progress is not None:
        task.progressed.connect(lambda done, total: None if task.abandoned else on_progress(done, total))
    runner().start(task)
    return task


def with_case(case: Case, call: Callable[[Case, Progress, Cancelled], Any]) -> Work:
    """A job that gives ``call`` its own connection to ``case``, made on the worker's thread.

    ``Case.for_thread`` shares the open case's lock; the connection is made inside
    the job so that it belongs to the worker thread, and closed there.
    """
    path = case.path

    def work(progress: Progress, cancelled: Cancelled) -> Any:
        own = case.for_thread() if hasattr(case, "for_thread") else Case.open(path)
        try:
            return call(own, progress, cancelled)
        finally:
            own.close()

    return work
