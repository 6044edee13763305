"""Kept answers (``dashboard/web/response_cache.py``): served again only while nothing they show
has changed, only to whoever they were built for, and never for a write.

Every test runs the real app over a real SQLite file; "another worker" is a second app over
the same file, as gunicorn's workers are.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ADMIN, STAFF

from dashboard.app import create_dash
from dashboard.services.imports import commit_import, prepare_import
from dashboard.store.repository import Store
from dashboard.web.response_cache import Kept, ResponseCache, response_cache, shared_answers
from dashboard.web.warm import router_body

ENDPOINT = "/_dash-update-component"


def route(client, path: str = "/", search: str = ""):
    return client.post(
        ENDPOINT,
        json=router_body(path, search),
        headers={"Referer": f"http://localhost{path}{search}"},
    )


def sign_in(client, account) -> None:
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    name, password = account
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    assert response.status_code == 302


def upload(sqlite_url: str, value: float) -> None:
    """A new revision, written as another process would write it (its own store)."""
    store = Store.from_url(sqlite_url)
    data = (
        "indicator_id,period,value,basis,source,note\n"
        f"ECO-FORTUNE500,2026Q1,{value},quarter,https://example.invalid/test,test row\n"
    ).encode()
    prepared = prepare_import(store, data, "figures.csv")
    assert prepared.ok, prepared
    commit_import(store, prepared, "tester")
    store.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


def test_a_view_seen_before_is_sent_again_unchanged(app):
    client = app.server.test_client()
    first = route(client, "/", "?pillar=logistics")
    second = route(client, "/", "?pillar=logistics")
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Tracker-Cache"] == "miss"
    assert second.headers["X-Tracker-Cache"] == "hit"
    assert second.get_json() == first.get_json()
    # Another view is another entry.
    assert route(client, "/", "?pillar=economy").headers["X-Tracker-Cache"] == "miss"


def test_kept_answers_are_gzipped_once_for_clients_that_accept_it(app):
    client = app.server.test_client()
    plain = route(client, "/corridors").get_json()
    zipped = client.post(
        ENDPOINT,
        json=router_body("/corridors"),
        headers={"Referer": "http://localhost/corridors", "Accept-Encoding": "gzip"},
    )
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["X-Tracker-Cache"] == "hit"
    import gzip

    assert json.loads(gzip.decompress(zipped.data)) == plain


def test_an_upload_through_another_worker_is_seen_at_once(app, make_app, sqlite_url):
    viewer = app.server.test_client()
    before = route(viewer, "/indicator/ECO-FORTUNE500").get_data(as_text=True)
    assert route(viewer, "/indicator/ECO-FORTUNE500").headers["X-Tracker-Cache"] == "hit"
    api_before = viewer.get("/api/v1/progress").get_json()
    assert viewer.get("/api/v1/progress").headers["X-Tracker-Cache"] == "hit"

    upload(sqlite_url, 4321)  # another process writes a new revision

    after = route(viewer, "/indicator/ECO-FORTUNE500")
    assert after.headers["X-Tracker-Cache"] == "miss"
    assert "4,321" in after.get_data(as_text=True) and "4,321" not in before
    api_after = viewer.get("/api/v1/progress")
    assert api_after.headers["X-Tracker-Cache"] == "miss"
    assert api_after.get_json() != api_before


def test_answers_of_older_data_are_dropped_when_newer_data_is_seen(app, sqlite_url):
    client = app.server.test_client()
    for pillar in ("logistics", "economy", "platform"):
        route(client, "/", f"?pillar={pillar}")
    cache = response_cache(app.server)
    kept_before = len(cache)
    assert kept_before >= 3
    upload(sqlite_url, 332)
    route(client, "/", "?pillar=logistics")
    # The three views of the old data are gone; the fixed answers (layout, dependencies)
    # and the one view just built remain.
    assert len(cache) <= kept_before - 2


def test_one_users_view_is_never_sent_to_another(accounts_app):
    server = accounts_app.server
    admin = server.test_client()
    sign_in(admin, ADMIN)
    seen_by_admin = route(admin, "/history").get_data(as_text=True)
    assert ADMIN[0] in seen_by_admin  # the admin's name in the menu
    assert route(admin, "/history").headers["X-Tracker-Cache"] == "hit"

    anonymous = server.test_client()
    answer = route(anonymous, "/history")
    assert answer.headers["X-Tracker-Cache"] == "miss"
    text = answer.get_data(as_text=True)
    assert ADMIN[0] not in text and "history-sign-in" in text

    staff = server.test_client()
    sign_in(staff, STAFF)
    answer = route(staff, "/history")
    assert answer.headers["X-Tracker-Cache"] == "miss"
    assert STAFF[0] in answer.get_data(as_text=True)
    assert ADMIN[0] not in answer.get_data(as_text=True)


def test_the_menu_comes_with_the_page_and_returns_to_it(accounts_app):
    """No second round trip for the menu: the router's answer holds it, for who asks."""
    server = accounts_app.server
    anonymous = route(server.test_client(), "/", "?pillar=economy").get_data(as_text=True)
    assert '"id":"login-link"' in anonymous.replace(" ", "")
    assert "next=%2F%3Fpillar%3Deconomy" in anonymous or "next=/?pillar=economy" in anonymous
    staff = server.test_client()
    sign_in(staff, STAFF)
    signed_in = route(staff, "/", "?pillar=economy").get_data(as_text=True)
    assert "signed-in-as" in signed_in and "upload-link" in signed_in
    assert "login-link" not in signed_in
    # The shared page itself was not changed by filling the menu in.
    again = route(server.test_client(), "/", "?pillar=economy").get_data(as_text=True)
    assert "signed-in-as" not in again


def test_writes_and_refusals_are_never_kept(accounts_app):
    server = accounts_app.server
    staff = server.test_client()
    sign_in(staff, STAFF)
    key = next(k for k in accounts_app.callback_map if "upload-report" in k)
    entry = accounts_app.callback_map[key]
    body = {
        "output": key,
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in key.strip(".").split("...")
        ],
        "inputs": [{"id": "upload-payload", "property": "data", "value": None}],
        "state": [
            {"id": d["id"], "property": d["property"], "value": {"dataset": "observations"}}
            for d in entry["state"]
        ],
        "changedPropIds": ["upload-payload.data"],
    }
    for _ in range(2):
        answer = staff.post(ENDPOINT, json=body)
        assert "X-Tracker-Cache" not in answer.headers, answer.status_code
    bad = router_body("/")
    bad["inputs"][0]["value"] = "no-slash"
    for _ in range(2):
        refused = server.test_client().post(ENDPOINT, json=bad)
        assert refused.status_code == 400
        assert "X-Tracker-Cache" not in refused.headers


def test_page_html_and_dash_lists_are_kept(app):
    client = app.server.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/corridors?lang=zh"):
        first, second = client.get(path), client.get(path)
        assert first.status_code == second.status_code == 200
        assert (first.headers["X-Tracker-Cache"], second.headers["X-Tracker-Cache"]) == (
            "miss",
            "hit",
        )
        assert first.data == second.data


def test_the_cache_is_bounded_by_bytes_least_recently_used_first():
    cache = ResponseCache(max_bytes=4_000)
    cache.see_token("1-a")
    for number in range(10):
        cache.put(("callback", "1-a", number), Kept(b"x" * 500, b"y" * 100, ()))
    assert len(cache) < 10
    assert cache.get(("callback", "1-a", 9)) is not None  # the newest stays
    assert cache.get(("callback", "1-a", 0)) is None  # the oldest went first
    cache.see_token("2-a")
    assert len(cache) == 0


def test_two_workers_build_a_view_once_per_data_version_and_agree(app, sqlite_url):
    """Workers share no memory: the second reads what the first built from the database."""
    other = create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})
    first, second = app.server.test_client(), other.server.test_client()
    one = route(first, "/", "?pillar=economy")
    assert one.headers["X-Tracker-Cache"] == "miss"
    shared_answers(app.server).flush()
    two = route(second, "/", "?pillar=economy")
    assert two.headers["X-Tracker-Cache"] == "shared"
    assert one.get_json() == two.get_json()
    upload(sqlite_url, 333)
    assert route(first, "/", "?pillar=economy").headers["X-Tracker-Cache"] == "miss"
    shared_answers(app.server).flush()
    assert route(second, "/", "?pillar=economy").headers["X-Tracker-Cache"] == "shared"


def test_a_view_built_by_one_worker_is_read_by_another_from_the_database(app, sqlite_url):
    other = create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})
    built = route(app.server.test_client(), "/", "?pillar=economy")
    assert built.headers["X-Tracker-Cache"] == "miss"
    shared_answers(app.server).flush()
    read = route(other.server.test_client(), "/", "?pillar=economy")
    assert read.headers["X-Tracker-Cache"] == "shared"
    assert read.get_json() == built.get_json()
    # The parameters' order does not make another view.
    again = route(other.server.test_client(), "/", "?pillar=economy&lang=en")
    swapped = route(other.server.test_client(), "/", "?lang=en&pillar=economy")
    assert swapped.headers["X-Tracker-Cache"] == "hit"
    assert swapped.get_json() == again.get_json()


def test_signed_in_views_are_not_shared_through_the_database(accounts_app, sqlite_url):
    staff = accounts_app.server.test_client()
    sign_in(staff, STAFF)
    route(staff, "/", "?pillar=economy")
    shared_answers(accounts_app.server).flush()
    engine = Store.from_url(sqlite_url).engine
    from sqlalchemy import text

    with engine.connect() as conn:
        bodies = [row[0] for row in conn.execute(text("SELECT body FROM kept_answers"))]
    assert not any(STAFF[0].encode() in bytes(body) for body in bodies)


def test_after_a_command_line_upload_the_first_visitor_finds_the_view_ready(
    app, sqlite_url, tmp_path, monkeypatch
):
    """``dashboard import`` builds the busiest views for the new data before it returns."""
    from click.testing import CliRunner

    from dashboard.cli import main

    viewer = app.server.test_client()
    route(viewer, "/", "?pillar=economy")
    upload_file = tmp_path / "figures.csv"
    upload_file.write_text(
        "indicator_id,period,value,basis,source,note\n"
        "ECO-FORTUNE500,2026Q1,4444,quarter,https://example.invalid/test,test row\n"
    )
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DASHBOARD_WARM_VIEWS", "1")
    result = CliRunner().invoke(main, ["import", str(upload_file), "--user", "tester"])
    assert result.exit_code == 0, result.output
    for search in ("?pillar=economy", "", "?lang=zh&pillar=logistics"):
        first = route(viewer, "/", search)
        assert first.headers["X-Tracker-Cache"] == "shared", search
    assert "4,444" in route(viewer, "/indicator/ECO-FORTUNE500").get_data(as_text=True)


def test_a_web_upload_warms_the_views_for_every_worker(make_app, sqlite_url, monkeypatch):
    from dashboard.web import on_data_change
    from dashboard.web.warm import warm_views

    monkeypatch.setenv("DASHBOARD_WARM_VIEWS", "1")
    app = make_app()
    warmed = []
    on_data_change(app.server, lambda server: warmed.append(warm_views(server)))
    other = create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})
    upload(sqlite_url, 4555)
    with app.server.test_request_context("/"):
        from dashboard.web import data_changed

        data_changed()  # what the upload and rollback callbacks call after their commit
    assert warmed and warmed[0] >= 20
    first = route(other.server.test_client(), "/corridors", "?lang=zh")
    assert first.headers["X-Tracker-Cache"] == "shared"


def test_made_up_query_strings_cannot_fill_the_shared_table(app, sqlite_url, monkeypatch):
    from sqlalchemy import text

    from dashboard.store import kept

    monkeypatch.setattr(kept, "MAX_SHARED_ROWS", 5)
    client = app.server.test_client()
    for number in range(12):
        route(client, "/", f"?made-up={number}")
    shared_answers(app.server).flush()
    engine = Store.from_url(sqlite_url).engine
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM kept_answers")).scalar_one() == 5
