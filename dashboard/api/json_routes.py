"""``/healthz`` and ``/api/v1``: the catalogue and the progress table as JSON."""

from __future__ import annotations

import math

import pandas as pd
from flask import g, jsonify
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ..core.catalogue import CATALOGUE_COLUMNS
from ..core.progress import PUBLIC_COLUMNS
from ..web import get_store
from .blueprint import api
from .errors import DRIVER_CONNECTION_ERRORS, is_connection_failure
from .query_arguments import as_of_argument, pillar_argument

#: The progress object's keys, in order: the public contract of ``/api/v1/progress``.
PROGRESS_KEYS = tuple(PUBLIC_COLUMNS)
#: The catalogue as published by ``/api/v1/indicators``: its file's own columns.
INDICATOR_KEYS = tuple(CATALOGUE_COLUMNS)


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
    as_of = as_of_argument()
    pillar = pillar_argument()
    frame = get_store().progress(as_of=as_of, pillar=pillar)
    return jsonify({"as_of": frame.attrs["as_of"], "indicators": _records(frame, PROGRESS_KEYS)})
