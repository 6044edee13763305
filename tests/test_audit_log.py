"""The audit log (issue 5): one JSON object per line, with user, address and request id."""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner
from conftest import STAFF

from dashboard.app import create_app
from dashboard.cli import main as cli_main
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ADDRESS = "198.51.100.7"


@pytest.fixture
def url(sqlite_url) -> str:
    store = Store.from_url(sqlite_url)
    init_db(store, empty=True)
    store.accounts.add(*STAFF, "staff")
    store.engine.dispose()
    return sqlite_url


@pytest.fixture
def lines(caplog):
    logger = logging.getLogger("dashboard.audit")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="dashboard.audit")
    yield lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == logger.name]
    logger.removeHandler(caplog.handler)


def post_login(client, name, password, **headers):
    environ = {"REMOTE_ADDR": ADDRESS}
    html = client.get("/login", environ_base=environ).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = {"name": name, "password": password, "csrf_token": token}
    return client.post("/login", data=data, environ_base=environ, headers=headers)


def test_sign_in_failures_lock_out_sign_in_and_sign_out_are_logged_without_passwords(url, lines):
    client = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"}).test_client()
    wrong = post_login(client, STAFF[0], "wrong-password-1", **{"X-Request-Id": "req-42"})
    assert wrong.headers["X-Request-Id"] == "req-42"
    for _ in range(4):
        post_login(client, STAFF[0], "wrong-password-1")
    assert post_login(client, *STAFF, **{"X-Forwarded-For": "1.2.3.4"}).status_code == 401
    assert post_login(client, "nobody", "x").status_code == 401
    found = lines()
    events = [line["event"] for line in found]
    assert events[:7] == ["sign_in_failed"] * 5 + ["locked_out", "sign_in_failed"]
    first = found[0]
    assert (first["user"], first["address"], first["request_id"]) == (None, ADDRESS, "req-42")
    assert first["name"] == STAFF[0] and first["reason"] == "invalid"
    assert set(first) >= {"ts", "event", "user", "address", "request_id"}

    other = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"}).test_client()
    html = other.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = {"name": STAFF[0], "password": STAFF[1], "csrf_token": token}
    assert other.post("/login", data=data).status_code == 302
    assert other.post("/logout", data={"csrf_token": token}).status_code in (302, 400)
    html = other.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    other.post("/logout", data={"csrf_token": token})
    found = lines()
    assert {"sign_in", "sign_out"} <= {line["event"] for line in found}
    signed = next(line for line in found if line["event"] == "sign_in")
    assert signed["user"] == STAFF[0] and signed["role"] == "staff"
    text = "\n".join(json.dumps(line) for line in found)
    assert STAFF[1] not in text and "wrong-password-1" not in text


def test_a_5xx_answer_is_logged_as_an_error(url, lines):
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"})
    from sqlalchemy import create_engine

    app.extensions["tracker_store"].engine = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert app.test_client().get("/healthz").status_code == 503
    error = [line for line in lines() if line["event"] == "error"][-1]
    assert (error["status"], error["path"], error["reason"]) == (
        503, "/healthz", "database unavailable",
    )  # fmt: skip


def test_the_command_line_logs_user_changes_imports_and_rollbacks_to_the_audit_file(
    url, tmp_path, monkeypatch
):
    log = tmp_path / "audit.log"
    monkeypatch.setenv("DASHBOARD_AUDIT_LOG", str(log))
    monkeypatch.setenv("USER", "ops")
    handlers = list(logging.getLogger("dashboard.audit").handlers)
    for handler in handlers:  # a fresh process would configure from the environment
        logging.getLogger("dashboard.audit").removeHandler(handler)
    env = {"DASHBOARD_DATABASE_URL": url}
    try:
        run = CliRunner().invoke
        assert run(cli_main, ["users", "add", "new.staff"], input="a-long-password\n", env=env)
        assert run(cli_main, ["users", "passwd", "new.staff"], input="another-password\n", env=env)
        assert run(cli_main, ["users", "disable", "new.staff"], env=env).exit_code == 0
        data = tmp_path / "q.csv"
        data.write_text("indicator_id,period,value,basis\nECO-TRADE,2025,1000,annual\n")
        assert run(cli_main, ["import", str(data)], env=env).exit_code == 0
        assert run(cli_main, ["rollback", "1"], env=env).exit_code == 0
    finally:
        for handler in list(logging.getLogger("dashboard.audit").handlers):
            handler.close()
            logging.getLogger("dashboard.audit").removeHandler(handler)
        for handler in handlers:
            logging.getLogger("dashboard.audit").addHandler(handler)
    found = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    events = [(line["event"], line["user"], line["address"]) for line in found]
    assert events == [
        ("user_added", "ops", "cli"),
        ("user_password_changed", "ops", "cli"),
        ("user_disabled", "ops", "cli"),
        ("commit", "ops", "cli"),
        ("rollback", "ops", "cli"),
    ]
    commit = found[3]
    assert (commit["revision"], commit["file"], commit["dataset"]) == (1, "q.csv", "observations")
    assert found[4]["revision"] == 1
    text = log.read_text(encoding="utf-8")
    assert "a-long-password" not in text and "another-password" not in text and "1000" not in text
