"""The abuse limits counted in Redis (``DASHBOARD_RATELIMIT_STORAGE_URL``), as several hosts
would share them: a real ``redis-server`` (Debian's ``redis-server``) started by the test.

Two app instances stand for two hosts: sign-in attempts and callbacks counted by one are seen
by the other.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from conftest import free_port
from test_rate_limits import ATTACKER, assert_too_many, attempt, make, url  # noqa: F401

REDIS = shutil.which("redis-server")


@pytest.fixture
def redis_url(tmp_path):
    if REDIS is None:
        pytest.fail("Debian's redis-server is missing: `make test-deps` installs it")
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_sign_in_attempts_are_counted_across_hosts_in_redis(url, redis_url):  # noqa: F811
    first = make(url, RATELIMIT_STORAGE_URL=redis_url, LOGIN_LIMIT="4/minute").test_client()
    second = make(url, RATELIMIT_STORAGE_URL=redis_url, LOGIN_LIMIT="4/minute").test_client()
    wrong = ("wang.staff", "not-the-password")
    for client in (first, second, first, second):
        assert attempt(client, wrong, ATTACKER).status_code == 401
    assert_too_many(attempt(first, wrong, ATTACKER))
    assert_too_many(attempt(second, wrong, ATTACKER))


def test_callbacks_are_counted_across_hosts_in_redis(url, redis_url):  # noqa: F811
    settings = {"RATELIMIT_STORAGE_URL": redis_url, "CALLBACK_LIMIT": "3/minute"}
    first, second = make(url, **settings).test_client(), make(url, **settings).test_client()
    environ = {"REMOTE_ADDR": ATTACKER}
    answers = [
        client.post("/_dash-update-component", json={}, environ_base=environ).status_code
        for client in (first, second, first)
    ]
    assert 429 not in answers  # refused by the guard (400), but counted
    assert_too_many(second.post("/_dash-update-component", json={}, environ_base=environ))
