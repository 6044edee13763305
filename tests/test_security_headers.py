"""Issue 14, point 1: security headers on every response, and no versions in the page.

With Flask's test client: every kind of response (Dash pages in both languages, Dash's layout
and callbacks, the API, exports and downloads, static files, the sign-in page, redirects and
errors) has the Content-Security-Policy, ``X-Frame-Options: DENY``, ``nosniff`` and
``Referrer-Policy: same-origin``; the policy allows scripts only from the site itself and
Dash's inline scripts only by their hashes (no 'unsafe-inline', no 'unsafe-eval', no other
host anywhere); every inline script a page holds is allowed by that page's own policy; the
sign-in and staff pages, and every non-static response to a signed-in user, are
``no-store`` while static files keep their caching; the page config names no version of
Python, Dash or plotly, and the script URLs no version of Dash. tests/test_browser_csp.py
shows the policy holding (and protecting) in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from importlib import metadata

import dash
import plotly
import pytest
from conftest import STAFF

from dashboard.app import create_app
from dashboard.services.seed import init_db
from dashboard.store.repository import Store
from dashboard.web.security import VERSION_KEYS
from dashboard.web.warm import router_body

CALLBACK = "/_dash-update-component"
FIXED_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
#: Every kind of response a signed-out visitor can get: (method, path, expected status).
REQUESTS = [
    ("GET", "/", 200),
    ("GET", "/?lang=zh", 200),
    ("GET", "/indicator/ECO-TRADE?lang=zh", 200),
    ("GET", "/corridors", 200),
    ("GET", "/briefing?lang=zh", 200),
    ("GET", "/upload", 200),
    ("GET", "/history", 200),
    ("GET", "/nowhere", 200),  # Dash answers every path; its router shows "not found"
    ("GET", "/_dash-layout", 200),
    ("GET", "/_dash-dependencies", 200),
    ("GET", "/login", 200),
    ("GET", "/login?lang=zh", 200),
    ("POST", "/login", 400),  # no CSRF token
    ("POST", "/logout", 400),
    ("GET", "/healthz", 200),
    ("GET", "/api/v1/indicators", 200),
    ("GET", "/api/v1/progress?as_of=2024Q4", 200),
    ("GET", "/api/v1/progress?as_of=never", 400),
    ("GET", "/api/v1/nothing", 404),
    ("GET", "/export/progress.csv", 200),
    ("GET", "/export/progress.xlsx?lang=zh", 200),
    ("GET", "/upload/template.csv", 200),
    ("GET", "/upload/template-reach.xlsx", 200),
    ("GET", "/corridors/destinations.csv", 200),
    ("GET", "/history/raw/1", 403),
    ("GET", "/assets/tracker.css", 200),
    ("GET", "/assets/vendor/plotly/plotly-tracker.min.js", 200),
    ("GET", "/assets/topojson/world_110m.json", 200),
    ("GET", "/assets/vendor/bootstrap-icons/fonts/bootstrap-icons-subset.woff2", 200),
    ("GET", "/assets/no-such-file.css", 404),
    ("GET", "/_dash-component-suites/dash/deps/react@18.3.1.min.js", 200),
    ("GET", "/_dash-component-suites/dash/deps/no-such-file.js", 404),
    ("POST", CALLBACK, 200),  # the router rendering /history
    ("POST", CALLBACK, 400),  # a malformed callback
]


@pytest.fixture
def app(accounts_app):
    return accounts_app.server


def sign_in(client, account: tuple[str, str]) -> None:
    """Through the real form: the CSRF token comes from the HTML of ``GET /login``."""
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    name, password = account
    response = client.post(
        "/login", data={"csrf_token": token, "name": name, "password": password, "next": "/"}
    )
    assert response.status_code == 302


def send(client, method: str, path: str, status: int = 200):
    if path == CALLBACK:
        client.get("/")  # Dash Pages registers its router at the first request
        body = router_body("/history", "?lang=zh") if status == 200 else {"output": "x"}
        return client.post(path, json=body)
    return client.open(path, method=method)


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request.path}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice"
        directives[name] = sources
    return directives


def inline_scripts(html: str) -> list[str]:
    """The inline scripts a browser runs: not JSON data, not inside an HTML comment."""
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    scripts = []
    for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S):
        attributes, body = match.groups()
        if "src=" in attributes or "application/json" in attributes:
            continue
        scripts.append(body)
    return scripts


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def assert_headers(response, where: str) -> None:
    for name, value in FIXED_HEADERS.items():
        assert response.headers.get(name) == value, f"{name} on {where}"
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'none'"], where
    assert "Strict-Transport-Security" not in response.headers, where  # plain HTTP here


# ----- every response ---------------------------------------------------------------------------


def test_every_kind_of_response_has_the_headers(app):
    client = app.test_client()
    for method, path, status in REQUESTS:
        response = send(client, method, path, status)
        where = f"{method} {path}"
        assert response.status_code == status, where
        assert_headers(response, where)


def test_signed_in_and_behind_the_login_gate_too(app, sqlite_url):
    client = app.test_client()
    sign_in(client, STAFF)
    for method, path, status in REQUESTS:
        if path == "/history/raw/1":
            status = 200  # the seed's file, for staff
        response = send(client, method, path, status)
        assert response.status_code == status, path
        assert_headers(response, f"{method} {path} (staff)")

    # With DASHBOARD_REQUIRE_LOGIN, the gate's redirect and its JSON 401 carry them too.
    locked = create_app(
        {"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key", "REQUIRE_LOGIN": True}
    ).test_client()
    redirect = locked.get("/indicator/ECO-TRADE")
    assert redirect.status_code == 302
    assert_headers(redirect, "the login gate's redirect")
    refused = locked.get("/api/v1/progress")
    assert refused.status_code == 401
    assert_headers(refused, "the login gate's 401")


def test_a_repeated_answer_has_the_headers_again(app):
    """A response served again (from the server's response cache, where there is one) is
    finished by the same after-request hooks: the headers are there every time."""
    client = app.test_client()
    for _ in range(3):
        for path in ("/", "/?lang=zh", "/_dash-layout", "/api/v1/indicators"):
            assert_headers(client.get(path), path)
        answer = client.post(CALLBACK, json=router_body("/", "?lang=zh"))
        assert answer.status_code == 200
        assert_headers(answer, "the router callback")


# ----- the policy -------------------------------------------------------------------------------


def test_the_policy_allows_only_the_site_itself_and_scripts_only_by_hash(app):
    client = app.test_client()
    directives = policy(client.get("/"))
    assert directives["default-src"] == ["'self'"]
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    hashes = script_src[1:]
    assert hashes and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", h) for h in hashes)
    assert "script-src-elem" not in directives and "script-src-attr" not in directives
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name, sources in directives.items():
        assert "'unsafe-eval'" not in sources, name
        if name != "style-src":  # Dash's components and plotly insert <style> elements
            assert "'unsafe-inline'" not in sources, name
        # Offline: no host, no wildcard; the only schemes are images drawn in the browser.
        for source in sources:
            assert source.startswith("'") or source in ("data:", "blob:"), (name, source)
    assert set(directives["img-src"]) == {"'self'", "data:", "blob:"}
    assert "data:" not in directives["default-src"]
    assert set(directives["connect-src"]) == {"'self'", "blob:", "data:"}  # no other host


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_inline_script_of_every_page_is_allowed_by_its_hash(app, lang):
    """Dash's renderer, its page-title callback and our clientside callbacks, on every kind of
    page, signed out and signed in: each inline script is in that response's own policy."""
    for signed_in in (False, True):
        client = app.test_client()
        if signed_in:
            sign_in(client, STAFF)
        for path in ("/", "/indicator/ECO-TRADE", "/corridors", "/upload", "/history"):
            response = client.get(f"{path}?lang={lang}")
            scripts = inline_scripts(response.get_data(as_text=True))
            # The renderer, the title callback and the clientside callbacks of three pages.
            assert len(scripts) >= 5, path
            allowed = policy(response)["script-src"]
            assert [s for s in scripts if sha256(s) not in allowed] == [], path
            assert len(allowed) == len(set(allowed))


def test_the_sign_in_page_has_no_inline_script_or_style(app):
    for lang in ("en", "zh"):
        html = app.test_client().get(f"/login?lang={lang}").get_data(as_text=True)
        assert inline_scripts(html) == []
        assert "style=" not in html and "<style" not in html
        assert not re.search(r"<[^>]*\son\w+=", html)  # no onclick= and the like


# ----- caching ----------------------------------------------------------------------------------


def cache_control(response) -> str:
    return response.headers.get("Cache-Control", "")


def test_staff_pages_are_no_store_and_public_answers_are_not_signed_out(app):
    client = app.test_client()
    for path in (
        "/login",
        "/login?lang=zh",
        "/upload",
        "/upload?lang=zh",
        "/history",
        "/history?revision=3",
        "/history/raw/1",
        "/upload/template.csv",
    ):
        assert cache_control(client.get(path)) == "no-store", path
    assert cache_control(client.post("/logout")) == "no-store"
    for path in ("/", "/indicator/ECO-TRADE", "/_dash-layout", "/api/v1/indicators"):
        assert "no-store" not in cache_control(client.get(path)), path
    answer = client.post(CALLBACK, json=router_body("/"))
    assert "no-store" not in cache_control(answer)


def test_signed_in_every_dynamic_answer_is_no_store(app):
    client = app.test_client()
    sign_in(client, STAFF)
    for path in (
        "/",
        "/indicator/ECO-TRADE?lang=zh",
        "/upload",
        "/history",
        "/_dash-layout",
        "/_dash-dependencies",
        "/api/v1/progress",
        "/export/progress.csv",
        "/history/raw/1",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert cache_control(response) == "no-store", path
    for pathname in ("/upload", "/history", "/"):
        answer = client.post(CALLBACK, json=router_body(pathname))
        assert answer.status_code == 200
        assert cache_control(answer) == "no-store", pathname


@pytest.mark.parametrize("signed_in", [False, True])
def test_static_files_keep_their_caching(app, signed_in):
    client = app.test_client()
    if signed_in:
        sign_in(client, STAFF)
    html = client.get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)
    assert len(bundles) >= 5
    for url in bundles:  # fingerprinted: a year
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/javascript", url
        assert cache_control(response) == "max-age=31536000", url
    for url in ("/assets/tracker.css", "/assets/vendor/plotly/plotly-tracker.min.js"):
        response = client.get(url)  # revalidated by ETag, as Flask serves them
        assert "no-store" not in cache_control(response), url
        assert response.headers.get("ETag"), url


# ----- versions ---------------------------------------------------------------------------------


def dash_config(html: str) -> dict:
    match = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_the_page_names_no_version_of_python_dash_or_plotly(app):
    versions = {
        "python": sys.version.split()[0],
        "dash": dash.__version__,
        "plotly": plotly.__version__,
        "flask": metadata.version("flask"),
        "werkzeug": metadata.version("werkzeug"),
    }
    client = app.test_client()
    for path in ("/", "/upload?lang=zh", "/login"):
        html = client.get(path).get_data(as_text=True)
        if path != "/login":
            config = dash_config(html)
            assert not set(VERSION_KEYS) & set(config), path
            assert config["requests_pathname_prefix"] == "/"  # the config is still whole
        for name, version in versions.items():
            for spelling in (version, version.replace(".", "_")):
                assert spelling not in html, f"{name} {spelling} in {path}"
        assert "dash-version.plotly.com" not in html


def test_the_script_token_is_the_same_in_every_worker_and_changes_with_the_key(sqlite_url):
    store = Store.from_url(sqlite_url)
    init_db(store)
    store.engine.dispose()

    def bundles(secret: str) -> list[str]:
        app = create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": secret})
        html = app.test_client().get("/").get_data(as_text=True)
        return re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)

    first, again, other = bundles("key-one"), bundles("key-one"), bundles("key-two")
    assert first == again  # every worker (same key) writes the same URLs: one browser cache
    assert first != other
    assert all(re.search(r"\.v[0-9a-f]{12}m\d+\.", url) for url in first)


# ----- HTTPS ------------------------------------------------------------------------------------


def test_https_deployments_get_hsts_and_plain_http_is_not_redirected(sqlite_url):
    store = Store.from_url(sqlite_url)
    init_db(store)
    store.engine.dispose()
    settings = {"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"}

    plain = create_app(settings).test_client()
    assert plain.get("/").status_code == 200  # no redirect to https
    assert "Strict-Transport-Security" not in plain.get("/", base_url="https://localhost").headers
    assert "Secure" not in plain.get("/login").headers["Set-Cookie"]

    https = create_app({**settings, "HTTPS": True}).test_client()
    assert https.get("/").status_code == 200  # TLS ends at the proxy, which redirects
    assert "Strict-Transport-Security" not in https.get("/").headers
    secure = https.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31556926"
    behind_proxy = https.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.headers["Strict-Transport-Security"] == "max-age=31556926"
    assert "Secure" in https.get("/login").headers["Set-Cookie"]
