"""Login, sessions, roles and the secret key.

- Viewing needs no login unless ``DASHBOARD_REQUIRE_LOGIN=1``; uploading needs ``staff``;
  rolling back needs ``admin``. Every callback that writes calls :func:`require_role` itself:
  Dash callbacks share one public endpoint, so hiding a button protects nothing.
- The login form is plain HTML with a CSRF token kept in the (signed) session.
- The session cookie is HttpOnly and SameSite=Lax, and Secure when ``DASHBOARD_HTTPS=1``.
- ``DASHBOARD_SECRET_KEY`` is required outside development; in development one key is
  generated into the instance folder so that every worker shares it.

Sessions end on the server (issue 4). The session records the user's ``session_version`` at
sign-in; the user loader refuses a session whose version is no longer the user's (sign-out, a
new password and disabling bump it), one idle for more than ``DASHBOARD_IDLE_MINUTES`` (default
30: the time of the last request is kept in the session, rewritten at most once a minute) and
one older than ``PERMANENT_SESSION_LIFETIME`` (8 hours). A refused session is anonymous from
then on: flask-login loads the user lazily through the loader, so every hook that looks at
``current_user`` (the login gate, the response cache's key) sees it signed out.
"""

from __future__ import annotations

import hmac
import os
import secrets
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from sqlalchemy.exc import DBAPIError

from .. import config
from ..api.routes import DRIVER_CONNECTION_ERRORS
from ..audit import audit
from ..i18n import normalise_language, t
from ..store.accounts import RANK, User
from . import get_store

auth = Blueprint("auth", __name__)

#: When login is required, everything is closed except exactly these paths...
OPEN_PATHS = frozenset({"/login", "/logout", "/healthz", "/_favicon.ico"})
#: ... and the static files under these folders (styles, fonts and Dash's own scripts: the
#: login page needs them, and they hold no data).
OPEN_STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
#: Minutes without a request after which a session ends (``DASHBOARD_IDLE_MINUTES``).
DEFAULT_IDLE_MINUTES = config.DEFAULT_IDLE_MINUTES
#: The session keys: the user's session version at sign-in, when it began, the last request.
VERSION_KEY, SINCE_KEY, SEEN_KEY = "_sv", "_since", "_seen"
#: The last request's time is rewritten at most this often (seconds): not a cookie a request.
SEEN_RESOLUTION = 60
#: What flask-login keeps in the session for a signed-in user.
_LOGIN_KEYS = ("_user_id", "_fresh", "_id", VERSION_KEY, SINCE_KEY, SEEN_KEY)


def is_open_path(path: str) -> bool:
    """Whether ``path`` may be fetched without signing in when login is required.

    Exact paths, never prefixes: ``/loginx`` or ``/login/x`` would otherwise reach Dash's
    catch-all page route.
    """
    return path in OPEN_PATHS or (
        path.startswith(OPEN_STATIC_PREFIXES) and ".." not in path.split("/")
    )


class ConfigurationError(RuntimeError):
    """The app cannot start as configured; the message says what to set."""


class SessionUser(UserMixin):
    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return str(self.user.user_id)


def resolve_secret_key(settings: dict) -> str:
    """The signing key for sessions: configured, or (development only) kept in instance/."""
    key = settings.get("SECRET_KEY")  # DASHBOARD_SECRET_KEY, through config.settings()
    if key:
        return key
    if settings.get("ENV") != "development":
        raise ConfigurationError(
            "DASHBOARD_SECRET_KEY is not set. Outside development the tracker needs one secret "
            "key shared by all workers, e.g. DASHBOARD_SECRET_KEY=$(python -c 'import secrets; "
            "print(secrets.token_hex(32))'). For local use set DASHBOARD_ENV=development."
        )
    path = Path(settings.get("INSTANCE_DIR") or "instance") / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Workers start at once: write a private temporary file, then link it into place.
        # link() fails if another worker won, and then everyone reads the winner's key.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.close(fd)
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


def init_auth(server: Flask, settings: dict) -> None:
    server.secret_key = resolve_secret_key(settings)
    secure = bool(settings.get("HTTPS"))
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    )
    manager = LoginManager()
    manager.init_app(server)

    idle_seconds = 60 * float(settings.get("IDLE_MINUTES") or DEFAULT_IDLE_MINUTES)
    lifetime = server.config["PERMANENT_SESSION_LIFETIME"].total_seconds()

    @manager.user_loader
    def _load(user_id: str):
        try:
            user = get_store().accounts.get(int(user_id))
        except ValueError:
            user = None
        now = time.time()
        seen = session.get(SEEN_KEY)
        since = session.get(SINCE_KEY)
        if (
            user is None
            or session.get(VERSION_KEY) != user.session_version
            or not isinstance(seen, int | float)
            or not isinstance(since, int | float)
            or now - seen > idle_seconds
            or now - since > lifetime
        ):
            end_session_cookie()
            return None
        if now - seen >= SEEN_RESOLUTION:
            session[SEEN_KEY] = int(now)
        return SessionUser(user)

    server.register_blueprint(auth)
    if settings.get("REQUIRE_LOGIN"):

        @server.before_request
        def _require_login():
            if is_open_path(request.path) or current_user.is_authenticated:
                return None
            if request.path.startswith(("/api/", "/_dash-")):
                return jsonify({"ok": False, "error": "login required", "status": 401}), 401
            return redirect(f"/login?{urlencode({'next': request.full_path})}")


def end_session_cookie() -> None:
    """Forget the signed-in user in this session (its CSRF token and language stay)."""
    for key in _LOGIN_KEYS:
        session.pop(key, None)


def current_account() -> User | None:
    return current_user.user if current_user.is_authenticated else None


def role_of_current_user() -> str:
    user = current_account()
    return user.role if user else "anonymous"


def has_role(role: str) -> bool:
    return RANK[role_of_current_user()] >= RANK[role]


def require_role(role: str) -> User:
    """Refuse the request (403) unless the signed-in user has at least ``role``."""
    user = current_account()
    if user is None or not user.can(role):
        abort(403)
    return user


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _csrf_ok(token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(token, session.get("csrf", ""))


def safe_next(target: str | None) -> str:
    """Only a path on this site: never ``//evil.example`` or ``https://...``."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _render_login(lang: str, next_url: str, message: str | None = None, name: str = "", status=200):
    html = render_template(
        "login.html",
        t=lambda key, **params: t(key, lang, **params),
        lang=lang,
        other="en" if lang == "zh" else "zh",
        html_lang="zh-CN" if lang == "zh" else "en",
        home_url=f"/?lang={lang}",  # the way back to the site, in the form's language
        next_url=next_url,
        token=csrf_token(),
        message=message,
        name=name,
    )
    return html, status


@auth.get("/login")
def login_form():
    lang = normalise_language(request.args.get("lang"))
    return _render_login(lang, safe_next(request.args.get("next")))


@auth.post("/login")
def login_submit():
    lang = normalise_language(request.form.get("lang"))
    next_url = safe_next(request.form.get("next"))
    name = request.form.get("name", "")
    if not _csrf_ok(request.form.get("csrf_token")):
        return _render_login(lang, next_url, t("login.csrf", lang), name, 400)
    try:
        result = get_store().accounts.verify(
            name, request.form.get("password", ""), request.remote_addr
        )
    except (DBAPIError, *DRIVER_CONNECTION_ERRORS):
        # Fails closed: nobody is signed in while the accounts cannot be read.
        g.audit_error_reason = "database unavailable"
        return _render_login(lang, next_url, t("errors.database_unavailable", lang), name, 503)
    if result.user is None:
        audit("sign_in_failed", user=None, name=name[:80], reason=result.reason)
        if result.locked_now:
            audit("locked_out", user=None, name=name[:80])
        # A waiting (locked) pair gets the very answer of a wrong password or unknown name.
        reason = "disabled" if result.reason == "disabled" else "invalid"
        return _render_login(lang, next_url, t(f"login.{reason}", lang), name, 401)
    session.clear()  # a fresh session on login: no fixation
    login_user(SessionUser(result.user))
    now = int(time.time())
    session.update({VERSION_KEY: result.user.session_version, SINCE_KEY: now, SEEN_KEY: now})
    csrf_token()
    audit("sign_in", user=result.user.name, role=result.user.role)
    return redirect(next_url)


@auth.post("/logout")
def logout():
    if not _csrf_ok(request.form.get("csrf_token")):
        abort(400)
    lang = normalise_language(request.form.get("lang"))
    user = current_account()
    if user is not None:
        # On the server: every cookie of this user issued so far is refused from now on.
        get_store().accounts.end_sessions(user.user_id)
        audit("sign_out", user=user.name)
    logout_user()
    session.clear()
    return redirect(f"/?lang={lang}")
