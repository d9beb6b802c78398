"""Work shared between forked children inside the cage (a long PDF's pages read on two cores).

Only the cage's child (importers.cage) splits its work: it is a disposable process
already under the cage's limits, so the workers it forks inherit its closed world
(no network, the same file, stderr going to the cage) and share its limits rather
than add to them:

- memory: each of ``n`` workers may grow by ``CAGE_MEMORY_BYTES / n`` beyond its start
  (``RLIMIT_AS``), so together they stay within the cage's 1 GB;
- processor time: each has ``CAGE_CPU_SECONDS / n`` (``RLIMIT_CPU``);
- a worker dies with the cage's child (``PR_SET_PDEATHSIG``), so the cage's wall-time
  kill and a cancelled import stop the workers too.

A worker returns its result (pickled, through a pipe) or the ``SubmissionError`` it
raised; a worker that runs out of memory makes the read fail with the cage's memory
message, one stopped for processor time with the cage's time message. Outside the
cage (tests calling a reader directly, systems without ``fork``) the tasks run one
after the other in the calling process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any, TypeVar

from scrchron.importers import cage, limits
from scrchron.importers.parsed import SubmissionError

T = TypeVar("T")

MAX_WORKERS = 2
"""Most workers one read uses (the machines reviewers use have two cores or more)."""

_PR_SET_PDEATHSIG = 1


def worker_count(tasks: int) -> int:
    """How many workers ``tasks`` pieces of work get here: 1 outside the cage or on one core."""
    if not cage.INSIDE or not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(tasks, cores, MAX_WORKERS))


def run_each(name: str, tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Run each task in its own forked worker (inside the cage), or in turn; results in order.

    Args:
        name: the file name, for messages.
        tasks: picklable-result callables; a task may raise ``SubmissionError``.

    Raises:
        SubmissionError: the first task's (in order) own error, or one naming the limit a worker met.
        MemoryError: a worker ran out of its share of memory (the cage says so).
    """
    if len(tasks) < 2 or worker_count(len(tasks)) < len(tasks):
        return [task() for task in tasks]
    share = len(tasks)
    started: list[tuple[int, int]] = []
    try:
        for task in tasks:
            reading, writing = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no process to spare (a process limit): the rest in turn, here
                os.close(reading)
                os.close(writing)
                if not started:
                    return [task() for task in tasks]
                raise
            if pid == 0:  # pragma: no cover - the worker
                os.close(reading)
                for _, other in started:
                    os.close(other)
                _worker(task, writing, share)
            os.close(writing)
            started.append((pid, reading))
        replies = _replies([reading for _, reading in started])
    finally:
        codes = [_reap(pid, reading) for pid, reading in started]
    return [_result(name, reply, code) for reply, code in zip(replies, codes, strict=True)]


def _replies(pipes: list[int]) -> list[bytes]:
    """Everything each worker wrote, read from all pipes at once (none blocks on a full pipe)."""
    chunks: dict[int, list[bytes]] = {pipe: [] for pipe in pipes}
    open_pipes = set(pipes)
    size = 0
    while open_pipes:
        ready, _, _ = select.select(list(open_pipes), [], [])
        for pipe in ready:
            chunk = os.read(pipe, 1024 * 1024)
            if not chunk:
                open_pipes.discard(pipe)
                continue
            chunks[pipe].append(chunk)
            size += len(chunk)
            if size > limits.CAGE_OUTPUT_BYTES:
                raise MemoryError
    return [b"".join(chunks[pipe]) for pipe in pipes]


def _reap(pid: int, reading: int) -> int:
    os.close(reading)
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)  # it has written its reply (or must stop now)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _result(name: str, reply: bytes, code: int) -> Any:
    try:
        kind, value = pickle.loads(reply)
    except (pickle.UnpicklingError, EOFError, ValueError) as exc:  # no reply, or one cut short
        raise _ended(name, code) from exc
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise MemoryError
    raise SubmissionError(cage._unsafe(name, f"the reader failed ({value})"))


def _ended(name: str, code: int) -> SubmissionError:
    if code == -signal.SIGXCPU:
        return SubmissionError(cage._unsafe(name, f"it needed more than {limits.CAGE_CPU_SECONDS} seconds of "
                                                 "processing, and was stopped"))
    return SubmissionError(cage._unsafe(name, f"a page reader stopped abruptly (exit status {code})"))


def _worker(task: Callable[[], Any], writing: int, share: int) -> None:  # pragma: no cover - worker
    """In the worker: die with the cage's child, take a share of its limits, run, reply, exit."""
    try:
        _die_with_parent()
        _share_limits(share)
        data = cage.reply_bytes(task)  # the cage's own reply: result, refusal, bug or memory
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def _die_with_parent() -> None:  # pragma: no cover - worker
    import ctypes

    parent = os.getppid()
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the cage's child died before the worker could ask
        os._exit(1)


def _share_limits(share: int) -> None:  # pragma: no cover - worker
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    memory = cage._address_space() + limits.CAGE_MEMORY_BYTES // share
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    cpu = max(1, limits.CAGE_CPU_SECONDS // share)  # a forked process starts at no processor time
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if cpu_hard != resource.RLIM_INFINITY:
        cpu = min(cpu, cpu_hard)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))
