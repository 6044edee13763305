"""``/healthz`` and ``/api/v1``: the catalogue and the progress table as JSON.

Errors always have one shape: ``{"ok": false, "error": "...", "status": 400}`` with the same
HTTP status, so a client needs one code path for every failure.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from flask import Blueprint, Response, g, jsonify, request
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from ..core.catalogue import CATALOGUE_COLUMNS, PILLAR_IDS
from ..core.periods import PeriodError, parse_quarter, quarter_label
from ..core.progress import PUBLIC_COLUMNS
from ..web import get_store

api = Blueprint("api", __name__)

#: The progress object's keys, in order: the public contract of ``/api/v1/progress``.
PROGRESS_KEYS = tuple(PUBLIC_COLUMNS)
#: The catalogue as published by ``/api/v1/indicators``: its file's own columns.
INDICATOR_KEYS = tuple(CATALOGUE_COLUMNS)


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


def _json_value(value):
    """NaN and missing become null; numpy scalars become plain numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame, keys: tuple[str, ...]) -> list[dict]:
    return [
        {key: _json_value(row[key]) for key in keys} for row in frame[list(keys)].to_dict("records")
    ]


def _as_of_argument() -> str | None:
    raw = request.args.get("as_of")
    if raw is None or raw.strip() == "":
        return None
    try:
        return quarter_label(parse_quarter(raw))
    except PeriodError as exc:
        raise ApiError(f"as_of: {exc}") from exc


def _pillar_argument() -> str | None:
    raw = request.args.get("pillar")
    if raw is None or raw.strip() == "" or raw == "all":
        return None
    if raw not in PILLAR_IDS:
        raise ApiError(f"unknown pillar {raw!r}; expected one of: {', '.join(PILLAR_IDS)}")
    return raw


@api.get("/healthz")
def healthz():
    """Alive, and the database answers ``SELECT 1``: ``{"ok": true, "database": "ok"}``;
    else 503 ``{"ok": false, "database": "unavailable", ...}`` (load balancers take the
    worker out of rotation until the database is back)."""
    try:
        with get_store().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (DBAPIError, *DRIVER_CONNECTION_ERRORS) as exc:
        if not is_connection_failure(exc):
            raise
        g.audit_error_reason = "database unavailable"
        body = {"ok": False, "database": "unavailable", "error": "database unavailable"}
        return jsonify({**body, "status": 503}), 503
    return jsonify({"ok": True, "database": "ok"})


@api.get("/api/v1/indicators")
def indicators():
    frame = get_store().indicators()
    return jsonify({"ok": True, "count": len(frame), "indicators": _records(frame, INDICATOR_KEYS)})


@api.get("/api/v1/progress")
def progress():
    as_of = _as_of_argument()
    pillar = _pillar_argument()
    frame = get_store().progress(as_of=as_of, pillar=pillar)
    return jsonify({"as_of": frame.attrs["as_of"], "indicators": _records(frame, PROGRESS_KEYS)})


#: The media type of each table format the API hands out as a file.
TABLE_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _table_file(fmt: str, stem: str, build: dict[str, Callable[[], bytes]], what: str):
    """``<stem>.<fmt>`` as an attachment, built by ``build[fmt]``; 404 for another format."""
    if fmt not in build:
        raise ApiError(f"no {what} in format {fmt!r}; use csv or xlsx", 404)
    return Response(
        build[fmt](),
        mimetype=TABLE_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename={stem}.{fmt}"},
    )


@api.get("/upload/template.<fmt>")
def upload_template(fmt: str):
    """The quarterly file template (CSV or XLSX), bilingual headers, every indicator; its unit
    column in the units Chinese sources use (``?lang=zh``) or the display units."""
    from ..i18n import normalise_language
    from ..services.upload_template import template_csv, template_xlsx

    catalogue = get_store().indicators()
    lang = normalise_language(request.args.get("lang"))
    build = {
        "csv": lambda: template_csv(catalogue, lang),
        "xlsx": lambda: template_xlsx(catalogue, lang),
    }
    return _table_file(fmt, "tracker-template", build, "template")


@api.get("/upload/template-<dataset>.<fmt>")
def corridor_upload_template(dataset: str, fmt: str):
    """The corridor file templates: ``template-reach`` and ``template-destinations``."""
    from ..services.upload_template import (
        CORRIDOR_HEADERS,
        corridor_template_csv,
        corridor_template_xlsx,
    )

    if dataset not in CORRIDOR_HEADERS:
        raise ApiError(f"no template for {dataset!r}; use reach or destinations", 404)
    build = {
        "csv": lambda: corridor_template_csv(dataset),
        "xlsx": lambda: corridor_template_xlsx(dataset),
    }
    return _table_file(fmt, f"tracker-template-{dataset}", build, "template")


@api.get("/history/raw/<int:revision_id>")
def raw_file(revision_id: int):
    """The file of a revision exactly as uploaded (staff only)."""
    import io

    from flask import send_file

    from ..services.imports import safe_file_name
    from ..web.auth import require_role

    require_role("staff")
    store = get_store()
    revision, data = store.revision(revision_id), store.raw_file(revision_id)
    if revision is None or data is None:
        raise ApiError(f"revision {revision_id} has no stored file", 404)
    # send_file encodes a Chinese file name for the header (RFC 5987) with an ASCII fallback.
    return send_file(
        io.BytesIO(data),
        mimetype="application/octet-stream",
        as_attachment=True,
        download_name=safe_file_name(revision["file_name"]),
    )


@api.get("/corridors/destinations.<fmt>")
def corridor_destinations(fmt: str):
    """The destination table (both languages' names, coordinates, sources) as CSV or XLSX."""
    from ..services.exports import to_csv_bytes, to_xlsx_bytes

    frame = get_store().destinations()
    build = {
        "csv": lambda: to_csv_bytes(frame),
        "xlsx": lambda: to_xlsx_bytes(frame, sheet_name="destinations"),
    }
    return _table_file(fmt, "corridor-destinations", build, "download")


@api.route("/api/<path:_rest>")
def api_not_found(_rest: str):
    raise ApiError(f"no such API endpoint: {request.path}", 404)
