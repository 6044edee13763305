"""The answer to a breached limit: 429 in the API's error shape, with ``Retry-After``."""

from __future__ import annotations

import math
import time

from flask import Response, jsonify
from flask_limiter import RequestLimit


def too_many(limit: RequestLimit) -> Response:
    # The window's own end: RequestLimit.reset_at is rounded up a second more (up to 61 s).
    return too_many_until(limit.window.reset_time)


def too_many_until(reset_at: float) -> Response:
    """429 in the API's error shape, with Retry-After (seconds) and the message translated."""
    from ..api.errors import request_language
    from ..i18n import t

    seconds = max(1, math.ceil(reset_at - time.time()))
    message = t("errors.rate_limited", request_language(), seconds=seconds)
    response = jsonify({"ok": False, "error": message, "status": 429})
    response.status_code = 429
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response
