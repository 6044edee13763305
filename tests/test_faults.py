"""Faults: a large import killed halfway, and two imports at once, on real databases.

Every import is the real ``dashboard import`` command in its own process, run as staff run it
(``python -m dashboard.cli ...`` with ``DASHBOARD_DATABASE_URL``), against a real SQLite file or
a database on the real PostgreSQL server started by the test run. Nothing is mocked.

"At once" is made certain rather than left to the scheduler: while both imports start, the test
itself holds the database's write lock as a third writer would (``write_transaction``: SQLite's
``BEGIN IMMEDIATE``, PostgreSQL's advisory lock), waits until it sees *both* processes blocked
on that lock, and only then lets go. So both have read and validated the file before either
writes, and their write transactions are bound to collide.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd
from conftest import SEED_REVISIONS
from sqlalchemy import text
from sqlalchemy.engine import make_url

from dashboard.store.engine import WRITE_LOCK_KEY, write_transaction
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
QUARTERS = 40
#: The rows of the file killed halfway: about 15 MB of CSV, several seconds of import here.
KILL_ROWS = 400_000
#: The rows of each file of the concurrent imports.
CONCURRENT_ROWS = 8_000
#: What a lost race looks like (SQLite's SQLITE_BUSY, PostgreSQL's serialization failure).
LOCK_FAILURES = ("database is locked", "could not serialize")
#: The last revision ``dashboard init-db`` writes (observations, reach, destinations).
SEED_REVISION = SEED_REVISIONS


def _bench_common():
    """``bench/common.py`` (not a package): the synthetic catalogue and observation files."""
    spec = importlib.util.spec_from_file_location("bench_common", ROOT / "bench" / "common.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_bench = _bench_common()
synthetic_catalogue = _bench.synthetic_catalogue
synthetic_observations = _bench.synthetic_observations


# ----- running the command ---------------------------------------------------------------------


def cli_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DASHBOARD_DATABASE_URL": url,
        "PYTHONIOENCODING": "utf-8",
        "USER": "tester",
    }


def start_import(url: str, path: Path, user: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "import", str(path), "--user", user],
        cwd=ROOT,
        env=cli_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def seed(url: str, catalogue: pd.DataFrame) -> None:
    """``dashboard init-db`` (schema, catalogue, seed revisions), then the synthetic indicators."""
    init = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "init-db"],
        cwd=ROOT,
        env=cli_env(url),
        capture_output=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr.decode("utf-8")
    store = Store.from_url(url)
    store.upsert_catalogue(catalogue)
    store.engine.dispose()


def write_file(path: Path, rows: pd.DataFrame) -> Path:
    rows.to_csv(path, index=False)
    return path


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out.decode("utf-8"), err.decode("utf-8")


def stop(process: subprocess.Popen) -> None:
    """Kill a process this test started (by its pid) and reap it."""
    if process.poll() is None:
        process.kill()
    process.communicate()


def assert_no_lock_failure(err: str) -> None:
    for failure in LOCK_FAILURES:
        assert failure not in err, err


# ----- SQLite files ----------------------------------------------------------------------------


def sqlite_file(url: str) -> Path:
    return Path(make_url(url).database)


def logical_dump(db: Path) -> bytes:
    """Every table's schema and rows as SQL text: equal bytes mean equal content."""
    with closing(sqlite3.connect(db)) as conn:
        return "\n".join(conn.iterdump()).encode("utf-8")


def wal_frames(wal: Path) -> tuple[int, int]:
    """(frames, commit frames) in a WAL file that the import created, read from its bytes.

    WAL format: a 32-byte header (magic, version, page size, ...), then frames of a 24-byte
    header (page number; the database size in pages *if this frame commits a transaction, else
    0*; salts; checksums) and one page. Salts and checksums are not checked: once a transaction
    rewrites one of its own frames, SQLite writes its later frames with them zeroed and fills
    them in only when it commits. The caller makes sure that the WAL did not exist before the
    import, so every frame in it is the import's.
    """
    data = wal.read_bytes() if wal.exists() else b""
    if len(data) < 32:
        return 0, 0
    magic, _version, page_size = struct.unpack(">3I", data[:12])
    assert magic in (0x377F0682, 0x377F0683), f"not a WAL file: {magic:#x}"
    frames = commits = 0
    for offset in range(32, len(data) - 24 - page_size + 1, 24 + page_size):
        page, commit_size = struct.unpack(">2I", data[offset : offset + 8])
        assert page > 0, f"frame {frames} at {offset} names no page"
        frames += 1
        commits += commit_size != 0
    return frames, commits


def size_of(wal: Path) -> int:
    """The WAL's size, 0 when there is none: the import's reads create and remove an empty
    WAL as their connections open and close, so it can vanish between two system calls."""
    try:
        return wal.stat().st_size
    except FileNotFoundError:
        return 0


def wait_for_wal(process: subprocess.Popen, wal: Path, size: int, timeout: float = 60) -> int:
    """Poll until the import's WAL holds ``size`` bytes; its size then. Fails if it ended first."""
    deadline = time.monotonic() + timeout
    largest = 0
    while time.monotonic() < deadline:
        current = size_of(wal)
        if current >= size:
            return current
        largest = max(largest, current)
        if process.poll() is not None:
            code, out, err = finish(process)
            raise AssertionError(
                f"the import ended (exit {code}) before its WAL reached {size:,} bytes (the "
                f"largest seen: {largest:,}): too small a file, or the import was not one "
                f"transaction\n{out}{err}"
            )
        time.sleep(0.005)
    stop(process)
    raise AssertionError(f"the WAL did not reach {size:,} bytes in {timeout} s")


# ----- the write lock --------------------------------------------------------------------------


@contextmanager
def holding_the_write_lock(url: str) -> Iterator[Store]:
    """The test as a third writer: the application's own write transaction, writing nothing."""
    store = Store.from_url(url)
    try:
        with write_transaction(store.engine):
            yield store
    finally:
        store.engine.dispose()


def _sleeping_in_busy_handler(pid: int) -> bool:
    """SQLite's busy handler waits in ``usleep``: the kernel shows the process in nanosleep.

    Nothing else in ``dashboard import`` sleeps (it reads, parses and computes), so a process
    seen there is waiting for the write lock.
    """
    try:
        return "nanosleep" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def _advisory_waiters(url: str) -> int:
    """Backends of this database waiting (not granted) for the writers' advisory lock."""
    store = Store.from_url(url)
    try:
        with store.engine.connect() as conn:
            return conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    " AND objid = :key AND database ="
                    " (SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"key": WRITE_LOCK_KEY},
            ).scalar_one()
    finally:
        store.engine.dispose()


def wait_until_all_wait_for_the_lock(
    url: str, processes: list[subprocess.Popen], timeout: float = 60
) -> None:
    """Return once every process is seen blocked on the write lock (held by the caller).

    None of them can get past the lock while the caller holds it, so a process once seen
    waiting is still waiting: when this returns, all of them are waiting at the same time.
    """
    sqlite = make_url(url).get_backend_name() == "sqlite"
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                code, out, err = finish(process)
                raise AssertionError(
                    f"an import ended (exit {code}) while the test held the write lock: it "
                    f"did not wait for the lock\n{out}{err}"
                )
        if sqlite:
            seen |= {p.pid for p in processes if _sleeping_in_busy_handler(p.pid)}
            if len(seen) == len(processes):
                return
        elif _advisory_waiters(url) == len(processes):
            return
        time.sleep(0.01)
    for process in processes:
        stop(process)
    raise AssertionError(
        f"the imports were not all seen waiting for the write lock in {timeout} s"
        + (f" (in SQLite's busy handler, per /proc/PID/wchan: {len(seen)})" if sqlite else "")
    )


def new_revisions(store: Store) -> pd.DataFrame:
    revisions = store.revisions()
    return revisions[revisions["revision_id"] > SEED_REVISION].sort_values("revision_id")


# ----- 1. SIGKILL halfway ----------------------------------------------------------------------


def test_import_killed_halfway_leaves_the_database_as_it_was(sqlite_url, tmp_path):
    catalogue = synthetic_catalogue(KILL_ROWS // QUARTERS)
    seed(sqlite_url, catalogue)
    big = write_file(tmp_path / "big.csv", synthetic_observations(catalogue, QUARTERS))
    db = sqlite_file(sqlite_url)
    wal = db.with_name(db.name + "-wal")
    snapshot = logical_dump(db)
    assert b"SYN-009999" in snapshot

    # Two moments: just after the first pages of the write reach the WAL, and when it holds
    # twice the file's size (the raw file's bytes, then about half of the observation rows).
    moments = {"first pages": 64 * 1024, "halfway": 2 * big.stat().st_size}
    for moment, wal_size in moments.items():
        # Each connection's close checkpoints the WAL and removes it (the last one to close),
        # so the import starts with no WAL: every frame in it afterwards is the import's.
        assert not wal.exists(), f"{moment}: a WAL was left before the import"
        process = start_import(sqlite_url, big, "killer")

        # The signal that the import is really writing: the WAL grows. `dashboard import`
        # reads, validates, then runs ONE write transaction; reading only creates an empty
        # WAL, and the transaction appends frames once its pages no longer fit in the page
        # cache, long before the frame that commits it. Polling the WAL's size every few ms
        # stops the import inside that transaction.
        size_at_kill = wait_for_wal(process, wal, wal_size)
        os.kill(process.pid, signal.SIGKILL)
        code, _out, err = finish(process)

        assert code == -signal.SIGKILL, f"{moment}: exit {code}, not killed\n{err}"
        frames, commits = wal_frames(wal)
        assert size_at_kill >= wal_size
        assert frames > 0, f"{moment}: the kill landed before anything was written"
        assert commits == 0, f"{moment}: the import had committed before the kill"

        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert logical_dump(db) == snapshot, f"{moment}: the database changed"

    # The dead writer left no lock behind: a new write transaction starts at once.
    with closing(sqlite3.connect(db, timeout=1, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    store = Store.from_url(sqlite_url)
    assert store.revisions()["revision_id"].tolist() == list(range(SEED_REVISION, 0, -1))
    store.engine.dispose()


# ----- 2. two different files at once ----------------------------------------------------------


def test_two_imports_at_once_both_succeed_one_after_the_other(database_url, tmp_path):
    per_file = CONCURRENT_ROWS // QUARTERS
    catalogue = synthetic_catalogue(2 * per_file)
    seed(database_url, catalogue)
    files = {
        "alice": synthetic_observations(catalogue.iloc[:per_file], QUARTERS, seed=1),
        "bob": synthetic_observations(catalogue.iloc[per_file:], QUARTERS, seed=2),
    }
    paths = {user: write_file(tmp_path / f"{user}.csv", rows) for user, rows in files.items()}

    # Both processes are seen blocked on the write lock at the same moment: they overlap.
    with holding_the_write_lock(database_url):
        processes = {user: start_import(database_url, paths[user], user) for user in files}
        wait_until_all_wait_for_the_lock(database_url, list(processes.values()))
    results = {user: finish(process) for user, process in processes.items()}

    for user, (code, _out, err) in results.items():
        assert code == 0, f"{user}: exit {code}\n{err}"
        assert_no_lock_failure(err)

    store = Store.from_url(database_url)
    revisions = new_revisions(store)
    assert revisions["revision_id"].tolist() == [SEED_REVISION + 1, SEED_REVISION + 2]
    assert sorted(revisions["user_name"]) == ["alice", "bob"]
    first, second = revisions.to_dict("records")
    assert first["created_at"] <= second["created_at"]

    current = store.current_observations()
    for revision in revisions.to_dict("records"):
        user = revision["user_name"]
        rows = files[user]
        assert results[user][1] == (
            f"Imported as revision {revision['revision_id']}: "
            f"{len(rows)} added, 0 replaced, 0 unchanged.\n"
        )
        assert (revision["added"], revision["replaced"], revision["unchanged"]) == (
            len(rows),
            0,
            0,
        )
        assert revision["rows_total"] == len(rows)
        stored = current[current["revision_id"] == revision["revision_id"]]
        merged = rows.merge(stored, on=["indicator_id", "period"], suffixes=("", "_db"))
        assert len(stored) == len(rows) == len(merged)
        assert (merged["value"] == merged["value_db"]).all()
        assert (merged["basis_db"] == "quarter").all()
    store.engine.dispose()


# ----- 3. the same file twice at once ----------------------------------------------------------


def test_same_rows_imported_twice_at_once_yield_one_revision_of_changes(database_url, tmp_path):
    catalogue = synthetic_catalogue(CONCURRENT_ROWS // QUARTERS)
    seed(database_url, catalogue)
    rows = synthetic_observations(catalogue, QUARTERS)
    path = write_file(tmp_path / "quarter.csv", rows)

    # Both read the database and validate the file before either writes (they are seen
    # waiting for the lock), so only a comparison made inside the write transaction can
    # tell the second that the first has already written these rows.
    with holding_the_write_lock(database_url):
        processes = {user: start_import(database_url, path, user) for user in ("alice", "bob")}
        wait_until_all_wait_for_the_lock(database_url, list(processes.values()))
    results = {user: finish(process) for user, process in processes.items()}

    for user, (code, _out, err) in results.items():
        assert code == 0, f"{user}: exit {code}\n{err}"
        assert_no_lock_failure(err)

    store = Store.from_url(database_url)
    revisions = new_revisions(store)
    assert len(revisions) == 1
    revision = revisions.iloc[0]
    assert revision["revision_id"] == SEED_REVISION + 1
    assert (revision["added"], revision["replaced"], revision["unchanged"]) == (len(rows), 0, 0)

    writer = revision["user_name"]
    other = "bob" if writer == "alice" else "alice"
    assert results[writer][1] == (
        f"Imported as revision {SEED_REVISION + 1}: {len(rows)} added, 0 replaced, 0 unchanged.\n"
    )
    assert results[other][1] == (
        f"Nothing to change: {len(rows)} row(s) already hold these values; "
        "no revision written.\n"
        f"This identical file was already imported as revision {SEED_REVISION + 1}.\n"
    )

    history = store.observation_history()
    assert (history["revision_id"] == SEED_REVISION + 1).sum() == len(rows)
    current = store.current_observations()
    assert (current["revision_id"] == SEED_REVISION + 1).sum() == len(rows)
    store.engine.dispose()
