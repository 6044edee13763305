"""The view a request asks for (``?as_of=`` and ``?pillar=``), read the same way by every route."""

from __future__ import annotations

from flask import request

from ..core.catalogue import PILLAR_IDS
from ..core.periods import PeriodError, parse_quarter, quarter_label
from .errors import ApiError


def as_of_argument() -> str | None:
    raw = request.args.get("as_of")
    if raw is None or raw.strip() == "":
        return None
    try:
        return quarter_label(parse_quarter(raw))
    except PeriodError as exc:
        raise ApiError(f"as_of: {exc}") from exc


def pillar_argument() -> str | None:
    raw = request.args.get("pillar")
    if raw is None or raw.strip() == "" or raw == "all":
        return None
    if raw not in PILLAR_IDS:
        raise ApiError(f"unknown pillar {raw!r}; expected one of: {', '.join(PILLAR_IDS)}")
    return raw
