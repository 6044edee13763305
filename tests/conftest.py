"""Shared fixtures: real SQLite files, a real PostgreSQL server, stores seeded from data/.

The PostgreSQL server is started by the test run itself from Debian's ``postgresql`` package,
on loopback, in a temporary data directory, as the ``postgres`` user when running as root.
Where it cannot be started, tests that need it fail under CI (``CI=true``) and are skipped
with a loud message elsewhere: never a silent pass.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.seed import init_db
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
    views after every upload (dashboard/warm.py) would add seconds to each of hundreds of
    imports: tests/test_response_cache.py switches it on where it is tested."""
    for name in list(os.environ):
        if name.startswith("DASHBOARD_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DASHBOARD_WARM_VIEWS", "0")


def _free_port() -> int:
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
        self.port = _free_port()
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
        from sqlalchemy import create_engine, text

        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

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


@pytest.fixture
def empty_store(database_url) -> Iterator[Store]:
    """Schema and catalogue, no observations."""
    store = Store.from_url(database_url)
    init_db(store, empty=True)
    yield store
    store.engine.dispose()


@pytest.fixture
def seeded_store(database_url) -> Iterator[Store]:
    """Schema, catalogue, the shipped published observations (revision 1) and the corridor
    data (revisions 2 and 3)."""
    store = Store.from_url(database_url)
    init_db(store)
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def make_app(sqlite_url):
    """Build the whole Dash app over a fresh SQLite file seeded by ``init-db`` (or ``--demo``)."""
    from dashboard.app import create_dash

    def build(*, demo: bool = False):
        store = Store.from_url(sqlite_url)
        init_db(store, demo=demo)
        store.engine.dispose()
        return create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})

    return build


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
