"""One writer per case: the lock file, what a second scrchron is told, stale locks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scrchron import cli
from scrchron.errors import CaseFileError
from scrchron.records.case_records import Review
from scrchron.store import add_entry, backups
from scrchron.store.case import Case, CaseLockedError
from scrchron.store.lock import CaseLock, LockHolder, held_here, is_locked, lock_path, read_holder

HELPER = Path(__file__).with_name("helpers_kill.py")


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "Child L.scrchron"
    Case.create(path, Review("Child L", "cspr")).close()
    return path


@contextmanager
def held_elsewhere(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another scrchron process with ``path`` open for writing."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, str(HELPER), "hold", str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().startswith("ready")
    try:
        yield child
    finally:
        if child.poll() is None:
            child.stdin.close()
        child.wait(timeout=30)


def test_lock_file_lives_while_a_writable_case_is_open(case_path: Path) -> None:
    assert not lock_path(case_path).exists()
    with Case.open(case_path):
        holder = read_holder(case_path)
        assert holder is not None and holder.pid == os.getpid()
        assert is_locked(case_path) and held_here(case_path)
    assert not lock_path(case_path).exists()
    assert not is_locked(case_path) and not held_here(case_path)


def test_read_only_open_takes_no_lock(case_path: Path) -> None:
    with Case.open(case_path, read_only=True):
        assert not lock_path(case_path).exists()
        with Case.open(case_path) as writer:  # a reader does not stop the writer
            writer.add_agency("Police")


def test_second_scrchron_is_refused_with_who_and_the_read_only_offer(case_path: Path) -> None:
    with held_elsewhere(case_path) as other:
        with pytest.raises(CaseLockedError) as caught:
            Case.open(case_path)
        message = str(caught.value)
        assert f"pid {other.pid} since " in message
        assert message.startswith("Child L.scrchron is open in another scrchron")
        assert message.endswith("Open it read-only, or close it there first.")
        assert caught.value.holder is not None and caught.value.holder.pid == other.pid
        assert isinstance(caught.value, CaseFileError)
        with Case.open(case_path, read_only=True) as reader:  # the offer works
            assert reader.review().title == "Child L"
        assert is_locked(case_path) and not held_here(case_path)
    with Case.open(case_path) as case:  # released when the other one closed it
        case.add_agency("Police")


def test_cli_write_command_on_a_locked_case_exits_1_and_reading_still_works(
    case_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held_elsewhere(case_path):
        status = cli.main(["add", str(case_path), "--agency", "Police", "--date", "1 May 2015",
                           "--event", "Visit"])
        err = capsys.readouterr().err
        assert status == 1 and "is open in another scrchron" in err and "Traceback" not in err
        assert cli.main(["info", str(case_path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["entries"] == 0


def test_stale_lock_of_a_killed_scrchron_does_not_block(case_path: Path) -> None:
    with held_elsewhere(case_path) as other:
        other.send_signal(signal.SIGKILL)
        other.wait(timeout=30)
    assert lock_path(case_path).exists()  # the file stays behind...
    assert not is_locked(case_path)  # ...but nothing holds it
    with Case.open(case_path) as case:
        holder = read_holder(case_path)
        assert holder is not None and holder.pid == os.getpid()
        case.add_agency("Police")


def test_writable_opens_in_one_process_share_the_lock(case_path: Path) -> None:
    # A worker thread opens its own connection to the case its window holds.
    first = Case.open(case_path)
    second = Case.open(case_path)
    first.close()
    assert is_locked(case_path)
    second.add_agency("Police")
    second.close()
    assert not is_locked(case_path) and not lock_path(case_path).exists()


def test_close_is_idempotent_and_a_dropped_case_lets_go(case_path: Path) -> None:
    case = Case.open(case_path)
    case.close()
    case.close()
    Case.open(case_path)  # never closed: dropped at once
    assert not held_here(case_path)


def test_exclusive_lock_refuses_this_process_too(case_path: Path) -> None:
    with Case.open(case_path), pytest.raises(CaseLockedError, match="open for writing in this scrchron"):
        CaseLock.acquire(case_path, exclusive=True)
    CaseLock.acquire(case_path, exclusive=True).release()


def test_lock_is_released_when_opening_fails_after_taking_it(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise CaseFileError("cannot be opened for writing")

    monkeypatch.setattr("scrchron.store.case._open_connection", broken)
    with pytest.raises(CaseFileError):
        Case.open(case_path)
    assert not held_here(case_path) and not lock_path(case_path).exists()


def test_unwritable_folder_for_the_lock_says_open_read_only(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(CaseFileError, match=r"read-only .* Open it read-only"):
        Case.open(case_path)
    with Case.open(case_path, read_only=True) as reader:
        assert reader.review().title == "Child L"


def test_restore_is_refused_while_another_scrchron_has_the_case(case_path: Path) -> None:
    with Case.open(case_path) as case:
        backups.rotate_backup(case)
    with held_elsewhere(case_path), pytest.raises(CaseLockedError, match="another scrchron"):
        backups.restore_backup(case_path, "1")
    with Case.open(case_path), pytest.raises(CaseLockedError, match="in this scrchron"):
        backups.restore_backup(case_path, "1")


def test_holder_description() -> None:
    here = LockHolder(12, os.uname().nodename, "jo", "2020-03-05T14:05:00+00:00")
    assert here.describe().startswith("pid 12 since ") and "5 Mar" in here.describe()
    away = LockHolder(12, "LAPTOP-2", "jo", "not a time")
    assert away.describe() == "pid 12 on LAPTOP-2 by jo since not a time"


def test_unreadable_lock_file_gives_a_plain_message(case_path: Path) -> None:
    with held_elsewhere(case_path):
        lock_path(case_path).write_text("garbage")
        assert read_holder(case_path) is None
        with pytest.raises(CaseLockedError, match=r"^Child L.scrchron is open in another scrchron\. Open"):
            Case.open(case_path)


def test_entries_written_under_the_lock_are_kept(case_path: Path) -> None:
    from scrchron.records.case_records import Entry

    with Case.open(case_path) as case:
        police = case.add_agency("Police")
        add_entry(case, Entry(agency_id=police.id, event="Visit", date_text="1 May 2015"))
    with Case.open(case_path, read_only=True) as reader:
        assert reader.count("entries") == 1


def test_a_worker_thread_gets_its_own_connection_under_the_same_lock(case_path: Path) -> None:
    import threading

    results: list[object] = []
    with Case.open(case_path) as case:
        def work() -> None:
            own = case.for_thread()
            try:
                results.append(own.add_agency("Police").name)
            finally:
                own.close()

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert results == ["Police"]
        assert is_locked(case_path)  # the worker closing its copy let go of its share only
        assert [a.name for a in case.agencies()] == ["Police"]
    assert not is_locked(case_path)
    with Case.open(case_path, read_only=True) as reader, reader.for_thread() as copy:
        assert copy.read_only and not lock_path(case_path).exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_a_forked_child_does_not_take_the_parents_lock_with_it(case_path: Path) -> None:
    with Case.open(case_path):
        pid = os.fork()
        if pid == 0:  # the child: it holds nothing and must not remove the parent's lock file
            os._exit(0 if not held_here(case_path) else 1)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 0
        assert lock_path(case_path).exists() and is_locked(case_path)
