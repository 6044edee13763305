"""No page is built with one user's rights and shown to another, and the page HTML holds no
data at all: Dash Pages' ``validation_layout`` (every page's layout, built once per worker as
whoever made its first request, embedded in every page's HTML) is switched off. What it used
to check, that every callback names components that exist, is checked here instead.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ADMIN, STAFF
from dash.development.base_component import Component
from flask_login import login_user

from dashboard.store.repository import Store
from dashboard.web.auth import SessionUser

#: The HTML of a page is the frame Dash needs (scripts, config), nothing of the data.
MAX_INDEX_BYTES = 20_000


def _sign_in(client, account) -> None:
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    name, password = account
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("first_path", ["/", "/history", "/upload", "/history?revision=1"])
def test_an_admins_first_request_leaks_nothing_to_anonymous_visitors(accounts_app, first_path):
    server = accounts_app.server
    admin = server.test_client()
    _sign_in(admin, ADMIN)
    assert admin.get(first_path).status_code == 200  # the worker's very first page
    anonymous = server.test_client()
    for path in ("/", "/corridors", "/indicator/ECO-TRADE", "/nowhere"):
        page = anonymous.get(path).get_data(as_text=True)
        for secret in (ADMIN[0], STAFF[0], "rollback-button", "Roll back", "sha256", "init-db"):
            assert secret not in page, (first_path, path, secret)
        assert "validation_layout" not in page
        assert len(page.encode()) < MAX_INDEX_BYTES, (path, len(page.encode()))


def _ids(component) -> set[str]:
    """Every string id and every pattern-id type in a component tree."""
    found: set[str] = set()
    if isinstance(component, Component):
        identifier = getattr(component, "id", None)
        if isinstance(identifier, str):
            found.add(identifier)
        elif isinstance(identifier, dict):
            found.add(json.dumps(sorted(identifier)))
        for child in component._traverse():
            identifier = getattr(child, "id", None)
            if isinstance(identifier, str):
                found.add(identifier)
            elif isinstance(identifier, dict):
                found.add(json.dumps(sorted(identifier)))
    return found


#: Views whose layouts together hold every component a callback names.
VIEWS = [
    ("/", {}),
    ("/corridors", {}),
    ("/upload", {}),
    ("/upload", {"dataset": "reach"}),
    ("/history", {"revision": "1"}),
    ("/indicator/<indicator_id>", {"indicator_id": "ECO-TRADE"}),
]


def test_every_callback_names_components_that_exist(accounts_app, sqlite_url):
    """What the validation layout checked in the browser, checked here for every callback."""
    import dash

    server = accounts_app.server
    server.test_client().get("/")  # Dash Pages registers its router on the first request
    admin = Store.from_url(sqlite_url).accounts.verify(*ADMIN).user
    present: set[str] = set()
    with server.test_request_context("/"):
        login_user(SessionUser(admin))
        present |= _ids(accounts_app.layout() if callable(accounts_app.layout)
                        else accounts_app.layout)  # fmt: skip
        for path, params in VIEWS:
            page = next(p for p in dash.page_registry.values() if p["path_template"] == path
                        or p["path"] == path)  # fmt: skip
            present |= _ids(page["layout"](**params))
    present |= {"_pages_location", "_pages_content", "_pages_store", "_pages_dummy"}
    missing = []
    for entry in accounts_app.callback_map.values():
        for dependency in [*entry["inputs"], *entry["state"]]:
            identifier = dependency["id"]
            key = (
                json.dumps(sorted(json.loads(identifier)))
                if identifier.startswith("{")
                else identifier
            )
            if key not in present:
                missing.append(identifier)
    assert missing == []
    # The check can fail: a callback naming a component no page has is caught.
    assert "no-such-component" not in present
