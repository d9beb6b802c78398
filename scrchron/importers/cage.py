"""Reading a submission in a child process with hard limits (the "cage").

The readers (calamine in Rust, lxml, python-docx, the CSV reader) run on files
that arrive from outside. A hostile or broken file can make a native reader loop,
ask for hundreds of gigabytes or abort the whole process. So every read runs in
a child process with limits the operating system enforces:

- memory: the child's address space may grow by at most
  :data:`~scrchron.importers.limits.CAGE_MEMORY_BYTES` (1 GB) beyond its start
  (``RLIMIT_AS``);
- processor time: :data:`~scrchron.importers.limits.CAGE_CPU_SECONDS` (60 s,
  ``RLIMIT_CPU``);
- wall time: :data:`~scrchron.importers.limits.CAGE_WALL_SECONDS` (120 s), after
  which the parent kills it;
- output: :data:`~scrchron.importers.limits.CAGE_OUTPUT_BYTES` (512 MB of pickled
  tables).

The child is forked (POSIX), so it starts in milliseconds with everything already
imported; it returns the tables it read (pickled, through a pipe), or the
``SubmissionError`` a reader raised. Its peak memory is read with ``wait4``
(:data:`LAST`). Any other end (an abort, a signal, a limit) becomes a ``SubmissionError``
naming the limit, and the window and the case are untouched. Elsewhere than on
Linux (see :func:`available`) the read runs in-process, as before.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from scrchron.importers import limits
from scrchron.importers.limits import human_bytes
from scrchron.importers.parsed import ImportCancelled, SubmissionError

T = TypeVar("T")

_POLL_SECONDS = 0.05


def available() -> bool:
    """True when reads can be caged here: Linux (``fork``, ``wait4``, enforced ``RLIMIT_AS``).

    macOS does not enforce ``RLIMIT_AS`` and forbids much after ``fork`` in a program
    with a window; Windows has no ``fork``. There the read runs in-process, as before.
    """
    return sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(os, "wait4")


@dataclass(frozen=True)
class ChildReport:
    """How the last caged read ended: its peak memory and time (for figures and tests)."""

    name: str
    peak_bytes: int
    seconds: float
    status: str  # 'ok', 'refused' (a reader's message) or the limit/ending met


LAST: list[ChildReport] = []
"""The report of the latest caged read of this process (one item)."""

INSIDE = False
"""True in the cage's child (a disposable process under the limits; importers.workers forks there)."""


def run_caged(name: str, task: Callable[[], T], cancelled: Callable[[], bool] | None = None) -> T:
    """Run ``task`` (a reader) in a child process with hard limits; return what it returned.

    Args:
        name: the file name, for messages.
        task: reads the file; returns picklable tables; may raise ``SubmissionError``.
        cancelled: polled while waiting; True kills the child (``ImportCancelled``).

    Raises:
        SubmissionError: the reader's own message, or one naming the limit it hit.
    """
    if not available():  # pragma: no cover - Windows
        return task()
    started = time.perf_counter()
    with tempfile.TemporaryFile(prefix="scrchron-cage-") as errors:
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(reading)
            _child(task, writing, errors.fileno())
        os.close(writing)
        status, peak = 0, 0
        try:
            message = _wait(pid, reading, name, cancelled)
        finally:
            os.close(reading)
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # it has sent its reply (or must stop now)
            _, status, usage = os.wait4(pid, 0)
            peak = int(usage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)
        code = os.waitstatus_to_exitcode(status)
        try:
            if message is None:
                errors.seek(0)
                raise _ended(name, code, errors.read(4096).decode("utf-8", "replace"))
            result: T = _result(name, message)
        except SubmissionError as error:
            _report(name, peak, started, str(error))
            raise
    _report(name, peak, started, "ok")
    return result


def _report(name: str, peak: int, started: float, outcome: str) -> None:
    status = "ok" if outcome == "ok" else "limit" if "could not be read safely" in outcome else "refused"
    LAST[:] = [ChildReport(name, peak, time.perf_counter() - started, status)]


def _wait(pid: int, reading: int, name: str, cancelled: Callable[[], bool] | None) -> bytes | None:
    """The child's whole reply, or None when it ended without one."""
    deadline = time.monotonic() + limits.CAGE_WALL_SECONDS
    chunks: list[bytes] = []
    size = 0
    while True:
        ready, _, _ = select.select([reading], [], [], _POLL_SECONDS)
        if ready:
            chunk = os.read(reading, 1024 * 1024)
            if not chunk:
                return _complete(b"".join(chunks))
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.CAGE_OUTPUT_BYTES + _HEADER.size:
                raise SubmissionError(_output(name, size))
            continue
        if cancelled is not None and cancelled():
            raise ImportCancelled("Import cancelled.")
        if time.monotonic() > deadline:
            raise SubmissionError(_unsafe(name, f"reading it took more than {limits.CAGE_WALL_SECONDS} "
                                                "seconds, and it was stopped"))


_HEADER = struct.Struct("<Q")


def _complete(data: bytes) -> bytes | None:
    """The reply when all of it arrived (its length comes first), else None."""
    if len(data) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack_from(data)
    body = data[_HEADER.size:]
    return body if len(body) == length else None


def _child(task: Callable[[], Any], writing: int, errors_fd: int) -> None:  # pragma: no cover - child
    """In the child: set the limits, run the reader, send one reply, exit."""
    global INSIDE
    INSIDE = True
    try:
        os.dup2(errors_fd, 2)  # a native reader's last words ("memory allocation of ... failed")
        faulthandler.disable()  # its dump would go to the parent's terminal
        _set_limits()
        data = reply_bytes(task)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(_HEADER.pack(len(data)) + data)
    finally:
        os._exit(0)


def reply_bytes(task: Callable[[], Any]) -> bytes:  # pragma: no cover - child
    """Run ``task`` and pickle how it ended (the cage's child and the PDF workers both reply so)."""
    try:
        reply: tuple[str, Any] = ("ok", task())
    except SubmissionError as error:
        reply = ("error", error)
    except MemoryError:
        reply = ("memory", None)
    except RecursionError:
        reply = ("crash", "it nests too deeply")
    except BaseException as error:  # a reader's bug or a panic: a message, not a dead window
        reply = ("crash", f"{type(error).__name__}: {str(error)[:200]}")
    try:
        data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory", None))
    if len(data) > limits.CAGE_OUTPUT_BYTES:
        data = pickle.dumps(("output", len(data)))
    return data


def _set_limits() -> None:  # pragma: no cover - child
    import resource

    start = _address_space()
    memory = start + limits.CAGE_MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    used = int(resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime)
    cpu = used + limits.CAGE_CPU_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _address_space() -> int:  # pragma: no cover - child
    """The process's virtual size now (a forked child starts with its parent's)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024 * 4


def _result(name: str, data: bytes) -> Any:
    if len(data) > limits.CAGE_OUTPUT_BYTES:
        raise SubmissionError(_output(name, len(data)))
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise SubmissionError(_memory(name))
    if kind == "output":
        raise SubmissionError(_output(name, int(value)))
    raise SubmissionError(_unsafe(name, f"the reader failed ({value})"))


def _ended(name: str, code: int | None, errors: str) -> SubmissionError:
    """The message for a child that died without a word (a native abort or a limit)."""
    if "memory allocation" in errors or "MemoryError" in errors or "bad_alloc" in errors:
        return SubmissionError(_memory(name))
    if code == -signal.SIGXCPU:
        return SubmissionError(_unsafe(name, f"it needed more than {limits.CAGE_CPU_SECONDS} seconds of "
                                             "processing, and was stopped"))
    if code is not None and code < 0:
        what = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        hint = " (probably it asked for more than the memory limit)" if -code in (
            signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL) else ""
        return SubmissionError(_unsafe(name, f"the reader stopped abruptly ({what}){hint}"))
    return SubmissionError(_unsafe(name, f"the reader stopped abruptly (exit status {code})"))


def _memory(name: str) -> str:
    return _unsafe(name, f"it asked for more than {memory_limit_text()} of memory")


def memory_limit_text() -> str:
    """The memory limit as a message says it: '1 GB'."""
    size = limits.CAGE_MEMORY_BYTES
    return f"{size / (1024 * limits.MB):g} GB" if size >= 1024 * limits.MB else human_bytes(size)


def _output(name: str, size: int) -> str:
    return _unsafe(name, f"it holds {human_bytes(size)} of table data; the limit is "
                         f"{human_bytes(limits.CAGE_OUTPUT_BYTES)}")


def _unsafe(name: str, why: str) -> str:
    return (f"'{name}' could not be read safely: {why}. Nothing was imported. Ask the agency to "
            "save it again (as .xlsx or .docx), or split it into smaller files.")
