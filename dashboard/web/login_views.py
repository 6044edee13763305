"""``/login`` and ``/logout``: the plain HTML sign-in form, its CSRF token and where it leads."""

from __future__ import annotations

import hmac
import secrets
import time
from urllib.parse import urlsplit

from flask import Blueprint, abort, g, redirect, render_template, request, session
from flask_login import login_user, logout_user
from sqlalchemy.exc import DBAPIError

from ..api.routes import DRIVER_CONNECTION_ERRORS
from ..audit import audit
from ..i18n import normalise_language, t
from . import get_store
from .roles import current_account
from .session_state import SEEN_KEY, SINCE_KEY, VERSION_KEY, SessionUser

auth = Blueprint("auth", __name__)


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
