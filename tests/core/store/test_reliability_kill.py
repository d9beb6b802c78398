"""Crash safety: SIGKILL at random moments of an import, a bulk edit, a restore, an export.

Each operation runs in a child process (tests/helpers_kill.py) and is killed
after a random delay: half the delays are spread over the whole operation,
half fall inside its write transaction. After each kill the case file must
pass ``PRAGMA integrity_check`` and hold all of the operation or none of it
(entries, submission row and audit log agreeing), and it must open again at
once (the dead process's lock does not block it).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers_kill import Run, Server, record_figure
from tests.conftest import TEST_PASSPHRASE

from scrchron.records.case_records import Review
from scrchron.store import backups, cipher
from scrchron.store.case import Case
from scrchron.store.cipher import CaseKey

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROWS = 2_000
IMPORT_KILLS = 20
PROTECTED_IMPORT_KILLS = 8
EDIT_KILLS = 10
RESTORE_KILLS = 6
EXPORT_KILLS = 3
SEED = int(os.environ.get("SCRCHRON_KILL_SEED", "20250312"))

_KILLS: Counter[str] = Counter()
_PHASES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    started = Server(tmp_path_factory.mktemp("logs"))
    yield started
    started.close()


def finished(run: Run) -> Run:
    """A run that was not killed must have succeeded."""
    assert run.code == 0, run.output[-3000:]
    return run


def delays(calibration: Run, count: int, rng: random.Random) -> list[float]:
    """Half over the whole run, half inside its write transaction."""
    start = calibration.phases.get("write", 0.0)
    end = calibration.phases.get("commit", calibration.seconds)
    whole = calibration.seconds * 1.05
    return [rng.uniform(0, whole) if i % 2 else rng.uniform(start, end) for i in range(count)]


@dataclass
class State:
    """What a case file holds, read straight from SQLite."""

    entries: int
    submissions: int
    audited_imports: int
    notes: set[str]
    mark_audits: Counter[str]


def check_file(path: Path, key: CaseKey | None = None) -> State:
    """Integrity-check a closed case file and read its state; it must open as a Case too."""
    conn = cipher.connect(path, key)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        state = State(
            entries=conn.execute("SELECT count(*) FROM entries").fetchone()[0],
            submissions=conn.execute("SELECT count(*) FROM submissions").fetchone()[0],
            audited_imports=conn.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0],
            notes={row[0] for row in conn.execute("SELECT DISTINCT reviewer_note FROM entries")},
            mark_audits=Counter(row[0] for row in conn.execute(
                "SELECT new FROM audit WHERE field = 'reviewer_note'")),
        )
        for submission_id, imported in conn.execute("SELECT id, rows_imported FROM submissions"):
            stored = conn.execute("SELECT count(*) FROM entries WHERE submission_id = ?",
                                  [submission_id]).fetchone()[0]
            assert stored == imported
    finally:
        conn.close()
    Case.open(path, key=key).close()  # opens at once: no stale lock, passes the quick check
    return state


def write_csv(path: Path, rows: int) -> Path:
    rng = random.Random(1)
    lines = ["Date,Time,Event,Action taken,Source"]
    for index in range(rows):
        day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2014, 2015])}"
        lines.append(f"{day},{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d},"
                     f"Contact {index}: home visit; mother and baby seen,Advice given,Record {index}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def case_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill")
    Case.create(folder / "Child K.scrchron", Review("Child K", "cspr")).close()
    write_csv(folder / "police.csv", ROWS)
    return folder


def note(kind: str, run: Run) -> None:
    _KILLS[kind] += 1
    _PHASES[f"{kind}:{run.last_phase}"] += 1


@pytest.fixture(scope="module", autouse=True)
def _figures(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    record_figure(request.config, "Kill points survived (SIGKILL, case intact, all or nothing)",
                  f"{sum(_KILLS.values())} ({', '.join(f'{k} {v}' for k, v in sorted(_KILLS.items()))})")
    record_figure(request.config, "Kill points by last phase reached",
                  ", ".join(f"{k} {v}" for k, v in sorted(_PHASES.items())))


def test_import_killed_at_random_moments_lands_whole_or_not_at_all(server: Server, case_folder: Path) -> None:
    case_path, csv_path = case_folder / "Child K.scrchron", case_folder / "police.csv"
    rng = random.Random(SEED)
    calibration = finished(server.run("import", str(case_path), str(csv_path), "Police"))
    state = check_file(case_path)
    assert state.entries == ROWS and state.submissions == 1
    kills = attempts = 0
    planned = delays(calibration, IMPORT_KILLS * 2, rng)
    while kills < IMPORT_KILLS and attempts < len(planned):
        before = state
        run = server.run("import", str(case_path), str(csv_path), "Police", kill_after=planned[attempts])
        attempts += 1
        state = check_file(case_path)
        done = state.entries == before.entries + ROWS
        assert done or state.entries == before.entries, (run.last_phase, before, state)
        assert state.submissions == before.submissions + done
        assert state.audited_imports == state.submissions
        if run.killed:
            kills += 1
            note("import", run)
        else:
            assert finished(run) and done
    assert kills >= IMPORT_KILLS


def test_import_into_a_protected_case_killed_at_random_moments_lands_whole_and_stays_encrypted(
        server: Server, tmp_path: Path) -> None:
    case_path, csv_path = tmp_path / "Child P.scrchron", write_csv(tmp_path / "police.csv", ROWS)
    with Case.create(case_path, Review("Child P", "cspr"), passphrase=TEST_PASSPHRASE) as case:
        key = case.key
    secret = tmp_path / "passphrase.txt"
    secret.write_text(TEST_PASSPHRASE + "\n", encoding="utf-8")
    job = ("import", str(case_path), str(csv_path), "Police", "--passphrase-file", str(secret))
    rng = random.Random(SEED + 1)
    calibration = finished(server.run(*job))
    state = check_file(case_path, key)
    kills = attempts = 0
    planned = delays(calibration, PROTECTED_IMPORT_KILLS * 2, rng)
    while kills < PROTECTED_IMPORT_KILLS and attempts < len(planned):
        before = state
        run = server.run(*job, kill_after=planned[attempts])
        attempts += 1
        state = check_file(case_path, key)
        done = state.entries == before.entries + ROWS
        assert done or state.entries == before.entries, (run.last_phase, before, state)
        assert state.submissions == before.submissions + done
        if run.killed:
            kills += 1
            note("protected import", run)
        for left in tmp_path.glob("Child P*"):  # the case, its side files, backups, half-written ones
            assert b"mother and baby seen" not in left.read_bytes(), left.name
    assert kills >= PROTECTED_IMPORT_KILLS


def test_leftover_half_backup_is_cleared_by_the_next_import(case_folder: Path) -> None:
    case_path = case_folder / "Child K.scrchron"
    partial = backups.backup_path(case_path)
    leftover = partial.with_name(partial.name + ".partial")
    leftover.write_bytes(b"half a backup")
    done = subprocess.run([sys.executable, "-m", "scrchron", "import", str(case_path),
                           str(case_folder / "police.csv"), "--agency", "Police"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert all(b.ok for b in backups.list_backups(case_path))


def test_bulk_edit_killed_at_random_moments_lands_whole_or_not_at_all(server: Server, case_folder: Path) -> None:
    case_path = case_folder / "Child K.scrchron"
    rng = random.Random(SEED + 1)
    calibration = finished(server.run("edit", str(case_path), "calibration"))
    state = check_file(case_path)
    assert state.notes == {"calibration"}
    kills = 0
    for attempt, delay in enumerate(delays(calibration, EDIT_KILLS * 2, rng)):
        if kills >= EDIT_KILLS:
            break
        before, mark = state, f"pass {attempt}"
        run = server.run("edit", str(case_path), mark, kill_after=delay)
        state = check_file(case_path)
        assert state.notes in (before.notes, {mark}), (run.last_phase, state.notes)
        assert state.mark_audits[mark] in (0, state.entries)
        assert (state.mark_audits[mark] > 0) == (state.notes == {mark})
        if run.killed:
            kills += 1
            note("bulk edit", run)
        else:
            finished(run)
    assert kills >= EDIT_KILLS


def test_restore_killed_at_random_moments_leaves_old_or_restored_case(
    server: Server, case_folder: Path
) -> None:
    case_path = case_folder / "Child K.scrchron"
    rng = random.Random(SEED + 2)
    calibration = finished(server.run("restore", str(case_path), "1"))
    window = (calibration.phases["keep_current"], calibration.seconds)
    kills = 0
    for attempt in range(RESTORE_KILLS * 3):
        if kills >= RESTORE_KILLS:
            break
        before = check_file(case_path)
        source = backups.list_backups(case_path)[-1]  # the oldest: one the next backup prunes
        delay = rng.uniform(*window) if attempt % 2 else rng.uniform(0, calibration.seconds)
        run = server.run("restore", str(case_path), str(source.path), kill_after=delay)
        state = check_file(case_path)
        assert state.entries in (before.entries, source.entries), run.last_phase
        if run.killed:
            kills += 1
            note("restore", run)
        else:
            finished(run)
    assert kills >= RESTORE_KILLS


def test_export_killed_at_random_moments_leaves_the_case_untouched(
    server: Server, tmp_path: Path
) -> None:
    pytest.importorskip("scrchron.export")
    case_path, out = tmp_path / "Child E.scrchron", tmp_path / "chronology.xlsx"
    Case.create(case_path, Review("Child E", "cspr")).close()
    finished(server.run("import", str(case_path), str(write_csv(tmp_path / "p.csv", ROWS)), "Police"))
    rng = random.Random(SEED + 3)
    calibration = finished(server.run("export", str(case_path), str(out)))
    assert zipfile.ZipFile(out).testzip() is None
    out.unlink()
    before = check_file(case_path)
    kills = 0
    for _ in range(EXPORT_KILLS * 3):
        if kills >= EXPORT_KILLS:
            break
        run = server.run("export", str(case_path), str(out), kill_after=rng.uniform(0, calibration.seconds))
        assert check_file(case_path) == before
        if out.exists():  # the export is complete or absent, never half-written
            assert zipfile.ZipFile(out).testzip() is None
            out.unlink()
        if run.killed:
            kills += 1
            note("export", run)
        else:
            finished(run)
    assert kills >= EXPORT_KILLS
