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

Here: the login gate and the wiring (:func:`init_auth`). The views are in :mod:`.login_views`,
the session's keys in :mod:`.session_state`, the role checks in :mod:`.roles` and the secret
key in :mod:`.secret_key`; their public names stay importable from here.
"""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request, session
from flask_login import LoginManager, current_user

from .. import config
from . import get_store
from .login_views import auth as auth
from .login_views import csrf_token as csrf_token
from .roles import current_account as current_account
from .roles import has_role as has_role
from .roles import require_role as require_role
from .secret_key import ConfigurationError as ConfigurationError
from .secret_key import resolve_secret_key
from .session_state import SEEN_KEY as SEEN_KEY
from .session_state import SINCE_KEY as SINCE_KEY
from .session_state import VERSION_KEY as VERSION_KEY
from .session_state import SessionUser as SessionUser
from .session_state import end_session_cookie

#: When login is required, everything is closed except exactly these paths...
OPEN_PATHS = frozenset({"/login", "/logout", "/healthz", "/_favicon.ico"})
#: ... and the static files under these folders (styles, fonts and Dash's own scripts: the
#: login page needs them, and they hold no data).
OPEN_STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
#: Minutes without a request after which a session ends (``DASHBOARD_IDLE_MINUTES``).
DEFAULT_IDLE_MINUTES = config.DEFAULT_IDLE_MINUTES
#: The last request's time is rewritten at most this often (seconds): not a cookie a request.
SEEN_RESOLUTION = 60


def is_open_path(path: str) -> bool:
    """Whether ``path`` may be fetched without signing in when login is required.

    Exact paths, never prefixes: ``/loginx`` or ``/login/x`` would otherwise reach Dash's
    catch-all page route.
    """
    return path in OPEN_PATHS or (
        path.startswith(OPEN_STATIC_PREFIXES) and ".." not in path.split("/")
    )


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
