"""The app as production serves it: the Procfile's gunicorn command and config, for real.

Slow clients must not stall the server: with sync workers, 4 connections sending one header
line every few seconds made ``/healthz`` wait over a minute. The gthread workers of
``dashboard/gunicorn_conf.py`` keep serving while 8 clients trickle their requests.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import free_port

from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent


def procfile_command(port: int) -> list[str]:
    """The Procfile's web command, on loopback and ``port``, run by this interpreter."""
    line = next(
        x for x in (ROOT / "Procfile").read_text().splitlines() if x.startswith("web:")
    ).removeprefix("web:")
    line = re.sub(r"\$\{PORT:-\d+\}", str(port), line).replace("0.0.0.0", "127.0.0.1")
    return [sys.executable, "-m", *shlex.split(line)]


@pytest.fixture
def served(sqlite_url):
    store = Store.from_url(sqlite_url)
    init_db(store)
    store.engine.dispose()
    port = free_port()
    env = {
        **os.environ,
        "DASHBOARD_DATABASE_URL": sqlite_url,
        "DASHBOARD_SECRET_KEY": "serving-test-" + "k" * 32,
        "GUNICORN_ACCESS_LOG": "",
    }
    process = subprocess.Popen(
        procfile_command(port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)


def _get(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    status = conn.getresponse().status
    conn.close()
    return status, time.perf_counter() - start


def test_the_procfile_serves_the_app_with_threaded_workers(served):
    assert _get(served, "/healthz")[0] == 200
    assert _get(served, "/")[0] == 200
    config = (ROOT / "dashboard" / "gunicorn_conf.py").read_text()
    assert 'worker_class = "gthread"' in config and "timeout" in config


def _trickle(port: int, stop: threading.Event) -> None:
    """A client that sends its request one header line every second, and never finishes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        number = 0
        while not stop.is_set():
            number += 1
            try:
                sock.sendall(f"X-Slow-{number}: {'x' * 10}\r\n".encode())
            except OSError:
                return
            stop.wait(1.0)


def test_eight_trickling_clients_do_not_stall_healthz(served):
    _get(served, "/healthz")  # both workers up
    stop = threading.Event()
    clients = [
        threading.Thread(target=_trickle, args=(served, stop), daemon=True) for _ in range(8)
    ]
    for client in clients:
        client.start()
    try:
        time.sleep(3)  # every slow client is connected and mid-request
        waits = []
        for _ in range(10):
            status, seconds = _get(served, "/healthz")
            assert status == 200
            waits.append(seconds)
            time.sleep(0.3)
        assert max(waits) < 2.0, waits
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)


#: The scripts every page loads (Dash serves them without their fingerprint too).
COMPONENT_SCRIPTS = [
    "/_dash-component-suites/dash/dcc/dash_core_components.js",
    "/_dash-component-suites/dash/dcc/dash_core_components-shared.js",
    "/_dash-component-suites/dash/html/dash_html_components.min.js",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
    "/_dash-component-suites/dash/deps/react@18.3.1.min.js",
]


def test_a_new_worker_serves_every_script_of_a_page_asked_for_at_once(served):
    """A browser asks for the page and its scripts together, and a new (or recycled) worker
    may get them all as its very first requests. Dash's own first-request set-up marked
    itself done before it had registered the scripts' paths, so the requests beside the
    first found "no such file" and the page never drew (5 fresh workers in 6 on this
    machine). The factory now sets Dash up before the worker listens."""
    statuses: list[tuple[str, int]] = []

    def fetch(path: str) -> None:
        statuses.append((path, _get(served, path)[0]))

    threads = [
        threading.Thread(target=fetch, args=(path,))
        for path in ["/", *COMPONENT_SCRIPTS, *COMPONENT_SCRIPTS]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == len(threads)
    assert all(status == 200 for _, status in statuses), statuses


def test_the_factory_has_set_dash_up_before_any_request(sqlite_url):
    from dashboard.app import create_dash

    app = create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "s" * 40})
    registered = app.registered_paths["dash"]
    assert {"dcc/dash_core_components.js", "dash-renderer/build/dash_renderer.min.js"} <= registered
