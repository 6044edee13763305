"""Sessions end on the server (issue 4): sign-out, a new password and disabling refuse every
cookie issued before, and a session idle for longer than DASHBOARD_IDLE_MINUTES ends.

A "copied cookie" is the signed session cookie a browser held, set on a second test client:
exactly what someone who copied it from the browser (or a proxy log) would send.
"""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner
from conftest import ADMIN, STAFF, VIEWER

from dashboard.app import create_app
from dashboard.cli import main as cli_main
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

SECRET = "test-secret-key"
PROTECTED = "/api/v1/indicators"  # 401 unless signed in, with REQUIRE_LOGIN


@pytest.fixture
def url(sqlite_url) -> str:
    store = Store.from_url(sqlite_url)
    init_db(store, empty=True)
    for (name, password), role in ((STAFF, "staff"), (ADMIN, "admin"), (VIEWER, "viewer")):
        store.accounts.add(name, password, role)
    store.engine.dispose()
    return sqlite_url


def make(url: str, **config):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, "REQUIRE_LOGIN": True, **config})


def sign_in(client, account) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = {"name": account[0], "password": account[1], "csrf_token": token, "lang": "en"}
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


def sign_out(client) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def copied(app, client):
    """A second browser holding a copy of ``client``'s session cookie."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def cli(url: str, *args: str, stdin: str = ""):
    return CliRunner().invoke(
        cli_main, list(args), input=stdin, env={"DASHBOARD_DATABASE_URL": url}
    )


def test_a_cookie_copied_before_sign_out_no_longer_works_after(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, STAFF)
    thief = copied(app, browser)
    assert thief.get(PROTECTED).status_code == 200  # the copy works while the session lives
    sign_out(browser)
    assert browser.get(PROTECTED).status_code == 401
    assert thief.get(PROTECTED).status_code == 401
    # ... in every worker: another app instance over the same database refuses it too.
    elsewhere = make(url).test_client()
    elsewhere.set_cookie("session", thief.get_cookie("session").value)
    assert elsewhere.get(PROTECTED).status_code == 401


def test_signing_in_again_after_sign_out_works(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, STAFF)
    sign_out(browser)
    sign_in(browser, STAFF)
    assert browser.get(PROTECTED).status_code == 200


def test_users_passwd_ends_every_session_and_only_the_new_password_works(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, STAFF)
    assert browser.get(PROTECTED).status_code == 200
    done = cli(url, "users", "passwd", STAFF[0], stdin="a-brand-new-password\n")
    assert done.exit_code == 0, done.output
    assert "sessions have ended" in done.output
    assert browser.get(PROTECTED).status_code == 401
    store = Store.from_url(url)
    assert store.accounts.verify(STAFF[0], STAFF[1], "10.0.0.1").user is None
    assert store.accounts.verify(STAFF[0], "a-brand-new-password", "10.0.0.1").user is not None
    store.engine.dispose()


def test_users_passwd_refuses_a_short_password_and_an_unknown_name(url):
    short = cli(url, "users", "passwd", STAFF[0], stdin="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    unknown = cli(url, "users", "passwd", "nobody.here", stdin="long-enough-password\n")
    assert unknown.exit_code == 1 and "no user named" in unknown.output


def test_disabling_a_user_ends_their_sessions(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, ADMIN)
    assert browser.get(PROTECTED).status_code == 200
    assert cli(url, "users", "disable", ADMIN[0]).exit_code == 0
    assert browser.get(PROTECTED).status_code == 401


def test_another_users_session_is_not_ended(url):
    app = make(url)
    staff, viewer = app.test_client(), app.test_client()
    sign_in(staff, STAFF)
    sign_in(viewer, VIEWER)
    sign_out(staff)
    assert viewer.get(PROTECTED).status_code == 200


def _set_last_seen(client, seconds_ago: float) -> None:
    with client.session_transaction() as session:
        session["_seen"] = int(time.time() - seconds_ago)


def test_a_session_idle_longer_than_the_setting_ends(url):
    app = make(url)  # the default: 30 minutes
    browser = app.test_client()
    sign_in(browser, STAFF)
    _set_last_seen(browser, 29 * 60)
    assert browser.get(PROTECTED).status_code == 200  # 29 minutes idle: still signed in
    _set_last_seen(browser, 31 * 60)
    assert browser.get(PROTECTED).status_code == 401
    with browser.session_transaction() as session:
        assert "_user_id" not in session  # signed out for good, not just this once


def test_the_idle_time_is_configurable_and_a_request_counts_as_activity(url):
    app = make(url, IDLE_MINUTES=5)
    browser = app.test_client()
    sign_in(browser, STAFF)
    _set_last_seen(browser, 4 * 60)
    assert browser.get(PROTECTED).status_code == 200  # ... and this request is activity:
    with browser.session_transaction() as session:
        assert time.time() - session["_seen"] < 5
    _set_last_seen(browser, 6 * 60)
    assert browser.get(PROTECTED).status_code == 401


def test_last_seen_is_rewritten_at_most_once_a_minute(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, STAFF)
    _set_last_seen(browser, 10)
    response = browser.get(PROTECTED)
    assert response.status_code == 200
    assert not [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]


def test_a_session_older_than_its_lifetime_ends_even_when_active(url):
    app = make(url)
    browser = app.test_client()
    sign_in(browser, STAFF)
    with browser.session_transaction() as session:
        session["_since"] = int(time.time() - 9 * 3600)
    assert browser.get(PROTECTED).status_code == 401
