"""What a read-only request's answer is computed from: the key the response cache keeps it by.

Only requests declared read-only get a key; everything else is computed every time. Kept
apart from the cache itself so what makes two requests "the same" reads in one place.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qsl, urlencode

from dash import Dash
from flask import request
from flask_login import current_user

from ..ui.guard import CALLBACK_PATH, READ_ONLY_MARK

__all__ = ["API_ENDPOINTS", "FIXED_PATHS", "PAGE_ENDPOINTS", "ROUTER_OUTPUT", "request_key"]

#: Dash's own GET endpoints whose answer is fixed for the life of a worker.
FIXED_PATHS = frozenset({"/_dash-layout", "/_dash-dependencies"})
#: Flask endpoints of read-only API routes (their answer depends on the data and the query).
API_ENDPOINTS = frozenset({"api.indicators", "api.progress"})
#: Dash's index route, which serves every page's HTML (the router fills it in).
PAGE_ENDPOINTS = frozenset({"/", "/<path:path>"})
#: The output key of Dash Pages' router callback starts with this.
ROUTER_OUTPUT = ".._pages_content.children"


def _who() -> tuple:
    """The rights an answer was built with: anonymous, or one user with one role."""
    if current_user.is_authenticated:
        user = current_user.user
        return ("user", user.user_id, user.role)
    return ("anonymous",)


def _is_read_only_callback(app: Dash, output: str) -> bool:
    if output.startswith(ROUTER_OUTPUT):
        return True
    entry = app.callback_map.get(output) or {}
    return bool(getattr(entry.get("callback"), READ_ONLY_MARK, False))


def _callback_key(app: Dash) -> tuple | None:
    """What a read-only callback's answer is computed from, or None if it is not one."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return None
    if not _is_read_only_callback(app, body["output"]):
        return None
    inputs = _values(body.get("inputs"))
    if body["output"].startswith(ROUTER_OUTPUT):
        inputs = [_same_query(item) for item in inputs]
    asked = json.dumps(
        [body["output"], inputs, _values(body.get("state"))],
        sort_keys=True,
        separators=(",", ":"),
    )
    return ("callback", _who(), date.today().isoformat(), asked)


def _same_query(item: list) -> list:
    """A page's query string with its parameters in one order (``?pillar=x&lang=zh`` is the
    page of ``?lang=zh&pillar=x``); a repeated parameter keeps its values' order, since the
    first one counts."""
    if item[:2] != ["_pages_location", "search"] or not isinstance(item[2], str):
        return item
    pairs = sorted(parse_qsl(item[2].lstrip("?"), keep_blank_values=True), key=lambda p: p[0])
    return [item[0], item[1], urlencode(pairs)]


def _values(items: object) -> list:
    """(id, property, value) of each input or state, as the callback receives them."""
    if not isinstance(items, list):
        return []
    return [
        _values(item) if isinstance(item, list) else
        [item.get("id"), item.get("property"), item.get("value")]
        for item in items
        if isinstance(item, list | dict)
    ]  # fmt: skip


def request_key(app: Dash) -> tuple | None:
    """The key of this request's answer, or None if it must be computed every time."""
    if request.method == "POST" and request.path == CALLBACK_PATH:
        return _callback_key(app)
    if request.method != "GET":
        return None
    if request.path in FIXED_PATHS:
        return ("fixed", request.path)
    endpoint = request.url_rule.endpoint if request.url_rule else None
    if endpoint in PAGE_ENDPOINTS:
        return ("page", request.full_path)
    if endpoint in API_ENDPOINTS:
        return ("api", _who(), request.full_path, request.headers.get("Accept", ""))
    return None
