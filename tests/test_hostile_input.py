"""A client's mistake is a 4xx, never a 5xx: repeated parameters, malformed callback bodies,
forged values and paths Dash does not serve, sent to the real app over a real SQLite file.

Every callback the app registers is tried with every malformed body below and with values of
the wrong type in each of its inputs; a positive control with a well-formed body shows that the
refusals come from the gate, not from a request that could never work.
"""

from __future__ import annotations

import json
from typing import NotRequired, TypedDict

import pytest
from conftest import ADMIN, STAFF
from dash._utils import split_callback_id, stringify_id

from dashboard.ui.guard import conforms
from dashboard.ui.pages.history import RollbackTarget
from dashboard.web.warm import router_body as _router_body

ENDPOINT = "/_dash-update-component"
ROUTER = ".._pages_content.children..._pages_store.data.."
PAGES = ["/", "/indicator/ECO-TRADE", "/corridors", "/plan", "/methodology", "/present",
         "/briefing", "/upload", "/history", "/nowhere"]  # fmt: skip
#: Values of every JSON type, and of the wrong shape for one input or another.
WRONG_VALUES = ["abc", {"x": 1}, [1, 2], 1.5, True, None, -1, 10**12, "", {"lang": 5}]


@pytest.fixture
def client(accounts_app):
    server = accounts_app.server
    server.config["TESTING"] = False  # exceptions become 500s, as in production
    test_client = server.test_client()
    test_client.get("/")  # Dash Pages registers its router on the first request
    return test_client


def _post(client, body) -> tuple[int, bytes]:
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    response = client.post(ENDPOINT, data=data, content_type="application/json")
    return response.status_code, response.data


def _sign_in(client, account) -> None:
    import re

    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    name, password = account
    client.post("/login", data={"name": name, "password": password, "csrf_token": token})


@pytest.mark.parametrize("account", [None, ADMIN], ids=["anonymous", "admin"])
@pytest.mark.parametrize("path", PAGES)
def test_repeated_and_odd_query_parameters_render_the_page(client, path, account):
    if account:
        _sign_in(client, account)
    for search in (
        "?lang=zh&lang=en",
        "?lang=en&lang=zh&as_of=2025Q3&as_of=zz",
        "?pillar=economy&pillar=logistics&revision=1&revision=x",
        "?as_of=%00&pillar=%ff&lang[]=zh",
        "?snapshot=9999-99&dataset=../../etc&auto=-1&auto=abc",
        "?revision=4&page=%C2%B2&page=-3&slide=x&revision=%EF%BC%94",
        "?revision=%C2%B2&page=99999999999999999999&as_of=2025Q%C2%B2",
    ):
        status, body = _post(client, _router_body(path, search))
        assert status == 200, (path, search, body[:300])
        assert b'"_pages_content"' in body


def test_the_first_of_repeated_languages_is_the_page_language(client):
    status, body = _post(client, _router_body("/", "?lang=zh&lang=en"))
    assert status == 200
    assert '"lang":"zh-CN"' in body.decode().replace(" ", "")


MALFORMED_BODIES = [
    b"",
    b"not json",
    b"{",
    "null",
    "[]",
    '"text"',
    "42",
    "{}",
    json.dumps({"output": None}),
    json.dumps({"output": 5}),
    json.dumps({"output": "no-such.children"}),
    json.dumps({"output": ROUTER}),
    json.dumps({**_router_body("/"), "inputs": None}),
    json.dumps({**_router_body("/"), "inputs": {}}),
    json.dumps({**_router_body("/"), "inputs": []}),
    json.dumps({**_router_body("/"), "inputs": [None, None]}),
    json.dumps({**_router_body("/"), "inputs": ["a", "b"]}),
    json.dumps({**_router_body("/"), "inputs": [{"id": "x"}, {"id": "y"}]}),
    json.dumps({**_router_body("/"), "state": None}),
    json.dumps({**_router_body("/"), "state": [{"id": "x", "property": "y"}]}),
    json.dumps({**_router_body("/"), "outputs": None}),
    json.dumps({**_router_body("/"), "outputs": "x"}),
    json.dumps({**_router_body("/"), "outputs": [1, 2]}),
    json.dumps({**_router_body("/"), "changedPropIds": None}),
    json.dumps({**_router_body("/"), "changedPropIds": [1]}),
    json.dumps({**_router_body("/"), "changedPropIds": "x"}),
]


@pytest.mark.parametrize("body", MALFORMED_BODIES, ids=range(len(MALFORMED_BODIES)))
def test_malformed_callback_bodies_are_400_in_the_error_shape(client, body):
    status, answer = _post(client, body)
    assert status == 400, answer[:300]
    payload = json.loads(answer)
    assert payload["ok"] is False and payload["status"] == 400 and payload["error"]


def _concrete(dependency: dict) -> dict:
    """A declared dependency as the browser sends it (a MATCH id filled in, no @hash)."""
    identifier = dependency["id"]
    if identifier.startswith("{"):
        identifier = {k: "en" if v == ["MATCH"] else v for k, v in json.loads(identifier).items()}
    return {"id": identifier, "property": dependency["property"].split("@")[0]}


def _bodies_with_wrong_values(client) -> list[tuple[str, dict]]:
    """For every registered callback: its well-formed body with one input or state replaced
    by each wrong value in turn."""
    app = client.application.extensions["dash_app"]
    bodies = []
    for output, entry in app.callback_map.items():
        if entry.get("callback") is None:
            continue  # clientside: refused as "no such callback" (see the malformed bodies)
        declared = [_concrete(d) for d in entry["inputs"] + entry["state"]]
        outputs = split_callback_id(output)
        outputs = (
            [_concrete(o) for o in outputs] if isinstance(outputs, list) else _concrete(outputs)
        )
        count = len(entry["inputs"])
        for position in range(len(declared)):
            for wrong in WRONG_VALUES:
                items = [{**d, "value": None} for d in declared]
                items[position]["value"] = wrong
                bodies.append(
                    (
                        f"{output} #{position} = {wrong!r}",
                        {
                            "output": output,
                            "outputs": outputs,
                            "inputs": items[:count],
                            "state": items[count:],
                            "changedPropIds": [f"{stringify_id(items[0]['id'])}.x"],
                        },
                    )
                )
    return bodies


@pytest.mark.parametrize("account", [None, STAFF, ADMIN], ids=["anonymous", "staff", "admin"])
def test_no_value_in_any_input_of_any_callback_gives_a_server_error(client, account):
    if account:
        _sign_in(client, account)
    bodies = _bodies_with_wrong_values(client)
    assert len(bodies) > 100
    server_errors = []
    for where, body in bodies:
        status, answer = _post(client, body)
        if status >= 500:
            server_errors.append((where, status, answer[:200]))
    assert server_errors == []


def test_a_well_formed_router_request_still_renders(client):
    status, body = _post(client, _router_body("/indicator/ECO-TRADE", "?lang=zh"))
    assert status == 200
    assert "ECO-TRADE" in body.decode()


def test_forged_slider_and_as_of_values_are_refused_with_400(client):
    app = client.application.extensions["dash_app"]
    slider = next(k for k in app.callback_map if "reach-headline" in k)
    body = {
        "output": slider,
        "outputs": [_concrete(o) for o in split_callback_id(slider)],
        "inputs": [{"id": "reach-slider", "property": "value", "value": "abc"}],
        "state": [{"id": "corridors-lang", "property": "data", "value": "en"}],
        "changedPropIds": ["reach-slider.value"],
    }
    assert _post(client, body)[0] == 400
    body["inputs"][0]["value"] = 2
    status, answer = _post(client, body)
    assert status == 200, answer[:300]
    body["inputs"][0]["value"] = -(10**9)  # a forged index of the right type clamps
    assert _post(client, body)[0] == 200

    # The "as of" menu writes the URL in the browser (a clientside callback): posting it to
    # the server is refused like any unknown callback, whatever its values.
    as_of = next(k for k in app.callback_map if k == "url.search")
    body = {
        "output": as_of,
        "outputs": {"id": "url", "property": "search"},
        "inputs": [{"id": "as-of-select", "property": "value", "value": "2024Q4"}],
        "state": [
            {"id": "as-of-rendered", "property": "data", "value": "2025Q3"},
            {"id": "url", "property": "search", "value": ""},
        ],
        "changedPropIds": ["as-of-select.value"],
    }
    assert _post(client, body)[0] == 400


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/deps/x.js",
        "/_dash-component-suites/nopackage/x.js",
        "/_dash-component-suites/dash/../../etc/passwd",
        "/assets/../pyproject.toml",
        "/assets/nothing-here.css",
    ],
)
def test_paths_dash_does_not_serve_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, response.data[:200]


def test_conforms_follows_the_hints_callbacks_use():
    class Shape(TypedDict):
        lang: str
        size: NotRequired[int]

    assert conforms(3, int) and not conforms(True, int) and not conforms("3", int)
    assert conforms(None, int | None) and not conforms([], int | None)
    assert conforms({"lang": "en"}, Shape) and conforms({"lang": "en", "size": 2}, Shape)
    assert not conforms({"size": 2}, Shape) and not conforms({"lang": None}, Shape)
    assert conforms({"revision": None, "lang": "en"}, RollbackTarget)
    assert not conforms({"lang": "en"}, RollbackTarget)  # a required key of a union type
    assert not conforms({"size": 2}, Shape) and not conforms({"lang": "en", "size": "2"}, Shape)
    assert conforms(["yes"], list[str]) and not conforms(["yes", 1], list[str])
