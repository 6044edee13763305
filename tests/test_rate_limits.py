"""Abuse limits and the sign-in back-off (issue 2), through the real app and a real database.

The limits' counters are in the database (no Redis here), so two app instances (two workers)
share them. Addresses are set per request (``REMOTE_ADDR``), as the WSGI server sets them.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import STAFF
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.services.seed import init_db
from dashboard.store import schema
from dashboard.store.accounts import BACKOFF_SECONDS, MAX_FAILURES
from dashboard.store.repository import Store

SECRET = "test-secret-key"
INVALID_EN = "The user name or the password is not right."
ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def url(sqlite_url) -> str:
    store = Store.from_url(sqlite_url)
    init_db(store, empty=True)
    store.accounts.add(*STAFF, "staff")
    store.engine.dispose()
    return sqlite_url


def make(url: str, **config):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, **config})


def attempt(client, account, address: str, lang: str = "en", **headers):
    environ = {"REMOTE_ADDR": address}
    html = client.get("/login", environ_base=environ).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = {"name": account[0], "password": account[1], "csrf_token": token, "lang": lang}
    return client.post("/login", data=data, environ_base=environ, headers=headers)


def message(response) -> str:
    found = re.search(r'id="login-error">([^<]*)<', response.get_data(as_text=True))
    return found.group(1) if found else ""


def assert_too_many(response, lang: str = "en") -> None:
    assert response.status_code == 429
    body = response.get_json()
    assert body["ok"] is False and body["status"] == 429
    assert ("Too many requests" if lang == "en" else "请求过多") in body["error"]
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_sign_in_attempts_per_address_get_429_with_retry_after_shared_by_workers(url):
    first, second = make(url, LOGIN_LIMIT="3/minute"), make(url, LOGIN_LIMIT="3/minute")
    one, two = first.test_client(), second.test_client()
    assert attempt(one, (STAFF[0], "wrong-password"), ATTACKER).status_code == 401
    assert attempt(two, (STAFF[0], "wrong-password"), ATTACKER).status_code == 401
    assert attempt(one, (STAFF[0], "wrong-password"), ATTACKER).status_code == 401
    assert_too_many(attempt(two, (STAFF[0], "wrong-password"), ATTACKER))  # the other worker
    assert_too_many(attempt(one, STAFF, ATTACKER, lang="zh"), lang="zh")  # even the right one
    # Another address is not affected: the owner signs in.
    assert attempt(one, STAFF, OWNER).status_code == 302


def test_x_forwarded_for_is_ignored_without_a_proxy_setting(url):
    client = make(url, LOGIN_LIMIT="2/minute").test_client()
    codes = [
        attempt(
            client, (STAFF[0], "wrong"), ATTACKER, **{"X-Forwarded-For": f"10.0.0.{n}"}
        ).status_code
        for n in range(3)
    ]
    assert codes == [401, 401, 429]  # a new forged address per attempt does not help


def test_x_forwarded_for_is_the_client_address_behind_a_configured_proxy(url):
    client = make(url, LOGIN_LIMIT="2/minute", PROXY_COUNT=1).test_client()
    proxy = "127.0.0.1"
    codes = [
        attempt(client, (STAFF[0], "wrong"), proxy, **{"X-Forwarded-For": ATTACKER}).status_code
        for _ in range(3)
    ]
    assert codes == [401, 401, 429]
    behind_same_proxy = attempt(client, STAFF, proxy, **{"X-Forwarded-For": OWNER})
    assert behind_same_proxy.status_code == 302


def test_the_callback_endpoint_is_limited_per_address_with_the_error_shape(url):
    client = make(url, CALLBACK_LIMIT="3/minute").test_client()
    body = {"output": "nothing.children", "inputs": [], "changedPropIds": []}
    environ = {"REMOTE_ADDR": ATTACKER}
    codes = [
        client.post("/_dash-update-component", json=body, environ_base=environ).status_code
        for _ in range(4)
    ]
    assert 429 not in codes[:3] and codes[3] == 429
    assert_too_many(client.post("/_dash-update-component", json=body, environ_base=environ))
    other = client.post("/_dash-update-component", json=body, environ_base={"REMOTE_ADDR": OWNER})
    assert other.status_code != 429


def test_callbacks_are_counted_once_for_all_workers(url):
    """Two app instances (two workers) share the count in the database."""
    first = make(url, CALLBACK_LIMIT="4/minute").test_client()
    second = make(url, CALLBACK_LIMIT="4/minute").test_client()
    body = {"output": "nothing.children", "inputs": [], "changedPropIds": []}
    environ = {"REMOTE_ADDR": ATTACKER}
    for client in (first, second, first, second):
        answer = client.post("/_dash-update-component", json=body, environ_base=environ)
        assert answer.status_code != 429
    assert_too_many(first.post("/_dash-update-component", json=body, environ_base=environ))
    assert_too_many(second.post("/_dash-update-component", json=body, environ_base=environ))


def test_a_large_callback_limit_writes_its_count_in_batches(url):
    """600 a minute: each worker adds its hits ten at a time, so most callbacks write nothing,
    and the shared count still stops an address that goes over."""
    from limits import parse
    from limits.storage import MemoryStorage

    from dashboard.web.limits import SharedCallbackCounter

    class CountingStorage(MemoryStorage):
        writes = 0

        def incr(self, key, expiry, amount=1):
            CountingStorage.writes += 1
            return super().incr(key, expiry, amount)

    storage = CountingStorage()
    workers = [SharedCallbackCounter(storage, parse("600/minute")) for _ in range(2)]
    answers = [workers[n % 2].hit(ATTACKER) for n in range(600)]
    assert all(answer is None for answer in answers)
    assert CountingStorage.writes == 60  # 600 hits, 10 at a time
    refused = [workers[n % 2].hit(ATTACKER) for n in range(40)]
    assert any(answer is not None for answer in refused)
    assert workers[0].hit(OWNER) is None  # another address is not affected


def test_guessing_from_one_address_does_not_lock_the_owner_out_and_says_nothing_new(url):
    client = make(url, LOGIN_LIMIT="100/minute").test_client()
    for _ in range(MAX_FAILURES):
        response = attempt(client, (STAFF[0], "a-wrong-guess"), ATTACKER)
        assert (response.status_code, message(response)) == (401, INVALID_EN)
    # The attacker's address now waits: even the right password is refused, in the same words
    # as a wrong password and as an unknown name.
    waiting = attempt(client, STAFF, ATTACKER)
    unknown = attempt(client, ("nobody.here", "a-wrong-guess"), ATTACKER)
    wrong = attempt(client, (STAFF[0], "a-wrong-guess"), OWNER)
    for response in (waiting, unknown, wrong):
        assert (response.status_code, message(response)) == (401, INVALID_EN)
    # The owner, from their own address, is not locked out.
    assert attempt(client, STAFF, OWNER).status_code == 302


def test_the_wait_doubles_with_each_further_failure(url):
    store = Store.from_url(url)
    for _ in range(MAX_FAILURES):
        assert store.accounts.verify(STAFF[0], "wrong", ATTACKER).user is None
    table = schema.login_throttle

    def wait() -> timedelta:
        with store.engine.connect() as conn:
            row = conn.execute(select(table)).mappings().one()
        return row["blocked_until"] - row["last_failure"]

    assert wait() == timedelta(seconds=BACKOFF_SECONDS)
    assert store.accounts.verify(*STAFF, ATTACKER).reason == "locked"  # right password, waits
    with store.engine.begin() as conn:  # the wait is over
        conn.execute(table.update().values(blocked_until=None))
    assert store.accounts.verify(STAFF[0], "wrong", ATTACKER).reason == "locked"
    assert wait() == timedelta(seconds=2 * BACKOFF_SECONDS)
    assert store.accounts.verify(*STAFF, OWNER).user is not None
    store.engine.dispose()


def test_a_successful_sign_in_forgets_the_failures_of_that_address(url):
    store = Store.from_url(url)
    for _ in range(MAX_FAILURES - 1):
        store.accounts.verify(STAFF[0], "wrong", OWNER)
    assert store.accounts.verify(*STAFF, OWNER).user is not None
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.login_throttle)).first() is None
    store.engine.dispose()
