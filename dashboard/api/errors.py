"""The API's one error shape, and the handlers that answer every failure with it.

Errors always have one shape: ``{"ok": false, "error": "...", "status": 400}`` with the same
HTTP status, so a client needs one code path for every failure.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from flask import Response, g, jsonify, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from .blueprint import api


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def error_response(message: str, status: int):
    return jsonify({"ok": False, "error": message, "status": status}), status


@api.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return error_response(exc.message, exc.status)


@api.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    """JSON errors under /api and Dash's own endpoints (callbacks, layout, component suites);
    routing errors such as 405 happen before the blueprint, hence an app-wide handler."""
    if not request.path.startswith(("/api/", "/healthz", "/_dash-")):
        return exc
    return error_response(exc.description or exc.name, exc.code or 500)


def request_language() -> str:
    """The language of this request: ``?lang=``, the form's ``lang``, or the page it came from
    (Dash callbacks are posted from a page whose address carries ``?lang=``)."""
    from ..i18n import normalise_language

    given = request.args.get("lang") or request.form.get("lang")
    if not given and request.referrer:
        given = (parse_qs(urlsplit(request.referrer).query).get("lang") or [None])[0]
    return normalise_language(given)


def _driver_connection_errors() -> tuple[type[Exception], ...]:
    """The driver's own connection errors: a raw pool connection (``engine.raw_connection()``,
    as the data token takes) raises them unwrapped by SQLAlchemy."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - SQLite-only installs
        return ()
    return (psycopg.OperationalError, psycopg.InterfaceError)


DRIVER_CONNECTION_ERRORS = _driver_connection_errors()


def is_connection_failure(exc: Exception) -> bool:
    """The database cannot be reached (down, restarting, network), not a bad statement."""
    return isinstance(exc, (OperationalError, InterfaceError, *DRIVER_CONNECTION_ERRORS)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


@api.app_errorhandler(DBAPIError)
def _database_error(exc: Exception):
    """A database that cannot be reached is a 503 with a message in the user's language: the
    API's error shape under /api/, /healthz and Dash's endpoints, a short page elsewhere.
    Other database errors stay 500s (a bug, not an outage)."""
    from ..i18n import t

    if not is_connection_failure(exc):
        raise exc
    g.audit_error_reason = "database unavailable"
    lang = request_language()
    message = t("errors.database_unavailable", lang)
    if request.path.startswith(("/api/", "/healthz", "/_dash-")):
        response, status = error_response(message, 503)
    else:
        title = t("errors.database_unavailable_title", lang)
        page = (
            f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"><title>{escape(title)}</title></head><body>'
            f'<h1>{escape(title)}</h1><p id="database-unavailable">{escape(message)}</p>'
            "</body></html>"
        )
        response, status = Response(page, mimetype="text/html"), 503
    response.status_code = status
    response.headers["Retry-After"] = "30"
    response.headers["Cache-Control"] = "no-store"
    return response


for _error in DRIVER_CONNECTION_ERRORS:
    api.app_errorhandler(_error)(_database_error)
