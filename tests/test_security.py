"""Dash callbacks are one public endpoint: a hand-made POST must not write without the role.

Each test signs in (or not) through the real ``POST /login`` with Flask's test client, then
posts to ``/_dash-update-component`` exactly the body dash-renderer sends when the button is
pressed (the callback's key is taken from Dash's own callback map). A refusal must be an HTTP
403 and leave the database as it was: on SQLite the bytes of a full SQL dump, on PostgreSQL
every row of every table and the frame of current observations. Each refusal has a positive
control with the right role, sending the very same body, so a 403 cannot come from a
malformed request.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from contextlib import closing

import pandas as pd
import pytest
from conftest import ADMIN, FIRST_UPLOAD, STAFF, VIEWER
from sqlalchemy import select
from sqlalchemy.engine import make_url

from dashboard.app import create_app
from dashboard.services.imports import commit_import, prepare_import
from dashboard.store import schema
from dashboard.store.repository import Store

ENDPOINT = "/_dash-update-component"
ACCOUNTS = {"viewer": VIEWER, "staff": STAFF, "admin": ADMIN}
#: The shipped ECO-TRADE 2025 value, and the upload that replaces it.
PUBLISHED_2025 = 800.68
UPLOADED_2025 = 1150.0
UPLOAD_CSV = (
    b"indicator_id,period,value,basis,source,note\n"
    b"ECO-TRADE,2025,1150,annual,Chongqing customs,quarterly upload\n"
)
LIMITS = {"lang": "en", "max_bytes": 10 * 1024 * 1024, "too_large": "The file is too large."}


# ----- the request dash-renderer sends --------------------------------------------------------


def callback_key(app, fragment: str) -> str:
    """The callback's key in Dash's map (allow_duplicate outputs carry an ``@hash`` suffix)."""
    keys = [key for key in app.extensions["dash_app"].callback_map if fragment in key]
    assert len(keys) == 1, keys
    return keys[0]


def outputs_of(key: str) -> list[dict[str, str]]:
    """``..a.children...b.data@hash..`` -> [{id: a, property: children}, {id: b, ...}]."""
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    return [{"id": part.rpartition(".")[0], "property": part.rpartition(".")[2]} for part in parts]


def callback_body(app, fragment: str, inputs: list[dict], state: list[dict]) -> dict:
    """As dash-renderer builds it: ``outputs`` is a list for multi-output callbacks only."""
    key = callback_key(app, fragment)
    outputs = outputs_of(key)
    changed = [f"{item['id']}.{item['property']}" for item in inputs]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": changed,
        "parsedChangedPropsIds": changed,
        "state": state,
    }


def strings_in(tree) -> list[str]:
    """Every text of a Dash component tree as returned in a callback response."""
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, list):
        return [text for item in tree for text in strings_in(item)]
    if isinstance(tree, dict):
        return strings_in(tree.get("props", {}).get("children"))
    return []


def upload_payload() -> dict:
    encoded = base64.b64encode(UPLOAD_CSV).decode("ascii")
    return {"contents": f"data:text/csv;base64,{encoded}", "filename": "q.csv", "at": 1}


def confirm_body(app) -> dict:
    """The confirm button pressed with a validated file pending and warnings accepted."""
    return callback_body(
        app,
        "upload-outcome.children",
        inputs=[{"id": "upload-confirm", "property": "n_clicks", "value": 1}],
        state=[
            {"id": "upload-pending", "property": "data", "value": upload_payload()},
            {"id": "upload-accept-warnings", "property": "value", "value": ["yes"]},
            {"id": "upload-limits", "property": "data", "value": LIMITS},
        ],
    )


def preview_body(app) -> dict:
    """A file dropped on the upload area (after the in-browser size check)."""
    return callback_body(
        app,
        "upload-report.children",
        inputs=[{"id": "upload-payload", "property": "data", "value": upload_payload()}],
        state=[{"id": "upload-limits", "property": "data", "value": LIMITS}],
    )


def rollback_body(app, revision: int) -> dict:
    """The rollback button of the history page pressed for ``revision``."""
    return callback_body(
        app,
        "rollback-outcome.children",
        inputs=[{"id": "rollback-button", "property": "n_clicks", "value": 1}],
        state=[
            {
                "id": "rollback-target",
                "property": "data",
                "value": {"revision": revision, "lang": "en"},
            }
        ],
    )


# ----- sessions and the database --------------------------------------------------------------


def sign_in(client, account: tuple[str, str]) -> None:
    """Through the real form: the CSRF token comes from the HTML of ``GET /login``."""
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    name, password = account
    response = client.post(
        "/login", data={"csrf_token": token, "name": name, "password": password, "next": "/"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def snapshot(url: str):
    """SQLite: the bytes of a full dump. PostgreSQL: every row of every table, in order."""
    if make_url(url).get_backend_name() == "sqlite":
        with closing(sqlite3.connect(make_url(url).database)) as conn:
            return "\n".join(conn.iterdump()).encode("utf-8")
    store = Store.from_url(url)
    try:
        with store.engine.connect() as conn:
            tables = {
                table.name: conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                for table in schema.metadata.sorted_tables
            }
        return {
            "revisions": len(tables["revisions"]),
            "observations": len(tables["observations"]),
            "tables": tables,
        }
    finally:
        store.engine.dispose()


def assert_unchanged(url: str, before, current_before: pd.DataFrame) -> None:
    assert snapshot(url) == before
    store = Store.from_url(url)
    try:
        pd.testing.assert_frame_equal(store.current_observations(), current_before)
    finally:
        store.engine.dispose()


def current_observations(url: str) -> pd.DataFrame:
    store = Store.from_url(url)
    try:
        return store.current_observations()
    finally:
        store.engine.dispose()


def trade_2025(url: str) -> float:
    current = current_observations(url)
    row = current[(current["indicator_id"] == "ECO-TRADE") & (current["period"] == "2025")]
    return float(row["value"].iloc[0])


@pytest.fixture
def url(seeded_store) -> str:
    """The seeded database (SQLite file, or a new PostgreSQL database)."""
    return seeded_store.engine.url.render_as_string(hide_password=False)


def app_with(url: str, *roles: str):
    """The whole app over ``url`` with one account per role asked for (hashing is slow)."""
    accounts = Store.from_url(url).accounts
    for role in roles:
        name, password = ACCOUNTS[role]
        accounts.add(name, password, role)
    accounts.engine.dispose()
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "k"})


def client_as(app, role: str | None):
    client = app.test_client()
    if role is not None:
        sign_in(client, ACCOUNTS[role])
    return client


def assert_refused_and_nothing_written(url: str, client, body: dict) -> None:
    before, current = snapshot(url), current_observations(url)
    response = client.post(ENDPOINT, json=body)
    assert response.status_code == 403, response.get_data(as_text=True)[:500]
    assert b"multi" not in response.data and b"response" not in response.data
    assert_unchanged(url, before, current)


# ----- confirm: the callback that writes a revision -------------------------------------------


@pytest.mark.parametrize("role", [None, "viewer"], ids=["anonymous", "viewer"])
def test_confirm_upload_callback_without_a_staff_session_is_refused_and_writes_nothing(url, role):
    app = app_with(url, *([role] if role else []))
    client = client_as(app, role)
    assert_refused_and_nothing_written(url, client, confirm_body(app))
    assert trade_2025(url) == PUBLISHED_2025


def test_confirm_upload_callback_from_a_staff_session_writes_the_next_revision(url):
    app = app_with(url, "staff")
    client = client_as(app, "staff")
    response = client.post(ENDPOINT, json=confirm_body(app))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    saved = f"Saved as revision {FIRST_UPLOAD}: 0 new, 1 replaced, 0 unchanged."
    assert saved in response.get_data(as_text=True)
    store = Store.from_url(url)
    revision = store.revisions().iloc[0]
    assert (revision["revision_id"], revision["user_name"], revision["file_name"]) == (
        FIRST_UPLOAD,
        STAFF[0],
        "q.csv",
    )
    store.engine.dispose()
    assert trade_2025(url) == UPLOADED_2025


def test_confirm_upload_callback_after_the_staff_account_is_disabled_is_refused(url):
    app = app_with(url, "staff")
    client = client_as(app, "staff")
    Store.from_url(url).accounts.disable(STAFF[0])
    assert_refused_and_nothing_written(url, client, confirm_body(app))


def test_confirm_upload_callback_with_a_session_signed_by_another_key_is_refused(url):
    app = app_with(url, "staff")
    forged = create_app({"DATABASE_URL": url, "SECRET_KEY": "another key"}).test_client()
    sign_in(forged, STAFF)
    client = app.test_client()
    client.set_cookie("session", forged.get_cookie("session").value)
    assert_refused_and_nothing_written(url, client, confirm_body(app))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
    ids=["text", "form", "multipart"],
)
def test_confirm_upload_callback_as_a_cross_site_simple_request_writes_nothing_even_for_staff(
    url, content_type
):
    """What another site could make a browser send without a CORS preflight."""
    app = app_with(url, "staff")
    client = client_as(app, "staff")
    before, current = snapshot(url), current_observations(url)
    response = client.post(
        ENDPOINT, data=json.dumps(confirm_body(app)), headers={"Content-Type": content_type}
    )
    assert response.status_code == 415
    assert_unchanged(url, before, current)


# ----- preview: validates and compares; must not run for visitors either ----------------------


@pytest.mark.parametrize("role", [None, "viewer"], ids=["anonymous", "viewer"])
def test_preview_upload_callback_without_a_staff_session_is_refused_and_writes_nothing(url, role):
    app = app_with(url, *([role] if role else []))
    client = client_as(app, role)
    assert_refused_and_nothing_written(url, client, preview_body(app))


def test_preview_upload_callback_from_a_staff_session_shows_old_and_new_and_writes_nothing(url):
    app = app_with(url, "staff")
    client = client_as(app, "staff")
    before, current = snapshot(url), current_observations(url)
    response = client.post(ENDPOINT, json=preview_body(app))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_json()["response"]
    assert body["upload-pending"]["data"]["filename"] == "q.csv"
    shown = strings_in(body["upload-report"]["children"])
    assert "q.csv: 1 rows; 0 new, 1 replacing a value, 0 unchanged." in shown
    assert "2025: 800.7 bn CNY \u2192 1,150 bn CNY" in shown
    assert_unchanged(url, before, current)


# ----- rollback: administrators only -----------------------------------------------------------


def with_an_upload(url: str) -> None:
    """An upload to roll back: ECO-TRADE 2025 becomes 1150 as revision FIRST_UPLOAD."""
    store = Store.from_url(url)
    result = commit_import(store, prepare_import(store, UPLOAD_CSV, "q.csv"), "setup")
    store.engine.dispose()
    assert result.revision_id == FIRST_UPLOAD


@pytest.mark.parametrize("role", [None, "viewer", "staff"], ids=["anonymous", "viewer", "staff"])
def test_rollback_callback_without_an_admin_session_is_refused_and_writes_nothing(url, role):
    with_an_upload(url)
    app = app_with(url, *([role] if role else []))
    client = client_as(app, role)
    assert_refused_and_nothing_written(url, client, rollback_body(app, FIRST_UPLOAD))
    assert trade_2025(url) == UPLOADED_2025


def test_rollback_callback_from_an_admin_session_writes_a_revision_restoring_the_value(url):
    with_an_upload(url)
    app = app_with(url, "admin")
    client = client_as(app, "admin")
    response = client.post(ENDPOINT, json=rollback_body(app, FIRST_UPLOAD))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    rolled = f"Revision {FIRST_UPLOAD} was rolled back by revision {FIRST_UPLOAD + 1}."
    assert rolled in response.get_data(as_text=True)
    store = Store.from_url(url)
    revisions = store.revisions()
    store.engine.dispose()
    newest = revisions.iloc[0]
    assert (newest["revision_id"], newest["action"], newest["user_name"]) == (
        FIRST_UPLOAD + 1,
        "rollback",
        ADMIN[0],
    )
    assert revisions.set_index("revision_id").loc[FIRST_UPLOAD, "status"] == "rolled_back"
    assert trade_2025(url) == PUBLISHED_2025
