"""``DASHBOARD_REQUIRE_LOGIN=1``: deny by default, open exactly the sign-in paths and static
files. Every route the app registers is tried signed out, with near misses of the open paths
(``/loginx``, ``/login/x``, ``/healthzfoo``...), and must answer 401 (JSON endpoints) or a
redirect to the sign-in page, never a page or a value.
"""

from __future__ import annotations

import re

import pytest
from conftest import STAFF

from dashboard.app import create_app
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

#: Served signed out: the sign-in form, the health check, and files that hold no data.
OPEN = ["/login", "/healthz", "/_favicon.ico", "/assets/tracker.css"]
NEAR_MISSES = [
    "/loginx",
    "/login/x",
    "/login/",
    "/logout/x",
    "/logoutx",
    "/healthzfoo",
    "/healthz/x",
    "/_favicon.icoX",
    "/_favicon.ico/x",
    "/assetsx",
    "/assets",
    "/_dash-component-suitesx",
    "/assets/../indicator/ECO-TRADE",
]
#: A value of the shipped data that a leaked page or answer would contain.
SHIPPED_VALUE = "800.68"


@pytest.fixture
def locked_app(sqlite_url):
    store = Store.from_url(sqlite_url)
    init_db(store)
    store.accounts.add(*STAFF, "staff")
    store.engine.dispose()
    return create_app(
        {"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key", "REQUIRE_LOGIN": True}
    )


def _concrete(rule) -> str:
    """A URL for a registered rule, its variables filled with plausible values."""
    values = {
        "indicator_id": "ECO-TRADE",
        "path": "indicator/ECO-TRADE",
        "package_name": "dash",
        "fingerprinted_path": "deps/react@18.3.1.min.js",
        "filename": "tracker.css",
    }
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values.get(m.group(1), "x"), rule.rule)


def _is_refused(response) -> bool:
    if response.status_code == 401:
        return response.is_json and response.get_json()["status"] == 401
    return response.status_code == 302 and response.headers["Location"].startswith("/login?")


def test_every_registered_route_and_every_near_miss_is_closed_signed_out(locked_app):
    client = locked_app.test_client()
    rules = list(locked_app.url_map.iter_rules())
    assert len(rules) > 10
    tried = 0
    leaks = []
    for rule in rules:
        path = _concrete(rule)
        open_static = path.startswith(("/assets/", "/_dash-component-suites/"))
        if path in OPEN or open_static or path == "/logout":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, json={} if method == "POST" else None)
            tried += 1
            if not _is_refused(response) or SHIPPED_VALUE in response.get_data(as_text=True):
                leaks.append((method, path, response.status_code))
    for path in NEAR_MISSES + ["/", "/_dash-layout", "/_dash-dependencies", "/api/v1/progress",
                               "/export/progress.csv", "/upload/template.csv"]:  # fmt: skip
        response = client.get(path)
        tried += 1
        if not _is_refused(response):
            leaks.append(("GET", path, response.status_code))
    assert tried > 20
    assert leaks == []


def test_the_open_paths_stay_open_and_hold_no_data(locked_app):
    client = locked_app.test_client()
    for path in OPEN:
        response = client.get(path)
        assert response.status_code == 200, path
        assert SHIPPED_VALUE.encode() not in response.get_data(), path
    # Dash's own scripts load for the sign-in page's frame.
    script = client.get("/_dash-component-suites/dash/deps/react@18.3.1.min.js")
    assert script.status_code == 200


def test_signed_in_the_pages_and_the_api_answer(locked_app):
    client = locked_app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    client.post("/login", data={"name": STAFF[0], "password": STAFF[1], "csrf_token": token})
    assert client.get("/").status_code == 200
    progress = client.get("/api/v1/progress")
    assert progress.status_code == 200 and progress.is_json
