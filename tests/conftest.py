"""Shared fixtures: real SQLite files, a real PostgreSQL server, stores seeded from data/.

The PostgreSQL server is started by the test run itself from Debian's ``postgresql`` package,
on loopback, in a temporary data directory, as the ``postgres`` user when running as root.
Where it cannot be started, tests that need it fail under CI (``CI=true``) and are skipped
with a loud message elsewhere: never a silent pass.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
#: ``init-db`` writes the published observations (revision 1), then the corridor reach
#: snapshots (2) and destinations (3); the first upload of a test is revision 4.
SEED_REVISIONS = 3
FIRST_UPLOAD = SEED_REVISIONS + 1
_PG_PROBLEMS: list[str] = []


def pytest_collection_modifyitems(items) -> None:
    """Mark what needs a browser or the PostgreSQL server by the fixtures a test uses, so
    ``make test-fast`` (``-m "not browser and not postgres"``) can leave them out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "dash_duo" in fixtures or "dash_br" in fixtures:
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("database_url") == "postgresql"
        if "postgres" in fixtures or on_postgres:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _no_dashboard_environment(monkeypatch):
    """A developer's shell must not change what a test sees (``DASHBOARD_REQUIRE_LOGIN=1``
    would close the API, ``DASHBOARD_DATABASE_URL`` would point commands elsewhere): every
    ``DASHBOARD_*`` variable is cleared; tests set the ones they need. Building the busiest
    views after every upload (dashboard/web/warm.py) would add seconds to each of hundreds of
    imports: tests/test_response_cache.py switches it on where it is tested."""
    for name in list(os.environ):
        if name.startswith("DASHBOARD_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DASHBOARD_WARM_VIEWS", "0")


def free_port() -> int:
    """A free TCP port on loopback, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    """A throwaway PostgreSQL cluster; ``database()`` hands out a fresh empty database."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        if self.bin is None or not (self.bin / "initdb").exists():
            raise RuntimeError("PostgreSQL server binaries not found (Debian package 'postgresql')")
        self.dir = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.dir / "data"),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )
        self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def database(self) -> str:
        """A new, empty database."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def replace_with_copy(self, url: str, template: str) -> None:
        """Make the database of ``url`` (no one connected yet) a copy of ``template`` (no one
        connected either): PostgreSQL copies it file by file."""
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def _admin(self, *statements: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
        engine.dispose()

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session (fails under CI if it cannot start)."""
    try:
        server = PostgresServer()
    except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
        message = f"PostgreSQL could not be started for the tests: {exc}"
        _PG_PROBLEMS.append(message)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter) -> None:
    for problem in _PG_PROBLEMS[:1]:
        terminalreporter.section("POSTGRESQL NOT TESTED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            problem + " -- the PostgreSQL half of the store tests did NOT run."
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database: a real SQLite file, or a new database on the real server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres").database()


#: What ``init-db`` is asked for: the published data, the illustrative data, or no data.
SEEDS = {"published": {}, "demo": {"demo": True}, "empty": {"empty": True}}


@pytest.fixture(scope="session")
def seeded_files(tmp_path_factory):
    """``seeded_files(seed)``: a SQLite file that ``init-db`` filled once in this session
    (``init-db`` costs 0.5-1 s; tests copy its result instead, as Datasette's do)."""
    built: dict[str, Path] = {}

    def template(seed: str) -> Path:
        if seed not in built:
            path = tmp_path_factory.mktemp(f"seed-{seed}") / "tracker.db"
            store = Store.from_url(f"sqlite:///{path}")
            init_db(store, **SEEDS[seed])
            store.engine.dispose()
            built[seed] = path
        return built[seed]

    return template


@pytest.fixture(scope="session")
def seeded_databases(request):
    """``seeded_databases(seed)``: the name of a PostgreSQL database ``init-db`` filled once
    in this session, which no one stays connected to (a template for ``CREATE DATABASE``)."""
    built: dict[str, str] = {}

    def template(seed: str) -> str:
        if seed not in built:
            server = request.getfixturevalue("postgres")
            url = server.database()
            store = Store.from_url(url)
            init_db(store, **SEEDS[seed])
            store.engine.dispose()
            built[seed] = url.rsplit("/", 1)[1]
        return built[seed]

    return template


def copy_sqlite(source: Path, url: str) -> None:
    """Copy a SQLite database into the file of ``url`` (SQLite's backup: whole and consistent)."""
    target = url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as read, closing(sqlite3.connect(target)) as write:
        read.backup(write)


def _seeded(request, database_url: str, seed: str) -> str:
    """Fill ``database_url`` with what ``init-db`` seeds, copied from the session's database."""
    if database_url.startswith("sqlite:///"):
        copy_sqlite(request.getfixturevalue("seeded_files")(seed), database_url)
    else:
        template = request.getfixturevalue("seeded_databases")(seed)
        request.getfixturevalue("postgres").replace_with_copy(database_url, template)
    return database_url


@pytest.fixture
def empty_store(request, database_url) -> Iterator[Store]:
    """Schema and catalogue, no observations."""
    store = Store.from_url(_seeded(request, database_url, "empty"))
    yield store
    store.engine.dispose()


@pytest.fixture
def seeded_store(request, database_url) -> Iterator[Store]:
    """Schema, catalogue, the shipped published observations (revision 1) and the corridor
    data (revisions 2 and 3)."""
    store = Store.from_url(_seeded(request, database_url, "published"))
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def make_app(sqlite_url, seeded_files):
    """Build the whole Dash app over a fresh SQLite file seeded by ``init-db`` (or ``--demo``)."""
    from dashboard.app import create_dash

    def build(*, demo: bool = False):
        copy_sqlite(seeded_files("demo" if demo else "published"), sqlite_url)
        return create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})

    return build


def until(condition, timeout: float = 20.0, pause: float = 0.05):
    """Call ``condition`` until it returns something true, and return that; fail after
    ``timeout`` seconds."""
    import time

    deadline = time.time() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(pause)


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more, once ids, quarters, units, URLs and the names of
    file formats (CSV, Excel, PDF: written so in Chinese too) are removed."""
    import re

    text = re.sub(r"https?://\S+|[A-Z]{3}-[A-Z0-9-]+|\d{4}Q\d|TEU|CSV|Excel|PDF|English", "", text)
    return re.findall(r"[A-Za-z]{3,}", text)


STAFF = ("wang.staff", "staff-password-123")
ADMIN = ("li.admin", "admin-password-456")
VIEWER = ("zhao.viewer", "viewer-password-789")


@pytest.fixture
def accounts_app(make_app, sqlite_url):
    """The app over the published data, with a staff, an admin and a viewer account."""
    app = make_app()
    accounts = Store.from_url(sqlite_url).accounts
    for (name, password), role in ((STAFF, "staff"), (ADMIN, "admin"), (VIEWER, "viewer")):
        accounts.add(name, password, role)
    return app


def sign_in(dash_duo, account: tuple[str, str], next_path: str = "/") -> None:
    """Sign in through the real login form."""
    from urllib.parse import quote

    dash_duo.driver.get(f"{dash_duo.server_url}/login?next={quote(next_path)}")
    dash_duo.find_element("#name").send_keys(account[0])
    dash_duo.find_element("#password").send_keys(account[1])
    dash_duo.find_element("#login-submit").click()


# ----- the dashboard command, in this process ---------------------------------------------


@dataclass
class CliRun:
    """What ``dashboard ARGS`` did: its exit code, standard output (bytes) and error."""

    code: int
    stdout: bytes
    err: str

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")


def run_cli(url: str, *args, stdin: str = "", cwd: Path | None = None, user: str = "tester"):
    """``dashboard ARGS`` through click's ``CliRunner``, as its own process would see it: with
    ``DASHBOARD_DATABASE_URL`` (when given), ``$USER``, the audit log not yet configured
    (another test's app may have sent it to standard error), and ``cwd`` as working folder.
    A real process costs 4-15 s of start-up; each file keeps one end-to-end run as one."""
    from click.testing import CliRunner

    from dashboard.audit import logger as audit_logger
    from dashboard.cli import main

    handlers = audit_logger.handlers[:]
    audit_logger.handlers.clear()
    env = {"USER": user, "DASHBOARD_DATABASE_URL": url or None}
    try:
        with contextlib.chdir(cwd or Path.cwd()):
            result = CliRunner().invoke(
                main, [str(arg) for arg in args], input=stdin, env=env, catch_exceptions=False
            )
    finally:
        audit_logger.handlers[:] = handlers
    return CliRun(result.exit_code, result.stdout_bytes, result.stderr)
