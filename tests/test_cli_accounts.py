"""``dashboard users``, ``dashboard history`` and ``dashboard rollback``.

In this process through click's ``CliRunner`` (conftest.run_cli), the password given on standard
input; the first test runs the command as staff do, as a real process (``python -m
dashboard.cli ...`` with ``DASHBOARD_DATABASE_URL``). "Nothing written" is checked on the bytes
of a full SQL dump of the SQLite file, taken before and after.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from conftest import FIRST_UPLOAD, CliRun, run_cli
from sqlalchemy.engine import make_url

from dashboard.services.imports import commit_import, prepare_import
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-password-1"


def dashboard(url: str, *args: str | Path, stdin: str = "") -> CliRun:
    return run_cli(url, *args, stdin=stdin)


def dashboard_process(url: str, *args: str | Path, stdin: str = "") -> CliRun:
    env = {**os.environ, "DASHBOARD_DATABASE_URL": url, "PYTHONIOENCODING": "utf-8",
           "USER": "tester"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=120,
    )
    return CliRun(done.returncode, done.stdout, done.stderr.decode("utf-8"))


def sqlite_dump(url: str) -> bytes:
    with closing(sqlite3.connect(make_url(url).database)) as conn:
        return "\n".join(conn.iterdump()).encode("utf-8")


def verify(url: str, name: str, password: str):
    store = Store.from_url(url)
    try:
        return store.accounts.verify(name, password)
    finally:
        store.engine.dispose()


def trade_2025(url: str) -> float:
    store = Store.from_url(url)
    current = store.current_observations()
    store.engine.dispose()
    row = current[(current["indicator_id"] == "ECO-TRADE") & (current["period"] == "2025")]
    return float(row["value"].iloc[0])


@pytest.fixture
def url(tmp_path) -> str:
    """A SQLite file holding the catalogue and the shipped data (revision 1)."""
    url = f"sqlite:///{tmp_path / 't.db'}"
    store = Store.from_url(url)
    init_db(store)
    store.engine.dispose()
    return url


def trade_file(tmp_path: Path, name: str, value: str) -> Path:
    path = tmp_path / name
    path.write_text(f"indicator_id,period,value,basis\nECO-TRADE,2025,{value},annual\n")
    return path


# ----- users -----------------------------------------------------------------------------------


def test_users_add_reads_the_password_from_stdin_and_the_user_can_sign_in(url):
    run = dashboard_process(
        url, "users", "add", "wang.staff", "--role", "staff", stdin=PASSWORD + "\n"
    )
    assert (run.code, run.out, run.err) == (0, "Added wang.staff (staff).\n", "")
    result = verify(url, "wang.staff", PASSWORD)
    assert result.user is not None
    assert (result.user.name, result.user.role) == ("wang.staff", "staff")
    assert verify(url, "wang.staff", "a-wrong-password").user is None


def test_users_add_creates_the_schema_of_a_new_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    run = dashboard(url, "users", "add", "li.admin", "--role", "admin", stdin=PASSWORD + "\n")
    assert (run.code, run.out) == (0, "Added li.admin (admin).\n")
    assert verify(url, "li.admin", PASSWORD).user.role == "admin"


def test_users_list_shows_name_role_and_state_but_no_password_or_hash(url):
    accounts = Store.from_url(url).accounts
    accounts.add("wang.staff", PASSWORD, "staff")
    accounts.add("zhao.viewer", PASSWORD + "v", "viewer")
    accounts.disable("zhao.viewer")
    accounts.engine.dispose()
    run = dashboard(url, "users", "list")
    assert run.code == 0
    lines = [line.split() for line in run.out.splitlines()]
    assert [line[:3] for line in lines] == [
        ["wang.staff", "staff", "active"],
        ["zhao.viewer", "viewer", "disabled"],
    ]
    assert PASSWORD not in run.out
    for secret_looking in ("scrypt", "pbkdf2", "$", "hash"):
        assert secret_looking not in run.out


def test_users_add_a_duplicate_name_is_refused_and_writes_nothing(url):
    Store.from_url(url).accounts.add("wang.staff", PASSWORD, "staff")
    before = sqlite_dump(url)
    run = dashboard(url, "users", "add", "wang.staff", "--role", "admin", stdin=PASSWORD + "x\n")
    assert run.code == 1
    assert run.out == ""
    assert "Error: a user named 'wang.staff' exists already" in run.err
    assert sqlite_dump(url) == before
    assert verify(url, "wang.staff", PASSWORD).user.role == "staff"


def test_users_add_a_short_password_is_refused_and_writes_nothing(url):
    before = sqlite_dump(url)
    run = dashboard(url, "users", "add", "wang.staff", stdin="short\n")
    assert (run.code, run.out) == (1, "")
    assert "Error: the password needs at least 10 characters" in run.err
    assert sqlite_dump(url) == before


def test_users_add_an_unknown_role_is_a_usage_error(url):
    before = sqlite_dump(url)
    run = dashboard(url, "users", "add", "wang.staff", "--role", "boss", stdin=PASSWORD + "\n")
    assert run.code == 2
    assert "Invalid value for '--role': 'boss' is not one of 'viewer', 'staff', 'admin'" in run.err
    assert sqlite_dump(url) == before


def test_users_disable_then_verify_says_disabled(url):
    Store.from_url(url).accounts.add("wang.staff", PASSWORD, "staff")
    run = dashboard(url, "users", "disable", "wang.staff")
    assert (run.code, run.out) == (0, "Disabled wang.staff.\n")
    result = verify(url, "wang.staff", PASSWORD)
    assert (result.user, result.reason) == (None, "disabled")


def test_users_disable_an_unknown_name_is_refused(url):
    run = dashboard(url, "users", "disable", "nobody")
    assert run.code == 1
    assert "Error: no user named 'nobody'" in run.err


# ----- history and rollback --------------------------------------------------------------------


@pytest.fixture
def imported_url(url) -> str:
    """Revision 4, after the three seed revisions: ECO-TRADE 2025 goes from the published
    800.68 to 1150 (q.csv, alice).

    Set up in-process through the shared import path; ``dashboard import`` itself is
    tested in test_cli.py.
    """
    store = Store.from_url(url)
    data = b"indicator_id,period,value,basis\nECO-TRADE,2025,1150,annual\n"
    result = commit_import(store, prepare_import(store, data, "q.csv"), "alice")
    store.engine.dispose()
    assert result.revision_id == FIRST_UPLOAD
    return url


def test_history_lists_every_revision_newest_first(imported_url):
    run = dashboard(imported_url, "history")
    assert run.code == 0
    lines = [line.split() for line in run.out.splitlines()]
    assert [(line[0], line[3], line[4], line[5]) for line in lines] == [
        (str(FIRST_UPLOAD), "alice", "import", "committed"),
        ("3", "init-db", "seed", "committed"),
        ("2", "init-db", "seed", "committed"),
        ("1", "init-db", "seed", "committed"),
    ]
    assert lines[0][-1] == "q.csv" and lines[0][6:10] == ["+0", "~1", "=0", "-0"]


def test_history_revision_prints_old_and_new_values(imported_url):
    run = dashboard(imported_url, "history", "--revision", str(FIRST_UPLOAD))
    assert run.code == 0
    assert [line.split() for line in run.out.splitlines()] == [
        ["ECO-TRADE", "2025", "replaced", "800.68", "->", "1150.0"]
    ]


def test_rollback_prints_the_new_revision_and_restores_the_value(imported_url):
    run = dashboard(imported_url, "rollback", str(FIRST_UPLOAD), "--user", "li.admin")
    assert (run.code, run.err) == (0, "")
    expected = f"Rolled back revision {FIRST_UPLOAD} as revision {FIRST_UPLOAD + 1}: 1 restored"
    assert run.out == expected + ", 0 withdrawn.\n"
    assert trade_2025(imported_url) == 800.68
    history = dashboard(imported_url, "history").out.splitlines()
    assert history[0].split()[:6] == [str(FIRST_UPLOAD + 1), *history[0].split()[1:3],
                                      "li.admin", "rollback", "committed"]  # fmt: skip
    assert history[0].endswith(f"rollback of {FIRST_UPLOAD}")
    assert history[1].split()[5] == "rolled_back"


def test_rollback_that_conflicts_with_a_later_revision_is_refused_and_writes_nothing(
    imported_url, tmp_path
):
    later = dashboard(imported_url, "import", trade_file(tmp_path, "q2.csv", "1200"))
    assert later.out.startswith(f"Imported as revision {FIRST_UPLOAD + 1}:")
    before = sqlite_dump(imported_url)
    run = dashboard(imported_url, "rollback", str(FIRST_UPLOAD))
    assert run.code == 1
    assert run.out == ""
    assert f"revision(s) {FIRST_UPLOAD + 1} changed the same values later" in run.err
    assert sqlite_dump(imported_url) == before
    assert trade_2025(imported_url) == 1200.0


def test_history_and_rollback_of_an_unknown_revision_are_refused_and_write_nothing(imported_url):
    before = sqlite_dump(imported_url)
    history = dashboard(imported_url, "history", "--revision", "99")
    assert history.code == 1
    assert "Error: revision 99 has no rows" in history.err
    rollback = dashboard(imported_url, "rollback", "99")
    assert rollback.code == 1
    assert "Error: there is no revision 99" in rollback.err
    assert sqlite_dump(imported_url) == before
