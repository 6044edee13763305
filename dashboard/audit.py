"""The audit log: one JSON object per line for every event that matters to security.

    {"ts": "2026-12-07T09:14:03.201Z", "event": "sign_in", "user": "wang.staff",
     "address": "10.0.0.7", "request_id": "5f0c..."}

Events: ``sign_in``, ``sign_in_failed`` (with ``name`` and ``reason``), ``locked_out``,
``sign_out``, ``upload_preview``, ``commit``, ``rollback``, ``user_added``, ``user_disabled``,
``user_password_changed``, ``error`` (every answer with a 5xx status). Every line carries the
time, the user (or null), the client address (``cli`` for the command line) and the request id
(the ``X-Request-Id`` header when a proxy sets one, else made here; sent back in the answer's
``X-Request-Id``), plus the event's own fields (revision, dataset, file, rows, reason, ...).
Never a password, a hash or a file's contents: callers pass names and counts only.

Where the lines go: the logger ``dashboard.audit`` (stdlib ``logging``). The web app writes to
``DASHBOARD_AUDIT_LOG`` (a file, appended to) when set, else to standard error (gunicorn's
error log); the command line writes only to ``DASHBOARD_AUDIT_LOG`` (its standard error is for
people).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

from . import config

__all__ = ["audit", "configure", "init_audit", "logger", "request_id"]

logger = logging.getLogger("dashboard.audit")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
_CONFIGURED = "_tracker_audit_handler"


class _StandardError(logging.StreamHandler):
    """Standard error as it is when a line is written (tests and click swap sys.stderr)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(destination: str | None = None, *, default_stderr: bool = True) -> None:
    """Send the audit lines to ``destination`` (a file), or standard error; once a process."""
    if any(getattr(h, _CONFIGURED, False) for h in logger.handlers):
        return
    destination = destination or config.value("AUDIT_LOG")
    if destination and destination != "-":
        handler: logging.Handler = logging.FileHandler(destination, encoding="utf-8")
    elif destination == "-" or default_stderr:
        handler = _StandardError()
    else:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    setattr(handler, _CONFIGURED, True)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # one line per event, not again through the root logger


def request_id() -> str | None:
    """This request's id: the proxy's ``X-Request-Id`` if it looks like one, else a new one."""
    if not has_request_context():
        return None
    found = g.get("request_id")
    if found is None:
        given = request.headers.get("X-Request-Id", "")
        found = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        g.request_id = found
    return found


def _signed_in_name() -> str | None:
    """The signed-in user's name, if flask-login has loaded one (never loads it: that needs
    the database, which may be the very thing that failed)."""
    user = g.get("_login_user")
    account = getattr(user, "user", None)
    return getattr(account, "name", None)


def audit(event: str, *, user: str | None = None, **fields: Any) -> None:
    """Write one audit line. ``fields`` must never hold a password or a file's contents."""
    in_request = has_request_context()
    record: dict[str, Any] = {
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "event": event,
        "user": user if user is not None else (_signed_in_name() if in_request else None),
        "address": request.remote_addr if in_request else "cli",
        "request_id": request_id() if in_request else None,
    }
    record.update({key: value for key, value in fields.items() if value is not None})
    logger.info(json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":")))


def init_audit(server: Flask) -> None:
    """Log handler, request ids, and an ``error`` line for every 5xx answer."""
    configure(server.config.get("AUDIT_LOG"))

    @server.after_request
    def _request_id_and_errors(response: Response) -> Response:
        response.headers["X-Request-Id"] = request_id() or ""
        if response.status_code >= 500:
            audit(
                "error",
                status=response.status_code,
                method=request.method,
                path=request.path,
                reason=g.get("audit_error_reason"),
            )
        return response
