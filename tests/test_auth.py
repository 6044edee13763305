"""Sign-in, sessions, the secret key, REQUIRE_LOGIN, and the staff-only downloads.

Everything goes through Flask's test client over a real SQLite file seeded by ``init-db``;
"signed in" is read from the session Flask itself signed. The seeded database with its
accounts is made once per module and copied for each test (scrypt costs about 0.1 s a hash).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import urllib.request
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import openpyxl
import pytest
from conftest import FIRST_UPLOAD, STAFF, VIEWER, free_port
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.services.imports import prepare_import
from dashboard.services.seed import init_db
from dashboard.store.repository import Store
from dashboard.web.auth import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-secret-key"
BOM = b"\xef\xbb\xbf"
BILINGUAL_HEADER = [
    "indicator_id / 指标代码", "period / 期间", "value / 数值", "basis / 口径", "source / 来源",
    "note / 备注", "name / 指标名称", "unit / 单位",
]  # fmt: skip
INVALID_EN = "The user name or the password is not right."
INVALID_ZH = "用户名或密码不正确。"
DISABLED_EN = "This account is disabled. Ask an administrator."
CSRF_EN = "The form had expired. Please sign in again."


def copy_database(source: Path, target: Path) -> str:
    """A consistent copy of a SQLite database (the backup API, not a file copy)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


@pytest.fixture(scope="module")
def template_database(tmp_path_factory) -> Path:
    """Seeded by ``init-db``, with a staff and a viewer account: made once, copied per test."""
    path = tmp_path_factory.mktemp("template") / "tracker.db"
    store = Store.from_url(f"sqlite:///{path}")
    init_db(store)
    store.accounts.add(*STAFF, "staff")
    store.accounts.add(*VIEWER, "viewer")
    store.engine.dispose()
    return path


@pytest.fixture
def url(template_database, tmp_path) -> str:
    """A fresh copy of the template: the shipped data (revision 1), a staff and a viewer."""
    return copy_database(template_database, tmp_path / "tracker.db")


def make(url: str, **config):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, **config})


def login_page(client, query: str = "") -> str:
    response = client.get(f"/login{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post_login(client, account: tuple[str, str], *, token: str | None = "fetch", **fields):
    """POST /login as the form does; ``token="fetch"`` takes it from ``GET /login``."""
    if token == "fetch":
        token = csrf_of(login_page(client))
    data = {"name": account[0], "password": account[1], "next": "/", "lang": "en", **fields}
    if token is not None:
        data["csrf_token"] = token
    return client.post("/login", data=data)


def signed_in_user(client) -> str | None:
    """The user id Flask-Login keeps in the signed session, if any."""
    with client.session_transaction() as session:
        return session.get("_user_id")


def error_message(response) -> str:
    found = re.search(r'id="login-error">([^<]*)<', response.get_data(as_text=True))
    return found.group(1) if found else ""


def session_cookie_header(response) -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert len(headers) == 1, response.headers.getlist("Set-Cookie")
    return headers[0]


def cookie_attributes(header: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}


# ----- the login form and CSRF ----------------------------------------------------------------


def test_login_form_carries_a_csrf_token_bound_to_the_session(url):
    client = make(url).test_client()
    html = login_page(client)
    token = csrf_of(html)
    assert len(token) >= 32
    assert 'method="post"' in html and 'action="/login"' in html
    with client.session_transaction() as session:
        assert session["csrf"] == token


@pytest.mark.parametrize("token", [None, "", "not-the-token"], ids=["missing", "empty", "wrong"])
def test_login_without_the_right_csrf_token_is_refused_with_400_and_does_not_sign_in(url, token):
    client = make(url).test_client()
    login_page(client)  # the session holds a token; the POST does not carry it
    response = post_login(client, STAFF, token=token)
    assert response.status_code == 400
    assert error_message(response) == CSRF_EN
    assert signed_in_user(client) is None


def test_csrf_token_of_another_session_is_refused(url):
    app = make(url)
    other_token = csrf_of(login_page(app.test_client()))
    client = app.test_client()
    login_page(client)
    response = post_login(client, STAFF, token=other_token)
    assert response.status_code == 400
    assert signed_in_user(client) is None


def test_login_with_the_right_password_signs_in_with_a_fresh_session(url):
    client = make(url).test_client()
    token_before = csrf_of(login_page(client))
    response = post_login(client, STAFF, token=token_before)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert signed_in_user(client) is not None
    assert csrf_of(login_page(client)) != token_before  # no session fixation


# ----- wrong passwords, lock-out, disabled accounts --------------------------------------------


def test_wrong_password_and_unknown_name_get_401_with_the_same_translated_message(url):
    client = make(url).test_client()
    wrong = post_login(client, (STAFF[0], "not-the-password"))
    assert wrong.status_code == 401
    assert error_message(wrong) == INVALID_EN
    assert f'value="{STAFF[0]}"' in wrong.get_data(as_text=True)  # the name is kept
    unknown = post_login(client, ("nobody.here", "not-the-password"))
    assert (unknown.status_code, error_message(unknown)) == (401, INVALID_EN)

    chinese = post_login(client, (STAFF[0], "not-the-password"), lang="zh")
    assert chinese.status_code == 401
    assert error_message(chinese) == INVALID_ZH
    assert '<html lang="zh-CN">' in chinese.get_data(as_text=True)
    assert signed_in_user(client) is None


def test_five_failures_make_that_address_wait_with_the_same_answer_in_every_app_instance(url):
    """Changed with issue 2: the back-off is per (address, name), not a lock of the account,
    and its answer is the one of a wrong password (it no longer says "locked")."""
    client = make(url).test_client()
    token = csrf_of(login_page(client))
    messages = []
    for _ in range(5):
        response = post_login(client, (STAFF[0], "not-the-password"), token=token)
        assert response.status_code == 401
        messages.append(error_message(response))
    assert messages == [INVALID_EN] * 5

    sixth = post_login(client, STAFF, token=token)
    assert (sixth.status_code, error_message(sixth)) == (401, INVALID_EN)
    assert signed_in_user(client) is None

    another_worker = make(url).test_client()
    elsewhere = post_login(another_worker, STAFF)
    assert (elsewhere.status_code, error_message(elsewhere)) == (401, INVALID_EN)
    assert signed_in_user(another_worker) is None
    store = Store.from_url(url)
    assert store.accounts.verify(*STAFF, "127.0.0.1").reason == "locked"
    assert store.accounts.verify(*STAFF, "10.1.2.3").user is not None  # the owner, elsewhere
    store.engine.dispose()


def test_unknown_name_costs_as_much_password_hashing_as_a_wrong_password(url, monkeypatch):
    """Counted on the real scrypt calls (a pass-through counter, not a stand-in)."""
    calls: list[int] = []
    real_scrypt = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(1)
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    store = Store.from_url(url)
    assert store.accounts.verify(STAFF[0], "not-the-password").reason == "invalid"
    known = len(calls)
    calls.clear()
    assert store.accounts.verify("nobody.here", "not-the-password").reason == "invalid"
    unknown = len(calls)
    store.engine.dispose()
    assert known >= 1
    assert unknown == known


def test_disabled_user_cannot_sign_in(url):
    Store.from_url(url).accounts.disable(STAFF[0])
    client = make(url).test_client()
    response = post_login(client, STAFF)
    assert (response.status_code, error_message(response)) == (401, DISABLED_EN)
    assert signed_in_user(client) is None


# ----- the session cookie ----------------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax_and_not_secure_over_http(url):
    client = make(url).test_client()
    form_cookie = session_cookie_header(client.get("/login"))
    signed_in_cookie = session_cookie_header(post_login(client, STAFF))
    for header in (form_cookie, signed_in_cookie):
        assert "HttpOnly" in header and "SameSite=Lax" in header
        assert "secure" not in cookie_attributes(header)


def test_session_cookie_is_secure_with_https(url):
    client = make(url, HTTPS=True).test_client()
    header = session_cookie_header(client.get("/login", base_url="https://localhost"))
    assert {"httponly", "secure", "samesite"} <= cookie_attributes(header)
    assert "SameSite=Lax" in header


# ----- where the login sends you ---------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
     "evil.example", "/\t/evil.example"],
    ids=["protocol-relative", "absolute", "scheme-without-slashes", "javascript", "relative",
         "tab"],
)  # fmt: skip
def test_login_next_off_site_goes_to_the_home_page(url, target):
    client = make(url).test_client()
    html = login_page(client, "?" + urlencode({"next": target}))
    assert '<input type="hidden" name="next" value="/">' in html
    response = post_login(client, STAFF, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_next_with_a_backslash_stays_on_this_site(url):
    """Browsers read ``/\\evil.example`` as ``//evil.example``: it must not leave the site."""
    response = post_login(make(url).test_client(), STAFF, next="/\\evil.example")
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "\\" not in location and urlsplit(location).netloc == ""


def test_login_next_path_on_this_site_is_followed(url):
    response = post_login(make(url).test_client(), STAFF, next="/history?lang=zh&revision=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/history?lang=zh&revision=1"


def test_login_page_shows_next_and_name_as_text_never_as_markup(url):
    client = make(url).test_client()
    hostile = '/"><script>alert(1)</script>'
    html = login_page(client, "?" + urlencode({"next": hostile}))
    assert "<script>alert(1)</script>" not in html
    response = post_login(client, (hostile, "not-the-password"), next=hostile)
    assert response.status_code == 401
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.get_data(as_text=True)


# ----- logout ----------------------------------------------------------------------------------


def test_logout_needs_a_post_with_the_csrf_token(url):
    client = make(url).test_client()
    assert post_login(client, STAFF).status_code == 302
    token = csrf_of(login_page(client))

    client.get("/logout")  # Dash answers every GET with its index page: no sign-out
    assert signed_in_user(client) is not None
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert signed_in_user(client) is not None

    response = client.post("/logout", data={"csrf_token": token, "lang": "zh"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/?lang=zh"
    assert signed_in_user(client) is None


# ----- the secret key --------------------------------------------------------------------------


@pytest.fixture
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv("DASHBOARD_SECRET_KEY", raising=False)
    monkeypatch.delenv("DASHBOARD_ENV", raising=False)


@pytest.mark.parametrize("env", ["production", None], ids=["production", "default"])
def test_create_app_without_a_secret_key_outside_development_names_the_variable(
    url, tmp_path, no_key_in_environment, env
):
    config = {"DATABASE_URL": url, "INSTANCE_DIR": str(tmp_path / "instance")}
    if env:
        config["ENV"] = env
    with pytest.raises(ConfigurationError, match="DASHBOARD_SECRET_KEY"):
        create_app(config)
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_development_generates_one_key_file_that_two_app_instances_share(
    url, tmp_path, no_key_in_environment
):
    instance = tmp_path / "instance"
    config = {"DATABASE_URL": url, "ENV": "development", "INSTANCE_DIR": str(instance)}
    first, second = create_app(config), create_app(config)
    assert sorted(p.name for p in instance.iterdir()) == ["secret_key"]
    key_file = instance / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) >= 32

    # A session opened by one worker is read by the other: its CSRF token is accepted
    # (a wrong password gives 401; an unreadable session would give 400).
    one = first.test_client()
    token = csrf_of(login_page(one))
    other = second.test_client()
    other.set_cookie("session", one.get_cookie("session").value)
    response = post_login(other, ("nobody.here", "not-the-password"), token=token)
    assert response.status_code == 401


def test_serve_without_a_secret_key_exits_with_a_clear_message(url, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DASHBOARD_SECRET_KEY", "DASHBOARD_ENV")
    }
    env.update(DASHBOARD_DATABASE_URL=url, DASHBOARD_INSTANCE_DIR=str(tmp_path / "instance"))
    port = str(free_port())
    done = subprocess.run(
        ["timeout", "30", sys.executable, "-m", "dashboard.cli", "serve", "--port", port],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=90,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1, (done.returncode, err)  # 124 would mean it started serving
    assert "Error: DASHBOARD_SECRET_KEY is not set." in err
    assert "Traceback" not in err
    assert not (tmp_path / "instance" / "secret_key").exists()


# ----- REQUIRE_LOGIN ---------------------------------------------------------------------------

ROUTER_BODY = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [
        {"id": "_pages_content", "property": "children"},
        {"id": "_pages_store", "property": "data"},
    ],
    "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": "/"},
        {"id": "_pages_location", "property": "search", "value": ""},
    ],
    "changedPropIds": ["_pages_location.search"],
    "parsedChangedPropsIds": ["_pages_location.search"],
}
LOGIN_REQUIRED = {"ok": False, "error": "login required", "status": 401}


@pytest.mark.parametrize("path", ["/", "/indicator/ECO-TRADE?lang=zh", "/upload", "/history"])
def test_require_login_redirects_pages_to_the_login_form(url, path):
    client = make(url, REQUIRE_LOGIN=True).test_client()
    response = client.get(path)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query)["next"][0].rstrip("?") == path


def test_require_login_answers_401_json_on_the_api_and_the_dash_endpoints(url):
    client = make(url, REQUIRE_LOGIN=True).test_client()
    for response in (
        client.get("/api/v1/progress"),
        client.get("/_dash-layout"),
        client.post("/_dash-update-component", json=ROUTER_BODY),
    ):
        assert response.status_code == 401
        assert response.get_json() == LOGIN_REQUIRED


def test_require_login_keeps_healthz_assets_and_the_login_form_open(url):
    client = make(url, REQUIRE_LOGIN=True).test_client()
    assert client.get("/healthz").get_json() == {"ok": True, "database": "ok"}  # issue 6
    assert client.get("/assets/tracker.css").status_code == 200
    assert client.get("/login").status_code == 200


def test_require_login_lets_a_signed_in_viewer_see_the_pages(url):
    client = make(url, REQUIRE_LOGIN=True).test_client()
    assert post_login(client, VIEWER).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    page = client.post("/_dash-update-component", json=ROUTER_BODY)
    assert page.status_code == 200 and page.get_json()["multi"] is True
    assert client.get("/api/v1/progress").get_json()["as_of"] == "2025Q4"


# ----- the raw file of a revision --------------------------------------------------------------

#: Bytes a text decoder would change: BOM, CRLF, and Chinese headers.
RAW_UPLOAD = BOM + "指标代码,期间,数值,口径\r\nECO-TRADE,2025,1150,annual\r\n".encode()


@pytest.fixture(scope="module")
def imported_template(template_database, tmp_path_factory) -> Path:
    """Revision 2 imported through the ``dashboard import`` command from ``q3 数据.csv``."""
    folder = tmp_path_factory.mktemp("imported")
    url = copy_database(template_database, folder / "tracker.db")
    path = folder / "q3 数据.csv"
    path.write_bytes(RAW_UPLOAD)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "import", str(path), "--user", "alice"],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_DATABASE_URL": url, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith(f"Imported as revision {FIRST_UPLOAD}:")
    return folder / "tracker.db"


@pytest.fixture
def imported_url(imported_template, tmp_path) -> str:
    return copy_database(imported_template, tmp_path / "tracker.db")


@pytest.mark.parametrize("role", [None, "viewer"], ids=["anonymous", "viewer"])
def test_raw_file_is_refused_to_anonymous_and_viewers(imported_url, role):
    client = make(imported_url).test_client()
    if role:
        assert post_login(client, VIEWER).status_code == 302
    response = client.get(f"/history/raw/{FIRST_UPLOAD}")
    assert response.status_code == 403
    assert RAW_UPLOAD not in response.data


def test_raw_file_is_served_to_staff_exactly_as_imported(imported_url):
    client = make(imported_url).test_client()
    assert post_login(client, STAFF).status_code == 302
    response = client.get(f"/history/raw/{FIRST_UPLOAD}")
    assert response.status_code == 200
    assert response.data == RAW_UPLOAD
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.mimetype == "application/octet-stream"
    missing = client.get("/history/raw/99")
    assert missing.status_code == 404 and missing.get_json()["ok"] is False


def test_raw_file_with_a_chinese_file_name_downloads_through_a_real_http_server(imported_url):
    app = make(imported_url)
    client = app.test_client()
    assert post_login(client, STAFF).status_code == 302
    cookie = client.get_cookie("session").value
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.server_port}/history/raw/{FIRST_UPLOAD}",
            headers={"Cookie": f"session={cookie}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Disposition"].startswith("attachment")
            assert response.read() == RAW_UPLOAD
    finally:
        server.shutdown()
        thread.join(timeout=10)


# ----- the upload templates --------------------------------------------------------------------


def test_csv_template_has_a_bom_bilingual_headers_every_indicator_and_an_example_per_basis(url):
    response = make(url).test_client().get("/upload/template.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(response.data[len(BOM) :].decode("utf-8"))))
    assert rows[0] == BILINGUAL_HEADER
    catalogue = Store.from_url(url).indicators()
    assert [r[0] for r in rows[1:16]] == catalogue["indicator_id"].tolist()
    for row, (_, indicator) in zip(rows[1:16], catalogue.iterrows(), strict=True):
        assert indicator["name_en"] in row[6] and indicator["name_zh"] in row[6]
        assert indicator["unit"] in row[7]
    # The examples are comment lines below the rows: text in the first cell only, so that the
    # import skips them; one per basis, with invented numbers and no real source.
    guidance = [r for r in rows[16:] if any(r)]
    assert guidance and all(r[0].startswith("#") and not any(r[1:]) for r in guidance)
    text = "\n".join(r[0] for r in guidance)
    for basis in ("quarter", "ytd", "annual"):
        assert f", {basis}, https://example.org/" in text


def test_xlsx_template_has_15_indicator_rows_and_an_example_sheet_per_basis(url):
    response = make(url).test_client().get("/upload/template.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    data, examples = book.worksheets[0], book.worksheets[1]
    data_rows = list(data.iter_rows(values_only=True))
    assert list(data_rows[0]) == BILINGUAL_HEADER
    ids = Store.from_url(url).indicators()["indicator_id"].tolist()
    assert [r[0] for r in data_rows[1:]] == ids and len(ids) == 15
    example_rows = list(examples.iter_rows(values_only=True))
    assert list(example_rows[0]) == BILINGUAL_HEADER
    assert sorted(r[3] for r in example_rows[1:]) == ["annual", "quarter", "ytd"]
    assert {r[0] for r in example_rows[1:]} <= set(ids)


def test_csv_template_uploaded_unchanged_is_refused_as_having_no_rows(url):
    """Neither the rows to fill nor the example lines are data: an unchanged template has none."""
    data = make(url).test_client().get("/upload/template.csv").data
    prepared = prepare_import(Store.from_url(url), data, "tracker-template.csv")
    assert not prepared.ok
    assert [p.code for p in prepared.errors] == ["file_no_rows"]


def test_xlsx_template_uploaded_unchanged_is_refused_as_having_no_rows(url):
    data = make(url).test_client().get("/upload/template.xlsx").data
    prepared = prepare_import(Store.from_url(url), data, "tracker-template.xlsx")
    assert not prepared.ok
    assert [p.code for p in prepared.errors] == ["file_no_rows"]
