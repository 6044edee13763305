"""A database that goes away (issue 6): PostgreSQL really stopped, then started again.

A throwaway PostgreSQL cluster of its own (the session's shared server must stay up), stopped
with pg_ctl while the app runs: pages, the API, /healthz and sign-in answer 503 with a clear
message in the user's language, nobody is signed in, and everything recovers once it is back.
"""

from __future__ import annotations

import re

import pytest
from conftest import STAFF, PostgresServer

from dashboard.app import create_app
from dashboard.services.seed import init_db
from dashboard.store.repository import Store


class RestartablePostgres(PostgresServer):
    def options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"

    def halt(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.dir / "data"), "-o", self.options(),
            "-l", str(self.dir / "log"), "-w", "start",
        )  # fmt: skip


@pytest.fixture
def server():
    try:
        pg = RestartablePostgres()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield pg
    try:
        pg.stop()
    except Exception:  # noqa: BLE001 - stopped already (a failed test): just remove it
        import shutil

        shutil.rmtree(pg.dir, ignore_errors=True)


def sign_in(client, account, lang: str = "en"):
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = {"name": account[0], "password": account[1], "csrf_token": token, "lang": lang}
    return client.post("/login", data=data)


@pytest.mark.postgres
def test_postgresql_stopped_gives_503s_with_a_message_and_recovers_when_back(server):
    url = server.database()
    store = Store.from_url(url)
    init_db(store)
    store.accounts.add(*STAFF, "staff")
    store.engine.dispose()
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"})
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"ok": True, "database": "ok"}
    assert client.get("/api/v1/progress").status_code == 200

    server.halt()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["database"] == "unavailable" and health.get_json()["ok"] is False

    api = client.get("/api/v1/progress")
    assert api.status_code == 503
    assert api.get_json()["status"] == 503
    assert "cannot be reached" in api.get_json()["error"]

    page = client.get("/?lang=zh")
    assert page.status_code == 503
    assert "暂时无法连接跟踪系统的数据库" in page.get_data(as_text=True)
    page_en = client.get("/indicators")
    assert page_en.status_code == 503 and "cannot be reached" in page_en.get_data(as_text=True)

    refused = sign_in(client, STAFF)
    assert refused.status_code == 503  # fails closed, with a message, never signed in
    assert "cannot be reached" in refused.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session

    server.resume()
    assert client.get("/healthz").get_json() == {"ok": True, "database": "ok"}
    assert client.get("/api/v1/progress").status_code == 200
    assert sign_in(client, STAFF).status_code == 302
