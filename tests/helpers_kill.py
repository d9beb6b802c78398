"""Helpers for the reliability tests.

Run as a script, it does one operation on a case file so that a test can kill
it (SIGKILL) part-way::

    python tests/helpers_kill.py import CASE FILE AGENCY [OPTION...]  # scrchron import, through the CLI
    python tests/helpers_kill.py edit CASE MARK           # one case.write() over every entry
    python tests/helpers_kill.py restore CASE BACKUP       # scrchron restore, through the CLI
    python tests/helpers_kill.py export CASE OUT          # scrchron.export.export
    python tests/helpers_kill.py hold CASE                 # keep CASE open until stdin closes
    python tests/helpers_kill.py serve                     # a fork server for the above

Everything is imported first; then the operation prints ``ready PID`` on
stdout, so that the test's random delay measures the operation and not
Python's start-up. Phases are written to stderr as ``PHASE NAME SECONDS``
lines (``backup`` when the pre-import backup starts, ``write`` when the
outermost ``case.write()`` starts, ``commit`` when it has ended...), so that a
test can tell where each kill landed.

``serve`` imports once and then forks one child per operation: it reads
``LOG ARGS...`` lines (tab-separated) on stdin; each child sends its output to
the file LOG, prints ``ready PID`` and runs ARGS; the server then prints
``exit STATUS MAXRSS_KB`` (STATUS negative: killed by that signal; the child's
peak resident memory from ``wait4``, counting the pages it shares with the
server). Forking saves Python's start-up (~0.5 s) per run; a forked child is
killed exactly like a process started from scratch. :class:`Server` drives it.

Imported by the tests, it gives :func:`record_figure`, which collects the
figures printed at the end of the pytest run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_STARTED = [0.0]
_CHANNEL = [1]  # where 'ready' goes: stdout, or the server's pipe in a forked child


def _phase(name: str) -> None:
    sys.stderr.write(f"PHASE {name} {time.perf_counter() - _STARTED[0]:.4f}\n")
    sys.stderr.flush()


def _instrument() -> None:
    """Report the phases of an operation on stderr (wraps Case.write and the backup)."""
    from scrchron.store import backups
    from scrchron.store.case import Case

    original_write = Case.write
    depth = [0]

    @contextmanager
    def write(self: Case) -> Iterator[Any]:
        outer = depth[0] == 0
        if outer:
            _phase("write")
        depth[0] += 1
        try:
            with original_write(self) as db:
                yield db
        finally:
            depth[0] -= 1
        if outer:
            _phase("commit")

    original_backup = backups.rotate_backup

    def rotate_backup(case: Case, keep: int | None = None) -> Path:
        _phase("backup")
        return original_backup(case, keep)

    Case.write = write  # type: ignore[method-assign]
    backups.rotate_backup = rotate_backup
    for name in ("_stage", "_keep_current", "_replace"):
        setattr(backups, name, _phased(name.strip("_"), getattr(backups, name)))


def _phased(name: str, function: Any) -> Any:
    def wrapper(*args: Any) -> Any:
        _phase(name)
        return function(*args)

    return wrapper


def _ready() -> None:
    _STARTED[0] = time.perf_counter()
    sys.stdout.flush()
    os.write(_CHANNEL[0], f"ready {os.getpid()}\n".encode())


def _bulk_edit(case_path: str, mark: str) -> int:
    """Set every entry's reviewer note to ``mark`` in one transaction, audited per entry."""
    from scrchron.store.case import Case

    with Case.open(case_path) as case:
        ids = [row[0] for row in case.db.conn.execute("SELECT id FROM entries ORDER BY id")]
        _ready()
        with case.write() as db:
            for entry_id in ids:
                db.conn.execute("UPDATE entries SET reviewer_note = ? WHERE id = ?", [mark, entry_id])
                case.audit("update", "entries", entry_id, "reviewer_note", None, mark)
    return 0


def _export(case_path: str, out: str) -> int:
    from scrchron.export import export
    from scrchron.store.case import Case

    with Case.open(case_path, read_only=True) as case:
        _ready()
        export(case, Path(out))
    _phase("done")
    return 0


def _hold(case_path: str) -> int:
    from scrchron.store.case import Case

    with Case.open(case_path):
        _ready()
        sys.stdin.read()
    return 0


def _load() -> None:
    """Import everything an operation needs (before 'ready'), instrumented."""
    from scrchron import cli
    from scrchron.chronology import submission_import  # noqa: F401
    from scrchron.cli import backup_commands
    from scrchron.importers import parse_submission  # noqa: F401

    registry: Any = cli
    if backup_commands not in registry._MODULES:  # until it is registered in scrchron.cli
        registry._MODULES = (*registry._MODULES, backup_commands)
    _instrument()
    with suppress(ImportError):
        import scrchron.export  # noqa: F401


def _serve() -> int:
    """Fork one child per job line read on stdin; report how each ended."""
    for line in sys.stdin:
        log, *args = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            _child(log, args)
        _, status, usage = os.wait4(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        sys.stdout.write(f"exit {code} {usage.ru_maxrss}\n")
        sys.stdout.flush()
    return 0


def _child(log: str, args: list[str]) -> None:
    """Run one job in a forked child; never returns."""
    code = 1
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        sys.stdout.flush()
        _CHANNEL[0] = os.dup(1)
        os.dup2(fd, 1)  # the operation's own output goes to the log, not the server's pipe
        os.dup2(fd, 2)
        code = _run(args)
    except BaseException:  # report, then leave without running the server's code
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main(argv: list[str]) -> int:
    """Run one operation, or the fork server (see the module docstring)."""
    _load()
    if argv == ["serve"]:
        return _serve()
    return _run(argv)


def _run(argv: list[str]) -> int:
    from scrchron import cli

    command, case_path, *rest = argv
    if command == "import":
        _ready()
        return cli.main(["import", case_path, rest[0], "--agency", rest[1], *rest[2:]])  # e.g. --passphrase-file
    if command == "restore":
        _ready()
        return cli.main(["restore", case_path, rest[0]])
    if command == "edit":
        return _bulk_edit(case_path, rest[0])
    if command == "export":
        return _export(case_path, rest[0])
    if command == "hold":
        return _hold(case_path)
    raise SystemExit(f"unknown command {command}")


# -- the tests' side ------------------------------------------------------------

@dataclass
class Run:
    """How one operation run by the server ended."""

    code: int
    seconds: float
    max_rss_mb: float
    output: str
    phases: dict[str, float]

    @property
    def killed(self) -> bool:
        """True when it was killed by SIGKILL."""
        return self.code == -signal.SIGKILL

    @property
    def last_phase(self) -> str:
        """The last phase it reached ('start' if none)."""
        return max(self.phases, key=self.phases.__getitem__) if self.phases else "start"


class Server:
    """Runs operations in children forked from one warm Python (``serve``)."""

    def __init__(self, folder: Path) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        self.folder = folder
        self.jobs = 0
        self.process = subprocess.Popen([sys.executable, __file__, "serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env, bufsize=1)

    def run(self, *args: str, kill_after: float | None = None, limit: float = 120.0) -> Run:
        """Run one operation; SIGKILL it ``kill_after`` s after it is ready, or after ``limit`` s."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.jobs += 1
        log = self.folder / f"job{self.jobs}.log"
        self.process.stdin.write("\t".join([str(log), *args]) + "\n")
        line = self.process.stdout.readline()
        ready = time.perf_counter()
        if line.startswith("ready "):
            pid = int(line.split()[1])
            if kill_after is not None:
                time.sleep(kill_after)
                _kill(pid)
            timer = threading.Timer(limit, _kill, [pid])
            timer.start()
            line = self.process.stdout.readline()
            timer.cancel()
        seconds = time.perf_counter() - ready
        _, code, rss = line.split()
        output = log.read_text(encoding="utf-8", errors="replace")
        return Run(int(code), seconds, int(rss) / 1024, output, _phases(output))

    def close(self) -> None:
        """Stop the server."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _phases(output: str) -> dict[str, float]:
    phases = {}
    for text in output.splitlines():
        if text.startswith("PHASE "):
            _, name, at = text.split()
            phases[name] = float(at)
    return phases


# -- figures for the end of the test run ---------------------------------------

class _Figures:
    """A pytest plugin that prints the collected figures in the terminal summary."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("scrchron reliability figures")
        for name, value in self.values.items():
            terminalreporter.write_line(f"{name}: {value}")


def record_figure(config: Any, name: str, value: Any) -> None:
    """Keep a figure (kill points survived, peak memory...) to print after the run."""
    plugin = config.pluginmanager.get_plugin("scrchron-figures")
    if plugin is None:
        plugin = _Figures()
        config.pluginmanager.register(plugin, "scrchron-figures")
    plugin.values[name] = value


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
